"""Tables for readers: a report's facts, outline, figures and audit, labelled in their language.

Every table is a new DataFrame whose column headers come from
:func:`lawstats.labels.label`, so a notebook shows the same table in Chinese or
English by its ``language`` parameter.  Values are written from the exact
numbers of :func:`lawstats.extraction.dataset.load_tables`; a bound is shown as what it is
(``80余`` is ``80–90``, ``上万`` is ``≥ 10000``), never as a single number.
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable

from lawstats.labels import check_language, label, unit_label

if TYPE_CHECKING:
    import pandas as pd

    from lawstats.reading.report import Report

__all__ = ["Note", "report_summary", "outline_table", "part_of", "section_label", "format_number",
           "format_value", "indicator_label", "select_figures", "quote_context", "figure_table",
           "part_note", "figures_by_part", "mentions_table", "localize_arithmetic", "derived_table",
           "checks_table", "inconsistencies_table", "audit_overview", "denominators_table", "RATE_METHODS",
           "set_display", "overview_note", "structure_note", "figures_note", "table_or_note"]


class Note(str):
    """A short text that a notebook shows as Markdown (and as plain text elsewhere).

    Examples
    --------
    >>> n = Note("**bold** words")
    >>> n._repr_markdown_(), repr(n)
    ('**bold** words', '**bold** words')
    """

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


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


# -- places and numbers ------------------------------------------------------------------
def part_of(section: str) -> str:
    """The part a section label belongs to: ``'二(三)'`` -> ``'二'``; ``''`` for the preamble.

    Examples
    --------
    >>> part_of("二(三)"), part_of("五"), part_of("")
    ('二', '五', '')
    """
    return (section or "").split("(")[0]


def _numeral_value(numeral: str) -> str:
    from lawstats.reading.numerals import parse_chinese_numeral

    try:
        return str(parse_chinese_numeral(numeral))
    except Exception:  # not a Chinese numeral: show it as written
        return numeral


def section_label(section: str, language: str = "zh") -> str:
    """A section label for readers: as written in Chinese, in digits in English.

    Examples
    --------
    >>> section_label("七(四)", "en"), section_label("七(四)", "zh"), section_label("", "en")
    ('7(4)', '七(四)', 'preamble')
    """
    check_language(language)
    if not section:
        return label("preamble", language)
    if language == "zh":
        return section
    part, _, rest = section.partition("(")
    out = _numeral_value(part)
    return out + (f"({_numeral_value(rest.rstrip(')'))})" if rest else "")


def format_number(x, language: str = "zh") -> str:
    """An exact number for readers: no exponent, no needless zeros; thousands separated in English.

    Examples
    --------
    >>> format_number(Decimal("550000"), "en"), format_number(Decimal("550000"), "zh")
    ('550,000', '550000')
    >>> format_number(Decimal("96.340"), "en"), format_number(Fraction(1, 4), "zh")
    ('96.34', '0.25')
    """
    from lawstats.extraction.dataset import format_decimal

    check_language(language)
    if isinstance(x, Fraction):
        text = format_decimal(Decimal(x.numerator) / Decimal(x.denominator)) if x.denominator != 1 \
            else str(x.numerator)
    else:
        text = format_decimal(x)
    if language == "en" and text:
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, dot, frac = digits.partition(".")
        text = sign + f"{int(whole):,}" + dot + frac
    return text


def _raw_number(row) -> str:
    """The figure as written without its unit: ``'80余次'`` -> ``'80余'``."""
    raw, unit = row["raw"], row["unit"] or ""
    return raw[: len(raw) - len(unit)] if unit and raw.endswith(unit) else raw


def format_value(row, language: str = "zh") -> str:
    """A figure's value with its qualifier shown honestly.

    An exact figure is its number; ``80余`` (at least 80, read as 80–90) is a
    range with the words of the report beside it in Chinese; ``上万`` (at
    least 10000, no upper bound) is ``≥ 10000``; ``8—13`` is a range; a ratio
    is written ``a:b``.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures
    >>> f = read_figures().drop_duplicates("raw").set_index("raw", drop=False)
    >>> format_value(f.loc["80余次"], "zh")
    '80–90（80余）'
    >>> format_value(f.loc["80余次"], "en")
    '80–90 (over 80)'
    >>> format_value(f.loc["上万份"], "zh")
    '≥ 10000（上万）'
    >>> format_value(f.loc["上万份"], "en")
    '10,000 or more'
    >>> format_value(f.loc["8—13名"], "en")
    '8–13'
    >>> format_value(f.loc["96.34%"], "en"), format_value(f.loc["1：1"], "en")
    ('96.34', '1:1')
    """
    check_language(language)
    zh = language == "zh"
    q, lo, hi, v = row["qualifier"], row["lower"], row["upper"], row["value"]
    num = _raw_number(row)

    def n(x):
        return format_number(x, language)

    if q == "ratio":
        return re.sub(r"\s*[：:]\s*", ":", row["raw"])
    if q == "at_least":
        if hi is None:
            words = f"（{num}）" if num != n(lo) else ""  # 至少1次: the bound word lies outside the quote
            return f"≥ {n(lo)}{words}" if zh else f"{n(lo)} or more"
        return f"{n(lo)}–{n(hi)}（{num}）" if zh else f"{n(lo)}–{n(hi)} (over {n(lo)})"
    if q == "at_most":
        return f"≤ {n(hi)}（{num}）" if zh else f"{n(hi)} or fewer"
    if q == "approx":
        return f"≈ {n(v)}（{num}）" if zh else f"about {n(v)}"
    if q == "range" or v is None:
        low = n(lo) if lo is not None else "…"
        high = n(hi) if hi is not None else "…"
        return f"{low}–{high}"
    return n(v)


def indicator_label(row, language: str = "zh") -> str:
    """What a figure measures, in ``language``.

    Curated (and matched) figures have a Chinese and an English label.  An
    automatic label is the words before the number: in Chinese it is shown as
    found; in English it is replaced by the name of the standard indicator
    (:mod:`lawstats.extraction.indicators`) it matches, or kept in Chinese if none does.
    """
    from lawstats.extraction.indicators import indicator, match_indicator

    check_language(language)
    zh_label = row["indicator"] or ""
    if language == "zh":
        return zh_label or "—"
    if row.get("indicator_source", "curated") != "automatic" and row.get("indicator_en"):
        return row["indicator_en"]
    code = row.get("code") or ""
    if not code and zh_label:
        try:
            code = match_indicator(zh_label, row.get("unit") or "", row.get("kind") or "")
        except ValueError:
            code = ""
    if code:
        return indicator(code).name_en
    return zh_label or "—"


# -- figures ---------------------------------------------------------------------------------
def select_figures(figures: "pd.DataFrame", section: str | None = None,
                   ids: Iterable[str] | None = None) -> "pd.DataFrame":
    """The figures of one part (``"五"``), one section (``"二(二)"``) and/or with the given ids.

    Returns a new table in text order; the input is not changed.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures
    >>> len(select_figures(read_figures(), "五")), len(select_figures(read_figures(), "二(二)"))
    (10, 11)
    >>> two = read_figures()["id"].iloc[[5, 3]].tolist()     # rows come back in report order
    >>> select_figures(read_figures(), ids=two)["id"].tolist() == two[::-1]
    True
    """
    keep = [True] * len(figures)
    if section is not None:
        sections = figures["section"]
        keep = [k and (s == section if "(" in section else part_of(s) == section)
                for k, s in zip(keep, sections)]
    if ids is not None:
        wanted = set(ids)
        keep = [k and i in wanted for k, i in zip(keep, figures["id"])]
    return figures[keep].reset_index(drop=True)


_CLAUSE_END = "，。；：！？\n,;"


def quote_context(text: str, start: int, end: int, before: int = 14, after: int = 6) -> str:
    """The words around a figure, the figure in 【】: what the report says, briefly.

    The context runs back to the start of the clause (at most ``before``
    characters) and on to its end (at most ``after``); a cut is marked ``…``.

    Examples
    --------
    >>> text = "每季度开展活动，发放资料上万份，解答法律咨询80余次。"
    >>> quote_context(text, 22, 26)
    '解答法律咨询【80余次】'
    >>> quote_context(text, 22, 26, before=3)
    '…律咨询【80余次】'
    """
    s = start
    while s > 0 and start - s < before and text[s - 1] not in _CLAUSE_END:
        s -= 1
    e = end
    while e < len(text) and e - end < after and text[e] not in _CLAUSE_END:
        e += 1
    head = ("…" if s > 0 and text[s - 1] not in _CLAUSE_END else "") + text[s:start]
    tail = text[end:e] + ("…" if e < len(text) and text[e] not in _CLAUSE_END else "")
    return (head + "【" + text[start:end] + "】" + tail).replace("\n", " ").strip()


def figure_table(figures: "pd.DataFrame", language: str = "zh", section: str | None = None,
                 ids: Iterable[str] | None = None, text: str | None = None) -> "pd.DataFrame":
    """The figures as readers see them: id, section, indicator, value, unit, quote, note.

    Parameters
    ----------
    figures : DataFrame
        As from :func:`lawstats.extraction.dataset.load_tables` (exact values).
    language : {"zh", "en"}
        Language of the headers, indicators, values and units; the quote stays as written.
    section, ids : optional
        See :func:`select_figures`.
    text : str, optional
        The report's canonical text: the quote then shows the clause around the figure.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures
    >>> f = read_figures()
    >>> t = figure_table(f, "en", ids=f.query("raw == '80余次'")["id"].tolist())
    >>> t.columns.tolist()
    ['id', 'section', 'indicator', 'value', 'unit', 'quote', 'note']
    >>> t.iloc[0, 1:5].tolist()
    ['1(1)', 'Legal consultations answered', '80–90 (over 80)', 'times']
    """
    check_language(language)
    import pandas as pd

    rows = []
    for row in select_figures(figures, section, ids).to_dict("records"):
        quote = quote_context(text, row["start"], row["end"]) if text is not None else row["quote"]
        note = label("repeat_of", language).format(id=row["repeat_of"]) if row.get("repeat_of") else ""
        rows.append((row["id"], section_label(row["section"], language), indicator_label(row, language),
                     format_value(row, language), unit_label(row["unit"], language), quote, note))
    keys = ("id", "where", "indicator", "figure_value", "unit", "quote", "note")
    table = pd.DataFrame(rows, columns=[label(k, language) for k in keys])
    table.index = range(1, len(table) + 1)
    return table


# -- prose computed from the report (general notebooks) -----------------------------------
def _count(n: int, language: str) -> str:
    return f"{n:,}" if language == "en" else str(n)


def overview_note(report: "Report", figures: "pd.DataFrame", language: str = "zh") -> Note:
    """What the report is, in one paragraph computed from it: title, size, parts, figures.

    In English the report's title appears only as a quote, beside its file name.

    Examples
    --------
    >>> from lawstats import load_report
    >>> from lawstats.extraction.dataset import read_figures
    >>> print(overview_note(load_report(), read_figures(), "en"))
    The report “鹿寨县2021年度法治政府建设工作情况报告” (file luzhai-2021.txt) is 8,181 characters of prose in 10 parts and 21 sections; it states 77 figures.
    """
    from pathlib import Path

    check_language(language)
    s = report.structure
    fields = dict(title=report.title, file=Path(report.path).name, chars=_count(len(report.text), language),
                  parts=len(s.parts), sections=len(s.sections), figures=_count(len(figures), language))
    key = "overview_parts" if s.parts else "overview_no_parts"
    return Note(label(key, language).format(**fields))


def structure_note(report: "Report", language: str = "zh") -> Note:
    """How the report is organised, computed from its headings: parts, the longest and shortest.

    Examples
    --------
    >>> from lawstats import load_report
    >>> print(structure_note(load_report(), "en"))
    The report has 10 parts, 21 sections and 16 enumerated points. The longest part is part 2 (2,302 characters), the shortest part 9 (225 characters).
    """
    check_language(language)
    s = report.structure
    if not s.parts:
        return Note(label("nothing_outline", language))
    lengths = [(p.end - p.start, p) for p in s.parts]
    longest = max(lengths, key=lambda x: x[0])
    shortest = min(lengths, key=lambda x: x[0])
    text = label("structure_counts", language).format(parts=len(s.parts), sections=len(s.sections),
                                                       points=len(s.points))
    if len(s.parts) > 1:
        text += (" " if language == "en" else "") + label("structure_extremes", language).format(
            long=section_label(longest[1].numeral, language), long_n=_count(longest[0], language),
            short=section_label(shortest[1].numeral, language), short_n=_count(shortest[0], language))
    return Note(text)


def figures_note(figures: "pd.DataFrame", excluded: "pd.DataFrame", language: str = "zh") -> Note:
    """How many figures and other numerals the report has, and where their labels come from.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_excluded, read_figures
    >>> print(figures_note(read_figures(), read_excluded(), "en"))
    Of the 232 numerals in the report, 77 state a figure and 155 are not figures (years, headings, names, …). Every figure's label was written by hand for this report.
    """
    check_language(language)
    total = len(figures) + len(excluded)
    if not total:
        return Note(label("nothing_mentions", language))
    text = label("figures_counts", language).format(total=_count(total, language), n=_count(len(figures), language),
                                                     k=_count(len(excluded), language))
    sources = figures["indicator_source"].value_counts() if len(figures) else {}
    if len(figures) and sources.get("curated", 0) == len(figures):
        text += (" " if language == "en" else "") + label("figures_curated", language)
    elif len(figures):
        if sources.get("automatic", 0):
            text += "\n\n" + label("note_automatic", language).format(k=int(sources["automatic"]))
        if sources.get("matched", 0):
            text += "\n\n" + label("note_matched", language).format(k=int(sources["matched"]))
    return Note(text)


def table_or_note(table, language: str = "zh", key: str = "nothing_in_table"):
    """The table, or a sentence in ``language`` (label ``key``) when it has no rows.

    Examples
    --------
    >>> import pandas as pd
    >>> print(table_or_note(pd.DataFrame({"a": []}), "en"))
    (None.)
    """
    if isinstance(table, Note) or len(table):
        return table
    return Note(label(key, language))


def part_note(report: "Report", figures: "pd.DataFrame", part: str, language: str = "zh") -> Note:
    """Say where a page's figures come from: the part of which report, how many, how labelled."""
    check_language(language)
    heading = next((p for p in report.structure.parts if p.numeral == part), None)
    fields = dict(title=report.title, name=report.name, numeral=part, n_part=_numeral_value(part))
    if heading is None:
        return Note(label("note_no_part", language).format(**fields))
    rows = select_figures(figures, part)
    lines = [label("note_part", language).format(part=heading.title, n=len(rows), **fields)]
    repeats = int((rows["repeat_of"] != "").sum())
    if repeats:
        lines[0] += (" " if language == "en" else "") + label("note_part_repeats", language).format(r=repeats)
    sources = rows["indicator_source"].value_counts()
    if sources.get("automatic", 0):
        lines.append(label("note_automatic", language).format(k=int(sources["automatic"])))
    if sources.get("matched", 0):
        lines.append(label("note_matched", language).format(k=int(sources["matched"])))
    return Note("\n\n".join(lines))


def _part_names(figures, report, language) -> dict[str, str]:
    titles = {p.numeral: p.title for p in report.structure.parts} if report is not None else {}
    out = {}
    for part in dict.fromkeys(part_of(s) for s in figures["section"]):
        if not part:
            out[part] = label("preamble", language)
        elif language == "zh":
            title = titles.get(part, "")
            out[part] = f"{part}、{title[:12]}{'…' if len(title) > 12 else ''}" if title else part
        else:
            out[part] = label("part_n", "en").format(n=_numeral_value(part))
    return out


def figures_by_part(figures: "pd.DataFrame", language: str = "zh",
                    report: "Report | None" = None) -> "pd.DataFrame":
    """How many figures each part states, by kind, with the repeats among them and totals.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures
    >>> t = figures_by_part(read_figures(), "en")
    >>> t.loc["all"].tolist()
    [64, 10, 1, 1, 1, 77, 5]
    >>> t.columns.tolist()
    ['count', 'rate', 'amount', 'ratio', 'duration', 'all', 'of which repeats']
    """
    import pandas as pd

    from lawstats.reading.quantity import KINDS

    check_language(language)
    names = _part_names(figures, report, language)
    parts = [names[part_of(s)] for s in figures["section"]]
    table = pd.crosstab(pd.Categorical(parts, categories=list(names.values())), figures["kind"])
    kinds = [k for k in KINDS if k in table.columns]
    kinds.sort(key=lambda k: -int(table[k].sum()))
    table = table[kinds]
    table["all"] = table.sum(axis=1)
    table["repeats"] = pd.Series([p for p, r in zip(parts, figures["repeat_of"]) if r]).value_counts() \
        .reindex(table.index, fill_value=0)
    table.loc["all"] = table.sum()
    table = table.astype(int)
    table.columns = [label(f"kind_{k}", language) for k in kinds] + [label("all", language),
                                                                       label("of_which_repeats", language)]
    table.index = [label("all", language) if i == "all" else i for i in table.index]
    table.index.name = label("part", language)
    return table


def mentions_table(figures: "pd.DataFrame", excluded: "pd.DataFrame",
                   language: str = "zh") -> "pd.DataFrame":
    """How every numeral in the report was accounted for: a figure, or excluded with a reason.

    One row for the figures and one per exclusion reason (most frequent
    first), with the count, the share of all mentions and a few examples.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures, read_excluded
    >>> t = mentions_table(read_figures(), read_excluded(), "en")
    >>> t.iloc[0, :2].astype(str).tolist(), t.iloc[-1, :2].astype(str).tolist()
    (['figure (in the data)', '77'], ['all', '232'])
    """
    import pandas as pd

    from lawstats.arithmetic.rates import percent
    from lawstats.arithmetic.rounding import format_percent

    check_language(language)
    total = len(figures) + len(excluded)
    sep = " / "

    def examples(quotes) -> str:
        return sep.join(list(dict.fromkeys(quotes))[:4])

    rows = [(label("mention_figure", language), int(len(figures)), examples(figures["raw"]))]
    for reason, n in excluded["reason"].value_counts().items():
        name = _label_or(f"reason_{reason}", language, reason)
        rows.append((label("mention_excluded", language).format(reason=name), int(n),
                     examples(excluded.loc[excluded["reason"] == reason, "quote"])))
    rows.append((label("all", language), int(total), ""))
    return pd.DataFrame(
        [(what, n, format_percent(percent(n, total), 1) if total else "", ex) for what, n, ex in rows],
        columns=[label(k, language) for k in ("kind", "count", "share", "examples")])


def set_display() -> None:
    """Pandas display options for lawstats tables: whole cells, all rows.

    Quotes, arithmetic and figure ids are never cut to ``...`` (pandas cuts
    cells at 50 characters and tables at 60 rows by default).
    """
    import pandas as pd

    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)


# -- the audit ---------------------------------------------------------------------------------
#: The rounding methods lawstats.auditing.audit tries for a rate stated without its numerator and denominator.
RATE_METHODS = ("half_up", "half_even", "truncate")

_SECTION_RE = re.compile(r"(?<![\u4e00-\u9fff])([一二三四五六七八九十]+)(\(([一二三四五六七八九十]+)\))?"
                         r"(?![\u4e00-\u9fff])")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+(?:/[\u4e00-\u9fff]+)?")


def _arith_value(row) -> str:
    """A figure inside English arithmetic: its number, or its interval when it is a bound."""
    q, lo, hi = row["qualifier"], row["lower"], row["upper"]
    if q in ("at_least", "at_most", "range") or row["value"] is None:
        low = format_number(lo, "zh") if lo is not None else "-∞"
        return f"[{low}, {format_number(hi, 'zh')}]" if hi is not None else f"[{low}, ∞)"
    if q == "ratio":
        return re.sub(r"\s*[：:]\s*", ":", row["raw"])
    return format_number(row["value"], "zh") + ("%" if row["unit"] == "%" else "")


def localize_arithmetic(text: str, figures: "pd.DataFrame", language: str = "zh") -> str:
    """The audit's arithmetic in ``language``.

    ``data/audit.csv`` writes figures as the report does (``99件``) in both
    languages.  In English each figure becomes its number (a bound its
    interval), a section label its digits, and a unit its English word, so an
    English table has no Chinese in it but the quotes.

    Examples
    --------
    >>> from lawstats.extraction.dataset import read_figures
    >>> f = read_figures()
    >>> localize_arithmetic("55万元 ÷ 17人 = 32352.94 元/人", f, "en")
    '550000 ÷ 17 = 32352.94 yuan per person'
    >>> localize_arithmetic("360余人次 ÷ 190余家次 = [1.8, 1.95] 人次/家次", f, "en")
    '[360, 370] ÷ [190, 200] = [1.8, 1.95] person-visits per firm-visit'
    >>> localize_arithmetic("35个 in 七(四) and 35个 in 四: consistent", f, "en")
    '35 in 7(4) and 35 in 4: consistent'
    """
    check_language(language)
    if language == "zh" or not text:
        return text
    values = {}
    for row in figures.to_dict("records"):
        values.setdefault(row["raw"], _arith_value(row))
    if values:
        pattern = re.compile(r"(?<![0-9.])(" + "|".join(re.escape(r) for r in sorted(values, key=len, reverse=True))
                             + r")(?![0-9.])")
        text = pattern.sub(lambda m: values[m.group(1)], text)
    text = _SECTION_RE.sub(lambda m: section_label(m.group(0), "en"), text)
    return _CJK_RUN.sub(lambda m: unit_label(m.group(0), "en"), text)


def _check_ids(audit, figures, section, ids) -> list[bool]:
    wanted = set(select_figures(figures, section, ids)["id"]) if section is not None or ids is not None \
        else None
    return [wanted is None or bool(wanted & set(x.split())) for x in audit["figure_ids"]]


def _label_or(key: str, language: str, fallback: str) -> str:
    """The label for ``key``, or ``fallback`` (a value lawstats has no word for yet)."""
    from lawstats.labels import LABELS

    return label(key, language) if key in LABELS else fallback


def derived_table(audit: "pd.DataFrame", figures: "pd.DataFrame", language: str = "zh",
                  section: str | None = None, ids: Iterable[str] | None = None) -> "pd.DataFrame":
    """Figures the report does not state but its figures give, with their arithmetic.

    An empty result is said in words: a :class:`Note` ``(None.)`` instead of a table with no rows.

    The rows are the audit's ``derived`` checks whose figures lie in
    ``section`` (or are among ``ids``).

    Examples
    --------
    >>> from lawstats.auditing.audit import read_audit
    >>> from lawstats.extraction.dataset import read_figures
    >>> t = derived_table(read_audit(), read_figures(), "en", section="五")
    >>> t.set_index("check").loc["court-appearance-rate", "arithmetic"]
    '99 ÷ 138 × 100% = 71.74%'
    """
    import pandas as pd

    check_language(language)
    keep = [k and kind == "derived" for k, kind in zip(_check_ids(audit, figures, section, ids), audit["kind"])]
    rows = [(r["check_id"], r[f"note_{language}"],
             localize_arithmetic(r[f"explanation_{language}"], figures, language), r["figure_ids"].replace(" ", ", "))
            for r in audit[keep].to_dict("records")]
    table = pd.DataFrame(rows, columns=[label(k, language) for k in ("check_id", "asserts", "arithmetic",
                                                                      "figure_ids")])
    table.index = range(1, len(table) + 1)
    return table_or_note(table, language)


def checks_table(audit: "pd.DataFrame", figures: "pd.DataFrame", language: str = "zh",
                 section: str | None = None, ids: Iterable[str] | None = None,
                 verdict: str | None = None, derived: bool = False) -> "pd.DataFrame":
    """The audit's checks with their arithmetic and verdict, in ``language``.

    An empty result is said in words: a :class:`Note` ``(None.)`` instead of a table with no rows.

    Parameters
    ----------
    audit, figures : DataFrame
        From :func:`lawstats.auditing.audit.load_audit` and :func:`lawstats.extraction.dataset.load_tables`.
    section, ids : optional
        Only checks involving these figures (see :func:`select_figures`).
    verdict : str, optional
        Only checks with this verdict (one of :data:`lawstats.auditing.audit.VERDICTS`).
    derived : bool
        Include the ``derived`` rows (figures computed, not checked); see :func:`derived_table`.

    Examples
    --------
    >>> from lawstats.auditing.audit import read_audit
    >>> from lawstats.extraction.dataset import read_figures
    >>> t = checks_table(read_audit(), read_figures(), "en", verdict="cannot_check")
    >>> t["check"].tolist()
    ['rate-online-service-rate', 'rate-one-window-rate', 'rate-mediation-rate']
    >>> t.columns.tolist()
    ['check', 'kind of check', 'what it checks', 'arithmetic', 'verdict', 'reason', 'figures']
    """
    import pandas as pd

    from lawstats.auditing.audit import VERDICTS

    check_language(language)
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}. Got {verdict!r} instead.")
    keep = [k and (derived or kind != "derived") and (verdict is None or v == verdict)
            for k, kind, v in zip(_check_ids(audit, figures, section, ids), audit["kind"], audit["verdict"])]
    rows = []
    for r in audit[keep].to_dict("records"):
        asserts = r[f"note_{language}"] or (label("asserts_repeat", language) if r["kind"] == "repeat"
                                             else label("asserts_rate_alone", language))
        rows.append((r["check_id"], _label_or(f"check_{r['kind']}", language, r["kind"]), asserts,
                     localize_arithmetic(r[f"explanation_{language}"], figures, language),
                     _label_or(f"verdict_{r['verdict']}", language, r["verdict"]),
                     _label_or(f"why:{r['reason']}", language, r["reason"]) if r["reason"] else "",
                     r["figure_ids"].replace(" ", ", ")))
    keys = ("check_id", "check_kind", "asserts", "arithmetic", "verdict", "reason", "figure_ids")
    table = pd.DataFrame(rows, columns=[label(k, language) for k in keys])
    table.index = range(1, len(table) + 1)
    return table_or_note(table, language)


_INCONSISTENCY_COLUMNS = {"zh": ("核查", "句子", "读法", "算式"), "en": ("check", "sentence", "reading", "arithmetic")}


def inconsistencies_table(audit: "pd.DataFrame", figures: "pd.DataFrame", text: str | None,
                          language: str = "zh") -> "pd.DataFrame":
    """Every inconsistent check with its sentence, its reading and its arithmetic, in ``language``.

    The sentence is quoted from the report; the reading says which figures the
    audit related and from which words (``1100项 of 1200项, read from 其中 …
    占比``), or what a declared check asserts.  An audit with no inconsistency
    (or no check at all) gives an empty table with the same columns.

    Examples
    --------
    >>> from lawstats.auditing.audit import read_audit
    >>> from lawstats.extraction.dataset import read_figures
    >>> inconsistencies_table(read_audit(), read_figures(), None, "en").columns.tolist()
    ['check', 'sentence', 'reading', 'arithmetic']
    >>> len(inconsistencies_table(read_audit(), read_figures(), None, "en"))
    0
    """
    import pandas as pd

    from lawstats.auditing.audit import inconsistencies

    check_language(language)
    rows = [(x["check_id"], x["sentence"], x["reading"],
             localize_arithmetic(x["arithmetic"], figures, language))
            for x in inconsistencies(audit, figures, text, language)]
    table = pd.DataFrame(rows, columns=list(_INCONSISTENCY_COLUMNS[language]))
    table.index = range(1, len(table) + 1)
    return table


def audit_overview(audit: "pd.DataFrame", language: str = "zh") -> "pd.DataFrame":
    """:func:`lawstats.auditing.audit.audit_summary` with headers in ``language``: checks by kind and verdict.

    Examples
    --------
    >>> from lawstats.auditing.audit import read_audit
    >>> audit_overview(read_audit(), "en").loc["all"].tolist()
    [24, 0, 3, 16, 43]
    """
    from lawstats.auditing.audit import CHECK_KINDS, audit_summary

    check_language(language)
    if audit.empty:
        return Note(label("nothing_checks", language))
    table = audit_summary(audit)
    order = [k for k in CHECK_KINDS if k in table.index] + [k for k in table.index if k not in CHECK_KINDS]
    table = table.reindex([k for k in order if k != "all"] + ["all"])
    table.columns = [label("all", language) if c == "all" else _label_or(f"verdict_{c}", language, c)
                     for c in table.columns]
    table.index = [label("all", language) if i == "all" else _label_or(f"check_{i}", language, i)
                   for i in table.index]
    table.index.name = label("check_kind", language)
    return table


def denominators_table(audit: "pd.DataFrame", figures: "pd.DataFrame", language: str = "zh",
                       max_denominator: int = 2000, show: int = 8) -> "pd.DataFrame":
    """Rates stated without a denominator, and the denominators that could produce them.

    An empty result is said in words: a :class:`Note` ``(None.)`` instead of a table with no rows.

    For every ``rate_without_denominator`` check: the rate, the counts of its
    sentence the audit found could be its denominator, the smallest whole
    denominator that gives the rate as written, and the first ``show`` of all
    denominators up to ``max_denominator`` (GRIM-style, exact arithmetic:
    :func:`lawstats.arithmetic.rounding.possible_denominators`, with the methods in
    :data:`RATE_METHODS`).

    Examples
    --------
    >>> from lawstats.auditing.audit import read_audit
    >>> from lawstats.extraction.dataset import read_figures
    >>> t = denominators_table(read_audit(), read_figures(), "en", max_denominator=400)
    >>> t.iloc[0, 3:].astype(str).tolist()
    ['none', '82', '82, 164, 191, 219, 246, 273, 301, 328, …', '12']
    """
    import pandas as pd

    from lawstats.arithmetic.rounding import possible_denominators

    check_language(language)
    rows_by_id = {r["id"]: r for r in figures.to_dict("records")}
    sep = "、" if language == "zh" else "; "
    out = []
    for r in audit[audit["kind"] == "rate_without_denominator"].to_dict("records"):
        ids = r["figure_ids"].split()
        rate = rows_by_id.get(ids[0])
        reported = r["reported"].rstrip("%")
        if Decimal(reported) > 100:  # 办结率120%: not a share of one count, no denominator to find
            continue
        candidates = [rows_by_id[i] for i in ids[1:] if i in rows_by_id]
        found = possible_denominators(reported, max_denominator=max_denominator, methods=RATE_METHODS)
        if len(found) == max_denominator:
            listed = label("any_denominator", language)
        else:
            listed = ", ".join(str(n) for n in found[:show]) + (", …" if len(found) > show else "")
        out.append((ids[0], indicator_label(rate, language) if rate is not None else "", r["reported"],
                    sep.join(format_value(c, language) for c in candidates) or label("none", language),
                    int(found[0]) if found else label("none", language), listed or label("none", language),
                    int(len(found))))
    keys = ("id", "indicator", "reported", "sentence_counts", "smallest_denominator")
    columns = [label(k, language) for k in keys] + [
        label("possible_denominators", language).format(n=max_denominator),
        label("n_possible", language).format(n=max_denominator)]
    table = pd.DataFrame(out, columns=columns)
    table.index = range(1, len(table) + 1)
    return table_or_note(table, language)
