"""Reports side by side: the standard indicators each report states.

Every report of this kind states much the same things in its own words;
:mod:`lawstats.indicators` gives those things codes.  Here the figures of
several reports are joined on those codes, so that next year's report, or the
neighbouring county's, can be read against ours — each value with the quote
it came from.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .labels import check_language

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["default_reports", "compare_reports", "comparison_table", "COMPARISON_COLUMNS"]

#: The columns of :func:`compare_reports`.
COMPARISON_COLUMNS = ["report", "year", "code", "indicator_zh", "indicator_en", "figure_id", "raw",
                      "value", "lower", "upper", "qualifier", "unit", "quote", "start", "end",
                      "section", "indicator_source", "link"]


def default_reports() -> list[Path]:
    """Every report in the project's ``data/raw/`` folder, by name.

    Examples
    --------
    >>> [p.name for p in default_reports()]
    ['luzhai-2021.txt']
    """
    from .report import DATA_DIR

    return sorted((DATA_DIR / "raw").glob("*.txt"))


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
    >>> row["raw"], row["report"], row["link"]
    ('94%', 'luzhai-2021', 'report.html#mediation-success-rate')
    """
    import pandas as pd

    from .dataset import is_default_report, load_tables
    from .indicators import indicator
    from .report import load_report

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
    from .indicators import INDICATORS

    order = {ind.code: i for i, ind in enumerate(INDICATORS)}
    long = long.assign(_order=long["code"].map(order))
    wide = (long.sort_values(["_order", "report", "start"])
                .groupby(["_order", name, "report"], sort=True)["raw"].agg("；".join)
                .unstack("report", fill_value="—")
                .droplevel("_order"))
    wide.index.name = "指标" if language == "zh" else "indicator"
    wide.columns.name = "报告" if language == "zh" else "report"
    return wide
