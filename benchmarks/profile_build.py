"""Where a cold ``lawstats build`` spends its time: a table of wall and CPU seconds per phase.

Run::

    .venv/bin/python benchmarks/profile_build.py [--jobs N]

Builds the project's site once — the same project as ``benchmarks/build.py``: our
report's notebooks, general and case study's, with data/ and pyproject.toml — from an
empty cache into a temporary folder, in this process, timing the build's own steps (wrapped here, not changed):

- main-process imports (lawstats.site, nbformat, nbconvert, jupyter_client, pandas), timed first;
- the kernel zygote's start and preload (until the first kernel is forked);
- the index and annotated report (``_site_pages``), each notebook's two pages
  (``_render_and_store``) and the font subset (``_add_font``), with the CPU time
  of the calling thread;
- the CPU seconds of the zygote and every kernel (waited-for children);
- the rest of this process (nbclient's message handling on its thread, cache,
  copying), as the difference.

Each phase's wall time is its own; phases overlap (the kernels run while this
process renders), so the wall times add up to more than the build's.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_self() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _cpu_children() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)

    started, cpu0 = time.perf_counter(), _cpu_self()
    import lawstats.site  # noqa: F401 - first, as in `lawstats build` (it defers a grammar nbformat builds)
    import jupyter_client  # noqa: F401
    import nbconvert  # noqa: F401
    import nbformat  # noqa: F401
    import pandas  # noqa: F401

    imports = (time.perf_counter() - started, _cpu_self() - cpu0)

    from lawstats.site import build, kernels

    phases: dict[str, list[float]] = {}

    def timed(name, fn):
        def wrapper(*a, **kw):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*a, **kw)
            finally:
                entry = phases.setdefault(name, [0.0, 0.0, 0])
                entry[0] += time.perf_counter() - t
                entry[1] += time.thread_time() - c
                entry[2] += 1
        return wrapper

    build._site_pages = timed("index and annotated report (_site_pages)", build._site_pages)
    build._render_and_store = timed("notebook pages, 2 exports each (_render_and_store)", build._render_and_store)
    build._add_font = timed("font subset (_add_font)", build._add_font)
    zygote: dict[str, float] = {}
    original_init, original_start = kernels.KernelFactory.__init__, kernels.KernelFactory.start

    def init(self, *a, **kw):
        zygote["made"] = time.perf_counter()
        original_init(self, *a, **kw)

    def start(self, *a, **kw):
        fork = original_start(self, *a, **kw)
        zygote.setdefault("first", time.perf_counter())
        return fork

    kernels.KernelFactory.__init__, kernels.KernelFactory.start = init, start

    with tempfile.TemporaryDirectory(prefix="lawstats-profile-") as tmp:
        work = Path(tmp)
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from build import _project  # the same project as benchmarks/build.py builds

        from lawstats.site.notebooks import report_notebooks

        _project(work, report_notebooks(), 0)
        t, cpu, children = time.perf_counter(), _cpu_self(), _cpu_children()
        result = build.build_site(out_dir=work / "site", notebooks_dir=work / "notebooks",
                                  cache_dir=work / "cache", data_dir=work / "data",
                                  lock_file=ROOT / "requirements" / "lock.txt", jobs=args.jobs, progress=False)
        wall, cpu_main, cpu_kernels = time.perf_counter() - t, _cpu_self() - cpu, _cpu_children() - children

    n = len(result.notebooks)
    rows = [("main: imports (lawstats.site, nbformat, nbconvert, jupyter_client, pandas)", *imports, "")]
    if zygote:
        rows.append(("zygote: start and preload, until the first kernel is forked",
                     zygote["first"] - zygote["made"], float("nan"), ""))
    accounted = 0.0
    for name, (w, c, calls) in phases.items():
        rows.append((f"main: {name}", w, c, f"{calls} calls"))
        accounted += c
    rows.append(("main: the rest (nbclient on its thread, cache, copying)", float("nan"),
                 cpu_main - accounted, ""))
    rows.append((f"zygote, {n} kernels, font subset (children)", float("nan"), cpu_kernels, ""))
    print(f"cold build of {n} notebooks, {os.cpu_count()} cores, jobs={args.jobs or 'default'}, "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'phase':<74} {'wall s':>7} {'CPU s':>7}")
    for name, w, c, note in rows:
        ws = "" if w != w else f"{w:7.2f}"
        cs = "" if c != c else f"{c:7.2f}"
        print(f"{name:<74} {ws:>7} {cs:>7}  {note}")
    print(f"{'whole build':<74} {wall:7.2f} {cpu_main + cpu_kernels:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
