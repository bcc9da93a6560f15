"""The test corpus (tests/corpus/) is consistent: every expected quote is where its row says.

This checks the corpus itself, not the extraction engine (benchmarks/quality.py scores that).
"""
from __future__ import annotations

import codecs
import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from lawstats.extraction.indicators import INDICATORS
from lawstats.extraction.quality import (EXPECTED_COLUMNS, PLANTED_COLUMNS, find_occurrence, read_expected,
                              read_planted)
from lawstats.reading.report import decode_report

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))
NAMES = [p.stem for p in FILES]

QUALIFIERS = {"exact", "at_least", "at_most", "approx", "range", "ratio"}
KINDS = {"count", "amount", "rate", "ratio", "duration"}
REASONS = {"year", "date", "period", "ordinal", "heading", "enumerator", "slogan", "name",
           "document_number", "version", "word", "truncated"}
CODES = {ind.code for ind in INDICATORS}
KIND_OF = {ind.code: ind.unit_kind for ind in INDICATORS}

# Every form of the field guide, as a pattern over the corpus's expected quotes.
FORMS = {
    "exact count with measure word": r"^[0-9]+[件项次人名个]$",
    "余 after the number": r"^[0-9]+余[^万亿]",
    "多 after the number": r"^[0-9]+多[^万亿]",
    "万余 (bound after the multiplier)": r"万余",
    "余万 (bound before the multiplier)": r"余万",
    "亿余": r"亿余",
    "万多": r"万多",
    "多万": r"多万",
    "decimal with 亿": r"^[0-9]+\.[0-9]+亿",
    "traditional 萬/餘": r"萬餘",
    "上万": r"^上万",
    "不少于": r"^不少于",
    "至少": r"^至少",
    "以上": r"以上$",
    "超过": r"^超过",
    "不超过 / 以下 / 内 (upper bounds)": r"^不超过|以下$|内$",
    "约": r"^约",
    "近": r"^近",
    "左右": r"左右$",
    "range with —": r"—",
    "range with -": r"^[0-9]+-[0-9]+",
    "range with 至": r"至",
    "range with 到": r"到",
    "range with ~": r"~",
    "range with the unit on both ends": r"^[0-9]+万元至[0-9]+万元$",
    "ratio with full-width colon": r"^[0-9]+：[0-9]+$",
    "ratio with ASCII colon": r"^[0-9]+:[0-9]+$",
    "percentage": r"^[0-9.]+%$",
    "full-width percent sign": r"％$",
    "百分之": r"^百分之",
    "两轮": r"^两轮$",
    "三批": r"^三批$",
    "三年 (连续三年)": r"^三年$",
    "四项": r"^四项$",
    "Chinese numeral with 余": r"^[兩两三四五六七八九十百千]+[餘余]",
    "个工作日": r"个工作日$",
    "decimal duration": r"^[0-9]+\.[0-9]+[天日]$",
    "minutes and months": r"分钟|个月",
    "thousands separator": r"^[0-9]{1,3},[0-9]{3}",
    "full-width digits": r"[０-９]",
    "traditional measure word": r"[項個張]",
    "39证 (a count inside a slogan)": r"^39证$",
    "个百分点": r"个百分点$",
}
# Every trap, as a (reason, pattern) over the planted non-figures.
TRAPS = {
    "year": ("year", r"^[0-9]{4}年"),
    "year 年度": ("year", r"^[0-9]{4}年度$"),
    "date": ("date", r"^[0-9]{4}年[0-9]+月$"),
    "plan period": ("period", r"^[0-9]{4}—[0-9]{4}年$"),
    "十九届六中全会": ("ordinal", r"^十九届六中全会$"),
    "二十大": ("ordinal", r"^二十大$"),
    "第八批": ("ordinal", r"^第八批$"),
    "第2期": ("ordinal", r"^第2期$"),
    "第七次": ("ordinal", r"^第七次$"),
    "全区第一个": ("ordinal", r"^全区第一个$"),
    "document number": ("document_number", r"^〔[0-9]{4}〕[0-9]+号$"),
    "version": ("version", r"^[0-9]+\.[0-9]+$"),
    "八五普法": ("name", r"^八五$"),
    "十三五": ("name", r"^十三五$"),
    "place name 三华村": ("name", r"^三华村$"),
    "十佳": ("name", r"^十佳$"),
    "百强区": ("name", r"^百强区$"),
    "首个": ("word", r"^首个$"),
    "三级": ("word", r"^三级$"),
    "四级": ("word", r"^四级$"),
    "四所合一": ("slogan", r"^四所合一$"),
    "三统一": ("slogan", r"^三统一$"),
    "三项制度": ("slogan", r"^三项制度$"),
    "双随机、一公开": ("slogan", r"^双随机、一公开$"),
    "一件事一次办": ("slogan", r"^一件事一次办$"),
    "一窗": ("slogan", r"^一窗$"),
    "法律六进": ("slogan", r"^法律六进$"),
    "一村一警务助理": ("slogan", r"^一村一警务助理$"),
    "3+X": ("slogan", r"^3\+X$"),
    "dropped 年 and 月: 20256月": ("date", r"^[0-9]{5}月$"),
    "dropped 年 and 月: 2023730日": ("date", r"^[0-9]{7}日$"),
    "dropped dash: (20212025年)": ("period", r"^[0-9]{8}年$"),
    "lunar date": ("date", r"^十月初七$"),
    "truncated figure": ("truncated", r"^525$"),
    "typo 2020度年": ("year", r"^2020度年$"),
    "headings": ("heading", r"^[一二三四五六七八九十]+、$"),
    "sections, full-width parentheses": ("heading", r"^（[一二三四五六]）$"),
    "sections, ASCII parentheses": ("heading", r"^\([一二三四五六]\)$"),
    "enumerated points": ("enumerator", r"^[一二三]是$"),
}


def _text(path: Path) -> str:
    return decode_report(path.read_bytes(), str(path))[0]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[str, list[dict], list[dict]]]:
    """name -> (canonical text, expected rows, planted rows)."""
    return {p.stem: (_text(p), _rows(p.with_suffix(".expected.csv")), _rows(p.with_suffix(".excluded.csv")))
            for p in FILES}


def test_corpus_shape():
    assert 8 <= len(FILES) <= 10
    assert (CORPUS / "README.md").is_file()
    for p in FILES:
        assert p.with_suffix(".expected.csv").is_file(), p.name
        assert p.with_suffix(".excluded.csv").is_file(), p.name
    assert sorted(CORPUS.glob("*.csv")) == sorted(
        [p.with_suffix(".expected.csv") for p in FILES] + [p.with_suffix(".excluded.csv") for p in FILES])


def test_encodings():
    encodings = {p.stem: decode_report(p.read_bytes(), str(p))[1] for p in FILES}
    assert sorted(n for n, e in encodings.items() if e == "gb18030") == ["dongshan-2023", "hexi-2023"]
    bom = [p.stem for p in FILES if p.read_bytes().startswith(codecs.BOM_UTF8)]
    assert bom == ["baiyun-2024"]
    assert b"\r\n" in (CORPUS / "baiyun-2024.txt").read_bytes()
    assert all(e == "utf-8" for n, e in encodings.items() if n not in ("dongshan-2023", "hexi-2023",
                                                                      "baiyun-2024"))
    assert not (CORPUS / "xishui-2022.txt").read_bytes().endswith(b"\n"), "must end mid-figure"


@pytest.mark.parametrize("name", NAMES)
def test_length(corpus, name):
    assert 600 <= len(corpus[name][0]) <= 2500


@pytest.mark.parametrize("name", NAMES)
def test_expected_rows_are_well_formed(corpus, name):
    text, rows, _ = corpus[name]
    assert rows, name
    assert tuple(rows[0]) == EXPECTED_COLUMNS
    for row in rows:
        where = f"{name}: {row['quote']!r}"
        q = row["qualifier"]
        assert q in QUALIFIERS, where
        assert row["kind"] in KINDS, where
        assert row["indicator_code"] in CODES | {""}, where
        if row["indicator_code"]:
            assert KIND_OF[row["indicator_code"]] == row["kind"], where
        value, lower, upper = (Decimal(row[c]) if row[c] else None for c in ("value", "lower", "upper"))
        decimals = int(row["decimals"])
        if q == "exact":
            assert value is not None and value == lower == upper, where
        elif q == "at_least":
            assert value == lower and (upper is None or upper > lower), where
        elif q == "at_most":
            assert lower is None and upper == value, where
        elif q == "approx":
            assert value is not None and lower is None and upper in (None, value), where
        elif q == "range":
            assert value is None and lower is not None and upper is not None and lower < upper, where
        else:  # ratio
            assert row["kind"] == "ratio" and row["unit"] == "" and value == lower == upper, where
        if row["unit"] == "%":
            assert row["kind"] == "rate", where
        if row["unit"].endswith("元"):
            assert row["kind"] == "amount", where
        written = re.search(r"[0-9０-９][.．]([0-9０-９]+)", row["quote"])
        assert decimals == (len(written.group(1)) if written else 0), where


@pytest.mark.parametrize("name", NAMES)
def test_expected_quotes_occur_in_text_order(corpus, name):
    text, rows, planted = corpus[name]
    spans = []
    for row in rows:
        start = find_occurrence(text, row["quote"], int(row["occurrence"]))
        spans.append((start, start + len(row["quote"])))
    assert spans == sorted(spans), "expected figures are listed in text order"
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, f"{name}: overlapping expected figures at {start}"
    assert tuple(planted[0]) == PLANTED_COLUMNS
    for row in planted:
        assert row["reason"] in REASONS, row
        start = find_occurrence(text, row["quote"], int(row["occurrence"]))
        end = start + len(row["quote"])
        assert not any(s < end and start < e for s, e in spans), \
            f"{name}: planted non-figure {row['quote']!r} overlaps an expected figure"


@pytest.mark.parametrize("name", NAMES)
def test_quality_readers_agree(name):
    """lawstats.extraction.quality reads the same spans (with the report loaded as the benchmark loads it)."""
    from lawstats import load_report

    path = CORPUS / f"{name}.txt"
    report = load_report(path)
    expected = read_expected(path.with_suffix(".expected.csv"), report.text)
    assert all(report.text[e.start:e.end] == e.quote for e in expected)
    planted = read_planted(path.with_suffix(".excluded.csv"), report.text)
    assert all(report.text[p.start:p.end] == p.quote for p in planted)


def test_every_form_is_exercised(corpus):
    quotes = [row["quote"] for _, rows, _ in corpus.values() for row in rows]
    missing = [form for form, pattern in FORMS.items() if not any(re.search(pattern, q) for q in quotes)]
    assert not missing, f"forms of the field guide no corpus figure exercises: {missing}"


def test_every_trap_is_planted(corpus):
    planted = [(row["reason"], row["quote"]) for _, _, rows in corpus.values() for row in rows]
    missing = [trap for trap, (reason, pattern) in TRAPS.items()
               if not any(r == reason and re.search(pattern, q) for r, q in planted)]
    assert not missing, f"traps of the field guide no corpus file plants: {missing}"


def test_damage_is_present(corpus):
    texts = {name: text for name, (text, _, _) in corpus.items()}
    damaged = texts["dongshan-2023"]
    assert "申请\n52件" in damaged                      # a paragraph break mid-sentence
    assert re.search(r"\n +\n", damaged)               # lines of spaces
    assert "縣" in damaged and "项" in damaged          # traditional beside simplified
    assert "," in damaged and "(一)" in damaged          # ASCII punctuation
    assert damaged.index("十月初七") < damaged.index("东山縣2023年")  # page furniture before the report
    assert texts["xishui-2022"].endswith("申请材料525")
    assert "其余67项" in texts["nanhu-2021"] and "举办36场受众4万余人" in texts["nanhu-2021"]
    assert "梳理20类141项" in texts["nanhu-2021"]
    assert "由240多天压缩至92天" in texts["baiyun-2024"]
    assert "从30个工作日减至3个工作日" in texts["baiyun-2024"]
    assert "已实现39证合一" in texts["baiyun-2024"]
