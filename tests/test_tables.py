"""The analyst's tables (lawstats.figures, lawstats.checks) behave like any pandas table.

On our report and on unseen ones (tests/corpus/*.txt, composed reports never used to write the
rules): numbers are float64 with the exact text beside them, parts and sections sort in report
order, missing is NaN everywhere, the audit is long, and plot / nlargest / describe / groupby /
query / merge give what an independent computation from the exact CSV text or the report's own
text gives.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

import lawstats
from lawstats.auditing.audit import AUDIT_COLUMNS, read_audit
from lawstats.arithmetic.rates import RateError
from lawstats.presentation.tables import CHECKS_COLUMNS, FIGURES_COLUMNS, checks_table, figures_table

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))
QINGSHAN = Path(__file__).parent / "corpus" / "qingshan-2022.txt"
BOUNDED = ("at_least", "at_most", "range")


@pytest.fixture(scope="module")
def ours():
    return lawstats.figures()


@pytest.fixture(scope="module")
def our_checks():
    return lawstats.checks()


@pytest.fixture(scope="module")
def csv_rows(root):
    """data/figures.csv as exact text: the independent source of expected values."""
    return pd.read_csv(root / "data/figures.csv", dtype=str, keep_default_na=False).to_dict("records")


@pytest.fixture(scope="module", params=[p.name for p in CORPUS])
def unseen(request):
    path = Path(__file__).parent / "corpus" / request.param
    return path, lawstats.figures(path), lawstats.checks(path)


def _headings(text: str) -> list[str]:
    """Part and section labels in text order, read with a regex of the report's own headings."""
    out, part = [], None
    for line in text.splitlines():
        m = re.match(r"^\s*([一二三四五六七八九十]+)、", line)
        if m:
            part = m.group(1)
            out.append(part)
            continue
        m = re.match(r"^\s*[（(]([一二三四五六七八九十]+)[）)]", line)
        if m and part is not None:
            out.append(f"{part}({m.group(1)})")
    return list(dict.fromkeys(out))


# -- types and the missing-value convention ---------------------------------------------------
def _check_types(f: pd.DataFrame) -> None:
    assert f.columns.tolist() == FIGURES_COLUMNS
    for c in ("value", "lower", "upper"):
        assert f[c].dtype == "float64", c
    for c in ("decimals", "start", "end"):
        assert f[c].dtype == "int64", c
    for c in ("part", "section"):
        assert isinstance(f[c].dtype, pd.CategoricalDtype) and f[c].cat.ordered, c
        assert f[c].notna().all(), f"{c}: every figure has a place ('' is the preamble)"
    text = [c for c in FIGURES_COLUMNS if c not in ("value", "lower", "upper", "decimals", "start",
                                                    "end", "part", "section")]
    for c in text:
        assert pd.api.types.is_string_dtype(f[c]), c
        assert not (f[c] == "").any(), f"{c}: missing must be NaN, not ''"
        assert all(isinstance(x, str) for x in f[c].dropna()), c


def test_types_and_missing_values_on_our_report(ours):
    _check_types(ours)
    assert ours["repeat_of"].isna().sum() > 0 and ours["repeat_of"].notna().sum() > 0


def test_types_and_missing_values_on_unseen_reports(unseen):
    _check_types(unseen[1])


def test_numbers_agree_with_the_exact_text(ours, csv_rows):
    """float columns are the CSV's exact decimals; a bounded figure has no single value."""
    assert len(ours) == len(csv_rows)
    for row, raw in zip(ours.to_dict("records"), csv_rows):
        assert row["id"] == raw["id"]
        for c in ("lower", "upper"):
            expected = float(Decimal(raw[c])) if raw[c] else None
            assert (row[c] == expected) if expected is not None else pd.isna(row[c]), (row["id"], c)
            assert (row[f"{c}_exact"] == raw[c]) if raw[c] else pd.isna(row[f"{c}_exact"])
        if raw["qualifier"] in BOUNDED or not raw["value"]:
            assert pd.isna(row["value"]) and pd.isna(row["value_exact"]), row["id"]
        else:
            assert row["value"] == float(Decimal(raw["value"])) and row["value_exact"] == raw["value"]


def test_the_csv_loader_converts_what_extraction_gives(ours, report):
    """data/figures.csv read and converted == the report extracted now and converted."""
    from lawstats.extraction.dataset import extract_tables

    fresh, _ = extract_tables(report)
    pd.testing.assert_frame_equal(ours, figures_table(fresh, report))


# -- report order -----------------------------------------------------------------------------
def _check_order(f: pd.DataFrame, text: str) -> None:
    headings = _headings(text)
    assert f["section"].cat.categories.tolist() == [""] + headings
    assert f["part"].cat.categories.tolist() == [""] + [h for h in headings if "(" not in h]
    # sorting by section is sorting by position in the text (sections are contiguous spans)
    by_section = f.sort_values(["section", "start"], kind="stable")["start"].tolist()
    assert by_section == sorted(by_section)
    # groupby follows the report: first appearance in the text, not the order of the characters
    counts = f.groupby("section", observed=True).size()
    first_seen = list(dict.fromkeys(f.sort_values("start")["section"].astype(str)))
    assert counts.index.astype(str).tolist() == first_seen
    assert counts.to_dict() == Counter(f["section"].astype(str))


def test_groupby_in_report_order_on_our_report(ours, report):
    _check_order(ours, report.text)
    parts = ours.groupby("part", observed=True).size().index.tolist()
    assert parts == sorted(parts, key=lambda p: report.text.index(f"\n{p}、"))  # 一 二 三 …, not 一 七 三


def test_groupby_in_report_order_on_unseen_reports(unseen):
    path, f, _ = unseen
    _check_order(f, lawstats.load_report(path).text)


def test_sections_without_figures_are_still_categories():
    """qingshan-2022's part 五 (problems) states no figure: groupby(observed=False) shows it with 0."""
    f = lawstats.figures(QINGSHAN)
    counts = f.groupby("part", observed=False).size()
    assert counts.index.tolist() == ["", "一", "二", "三", "四", "五", "六"]  # the text's parts
    assert counts["五"] == 0 and counts[""] == 0


# -- the pandas idioms ----------------------------------------------------------------------
def test_describe_and_nlargest_on_our_report(ours, csv_rows):
    points = [Decimal(r["value"]) for r in csv_rows if r["value"] and r["qualifier"] not in BOUNDED]
    summary = ours["value"].describe()
    assert summary["count"] == len(points)
    assert summary["max"] == float(max(points))
    assert summary["mean"] == pytest.approx(float(sum(points) / len(points)))
    # nlargest: the biggest amounts in yuan, by an exact computation on the CSV text
    yuan = sorted(((Decimal(r["value"]), r["id"]) for r in csv_rows
                   if r["unit"] == "元" and r["value"] and r["qualifier"] not in BOUNDED), reverse=True)
    top = ours.query("unit == '元'").nlargest(3, "value")
    assert top["id"].tolist() == [i for _, i in yuan[:3]]
    # bounds are numbers too: the widest upper bounds
    uppers = sorted(((Decimal(r["upper"]), r["id"]) for r in csv_rows if r["upper"]), reverse=True)
    assert ours.nlargest(1, "upper")["id"].tolist() == [uppers[0][1]]


def test_query_on_our_report(ours, csv_rows):
    got = ours.query("kind == 'rate' and value < 100")["id"].tolist()
    expected = [r["id"] for r in csv_rows if r["kind"] == "rate" and r["value"]
                and Decimal(r["value"]) < 100]
    assert got == expected and got
    at_least = ours.query("qualifier == 'at_least' and upper.isna()", engine="python")["id"].tolist()
    assert at_least == [r["id"] for r in csv_rows if r["qualifier"] == "at_least" and not r["upper"]]


def test_plot_draws_the_numbers(ours):
    import matplotlib

    matplotlib.use("Agg")
    counts = ours.query("kind == 'count' and value.notna()", engine="python")
    ax = counts.plot(x="id", y="value", kind="barh", legend=False)
    assert [p.get_width() for p in ax.patches] == counts["value"].tolist()
    ax = ours.groupby("part", observed=True)["value"].count().plot(kind="bar")
    assert [t.get_text() for t in ax.get_xticklabels()] == \
        ours.groupby("part", observed=True).size().index.tolist()
    ax = ours[["lower", "upper"]].plot()  # numeric columns: no "no numeric data to plot"
    assert len(ax.get_lines()) == 2


def test_unseen_report_idioms():
    """qingshan-2022 (composed): expected numbers read from its text."""
    f = lawstats.figures(QINGSHAN).set_index("id", drop=False)
    by_raw = f.set_index("raw")
    # 60余场 → [60, 70]; 上万份 → [10000, ∞); 约120人 → its stated 120 (approximate)
    assert by_raw.loc["60余场", ["lower", "upper"]].tolist() == [60.0, 70.0]
    assert pd.isna(by_raw.loc["60余场", "value"])
    assert by_raw.loc["上万份", "lower"] == 10000.0 and pd.isna(by_raw.loc["上万份", "upper"])
    assert by_raw.loc["约120人", "value"] == 120.0
    # nlargest among amounts with a single value: 1.7亿元 (32亿余元 has only bounds)
    amounts = f.query("unit == '元'")
    assert amounts.nlargest(1, "value")["raw"].tolist() == ["1.7亿元"]
    assert amounts.nlargest(1, "upper")["raw"].tolist() == ["32亿余元"]
    assert amounts.nlargest(1, "upper")["upper"].iloc[0] == 3.3e9  # 32亿余: up to 33亿
    # describe counts every figure with a value: exact and approximate ones of the text
    described = f["value"].describe()
    assert described["count"] == (~f["qualifier"].isin(BOUNDED)).sum()
    assert f.query("section == '二(三)'")["raw"].tolist() == ["46万元", "近百万元", "50家左右"]
    # plot: the bars are the numbers; a bound is drawn from its lower and upper columns
    import matplotlib

    matplotlib.use("Agg")
    counts = f.query("unit == '件' and value.notna()", engine="python")
    ax = counts.plot(x="id", y="value", kind="barh", legend=False)
    assert [p.get_width() for p in ax.patches] == counts["value"].tolist()
    bounded = f.query("upper.notna() and value.isna()", engine="python")
    ax = bounded.plot(x="id", y=["lower", "upper"], kind="barh")
    assert len(ax.patches) == 2 * len(bounded) > 0


# -- the audit as a long table ---------------------------------------------------------------
def _check_long(long: pd.DataFrame, wide: pd.DataFrame) -> None:
    assert long.columns.tolist() == CHECKS_COLUMNS
    assert wide.columns.tolist() == AUDIT_COLUMNS
    assert long["check_id"].unique().tolist() == wide["check_id"].tolist()
    assert len(long) == sum(max(1, len(ids.split())) for ids in wide["figure_ids"])
    assert not long["figure_id"].str.contains(" ").any()  # no packed ids
    for c in ("reported", "reported_lower", "reported_upper", "recomputed", "recomputed_lower",
              "recomputed_upper"):
        assert long[c].dtype == "float64", c
    assert long["position"].dtype == "int64"
    for c in ("reason", "rounding", "note_zh", "note_en", "role"):
        assert not (long[c] == "").any(), f"{c}: missing must be NaN, not ''"


def test_long_audit_of_our_report(our_checks):
    wide = read_audit()
    _check_long(our_checks, wide)
    # one row per check and figure, in figure_ids order
    for r in wide.itertuples():
        rows = our_checks[our_checks["check_id"] == r.check_id]
        assert rows["figure_id"].tolist() == r.figure_ids.split()
        assert rows["position"].tolist() == list(range(len(rows)))
    # a stated rate's reported number is the rate figure's value (two files agree)
    rates = our_checks.query("check_kind == 'stated_rate' and source == 'declared' and role == 'rate'")
    assert len(rates) > 0


def test_long_audit_of_unseen_reports(unseen):
    path, _, long = unseen
    from lawstats.auditing.audit import audit_report

    _check_long(long, audit_report(path).astype(str))


def test_merge_figures_with_their_checks(ours, our_checks):
    merged = our_checks.merge(ours, left_on=["report", "figure_id"], right_on=["report", "id"],
                              how="left", validate="many_to_one")
    assert not [c for c in merged.columns if c.endswith(("_x", "_y"))]  # no clashing names
    assert merged["id"].notna().all(), "every figure an audit names is in the figures table"
    # the rate a stated_rate check reports is the rate figure's own value: two files agree
    rates = merged.query("role == 'rate' and check_kind == 'stated_rate'")
    assert len(rates) > 0 and (rates["reported"] == rates["value"]).all()
    # checks per part, in report order
    per_part = merged.drop_duplicates(["check_id", "part"]).groupby("part", observed=True).size()
    assert per_part.index.tolist() == sorted(per_part.index, key=ours["part"].cat.categories.get_loc)


def test_merge_on_an_unseen_report():
    """qingshan-2022: 调解各类纠纷1260件，调解成功1198件，调解成功率95.08% — 1198/1260 = 95.0794%."""
    f, c = lawstats.figures(QINGSHAN), lawstats.checks(QINGSHAN)
    merged = c.merge(f, left_on=["report", "figure_id"], right_on=["report", "id"], how="left",
                     validate="many_to_one")
    assert merged["id"].notna().all()
    rate = merged[merged["raw"] == "95.08%"]
    check = merged[merged["check_id"].isin(rate["check_id"])]
    assert set(check["raw"]) == {"95.08%", "1198件", "1260件"}
    assert set(check["verdict"]) == {"consistent"}
    assert check["recomputed"].iloc[0] == pytest.approx(float(Fraction(1198, 1260) * 100), abs=1e-5)
    assert check["reported"].iloc[0] == 95.08


# -- intervals: the interval-aware path is the obvious one, the lossy one fails ------------------
def test_interval_of_every_figure(ours):
    for row in ours.itertuples():
        iv = lawstats.interval_of(row)
        if row.qualifier in BOUNDED:
            assert iv.lower == (None if pd.isna(row.lower_exact) else Fraction(row.lower_exact))
            assert iv.upper == (None if pd.isna(row.upper_exact) else Fraction(row.upper_exact))
            with pytest.raises(RateError, match="interval_of"):
                lawstats.ratio(row.value, 10)  # NaN: a bound is never silently a point
        else:
            assert iv.is_point and iv.lower == Fraction(row.value_exact)


def test_interval_of_keeps_bounds_in_arithmetic():
    """qingshan-2022: 60余场 is [60, 70], so a tenth of it is [6, 7]; 上万份 has no ceiling."""
    f = lawstats.figures(QINGSHAN).set_index("raw")
    events = lawstats.interval_of(f.loc["60余场"])
    assert str(lawstats.ratio(events, 10)) == "[6, 7]"
    assert str(lawstats.total(events, lawstats.interval_of(f.loc["6次"]))) == "[66, 76]"
    assert str(lawstats.difference(lawstats.interval_of(f.loc["上万份"]), 1)) == "[9999, ∞)"
    assert lawstats.ratio(f.loc["60余场", "lower"], 10) == 6  # explicit: the lower bound, by name
    assert str(lawstats.interval_of(f.loc["95.08%"])) == "95.08"  # value_exact, not the float


def test_interval_of_rows_of_every_kind(ours):
    """A Series, an itertuples() row, a dict, and a row of the exact tables all give one interval."""
    from lawstats.extraction.dataset import read_figures

    exact = read_figures().set_index("id")
    series = ours.set_index("id", drop=False)
    for fid in ("legal-consultations-answered", "legal-leaflets-distributed"):
        want = lawstats.interval_of(exact.loc[fid].to_dict() | {"id": fid})
        assert lawstats.interval_of(series.loc[fid]) == want
        assert lawstats.interval_of(series.loc[fid].to_dict()) == want


def test_float_values_cannot_silently_replace_exact_ones():
    with pytest.raises(RateError, match="value_exact"):
        lawstats.ratio(96.34, 2)


# -- the public API ------------------------------------------------------------------------------
def test_one_public_way_each():
    for name in ("figures", "checks", "excluded", "interval_of", "difference", "total", "ratio",
                 "percent", "load_tables", "Interval"):
        assert name in lawstats.__all__
        assert ">>>" in (getattr(lawstats, name).__doc__ or ""), f"{name} has no example"
    for old in ("read_figures", "read_excluded", "run_audit", "load_audit", "audit_summary"):
        assert old not in lawstats.__all__


def test_load_tables_still_works():
    figures, excluded = lawstats.load_tables()
    assert len(figures) == len(lawstats.figures()) and len(excluded) == len(lawstats.excluded())


def test_excluded_follows_the_same_conventions():
    x = lawstats.excluded(QINGSHAN)
    assert x["start"].dtype == "int64" and x["section"].cat.ordered
    assert not (x["reason"] == "").any()
    assert "2022年" in x.loc[x["reason"] == "year", "quote"].tolist()  # the report's own year


def test_empty_audit_is_a_typed_empty_table():
    empty = pd.DataFrame(columns=AUDIT_COLUMNS)
    long = checks_table(empty)
    assert long.empty and long.columns.tolist() == CHECKS_COLUMNS
    assert long["reported"].dtype == "float64"


# -- several reports, and seaborn -------------------------------------------------------------
def test_several_reports_in_one_table(ours):
    paths = [None, QINGSHAN, CORPUS[0]]
    both = lawstats.figures(paths)
    assert isinstance(both["section"].dtype, pd.CategoricalDtype) and both["section"].cat.ordered
    assert len(both) == sum(len(lawstats.figures(p)) for p in paths)
    assert both["report"].unique().tolist() == ["luzhai-2021", "qingshan-2022", CORPUS[0].stem]
    # each report's own sections keep their report order inside the shared categories
    for name, one in both.groupby("report"):
        by_section = one.sort_values(["section", "start"], kind="stable")["start"].tolist()
        assert by_section == sorted(by_section), name
    # the union holds every part of every report, numbered order: '' 一 二 三 …
    parts = both["part"].cat.categories.tolist()
    assert parts[0] == "" and set(parts) >= set(ours["part"].cat.categories)
    checks = lawstats.checks([None, QINGSHAN])
    merged = checks.merge(both, left_on=["report", "figure_id"], right_on=["report", "id"],
                          how="left", validate="many_to_one")
    assert merged["id"].notna().all()
    assert set(merged["report"]) == {"luzhai-2021", "qingshan-2022"}


def test_seaborn_draws_from_the_tables(ours, recwarn):
    import matplotlib
    import seaborn as sns

    from lawstats.presentation.plotting import set_theme

    matplotlib.use("Agg")
    set_theme("zh")  # the notebooks' theme: a font with Chinese glyphs
    counts = ours.query("kind == 'count' and value.notna()", engine="python")
    ax = sns.barplot(data=counts, x="value", y="id", hue="part", legend=False)
    assert sorted(p.get_width() for p in ax.patches if p.get_width() > 0) == sorted(counts["value"])
    # facets across reports: one panel per report, parts in the shared order
    both = lawstats.figures([None, QINGSHAN])
    grid = sns.catplot(data=both, x="part", col="report", kind="count")
    assert len(grid.axes.flat) == 2
    ticks = [t.get_text() for t in grid.axes.flat[0].get_xticklabels()]
    assert ticks == both["part"].cat.categories.tolist()
    grid.figure.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


# -- bad and empty input --------------------------------------------------------------------
def test_bad_exact_value_names_row_and_column():
    bad = pd.DataFrame({"id": ["a", "b"], "section": ["一", "一"], "qualifier": ["exact"] * 2,
                        "value": ["12", "12O"], "lower": ["12", "12"], "upper": ["12", "12"],
                        "decimals": [0, 0], "start": [5, 9], "end": [8, 12]})
    with pytest.raises(ValueError, match=r"row 1 \(id 'b'\), column 'value': '12O' is not a decimal"):
        figures_table(bad)


def test_missing_report_file_is_a_clear_error(tmp_path):
    with pytest.raises(lawstats.ReportError, match="nothing-here.txt"):
        lawstats.figures(tmp_path / "nothing-here.txt")


def test_a_report_without_figures_gives_typed_empty_tables(tmp_path):
    path = tmp_path / "empty-2024.txt"
    path.write_text("某县法治政府建设工作情况报告\n一、总体情况\n认真贯彻落实上级部署。\n", encoding="utf-8")
    f, c = lawstats.figures(path), lawstats.checks(path)
    assert f.empty and f.columns.tolist() == FIGURES_COLUMNS and f["value"].dtype == "float64"
    assert f["part"].cat.categories.tolist() == ["", "一"]
    assert c.empty and c.columns.tolist() == CHECKS_COLUMNS
