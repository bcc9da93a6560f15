"""The Luzhai 2021 case study's own charts: drawn for figures of that report, by their curated ids.

They belong to the case study, not to the engine: each selects figures by the ids of this
folder's ``annotations.yaml`` and raises :class:`lawstats.presentation.charts.MissingFigures` (shown as a
note by :func:`lawstats.presentation.charts.show_chart`) for a copy of the report that lacks them.  The
drawing helpers (bounds as bounds, captions, alt text) are the general ones of
:mod:`lawstats.presentation.charts`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from lawstats.presentation.charts import (PALETTE, _bar_label, _caption_text, _draw_interval, _f, _figure, _finish,
                             _interval, _legend_handles, _num, _pct, _rows, _value_text, _with_unit,
                             bounds_chart)
from lawstats.labels import label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["legal_education_reach", "legal_review_workload", "staffing_range", "trips_needed", "startup_steps", "disclosure_shares", "dispute_funnel", "reconsideration_litigation", "oversight_replies"]


def legal_education_reach(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Legal education (part 一): leaflets, consultations, lecture audiences, school classes — all bounds."""
    ids = ["legal-leaflets-distributed", "legal-consultations-answered", "civil-code-lecture-cadres",
           "civil-code-performance-audience", "school-law-classes"]
    return bounds_chart(figures, ids, language, title_key="chart_education", axis_key="axis_education",
                        chart="legal_education_reach")


def legal_review_workload(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Legal review (part 三): contracts reviewed (exact) and legal affairs and opinions (bounds), one scale."""
    ids = ["contracts-reviewed", "legal-affairs-handled", "legal-opinions-issued"]
    return bounds_chart(figures, ids, language, title_key="chart_review", axis_key="axis_documents",
                        sharex=True, chart="legal_review_workload")


def staffing_range(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """The township staffing quota before and after the reform: two ranges as floating bars."""
    from lawstats.arithmetic.rates import change

    rows = _rows(figures, ["township-staff-quota-before", "township-staff-quota-after"], "staffing_range")
    before, after = rows.values()
    ivs = [_interval(before), _interval(after)]
    names = [label("staffing_before", language), label("staffing_after", language)]
    fig, ax = _figure(language, figsize=(8, 3.6))
    xmax = max(_f(iv.upper) for iv in ivs) * 1.25
    for y, row, iv in zip((1, 0), (before, after), ivs):
        _draw_interval(ax, y, row, 0.5, xmax)
        lo, hi = _f(iv.lower), _f(iv.upper)
        ax.text(lo - xmax * 0.012, y, _num(iv.lower, language), ha="right", va="center", fontsize=10)
        ax.text(hi + xmax * 0.012, y, _num(iv.upper, language), ha="left", va="center", fontsize=10)
    ax.set_yticks([1, 0], names)
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(0, xmax)
    ax.set_xlabel(label("axis_staffing", language))
    ax.set_title(label("chart_staffing", language))
    delta = change(ivs[0], ivs[1])
    span = f"[{_num(delta.lower, language).replace('-', '−')}, {_num(delta.upper, language)}]"
    ax.text(0.99, 0.5, label("staffing_change", language).format(change=span), transform=ax.transAxes,
            ha="right", va="center", fontsize=9, color=PALETTE["caption"])
    ax.legend(handles=_legend_handles(language, False, False, True), loc="upper right", fontsize=8, frameon=False)
    if language == "zh":
        alt = (f"区间条形图：乡镇编制数调整前为 {_value_text(before, 'zh')} 名，调整后为 {_value_text(after, 'zh')} 名；"
               f"变化在 {span} 名之间。")
    else:
        alt = (f"Range bars: township staffing quota {_value_text(before, 'en')} posts before the reform and "
               f"{_value_text(after, 'en')} after; the change lies between {span} posts.")
    return _finish(fig, _caption_text(rows.values(), language), alt)


def trips_needed(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Services on application by trips needed: all of them, those needing no trip, those needing one."""
    from lawstats.arithmetic.rates import percent

    rows = _rows(figures, ["application-items", "items-no-trip", "items-one-trip"], "trips_needed", exact=True)
    total, none, one = (rows[i] for i in rows)
    fig, ax = _figure(language, figsize=(8, 3.4))
    names = [label("trips_all", language), label("trips_none", language), label("trips_one", language)]
    colours = [PALETTE["grey"], PALETTE["main"], PALETTE["second"]]
    xmax = _f(total["value"]) * 1.35
    for y, row, colour in zip((2, 1, 0), (total, none, one), colours):
        ax.barh(y, _f(row["value"]), height=0.6, color=colour, gid=f"bar:{row['id']}")
        text = _num(row["value"], language)
        if row is not total:
            text = label("of_total", language).format(n=text, p=_pct(percent(row["value"], total["value"])))
        _bar_label(ax, _f(row["value"]) + xmax * 0.01, y, text)
    ax.set_yticks([2, 1, 0], names)
    ax.set_xlim(0, xmax)
    ax.set_xlabel(label("axis_items", language))
    ax.set_title(label("chart_trips", language))
    shares = [_pct(percent(r["value"], total["value"])) for r in (none, one)]
    if language == "zh":
        alt = (f"条形图：依申请事项 {total['value']} 项，其中一次不用跑 {none['value']} 项（{shares[0]}），"
               f"只需跑一次 {one['value']} 项（{shares[1]}）。")
    else:
        alt = (f"Bar chart: {_num(total['value'], 'en')} services on application; {_num(none['value'], 'en')} "
               f"need no trip ({shares[0]}), {_num(one['value'], 'en')} need one trip ({shares[1]}).")
    return _finish(fig, _caption_text(rows.values(), language), alt)


def startup_steps(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Steps to start a business before and after the reform, with the relative change."""
    from lawstats.arithmetic.rates import relative_change

    rows = _rows(figures, ["business-startup-steps-before", "business-startup-steps-after"], "startup_steps",
                 exact=True)
    before, after = rows.values()
    extra = {r["id"]: r for r in figures.to_dict("records")
             if r["id"] in ("business-startup-matters", "business-startup-days")}
    fig, ax = _figure(language, figsize=(6.5, 4.2))
    names = [label("startup_before", language), label("startup_after", language)]
    values = [_f(before["value"]), _f(after["value"])]
    ax.bar([0, 1], values, width=0.55, color=[PALETTE["grey"], PALETTE["main"]])
    ax.patches[0].set_gid(f"bar:{before['id']}")
    ax.patches[1].set_gid(f"bar:{after['id']}")
    for x, row in zip((0, 1), (before, after)):
        ax.text(x, _f(row["value"]) + 0.06, _num(row["value"], language), ha="center", va="bottom", fontsize=11)
    delta = _pct(relative_change(before["value"], after["value"]) * 100, 0)
    top = max(values)
    ax.annotate("", xy=(0.78, values[1] + 0.35), xytext=(0.22, top + 0.35),
                arrowprops=dict(arrowstyle="-|>", color=PALETTE["bad"], linewidth=1.5))
    ax.text(0.5, (top + values[1]) / 2 + 0.55, delta, ha="center", va="bottom", fontsize=12, color=PALETTE["bad"])
    if len(extra) == 2:
        days = extra["business-startup-days"]["value"]
        detail = label("startup_after_detail", language).format(
            m=_num(extra["business-startup-matters"]["value"], language), d=_num(days, language),
            days="working day" if days == 1 else "working days")
        ax.text(1, values[1] / 2, detail, ha="center", va="center", fontsize=9, color="white", linespacing=1.5)
    ax.set_xticks([0, 1], names)
    ax.grid(axis="x", visible=False)
    ax.set_ylim(0, top * 1.45)
    ax.set_ylabel(label("axis_steps", language))
    ax.set_title(label("chart_startup", language))
    ax.yaxis.get_major_locator().set_params(integer=True)
    shown = list(rows.values()) + list(extra.values())
    if language == "zh":
        alt = f"柱状图：开办企业环节由 {before['value']} 个压缩到 {after['value']} 个，变化 {delta}。"
    else:
        alt = f"Bar chart: steps to start a business cut from {before['value']} to {after['value']} ({delta})."
    return _finish(fig, _caption_text(shown, language), alt)


def disclosure_shares(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Share of the enforcement units that published each kind of information (part 四)."""
    from lawstats.arithmetic.rates import percent

    ids = ["enforcement-units", "units-publishing-decisions", "units-publishing-discretion"]
    rows = _rows(figures, ids, "disclosure_shares", exact=True)
    whole = rows["enforcement-units"]
    n = whole["value"]
    names = [label(k, language) for k in ("disclosure_prior", "disclosure_decisions", "disclosure_discretion")]
    fig, ax = _figure(language, figsize=(8, 3.6))
    texts = []
    for y, (rid, row) in zip((2, 1, 0), rows.items()):
        share = percent(row["value"], n)
        ax.barh(y, 100, height=0.6, color=PALETTE["faint"])
        ax.barh(y, _f(share), height=0.6, color=PALETTE["main"], gid=f"bar:{rid}")
        text = label("k_of_n", language).format(k=_num(row["value"], language), n=_num(n, language), p=_pct(share))
        texts.append(text)
        _bar_label(ax, _f(share) - 1.5, y, text, inside=True)
    ax.set_yticks([2, 1, 0], names)
    ax.set_xlim(0, 100)
    ax.set_xlabel(label("axis_share_units", language).format(n=_num(n, language)))
    ax.set_title(label("chart_disclosure", language))
    if language == "zh":
        alt = "条形图：" + label("chart_disclosure", "zh") + "。" + "；".join(f"{a}：{b}" for a, b in zip(names, texts)) + "。"
    else:
        alt = "Bar chart: " + label("chart_disclosure", "en") + ". " + "; ".join(
            f"{a}: {b}" for a, b in zip(names, texts)) + "."
    return _finish(fig, _caption_text(rows.values(), language), alt)


def dispute_funnel(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """From dispute screenings to disputes mediated to disputes mediated successfully (part 五)."""
    from lawstats.arithmetic.rates import percent

    ids = ["disputes-screened", "disputes-mediated", "disputes-resolved"]
    rows = _rows(figures, ids, "dispute_funnel", exact=True)
    stated = {r["id"]: r for r in figures.to_dict("records") if r["id"] == "mediation-success-rate"}
    steps = list(rows.values())
    names = [label(k, language) for k in ("funnel_screened", "funnel_mediated", "funnel_resolved")]
    fig, ax = _figure(language, figsize=(8, 3.9))
    xmax = _f(steps[0]["value"]) * 1.55
    colours = [PALETTE["light"], PALETTE["main"], PALETTE["good"]]
    notes = []
    for i, (row, colour) in enumerate(zip(steps, colours)):
        y = 2 - i
        ax.barh(y, _f(row["value"]), height=0.62, color=colour, gid=f"bar:{row['id']}")
        _bar_label(ax, _f(row["value"]) - xmax * 0.012, y, _num(row["value"], language), inside=True,
                   fontweight="normal")
        if i:
            share = percent(row["value"], steps[i - 1]["value"])
            note = label("funnel_step", language).format(p=_pct(share))
            if i == 2 and stated:
                rate = next(iter(stated.values()))
                note += ("，" if language == "zh" else "; ") + label("funnel_reported", language).format(
                    p=_with_unit(_value_text(rate, language), rate["unit"], language))
            notes.append(note)
            _bar_label(ax, _f(row["value"]) + xmax * 0.012, y, note, color=PALETTE["caption"])
    ax.set_yticks([2, 1, 0], names)
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.55, 2.55)
    ax.set_xlabel(label("axis_funnel", language))
    ax.set_title(label("chart_funnel", language))
    values = [_num(r["value"], language) for r in steps]
    if language == "zh":
        alt = (f"漏斗条形图：排查矛盾纠纷 {values[0]} 次，调解 {values[1]} 件（{notes[0]}），"
               f"调解成功 {values[2]} 件（{notes[1]}）。")
    else:
        alt = (f"Funnel bars: {values[0]} dispute screenings, {values[1]} disputes mediated ({notes[0]}), "
               f"{values[2]} mediated successfully ({notes[1]}).")
    return _finish(fig, _caption_text(steps + list(stated.values()), language), alt)


def reconsideration_litigation(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Administrative reconsideration and litigation cases, with the litigation cases that saw a court appearance."""
    from matplotlib.patches import Patch

    from lawstats.arithmetic.rates import percent

    ids = ["reconsideration-cases", "litigation-cases", "court-appearances"]
    rows = _rows(figures, ids, "reconsideration_litigation", exact=True)
    recon, lit, court = rows.values()
    fig, ax = _figure(language, figsize=(8, 3.4))
    xmax = max(_f(recon["value"]), _f(lit["value"])) * 1.75
    ax.barh(1, _f(recon["value"]), height=0.6, color=PALETTE["light"], gid=f"bar:{recon['id']}")
    ax.barh(0, _f(lit["value"]), height=0.6, color=PALETTE["light"], gid=f"bar:{lit['id']}")
    ax.barh(0, _f(court["value"]), height=0.34, color=PALETTE["main"], gid=f"bar:{court['id']}")
    _bar_label(ax, _f(recon["value"]) + xmax * 0.01, 1, _num(recon["value"], language))
    share = _pct(percent(court["value"], lit["value"]))
    appearance = label("cases_appearance", language).format(n=_num(court["value"], language), p=share)
    _bar_label(ax, _f(lit["value"]) + xmax * 0.01, 0, _num(lit["value"], language))
    ax.text(_f(court["value"]) / 2, 0, appearance, ha="center", va="center", fontsize=8.5, color="white")
    ax.set_yticks([1, 0], [label("cases_reconsideration", language), label("cases_litigation", language)])
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.55, 1.55)
    ax.set_xlabel(label("axis_cases", language))
    ax.set_title(label("chart_cases", language))
    ax.legend(handles=[Patch(color=PALETTE["light"], label=label("legend_cases", language)),
                       Patch(color=PALETTE["main"], label=label("legend_appearances", language))],
              loc="upper right", fontsize=8, frameon=False)
    if language == "zh":
        alt = (f"条形图：行政复议案件 {recon['value']} 件，行政诉讼案件 {lit['value']} 件，"
               f"其中出庭应诉 {court['value']} 件（{share}）。")
    else:
        alt = (f"Bar chart: {recon['value']} reconsideration cases and {lit['value']} litigation cases, "
               f"{court['value']} of them with a court appearance ({share}).")
    return _finish(fig, _caption_text(rows.values(), language), alt)


def oversight_replies(figures: "pd.DataFrame", language: str = "zh") -> "Figure":
    """Deputies' suggestions and CPPCC proposals handled, with their stated reply and satisfaction rates."""
    ids = ["deputies-suggestions", "deputies-suggestions-reply-rate", "deputies-suggestions-satisfaction",
           "cppcc-proposals", "cppcc-proposals-reply-rate", "cppcc-proposals-satisfaction"]
    rows = _rows(figures, ids, "oversight_replies", exact=True)
    channels = [("oversight_deputies", "deputies-suggestions", "deputies-suggestions-reply-rate",
                 "deputies-suggestions-satisfaction"),
                ("oversight_cppcc", "cppcc-proposals", "cppcc-proposals-reply-rate", "cppcc-proposals-satisfaction")]
    fig, (left, right) = _figure(language, ncols=2, figsize=(9, 3.8), sharey=True,
                                 gridspec_kw={"width_ratios": [1, 1.25]})
    names = [label(c[0], language) for c in channels]
    counts = [rows[c[1]] for c in channels]
    cmax = max(_f(r["value"]) for r in counts) * 1.3
    for y, row in zip((1, 0), counts):
        left.barh(y, _f(row["value"]), height=0.55, color=PALETTE["main"], gid=f"bar:{row['id']}")
        _bar_label(left, _f(row["value"]) + cmax * 0.015, y, _num(row["value"], language))
    left.set_yticks([1, 0], names)
    left.set_xlim(0, cmax)
    left.set_xlabel(label("axis_handled", language))
    left.set_title(label("panel_counts", language), fontsize=11)
    h = 0.34
    texts = []
    for y, channel in zip((1, 0), channels):
        for offset, rid, colour, key in ((h / 2, channel[2], PALETTE["good"], "oversight_reply"),
                                         (-h / 2, channel[3], PALETTE["second"], "oversight_satisfaction")):
            row = rows[rid]
            right.barh(y + offset, _f(row["value"]), height=h * 0.92, color=colour, gid=f"bar:{rid}",
                       label=label(key, language) if y == 1 else None)
            text = _with_unit(_value_text(row, language), row["unit"], language)
            texts.append(f"{label(key, language)} {text}")
            _bar_label(right, _f(row["value"]) - 1.5, y + offset, text, inside=True)
    right.tick_params(axis="y", left=False, labelleft=False)
    right.set_xlim(0, 100)
    right.set_ylim(-0.6, 1.9)
    right.set_xlabel(label("axis_rate_pct", language))
    right.set_title(label("panel_rates", language), fontsize=11)
    right.legend(loc="upper center", ncol=2, fontsize=8, frameon=False)
    fig.suptitle(label("chart_oversight", language), fontsize=13)
    if language == "zh":
        alt = (f"条形图：办理人大代表建议 {counts[0]['value']} 件、政协委员提案 {counts[1]['value']} 件；"
               + "，".join(texts) + "。")
    else:
        alt = (f"Bar charts: {counts[0]['value']} deputies' suggestions and {counts[1]['value']} CPPCC proposals "
               "handled; " + ", ".join(texts) + ".")
    return _finish(fig, _caption_text(rows.values(), language), alt)


# -- charts of the whole report and its audit ------------------------------------------------
