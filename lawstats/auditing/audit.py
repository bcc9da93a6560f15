"""An auditor's check of a report's arithmetic.

Two sources of checks meet here:

* **declared** checks (``data/checks.yaml``): which count is the denominator of
  which rate, which parts make which total — what only a person can say;
* **automatic** checks, found by rules on any report: every figure stated twice
  (from ``repeat_of``, or detected when no annotation exists), and every stated
  rate that no declared check explains — tried against the counts of its own
  sentence, with the denominators that could produce it.

Each check gives one row with a verdict — ``consistent``, ``inconsistent``,
``cannot_check`` (with the reason) or ``derived`` (a figure the report does not
state) — and the arithmetic that decided it, in Chinese and in English.  All
arithmetic is exact (:mod:`lawstats.arithmetic.rates`, :mod:`lawstats.arithmetic.rounding`); bounds
such as ``80余`` enter as intervals.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawstats.errors import AnnotationError
from lawstats.arithmetic.interval import Interval, as_interval, rounded_interval
from lawstats.arithmetic.rates import RateError, change, per_capita, percent, ratio, relative_change, share
from lawstats.reading.report import DATA_DIR
from lawstats.arithmetic.rounding import (DEFAULT_METHODS, check_percent, denominator_possible, methods_giving,
                       numerators_for, round_exact, smallest_denominator)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["VERDICTS", "CHECK_KINDS", "RELATION_CHECK_KINDS", "AUDIT_COLUMNS", "check_relation", "DEFAULT_CHECKS", "AUTO", "Check", "load_checks",
           "run_audit", "audit_summary", "figure_interval", "detect_repeats", "write_audit",
           "read_audit", "load_audit", "audit_report", "relation_interval", "audit_files", "BatchAudit",
           "BATCH_COLUMNS", "inconsistencies"]

#: The verdicts a check can reach.
VERDICTS = ("consistent", "inconsistent", "cannot_check", "derived")
#: The kinds of check.
CHECK_KINDS = ("sum", "stated_rate", "repeat", "bound", "ratio_claim", "derived",
               "rate_without_denominator", "growth", "points", "average")
#: The check kind of each relation kind (:data:`lawstats.auditing.relations.RELATION_KINDS`).
RELATION_CHECK_KINDS = {"share": "stated_rate", "sum": "sum", "part_whole": "bound",
                        "growth": "growth", "points": "points", "average": "average"}
#: The columns of data/audit.csv.
AUDIT_COLUMNS = ["check_id", "kind", "source", "figure_ids", "reported", "recomputed", "verdict",
                 "reason", "rounding", "explanation_zh", "explanation_en", "note_zh", "note_en"]
#: The declared checks of the project's report.
def _default_checks() -> Path:
    from lawstats.paths import case_studies_dir

    return case_studies_dir() / "luzhai_2021" / "checks.yaml"


DEFAULT_CHECKS = _default_checks()
#: ``checks=AUTO``: the declared checks of the case study that applies to the whole report, if any.
AUTO = "auto"

_FIELDS = {  # kind -> (required, optional) fields naming figures
    "sum": (("parts", "total"), ()),
    "stated_rate": (("rate", "denominator"), ("numerator",)),
    "bound": (("smaller", "larger"), ()),
    "ratio_claim": (("ratio", "antecedent", "consequent"), ()),
    "derived": (("op", "inputs"), ("unit",)),
}
_OPS = ("percent", "share", "ratio", "per_capita", "product", "sum", "difference", "change",
        "relative_change")


@dataclass(frozen=True)
class Check:
    """A declared check: its id, kind, the figures it relates, and what it asserts."""

    id: str
    kind: str
    fields: dict = field(default_factory=dict, compare=False)
    note_zh: str = ""
    note_en: str = ""

    def figure_ids(self) -> list[str]:
        """Every figure id the check names, in order."""
        out: list[str] = []
        for key in ("rate", "numerator", "denominator", "parts", "total", "smaller", "larger",
                    "ratio", "antecedent", "consequent", "inputs"):
            out += _flatten(self.fields.get(key))
        return list(dict.fromkeys(out))


def _flatten(x) -> list[str]:
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    return [y for item in x for y in _flatten(item)]


def load_checks(path: str | Path = DEFAULT_CHECKS) -> list[Check]:
    """Read declared checks from YAML, checking their shape.

    Raises
    ------
    AnnotationError
        Naming the file, the check and the field that is wrong.
    """
    from lawstats.extraction.annotate import read_yaml

    path = Path(path)
    doc = read_yaml(path, "checks")
    checks, seen = [], set()
    for i, entry in enumerate((doc or {}).get("checks") or []):
        where = f"{path}: checks[{i}]"
        if not isinstance(entry, dict) or "id" not in entry or "kind" not in entry:
            raise AnnotationError(f"{where}: every check needs an `id` and a `kind`")
        cid, kind = entry["id"], entry["kind"]
        if kind not in _FIELDS:
            raise AnnotationError(f"{where} ({cid}): kind must be one of {tuple(_FIELDS)}. "
                                  f"Got {kind!r} instead.")
        if cid in seen:
            raise AnnotationError(f"{where}: duplicate check id {cid!r}")
        seen.add(cid)
        required, optional = _FIELDS[kind]
        missing = [f for f in required if f not in entry]
        if missing:
            raise AnnotationError(f"{where} ({cid}): a {kind} check needs {missing}")
        extra = set(entry) - set(required) - set(optional) - {"id", "kind", "note_zh", "note_en"}
        if extra:
            raise AnnotationError(f"{where} ({cid}): unknown field(s) {sorted(extra)}")
        if kind == "derived" and entry["op"] not in _OPS:
            raise AnnotationError(f"{where} ({cid}): op must be one of {_OPS}. "
                                  f"Got {entry['op']!r} instead.")
        fields = {k: v for k, v in entry.items() if k not in ("id", "kind", "note_zh", "note_en")}
        checks.append(Check(cid, kind, fields, entry.get("note_zh", ""), entry.get("note_en", "")))
    return checks


# -- values ----------------------------------------------------------------------
def figure_interval(row) -> Interval:
    """The values a figure permits, as an Interval (exact figures are points).

    ``row`` is a row of :func:`lawstats.extraction.dataset.read_figures` (Decimals or None).
    An approximate figure (``约120``) enters as its stated value.
    """
    q = row["qualifier"]
    if q in ("at_least", "at_most", "range"):
        return Interval.of(row["lower"], row["upper"])
    if row["value"] is None:
        raise RateError(f"figure {row['id']!r} ({row['raw']!r}) has no single value")
    return Interval.point(row["value"])


def _num(x, places: int = 2) -> str:
    """An exact number for people: integers as such, else rounded half up to ``places``."""
    if isinstance(x, Interval):
        if x.is_point:
            return _num(x.lower, places)
        low = "-∞" if x.lower is None else _num(x.lower, places)
        high = "∞" if x.upper is None else _num(x.upper, places)
        return f"[{low}, {high}" + (")" if x.upper is None else "]")
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    text = str(round_exact(x, places, "half_up"))
    return text.rstrip("0").rstrip(".") if "." in text else text


def _reported(row) -> str:
    """A rate figure's value as written, at its stated decimals (``'96.34'``, ``'94'``)."""
    return str(Decimal(row["value"]).quantize(Decimal(1).scaleb(-int(row["decimals"]))))


class _Figures:
    """Figures by id, with their intervals, for one audit."""

    def __init__(self, frame: "pd.DataFrame") -> None:
        self.rows = {r["id"]: r for r in frame.to_dict("records")}

    @classmethod
    def of(cls, figures) -> "_Figures":
        """From a DataFrame or a mapping of id to row."""
        if isinstance(figures, dict):
            out = cls.__new__(cls)
            out.rows = dict(figures)
            return out
        return cls(figures)

    def missing(self, ids) -> list[str]:
        return [i for i in ids if i not in self.rows]

    def value(self, ids) -> Interval:
        """The interval of one id, or the sum of a list of ids."""
        total = Interval.point(0)
        for i in _flatten(ids):
            total = total + figure_interval(self.rows[i])
        return total

    def raw(self, ids) -> str:
        return " + ".join(self.rows[i]["raw"] for i in _flatten(ids))


def _row(check_id, kind, source, ids, verdict, *, reported="", recomputed="", reason="",
         rounding="", zh="", en="", note_zh="", note_en="") -> dict[str, Any]:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}. Got {verdict!r} instead.")
    return {"check_id": check_id, "kind": kind, "source": source, "figure_ids": " ".join(ids),
            "reported": reported, "recomputed": recomputed, "verdict": verdict, "reason": reason,
            "rounding": rounding, "explanation_zh": zh, "explanation_en": en,
            "note_zh": note_zh, "note_en": note_en}


# -- declared checks ---------------------------------------------------------------
def _check_sum(c: Check, f: _Figures) -> dict:
    parts, total = f.value(c.fields["parts"]), f.value(c.fields["total"])
    ok = parts.overlaps(total)
    expr = f.raw(c.fields["parts"])
    verdict = "consistent" if ok else "inconsistent"
    zh_v, en_v = ("一致", "consistent") if ok else ("不一致", "inconsistent")
    return dict(verdict=verdict, reported=_num(total), recomputed=_num(parts),
                zh=f"{expr} = {_num(parts)}；报告总数 {f.raw(c.fields['total'])}：{zh_v}",
                en=f"{expr} = {_num(parts)}; reported total {f.raw(c.fields['total'])}: {en_v}")


def _check_rate(c: Check, f: _Figures) -> dict:
    rate_row = f.rows[c.fields["rate"]]
    reported = _reported(rate_row)
    whole = f.value(c.fields["denominator"])
    if c.fields.get("numerator") is None:
        return _grim(reported, whole, f.raw(c.fields["denominator"]))
    part = f.value(c.fields["numerator"])
    try:
        result = check_percent(reported, part, whole)
    except RateError as exc:
        return dict(verdict="inconsistent", reported=f"{reported}%", recomputed="",
                    zh=f"{f.raw(c.fields['numerator'])} ÷ {f.raw(c.fields['denominator'])}"
                       f" 无法得到 {reported}%：{exc}",
                    en=f"{f.raw(c.fields['numerator'])} / {f.raw(c.fields['denominator'])} "
                       f"cannot give {reported}%: {exc}")
    passing = ", ".join(m for m in result.methods_passing)
    reason = "consistent only by rounding" if result.only_by_rounding else ""
    zh, en = result.explanation_zh, result.explanation_en
    if len(_flatten(c.fields["numerator"])) > 1 or len(_flatten(c.fields["denominator"])) > 1:
        terms = f"{_grouped(f, c.fields['numerator'])} ÷ {_grouped(f, c.fields['denominator'])}"
        zh, en = f"{terms}：{zh}", f"{terms.replace('÷', '/')}: {en}"  # show the sums' parts
    return dict(verdict=result.verdict, reported=f"{reported}%",
                recomputed=_num(result.recomputed, int(rate_row["decimals"]) + 3) + "%",
                rounding=passing, reason=reason, zh=zh, en=en)


def _grouped(f: "_Figures", ids) -> str:
    """The figures as written, a sum in brackets: ``(48项 + 1415项)``."""
    raw = f.raw(ids)
    return f"({raw})" if " + " in raw else raw


def _grim(reported: str, whole: Interval, whole_raw: str) -> dict:
    """Is a rate possible for a denominator (GRIM test)?"""
    if not whole.is_point or whole.lower.denominator != 1:
        return dict(verdict="cannot_check", reported=f"{reported}%", reason="denominator is not an exact count",
                    zh=f"分母 {whole_raw} 不是确数，无法检验", en=f"the denominator {whole_raw} is not an exact count")
    n = int(whole.lower)
    if Decimal(reported) > 100:  # declared a share of n: at most n of n
        return dict(verdict="inconsistent", reported=f"{reported}%", recomputed="",
                    reason="impossible for the denominator",
                    zh=f"{n} 中的部分不可能占 {reported}%：不可能",
                    en=f"a part of {n} cannot be {reported}% of it: impossible")
    ks = numerators_for(reported, n, methods=("half_up", "half_even", "truncate"))
    if ks:
        shown = ", ".join(str(k) for k in ks[:3]) + ("…" if len(ks) > 3 else "")
        return dict(verdict="consistent", reported=f"{reported}%",
                    recomputed=f"{ks[0]}/{n}" if len(ks) == 1 else f"k/{n}, k ∈ {{{shown}}}",
                    reason="possible for the denominator (numerator not stated)",
                    zh=f"{reported}% 可由 {shown} ÷ {n} 得到（分子未列出）：可能",
                    en=f"{reported}% can come from {shown} / {n} (numerator not stated): possible")
    return dict(verdict="inconsistent", reported=f"{reported}%", recomputed="",
                reason="impossible for the denominator",
                zh=f"没有整数 k 使 k ÷ {n} 得到 {reported}%：不可能",
                en=f"no whole k gives k / {n} = {reported}%: impossible")


def _check_bound(c: Check, f: _Figures) -> dict:
    small, large = f.value(c.fields["smaller"]), f.value(c.fields["larger"])
    s_raw, l_raw = f.raw(c.fields["smaller"]), f.raw(c.fields["larger"])
    possible = small.lower is None or large.upper is None or small.lower <= large.upper
    certain = (small.upper is not None and large.lower is not None and small.upper <= large.lower)
    if not possible:
        return dict(verdict="inconsistent", reported=f"{_num(small)} ≤ {_num(large)}",
                    zh=f"{s_raw} > {l_raw}：不一致", en=f"{s_raw} > {l_raw}: inconsistent")
    reason = "" if certain else "holds for some values within the bounds"
    return dict(verdict="consistent", reported=f"{_num(small)} ≤ {_num(large)}", reason=reason,
                zh=f"{s_raw} ≤ {l_raw}：一致" + ("" if certain else "（在区间内可能成立）"),
                en=f"{s_raw} ≤ {l_raw}: consistent" + ("" if certain else " (possible within the bounds)"))


def _check_ratio(c: Check, f: _Figures) -> dict:
    claim_row = f.rows[c.fields["ratio"]]
    claim = figure_interval(claim_row)
    got = as_interval(ratio(f.value(c.fields["antecedent"]), f.value(c.fields["consequent"])))
    ok = got.overlaps(claim)
    expr = f"{f.raw(c.fields['antecedent'])} : {f.raw(c.fields['consequent'])}"
    zh_v, en_v = ("一致", "consistent") if ok else ("不一致", "inconsistent")
    return dict(verdict="consistent" if ok else "inconsistent", reported=claim_row["raw"],
                recomputed=_num(got, 4),
                zh=f"{expr} = {_num(got, 4)}；报告 {claim_row['raw']}：{zh_v}",
                en=f"{expr} = {_num(got, 4)}; reported {claim_row['raw']}: {en_v}")


_OP_WORDS = {  # op -> (symbol, zh word, en word)
    "percent": ("÷", "占比", "share"), "share": ("÷", "比例", "share"), "ratio": ("÷", "比值", "ratio"),
    "per_capita": ("÷", "人均", "per person"), "product": ("×", "乘积", "product"),
    "sum": ("+", "合计", "total"), "difference": ("−", "差额", "difference"),
    "change": ("→", "变化", "change"), "relative_change": ("→", "变化幅度", "relative change"),
}


def _check_derived(c: Check, f: _Figures) -> dict:
    op, inputs = c.fields["op"], c.fields["inputs"]
    values = [f.value(x) for x in inputs]
    raws = [f.raw(x) if isinstance(x, str) else f"({f.raw(x)})" for x in inputs]
    if op == "percent":
        result = percent(values[0], values[1], allow_over=True)
    elif op == "share":
        result = share(values[0], values[1], allow_over=True)
    elif op in ("ratio",):
        result = ratio(values[0], values[1])
    elif op == "per_capita":
        result = per_capita(values[0], values[1])
    elif op == "change":
        result = change(values[0], values[1])
    elif op == "relative_change":
        result = relative_change(values[0], values[1]) * 100
    elif op == "product":
        result = values[0]
        for v in values[1:]:
            result = result * v
    elif op == "sum":
        result = sum(values[1:], values[0])
    else:  # difference
        result = values[0] - values[1]
    unit = c.fields.get("unit", "")
    symbol = _OP_WORDS[op][0]
    shown = _num(result) + ("%" if unit == "%" else f" {unit}" if unit else "")
    expr = f" {symbol} ".join(raws)
    scale = " × 100%" if op in ("percent", "relative_change") else ""
    return dict(verdict="derived", recomputed=shown,
                zh=f"{expr}{scale} = {shown}", en=f"{expr}{scale} = {shown}")


_DECLARED = {"sum": _check_sum, "stated_rate": _check_rate, "bound": _check_bound,
             "ratio_claim": _check_ratio, "derived": _check_derived}


# -- automatic checks ----------------------------------------------------------------
def _same_value(a, b) -> bool:
    return (a["unit"], a["qualifier"], a["value"], a["lower"], a["upper"]) == \
           (b["unit"], b["qualifier"], b["value"], b["lower"], b["upper"])


def _check_repeat(row, first) -> dict:
    ok = _same_value(row, first)
    zh_v, en_v = ("一致", "consistent") if ok else ("不一致", "inconsistent")
    return dict(verdict="consistent" if ok else "inconsistent", reported=row["raw"],
                recomputed=first["raw"],
                zh=f"{row['section']} 的 {row['raw']} 与 {first['section']} 的 {first['raw']}：{zh_v}",
                en=f"{row['raw']} in {row['section'] or 'preamble'} and {first['raw']} in "
                   f"{first['section'] or 'preamble'}: {en_v}")


_TRIM = re.compile(r"^[共计总达为是约有]+|[共计总达为是约有：:]+$")


def _label_key(label: str) -> str:
    return _TRIM.sub("", label or "")


def detect_repeats(frame: "pd.DataFrame", text: str | None = None) -> dict[str, str]:
    """Find figures stated twice, by rule: ``{later id: first id}``.

    Two figures are taken as one fact stated twice when they have the same
    value, unit and qualifier and the same words around them — the same
    automatic label (ignoring 共/达/为…), or the same four characters after the
    figure — and the value is distinctive: a count or amount of at least 10, or
    a rate written with decimals.  Small numbers and round rates such as 100%
    recur too often by chance to count as evidence.
    """
    rows = frame.to_dict("records")
    out: dict[str, str] = {}
    # Earlier rows indexed by value and by the clue that can tie them to a later row, so that
    # each row looks only at rows with its value (linear time): the first row in text order
    # that has the same value and either clue, as a scan of every earlier row would find.
    by_label: dict[tuple, int] = {}  # (value key, last 2 or 3 characters of the label) -> row
    by_after: dict[tuple, int] = {}  # (value key, four characters after the figure) -> row
    for i, b in enumerate(rows):
        key = (b["unit"], b["qualifier"], b["value"], b["lower"], b["upper"])
        lb = _label_key(b.get("label", b.get("indicator", "")))
        after = text[b["end"]:b["end"] + 4] if text is not None else None
        distinctive = (b["kind"] == "rate" and int(b["decimals"]) > 0) or (
            b["kind"] in ("count", "amount") and b["value"] is not None and b["value"] >= 10)
        if not b.get("repeat_of") and distinctive:
            hits = []
            if len(lb) >= 2:
                hits.append(by_label.get((key, lb[-3:])))
            if text is not None and len(text) >= b["end"] + 4:
                hits.append(by_after.get((key, after)))
            hits = [h for h in hits if h is not None]
            if hits:
                out[b["id"]] = rows[min(hits)]["id"]
                continue  # a repeat is never the first statement of a later one
        for tail in {lb[-3:], lb[-2:]} if len(lb) >= 2 else ():
            by_label.setdefault((key, tail), i)
        if after is not None:
            by_after.setdefault((key, after), i)
    return out


_SENTENCE_END = re.compile(r"[。！？；;\n]")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: after the last sentence end before it, up to the next one.

    Looks back in growing windows, so the cost is the sentence's length, not ``pos``.

    Examples
    --------
    >>> _sentence("甲1件。乙2件，3%。丙", 9)
    (4, 10)
    """
    lo, width = pos, 64
    while True:
        lo = max(0, pos - width)
        found = None
        for found in _SENTENCE_END.finditer(text, lo, pos):
            pass
        if found is not None or lo == 0:
            break
        width *= 4
    start = found.end() if found is not None else 0
    m = _SENTENCE_END.search(text, pos)
    return start, (m.start() if m else len(text))


def _start_of(row) -> int:
    return row["start"]


def _check_rate_alone(row, counts, text: str | None) -> dict:
    """A rate no declared check explains: try the counts of its sentence."""
    reported = _reported(row)
    if Decimal(row["value"]) > 100:  # 办结率120%, 完成目标任务的135%: not a part of a whole
        return dict(verdict="cannot_check", ids=[], reported=f"{reported}%", reason="over 100%",
                    zh=f"{reported}% 超过100%，不是一个整体中的部分，无从按分子分母检验",
                    en=f"{reported}% is over 100%: not a part of one whole, so no numerator and "
                       "denominator to check")
    if text is not None:
        s, e = _sentence(text, row["start"])
        # counts are in text order: only those between the sentence start and the rate
        i = bisect.bisect_left(counts, s, key=_start_of)
        near = []
        while i < len(counts) and counts[i]["start"] < min(e, row["start"]):
            near.append(counts[i])
            i += 1
    else:
        near = []
    exact = [c for c in near if c["qualifier"] == "exact" and c["value"] is not None
             and Decimal(c["value"]) == Decimal(c["value"]).to_integral_value() and c["value"] > 0]
    pairs = []
    for whole in exact:
        for part in exact:
            if part is not whole and part["value"] <= whole["value"]:
                try:
                    if check_percent(reported, part["value"], whole["value"],
                                     methods=("half_up", "half_even", "truncate")).consistent:
                        pairs.append((part, whole))
                except RateError:
                    continue
    smallest = smallest_denominator(reported, max_denominator=100000,
                                    methods=("half_up", "half_even", "truncate"))
    small_en = f"; the smallest denominator that can give {reported}% is {smallest}" if smallest else ""
    small_zh = f"；能得到 {reported}% 的最小分母为 {smallest}" if smallest else ""
    if len(pairs) == 1:
        part, whole = pairs[0]
        result = check_percent(reported, part["value"], whole["value"])
        return dict(verdict="consistent", ids=[part["id"], whole["id"]], reported=f"{reported}%",
                    recomputed=_num(result.recomputed, int(row["decimals"]) + 3) + "%",
                    reason="one pair of counts in its sentence reproduces it",
                    rounding=", ".join(result.methods_passing),
                    zh=result.explanation_zh + "（同句中唯一能得到该比例的两个数）",
                    en=result.explanation_en + " (the one pair of counts in its sentence that gives it)")
    candidates = [c for c in exact if denominator_possible(
        reported, int(c["value"]), methods=("half_up", "half_even", "truncate"))]
    if len(pairs) > 1 or len(candidates) > 1:
        names = ", ".join(c["raw"] for c in candidates)
        return dict(verdict="cannot_check", ids=[c["id"] for c in candidates], reported=f"{reported}%",
                    reason="several candidate denominators",
                    zh=f"同句中有多个可能的分母（{names}），无法确定{small_zh}",
                    en=f"several counts in its sentence could be the denominator ({names}){small_en}")
    if len(candidates) == 1:
        c = candidates[0]
        return dict(verdict="cannot_check", ids=[c["id"]], reported=f"{reported}%",
                    reason="one candidate denominator, numerator not stated",
                    zh=f"同句中仅 {c['raw']} 可作分母，但分子未列出{small_zh}",
                    en=f"only {c['raw']} in its sentence could be the denominator, and no numerator "
                       f"is stated{small_en}")
    if near:
        names = ", ".join(c["raw"] for c in near)
        return dict(verdict="cannot_check", ids=[], reported=f"{reported}%",
                    reason="no denominator in the text reproduces it",
                    zh=f"同句中的数（{names}）都不能得到 {reported}%{small_zh}",
                    en=f"none of the counts in its sentence ({names}) can give {reported}%{small_en}")
    return dict(verdict="cannot_check", ids=[], reported=f"{reported}%", reason="no denominator in the text",
                zh=f"报告未给出该比例的分子和分母{small_zh}",
                en=f"the report states neither numerator nor denominator{small_en}")


# -- relations found in the sentences (lawstats.auditing.relations) ------------------------------
_MULTIPLIED = re.compile(r"\d(?:\.(\d+))?\s*(万|亿)")


def relation_interval(row) -> Interval:
    """The values a figure permits when it enters a relation found by rule.

    As :func:`figure_interval`, and a figure rounded to 万 or 亿 (``1.9万件``,
    ``4.5万元``), or an approximate one (``约120人``), is widened to every value
    that rounds (half up or by truncation) to it at its last written digit.
    """
    base = figure_interval(row)
    raw = str(row["raw"])
    m = _MULTIPLIED.search(raw)
    if m and base.is_point:
        place = Fraction(10**4 if m.group(2) == "万" else 10**8) / 10**len(m.group(1) or "")
        return rounded_interval(base.lower, place)
    if row["qualifier"] == "approx" and base.is_point and base.lower:
        return rounded_interval(base.lower, _last_place(Decimal(row["value"]), int(row["decimals"])))
    return base


def _last_place(value: Decimal, decimals: int) -> Fraction:
    """The unit of the last significant written digit: 3500 → 100, 2.5 → 0.1."""
    if decimals > 0 or value == 0:
        return Fraction(1, 10**decimals)
    n = int(value)
    place = 1
    while n and n % 10 == 0:
        n //= 10
        place *= 10
    return Fraction(place)


def _reading(rel) -> dict:
    return dict(note_zh=rel.reading_zh, note_en=rel.reading_en)


def _caution(rel, zh: str, en: str, **extra) -> dict:
    return dict(verdict="cannot_check", reason=rel.caution_en, zh=f"{zh}；{rel.caution_zh}，无法判定",
                en=f"{en}; {rel.caution_en}: cannot tell", **extra)


def _rel_share(rel, f: "_Figures") -> dict:
    rate = f.rows[rel.roles["rate"]]
    reported = _reported(rate)
    methods = DEFAULT_METHODS + (("up_or_down",) if rate["qualifier"] == "approx" else ())
    part = sum((relation_interval(f.rows[i]) for i in rel.roles["part"]), Interval.point(0))
    part_raw = f.raw(rel.roles["part"])
    tried = []
    for wid in rel.roles["whole"]:
        whole = relation_interval(f.rows[wid])
        if part.lower is not None and whole.upper is not None and part.lower > whole.upper:
            tried.append((wid, None))
            continue
        try:
            result = check_percent(reported, part, whole, methods=methods, allow_over_100=True)
        except RateError:
            tried.append((wid, None))
            continue
        if result.consistent:
            return dict(verdict="consistent", ids=[rate["id"], *rel.roles["part"], wid], reported=f"{reported}%",
                        recomputed=_num(result.recomputed, int(rate["decimals"]) + 3) + "%",
                        rounding=", ".join(result.methods_passing),
                        reason="consistent only by rounding" if result.only_by_rounding else "",
                        zh=result.explanation_zh, en=result.explanation_en)
        tried.append((wid, result))
    ids = [rate["id"], *rel.roles["part"], *rel.roles["whole"]]
    over = [w for w, r in tried if r is None]
    if rel.at_most and len(tried) == 1 and tried[0][1] is not None:
        # a larger base (cases carried over) can only lower the rate: a rate above part / whole is wrong
        result = tried[0][1]
        low = as_interval(result.recomputed).upper
        if low is not None and not methods_giving(reported, Interval(0, low), methods=methods):
            return dict(verdict="inconsistent", ids=ids, reported=f"{reported}%",
                        recomputed=_num(result.recomputed, int(rate["decimals"]) + 3) + "%",
                        reason="higher than part / whole, which a larger base could only lower",
                        zh=result.explanation_zh + "；基数即使含结转案件也只会使比例更低",
                        en=result.explanation_en + "; a base with carried-over cases could only make it lower")
    if rel.caution_en:
        return _caution(rel, f"{part_raw} ÷ {f.raw(rel.roles['whole'][0])} 得不到 {reported}%",
                        f"{part_raw} / {f.raw(rel.roles['whole'][0])} does not give {reported}%",
                        ids=ids, reported=f"{reported}%")
    if over and len(over) == len(tried):
        return dict(verdict="cannot_check", ids=ids, reported=f"{reported}%",
                    reason="the part is larger than its base",
                    zh=f"{part_raw} 大于基数 {f.raw(over[0])}，可能含上期结转，无法判定",
                    en=f"{part_raw} is larger than the base {f.raw(over[0])} (carried over?): cannot tell")
    if len(tried) > 1:
        names = ", ".join(f.raw(w) for w, _ in tried)
        return dict(verdict="cannot_check", ids=ids, reported=f"{reported}%",
                    reason="several candidate denominators",
                    zh=f"可能的基数（{names}）都得不到 {reported}%，但不能确定基数",
                    en=f"none of the candidate bases ({names}) gives {reported}%, and which is meant is not certain")
    wid, result = tried[0]
    return dict(verdict="inconsistent", ids=ids, reported=f"{reported}%",
                recomputed=_num(result.recomputed, int(rate["decimals"]) + 3) + "%",
                zh=result.explanation_zh, en=result.explanation_en)


def _rel_sum(rel, f: "_Figures") -> dict:
    parts = sum((relation_interval(f.rows[i]) for i in rel.roles["parts"]), Interval.point(0))
    total = relation_interval(f.rows[rel.roles["total"]])
    expr, t_raw = f.raw(rel.roles["parts"]), f.rows[rel.roles["total"]]["raw"]
    base = dict(reported=_num(total), recomputed=_num(parts))
    exceeds = parts.lower is not None and total.upper is not None and parts.lower > total.upper
    if rel.exhaustive and not rel.caution_en:
        ok = parts.overlaps(total)
        zh_v, en_v = ("一致", "consistent") if ok else ("不一致", "inconsistent")
        return dict(verdict="consistent" if ok else "inconsistent", **base,
                    zh=f"{expr} = {_num(parts)}；报告总数 {t_raw}：{zh_v}",
                    en=f"{expr} = {_num(parts)}; reported total {t_raw}: {en_v}")
    if not exceeds:
        return dict(verdict="consistent", **base, reason="the parts do not exceed the total",
                    zh=f"{expr} = {_num(parts)} ≤ 报告总数 {t_raw}：一致（所列可能不是全部）",
                    en=f"{expr} = {_num(parts)} ≤ reported total {t_raw}: consistent (the list may not be all)")
    if rel.caution_en:
        return _caution(rel, f"{expr} = {_num(parts)} > 报告总数 {t_raw}",
                        f"{expr} = {_num(parts)} > reported total {t_raw}", **base)
    return dict(verdict="inconsistent", **base, reason="the parts exceed the total",
                zh=f"{expr} = {_num(parts)} > 报告总数 {t_raw}：不一致",
                en=f"{expr} = {_num(parts)} > reported total {t_raw}: inconsistent")


def _rel_part_whole(rel, f: "_Figures") -> dict:
    part, whole = relation_interval(f.rows[rel.roles["part"]]), relation_interval(f.rows[rel.roles["whole"]])
    p_raw, w_raw = f.rows[rel.roles["part"]]["raw"], f.rows[rel.roles["whole"]]["raw"]
    base = dict(reported=f"{_num(part)} ≤ {_num(whole)}")
    if part.lower is None or whole.upper is None or part.lower <= whole.upper:
        return dict(verdict="consistent", **base, zh=f"{p_raw} ≤ {w_raw}：一致", en=f"{p_raw} ≤ {w_raw}: consistent")
    if rel.caution_en:
        return _caution(rel, f"{p_raw} > {w_raw}", f"{p_raw} > {w_raw}", **base)
    return dict(verdict="inconsistent", **base, reason="a part larger than its whole",
                zh=f"{p_raw} > {w_raw}：部分大于整体，不一致", en=f"{p_raw} > {w_raw}: a part larger than its whole")


def _rel_change(rel, f: "_Figures") -> dict:
    result = _rel_change_one(rel, f)
    others = rel.roles.get("other_afters") or []
    if result["verdict"] != "inconsistent" or not others:
        return result
    from dataclasses import replace

    for other in others:  # 受理120件，办结110件，较上年的100件增长20%: 受理 may be what grew
        roles = {k: v for k, v in rel.roles.items() if k != "other_afters"}
        alt = _rel_change_one(replace(rel, roles=dict(roles, after=other)), f)
        if alt["verdict"] == "consistent":
            return dict(alt, ids=[rel.roles["before"], other, rel.roles["change"]])
    names = ", ".join(f.rows[i]["raw"] for i in [rel.roles["after"], *others])
    return dict(result, verdict="cannot_check", reason="several candidate current values",
                zh=result["zh"] + f"；但本期数值可能是 {names} 中的另一个，无法判定",
                en=result["en"] + f"; but the current value may be another of {names}: cannot tell")


def _rel_change_one(rel, f: "_Figures") -> dict:
    before_row, after_row, c = (f.rows[rel.roles[k]] for k in ("before", "after", "change"))
    points = rel.kind == "points"
    if points:  # stated rates are themselves rounded at their decimals
        before = rounded_interval(before_row["value"], _last_place(Decimal(before_row["value"]), int(before_row["decimals"])))
        after = rounded_interval(after_row["value"], _last_place(Decimal(after_row["value"]), int(after_row["decimals"])))
    else:
        before, after = relation_interval(before_row), relation_interval(after_row)
    diff = after - before
    signed = diff * rel.direction
    expr_zh = f"{after_row['raw']} − {before_row['raw']}"
    if signed.upper is not None and signed.upper < 0:
        word = ("增加", "an increase") if rel.direction > 0 else ("减少", "a decrease")
        return dict(verdict="inconsistent", reported=c["raw"], recomputed=_num(diff),
                    reason="the change goes the other way",
                    zh=f"{expr_zh} = {_num(diff)}，与“{word[0]}”方向相反：不一致",
                    en=f"{after_row['raw']} − {before_row['raw']} = {_num(diff)}, not {word[1]}: inconsistent")
    magnitude = Interval(max(signed.lower, 0) if signed.lower is not None else 0, signed.upper)
    reported = _reported(c) if c["value"] is not None else None
    if c["unit"] == "%" and not points:
        value = magnitude / before if before.lower is not None and before.lower > 0 else None
        if value is None:
            return dict(verdict="cannot_check", reported=c["raw"], reason="the earlier value is 0",
                        zh="基数为0，无法计算变化幅度", en="the earlier value is 0: no relative change")
        value = value * 100
        shown = _num(value, int(c["decimals"]) + 3) + "%"
        expr_zh = f"|{after_row['raw']} − {before_row['raw']}| ÷ {before_row['raw']}"
        expr_en = f"|{after_row['raw']} − {before_row['raw']}| / {before_row['raw']}"
    else:
        value = magnitude
        unit = "个百分点" if points else c["unit"]
        shown = _num(value, int(c["decimals"]) + 2) + (f" {unit}" if unit else "")
        expr_zh = expr_en = f"|{after_row['raw']} − {before_row['raw']}|"
    if reported is None:
        return dict(verdict="cannot_check", reported=c["raw"], recomputed=shown, reason="the change is not a single value",
                    zh=f"{expr_zh} = {shown}；报告 {c['raw']} 不是确数", en=f"{expr_en} = {shown}; {c['raw']} is not a single value")
    methods = DEFAULT_METHODS + (("up_or_down",) if c["qualifier"] == "approx" else ())
    if c["unit"] == "%" or points:
        passing = methods_giving(reported, value, methods=methods)
    else:
        passing = ("exact",) if as_interval(value).overlaps(relation_interval(c)) else ()
    ok = bool(passing)
    zh_v, en_v = ("一致", "consistent") if ok else ("不一致", "inconsistent")
    return dict(verdict="consistent" if ok else "inconsistent", reported=c["raw"], recomputed=shown,
                rounding=", ".join(p for p in passing if p != "exact"),
                zh=f"{expr_zh} = {shown}；报告 {c['raw']}：{zh_v}",
                en=f"{expr_en} = {shown}; reported {c['raw']}: {en_v}")


def _rel_average(rel, f: "_Figures") -> dict:
    t_row, n_row, v_row = (f.rows[rel.roles[k]] for k in ("total", "count", "average"))
    total, count = relation_interval(t_row), relation_interval(n_row)
    try:
        value = as_interval(per_capita(total, count))
    except RateError as exc:
        return dict(verdict="cannot_check", reported=v_row["raw"], reason="cannot be computed",
                    zh=f"无法计算：{exc}", en=f"cannot be computed: {exc}")
    stated = relation_interval(v_row)
    if stated.is_point:  # 人均3500元 may be rounded to the hundred
        stated = rounded_interval(stated.lower, _last_place(Decimal(v_row["value"]), int(v_row["decimals"])))
    shown = _num(value) + f" {v_row['unit']}"
    expr = f"{t_row['raw']} ÷ {n_row['raw']}"
    if value.overlaps(stated):
        return dict(verdict="consistent", reported=v_row["raw"], recomputed=shown,
                    zh=f"{expr} = {shown}；报告 {v_row['raw']}：一致", en=f"{expr.replace('÷', '/')} = {shown}; reported {v_row['raw']}: consistent")
    if rel.caution_en:
        return _caution(rel, f"{expr} = {shown}，不是 {v_row['raw']}", f"{expr.replace('÷', '/')} = {shown}, not {v_row['raw']}",
                        reported=v_row["raw"], recomputed=shown)
    return dict(verdict="inconsistent", reported=v_row["raw"], recomputed=shown,
                zh=f"{expr} = {shown}；报告 {v_row['raw']}（按其末位舍入）：不一致",
                en=f"{expr.replace('÷', '/')} = {shown}; reported {v_row['raw']} (rounded at its last digit): inconsistent")


_RELATION_CHECKS = {"share": _rel_share, "sum": _rel_sum, "part_whole": _rel_part_whole,
                    "growth": _rel_change, "points": _rel_change, "average": _rel_average}


def check_relation(relation, figures) -> dict:
    """Evaluate one relation found by :func:`lawstats.auditing.relations.find_relations`.

    Parameters
    ----------
    relation : Relation
    figures : DataFrame or mapping of id to figure row
        The figures the relation names (exact values, as in :func:`run_audit`).

    Returns
    -------
    dict
        A row with the columns of :data:`AUDIT_COLUMNS`: ``kind`` is the check
        kind (:data:`RELATION_CHECK_KINDS`), ``note_zh``/``note_en`` the reading,
        ``explanation_zh``/``explanation_en`` the arithmetic.

    Examples
    --------
    >>> from lawstats.auditing.relations import figure_records, find_relations
    >>> text = "审结案件140件，其中纠错28件，纠错率约18%。"
    >>> figs = figure_records(text)
    >>> row = check_relation(find_relations(text, figs)[0], {r["id"]: r for r in figs})
    >>> row["verdict"], row["note_en"]
    ('inconsistent', '28件 of 140件, read from 其中 … 纠错率')
    >>> print(row["explanation_en"])
    28 / 140 = 20% → 20% (half_up, half_even, truncate, up_or_down); reported 18%: inconsistent (no convention checked gives 18%)
    """
    f = figures if isinstance(figures, _Figures) else _Figures.of(figures)
    result = _RELATION_CHECKS[relation.kind](relation, f)
    ids = result.pop("ids", relation.figure_ids())
    anchor = {"share": "rate", "sum": "total", "part_whole": "part", "growth": "change",
              "points": "change", "average": "average"}[relation.kind]
    first = relation.roles[anchor]
    return _row(f"{relation.kind.replace('_', '-')}-{first}", RELATION_CHECK_KINDS[relation.kind], "automatic",
                ids, **result, **_reading(relation))


def _change_rate_row(r, text: str) -> dict | None:
    """A rate that states a change (同比增长12.4%) with no earlier value: cannot be checked."""
    from lawstats.auditing.relations import is_change

    if not is_change(text, r):
        return None
    return _row(f"growth-{r['id']}", "growth", "automatic", [r["id"]], "cannot_check", reported=r["raw"],
                reason="the earlier value is not stated",
                zh=f"{r['raw']} 是变化幅度，报告未给出比较的基期数值", en=f"{r['raw']} is a change, and the "
                   "value it is compared with is not stated")


def _relation_rows(text: str, records: list, f: "_Figures", checks: list, explained: set,
                   done: list) -> list[dict]:
    """A row for every relation found in the text that no declared check already states.

    Rates that a relation checks are added to ``explained`` (no separate
    rate check for them).
    """
    from lawstats.auditing.relations import find_relations

    declared = [set(c.figure_ids()) for c in checks]
    seen = {r["check_id"] for r in done}
    out = []
    for rel in find_relations(text, records):
        ids = set(rel.figure_ids())
        if rel.kind == "share" and rel.roles["rate"] in explained:
            continue
        if any(ids <= d for d in declared):
            continue  # a person already stated this check
        row = check_relation(rel, f)
        cid, n = row["check_id"], 2
        while row["check_id"] in seen:
            row["check_id"] = f"{cid}-{n}"
            n += 1
        seen.add(row["check_id"])
        out.append(row)
        if rel.kind in ("share", "growth", "points"):
            key = "rate" if rel.kind == "share" else "change"
            explained.add(rel.roles[key])
    return out


# -- the audit -------------------------------------------------------------------------
def run_audit(figures: "pd.DataFrame", checks: list[Check] | None = None, *, text: str | None = None,
              strict: bool = True, detect: bool | None = None, relations: bool = True) -> "pd.DataFrame":
    """Run every declared and automatic check; one row per check.

    Parameters
    ----------
    figures : DataFrame
        As read by :func:`lawstats.extraction.dataset.read_figures` (exact values).
    checks : list of Check, optional
        Declared checks (:func:`load_checks`); none for an unseen report.
    text : str, optional
        The report's canonical text, for the sentences around automatic rate checks.
    strict : bool
        A declared check naming a figure the table lacks raises
        :class:`AnnotationError`; with ``strict=False`` (an edited or next-year
        copy of a report) it is skipped and its id listed in
        ``audit.attrs["skipped_checks"]``.
    detect : bool, optional
        Detect repeats by rule; default: when no figure has ``repeat_of``.
    relations : bool, default True
        Check the relations that the sentences of ``text`` state
        (:mod:`lawstats.auditing.relations`: shares, sums, parts, changes, averages);
        ``False`` gives the audit without them (for comparison).

    Returns
    -------
    DataFrame
        With the columns of :data:`AUDIT_COLUMNS`; ``attrs["skipped_checks"]``
        lists declared checks that did not apply.
    """
    import pandas as pd

    f = _Figures(figures)
    rows: list[dict] = []
    skipped: list[str] = []
    explained: set[str] = set()
    for c in checks or []:
        ids = c.figure_ids()
        missing = f.missing(ids)
        if missing:
            if strict:
                raise AnnotationError(f"check {c.id!r} names figure(s) {missing} that are not in "
                                      "the figures table")
            skipped.append(c.id)
            continue
        if c.kind == "stated_rate":
            explained.add(c.fields["rate"])
        try:
            result = _DECLARED[c.kind](c, f)
        except RateError as exc:
            result = dict(verdict="cannot_check", reason="cannot be computed",
                          zh=f"无法计算：{exc}", en=f"cannot be computed: {exc}")
        rows.append(_row(c.id, c.kind, "declared", ids, note_zh=c.note_zh, note_en=c.note_en,
                         **result))

    records = figures.to_dict("records")
    repeats = {r["id"]: r["repeat_of"] for r in records if r.get("repeat_of")}
    if detect or (detect is None and not repeats):
        repeats.update(detect_repeats(figures, text))
    for rid, first in repeats.items():
        if first in f.rows:
            rows.append(_row(f"repeat-{rid}", "repeat", "automatic", [first, rid],
                             **_check_repeat(f.rows[rid], f.rows[first])))
            if first in explained:
                explained.add(rid)

    if text is not None and relations:
        rows += _relation_rows(text, records, f, checks or [], explained, rows)
    counts = sorted((r for r in records if r["kind"] == "count"), key=_start_of)
    for r in records:
        if r["kind"] != "rate" or r["id"] in explained or r["value"] is None:
            continue
        if r["id"] in repeats and repeats[r["id"]] in f.rows:
            continue  # checked through the figure it repeats
        change_row = _change_rate_row(r, text) if text is not None else None
        if change_row is not None:
            rows.append(change_row)
            continue
        result = _check_rate_alone(r, counts, text)
        ids = [r["id"]] + result.pop("ids")
        kind = "stated_rate" if result["verdict"] == "consistent" else "rate_without_denominator"
        rows.append(_row(f"rate-{r['id']}", kind, "automatic", ids, **result))
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    audit.attrs["skipped_checks"] = skipped
    return audit


def audit_summary(audit: "pd.DataFrame") -> "pd.DataFrame":
    """Checks by kind and verdict: a count table with totals.

    Examples
    --------
    >>> import pandas as pd
    >>> audit = pd.DataFrame({"kind": ["sum", "sum", "repeat"],
    ...                       "verdict": ["consistent", "inconsistent", "consistent"]})
    >>> audit_summary(audit).loc["all"].tolist()
    [2, 1, 0, 0, 3]
    """
    import pandas as pd

    table = pd.crosstab(audit["kind"], audit["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table.loc["all"] = table.sum()
    table["all"] = table.sum(axis=1)
    return table.astype(int)


def write_audit(out_dir: str | Path = DATA_DIR, figures_path: str | Path | None = None,
                checks: str | Path | None = DEFAULT_CHECKS, report=None) -> Path:
    """Regenerate ``audit.csv`` from ``figures.csv`` and the declared checks; return its path."""
    from lawstats.extraction.dataset import read_figures
    from lawstats.reading.report import load_report

    out_dir = Path(out_dir)
    figures = read_figures(figures_path if figures_path is not None else out_dir / "figures.csv")
    declared = load_checks(checks) if checks is not None else []
    audit = run_audit(figures, declared, text=load_report(report).text)
    from lawstats.csvsafe import frame_to_csv
    from lawstats.extraction.dataset import check_table_target
    from lawstats.outputs import atomic_write_text

    path = out_dir / "audit.csv"
    check_table_target(path, list(audit.columns))
    atomic_write_text(path, frame_to_csv(audit))
    return path


def read_audit(path: str | Path | None = None) -> "pd.DataFrame":
    """Read ``audit.csv`` (every column as text)."""
    from lawstats.csvsafe import read_csv

    path = Path(path) if path is not None else DATA_DIR / "audit.csv"
    return read_csv(path)


def load_audit(report=None) -> "pd.DataFrame":
    """The audit of any report, the way notebooks want it (every column as text).

    For the project's report this is ``data/audit.csv`` when that was made
    from the same text; for any other report (or when lawstats is installed,
    without ``data/``) the audit runs now (:func:`audit_report`): the declared
    checks of the case study that applies to the whole document, if any, and
    every automatic check.
    """
    from lawstats.extraction.dataset import is_default_report
    from lawstats.paths import data_dir

    folder = data_dir()
    if is_default_report(report) and folder is not None and (folder / "audit.csv").is_file():
        from lawstats.reading.report import Report, load_report

        stored = read_audit(folder / "audit.csv")
        figures = folder / "figures.csv"
        if figures.is_file():
            import pandas as pd

            hashes = set(pd.read_csv(figures, dtype=str, keep_default_na=False).get("sha256", ()))
            doc = report if isinstance(report, Report) else load_report(report)
            if hashes == {doc.sha256}:
                return stored
    return audit_report(report).astype(str)


def audit_report(report=None, checks: str | Path | None = AUTO) -> "pd.DataFrame":
    """Run the audit of any report now, reading no stale ``audit.csv``.

    The case study that applies to the whole document
    (:func:`lawstats.extraction.casestudy.case_study_for`) decides the declared checks:
    for its own report every declared check must apply (as in
    :func:`write_audit`); for an edited copy they apply wherever their figures
    were found, the others are listed in ``audit.attrs["skipped_checks"]``;
    any other report gets the automatic checks only — no case study's check,
    not even as skipped.

    Parameters
    ----------
    report : path or Report, optional
        Default: the project's report.
    checks : path, ``AUTO`` or None
        Declared checks: ``AUTO`` (default) the applying case study's;
        a path: these (they apply wherever their figures are found);
        ``None``: the automatic checks only.

    Raises
    ------
    ReportError
        If the report file cannot be read.
    AnnotationError
        If the checks file is bad, or (our report) a check names a missing figure.

    Examples
    --------
    >>> audit = audit_report()
    >>> audit.set_index("check_id").loc["mediation-success", ["kind", "verdict"]].tolist()
    ['stated_rate', 'consistent']
    """
    from lawstats.extraction.casestudy import case_study_for
    from lawstats.extraction.dataset import load_tables
    from lawstats.reading.report import Report, load_report

    doc = report if isinstance(report, Report) else load_report(report)
    applied = case_study_for(doc)
    if isinstance(checks, str) and checks == AUTO:
        checks = applied.study.checks if applied is not None else None
    declared = load_checks(checks) if checks is not None else []
    figures, _ = load_tables(doc)
    return run_audit(figures, declared, text=doc.text, strict=bool(applied and applied.identical))


# -- many reports ------------------------------------------------------------------------
#: The columns of a batch audit: the file, then those of :data:`AUDIT_COLUMNS`.
BATCH_COLUMNS = ["file"] + AUDIT_COLUMNS


@dataclass
class BatchAudit:
    """The audits of many report files (:func:`audit_files`).

    Attributes
    ----------
    audit : DataFrame
        Every check of every file that could be read, in input order, with a
        leading ``file`` column (:data:`BATCH_COLUMNS`).
    summary : DataFrame
        One row per file: ``file``, ``checks``, ``inconsistent``,
        ``cannot_check``, ``error`` (empty when the file was read).
    failures : list of (path, message)
        Files that could not be audited, with the reason.
    """

    audit: "pd.DataFrame"
    summary: "pd.DataFrame"
    failures: list


def _audit_one(path: str, checks: str | None) -> tuple[str, list[dict] | None, str]:
    from lawstats.errors import LawstatsError

    try:
        frame = audit_report(path, checks=checks)
    except LawstatsError as error:
        return path, None, str(error)
    return path, frame.astype(str).to_dict("records"), ""


def audit_files(paths, jobs: int | None = None, progress=None,
                checks: str | Path | None = AUTO) -> BatchAudit:
    """Audit many report files in parallel, like statcheck over a corpus of papers.

    Parameters
    ----------
    paths : iterable of str or Path
    jobs : int, optional
        Processes; default every core.  ``1`` works in this process.
    progress : callable, optional
        Called as ``progress(files_done, files_total, inconsistent_so_far)``.
    checks : path, ``AUTO`` or None
        Declared checks: ``AUTO`` (default) those of the case study that applies
        to each report as a whole (:func:`audit_report`); a path: these, applied
        wherever their figures are found by context; ``None`` for the automatic
        checks only.

    Examples
    --------
    >>> from lawstats.reading.report import default_report_path
    >>> batch = audit_files([default_report_path(), "no-such-report.txt"], jobs=1, checks=None)
    >>> batch.summary[["checks", "inconsistent"]].values.tolist()[0]
    [14, 0]
    >>> batch.failures[0][0]
    'no-such-report.txt'
    """
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    import pandas as pd

    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1. Got {jobs} instead.")
    paths = [str(p) for p in paths]
    chk = str(checks) if checks is not None else None
    if chk is not None and chk != AUTO:
        load_checks(chk)  # a bad checks file fails here, once
    results: list = [None] * len(paths)
    done = bad = 0

    def record(i: int, result) -> None:
        nonlocal done, bad
        results[i] = result
        done += 1
        bad += sum(r["verdict"] == "inconsistent" for r in result[1] or [])
        if progress is not None:
            progress(done, len(paths), bad)

    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        for i, p in enumerate(paths):
            record(i, _audit_one(p, chk))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_audit_one, p, chk): i for i, p in enumerate(paths)}
            for future in as_completed(futures):
                record(futures[future], future.result())
    rows, summary, failures = [], [], []
    for path, records, error in results:
        if records is None:
            failures.append((path, error))
            summary.append(dict(file=path, checks=0, inconsistent=0, cannot_check=0, error=error))
            continue
        rows += [dict(file=path, **r) for r in records]
        summary.append(dict(file=path, checks=len(records),
                            inconsistent=sum(r["verdict"] == "inconsistent" for r in records),
                            cannot_check=sum(r["verdict"] == "cannot_check" for r in records), error=""))
    return BatchAudit(pd.DataFrame(rows, columns=BATCH_COLUMNS),
                      pd.DataFrame(summary, columns=["file", "checks", "inconsistent", "cannot_check", "error"]),
                      failures)


# -- for readers -------------------------------------------------------------------------
def inconsistencies(audit: "pd.DataFrame | None", figures: "pd.DataFrame | None", text: str | None,
                    language: str = "zh") -> list[dict[str, str]]:
    """The inconsistent checks, each with its sentence, its reading and its arithmetic.

    Parameters
    ----------
    audit : DataFrame or None
        Columns of :data:`AUDIT_COLUMNS` (``note_*`` is the reading of an
        automatic relation, or what a declared check asserts).
    figures : DataFrame or None
        With ``id``, ``start``, ``end``: where the check's figures stand.
    text : str or None
        The report's canonical text.
    language : {"zh", "en"}

    Returns
    -------
    list of dict
        ``check_id``, ``kind``, ``sentence`` (the sentence or sentences
        holding the check's figures, joined by `` … ``; empty if unknown), ``reading``,
        ``arithmetic``, ``reason``, ``figure_ids``; an empty list for an empty
        or absent audit.

    Examples
    --------
    >>> import pandas as pd
    >>> from lawstats.auditing.relations import figure_records
    >>> text = "前言。共受理案件300件，其中行政许可类120件、其他类195件。"
    >>> figs = pd.DataFrame([dict(f, section="", repeat_of="", indicator=f["label"])
    ...                      for f in figure_records(text)])
    >>> audit = run_audit(figs, [], text=text)
    >>> [(x["sentence"], x["arithmetic"]) for x in inconsistencies(audit, figs, text, "en")]
    [('共受理案件300件，其中行政许可类120件、其他类195件', '120件 + 195件 = 315; reported total 300件: inconsistent')]
    >>> inconsistencies(audit.iloc[0:0], figs, text)
    []
    """
    from lawstats.auditing.relations import sentence_around

    if audit is None or len(audit) == 0 or "verdict" not in audit.columns:
        return []
    spans = {}
    if figures is not None and len(figures) and {"id", "start", "end"} <= set(figures.columns):
        for fid, s, e in zip(figures["id"], figures["start"], figures["end"]):
            try:
                spans[str(fid)] = (int(float(s)), int(float(e)))
            except (TypeError, ValueError):
                continue
    out = []
    for r in audit[audit["verdict"].astype(str) == "inconsistent"].to_dict("records"):
        ids = str(r.get("figure_ids", "")).split()
        where = [spans[i] for i in ids if i in spans]
        sentence = ""
        if text and where:  # each figure's sentence once, in text order (a repeat spans two sections)
            found = sorted({sentence_around(text, a, b) for a, b in where})
            sentence = " … ".join(text[a:b].strip() for a, b in found)
        out.append(dict(check_id=str(r["check_id"]), kind=str(r.get("kind", "")), sentence=sentence,
                        reading=str(r.get(f"note_{language}", "") or ""),
                        arithmetic=str(r.get(f"explanation_{language}", "") or ""),
                        reason=str(r.get("reason", "") or ""), figure_ids=" ".join(ids)))
    return out
