"""Is a reported percentage what its numbers give, at the decimals it was written with?

A report that writes ``成功率94%`` next to "1031 of 1095" claims a value
rounded to whole percent; 1031 / 1095 = 94.155…% rounds to 94 under the usual
conventions, so the figure is *consistent only by rounding*.  Written as
``94.00%`` the same figure would claim two decimals, and be inconsistent.  The
decimals are therefore read from the text: pass reported values as ``str`` or
:class:`~decimal.Decimal`, never as floats.

Everything here is integer arithmetic on exact values.  The set of exact values
that round to a reported ``r`` (with ``d`` decimals) is an interval around ``r``
whose ends are odd or even multiples of half a unit in the last place, and
whether each end is included depends on the convention; GRIM-style questions
("which denominators could give 96.34%?") are answered from those ends
directly, in O(1) per denominator.

Rounding conventions (:data:`ROUNDING_METHODS`, names as in :mod:`decimal`):

``half_up``     ties away from zero (``四舍五入``; Decimal's ROUND_HALF_UP)
``half_even``   ties to the even digit (banker's rounding; ROUND_HALF_EVEN)
``half_down``   ties toward zero (ROUND_HALF_DOWN)
``truncate``    toward zero (ROUND_DOWN)
``ceiling``     toward +∞ (ROUND_CEILING)
``floor``       toward −∞ (ROUND_FLOOR)

plus, for the checks only, ``up_or_down`` as in the R package scrutiny: the
reported value is the exact value rounded half up *or* half down (so a tie may
go either way; everything else rounds to the nearest value).

By default (:data:`DEFAULT_METHODS`) a check accepts what auditors accept:
rounding half up (``四舍五入``), half to even, or truncation.  Ceiling, floor,
half down and ``up_or_down`` are used only when asked for.  ``成功率94%`` for
1031 of 1095 (94.155…%) is therefore consistent, and ``95%`` is not: only the
ceiling gives 95.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Iterable, Literal, Union

from lawstats.arithmetic.interval import Interval, Number, as_interval, to_fraction
from lawstats.arithmetic.rates import RateError, Result, Value, percent

__all__ = [
    "format_percent",
    "ROUNDING_METHODS",
    "ALL_METHODS",
    "DEFAULT_METHODS",
    "Reported",
    "RoundingCheck",
    "round_exact",
    "check_percent",
    "methods_giving",
    "possible_denominators",
    "smallest_denominator",
    "denominator_possible",
    "numerators_for",
]

#: Conventions that give one rounded value (usable with :func:`round_exact`).
ROUNDING_METHODS: tuple[str, ...] = ("half_up", "half_even", "half_down", "truncate", "ceiling", "floor")
#: Every convention the checks accept: the above plus ``up_or_down``.
ALL_METHODS: tuple[str, ...] = ROUNDING_METHODS + ("up_or_down",)
#: What a check accepts unless told otherwise: half up, half to even, truncation.
DEFAULT_METHODS: tuple[str, ...] = ("half_up", "half_even", "truncate")

#: A reported value: text or Decimal, so that its written decimals are known.
Reported = Union[str, Decimal, int]

_ZH = {
    "half_up": "四舍五入",
    "half_even": "四舍六入五成双",
    "half_down": "五舍六入",
    "truncate": "去尾法",
    "ceiling": "进一法",
    "floor": "向下取整",
    "up_or_down": "四舍五入或五舍六入",
}


# -- inputs -------------------------------------------------------------------
def _methods(methods: Iterable[str] | str, allowed: tuple[str, ...], func: str) -> tuple[str, ...]:
    if isinstance(methods, str):
        methods = (methods,)
    chosen = tuple(methods)
    if not chosen:
        raise RateError(f"{func}: methods is empty; expected one or more of {allowed}")
    for m in chosen:
        if m not in allowed:
            raise RateError(f"{func}: method must be one of {allowed}. Got {m!r} instead.")
    return chosen


def _decimals(decimals: object, func: str) -> int:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise RateError(f"{func}: decimals must be an int >= 0. Got {decimals!r} instead.")
    return decimals


def _decimal_of(m: int, d: int) -> Decimal:
    """The Decimal m × 10^-d, built without any context rounding."""
    return Decimal((0 if m >= 0 else 1, tuple(int(c) for c in str(abs(m))), -d))


def _parse_reported(
    reported: Reported, decimals: int | None, allow_over_100: bool, func: str
) -> tuple[int, int]:
    """Return (m, d) with reported = m / 10^d, checking range and decimals."""
    if isinstance(reported, bool) or not isinstance(reported, (str, Decimal, int)):
        hint = f"; pass the text as written, e.g. '{reported!r}'" if isinstance(reported, float) else ""
        raise RateError(
            f"{func}: reported must be a str, Decimal or int so its decimals are known. "
            f"Got {reported!r} ({type(reported).__name__}) instead{hint}"
        )
    if isinstance(reported, str):
        text = reported.strip().rstrip("%％").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise RateError(
                f"{func}: cannot read reported {reported!r} as a decimal number, e.g. '96.34'"
            ) from None
    else:
        value = Decimal(reported)
    if not value.is_finite():
        raise RateError(f"{func}: reported {reported!r} is not a finite number")
    exponent = value.as_tuple().exponent
    written = max(0, -exponent)
    d = written if decimals is None else _decimals(decimals, func)
    scaled = Fraction(value) * 10**d
    if scaled.denominator != 1:
        raise RateError(
            f"{func}: reported {reported!r} is written with {written} decimals; it cannot be read with {d}"
        )
    if value < 0:
        raise RateError(f"{func}: reported {reported!r} is negative; a percentage of counts is >= 0")
    if value > 100 and not allow_over_100:
        raise RateError(
            f"{func}: reported {reported!r} is over 100; pass allow_over_100=True if that is possible here"
        )
    return scaled.numerator, d


# -- rounding -----------------------------------------------------------------
def round_exact(x: Fraction | Number, decimals: int, method: str = "half_up") -> Decimal:
    """Round an exact number to ``decimals`` places, in integer arithmetic.

    Parameters
    ----------
    x : Fraction, int, Decimal or str
    decimals : int
        Places after the decimal point (>= 0); the result keeps them all.
    method : str, default "half_up"
        One of :data:`ROUNDING_METHODS`.

    Returns
    -------
    Decimal
        Equal to what :meth:`decimal.Decimal.quantize` gives under the matching
        rounding mode (a zero result is always an unsigned zero).

    Examples
    --------
    >>> round_exact(Fraction(1031 * 100, 1095), 0)
    Decimal('94')
    >>> round_exact(Fraction(1031 * 100, 1095), 2, "truncate")
    Decimal('94.15')
    >>> round_exact(Fraction(5, 2), 0, "half_even"), round_exact(Fraction(5, 2), 0, "half_up")
    (Decimal('2'), Decimal('3'))
    >>> round_exact("-2.5", 0, "half_down")
    Decimal('-2')
    >>> round_exact(100, 2)
    Decimal('100.00')
    """
    method = _methods(method, ROUNDING_METHODS, "round_exact")[0]
    d = _decimals(decimals, "round_exact")
    value = to_fraction(x)
    scaled = value * 10**d
    p, q = scaled.numerator, scaled.denominator  # q > 0
    low, rem = divmod(p, q)  # low = floor(scaled), 0 <= rem < q
    if rem == 0:
        m = low
    elif method == "floor":
        m = low
    elif method == "ceiling":
        m = low + 1
    elif method == "truncate":
        m = low if p >= 0 else low + 1
    else:
        twice = 2 * rem
        if twice < q:
            m = low
        elif twice > q:
            m = low + 1
        elif method == "half_up":  # tie: away from zero
            m = low + 1 if p >= 0 else low
        elif method == "half_down":  # tie: toward zero
            m = low if p >= 0 else low + 1
        else:  # half_even
            m = low if low % 2 == 0 else low + 1
    return _decimal_of(m, d)


def _preimage(m: int, method: str) -> tuple[int, bool, int, bool]:
    """Exact values x that give m units (of 10^-d) under ``method``.

    Returned as (lo, lo_closed, hi, hi_closed) in half-units: x lies between
    lo / (2·10^d) and hi / (2·10^d).
    """
    c = 2 * m
    if method == "up_or_down":  # half up or half down: both ties belong
        return c - 1, True, c + 1, True
    if method == "floor":
        return c, True, c + 2, False
    if method == "ceiling":
        return c - 2, False, c, True
    if method == "truncate":
        if m > 0:
            return c, True, c + 2, False
        if m < 0:
            return c - 2, False, c, True
        return -2, False, 2, False
    if method == "half_even":
        even = m % 2 == 0
        return c - 1, even, c + 1, even
    if method == "half_up":
        if m > 0:
            return c - 1, True, c + 1, False
        if m < 0:
            return c - 1, False, c + 1, True
        return -1, False, 1, False
    if method == "half_down":
        if m > 0:
            return c - 1, False, c + 1, True
        if m < 0:
            return c - 1, True, c + 1, False
        return -1, True, 1, True
    raise RateError(f"unknown rounding method {method!r}; expected one of {ALL_METHODS}")  # pragma: no cover


def _meets(interval: Interval, m: int, d: int, method: str) -> bool:
    """Whether some value of the closed ``interval`` rounds to m / 10^d under ``method``."""
    lo, lo_closed, hi, hi_closed = _preimage(m, method)
    scale = 2 * 10**d
    lo_f, hi_f = Fraction(lo, scale), Fraction(hi, scale)
    upper, lower = interval.upper, interval.lower
    reaches_lo = upper is None or upper > lo_f or (upper == lo_f and lo_closed)
    reaches_hi = lower is None or lower < hi_f or (lower == hi_f and hi_closed)
    return reaches_lo and reaches_hi


# -- checking a percentage ----------------------------------------------------
@dataclass(frozen=True)
class RoundingCheck:
    """The outcome of :func:`check_percent`, with the arithmetic that decided it.

    Attributes
    ----------
    verdict : {"consistent", "inconsistent"}
    reported : Decimal
        The reported percentage at the decimals checked, e.g. ``Decimal('94')``.
    decimals : int
    recomputed : Fraction or Interval
        The exact percentage from part and whole (an Interval if either was one).
    methods_checked, methods_passing : tuple of str
        Conventions tried, and those that reproduce the reported value.
    only_by_rounding : bool
        Consistent, but the exact value differs from the reported one (for an
        interval: the reported value lies outside it).
    interval_inputs : bool
        Part or whole spanned an interval.  "consistent" then means *some* value
        in the interval reproduces the reported figure.
    explanation_en, explanation_zh : str
        The arithmetic in words.
    """

    verdict: Literal["consistent", "inconsistent"]
    reported: Decimal
    decimals: int
    recomputed: Result
    methods_checked: tuple[str, ...]
    methods_passing: tuple[str, ...]
    only_by_rounding: bool
    interval_inputs: bool
    explanation_en: str
    explanation_zh: str

    @property
    def consistent(self) -> bool:
        """True when the verdict is "consistent"."""
        return self.verdict == "consistent"


def _show_exact(x: Fraction, d: int) -> str:
    """x to d + 3 places: exact if it terminates there, else truncated with '…'."""
    places = d + 3
    scaled = x * 10**places
    digits = str(_decimal_of(int(scaled), places))  # int() truncates toward zero
    if scaled.denominator != 1:
        return digits + "…"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits


def _show_interval(x: Interval, d: int) -> str:
    if x.is_point:
        return f"{_show_exact(x.lower, d)}%"
    low = "(-∞" if x.lower is None else f"[{_show_exact(x.lower, d)}%"
    high = "∞)" if x.upper is None else f"{_show_exact(x.upper, d)}%]"
    return f"{low}, {high}"


def _explain(
    part: Value, whole: Value, pct: Interval, rep: str, d: int,
    methods: tuple[str, ...], passing: tuple[str, ...], exact_hit: bool,
) -> tuple[str, str]:
    p, w = as_interval(part), as_interval(whole)
    head_en = f"{p} / {w} = {_show_interval(pct, d)}"
    head_zh = f"{p} ÷ {w} = {_show_interval(pct, d)}"
    names_en = ", ".join(passing)
    names_zh = "、".join(_ZH[m] for m in passing)
    if pct.is_point:
        x = pct.lower
        groups: dict[str, list[str]] = {}
        for m in ROUNDING_METHODS:
            if m in methods:
                groups.setdefault(f"{round_exact(x, d, m)}%", []).append(m)
        if "up_or_down" in methods:
            down, up = round_exact(x, d, "half_down"), round_exact(x, d, "half_up")
            if down == up:  # not a tie: both give the same value
                groups.setdefault(f"{down}%", []).append("up_or_down")
        parts_en = [f"{v} ({', '.join(ms)})" for v, ms in groups.items()]
        parts_zh = [f"{v}（{'、'.join(_ZH[m] for m in ms)}）" for v, ms in groups.items()]
        if "up_or_down" in methods and down != up:
            parts_en.append(f"{down}% or {up}% (up_or_down)")
            parts_zh.append(f"{down}% 或 {up}%（{_ZH['up_or_down']}）")
        head_en += " → " + ", ".join(parts_en)
        head_zh += " ≈ " + "，".join(parts_zh)
        if exact_hit:
            tail_en, tail_zh = "consistent (exact)", "一致（精确相等）"
        elif passing:
            tail_en, tail_zh = "consistent only by rounding", "仅在舍入后一致"
        else:
            tail_en = f"inconsistent (no convention checked gives {rep}%)"
            tail_zh = f"不一致（所查舍入方式均得不到 {rep}%）"
    elif exact_hit:
        tail_en = "consistent (the reported value lies in the interval)"
        tail_zh = "一致（报告值在区间内）"
    elif passing:
        tail_en = f"consistent only by rounding (some value in the interval gives {rep}%: {names_en})"
        tail_zh = f"仅在舍入后一致（区间内有值可舍入为 {rep}%：{names_zh}）"
    else:
        tail_en = f"inconsistent (no value in the interval gives {rep}% under any convention checked)"
        tail_zh = f"不一致（在所查舍入方式下，区间内没有值能得到 {rep}%）"
    return f"{head_en}; reported {rep}%: {tail_en}", f"{head_zh}；报告值 {rep}%：{tail_zh}"


def check_percent(
    reported: Reported,
    part: Value,
    whole: Value,
    *,
    decimals: int | None = None,
    methods: Iterable[str] | str = DEFAULT_METHODS,
    allow_over_100: bool = False,
) -> RoundingCheck:
    """Check a reported percentage against ``part / whole × 100``.

    Parameters
    ----------
    reported : str, Decimal or int
        In percentage points, as written: ``"96.34"`` (a trailing ``%`` is
        allowed).  Its written decimals set the tolerance.
    part, whole : number or Interval
        As for :func:`lawstats.arithmetic.rates.percent`.
    decimals : int, optional
        Decimals to check at; defaults to the decimals written in ``reported``.
    methods : str or iterable of str, default DEFAULT_METHODS
        Conventions to try: by default half up, half to even and truncation;
        any of :data:`ALL_METHODS` when asked for.
    allow_over_100 : bool, default False
        Allow a reported value over 100 and a part greater than its whole.

    Returns
    -------
    RoundingCheck

    Raises
    ------
    RateError
        Unreadable or out-of-range ``reported``, unknown method, or invalid
        part/whole (negative, zero whole, part greater than whole).

    Examples
    --------
    >>> c = check_percent("94", 1031, 1095)
    >>> c.verdict, c.only_by_rounding
    ('consistent', True)
    >>> c.methods_passing
    ('half_up', 'half_even', 'truncate')
    >>> print(c.explanation_en)
    1031 / 1095 = 94.155…% → 94% (half_up, half_even, truncate); reported 94%: consistent only by rounding
    >>> check_percent("95", 1031, 1095).verdict  # only the ceiling gives 95
    'inconsistent'
    >>> check_percent("95", 1031, 1095, methods="ceiling").verdict
    'consistent'
    >>> check_percent("13", 1, 8, methods="up_or_down").verdict  # 12.5: half up or half down
    'consistent'
    >>> print(check_percent("94", 1031, 1095, methods="half_up").explanation_zh)
    1031 ÷ 1095 = 94.155…% ≈ 94%（四舍五入）；报告值 94%：仅在舍入后一致
    >>> check_percent("94.00", 1031, 1095).verdict
    'inconsistent'
    >>> check_percent("100", 70, 70).explanation_en.endswith("consistent (exact)")
    True
    >>> c = check_percent("85", Interval.of(80, 90), 100)
    >>> c.verdict, c.interval_inputs, c.only_by_rounding
    ('consistent', True, False)
    """
    func = "check_percent"
    chosen = _methods(methods, ALL_METHODS, func)
    m, d = _parse_reported(reported, decimals, allow_over_100, func)
    try:
        recomputed = percent(part, whole, allow_over=allow_over_100)
    except RateError as err:  # name this function's option in the hint
        raise RateError(f"{func}: {err}".replace("allow_over=", "allow_over_100=")) from None
    pct = as_interval(recomputed)
    passing = tuple(method for method in chosen if _meets(pct, m, d, method))
    exact_hit = pct.contains(Fraction(m, 10**d))
    rep = str(_decimal_of(m, d))
    en, zh = _explain(part, whole, pct, rep, d, chosen, passing, exact_hit)
    return RoundingCheck(
        verdict="consistent" if passing else "inconsistent",
        reported=_decimal_of(m, d),
        decimals=d,
        recomputed=recomputed,
        methods_checked=chosen,
        methods_passing=passing,
        only_by_rounding=bool(passing) and not exact_hit,
        interval_inputs=not pct.is_point,
        explanation_en=en,
        explanation_zh=zh,
    )


def methods_giving(
    reported: Reported,
    value: Value,
    *,
    decimals: int | None = None,
    methods: Iterable[str] | str = DEFAULT_METHODS,
) -> tuple[str, ...]:
    """The conventions under which ``value`` (exact or an interval) rounds to ``reported``.

    For any quantity, not only percentages: a growth of 25%, a difference of
    2.8 percentage points, an average of 3500 yuan.  For an interval, a method
    counts when *some* value in it rounds to ``reported``.

    Parameters
    ----------
    reported : str, Decimal or int
        As written (``"2.8"``); may be over 100.  Its written decimals set the
        tolerance unless ``decimals`` is given.
    value : number or Interval
    methods : str or iterable of str, default DEFAULT_METHODS

    Examples
    --------
    >>> methods_giving("2.8", Fraction(28, 10))
    ('half_up', 'half_even', 'truncate')
    >>> methods_giving("150", Fraction(3, 2) * 100)
    ('half_up', 'half_even', 'truncate')
    >>> methods_giving("93.2", Fraction(1399 * 100, 1500))  # 93.266…
    ('truncate',)
    >>> methods_giving("3.8", Interval.of("2.7", "2.9"))
    ()
    """
    chosen = _methods(methods, ALL_METHODS, "methods_giving")
    m, d = _parse_reported(reported, decimals, True, "methods_giving")
    interval = as_interval(value)
    return tuple(method for method in chosen if _meets(interval, m, d, method))


# -- GRIM-style: which denominators can give a reported percentage? ------------
def _k_range(bounds: tuple[int, bool, int, bool], d: int, n: int, cap: bool) -> tuple[int, int]:
    """Inclusive range of integers k with 100·k/n inside the bounds (empty if lo > hi)."""
    lo, lo_closed, hi, hi_closed = bounds
    scale = 200 * 10**d  # 100·k/n >= lo / (2·10^d)  ⇔  k >= lo·n / (200·10^d)
    a, b = lo * n, hi * n
    k_lo = -(-a // scale)
    if not lo_closed and a % scale == 0:
        k_lo += 1
    k_hi = b // scale
    if not hi_closed and b % scale == 0:
        k_hi -= 1
    return max(k_lo, 0), (min(k_hi, n) if cap else k_hi)


def _grim_setup(
    reported: Reported, decimals: int | None, methods: Iterable[str] | str, allow_over_100: bool, func: str
) -> tuple[list[tuple[int, bool, int, bool]], int]:
    chosen = _methods(methods, ALL_METHODS, func)
    m, d = _parse_reported(reported, decimals, allow_over_100, func)
    return [_preimage(m, method) for method in chosen], d


def _positive_int(value: object, name: str, func: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RateError(f"{func}: {name} must be an int >= 1. Got {value!r} instead.")
    return value


def numerators_for(
    reported: Reported,
    n: int,
    decimals: int | None = None,
    methods: Iterable[str] | str = ("half_up",),
    *,
    allow_over_100: bool = False,
) -> list[int]:
    """Every count k (0 <= k <= n) for which k / n × 100 rounds to ``reported``.

    Parameters
    ----------
    reported : str, Decimal or int
        In percentage points, as written.
    n : int
        The denominator (>= 1).
    decimals : int, optional
        Defaults to the decimals written in ``reported``.
    methods : str or iterable of str, default ("half_up",)
        A k counts if any of these conventions gives ``reported``.
    allow_over_100 : bool, default False
        Allow ``reported`` > 100 and k > n.

    Examples
    --------
    >>> numerators_for("94", 1095)
    [1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031, 1032, 1033, 1034]
    >>> numerators_for("96.34", 82)
    [79]
    >>> numerators_for("96.34", 1463)  # 1409/1463 = 96.309…%, 1410/1463 = 96.377…%
    []
    >>> numerators_for("50", 3)
    []
    """
    func = "numerators_for"
    n = _positive_int(n, "n", func)
    bounds, d = _grim_setup(reported, decimals, methods, allow_over_100, func)
    ks: set[int] = set()
    for b in bounds:
        k_lo, k_hi = _k_range(b, d, n, not allow_over_100)
        ks.update(range(k_lo, k_hi + 1))
    return sorted(ks)


def denominator_possible(
    reported: Reported,
    n: int,
    decimals: int | None = None,
    methods: Iterable[str] | str = ("half_up",),
    *,
    allow_over_100: bool = False,
) -> bool:
    """Whether some count k out of ``n`` gives ``reported`` (see :func:`numerators_for`).

    Examples
    --------
    >>> denominator_possible("96.34", 82), denominator_possible("96.34", 1463)
    (True, False)
    """
    func = "denominator_possible"
    n = _positive_int(n, "n", func)
    bounds, d = _grim_setup(reported, decimals, methods, allow_over_100, func)
    return any(lo <= hi for lo, hi in (_k_range(b, d, n, not allow_over_100) for b in bounds))


def possible_denominators(
    reported: Reported,
    decimals: int | None = None,
    max_denominator: int = 1000,
    methods: Iterable[str] | str = ("half_up",),
    *,
    allow_over_100: bool = False,
) -> list[int]:
    """Every denominator n <= ``max_denominator`` that can give ``reported``.

    For each n the admissible counts k form a range computed from the rounding
    bounds in integer arithmetic, so the cost is O(max_denominator).

    Examples
    --------
    >>> possible_denominators("50", max_denominator=6)
    [2, 4, 6]
    >>> possible_denominators("96.34", max_denominator=400)
    [82, 164, 191, 246, 273, 328, 355, 382, 383]
    >>> possible_denominators("33.3", max_denominator=10, methods=("half_up", "truncate"))
    [3, 6, 9]
    """
    func = "possible_denominators"
    limit = _positive_int(max_denominator, "max_denominator", func)
    bounds, d = _grim_setup(reported, decimals, methods, allow_over_100, func)
    cap = not allow_over_100
    return [
        n for n in range(1, limit + 1)
        if any(lo <= hi for lo, hi in (_k_range(b, d, n, cap) for b in bounds))
    ]


def smallest_denominator(
    reported: Reported,
    decimals: int | None = None,
    max_denominator: int = 1000,
    methods: Iterable[str] | str = ("half_up",),
    *,
    allow_over_100: bool = False,
) -> int | None:
    """The smallest denominator n <= ``max_denominator`` that can give ``reported``, or None.

    Examples
    --------
    >>> smallest_denominator("96.34")
    82
    >>> smallest_denominator("94")  # 15/16 = 93.75% → 94%
    16
    >>> smallest_denominator("0.01", max_denominator=1000) is None
    True
    """
    func = "smallest_denominator"
    limit = _positive_int(max_denominator, "max_denominator", func)
    bounds, d = _grim_setup(reported, decimals, methods, allow_over_100, func)
    cap = not allow_over_100
    for n in range(1, limit + 1):
        if any(lo <= hi for lo, hi in (_k_range(b, d, n, cap) for b in bounds)):
            return n
    return None


def format_percent(x: Value, decimals: int, method: str = "half_up") -> str:
    """Display a value in percentage points, e.g. ``"94.2%"``.

    Parameters
    ----------
    x : number or Interval
        Already in percentage points (as returned by :func:`percent`).
    decimals : int
        Decimals to show (>= 0); trailing zeros are kept.
    method : str, default "half_up"
        Rounding convention for a point value (see :mod:`lawstats.arithmetic.rounding`).
        An interval is rounded outwards (lower end down, upper end up) so the
        displayed interval still contains the exact one.

    Examples
    --------
    >>> format_percent(percent(1031, 1095), 1)
    '94.2%'
    >>> format_percent(percent(1031, 1095), 0, "ceiling")
    '95%'
    >>> format_percent(Decimal("96.34"), 2)
    '96.34%'
    >>> format_percent(percent(Interval.of(1, 2), 3), 1)
    '[33.3%, 66.7%]'
    >>> format_percent(Interval.of(50, None), 0)
    '[50%, ∞)'
    """
    if isinstance(x, Interval) and not x.is_point:
        low = "(-∞" if x.lower is None else f"[{round_exact(x.lower, decimals, 'floor')}%"
        high = "∞)" if x.upper is None else f"{round_exact(x.upper, decimals, 'ceiling')}%]"
        return f"{low}, {high}"
    value = as_interval(x).lower
    return f"{round_exact(value, decimals, method)}%"
