"""Join the hand-made annotations to the mentions the rules found.

The rules in :mod:`lawstats.reading.mentions` find every figure of any report.  What
only a person knows — which indicator a figure is, its English label, which
statements repeat an earlier one, and the rare exception the rules get wrong —
lives in a small YAML file (``data/annotations.yaml``).  Annotations find their
figure by **quoted context**, never by offset: an entry names words around the
figure exactly as written, so an edited or next-year copy of a report still
lines up wherever its sentences still match.

Without an annotation file every figure gets an automatic id and the label the
rules found before it (``indicator_source == "automatic"``).
"""
from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lawstats.errors import AnnotationError
from lawstats.reading.mentions import REASONS, Mention, find_mentions
from lawstats.reading.quantity import QUALIFIERS, parse_quantity

__all__ = ["Annotations", "FigureNote", "Override", "load_annotations", "annotate",
           "Annotated", "Annotation", "automatic_id", "context_pattern", "read_yaml"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FigureNote:
    """One figure's annotation: where it is (context, raw) and what it means."""

    id: str
    context: str
    raw: str
    indicator: str
    indicator_en: str
    repeat_of: str = ""
    occurrence: int = 1
    qualifier: str = ""  # override of the parsed qualifier, for bounds the rules cannot see
    code: str = ""       # standard indicator code (lawstats.extraction.indicators), when the rules' guess is wrong


@dataclass(frozen=True)
class Override:
    """A correction of the rules: make a mention a figure, or exclude it with a reason."""

    context: str
    raw: str
    reason: str = ""
    figure: bool = False
    occurrence: int = 1


@dataclass(frozen=True)
class Annotations:
    """The contents of an annotations file."""

    path: str
    report: str
    figures: tuple[FigureNote, ...] = ()
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True)
class Annotated:
    """A figure mention with its meaning attached."""

    mention: Mention
    id: str
    indicator: str
    indicator_en: str
    repeat_of: str = ""
    indicator_source: str = "curated"  # or "automatic"
    code: str = ""
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Annotation:
    """What :func:`annotate` returns.

    Attributes
    ----------
    figures : list of Annotated
        Every figure, in text order.
    excluded : list of Mention
        Every other mention, in text order, each with its reason.
    unmatched : list of str
        Annotations whose context was not found (only when ``strict=False``):
        what an edited or next-year copy of a report no longer says.
    written_for : str
        The report the annotations were written for (their ``report`` field).
    """

    figures: list
    excluded: list
    unmatched: list
    written_for: str = ""


def _field(entry: dict, key: str, where: str, required: bool = True, kind=str) -> Any:
    if key not in entry or entry[key] in (None, ""):
        if required:
            raise AnnotationError(f"{where}: missing `{key}`; every entry needs one")
        return kind()
    value = entry[key]
    if not isinstance(value, kind):
        raise AnnotationError(f"{where}: `{key}` must be a {kind.__name__}. Got {value!r} instead.")
    return value


def read_yaml(path: str | Path, what: str):
    """Parse a hand-made YAML file; errors name the file and say what it should be.

    Examples
    --------
    >>> read_yaml("no/such.yaml", "checks")
    Traceback (most recent call last):
    ...
    lawstats.errors.AnnotationError: no/such.yaml: no such checks file
    """
    import yaml

    path = Path(path)
    try:
        # libyaml's safe loader when PyYAML has it (same result, about ten times faster)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise AnnotationError(f"{path}: no such {what} file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AnnotationError(f"{path}: not valid YAML: {exc}") from None


def load_annotations(path: str | Path) -> Annotations:
    """Read and check an annotations file.

    Raises
    ------
    AnnotationError
        If the file is not valid YAML of the documented shape; the message names
        the file, the entry and the field.
    """
    path = Path(path)
    doc = read_yaml(path, "annotations")
    if not isinstance(doc, dict) or "figures" not in doc:
        raise AnnotationError(f"{path}: expected a mapping with `report` and `figures`")
    figures = []
    known = {f.name for f in FigureNote.__dataclass_fields__.values()}
    for i, entry in enumerate(doc.get("figures") or []):
        where = f"{path}: figures[{i}]"
        if not isinstance(entry, dict):
            raise AnnotationError(f"{where}: expected a mapping. Got {entry!r} instead.")
        unknown = set(entry) - known
        if unknown:
            raise AnnotationError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(known)}")
        note = FigureNote(
            id=_field(entry, "id", where), context=_field(entry, "context", where),
            raw=_field(entry, "raw", where), indicator=_field(entry, "indicator", where),
            indicator_en=_field(entry, "indicator_en", where),
            repeat_of=_field(entry, "repeat_of", where, required=False),
            occurrence=entry.get("occurrence", 1),
            qualifier=_field(entry, "qualifier", where, required=False),
            code=_field(entry, "code", where, required=False),
        )
        if not _ID.match(note.id):
            raise AnnotationError(f"{where}: id {note.id!r} must be lower-case words joined by '-'")
        if note.qualifier and note.qualifier not in QUALIFIERS:
            raise AnnotationError(f"{where}: qualifier must be one of {QUALIFIERS}. Got {note.qualifier!r} instead.")
        figures.append(note)
    overrides = []
    for i, entry in enumerate(doc.get("overrides") or []):
        where = f"{path}: overrides[{i}]"
        o = Override(context=_field(entry, "context", where), raw=_field(entry, "raw", where),
                     reason=_field(entry, "reason", where, required=False),
                     figure=bool(entry.get("figure", False)), occurrence=entry.get("occurrence", 1))
        if bool(o.reason) == o.figure:
            raise AnnotationError(f"{where}: give exactly one of `reason` or `figure: true`")
        if o.reason and o.reason not in REASONS:
            raise AnnotationError(f"{where}: reason must be one of {REASONS}. Got {o.reason!r} instead.")
        overrides.append(o)
    ids = [f.id for f in figures]
    dupes = sorted({x for x in ids if ids.count(x) > 1})
    if dupes:
        raise AnnotationError(f"{path}: duplicate figure id(s) {dupes}")
    seen: set[str] = set()
    for f in figures:
        if f.repeat_of and f.repeat_of not in seen:
            raise AnnotationError(
                f"{path}: figure {f.id!r} is a repeat of {f.repeat_of!r}, which must be an id "
                "listed before it")
        seen.add(f.id)
    return Annotations(str(path), str(doc.get("report", "")), tuple(figures), tuple(overrides))


_NUMERAL_RUN = re.compile(r"[0-9０-９][0-9０-９.,，．]*[0-9０-９]|[0-9０-９]")


def context_pattern(context: str) -> re.Pattern:
    """A pattern for ``context`` in which every Arabic number may differ.

    An annotation written for one copy of a report must still find its figure
    in a copy where the numbers changed (next year's report, a corrected
    reprint, an auditor's mutated test copy): the words around a figure
    identify it, the digits do not.

    Examples
    --------
    >>> bool(context_pattern("成功调解1031件").fullmatch("成功调解1,041件"))
    True
    >>> bool(context_pattern("成功调解1031件").fullmatch("调解1031件"))
    False
    """
    pieces, last = [], 0
    for m in _NUMERAL_RUN.finditer(context):
        pieces.append(re.escape(context[last:m.start()]))
        pieces.append(r"[0-9０-９][0-9０-９.,，．]*")
        last = m.end()
    pieces.append(re.escape(context[last:]))
    return re.compile("".join(pieces))


def _find_context(text: str, context: str, occurrence: int, where: str) -> tuple[int, int]:
    """Start and end of the ``occurrence``-th match of ``context``: literal first, then
    with its numbers free (see :func:`context_pattern`)."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(context), text)]
    if not spans:
        spans = [(m.start(), m.end()) for m in context_pattern(context).finditer(text)]
    starts = [s for s, _ in spans]
    if not starts:
        raise AnnotationError(f"{where}: context {context!r} is not in the report text")
    if occurrence == 1 and len(starts) > 1:
        raise AnnotationError(
            f"{where}: context {context!r} occurs {len(starts)} times (at {starts}); "
            "make it longer or give `occurrence: N`")
    if not 1 <= occurrence <= len(starts):
        raise AnnotationError(f"{where}: occurrence {occurrence} of {context!r}, but it occurs "
                              f"{len(starts)} time(s)")
    return spans[occurrence - 1]


def _mention_in(mentions: list[Mention], text: str, context: str, raw: str, occurrence: int,
                where: str) -> int:
    """Index of the one mention inside the context whose text is ``raw``."""
    ctx_start, ctx_end = _find_context(text, context, occurrence, where)
    offset = context.find(raw)
    if offset < 0:
        raise AnnotationError(f"{where}: raw {raw!r} is not inside context {context!r}")
    found = text[ctx_start:ctx_end]
    if found == context:
        lo, hi = ctx_start + offset, ctx_start + offset + len(raw)
    else:  # the numbers changed: locate raw by the words before and after it
        before, after = context[:offset], context[offset + len(raw):]
        m = re.compile(context_pattern(before).pattern + "(.*)" + context_pattern(after).pattern,
                       re.S).fullmatch(found)
        lo, hi = ctx_start + m.start(1), ctx_start + m.end(1)
    hits = [i for i, m in enumerate(mentions) if m.start < hi and lo < m.end]
    if len(hits) != 1:
        found = [mentions[i].quote for i in hits]
        raise AnnotationError(
            f"{where}: expected one mention at {raw!r} (offset {lo}) in context {context!r}; "
            f"the rules found {found or 'none'}")
    return hits[0]


def automatic_id(section: str, n: int) -> str:
    """A stable id for an unannotated figure: its section and its rank there.

    Examples
    --------
    >>> automatic_id("二(三)", 4), automatic_id("", 1)
    ('fig-2-3-04', 'fig-0-01')
    """
    return f"fig-{_section_code(section)}-{n:02d}"


@lru_cache(maxsize=4096)
def _section_code(section: str) -> str:
    """``'二(三)'`` -> ``'2-3'``: the section's numerals as digits (a report has few sections)."""
    from lawstats.reading.numerals import parse_chinese_numeral

    parts = [str(parse_chinese_numeral(x)) for x in re.findall(r"[一二三四五六七八九十]+", section)]
    return "-".join(parts) or "0"


def annotate(text: str, annotations: Annotations | None = None, *, locate=None,
             mentions: list[Mention] | None = None, strict: bool = True) -> Annotation:
    """Find the mentions of ``text`` and attach annotations to its figures.

    Parameters
    ----------
    text : str
        A report's canonical text.
    annotations : Annotations, optional
        Curated knowledge; without it every figure is labelled automatically.
    locate : callable, optional
        ``offset -> section label``, for automatic ids (``Report.locate``).
    mentions : list of Mention, optional
        Mentions already found (default: ``find_mentions(text)``).
    strict : bool
        For the report the annotations were written for: every annotation must
        match and every figure must be annotated.  With ``strict=False`` (another
        copy of the report) annotations that no longer match are listed in
        ``unmatched`` and unannotated figures are labelled automatically.

    Returns
    -------
    Annotation

    Raises
    ------
    AnnotationError
        If (strict) an annotation's context is missing or ambiguous, points at no
        figure, or a figure found by the rules has no annotation.
    """
    mentions = list(find_mentions(text) if mentions is None else mentions)
    notes = annotations.figures if annotations else ()
    src = annotations.path if annotations else "<none>"
    for i, o in enumerate(annotations.overrides if annotations else ()):
        where = f"{src}: overrides[{i}]"
        try:
            k = _mention_in(mentions, text, o.context, o.raw, o.occurrence, where)
        except AnnotationError:
            if strict:
                raise
            continue
        m = mentions[k]
        if o.figure:
            mentions[k] = replace(m, figure=parse_quantity(m.quote), reason=None)
        else:
            mentions[k] = replace(m, figure=None, reason=o.reason)

    by_mention: dict[int, FigureNote] = {}
    unmatched: list[str] = []
    matched_ids: set[str] = set()
    for i, note in enumerate(notes):
        where = f"{src}: figure {note.id!r}"
        try:
            k = _mention_in(mentions, text, note.context, note.raw, note.occurrence, where)
        except AnnotationError as exc:
            if strict:
                raise
            unmatched.append(str(exc))
            continue
        if mentions[k].figure is None:
            raise AnnotationError(
                f"{where}: the rules excluded {mentions[k].quote!r} as {mentions[k].reason!r}; "
                "add an override with `figure: true` if it is a figure")
        if k in by_mention:
            raise AnnotationError(f"{where}: the same mention is annotated as {by_mention[k].id!r}")
        by_mention[k] = note
        matched_ids.add(note.id)
        if note.qualifier:
            q = mentions[k].figure
            upper = q.upper if note.qualifier in ("exact", "range", "ratio", "at_most") else None
            lower = q.lower if note.qualifier != "at_most" else None
            mentions[k] = replace(mentions[k], figure=replace(
                q, qualifier=note.qualifier, lower=lower, upper=upper))

    figures: list[Annotated] = []
    excluded: list[Mention] = []
    ranks: dict[str, int] = {}
    missing = []
    for k, m in enumerate(mentions):
        if m.figure is None:
            excluded.append(m)
            continue
        note = by_mention.get(k)
        if note is not None:
            repeat_of = note.repeat_of if note.repeat_of in matched_ids else ""
            figures.append(Annotated(m, note.id, note.indicator, note.indicator_en, repeat_of,
                                     "curated", note.code))
            continue
        if annotations is not None and strict:
            missing.append(f"{m.quote!r} at {m.start}")
        section = locate(m.start) if locate else ""
        ranks[section] = ranks.get(section, 0) + 1
        figures.append(Annotated(m, automatic_id(section, ranks[section]), m.label, "", "",
                                 "automatic"))
    if missing:
        raise AnnotationError(
            f"{src}: {len(missing)} figure(s) found by the rules have no annotation: "
            + ", ".join(missing[:20]) + ("…" if len(missing) > 20 else "")
            + "; annotate them or add overrides")
    return Annotation(figures, excluded, unmatched, annotations.report if annotations else "")
