"""Tables for readers: a report's facts and outline with labels in their language."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .labels import check_language, label

if TYPE_CHECKING:
    import pandas as pd

    from .report import Report

__all__ = ["report_summary", "outline_table"]


def report_summary(report: "Report", language: str = "zh") -> "pd.DataFrame":
    """Describe a report in a two-column table (field, value).

    Parameters
    ----------
    report : Report
    language : {"zh", "en"}

    Examples
    --------
    >>> from lawstats import load_report
    >>> table = report_summary(load_report(), "en")
    >>> table.set_index("field").loc["characters", "value"]
    '8181'
    """
    import pandas as pd

    check_language(language)
    meta = report.meta
    s = report.structure
    title = report.title
    if language == "en" and meta.get("title_en"):
        title = f"{report.title} ({meta['title_en']})"
    issued = meta.get("issued_by_en" if language == "en" else "issued_by", "")
    rows = [
        ("report", title),
        ("issued_by", issued),
        ("report_year", str(meta.get("report_year", ""))),
        ("encoding", report.encoding),
        ("characters", str(len(report.text))),
        ("lines", str(len(report.text.splitlines()))),
        ("parts", str(len(s.parts))),
        ("sections", str(len(s.sections))),
        ("points", str(len(s.points))),
        ("sha256", report.sha256),
    ]
    return pd.DataFrame(
        [(label(k, language), v) for k, v in rows if v != ""],
        columns=[label("field", language), label("value", language)],
    )


def outline_table(report: "Report", language: str = "zh", levels=("part", "section")) -> "pd.DataFrame":
    """The report's parts and sections with their titles and lengths in characters.

    Parameters
    ----------
    report : Report
    language : {"zh", "en"}
        Language of the column names and level names (titles stay as written).
    levels : tuple of str
        Which levels to include, among ``"part"``, ``"section"``, ``"point"``.

    Examples
    --------
    >>> from lawstats import load_report
    >>> outline_table(load_report(), "en").iloc[0].astype(str).tolist()
    ['part', '一', '提高政治站位，全力落实法治政府建设任务', '327', '2050', '1723']
    """
    check_language(language)
    frame = report.structure.to_frame()
    frame = frame[frame["level"].isin(levels)].drop(columns="numeral").reset_index(drop=True)
    frame = frame.assign(level=[label(x, language) for x in frame["level"]])
    return frame.rename(columns={c: label(c, language) for c in frame.columns})
