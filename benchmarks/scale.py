"""Benchmark ``lawstats extract`` over many report files, on one core and on all of them.

Run::

    .venv/bin/python benchmarks/scale.py [--files 1000] [--kb 8] [--seed 2021] [--jobs N] [--repeat 1]

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
size, and for files the size of our report.  Every memo cache of lawstats (the
``functools.lru_cache`` of parsed quantities, labels, indicator codes…; not the
compiled tables cached once per process) is cleared before each run, so every
run parses cold and none profits from the run before it.  Before the timed runs
both (a) and (b) run once on one file, so that neither pays a one-off cost in
its time (importing pandas, which extract_files imports on first use, takes
about half a second).

Last, where the time of (b) goes, measured again on the same files phase by
phase as extract_files does it: reading (``load_report_text``: read, decode, hash,
provenance check), finding the mentions (``mentions_and_labels``, i.e. ``find_mentions``
without remaking its figures as labelled Mentions), and the rest (sections, ids,
indicator codes, columns and the tables).
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


def clear_caches() -> None:
    """Empty every memo cache of lawstats (lru_cache with room for more than one entry)."""
    quantity._cached.cache_clear()
    for name, module in list(sys.modules.items()):
        if name == "lawstats" or name.startswith("lawstats."):
            for value in list(vars(module).values()):
                info = getattr(value, "cache_info", None)
                if info is not None and getattr(value, "__module__", None) == name and (info().maxsize or 2) > 1:
                    value.cache_clear()


def phases(paths: list[Path]) -> dict[str, float]:
    """Seconds of each phase of extract_files on ``paths``: reading, finding the mentions (the rest is the
    difference with its total)."""
    from lawstats.reading.mentions import mentions_and_labels
    from lawstats.reading.report import load_report_text

    clear_caches()
    start = time.perf_counter()
    texts = [load_report_text(p)[1] for p in paths]
    read = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        mentions_and_labels(text)
    return {"reading": read, "find_mentions": time.perf_counter() - start}


def timed(fn, *args, **kwargs):
    clear_caches()
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
    parser.add_argument("--repeat", type=int, default=1,
                        help="run (a), (b) and (c) this many times, interleaved, and keep each one's "
                             "fastest run: steadier on a busy machine (default 1)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    with tempfile.TemporaryDirectory(prefix="lawstats-scale-") as tmp:
        paths = synthetic_reports(Path(tmp), args.files, args.kb, args.seed)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{len(paths)} synthetic reports, {mb:.2f} MB on disk ({mb * 1000 / len(paths):.1f} kB each, "
              f"seed {args.seed}); {os.cpu_count()} cores")

        naive(paths[:1])  # warm-up: one-off imports are not per-file work
        extract_files(paths[:1], jobs=1)
        t_naive = t_one = t_all = float("inf")
        for _ in range(args.repeat):
            t, n_naive = timed(naive, paths)
            t_naive = min(t_naive, t)
            t, one = timed(extract_files, paths, jobs=1)
            t_one = min(t_one, t)
            t, many = timed(extract_files, paths, jobs=args.jobs)
            t_all = min(t_all, t)
        if args.repeat > 1:
            print(f"fastest of {args.repeat} interleaved runs of each")
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

        split = min((phases(paths) for _ in range(args.repeat)), key=lambda d: sum(d.values()))
        rest = t_one - sum(split.values())
        print(f"where (b)'s time goes (phases timed again on the same files): "
              + ", ".join(f"{k} {v:.2f} s ({v / t_one:.0%})" for k, v in split.items())
              + f", the rest (sections, ids, codes, columns, tables) {rest:.2f} s ({rest / t_one:.0%}); "
              f"the naive loop's find_mentions is {split['find_mentions'] / t_naive:.0%} of its time")

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
