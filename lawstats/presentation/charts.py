"""Charts of a report's figures and audit, in the lawstats look, in Chinese or English.

Every chart function takes the tables of :func:`lawstats.extraction.dataset.load_tables`
(or :func:`lawstats.auditing.audit.load_audit`) and a ``language``, selects its figures
by id, and returns a :class:`matplotlib.figure.Figure` with

* a title that says what it shows and axes labelled with their units,
* a caption at the bottom (small, grey) naming the figure ids it draws
  (and, in Chinese, the figures as the report writes them),
* alt text in ``fig.lawstats_alt`` for :func:`lawstats.presentation.plotting.show`.

Bounds are drawn as what they are (:func:`lawstats.auditing.audit.figure_interval`): a
solid bar to the known lower bound, a hatched lighter bar on to the upper
bound, and an arrow when there is no upper bound (``上万``).  A range
(``8—13名``) is a floating hatched bar from one end to the other.  Shares and
changes are computed exactly with :mod:`lawstats.arithmetic.rates`; floats appear only
when drawing.

A chart whose figures a report does not state raises :class:`MissingFigures`;
a chart with nothing to draw for a report (no checks, no parts, no figures)
raises :class:`NothingToDraw`; :func:`show_chart` shows a sentence saying so
in its place instead, so every report builds.

Decisions
---------
- Matplotlib under seaborn's theme (:func:`lawstats.presentation.plotting.set_theme`), one
  palette (seaborn "deep"); artists that carry a figure get a ``gid``
  (``"lower:<id>"``, ``"range:<id>"``, ``"open:<id>"``, ``"bar:<id>"``) so
  tests can find them.
- English charts contain no Chinese character: labels come from
  :mod:`lawstats.labels` and ``indicator_en``; the caption gives ids, not quotes.
"""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Callable, Iterable

from lawstats.errors import LawstatsError
from lawstats.labels import check_language, label, unit_label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["MissingFigures", "NothingToDraw", "show_chart", "part_lengths_chart",
           "figures_by_part_chart", "mentions_chart",
           "verdicts_chart", "denominators_chart", "comparison_chart", "PALETTE"]

#: The colours of every lawstats chart (seaborn "deep"), by role.
PALETTE = {
    "main": "#4C72B0", "second": "#DD8452", "good": "#55A868", "bad": "#C44E52",
    "grey": "#8C8C8C", "light": "#A6BDDB", "faint": "#E5E9F0", "caption": "#666666",
}
_VERDICT_COLOURS = {"consistent": PALETTE["good"], "inconsistent": PALETTE["bad"],
                    "cannot_check": PALETTE["second"], "derived": PALETTE["light"]}
_CAPTION_SIZE = 8


class MissingFigures(LawstatsError, LookupError):
    """A chart needs figures the report does not state.

    Examples
    --------
    >>> str(MissingFigures(["some-figure"], "a_chart"))
    'a_chart needs figure(s) not in this report: some-figure'
    """

    def __init__(self, ids: list[str], chart: str = "chart") -> None:
        self.ids = list(ids)
        self.chart = chart
        super().__init__(f"{chart} needs figure(s) not in this report: {', '.join(self.ids)}")


class NothingToDraw(MissingFigures):
    """A chart has nothing to draw for this report; ``key`` names the sentence that says so.

    Examples
    --------
    >>> error = NothingToDraw("nothing_checks", "verdicts_chart")
    >>> error.key, str(error)
    ('nothing_checks', 'verdicts_chart has nothing to draw for this report (nothing_checks)')
    """

    def __init__(self, key: str, chart: str = "chart") -> None:
        self.key, self.ids, self.chart = key, [], chart
        LookupError.__init__(self, f"{chart} has nothing to draw for this report ({key})")


# -- helpers ------------------------------------------------------------------------------
def _rows(figures: "pd.DataFrame", ids: Iterable[str], chart: str, exact: bool = False) -> dict[str, dict]:
    """The rows of ``ids``, by id; raise :class:`MissingFigures` naming the absent ones.

    With ``exact=True`` a figure without a single value (a range, in another
    report whose sentence matched ours) counts as absent: the chart needs numbers.
    """
    by_id = {r["id"]: r for r in figures.to_dict("records")}
    ids = list(ids)
    missing = [i for i in ids if i not in by_id or (exact and by_id[i]["value"] is None)]
    if missing:
        raise MissingFigures(missing, chart)
    return {i: by_id[i] for i in ids}


def _interval(row):
    from lawstats.auditing.audit import figure_interval

    return figure_interval(row)


def _f(x) -> float:
    """An exact number as a float, for drawing only."""
    return float(Fraction(x))


def _num(x, language: str) -> str:
    from lawstats.presentation.present import format_number

    return format_number(x, language)


def _pct(x, decimals: int = 2) -> str:
    """A value in percentage points (exact) as text, with a true minus sign."""
    from lawstats.arithmetic.rounding import format_percent

    return format_percent(x, decimals).replace("-", "−")


def _indicator(row: dict, language: str) -> str:
    from lawstats.presentation.present import indicator_label

    return indicator_label(row, language)


def _with_unit(text: str, unit: str, language: str) -> str:
    u = unit_label(unit, language)
    if not u:
        return text
    return f"{text}{u}" if language == "zh" or u == "%" else f"{text} {u}"


def _figure(language: str, **kwargs):
    import matplotlib.pyplot as plt

    from lawstats.presentation.plotting import set_theme

    check_language(language)
    set_theme(language)
    return plt.subplots(**kwargs)


def _wrap(text: str, width_pt: float, size: float) -> list[str]:
    """Split ``text`` into lines no wider than ``width_pt`` points (measured with the chart font)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size)
    measure = TextToPath()

    def width(s: str) -> float:
        return measure.get_text_width_height_descent(s, prop, ismath=False)[0]

    tokens = re.findall(r"[A-Za-z0-9_.,:;()\[\]/%+\-–=≤≥]+\s*|\s+|.", text)
    lines, line = [], ""
    for tok in tokens:
        if line and width(line + tok.rstrip()) > width_pt:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _caption_text(rows: Iterable[dict], language: str, extra: str = "") -> str:
    rows = list(rows)
    ids = ", ".join(r["id"] for r in rows)
    text = label("caption_ids", language).format(ids=ids)
    if language == "zh":
        quotes = "、".join(dict.fromkeys(r["raw"] for r in rows))
        text = label("caption_quotes", "zh").format(quotes=quotes) + "。" + text + "。"
    else:
        text += "."
    return (extra + (" " if language == "en" else "") + text) if extra else text


def _finish(fig, caption: str, alt: str, top_legend: bool = False) -> "Figure":
    """Add the caption at the bottom, lay the chart out around it, attach the alt text."""
    width_in, height_in = fig.get_size_inches()
    lines = _wrap(caption, width_in * 72 - 20, _CAPTION_SIZE)
    line_h = _CAPTION_SIZE * 1.45 / 72  # inches
    bottom = (len(lines) * line_h + 0.12) / height_in
    fig.text(0.012, 0.04 / height_in, "\n".join(lines), fontsize=_CAPTION_SIZE, color=PALETTE["caption"],
             ha="left", va="bottom", linespacing=1.35)
    top = 1 - (0.56 / height_in if top_legend else 0)
    fig.tight_layout(rect=(0, bottom, 1, top))
    fig.lawstats_alt = alt
    return fig


def _bar_label(ax, x: float, y: float, text: str, inside: bool = False, **kwargs) -> None:
    style = dict(va="center", ha="right" if inside else "left", fontsize=9,
                 color="white" if inside else "#222222")
    if not inside:  # keep grid lines from running through the text
        style["bbox"] = dict(facecolor="white", edgecolor="none", pad=1.0, alpha=0.85)
    ax.text(x, y, text, **{**style, **kwargs})


def _legend_handles(language: str, open_end: bool, at_least: bool, ranges: bool = False, exact: bool = False):
    from matplotlib.patches import Patch

    handles = []
    if at_least:
        key = "legend_exact_or_lower" if exact else "legend_at_least"
        handles.append(Patch(facecolor=PALETTE["main"], label=label(key, language)))
        handles.append(Patch(facecolor=PALETTE["light"], hatch="///", edgecolor="white",
                             label=label("legend_up_to", language)))
    if ranges:
        handles.append(Patch(facecolor=PALETTE["light"], hatch="///", edgecolor="white",
                             label=label("legend_range", language)))
    if open_end:
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color=PALETTE["light"], marker=">", markersize=8, linewidth=3,
                              label=label("legend_open", language)))
    return handles


def _draw_interval(ax, y: float, row: dict, height: float, xmax: float) -> None:
    """One figure as a bar: solid to the lower bound, hatched to the upper, arrow if unbounded."""
    iv = _interval(row)
    rid = row["id"]
    if iv.is_point:
        ax.barh(y, _f(iv.lower), height=height, color=PALETTE["main"], gid=f"bar:{rid}")
        return
    lo = _f(iv.lower) if iv.lower is not None else 0.0
    if row["qualifier"] == "range":
        ax.barh(y, (_f(iv.upper) - lo), left=lo, height=height, color=PALETTE["light"], hatch="///",
                edgecolor="white", linewidth=0, gid=f"range:{rid}")
        for end in (lo, _f(iv.upper)):
            ax.plot([end, end], [y - height / 2, y + height / 2], color=PALETTE["main"], linewidth=2)
        return
    ax.barh(y, lo, height=height, color=PALETTE["main"], gid=f"lower:{rid}")
    if iv.upper is not None:
        hi = _f(iv.upper)
        ax.barh(y, hi - lo, left=lo, height=height, color=PALETTE["light"], hatch="///", edgecolor="white",
                linewidth=0, gid=f"range:{rid}")
        ax.plot([hi, hi], [y - height / 2, y + height / 2], color=PALETTE["main"], linewidth=1.5)
    else:
        ax.annotate("", xy=(xmax, y), xytext=(lo, y), gid=f"open:{rid}",
                    arrowprops=dict(arrowstyle="-|>,head_length=0.8,head_width=0.5", color=PALETTE["light"],
                                    linewidth=6, shrinkA=0, shrinkB=0))


def _upper_for_axis(row: dict) -> float:
    iv = _interval(row)
    if iv.upper is not None:
        return _f(iv.upper)
    return _f(iv.lower) * 1.6


# -- charts of figures ---------------------------------------------------------------------
def _value_text(row: dict, language: str) -> str:
    from lawstats.presentation.present import format_value

    return format_value(row, language)


def figures_by_part_chart(figures: "pd.DataFrame", language: str = "zh", report=None) -> "Figure":
    """How many figures each part states, stacked by kind (from :func:`lawstats.presentation.present.figures_by_part`)."""
    from lawstats.presentation.present import figures_by_part

    if figures.empty:
        raise NothingToDraw("nothing_figures", "figures_by_part_chart")
    table = figures_by_part(figures, language, report)
    table = table.iloc[:-1, :-2]  # without the totals and the repeats column
    fig, ax = _figure(language, figsize=(8, 0.42 * len(table) + 2.0))
    palette = [PALETTE["main"], PALETTE["second"], PALETTE["good"], PALETTE["bad"], PALETTE["grey"]]
    left = [0.0] * len(table)
    ys = list(range(len(table)))[::-1]
    for colour, kind in zip(palette, table.columns):
        values = table[kind].astype(float).tolist()
        ax.barh(ys, values, left=left, height=0.66, color=colour, label=kind)
        left = [a + b for a, b in zip(left, values)]
    for y, total in zip(ys, left):
        _bar_label(ax, total + max(left) * 0.01, y, f"{int(total)}")
    ax.set_yticks(ys, list(table.index))
    ax.set_xlim(0, max(left) * 1.12)
    ax.set_xlabel(label("axis_figures", language))
    ax.set_title(label("chart_figures_by_part", language))
    ax.legend(loc="lower right", fontsize=8, frameon=False, title=label("kind", language), title_fontsize=8)
    sep = "；" if language == "zh" else "; "
    alt = (label("chart_figures_by_part", language) + ("：" if language == "zh" else ": ")
           + sep.join(f"{p} {int(t)}" for p, t in zip(table.index, left)))
    caption = ("数据：data/figures.csv 的 section 与 kind 列。" if language == "zh"
               else "Data: the section and kind columns of data/figures.csv.")
    return _finish(fig, caption, alt)


def mentions_chart(figures: "pd.DataFrame", excluded: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Every numeral in the report: how many became figures, how many were excluded and why."""
    from lawstats.presentation.present import mentions_table

    if figures.empty and excluded.empty:
        raise NothingToDraw("nothing_mentions", "mentions_chart")
    table = mentions_table(figures, excluded, language).iloc[:-1]
    what, counts = table.iloc[:, 0].tolist(), table.iloc[:, 1].astype(int).tolist()
    total = sum(counts)
    fig, ax = _figure(language, figsize=(8, 0.38 * len(table) + 1.9))
    ys = list(range(len(table)))[::-1]
    colours = [PALETTE["main"]] + [PALETTE["grey"]] * (len(table) - 1)
    ax.barh(ys, counts, height=0.66, color=colours)
    for y, n, share in zip(ys, counts, table.iloc[:, 2]):
        _bar_label(ax, n + max(counts) * 0.01, y, f"{n}（{share}）" if language == "zh" else f"{n} ({share})")
    ax.set_yticks(ys, what)
    ax.set_xlim(0, max(counts) * 1.25)
    ax.set_xlabel(label("axis_mentions", language))
    ax.set_title(label("chart_mentions", language))
    sep = "；" if language == "zh" else "; "
    alt = label("chart_mentions", language) + ("：" if language == "zh" else f" ({total}): ") + sep.join(
        f"{w} {n}" for w, n in zip(what, counts))
    caption = ("数据：data/figures.csv（数字）与 data/excluded.csv（排除的数字字样及原因）。" if language == "zh"
               else "Data: data/figures.csv (figures) and data/excluded.csv (excluded numerals with their reason).")
    return _finish(fig, caption, alt)


def verdicts_chart(audit: "pd.DataFrame", language: str = "zh") -> "Figure":
    """The audit's checks by kind, stacked by verdict."""
    from lawstats.auditing.audit import VERDICTS
    from lawstats.presentation.present import audit_overview

    if audit is None or len(audit) == 0:  # a report with no check: show_chart says so in words
        raise NothingToDraw("nothing_checks", "verdicts_chart")
    table = audit_overview(audit, language).iloc[:-1, :-1]
    fig, ax = _figure(language, figsize=(8, 0.45 * len(table) + 2.0))
    ys = list(range(len(table)))[::-1]
    left = [0.0] * len(table)
    for verdict, column in zip(VERDICTS, table.columns):
        values = table[column].astype(float).tolist()
        if not any(values):
            continue
        ax.barh(ys, values, left=left, height=0.64, color=_VERDICT_COLOURS[verdict], label=column)
        for y, x0, v in zip(ys, left, values):
            if v:
                ax.text(x0 + v / 2, y, f"{int(v)}", ha="center", va="center", fontsize=9, color="#222222")
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(ys, list(table.index))
    ax.set_xlim(0, max(left) * 1.45)
    ax.set_xlabel(label("axis_checks", language))
    ax.set_title(label("chart_verdicts", language))
    ax.legend(loc="lower right", fontsize=8, frameon=False, title=label("verdict", language), title_fontsize=8)
    sep = "；" if language == "zh" else "; "
    alt = label("chart_verdicts", language) + ("：" if language == "zh" else ": ") + sep.join(
        f"{k} {int(t)}" for k, t in zip(table.index, left))
    caption = ("数据：data/audit.csv（核查项由 data/checks.yaml 声明或自动生成）。" if language == "zh"
               else "Data: data/audit.csv (checks declared in data/checks.yaml or found automatically).")
    return _finish(fig, caption, alt)


def denominators_chart(audit: "pd.DataFrame", figures: "pd.DataFrame", language: str = "zh",
                       check_id: str | None = None, text: str | None = None) -> "Figure":
    """Which whole denominators can give a rate stated without one, and whether the counts beside it can.

    Every denominator n up to a little beyond the largest count in the rate's
    sentence is tested exactly (:func:`lawstats.arithmetic.rounding.possible_denominators`);
    possible ones are drawn as ticks, and each count of the sentence is marked
    possible or impossible, with the two nearest attainable rates beside an
    impossible one.

    Parameters
    ----------
    check_id : str, optional
        A ``rate_without_denominator`` check; default: the first whose rate is
        not attainable by every denominator (100% is, so there is nothing to draw).
    text : str, optional
        The report's text, to find the counts in the rate's sentence; without
        it the audit's candidate denominators are used.
    """
    from lawstats.presentation.present import RATE_METHODS
    from lawstats.arithmetic.rounding import denominator_possible, possible_denominators, round_exact

    check_language(language)
    rows = audit[audit["kind"] == "rate_without_denominator"].to_dict("records")
    by_id = {r["id"]: r for r in figures.to_dict("records")}
    if check_id is not None:
        rows = [r for r in rows if r["check_id"] == check_id]
        if not rows:
            raise MissingFigures([check_id], "denominators_chart")
    else:
        rows = [r for r in rows if r["reported"].rstrip("%") not in ("100", "0")
                and Decimal(r["reported"].rstrip("%")) <= 100]  # 办结率120%: no share of a count
        if not rows:
            raise NothingToDraw("nothing_denominators", "denominators_chart")
    check = rows[0]
    rate = by_id[check["figure_ids"].split()[0]]
    reported = check["reported"].rstrip("%")
    decimals = int(rate["decimals"])
    counts = _sentence_counts(rate, figures, text) if text is not None else \
        [by_id[i] for i in check["figure_ids"].split()[1:] if i in by_id]
    limit = int(max([_f(c["value"]) for c in counts] + [200]) * 1.08)
    found = possible_denominators(reported, max_denominator=limit, methods=RATE_METHODS)
    fig, ax = _figure(language, figsize=(8.5, 3.9))
    ax.vlines(found, 0, 1, color=PALETTE["main"], linewidth=0.8, alpha=0.75,
              label=label("denominator_possible", language))
    notes = []
    for i, c in enumerate(sorted(counts, key=lambda r: _f(r["value"]))):
        n = int(c["value"])
        ok = denominator_possible(reported, n, methods=RATE_METHODS)
        y = 1.15 + 0.28 * (i % 3)
        ax.plot([n], [y], marker="o" if ok else "X", markersize=9, linestyle="none",
                color=PALETTE["good"] if ok else PALETTE["bad"], gid=f"count:{c['id']}")
        verdict = label("denominator_yes" if ok else "denominator_no", language)
        near = ""
        if not ok:
            target = Fraction(reported) / 100
            k = int(target * n)
            near = " · " + ", ".join(f"{m}/{n} = {round_exact(Fraction(m * 100, n), decimals, 'half_up')}%"
                                     for m in (k, k + 1) if 0 <= m <= n)
        what = label("denominator_sentence", language).format(raw=c["raw"], value=_num(c["value"], language))
        note = f"{what}: {verdict}{near}" if language == "en" else f"{what}：{verdict}{near}"
        notes.append(note)
        right = n > limit * 0.55
        ax.text(n + (-1 if right else 1) * limit * 0.012, y, note, ha="right" if right else "left", va="center",
                fontsize=8.5, color=PALETTE["caption"])
    ax.set_xlim(0, limit)
    ax.set_ylim(0, 2.0)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(label("axis_denominator", language))
    shown = _with_unit(_value_text(rate, language), rate["unit"], language)
    ax.set_title(label("chart_denominators", language).format(rate=shown, n=_num(limit, language)))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    first = ", ".join(str(n) for n in found[:5])
    if language == "zh":
        alt = (f"刻度图：在 1 到 {limit} 之间，能得到 {shown} 的分母共 {len(found)} 个，最小的是 {first}；"
               + "；".join(notes) + "。")
    else:
        alt = (f"Tick chart: between 1 and {limit}, {len(found)} denominators can give {shown}, the smallest "
               f"{first}; " + "; ".join(notes) + ".")
    caption = label("caption_ids", language).format(ids=", ".join([rate["id"]] + [c["id"] for c in counts]))
    caption += "。" if language == "zh" else f"; check {check['check_id']} in data/audit.csv."
    return _finish(fig, caption, alt)


def _sentence_counts(rate: dict, figures: "pd.DataFrame", text: str) -> list[dict]:
    """Exact whole counts stated before ``rate`` in its sentence."""
    stops = "。！？；;\n"
    s = rate["start"]
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    out = []
    for r in figures.to_dict("records"):
        if (s <= r["start"] < rate["start"] and r["kind"] == "count" and r["qualifier"] == "exact"
                and r["value"] is not None and Fraction(r["value"]).denominator == 1 and r["value"] > 0):
            out.append(r)
    return out


# -- showing -----------------------------------------------------------------------------------
def show_chart(function: Callable[..., "Figure"], *args, language: str = "zh", **kwargs) -> None:
    """Draw a chart and show it (:func:`lawstats.presentation.plotting.show`), or a note if its figures are absent.

    For another report the curated figure ids may not exist: the chart is
    then skipped with a short note in ``language`` naming what is missing.
    """
    from IPython.display import display

    from lawstats.presentation.plotting import show
    from lawstats.presentation.present import Note

    try:
        fig = function(*args, language=language, **kwargs)
    except NothingToDraw as exc:
        display(Note(label(exc.key, language)))
        return
    except MissingFigures as exc:
        display(Note(label("chart_skipped", language).format(ids=", ".join(exc.ids))))
        return
    show(fig)


def part_lengths_chart(report, language: str = "zh") -> "Figure":
    """The length of each part of a report (:func:`lawstats.presentation.plotting.plot_part_lengths`).

    Raises :class:`NothingToDraw` for a report with no parts headed ``一、``….
    """
    from lawstats.presentation.plotting import plot_part_lengths

    if not report.structure.parts:
        raise NothingToDraw("nothing_parts", "part_lengths_chart")
    return plot_part_lengths(report, language)


def comparison_chart(long: "pd.DataFrame", language: str = "zh", max_indicators: int = 8) -> "Figure":
    """The standard indicators stated by two or more reports, one row of bars per indicator.

    Each report's value is drawn as what it is (bounds hatched, open ends as
    arrows, as in :func:`lawstats.presentation.drawing.draw_bounds`); every row has its own scale because
    the indicators count different things.  ``long`` is
    :func:`lawstats.presentation.compare.compare_reports`; an indicator a report states
    twice is drawn from its first statement.
    """
    from matplotlib.ticker import MaxNLocator

    name = "indicator_zh" if language == "zh" else "indicator_en"
    firsts = long.sort_values("start").drop_duplicates(["report", "code"]) if not long.empty else long
    shared = [c for c, n in firsts.groupby("code", sort=False)["report"].nunique().items() if n >= 2]
    shared = [c for c in dict.fromkeys(firsts["code"]) if c in shared][:max_indicators]
    if not shared:
        raise NothingToDraw("nothing_shared", "comparison_chart")
    reports = sorted(firsts["report"].unique())
    fig, axes = _figure(language, nrows=len(shared), ncols=1,
                        figsize=(8, 0.42 * len(reports) * len(shared) + 0.9 * len(shared) + 1.4), squeeze=False)
    lines = []
    for ax, code in zip(axes[:, 0], shared):
        rows = firsts[firsts["code"] == code].to_dict("records")
        rows = [{**r, "id": f"{r['report']}:{r['figure_id']}"} for r in rows]
        top = max(_upper_for_axis(r) for r in rows) * 1.35
        for y, r in enumerate(sorted(rows, key=lambda r: r["report"])):
            _draw_interval(ax, y, r, 0.6, top * 0.8)
            iv = _interval(r)
            end = _f(iv.upper) if iv.upper is not None else top * 0.8
            _bar_label(ax, end + top * 0.01, y, _with_unit(_value_text(r, language), r["unit"], language))
            lines.append(f"{r[name]} · {r['report']}: {r['raw'] if language == 'zh' else _value_text(r, 'en')}")
        ax.set_yticks(range(len(rows)), [r["report"] for r in sorted(rows, key=lambda r: r["report"])], fontsize=8)
        ax.set_xlim(0, top)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.invert_yaxis()
        ax.set_title(rows[0][name], loc="left", fontsize=10, pad=3)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    axes[-1, 0].set_xlabel(label("axis_comparison", language), fontsize=9)
    height = fig.get_size_inches()[1]
    fig.suptitle(label("chart_comparison", language), fontsize=13, y=1 - 0.08 / height, va="top")
    caption = label("caption_reports", language).format(names=", ".join(reports))
    alt = label("chart_comparison", language) + ("。" if language == "zh" else ". ") + \
        ("；" if language == "zh" else "; ").join(lines)
    return _finish(fig, caption, alt)
