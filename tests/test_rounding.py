"""Tests for lawstats.arithmetic.rounding.

Expected values come from computations written here independently of the
module: ``oracle_round`` (math.floor / math.ceil / Fraction's own half-even
``round``) and brute-force loops over every k/n, or from decimal.Decimal.
"""
from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lawstats.arithmetic.interval import Interval
from lawstats.arithmetic.rates import RateError
from lawstats.arithmetic.rounding import (
    ALL_METHODS,
    DEFAULT_METHODS,
    ROUNDING_METHODS,
    check_percent,
    methods_giving,
    denominator_possible,
    numerators_for,
    possible_denominators,
    round_exact,
    smallest_denominator,
)

_DECIMAL_MODE = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_down": decimal.ROUND_HALF_DOWN,
    "truncate": decimal.ROUND_DOWN,
    "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}


def oracle_round(x: Fraction, d: int, method: str) -> Fraction:
    """Independent rounding: x to d places, from the textbook definitions."""
    s = x * 10**d
    sign = 1 if s >= 0 else -1
    if method == "floor":
        m = math.floor(s)
    elif method == "ceiling":
        m = math.ceil(s)
    elif method == "truncate":
        m = math.trunc(s)
    elif method == "half_even":
        m = round(s)  # Fraction.__round__ rounds ties to even
    elif method == "half_up":  # ties away from zero
        m = sign * math.floor(abs(s) + Fraction(1, 2))
    elif method == "half_down":  # ties toward zero
        m = sign * math.ceil(abs(s) - Fraction(1, 2))
    else:
        raise AssertionError(method)
    return Fraction(m, 10**d)


def oracle_gives(x: Fraction, r: Fraction, d: int, method: str) -> bool:
    """Does exact value x give reported r under `method` (incl. up_or_down)?"""
    if method == "up_or_down":  # scrutiny: rounded half up or half down
        return oracle_round(x, d, "half_up") == r or oracle_round(x, d, "half_down") == r
    return oracle_round(x, d, method) == r


def brute_numerators(r: Fraction, d: int, n: int, methods, over: bool = False) -> list[int]:
    top = 3 * n if over else n
    return [k for k in range(top + 1) if any(oracle_gives(Fraction(100 * k, n), r, d, m) for m in methods)]


def brute_denominators(r: Fraction, d: int, limit: int, methods) -> list[int]:
    return [n for n in range(1, limit + 1) if brute_numerators(r, d, n, methods)]


# -- round_exact ------------------------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(
    st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, allow_infinity=False, places=6),
    st.integers(0, 5),
    st.sampled_from(ROUNDING_METHODS),
)
def test_round_exact_matches_decimal_quantize(x, d, method):
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        expected = x.quantize(Decimal(1).scaleb(-d), rounding=_DECIMAL_MODE[method])
    got = round_exact(Fraction(x), d, method)
    assert got == expected
    assert got.as_tuple().exponent == -d  # keeps the trailing zeros


@settings(max_examples=400, deadline=None)
@given(
    st.fractions(min_value=-1000, max_value=1000, max_denominator=2000),
    st.integers(0, 4),
    st.sampled_from(ROUNDING_METHODS),
)
def test_round_exact_matches_oracle_for_any_fraction(x, d, method):
    assert Fraction(round_exact(x, d, method)) == oracle_round(x, d, method)


@pytest.mark.parametrize(
    "x, d, method, expected",
    [
        # ties, worked by hand
        (Fraction(5, 2), 0, "half_up", "3"),
        (Fraction(5, 2), 0, "half_even", "2"),
        (Fraction(7, 2), 0, "half_even", "4"),
        (Fraction(5, 2), 0, "half_down", "2"),
        (Fraction(-5, 2), 0, "half_up", "-3"),
        (Fraction(-5, 2), 0, "half_down", "-2"),
        (Fraction(-5, 2), 0, "truncate", "-2"),
        (Fraction(-5, 2), 0, "floor", "-3"),
        (Fraction(-5, 2), 0, "ceiling", "-2"),
        # 1031/1095 × 100 = 94.15525…  (long division by hand: 1095 × 0.94 = 1029.3)
        (Fraction(103100, 1095), 0, "half_up", "94"),
        (Fraction(103100, 1095), 1, "half_up", "94.2"),
        (Fraction(103100, 1095), 1, "truncate", "94.1"),
        (Fraction(103100, 1095), 2, "half_up", "94.16"),
        (Fraction(100), 2, "half_up", "100.00"),
        (Fraction(0), 2, "floor", "0.00"),
        (Fraction(-1, 1000), 2, "half_up", "0.00"),  # zero comes back unsigned
    ],
)
def test_round_exact_spot_cases(x, d, method, expected):
    got = round_exact(x, d, method)
    assert str(got) == expected


@pytest.mark.parametrize(
    "args, pattern",
    [
        ((Fraction(1), 0, "up_or_down"), "method must be one of"),
        ((Fraction(1), 0, "round"), r"Got 'round' instead"),
        ((Fraction(1), -1, "half_up"), "decimals must be an int >= 0"),
        ((Fraction(1), 1.0, "half_up"), "decimals must be an int >= 0"),
    ],
)
def test_round_exact_errors(args, pattern):
    with pytest.raises(RateError, match=pattern):
        round_exact(*args)


# -- check_percent: the Luzhai cases and edges ------------------------------------
def test_default_rounding_is_what_auditors_accept():
    # 1031/1095 = 94.155…%: 94 by half up, half even and truncation; 95 only by the ceiling
    assert DEFAULT_METHODS == ("half_up", "half_even", "truncate")
    assert check_percent("95", 1031, 1095).verdict == "inconsistent"
    assert check_percent("93", 1031, 1095).verdict == "inconsistent"
    assert check_percent("95", 1031, 1095, methods="ceiling").methods_passing == ("ceiling",)
    # up_or_down is not "within one unit": 94.155 is never 95 by rounding half up or down
    assert not check_percent("95", 1031, 1095, methods="up_or_down").consistent


def test_methods_giving_any_quantity():
    # growth 150/120 − 1 = 25% exactly; 1399/1500 = 93.266…% is 93.2 only by truncation
    assert methods_giving("25", Fraction(150, 120) * 100 - 100) == DEFAULT_METHODS
    assert methods_giving("93.2", Fraction(139900, 1500)) == ("truncate",)
    assert methods_giving("150", Fraction(250)) == ()


def test_success_rate_94_is_consistent_only_by_rounding():
    # 成功率94%: 1031 of 1095 → 94.155…% (see test_round_exact_spot_cases)
    c = check_percent("94", 1031, 1095)
    assert c.verdict == "consistent" and c.consistent
    assert c.only_by_rounding
    assert c.recomputed == Fraction(103100, 1095)
    assert {"half_up", "half_even", "truncate"} <= set(c.methods_passing)
    assert "ceiling" not in c.methods_passing  # ceiling gives 95
    assert not c.interval_inputs
    assert c.reported == Decimal("94") and c.decimals == 0
    assert c.explanation_en.startswith("1031 / 1095 = 94.155…% → 94% (half_up, half_even")
    assert "reported 94%: consistent only by rounding" in c.explanation_en
    assert c.explanation_zh.startswith("1031 ÷ 1095 = 94.155…% ≈ 94%（四舍五入")
    assert "仅在舍入后一致" in c.explanation_zh


def test_one_decimal():
    # 94.155… to 1 decimal: 94.2 under half_up, 94.1 when truncated
    c = check_percent("94.2", 1031, 1095)
    assert c.decimals == 1 and "half_up" in c.methods_passing
    assert "truncate" not in c.methods_passing
    assert check_percent("94.1", 1031, 1095, methods="truncate").consistent


def test_trailing_zeros_matter():
    # "94.00" claims two decimals; 94.155… gives 94.15 or 94.16, never 94.00
    c = check_percent("94.00", 1031, 1095)
    assert c.verdict == "inconsistent" and c.methods_passing == ()
    assert "no convention checked gives 94.00%" in c.explanation_en
    assert "不一致" in c.explanation_zh
    # the same by overriding the decimals of "94"
    assert check_percent("94", 1031, 1095, decimals=2).verdict == "inconsistent"


@pytest.mark.parametrize("reported", ["100", "100.00", "100%", Decimal("100.0"), 100])
def test_hundred_percent_of_70_is_exact(reported):
    # 答复率100%: 70 of 70
    c = check_percent(reported, 70, 70)
    assert c.verdict == "consistent" and not c.only_by_rounding
    assert set(c.methods_passing) == set(DEFAULT_METHODS)
    assert set(check_percent(reported, 70, 70, methods=ALL_METHODS).methods_passing) == set(ALL_METHODS)
    assert c.explanation_en.endswith("consistent (exact)")


def test_zero_percent():
    c = check_percent("0", 0, 92)
    assert c.consistent and not c.only_by_rounding
    # 1 of 1000 = 0.1%: "0" only by rounding (not under ceiling)
    c = check_percent("0", 1, 1000)
    assert c.only_by_rounding and "ceiling" not in c.methods_passing


def test_ties_in_check():
    # 1 of 8 = 12.5% exactly: 13 by half_up, 12 by half_even/half_down
    assert check_percent("13", 1, 8, methods=("half_up",)).consistent
    assert not check_percent("13", 1, 8, methods=("half_even", "half_down")).consistent
    assert set(check_percent("12", 1, 8).methods_passing) == {"half_even", "truncate"}
    assert set(check_percent("12", 1, 8, methods=ALL_METHODS).methods_passing) == \
        {"half_even", "half_down", "truncate", "floor", "up_or_down"}
    # up_or_down (scrutiny): half up or half down, so both 12 and 13 for the tie 12.5
    assert check_percent("13", 1, 8, methods="up_or_down").consistent


def test_interval_inputs():
    # [80, 90] of 100 = [80%, 90%]
    c = check_percent("85", Interval.of(80, 90), 100)
    assert c.consistent and c.interval_inputs and not c.only_by_rounding
    assert c.recomputed == Interval.of(80, 90)
    assert check_percent("91", Interval.of(80, 90), 100).verdict == "inconsistent"
    # [80, 89.5]: 89.5 rounds to 90 half_up but not half_down; 90 is outside the interval
    c = check_percent("90", Interval.of(80, "89.5"), 100, methods=("half_up", "half_down"))
    assert c.consistent and c.only_by_rounding and c.methods_passing == ("half_up",)
    assert "some value in the interval gives 90%" in c.explanation_en
    # an unbounded part: 上万 of 20000 → [50%, 100%]
    assert check_percent("96.34", Interval.of(10000, None), 20000).consistent
    assert not check_percent("49", Interval.of(10000, None), 20000).consistent


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 2000),
    st.data(),
    st.integers(0, 3),
    st.sampled_from(ALL_METHODS),
)
def test_check_percent_agrees_with_oracle(whole, data, d, method):
    part = data.draw(st.integers(0, whole))
    exact = Fraction(100 * part, whole)
    # reported: the oracle's rounding, nudged by −1, 0 or +1 units in the last place
    base = oracle_round(exact, d, "half_up") + Fraction(data.draw(st.integers(-1, 1)), 10**d)
    assume(0 <= base <= 100)
    reported = f"{base.numerator * 10**d // base.denominator}"
    reported = str(Decimal(reported).scaleb(-d))
    c = check_percent(reported, part, whole, methods=(method,))
    assert c.consistent == oracle_gives(exact, base, d, method)
    assert c.only_by_rounding == (c.consistent and exact != base)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        (dict(reported="94", part=1, whole=0), r"whole must be greater than 0"),
        (dict(reported="94", part=-1, whole=5), r"part must not be negative"),
        (dict(reported="94", part=6, whole=5), r"part is greater than whole.*allow_over_100=True"),
        (dict(reported="101", part=1, whole=2), r"'101' is over 100; pass allow_over_100=True"),
        (dict(reported="-1", part=1, whole=2), r"'-1' is negative"),
        (dict(reported=94.0, part=1, whole=2), r"Got 94.0 \(float\)"),
        (dict(reported="94.25", part=1, whole=2, decimals=1), r"written with 2 decimals; it cannot be read with 1"),
        (dict(reported="abc", part=1, whole=2), r"cannot read reported 'abc'"),
        (dict(reported="94", part=1, whole=2, methods=("round",)), r"Got 'round' instead"),
        (dict(reported="94", part=1, whole=2, methods=()), r"methods is empty"),
    ],
)
def test_check_percent_errors(kwargs, pattern):
    with pytest.raises(RateError, match=pattern):
        check_percent(**kwargs)


def test_over_100_when_allowed():
    c = check_percent("105", 105, 100, allow_over_100=True)
    assert c.consistent and not c.only_by_rounding


# -- GRIM: denominators and numerators --------------------------------------------
def test_smallest_denominator_for_96_34():
    # 网办率96.34%: brute force over every k/n with the oracle
    expected = next(n for n in range(1, 1001) if brute_numerators(Fraction("96.34"), 2, n, ["half_up"]))
    assert smallest_denominator("96.34") == expected
    assert possible_denominators("96.34", max_denominator=400) == brute_denominators(
        Fraction("96.34"), 2, 400, ["half_up"]
    )


def test_96_34_of_1463_items_is_impossible():
    # 1409/1463 = 96.309…%, 1410/1463 = 96.377…%: no count of 1463 gives 96.34%
    assert numerators_for("96.34", 1463) == []
    assert not denominator_possible("96.34", 1463)


def test_numerators_for_94_of_1095():
    expected = brute_numerators(Fraction(94), 0, 1095, ["half_up"])
    assert numerators_for("94", 1095) == expected
    assert 1031 in expected


@pytest.mark.parametrize("reported", ["0", "0.0", "100", "100.00"])
def test_every_denominator_gives_0_and_100(reported):
    assert possible_denominators(reported, max_denominator=50) == list(range(1, 51))
    value = Fraction(reported)
    assert numerators_for(reported, 7) == ([0] if value == 0 else [7])


def test_over_100_grim():
    with pytest.raises(RateError, match="over 100"):
        possible_denominators("150")
    # 3/2 = 150%; with n = 4, 6/4
    assert possible_denominators("150", max_denominator=4, allow_over_100=True) == [2, 4]
    assert numerators_for("150", 2, allow_over_100=True) == [3]
    assert numerators_for("150", 2, allow_over_100=True) == brute_numerators(
        Fraction(150), 0, 2, ["half_up"], over=True
    )


def test_grim_argument_errors():
    with pytest.raises(RateError, match="max_denominator must be an int >= 1"):
        possible_denominators("50", max_denominator=0)
    with pytest.raises(RateError, match="n must be an int >= 1"):
        numerators_for("50", 0)
    with pytest.raises(RateError, match="Got 'nearest' instead"):
        denominator_possible("50", 4, methods=["nearest"])


def test_large_limit_runs_per_denominator():
    # O(1) per n: a limit of 200 000 is quick; every listed n really works
    found = possible_denominators("96.34", max_denominator=200_000)
    assert found[0] == smallest_denominator("96.34")
    for n in found[:20] + found[-5:]:
        ks = numerators_for("96.34", n)
        assert ks and all(round_exact(Fraction(100 * k, n), 2) == Decimal("96.34") for k in ks)


@st.composite
def reported_values(draw):
    """A reported percent with 0-2 decimals: often one some small k/n gives, sometimes any value."""
    d = draw(st.integers(0, 2))
    if draw(st.booleans()):
        n = draw(st.integers(1, 60))
        k = draw(st.integers(0, n))
        r = oracle_round(Fraction(100 * k, n), d, draw(st.sampled_from(ROUNDING_METHODS)))
    else:
        r = Fraction(draw(st.integers(0, 100 * 10**d)), 10**d)
    return str(Decimal(r.numerator * 10**d // r.denominator).scaleb(-d)), r, d


@settings(max_examples=60, deadline=None)
@given(
    reported_values(),
    st.integers(1, 80),
    st.lists(st.sampled_from(ALL_METHODS), min_size=1, max_size=3, unique=True),
)
def test_possible_denominators_equals_brute_force(rep, limit, methods):
    text, r, d = rep
    expected = brute_denominators(r, d, limit, methods)
    assert possible_denominators(text, max_denominator=limit, methods=methods) == expected
    assert smallest_denominator(text, max_denominator=limit, methods=methods) == (expected[0] if expected else None)
    for n in (1, limit // 2 or 1, limit):
        assert numerators_for(text, n, methods=methods) == brute_numerators(r, d, n, methods)
        assert denominator_possible(text, n, methods=methods) == (n in expected)


@settings(max_examples=40, deadline=None)
@given(reported_values(), st.integers(0, 3), st.integers(1, 60))
def test_decimals_argument_overrides_written_decimals(rep, extra, n):
    # "94" checked at 2 decimals is "94.00"
    text, r, d = rep
    assert numerators_for(text, n, decimals=d + extra) == brute_numerators(r, d + extra, n, ["half_up"])
