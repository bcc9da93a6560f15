"""Tests for lawstats.arithmetic.interval: construction, display, and enclosure of pointwise results."""
from __future__ import annotations

import math
import operator
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawstats.errors import LawstatsError
from lawstats.arithmetic.interval import (
    Interval,
    IntervalDivisionError,
    IntervalError,
    as_interval,
    difference,
    to_fraction,
    total,
)


# -- construction -------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        (1031, Fraction(1031)),
        (Decimal("96.34"), Fraction(9634, 100)),
        ("96.34", Fraction(9634, 100)),
        (" 80 ", Fraction(80)),
        ("1/3", Fraction(1, 3)),
        (Fraction(2, 7), Fraction(2, 7)),
        (1031.0, Fraction(1031)),  # an integral float is exact
    ],
)
def test_to_fraction_accepts_exact_numbers(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize("value", [0.1, 96.34, True, Decimal("NaN"), Decimal("Infinity"), "abc", "", None, [1]])
def test_to_fraction_refuses_inexact_or_unreadable(value):
    with pytest.raises(IntervalError) as info:
        to_fraction(value)
    assert repr(value) in str(info.value)
    assert isinstance(info.value, (LawstatsError, ValueError))


def test_float_error_suggests_decimal():
    with pytest.raises(IntervalError, match=r"Decimal\('0.1'\)"):
        to_fraction(0.1)


def test_numpy_integers_are_accepted():
    np = pytest.importorskip("numpy")
    assert to_fraction(np.int64(1095)) == 1095


def test_constructors_coerce_to_fraction():
    iv = Interval.of("80", Decimal("90"))
    assert iv == Interval(Fraction(80), Fraction(90))
    assert isinstance(iv.lower, Fraction) and isinstance(iv.upper, Fraction)
    assert Interval.point("1031") == Interval.of(1031, 1031)
    assert Interval.of(10000, None).upper is None


def test_lower_above_upper_is_an_error_naming_both():
    with pytest.raises(IntervalError, match="90.*80"):
        Interval.of(90, 80)


def test_frozen_and_hashable():
    iv = Interval.of(8, 13)
    with pytest.raises(AttributeError):
        iv.lower = Fraction(0)  # type: ignore[misc]
    assert {iv, Interval.of("8", "13")} == {iv}


# -- predicates and summaries ---------------------------------------------------
def test_predicates():
    assert Interval.point(1031).is_point
    assert not Interval.of(80, 90).is_point
    assert not Interval.of(None, None).is_point
    assert Interval.of(80, 90).contains(80) and Interval.of(80, 90).contains("90")
    assert not Interval.of(80, 90).contains("79.999")
    assert Interval.of(10000, None).contains(10**12)
    assert Interval.of(None, 5).contains(-(10**12))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (Interval.of(80, 90), Interval.of(90, 100), True),  # touching ends count
        (Interval.of(80, 90), Interval.of("90.01", 100), False),
        (Interval.of(80, 90), Interval.of(10000, None), False),
        (Interval.of(None, 5), Interval.of(4, None), True),
        (Interval.of(80, 90), 85, True),
    ],
)
def test_overlaps(a, b, expected):
    assert a.overlaps(b) is expected
    assert as_interval(b).overlaps(a) is expected


def test_midpoint_width_and_floats():
    iv = Interval.of(8, 13)
    assert iv.midpoint == Fraction(21, 2)
    assert iv.width == 5
    assert iv.as_float() == (8.0, 13.0)
    unbounded = Interval.of(10000, None)
    assert unbounded.midpoint is None and unbounded.width is None
    assert unbounded.as_float() == (10000.0, math.inf)
    assert Interval.of(None, None).as_float() == (-math.inf, math.inf)


@pytest.mark.parametrize(
    "iv, text",
    [
        (Interval.point(1031), "1031"),
        (Interval.of(80, 90), "[80, 90]"),
        (Interval.of(10000, None), "[10000, ∞)"),
        (Interval.of(None, 5), "(-∞, 5]"),
        (Interval.of(None, None), "(-∞, ∞)"),
        (Interval.of("0.25", "96.34"), "[0.25, 96.34]"),
        (Interval.of("-1.5", "1/3"), "[-1.5, 1/3]"),
        (Interval.point("-0.05"), "-0.05"),
    ],
)
def test_str(iv, text):
    assert str(iv) == text


def test_repr_round_trips():
    for iv in [Interval.of(80, 90), Interval.of("1/3", None), Interval.of(None, "-2.5")]:
        assert eval(repr(iv), {"Interval": Interval, "Fraction": Fraction}) == iv


# -- arithmetic: spot cases -----------------------------------------------------
def test_arithmetic_spot_cases():
    # Worked by hand: [80, 90] + [8, 13] = [88, 103]; − = [67, 82]; × = [640, 1170]
    a, b = Interval.of(80, 90), Interval.of(8, 13)
    assert a + b == Interval.of(88, 103)
    assert a - b == Interval.of(67, 82)
    assert a * b == Interval.of(640, 1170)
    assert a / b == Interval.of(Fraction(80, 13), Fraction(90, 8))
    assert -a == Interval.of(-90, -80)
    # plain numbers on either side
    assert a + 10 == 10 + a == Interval.of(90, 100)
    assert 100 - a == Interval.of(10, 20)
    assert 2 * a == Interval.of(160, 180)
    assert 180 / a == Interval.of(2, Fraction(9, 4))


def test_unbounded_arithmetic():
    big = Interval.of(10000, None)
    assert big + Interval.of(1, 2) == Interval.of(10001, None)
    assert big - Interval.of(1, 2) == Interval.of(9998, None)
    assert Interval.of(0, 1) * big == Interval.of(0, None)  # 0 × ∞ taken as 0
    assert Interval.of(-1, 1) * big == Interval.of(None, None)
    assert Interval.of(1, 2) / big == Interval.of(0, Fraction(1, 5000))


@pytest.mark.parametrize("divisor", [Interval.point(0), Interval.of(0, 5), Interval.of(-1, 1), Interval.of(None, 3), 0])
def test_division_by_interval_containing_zero(divisor):
    with pytest.raises(IntervalDivisionError) as info:
        Interval.of(1, 2) / divisor
    assert isinstance(info.value, ZeroDivisionError)
    assert "[1, 2]" in str(info.value) and str(as_interval(divisor)) in str(info.value)


# -- arithmetic: every pointwise result lies in the interval result -------------
_fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=50)


@st.composite
def interval_and_point(draw, nonzero=False):
    """An interval (ends possibly unbounded) and a point sampled inside it."""
    if nonzero:  # a positive interval (lower end > 0), negated half the time
        lo = draw(st.fractions(min_value=Fraction(1, 50), max_value=1000, max_denominator=50))
        hi = draw(st.one_of(st.none(), st.fractions(min_value=lo, max_value=2000, max_denominator=50)))
        iv = Interval(lo, hi)
        if draw(st.booleans()):
            iv = -iv
    else:
        lo = draw(st.one_of(st.none(), _fractions))
        hi = draw(st.one_of(st.none(), _fractions))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        iv = Interval(lo, hi)
    offset = draw(st.fractions(min_value=0, max_value=500, max_denominator=50))
    t = draw(st.fractions(min_value=0, max_value=1, max_denominator=50))
    if iv.lower is not None and iv.upper is not None:
        x = iv.lower + t * (iv.upper - iv.lower)
    elif iv.lower is not None:
        x = iv.lower + offset
    elif iv.upper is not None:
        x = iv.upper - offset
    else:
        x = draw(_fractions)
    assert iv.contains(x)
    return iv, x


@settings(max_examples=150, deadline=None)
@given(
    interval_and_point(),
    interval_and_point(),
    st.sampled_from([operator.add, operator.sub, operator.mul]),
)
def test_interval_result_contains_pointwise_results(a, b, op):
    (iv_a, x), (iv_b, y) = a, b
    assert op(iv_a, iv_b).contains(op(x, y))


@settings(max_examples=150, deadline=None)
@given(interval_and_point(), interval_and_point(nonzero=True))
def test_interval_quotient_contains_pointwise_quotients(a, b):
    (iv_a, x), (iv_b, y) = a, b
    assert not iv_b.contains(0) and y != 0
    assert (iv_a / iv_b).contains(x / y)


@settings(max_examples=100, deadline=None)
@given(interval_and_point(), interval_and_point())
def test_bounded_product_is_tight(a, b):
    # for bounded intervals the result's ends are attained by end products
    (iv_a, _), (iv_b, _) = a, b
    if not (iv_a.is_bounded and iv_b.is_bounded):
        return
    ends = [p * q for p in (iv_a.lower, iv_a.upper) for q in (iv_b.lower, iv_b.upper)]
    assert iv_a * iv_b == Interval(min(ends), max(ends))


def test_point_arithmetic_matches_fractions():
    x, y = Fraction(1031), Fraction(1095)
    for op in (operator.add, operator.sub, operator.mul, operator.truediv):
        assert op(Interval.point(x), Interval.point(y)) == Interval.point(op(x, y))


# -- difference and total: bounds kept, and no wider than the bounds allow ------------------------
@settings(max_examples=100, deadline=None)
@given(st.lists(interval_and_point(), min_size=1, max_size=4))
def test_total_contains_every_pointwise_sum_and_is_tight(items):
    result = total(*(iv for iv, _ in items))
    assert result.contains(sum(x for _, x in items))
    # independent computation: the sum of the lower ends and of the upper ends
    lows, highs = [iv.lower for iv, _ in items], [iv.upper for iv, _ in items]
    assert result.lower == (None if None in lows else sum(lows))
    assert result.upper == (None if None in highs else sum(highs))


@settings(max_examples=100, deadline=None)
@given(interval_and_point(), interval_and_point())
def test_difference_contains_every_pointwise_difference(a, b):
    (iv_a, x), (iv_b, y) = a, b
    result = difference(iv_a, iv_b)
    assert result.contains(x - y)
    if iv_a.is_bounded and iv_b.is_bounded:  # attained at the ends
        assert result == Interval(iv_a.lower - iv_b.upper, iv_a.upper - iv_b.lower)


def test_difference_and_total_of_plain_numbers_are_points():
    assert difference(1095, 1031) == Interval.point(64)
    assert total("0.5", Decimal("0.25"), 1) == Interval.point(Fraction(7, 4))
    with pytest.raises(IntervalError, match="at least one"):
        total()


def test_nan_names_the_interval_aware_way():
    """A NaN (a bounded figure's missing value in lawstats.figures()) is refused, pointing to interval_of."""
    with pytest.raises(IntervalError, match=r"missing value.*interval_of"):
        to_fraction(float("nan"))
    with pytest.raises(IntervalError, match="not a finite number"):
        to_fraction(float("inf"))
