"""Tests for lawstats.arithmetic.rates: exact rates, interval rates, validation, the table twin."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawstats.errors import LawstatsError
from lawstats.arithmetic.interval import Interval
from lawstats.arithmetic.rounding import format_percent
from lawstats.arithmetic.rates import (
    RateError,
    change,
    per_capita,
    percent,
    ratio,
    rates_frame,
    relative_change,
    share,
)


# -- point values: exact Fractions ----------------------------------------------
def test_share_and_percent_are_exact():
    # 1031 is prime and 1095 = 3·5·73, so 1031/1095 is already in lowest terms
    assert share(1031, 1095) == Fraction(1031, 1095)
    assert percent(1031, 1095) == Fraction(103100, 1095)
    assert isinstance(percent(1031, 1095), Fraction)
    assert percent(70, 70) == 100
    assert percent(0, 92) == 0
    # inputs of any exact kind give the same value
    assert percent("1031", Decimal("1095")) == percent(Fraction(1031), 1095)


def test_other_rates():
    assert ratio(138, 68) == Fraction(69, 34)
    assert ratio(-3, 4) == Fraction(-3, 4)
    assert per_capita(237, 55) == Fraction(237, 55)
    assert change(68, 138) == 70
    assert change(138, 68) == -70
    assert relative_change(80, 100) == Fraction(1, 4)
    assert relative_change(100, 80) == Fraction(-1, 5)


# -- intervals in, intervals out ------------------------------------------------
def test_interval_inputs_give_intervals():
    # 上万份 of 20000: [10000, ∞) / 20000, cut at 1 because a part is within its whole
    assert share(Interval.of(10000, None), 20000) == Interval.of("0.5", 1)
    assert percent(Interval.of(80, 90), 100) == Interval.of(80, 90)
    assert ratio(Interval.of(8, 13), 2) == Interval.of(4, "6.5")
    assert change(Interval.of(80, 90), 100) == Interval.of(10, 20)
    assert per_capita(Interval.of(2000, 3000), Interval.of(8, 13)) == Interval.of(Fraction(2000, 13), 375)
    # relative change uses `before` once: after/before − 1, so [100/90 − 1, 100/80 − 1]
    assert relative_change(Interval.of(80, 90), 100) == Interval.of(Fraction(1, 9), Fraction(1, 4))


def test_point_interval_input_still_returns_interval():
    out = percent(Interval.point(1031), 1095)
    assert isinstance(out, Interval) and out.is_point
    assert out.lower == percent(1031, 1095)


def test_share_of_overlapping_interval_is_cut_at_one():
    # part [80, 90] of whole [85, 95]: 80/95 .. 90/85, cut at 1 (exactly the shares with part <= whole)
    assert share(Interval.of(80, 90), Interval.of(85, 95)) == Interval.of(Fraction(80, 95), 1)
    assert share(Interval.of(80, 90), Interval.of(85, 95), allow_over=True) == Interval.of(
        Fraction(80, 95), Fraction(90, 85)
    )


_nonneg = st.fractions(min_value=0, max_value=500, max_denominator=20)


@settings(max_examples=200, deadline=None)
@given(_nonneg, _nonneg, _nonneg, _nonneg, st.fractions(0, 1), st.fractions(0, 1))
def test_interval_share_is_exactly_the_feasible_shares(p1, p2, w1, w2, s, t):
    """share(P, W) = {p/w : p in P, w in W, p <= w}: contains each, and its ends are attained."""
    p_lo, p_hi = sorted((p1, p2))
    w_lo, w_hi = sorted((w1 + 1, w2 + 1))  # whole >= 1
    if p_lo > w_hi:
        with pytest.raises(RateError):
            share(Interval.of(p_lo, p_hi), Interval.of(w_lo, w_hi))
        return
    result = share(Interval.of(p_lo, p_hi), Interval.of(w_lo, w_hi))
    p = p_lo + s * (p_hi - p_lo)
    w = w_lo + t * (w_hi - w_lo)
    if p <= w:
        assert result.contains(p / w)
    assert 0 <= result.lower <= result.upper <= 1
    assert result.lower == p_lo / w_hi  # attained with p_lo <= w_hi
    assert result.upper == min(Fraction(1), p_hi / w_lo)


# -- validation -----------------------------------------------------------------
@pytest.mark.parametrize(
    "call, pattern",
    [
        (lambda: share(3, 0), r"share\(part=3, whole=0\): whole must be greater than 0; got 0"),
        (lambda: percent(3, -5), r"percent\(part=3, whole=-5\): whole must be greater than 0; got -5"),
        (lambda: percent(-1, 5), r"part must not be negative; got -1"),
        (lambda: percent(6, 5), r"part is greater than whole"),
        (lambda: percent(1, Interval.of(0, 5)), r"whole=\[0, 5\].*may be 0 or less"),
        (lambda: percent(Interval.of(None, 5), 10), r"may be negative"),
        (lambda: percent(Interval.of(96, 99), Interval.of(80, 90)), r"part is greater than whole"),
        (lambda: ratio(1, 0), r"ratio\(a=1, b=0\): b must not be 0"),
        (lambda: ratio(1, Interval.of(-1, 1)), r"contains 0"),
        (lambda: per_capita(100, 0), r"people must be greater than 0"),
        (lambda: relative_change(0, 5), r"before must be greater than 0; got 0"),
        (lambda: share(0.5, 2), r"part=0.5 is not an exact number.*float"),
        (lambda: share("n/a", 2), r"part='n/a' is not an exact number"),
    ],
)
def test_errors_name_the_values(call, pattern):
    with pytest.raises(RateError, match=pattern) as info:
        call()
    assert isinstance(info.value, LawstatsError) and isinstance(info.value, ValueError)


def test_allow_over():
    assert percent(105, 100, allow_over=True) == 105


# -- display --------------------------------------------------------------------
@pytest.mark.parametrize(
    "x, decimals, method, text",
    [
        (Fraction(103100, 1095), 1, "half_up", "94.2%"),  # 94.155…
        (Fraction(103100, 1095), 0, "half_up", "94%"),
        (Fraction(103100, 1095), 2, "truncate", "94.15%"),
        (Fraction(100), 2, "half_up", "100.00%"),
        (Fraction(25, 2), 0, "half_even", "12%"),  # 12.5 → even
        (Fraction(25, 2), 0, "half_up", "13%"),
        (Decimal("96.34"), 2, "half_up", "96.34%"),
        ("0", 1, "half_up", "0.0%"),
        (Interval.of(80, 90), 0, "half_up", "[80%, 90%]"),
        (Interval.of(Fraction(100, 3), Fraction(200, 3)), 1, "half_up", "[33.3%, 66.7%]"),  # outward
        (Interval.of(50, None), 0, "half_up", "[50%, ∞)"),
        (Interval.point(94), 1, "half_up", "94.0%"),
    ],
)
def test_format_percent(x, decimals, method, text):
    assert format_percent(x, decimals, method) == text


# -- table twin -----------------------------------------------------------------
def test_rates_frame_adds_column_and_leaves_input_alone():
    df = pd.DataFrame(
        {
            "name": ["success", "reply", "unknown", "bounded"],
            "part": [1031, 70, None, Interval.of(80, 90)],
            "whole": [1095, 70, 92, 100],
        }
    )
    before = df.copy()
    out = rates_frame(df)
    assert out is not df
    pd.testing.assert_frame_equal(df, before)
    assert "percent" not in df.columns
    assert list(out.columns) == ["name", "part", "whole", "percent"]
    assert out["percent"].tolist() == [Fraction(103100, 1095), Fraction(100), None, Interval.of(80, 90)]


def test_rates_frame_integral_float_columns():
    # pandas turns an int column with a gap into float64: integral floats are exact
    df = pd.DataFrame({"k": [1031, None], "n": [1095, 1095]})
    out = rates_frame(df, part="k", whole="n", name="pct")
    assert out["pct"].tolist() == [Fraction(103100, 1095), None]


def test_rates_frame_errors():
    df = pd.DataFrame({"part": [1, 5], "whole": [2, 0]}, index=["ok", "bad"])
    with pytest.raises(RateError, match=r"row 'bad': percent\(part=5, whole=0\)"):
        rates_frame(df)
    with pytest.raises(KeyError, match="no column 'total'"):
        rates_frame(df, whole="total")
