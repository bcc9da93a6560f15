"""Benchmark the extraction engine against cn2an.

Run::

    .venv/bin/python benchmarks/extract.py [--runs 200] [--mb 10] [--seed 2021]

Prints
(a) the median time of ``find_mentions`` on our report over ``--runs`` runs;
(b) throughput over a synthetic corpus of at least ``--mb`` MB (UTF-8 bytes)
    made of copies of the report in which every Arabic number except years
    is replaced by a random number with as many digits (seeded, so the corpus
    is the same on every run; the parse cache therefore sees new quotes);
(c) the same two measurements for ``cn2an.transform(text, "cn2an")``, which
    only converts Chinese numerals to Arabic digits (it does not find units,
    bounds, ranges or exclusions), as a baseline; and the ratios.

The parse cache of :mod:`lawstats.reading.quantity` is cleared before each corpus
run and before the first report run, so the numbers include cold parsing.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawstats.reading import quantity  # noqa: E402
from lawstats.reading.mentions import find_mentions  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import vary_numbers  # noqa: E402

REPORT = ROOT / "data" / "raw" / "luzhai-2021.txt"


def synthetic_corpus(text: str, megabytes: float, seed: int) -> str:
    """Copies of ``text`` with varied numbers, at least ``megabytes`` MB of UTF-8."""
    rng = random.Random(seed)

    target = int(megabytes * 1_000_000)
    parts, size = [], 0
    while size < target:
        part = vary_numbers(text, rng)
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "".join(parts)


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="runs on the report (default 200)")
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument("--seed", type=int, default=2021, help="RNG seed of the corpus (default 2021)")
    parser.add_argument("--corpus-runs", type=int, default=3, help="runs over the corpus (default 3)")
    args = parser.parse_args(argv)

    import cn2an

    text = REPORT.read_text(encoding="utf-8")
    corpus = synthetic_corpus(text, args.mb, args.seed)
    report_mb = len(text.encode("utf-8")) / 1e6
    corpus_mb = len(corpus.encode("utf-8")) / 1e6

    def transform(t: str) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns on every numeral it cannot convert
            return cn2an.transform(t, "cn2an")

    quantity._cached.cache_clear()
    cold = timed(find_mentions, text)
    ours = [timed(find_mentions, text) for _ in range(args.runs)]
    theirs = [timed(transform, text) for _ in range(args.runs)]
    ours_ms, theirs_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    mentions = find_mentions(text)
    n_fig = sum(m.figure is not None for m in mentions)

    print(f"report: {REPORT.relative_to(ROOT)}  {len(text):,} characters, {report_mb * 1e3:.1f} kB UTF-8, "
          f"{len(mentions)} mentions ({n_fig} figures)")
    print(f"(a) find_mentions on the report: median {ours_ms:.3f} ms over {args.runs} runs "
          f"(first, cold cache: {cold * 1000:.3f} ms)")
    print(f"    cn2an.transform on the report: median {theirs_ms:.3f} ms over {args.runs} runs")
    print(f"    ratio cn2an / find_mentions: {theirs_ms / ours_ms:.1f}x")

    corpus_times, corpus_count = [], 0
    for _ in range(args.corpus_runs):
        quantity._cached.cache_clear()
        start = time.perf_counter()
        corpus_count = len(find_mentions(corpus))
        corpus_times.append(time.perf_counter() - start)
    t_ours = statistics.median(corpus_times)
    t_theirs = timed(transform, corpus)
    print(f"(b) corpus: {corpus_mb:.2f} MB UTF-8 ({len(corpus):,} characters, seed {args.seed}), "
          f"{corpus_count:,} mentions")
    print(f"    find_mentions: {t_ours:.2f} s (median of {args.corpus_runs}, cold cache each) = "
          f"{corpus_mb / t_ours:.2f} MB/s ({len(corpus) / t_ours / 1e6:.2f} M characters/s)")
    print(f"(c) cn2an.transform: {t_theirs:.2f} s = {corpus_mb / t_theirs:.2f} MB/s")
    print(f"    ratio cn2an / find_mentions: {t_theirs / t_ours:.1f}x")
    goals = [("report < 5 ms", ours_ms < 5), ("corpus >= 5 MB/s", corpus_mb / t_ours >= 5),
             ("faster than cn2an", t_ours < t_theirs and ours_ms < theirs_ms)]
    print("goals: " + ", ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in goals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
