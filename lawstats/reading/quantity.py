"""Quantity: one quantity expression (``80余次``, ``55万元``, ``8—13名``) to a value with bounds.

The grammar, in order: an optional bound word before (``约 近 不少于 至少 超过 逾
不超过 最多 不足 上 数 几``), a number (Arabic, full-width, with thousands
separators, Chinese, or mixed such as ``15.7万``), an optional ``余``/``多``
with an optional multiplier after it (``2079余万``), an optional measure
word or unit, then optionally a second end (a range) or more terms (a ratio),
and an optional bound word after (``以上 以下 以内 左右 上下``).

Decisions
---------
Bounds are **closed and conservative**: ``lower`` and ``upper`` contain every
value the expression permits; ``None`` means unbounded or not applicable.

- exact: ``lower == upper == value``.
- ``N余`` / ``N多`` (at_least): ``lower = N`` and ``upper = N + 10**k``, where
  ``10**k`` is the place of the last non-zero digit of N after multipliers:
  ``80余次`` -> [80, 90], ``200余份`` -> [200, 300], ``2079余万元`` ->
  [20 790 000, 20 800 000], ``4万余人`` -> [40 000, 50 000], ``15.7万余件`` ->
  [157 000, 158 000].
- Bound words with no natural ceiling (``上万``, ``不少于2次``, ``至少1次``,
  ``300人以上``, ``超过500件``, ``逾``) -> at_least, ``upper = None``.
  ``超过 N`` strictly means more than N; the closed bound N still contains it.
- ``以下 以内 内 不超过 最多 不足 不到 少于 低于`` -> at_most, ``lower = None``,
  ``upper = N``.
- ``约 大约 左右 上下`` -> approx, both bounds ``None``.  ``近 将近 接近`` ->
  approx with ``upper = N`` (the word says "approaching from below":
  ``近百万元`` has ``upper = 1000000``).  Exception: ``近`` right before a
  duration (``近3年``) means "the last 3 years"; the expression is exact and
  ``近`` is not part of it.
- ``数十 数百 几十 几千`` -> range [2*M, 10*M]; ``十几`` -> [11, 19];
  adjacent digits ``三四个``, ``两三天``, ``七八十`` -> range [3, 4], [2, 3],
  [70, 80]; ``三五`` -> [3, 5].
- Ranges (``8—13名``, ``5-10天``, ``3到5个``, ``5~10``, ``5－10``) -> qualifier
  range, ``value = None``, ``lower`` = lower bound of the first end, ``upper``
  = upper bound of the second end.  A unit may be written on both ends (then
  it must be the same) or on the second only.  A multiplier written only on
  the second end applies to the first end too when the first end is a bare
  number smaller than the second end's coefficient: ``5至8万元`` is
  [50 000, 80 000] and ``3-5万`` is [30 000, 50 000], but ``500至2万`` is
  [500, 20 000].  A range whose first end is above its second is an error.
- Ratios (``1：1``, ``1:3``, ``1:1:2``) -> qualifier ratio, unit ``""``,
  ``terms`` holds the terms, ``value = a/b`` when there are two terms and the
  quotient terminates (then ``lower == upper == value``); see fractions below
  for a quotient that does not terminate; three terms have no value or bounds.
- Percent (``96.34%``, ``85％``, ``百分之九十``, ``百分之九十五点五``) -> unit
  ``"%"`` and value in percentage points (96.34).  ``‰`` and ``千分之`` give
  unit ``"‰"``.  Percentages over 100 (``同比增长150%``, ``完成率120%``) are
  ordinary percent figures.
- Tenths (``九成`` = 90%, ``九成五`` = 95%, ``9.5成`` = 95%, ``七成以上``,
  ``近八成``, ``三成多`` = [30, 40]) -> unit ``"%"`` and every number times
  10; ``decimals`` counts the decimals of the percentage (``8.25成`` = 82.5%
  claims 1).
- ``个百分点`` (also ``百分点``, ``個百分點``) is a difference of two
  percentages, not a share: its own kind ``percentage_points``; the unit is
  kept as written.
- Fractions ``X分之Y`` (``三分之二`` = 2/3, ``九百分之一`` = 1/900,
  ``万分之五``) are written like ratios: qualifier ratio, unit ``""``,
  ``terms`` = (Y, X), numerator first.  ``百分之`` and ``千分之`` stay
  percent and per mille.
- A ratio or fraction whose quotient terminates has it as ``value`` (and
  ``lower == upper == value``); one that does not (``1:3``, ``三分之二``) has
  ``value = None`` and closed bounds at 12 significant digits
  (``[0.333333333333, 0.333333333334]``).  Bound words apply as to any
  number (``约九百分之一`` approx, ``超过三分之二`` at_least with the lower
  bound, ``近三分之一`` approx with the upper bound).
- A numeral of more than 30 digits is a :class:`~lawstats.errors.ParseError`
  (see :data:`lawstats.reading.numerals.MAX_DIGITS`).
- ``其余67项`` ("the remaining 67 items") is exact 67: ``余`` after ``其`` is
  not a bound.
- ``decimals`` counts the digits after the decimal point as written (the
  largest on either end of a range or among ratio terms).
- ``kind``: ``%``, ``‰``, ``成`` -> rate; ``个百分点`` -> percentage_points; ``元`` -> amount;
  durations (天 日 工作日 月 年 周 星期 小时 分钟 秒 学时 季度) -> duration;
  ratios and ``倍`` -> ratio; anything else -> count.

The table twin :func:`parse_quantities` stores ``value``, ``lower`` and
``upper`` as ``Decimal`` objects (object dtype), ``None`` where not
applicable; strings stay strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from lawstats.errors import ParseError
from lawstats.reading.numerals import CHINESE_DIGITS as CHINESE_DIGITS_VALUE
from lawstats.reading.numerals import EXACT, _tidy, normalize_digits, parse_chinese_numeral, parse_number

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "QUALIFIERS",
    "KINDS",
    "UNITS",
    "DURATION_UNITS",
    "Quantity",
    "parse_quantity",
    "parse_quantities",
]

QUALIFIERS = ("exact", "at_least", "at_most", "approx", "range", "ratio")
KINDS = ("count", "amount", "rate", "ratio", "duration", "percentage_points")

#: Durations (kind "duration").  Traditional forms included.
DURATION_UNITS = (
    "个工作日", "個工作日", "工作日", "个月", "個月", "月", "天", "日", "年", "周年",
    "个星期", "個星期", "星期", "个周", "周", "週", "个小时", "個小時", "小时", "小時",
    "分钟", "分鐘", "秒钟", "秒", "学时", "學時", "课时", "課時", "个季度", "季度",
)
_RATE_UNITS = ("%", "‰", "成")
#: Differences of two percentages (kind "percentage_points").
_POINT_UNITS = ("个百分点", "個百分點", "百分点", "百分點")
_AMOUNT_UNITS = ("元", "美元", "块")
_RATIO_UNITS = ("倍",)

#: Measure words and units, longest first.  ``个`` followed by a noun is
#: matched as ``个`` (the noun is not part of the unit).
UNITS: tuple[str, ...] = tuple(sorted(set(DURATION_UNITS + _RATE_UNITS + _POINT_UNITS + _AMOUNT_UNITS + _RATIO_UNITS + (
    "人次", "家次", "户次", "场次", "件次", "批次", "车次", "架次", "班次", "项次", "份次", "人日",
    "件", "项", "次", "人", "名", "个", "家", "本", "份", "条", "起", "场", "节", "期", "批",
    "类", "宗", "所", "户", "位", "座", "台", "辆", "张", "套", "篇", "部", "支", "层", "轮",
    "遍", "堂", "门", "组", "队", "处", "间", "栋", "幢", "块", "片", "枚", "面", "盏", "架",
    "艘", "则", "段", "幅", "册", "卷", "页", "单", "笔", "种", "证", "届", "岁", "周岁",
    "亩", "公顷", "平方米", "平方公里", "立方米", "公里", "千米", "米", "吨", "公斤", "千克",
    "斤", "千瓦时", "千瓦",
    # traditional forms
    "項", "個", "條", "場", "筆", "張", "臺", "輛", "層", "處", "間", "組", "隊", "類", "屆",
    "門", "輪", "種", "戶", "冊", "頁", "證", "噸", "畝",
)), key=lambda u: (-len(u), u)))

_DURATION_SET = frozenset(DURATION_UNITS)
_RATE_SET = frozenset(_RATE_UNITS)
_POINT_SET = frozenset(_POINT_UNITS)

_AT_LEAST_WORDS = ("逾", "超过", "超出", "超", "不少于", "不低于", "不下于", "不下", "至少", "最少",
                   "多于", "高于", "大于", "上")
_AT_MOST_WORDS = ("不超过", "不多于", "不高于", "不大于", "未超过", "最多", "最高", "不足", "不到",
                  "少于", "低于", "小于", "不满")
_APPROX_WORDS = ("约", "大约", "大概", "近", "将近", "接近")
_APPROX_UPPER = frozenset(("近", "将近", "接近"))
_SEVERAL_WORDS = ("数", "几")
_LEAD_WORDS = ("其余",)  # exact: "the remaining"
_POST_AT_LEAST = ("以上",)
_POST_AT_MOST = ("以下", "以内", "之内", "内")
_POST_APPROX = ("左右", "上下")


def _trie_regex(words) -> str:
    """A regex alternation of ``words`` that prefers the longest match."""
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for c in sorted(k for k in node if k):
            alts.append(re.escape(c) + build(node[c]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


# ---------------------------------------------------------------- regexes
_D = "0-9０-９"
_CN_DIGITS = "零〇○一二两兩三四五六七八九"
_CN_UNITS = "十百千万亿萬億"
#: Characters of a numeral run (see lawstats.reading.mentions.MENTION_PATTERN).
RUN_CHARS = _D + _CN_DIGITS + _CN_UNITS
_SEP = rf"(?<=[{_D}])(?:[.．](?=[{_D}])|[,，](?=[{_D}]{{3}}(?![{_D}])))"
_RCQ = rf"(?:[{_D}{_CN_DIGITS}十万亿萬億]|[百千](?!米|克|瓦|分之|分点|分比|分點))"
_NUM = rf"{_RCQ}+(?:{_SEP}{_RCQ}+)*(?:(?<=[{_CN_DIGITS}{_CN_UNITS}])点[零〇○一二三四五六七八九]+)?"
_MULT = r"(?:[百千]?[万亿萬億]{1,2}|[百千])"
_UNIT = _trie_regex(UNITS + ("﹪", "％"))
_UNIT_GROUP = rf"(?:个[余多](?:月|小时|星期|工作日)|成[一二三四五六七八九](?![十百千万亿萬億个件项次人名]|成)|{_UNIT})"
_BOUND = rf"[余餘多](?={_MULT}|{_UNIT_GROUP})"
_PREFIX_TRIE = _trie_regex(_AT_LEAST_WORDS[:-1] + _AT_MOST_WORDS + _APPROX_WORDS + _LEAD_WORDS)
_PREFIX = rf"(?:(?:上|数|几)(?=[{_CN_UNITS}])|{_PREFIX_TRIE})"
_POST = r"(?:以上|以下|以内|之内|左右|上下|(?<=[天日月年时周钟])内|(?<=[年成])多)"
#: The denominator of a fraction X分之Y: a number, and 百/千 before 分之 (九百分之一).
_DEN = rf"{_NUM}[百千]?"
_CONN = r"(?:—{1,2}|[–\-－~～〜至到])"


def _end_pattern(i: int) -> str:
    return (rf"(?P<n{i}>{_NUM})(?:(?P<b{i}>{_BOUND})(?P<m{i}>{_MULT})?)?"
            rf"(?P<j{i}>(?<=十)几)?(?P<u{i}>{_UNIT_GROUP})?")


EXPR_PATTERN = re.compile(
    rf"(?P<pre>{_PREFIX})?"
    rf"(?:(?P<pc>百分之|千分之)(?P<pn>{_NUM})"
    rf"|(?P<fd>{_DEN})分之(?P<fn>{_NUM})"
    rf"|{_end_pattern(1)}"
    rf"(?:(?P<conn>{_CONN}){_end_pattern(2)}|(?P<ratio>(?:[:：∶]{_NUM})+))?)"
    rf"(?P<post>{_POST})?"
)
#: A bound word ending where the number starts (search with endpos = start
#: of the number).  The lookahead of 上/数/几 (a bare multiplier must follow)
#: cannot be checked here; EXPR_PATTERN checks it.
PREFIX_BEFORE = re.compile(rf"(?:上|数|几|{_PREFIX_TRIE})$")
_PREFIX_RE = re.compile(_PREFIX)

_PAIR = re.compile(r"([一二两兩三四五六七八九])([二两兩三四五六七八九])([十百千万亿萬億]*)")
_BARE_MULT = re.compile(r"[十百千万亿萬億]+")
_TRAILING_MULT = re.compile(r"(?:(?<=[0-9])[百千])?[万亿萬億]+$")
_RATIO_SPLIT = re.compile(r"[:：∶]")


@dataclass(frozen=True)
class Quantity:
    """One quantity as written and as an exact number with closed bounds.

    Attributes
    ----------
    raw : str
        The expression exactly as written, e.g. ``"80余次"``.
    value : Decimal or None
        In base units (``"55万元"`` -> 550000; ``"96.34%"`` -> 96.34);
        ``None`` for ranges and non-terminating ratios.
    unit : str
        Measure word or unit after multipliers are removed (``"元"``,
        ``"%"``, ``"次"``, ``"个工作日"``); ``""`` if none.
    qualifier : str
        One of :data:`QUALIFIERS`.
    lower, upper : Decimal or None
        Closed bounds containing every value the expression permits;
        ``None`` = unbounded or not applicable.
    decimals : int
        Digits after the decimal point as written.
    kind : str
        One of :data:`KINDS`.
    terms : tuple of Decimal
        The terms of a ratio (``(1, 1)`` for ``1：1``); ``()`` otherwise.
    """

    raw: str
    value: Decimal | None
    unit: str
    qualifier: str
    lower: Decimal | None
    upper: Decimal | None
    decimals: int
    kind: str
    terms: tuple[Decimal, ...] = ()


def _kind(unit: str, qualifier: str) -> str:
    if qualifier == "ratio" or unit in _RATIO_UNITS:
        return "ratio"
    if unit in _RATE_SET:
        return "rate"
    if unit in _POINT_SET:
        return "percentage_points"
    if unit.endswith("元") or unit == "块":
        return "amount"
    if unit in _DURATION_SET:
        return "duration"
    return "count"


def _decimals(num: str) -> int:
    t = normalize_digits(num)
    if "点" in t:
        return len(t) - t.index("点") - 1
    if "." in t:
        i = t.index(".") + 1
        j = i
        while j < len(t) and t[j].isdigit():
            j += 1
        return j - i
    return 0


def _place_above(v: Decimal) -> Decimal | None:
    """``v + 10**k`` where ``10**k`` is the place of v's last non-zero digit."""
    if v <= 0:
        return None
    return _tidy(v + Decimal(1).scaleb(v.normalize().as_tuple().exponent))


class _End:
    """One end of an expression: its value interval and how it was written."""

    __slots__ = ("value", "lower", "upper", "decimals", "mult", "coef", "qualifier")

    def __init__(self, value, lower, upper, decimals, mult, coef, qualifier):
        self.value, self.lower, self.upper = value, lower, upper
        self.decimals, self.mult, self.coef, self.qualifier = decimals, mult, coef, qualifier


def _end(t: str, m: re.Match, name: str, idx: int, pre: str | None) -> _End:
    """Evaluate one end (number, 余/多, multiplier, 几) of a normalized match."""
    num = m.group(name)
    start = m.start(name)
    bound = m.group(f"b{idx}")
    mult_s = m.group(f"m{idx}")
    several = m.group(f"j{idx}")
    decimals = _decimals(num)
    pair = _PAIR.fullmatch(num)
    if pre in _SEVERAL_WORDS:
        if not _BARE_MULT.fullmatch(num):
            raise ParseError(t, start, "a bare multiplier (十百千万) after 数/几")
        unit_value = Decimal(parse_chinese_numeral(num))
        return _End(None, 2 * unit_value, 10 * unit_value, 0, unit_value, None, "range")
    if pair and pair.group(1) != pair.group(2):
        a = parse_chinese_numeral(pair.group(1))
        b = parse_chinese_numeral(pair.group(2))
        if b == a + 1 or (a, b) == (3, 5):
            mult = Decimal(parse_chinese_numeral(pair.group(3))) if pair.group(3) else Decimal(1)
            return _End(None, a * mult, b * mult, 0, mult, None, "range")
    try:
        value = parse_number(num)
    except ParseError as err:
        raise ParseError(t, start + err.offset, err.expected) from None
    tm = _TRAILING_MULT.search(num)
    mult = Decimal(parse_chinese_numeral(tm.group())) if tm else Decimal(1)
    coef = parse_number(num[: tm.start()]) if tm and tm.start() else (Decimal(1) if tm else value)
    if mult_s:
        extra = Decimal(parse_chinese_numeral(mult_s))
        value = _tidy(value * extra)
        mult *= extra
    if several:
        return _End(None, value + 1, value + 9, 0, mult, coef, "range")
    if bound:
        return _End(value, value, _place_above(value), decimals, mult, coef, "at_least")
    return _End(value, value, value, decimals, mult, coef, "exact")


def _unit_of(u: str | None) -> tuple[str, bool]:
    """Normalize a matched unit; second item tells whether it carried 余/多 (个多月)."""
    if not u:
        return "", False
    u = normalize_digits(u)
    if u in ("％", "﹪"):
        return "%", False
    if len(u) > 2 and u[0] == "个" and u[1] in "余多":
        return "个" + u[2:], True
    if len(u) == 2 and u[0] == "成":  # 九成五: the digit is a further tenth, added by _tenths
        return u, False
    return u, False


def _build(raw: str) -> Quantity:
    """Parse one whole expression (raw text) into a Quantity or raise ParseError."""
    t = normalize_digits(raw)
    m = EXPR_PATTERN.match(t)
    if m is None or m.group("pc") is None and m.group("n1") is None and m.group("fd") is None:
        pm = _PREFIX_RE.match(t)
        offset = pm.end() if pm else 0
        raise ParseError(raw, offset, "a number (Arabic or Chinese numerals)")
    if m.end() != len(t):
        raise ParseError(raw, m.end(), "a measure word, a bound word (余 以上 左右 …) or the end of the expression")
    pre = m.group("pre")
    post = m.group("post")

    if m.group("pc") is not None:  # 百分之九十
        num = m.group("pn")
        try:
            value = parse_number(num)
        except ParseError as err:
            raise ParseError(raw, m.start("pn") + err.offset, err.expected) from None
        unit = "%" if m.group("pc") == "百分之" else "‰"
        end = _End(value, value, value, _decimals(num), Decimal(1), value, "exact")
        return _finish(raw, end, unit, pre, post, t, m)

    if m.group("ratio") is not None:
        if m.group("u1") or m.group("b1") or m.group("j1") or (pre and pre not in _LEAD_WORDS) or post:
            raise ParseError(raw, m.start("ratio"), "a ratio of bare numbers (1:3)")
        pieces = [m.group("n1")] + _RATIO_SPLIT.split(m.group("ratio"))[1:]
        terms, offset = [], m.start("n1")
        for p in pieces:
            try:
                terms.append(parse_number(p))
            except ParseError as err:
                raise ParseError(raw, offset + err.offset, err.expected) from None
            offset += len(p) + 1
        value, lower, upper = _quotient(terms)
        return Quantity(raw, value, "", "ratio", lower, upper, max(_decimals(p) for p in pieces),
                        "ratio", tuple(terms))

    if m.group("fd") is not None:  # 三分之二, 九百分之一
        return _fraction(raw, t, m, pre, post)

    e1 = _end(t, m, "n1", 1, pre)
    u1, extra1 = _unit_of(m.group("u1"))
    if extra1:
        e1 = _End(e1.value, e1.lower, _place_above(e1.value) if e1.value is not None else None,
                  e1.decimals, e1.mult, e1.coef, "at_least")
    if m.group("conn") is None:
        return _finish(raw, e1, u1, pre, post, t, m)

    # a range
    if pre and pre not in _LEAD_WORDS:
        raise ParseError(raw, 0, "a range without a bound word before it")
    e2 = _end(t, m, "n2", 2, None)
    u2, extra2 = _unit_of(m.group("u2"))
    if extra2:
        e2 = _End(e2.value, e2.lower, _place_above(e2.value), e2.decimals, e2.mult, e2.coef, "at_least")
    if u1 and u2 and u1 != u2:
        raise ParseError(raw, m.start("u2"), f"the same unit on both ends of the range ({u1})")
    unit = u2 or u1
    lower = e1.lower
    if (not u1 and not m.group("m1") and e1.mult == 1 and e2.mult != 1 and e1.value is not None
            and e2.coef is not None and e1.value < e2.coef):
        lower = _tidy(e1.lower * e2.mult)  # 5至8万元: the multiplier applies to both ends
    upper = e2.upper
    if lower is not None and upper is not None and lower > upper:
        raise ParseError(raw, m.start("n2"), "a second end not below the first end of the range")
    decimals = max(e1.decimals, e2.decimals)
    if post:
        raise ParseError(raw, m.start("post"), "the end of the range")
    return Quantity(raw, None, unit, "range", lower, upper, decimals, _kind(unit, "range"))


_FLOOR = Context(prec=12, rounding=ROUND_FLOOR)
_CEILING = Context(prec=12, rounding=ROUND_CEILING)


def _quotient(terms) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, lower, upper) of a/b: the exact quotient if it terminates, else None and
    closed bounds at 12 significant digits.  Not two terms, or b = 0: all None."""
    if len(terms) != 2 or terms[1] == 0:
        return None, None, None
    f = Fraction(terms[0]) / Fraction(terms[1])
    d = f.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    a, b = Decimal(f.numerator), Decimal(f.denominator)
    if d == 1:
        with localcontext(EXACT):
            value = _tidy(a / b)
        return value, value, value
    return None, _FLOOR.divide(a, b), _CEILING.divide(a, b)


def _fraction(raw: str, t: str, m: re.Match, pre: str | None, post: str | None) -> Quantity:
    """X分之Y: the ratio Y:X, with bound words before or after as for any number."""
    terms = []
    for name in ("fn", "fd"):
        try:
            terms.append(parse_number(m.group(name)))
        except ParseError as err:
            raise ParseError(raw, m.start(name) + err.offset, err.expected) from None
    value, lower, upper = _quotient(terms)
    decimals = max(_decimals(m.group("fn")), _decimals(m.group("fd")))
    terms = tuple(terms)
    word = None
    if pre and pre not in _LEAD_WORDS:
        word = ("approx_upper" if pre in _APPROX_UPPER else "approx" if pre in _APPROX_WORDS
                else "at_most" if pre in _AT_MOST_WORDS else "at_least")
    if post:
        after = ("at_least" if post in _POST_AT_LEAST else "at_most" if post in _POST_AT_MOST
                 else "approx" if post in _POST_APPROX else None)
        if after is None or (word and not (word.startswith("approx") and after == "approx") and word != after):
            raise ParseError(raw, m.start("post"), "a single bound word")
        word = word or after
    if word is None:
        return Quantity(raw, value, "", "ratio", lower, upper, decimals, "ratio", terms)
    if word == "at_least":
        return Quantity(raw, value, "", "at_least", lower, None, decimals, "ratio", terms)
    if word == "at_most":
        return Quantity(raw, value, "", "at_most", None, upper, decimals, "ratio", terms)
    return Quantity(raw, value, "", "approx", None, upper if word == "approx_upper" else None, decimals,
                    "ratio", terms)


def _tenths(q: Quantity, digit: str) -> Quantity:
    """A quantity in 成 (tenths) as a percentage: 九成 = 90%, 九成五 = 95%."""
    extra = Decimal(CHINESE_DIGITS_VALUE[digit]) / 10 if digit else Decimal(0)

    def scale(x: Decimal | None) -> Decimal | None:
        return None if x is None else _tidy((x + extra) * 10)

    lower = q.lower if q.lower is None or q.qualifier != "range" else q.lower - extra  # a range: ends only
    return Quantity(q.raw, scale(q.value), "%", q.qualifier, scale(lower), scale(q.upper),
                    max(0, q.decimals - 1), "rate", q.terms)


def _finish(raw, end: _End, unit, pre, post, t, m) -> Quantity:
    """Apply bound words before/after a single end and build the Quantity."""
    value, lower, upper, qualifier = end.value, end.lower, end.upper, end.qualifier
    kind = _kind(unit, qualifier)
    if qualifier == "range":  # 数十, 三四个, 十几
        if post or (pre and pre not in _SEVERAL_WORDS):
            raise ParseError(raw, m.start("post") if post else 0, "no further bound word")
        return Quantity(raw, None, unit, "range", lower, upper, 0, kind)
    word_q = None
    if pre and pre not in _LEAD_WORDS:
        if pre == "近" and unit in _DURATION_SET:
            pass  # 近3年 = "the last 3 years": exact
        elif pre in _APPROX_WORDS:
            word_q = "approx_upper" if pre in _APPROX_UPPER else "approx"
        elif pre in _AT_MOST_WORDS:
            word_q = "at_most"
        else:
            word_q = "at_least"
    if post:
        post_q = ("at_least" if post in _POST_AT_LEAST else "at_most" if post in _POST_AT_MOST
                  else "approx" if post in _POST_APPROX else "more")
        if post_q == "more":  # 一年多
            if qualifier != "exact" or word_q:
                raise ParseError(raw, m.start("post"), "a single bound")
            return Quantity(raw, value, unit, "at_least", value, _place_above(value), end.decimals, kind)
        if word_q and not (word_q.startswith("approx") and post_q == "approx") and word_q != post_q:
            raise ParseError(raw, m.start("post"), f"no second bound word (already {pre})")
        word_q = word_q or post_q
    if word_q is None:
        return Quantity(raw, value, unit, qualifier, lower, upper, end.decimals, kind)
    if word_q == "at_least":
        return Quantity(raw, value, unit, "at_least", lower, None, end.decimals, kind)
    if qualifier == "at_least":  # 约80余次, 不足80余次: keep the 余 interval
        if word_q == "at_most":
            raise ParseError(raw, 0, "either an upper bound word or 余/多, not both")
        return Quantity(raw, value, unit, "approx", None, None, end.decimals, kind)
    if word_q == "at_most":
        return Quantity(raw, value, unit, "at_most", None, upper, end.decimals, kind)
    if word_q == "approx_upper":
        return Quantity(raw, value, unit, "approx", None, value, end.decimals, kind)
    return Quantity(raw, value, unit, "approx", None, None, end.decimals, kind)


def _build_any(raw: str) -> Quantity:
    """:func:`_build` in exact arithmetic, with quantities in 成 turned into percentages."""
    with localcontext(EXACT):
        q = _build(raw)
        if q.unit.startswith("成"):
            q = _tenths(q, q.unit[1:])
    return q


@lru_cache(maxsize=65536)
def _cached(raw: str) -> Quantity | ParseError:
    try:
        return _build_any(raw)
    except ParseError as err:
        if err.text != raw:  # raised on a piece (one end of a range): name the whole text
            at = normalize_digits(raw).find(normalize_digits(err.text))
            offset = min(len(raw), (at if at >= 0 else 0) + err.offset)
            err = ParseError(raw, offset, err.expected)
        err.__traceback__ = None  # cached: do not keep frames alive
        return err


def parse_quantity(text: str) -> Quantity:
    """Parse one whole quantity expression.

    Parameters
    ----------
    text : str
        The expression alone, with optional bound words before or after:
        ``"80余次"``, ``"55万元"``, ``"不少于2次"``, ``"8—13名"``, ``"1：1"``,
        ``"96.34%"``, ``"百分之九十"``.

    Returns
    -------
    Quantity
        See the module docstring for the bounds convention.

    Raises
    ------
    ParseError
        For an empty text, no number (``"余"``, ``"件"``), a bad number
        (``"万万"``, ``"1.2.3"``) or trailing text; ``offset`` points at the
        first character that does not fit.

    Examples
    --------
    >>> q = parse_quantity("80余次")
    >>> q.qualifier, q.value, q.lower, q.upper, q.unit, q.kind
    ('at_least', Decimal('80'), Decimal('80'), Decimal('90'), '次', 'count')
    >>> parse_quantity("55万元").value
    Decimal('550000')
    >>> q = parse_quantity("8—13名")
    >>> q.qualifier, q.value, q.lower, q.upper
    ('range', None, Decimal('8'), Decimal('13'))
    >>> q = parse_quantity("96.34%")
    >>> q.value, q.decimals, q.kind
    (Decimal('96.34'), 2, 'rate')
    >>> parse_quantity("1：1").terms
    (Decimal('1'), Decimal('1'))
    >>> parse_quantity("其余67项").qualifier
    'exact'
    >>> parse_quantity("余")
    Traceback (most recent call last):
    ...
    lawstats.errors.ParseError: cannot parse '余' at offset 0 ('余'): expected a number (Arabic or Chinese numerals)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantity expects a str; got {type(text).__name__} instead")
    result = _cached(text)
    if isinstance(result, ParseError):
        raise ParseError(result.text, result.offset, result.expected)
    return result


_QUANTITY_COLUMNS = ("value", "unit", "qualifier", "lower", "upper", "decimals", "kind")


def parse_quantities(df: "pd.DataFrame", column: str = "raw") -> "pd.DataFrame":
    """Table twin of :func:`parse_quantity`: parse every row of one column.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table with a text column of quantity expressions.
    column : str, default "raw"
        The column to parse.

    Returns
    -------
    pandas.DataFrame
        A new table (the input is not modified) with the columns
        ``value unit qualifier lower upper decimals kind terms error`` added.
        ``value``, ``lower``, ``upper`` hold ``Decimal`` or ``None`` (object
        dtype); ``decimals`` holds ``int`` or ``None``; ``error`` holds the
        ParseError message for rows that could not be parsed (their other
        new columns are ``None``) and ``None`` otherwise.  No row is dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> out = parse_quantities(pd.DataFrame({"raw": ["80余次", "55万元", "余"]}))
    >>> out[["value", "qualifier", "upper"]].values.tolist()
    [[Decimal('80'), 'at_least', Decimal('90')], [Decimal('550000'), 'exact', Decimal('550000')], [None, None, None]]
    >>> out["error"].tolist()[2]
    "cannot parse '余' at offset 0 ('余'): expected a number (Arabic or Chinese numerals)"
    """
    import pandas as pd

    if column not in df.columns:
        raise KeyError(f"parse_quantities: no column {column!r}; the table has {list(df.columns)}")
    cols: dict[str, list] = {c: [] for c in _QUANTITY_COLUMNS + ("terms", "error")}
    for raw in df[column].tolist():
        result = _cached(raw) if isinstance(raw, str) else ParseError(str(raw), 0, "a text")
        if isinstance(result, ParseError):
            for c in _QUANTITY_COLUMNS + ("terms",):
                cols[c].append(None)
            cols["error"].append(str(result))
        else:
            for c in _QUANTITY_COLUMNS + ("terms",):
                cols[c].append(getattr(result, c))
            cols["error"].append(None)
    new = {c: pd.Series(v, index=df.index, dtype=object) for c, v in cols.items()}
    return df.assign(**new)
