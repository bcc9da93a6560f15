"""Reports side by side: the standard indicators each report states.

Every report of this kind states much the same things in its own words;
:mod:`lawstats.extraction.indicators` gives those things codes.  Here the figures of
several reports are joined on those codes, so that next year's report, or the
neighbouring county's, can be read against ours — each value with the quote
it came from.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from lawstats.labels import check_language

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["default_reports", "compare_reports", "comparison_table", "comparison_paths", "comparison_note",
           "comparison_links", "COMPARISON_COLUMNS"]

#: The columns of :func:`compare_reports`.
COMPARISON_COLUMNS = ["report", "year", "code", "indicator_zh", "indicator_en", "figure_id", "raw",
                      "value", "lower", "upper", "qualifier", "unit", "quote", "start", "end",
                      "section", "indicator_source", "link"]


def default_reports() -> list[Path]:
    """Every report in the project's ``data/raw/`` folder, by name (installed: our report).

    Examples
    --------
    >>> [p.name for p in default_reports()]
    ['luzhai-2021.txt']
    """
    from lawstats.paths import data_dir
    from lawstats.reading.report import default_report_path

    folder = data_dir()
    found = sorted((folder / "raw").glob("*.txt")) if folder is not None else []
    return found or [default_report_path()]


def _year(report) -> str:
    import re

    year = report.meta.get("report_year")
    if year:
        return str(year)
    m = re.search(r"(20\d\d)", report.title) or re.search(r"(20\d\d)", report.name)
    return m.group(1) if m else ""


def compare_reports(reports: Iterable[str | Path] | None = None) -> "pd.DataFrame":
    """The standard-indicator figures of several reports, one row per figure.

    Parameters
    ----------
    reports : iterable of paths, optional
        Report files; default: every report in ``data/raw/``.

    Returns
    -------
    DataFrame
        Columns :data:`COMPARISON_COLUMNS`, exact values as Decimal; only the
        first statement of each fact (no repeats) and only figures that carry a
        standard indicator code.  ``link`` is the figure's anchor on the
        annotated report page of the project's own report (empty for others).

    Examples
    --------
    >>> table = compare_reports()
    >>> row = table.set_index("code").loc["mediation_success_rate"]
    >>> row["raw"], row["report"], row["link"] == "report.html#" + row["figure_id"]
    ('94%', 'luzhai-2021', True)
    """
    import pandas as pd

    from lawstats.extraction.dataset import is_default_report, load_tables
    from lawstats.extraction.indicators import indicator
    from lawstats.reading.report import load_report

    rows = []
    for path in (default_reports() if reports is None else list(reports)):
        doc = load_report(path)
        figures, _ = load_tables(None if is_default_report(path) else doc)
        own = is_default_report(path)
        for r in figures.to_dict("records"):
            if not r["code"] or r["repeat_of"]:
                continue
            ind = indicator(r["code"])
            rows.append({
                "report": doc.name, "year": _year(doc), "code": r["code"],
                "indicator_zh": ind.name_zh, "indicator_en": ind.name_en, "figure_id": r["id"],
                "raw": r["raw"], "value": r["value"], "lower": r["lower"], "upper": r["upper"],
                "qualifier": r["qualifier"], "unit": r["unit"], "quote": r["quote"],
                "start": r["start"], "end": r["end"], "section": r["section"],
                "indicator_source": r["indicator_source"],
                "link": f"report.html#{r['id']}" if own else "",
            })
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def comparison_table(long: "pd.DataFrame", language: str = "zh") -> "pd.DataFrame":
    """Indicators as rows, reports as columns; each cell the figure as written.

    Where a report states an indicator more than once (two normative-document
    counts, say), the cell lists every statement, separated by ``；``.

    Examples
    --------
    >>> wide = comparison_table(compare_reports(), "en")
    >>> wide.loc["Mediation success rate", "luzhai-2021"]
    '94%'
    """
    import pandas as pd

    check_language(language)
    name = "indicator_zh" if language == "zh" else "indicator_en"
    if long.empty:
        return pd.DataFrame()
    from lawstats.extraction.indicators import INDICATORS

    order = {ind.code: i for i, ind in enumerate(INDICATORS)}
    long = long.assign(_order=long["code"].map(order))
    wide = (long.sort_values(["_order", "report", "start"])
                .groupby(["_order", name, "report"], sort=True)["raw"].agg("；".join)
                .unstack("report", fill_value="—")
                .droplevel("_order"))
    wide.index.name = "指标" if language == "zh" else "indicator"
    wide.columns.name = "报告" if language == "zh" else "report"
    return wide


def comparison_paths(reports=None, report=None) -> list[Path]:
    """The reports a comparison covers.

    ``reports`` if given; else, for the project's report (``report`` None or a
    copy of it), every report in ``data/raw/``; else ``report`` alone — another
    report's site compares only what its user lists, and names no report of
    ours.

    Examples
    --------
    >>> [p.name for p in comparison_paths()]
    ['luzhai-2021.txt']
    >>> [p.name for p in comparison_paths(["a-2022.txt", "b-2023.txt"])]
    ['a-2022.txt', 'b-2023.txt']
    """
    from lawstats.extraction.dataset import is_default_report

    if reports:
        return [Path(r) for r in reports]
    if report is None or is_default_report(report):
        return default_reports()
    return [Path(report)]


def comparison_note(long: "pd.DataFrame", paths, language: str = "zh"):
    """A sentence saying what is compared (or that one report cannot be compared yet)."""
    from lawstats.labels import label
    from lawstats.presentation.present import Note

    names = ("、" if language == "zh" else ", ").join(Path(p).stem for p in paths)
    if len(paths) < 2:
        return Note(label("comparison_one", language).format(names=names))
    shared = int((long.groupby("code")["report"].nunique() >= 2).sum()) if not long.empty else 0
    text = label("comparison_many", language).format(
        n=len(paths), names=names, k=long["code"].nunique(), shared=shared)
    if (long["indicator_source"] != "curated").any():
        text += " " + label("comparison_automatic", language)
    return Note(text)


class _HTMLTable(str):
    """Ready HTML that a notebook shows as such."""

    def _repr_html_(self) -> str:
        return str(self)


def comparison_links(long: "pd.DataFrame", language: str = "zh") -> _HTMLTable:
    """Every compared value with the quote it came from, as an HTML table.

    Values of the project's own report link to their anchor on the annotated
    report page (``report.html#<figure id>``); every cell is HTML-escaped.

    Examples
    --------
    >>> table = compare_reports()
    >>> html = comparison_links(table, "en")
    >>> all(f'href="report.html#{fid}"' in html for fid in table["figure_id"])
    True
    """
    import html as _html

    from lawstats.labels import label

    name = "indicator_zh" if language == "zh" else "indicator_en"
    head = [label("indicator", language), label("col_report", language), label("col_value_quote", language),
            label("col_quote", language)]
    rows = []
    from lawstats.extraction.indicators import INDICATORS

    order = {ind.code: i for i, ind in enumerate(INDICATORS)}
    for r in sorted(long.to_dict("records"), key=lambda r: (order.get(r["code"], 999), r["report"], r["start"])):
        value = _html.escape(r["raw"])
        if r["link"]:
            value = f'<a href="{_html.escape(r["link"], quote=True)}">{value}</a>'
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in (
            _html.escape(r[name]), _html.escape(r["report"]), value, _html.escape(r["quote"]))) + "</tr>")
    return _HTMLTable(
        "<table><thead><tr>" + "".join(f"<th>{_html.escape(h)}</th>" for h in head)
        + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
