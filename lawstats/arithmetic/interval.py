"""Closed intervals of exact numbers, for figures known only within bounds.

A report that says ``80余次`` ("80-odd times") gives no point value: lawstats
reads it as the closed interval [80, 90].  ``上万份`` ("ten thousand or more")
is [10000, ∞), a range ``8—13名`` is [8, 13] and an exact count 1031 is the
point [1031, 1031].  Arithmetic on intervals returns intervals that contain
every result the inputs allow, so a bound is never silently turned into a point.

Endpoints are :class:`fractions.Fraction`; ``None`` stands for an unbounded
end.  Floats are refused (they cannot hold ``0.1`` exactly); use
:meth:`Interval.as_float` only when drawing.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Union

from lawstats.errors import LawstatsError

__all__ = [
    "Interval",
    "IntervalError",
    "IntervalDivisionError",
    "Number",
    "as_interval",
    "to_fraction",
    "difference",
    "total",
    "rounded_interval",
]

#: An exact number as lawstats accepts it: never a float.
Number = Union[int, Decimal, Fraction, str]


class IntervalError(LawstatsError, ValueError):
    """An interval or a number in it is malformed (lower > upper, a float, NaN...)."""


class IntervalDivisionError(LawstatsError, ZeroDivisionError):
    """Division by an interval that contains 0.

    Examples
    --------
    >>> Interval.of(1, 2) / Interval.of(0, 5)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.interval.IntervalDivisionError: cannot divide [1, 2] by [0, 5]: the divisor contains 0
    """


def to_fraction(x: Number) -> Fraction:
    """Convert an exact number to a :class:`~fractions.Fraction`.

    Parameters
    ----------
    x : int, Decimal, Fraction or str
        ``str`` may be a decimal (``"96.34"``), an integer or a ratio (``"1/3"``).

    Returns
    -------
    Fraction

    Raises
    ------
    IntervalError
        For non-integral floats (``0.1`` as a float is not 0.1), booleans, NaN,
        infinities and unreadable strings.  An integral float such as ``1031.0``
        (what pandas makes of an integer column with gaps) is exact and accepted.

    Examples
    --------
    >>> to_fraction("96.34")
    Fraction(4817, 50)
    >>> to_fraction(Decimal("0.1")) == Fraction(1, 10)
    True
    >>> to_fraction(1031.0)
    Fraction(1031, 1)
    >>> to_fraction(0.1)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.interval.IntervalError: 0.1 is a float, which cannot hold most decimals exactly; pass Decimal('0.1'), a str or a Fraction instead (for a figure: lawstats.interval_of(row), or its value_exact)
    >>> to_fraction(float("nan"))
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.interval.IntervalError: nan is a missing value, not a number: a figure stated only by its bounds (80余, 8—13, 不少于2次) has no single value; use lawstats.interval_of(row), or a bound (row.lower, row.upper) if that is what you mean
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, bool):
        raise IntervalError(f"{x!r} is a bool; expected a number (int, Decimal, Fraction or str)")
    if isinstance(x, numbers.Integral):  # int, numpy integers
        return Fraction(int(x))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise IntervalError(f"{x!r} is not a finite number; use None for an unbounded end")
        return Fraction(x)
    if isinstance(x, str):
        try:
            return Fraction(x.strip())
        except (ValueError, ZeroDivisionError):
            raise IntervalError(
                f"cannot read {x!r} as an exact number; expected e.g. '96.34', '1031' or '1/3'"
            ) from None
    if isinstance(x, float):
        if x != x:
            raise IntervalError(
                "nan is a missing value, not a number: a figure stated only by its bounds "
                "(80余, 8—13, 不少于2次) has no single value; use lawstats.interval_of(row), "
                "or a bound (row.lower, row.upper) if that is what you mean"
            )
        if x in (math.inf, -math.inf):
            raise IntervalError(f"{x!r} is not a finite number; use None for an unbounded end")
        if x.is_integer() and abs(x) <= 2**53:  # e.g. 1031.0 from a pandas column with NaN: exact
            return Fraction(int(x))
        raise IntervalError(
            f"{x!r} is a float, which cannot hold most decimals exactly; "
            f"pass Decimal('{x!r}'), a str or a Fraction instead "
            "(for a figure: lawstats.interval_of(row), or its value_exact)"
        )
    if isinstance(x, numbers.Rational):
        return Fraction(x.numerator, x.denominator)
    raise IntervalError(
        f"{x!r} ({type(x).__name__}) is not an exact number; expected int, Decimal, Fraction or str"
    )


def _end(x: Number | None) -> Fraction | None:
    return None if x is None else to_fraction(x)


def _show(x: Fraction) -> str:
    """A terminating decimal as a decimal string, anything else as ``p/q``."""
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    places = max(twos, fives)
    scaled = abs(x.numerator) * 10**places // x.denominator
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if x < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _repr_end(x: Fraction | None) -> str:
    if x is None:
        return "None"
    if x.denominator == 1:
        return str(x.numerator)
    return repr(x)


# Extended-real helpers for products.  math.inf is only a sentinel for an
# unbounded end: every finite value stays a Fraction.
_Ext = Union[Fraction, float]


def _mul_ext(a: _Ext, b: _Ext) -> _Ext:
    if a == 0 or b == 0:  # 0 × ∞ = 0: the interval's members are finite
        return Fraction(0)
    if isinstance(a, float) or isinstance(b, float):
        return math.inf if (a > 0) == (b > 0) else -math.inf
    return a * b


def _from_ext(x: _Ext) -> Fraction | None:
    return None if isinstance(x, float) else x


@dataclass(frozen=True)
class Interval:
    """A closed interval [lower, upper] of exact numbers; ``None`` is an unbounded end.

    Parameters
    ----------
    lower, upper : int, Decimal, Fraction, str or None
        Converted to :class:`~fractions.Fraction`.  ``None`` means -∞ (lower)
        or +∞ (upper).

    Examples
    --------
    >>> str(Interval.of(80, 90))
    '[80, 90]'
    >>> str(Interval.of(10000, None))
    '[10000, ∞)'
    >>> str(Interval.point(1031))
    '1031'
    >>> Interval.of(80, 90) + Interval.point(5)
    Interval(85, 95)
    >>> Interval.of(90, 80)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.interval.IntervalError: lower bound 90 is greater than upper bound 80
    """

    lower: Fraction | None
    upper: Fraction | None

    def __post_init__(self) -> None:
        lower, upper = _end(self.lower), _end(self.upper)
        if lower is not None and upper is not None and lower > upper:
            raise IntervalError(f"lower bound {_show(lower)} is greater than upper bound {_show(upper)}")
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    # -- constructors -------------------------------------------------------
    @classmethod
    def point(cls, x: Number) -> Interval:
        """The interval holding the single exact value ``x``.

        Examples
        --------
        >>> Interval.point("96.34")
        Interval(Fraction(4817, 50), Fraction(4817, 50))
        """
        value = to_fraction(x)
        return cls(value, value)

    @classmethod
    def of(cls, lower: Number | None, upper: Number | None) -> Interval:
        """The closed interval [lower, upper]; ``None`` leaves an end unbounded.

        Examples
        --------
        >>> Interval.of("8", Decimal("13"))
        Interval(8, 13)
        """
        return cls(lower, upper)

    # -- predicates ---------------------------------------------------------
    @property
    def is_point(self) -> bool:
        """True when lower == upper (both bounded).

        Examples
        --------
        >>> Interval.point(3).is_point, Interval.of(3, 4).is_point
        (True, False)
        """
        return self.lower is not None and self.lower == self.upper

    @property
    def is_bounded(self) -> bool:
        """True when both ends are finite.

        Examples
        --------
        >>> Interval.of(10000, None).is_bounded
        False
        """
        return self.lower is not None and self.upper is not None

    def contains(self, x: Number) -> bool:
        """Whether the exact number ``x`` lies in the interval (ends included).

        Examples
        --------
        >>> Interval.of(80, 90).contains(90), Interval.of(80, 90).contains("90.5")
        (True, False)
        """
        value = to_fraction(x)
        return (self.lower is None or self.lower <= value) and (self.upper is None or value <= self.upper)

    def overlaps(self, other: Interval | Number) -> bool:
        """Whether the two intervals share at least one value (touching ends count).

        Examples
        --------
        >>> Interval.of(80, 90).overlaps(Interval.of(90, None))
        True
        >>> Interval.of(80, 90).overlaps(95)
        False
        """
        other = as_interval(other)
        below = self.upper is not None and other.lower is not None and self.upper < other.lower
        above = self.lower is not None and other.upper is not None and other.upper < self.lower
        return not (below or above)

    # -- summaries ----------------------------------------------------------
    @property
    def midpoint(self) -> Fraction | None:
        """The centre of the interval, or None when an end is unbounded.

        Examples
        --------
        >>> Interval.of(80, 90).midpoint
        Fraction(85, 1)
        >>> Interval.of(10000, None).midpoint is None
        True
        """
        if not self.is_bounded:
            return None
        return (self.lower + self.upper) / 2

    @property
    def width(self) -> Fraction | None:
        """upper − lower, or None when an end is unbounded (infinite width).

        Examples
        --------
        >>> Interval.of(8, 13).width
        Fraction(5, 1)
        """
        if not self.is_bounded:
            return None
        return self.upper - self.lower

    def as_float(self) -> tuple[float, float]:
        """The ends as floats for plotting; unbounded ends become ±inf.

        Examples
        --------
        >>> Interval.of(10000, None).as_float()
        (10000.0, inf)
        """
        low = -math.inf if self.lower is None else float(self.lower)
        high = math.inf if self.upper is None else float(self.upper)
        return (low, high)

    # -- arithmetic ---------------------------------------------------------
    def __neg__(self) -> Interval:
        return Interval(
            None if self.upper is None else -self.upper,
            None if self.lower is None else -self.lower,
        )

    def __add__(self, other: Interval | Number) -> Interval:
        other = as_interval(other)
        low = None if self.lower is None or other.lower is None else self.lower + other.lower
        high = None if self.upper is None or other.upper is None else self.upper + other.upper
        return Interval(low, high)

    def __radd__(self, other: Number) -> Interval:
        return self + other

    def __sub__(self, other: Interval | Number) -> Interval:
        return self + (-as_interval(other))

    def __rsub__(self, other: Number) -> Interval:
        return as_interval(other) - self

    def _ext_ends(self) -> tuple[_Ext, _Ext]:
        low: _Ext = -math.inf if self.lower is None else self.lower
        high: _Ext = math.inf if self.upper is None else self.upper
        return low, high

    def __mul__(self, other: Interval | Number) -> Interval:
        other = as_interval(other)
        a, b = self._ext_ends()
        c, d = other._ext_ends()
        products = [_mul_ext(a, c), _mul_ext(a, d), _mul_ext(b, c), _mul_ext(b, d)]
        return Interval(_from_ext(min(products)), _from_ext(max(products)))

    def __rmul__(self, other: Number) -> Interval:
        return self * other

    def reciprocal(self) -> Interval:
        """1 / self, for an interval that does not contain 0.

        An unbounded end maps to 0, which is kept as a (closed) end: the result
        contains every reciprocal.

        Examples
        --------
        >>> str(Interval.of(2, 4).reciprocal())
        '[0.25, 0.5]'
        >>> str(Interval.of(2, None).reciprocal())
        '[0, 0.5]'
        """
        if self.contains(0):
            raise IntervalDivisionError(f"cannot take 1 / {self}: the interval contains 0")
        low = Fraction(0) if self.upper is None else 1 / self.upper
        high = Fraction(0) if self.lower is None else 1 / self.lower
        return Interval(low, high)

    def __truediv__(self, other: Interval | Number) -> Interval:
        other = as_interval(other)
        if other.contains(0):
            raise IntervalDivisionError(f"cannot divide {self} by {other}: the divisor contains 0")
        return self * other.reciprocal()

    def __rtruediv__(self, other: Number) -> Interval:
        return as_interval(other) / self

    # -- display ------------------------------------------------------------
    def __str__(self) -> str:
        if self.is_point:
            return _show(self.lower)
        low = "(-∞" if self.lower is None else f"[{_show(self.lower)}"
        high = "∞)" if self.upper is None else f"{_show(self.upper)}]"
        return f"{low}, {high}"

    def __repr__(self) -> str:
        return f"Interval({_repr_end(self.lower)}, {_repr_end(self.upper)})"


def as_interval(x: Interval | Number) -> Interval:
    """Return ``x`` if it is an Interval, else the point interval holding it.

    Examples
    --------
    >>> as_interval(5)
    Interval(5, 5)
    >>> as_interval(Interval.of(1, 2))
    Interval(1, 2)
    """
    if isinstance(x, Interval):
        return x
    return Interval.point(x)


def difference(a: Interval | Number, b: Interval | Number) -> Interval:
    """``a − b`` with bounds kept: every difference the two values allow.

    Parameters
    ----------
    a, b : Interval or exact number
        E.g. :func:`lawstats.interval_of` of two figures.

    Returns
    -------
    Interval
        A point when both are points.

    Examples
    --------
    >>> str(difference(Interval.of(80, 90), 25))
    '[55, 65]'
    >>> str(difference(Interval.of(80, 90), Interval.of(10, 20)))
    '[60, 80]'
    >>> str(difference(Interval.of(10000, None), 1))
    '[9999, ∞)'
    """
    return as_interval(a) - as_interval(b)


def total(*values: Interval | Number) -> Interval:
    """The sum of several values with bounds kept (lower bounds add, upper bounds add).

    Parameters
    ----------
    *values : Interval or exact number
        At least one.

    Returns
    -------
    Interval

    Raises
    ------
    IntervalError
        When no value is given.

    Examples
    --------
    >>> str(total(Interval.of(80, 90), 5, Interval.of(200, 300)))
    '[285, 395]'
    >>> str(total(1, 2, 3))
    '6'
    >>> str(total(Interval.of(10000, None), 12))
    '[10012, ∞)'
    """
    if not values:
        raise IntervalError("total() needs at least one value")
    out = as_interval(values[0])
    for v in values[1:]:
        out = out + as_interval(v)
    return out


def rounded_interval(value: Number, place: Number) -> Interval:
    """The exact values that a figure rounded to ``place`` may stand for.

    A report that writes ``1.9万件`` has rounded to the nearest 1000 (half up)
    or cut the digits after it (truncation): the count lies in
    [value − place/2, value + place], the union of both conventions, closed.

    Parameters
    ----------
    value : int, Decimal, Fraction or str
        The stated value in base units (``19000``).
    place : int, Decimal, Fraction or str
        The unit of its last written digit (``1000``); must be > 0.

    Examples
    --------
    >>> str(rounded_interval(19000, 1000))
    '[18500, 20000]'
    >>> str(rounded_interval("96.3", "0.1"))
    '[96.25, 96.4]'
    """
    v, p = to_fraction(value), to_fraction(place)
    if p <= 0:
        raise IntervalError(f"rounded_interval: place must be greater than 0; got {_show(p)}")
    return Interval(v - p / 2, v + p)
