"""Batch extraction: ``lawstats.extraction.extract.extract_files`` and ``lawstats extract``."""
from __future__ import annotations

import codecs
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lawstats.cli import main
from lawstats.extraction.dataset import DEFAULT_ANNOTATIONS, format_decimal, read_figures
from lawstats.extraction.extract import (ANNOTATED_COLUMNS, EXCLUDED_COLUMNS, EXTRACT_COLUMNS, extract_file,
                              extract_files)
from lawstats.reading.report import default_report_path, load_report

SAME = ["id", "section", "indicator", "code", "raw", "value", "unit", "qualifier", "lower", "upper",
        "decimals", "quote", "start", "end", "sha256"]


@pytest.fixture(scope="module")
def corpus(root) -> list[Path]:
    files = sorted((root / "tests" / "corpus").glob("*.txt"))
    assert len(files) >= 9
    return files


@pytest.fixture
def encodings(tmp_path) -> dict[str, Path]:
    """Our report as UTF-8 (the original), GB18030 and UTF-16 with BOM and CRLF line ends."""
    text = default_report_path().read_text(encoding="utf-8")
    gb = tmp_path / "luzhai-gb18030.txt"
    gb.write_bytes(text.encode("gb18030"))
    utf16 = tmp_path / "luzhai-utf16-crlf.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"))
    return {"utf-8": default_report_path(), "gb18030": gb, "utf-16": utf16}


@pytest.fixture
def bad_files(tmp_path) -> dict[str, Path]:
    """Files that cannot be read, each with the words its message must contain."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(b"\xff\xff\xfe\x80\x81 \xff")
    return {"no such file": tmp_path / "missing.txt", "empty": empty, "binary": binary,
            "cannot be decoded": garbled}


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# -- the library ----------------------------------------------------------------------
def test_one_file_has_the_columns_that_need_no_person():
    figures, excluded = extract_file(default_report_path())
    assert list(figures.columns) == EXTRACT_COLUMNS
    assert list(excluded.columns) == EXCLUDED_COLUMNS
    assert set(figures["indicator_source"]) == {"automatic"}
    assert figures["id"].is_unique
    assert (figures["file"] == str(default_report_path())).all()
    # the same figures, at the same offsets, as the curated table
    curated = read_figures()
    assert figures[["quote", "start", "end", "raw"]].astype(str).values.tolist() == \
        curated[["quote", "start", "end", "raw"]].astype(str).values.tolist()
    assert figures["value"].tolist() == [format_decimal(v) for v in curated["value"]]


def test_utf8_gb18030_and_utf16_give_the_same_figures(encodings):
    result = extract_files(list(encodings.values()), jobs=1)
    assert result.failures == []
    by_file = {name: result.figures[result.figures["file"] == str(path)].reset_index(drop=True)
               for name, path in encodings.items()}
    assert len(by_file["utf-8"]) > 70
    for name in ("gb18030", "utf-16"):
        pd.testing.assert_frame_equal(by_file[name][SAME], by_file["utf-8"][SAME])
    text = load_report(encodings["gb18030"]).text
    for row in by_file["gb18030"].itertuples():
        assert text[row.start:row.end] == row.quote


def test_the_command_gives_the_same_figures_in_every_encoding(encodings, tmp_path, capsys):
    out = tmp_path / "figures.csv"
    assert main(["extract", *map(str, encodings.values()), "-o", str(out), "--jobs", "1"]) == 0
    figures = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(figures.columns) == EXTRACT_COLUMNS
    groups = [g[["value", "quote", "start", "end"]].reset_index(drop=True)
              for _, g in figures.groupby("file", sort=False)]
    assert len(groups) == 3
    for g in groups[1:]:
        pd.testing.assert_frame_equal(g, groups[0])
    err = capsys.readouterr().err
    assert err.startswith("lawstats extract: 3 files: ")  # no progress line: stderr is no TTY


def test_corpus(corpus, tmp_path, capsys):
    out, excluded = tmp_path / "figures.csv", tmp_path / "excluded.csv"
    code = main(["extract", *map(str, corpus), "-o", str(out), "--excluded", str(excluded)])
    assert code == 0, capsys.readouterr().err
    figures = pd.read_csv(out, dtype=str, keep_default_na=False)
    others = pd.read_csv(excluded, dtype=str, keep_default_na=False)
    assert list(others.columns) == EXCLUDED_COLUMNS
    assert figures["file"].drop_duplicates().tolist() == [str(p) for p in corpus]  # input order
    for path in corpus:
        text = load_report(path).text
        for table in (figures, others):
            rows = table[table["file"] == str(path)]
            assert len(rows) > 0
            for quote, start, end in zip(rows["quote"], rows["start"].astype(int), rows["end"].astype(int)):
                assert text[start:end] == quote
    assert (figures["code"] != "").any()  # standard indicators found without annotations
    assert "9 files: " in capsys.readouterr().err


@pytest.mark.parametrize("annotations", [None, DEFAULT_ANNOTATIONS], ids=["automatic", "annotated"])
def test_every_row_is_the_row_of_extract_tables(root, annotations):
    """extract_files makes its rows in one pass (dataset.automatic_rows without annotations);
    the reference is the general path, extract_tables (annotate, then figure_rows and
    excluded_rows), file by file, over every report of the corpora."""
    from lawstats.extraction.dataset import extract_tables

    paths = [str(p) for folder in ("corpus", "corpus_reading", "reports")
             for p in sorted((root / "tests" / folder).glob("*.txt"))] + [str(default_report_path())]
    result = extract_files(paths, jobs=1, annotations=annotations)
    assert result.failures == [] and len(paths) > 15
    for path in paths:
        figures, excluded = extract_tables(path, annotations, strict=False)
        mine = result.figures[result.figures["file"] == path]
        assert len(mine) > 0 or len(figures) == 0
        for column in [c for c in mine.columns if c in figures.columns]:
            assert mine[column].tolist() == figures[column].tolist(), (path, column)
        others = result.excluded[result.excluded["file"] == path]
        for column in [c for c in others.columns if c in excluded.columns]:
            assert others[column].tolist() == excluded[column].tolist(), (path, column)


def test_a_bad_file_is_reported_and_skipped(corpus, bad_files, tmp_path, capsys):
    good = [str(p) for p in corpus[:3]]
    paths = [good[0], *map(str, bad_files.values()), good[1], good[2]]
    out = tmp_path / "figures.csv"
    assert main(["extract", *paths, "-o", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    for words, path in bad_files.items():
        line = next(x for x in err.splitlines() if str(path) in x)
        assert line.startswith(f"lawstats extract: skipped {path}: ") and words in line
    assert "Traceback" not in err
    assert "7 files (4 failed): " in err
    figures = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert figures["file"].drop_duplicates().tolist() == good


def test_failures_are_listed_in_input_order(corpus, bad_files):
    paths = [bad_files["empty"], corpus[0], bad_files["no such file"]]
    result = extract_files(paths, jobs=1)
    assert [f[0] for f in result.failures] == [str(bad_files["empty"]), str(bad_files["no such file"])]
    assert result.files == 3 and result.figures["file"].unique().tolist() == [str(corpus[0])]


def test_output_is_the_same_with_one_or_two_processes(corpus, tmp_path, capsys):
    paths = [str(p) for p in corpus] + [str(default_report_path())]
    one, two = extract_files(paths, jobs=1), extract_files(paths, jobs=2)
    pd.testing.assert_frame_equal(one.figures, two.figures)
    pd.testing.assert_frame_equal(one.excluded, two.excluded)
    outputs = []
    for jobs in ("1", "2"):
        assert main(["extract", *paths, "--jobs", jobs]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert list(_csv(outputs[0]).columns) == EXTRACT_COLUMNS


def test_progress_is_reported_per_chunk(corpus):
    calls = []
    result = extract_files(corpus, jobs=1, progress=lambda *a: calls.append(a))
    assert calls[-1] == (len(corpus), len(corpus), len(result.figures))
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_progress_line_on_request(corpus, capsys):
    assert main(["extract", *map(str, corpus[:2]), "--progress", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert f"\r[2/2] files, " in err and "figures so far\n" in err
    assert err.splitlines()[-1].startswith("lawstats extract: 2 files: ")


def test_a_report_without_figures(tmp_path):
    path = tmp_path / "no-numbers.txt"
    path.write_text("一、总体情况\n全面推进依法行政。\n", encoding="utf-8")
    result = extract_files([path], jobs=1)
    assert result.failures == [] and len(result.figures) == 0
    assert list(result.figures.columns) == EXTRACT_COLUMNS


def test_curated_annotations_match_by_context(tmp_path):
    copy = tmp_path / "next-year.txt"
    shutil.copyfile(default_report_path(), copy)
    result = extract_files([default_report_path(), copy], jobs=1, annotations=DEFAULT_ANNOTATIONS)
    assert list(result.figures.columns) == ANNOTATED_COLUMNS
    ours = result.figures[result.figures["file"] == str(default_report_path())]
    theirs = result.figures[result.figures["file"] == str(copy)]
    assert ours["id"].tolist() == read_figures()["id"].tolist()
    assert set(ours["indicator_source"]) == {"curated"}
    assert set(theirs["indicator_source"]) == {"matched"}
    assert theirs["indicator_en"].tolist() == ours["indicator_en"].tolist()


def test_bad_annotations_file_is_bad_input(capsys, tmp_path):
    assert main(["extract", str(default_report_path()), "--annotations",
                 str(tmp_path / "none.yaml")]) == 2
    assert "no such annotations file" in capsys.readouterr().err


def test_jobs_must_be_positive(capsys):
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        extract_files([default_report_path()], jobs=0)
    with pytest.raises(SystemExit):
        main(["extract", str(default_report_path()), "--jobs", "0"])


def test_unwritable_output_is_reported(capsys, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "figures.csv"
    assert main(["extract", str(default_report_path()), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err


def test_many_chunks_some_without_figures_make_the_table_of_each_file_in_turn(corpus, tmp_path):
    # the reference is extract_file, one table per file, stacked by pandas: the chunks of a batch
    # (some with no figure at all, some failing) must give the same values and dtypes
    nofig = tmp_path / "nofig.txt"
    nofig.write_text("某县法治政府建设报告\n一、学习\n全年一是学习，二是落实。\n", encoding="utf-8")
    paths = [nofig, nofig, corpus[0], nofig, tmp_path / "missing.txt", corpus[1], nofig, nofig] * 3
    result = extract_files(paths, jobs=1)
    assert len(result.failures) == 3
    readable = [p for p in paths if p.exists()]
    one_by_one = [extract_file(p) for p in readable]
    assert not all(len(f) for f, _ in one_by_one)  # (an empty table has no dtypes to stack: left out)
    for got, expected in ((result.figures, pd.concat([f for f, _ in one_by_one if len(f)], ignore_index=True)),
                          (result.excluded, pd.concat([e for _, e in one_by_one if len(e)], ignore_index=True))):
        assert list(got.dtypes) == list(expected.dtypes)
        pd.testing.assert_frame_equal(got, expected)
