"""The report's outline, checked against the headings as they stand in the source text."""
from __future__ import annotations

from lawstats.structure import parse_structure

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
