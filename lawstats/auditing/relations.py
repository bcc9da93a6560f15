"""Arithmetic relations found in any report from the structure of its sentences.

An auditor with a calculator reads a sentence such as
``全县政务服务事项1200项，其中可网上办理1100项，占比91.67%`` as a claim —
1100 of 1200 items is 91.67% — and checks it.  This module finds such claims by
rule, in any report; :mod:`lawstats.auditing.audit` evaluates them.  A relation records
the figures it relates, by role, and the *reading* it made, in Chinese and
English, so that every verdict can be traced to the words that justify it.

Kinds of relation (:data:`RELATION_KINDS`):

``share``       a stated rate whose numerator and base are stated counts:
                ``…其中…占比…``, ``X率`` after a count labelled ``X…``,
                ``…占全部N件的R%``; the base may be named in the sentence before
                (``受理…。其中办结…``).
``sum``         parts that make up a stated total: ``共/合计/累计 N，其中 a、b、c``,
                ``共N，分别为a、b``, ``其中a，其余b``.
``part_whole``  a single ``其中`` part, which cannot exceed its whole.
``growth``      a change between two stated values: ``从A增加到B``, ``较上年的A增长R%``,
                ``与去年同期（A）相比上升R%``; relative (%) or absolute (same unit).
``points``      a change of a rate in percentage points: ``从a%提高到b%，提高c个百分点``.
``average``     an average or per-person amount: ``人均``, ``平均每件``, ``户均``.

Precision comes first.  A relation whose reading is not unambiguous — groups
that may overlap, measure words that differ, a rate whose convention excludes
part of the base (胜诉率, 满意率, 履行率), more cases closed than received — is
still returned, with a ``caution``: the audit then says ``cannot_check`` and
gives it as the reason, never ``inconsistent``.

Examples
--------
>>> from lawstats.reading.mentions import find_mentions
>>> text = "全县政务服务事项1200项，其中可网上办理1100项，占比93.5%。"
>>> figs = figure_records(text)
>>> [r.kind for r in find_relations(text, figs)]
['share', 'part_whole']
>>> print(find_relations(text, figs)[0].reading_en)
1100项 of 1200项, read from 其中 … 占比
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Mapping

__all__ = ["RELATION_KINDS", "Relation", "find_relations", "figure_records", "sentences", "sentence_around",
           "is_change"]

#: The kinds of relation :func:`find_relations` finds.
RELATION_KINDS = ("share", "sum", "part_whole", "growth", "points", "average")

_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_CLAUSE_END = re.compile(r"[，,。！？；;!?\n：:]")
_PERSON_UNITS = ("人", "名", "人次", "位", "户", "名次", "家庭")
#: Rates whose base leaves part of the cases out (field guide): never compare with the plain share.
_CONVENTION_RATES = {
    "胜诉": ("胜诉率 usually leaves withdrawn cases out of its base", "胜诉率通常不计撤诉案件"),
    "败诉": ("败诉率 usually leaves withdrawn cases out of its base", "败诉率通常不计撤诉案件"),
    "满意": ("满意率 usually counts 基本满意 and may be over those who answered",
             "满意率通常含基本满意，且可能以回访人数为基数"),
    "履行": ("履行率 is over successful mediations or judgments, not all cases",
             "履行率以调解成功或裁判案件为基数"),
    "知晓": ("知晓率 comes from a survey sample", "知晓率来自抽样调查"),
}
_CLOSING_WORDS = ("办结", "结案", "审结", "化解", "处结", "完成", "答复")
_REMAINDER = re.compile(r"(其余|其他|其它|剩余|余下)")
_CATEGORY_SUFFIX = re.compile(r"(类|级|型|种)[^，,、]{0,4}$")
#: Words that name groups by an attribute or a topic, which may overlap (a case can concern a firm
#: and people's livelihood; a member can be a woman and a party member).
_OVERLAP = re.compile(r"(涉|含|包括|包含|以上|以下|党员|女性|男性|少数民族|青年|妇女|老年|残疾|重点|同时)")
_UP = "增长|增加|上升|提高|增多|多出|扩大"
_DOWN = "下降|减少|降低|压缩|缩短|减至|减到|缩减|精简|减"
_CHANGE = re.compile(rf"({_UP}|{_DOWN})")
_SINCE = re.compile(r"(较上年|较去年|比上年|比去年|同比|与上年|与去年|较\d{4}年|比\d{4}年|环比)")
_FROM = re.compile(r"[从由]")
_TO = re.compile(r"(到|至|为)$")
_AVERAGE = re.compile(r"(人均|户均|件均|平均每(件|人|户|次|个|家|场|宗|起|名)?|平均)")


@dataclass(frozen=True)
class Relation:
    """A claim of arithmetic read from a sentence.

    Attributes
    ----------
    kind : str
        One of :data:`RELATION_KINDS`.
    roles : dict
        Figure ids by role: ``share`` — rate, part (one id or several, summed),
        whole (candidate ids: the first that reproduces the rate is the reading;
        several that do not give ``cannot_check``); ``sum`` — total, parts;
        ``part_whole`` — part, whole; ``growth`` — before, after, change;
        ``points`` — before, after, change; ``average`` — total, count, average.
    reading_zh, reading_en : str
        What was read and from which words, e.g. ``1100项 of 1200项, read from
        其中 … 占比``.
    caution_zh, caution_en : str
        Why the reading is not unambiguous; empty when it is.  A relation with
        a caution can never be found ``inconsistent``.
    exhaustive : bool
        ``sum`` only: the parts claim to be all of the total (a remainder item
        ``其余``/``其他``, or ``分别为``), so they must add up to it exactly;
        otherwise they must only not exceed it.
    at_most : bool
        ``share`` only: the caution allows a *lower* rate than part / whole
        (cases carried over enlarge the base), never a higher one.
    direction : int
        ``growth`` and ``points``: +1 for an increase (增长, 提高…), −1 for a
        decrease (下降, 压缩…).
    start, end : int
        The sentence's span in the text.
    """

    kind: str
    roles: dict = field(compare=False)
    reading_zh: str
    reading_en: str
    caution_zh: str = ""
    caution_en: str = ""
    exhaustive: bool = False
    at_most: bool = False
    direction: int = 0
    start: int = 0
    end: int = 0

    def figure_ids(self) -> list[str]:
        """Every figure id the relation names, in role order, without repeats."""
        out: list[str] = []
        for v in self.roles.values():
            out += [v] if isinstance(v, str) else list(v)
        return list(dict.fromkeys(out))


# -- inputs ------------------------------------------------------------------------------
def figure_records(text: str) -> list[dict[str, Any]]:
    """The figures of a text as records with ids, for :func:`find_relations` (no pandas).

    Examples
    --------
    >>> [(r["id"], r["raw"], r["unit"]) for r in figure_records("受理30件，办结28件。")]
    [('f1', '30件', '件'), ('f2', '28件', '件')]
    """
    from lawstats.reading.mentions import figures, find_mentions

    out = []
    for i, m in enumerate(figures(find_mentions(text)), 1):
        q = m.figure
        out.append(dict(id=f"f{i}", start=m.start, end=m.end, raw=q.raw, value=q.value, unit=q.unit,
                        qualifier=q.qualifier, lower=q.lower, upper=q.upper, decimals=q.decimals,
                        kind=q.kind, label=m.label))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a text (ended by 。！？；, a line end, or the text's end).

    Examples
    --------
    >>> sentences("甲。乙；丙")
    [(0, 1), (2, 3), (4, 5)]
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_around(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span of the sentence(s) holding ``text[start:end]``, without the closing mark.

    Examples
    --------
    >>> text = "甲共10件。其中乙3件，占30%。丙。"
    >>> s, e = sentence_around(text, text.index("3件"))
    >>> text[s:e]
    '其中乙3件，占30%'
    >>> s, e = sentence_around(text, text.index("10件"), text.index("30%"))
    >>> text[s:e]
    '甲共10件。其中乙3件，占30%'
    """
    end = start if end is None else end
    # look back in growing windows: the cost is the sentence's length, not the offset
    lo, width, s = start, 64, 0
    while lo > 0:
        lo = max(0, start - width)
        s = max(text.rfind(mark, lo, start) for mark in "。！？；;!?\n") + 1
        if s > 0:
            break
        width *= 4
    m = _SENTENCE_END.search(text, max(end, start))
    return s, (m.start() if m else len(text))


def _is_rate(f: Mapping) -> bool:
    return f["unit"] == "%" and f["value"] is not None


def _is_points(f: Mapping, text: str) -> bool:
    return "百分点" in f["unit"] or "百分点" in f["raw"] or text.startswith("百分点", f["end"])


def _is_count(f: Mapping, text: str) -> bool:
    return (f["kind"] in ("count", "amount", "duration") and f["unit"] != "%"
            and not _is_points(f, text) and (f["value"] is not None or f["lower"] is not None))


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding ``pos`` starts (after the last ，：。 before it)."""
    i = pos
    while i > floor and not _CLAUSE_END.match(text[i - 1]):
        i -= 1
    return i


def _lead(text: str, f: Mapping, prev_end: int, floor: int) -> str:
    """The words right before a figure: from the previous figure or the clause start."""
    return text[max(prev_end, _clause_start(text, f["start"], floor)):f["start"]]


def _rate_stem(lead: str) -> str:
    """``成功`` for a lead ending ``…成功率`` / ``成功率为`` / ``成功率达``; '' when there is none."""
    m = re.search(r"([\u4e00-\u9fff]{1,4}?)率(为|达到|达|是|约|近|超过)?$", lead)
    if not m:
        return ""
    stem = re.sub(r"^(其中|共|总|全年|全部|年度|平均|综合)", "", m.group(1))
    return stem


def _strip(label: str) -> str:
    return re.sub(r"^(其中|共有|共计|共|累计|合计|总计|已|全年|今年|当年|全县|全市|全区|各类|并)+", "", label)


def _name(figs: Iterable[Mapping]) -> str:
    return " + ".join(f["raw"] for f in figs)


# -- the rules ---------------------------------------------------------------------------
class _Sentence:
    def __init__(self, text: str, span: tuple[int, int], figs: list[Mapping], previous: "_Sentence | None"):
        self.text, (self.start, self.end), self.figs, self.previous = text, span, figs, previous

    def lead(self, i: int) -> str:
        prev_end = self.figs[i - 1]["end"] if i > 0 else self.start
        return _lead(self.text, self.figs[i], prev_end, self.start)

    def before(self, i: int) -> list[Mapping]:
        return self.figs[:i]

    def words(self, a: int, b: int) -> str:
        return self.text[a:b]


def find_relations(text: str, figures: Iterable[Mapping]) -> list[Relation]:
    """Every relation the sentences of ``text`` state between its figures.

    Parameters
    ----------
    text : str
        The report's canonical text.
    figures : iterable of mappings
        The report's figures, each with ``id start end raw value unit
        qualifier lower upper decimals kind`` (rows of ``figures.csv`` as read
        by :func:`lawstats.extraction.dataset.read_figures`, or :func:`figure_records`).

    Returns
    -------
    list of Relation
        In text order.

    Examples
    --------
    >>> text = "共受理案件300件，其中行政许可类120件、行政处罚类95件、其他类105件。"
    >>> [(r.kind, r.exhaustive) for r in find_relations(text, figure_records(text))]
    [('sum', True)]
    >>> text = "发放救助金4.5万元，惠及15人，人均3500元。"
    >>> r = find_relations(text, figure_records(text))[0]
    >>> r.kind, r.roles
    ('average', {'total': 'f1', 'count': 'f2', 'average': 'f3'})
    """
    figs = sorted((dict(f) for f in figures), key=lambda f: f["start"])
    out: list[Relation] = []
    previous = None
    k = 0
    for span in sentences(text):
        inside = []
        while k < len(figs) and figs[k]["start"] < span[1]:
            if figs[k]["start"] >= span[0]:
                inside.append(figs[k])
            k += 1
        s = _Sentence(text, span, inside, previous)
        if inside:
            out += _shares(s) + _sums(s) + _changes(s) + _averages(s)
        previous = s
    return sorted(out, key=lambda r: (r.start, _ORDER[r.kind]))


_ORDER = {k: i for i, k in enumerate(RELATION_KINDS)}


def _qizhong_before(s: _Sentence, pos: int) -> int:
    """Position of the last 其中 before ``pos`` in the sentence, or -1."""
    return s.text.rfind("其中", s.start, pos)


def _base_candidates(s: _Sentence, before_pos: int, unit: str) -> tuple[list[Mapping], str]:
    """Counts with ``unit`` before ``before_pos`` in the sentence (nearest first), else in the previous one."""
    here = [f for f in s.figs if f["end"] <= before_pos and f["unit"] == unit and _is_count(f, s.text)]
    if here:
        return here[::-1], "same sentence"
    if s.previous is not None and s.text[s.start:s.end].strip().startswith("其中"):
        prev = [f for f in s.previous.figs if f["unit"] == unit and _is_count(f, s.text)]
        return prev[::-1], "previous sentence"
    return [], ""


def _shares(s: _Sentence) -> list[Relation]:
    out = []
    text = s.text
    for i, r in enumerate(s.figs):
        if not _is_rate(r) or _is_points(r, text):
            continue
        lead = s.lead(i)
        clause = text[_clause_start(text, r["start"], s.start):r["start"]]
        if _states_change(clause):
            continue  # a change, not a share (see _changes)
        earlier = [f for f in s.before(i) if _is_count(f, text)]
        # 占全部410件的40.2%: the base between 占 and the rate, the part before 占
        zhan = clause.rfind("占")
        if zhan >= 0:
            pos = r["start"] - len(clause) + zhan
            inner = [f for f in earlier if f["start"] > pos]
            if inner:
                whole = inner[-1]
                floor = _clause_start(text, pos, s.start)
                before_zhan = text[floor:pos].rstrip()
                if before_zhan[-1:] in "）)":  # 两类案件（120件和45件）占…: the sum of the bracket
                    opening = max(before_zhan.rfind("（"), before_zhan.rfind("("))
                    head = [f for f in earlier if floor + opening < f["start"] < pos]
                else:
                    head = [f for f in earlier if floor <= f["start"] < pos and f["unit"] == whole["unit"]][-1:]
                if not head or any(f["unit"] != whole["unit"] for f in head):
                    continue
                out.append(_share(s, r, head, [whole], "占 … 的", lead))
                continue
        stem = _rate_stem(lead)
        keyword = next((w for w in ("占比", "比例", "比重", "占") if w in lead), "")
        if not stem and not keyword:
            continue
        # the numerator: a 其中 count in this or the previous clause, or a count labelled with the stem
        part, how = None, ""
        q = _qizhong_before(s, r["start"])
        cands = [f for f in earlier if q >= 0 and f["start"] > q]
        mismatch = False
        if cands and (keyword or stem):
            part, how = cands[0], "其中"
            if len(cands) > 1:  # 其中A 10件、B 20件，占比…: which one?
                continue
            label = s.words(_clause_start(text, part["start"], s.start), part["start"])
            mismatch = bool(stem) and stem not in label and not keyword  # 其中优秀96份，优良率…
        elif stem:
            labelled = [f for f in earlier if _strip(s.words(_clause_start(text, f["start"], s.start),
                                                              f["start"])).startswith(stem)]
            if labelled:
                part, how = labelled[-1], stem
        if part is None:
            continue
        pos = q if how == "其中" else part["start"]
        wholes, where = _base_candidates(s, pos, part["unit"])
        if not wholes:
            continue
        if how == "其中":  # 审结84件，其中维持63件: 其中 points at the count right before it
            wholes = wholes[:1]
        word = f"{stem}率" if stem else keyword
        source = f"其中 … {word}" if how == "其中" else f"{stem}… {word}"
        rel = _share(s, r, [part], wholes, source, lead, where)
        if mismatch and not rel.caution_en:
            rel = Relation(rel.kind, rel.roles, rel.reading_zh, rel.reading_en,
                           caution_zh="比例名称与所列部分不同，可能另有所指",
                           caution_en="the rate's name does not name the part; it may count more",
                           start=rel.start, end=rel.end)
        out.append(rel)
    return out


def _share(s: _Sentence, rate: Mapping, parts: list[Mapping], wholes: list[Mapping], source: str,
           lead: str, where: str = "same sentence") -> Relation:
    part_raw = _name(parts)
    if len(parts) > 1:
        part_raw = f"({part_raw})"
    whole_raw = wholes[0]["raw"] if len(wholes) == 1 else " / ".join(w["raw"] for w in wholes)
    prev_en = ", the base in the sentence before" if where == "previous sentence" else ""
    prev_zh = "，基数在上一句" if where == "previous sentence" else ""
    caution_en = caution_zh = ""
    at_most = False
    for word, (en, zh) in _CONVENTION_RATES.items():
        if word in lead:
            caution_en, caution_zh = en, zh
    if not caution_en and len(parts) == 1 and not source.startswith("其中") and any(w in s.text[_clause_start(s.text, parts[0]["start"], s.start):
                                                             parts[0]["start"]] for w in _CLOSING_WORDS):
        caution_en = "the base may include cases carried over from the previous period"
        caution_zh = "基数可能含上期结转案件"
        at_most = True
    roles = {"rate": rate["id"], "part": [p["id"] for p in parts], "whole": [w["id"] for w in wholes]}
    return Relation("share", roles,
                    reading_zh=f"{part_raw} 占 {whole_raw} 的 {rate['raw']}，据“{source}”{prev_zh}",
                    reading_en=f"{part_raw} of {whole_raw}, read from {source}{prev_en}",
                    caution_zh=caution_zh, caution_en=caution_en, at_most=at_most, start=s.start, end=s.end)


def _list_after(s: _Sentence, pos: int, stop: int) -> list[Mapping]:
    """The counts of a list that starts at ``pos``: up to ``stop`` or the first rate."""
    out = []
    for f in s.figs:
        if f["start"] < pos or f["start"] >= stop:
            continue
        if _is_rate(f) or _is_points(f, s.text) or (out and f["unit"] != out[0]["unit"]):
            break  # a list has one measure word: 其中A 98件，为农民工追回760万元 ends at 元
        between = s.text[out[-1]["end"] if out else pos:f["start"]]
        if out and re.search(r"(占|率|比|人均|平均|较|同比|增长|下降|共|合计|累计)", between):
            break
        if _is_count(f, s.text):
            out.append(f)
    return out


def _sums(s: _Sentence) -> list[Relation]:
    out = []
    text = s.text
    starts = [m.start() for m in re.finditer("其中", text[s.start:s.end])]
    starts = [s.start + x for x in starts]
    for n, q in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else s.end
        parts = _list_after(s, q, stop)
        if not parts:
            continue
        unit = parts[0]["unit"]
        wholes, where = _base_candidates(s, q, unit)
        if not wholes:
            # the total may have another measure word (人次 with 件): say so, never compare
            others = [f for f in s.figs if f["end"] <= q and _is_count(f, text)]
            if others and len(parts) > 1:
                out.append(Relation("sum", {"total": others[-1]["id"], "parts": [p["id"] for p in parts]},
                                    reading_zh=f"{_name(parts)} 与总数 {others[-1]['raw']}，据“其中”",
                                    reading_en=f"{_name(parts)} within {others[-1]['raw']}, read from 其中",
                                    caution_zh="量词不同，不能相加", caution_en="different measure words",
                                    start=s.start, end=s.end))
            continue
        whole = wholes[0]
        labels = [_strip(text[_clause_start(text, p["start"], s.start):p["start"]]) for p in parts]
        labels = [re.split(r"[、，,]", lab)[-1] for lab in labels]
        mixed = any(p["unit"] != whole["unit"] for p in parts)
        remainder = any(_REMAINDER.search(text[(parts[j - 1]["end"] if j else q):p["start"]])
                        for j, p in enumerate(parts))
        caution_en = caution_zh = ""
        if mixed:
            caution_en, caution_zh = "different measure words (e.g. 人次 and 件)", "量词不同（如人次与件）"
        elif len(starts) > 1:
            caution_en, caution_zh = "several 其中 groups in one sentence may overlap", "同句有多个“其中”，分组可能重叠"
        elif any(_OVERLAP.search(x) for x in labels) and len(parts) > 1:
            caution_en, caution_zh = "groups named by an attribute or topic may overlap", "按属性或主题划分的分组可能重叠"
        elif unit in _PERSON_UNITS and not remainder and not all(_CATEGORY_SUFFIX.search(x) for x in labels):
            caution_en, caution_zh = "groups of people may overlap (e.g. party members and women)", \
                "人员分组可能重叠（如党员与女性）"
        src = "其中 … 其余" if remainder else "其中"
        if len(parts) == 1 and not remainder:
            if not caution_en and any(w in labels[0] for w in _CLOSING_WORDS):
                caution_en = "cases closed may include some carried over from the previous period"
                caution_zh = "办结数可能含上期结转案件"
            out.append(Relation("part_whole", {"part": parts[0]["id"], "whole": whole["id"]},
                                reading_zh=f"{parts[0]['raw']} 是 {whole['raw']} 的一部分，据“其中”",
                                reading_en=f"{parts[0]['raw']} is part of {whole['raw']}, read from 其中",
                                caution_zh=caution_zh, caution_en=caution_en, start=s.start, end=s.end))
            continue
        out.append(Relation("sum", {"total": whole["id"], "parts": [p["id"] for p in parts]},
                            reading_zh=f"{_name(parts)} 构成 {whole['raw']}，据“{src}”",
                            reading_en=f"{_name(parts)} make up {whole['raw']}, read from {src}",
                            caution_zh=caution_zh, caution_en=caution_en, exhaustive=remainder,
                            start=s.start, end=s.end))
    # 共137件，分别为52件、85件
    for m in re.finditer("分别为|分别是|分别有", text[s.start:s.end]):
        pos = s.start + m.start()
        parts = _list_after(s, pos, s.end)
        totals = [f for f in s.figs if f["end"] <= pos and _is_count(f, text)]
        if len(parts) < 2 or not totals:
            continue
        total = totals[-1]
        if not re.search(r"(共|合计|累计|总计|总数)", text[_clause_start(text, total["start"], s.start):total["start"]]):
            continue
        mixed = any(p["unit"] != total["unit"] for p in parts)
        out.append(Relation("sum", {"total": total["id"], "parts": [p["id"] for p in parts]},
                            reading_zh=f"{_name(parts)} 构成 {total['raw']}，据“共 … 分别为”",
                            reading_en=f"{_name(parts)} make up {total['raw']}, read from 共 … 分别为",
                            caution_zh="量词不同" if mixed else "", caution_en="different measure words" if mixed else "",
                            exhaustive=True, start=s.start, end=s.end))
    return out


def _changes(s: _Sentence) -> list[Relation]:
    out = []
    text = s.text
    used: set[str] = set()
    for i, c in enumerate(s.figs):
        lead = s.lead(i)
        m = None
        for m in _CHANGE.finditer(lead):
            pass
        if m is None or c["id"] in used:
            continue
        word = m.group(1)
        if _TO.search(lead) or word in ("减至", "减到"):
            continue  # 增加到B: B is the value after, not the change
        direction = 1 if re.fullmatch(_UP, word) else -1
        points = _is_points(c, text)
        earlier = s.before(i)
        before = after = None
        source = ""
        others: list[str] = []
        # 从A增加到B，增加C / 由A压缩至B，压缩C
        for j in range(len(earlier) - 1, 0, -1):
            a, b = earlier[j - 1], earlier[j]
            gap_ab = text[a["end"]:b["start"]]
            pre_a = text[_clause_start(text, a["start"], s.start):a["start"]]
            if _FROM.search(pre_a[-12:]) and re.search(r"(到|至|为)", gap_ab):
                before, after, source = a, b, "从 A … 到 B"
                break
        if before is None:
            since = None
            for since in _SINCE.finditer(text, _clause_start(text, c["start"], s.start), c["start"]):
                pass
            if since is not None:
                inner = [f for f in earlier if f["start"] > since.start()]
                outer = [f for f in earlier if f["end"] <= since.start()]
                if len(inner) == 1 and outer:
                    before = inner[0]
                    same = [f for f in outer if f["unit"] == before["unit"]]
                    if same:
                        after, source = same[-1], since.group(1)
                        others = [f["id"] for f in same[-2::-1]]  # 受理120件，办结110件，较上年…: which grew?
        if before is None or after is None:
            continue
        if before["unit"] != after["unit"]:
            continue
        if points:
            if not (_is_rate(before) and _is_rate(after)):
                continue
            kind = "points"
        elif _is_rate(c):
            kind = "growth"
        elif c["unit"] == before["unit"]:
            kind = "growth"
        else:
            continue
        used.add(c["id"])
        d_en = "increase" if direction > 0 else "decrease"
        d_zh = "增加" if direction > 0 else "减少"
        roles = {"before": before["id"], "after": after["id"], "change": c["id"]}
        if others:
            roles["other_afters"] = others
        out.append(Relation(kind, roles,
                            reading_zh=f"由 {before['raw']} 到 {after['raw']}，{d_zh} {c['raw']}，据“{source} … {word}”",
                            reading_en=f"from {before['raw']} to {after['raw']}, a {d_en} of {c['raw']}, "
                                       f"read from {source} … {word}",
                            direction=direction, start=s.start, end=s.end))
    return out


def _averages(s: _Sentence) -> list[Relation]:
    out = []
    text = s.text
    for i, v in enumerate(s.figs):
        lead = s.lead(i)
        m = None
        for m in _AVERAGE.finditer(lead):
            pass
        if m is None or not _is_count(v, text):
            continue
        word = m.group(1)
        if word.startswith("人均"):
            per = _PERSON_UNITS
        elif word.startswith("户均"):
            per = ("户",)
        elif word.startswith("件均"):
            per = ("件",)
        elif m.group(2):
            per = (m.group(2),)
        else:
            continue  # 平均办理时限2.5个工作日: an average of what?
        earlier = [f for f in s.before(i) if _is_count(f, text)]
        totals = [f for f in earlier if f["unit"] == v["unit"]]
        counts = [f for f in earlier if f["unit"] in per]
        if not totals or not counts:
            continue
        total, count = totals[-1], counts[-1]
        caution_en = caution_zh = ""
        between = re.sub(r"(达到|达|约|近|为|是|超过)", "", lead[m.end():])
        if len(totals) > 1 or len(counts) > 1:
            caution_en, caution_zh = "several candidate totals or counts in the sentence", "同句中有多个可能的总数或人数"
        elif len(between) > 2:  # 人均可支配收入3.2万元: an average of another quantity
            caution_en, caution_zh = "the average may be of another quantity", "平均的可能是另一个量"
        out.append(Relation("average", {"total": total["id"], "count": count["id"], "average": v["id"]},
                            reading_zh=f"{total['raw']} ÷ {count['raw']}，据“{word}”",
                            reading_en=f"{total['raw']} / {count['raw']}, read from {word}",
                            caution_zh=caution_zh, caution_en=caution_en, start=s.start, end=s.end))
    return out


def is_change(text: str, figure: Mapping) -> bool:
    """Whether a rate figure states a change (``同比增长12.4%``, ``压缩94%``) rather than a share.

    Examples
    --------
    >>> text = "案件同比增长150%，办结率98%。"
    >>> [is_change(text, f) for f in figure_records(text)]
    [True, False]
    """
    clause = text[_clause_start(text, figure["start"], 0):figure["start"]]
    return _states_change(clause)


def _states_change(clause: str) -> bool:
    """Whether the words before a figure make it a change: not ``下降至4.4%`` (a level)."""
    last = None
    for last in _CHANGE.finditer(clause):
        pass
    if last is not None:
        return not re.search(r"[至到]", clause[last.start():]) and not last.group(1).endswith(("至", "到"))
    return bool(_SINCE.search(clause))
