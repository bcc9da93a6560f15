"""Rates in exact arithmetic: shares, percentages, ratios, per-person amounts, changes.

Every function accepts exact numbers (int, Decimal, Fraction, str) or
:class:`~lawstats.arithmetic.interval.Interval` values.  The result's type follows the
inputs' types, not their values: plain numbers in, a :class:`~fractions.Fraction`
out; any Interval in, an Interval out (a point interval when every input is a
point), so a caller never has to test which one came back.

Bad inputs raise :class:`RateError` naming the call and the values it got.
"""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Union

from lawstats.errors import LawstatsError
from lawstats.arithmetic.interval import Interval, IntervalDivisionError, IntervalError, Number, as_interval

if TYPE_CHECKING:  # pandas is only needed by rates_frame
    import pandas as pd

__all__ = [
    "RateError",
    "Value",
    "Result",
    "share",
    "percent",
    "ratio",
    "per_capita",
    "change",
    "relative_change",
    "rates_frame",
]

#: What the rate functions accept.
Value = Union[Number, Interval]
#: What they return: a Fraction for plain numbers, an Interval if any input was one.
Result = Union[Fraction, Interval]


class RateError(LawstatsError, ValueError):
    """A rate cannot be computed from these values (zero or negative whole, part > whole...).

    Examples
    --------
    >>> share(3, 0)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.rates.RateError: share(part=3, whole=0): whole must be greater than 0; got 0
    """


def _prepare(func: str, **values: Value) -> tuple[str, list[Interval], bool]:
    """Convert the inputs to intervals.

    Returns the call as text for messages (``share(part=3, whole=0)``), the
    intervals, and whether any input was an Interval.
    """
    out = []
    for name, v in values.items():
        try:
            out.append(as_interval(v))
        except IntervalError as err:
            raise RateError(f"{func}: {name}={v!r} is not an exact number: {err}") from None
    call = f"{func}(" + ", ".join(f"{k}={x}" for k, x in zip(values, out)) + ")"
    return call, out, any(isinstance(v, Interval) for v in values.values())


def _require_positive(call: str, name: str, x: Interval) -> None:
    if x.lower is None or x.lower <= 0:
        got = f"{x}" if x.is_point else f"{x}, which may be 0 or less"
        raise RateError(f"{call}: {name} must be greater than 0; got {got}")


def _require_nonnegative(call: str, name: str, x: Interval) -> None:
    if x.lower is None or x.lower < 0:
        got = f"{x}" if x.is_point else f"{x}, which may be negative"
        raise RateError(f"{call}: {name} must not be negative; got {got}")


def _result(x: Interval, any_interval: bool) -> Result:
    return x if any_interval else x.lower


def share(part: Value, whole: Value, *, allow_over: bool = False) -> Result:
    """The fraction ``part / whole`` of a whole, between 0 and 1.

    Parameters
    ----------
    part : number or Interval
        Must not be negative.
    whole : number or Interval
        Must be greater than 0 (an interval must not reach 0).
    allow_over : bool, default False
        Allow ``part > whole`` (e.g. cases closed this year include some opened
        last year).  By default that is an error, and an interval result is cut
        at 1: since ``p / w <= 1`` exactly when ``p <= w``, the cut interval is
        exactly the set of shares the bounds allow with the part inside its whole.

    Returns
    -------
    Fraction or Interval

    Raises
    ------
    RateError
        Negative part, whole not > 0, or part certainly greater than whole.

    Examples
    --------
    >>> share(1031, 1095)
    Fraction(1031, 1095)
    >>> str(share(Interval.of(80, 90), 100))
    '[0.8, 0.9]'
    >>> str(share(Interval.of(80, 90), Interval.of(85, 95)))
    '[16/19, 1]'
    >>> share(5, 4)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.rates.RateError: share(part=5, whole=4): part is greater than whole; pass allow_over=True if that is possible here, or use ratio()
    """
    return _share("share", part, whole, allow_over)


def _share(func: str, part: Value, whole: Value, allow_over: bool) -> Result:
    call, (p, w), any_interval = _prepare(func, part=part, whole=whole)
    _require_nonnegative(call, "part", p)
    _require_positive(call, "whole", w)
    if not allow_over and w.upper is not None and p.lower > w.upper:
        raise RateError(
            f"{call}: part is greater than whole; "
            "pass allow_over=True if that is possible here, or use ratio()"
        )
    q = p / w
    if not allow_over and (q.upper is None or q.upper > 1):
        q = Interval(q.lower, 1)
    return _result(q, any_interval)


def percent(part: Value, whole: Value, *, allow_over: bool = False) -> Result:
    """``part / whole × 100``: a share in percentage points.

    Same rules as :func:`share`.

    Examples
    --------
    >>> percent(1031, 1095)
    Fraction(20620, 219)
    >>> float(percent(1031, 1095))
    94.15525114155251
    >>> percent(70, 70)
    Fraction(100, 1)
    >>> str(percent(Interval.of(80, 90), 100))
    '[80, 90]'
    """
    return _share("percent", part, whole, allow_over) * 100


def ratio(a: Value, b: Value) -> Result:
    """``a / b`` for any signs, as long as ``b`` cannot be 0.

    Examples
    --------
    >>> ratio(138, 68)
    Fraction(69, 34)
    >>> str(ratio(Interval.of(2000, 3000), 55))
    '[400/11, 600/11]'
    >>> ratio(1, Interval.of(-1, 1))
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.rates.RateError: ratio(a=1, b=[-1, 1]): b must not be 0; got [-1, 1], which contains 0
    """
    call, (x, y), any_interval = _prepare("ratio", a=a, b=b)
    try:
        q = x / y
    except IntervalDivisionError:
        got = f"{y}" if y.is_point else f"{y}, which contains 0"
        raise RateError(f"{call}: b must not be 0; got {got}") from None
    return _result(q, any_interval)


def per_capita(amount: Value, people: Value) -> Result:
    """``amount / people``: an amount per person; ``people`` must be > 0.

    Examples
    --------
    >>> per_capita(237, 55)
    Fraction(237, 55)
    >>> per_capita(100, 0)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.rates.RateError: per_capita(amount=100, people=0): people must be greater than 0; got 0
    """
    call, (x, n), any_interval = _prepare("per_capita", amount=amount, people=people)
    _require_positive(call, "people", n)
    return _result(x / n, any_interval)


def change(before: Value, after: Value) -> Result:
    """The absolute change ``after − before``.

    Examples
    --------
    >>> change(68, 138)
    Fraction(70, 1)
    >>> str(change(Interval.of(80, 90), 100))
    '[10, 20]'
    """
    _, (x, y), any_interval = _prepare("change", before=before, after=after)
    return _result(y - x, any_interval)


def relative_change(before: Value, after: Value) -> Result:
    """The relative change ``(after − before) / before``; ``before`` must be > 0.

    Computed as ``after / before − 1``, which uses ``before`` once, so an
    interval result is as narrow as the bounds allow.

    Examples
    --------
    >>> relative_change(80, 100)
    Fraction(1, 4)
    >>> str(relative_change(Interval.of(80, 90), 100))
    '[1/9, 0.25]'
    >>> relative_change(0, 5)
    Traceback (most recent call last):
    ...
    lawstats.arithmetic.rates.RateError: relative_change(before=0, after=5): before must be greater than 0; got 0
    """
    call, (x, y), any_interval = _prepare("relative_change", before=before, after=after)
    _require_positive(call, "before", x)
    return _result(y / x - 1, any_interval)


def _missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, (str, Interval, Fraction, Decimal, int)):
        return False
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def rates_frame(
    df: pd.DataFrame,
    part: str = "part",
    whole: str = "whole",
    *,
    name: str = "percent",
    allow_over: bool = False,
) -> pd.DataFrame:
    """Table twin of :func:`percent`: a copy of ``df`` with a ``percent`` column added.

    The input is never changed.  Cells may hold any value :func:`percent`
    accepts; a row whose part or whole is missing (None, NaN, NA) gets None.

    Parameters
    ----------
    df : pandas.DataFrame
    part, whole : str
        Column names of the numerator and the denominator.
    name : str, default "percent"
        Name of the new column (exact Fractions or Intervals, object dtype).
    allow_over : bool, default False
        As in :func:`share`.

    Raises
    ------
    KeyError
        A named column is missing.
    RateError
        A row's values are invalid; the message starts with the row label.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"part": [1031, 70, None], "whole": [1095, 70, 92]})
    >>> out = rates_frame(df)
    >>> [None if v is None else str(v) for v in out["percent"]]
    ['20620/219', '100', None]
    >>> "percent" in df.columns
    False
    """
    for col in (part, whole):
        if col not in df.columns:
            raise KeyError(f"rates_frame: no column {col!r}; the columns are {list(df.columns)}")
    values = []
    for label, p, w in zip(df.index, df[part], df[whole]):
        if _missing(p) or _missing(w):
            values.append(None)
            continue
        try:
            values.append(percent(p, w, allow_over=allow_over))
        except RateError as err:
            raise RateError(f"row {label!r}: {err}") from None
    return df.assign(**{name: values})
