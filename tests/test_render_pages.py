"""The notebook pages' exporter and the site font, without running a kernel.

lawstats renders pages with a subclass of nbconvert's HTMLExporter that skips
its last step (re-parsing the whole page with BeautifulSoup to add ``tabindex``
and missing ``alt`` attributes) and adds those attributes on the tags instead.
The reference here is nbconvert's own HTMLExporter, run with the same
configuration: the two pages must be the same document once both are printed
by BeautifulSoup.
"""
from __future__ import annotations

import base64
import copy
import io

import pytest

PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def _notebook():
    """A notebook with every kind of cell and output the pages show (made-up content)."""
    from nbformat.v4 import (new_code_cell, new_markdown_cell, new_notebook, new_output)

    cells = [
        new_markdown_cell("# 某县案件 · Cases of a county\n\n收案 **12** 件。 ![图](chart.png)\n\n"
                          "Cases: ![a chart](chart.png) <img src=\"x.png\">\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        new_code_cell("import pandas as pd\nprint('收案 12 件')", outputs=[
            new_output("stream", name="stdout", text="收案 12 件\n")]),
        new_code_cell("table", outputs=[new_output(
            "execute_result", execution_count=2,
            data={"text/html": "<table class=\"dataframe\"><tr><th>类别</th><td>3 &amp; 4</td></tr></table>",
                  "text/plain": "table"})]),
        new_code_cell("chart()", outputs=[
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"},
                       metadata={"image/png": {"alt": "条形图：三类案件"}}),
            new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})]),
        new_code_cell("1 / 0", outputs=[new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                                                   traceback=["ZeroDivisionError: division by zero"])]),
        new_code_cell("x = 1", outputs=[]),
    ]
    for n, cell in enumerate(c for c in cells if c.cell_type == "code"):
        cell.execution_count = n + 1
    nb = new_notebook(cells=cells)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    return nb


def _resources(reader: bool) -> dict:
    return {"metadata": {"name": "t"},
            "lawstats": {"title": "页", "chart_label": "图", "home_label": "首页", "report_label": "报告",
                         "nav_label": "导航", "other_href": "code/t.html" if reader else "t.html",
                         "other_label": "代码"}}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("reader", [True, False])
def test_pages_are_the_documents_nbconvert_makes(language, reader):
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from lawstats.site.render import _exporter

    nb = _notebook()
    ours, _ = _exporter(language, reader).from_notebook_node(copy.deepcopy(nb), resources=_resources(reader))
    theirs, _ = _exporter(language, reader, HTMLExporter).from_notebook_node(copy.deepcopy(nb),
                                                                              resources=_resources(reader))
    assert "tabindex=\"0\"" in ours and "No description has been provided" in ours
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


def _font_cmap(entry) -> set[str]:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO((entry / "font.woff").read_bytes()))
    return {chr(c) for c in font.getBestCmap()}


@pytest.mark.slow  # subsets the real font in a process of its own (about a second of CPU)
def test_the_font_made_beforehand_is_used_when_it_holds_every_character(tmp_path):
    from lawstats.site.build import _add_font, _FontJob

    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "static" / "site.css").write_text("body {}\n")
    (site / "a.html").write_text("<p>收案十二件</p>", encoding="utf-8")
    job = _FontJob("收案十二件调解", tmp_path / "cache")     # foresees more than the page holds
    _add_font(site, tmp_path / "cache", job)
    assert [p.name for p in (tmp_path / "cache" / "fonts").iterdir()] == [job.entry.name]
    assert {"收", "调", "解", "A"} <= _font_cmap(job.entry)   # ASCII is always there
    css = (site / "static" / "site.css").read_text()
    assert base64.b64encode((job.entry / "font.woff").read_bytes()).decode() in css


@pytest.mark.slow  # subsets the real font twice
def test_a_character_not_foreseen_gives_a_font_with_both(tmp_path):
    from lawstats.site.build import _add_font, _FontJob

    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "static" / "site.css").write_text("body {}\n")
    (site / "a.html").write_text("<p>复议维持</p>", encoding="utf-8")
    job = _FontJob("收案", tmp_path / "cache")
    _add_font(site, tmp_path / "cache", job)
    entries = sorted((tmp_path / "cache" / "fonts").iterdir())
    assert len(entries) == 2  # the foreseen one, and the one made at the end
    final = next(e for e in entries if e != job.entry)
    assert {"收", "案", "复", "议", "维", "持"} <= _font_cmap(final)
    css = (site / "static" / "site.css").read_text()
    assert base64.b64encode((final / "font.woff").read_bytes()).decode() in css


def test_a_stopped_font_job_leaves_no_process(tmp_path):
    from lawstats.site.build import _FontJob

    job = _FontJob("收案" * 10, tmp_path / "cache")
    job.stop()
    assert job.process is None or job.process.poll() is not None
