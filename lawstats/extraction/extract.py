"""Extract: every figure of many report files at once, with no annotation needed.

:func:`extract_files` runs the same rules as :func:`lawstats.extraction.dataset.extract_tables`
(:func:`lawstats.extraction.annotate.annotate` over :func:`lawstats.reading.mentions.find_mentions`,
then :func:`lawstats.extraction.dataset.figures_frame`) on each file, and stacks the results
into two tables whose first column, ``file``, names the file as given.  Only the
columns that need no person are kept (:data:`EXTRACT_COLUMNS`); with curated
annotations (``annotations=PATH``, matched by context) the English label and
``repeat_of`` are kept too.

Decisions
---------
- **A bad file never stops the batch.**  A file that is missing, empty, binary
  or undecodable (any :class:`~lawstats.errors.LawstatsError`) is listed in
  ``failures`` with its message, and the other files are still processed.  An
  unexpected exception in one file is listed the same way, marked as such.
- **Output order is input order**, whatever the number of processes: files are
  sent to the workers in chunks and the chunks put back in order, so the
  tables are the same with ``jobs=1`` and ``jobs=8``.
- **Processes, not threads**: the rules are pure Python (the GIL would
  serialise threads).  One process is used when ``jobs=1`` or when there is a
  single chunk of work, so a handful of files pays no start-up cost.
- **Per-file work is done once, pandas once.**  A file is read and its
  mentions found once; each mention's section is looked up once
  (:meth:`lawstats.reading.structure.Structure.locate_all`); without annotations
  the rows come straight from the mentions
  (:func:`lawstats.extraction.dataset.automatic_rows`, the same rows as
  ``annotate`` + ``figure_rows``).  Workers return plain column lists and one
  table per kind is built at the end.  ``benchmarks/scale.py`` compares this
  with a bare loop over ``find_mentions``.
- **Without annotations, only what the tables hold is computed.**  A file gives
  its name, text and hash (:func:`lawstats.reading.report.load_report_text`: the
  same checks and errors as ``load_report``, no title, file hash or outline);
  mentions are located with :func:`lawstats.reading.structure.locate_sections`
  (the parts and sections of ``parse_structure``, no points or titles); the
  labels are taken as ``find_mentions`` computes them
  (:func:`lawstats.reading.mentions.mentions_and_labels`), without remaking each
  figure as a labelled Mention; and each file's rows are made a column at a time
  (:func:`lawstats.extraction.dataset.automatic_columns`) and kept per chunk as
  numpy arrays, which pandas takes as they are and the garbage collector does
  not walk.  Every output is the same as through ``load_report`` and
  ``find_mentions``.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from lawstats.errors import LawstatsError
from lawstats.labels import check_language

if TYPE_CHECKING:
    import pandas as pd

    from lawstats.extraction.annotate import Annotations

__all__ = ["EXTRACT_COLUMNS", "ANNOTATED_COLUMNS", "ENGLISH_COLUMNS", "EXCLUDED_COLUMNS", "ExtractResult",
           "extract_files", "extract_file", "with_english"]

#: The columns of the figures table of ``lawstats extract``, in order.
EXTRACT_COLUMNS = ["file", "id", "section", "indicator", "indicator_source", "code", "code_confidence", "kind", "raw",
                   "value", "unit", "qualifier", "lower", "upper", "decimals", "quote", "start",
                   "end", "sha256"]
#: The same with curated annotations: the columns only a person can fill are kept.
ANNOTATED_COLUMNS = EXTRACT_COLUMNS[:4] + ["indicator_en"] + EXTRACT_COLUMNS[4:-1] + \
    ["repeat_of", "sha256"]
#: The columns with ``language="en"`` and no annotations: an English label after the Chinese one.
ENGLISH_COLUMNS = EXTRACT_COLUMNS[:4] + ["indicator_en"] + EXTRACT_COLUMNS[4:]
#: The columns of the excluded-mentions table of ``lawstats extract --excluded``.
EXCLUDED_COLUMNS = ["file", "quote", "start", "end", "reason", "section", "sha256"]

#: ``progress(files_done, files_total, figures_so_far)``
Progress = Callable[[int, int, int], None]


@dataclass
class ExtractResult:
    """What :func:`extract_files` returns.

    Attributes
    ----------
    figures : DataFrame
        One row per figure, files in input order, with the columns of
        :data:`EXTRACT_COLUMNS` (:data:`ANNOTATED_COLUMNS` with annotations).
        ``value``, ``lower`` and ``upper`` are exact numbers written as text
        (``"550000"``, ``"96.34"``); :func:`lawstats.extraction.dataset.exact_values`
        turns them into Decimals.
    excluded : DataFrame
        Every other numeric mention, with the columns of :data:`EXCLUDED_COLUMNS`.
    failures : list of (str, str)
        ``(file, message)`` for every file that could not be read.
    files : int
        The number of files given.
    """

    figures: "pd.DataFrame"
    excluded: "pd.DataFrame"
    failures: list = field(default_factory=list)
    files: int = 0

    def summary(self) -> str:
        """One line: files, failures, figures and other mentions."""
        failed = f" ({len(self.failures)} failed)" if self.failures else ""
        return (f"{self.files} file{'s' if self.files != 1 else ''}{failed}: "
                f"{len(self.figures)} figures, {len(self.excluded)} other mentions")


@lru_cache(maxsize=4)
def _annotations(path: str | None) -> "Annotations | None":
    """Annotations read once per process (a worker handles many files)."""
    from lawstats.extraction.annotate import load_annotations

    return load_annotations(path) if path is not None else None


def _rows(path: str, notes: "Annotations | None", max_bytes: int | None = None):
    """The rows of :func:`lawstats.extraction.dataset.extract_tables` for one file (no pandas).

    Each mention's section is found once (:meth:`lawstats.reading.structure.Structure.locate_all`).
    With annotations: two lists of tuples.  Without: the same rows as two dicts of columns, made
    straight from the mentions (:func:`lawstats.extraction.dataset.automatic_columns`).
    """
    from lawstats.extraction.annotate import annotate
    from lawstats.extraction.dataset import automatic_columns, excluded_rows, figure_rows
    from lawstats.reading.mentions import find_mentions, mentions_and_labels
    from lawstats.reading.report import load_report, load_report_text
    from lawstats.reading.structure import locate_sections

    if notes is None:  # only the name, text, hash and section labels are needed
        name, text, sha256 = load_report_text(path, max_bytes)
        mentions, labels = mentions_and_labels(text)  # find_mentions(text) without remaking its figures
        sections = locate_sections(text, [m.start for m in mentions])
        return automatic_columns(name, sha256, mentions, sections, labels)
    report = load_report(path, max_bytes)
    mentions = find_mentions(report.text)
    starts = [m.start for m in mentions]
    sections = report.structure.locate_all(starts)
    where = dict(zip(starts, sections))
    slow = report.locate

    def locate(offset: int) -> str:
        label = where.get(offset)
        return label if label is not None else slow(offset)

    result = annotate(report.text, notes, locate=locate, mentions=mentions, strict=False)
    return figure_rows(report, result, locate), excluded_rows(report, result, locate)


def _confidences(labels, units, kinds, codes) -> list[str]:
    """How sure each row's standard indicator is (:func:`lawstats.extraction.indicators.match_with_confidence`);
    ``curated`` where a person chose the code, ``""`` where there is none."""
    from lawstats.extraction.indicators import match_with_confidence

    out = []
    for label, unit, kind, code in zip(labels, units, kinds, codes):
        if not code:
            out.append("")
            continue
        got, confidence = match_with_confidence(label or "", unit or "", kind or "")
        out.append(confidence if got == code else "curated")
    return out


def with_english(figures: "pd.DataFrame") -> "pd.DataFrame":
    """``figures`` with an ``indicator_en`` column after ``indicator``, for any report.

    Curated and matched rows keep their English label; an automatic label is translated with the
    glossary (:func:`lawstats.extraction.glossary.english_label`), or marked ``[untranslated] <label>``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"indicator": ["受理行政复议申请", "某某"], "indicator_source": ["automatic"] * 2,
    ...                   "unit": ["件", "个"], "kind": ["count"] * 2})
    >>> with_english(f)["indicator_en"].tolist()
    ['administrative reconsideration applications accepted', '[untranslated] 某某']
    """
    from lawstats.extraction.glossary import english_label

    figures = figures.copy()
    english = [english_label(label or "", unit or "", kind or "")
               for label, unit, kind in zip(figures["indicator"], figures["unit"], figures["kind"])]
    if "indicator_en" in figures.columns:
        keep = (figures["indicator_source"] != "automatic") & (figures["indicator_en"] != "")
        figures["indicator_en"] = [old if k else new for old, new, k in zip(figures["indicator_en"], english, keep)]
    else:
        figures.insert(list(figures.columns).index("indicator") + 1, "indicator_en", english)
    return figures


def _columns(files: list[str], rows: list[tuple], all_columns: list[str], columns: list[str]) -> dict:
    """The ``columns`` of ``rows`` (tuples in the order of ``all_columns``), one list each;
    ``file`` is ``files``.  Plain lists: pandas builds one table at the end, not one per chunk."""
    by_name = dict(zip(all_columns, map(list, zip(*rows)))) if rows else {c: [] for c in all_columns}
    by_name["file"] = files
    return {c: by_name[c] for c in columns if c in by_name}


def _table(parts: list[dict], columns: list[str]) -> "pd.DataFrame":
    """One table from the column lists of several chunks, in order (pandas work once)."""
    import pandas as pd

    if not any(len(part[columns[0]]) for part in parts):
        return pd.DataFrame(columns=columns)
    if len(parts) == 1:
        return pd.DataFrame(parts[0], columns=columns)
    if all(not isinstance(part[columns[0]], list) for part in parts):  # numpy arrays (see _arrays)
        import numpy as np

        return pd.DataFrame({c: np.concatenate([part[c] for part in parts]) for c in columns}, columns=columns)
    return pd.DataFrame({c: list(chain.from_iterable(part[c] for part in parts)) for c in columns}, columns=columns)


def extract_file(path: str | Path, annotations: str | Path | None = None, language: str = "zh",
                 max_bytes: int | None = None) -> tuple["pd.DataFrame", "pd.DataFrame"]:
    """Figures and excluded mentions of one file, with the ``file`` column (and ``indicator_en``
    with ``language="en"``, see :func:`with_english`).

    Raises
    ------
    LawstatsError
        :class:`~lawstats.errors.ReportError` if the file cannot be read,
        :class:`~lawstats.errors.AnnotationError` if the annotations are bad.
    """
    check_language(language)
    ann = str(annotations) if annotations is not None else None
    figures, excluded, _, _ = _extract_chunk([str(path)], ann, max_bytes, strict=True)
    figures = _table([figures], ANNOTATED_COLUMNS if ann is not None else EXTRACT_COLUMNS)
    excluded = _table([excluded], EXCLUDED_COLUMNS)
    return (with_english(figures) if language == "en" else figures), excluded


def _extract_chunk(paths: Sequence[str], annotations: str | None, max_bytes: int | None = None,
                   strict: bool = False):
    """Worker: the columns of a chunk of files (one list per column, see :func:`_columns`), and its failures.

    Each file gives plain rows; the parent makes one table of every chunk's
    columns (:func:`_table`).  With ``strict`` an error is raised rather than listed.
    """
    from lawstats.extraction.dataset import EXCLUDED_COLUMNS as ALL_EXCLUDED
    from lawstats.extraction.dataset import FIGURE_COLUMNS

    notes = _annotations(annotations)
    if notes is None:
        return _automatic_chunk(paths, max_bytes, strict)
    figures: list[tuple] = []
    excluded: list[tuple] = []
    figure_files: list[str] = []
    excluded_files: list[str] = []
    failures = []
    for path in paths:
        try:
            f, e = _rows(path, notes, max_bytes)
        except LawstatsError as exc:
            if strict:
                raise
            failures.append((path, str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop 10,000 others
            if strict:
                raise
            failures.append((path, f"{path}: unexpected error ({type(exc).__name__}: {exc}); "
                                   "please report it with the file"))
            continue
        figures += f
        figure_files += [path] * len(f)
        excluded += e
        excluded_files += [path] * len(e)
    table = _columns(figure_files, figures, FIGURE_COLUMNS, ANNOTATED_COLUMNS)
    table["code_confidence"] = _confidences(table["indicator"], table["unit"], table["kind"], table["code"])
    return table, _columns(excluded_files, excluded, ALL_EXCLUDED, EXCLUDED_COLUMNS), failures, len(paths)


def _failure(path: str, exc: Exception) -> tuple[str, str]:
    """The ``(file, message)`` of a file that failed."""
    if isinstance(exc, LawstatsError):
        return path, str(exc)
    return path, f"{path}: unexpected error ({type(exc).__name__}: {exc}); please report it with the file"


def _automatic_chunk(paths: Sequence[str], max_bytes: int | None, strict: bool):
    """:func:`_extract_chunk` without annotations: every file's columns appended to the chunk's,
    with no tuple per row (:func:`lawstats.extraction.dataset.automatic_columns`)."""
    figures: dict[str, list] = {c: [] for c in EXTRACT_COLUMNS if c != "code_confidence"}
    excluded: dict[str, list] = {c: [] for c in EXCLUDED_COLUMNS}
    failures = []
    for path in paths:
        try:
            f, e = _rows(path, None, max_bytes)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop 10,000 others
            if strict:
                raise
            failures.append(_failure(path, exc))
            continue
        for c, values in figures.items():
            values += f[c] if c != "file" else [path] * len(f["start"])
        for c, values in excluded.items():
            values += e[c] if c != "file" else [path] * len(e["start"])
    figures["code_confidence"] = _confidences(figures["indicator"], figures["unit"], figures["kind"], figures["code"])
    return _arrays(figures, EXTRACT_COLUMNS), _arrays(excluded, EXCLUDED_COLUMNS), failures, len(paths)


#: The columns of whole numbers (every other column is text).
_INTEGER_COLUMNS = frozenset({"start", "end", "decimals"})


def _arrays(columns: dict[str, list], order: list[str]) -> dict:
    """``columns`` as numpy arrays (int64 for :data:`_INTEGER_COLUMNS`, objects for the rest), in ``order``.

    A batch of reports keeps millions of values until its table is made: in lists, Python's
    garbage collector would visit every one of them at each full collection, and an array of
    objects it does not walk.  pandas makes the same columns of these arrays as of the lists
    (the text columns are inferred as strings in both cases).
    """
    import numpy as np

    return {c: np.array(columns[c], dtype=np.int64 if c in _INTEGER_COLUMNS else object) for c in order}


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_files(paths: Iterable[str | Path], jobs: int | None = None,
                  progress: Progress | None = None,
                  annotations: str | Path | None = None, language: str = "zh",
                  max_bytes: int | None = None) -> ExtractResult:
    """Extract every figure of many report files, using several processes.

    Parameters
    ----------
    paths : iterable of str or Path
        Report files, in any encoding :func:`lawstats.reading.report.load_report` reads.
    jobs : int, optional
        Processes to use; default: every core (``os.cpu_count()``).  ``1``
        works in this process.
    progress : callable, optional
        Called as ``progress(files_done, files_total, figures_so_far)`` after
        each chunk of files.
    annotations : path, optional
        Curated annotations (``data/annotations.yaml``) to match by context;
        default: every label is automatic.
    language : {"zh", "en"}
        ``"en"`` adds ``indicator_en`` (:func:`with_english`): the glossary's
        English for automatic labels, ``[untranslated] …`` where it has none.
    max_bytes : int, optional
        The largest file read (default 50 MB, see
        :func:`lawstats.reading.report.read_text_file`); larger files fail unread.

    Returns
    -------
    ExtractResult
        The figures and excluded mentions of every readable file, in input
        order, and the files that failed with their messages.

    Raises
    ------
    ValueError
        If ``jobs`` is less than 1.
    AnnotationError
        If ``annotations`` cannot be read (checked before any file is read).

    Examples
    --------
    >>> from lawstats.reading.report import default_report_path
    >>> result = extract_files([default_report_path(), "no-such-report.txt"], jobs=1)
    >>> row = result.figures[result.figures["raw"] == "1095件"].iloc[0]
    >>> row["indicator"], row["value"], row["code"], row["indicator_source"]
    ('调解各类矛盾纠纷', '1095', 'disputes_mediated', 'automatic')
    >>> result.failures
    [('no-such-report.txt', 'no-such-report.txt: no such file; expected the path of a report text file')]
    >>> result.summary()
    '2 files (1 failed): 77 figures, 155 other mentions'
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1. Got {jobs} instead.")
    check_language(language)
    paths = [str(p) for p in paths]
    ann = str(annotations) if annotations is not None else None
    _annotations(ann)  # a bad annotations file fails here, once, not in every worker
    jobs = jobs or os.cpu_count() or 1
    size = max(1, min(64, len(paths) // (jobs * 8)))
    chunks = _chunks(paths, size)
    results: list = [None] * len(chunks)
    done = figures_so_far = 0

    def record(i: int, result) -> None:
        nonlocal done, figures_so_far
        results[i] = result
        done += result[3]
        figures_so_far += len(result[0]["file"])
        if progress is not None:
            progress(done, len(paths), figures_so_far)

    workers = min(jobs, len(chunks))
    if workers <= 1:
        for i, chunk in enumerate(chunks):
            record(i, _extract_chunk(chunk, ann, max_bytes))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_extract_chunk, chunk, ann, max_bytes): i
                       for i, chunk in enumerate(chunks)}
            for future in as_completed(futures):
                record(futures[future], future.result())

    table = _table([r[0] for r in results], ANNOTATED_COLUMNS if ann is not None else EXTRACT_COLUMNS)
    return ExtractResult(
        figures=with_english(table) if language == "en" else table,
        excluded=_table([r[1] for r in results], EXCLUDED_COLUMNS),
        failures=[f for r in results for f in r[2]],
        files=len(paths),
    )
