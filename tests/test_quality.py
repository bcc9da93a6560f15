"""Scoring extraction against expected figures (lawstats.extraction.quality, benchmarks/quality.py)."""
from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal as D
from pathlib import Path
from types import SimpleNamespace as NS

import pytest

from lawstats.extraction.quality import (FIELDS, ExpectedFigure, Score, combine, expected_from_table,
                              find_occurrence, read_expected, score)

ROOT = Path(__file__).resolve().parent.parent
TEXT = "共办理行政复议案件56件，其余6件调解，调解成功率95.08%，2021年。"


def q(value, unit="件", qualifier="exact", lower=None, upper=None, decimals=0, kind="count"):
    value = None if value is None else D(value)
    lower = value if lower is None and qualifier == "exact" else lower
    upper = value if upper is None and qualifier == "exact" else upper
    return NS(value=value, unit=unit, qualifier=qualifier, lower=lower, upper=upper,
              decimals=decimals, kind=kind)


def mention(quote, occurrence=1, figure=None, label=""):
    start = find_occurrence(TEXT, quote, occurrence)
    return NS(start=start, end=start + len(quote), quote=quote, figure=figure, label=label)


def expected(quote, occurrence=1, **fields):
    start = find_occurrence(TEXT, quote, occurrence)
    return ExpectedFigure(quote, start, start + len(quote), **fields)


EXPECTED = [
    expected("56件", value=D(56), unit="件", qualifier="exact", lower=D(56), upper=D(56), decimals=0,
             kind="count", indicator="reconsideration_cases"),
    expected("6件", 2, value=D(6), unit="件", qualifier="exact", lower=D(6), upper=D(6), decimals=0,
             kind="count", indicator=""),
    expected("95.08%", value=D("95.08"), unit="%", qualifier="exact", lower=D("95.08"), upper=D("95.08"),
             decimals=2, kind="rate", indicator="mediation_success_rate"),
]


def test_find_occurrence_counts_overlapping_matches():
    assert find_occurrence(TEXT, "6件", 1) == TEXT.index("56件") + 1
    assert find_occurrence(TEXT, "6件", 2) == TEXT.index("其余6件") + 2
    assert find_occurrence("aaa", "aa", 2) == 1
    with pytest.raises(ValueError, match="occurs 2 time"):
        find_occurrence(TEXT, "6件", 3)
    with pytest.raises(ValueError, match="occurrence must be 1 or more. Got 0"):
        find_occurrence(TEXT, "6件", 0)


def test_perfect_extraction():
    mentions = [mention("56件", figure=q(56), label="共办理行政复议案件"),
                mention("6件", 2, figure=q(6), label="其余"),
                mention("95.08%", figure=q("95.08", "%", decimals=2, kind="rate"), label="调解成功率"),
                mention("2021年", figure=None)]
    s = score(EXPECTED, mentions, name="t")
    assert (s.expected, s.extracted, s.true_positives, s.matched) == (3, 3, 3, 3)
    assert s.recall == s.precision == 1.0
    assert all(s.field_accuracy(f) == 1.0 for f in FIELDS)
    assert s.indicator_accuracy == 1.0
    assert not (s.misses or s.false_positives or s.wrong or s.indicator_errors)


def test_wrong_span_is_a_miss_and_a_false_positive():
    wide = NS(start=TEXT.index("其余6件"), end=TEXT.index("其余6件") + 4, quote="其余6件", figure=q(6))
    s = score(EXPECTED, [mention("56件", figure=q(56)), wide])
    assert s.true_positives == 1 and s.matched == 1
    assert [e.quote for e in s.misses] == ["6件", "95.08%"]
    assert s.false_positives == [wide]
    assert s.recall == pytest.approx(1 / 3) and s.precision == pytest.approx(1 / 2)


def test_wrong_value_or_qualifier_is_neither_true_nor_missed():
    mentions = [mention("56件", figure=q(56, qualifier="at_least", lower=D(56), upper=D(60))),
                mention("6件", 2, figure=q(6, unit="项")),
                mention("95.08%", figure=q("95.1", "%", decimals=1, kind="rate"))]
    s = score(EXPECTED, mentions)
    assert s.matched == 3 and s.true_positives == 1          # a wrong unit alone is not a wrong figure
    assert [(e.quote, bad) for e, _, bad in s.wrong] == [
        ("56件", ("qualifier", "bounds")), ("95.08%", ("value", "bounds", "decimals"))]
    assert not s.misses and not s.false_positives
    assert s.field_accuracy("unit") == pytest.approx(2 / 3)
    assert s.field_accuracy("kind") == 1.0


def test_traditional_and_full_width_units_compare_folded():
    exp = [ExpectedFigure("328項", 0, 4, D(328), "项", "exact", D(328), D(328), 0, "count")]
    s = score(exp, [NS(start=0, end=4, quote="328項", figure=q(328, unit="項"))])
    assert s.field_accuracy("unit") == 1.0


def test_indicator_errors_are_listed():
    mentions = [mention("56件", figure=q(56), label="全县")]
    s = score(EXPECTED[:1], mentions)
    assert s.indicator_accuracy == 0.0
    assert s.indicator_errors[0][2] == ""


def test_unstated_fields_are_not_scored():
    exp = [ExpectedFigure("56件", EXPECTED[0].start, EXPECTED[0].end)]
    s = score(exp, [mention("56件", figure=q(99))])
    assert s.true_positives == 1 and all(s.field_accuracy(f) is None for f in FIELDS)
    assert s.indicator_accuracy is None


def test_duplicate_extraction_counts_once():
    m = mention("56件", figure=q(56))
    s = score(EXPECTED[:1], [m, m])
    assert s.true_positives == 1 and len(s.false_positives) == 1


def test_two_expected_on_one_span_is_an_error():
    with pytest.raises(ValueError, match="same span"):
        score([EXPECTED[0], EXPECTED[0]], [])


def test_combine_is_micro_averaged():
    a = Score("a", expected=10, extracted=10, true_positives=9, matched=10)
    b = Score("b", expected=30, extracted=20, true_positives=20, matched=20)
    c = combine([a, b])
    assert (c.name, c.expected, c.extracted, c.true_positives) == ("overall", 40, 30, 29)
    assert c.recall == pytest.approx(29 / 40) and c.precision == pytest.approx(29 / 30)
    assert Score().recall == Score().precision == 1.0


def test_read_expected_names_the_bad_row(tmp_path):
    path = tmp_path / "x.expected.csv"
    path.write_text("quote,occurrence,value,unit,qualifier,lower,upper,decimals,kind,indicator_code\n"
                    "56件,1,56,件,exact,56,56,0,count,\n"
                    "57件,1,57,件,exact,57,57,0,count,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x.expected.csv line 3: '57件' occurs 0 time"):
        read_expected(path, TEXT)
    path.write_text("quote,occurrence\n56件,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        read_expected(path, TEXT)
    path.write_text("quote,occurrence,value,unit,qualifier,lower,upper,decimals,kind,indicator_code\n"
                    "56件,1,5x,件,exact,56,56,0,count,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'5x' is not an exact decimal"):
        read_expected(path, TEXT)


def test_expected_from_table(tmp_path):
    start = TEXT.index("95.08%")
    path = tmp_path / "figures.csv"
    path.write_text("id,code,quote,start,end,value,unit,qualifier,lower,upper,decimals,kind\n"
                    f"a,mediation_success_rate,95.08%,{start},{start + 6},95.08,%,exact,95.08,95.08,2,rate\n",
                    encoding="utf-8")
    (e,) = expected_from_table(path, TEXT)
    assert (e.quote, e.value, e.decimals, e.indicator) == ("95.08%", D("95.08"), 2, "mediation_success_rate")
    path.write_text(f"quote,start,end,code\n95.08%,{start},{start + 6},\n", encoding="utf-8")
    assert expected_from_table(path, TEXT)[0].indicator is None      # codes not filled in yet
    path.write_text(f"quote,start,end\n95.08%,{start + 1},{start + 7}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not the quote '95.08%'"):
        expected_from_table(path, TEXT)


# ------------------------------------------------------------------ the script
@pytest.fixture
def script(monkeypatch):
    spec = importlib.util.spec_from_file_location("quality_script", ROOT / "benchmarks" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_engine(monkeypatch, find_mentions):
    monkeypatch.setitem(sys.modules, "lawstats.reading.mentions", NS(find_mentions=find_mentions))


@pytest.fixture
def tiny_corpus(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "a.expected.csv").write_text(
        "quote,occurrence,value,unit,qualifier,lower,upper,decimals,kind,indicator_code\n"
        "56件,1,56,件,exact,56,56,0,count,reconsideration_cases\n"
        "6件,2,6,件,exact,6,6,0,count,\n", encoding="utf-8")
    (tmp_path / "a.excluded.csv").write_text("quote,occurrence,reason\n2021年,1,year\n", encoding="utf-8")
    return tmp_path


def test_script_scores_a_corpus(script, monkeypatch, tiny_corpus, capsys):
    def find_mentions(text):
        return [mention("56件", figure=q(56), label="共办理行政复议案件"),
                NS(start=text.index("2021"), end=text.index("2021") + 4, quote="2021", figure=q(2021))]
    _fake_engine(monkeypatch, find_mentions)
    assert script.main(["--corpus", str(tiny_corpus), "--indicators"]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and " 50.0%" in out
    assert "miss            '6件'" in out
    assert "false positive  '2021'" in out and "(planted non-figure: year)" in out
    assert script.main(["--corpus", str(tiny_corpus), "--quiet", "--fail-under", "90"]) == 1
    assert "below 90%" in capsys.readouterr().err


def test_script_without_engine_says_so(script, monkeypatch, tiny_corpus):
    monkeypatch.setitem(sys.modules, "lawstats.reading.mentions", None)  # import raises ImportError
    with pytest.raises(SystemExit, match="cannot import lawstats.reading.mentions.find_mentions"):
        script.main(["--corpus", str(tiny_corpus)])


def test_script_names_a_missing_expected_list(script, monkeypatch, tmp_path):
    _fake_engine(monkeypatch, lambda text: [])
    (tmp_path / "b.txt").write_text("共3件，2021年。", encoding="utf-8")
    with pytest.raises(SystemExit, match="b.txt has no b.expected.csv"):
        script.main(["--corpus", str(tmp_path)])
    with pytest.raises(SystemExit, match="no .txt files"):
        script.main(["--corpus", str(tmp_path / "empty")])
