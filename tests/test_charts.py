"""Charts of the real data: they draw without a warning in both languages, English charts carry
no Chinese, bounds are drawn as bounds, and a report without the figures gets a note."""
from __future__ import annotations

import io
import re
import warnings
from fractions import Fraction

import pytest

from lawstats import load_report
from lawstats.presentation import charts
from lawstats.case_studies.luzhai_2021 import charts as luzhai
from lawstats.auditing.audit import load_audit
from lawstats.extraction.dataset import load_tables
from lawstats.presentation.plotting import plot_part_lengths
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Chinese characters, CJK punctuation and full-width forms: none may appear in an English chart.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
OTHER_REPORT = "tests/corpus/nanhu-2021.txt"


@pytest.fixture(scope="module")
def data():
    doc = load_report()
    figures, excluded = load_tables()
    from lawstats.presentation.compare import compare_reports

    comparison = compare_reports([doc.path] + [str(ROOT / "tests/corpus" / f) for f in
                                               ("jinshui-2022.txt", "xishui-2022.txt")])
    return {"doc": doc, "figures": figures, "excluded": excluded, "audit": load_audit(),
            "comparison": comparison}


CHARTS = {
    "legal_education_reach": lambda d, lang: luzhai.legal_education_reach(d["figures"], lang),
    "legal_review_workload": lambda d, lang: luzhai.legal_review_workload(d["figures"], lang),
    "staffing_range": lambda d, lang: luzhai.staffing_range(d["figures"], lang),
    "trips_needed": lambda d, lang: luzhai.trips_needed(d["figures"], lang),
    "startup_steps": lambda d, lang: luzhai.startup_steps(d["figures"], lang),
    "disclosure_shares": lambda d, lang: luzhai.disclosure_shares(d["figures"], lang),
    "dispute_funnel": lambda d, lang: luzhai.dispute_funnel(d["figures"], lang),
    "reconsideration_litigation": lambda d, lang: luzhai.reconsideration_litigation(d["figures"], lang),
    "oversight_replies": lambda d, lang: luzhai.oversight_replies(d["figures"], lang),
    "figures_by_part_chart": lambda d, lang: charts.figures_by_part_chart(d["figures"], lang, d["doc"]),
    "mentions_chart": lambda d, lang: charts.mentions_chart(d["figures"], d["excluded"], lang),
    "verdicts_chart": lambda d, lang: charts.verdicts_chart(d["audit"], lang),
    "denominators_chart": lambda d, lang: charts.denominators_chart(d["audit"], d["figures"], lang,
                                                                    text=d["doc"].text),
    "plot_part_lengths": lambda d, lang: plot_part_lengths(d["doc"], lang),
    "part_lengths_chart": lambda d, lang: charts.part_lengths_chart(d["doc"], lang),
    "comparison_chart": lambda d, lang: charts.comparison_chart(d["comparison"], lang),
}


def _draw(fig) -> bytes:
    """Render like show() does, turning any warning (a missing glyph above all) into an error."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _texts(fig) -> list[str]:
    """Every piece of text a reader sees in a chart: titles, labels, ticks, legends, annotations."""
    from matplotlib.text import Text

    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _patches(fig, gid: str):
    return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]


def test_every_chart_function_is_tested():
    public = {n for n in charts.__all__ + luzhai.__all__
              if n not in ("MissingFigures", "NothingToDraw", "show_chart", "bounds_chart", "PALETTE")}
    assert public <= set(CHARTS)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_draws_without_warnings(name, language, data):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = CHARTS[name](data, language)
    assert _draw(fig).startswith(b"\x89PNG")
    assert fig.lawstats_alt and len(fig.lawstats_alt) > 30
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert any(t.strip() for t in titles), "a chart says what it shows"
    assert any(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes), "axes are labelled"
    if name not in ("plot_part_lengths", "part_lengths_chart"):  # a plain chart of the text, no data
        caption = fig.texts[-1]
        assert caption.get_position()[1] < 0.2 and caption.get_fontsize() <= 9, "a small caption at the bottom"
        assert "data/" in caption.get_text()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_english_charts_have_no_chinese(name, data):
    fig = CHARTS[name](data, "en")
    texts = _texts(fig)
    assert texts
    chinese = [t for t in texts + [fig.lawstats_alt] if CJK.search(t)]
    assert not chinese, f"{name}: Chinese in an English chart: {chinese}"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chinese_charts_are_in_chinese(name, data):
    fig = CHARTS[name](data, "zh")
    title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
    assert CJK.search(title) and CJK.search(fig.lawstats_alt)


def _row(figures, fid):
    return figures.set_index("id").loc[fid]


def test_staffing_range_bars_span_the_stated_ranges(data):
    fig = luzhai.staffing_range(data["figures"], "en")
    for fid in ("township-staff-quota-before", "township-staff-quota-after"):
        row = _row(data["figures"], fid)
        (bar,) = _patches(fig, f"range:{fid}")
        assert bar.get_x() == pytest.approx(float(row["lower"]))
        assert bar.get_x() + bar.get_width() == pytest.approx(float(row["upper"])), "reaches the upper bound"


def test_lower_bounds_are_drawn_as_bounds(data):
    fig = luzhai.legal_education_reach(data["figures"], "zh")
    figures = data["figures"]
    for fid in ("legal-consultations-answered", "civil-code-lecture-cadres", "civil-code-performance-audience",
                "school-law-classes"):
        row = _row(figures, fid)
        (solid,) = _patches(fig, f"lower:{fid}")
        (hatched,) = _patches(fig, f"range:{fid}")
        assert solid.get_width() == pytest.approx(float(row["lower"]))
        assert hatched.get_hatch() and hatched.get_x() == pytest.approx(float(row["lower"]))
        assert hatched.get_x() + hatched.get_width() == pytest.approx(float(row["upper"])), fid
        assert not _patches(fig, f"bar:{fid}"), "a bound is never drawn as an exact bar"
    # 上万份: at least 10000, no upper bound -> a solid bar and an arrow, no closed range
    assert _patches(fig, "lower:legal-leaflets-distributed")
    assert not _patches(fig, "range:legal-leaflets-distributed")
    arrows = [a for ax in fig.axes for a in ax.texts if a.get_gid() == "open:legal-leaflets-distributed"]
    assert arrows and arrows[0].xy[0] > float(_row(figures, "legal-leaflets-distributed")["lower"])


def test_shares_are_computed_exactly_from_the_counts(data):
    from lawstats.arithmetic.rates import percent
    from lawstats.arithmetic.rounding import format_percent

    figures = data["figures"]
    fig = luzhai.disclosure_shares(figures, "en")
    n = _row(figures, "enforcement-units")["value"]
    for fid in ("units-publishing-decisions", "units-publishing-discretion"):
        k = _row(figures, fid)["value"]
        (bar,) = _patches(fig, f"bar:{fid}")
        assert bar.get_width() == pytest.approx(float(Fraction(k) / Fraction(n) * 100))
        assert any(format_percent(percent(k, n), 2) in t for t in _texts(fig))


def test_funnel_steps_are_exact_shares(data):
    from lawstats.arithmetic.rates import percent
    from lawstats.arithmetic.rounding import format_percent

    figures = data["figures"]
    fig = luzhai.dispute_funnel(figures, "en")
    texts = " ".join(_texts(fig))
    screened, mediated, resolved = (_row(figures, f"disputes-{x}")["value"] for x in ("screened", "mediated",
                                                                                        "resolved"))
    assert format_percent(percent(mediated, screened), 2) in texts
    assert format_percent(percent(resolved, mediated), 2) in texts


def test_denominators_chart_marks_the_counts_that_cannot_give_the_rate(data):
    from lawstats.arithmetic.rounding import denominator_possible

    fig = charts.denominators_chart(data["audit"], data["figures"], "en", text=data["doc"].text)
    marks = {line.get_gid(): line for ax in fig.axes for line in ax.lines if (line.get_gid() or "").startswith("count:")}
    assert "count:application-items" in marks
    assert not denominator_possible("96.34", 1463, methods=("half_up", "half_even", "truncate"))
    assert marks["count:application-items"].get_marker() == "X"


def test_a_report_without_the_figures_gets_a_note(capsys):
    figures, _ = load_tables(OTHER_REPORT)
    with pytest.raises(charts.MissingFigures) as err:
        luzhai.dispute_funnel(figures, "en")
    assert "disputes-screened" in err.value.ids
    charts.show_chart(luzhai.dispute_funnel, figures, language="en")
    out = capsys.readouterr().out
    assert "Chart skipped" in out and "disputes-screened" in out and not CJK.search(out)


# A made-up report with no headings, no rate and no relation to check (tests/reports/README.md).
EMPTY_REPORT = ROOT / "tests/reports/heping-2021.txt"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_report_with_nothing_to_draw_gets_a_sentence(language, capsys):
    """Every general chart of a report with no parts, no checks and no rate says so in words."""
    doc = load_report(EMPTY_REPORT)
    figures, excluded = load_tables(EMPTY_REPORT)
    audit = load_audit(EMPTY_REPORT)
    assert audit.empty and not doc.structure.parts  # what this report is for
    from lawstats.presentation.compare import compare_reports

    cases = [
        (charts.verdicts_chart, (audit,), {}, "nothing_checks"),
        (charts.denominators_chart, (audit, figures), {"text": doc.text}, "nothing_denominators"),
        (charts.part_lengths_chart, (doc,), {}, "nothing_parts"),
        (charts.comparison_chart, (compare_reports([EMPTY_REPORT]),), {}, "nothing_shared"),
        (charts.figures_by_part_chart, (figures.iloc[0:0],), {}, "nothing_figures"),
        (charts.mentions_chart, (figures.iloc[0:0], excluded.iloc[0:0]), {}, "nothing_mentions"),
    ]
    for function, args, kwargs, key in cases:
        with pytest.raises(charts.NothingToDraw) as err:
            function(*args, language=language, **kwargs)
        assert err.value.key == key
        charts.show_chart(function, *args, language=language, **kwargs)
        out = capsys.readouterr().out
        from lawstats.labels import label

        assert out.strip() == label(key, language)
        if language == "en":
            assert not CJK.search(out.replace("一、", "").replace("二、", ""))
