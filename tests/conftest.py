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
