"""lawstats as an installed tool: a non-editable install in a fresh venv builds sites from any folder.

pip builds the wheel as a user's `pip install -c requirements/lock.txt .` would (build isolation, the lock as
constraints, pip's ordinary sources for the build backend); the dependencies are not installed again but
read from the project venv that `make install` filled from the lock, without its lawstats
(``_dependencies_view``), and ``pip check`` proves they are what the wheel asks for.  The reports are composed
(tests/reports/README.md): page chrome, no title, one part only, scrape damage in GB18030, almost
nothing; each is built from a scratch folder outside the project, in Chinese or English.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "tests" / "reports").glob("*.txt"))
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
GENERAL_PAGES = {"index.html", "report.html", "00-overview.html", "01-figures.html", "09-audit.html",
                 "10-comparison.html"}


def _dependencies_view(folder: Path) -> Path:
    """A folder of links to what the project venv has installed, except lawstats itself.

    The test venv reads its dependencies from here (a ``.pth`` line), so they are not installed a second
    time (that took about 40 s); what is left out is every trace of the checkout's editable install
    (``lawstats*`` and ``__editable__*``), so the only lawstats the test venv can import is the one it
    installed.  A folder named in a ``.pth`` line is only put on ``sys.path``: its own ``.pth`` files are
    not run, which is why they are left out too.
    """
    import sysconfig

    project = Path(sysconfig.get_paths()["purelib"])  # the venv running the tests: make install's .venv
    view = folder / "dependencies"
    view.mkdir()
    for entry in sorted(project.iterdir()):
        name = entry.name.lower()
        if name.startswith(("lawstats", "__editable__")) or name.endswith(".pth") or name == "__pycache__":
            continue
        (view / entry.name).symlink_to(entry)
    return view


def _link_jupyter_data(venv_dir: Path) -> None:
    """The dependencies' data files (nbconvert's templates, the kernel specs, JupyterLab's files) under
    the test venv's prefix, where Jupyter looks for them: links into the project venv's ``share/jupyter``
    and ``etc/jupyter``, one per entry in real folders of the test venv (nothing is written through them)."""
    for part in ("share/jupyter", "etc/jupyter"):
        origin = Path(sys.prefix) / part
        if origin.is_dir():
            (venv_dir / part).mkdir(parents=True)
            for entry in sorted(origin.iterdir()):
                (venv_dir / part / entry.name).symlink_to(entry)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with lawstats installed from the checkout, not editable; returns its bin folder.

    lawstats is built into a wheel by pip (with build isolation, from a copy of the checkout) and installed
    without its dependencies: the venv finds those, already installed from the lock by ``make install``, in
    a view of the project venv that leaves the checkout's lawstats out (``_dependencies_view``);
    ``pip check`` then proves every dependency the wheel declares is there in a version it accepts.
    """
    import shutil

    folder = tmp_path_factory.mktemp("venv")
    # pip builds in the source folder (build/, *.egg-info): build from a copy, so the checkout is
    # never written to and two test workers never build in the same folder
    source = tmp_path_factory.mktemp("source") / "lawstats"
    generated = {".git", ".venv", ".cache", "site", "build", "test-output", ".pytest_cache", ".hypothesis"}

    def ignore(folder, names):  # the checkout's own outputs (at its top only) and caches anywhere
        top = Path(folder) == ROOT
        return {n for n in names if (top and n in generated) or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(ROOT, source, ignore=ignore)
    venv.create(folder, with_pip=False)
    bin_dir = folder / "bin"
    purelib = subprocess.run([str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    assert Path(purelib).is_relative_to(folder)
    view = _dependencies_view(tmp_path_factory.mktemp("project-venv"))
    (Path(purelib) / "project-dependencies.pth").write_text(f"{view}\n", encoding="utf-8")
    pip = [str(bin_dir / "python"), "-m", "pip", "--disable-pip-version-check"]
    done = subprocess.run(pip + ["install", "--quiet", "--no-deps", "-c", str(source / "requirements" / "lock.txt"),
                                 str(source)], capture_output=True, text=True, cwd=folder)
    assert done.returncode == 0, done.stderr[-3000:]
    installed = sorted(p.name for p in Path(purelib).iterdir() if "lawstats" in p.name.lower())
    assert installed[0] == "lawstats" and (Path(purelib) / "lawstats" / "__init__.py").is_file(), installed
    assert not [n for n in installed if "editable" in n], f"an editable install: {installed}"
    check = subprocess.run(pip + ["check"], capture_output=True, text=True, cwd=folder)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    _link_jupyter_data(folder)
    return bin_dir


def _luzhai_words() -> set[str]:
    """Figure ids, check ids and the name of the Luzhai case study: none may appear for another report."""
    study = ROOT / "lawstats" / "case_studies" / "luzhai_2021"
    notes = yaml.safe_load((study / "annotations.yaml").read_text(encoding="utf-8"))["figures"]
    checks = yaml.safe_load((study / "checks.yaml").read_text(encoding="utf-8"))["checks"]
    return {n["id"] for n in notes} | {c["id"] for c in checks} | {"鹿寨", "Luzhai", "luzhai"}


def test_the_install_is_not_the_checkout(installed):
    code = ("import lawstats, lawstats.paths as p; print(lawstats.__file__); print(p.notebooks_dir()); "
            "print(p.checkout_dir()); print(p.data_dir())")
    out = subprocess.run([str(installed / "python"), "-c", code], check=True, capture_output=True, text=True,
                         cwd=installed.parent).stdout.splitlines()
    assert str(ROOT) not in out[0] and "site-packages" in out[0]
    assert out[1].endswith("lawstats/_notebooks") and out[2:] == ["None", "None"]


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_installed_lawstats_builds_a_composed_report_from_any_folder(installed, report, tmp_path):
    language = "en" if REPORTS.index(report) % 2 == 0 else "zh"
    work = tmp_path / "somewhere"
    work.mkdir()
    (work / report.name).write_bytes(report.read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(installed / "lawstats"), "build", "--report", report.name, "--language", language,
                           "--out", "site", "--jobs", "2", "--no-cache", "--quiet"],
                          cwd=work, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    site = work / "site"
    pages = {p.name for p in site.glob("*.html")}
    assert pages == GENERAL_PAGES, "no page about parts the report does not have"
    forbidden = _luzhai_words()
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".csv"):
            continue
        text = path.read_text(encoding="utf-8")
        found = [w for w in forbidden if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
        assert not found, f"{path.relative_to(site)} shows what was written for Luzhai: {found[:8]}"
        assert f'<html lang="{language}"' in text or path.suffix == ".csv"
    assert {p.name for p in (site / "data").iterdir()} == {"figures.csv", "excluded.csv", "audit.csv",
                                                           "datapackage.json"}
    figures = (site / "data" / "figures.csv").read_text(encoding="utf-8").splitlines()
    assert all(",automatic," in row for row in figures[1:])  # every label automatic
    if language == "en":
        for page in pages - {"report.html"}:
            html = (site / page).read_text(encoding="utf-8")
            for heading in re.findall(r"<h[12]\b[^>]*>(.*?)</h[12]>", html, re.S):
                assert not CJK.search(re.sub(r"<[^>]+>", "", heading)), (page, heading)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_installed_lawstats_builds_our_report_with_its_case_study(installed, tmp_path, site_build):
    """Our report from a folder outside the checkout, no cache: the case study's pages, its curated ids
    (without the checkout's data/), and byte for byte the site the checkout builds from an empty cache.

    The comparison is the project's check that two clean builds are identical (reproducible): this build
    is one of the two, the session's shared Chinese build (conftest.py, read by test_site.py and
    test_notebooks.py) the other, so no third build of the whole site is made for it.
    """
    work = tmp_path / "elsewhere"
    work.mkdir()
    done = subprocess.run([str(installed / "lawstats"), "build", "--out", "site", "--jobs", "2", "--no-cache",
                           "--quiet", "--language", "zh"], cwd=work, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    pages = {p.name for p in (work / "site").glob("*.html")}
    assert GENERAL_PAGES < pages and "05-disputes-and-mediation.html" in pages and len(pages) == 14
    report = (work / "site" / "report.html").read_text(encoding="utf-8")
    assert 'id="mediation-success-rate"' in report  # curated ids without the checkout's data/
    again, first = _snapshot(work / "site"), _snapshot(site_build("zh").site)
    assert sorted(again) == sorted(first)
    differ = [name for name in first if first[name] != again[name]]
    assert differ == [], f"these files differ between two clean builds: {differ}"
