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


def _texts(fig, drawn: bool = False) -> list[str]:
    """Every piece of text a reader sees in a chart: titles, labels, ticks, legends, annotations.

    The figure is drawn first (tick labels are made when drawing) unless ``drawn`` says it already was.
    """
    from matplotlib.text import Text

    if not drawn:
        fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _patches(fig, gid: str):
    return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]


def test_every_chart_function_is_tested():
    public = {n for n in charts.__all__ if n not in ("MissingFigures", "NothingToDraw", "show_chart", "PALETTE")}
    assert public <= set(CHARTS)


@pytest.fixture(scope="module")
def drawn(data):
    """``drawn(name, language)``: the chart made and rendered to PNG once per module, warnings as errors.

    The three tests below read the same chart (as test_case_study_chart_* read ``study_charts``):
    made and rendered once, not once per test, which halves the module's drawing time.
    """
    made: dict = {}

    def draw(name: str, language: str):
        if (name, language) not in made:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                fig = CHARTS[name](data, language)
            made[name, language] = fig, _draw(fig)
        return made[name, language]

    return draw


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_draws_without_warnings(name, language, drawn):
    fig, png = drawn(name, language)  # made and saved with every warning an error
    assert png.startswith(b"\x89PNG")
    assert fig.lawstats_alt and len(fig.lawstats_alt) > 30
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert any(t.strip() for t in titles), "a chart says what it shows"
    assert any(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes), "axes are labelled"
    if name not in ("plot_part_lengths", "part_lengths_chart"):  # a plain chart of the text, no data
        caption = fig.texts[-1]
        assert caption.get_position()[1] < 0.2 and caption.get_fontsize() <= 9, "a small caption at the bottom"
        assert "data/" in caption.get_text()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_english_charts_have_no_chinese(name, drawn):
    fig, _ = drawn(name, "en")
    texts = _texts(fig, drawn=True)
    assert texts
    chinese = [t for t in texts + [fig.lawstats_alt] if CJK.search(t)]
    assert not chinese, f"{name}: Chinese in an English chart: {chinese}"


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chinese_charts_are_in_chinese(name, drawn):
    fig, _ = drawn(name, "zh")
    title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
    assert CJK.search(title) and CJK.search(fig.lawstats_alt)


def _row(figures, fid):
    return figures.set_index("id").loc[fid]


def test_denominators_chart_marks_the_counts_that_cannot_give_the_rate(data):
    from lawstats.arithmetic.rounding import denominator_possible

    fig = charts.denominators_chart(data["audit"], data["figures"], "en", text=data["doc"].text)
    marks = {line.get_gid(): line for ax in fig.axes for line in ax.lines if (line.get_gid() or "").startswith("count:")}
    assert "count:application-items" in marks
    assert not denominator_possible("96.34", 1463, methods=("half_up", "half_even", "truncate"))
    assert marks["count:application-items"].get_marker() == "X"


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


# -- the generic drawing helpers (lawstats.presentation.drawing) -----------------------------------
def test_draw_bounds_draws_each_kind_of_figure_as_what_it_allows():
    """Made-up rows (not our report's): exact, "30余", "上千" (no upper bound), a range "5—9"."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from lawstats.presentation.drawing import draw_bounds

    nan = float("nan")
    rows = pd.DataFrame({"id": ["exact", "over", "open", "span"],
                         "qualifier": ["exact", "at_least", "at_least", "range"],
                         "value": [12.0, nan, nan, nan], "lower": [12.0, 30.0, 1000.0, 5.0],
                         "upper": [12.0, 40.0, nan, 9.0]})
    fig, ax = plt.subplots()
    draw_bounds(ax, rows, xmax=1500.0)
    (bar,) = _patches(fig, "bar:exact")
    assert bar.get_width() == 12.0 and not bar.get_hatch()
    (solid,) = _patches(fig, "lower:over")
    (hatched,) = _patches(fig, "range:over")
    assert solid.get_width() == 30.0 and hatched.get_hatch()
    assert (hatched.get_x(), hatched.get_x() + hatched.get_width()) == (30.0, 40.0), "hatched from 30 to 40"
    assert _patches(fig, "lower:open") and not _patches(fig, "range:open") and not _patches(fig, "bar:open")
    (arrow,) = [a for a in ax.texts if a.get_gid() == "open:open"]
    assert arrow.xy[0] == 1500.0, "an unbounded figure ends in an arrow to the edge"
    (span,) = _patches(fig, "range:span")
    assert (span.get_x(), span.get_x() + span.get_width()) == (5.0, 9.0), "a range floats from 5 to 9"
    plt.close(fig)


# -- the case study's charts, drawn by its notebooks' own code ---------------------------------------
def _run_notebook_code(path, language, report=None, monkeypatch=None):
    """Run a notebook's code cells here, with ``lawstats.show`` capturing the charts: [(cell id, fig, alt)]."""
    import json

    import lawstats

    shown = []
    monkeypatch.setenv("LAWSTATS_LANGUAGE", language)
    monkeypatch.setattr(lawstats, "show", lambda fig, alt=None: shown.append((cell_id, fig, alt)))
    namespace: dict = {}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        cell_id = cell["id"]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            exec(compile("".join(cell["source"]), f"{path.name}:{cell_id}", "exec"), namespace)
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            namespace.update(report=report, language=language)
    return shown


@pytest.fixture(scope="module")
def study_charts():
    """{(language, chart cell id): (fig, alt)} for every chart of the Luzhai case study's notebooks."""
    from lawstats.extraction.casestudy import case_study

    out = {}
    with pytest.MonkeyPatch.context() as mp:
        for language in ("zh", "en"):
            for path in case_study("luzhai-2021").notebook_paths():
                for cell_id, fig, alt in _run_notebook_code(path, language, monkeypatch=mp):
                    out[language, cell_id] = (fig, alt)
    return out


#: the chart cells of the case study's notebooks (cell ids), one per story chart
STUDY_CHARTS = ["education", "trips", "staffing", "startup", "review", "disclosure", "funnel", "cases", "oversight"]


def test_every_case_study_chart_is_drawn(study_charts):
    assert sorted({cid for _, cid in study_charts}) == sorted(STUDY_CHARTS)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("cell", STUDY_CHARTS)
def test_case_study_chart_keeps_the_rules_of_a_chart(cell, language, study_charts):
    fig, alt = study_charts[language, cell]
    assert _draw(fig).startswith(b"\x89PNG"), "no warning (a missing glyph above all)"
    assert alt and len(alt) > 30
    titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text() if fig._suptitle else ""]
    assert any(t.strip() for t in titles), "a chart says what it shows"
    assert any(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes), "axes are labelled"
    caption = fig.texts[-1]
    assert caption.get_position()[1] < 0.2 and caption.get_fontsize() <= 9, "a small caption at the bottom"
    assert "data/figures.csv" in caption.get_text(), "the caption names its data"
    if language == "en":
        chinese = [t for t in _texts(fig) + [alt] if CJK.search(t)]
        assert not chinese, f"{cell}: Chinese in an English chart: {chinese}"
    else:
        title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
        assert CJK.search(title) and CJK.search(alt)


def test_staffing_bars_span_the_stated_ranges(data, study_charts):
    fig, _ = study_charts["en", "staffing"]
    for fid in ("township-staff-quota-before", "township-staff-quota-after"):
        row = _row(data["figures"], fid)   # the bounds as data/figures.csv states them
        (bar,) = _patches(fig, f"range:{fid}")
        assert bar.get_x() == pytest.approx(float(row["lower"]))
        assert bar.get_x() + bar.get_width() == pytest.approx(float(row["upper"])), "reaches the upper bound"


def test_lower_bounds_are_drawn_as_bounds(data, study_charts):
    fig, _ = study_charts["zh", "education"]
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


def test_shares_are_computed_exactly_from_the_counts(data, study_charts):
    from lawstats.arithmetic.rates import percent
    from lawstats.arithmetic.rounding import format_percent

    figures = data["figures"]
    fig, alt = study_charts["en", "disclosure"]
    n = _row(figures, "enforcement-units")["value"]
    widths = sorted(p.get_width() for p in fig.axes[0].patches)
    for fid in ("units-publishing-decisions", "units-publishing-discretion"):
        k = _row(figures, fid)["value"]   # exact counts of data/figures.csv, shares recomputed here
        assert float(Fraction(k) / Fraction(n) * 100) in [pytest.approx(w) for w in widths]
        assert format_percent(percent(k, n), 2) in alt
        assert any(format_percent(percent(k, n), 2) in t for t in _texts(fig))


def test_funnel_steps_are_exact_shares(data, study_charts):
    from lawstats.arithmetic.rates import percent
    from lawstats.arithmetic.rounding import format_percent

    figures = data["figures"]
    fig, alt = study_charts["en", "funnel"]
    texts = " ".join(_texts(fig))
    screened, mediated, resolved = (_row(figures, f"disputes-{x}")["value"] for x in ("screened", "mediated",
                                                                                        "resolved"))
    for share in (percent(mediated, screened), percent(resolved, mediated)):
        assert format_percent(share, 2) in texts and format_percent(share, 2) in alt


def test_a_report_without_the_figures_gets_a_note(capsys, monkeypatch):
    """The case study's notebook run for another report (it would not be built for one): a note, no chart."""
    from lawstats.extraction.casestudy import case_study

    path = [p for p in case_study("luzhai-2021").notebook_paths() if p.name.startswith("05-")][0]
    shown = _run_notebook_code(path, "en", report=str(ROOT / OTHER_REPORT), monkeypatch=monkeypatch)
    out = capsys.readouterr().out
    assert not shown
    assert "Chart skipped" in out and "disputes-screened" in out and "reconsideration-cases" in out
    assert not CJK.search(out)
