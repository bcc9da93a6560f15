"""Tests of lawstats.site.build, lawstats.site.render and the ``build`` command.

The slow tests build a small site from two tiny notebooks written here (one
draws a matplotlib chart), a synthetic figures table and an audit table, and a
report text that contains ``<script>``.  One module-scoped fixture builds it
twice from clean; the other tests copy that project and its cache, so they do
not depend on each other.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lawstats.site.build import build_site, cache_key, inputs_digest
from lawstats.cli import main
from lawstats.errors import BuildError
from lawstats.site.render import (
    figure_verdicts,
    notebook_title,
    rebase_links,
    render_annotated_report,
    render_index,
)

REPORT_TEXT = "年度报告<script>alert('x')</script>\n\n一、概况\n全年共办理行政复议案件12件，同比增长3.5%，调解纠纷80余件。\n"


def _figures(text: str) -> pd.DataFrame:
    rows = []
    for i, (quote, indicator, value, unit, qualifier, lower, upper) in enumerate([
        ("12件", "行政复议案件", "12", "件", "", "12", "12"),
        ("3.5%", "同比增长", "3.5", "%", "", "3.45", "3.55"),
        ("80余件", "调解纠纷", "80", "件", "余", "80", ""),
    ], start=1):
        start = text.index(quote)
        rows.append({"id": f"F{i:03d}", "section": "一", "indicator": indicator, "indicator_en": f"indicator {i}",
                     "raw": quote, "value": value, "unit": unit, "qualifier": qualifier, "lower": lower,
                     "upper": upper, "decimals": "0", "quote": quote, "start": start, "end": start + len(quote),
                     "repeat_of": ""})
    return pd.DataFrame(rows)


AUDIT = pd.DataFrame({
    "check_id": ["C1", "C2"],
    "kind": ["growth", "repeat"],
    "figure_ids": ["F001 F002", "F002"],
    "verdict": ["consistent", "inconsistent"],
    "detail": ["12 / 11.6 = 1.035", "differs"],
})


def _notebook(cells):
    """The notebook's JSON text.  Called when a test writes it, not at import: nbformat (through
    jsonschema) costs about a CPU-second to import, which every test worker would pay at collection."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    made = []
    for kind, source, tags in cells:
        cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
        if tags:
            cell.metadata["tags"] = list(tags)
        made.append(cell)
    nb = new_notebook(cells=made)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


PARAMETERS = ("code", 'report = None\nlanguage = "zh"', ["parameters"])
CHART = [
    ("md", "# Chart page\n\nA page with a chart.", None),
    PARAMETERS,
    ("code", "import matplotlib.pyplot as plt\nSECRET_SETUP = 1", ["hide-input"]),
    ("code", 'fig, ax = plt.subplots(figsize=(3, 2))\nax.bar(["a", "b"], [1, 2])\n'
             'ax.set(title="Two bars", xlabel="kind", ylabel="count")\nplt.show()', None),
    ("code", "print('removed')", ["remove-cell"]),
    ("code", "print(language, report)", None),
]
TABLE = [
    ("md", "# Table page", None),
    PARAMETERS,
    ("code", "import pandas as pd\npd.DataFrame({'x': [1, 2]}).style.highlight_max()", None),
]
FAILING = [
    ("md", "# Broken", None),
    PARAMETERS,
    ("code", "x = 1", None),
    ("code", "y = undefined_name + 1\nprint(y)", None),
]


def _make_project(root: Path) -> Path:
    (root / "notebooks").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "notebooks" / "01-chart.ipynb").write_text(_notebook(CHART))
    (root / "notebooks" / "02-table.ipynb").write_text(_notebook(TABLE))
    (root / "report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    _figures(REPORT_TEXT).to_csv(root / "data" / "figures.csv", index=False)
    AUDIT.to_csv(root / "data" / "audit.csv", index=False)
    (root / "data" / "datapackage.json").write_text('{"name": "test"}\n')
    return root


def _build(root: Path, out: str = "site", cache: str = "cache", **kw):
    return build_site(out_dir=root / out, notebooks_dir=root / "notebooks", report=root / "report.txt",
                      cache_dir=root / cache, data_dir=root / "data", lock_file=root / "lock.txt",
                      jobs=2, progress=False, **kw)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def frozen_package(tmp_path_factory):
    """Hash a copy of the lawstats package taken now.

    Cache keys cover the package's source; in a shared work tree someone may
    edit it while these tests run, which would (rightly) invalidate the cache
    between two builds of one test.  test_cache_key_covers_data_package_and_lock
    checks that the package is part of the key.
    """
    import lawstats.site.build

    copy = tmp_path_factory.mktemp("package") / "lawstats"
    shutil.copytree(lawstats.site.build._PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lawstats.site.build, "_PACKAGE_DIR", copy)
        yield copy


@pytest.fixture(scope="module")
def built(tmp_path_factory, frozen_package):
    """A project built twice from clean: (root, first result, second result)."""
    root = _make_project(tmp_path_factory.mktemp("project"))
    first = _build(root, "site", "cache")
    second = _build(root, "site2", "cache2")
    return root, first, second


@pytest.fixture
def copy_of(built, tmp_path):
    """A private copy of the built project, its site and its cache."""
    root = tmp_path / "project"
    shutil.copytree(built[0], root, ignore=shutil.ignore_patterns("site2", "cache2"))
    return root


# --------------------------------------------------------------------------- builds

@pytest.mark.slow
def test_two_clean_builds_give_identical_bytes(built):
    root, first, second = built
    assert first.executed == ["01-chart.ipynb", "02-table.ipynb"]
    assert second.executed == first.executed
    a, b = _snapshot(root / "site"), _snapshot(root / "site2")
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    assert {"index.html", "report.html", "01-chart.html", "02-table.html", "code/01-chart.html",
            "code/02-table.html", "static/site.css", "static/notebook.css", "data/figures.csv",
            "data/audit.csv", "data/datapackage.json"} <= set(a)
    assert "data/excluded.csv" not in a  # not in data/, so not offered


@pytest.mark.slow
def test_noop_rebuild_executes_nothing(copy_of):
    before = _snapshot(copy_of / "site")
    result = _build(copy_of)
    assert result.executed == []
    assert result.cached == ["01-chart.ipynb", "02-table.ipynb"]
    assert result.site_cached
    assert _snapshot(copy_of / "site") == before


@pytest.mark.slow
def test_rebuild_keeps_a_file_the_user_dropped_into_the_site(copy_of):
    from lawstats.outputs import MANIFEST

    site = copy_of / "site"
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {p for p in _snapshot(site) if p != MANIFEST}  # lists every file
    (site / "my-notes.txt").write_text("mine", encoding="utf-8")
    (site / "data" / "my-table.csv").write_text("a,b\n", encoding="utf-8")
    stale = site / "code" / "99-old.html"  # a page an earlier build wrote, gone from this one
    stale.write_text("old page", encoding="utf-8")
    manifest["files"]["code/99-old.html"] = hashlib.sha256(b"old page").hexdigest()
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    before = _snapshot(site)

    _build(copy_of)
    after = _snapshot(site)
    assert after["my-notes.txt"] == b"mine" and after["data/my-table.csv"] == b"a,b\n"
    assert "code/99-old.html" not in after
    assert {k: v for k, v in after.items() if k != MANIFEST} == \
        {k: v for k, v in before.items() if k not in (MANIFEST, "code/99-old.html")}
    assert not [p for p in copy_of.iterdir() if p.name.startswith(".site")]  # no leftovers


@pytest.mark.slow
def test_a_user_folder_is_refused_before_any_notebook_runs(copy_of):
    from lawstats.outputs import OutputError

    docs = copy_of / "docs"
    (docs / "photos").mkdir(parents=True)
    (docs / "thesis.docx").write_bytes(b"mine")
    shutil.rmtree(copy_of / "cache")
    with pytest.raises(OutputError, match=r"it holds 2 entries lawstats did not write \(photos/, thesis.docx\)"):
        _build(copy_of, out="docs")
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["photos", "thesis.docx"]
    assert not (copy_of / "cache").exists()  # no work was done


@pytest.mark.slow
def test_touching_a_data_file_executes_again(copy_of):
    with open(copy_of / "data" / "notes.txt", "w") as f:
        f.write("a new input file\n")
    result = _build(copy_of)
    assert result.executed == ["01-chart.ipynb", "02-table.ipynb"]


@pytest.mark.slow
def test_touching_one_notebook_executes_only_it(copy_of):
    path = copy_of / "notebooks" / "02-table.ipynb"
    path.write_text(path.read_text().replace("'x': [1, 2]", "'x': [1, 3]"))
    result = _build(copy_of)
    assert result.executed == ["02-table.ipynb"]
    assert result.cached == ["01-chart.ipynb"]


@pytest.mark.slow
def test_failing_notebook_names_it_and_keeps_the_previous_site(copy_of, capsys, monkeypatch):
    before = _snapshot(copy_of / "site")
    (copy_of / "notebooks" / "03-broken.ipynb").write_text(_notebook(FAILING))
    with pytest.raises(BuildError) as info:
        _build(copy_of)
    error = info.value
    message = str(error)
    assert error.notebook == "03-broken.ipynb"
    assert error.cell_index == 3  # as saved: the injected cell does not shift it
    assert "03-broken.ipynb" in message and "cell 3" in message
    assert "y = undefined_name + 1" in message
    assert "NameError" in message and "undefined_name" in message
    assert _snapshot(copy_of / "site") == before
    assert not [p for p in copy_of.iterdir() if p.name.startswith(".site")]  # no leftovers

    # the command prints the same and exits 1 (run from the project, its notebooks named: without
    # --notebooks lawstats builds the report's own, the general notebooks it ships)
    monkeypatch.chdir(copy_of)
    code = main(["build", "--report", "report.txt", "--notebooks", "notebooks", "--cache-dir", "cache",
                 "--jobs", "1", "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "lawstats build: error: notebook 03-broken.ipynb failed in cell 3" in err
    assert _snapshot(copy_of / "site") == before


_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?\s*(?:https?:)?//""",
                       re.IGNORECASE)


@pytest.mark.slow
def test_no_page_loads_anything_from_outside(built):
    site = built[0] / "site"
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("*.css"))
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not _EXTERNAL.findall(text), f"{path.name} refers outside the site: {_EXTERNAL.findall(text)[:3]}"
        assert "<script src" not in text
        assert "require.js" not in text and "MathJax" not in text and "mermaid.esm" not in text


@pytest.mark.slow
def test_script_in_report_text_is_escaped(built):
    site = built[0] / "site"
    page = (site / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(" in page
    # The text's first line is no title (lawstats.reading.report.find_title), so the index is titled with
    # the file name; escaping of titles on the index: test_index_page_in_english_escapes_titles.
    assert "<script" not in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_pages_declare_language_and_carry_alt_text(built):
    site = built[0] / "site"
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        assert '<html lang="zh">' in page, path
        for img in re.findall(r"<img[^>]*>", page):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and alt.group(1).strip(), f"{path.name}: image without alt text"
    chart = (site / "01-chart.html").read_text(encoding="utf-8")
    assert 'alt="图表：Two bars（横轴：kind；纵轴：count）"' in chart


@pytest.mark.slow
def test_reader_and_code_pages(built):
    site = built[0] / "site"
    reader = (site / "01-chart.html").read_text(encoding="utf-8")
    code = (site / "code" / "01-chart.html").read_text(encoding="utf-8")
    assert 'href="code/01-chart.html"' in reader and 'href="../01-chart.html"' in code
    assert 'href="static/notebook.css"' in reader and 'href="../static/notebook.css"' in code
    assert "subplots" not in reader and "subplots" in code  # code hidden for readers only
    assert "injected parameters" not in reader and "injected parameters" in code
    assert "SECRET_SETUP" not in reader and "SECRET_SETUP" not in code  # hide-input: everywhere
    assert "removed" not in reader and "removed" not in code  # remove-cell: everywhere
    assert "zh ../report.txt" in reader  # the parameters reached the kernel
    assert 'id="cell-id=01-chart-0"' in code  # deterministic cell ids
    table = (site / "02-table.html").read_text(encoding="utf-8")
    assert "T_00300" in table  # pandas Styler's random id replaced


@pytest.mark.slow
def test_index_and_report_pages(built):
    site = built[0] / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    for href in ("01-chart.html", "code/01-chart.html", "02-table.html", "report.html", "data/figures.csv",
                 "data/audit.csv", "data/datapackage.json"):
        assert f'href="{href}"' in index
    assert "Chart page" in index and "Table page" in index
    assert re.search(r'v-inconsistent">不一致</td><td class="num">1<', index)
    report = (site / "report.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="fig v-inconsistent" id="F002" href="#row-F002" tabindex="0"', report)
    assert 'id="row-F002"' in report and 'href="#F002"' in report and 'href="#check-C2"' in report


# --------------------------------------------------------------------------- pages, no kernel

def test_render_annotated_report_marks_escapes_and_links():
    figures = _figures(REPORT_TEXT)
    page = render_annotated_report(REPORT_TEXT, figures, AUDIT, "zh")
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert '<html lang="zh">' in page
    assert re.search(r'<a class="fig v-consistent" id="F001" href="#row-F001" tabindex="0"[^>]*>12件<span class="tip"',
                     page)
    assert 'class="fig v-none" id="F003"' in page  # no check involves it
    tip = re.search(r'id="tip-F003">(.*?)</span></a>', page).group(1)
    assert "调解纠纷" in tip and "80 件" in tip and "余" in tip and "80 – …" in tip and "未核查" in tip  # the catalogue's one word (lawstats.labels)
    assert '<tr id="check-C2">' in page and 'href="#F002"' in page
    assert "12 / 11.6 = 1.035" in page  # the arithmetic shown next to the verdict


def test_render_annotated_report_english_and_without_tables():
    page = render_annotated_report("A <b>text</b> with 3 cases.", None, None, "en")
    assert '<html lang="en">' in page and "&lt;b&gt;text&lt;/b&gt;" in page and 'class="fig' not in page
    page = render_annotated_report(REPORT_TEXT, _figures(REPORT_TEXT), None, "en")
    assert "indicator 2" in page  # English indicator


def test_figures_that_do_not_match_the_text_are_listed_not_marked():
    figures = _figures(REPORT_TEXT)
    figures.loc[0, "quote"] = "13件"
    overlapping = figures.iloc[[1]].assign(id="F009")
    page = render_annotated_report(REPORT_TEXT, pd.concat([figures, overlapping]), None, "en")
    assert 'id="F001"' not in page and 'id="row-F001"' in page
    assert "the quote differs from the text" in page and "it overlaps another figure" in page


def test_figure_verdicts_take_the_worst():
    assert figure_verdicts(AUDIT) == {"F001": "consistent", "F002": "inconsistent"}
    assert figure_verdicts(None) == {}


def test_index_page_in_english_escapes_titles():
    page = render_index(report_title="R<x>", pages=[{"title": "<i>", "href": "01-a.html", "code_href": "code/01-a.html"}],
                        audit=AUDIT, downloads=["figures.csv"], language="en")
    assert '<html lang="en">' in page and "R&lt;x&gt;" in page and "&lt;i&gt;" in page
    assert "2 checks were run" in page and 'href="data/figures.csv"' in page


def test_rebase_links_and_titles():
    assert rebase_links('<a href="a.html#x">', "../") == '<a href="../a.html#x">'
    assert rebase_links('<a href="https://example.org/">', "../") == '<a href="https://example.org/">'
    assert notebook_title({"metadata": {"title": "T"}, "cells": []}, "x") == "T"


def test_cache_key_covers_data_package_and_lock(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("1\n")
    lock = tmp_path / "lock.txt"
    lock.write_text("pandas==2\n")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "m.py").write_text("x = 1\n")
    digests = [inputs_digest(data, lock, package)]
    (data / "a.csv").write_text("2\n")
    digests.append(inputs_digest(data, lock, package))
    lock.write_text("pandas==3\n")
    digests.append(inputs_digest(data, lock, package))
    (package / "m.py").write_text("x = 2\n")
    digests.append(inputs_digest(data, lock, package))
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "m.pyc").write_bytes(b"\0")
    digests.append(inputs_digest(data, lock, package))
    assert len(set(digests)) == 4 and digests[-1] == digests[-2]
    assert cache_key(b"a", {}, digests[0]) != cache_key(b"b", {}, digests[0])


def test_command_line_help_and_bad_language(capsys):
    with pytest.raises(SystemExit) as info:
        main(["build", "--language", "fr"])
    assert info.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    out = subprocess.run([sys.executable, "-m", "lawstats", "build", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "--no-cache" in out.stdout and "--report FILE" in out.stdout
