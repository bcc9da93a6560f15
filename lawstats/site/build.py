"""Build the static site: execute the notebooks in parallel, cache them, render pages.

``build_site()`` is what ``lawstats build`` runs:

1. every ``notebooks/NN-*.ipynb`` (sorted) gets a **cache key**, a sha256 over
   the notebook's bytes, the parameters (report file and its bytes, language,
   kernel), every file under ``data/``, every file of the lawstats package
   (``*.py`` and templates) and ``requirements/lock.txt``;
2. notebooks without a cache entry are executed by
   :class:`lawstats.site.notebooks.NotebookRunner` (kernels forked from a warm
   process, one per core at a time), in the notebooks' folder, with the
   parameters injected after the cell tagged ``parameters`` (papermill's
   convention), and rendered twice (:func:`lawstats.site.render.render_notebook_pages`)
   as each one finishes; the entry is written to the cache;
3. meanwhile the index and the annotated report are rendered (or taken from
   the cache, under a key over the same inputs);
4. everything is written to a temporary folder beside ``out_dir``, with the
   manifest :data:`lawstats.outputs.MANIFEST` listing every file, which then
   replaces ``out_dir``.  A failing notebook raises
   :class:`~lawstats.errors.BuildError` and leaves the previous site untouched.

``out_dir`` is checked before any work (:func:`lawstats.outputs.check_output_dir`):
it must be absent, empty, or a site lawstats built; replacing that site removes
only the files its manifest lists, and keeps anything else found in it.

Two builds from the same inputs give the same bytes: executions record no
timings, cell ids derive from the notebook's name and the cell's position,
kernels run with ``SOURCE_DATE_EPOCH`` and ``PYTHONHASHSEED`` fixed and
matplotlib's ``svg.hashsalt`` set, pandas Styler's random table ids and
``<object at 0x…>`` addresses are replaced, and no page carries a date.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from lawstats.paths import package_dir
from lawstats.errors import BuildError, ReportError
from lawstats.site.notebooks import describe_figure, notebook_paths, setup_kernel

__all__ = [
    "BuildResult",
    "NotebookResult",
    "build_site",
    "cache_key",
    "inputs_digest",
    "setup_kernel",
    "describe_figure",
]

#: Bump to invalidate every cache entry when the entry layout changes.
CACHE_VERSION = "lawstats-build-1"
_PACKAGE_DIR = package_dir()
_SKIP_NAMES = {"__pycache__", ".ipynb_checkpoints", ".DS_Store", ".pytest_cache"}
#: Downloads copied from ``data/`` into ``site/data/`` when present.
DOWNLOADS = ("figures.csv", "excluded.csv", "audit.csv", "datapackage.json")
#: How many cache entries to keep per notebook (other parameters, older versions).
_KEEP_ENTRIES = 4


@dataclass(frozen=True)
class NotebookResult:
    """What happened to one notebook: ``status`` is ``"cached"`` or ``"executed"``."""

    name: str
    status: str
    seconds: float = 0.0


@dataclass(frozen=True)
class BuildResult:
    """The outcome of :func:`build_site`.

    Attributes
    ----------
    out_dir : Path
        The site folder written.
    notebooks : tuple of NotebookResult
        One per notebook, in build order.
    pages : tuple of str
        Every HTML page of the site, relative to ``out_dir``, sorted.
    seconds : float
        Wall time of the build.
    """

    out_dir: Path
    notebooks: tuple[NotebookResult, ...] = ()
    pages: tuple[str, ...] = ()
    seconds: float = 0.0
    site_cached: bool = False

    @property
    def executed(self) -> list[str]:
        """Names of the notebooks that were executed (not taken from the cache)."""
        return [n.name for n in self.notebooks if n.status == "executed"]

    @property
    def cached(self) -> list[str]:
        """Names of the notebooks taken from the cache."""
        return [n.name for n in self.notebooks if n.status == "cached"]


# --------------------------------------------------------------------------- inputs and keys

def _files(root: Path, patterns: Iterable[str]) -> list[Path]:
    found = set()
    for pattern in patterns:
        for path in root.glob(pattern):
            if path.is_file() and not _SKIP_NAMES.intersection(path.relative_to(root).parts):
                found.add(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _hash_files(h: "hashlib._Hash", label: str, root: Path, files: Iterable[Path]) -> None:
    h.update(f"[{label}]\0".encode())
    for path in files:
        data = path.read_bytes()
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(len(data).to_bytes(8, "big") + data)


def inputs_digest(data_dir: str | Path | None = "data", lock_file: str | Path | None = "requirements/lock.txt",
                  package_dir: str | Path | None = None) -> str:
    """sha256 over everything a notebook may read besides itself.

    That is every file under ``data_dir`` (path and bytes), every file of the
    lawstats package (``*.py``, ``templates/**`` and ``case_studies/**``), the
    lock file and the Python version.  A missing (or None) folder or lock file
    counts as empty.

    Examples
    --------
    >>> len(inputs_digest("no-such-folder", "no-such-lock.txt"))
    64
    """
    h = hashlib.sha256(CACHE_VERSION.encode())
    h.update(sys.version.encode())
    data_dir = Path(data_dir) if data_dir is not None else None
    if data_dir is not None and data_dir.is_dir():
        _hash_files(h, "data", data_dir, _files(data_dir, ["**/*"]))
    package = Path(package_dir) if package_dir is not None else _PACKAGE_DIR
    _hash_files(h, "package", package, _files(package, ["**/*.py", "templates/**/*", "case_studies/**/*"]))
    lock = Path(lock_file) if lock_file is not None else None
    h.update(b"[lock]\0" + (lock.read_bytes() if lock is not None and lock.is_file() else b"<missing>"))
    return h.hexdigest()


def cache_key(notebook: bytes, parameters: dict[str, Any], inputs: str) -> str:
    """The cache key of one notebook: sha256 of its bytes, its parameters and the inputs digest.

    Examples
    --------
    >>> a = cache_key(b"{}", {"language": "zh"}, "0" * 64)
    >>> a == cache_key(b"{}", {"language": "zh"}, "0" * 64)
    True
    >>> a == cache_key(b"{}", {"language": "en"}, "0" * 64)
    False
    """
    h = hashlib.sha256(inputs.encode())
    h.update(json.dumps(parameters, sort_keys=True, ensure_ascii=True).encode())
    h.update(len(notebook).to_bytes(8, "big") + notebook)
    return h.hexdigest()


# --------------------------------------------------------------------------- execution

def _render_and_store(run, job: dict) -> dict:
    """Render an executed notebook's two pages and store them in the cache; return the outcome."""
    import nbformat

    from lawstats.site.render import render_notebook_pages

    nb, path = run.nb, run.path
    reader, code = render_notebook_pages(nb, name=path.stem, title=job["title"], language=job["language"])
    seconds = run.outcome["seconds"]
    files = {
        "executed.ipynb": nbformat.writes(nb).encode() + b"\n",
        "reader.html": reader.encode(),
        "code.html": code.encode(),
        "info.json": json.dumps({"name": path.name, "key": job["key"], "seconds": round(seconds, 3)},
                                sort_keys=True).encode(),
    }
    _store(Path(job["entry"]), files)
    return run.outcome


def _store(entry: Path, files: dict[str, bytes]) -> None:
    """Write a cache entry atomically: a complete folder appears, or none."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    for name, data in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_bytes(data)
    try:
        os.rename(tmp, entry)
    except OSError:  # another build stored the same entry first: identical content
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------- orchestration

class _Progress:
    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self.done = enabled, total, 0

    def say(self, text: str) -> None:
        if self.enabled:
            print(text, file=sys.stderr, flush=True)

    def notebook(self, name: str, status: str) -> None:
        self.done += 1
        self.say(f"[{self.done}/{self.total}] {name}: {status}")


def _report_parameter(report: str | Path | None, notebooks_dir: Path) -> str | None:
    """The ``report`` value injected into notebooks: None, or a path relative to the notebooks."""
    if report is None:
        return None
    path = Path(report).resolve()
    try:
        return os.path.relpath(path, notebooks_dir)
    except ValueError:  # another drive on Windows
        return str(path)


def _tables_describe(report, data_dir: Path | None) -> bool:
    """True when ``data_dir/figures.csv`` was made from ``report`` (same provenance hash)."""
    import pandas as pd

    from lawstats.reading.report import Report, load_report

    if data_dir is None:
        return False
    report = report if isinstance(report, Report) else load_report(report)
    path = data_dir / "figures.csv"
    if not path.is_file():
        return False
    hashes = set(pd.read_csv(path, dtype=str, keep_default_na=False, usecols=lambda c: c == "sha256")
                 .get("sha256", pd.Series(dtype=str)))
    return not hashes or hashes == {report.sha256}


def _report_tables(report, data_dir: Path | None) -> dict[str, bytes]:
    """The downloadable tables of a report: ``{file name: bytes}``.

    When the tables in ``data_dir`` describe this report (their ``sha256``
    provenance column is the hash of its canonical text) they are used as they
    are — the curated tables of the project's report; for any other report they
    are made now (:func:`lawstats.extraction.dataset.report_tables`: a case study's labels
    only when it applies to the whole document) with its audit.
    """
    from lawstats.extraction.dataset import report_tables

    if _tables_describe(report, data_dir):
        return {name: (data_dir / name).read_bytes() for name in DOWNLOADS
                if (data_dir / name).is_file()}
    from lawstats.auditing.audit import load_audit
    from lawstats.csvsafe import frame_to_csv

    figures, excluded = report_tables(report)
    audit = load_audit(report)
    csv = {"figures.csv": figures, "excluded.csv": excluded, "audit.csv": audit}
    files = {name: frame_to_csv(frame).encode("utf-8") for name, frame in csv.items()}
    from lawstats.paths import datapackage_file

    schema = data_dir / "datapackage.json" if data_dir is not None else datapackage_file()
    if schema is not None and schema.is_file():
        files["datapackage.json"] = schema.read_bytes()
    return files


def _site_pages(*, report: Path, data_dir: Path | None, pages: list[dict], language: str,
                max_bytes: int | None = None) -> dict[str, bytes]:
    """Render the index and the annotated report, with the downloads; ``{relative path: bytes}``."""
    import io

    from lawstats.csvsafe import read_csv
    from lawstats.reading.report import load_report
    from lawstats.site.render import render_annotated_report, render_index, site_title, static_files

    doc = load_report(report, max_bytes)
    tables = _report_tables(doc, data_dir)
    read = lambda name: read_csv(io.BytesIO(tables[name])) if name in tables else None  # noqa: E731
    figures, audit = read("figures.csv"), read("audit.csv")
    downloads = [name for name in DOWNLOADS if name in tables]
    files = dict(static_files())
    files["index.html"] = render_index(
        report_title=site_title(doc, language), pages=pages, audit=audit, downloads=downloads, language=language,
        report_name=Path(doc.path).name, report_sha256=doc.sha256,
    ).encode()
    files["report.html"] = render_annotated_report(doc.text, figures, audit, language,
                                                   title=site_title(doc, language)).encode()
    files.update({f"data/{name}": tables[name] for name in downloads})
    return files


#: Chinese characters and punctuation (CJK radicals to unified ideographs, compatibility
#: ideographs, vertical and full-width forms): where the site's subset font applies.
_CJK_RANGE = "U+2E80-2FFF, U+3000-303F, U+3100-9FFF, U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF"


def _font_chars(chars: Iterable[str]) -> str:
    """The characters that decide the site font's subset: those beyond ASCII, sorted, once each.

    (The subset always holds printable ASCII: :func:`lawstats.site.render.cjk_font_files`.)

    Examples
    --------
    >>> _font_chars("法治 report 法规")
    '治法规'
    """
    return "".join(sorted({c for c in chars if ord(c) > 0x7E}))


def _font_key(chars: str) -> str:
    """The cache key of the subset font for ``chars`` (and the tools' versions)."""
    from importlib.metadata import version

    tools = f"fonttools {version('fonttools')}, pylopdf-fonts-zh-cn {version('pylopdf-fonts-zh-cn')}\n"
    return hashlib.sha256((tools + _font_chars(chars)).encode("utf-8")).hexdigest()[:32]


def _font_entry_ready(entry: Path) -> bool:
    """True when the font cache entry ``entry`` is complete."""
    return (entry / "font.woff").is_file() and (entry / "licence.txt").is_file()


def write_font_entry(chars: str, entry: str | Path) -> None:
    """Subset the site's font to ``chars`` and store it (``font.woff``, ``licence.txt``) as cache entry ``entry``."""
    from lawstats.site.render import cjk_font_files

    files = cjk_font_files([_font_chars(chars)])
    _store(Path(entry), {"font.woff": files["font"], "licence.txt": files["licence"]})


def _foreseen_chars(site_files: dict[str, bytes], notebooks: list[Path], language: str) -> str:
    """The characters the pages will most likely hold, known before any notebook has run.

    Those of the index and the annotated report (the whole report text), of
    the notebooks' code and of their prose in ``language``, and of the words
    catalogue in ``language``.  The site's font holds these and whatever else
    the finished pages use (:func:`_add_font`), so the subset can be made while
    the notebooks run.
    """
    from lawstats.labels import LABELS, label
    from lawstats.site.render import localize_markdown

    chars: set[str] = set()
    for name, data in site_files.items():
        if name.endswith(".html"):
            chars.update(data.decode("utf-8"))
    for path in notebooks:
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for cell in cells:
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            chars.update(localize_markdown(source, language) if cell.get("cell_type") == "markdown" else source)
    for key in LABELS:
        chars.update(label(key, language))
    return "".join(sorted(chars))


class _FontJob:
    """The subset font of the foreseen characters, made by a process of its own while the notebooks run."""

    def __init__(self, chars: str, cache: Path) -> None:
        import subprocess

        self.chars = _font_chars(chars)
        self.entry = cache / "fonts" / _font_key(chars)
        self.process = None
        if not self._ready():
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            self.process = subprocess.Popen(
                # at a lower priority (nice 10): it uses the CPU the kernels leave, without delaying them
                [sys.executable, "-c", "import os, sys; os.nice(10); from lawstats.site.build import "
                                       "write_font_entry; write_font_entry(sys.stdin.read(), sys.argv[1])",
                 str(self.entry)],
                # its errors, if any, are raised again when the font is made here instead
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                text=True, encoding="utf-8")
            try:
                self.process.stdin.write(self.chars)
                self.process.stdin.close()
            except OSError:  # it failed at once: the font is made in this process at the end
                pass

    def _ready(self) -> bool:
        return _font_entry_ready(self.entry)

    def result(self, chars: str) -> Path | None:
        """The entry, if it was made for exactly ``chars``; waits for the process."""
        if self.process is not None:
            self.process.wait()
        return self.entry if _font_chars(chars) == self.chars and self._ready() else None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _add_font(site: Path, cache: Path, foreseen: "_FontJob | None" = None) -> None:
    """Put the subset web font for the characters of every page into ``static/site.css``.

    The font goes into the stylesheet as a ``data:`` URL, so it is there at the
    first layout (a separately loaded font leaves the first table cells in a
    fallback font in Chromium); its licence is written beside it.  The font
    holds the characters of every page and those ``foreseen`` (a
    :class:`_FontJob` started while the notebooks ran, whose subset is used
    when the pages hold no character it lacks); the subset is cached by its
    character set.
    """
    import base64

    from lawstats.site.render import FONT_LICENCE

    chars: set[str] = set(foreseen.chars) if foreseen is not None else set()
    for page in sorted(site.rglob("*.html")):
        chars.update(page.read_text(encoding="utf-8"))
    wanted = "".join(sorted(chars))
    entry = foreseen.result(wanted) if foreseen is not None else None
    if entry is None:
        entry = cache / "fonts" / _font_key(wanted)
        if not _font_entry_ready(entry):
            write_font_entry(wanted, entry)
    font = base64.b64encode((entry / "font.woff").read_bytes()).decode("ascii")
    face = ('@font-face {\n  font-family: "lawstats-cjk";\n'
            f'  src: url("data:font/woff;base64,{font}") format("woff");\n'
            f'  unicode-range: {_CJK_RANGE};\n}}\n\n')
    css = site / "static" / "site.css"
    css.write_bytes(face.encode("ascii") + css.read_bytes())
    (site / FONT_LICENCE).write_bytes((entry / "licence.txt").read_bytes())


def _swap(tmp: Path, out: Path) -> None:
    """Replace the site ``out`` by ``tmp``; if anything fails, ``out`` is as it was.

    Only the files the earlier site's manifest lists are removed; anything else
    in ``out`` is moved into the new site (:func:`lawstats.outputs.replace_site`).
    """
    from lawstats.outputs import replace_site, write_manifest

    write_manifest(tmp)
    replace_site(tmp, out)


_ENTRY_KEY = re.compile(r"[0-9a-f]{32}")


def _is_entry(path: Path, marker: str) -> bool:
    """A cache entry lawstats made: a real folder named ``…<32 hex>`` holding ``marker``."""
    return (path.is_dir() and not path.is_symlink() and not path.name.startswith(".")
            and _ENTRY_KEY.fullmatch(path.name[-32:]) is not None and (path / marker).is_file())


def _prune(folder: Path, stem: str, keep: int) -> None:
    """Keep the ``keep`` most recently used cache entries of ``stem`` (only entries lawstats made)."""
    entries = sorted((p for p in folder.glob(f"{stem}.*")
                      if p.name[:-33] == stem and _is_entry(p, "info.json")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _build_error(failures: list[dict], out: Path) -> BuildError:
    first = failures[0]
    if first["injected"]:
        where = "in the injected parameters cell"
    elif first["cell_index"] is None:
        where = "before any cell ran (kernel start)"
    else:
        where = f"in cell {first['cell_index']} (counting from 0)"
        if first["first_line"]:
            where += f", which starts {first['first_line'][:80]!r}"
    lines = [f"notebook {first['notebook']} failed {where}:",
             f"{first['ename']}: {first['evalue']}"]
    if first["traceback"]:
        lines += ["", *("    " + x for x in first["traceback"].splitlines())]
    for other in failures[1:]:
        lines.append(f"also failed: {other['notebook']} (cell {other['cell_index']}): "
                     f"{other['ename']}: {other['evalue']}")
    lines.append(f"The previous site ({out}) was left unchanged.")
    error = BuildError("\n".join(lines))
    error.notebook = first["notebook"]
    error.cell_index = first["cell_index"]
    error.ename, error.evalue, error.traceback_text = first["ename"], first["evalue"], first["traceback"]
    error.failures = failures
    return error


def build_site(
    out_dir: str | Path = "site",
    notebooks_dir: str | Path | None = None,
    report: str | Path | None = None,
    language: str = "zh",
    jobs: int | None = None,
    cache_dir: str | Path | None = ".cache/lawstats-build",
    progress: bool = True,
    *,
    data_dir: str | Path | None = None,
    lock_file: str | Path | None = None,
    kernel: str = "python3",
    timeout: int | None = 600,
    max_bytes: int | None = None,
) -> BuildResult:
    """Execute the notebooks and write the static site.

    Parameters
    ----------
    out_dir : str or Path
        The site folder; replaced as a whole when the build succeeds.
    notebooks_dir : str or Path, optional
        Where the ``NN-*.ipynb`` notebooks are.  Default: the report's notebooks
        (:func:`lawstats.site.notebooks.report_notebooks`: the general ones, and the
        case study's own when one applies to the report).  Each notebook runs
        with its own folder as working folder.
    report : str or Path, optional
        The report file; ``None`` means the project's default report
        (notebooks receive ``report = None``).
    language : {"zh", "en"}
        The language of the pages (and the ``language`` parameter).
    jobs : int, optional
        Notebooks executed at once (each in a kernel of its own); default ``os.cpu_count()``.
    cache_dir : str or Path or None
        Where executed notebooks and rendered pages are kept between builds;
        ``None`` disables the cache (everything is executed, nothing kept).
    progress : bool
        Print one line per notebook on stderr.
    data_dir, lock_file : str or Path, optional
        The data folder (hashed into the cache key, source of the figures,
        audit and downloads when they describe the report) and the locked
        dependencies (hashed).  Default: the checkout's (:mod:`lawstats.paths`),
        none when lawstats is installed.
    kernel : str
        The Jupyter kernel to run the notebooks with.
    timeout : int or None
        Seconds a single cell may run.
    max_bytes : int, optional
        The largest report file read (default 50 MB, see
        :func:`lawstats.reading.report.read_text_file`); passed on to the notebooks.

    Returns
    -------
    BuildResult

    Raises
    ------
    BuildError
        A notebook failed; the message names the notebook, the cell (its index
        in the notebook as saved, and its first line) and the error.  The
        previous ``out_dir`` is left as it was.
    OutputError
        ``out_dir`` is not absent, empty or a site lawstats built, or is a
        folder never written into (see :func:`lawstats.outputs.check_output_dir`);
        raised before any work.
    ReportError
        The report is missing, not a regular file, or too large.
    ValueError
        ``language`` is not ``"zh"`` or ``"en"``.
    """
    from lawstats.site.render import notebook_title, strings

    strings(language)  # validates the language
    started = time.perf_counter()
    from lawstats import paths as where

    out = Path(out_dir).resolve()
    if data_dir is None:
        data = where.data_dir()
    else:
        data = Path(data_dir).resolve()
    if lock_file is None:
        lock_file = where.lock_file()
    if report is None:
        from lawstats.reading.report import default_report_path

        report_path = default_report_path()
    else:
        report_path = Path(report).resolve()
    from lawstats.outputs import check_cache_dir, check_output_dir
    from lawstats.reading.report import load_report, max_bytes_default, read_text_file

    if max_bytes is None:
        max_bytes = max_bytes_default()
    report_bytes = read_text_file(report_path, max_bytes)
    if notebooks_dir is None:
        from lawstats.site.notebooks import report_notebooks

        paths = report_notebooks(load_report(report_path, max_bytes))
        if not paths:
            raise BuildError(f"no notebooks in {where.notebooks_dir()}; expected the general NN-*.ipynb "
                             "notebooks shipped with lawstats")
        notebook_folders = sorted({p.parent for p in paths})
    else:
        nb_dir = Path(notebooks_dir).resolve()
        if not nb_dir.is_dir():
            raise BuildError(f"notebooks folder {nb_dir} does not exist; expected a folder of NN-*.ipynb notebooks")
        paths = notebook_paths(nb_dir)
        notebook_folders = [nb_dir]
    inputs = [p for p in [report_path, *notebook_folders, data,
                          Path(lock_file).resolve() if lock_file is not None else None, _PACKAGE_DIR]
              if p is not None]
    if cache_dir is not None:
        check_cache_dir(cache_dir, inputs)
    # refused here, before any work, unless absent, empty or a site lawstats built
    check_output_dir(out, inputs + ([Path(cache_dir)] if cache_dir is not None else []))

    key_parameters = {
        "language": language,
        "report_sha256": hashlib.sha256(report_bytes).hexdigest(),
        "kernel": kernel,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
    }
    digest = inputs_digest(data, lock_file)

    temporary_cache = None
    if cache_dir is None:
        temporary_cache = tempfile.TemporaryDirectory(prefix="lawstats-build-")
        cache = Path(temporary_cache.name)
    else:
        cache = Path(cache_dir).resolve()
    nb_cache = cache / "notebooks"

    # what to execute
    todo, results, pages = [], {}, []
    log = _Progress(progress, len(paths))
    for path in paths:
        raw = path.read_bytes()
        title = notebook_title(json.loads(raw), path.stem, language)
        parameters = {"report": _report_parameter(report, path.parent), "language": language}
        key = cache_key(raw, {**key_parameters, **parameters}, digest)
        entry = nb_cache / f"{path.stem}.{key[:32]}"
        pages.append({"name": path.stem, "title": title, "href": f"{path.stem}.html",
                      "code_href": f"code/{path.stem}.html", "entry": entry})
        if temporary_cache is None and (entry / "info.json").is_file():
            results[path.name] = NotebookResult(path.name, "cached")
            log.notebook(path.name, "cached")
        else:
            todo.append({"path": str(path), "parameters": parameters, "kernel": kernel, "timeout": timeout,
                         "title": title, "language": language, "key": key, "entry": str(entry)})

    # order: longest first, by the time each took last (unknown = first)
    timings_file = cache / "timings.json"
    try:
        timings = json.loads(timings_file.read_text())
    except (OSError, ValueError):
        timings = {}
    todo.sort(key=lambda j: (-timings.get(Path(j["path"]).name, 1e9), j["path"]))

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if todo:
        log.say(f"executing {len(todo)} of {len(paths)} notebooks, {workers} at a time")
    failures: list[dict] = []
    from lawstats.site.notebooks import NotebookRunner

    font_job: _FontJob | None = None
    try:
        # Kernels run in processes of their own, driven from a thread of this one; this
        # thread renders the index and the pages meanwhile and stays interruptible:
        # leaving the block by any exception (Ctrl-C included) kills every kernel.
        with NotebookRunner(jobs=workers, kernel=kernel, timeout=timeout,
                            env={"LAWSTATS_MAX_BYTES": str(max_bytes)}) as runner:
            for job in todo:
                runner.submit(job["path"], job["parameters"], tag=job)
            results_iter = runner.results()  # starts the kernels

            # the index and the annotated report, while the notebooks run
            site_key = cache_key(
                json.dumps([[p["name"], p["title"], p["entry"].name] for p in pages]).encode(), key_parameters, digest)
            site_entry = cache / "site" / site_key[:32]
            site_cached = temporary_cache is None and (site_entry / "files.json").is_file()
            if site_cached:
                site_files = {name: (site_entry / name).read_bytes()
                              for name in json.loads((site_entry / "files.json").read_text())}
            else:
                site_files = _site_pages(report=report_path, data_dir=data,
                                         pages=[{k: p[k] for k in ("title", "href", "code_href")} for p in pages],
                                         language=language, max_bytes=max_bytes)
            # the font's subset, made by a process of its own while the notebooks run
            font_job = _FontJob(_foreseen_chars(site_files, paths, language), cache)

            for run in results_iter:
                job = run.tag
                name = run.path.name
                outcome = _render_and_store(run, job) if run.ok else run.outcome
                if outcome["ok"]:
                    timings[name] = round(outcome["seconds"], 2)
                    results[name] = NotebookResult(name, "executed", outcome["seconds"])
                    log.notebook(name, f"executed in {outcome['seconds']:.1f} s")
                else:
                    log.notebook(name, f"FAILED ({outcome['ename']})")
                    runner.cancel_pending()
                    failures.append(outcome)
        for job in todo:
            name = Path(job["path"]).name
            if failures and name not in results and name not in {f["notebook"] for f in failures}:
                log.notebook(name, "skipped (another notebook failed)")

        if cache_dir is not None:
            cache.mkdir(parents=True, exist_ok=True)
            timings_file.write_text(json.dumps(dict(sorted(timings.items())), indent=1) + "\n")
        if failures:
            if font_job is not None:
                font_job.stop()
            if temporary_cache is not None:
                temporary_cache.cleanup()
            failures.sort(key=lambda f: f["notebook"])
            raise _build_error(failures, out)

        if not site_cached and temporary_cache is None:
            _store(site_entry, {**{name: data for name, data in site_files.items()},
                                "files.json": json.dumps(sorted(site_files)).encode()})

        # assemble the new site beside the old one, then swap
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        try:
            os.chmod(tmp, 0o755)
            for name, data_bytes in sorted(site_files.items()):
                (tmp / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp / name).write_bytes(data_bytes)
            (tmp / "code").mkdir()
            for page in pages:
                entry = page["entry"]
                shutil.copyfile(entry / "reader.html", tmp / f"{page['name']}.html")
                shutil.copyfile(entry / "code.html", tmp / "code" / f"{page['name']}.html")
                os.utime(entry)
            _add_font(tmp, cache, font_job)
            written = tuple(sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.html")))
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        finally:
            if font_job is not None:
                font_job.stop()
            if temporary_cache is not None:
                temporary_cache.cleanup()

        if temporary_cache is None:
            for page in pages:
                _prune(nb_cache, page["name"], _KEEP_ENTRIES)
            os.utime(site_entry)
            site_dir = cache / "site"
            entries = [p for p in site_dir.iterdir() if _is_entry(p, "files.json") and len(p.name) == 32]
            for old in sorted(entries, key=lambda p: p.stat().st_mtime, reverse=True)[_KEEP_ENTRIES:]:
                shutil.rmtree(old, ignore_errors=True)
    finally:
        if font_job is not None:  # a build that failed or was interrupted
            font_job.stop()

    seconds = time.perf_counter() - started
    ordered = tuple(results[p.name] for p in paths)
    log.say(f"wrote {out} ({len(written)} pages; {len([r for r in ordered if r.status == 'executed'])} "
                   f"executed, {len([r for r in ordered if r.status == 'cached'])} cached) in {seconds:.1f} s")
    return BuildResult(out_dir=out, notebooks=ordered, pages=written, seconds=seconds, site_cached=site_cached)
