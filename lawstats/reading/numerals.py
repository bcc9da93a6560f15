"""Numerals: Chinese and Arabic numeral strings to exact numbers.

This module knows numbers only, not what they count (see
:mod:`lawstats.reading.quantity` for units, bounds and ranges).

Decisions
---------
- Results are exact: ``int`` or :class:`decimal.Decimal`, never ``float``.
- A bare multiplier at the start means one of it: ``百`` is 100, ``万`` is
  10 000, ``百万`` is 1 000 000.  Reports write ``近百万元`` and ``上万份``.
- A string of plain digit characters of length two or more (``二〇二三``,
  ``二零二三``, ``一九四九``) is read digit by digit, as years are written.
- A digit right after a unit with no ``零`` between is the colloquial
  abbreviation: ``三百五`` is 350, ``一万二`` is 12 000.
- ``万万`` and ``亿亿`` are errors (write ``亿`` and ``万亿``); so are a unit
  that does not get smaller inside a section (``百千``) and a digit
  followed by another digit in positional form (``十五五``).
- Traditional and financial forms are accepted: ``萬 億 兩 壹 贰 貳 叁 參 肆
  伍 陆 陸 柒 捌 玖 拾 佰 仟``.
- A numeral has at most :data:`MAX_DIGITS` (30) digits, Arabic and Chinese
  together (an 18-digit identity number fits; no count in a report comes
  near).  A longer one is a :class:`~lawstats.errors.ParseError` at its 31st
  digit, never a ``ValueError`` from Python's limit on converting long
  digit strings; :func:`lawstats.reading.mentions.find_mentions` reports it as
  ``unparsed``.  Arithmetic runs in a local decimal context wide enough for
  30 digits and every multiplier, so results stay exact.
"""
from __future__ import annotations

import re
from decimal import Context, Decimal, localcontext

from lawstats.errors import ParseError

__all__ = [
    "ASCII_EQUIVALENTS",
    "CHINESE_DIGITS",
    "CHINESE_UNITS",
    "MAX_DIGITS",
    "normalize_digits",
    "parse_chinese_numeral",
    "parse_number",
]

#: Full-width and look-alike characters and their ASCII equivalents, one
#: character for one character, so that offsets are preserved.
ASCII_EQUIVALENTS: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
    "．": ".", "，": ",", "％": "%", "：": ":", "＋": "+", "﹢": "+",
    "－": "-", "～": "~", "／": "/", "（": "(", "）": ")", "﹪": "%",
    "∶": ":", "﹕": ":", "﹐": ",", "﹒": ".",
}
_TRANSLATION = str.maketrans(ASCII_EQUIVALENTS)

#: Digit characters and their values (simplified, traditional, financial).
CHINESE_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3,
    "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5,
    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}
#: Unit characters and their values.
CHINESE_UNITS: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
    "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
}
_ZEROS = frozenset("零〇○")
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_PLAIN_DIGITS = frozenset("零〇○一二三四五六七八九")
_DECIMAL_POINT = "点"
#: The most digits a numeral may have (see the module docstring).
MAX_DIGITS = 30
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９") | frozenset(CHINESE_DIGITS)
#: Exact arithmetic for numerals of up to MAX_DIGITS digits times any multipliers.
EXACT = Context(prec=200)


def _check_length(s: str) -> None:
    """Raise ParseError at the digit after the first MAX_DIGITS digits of ``s``."""
    if len(s) <= MAX_DIGITS:
        return
    count = 0
    for i, c in enumerate(s):
        if c in _DIGIT_CHARS:
            count += 1
            if count > MAX_DIGITS:
                raise ParseError(s, i, f"a numeral of at most {MAX_DIGITS} digits")

_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ARABIC_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?")


def normalize_digits(s: str) -> str:
    """Replace full-width digits and punctuation with ASCII, one for one.

    Parameters
    ----------
    s : str
        Any text.

    Returns
    -------
    str
        The text with ``０-９ ． ， ％ ： ＋ － ～ （ ）`` (and a few
        look-alikes) replaced by their ASCII forms.  The result has the same
        length, so every offset still points at the same character.

    Examples
    --------
    >>> normalize_digits("网办率９６．３４％，共１，４６３项")
    '网办率96.34%,共1,463项'
    >>> len(normalize_digits("１：１")) == len("１：１")
    True
    """
    return s.translate(_TRANSLATION)


def _fail(s: str, offset: int, expected: str) -> ParseError:
    return ParseError(s, offset, expected)


def _digit_by_digit(s: str) -> int:
    return int("".join(str(CHINESE_DIGITS[c]) for c in s))


def parse_chinese_numeral(s: str) -> int | Decimal:
    """Parse a numeral written in Chinese characters.

    Parameters
    ----------
    s : str
        The numeral alone, e.g. ``"二十三"``; no unit, no spaces.  Arabic
        digit groups may stand where a digit stands (``"1万2千"``).
        A decimal part follows ``点`` (``"九十五点五"``).

    Returns
    -------
    int or Decimal
        ``int`` for whole numbers, ``Decimal`` when there is a decimal part
        or an Arabic coefficient with decimals.

    Raises
    ------
    ParseError
        With the offset of the first character that does not fit, e.g.
        ``"万万"`` (offset 1), ``"百千"`` (offset 1) or ``""`` (offset 0).

    Examples
    --------
    >>> parse_chinese_numeral("两"), parse_chinese_numeral("十五"), parse_chinese_numeral("二十三")
    (2, 15, 23)
    >>> parse_chinese_numeral("一百零五"), parse_chinese_numeral("一万二千")
    (105, 12000)
    >>> parse_chinese_numeral("三千五百万"), parse_chinese_numeral("二〇二三")
    (35000000, 2023)
    >>> parse_chinese_numeral("百"), parse_chinese_numeral("三百五")
    (100, 350)
    >>> parse_chinese_numeral("九十五点五")
    Decimal('95.5')
    >>> parse_chinese_numeral("万万")
    Traceback (most recent call last):
    ...
    lawstats.errors.ParseError: cannot parse '万万' at offset 1 ('万'): expected a digit before 万 (万万 is not a number; write 亿)
    """
    if not s:
        raise _fail(s, 0, "a Chinese numeral")
    _check_length(s)
    with localcontext(EXACT):
        return _chinese(s)


def _chinese(s: str) -> int | Decimal:
    point = s.find(_DECIMAL_POINT)
    if point >= 0:
        if not point:
            raise _fail(s, 0, "a digit before 点")
        try:
            whole = _chinese(s[:point])
        except ParseError as err:
            raise _fail(s, err.offset, err.expected) from None
        frac = s[point + 1 :]
        if not frac:
            raise _fail(s, point + 1, "a digit after 点")
        for i, c in enumerate(frac):
            if c not in CHINESE_DIGITS or c in "两兩":
                raise _fail(s, point + 1 + i, "a digit after 点")
        digits = "".join(str(CHINESE_DIGITS[c]) for c in frac)
        return Decimal(whole) + Decimal("0." + digits)
    if len(s) >= 2 and all(c in _PLAIN_DIGITS for c in s):
        return _digit_by_digit(s)
    return _positional(s)


def _positional(s: str) -> int | Decimal:
    """Positional reading: sections of 千百十 grouped by 万 and 亿."""
    high = Decimal(0)  # sum of 亿 groups already closed
    low = Decimal(0)  # 万 part of the current 亿 group
    section = Decimal(0)  # below-万 part of the current group
    pending: Decimal | None = None  # digit waiting for its unit
    pending_at = -1
    last_small = 10**5  # last small unit in the section (must decrease)
    wan_seen = False
    group_has = False  # a digit or unit seen since the last 万/亿
    prev_unit = 0  # value of the unit right before the pending digit (0: none / 零)
    started = False
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in _ZEROS:
            if pending is not None:
                raise _fail(s, i, "a unit (十百千万亿) after a digit")
            prev_unit = 0
            i += 1
            started = group_has = True
            continue
        if c in CHINESE_DIGITS or c.isdigit():
            if pending is not None:
                raise _fail(s, i, "a unit (十百千万亿) between two digits")
            if c.isdigit() and c.isascii():
                m = _ARABIC.match(s, i)
                pending = Decimal(m.group())
                pending_at = i
                i = m.end()
            else:
                pending = Decimal(CHINESE_DIGITS[c])
                pending_at = i
                i += 1
            started = group_has = True
            continue
        if c in _SMALL:
            unit = _SMALL[c]
            if unit >= last_small:
                raise _fail(s, i, f"a unit smaller than the one before {c}")
            if pending is None:
                if started and not (section == 0 and c in "十拾"):
                    raise _fail(s, i, f"a digit before {c}")
                pending = Decimal(1)
            section += pending * unit
            pending = None
            last_small = unit
            prev_unit = unit
            started = group_has = True
            i += 1
            continue
        if c in "万萬":
            if wan_seen:
                raise _fail(s, i, f"a digit before {c} ({c}{c} is not a number; write 亿)")
            part = section + (pending or 0)
            if not group_has:
                if started:
                    raise _fail(s, i, f"a digit before {c}")
                part = Decimal(1)
            low = part * 10**4
            section, pending = Decimal(0), None
            wan_seen, last_small, prev_unit, started, group_has = True, 10**5, 10**4, True, False
            i += 1
            continue
        if c in "亿億":
            part = low + section + (pending or 0)
            if not group_has and not wan_seen:
                if started:
                    raise _fail(s, i, f"a digit before {c}")
                part = Decimal(1)
            high += part * 10**8
            low, section, pending = Decimal(0), Decimal(0), None
            wan_seen, last_small, prev_unit, started, group_has = False, 10**5, 10**8, True, False
            i += 1
            continue
        raise _fail(s, i, "a Chinese digit or unit (零一二…九十百千万亿)")
    if pending is not None:
        if prev_unit >= 100 and pending < 10 and pending == pending.to_integral_value() and s[pending_at:pending_at + 1] in CHINESE_DIGITS:
            # 三百五 = 350, 一万二 = 12000: the digit fills the next place down
            pending *= prev_unit // 10
        elif prev_unit and pending >= prev_unit:
            raise _fail(s, pending_at, f"a number smaller than the unit before it")
        section += pending
    total = high + low + section
    if total == total.to_integral_value():
        return int(total)
    return total


def _strip_separators(s: str) -> str:
    if "," in s:
        if not _ARABIC_GROUPED.fullmatch(s):
            bad = s.find(",")
            raise _fail(s, bad, "thousands separators between groups of three digits")
        return s.replace(",", "")
    return s


def parse_number(s: str) -> Decimal:
    """Parse a number written in Arabic or Chinese numerals, or a mix.

    Parameters
    ----------
    s : str
        ``"1463"``, ``"1,463"``, ``"1，463"``, ``"96.34"``, ``"１２３"``,
        ``"二十三"``, ``"15.7万"``, ``"1.7亿"``, ``"3千5百万"``.  No unit.

    Returns
    -------
    Decimal
        The exact value.  Whole values have exponent 0 (``Decimal(157000)``,
        not ``Decimal('157000.0')``); other values keep the decimals written.

    Raises
    ------
    ParseError
        With the offset of the first bad character.

    Examples
    --------
    >>> parse_number("1，463"), parse_number("96.34"), parse_number("１２３")
    (Decimal('1463'), Decimal('96.34'), Decimal('123'))
    >>> parse_number("15.7万"), parse_number("二十三")
    (Decimal('157000'), Decimal('23'))
    >>> parse_number("1.2.3")
    Traceback (most recent call last):
    ...
    lawstats.errors.ParseError: cannot parse '1.2.3' at offset 3 ('.'): expected a digit, a Chinese multiplier or the end of the number
    """
    t = normalize_digits(s)
    if not t:
        raise _fail(s, 0, "a number")
    _check_length(s)
    with localcontext(EXACT):
        return _number(s, t)


def _number(s: str, t: str) -> Decimal:
    m = _ARABIC_GROUPED.match(t) or _ARABIC.match(t)
    if m is None:
        if t[0] == ".":
            raise _fail(s, 0, "a digit before the decimal point")
        try:
            value = parse_chinese_numeral(t)
        except ParseError as err:
            raise _fail(s, err.offset, err.expected) from None
        return Decimal(value)
    if m.end() == len(t):
        return Decimal(_strip_separators(m.group()))
    rest = t[m.end():]
    if rest[0] in "0123456789." or rest[0] not in CHINESE_UNITS and rest[0] not in CHINESE_DIGITS and rest[0] not in _ZEROS:
        raise _fail(s, m.end(), "a digit, a Chinese multiplier or the end of the number")
    head = _strip_separators(m.group())
    try:
        value = parse_chinese_numeral(head + rest)
    except ParseError as err:
        raise _fail(s, err.offset + (m.end() - len(head)) if err.offset >= len(head) else err.offset, err.expected) from None
    return _tidy(Decimal(value))


def _tidy(value: Decimal) -> Decimal:
    """Whole values with exponent 0; others without trailing zeros added by scaling."""
    with localcontext(EXACT):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()
