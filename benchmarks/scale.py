"""Benchmark ``lawstats extract`` over many report files, on one core and on all of them.

Run::

    .venv/bin/python benchmarks/scale.py [--files 1000] [--kb 8] [--seed 2021] [--jobs N]

Writes ``--files`` synthetic report files (seeded, so the same files on every
run) into a temporary folder: each has a title line and paragraphs drawn at
random from our report and the test corpus until it holds about ``--kb`` kB,
with every Arabic number except years replaced by a random number with as many
digits; one file in five is GB18030 and one in ten has CRLF line ends, as
files collected from the web do.  Then prints, in the same run,

(a) the naive baseline a user would write: a Python loop over the files that
    decodes each one (UTF-8, else GB18030) and calls
    ``lawstats.reading.mentions.find_mentions`` — it finds the mentions but gives no
    sections, labels, indicator codes or tables;
(b) ``lawstats.extraction.extract.extract_files`` with ``jobs=1``;
(c) ``extract_files`` with ``jobs=--jobs`` (default: every core);

each as files/s and MB/s (bytes on disk), the speed-up of (c) over (b), the
ratio to the baseline, and an estimate for every county in China over five
years (2,800 counties x 5 reports) at the measured rate — for files of this
size, and for files the size of our report.  The parse cache is cleared before
each run, so every run parses cold.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import vary_numbers  # noqa: E402
from lawstats.reading import quantity  # noqa: E402
from lawstats.extraction.extract import extract_files  # noqa: E402
from lawstats.reading.mentions import find_mentions  # noqa: E402

REPORT = ROOT / "data" / "raw" / "luzhai-2021.txt"
CORPUS = ROOT / "tests" / "corpus"
COUNTIES, YEARS = 2800, 5
_PLACES = "青山 河西 白云 南湖 东山 溪水 枫林 金水 清河 石门 松林 桃源 长宁 安平 永和 新华".split()


def _paragraphs() -> list[str]:
    """Non-empty lines of our report and the corpus (any encoding, read as lawstats reads them)."""
    from lawstats import load_report

    texts = [load_report(REPORT).text] + [load_report(p).text for p in sorted(CORPUS.glob("*.txt"))]
    return [line for text in texts for line in text.split("\n")[1:] if line.strip()]


def synthetic_reports(folder: Path, files: int, kb: float, seed: int) -> list[Path]:
    """Write ``files`` synthetic reports of about ``kb`` kB into ``folder``; return their paths."""
    rng = random.Random(seed)
    pool = _paragraphs()

    paths, target = [], int(kb * 1000)
    for i in range(files):
        year = rng.randint(2019, 2024)
        lines = [f"{rng.choice(_PLACES)}县{year}年度法治政府建设工作情况报告"]
        size = len(lines[0].encode("utf-8"))
        while size < target:
            line = vary_numbers(rng.choice(pool), rng)
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        text = "\n".join(lines) + "\n"
        if i % 10 == 3:
            text = text.replace("\n", "\r\n")
        data = text.encode("gb18030" if i % 5 == 1 else "utf-8")
        path = folder / f"county-{i:04d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def naive(paths: list[Path]) -> int:
    """What a user would write first: decode each file and call find_mentions; count figures."""
    n = 0
    for path in paths:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        n += sum(m.figure is not None for m in find_mentions(text))
    return n


def timed(fn, *args, **kwargs):
    quantity._cached.cache_clear()
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="synthetic report files (default 1000)")
    parser.add_argument("--kb", type=float, default=8.0, help="size of each file in kB (default 8)")
    parser.add_argument("--seed", type=int, default=2021, help="RNG seed (default 2021)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for the parallel run (default: every core, %(default)s here)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="lawstats-scale-") as tmp:
        paths = synthetic_reports(Path(tmp), args.files, args.kb, args.seed)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths)} synthetic reports, {mb:.2f} MB on disk ({mb * 1000 / len(paths):.1f} kB each, "
              f"seed {args.seed}); {os.cpu_count()} cores")

        t_naive, n_naive = timed(naive, paths)
        t_one, one = timed(extract_files, paths, jobs=1)
        t_all, many = timed(extract_files, paths, jobs=args.jobs)
        if one.failures or many.failures:
            print(f"failures: {(one.failures + many.failures)[:3]}")
            return 1
        same = one.figures.equals(many.figures) and one.excluded.equals(many.excluded)

        def line(label: str, seconds: float, figures: int) -> None:
            print(f"  {label:<44} {seconds:7.2f} s  {len(paths) / seconds:8.1f} files/s  "
                  f"{mb / seconds:6.2f} MB/s  {figures:,} figures")

        line("(a) naive loop: decode + find_mentions", t_naive, n_naive)
        line("(b) extract_files, jobs=1", t_one, len(one.figures))
        line(f"(c) extract_files, jobs={args.jobs}", t_all, len(many.figures))
        print(f"speed-up of jobs={args.jobs} over jobs=1: {t_one / t_all:.2f}x "
              f"(output identical: {'yes' if same else 'NO'})")
        print(f"extract_files jobs=1 / naive loop: {t_one / t_naive:.2f}x the time, for sections, labels, "
              f"indicator codes, ids and two tables; jobs={args.jobs} / naive: {t_all / t_naive:.2f}x")

        reports = COUNTIES * YEARS
        ours_kb = REPORT.stat().st_size / 1000
        rate_files = len(paths) / t_all
        rate_mb = mb / t_all
        print(f"every county in China over five years ({COUNTIES:,} x {YEARS} = {reports:,} reports) "
              f"at the jobs={args.jobs} rate:")
        per_core = len(paths) / t_one
        print(f"  reports of {mb * 1000 / len(paths):.1f} kB: {_duration(reports / rate_files)} "
              f"(one core: {_duration(reports / per_core)}; 8 cores at the one-core rate, if it "
              f"scales: {_duration(reports / per_core / 8)})")
        print(f"  reports the size of ours ({ours_kb:.1f} kB, {reports * ours_kb / 1000:,.0f} MB): "
              f"{_duration(reports * ours_kb / 1000 / rate_mb)}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
