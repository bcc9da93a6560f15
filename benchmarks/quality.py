"""Recall and precision of figure extraction against hand-made expectations.

Run::

    .venv/bin/python benchmarks/quality.py [--corpus tests/corpus] [--quiet] [--fail-under 100]
    .venv/bin/python benchmarks/quality.py --figures data/figures.csv [--report data/raw/luzhai-2021.txt]

Corpus mode (the default) loads every ``NAME.txt`` of the corpus with
``lawstats.load_report`` (any encoding), runs
``lawstats.reading.mentions.find_mentions`` on it and compares the figures with
``NAME.expected.csv``; figures mode compares our own report with the rows of
``data/figures.csv``.  The scoring rules are those of :mod:`lawstats.extraction.quality`:
a match needs the same span, and a matched figure with a wrong value or
qualifier counts as wrong (neither recall nor precision).

Prints, per file and overall: figures expected and extracted, true
positives, recall, precision, field accuracy on span matches (value, unit,
qualifier, bounds, decimals, kind) and the accuracy of the standard indicator
found from the automatic label; then every miss, wrong figure and false
positive (a false positive on a planted non-figure shows its reason), and with
``--indicators`` every figure whose automatic standard indicator is wrong.
``--fail-under P`` exits 1 when overall recall or precision is below P percent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawstats import load_report  # noqa: E402
from lawstats.errors import LawstatsError  # noqa: E402
from lawstats.extraction.quality import (FIELDS, Score, combine, expected_from_table, read_expected,  # noqa: E402
                              read_planted, score)


def _find_mentions():
    """``lawstats.reading.mentions.find_mentions``, or exit with a clear message."""
    try:
        from lawstats.reading.mentions import find_mentions
    except ImportError as exc:
        sys.exit(f"quality.py: cannot import lawstats.reading.mentions.find_mentions ({exc}); the extraction "
                 "engine is not available yet, so there is nothing to score")
    return find_mentions


def _pct(x: float | None) -> str:
    return "   —  " if x is None else f"{100 * x:5.1f}%"


def _short(text: str, start: int, end: int, width: int = 8) -> str:
    before = text[max(0, start - width):start].replace("\n", "⏎")
    after = text[end:end + width].replace("\n", "⏎")
    return f"…{before}[{text[start:end]}]{after}…"


def _fmt_q(q) -> str:
    def d(x):
        return "" if x is None else format(x, "f")
    return f"{d(q.value)} {q.unit or ''} {q.qualifier} [{d(q.lower)}, {d(q.upper)}] dec={q.decimals} {q.kind}"


def print_table(scores: list[Score], total: Score) -> None:
    head = (f"{'file':<22}{'expected':>9}{'extracted':>10}{'TP':>6}{'recall':>8}{'precision':>10}  "
            + " ".join(f"{f:>9}" for f in FIELDS) + f"{'indicator':>11}")
    print(head)
    print("-" * len(head))
    for s in scores + [total]:
        if s is total and scores:
            print("-" * len(head))
        print(f"{s.name:<22}{s.expected:>9}{s.extracted:>10}{s.true_positives:>6}"
              f"{_pct(s.recall):>8}{_pct(s.precision):>10}  "
              + " ".join(f"{_pct(s.field_accuracy(f)):>9}" for f in FIELDS)
              + f"{_pct(s.indicator_accuracy):>11}")


def print_details(s: Score, text: str, planted, indicators: bool = False) -> None:
    if not (s.misses or s.wrong or s.false_positives or (indicators and s.indicator_errors)):
        return
    print(f"\n{s.name}:")
    for e in s.misses:
        print(f"  miss            {e.quote!r} at {e.start}  {_short(text, e.start, e.end)}")
    for e, m, bad in s.wrong:
        print(f"  wrong           {e.quote!r} at {e.start} ({', '.join(bad)}): got {_fmt_q(m.figure)}")
    for m in s.false_positives:
        reason = next((p.reason for p in planted if p.start < m.end and m.start < p.end), "")
        note = f"  (planted non-figure: {reason})" if reason else ""
        print(f"  false positive  {m.quote!r} at {m.start}  {_short(text, m.start, m.end)}{note}")
    if indicators:
        for e, m, got in s.indicator_errors:
            print(f"  indicator       {e.quote!r} at {e.start}: label {getattr(m, 'label', '')!r} -> "
                  f"{got or '—'}, expected {e.indicator or '—'}")


def run_corpus(corpus: Path, quiet: bool, indicators: bool = False) -> Score:
    find_mentions = _find_mentions()
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"quality.py: no .txt files in {corpus}; expected a corpus folder such as tests/corpus")
    scores, details = [], []
    for path in files:
        expected_path = path.with_suffix(".expected.csv")
        if not expected_path.is_file():
            sys.exit(f"quality.py: {path.name} has no {expected_path.name} beside it")
        try:
            report = load_report(path)
            expected = read_expected(expected_path, report.text)
            excluded_path = path.with_suffix(".excluded.csv")
            planted = read_planted(excluded_path, report.text) if excluded_path.is_file() else []
        except (LawstatsError, ValueError) as exc:
            sys.exit(f"quality.py: {exc}")
        s = score(expected, find_mentions(report.text), name=path.stem)
        scores.append(s)
        details.append((s, report.text, planted))
    total = combine(scores)
    print_table(scores, total)
    if not quiet:
        for s, text, planted in details:
            print_details(s, text, planted, indicators)
    return total


def run_figures(figures: Path, report_path: Path | None, quiet: bool, indicators: bool = False) -> Score:
    find_mentions = _find_mentions()
    if not figures.is_file():
        sys.exit(f"quality.py: {figures} does not exist; generate it with `lawstats data`")
    try:
        report = load_report(report_path)
        expected = expected_from_table(figures, report.text)
    except (LawstatsError, ValueError) as exc:
        sys.exit(f"quality.py: {exc}")
    s = score(expected, find_mentions(report.text), name=report.name)
    print_table([], s)
    if not quiet:
        print_details(s, report.text, [], indicators)
    return s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus",
                      help="folder of NAME.txt + NAME.expected.csv (default: tests/corpus)")
    mode.add_argument("--figures", type=Path,
                      help="score our report against this table instead (e.g. data/figures.csv)")
    parser.add_argument("--report", type=Path, default=None,
                        help="the report the --figures table describes (default: data/raw/luzhai-2021.txt)")
    parser.add_argument("--quiet", action="store_true", help="print the table only, not the misses")
    parser.add_argument("--indicators", action="store_true",
                        help="also list figures whose automatic standard indicator is wrong")
    parser.add_argument("--fail-under", type=float, default=None, metavar="P",
                        help="exit 1 if overall recall or precision is below P percent")
    args = parser.parse_args(argv)
    if args.figures is not None:
        total = run_figures(args.figures, args.report, args.quiet, args.indicators)
    else:
        total = run_corpus(args.corpus, args.quiet, args.indicators)
    if args.fail_under is not None and min(total.recall, total.precision) * 100 < args.fail_under:
        print(f"\nrecall {100 * total.recall:.1f}% / precision {100 * total.precision:.1f}% "
              f"is below {args.fail_under:g}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
