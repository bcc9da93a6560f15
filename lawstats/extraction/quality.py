"""Quality of extraction: recall and precision of figures against a hand-made list.

The expected figures of a report come either from a corpus file's
``NAME.expected.csv`` (``tests/corpus/``: a quote and which occurrence of it,
so the list stays readable) or from a table with offsets such as
``data/figures.csv`` (``quote``, ``start``, ``end``).  :func:`score` compares
them with the mentions :func:`lawstats.reading.mentions.find_mentions` returns.

Decisions
---------
- **Spans decide a match**: an extracted figure matches an expected one when
  both cover the same characters (``start`` and ``end`` equal).  Nothing is
  matched by value alone, so a right number at the wrong place is a miss
  and a false positive.
- **A matched figure with the wrong value or qualifier is wrong**, not
  true: it counts against recall *and* precision and is listed apart from
  misses and false positives, with the fields that differ.
- **Field accuracy** is measured on span matches: value, unit, qualifier,
  bounds (lower and upper together), decimals and kind.  Numbers are
  compared exactly (:class:`~decimal.Decimal`); units after folding
  full-width ``％`` and traditional measure words (``項`` = ``项``).
- **Occurrences count every match of the quote string**, overlapping ones
  included: the 1st ``6件`` of ``共56件…其余6件`` is inside ``56件``.
- Where the expected list names a standard indicator (or says there is
  none), the indicator found from the mention's automatic label by
  :func:`lawstats.extraction.indicators.match_indicator` is scored too.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = [
    "EXPECTED_COLUMNS", "PLANTED_COLUMNS", "FIELDS", "ExpectedFigure", "Planted", "Score",
    "find_occurrence", "read_expected", "read_planted", "expected_from_table", "score", "combine",
]

#: Columns of a corpus file's ``NAME.expected.csv``.
EXPECTED_COLUMNS = ("quote", "occurrence", "value", "unit", "qualifier", "lower", "upper", "decimals",
                    "kind", "indicator_code")
#: Columns of a corpus file's ``NAME.excluded.csv`` (the non-figures planted in it).
PLANTED_COLUMNS = ("quote", "occurrence", "reason")
#: The fields compared on matched figures.
FIELDS = ("value", "unit", "qualifier", "bounds", "decimals", "kind")

_UNIT_FOLD = str.maketrans(
    "項個條場張臺輛層處間組隊類屆門輪種戶冊頁證噸畝筆％﹪",
    "项个条场张台辆层处间组队类届门轮种户册页证吨亩笔%%")


@dataclass(frozen=True)
class ExpectedFigure:
    """One figure a report should yield.  ``None`` in a field means "not stated"."""

    quote: str
    start: int
    end: int
    value: Decimal | None = None
    unit: str | None = None
    qualifier: str | None = None
    lower: Decimal | None = None
    upper: Decimal | None = None
    decimals: int | None = None
    kind: str | None = None
    indicator: str | None = None   # a standard indicator code, "" for none, None if not stated


@dataclass(frozen=True)
class Planted:
    """A numeral planted in a corpus file that is not a figure."""

    quote: str
    start: int
    end: int
    reason: str


@dataclass
class Score:
    """Recall, precision and field accuracy of one report (or of several combined).

    Attributes
    ----------
    name : str
        The report (or ``"overall"``).
    expected, extracted : int
        Figures expected, and figures extracted (mentions with a quantity).
    true_positives : int
        Extracted figures with the expected span, value and qualifier.
    matched : int
        Extracted figures with the expected span (right or wrong).
    field_hits : dict
        For each of :data:`FIELDS`, how many matched figures have it right
        (among those whose expected row states it).
    field_totals : dict
        For each of :data:`FIELDS`, how many matched figures state it.
    indicator_hits, indicator_total : int
        Matched figures whose automatic indicator code is the expected one,
        among those whose expected row states an indicator.
    misses : list of ExpectedFigure
        Expected figures with no extracted figure on their span.
    false_positives : list
        Extracted figures on no expected span (the mentions themselves).
    wrong : list of (ExpectedFigure, mention, tuple of str)
        Span matches whose value or qualifier differs, with the differing fields.
    indicator_errors : list of (ExpectedFigure, mention, str)
        Span matches whose automatic indicator code (third item) is not the expected one.
    """

    name: str = ""
    expected: int = 0
    extracted: int = 0
    true_positives: int = 0
    matched: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    indicator_hits: int = 0
    indicator_total: int = 0
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    indicator_errors: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        """True positives / expected figures (1.0 when nothing is expected)."""
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """True positives / extracted figures (1.0 when nothing is extracted)."""
        return self.true_positives / self.extracted if self.extracted else 1.0

    def field_accuracy(self, name: str) -> float | None:
        """Share of matched figures with field ``name`` right; ``None`` if none state it."""
        total = self.field_totals[name]
        return self.field_hits[name] / total if total else None

    @property
    def indicator_accuracy(self) -> float | None:
        """Share of matched figures whose automatic indicator code is right."""
        return self.indicator_hits / self.indicator_total if self.indicator_total else None


# ------------------------------------------------------------------ reading expected lists
def find_occurrence(text: str, quote: str, occurrence: int) -> int:
    """Return the start of the ``occurrence``-th (1-based) match of ``quote`` in ``text``.

    Matches may overlap; each start offset counts once.

    Raises
    ------
    ValueError
        If ``quote`` is empty, ``occurrence`` is below 1, or the text holds
        fewer matches; the message says how many there are.

    Examples
    --------
    >>> find_occurrence("共56件，其余6件", "6件", 1), find_occurrence("共56件，其余6件", "6件", 2)
    (2, 7)
    >>> find_occurrence("共56件", "6件", 2)
    Traceback (most recent call last):
    ...
    ValueError: '6件' occurs 1 time(s) in the text; occurrence 2 was asked for
    """
    if not quote:
        raise ValueError("the quote is empty; expected the text of a figure")
    if occurrence < 1:
        raise ValueError(f"occurrence must be 1 or more. Got {occurrence} instead.")
    i, seen = -1, 0
    while True:
        i = text.find(quote, i + 1)
        if i < 0:
            raise ValueError(f"{quote!r} occurs {seen} time(s) in the text; "
                             f"occurrence {occurrence} was asked for")
        seen += 1
        if seen == occurrence:
            return i


def _decimal(s: str | None, where: str) -> Decimal | None:
    if s is None or s.strip() == "":
        return None
    try:
        return Decimal(s.strip())
    except InvalidOperation:
        raise ValueError(f"{where}: {s!r} is not an exact decimal number") from None


def _read_rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path}: missing column(s) {missing}; expected {list(columns)}. "
                             f"Got {reader.fieldnames} instead.")
        return list(reader)


def read_expected(path: str | Path, text: str) -> list[ExpectedFigure]:
    """Read a corpus ``NAME.expected.csv`` and place each quote in ``text``.

    Parameters
    ----------
    path : str or Path
        The CSV, with the columns of :data:`EXPECTED_COLUMNS`.
    text : str
        The canonical text of the report (see :func:`lawstats.load_report`).

    Returns
    -------
    list of ExpectedFigure
        In the order of the file.

    Raises
    ------
    ValueError
        If a column is missing, a number is not exact, or a quote does not
        occur as often as its ``occurrence`` says; the message names the row.
    """
    path = Path(path)
    out = []
    for n, row in enumerate(_read_rows(path, EXPECTED_COLUMNS), start=2):
        where = f"{path.name} line {n}"
        try:
            start = find_occurrence(text, row["quote"], int(row["occurrence"]))
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        out.append(ExpectedFigure(
            quote=row["quote"], start=start, end=start + len(row["quote"]),
            value=_decimal(row["value"], where), unit=row["unit"], qualifier=row["qualifier"],
            lower=_decimal(row["lower"], where), upper=_decimal(row["upper"], where),
            decimals=int(row["decimals"]), kind=row["kind"], indicator=row["indicator_code"]))
    return out


def read_planted(path: str | Path, text: str) -> list[Planted]:
    """Read a corpus ``NAME.excluded.csv``: the non-figures planted in ``text``."""
    path = Path(path)
    out = []
    for n, row in enumerate(_read_rows(path, PLANTED_COLUMNS), start=2):
        try:
            start = find_occurrence(text, row["quote"], int(row["occurrence"]))
        except ValueError as exc:
            raise ValueError(f"{path.name} line {n}: {exc}") from None
        out.append(Planted(row["quote"], start, start + len(row["quote"]), row["reason"]))
    return out


def expected_from_table(path: str | Path, text: str) -> list[ExpectedFigure]:
    """Expected figures from a table with offsets, such as ``data/figures.csv``.

    The table needs ``quote``, ``start`` and ``end``; ``value``, ``unit``,
    ``qualifier``, ``lower``, ``upper``, ``decimals``, ``kind`` and ``code``
    (standard indicator) are used when present; a ``code`` column that is
    empty in every row is taken as not filled in yet, so indicators are not
    scored.  Every row's quote must be ``text[start:end]``.
    """
    path = Path(path)
    out = []
    rows = _read_rows(path, ("quote", "start", "end"))
    codes_stated = any(row.get("code") for row in rows)
    for n, row in enumerate(rows, start=2):
        where = f"{path.name} line {n}"
        start, end = int(row["start"]), int(row["end"])
        if text[start:end] != row["quote"]:
            raise ValueError(f"{where}: the text at {start}:{end} is {text[start:end]!r}, "
                             f"not the quote {row['quote']!r}; is it the same report?")
        decimals = row.get("decimals")
        out.append(ExpectedFigure(
            quote=row["quote"], start=start, end=end,
            value=_decimal(row.get("value"), where) if "value" in row else None,
            unit=row.get("unit"), qualifier=row.get("qualifier") or None,
            lower=_decimal(row.get("lower"), where), upper=_decimal(row.get("upper"), where),
            decimals=int(decimals) if decimals not in (None, "") else None,
            kind=row.get("kind") or None, indicator=(row.get("code") or "") if codes_stated else None))
    return out


# ------------------------------------------------------------------ scoring
def _fold(unit: str | None) -> str:
    return (unit or "").translate(_UNIT_FOLD)


def _same(a: Decimal | None, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(a) == Decimal(b)


def _differences(exp: ExpectedFigure, q: Any) -> dict[str, bool]:
    """field -> right?  Only fields the expected row states."""
    out: dict[str, bool] = {}
    if exp.qualifier is not None:
        out["qualifier"] = q.qualifier == exp.qualifier
        out["value"] = _same(exp.value, q.value)
        out["bounds"] = _same(exp.lower, q.lower) and _same(exp.upper, q.upper)
    elif exp.value is not None:
        out["value"] = _same(exp.value, q.value)
    if exp.unit is not None:
        out["unit"] = _fold(exp.unit) == _fold(q.unit)
    if exp.decimals is not None:
        out["decimals"] = exp.decimals == q.decimals
    if exp.kind is not None:
        out["kind"] = exp.kind == q.kind
    return out


def score(expected_rows: Iterable[ExpectedFigure], mentions: Iterable[Any], name: str = "") -> Score:
    """Score extracted mentions against the expected figures of one report.

    Parameters
    ----------
    expected_rows : iterable of ExpectedFigure
        See :func:`read_expected` and :func:`expected_from_table`.
    mentions : iterable
        Objects with ``start``, ``end``, ``figure`` (a quantity with
        ``value unit qualifier lower upper decimals kind``, or ``None`` for a
        mention that is not a figure) and optionally ``label``, as returned
        by :func:`lawstats.reading.mentions.find_mentions`.
    name : str
        The report's name, kept in the result.

    Returns
    -------
    Score

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> from types import SimpleNamespace as NS
    >>> exp = [ExpectedFigure("80余次", 4, 8, D(80), "次", "at_least", D(80), D(90), 0, "count"),
    ...        ExpectedFigure("1：1", 10, 13, D(1), "", "ratio", D(1), D(1), 0, "ratio")]
    >>> got = [NS(start=4, end=8, figure=NS(value=D(80), unit="次", qualifier="exact",
    ...                                     lower=D(80), upper=D(80), decimals=0, kind="count")),
    ...        NS(start=0, end=4, figure=None),
    ...        NS(start=20, end=22, figure=NS(value=D(3), unit="件", qualifier="exact",
    ...                                       lower=D(3), upper=D(3), decimals=0, kind="count"))]
    >>> s = score(exp, got)
    >>> s.expected, s.extracted, s.matched, s.true_positives
    (2, 2, 1, 0)
    >>> [f for f in s.wrong[0][2]], len(s.misses), len(s.false_positives)
    (['qualifier', 'bounds'], 1, 1)
    >>> s.field_accuracy("value"), s.field_accuracy("bounds")
    (1.0, 0.0)
    """
    from lawstats.extraction.indicators import match_indicator

    expected = list(expected_rows)
    figures = [m for m in mentions if getattr(m, "figure", None) is not None]
    by_span: dict[tuple[int, int], ExpectedFigure] = {}
    for e in expected:
        if (e.start, e.end) in by_span:
            raise ValueError(f"two expected figures on the same span {e.start}:{e.end} ({e.quote!r})")
        by_span[(e.start, e.end)] = e
    result = Score(name=name, expected=len(expected), extracted=len(figures))
    seen: set[tuple[int, int]] = set()
    for m in figures:
        span = (m.start, m.end)
        exp = by_span.get(span)
        if exp is None or span in seen:
            result.false_positives.append(m)
            continue
        seen.add(span)
        result.matched += 1
        fields = _differences(exp, m.figure)
        for f, ok in fields.items():
            result.field_totals[f] += 1
            result.field_hits[f] += ok
        bad = tuple(f for f in FIELDS if f in fields and not fields[f])
        if any(f in bad for f in ("value", "qualifier", "bounds")):
            result.wrong.append((exp, m, bad))
        else:
            result.true_positives += 1
        if exp.indicator is not None:
            q = m.figure
            got = match_indicator(getattr(m, "label", "") or "", unit=q.unit or "", kind=q.kind or "")
            result.indicator_total += 1
            result.indicator_hits += got == exp.indicator
            if got != exp.indicator:
                result.indicator_errors.append((exp, m, got))
    result.misses = [e for e in expected if (e.start, e.end) not in seen]
    return result


def combine(scores: Iterable[Score], name: str = "overall") -> Score:
    """Add several reports' scores into one (micro-averaged recall and precision).

    Examples
    --------
    >>> a, b = Score("a", 2, 1, 1, 1), Score("b", 2, 3, 2, 2)
    >>> c = combine([a, b])
    >>> c.expected, c.extracted, c.true_positives, round(c.recall, 2), c.precision
    (4, 4, 3, 0.75, 0.75)
    """
    total = Score(name=name)
    for s in scores:
        total.expected += s.expected
        total.extracted += s.extracted
        total.true_positives += s.true_positives
        total.matched += s.matched
        for f in FIELDS:
            total.field_hits[f] += s.field_hits[f]
            total.field_totals[f] += s.field_totals[f]
        total.indicator_hits += s.indicator_hits
        total.indicator_total += s.indicator_total
        total.misses += s.misses
        total.false_positives += s.false_positives
        total.wrong += s.wrong
        total.indicator_errors += s.indicator_errors
    return total
