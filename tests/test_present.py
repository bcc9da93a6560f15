"""Tables for readers, on the real data: ids, localized headers, honest values, English without Chinese."""
from __future__ import annotations

import re

import pytest

from lawstats import load_report
from lawstats.auditing.audit import load_audit
from lawstats.extraction.dataset import load_tables
from lawstats.labels import label
from lawstats.presentation.present import (audit_overview, checks_table, denominators_table, derived_table, figure_table,
                              figures_by_part, format_value, localize_arithmetic, mentions_table, part_note,
                              select_figures)

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
PARTS = "一二三四五六七八"
OTHER_REPORT = "tests/corpus/nanhu-2021.txt"


@pytest.fixture(scope="module")
def data():
    figures, excluded = load_tables()
    return {"doc": load_report(), "figures": figures, "excluded": excluded, "audit": load_audit()}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_figure_table_has_ids_and_localized_headers(data, language):
    table = figure_table(data["figures"], language, section="五", text=data["doc"].text)
    keys = ("id", "where", "indicator", "figure_value", "unit", "quote", "note")
    assert list(table.columns) == [label(k, language) for k in keys]
    assert table[label("id", language)].tolist() == select_figures(data["figures"], "五")["id"].tolist()
    if language == "zh":
        assert table.columns[2] == "指标"


def test_every_figure_is_in_exactly_one_part_table(data):
    ids = [i for part in PARTS for i in figure_table(data["figures"], "en", section=part)["id"]]
    assert sorted(ids) == sorted(data["figures"]["id"]) and len(ids) == len(set(ids))


def test_quotes_show_the_figure_in_its_clause(data):
    table = figure_table(data["figures"], "zh", ids=["legal-consultations-answered"], text=data["doc"].text)
    assert table.iloc[0]["原文"] == "解答法律咨询【80余次】"


def test_english_tables_have_no_chinese_but_the_quotes(data):
    table = figure_table(data["figures"], "en", text=data["doc"].text)
    assert not any(CJK.search(c) for c in table.columns)
    for column in ("section", "indicator", "value", "unit", "note"):
        chinese = [v for v in table[column] if CJK.search(v)]
        assert not chinese, (column, chinese)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_bounds_are_never_shown_as_exact_numbers(data, language):
    figures = data["figures"]
    for row in figures.to_dict("records"):
        shown = format_value(row, language)
        if row["qualifier"] == "at_least" and row["upper"] is not None:
            assert "–" in shown, shown  # 80余 -> 80–90
        elif row["qualifier"] == "at_least":
            assert "≥" in shown or "or more" in shown, shown
        elif row["qualifier"] == "range":
            assert re.fullmatch(r"[\d,]+–[\d,]+", shown), shown
    row = figures.set_index("id", drop=False).loc["legal-consultations-answered"]
    assert format_value(row, "zh") == "80–90（80余）"


def test_a_table_does_not_change_its_input(data):
    before = data["figures"].copy()
    figure_table(data["figures"], "en", section="二")
    select_figures(data["figures"], "二(二)", ids=["items-no-trip"])
    assert data["figures"].equals(before)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_figures_by_part_adds_up(data, language):
    table = figures_by_part(data["figures"], language, data["doc"])
    total = label("all", language)
    assert table.loc[total, total] == len(data["figures"])
    assert table.loc[total, label("of_which_repeats", language)] == (data["figures"]["repeat_of"] != "").sum()
    assert table.index.name == label("part", language)


def test_mentions_account_for_every_numeral(data):
    table = mentions_table(data["figures"], data["excluded"], "en")
    counts = table.iloc[:-1, 1].astype(int)
    assert counts.sum() == table.iloc[-1, 1] == len(data["figures"]) + len(data["excluded"])
    assert not any(CJK.search(v) for v in table.iloc[:, 0])


def test_english_arithmetic_has_no_chinese(data):
    for text in data["audit"]["explanation_en"]:
        assert not CJK.search(localize_arithmetic(text, data["figures"], "en")), text


def test_derived_and_checks_tables(data):
    audit, figures = data["audit"], data["figures"]
    derived = derived_table(audit, figures, "en", section="五")
    assert "court-appearance-rate" in derived["check"].tolist()
    assert set(derived["check"]) <= set(audit.loc[audit["kind"] == "derived", "check_id"])
    checks = checks_table(audit, figures, "zh", verdict="consistent")
    assert set(checks["结论"]) == {"一致"}
    everything = checks_table(audit, figures, "en", derived=True)
    assert len(everything) == len(audit)
    with pytest.raises(ValueError, match="Got 'ok' instead"):
        checks_table(audit, figures, "en", verdict="ok")
    overview = audit_overview(audit, "en")
    assert overview.loc["all", "all"] == len(audit)


def test_denominators_table_agrees_with_rounding(data):
    from lawstats.arithmetic.rounding import smallest_denominator

    table = denominators_table(data["audit"], data["figures"], "en", max_denominator=1500)
    row = table.set_index("id").loc["online-service-rate"]
    assert row["smallest possible denominator"] == smallest_denominator(
        "96.34", methods=("half_up", "half_even", "truncate"))
    assert table.set_index("id").loc["one-window-rate", "possible denominators (≤ 1500)"] == \
        label("any_denominator", "en")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_part_note_for_another_report_says_labels_are_automatic(language):
    doc = load_report(OTHER_REPORT)
    figures, _ = load_tables(OTHER_REPORT)
    note = part_note(doc, figures, "一", language)
    assert ("自动生成" if language == "zh" else "automatic") in note
    missing = part_note(doc, figures, "八", language)
    assert ("没有第八部分" if language == "zh" else "has no part 8") in missing
    table = figure_table(figures, language, section="一", text=doc.text)
    assert len(table) == len(select_figures(figures, "一")) > 0
