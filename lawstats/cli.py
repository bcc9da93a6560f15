"""The ``lawstats`` command line: thin subcommands over the library's functions.

Each subcommand is one ``_add_<name>(subparsers)`` function that declares its
options and sets ``func`` to a handler taking the parsed arguments and
returning an exit code; :data:`COMMANDS` lists them.

=========  ==============================================================
command    what
=========  ==============================================================
build      execute the notebooks, write the site
data       regenerate data/figures.csv, excluded.csv, audit.csv
audit      print a report's audit as a table (or CSV)
extract    every figure of many report files as one CSV
=========  ==============================================================

Every exit status means one thing, for every command (:data:`EXIT_CODES`):
0 done; 1 done, and what was checked is not right (an inconsistent check, a
file or notebook that failed, a table that would change); 2 bad input or
usage, refused before any work where possible; 70 an internal error (a bug:
one line on stderr, the traceback only with ``--debug``); 74 the system could
not read or write a file (disk full, permissions); 130 interrupted; 141 the
reader of the output went away (``lawstats audit | head``).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import textwrap
import time
import unicodedata
from pathlib import Path
from typing import Callable, Sequence

from lawstats.errors import BuildError, LawstatsError

__all__ = ["main", "build_parser", "COMMANDS", "EXIT_CODES", "display_width", "wrap_columns",
           "format_audit_table", "format_audit_summary"]

#: What each exit status of ``lawstats`` means (the same for every command).
EXIT_CODES = {
    0: "done: no check inconsistent, no file failed",
    1: "done, and something checked is not right: a check is inconsistent (audit), a file "
       "failed (extract), a notebook failed (build), a table would change (data --check)",
    2: "bad input or usage: a wrong option, a report that cannot be read, a bad checks or "
       "annotations file, an output place refused",
    70: "internal error, a bug in lawstats: one line on stderr (the traceback with --debug)",
    74: "the system could not read or write a file (disk full, permission denied)",
    130: "interrupted (Ctrl-C)",
    141: "the program reading the output went away (lawstats audit | head)",
}


def _max_bytes(text: str) -> int:
    from lawstats.reading.report import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_max_bytes(p) -> None:
    p.add_argument("--max-bytes", type=_max_bytes, default=None, metavar="SIZE",
                   help="largest report file read, in bytes or with kB/MB/GB (default: 50MB, or "
                        "$LAWSTATS_MAX_BYTES); larger files are refused before being read")


def _add_debug(p) -> None:
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="on an internal error, print the traceback too")


def _check_input_file(path: str | None, what: str, max_bytes: int | None = None) -> None:
    """Refuse at once an existing input that is not a regular file (a pipe would make us wait)."""
    from lawstats.reading.report import read_text_file

    if path is not None and os.path.lexists(path):
        read_text_file(path, max_bytes, what=what)


def _build(args: argparse.Namespace) -> int:
    from lawstats.site.build import build_site

    try:
        build_site(
            out_dir=args.out,
            notebooks_dir=args.notebooks,
            report=args.report,
            language=args.language,
            jobs=args.jobs,
            cache_dir=None if args.no_cache else args.cache_dir,
            progress=not args.quiet,
            max_bytes=args.max_bytes,
        )
    except BuildError as error:
        if not getattr(error, "failures", None):
            raise  # bad input (no notebooks folder …): exit 2
        print(f"lawstats build: error: {error}", file=sys.stderr)
        return 1  # the build ran and a notebook failed
    return 0


def _add_build(subparsers) -> None:
    p = subparsers.add_parser(
        "build",
        help="execute the notebooks and write the static site",
        description="Execute the report's notebooks in parallel (reusing cached results whose inputs are "
                    "unchanged) and write the site: index, one page per notebook with its code page, "
                    "the annotated report and the data downloads.",
    )
    p.add_argument("--out", default="site", help="site folder to write (default: %(default)s)")
    p.add_argument("--report", default=None, metavar="FILE",
                   help="report text file (default: the project's report)")
    p.add_argument("--language", choices=("zh", "en"), default="zh",
                   help="language of the pages (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="notebooks executed at once (default: number of cores)")
    p.add_argument("--no-cache", action="store_true", help="execute every notebook, keep nothing")
    p.add_argument("--notebooks", default=None, metavar="DIR",
                   help="build the notebooks of this folder instead of the report's own (default: the general "
                        "notebooks shipped with lawstats, plus the case study's when one applies to the report)")
    p.add_argument("--cache-dir", default=".cache/lawstats-build", metavar="DIR",
                   help="cache folder (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    _add_max_bytes(p)
    p.set_defaults(func=_build)


# -- data --------------------------------------------------------------------------
_DATA_FILES = ("figures.csv", "excluded.csv", "audit.csv")


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _data(args: argparse.Namespace) -> int:
    from lawstats.auditing.audit import AUDIT_COLUMNS, write_audit
    from lawstats.extraction.dataset import EXCLUDED_COLUMNS, FIGURE_COLUMNS, check_table_target, write_tables
    from lawstats.outputs import OutputError, atomic_write_bytes

    out = Path(args.out)
    headers = {"figures.csv": FIGURE_COLUMNS, "excluded.csv": EXCLUDED_COLUMNS, "audit.csv": AUDIT_COLUMNS}
    if out.exists() and not out.is_dir():
        raise OutputError(f"refusing to write the tables into {out}: it is a file, not a folder")
    if not args.check and out.is_dir():  # before any work: overwrite only tables lawstats wrote
        for name in _DATA_FILES:
            check_table_target(out / name, headers[name])
    with tempfile.TemporaryDirectory(prefix="lawstats-data-") as tmp:
        fresh = Path(tmp)
        write_tables(fresh)
        write_audit(fresh)  # from the figures just written, not from the ones in `out`
        changed = [name for name in _DATA_FILES if not (out / name).is_file()
                   or (out / name).read_bytes() != (fresh / name).read_bytes()]
        if args.check:
            if changed:
                names = ", ".join(_shown(out / n) for n in changed)
                print(f"lawstats data: {names} would change; run `lawstats data` (or `make data`) "
                      "and commit the result", file=sys.stderr)
                return 1
            print(f"lawstats data: {', '.join(_shown(out / n) for n in _DATA_FILES)} are up to date")
            return 0
        out.mkdir(parents=True, exist_ok=True)
        for name in _DATA_FILES:
            if name in changed:
                atomic_write_bytes(out / name, (fresh / name).read_bytes())
            print(f"{_shown(out / name)}: {'written' if name in changed else 'unchanged'}")
    return 0


def _add_data(subparsers) -> None:
    from lawstats.reading.report import DATA_DIR

    p = subparsers.add_parser(
        "data",
        help="regenerate data/figures.csv, data/excluded.csv and data/audit.csv",
        description="Regenerate the generated tables from the raw report, data/annotations.yaml and "
                    "data/checks.yaml. With --check write nothing and exit 1 naming the files that "
                    "would change (for CI and pre-commit hooks).",
    )
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if a generated file differs from what would be written")
    p.add_argument("--out", default=str(DATA_DIR), metavar="DIR",
                   help="folder of the generated tables (default: the project's data/)")
    p.set_defaults(func=_data)


# -- audit ---------------------------------------------------------------------------
#: The audit table's own words (``cli_*`` in the catalogue, :mod:`lawstats.labels`); the rest
#: (kind, verdict, arithmetic) are the words the notebooks and the site use.
_CATALOGUE_KEYS = {"check": "cli_check", "kind": "kind", "verdict": "verdict", "arithmetic": "arithmetic"}


def _word(key: str, language: str, **kw) -> str:
    from lawstats.labels import label

    return label(_CATALOGUE_KEYS.get(key, f"cli_{key}"), language).format(**kw)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two.

    Examples
    --------
    >>> display_width("94%"), display_width("成功调解1031件")
    (3, 14)
    """
    return sum(_char_width(ch) for ch in text)


def _pad(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns (ending in ``…``) or padded with spaces."""
    if display_width(text) > width:
        out, used = "", 0
        for ch in text:
            if used + _char_width(ch) > width - 1:
                break
            out, used = out + ch, used + _char_width(ch)
        text = out + "…"
    return text + " " * (width - display_width(text))


#: Characters that may not start a line (Chinese line-breaking rules, kinsoku).
_NO_LINE_START = set("，。、；：？！）》」』】〕’”%％,.;:?!)]}…")


def _carry(line: str) -> int:
    """Where to break ``line`` so that its end moves down with the punctuation that follows:
    before its last character and any closing punctuation just before that (0: nowhere)."""
    k = len(line) - 1
    while k > 0 and line[k] in _NO_LINE_START:
        k -= 1
    return k


def wrap_columns(text: str, width: int) -> list[str]:
    """Wrap ``text`` into lines of at most ``width`` columns, CJK-aware.

    Breaks at a space when one is near the end of a line, else between any
    two characters, as Chinese text is wrapped; closing punctuation such as
    ``，`` ``）`` ``%`` never starts a line (the character before it moves
    down with it).

    Examples
    --------
    >>> wrap_columns("48项 + 1415项 = 1463；报告总数 1463项：一致", 20)
    ['48项 + 1415项 =', '1463；报告总数', '1463项：一致']
    >>> wrap_columns("去尾法、向下取整", 6)
    ['去尾', '法、向', '下取整']
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if display_width(line) + _char_width(ch) <= width:
                line += ch
                continue
            if ch.isspace():
                lines.append(line.rstrip())
                line = ""
                continue
            cut = line.rfind(" ")
            if cut > 0 and display_width(line[cut + 1:]) < width // 3:
                head, line = line[:cut].rstrip(), line[cut + 1:]
            elif ch in _NO_LINE_START and _carry(line) > 0:
                head, line = line[:_carry(line)], line[_carry(line):]
            else:
                head, line = line.rstrip(), ""
            lines.append(head)
            line = line.lstrip() + ch
        lines.append(line.rstrip())
    return lines


def _wrap_id(check_id: str, width: int) -> list[str]:
    """A check id in lines of ``width`` columns, broken after hyphens (never cut)."""
    lines, line = [], ""
    for piece in check_id.replace("-", "-\0").split("\0"):
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    return lines + [line]


def format_audit_table(audit, language: str = "zh", width: int = 100) -> str:
    """The audit as a terminal table: check id, kind, verdict, arithmetic (wrapped).

    ``check_id``, ``kind`` and ``verdict`` are shown as in ``audit.csv`` (so a
    script can grep them in either language); the header and the arithmetic are
    in ``language``, wrapped to fit ``width`` columns (CJK characters count
    two).  Long ids are broken after a hyphen, never cut.  When four columns
    would leave the arithmetic fewer than 50 columns, the kind is shown under
    the check id instead of in a column of its own.

    Examples
    --------
    >>> import pandas as pd
    >>> audit = pd.DataFrame({"check_id": ["trips-add-up"], "kind": ["sum"],
    ...     "verdict": ["consistent"], "reason": [""],
    ...     "explanation_en": ["48 + 1415 = 1463; reported total 1463: consistent"]})
    >>> print(format_audit_table(audit, "en", width=60))
    check         verdict     arithmetic
    ------------  ----------  ----------------------------------
    trips-add-up  consistent  48 + 1415 = 1463; reported total
      sum                     1463: consistent
    """
    ids = [str(x) for x in audit["check_id"]]
    kinds = [str(x) for x in audit["kind"]]
    verdicts = [str(x) for x in audit["verdict"]]
    header = [_word(k, language) for k in ("check", "kind", "verdict", "arithmetic")]
    cap = max(16, min(30 + max(0, (width - 100) // 4), width // 3))
    w_id = min(cap, max(display_width(x) for x in [header[0]] + ids))
    w_kind = max(display_width(x) for x in [header[1]] + kinds)
    w_verdict = max(display_width(x) for x in [header[2]] + verdicts)
    stacked = width - (w_id + w_kind + w_verdict + 6) < 50
    if stacked:  # the kind goes under the id
        w_id = min(cap, max([w_id] + [2 + len(k) for k in kinds]))
        widths = [w_id, w_verdict]
        header = [header[0], header[2], header[3]]
    else:
        widths = [w_id, w_kind, w_verdict]
        header = [header[0], header[1], header[2], header[3]]
    w_text = max(10, width - sum(widths) - 2 * len(widths))
    column = "explanation_zh" if language == "zh" else "explanation_en"
    lines = ["  ".join([_pad(h, w) for h, w in zip(header, widths)] + [header[-1]]),
             "  ".join(["-" * w for w in widths + [w_text]])]
    note = "note_zh" if language == "zh" else "note_en"
    for r, cid, kind, verdict in zip(audit.to_dict("records"), ids, kinds, verdicts):
        shown = str(r.get(column) or r.get("reason") or "")
        if r.get("source") == "automatic" and r.get(note):  # a relation read from a sentence: its reading
            shown = f"{r[note]} — {shown}"
        text = wrap_columns(shown, w_text)
        name = _wrap_id(cid, w_id)
        cells = [name + ["  " + kind], [verdict]] if stacked else [name, [kind], [verdict]]
        for i in range(max(len(text), max(len(c) for c in cells))):
            row = [_pad(c[i] if i < len(c) else "", w) for c, w in zip(cells, widths)]
            lines.append("  ".join(row + [text[i] if i < len(text) else ""]).rstrip())
    return "\n".join(lines)


def format_audit_summary(audit, language: str = "zh") -> str:
    """Checks by verdict, then by kind and verdict, then the skipped declared checks."""
    from lawstats.auditing.audit import VERDICTS, audit_summary

    counts = audit["verdict"].value_counts()
    by_verdict = ", ".join(f"{v} {int(counts.get(v, 0))}" for v in VERDICTS)
    lines = [f"{_word('checks', language, n=len(audit))}: {by_verdict}", "",
             _word("by_kind", language)]
    if len(audit):
        import pandas as pd

        table = audit_summary(audit).rename_axis(index=None, columns=_word("kind", language))
        with pd.option_context("display.unicode.east_asian_width", True):
            lines.append(table.to_string())
    skipped = audit.attrs.get("skipped_checks", [])
    lines += ["", _word("skipped", language, n=len(skipped))
              + (_word("skipped_why", language) + ": " + ", ".join(skipped) if skipped else "")]
    bad = audit.loc[audit["verdict"] == "inconsistent", "check_id"].tolist()
    if bad:
        lines.append(_word("inconsistent", language, ids=", ".join(bad)))
    return "\n".join(lines)


def _audit_many(args: argparse.Namespace) -> int:
    """``lawstats audit A.txt B.txt …``: every file in parallel, a summary per file."""
    from lawstats.auditing.audit import BATCH_COLUMNS, audit_files

    class Progress:
        shown = False

        def __call__(self, done: int, total: int, bad: int) -> None:
            sys.stderr.write(f"\r[{done}/{total}] files, {bad} inconsistent check(s) so far")
            sys.stderr.flush()
            self.shown = True

    line = Progress() if (args.progress or sys.stderr.isatty()) else None
    checks = None if args.checks in ("", "none") else args.checks
    saved = os.environ.get("LAWSTATS_MAX_BYTES")
    try:
        _check_input_file(checks, "a YAML checks file")
        if args.max_bytes is not None:  # the workers' load_report reads the limit from here
            os.environ["LAWSTATS_MAX_BYTES"] = str(args.max_bytes)
        batch = audit_files(args.files, jobs=args.jobs, progress=line, checks=checks)
    except LawstatsError as error:
        print(f"lawstats audit: error: {error}", file=sys.stderr)
        return 2
    finally:
        if args.max_bytes is not None:
            if saved is None:
                os.environ.pop("LAWSTATS_MAX_BYTES", None)
            else:
                os.environ["LAWSTATS_MAX_BYTES"] = saved
        if line is not None and line.shown:
            sys.stderr.write("\n")
    if args.format == "csv":
        from lawstats.csvsafe import frame_to_csv

        sys.stdout.write(frame_to_csv(batch.audit[BATCH_COLUMNS]))
    else:
        from lawstats.labels import label

        en = args.language == "en"
        head = tuple(label(k, args.language) for k in ("cli_file", "cli_checks_column", "verdict_inconsistent",
                                                         "verdict_cannot_check"))
        table = [list(head)] + [[r.file, str(r.checks), str(r.inconsistent), str(r.cannot_check)]
                                for r in batch.summary.itertuples() if not r.error]
        widths = [max(display_width(row[i]) for row in table) for i in range(4)]
        for row in table:
            cells = [row[0] + " " * (widths[0] - display_width(row[0]))] + \
                    [" " * (widths[i] - display_width(row[i])) + row[i] for i in range(1, 4)]
            print("  ".join(cells))
        bad = batch.audit[batch.audit["verdict"] == "inconsistent"]
        if len(bad):
            print()
            print("Inconsistent:" if en else "不一致：")
            column, note = ("explanation_en", "note_en") if en else ("explanation_zh", "note_zh")
            for r in bad.to_dict("records"):
                reading = f"{r[note]} — " if r[note] else ""
                print(f"{r['file']}: {r['check_id']}: {reading}{r[column]}")
    for path, message in batch.failures:
        print(f"lawstats audit: skipped {message}", file=sys.stderr)
    if len(batch.failures) == len(args.files):
        return 2
    bad_count = int((batch.audit["verdict"] == "inconsistent").sum())
    if bad_count:
        files = batch.summary.loc[batch.summary["inconsistent"] > 0, "file"].tolist()
        print(f"lawstats audit: {bad_count} inconsistent check(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if bad_count or batch.failures else 0


def _audit(args: argparse.Namespace) -> int:
    from lawstats.auditing.audit import AUDIT_COLUMNS, audit_report
    from lawstats.csvsafe import frame_to_csv
    from lawstats.reading.report import load_report

    if len(args.files) > 1:
        return _audit_many(args)
    args.file = args.files[0] if args.files else None
    try:
        checks = None if args.checks in ("", "none") else args.checks
        _check_input_file(checks, "a YAML checks file")
        audit = audit_report(load_report(args.file, args.max_bytes), checks=checks)
    except LawstatsError as error:
        print(f"lawstats audit: error: {error}", file=sys.stderr)
        return 2
    if args.format == "csv":
        sys.stdout.write(frame_to_csv(audit[AUDIT_COLUMNS]))
    else:
        width = args.width or shutil.get_terminal_size((100, 24)).columns
        print(format_audit_table(audit, args.language, max(60, width)))
        print()
        print(format_audit_summary(audit, args.language))
    bad = audit.loc[audit["verdict"] == "inconsistent", "check_id"].tolist()
    if bad:
        print(f"lawstats audit: {len(bad)} inconsistent check(s): {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


def _add_audit(subparsers) -> None:
    from lawstats.auditing.audit import AUTO

    p = subparsers.add_parser(
        "audit",
        help="print the audit of a report's arithmetic; exit 1 if a check is inconsistent",
        description="Check every declared relation (the checks.yaml of the case study that applies "
                    "to the report as a whole: our report or an edited copy of it) and every automatic "
                    "one (repeated figures, rates and their denominators) and print one row per check "
                    "with its verdict and arithmetic, then a summary. Without FILE, the project's "
                    "report; with FILE, any report: another county's report gets the automatic checks "
                    "only; with several FILEs, all of them in parallel (progress on stderr), a summary "
                    "per file (checks, inconsistent, cannot check) and every inconsistency. "
                    "Exit status: 0 no check is inconsistent, 1 some check is (or some file could not "
                    "be read), 2 bad input.",
    )
    p.add_argument("files", nargs="*", default=[], metavar="FILE",
                   help="report text file(s) (default: the project's report); with several, each is "
                        "audited in parallel and a summary per file is printed (with --format csv, one "
                        "row per check with its file)")
    p.add_argument("--format", choices=("table", "csv"), default="table",
                   help="a table for people or audit.csv columns for machines (default: %(default)s)")
    p.add_argument("--language", choices=("zh", "en"), default="zh",
                   help="language of the arithmetic and headings (default: %(default)s)")
    p.add_argument("--checks", default=AUTO, metavar="PATH",
                   help="declared checks (default: those of the case study that applies to the "
                        "report as a whole, if any; 'none' for the automatic checks only)")
    p.add_argument("--width", type=int, default=None, metavar="N",
                   help="table width in columns (default: the terminal's, or 100)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes for several files (default: number of cores)")
    p.add_argument("--progress", action="store_true",
                   help="show the progress line for several files even when stderr is not a terminal")
    _add_max_bytes(p)
    p.set_defaults(func=_audit)


# -- extract -------------------------------------------------------------------------
class _ProgressLine:
    """``[k/N] files, F figures so far`` on one updating stderr line."""

    def __init__(self, stream) -> None:
        self.stream, self.shown = stream, False

    def __call__(self, done: int, total: int, figures: int) -> None:
        self.stream.write(f"\r[{done}/{total}] files, {figures} figures so far")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _to_stdout(path: str | None) -> bool:
    return path is None or path == "-"


def _write_csv(frame, path: str | None) -> None:
    from lawstats.csvsafe import frame_to_csv
    from lawstats.outputs import atomic_write_text

    text = frame_to_csv(frame)
    if _to_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(path, text)


def _is_special(path: str) -> bool:
    """An existing device or pipe (``/dev/null``, ``/dev/stdout``): written to, never replaced."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _check_extract_outputs(args: argparse.Namespace) -> None:
    """Refuse, before any work, outputs that are inputs, the same file twice, or not ours."""
    from lawstats.extraction.extract import ANNOTATED_COLUMNS, EXCLUDED_COLUMNS, EXTRACT_COLUMNS
    from lawstats.outputs import OutputError, check_output_file, same_file

    output, excluded = args.output, args.excluded
    if excluded is not None and _to_stdout(output) and _to_stdout(excluded):
        raise OutputError("refusing to write the figures and --excluded both to standard output; "
                          "give -o FILE or --excluded FILE")
    if (excluded is not None and not _to_stdout(output) and not _to_stdout(excluded)
            and same_file(output, excluded) and not _is_special(output)):
        raise OutputError(f"refusing to write -o {output} and --excluded {excluded}: they name the "
                          "same file; choose two files")
    inputs = [*args.files, args.annotations]
    if not _to_stdout(output):
        check_output_file(output, inputs, option="-o",
                          headers=[",".join(EXTRACT_COLUMNS), ",".join(ANNOTATED_COLUMNS)])
    if excluded is not None and not _to_stdout(excluded):
        check_output_file(excluded, inputs, option="--excluded", headers=[",".join(EXCLUDED_COLUMNS)])


def _extract(args: argparse.Namespace) -> int:
    from lawstats.extraction.extract import extract_files

    try:
        _check_extract_outputs(args)
        _check_input_file(args.annotations, "a YAML annotations file")
    except LawstatsError as error:
        print(f"lawstats extract: error: {error}", file=sys.stderr)
        return 2
    show = args.progress or sys.stderr.isatty()
    line = _ProgressLine(sys.stderr) if show else None
    started = time.perf_counter()
    try:
        result = extract_files(args.files, jobs=args.jobs, progress=line,
                               annotations=args.annotations, language=args.language,
                               max_bytes=args.max_bytes)
    except LawstatsError as error:
        print(f"lawstats extract: error: {error}", file=sys.stderr)
        return 2
    finally:
        if line is not None:
            line.close()
    seconds = time.perf_counter() - started
    for _, message in result.failures:
        print(f"lawstats extract: skipped {message}", file=sys.stderr)
    if result.files and len(result.failures) == result.files:
        kept = [p for p in (args.output, args.excluded) if not _to_stdout(p) and os.path.exists(p)]
        print(f"lawstats extract: every file failed ({result.files}); nothing written"
              + (f"; {', '.join(kept)} left as {'it was' if len(kept) == 1 else 'they were'}"
               if kept else ""), file=sys.stderr)
        return 1
    try:
        _write_csv(result.figures, args.output)
        if args.excluded:
            _write_csv(result.excluded, args.excluded)
    except OSError as error:
        print(f"lawstats extract: error: cannot write {error.filename}: {error.strerror}",
              file=sys.stderr)
        return 74
    rate = result.files / seconds if seconds > 0 else float("inf")
    print(f"lawstats extract: {result.summary()} in {seconds:.1f} s ({rate:.0f} files/s)",
          file=sys.stderr)
    return 1 if result.failures else 0


def _add_extract(subparsers) -> None:
    p = subparsers.add_parser(
        "extract",
        help="every figure of many report files, as one CSV",
        description="Find every figure of each report file (UTF-8, GB18030/GBK, UTF-16; no annotation "
                    "needed) and write one CSV: a leading `file` column, then the columns of "
                    "data/figures.csv that need no person. Files are processed on every core; the "
                    "output is in input order. A file that cannot be read is reported on stderr and "
                    "skipped; when every file fails nothing is written. Outputs are written whole "
                    "(a temporary file, then renamed) and never over an input or a file that is not "
                    "a lawstats table. Exit status: 0 all files read, 1 some failed, 2 bad input.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="report text files")
    p.add_argument("-o", "--output", default=None, metavar="OUT.csv",
                   help="figures CSV to write (default: standard output)")
    p.add_argument("--excluded", default=None, metavar="EXCLUDED.csv",
                   help="also write every other numeric mention with its reason")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes (default: number of cores)")
    p.add_argument("--annotations", default=None, metavar="PATH",
                   help="curated annotations to match by context (e.g. data/annotations.yaml); "
                        "adds indicator_en and repeat_of")
    p.add_argument("--language", choices=("zh", "en"), default="zh",
                   help="en: add indicator_en, English labels from the glossary of the field's terms "
                        "(a label it cannot translate is written '[untranslated] <label>')")
    p.add_argument("--progress", action="store_true",
                   help="show the progress line even when stderr is not a terminal")
    _add_max_bytes(p)
    p.set_defaults(func=_extract)


#: The subcommands, each a function adding its parser to the subparsers.
COMMANDS: list[Callable] = [_add_build, _add_data, _add_audit, _add_extract]


def build_parser() -> argparse.ArgumentParser:
    """Return the ``lawstats`` argument parser with every subcommand of :data:`COMMANDS`.

    Examples
    --------
    >>> args = build_parser().parse_args(["build", "--language", "en", "--jobs", "2"])
    >>> args.command, args.language, args.jobs, args.out
    ('build', 'en', 2, 'site')
    """
    parser = argparse.ArgumentParser(
        prog="lawstats",
        description="Turn a law-based-government annual report into audited figures, notebooks and a site.",
        epilog="exit status (every command):\n" + "\n".join(
            textwrap.fill(meaning, 79, initial_indent=f"  {code:<4} ", subsequent_indent=" " * 7)
            for code, meaning in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true",
                        help="on an internal error, print the traceback too")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(subparsers)
    for sub in subparsers.choices.values():  # `lawstats audit --debug` works too
        _add_debug(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Examples
    --------
    >>> main(["build", "--jobs", "0"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error(f"--jobs must be at least 1. Got {args.jobs} instead.")
    try:
        return args.func(args)
    except LawstatsError as error:  # bad input, said on purpose
        print(f"lawstats {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"lawstats {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `lawstats audit | head`: the reader has gone, say nothing more
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 141
    except OSError as error:  # the system failed us: disk full, permission denied …
        _debug_traceback(args)
        where = f" {error.filename}" if error.filename else ""
        print(f"lawstats {args.command}: error: cannot read or write{where}: "
              f"{error.strerror or error}", file=sys.stderr)
        return 74
    except Exception as error:  # noqa: BLE001 - a bug: one line, never exit 1
        _debug_traceback(args)
        text = " ".join(f"{type(error).__name__}: {error}".split())
        if len(text) > 300:
            text = text[:297] + "..."
        hint = "" if getattr(args, "debug", False) else "; run again with --debug for the traceback"
        print(f"lawstats {args.command}: internal error (a bug in lawstats, please report it): "
              f"{text}{hint}", file=sys.stderr)
        return 70


def _debug_traceback(args: argparse.Namespace) -> None:
    if getattr(args, "debug", False):
        import traceback

        traceback.print_exc(file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
