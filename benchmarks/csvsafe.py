"""Benchmark the spreadsheet-safe CSV writer and reader against plain pandas.

Run::

    .venv/bin/python benchmarks/csvsafe.py [--copies 1000] [--runs 5]

Takes the figures table of our report (``data/figures.csv``) repeated
``--copies`` times (77,000 rows for 1,000 copies, the size of a large
``lawstats extract`` run) and prints the median over ``--runs`` runs of

(a) ``DataFrame.to_csv`` (the baseline) and (b) :func:`lawstats.csvsafe.frame_to_csv`;
(c) ``pandas.read_csv`` (baseline) and (d) :func:`lawstats.csvsafe.read_csv`;

with the ratios (b)/(a) and (d)/(c): once for the table as it is (no cell to
escape, the usual case) and once with every 50th label starting like a
formula, so that the escaping path is measured too.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from lawstats.csvsafe import frame_to_csv, read_csv  # noqa: E402


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    one = pd.read_csv(ROOT / "data" / "figures.csv", dtype=str, keep_default_na=False)
    clean = pd.concat([one] * args.copies, ignore_index=True)
    formulas = clean.copy()
    formulas.loc[formulas.index % 50 == 0, "indicator"] = "=SUM" + formulas["indicator"]
    for label, frame in (("no cell to escape", clean), ("every 50th label a formula", formulas)):
        plain = frame.to_csv(index=False, lineterminator="\n")
        safe = frame_to_csv(frame)
        print(f"{label}: {len(frame):,} rows, {len(plain.encode()) / 1e6:.1f} MB of CSV")
        a = _median(lambda: frame.to_csv(index=False, lineterminator="\n"), args.runs)
        b = _median(lambda: frame_to_csv(frame), args.runs)
        c = _median(lambda: pd.read_csv(io.StringIO(plain), dtype=str, keep_default_na=False), args.runs)
        d = _median(lambda: read_csv(io.StringIO(safe)), args.runs)
        print(f"  (a) DataFrame.to_csv          {a:7.3f} s")
        print(f"  (b) csvsafe.frame_to_csv      {b:7.3f} s   {b / a:5.2f} x (a)")
        print(f"  (c) pandas.read_csv           {c:7.3f} s")
        print(f"  (d) csvsafe.read_csv          {d:7.3f} s   {d / c:5.2f} x (c)")
        assert read_csv(io.StringIO(safe)).equals(frame)
    return 0


if __name__ == "__main__":
    sys.exit(main())
