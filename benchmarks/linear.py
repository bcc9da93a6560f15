"""Benchmark: do ``lawstats extract`` and ``lawstats audit`` run in time proportional to the text?

Run::

    .venv/bin/python benchmarks/linear.py [--small 1] [--large 49] [--repeat 3] [--seed 2021]

Builds two synthetic reports in a temporary folder (removed afterwards): copies of our report
(``data/raw/luzhai-2021.txt``) with every Arabic number except years varied at random, seeded
(:func:`synthetic.vary_numbers`), of at least ``--small`` and ``--large`` MB of UTF-8.  Then runs,
each in its own subprocess of the installed CLI (``lawstats extract FILE -o … --excluded … --jobs 1``
and ``lawstats audit --format csv FILE``), and prints for each command and size the wall-clock
seconds and the peak resident memory of that subprocess (``ru_maxrss`` from ``os.wait4``), then the
ratio large/small of time, of size, and time per MB.  The small runs are repeated ``--repeat``
times and the fastest counts (a one-second run is easily slowed by other work on the machine).  Linear time means a time ratio close to the
size ratio (the aim: at most 60× for 50× the input).

Two choices, so the benchmark measures speed and nothing else:

* The large text is 49 MB by default, just under the loader's 50 MB default size limit.
* A varied percentage never gets three whole digits (``94%`` may become ``37%``, ``100%`` becomes
  ``10%``): rates over 100 are a separate question of the audit, not of speed.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import vary_numbers  # noqa: E402

REPORT = ROOT / "data" / "raw" / "luzhai-2021.txt"
_WIDE_PERCENT = re.compile(r"(?<![0-9.])([0-9]{2})[0-9]+(?=(?:\.[0-9]+)?[%％])")


def synthetic_report(megabytes: float, seed: int) -> str:
    """Copies of our report with varied numbers, at least ``megabytes`` MB of UTF-8."""
    text = REPORT.read_text(encoding="utf-8")
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts, size = [], 0
    while size < target:
        part = _WIDE_PERCENT.sub(r"\1", vary_numbers(text, rng))
        parts.append(part)
        size += len(part.encode("utf-8"))
    return "".join(parts)


def run(argv: list[str]) -> tuple[float, float]:
    """Run one command; return (seconds, peak resident memory in MB) of that subprocess."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):  # 1: an inconsistent check (audit) is a result, not a failure
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}:\n{err}")
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    return seconds, rss_kb / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=float, default=1.0, help="size of the small text, MB")
    parser.add_argument("--large", type=float, default=49.0, help="size of the large text, MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each small command; the fastest counts")
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args(argv)
    exe = shutil.which("lawstats", path=str(Path(sys.executable).parent)) or "lawstats"
    work = Path(tempfile.mkdtemp(prefix="lawstats-linear-"))
    try:
        sizes, results = {}, {}
        for name, mb in (("small", args.small), ("large", args.large)):
            path = work / f"synthetic-{name}.txt"
            path.write_text(synthetic_report(mb, args.seed), encoding="utf-8")
            sizes[name] = path.stat().st_size / 1_000_000
            commands = {
                "extract": [exe, "extract", str(path), "-o", str(work / f"{name}-figures.csv"),
                            "--excluded", str(work / f"{name}-excluded.csv"), "--jobs", "1"],
                "audit": [exe, "audit", "--format", "csv", str(path)],
            }
            for command, line in commands.items():
                runs = [run(line) for _ in range(args.repeat if name == "small" else 1)]
                results[command, name] = min(runs)
                seconds, rss = results[command, name]
                print(f"{command:8s} {sizes[name]:7.2f} MB  {seconds:8.2f} s  {seconds / sizes[name]:6.2f} s/MB"
                      f"  peak memory {rss:8.1f} MB", flush=True)
        size_ratio = sizes["large"] / sizes["small"]
        for command in ("extract", "audit"):
            ratio = results[command, "large"][0] / results[command, "small"][0]
            print(f"{command:8s} time ratio large/small {ratio:6.1f}x for {size_ratio:.1f}x the input"
                  f" ({ratio / size_ratio:.2f} of linear)")
    finally:
        shutil.rmtree(work)  # only the folder this run made
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
