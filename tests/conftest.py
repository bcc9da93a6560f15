"""Shared fixtures: the project's report, and charts closed after every test."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests: random locally (to keep finding new cases), the same examples in CI (CI=true),
# so that a green main stays green; a case found locally becomes an explicit @example.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def report():
    """Our report, loaded once."""
    from lawstats import load_report

    return load_report()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


# -- site builds shared by the whole session ------------------------------------------------------
class Built:
    """A site built once per session (the report's notebooks: general + its case study's), with its cache.

    Attributes: ``site`` (the folder) and ``cache`` (its build cache).  :meth:`executed` reads an
    executed notebook back from the cache: the notebook tests check exactly
    what the build put on the site, executed once by the build's executor.
    """

    def __init__(self, site: Path, cache: Path) -> None:
        self.site, self.cache = site, cache

    def executed(self, name: str):
        import nbformat

        stem = Path(name).stem
        entries = sorted((self.cache / "notebooks").glob(f"{stem}.*/executed.ipynb"))
        assert len(entries) == 1, f"expected one cache entry for {stem}, found {entries}"
        return nbformat.read(entries[0], as_version=4)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, worker_id):
    """``site_build(language="zh", report=None)``: the real site, built once per test run and key.

    ``report`` is a report file (``None``: ours).  The build starts from an
    empty cache, so it is a clean build; test_site compares it byte for byte
    with a build that keeps no cache at all.  With pytest-xdist (``make test``
    runs two workers) the workers share each build: the first to need it builds
    it under a file lock, the other waits and reads it.
    """
    import fcntl
    import hashlib

    from lawstats.site.build import build_site

    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if worker_id != "master" else base) / "site-builds"
    shared.mkdir(parents=True, exist_ok=True)
    made: dict = {}

    def build(language: str = "zh", report: str | Path | None = None) -> Built:
        key = (language, str(report))
        if key not in made:
            name = f"{language}-{hashlib.sha256(str(report).encode()).hexdigest()[:12]}"
            root = shared / name
            with open(shared / f"{name}.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
                done = root / "done"
                if not done.is_file():
                    result = build_site(out_dir=root / "site", notebooks_dir=None, report=report,
                                        language=language, cache_dir=root / "cache", progress=False,
                                        data_dir=ROOT / "data", lock_file=ROOT / "requirements/lock.txt")
                    done.write_text(" ".join(result.executed))
            made[key] = Built(root / "site", root / "cache")
        return made[key]

    return build


# -- scheduling on two workers (`make test`: -n 2 --dist loadgroup) ---------------------------------
#: Written by the first worker into the run's temporary folder: each test's unit of work.
UNITS_FILE = "xdist-units.json"


def _unit(item) -> str:
    """The unit of work a test belongs to: its ``xdist_group``, else its module."""
    groups = sorted({str(m.args[0]) for m in item.iter_markers("xdist_group")})
    return "_".join(groups) if groups else item.nodeid.split("::")[0]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """On an xdist worker: the slow tests first, and each test's unit of work written for the scheduler.

    The scheduler (``pytest_xdist_make_scheduler`` below) hands out whole units in the order of the
    collection, keeping each worker a unit ahead.  Starting with the long units (site builds, the
    install, the browser) and ending with the many short modules of unit tests lets the two workers
    finish together.  Without workers nothing changes.
    """
    if not hasattr(config, "workerinput"):
        return
    items[:] = sorted(items, key=lambda item: item.get_closest_marker("slow") is None)
    if config.workerinput["workerid"] == "gw0":
        import json

        path = Path(config.option.basetemp).parent / UNITS_FILE
        part = path.with_suffix(".part")
        part.write_text(json.dumps({item.nodeid: _unit(item) for item in items}), encoding="utf-8")
        part.replace(path)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: pytest -p no:xdist still runs
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` as documented, by units: a test's ``xdist_group``, else its module.

    pytest-xdist 3.8 finds a test's group in its id, which it can no longer change under pytest 9, so
    its own ``loadgroup`` sends every test alone (as ``load`` does): module fixtures are then made on
    both workers and two workers wait for the same site build.  Here a test not in a group goes with its
    module (as with ``loadscope``: a module's fixtures are made once per run), and the tests that read
    one site build are one group (test_notebooks.py, test_site.py), so the worker that builds it runs
    them and the other worker never waits for it.  Units go out in the order the workers collected
    them (slow tests first: ``pytest_collection_modifyitems``), not largest first.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    import json

    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False
    units_file = config._tmp_path_factory.getbasetemp() / UNITS_FILE

    class ByUnit(LoadScopeScheduling):
        units: dict | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.units is None:
                self.units = json.loads(units_file.read_text(encoding="utf-8"))
            return self.units[nodeid]

    return ByUnit(config, log)
