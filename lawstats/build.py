"""Build the static site: execute the notebooks in parallel, cache them, render pages.

``build_site()`` is what ``lawstats build`` runs:

1. every ``notebooks/NN-*.ipynb`` (sorted) gets a **cache key**, a sha256 over
   the notebook's bytes, the parameters (report file and its bytes, language,
   kernel), every file under ``data/``, every file of the lawstats package
   (``*.py`` and templates) and ``requirements/lock.txt``;
2. notebooks without a cache entry are executed with nbclient in worker
   processes (one per core), in the notebooks' folder, with the parameters
   injected after the cell tagged ``parameters`` (papermill's convention), and
   rendered twice (:func:`lawstats.site.render_notebook_pages`); the entry is
   written to the cache;
3. meanwhile the index and the annotated report are rendered (or taken from
   the cache, under a key over the same inputs);
4. everything is written to a temporary folder beside ``out_dir``, which then
   replaces ``out_dir``.  A failing notebook raises
   :class:`~lawstats.errors.BuildError` and leaves the previous site untouched.

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

from .errors import BuildError, ReportError
from .notebooks import notebook_paths

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
_PACKAGE_DIR = Path(__file__).resolve().parent
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


# --------------------------------------------------------------------------- kernel side

_KERNEL_SETUP = "import lawstats.build as _lsb; _lsb.setup_kernel(); del _lsb"


def describe_figure(fig, language: str = "zh") -> str | None:
    """Describe a matplotlib figure from its titles and axis labels (alt text of last resort).

    ``fig.lawstats_alt``, when a chart function set it, wins.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set(title="Cases by year", xlabel="year", ylabel="cases")
    >>> describe_figure(fig, "en")
    'Chart: Cases by year (x axis: year; y axis: cases)'
    >>> plt.close(fig)
    """
    explicit = getattr(fig, "lawstats_alt", None)
    if explicit:
        return str(explicit)
    zh = language == "zh"
    parts = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text().strip():
        parts.append(suptitle.get_text().strip())
    for ax in fig.axes:
        title = next((ax.get_title(loc).strip() for loc in ("center", "left", "right")
                      if ax.get_title(loc).strip()), "")
        labels = [(("横轴：" if zh else "x axis: ") + ax.get_xlabel().strip()) if ax.get_xlabel().strip() else "",
                  (("纵轴：" if zh else "y axis: ") + ax.get_ylabel().strip()) if ax.get_ylabel().strip() else ""]
        labels = [x for x in labels if x]
        axis = "；".join(labels) if zh else "; ".join(labels)
        if title and axis:
            parts.append(f"{title}（{axis}）" if zh else f"{title} ({axis})")
        elif title or axis:
            parts.append(title or axis)
    if not parts:
        return None
    return ("图表：" + "；".join(parts)) if zh else ("Chart: " + "; ".join(parts))


def setup_kernel() -> None:
    """Run inside every build kernel before the notebook: reproducible charts with alt text.

    Sets matplotlib's ``svg.hashsalt`` (stable SVG ids) and makes the inline
    backend attach a description of each figure (:func:`describe_figure`) to
    its output metadata as ``{"lawstats": {"alt": ...}}``, which the pages use
    when a notebook gave no alt text of its own.
    """
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "lawstats"
    try:
        from matplotlib_inline import backend_inline
    except ImportError:  # pragma: no cover - ipykernel always brings it
        return
    original = getattr(backend_inline, "_fetch_figure_metadata", None)
    if original is None or getattr(original, "_lawstats", False):
        return
    language = os.environ.get("LAWSTATS_LANGUAGE", "zh")

    def fetch_figure_metadata(fig):
        metadata = original(fig)
        try:
            alt = describe_figure(fig, language)
        except Exception:  # a description must never break a chart
            alt = None
        if alt:
            metadata = dict(metadata or {})
            metadata["lawstats"] = {"alt": alt}
        return metadata

    fetch_figure_metadata._lawstats = True
    backend_inline._fetch_figure_metadata = fetch_figure_metadata


# --------------------------------------------------------------------------- worker side

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STYLER_ID = re.compile(r"(?<![A-Za-z0-9_])T_([0-9a-f]{5})(?=[_\"'\s{,.:#>])")
_ADDRESS = re.compile(r"( at 0x)[0-9a-fA-F]{6,16}(>)")


def _worker_init(env: dict[str, str]) -> None:
    """Set up a worker process: kernel environment, and skip a slow optional import.

    ``jsonschema`` imports ``rfc3987_syntax`` (about 1 s building a grammar) only
    to check IRI formats, which notebooks never use; workers do without it.
    """
    os.environ.update(env)
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:48] or "nb"


def _prepare(nb, stem: str, parameters: dict[str, Any]):
    """Inject the parameters and give every cell a deterministic id; return (nb, injected index)."""
    from .notebooks import inject_parameters

    nb = inject_parameters(nb, parameters)
    injected = next(i for i, c in enumerate(nb.cells)
                    if "injected-parameters" in c.get("metadata", {}).get("tags", []))
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    slug = _slug(stem)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{slug}-{i}"
    return nb, injected


def _make_reproducible(nb) -> None:
    """Remove what varies between two executions of the same notebook."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        styler_ids: dict[str, str] = {}

        def styler(m: re.Match) -> str:
            new = styler_ids.setdefault(m.group(1), f"{index:03d}{len(styler_ids):02d}")
            return f"T_{new}"

        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"] = _STYLER_ID.sub(styler, data["text/html"])
            if "text/plain" in data:
                data["text/plain"] = _ADDRESS.sub(r"\g<1>0\g<2>", data["text/plain"])
            if output.get("output_type") == "stream":
                output["text"] = _ADDRESS.sub(r"\g<1>0\g<2>", output["text"])


def _failure(nb, path: Path, position: int | None, injected: int, exc: BaseException) -> dict:
    """Describe a failed execution in plain data (picklable, printable)."""
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    lines: list[str] = []
    first_line = ""
    cell_index: int | None = None
    if position is not None and 0 <= position < len(nb.cells):
        cell = nb.cells[position]
        first_line = next((x.strip() for x in cell.source.splitlines() if x.strip()), "")
        cell_index = position if position < injected else (None if position == injected else position - 1)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                lines = [_ANSI.sub("", line) for line in output.get("traceback", [])]
    if not lines:
        lines = str(getattr(exc, "traceback", "") or exc).splitlines()
    text = "\n".join(lines).strip().splitlines()
    return {
        "ok": False,
        "notebook": path.name,
        "cell_index": cell_index,
        "injected": position == injected,
        "first_line": first_line,
        "ename": str(ename),
        "evalue": str(evalue),
        "traceback": "\n".join(text[-12:]),
    }


def _execute_job(job: dict) -> dict:
    """Execute one notebook, render its two pages and store them in the cache (in a worker)."""
    started = time.perf_counter()
    import nbformat
    from nbclient import NotebookClient

    from .site import render_notebook_pages

    path = Path(job["path"])
    nb = nbformat.read(path, as_version=4)
    nb, injected = _prepare(nb, path.stem, job["parameters"])
    where: dict[str, int | None] = {"cell": None}

    def on_cell_execute(cell=None, cell_index=None, **_):
        where["cell"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=job["kernel"],
        timeout=job["timeout"],
        record_timing=False,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
        # the kernel's own log: only errors (not the note that it listens on localhost TCP)
        extra_arguments=[f"--IPKernelApp.exec_lines={_KERNEL_SETUP}", "--IPKernelApp.log_level=ERROR"],
        on_cell_execute=on_cell_execute,
    )
    try:
        client.execute()
    except Exception as exc:  # nbclient raises CellExecutionError, DeadKernelError, timeouts …
        return _failure(nb, path, where["cell"], injected, exc)
    _make_reproducible(nb)
    reader, code = render_notebook_pages(nb, name=path.stem, title=job["title"], language=job["language"])
    seconds = time.perf_counter() - started
    files = {
        "executed.ipynb": nbformat.writes(nb).encode() + b"\n",
        "reader.html": reader.encode(),
        "code.html": code.encode(),
        "info.json": json.dumps({"name": path.name, "key": job["key"], "seconds": round(seconds, 3)},
                                sort_keys=True).encode(),
    }
    _store(Path(job["entry"]), files)
    return {"ok": True, "notebook": path.name, "seconds": seconds}


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


def _kernel_env(language: str) -> dict[str, str]:
    return {
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "LAWSTATS_BUILD": "1",
        "LAWSTATS_LANGUAGE": language,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def _report_parameter(report: str | Path | None, notebooks_dir: Path) -> str | None:
    """The ``report`` value injected into notebooks: None, or a path relative to the notebooks."""
    if report is None:
        return None
    path = Path(report).resolve()
    try:
        return os.path.relpath(path, notebooks_dir)
    except ValueError:  # another drive on Windows
        return str(path)


def _tables_describe(report: Path, data_dir: Path | None) -> bool:
    """True when ``data_dir/figures.csv`` was made from ``report`` (same provenance hash)."""
    import pandas as pd

    from .report import load_report

    if data_dir is None:
        return False
    path = data_dir / "figures.csv"
    if not path.is_file():
        return False
    hashes = set(pd.read_csv(path, dtype=str, keep_default_na=False, usecols=lambda c: c == "sha256")
                 .get("sha256", pd.Series(dtype=str)))
    return not hashes or hashes == {load_report(report).sha256}


def _report_tables(report: Path, data_dir: Path | None) -> dict[str, bytes]:
    """The downloadable tables of a report: ``{file name: bytes}``.

    When the tables in ``data_dir`` describe this report (their ``sha256``
    provenance column is the hash of its canonical text) they are used as they
    are — the curated tables of the project's report; for any other report they
    are made now (:func:`lawstats.dataset.report_tables`: a case study's labels
    only when it applies to the whole document) with its audit.
    """
    from .dataset import report_tables

    if _tables_describe(report, data_dir):
        return {name: (data_dir / name).read_bytes() for name in DOWNLOADS
                if (data_dir / name).is_file()}
    from .audit import load_audit

    figures, excluded = report_tables(report)
    audit = load_audit(report)
    csv = {"figures.csv": figures, "excluded.csv": excluded, "audit.csv": audit}
    files = {name: frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
             for name, frame in csv.items()}
    from .paths import datapackage_file

    schema = data_dir / "datapackage.json" if data_dir is not None else datapackage_file()
    if schema is not None and schema.is_file():
        files["datapackage.json"] = schema.read_bytes()
    return files


def _site_pages(*, report: Path, data_dir: Path | None, pages: list[dict], language: str) -> dict[str, bytes]:
    """Render the index and the annotated report, with the downloads; ``{relative path: bytes}``."""
    import io

    import pandas as pd

    from .report import load_report
    from .site import render_annotated_report, render_index, site_title, static_files

    doc = load_report(report)
    tables = _report_tables(report, data_dir)
    read = lambda name: (pd.read_csv(io.BytesIO(tables[name]), dtype=str, keep_default_na=False)  # noqa: E731
                         if name in tables else None)
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


def _add_font(site: Path, cache: Path) -> None:
    """Put the subset web font for the characters of every page into ``static/site.css``.

    The font goes into the stylesheet as a ``data:`` URL, so it is there at the
    first layout (a separately loaded font leaves the first table cells in a
    fallback font in Chromium); its licence is written beside it.  The subset
    is cached by its character set.
    """
    import base64

    from .site import FONT_LICENCE, cjk_font_files

    chars: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        chars.update(page.read_text(encoding="utf-8"))
    from importlib.metadata import version

    tools = f"fonttools {version('fonttools')}, pylopdf-fonts-zh-cn {version('pylopdf-fonts-zh-cn')}\n"
    key = hashlib.sha256((tools + "".join(sorted(chars))).encode("utf-8")).hexdigest()[:32]
    entry = cache / "fonts" / key
    if not ((entry / "font.woff").is_file() and (entry / "licence.txt").is_file()):
        files = cjk_font_files(["".join(sorted(chars))])
        entry.mkdir(parents=True, exist_ok=True)
        (entry / "font.woff").write_bytes(files["font"])
        (entry / "licence.txt").write_bytes(files["licence"])
    font = base64.b64encode((entry / "font.woff").read_bytes()).decode("ascii")
    face = ('@font-face {\n  font-family: "lawstats-cjk";\n'
            f'  src: url("data:font/woff;base64,{font}") format("woff");\n'
            f'  unicode-range: {_CJK_RANGE};\n}}\n\n')
    css = site / "static" / "site.css"
    css.write_bytes(face.encode("ascii") + css.read_bytes())
    (site / FONT_LICENCE).write_bytes((entry / "licence.txt").read_bytes())


def _mp_context():
    """How to start worker processes: fork when that is safe, else spawn.

    Forking is quick and, unlike spawning, does not re-run the caller's main
    script (a script calling :func:`build_site` without an
    ``if __name__ == "__main__":`` guard would otherwise start over in every
    worker).  It is safe only while this process runs a single thread (the pool
    forks all its workers before starting its own thread); in a threaded caller,
    such as a Jupyter kernel, workers are spawned.
    """
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp``; if anything fails, ``out`` is as it was."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        if old is not None:
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _prune(folder: Path, stem: str, keep: int) -> None:
    """Keep the ``keep`` most recently used cache entries of ``stem``."""
    entries = sorted((p for p in folder.glob(f"{stem}.*") if p.is_dir() and not p.name.startswith(".")),
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
) -> BuildResult:
    """Execute the notebooks and write the static site.

    Parameters
    ----------
    out_dir : str or Path
        The site folder; replaced as a whole when the build succeeds.
    notebooks_dir : str or Path, optional
        Where the ``NN-*.ipynb`` notebooks are.  Default: the report's notebooks
        (:func:`lawstats.notebooks.report_notebooks`: the general ones, and the
        case study's own when one applies to the report).  Each notebook runs
        with its own folder as working folder.
    report : str or Path, optional
        The report file; ``None`` means the project's default report
        (notebooks receive ``report = None``).
    language : {"zh", "en"}
        The language of the pages (and the ``language`` parameter).
    jobs : int, optional
        Worker processes executing notebooks; default ``os.cpu_count()``.
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

    Returns
    -------
    BuildResult

    Raises
    ------
    BuildError
        A notebook failed; the message names the notebook, the cell (its index
        in the notebook as saved, and its first line) and the error.  The
        previous ``out_dir`` is left as it was.
    ValueError
        ``language`` is not ``"zh"`` or ``"en"``.
    """
    from .site import notebook_title, strings

    strings(language)  # validates the language
    started = time.perf_counter()
    from . import paths as where

    out = Path(out_dir).resolve()
    if data_dir is None:
        data = where.data_dir()
    else:
        data = Path(data_dir).resolve()
    if lock_file is None:
        lock_file = where.lock_file()
    if report is None:
        from .report import default_report_path

        report_path = default_report_path()
    else:
        report_path = Path(report).resolve()
    if not report_path.is_file():
        raise ReportError(str(report_path), "no such file; expected the report's text file")
    if notebooks_dir is None:
        from .notebooks import report_notebooks

        paths = report_notebooks(report_path)
        if not paths:
            raise BuildError(f"no notebooks in {where.notebooks_dir()}; expected the general NN-*.ipynb "
                             "notebooks shipped with lawstats")
    else:
        nb_dir = Path(notebooks_dir).resolve()
        if not nb_dir.is_dir():
            raise BuildError(f"notebooks folder {nb_dir} does not exist; expected a folder of NN-*.ipynb notebooks")
        paths = notebook_paths(nb_dir)
    report_bytes = report_path.read_bytes()

    key_parameters = {
        "language": language,
        "report_sha256": hashlib.sha256(report_bytes).hexdigest(),
        "kernel": kernel,
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
    }
    inputs = inputs_digest(data, lock_file)

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
        key = cache_key(raw, {**key_parameters, **parameters}, inputs)
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
        log.say(f"executing {len(todo)} of {len(paths)} notebooks with {workers} worker(s)")
    failures: list[dict] = []
    executor = None
    futures = {}
    try:
        if todo:
            from concurrent.futures import ProcessPoolExecutor

            executor = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                                           initializer=_worker_init, initargs=(_kernel_env(language),))
            futures = {executor.submit(_execute_job, job): job for job in todo}

        # the index and the annotated report, while the notebooks run
        site_key = cache_key(
            json.dumps([[p["name"], p["title"], p["entry"].name] for p in pages]).encode(), key_parameters, inputs)
        site_entry = cache / "site" / site_key[:32]
        site_cached = temporary_cache is None and (site_entry / "files.json").is_file()
        if site_cached:
            site_files = {name: (site_entry / name).read_bytes()
                          for name in json.loads((site_entry / "files.json").read_text())}
        else:
            site_files = _site_pages(report=report_path, data_dir=data,
                                     pages=[{k: p[k] for k in ("title", "href", "code_href")} for p in pages],
                                     language=language)

        if futures:
            from concurrent.futures import as_completed

            for future in as_completed(futures):
                job = futures[future]
                name = Path(job["path"]).name
                if future.cancelled():
                    log.notebook(name, "skipped (another notebook failed)")
                    continue
                try:
                    outcome = future.result()
                except Exception as exc:  # the worker itself died
                    outcome = {"ok": False, "notebook": name, "cell_index": None, "injected": False,
                               "first_line": "", "ename": type(exc).__name__, "evalue": str(exc),
                               "traceback": ""}
                if outcome["ok"]:
                    timings[name] = round(outcome["seconds"], 2)
                    results[name] = NotebookResult(name, "executed", outcome["seconds"])
                    log.notebook(name, f"executed in {outcome['seconds']:.1f} s")
                else:
                    log.notebook(name, f"FAILED ({outcome['ename']})")
                    if not failures:
                        for other in futures:
                            other.cancel()
                    failures.append(outcome)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    if cache_dir is not None:
        cache.mkdir(parents=True, exist_ok=True)
        timings_file.write_text(json.dumps(dict(sorted(timings.items())), indent=1) + "\n")
    if failures:
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
        _add_font(tmp, cache)
        written = tuple(sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*.html")))
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if temporary_cache is not None:
            temporary_cache.cleanup()

    if temporary_cache is None:
        for page in pages:
            _prune(nb_cache, page["name"], _KEEP_ENTRIES)
        os.utime(site_entry)
        site_dir = cache / "site"
        for old in sorted(site_dir.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[_KEEP_ENTRIES:]:
            shutil.rmtree(old, ignore_errors=True)

    seconds = time.perf_counter() - started
    ordered = tuple(results[p.name] for p in paths)
    log.say(f"wrote {out} ({len(written)} pages; {len([r for r in ordered if r.status == 'executed'])} "
                   f"executed, {len([r for r in ordered if r.status == 'cached'])} cached) in {seconds:.1f} s")
    return BuildResult(out_dir=out, notebooks=ordered, pages=written, seconds=seconds, site_cached=site_cached)
