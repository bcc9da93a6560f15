"""The report's outline, checked against the headings as they stand in the source text."""
from __future__ import annotations

from lawstats.reading.structure import parse_structure

# Part titles copied from the report's heading lines (data/raw/luzhai-2021.txt, lines 6-106).
PART_TITLES = {
    "一": "提高政治站位，全力落实法治政府建设任务",
    "二": "健全政府机构职能体系，大力提升政府行政效能",
    "三": "完善依法行政制度体系，重大行政决策科学民主合法",
    "四": "坚持依法行政，严格规范公正文明执法",
    "五": "有效化解矛盾纠纷，提升法治政府建设满意度",
    "六": "建立健全应急处置机制，强化重大突发事件依法预防处置能力",
    "七": "强化对行政权力的制约和监督，提升督查效能",
    "八": "加强信息化平台建设、政务信息联通共享、“互联网﹢”执法﹢监管，全面推进数字法治政府建设",
    "九": "存在的问题",
    "十": "下一步工作计划",
}
# Sections per part, counted by reading the report's （一）… lines.
SECTIONS_PER_PART = {"一": 2, "二": 6, "七": 4, "八": 3, "十": 6}
# Enumerated points 一是… by reading: 一(一) 3, 一(二) 3, 二(五) 7, 九 3.
POINTS = {"一(一)": 3, "一(二)": 3, "二(五)": 7, "九": 3}


def test_parts_have_the_report_titles(report):
    parts = report.structure.parts
    assert {p.label: p.title for p in parts} == PART_TITLES  # trailing spaces on line 6 dropped
    assert all(report.text[p.start:p.heading_end].strip().startswith(p.numeral + "、") for p in parts)


def test_sections(report):
    counts = {}
    for s in report.structure.sections:
        counts[s.label.split("(")[0]] = counts.get(s.label.split("(")[0], 0) + 1
    assert counts == SECTIONS_PER_PART
    titles = {s.label: s.title for s in report.structure.sections}
    assert titles["二(二)"] == "深化行政审批制度改革，优化营商环境"
    assert titles["七(四)"] == "继续推进行政执法监督"


def test_points(report):
    counts = {}
    for p in report.structure.points:
        key = p.label[: -2]
        counts[key] = counts.get(key, 0) + 1
    assert counts == POINTS
    titles = [p.title for p in report.structure.points if p.label.startswith("一(一)")]
    assert titles == ["抓“关键少数”", "抓谋划安排", "抓全员覆盖"]


def test_spans_tile_the_parts(report):
    parts = report.structure.parts
    assert parts[0].start == report.text.index("一、提高政治站位")
    for a, b in zip(parts, parts[1:]):
        assert a.end == b.start
    assert parts[-1].end == len(report.text)
    for s in report.structure.sections:
        parent = next(p for p in parts if p.label == s.label.split("(")[0])
        assert parent.start < s.start < s.end <= parent.end


def test_locate(report):
    text = report.text
    assert report.locate(text.index("网办率96.34%")) == "二(二)"
    assert report.locate(text.index("行政审批服务网办率达96.34%")) == "八(一)"
    assert report.locate(text.index("成功调解1031件")) == "五"
    assert report.locate(text.index("2021年是")) == ""  # the preamble belongs to no part


def test_ascii_brackets_and_points_after_semicolons():
    s = parse_structure("一、甲\n(一)乙\n说明；一是做甲；二是做乙。\n")
    assert [h.label for h in s.headings()] == ["一", "一(一)", "一(一)一是", "一(一)二是"]


def test_numerals_in_prose_are_not_headings():
    s = parse_structure("一、甲\n统一是关键，十九届六中全会。\n")
    assert [h.label for h in s.headings()] == ["一"]


def test_to_frame(report):
    frame = report.structure.to_frame()
    assert list(frame.columns) == ["level", "label", "numeral", "title", "start", "end", "length"]
    assert (frame["length"] == frame["end"] - frame["start"]).all()
    assert frame["level"].value_counts().to_dict() == {"section": 21, "point": 16, "part": 10}


# ------------------------------------------------------------ real texts (issue 11)
# Composed reports with scrape damage (tests/corpus_reading/README.md); every expected title below
# is read off the composed files by hand.
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from lawstats import load_report  # noqa: E402
from lawstats.reading.mentions import find_mentions  # noqa: E402
from lawstats.reading.structure import TITLE_MAX  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus_reading"

OUTLINES = {
    "chrome.txt": [
        ("一", "强化组织领导"), ("一(一)", "压实责任"),
        ("一(一)1.", "健全制度"), ("一(一)2.", "加强审查"), ("一(一)3.", "开展培训"),
        ("一(二)", "推进学法"),
        ("一(二)(1)", "集中学法4次"), ("一(二)(2)", "旁听庭审2次"), ("一(二)(3)", "专题讲座3场"),
        ("二", "严格规范执法"), ("二(一)", "深化综合执法改革"),
        ("二(一)一是", "整合队伍7支"), ("二(一)二是", "下放事项58项"), ("二(一)1.", "开展专项检查15次"),
        ("三", "存在的问题"), ("三一是", "基层力量不足"), ("三二是", "信息化水平不高"),
    ],
    "opens-mid.txt": [
        ("(三)", "加强队伍建设"),
        ("四", "存在的问题"), ("四一是", "学法用法氛围仍需加强"), ("四二是", "执法监督存在薄弱环节"),
        ("五", "下一步工作"), ("五(一)", "完善制度"), ("五(二)", "加强监督"),
    ],
    "damaged.txt": [
        ("一", "強化組織領導"), ("一(一)", "壓實責任"),
        ("一(一)1.", "簽訂責任書２１份"), ("一(一)2.", "開展督查４次"),
        ("一(二)", ""),
        ("二", "全面推進依法行政…"), ("二(一)", "推進“放管服”改革，优化营商环境"),
        ("二(一)1.", "精简事项１２項"), ("二(一)2.", "压缩时限至3个工作日"),
    ],
    "split-title.txt": [
        ("一", "主要做法"), ("一一是", "完善制度3项"), ("一二是", "培训干部200人次"), ("一三是", "办理复议案件11件"),
    ],
    "no-headings.txt": [],
}


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_composed_reports_outline(name):
    report = load_report(CORPUS / name)
    got = [(h.label, h.title) for h in report.structure.headings()]
    assert got == OUTLINES[name]
    for h in report.structure.headings():
        assert len(h.title) <= TITLE_MAX + 1
        assert h.start < h.heading_end <= h.end <= len(report.text)
    ms = find_mentions(report.text)  # the text reads without error, every numeral in one mention
    assert all(report.text[m.start:m.end] == m.quote for m in ms)


def test_run_in_heading_ends_at_first_stop():
    s = parse_structure("一、强化组织领导。县政府常务会议研究3次。\n（一）学法：每季度1次。\n")
    assert [(h.title, s_text) for h, s_text in zip(s.headings(), ["一、强化组织领导。", "（一）学法："])] == [
        ("强化组织领导", "一、强化组织领导。"), ("学法", "（一）学法：")]
    text = "一、强化组织领导。县政府常务会议研究3次。\n（一）学法：每季度1次。\n"
    assert [text[h.start:h.heading_end] for h in s.headings()] == ["一、强化组织领导。", "（一）学法："]


def test_heading_titles_are_capped():
    para = "加强执法监督，" + "持续推进各项工作落实" * 60  # 607 characters, no 。 or ：
    s = parse_structure(f"一、{para}\n")
    assert s.parts[0].title == "加强执法监督…"
    s = parse_structure("一、" + "甲" * 80 + "\n")
    assert s.parts[0].title == "甲" * TITLE_MAX + "…"


def test_numbered_points_restart_in_each_section_and_go_up_by_one():
    s = parse_structure("一、甲\n（一）乙\n1.子\n2.丑\n（二）丙\n1.寅\n3.卯\n2.辰\n")
    assert [p.label for p in s.points] == ["一(一)1.", "一(一)2.", "一(二)1.", "一(二)2."]


def test_report_keeps_its_outline_with_numbered_points(report):
    counts = {level: len(getattr(report.structure, level)) for level in ("parts", "sections", "points")}
    assert counts == {"parts": 10, "sections": 21, "points": 16}  # counted by reading the report


@pytest.mark.parametrize("size", [200_000])
def test_parse_structure_on_many_headings_is_fast_enough_to_finish(size):
    # Not a timing test (see benchmarks/linear.py): a text with a heading or point on most lines
    # must simply finish; the old search from the start of the text took minutes at this size.
    unit = "一、甲。\n（一）乙\n一是丙；二是丁。\n1.戊\n（1）己\n"
    text = unit * (size // len(unit))
    s = parse_structure(text)
    assert len(s.parts) == size // len(unit)


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_locate_sections_locates_every_offset_as_parse_structure(name):
    # the reference is parse_structure itself: locate_sections must give its label for every offset
    from lawstats.reading.structure import locate_sections

    text = load_report(CORPUS / name).text
    offsets = range(len(text) + 1)
    assert locate_sections(text, offsets) == parse_structure(text).locate_all(offsets)
