"""Benchmark ``lawstats build`` against the naive way of rendering the notebooks.

One run measures, on a private copy of the project's notebooks, data, lock file
and lawstats package:

(a) ``jupyter nbconvert --to html --execute`` on each notebook in turn (what a
    user would type without lawstats);
(b) ``lawstats build`` from a cold cache;
(c) ``lawstats build`` again with nothing changed;
(d) ``lawstats build`` after one notebook's bytes changed (a trailing newline).

Every step runs as a command in a subprocess, as a user would run it.  Prints
the wall seconds and the CPU seconds of each (the command and the processes it
waited for: on a shared machine the CPU seconds vary less), the ratios to (a)
and the site's page weights.  ``load average`` before and after is printed too.

Usage::

    .venv/bin/python benchmarks/build.py [--notebooks FOLDER] [--at-least N] [--jobs N]

``--at-least N`` repeats the notebooks (as further ``NN-*.ipynb`` copies) until
there are N, to measure a workload of that size while few notebooks exist.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


#: CPU seconds (user + system) of every finished child process, this run's and theirs.
_CPU = [0.0]


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], cwd: Path) -> float:
    """Run ``command``; return its wall seconds, and add its CPU seconds to ``_CPU``.

    The CPU seconds count the command and every process it waited for; a kernel
    forked by a zygote is the zygote's child, and the zygote is waited for.
    """
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    _CPU[0] = _children_cpu() - cpu
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-3000:]}")
    return seconds


def _project(tmp: Path, sources: list[Path], at_least: int) -> list[Path]:
    """Copy notebooks, data and the lock file into ``tmp``; return the notebooks."""
    (tmp / "notebooks").mkdir()
    if not sources:
        sys.exit("no NN-*.ipynb notebooks to build")
    copied = [shutil.copyfile(p, tmp / "notebooks" / p.name) for p in sources]
    number = max(int(p.name[:2]) for p in sources) + 1
    while len(copied) < at_least:
        source = sources[(len(copied) - len(sources)) % len(sources)]
        copied.append(shutil.copyfile(source, tmp / "notebooks" / f"{number:02d}-copy-{source.name[3:]}"))
        number += 1
    for other in {p.parent / n.name for p in sources for n in p.parent.iterdir()}:  # files read beside them
        if other.is_file() and other.suffix != ".ipynb":
            shutil.copyfile(other, tmp / "notebooks" / other.name)
    if (ROOT / "data").is_dir():
        shutil.copytree(ROOT / "data", tmp / "data")
    # a frozen copy of the package, imported first (PYTHONPATH): edits made to
    # the work tree while the benchmark runs must not invalidate its cache
    shutil.copytree(ROOT / "lawstats", tmp / "lawstats", ignore=shutil.ignore_patterns("__pycache__"))
    # pyproject.toml marks the copy a checkout (lawstats.paths.checkout_dir), as `make html` sees the
    # project: the notebooks read data/'s tables instead of extracting the report again
    shutil.copyfile(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    if (ROOT / "requirements" / "lock.txt").is_file():
        (tmp / "requirements").mkdir()
        shutil.copyfile(ROOT / "requirements" / "lock.txt", tmp / "requirements" / "lock.txt")
    return [Path(p) for p in copied]


def _weights(site: Path) -> str:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    total = sum(p.stat().st_size for p in files)
    largest = max(pages, key=lambda p: p.stat().st_size)
    css = sum(p.stat().st_size for p in files if p.suffix == ".css")
    return (f"site: {len(files)} files, {total / 1024:.0f} KiB in total ({len(pages)} pages, "
            f"{sum(p.stat().st_size for p in pages) / 1024:.0f} KiB; stylesheets {css / 1024:.0f} KiB, "
            f"shared); largest page {largest.relative_to(site)} {largest.stat().st_size / 1024:.0f} KiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=None,
                        help="a folder of NN-*.ipynb notebooks (default: our report's site, the general "
                             "notebooks and its case study's, lawstats.site.notebooks.report_notebooks)")
    parser.add_argument("--at-least", type=int, default=0, metavar="N",
                        help="repeat the notebooks until there are N (default: use them as they are)")
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)

    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="lawstats-bench-") as name:
        tmp = Path(name)
        if args.notebooks is None:
            from lawstats.site.notebooks import report_notebooks

            sources = report_notebooks()
        else:
            sources = sorted(args.notebooks.resolve().glob("[0-9][0-9]-*.ipynb"))
        notebooks = _project(tmp, sources, args.at_least)
        print(f"{len(notebooks)} notebooks: {', '.join(p.name for p in notebooks)}; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)

        naive = naive_cpu = 0.0
        for nb in notebooks:
            naive += _run([python, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
                           "--output-dir", str(tmp / "naive"), str(nb)], cwd=tmp)
            naive_cpu += _CPU[0]
        build = [python, "-m", "lawstats", "build", "--quiet", "--notebooks", "notebooks"]
        if args.jobs:
            build += ["--jobs", str(args.jobs)]
        cold = _run(build, cwd=tmp)
        cold_cpu = _CPU[0]
        noop = _run(build, cwd=tmp)
        noop_cpu = _CPU[0]
        notebooks[0].write_bytes(notebooks[0].read_bytes() + b"\n")
        touched = _run(build, cwd=tmp)
        touched_cpu = _CPU[0]

        rows = [("(a) jupyter nbconvert --execute, one by one", naive, naive_cpu),
                ("(b) lawstats build, cold", cold, cold_cpu),
                ("(c) lawstats build, nothing changed", noop, noop_cpu),
                (f"(d) lawstats build, {notebooks[0].name} changed", touched, touched_cpu)]
        print(f"{'':<55} {'wall':>9}   {'ratio':>6}      {'CPU':>8}   {'ratio':>6}")
        for label, seconds, cpu in rows:
            print(f"{label:<55} {seconds:7.2f} s   {seconds / naive:6.3f} of (a)   {cpu:7.2f} s  "
                  f"{cpu / naive_cpu:6.3f} of (a)")
        print(_weights(tmp / "site"))
        print(f"load average now {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
