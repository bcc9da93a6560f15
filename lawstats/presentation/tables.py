"""The analyst's tables: a report's figures and its audit as ordinary pandas tables.

:func:`figures` gives one row per figure, :func:`checks` one row per check of
the report's arithmetic and figure it involves.  Both behave like any pandas
table — ``plot``, ``nlargest``, ``describe``, ``groupby``, ``query``, ``merge``
work as an analyst expects:

* numbers are ``float64`` (``value``, ``lower``, ``upper`` of a figure; the
  reported and recomputed numbers of a check), with the exact decimal kept
  beside them as text (``value_exact``, ``lower_exact``, ``upper_exact``) for
  exact arithmetic;
* ``part`` and ``section`` are ordered categoricals in the order of the
  report's headings (一 二 三 …, the preamble ``""`` first), so ``groupby`` and
  ``sort_values`` follow the report;
* one missing-value convention: **NaN**, in every column (pandas' ``str``
  columns hold NaN too); ``isna()`` finds every missing cell.  A figure stated
  only by bounds (``80余``, ``8—13``, ``不少于2次``) has no single value: its
  ``value`` is NaN and its bounds are in ``lower`` and ``upper`` (NaN where the
  text sets no bound, e.g. the upper bound of ``上万``).

Arithmetic goes through :func:`interval_of` and the interval-aware functions of
:mod:`lawstats.arithmetic.rates` and :mod:`lawstats.arithmetic.interval`, so a bound is never
silently turned into a point: ``lawstats.ratio(row.value, 10)`` on ``80余``
fails (its value is NaN) and ``lawstats.ratio(lawstats.interval_of(row), 10)``
gives ``[8, 9]``.

The CSV files under ``data/`` keep the exact text; these functions convert.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawstats.arithmetic.interval import Interval

if TYPE_CHECKING:
    import pandas as pd

    from lawstats.reading.report import Report
    from lawstats.reading.structure import Structure

__all__ = ["FIGURES_COLUMNS", "CHECKS_COLUMNS", "figures", "excluded", "checks", "interval_of",
           "figures_table", "checks_table", "section_order", "stack"]

#: The columns of :func:`figures`, in order.
FIGURES_COLUMNS = [
    "id", "part", "section", "indicator", "indicator_en", "indicator_source", "code", "kind", "raw",
    "value", "lower", "upper", "unit", "qualifier", "decimals",
    "value_exact", "lower_exact", "upper_exact", "quote", "start", "end", "repeat_of", "report",
    "sha256",
]
#: The columns of :func:`checks`, in order.
CHECKS_COLUMNS = [
    "check_id", "check_kind", "source", "verdict", "reason", "rounding", "figure_id", "position", "role",
    "reported", "reported_lower", "reported_upper", "recomputed", "recomputed_lower",
    "recomputed_upper", "reported_text", "recomputed_text", "explanation_zh", "explanation_en",
    "note_zh", "note_en", "report",
]
_NUMBERS = ("value", "lower", "upper")
#: Qualifiers whose figures are known only by their bounds: no single value.
_BOUNDED = ("at_least", "at_most", "range")
_TEXT_FIGURE_COLUMNS = ("id", "indicator", "indicator_en", "indicator_source", "code", "kind", "raw",
                        "unit", "qualifier", "quote", "repeat_of", "report", "sha256")


# -- helpers -----------------------------------------------------------------------------
def _missing(x: Any) -> bool:
    """None, NaN, pandas' NA or an empty string."""
    if x is None:
        return True
    if isinstance(x, str):
        return x == ""
    if isinstance(x, float):
        return x != x
    if isinstance(x, Decimal):
        return x.is_nan()
    return type(x).__name__ in ("NAType", "NaTType")


def _exact_text(x: Any, where: str = "") -> str | None:
    """An exact number as plain decimal text (``'550000'``, ``'96.34'``), None when missing.

    Raises
    ------
    ValueError
        Naming ``where`` (the row and column) when ``x`` is no exact decimal.
    """
    from lawstats.extraction.dataset import format_decimal

    if _missing(x):
        return None
    if isinstance(x, float):
        raise ValueError(f"{where}{x!r} is a float; the exact figures table holds Decimal or "
                         "decimal text (e.g. '96.34')")
    try:
        d = Decimal(str(x).strip())
    except InvalidOperation:
        raise ValueError(f"{where}{x!r} is not a decimal number; expected e.g. '550000' "
                         "or '96.34'") from None
    if not d.is_finite():
        raise ValueError(f"{where}{x!r} is not a finite number; leave the cell empty when missing")
    return format_decimal(d)


def section_order(report: "Report | Structure | None" = None,
                  labels=()) -> tuple[list[str], list[str]]:
    """The parts and sections of a report in the order of its headings.

    Parameters
    ----------
    report : Report or Structure, optional
        The report (or its outline) whose headings give the order.  Without
        one, ``labels`` are kept in the order given.
    labels : iterable of str
        Section labels that must be categories too (e.g. those of a table's
        rows); one missing from the report's headings is added after them, so
        no row ever loses its section.

    Returns
    -------
    (parts, sections) : two lists of labels
        Each starts with ``""``, the text before the first heading (title and
        preamble).  ``sections`` holds part labels (``"二"``, for text of a
        part before its first section) and section labels (``"二(一)"``).

    Examples
    --------
    >>> from lawstats.reading.structure import parse_structure
    >>> outline = parse_structure("前言\\n一、甲\\n（一）乙\\n（二）丙\\n二、丁\\n三、戊\\n")
    >>> section_order(outline)
    (['', '一', '二', '三'], ['', '一', '一(一)', '一(二)', '二', '三'])
    >>> section_order(None, ["二", "一(一)", "二"])
    (['', '二', '一'], ['', '二', '一(一)'])
    """
    from lawstats.presentation.present import part_of

    sections: list[str] = [""]
    if report is not None:
        outline = getattr(report, "structure", report)
        for h in outline.headings():
            if h.level in ("part", "section"):
                sections.append(h.label)
    sections += [str(s) for s in labels if not _missing(s)]
    sections = list(dict.fromkeys(sections))
    parts = list(dict.fromkeys(part_of(s) for s in sections))
    return parts, sections


# -- figures -------------------------------------------------------------------------------
def figures_table(frame: "pd.DataFrame", report: "Report | None" = None) -> "pd.DataFrame":
    """Turn an exact figures table into the analyst's table of :func:`figures`.

    Parameters
    ----------
    frame : DataFrame
        Figures with the columns of ``data/figures.csv`` (:data:`lawstats.extraction.dataset.FIGURE_COLUMNS`);
        ``value``, ``lower``, ``upper`` as Decimal, exact text, or None/"" when missing.
    report : Report, optional
        Gives the order of parts and sections; without it, their order of first appearance.

    Returns
    -------
    DataFrame
        Columns :data:`FIGURES_COLUMNS`.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"id": ["a", "b"], "section": ["二", "一(一)"], "kind": ["count"] * 2,
    ...                     "raw": ["12件", "30余件"], "value": ["12", "30"], "lower": ["12", "30"],
    ...                     "upper": ["12", "40"], "qualifier": ["exact", "at_least"],
    ...                     "decimals": [0, 0], "start": [40, 10], "end": [43, 14]})
    >>> t = figures_table(raw)
    >>> t[["id", "value", "lower", "upper", "value_exact"]].to_string(index=False)
    'id  value  lower  upper value_exact\\n a   12.0   12.0   12.0          12\\n b    NaN   30.0   40.0         NaN'
    >>> t.sort_values("section")["id"].tolist()  # first appearance in the text: 一(一) before 二
    ['b', 'a']
    """
    import numpy as np
    import pandas as pd

    from lawstats.presentation.present import part_of

    n = len(frame)
    col = {c: (frame[c].tolist() if c in frame.columns else [None] * n) for c in frame.columns}
    for c in _TEXT_FIGURE_COLUMNS + ("section", "start", "end", "decimals"):
        col.setdefault(c, [None] * n)
    exact = {c: [_exact_text(x, f"figures table, row {i} (id {fid!r}), column {c!r}: ")
                 for i, (x, fid) in enumerate(zip(col.get(c, [None] * n), col["id"]))]
             for c in _NUMBERS}
    bounded = [q in _BOUNDED for q in col["qualifier"]]
    exact["value"] = [None if b else v for v, b in zip(exact["value"], bounded)]

    sections = ["" if _missing(s) else str(s) for s in col["section"]]
    starts = [None if _missing(s) else int(s) for s in col["start"]]
    in_text_order = sorted(range(n), key=lambda i: -1 if starts[i] is None else starts[i])
    part_cats, section_cats = section_order(report, [sections[i] for i in in_text_order])

    def text(values):
        return pd.Series([None if _missing(v) else str(v) for v in values], dtype="str")

    def number(values):
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")

    def integer_or_nan(values):
        if all(not _missing(v) for v in values):
            return pd.Series([int(v) for v in values], dtype="int64")
        return number([None if _missing(v) else v for v in values])

    out = pd.DataFrame({
        "id": text(col["id"]),
        "part": pd.Categorical([part_of(s) for s in sections], categories=part_cats, ordered=True),
        "section": pd.Categorical(sections, categories=section_cats, ordered=True),
        **{c: text(col[c]) for c in ("indicator", "indicator_en", "indicator_source", "code",
                                      "kind", "raw")},
        **{c: number(exact[c]) for c in _NUMBERS},
        "unit": text(col["unit"]), "qualifier": text(col["qualifier"]),
        "decimals": integer_or_nan(col["decimals"]),
        **{f"{c}_exact": text(exact[c]) for c in _NUMBERS},
        "quote": text(col["quote"]),
        "start": integer_or_nan(col["start"]), "end": integer_or_nan(col["end"]),
        **{c: text(col[c]) for c in ("repeat_of", "report", "sha256")},
    }, columns=FIGURES_COLUMNS)
    out.index = pd.RangeIndex(n)
    return out


def _document(report) -> "Report":
    from lawstats.reading.report import Report, load_report

    return report if isinstance(report, Report) else load_report(report)


def figures(report: "str | Path | Report | list | None" = None) -> "pd.DataFrame":
    """Every figure of a report, one row per mention, as an ordinary pandas table.

    Parameters
    ----------
    report : path or Report, or a list of them, optional
        Default: the project's report (its curated ``data/figures.csv``).  Any
        other report is read now; curated labels apply where its sentences
        match, other figures get automatic labels (``indicator_source``).
        A list gives one table of every report's figures (``report`` tells
        them apart), with ``part`` and ``section`` categories shared by all
        (see :func:`stack`), ready for facets across reports.

    Returns
    -------
    DataFrame
        Columns :data:`FIGURES_COLUMNS`: ``value``, ``lower``, ``upper`` float64
        (NaN where unknown: no single value for a bound such as ``80余``, no
        upper bound for ``上万``), the exact decimals as text in ``value_exact``,
        ``lower_exact``, ``upper_exact``; ``part`` and ``section`` ordered
        categoricals in report order; missing text is NaN.

    Raises
    ------
    ReportError
        If the report cannot be read.

    Examples
    --------
    >>> f = figures()
    >>> row = f.query("raw == '80余次'").iloc[0]
    >>> row.raw, float(row.value), float(row.lower), float(row.upper), row.lower_exact
    ('80余次', nan, 80.0, 90.0, '80')
    >>> f.groupby("part", observed=True).size().index.tolist()[:4]
    ['一', '二', '三', '四']
    """
    from lawstats.extraction.dataset import is_default_report, load_tables

    if isinstance(report, (list, tuple)):
        return stack([figures(r) for r in report])
    doc = _document(report)
    exact, _ = load_tables(None if is_default_report(doc) else doc)
    return figures_table(exact, doc)


def excluded(report: "str | Path | Report | None" = None) -> "pd.DataFrame":
    """Every numeric mention of a report that is not a figure, with the reason.

    Same conventions as :func:`figures`: ``section`` and ``part`` ordered
    categoricals, missing text NaN.

    Examples
    --------
    >>> x = excluded()
    >>> x.loc[x["reason"] == "period", "quote"].iloc[0]
    '2021—2025年'
    """
    import pandas as pd

    from lawstats.extraction.dataset import is_default_report, load_tables
    from lawstats.presentation.present import part_of

    doc = _document(report)
    _, table = load_tables(None if is_default_report(doc) else doc)
    sections = ["" if _missing(s) else str(s) for s in table["section"]]
    part_cats, section_cats = section_order(doc, sections)
    out = table.astype({"start": "int64", "end": "int64"}).assign(
        section=pd.Categorical(sections, categories=section_cats, ordered=True),
        part=pd.Categorical([part_of(s) for s in sections], categories=part_cats, ordered=True))
    for c in ("quote", "reason", "report", "sha256"):
        out[c] = pd.Series([None if _missing(v) else str(v) for v in out[c]], dtype="str",
                           index=out.index)
    first = ["quote", "start", "end", "reason", "part", "section"]
    return out[first + [c for c in out.columns if c not in first]]


def interval_of(row) -> Interval:
    """The values a figure permits, as an exact :class:`~lawstats.arithmetic.interval.Interval`.

    The interval-aware way to compute with a figure: ``80余`` is [80, 90],
    ``上万`` is [10000, ∞), a range is its two ends and an exact figure is a
    point.  An approximate figure (``约120``) enters as its stated value, as in
    the audit.

    Parameters
    ----------
    row : a row of :func:`figures`
        A pandas Series (``figures.iloc[0]``, ``for _, row in f.iterrows()``),
        a namedtuple of ``itertuples()`` or a dict (anything with ``.get``).  The exact text columns
        (``value_exact``…) are used when present; rows of the exact tables
        (Decimal or text values) work too.

    Returns
    -------
    Interval

    Raises
    ------
    RateError
        If the figure has neither a value nor bounds.

    Examples
    --------
    >>> import lawstats
    >>> f = figures().set_index("raw", drop=False)
    >>> row = f.loc["80余次"]
    >>> row.raw, str(interval_of(row))
    ('80余次', '[80, 90]')
    >>> str(lawstats.ratio(interval_of(row), 10))      # bounds kept: 8 to 9
    '[8, 9]'
    >>> str(interval_of(f.loc["上万份"]))
    '[10000, ∞)'
    >>> str(lawstats.percent(interval_of(f.loc["1031件"]), interval_of(f.loc["1095件"])))
    '20620/219'
    """
    from lawstats.auditing.audit import figure_interval

    if hasattr(row, "_asdict"):  # itertuples()
        row = row._asdict()
    fid = row.get("id", "?")
    record = {"id": fid, "raw": row.get("raw", "?"), "qualifier": row.get("qualifier", "exact")}
    for c in _NUMBERS:
        # the exact text when the row has it; else the cell itself (Decimal, text, or a float,
        # which exact arithmetic accepts only when it is a whole number)
        x = row[f"{c}_exact"] if f"{c}_exact" in row else row.get(c)
        if isinstance(x, float) and not _missing(x):
            record[c] = x
        else:
            text = _exact_text(x, f"figure {fid!r}, {c}: ")
            record[c] = None if text is None else Decimal(text)
    return figure_interval(record)


# -- the audit --------------------------------------------------------------------------------
_NUM = r"-?\d+(?:\.\d+)?"
_POINT = re.compile(rf"^({_NUM})%?(?: \S+)?$")
_RANGE = re.compile(rf"^[\[(](-∞|{_NUM})%?, (∞|{_NUM})%?[\])](?: \S+)?$")


def _numbers(text: str) -> tuple[float, float, float]:
    """(point, lower, upper) of an audit cell; NaN where it states none.

    A number (``1463``, ``94.155%`` in percentage points, ``4.31 元``) is a
    point; ``[a, b]`` an interval with NaN for an unbounded end (``∞``);
    anything else (a set of possible numerators, a comparison) is NaN.

    Examples
    --------
    >>> _numbers("94.155%"), _numbers("[80, 90]"), _numbers("[10000, ∞)")
    ((94.155, 94.155, 94.155), (nan, 80.0, 90.0), (nan, 10000.0, nan))
    >>> _numbers("k/68, k ∈ {64, 65}")
    (nan, nan, nan)
    """
    nan = float("nan")
    text = (text or "").strip()
    m = _POINT.match(text)
    if m:
        x = float(Decimal(m.group(1)))
        return x, x, x
    m = _RANGE.match(text)
    if m:
        low = nan if m.group(1) == "-∞" else float(Decimal(m.group(1)))
        high = nan if m.group(2) == "∞" else float(Decimal(m.group(2)))
        return nan, low, high
    return nan, nan, nan


def _roles(declared) -> dict[tuple[str, str], str]:
    """(check id, figure id) -> the field of the declared check that names the figure."""
    out: dict[tuple[str, str], str] = {}
    for c in declared:
        for key in ("rate", "numerator", "denominator", "parts", "total", "smaller", "larger",
                    "ratio", "antecedent", "consequent", "inputs"):
            value = c.fields.get(key)
            ids = [value] if isinstance(value, str) else _flat(value)
            for fid in ids:
                out.setdefault((c.id, fid), key)
    return out


def _flat(x) -> list[str]:
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    return [y for item in x for y in _flat(item)]


def checks_table(audit: "pd.DataFrame", declared=(), report: str | None = None) -> "pd.DataFrame":
    """Turn an audit (one row per check, ids packed in ``figure_ids``) into the long table.

    Parameters
    ----------
    audit : DataFrame
        With the columns of ``data/audit.csv`` (:data:`lawstats.auditing.audit.AUDIT_COLUMNS`), as text.
    declared : list of Check, optional
        The declared checks (:func:`lawstats.auditing.audit.load_checks`): the ``role`` of
        each figure in them (``rate``, ``numerator``, ``denominator``, ``parts``,
        ``total``…).  Automatic checks have no role (NaN).
    report : str, optional
        The report's name, for the ``report`` column (as in :func:`figures`).

    Returns
    -------
    DataFrame
        Columns :data:`CHECKS_COLUMNS`: one row per check and figure, in the
        audit's order; ``position`` is the figure's place in the check (0 first);
        a check naming no figure keeps one row with ``figure_id`` NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> audit = pd.DataFrame({"check_id": ["total"], "kind": ["sum"], "source": ["declared"],
    ...     "figure_ids": ["a b c"], "reported": ["30"], "recomputed": ["[29, 31]"],
    ...     "verdict": ["consistent"], "reason": [""], "rounding": [""],
    ...     "explanation_zh": ["…"], "explanation_en": ["…"], "note_zh": [""], "note_en": [""]})
    >>> long = checks_table(audit)
    >>> long[["figure_id", "position", "reported", "recomputed_lower", "recomputed_upper"]].values.tolist()
    [['a', 0, 30.0, 29.0, 31.0], ['b', 1, 30.0, 29.0, 31.0], ['c', 2, 30.0, 29.0, 31.0]]
    """
    import pandas as pd

    from lawstats.auditing.audit import VERDICTS

    roles = _roles(declared)
    rows = []
    for r in audit.to_dict("records"):
        ids = str(r.get("figure_ids") or "").split() or [None]
        rep, rec = _numbers(str(r.get("reported") or "")), _numbers(str(r.get("recomputed") or ""))
        for i, fid in enumerate(ids):
            rows.append({
                "check_id": r["check_id"], "check_kind": r["kind"], "source": r["source"],
                "verdict": r["verdict"], "reason": r.get("reason"), "rounding": r.get("rounding"),
                "figure_id": fid, "position": i,
                "role": roles.get((r["check_id"], fid)) if r["source"] == "declared" else None,
                "reported": rep[0], "reported_lower": rep[1], "reported_upper": rep[2],
                "recomputed": rec[0], "recomputed_lower": rec[1], "recomputed_upper": rec[2],
                "reported_text": r.get("reported"), "recomputed_text": r.get("recomputed"),
                "explanation_zh": r.get("explanation_zh"), "explanation_en": r.get("explanation_en"),
                "note_zh": r.get("note_zh"), "note_en": r.get("note_en"), "report": report,
            })
    out = pd.DataFrame(rows, columns=CHECKS_COLUMNS)
    numeric = [c for c in CHECKS_COLUMNS if c.startswith(("reported", "recomputed"))
               and not c.endswith("_text")]
    for c in CHECKS_COLUMNS:
        if c in numeric:
            out[c] = out[c].astype("float64")
        elif c == "position":
            out[c] = out[c].astype("int64")
        elif c == "verdict":
            seen = [v for v in dict.fromkeys(out[c]) if v not in VERDICTS]
            out[c] = pd.Categorical(out[c], categories=list(VERDICTS) + seen)
        else:
            out[c] = pd.Series([None if _missing(v) else str(v) for v in out[c]], dtype="str",
                               index=out.index)
    return out


def checks(report: "str | Path | Report | list | None" = None) -> "pd.DataFrame":
    """The audit of a report's arithmetic as a long table: one row per check and figure.

    Parameters
    ----------
    report : path or Report, or a list of them, optional
        Default: the project's report (its ``data/audit.csv``).  Any other
        report is audited now: the declared checks wherever their figures were
        found, and every automatic check.  A list gives one table for all
        (``report`` tells them apart; merge with :func:`figures` on
        ``["report", "figure_id"]`` = ``["report", "id"]``).

    Returns
    -------
    DataFrame
        Columns :data:`CHECKS_COLUMNS` (see :func:`checks_table`): ``verdict`` a
        categorical of :data:`lawstats.auditing.audit.VERDICTS`; the reported and
        recomputed numbers as float64 (a rate in percentage points; NaN where
        the check states no number) beside their text; missing text NaN.
        ``check_kind`` is audit.csv's ``kind`` (renamed: the figures have a
        ``kind`` too).  Merge with :func:`figures` on ``["report", "figure_id"]``
        = ``["report", "id"]``; count checks (not rows) with
        ``drop_duplicates("check_id")``.

    Examples
    --------
    >>> c = checks()
    >>> c.query("check_id == 'mediation-success'")[["role", "reported"]].values.tolist()
    [['rate', 94.0], ['numerator', 94.0], ['denominator', 94.0]]
    """
    from lawstats.auditing.audit import DEFAULT_CHECKS, load_audit, load_checks

    if isinstance(report, (list, tuple)):
        return stack([checks(r) for r in report])
    doc = _document(report)
    declared = load_checks(DEFAULT_CHECKS) if Path(DEFAULT_CHECKS).exists() else []
    return checks_table(load_audit(doc), declared, report=doc.name)


def _numeral_key(label: str) -> tuple[int, int]:
    """(part, section) numbers of a label: ``"二(三)"`` -> (2, 3), ``"五"`` -> (5, 0), ``""`` -> (0, 0)."""
    from lawstats.reading.numerals import parse_chinese_numeral

    def number(x: str) -> int:
        try:
            return int(parse_chinese_numeral(x))
        except Exception:  # not a numeral: after every numbered heading
            return 10**6

    part, _, rest = label.partition("(")
    if not part:
        return (0, 0)
    return (number(part), number(rest.rstrip(")")) if rest else 0)


def stack(tables: "list[pd.DataFrame]") -> "pd.DataFrame":
    """Stack the tables of several reports into one, keeping ``part`` and ``section`` categorical.

    ``pd.concat`` turns categoricals with different categories into plain
    text, losing the order; here every table gets the union of the
    categories, ordered by the headings' numbers (``""`` first, then 一, 一(一),
    一(二), 二 …), so ``groupby`` and seaborn facets follow the reports' order.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"section": pd.Categorical(["二"], ["", "一", "二"], ordered=True)})
    >>> b = pd.DataFrame({"section": pd.Categorical(["一(一)"], ["", "一", "一(一)"], ordered=True)})
    >>> both = stack([a, b])
    >>> both["section"].cat.categories.tolist(), both["section"].tolist()
    (['', '一', '一(一)', '二'], ['二', '一(一)'])
    """
    import pandas as pd

    tables = list(tables)
    if not tables:
        raise ValueError("stack() needs at least one table")
    columns = [c for c in ("part", "section") if all(c in t.columns for t in tables)]
    shared = {}
    for c in columns:
        labels = [x for t in tables for x in (t[c].cat.categories if hasattr(t[c], "cat")
                                               else t[c].dropna().unique())]
        shared[c] = sorted(dict.fromkeys(str(x) for x in labels), key=_numeral_key)
    out = [t.assign(**{c: pd.Categorical(t[c].astype(object), categories=shared[c], ordered=True)
                       for c in columns}) for t in tables]
    return pd.concat(out, ignore_index=True)
