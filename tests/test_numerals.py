"""Tests for lawstats.reading.numerals: Chinese and Arabic numerals to exact numbers."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawstats.errors import ParseError
from lawstats.reading.numerals import normalize_digits, parse_chinese_numeral, parse_number

SETTINGS = settings(max_examples=300, deadline=None)

# ------------------------------------------------------------ an independent renderer
_DIGITS = "零一二三四五六七八九"


def _section(n: int, leading: bool, two: bool) -> str:
    """Render 1..9999 the standard way (零 fills gaps; 十X at the very start)."""
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if d == 1 and unit == "十" and leading and not out:
            out.append("十")
            continue
        digit = "两" if d == 2 and two and unit in ("千", "百") else _DIGITS[d]
        out.append(digit + unit)
    return "".join(out)


def render_chinese(n: int, two: bool = False) -> str:
    """Standard Chinese numeral of 0 <= n < 10**16 (written independently of the parser)."""
    if n == 0:
        return "零"
    groups = [(n // 10**12) % 10**4, (n // 10**8) % 10**4, (n // 10**4) % 10**4, n % 10**4]
    names = ["万", "亿", "万", ""]
    out: list[str] = []
    pending_zero = False
    for i, (g, name) in enumerate(zip(groups, names)):
        if g == 0:
            if out:
                pending_zero = True
            continue
        if out and (pending_zero or g < 1000):
            out.append("零")
        pending_zero = False
        out.append(_section(g, leading=not out, two=two))
        if name == "万" and i == 0:  # 万亿
            out.append("万")
            if groups[1] == 0:
                out.append("亿")
        else:
            out.append(name)
    return "".join(out)


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "零"), (10, "十"), (15, "十五"), (23, "二十三"), (105, "一百零五"), (110, "一百一十"),
     (1005, "一千零五"), (10010, "一万零一十"), (12000, "一万二千"), (35000000, "三千五百万"),
     (100000000, "一亿"), (100005000, "一亿零五千"), (10**12, "一万亿")],
)
def test_renderer_is_standard(n, text):
    assert render_chinese(n) == text


# ------------------------------------------------------------ table
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两", 2), ("十", 10), ("十五", 15), ("二十三", 23), ("一十五", 15), ("一百零五", 105),
        ("一万二千", 12000), ("三千五百万", 35000000), ("二〇二三", 2023), ("二零二三", 2023),
        ("一九四九", 1949), ("百", 100), ("千", 1000), ("万", 10000), ("百万", 1000000),
        ("万亿", 10**12), ("两万", 20000), ("三百五", 350), ("一万二", 12000), ("三千五", 3500),
        ("九十五点五", Decimal("95.5")), ("零点五", Decimal("0.5")), ("萬", 10000), ("兩千", 2000),
        ("壹佰贰拾叁", 123), ("1万2千", 12000), ("3千5百万", 35000000),
    ],
)
def test_parse_chinese_numeral_table(text, expected):
    value = parse_chinese_numeral(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "offset"),
    [("", 0), ("万万", 1), ("亿亿", 1), ("百千", 1), ("十五五", 2), ("一万万", 2), ("三x", 1),
     ("点五", 0), ("五点", 2), ("一千一千", 3)],
)
def test_parse_chinese_numeral_errors_name_text_and_offset(text, offset):
    with pytest.raises(ParseError) as info:
        parse_chinese_numeral(text)
    assert info.value.text == text
    assert info.value.offset == offset
    assert repr(text) in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1463", "1463"), ("1,463", "1463"), ("1，463", "1463"), ("1,463,000", "1463000"),
     ("96.34", "96.34"), ("94", "94"), ("１２３", "123"), ("９６．３４", "96.34"), ("15.7万", "157000"),
     ("1.7亿", "170000000"), ("55万", "550000"), ("二十三", "23"), ("0.50", "0.50"),
     ("1.23456万", "12345.6")],
)
def test_parse_number_table(text, expected):
    value = parse_number(text)
    assert value == Decimal(expected)
    assert str(value) == expected  # whole values have exponent 0, decimals as written


@pytest.mark.parametrize(
    ("text", "offset"),
    [("", 0), ("1.2.3", 3), ("12,34", 2), ("1,46", 1), (".5", 0), ("万万", 1), ("5件", 1), ("1,2345", 1)],
)
def test_parse_number_errors(text, offset):
    with pytest.raises(ParseError) as info:
        parse_number(text)
    assert (info.value.text, info.value.offset) == (text, offset)


def test_normalize_digits_examples():
    assert normalize_digits("１：１，９６．３４％（一）") == "1:1,96.34%(一)"
    assert normalize_digits("鹿寨县") == "鹿寨县"


# ------------------------------------------------------------ properties
@SETTINGS
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans())
def test_chinese_round_trip(n, two):
    assert parse_chinese_numeral(render_chinese(n, two)) == n


@SETTINGS
@given(st.integers(min_value=10, max_value=99999))
def test_digit_by_digit(n):
    text = "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    assert parse_chinese_numeral(text) == n


@SETTINGS
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3),
       st.sampled_from(["plain", "comma", "fullcomma", "fullwidth"]))
def test_arabic_forms(n, decimals, form):
    frac = str(n % 10**decimals).zfill(decimals) if decimals else ""
    whole = n // 10**decimals if decimals else n
    expected = Decimal(f"{whole}.{frac}") if decimals else Decimal(whole)
    body = f"{whole:,}" if form in ("comma", "fullcomma") else str(whole)
    text = body + (f".{frac}" if decimals else "")
    if form == "fullcomma":
        text = text.replace(",", "，")
    if form == "fullwidth":
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "．" if c == "." else c for c in text)
    assert parse_number(text) == expected
    assert str(parse_number(text)) == str(expected)


@SETTINGS
@given(st.text(alphabet="0123456789０１２３４５６７８９．，％：（）,.%一二三万件", max_size=40))
def test_normalize_digits_keeps_length_and_is_idempotent(s):
    out = normalize_digits(s)
    assert len(out) == len(s)
    assert normalize_digits(out) == out
    assert all(a == b for a, b in zip(s, out) if a.isascii())


@SETTINGS
@given(st.text(alphabet="零一二两三四五六七八九十百千万亿点0123456789.,x", max_size=12))
def test_parsers_either_parse_or_raise_parse_error(s):
    for parse in (parse_number, parse_chinese_numeral):
        try:
            parse(s)
        except ParseError as err:
            assert err.text == s and 0 <= err.offset <= len(s)
