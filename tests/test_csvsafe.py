"""CSV cells safe to open in a spreadsheet (lawstats.csvsafe), in every CSV lawstats writes.

The report is composed for these tests (made-up labels that start like spreadsheet formulas);
expected cells follow from OWASP's rule: a text cell starting with = + - @ tab or CR gets a
leading quote, a plain number does not.
"""
from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from lawstats.cli import main
from lawstats.csvsafe import FORMULA_START, escape_cell, frame_to_csv, read_csv, unescape_cell

#: A made-up report whose labels start like spreadsheet formulas.
FORMULA_REPORT = ("某区2030年度报告\n一、概况\n=SUM受理案件47件。\n@cmd受理申请12件。\n"
                  "+HYPERLINK办结9件。\n-1+2整改问题3个。\n")


def test_formula_cells_are_prefixed_and_read_back(tmp_path, capsys):
    from lawstats.extraction.extract import extract_files

    path = tmp_path / "formula.txt"
    path.write_text(FORMULA_REPORT, encoding="utf-8")
    result = extract_files([path], jobs=1)
    text_cells = [v for v in result.figures.to_numpy().ravel() if isinstance(v, str)]
    dangerous = [v for v in text_cells if v[:1] in FORMULA_START and escape_cell(v) != v]
    assert dangerous, "the composed report should give labels starting like formulas"

    out, excluded = tmp_path / "figures.csv", tmp_path / "excluded.csv"
    assert main(["extract", str(path), "--jobs", "1", "-o", str(out), "--excluded", str(excluded)]) == 0
    for table in (out, excluded):
        with open(table, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        for row in rows:
            for cell in row:
                # a spreadsheet runs a cell starting with one of these, unless it is a plain number
                assert cell[:1] not in FORMULA_START or escape_cell(cell) == cell, cell
    raw = out.read_text(encoding="utf-8")
    assert all("'" + v in raw for v in dangerous)
    back = read_csv(out)
    expected = result.figures.astype(str)
    pd.testing.assert_frame_equal(back, expected.reset_index(drop=True), check_dtype=False)


def test_numbers_are_untouched():
    frame = pd.DataFrame({"label": ["-3", "+2.5", "-50%", "1e5", "=1+2", "-", "@x", "\tx", "\rx"],
                          "value": [-3, 2, -50, 1, 0, 0, 0, 0, 0]})
    rows = list(csv.reader(io.StringIO(frame_to_csv(frame), newline="")))[1:]
    assert [r[0] for r in rows] == ["-3", "+2.5", "-50%", "1e5", "'=1+2", "'-", "'@x", "'\tx", "'\rx"]
    assert [r[1] for r in rows] == ["-3", "2", "-50", "1", "0", "0", "0", "0", "0"]
    assert read_csv(io.StringIO(frame_to_csv(frame)))["label"].tolist() == frame["label"].tolist()


def test_read_figures_gives_the_original_labels(tmp_path):
    from lawstats.extraction.dataset import FIGURE_COLUMNS, read_figures

    row = {c: "" for c in FIGURE_COLUMNS}
    row.update({"id": "f1", "indicator": "=SUM受理案件", "indicator_en": "@cmd", "raw": "47件",
                "value": "47", "lower": "47", "upper": "47", "decimals": "0", "start": "0", "end": "3",
                "quote": "-47件", "repeat_of": "'=already quoted"})
    path = tmp_path / "figures.csv"
    path.write_text(frame_to_csv(pd.DataFrame([row], columns=FIGURE_COLUMNS)), encoding="utf-8")
    assert "'=SUM受理案件" in path.read_text(encoding="utf-8")
    back = read_figures(path).iloc[0]
    assert (back["indicator"], back["indicator_en"], back["quote"], back["repeat_of"]) == \
        ("=SUM受理案件", "@cmd", "-47件", "'=already quoted")
    assert str(back["value"]) == "47"


def test_site_downloads_are_escaped(tmp_path):
    from lawstats.site.build import _report_tables

    path = tmp_path / "formula.txt"
    path.write_text(FORMULA_REPORT, encoding="utf-8")
    tables = _report_tables(path, tmp_path / "no-data")
    for name in ("figures.csv", "excluded.csv", "audit.csv"):
        for row in csv.reader(io.StringIO(tables[name].decode("utf-8"))):
            for cell in row:
                assert cell[:1] not in FORMULA_START or escape_cell(cell) == cell, (name, cell)
    assert b"'=SUM" in tables["figures.csv"] or b"'@cmd" in tables["figures.csv"]


@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\r0123456789.e%ab受理")), max_size=8))
def test_escaping_round_trips_and_is_never_a_formula(text):
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert escaped[:1] not in FORMULA_START or escaped == text  # only plain numbers keep their sign
