"""The structure of a report: parts, sections and enumerated points.

Reports of this kind share one outline:

* **parts** are headed ``一、`` … ``十、`` at the start of a line;
* **sections** inside a part are headed ``（一）`` … (full-width or ASCII
  brackets) at the start of a line;
* **points** are enumerated as ``一是`` … ``十是`` in running text (at a line
  start or after sentence punctuation), or numbered ``1.``, ``1．``, ``1、``
  at a line start, or ``（1）``, ``(1)`` at a line start or after sentence
  punctuation.

A heading's span runs from its first character to the start of the next
heading of the same or a higher level (or the end of the text).

Decisions
---------
- A heading's title is the rest of its line, up to its first ``。`` or ``：``
  (a *run-in* heading such as ``一、强化组织领导。县政府常务会议…`` has the
  title ``强化组织领导``), at most :data:`TITLE_MAX` characters: a longer
  title is cut at its first ``，`` or ``；`` within the limit, else at the limit,
  and ends with ``…``.
- A numbered point (``1.``, ``（1）``) counts only in sequence: the first of its
  style in a part or section is ``1`` and each next one is one more, so
  numbering restarts in each section and a stray ``3.`` is not a point.
- A text that opens mid-report (its first part is not ``一、``) or has no parts
  keeps the sections and points before its first part, with labels such as
  ``(三)`` and ``一是``.
- Full-width digits, ASCII brackets and colons, indentation with spaces or
  ideographic spaces, and lines of spaces are read like their usual forms.
- Every step is linear in the length of the text (no search from the start
  of the text per heading).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pandas is imported only when a table is asked for
    import pandas as pd

__all__ = ["Heading", "Structure", "parse_structure", "locate_sections", "heading_title", "CN_ORDINALS", "TITLE_MAX"]

#: The Chinese numerals used in headings, up to 99.
CN_ORDINALS = "一二三四五六七八九十"
#: The longest heading title kept (characters, without the closing ``…``).
TITLE_MAX = 50
_WS = " \t\u3000\xa0"
_NUM = rf"[{CN_ORDINALS}]{{1,3}}"
# group 2 is the rest of the line, trailing spaces included (greedy: twice as fast as stopping
# before them); heading_title and _title_end read it up to its first 。/： and strip it
_PART = re.compile(rf"^[{_WS}]*({_NUM})、[{_WS}]*(.*)$", re.M)
_SECTION = re.compile(rf"^[{_WS}]*[（(]({_NUM})[）)][{_WS}]*(.*)$", re.M)
_POINT = re.compile(rf"({_NUM})是")
_ARABIC_POINT = re.compile(rf"^[{_WS}]*([0-9０-９]{{1,2}})[.．、](?![0-9０-９])", re.M)
_BRACKET_POINT = re.compile(r"[（(]([0-9０-９]{1,2})[）)]")
# A point marker stands at the start of a line or right after sentence punctuation.
_POINT_AFTER = frozenset("\n。；;：:！？!?")
_TITLE_END = re.compile(r"[。：:]")
_TITLE_CUT = re.compile(r"[，,；;]")
_POINT_TITLE_END = re.compile(r"[，。；：,;:！？!?\n]")
_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


def heading_title(rest: str) -> str:
    """The title of a heading from the text after its numeral.

    Parameters
    ----------
    rest : str
        The heading line after ``一、`` or ``（一）``.

    Returns
    -------
    str
        The words up to the first ``。`` or ``：``, stripped; longer than
        :data:`TITLE_MAX` characters, cut at the first ``，``/``；`` within the
        limit, else at the limit, with ``…`` added.

    Examples
    --------
    >>> heading_title("强化组织领导。县政府常务会议研究法治工作3次。")
    '强化组织领导'
    >>> heading_title("提高政治站位，全力落实法治政府建设任务")
    '提高政治站位，全力落实法治政府建设任务'
    >>> heading_title("存在的问题:")
    '存在的问题'
    >>> t = heading_title("甲" * 30 + "，" + "乙" * 600)
    >>> t == "甲" * 30 + "…"
    True
    """
    m = _TITLE_END.search(rest, 0, TITLE_MAX + 1)
    title = (rest[: m.start()] if m else rest).strip(_WS)
    if len(title) <= TITLE_MAX:
        return title
    cut = _TITLE_CUT.search(title, 0, TITLE_MAX)
    return title[: cut.start() if cut else TITLE_MAX].strip(_WS) + "…"


@dataclass(frozen=True)
class Heading:
    """One part, section or point.

    Attributes
    ----------
    level : str
        ``"part"``, ``"section"`` or ``"point"``.
    numeral : str
        Its numeral as written, e.g. ``"三"``.
    title : str
        The heading's text without the numeral; for a point, the words up to
        the first punctuation mark.
    start, end : int
        The span of the whole part/section/point in the canonical text.
    heading_end : int
        Where the heading line (or point marker) ends.
    label : str
        Its address: ``"二"`` for a part, ``"二(三)"`` for a section,
        ``"二(三)一是"`` for a point.
    """

    level: str
    numeral: str
    title: str
    start: int
    end: int
    heading_end: int
    label: str


@dataclass(frozen=True)
class Structure:
    """The outline of a report, in text order within each level."""

    parts: tuple[Heading, ...]
    sections: tuple[Heading, ...]
    points: tuple[Heading, ...]

    def locate(self, offset: int) -> str:
        """Return the label of the part and section that contain ``offset``.

        Returns ``""`` for text before the first part (title and preamble).

        Examples
        --------
        >>> s = parse_structure("前言\\n一、甲\\n（一）乙\\n共3件\\n二、丙\\n共4件")
        >>> s.locate(0), s.locate(14), s.locate(21)
        ('', '一(一)', '二')
        """
        section = _find(self.sections, offset)
        if section is not None:
            return section.label
        part = _find(self.parts, offset)
        return part.label if part is not None else ""

    def locate_all(self, offsets: "Iterable[int]") -> list[str]:
        """:meth:`locate` of many offsets at once (the label of each, in the order given).

        The same labels as ``[self.locate(o) for o in offsets]``, with the
        headings' starts listed once rather than looked up per offset: a
        report has hundreds of mentions and a handful of headings.

        Examples
        --------
        >>> s = parse_structure("前言\\n一、甲\\n（一）乙\\n共3件\\n二、丙\\n共4件")
        >>> s.locate_all([0, 14, 21, 14]) == [s.locate(o) for o in (0, 14, 21, 14)]
        True
        """
        sections, parts = self.sections, self.parts
        section_starts = [h.start for h in sections]
        part_starts = [h.start for h in parts]
        out = []
        for offset in offsets:
            i = bisect_right(section_starts, offset) - 1
            if i >= 0 and offset < sections[i].end:
                out.append(sections[i].label)
                continue
            i = bisect_right(part_starts, offset) - 1
            out.append(parts[i].label if i >= 0 and offset < parts[i].end else "")
        return out

    def headings(self) -> list[Heading]:
        """Every heading, in text order."""
        return sorted(self.parts + self.sections + self.points, key=lambda h: (h.start, h.level))

    def to_frame(self) -> "pd.DataFrame":
        """The outline as a table: one row per part, section and point.

        Columns are ``level, label, numeral, title, start, end, length``.
        """
        import pandas as pd

        rows = [
            {"level": h.level, "label": h.label, "numeral": h.numeral, "title": h.title,
             "start": h.start, "end": h.end, "length": h.end - h.start}
            for h in self.headings()
        ]
        return pd.DataFrame(rows, columns=["level", "label", "numeral", "title", "start", "end",
                                           "length"])


def _start(heading: Heading) -> int:
    return heading.start


def _find(headings: tuple[Heading, ...], offset: int) -> Heading | None:
    i = bisect_right(headings, offset, key=_start) - 1
    if i >= 0 and headings[i].start <= offset < headings[i].end:
        return headings[i]
    return None


def _spans(starts: list[int], limits: list[int], end: int) -> list[int]:
    """The end of each span: the next start or the next limit (sorted), whichever is first."""
    out = []
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        j = bisect_right(limits, start)
        out.append(min(stop, limits[j]) if j < len(limits) else stop)
    return out


def _after_punctuation(text: str, pos: int) -> bool:
    """True if only spaces stand between ``pos`` and a line start or sentence punctuation."""
    j = pos
    while j > 0 and text[j - 1] in _WS:
        j -= 1
    return j == 0 or text[j - 1] in _POINT_AFTER


def _title_end(m: re.Match) -> int:
    """Where a heading ends: after its run-in title's ``。``/``：``, else at the line end."""
    rest = m.group(2)
    stop = _TITLE_END.search(rest, 0, TITLE_MAX + 1)
    return m.start(2) + stop.end() if stop else m.end()


def _section_spans(text: str):
    """The part and section headings of a text as plain lists, no :class:`Heading` made:
    ``(parts, part_ends, sections, section_ends, section_labels, kept)``, where ``parts`` and
    ``sections`` are the heading matches kept and ``kept(pos)`` tells whether a position is
    inside a part, or before the first part of a text opened mid-report."""
    n = len(text)
    parts = list(_PART.finditer(text))
    opened_mid = not parts or parts[0].group(1) != "一"
    first_part = parts[0].start() if parts else n
    part_starts = [m.start() for m in parts]
    part_ends = _spans(part_starts, [], n)

    def part_at(pos: int) -> int:  # the index of the part containing pos, or -1 (as _find)
        i = bisect_right(part_starts, pos) - 1
        return i if i >= 0 and pos < part_ends[i] else -1

    def kept(pos: int) -> bool:
        return part_at(pos) >= 0 or (opened_mid and pos < first_part)

    sections = [m for m in _SECTION.finditer(text) if kept(m.start())]
    section_ends, section_labels = [], []
    for m, end in zip(sections, _spans([m.start() for m in sections], part_starts, n)):
        i = part_at(m.start())
        section_ends.append(min(end, part_ends[i]) if i >= 0 else end)
        section_labels.append(f"{parts[i].group(1) if i >= 0 else ''}({m.group(1)})")
    return parts, part_ends, sections, section_ends, section_labels, kept


def _parts_and_sections(text: str):
    """The parts and sections of a text, and the two lookups :func:`parse_structure` finds
    points with: ``kept(pos)`` (inside a part, or before the first part of a text opened
    mid-report) and ``container(pos)`` (the section, else the part, containing ``pos``)."""
    parts, part_ends, sections, section_ends, section_labels, kept = _section_spans(text)
    part_headings = tuple(
        Heading("part", m.group(1), heading_title(m.group(2)), m.start(), end, _title_end(m), m.group(1))
        for m, end in zip(parts, part_ends)
    )
    section_headings = tuple(
        Heading("section", m.group(1), heading_title(m.group(2)), m.start(), end, _title_end(m), label)
        for m, end, label in zip(sections, section_ends, section_labels)
    )

    def container(pos: int) -> Heading | None:
        return _find(section_headings, pos) or _find(part_headings, pos)

    return part_headings, section_headings, kept, container


def locate_sections(text: str, offsets: "Iterable[int]") -> list[str]:
    """``parse_structure(text).locate_all(offsets)`` without parsing the points and titles:
    the part/section label of each offset, from the same part and section headings.

    :func:`lawstats.extraction.extract.extract_files`, which only locates mentions, uses it.

    Examples
    --------
    >>> text = "前言\\n一、总则\\n（一）学习\\n一是抓学习。共3件\\n二、执法\\n共4件"
    >>> offsets = [0, text.index("共3件"), text.index("共4件")]
    >>> locate_sections(text, offsets)
    ['', '一(一)', '二']
    >>> locate_sections(text, range(len(text))) == parse_structure(text).locate_all(range(len(text)))
    True
    """
    parts, part_ends, sections, section_ends, section_labels, _ = _section_spans(text)
    part_starts = [m.start() for m in parts]
    section_starts = [m.start() for m in sections]
    out = []
    for offset in offsets:  # as Structure.locate_all
        i = bisect_right(section_starts, offset) - 1
        if i >= 0 and offset < section_ends[i]:
            out.append(section_labels[i])
            continue
        i = bisect_right(part_starts, offset) - 1
        out.append(parts[i].group(1) if i >= 0 and offset < part_ends[i] else "")
    return out


def parse_structure(text: str) -> Structure:
    """Find the parts, sections and enumerated points of a report text.

    Parameters
    ----------
    text : str
        A report's canonical text.

    Returns
    -------
    Structure

    Examples
    --------
    >>> s = parse_structure("一、总则\\n（一）学习\\n一是抓学习。二是抓落实。\\n二、执法\\n")
    >>> [h.label for h in s.headings()]
    ['一', '一(一)', '一(一)一是', '一(一)二是', '二']
    >>> s.points[1].title
    '抓落实'
    >>> s = parse_structure("一、强化领导。会议3次。\\n（一）学习：\\n1. 学法。\\n2．用法\\n（二）执法\\n（1）查案\\n")
    >>> [(h.label, h.title) for h in s.headings()]
    [('一', '强化领导'), ('一(一)', '学习'), ('一(一)1.', '学法'), ('一(一)2.', '用法'), ('一(二)', '执法'), ('一(二)(1)', '查案')]
    """
    n = len(text)
    part_headings, section_headings, kept, container = _parts_and_sections(text)
    heading_starts = sorted([h.start for h in part_headings] + [h.start for h in section_headings])

    # (start, marker end, numeral, label suffix)
    found: list[tuple[int, int, str, str]] = []
    for m in _POINT.finditer(text):
        if _after_punctuation(text, m.start()) and kept(m.start()):
            found.append((m.start(), m.end(), m.group(1), f"{m.group(1)}是"))
    sequence: dict[tuple[str, int], int] = {}  # (style, container start) -> last number
    numbered = [(m, ".") for m in _ARABIC_POINT.finditer(text)]
    numbered += [(m, "()") for m in _BRACKET_POINT.finditer(text) if _after_punctuation(text, m.start())]
    for m, style in sorted(numbered, key=lambda x: x[0].start()):
        if not kept(m.start()):
            continue
        home = container(m.start())
        key = (style, home.start if home is not None else -1)
        number = int(m.group(1).translate(_TO_ASCII))
        if number != sequence.get(key, 0) + 1:
            continue  # numbering restarts in each part or section and goes up by one
        sequence[key] = number
        suffix = f"{number}." if style == "." else f"({number})"
        start = m.start(1) if style == "." else m.start()
        found.append((start, m.end(), m.group(1), suffix))
    found.sort()

    point_headings = []
    for (start, marker_end, numeral, suffix), end in zip(found, _spans([f[0] for f in found], heading_starts, n)):
        home = container(start)
        if home is not None:
            end = min(end, home.end)
        body = text[marker_end:end].lstrip(_WS)
        stop = _POINT_TITLE_END.search(body, 0, TITLE_MAX + 1)
        title = heading_title(body[: stop.start()] if stop else body[: TITLE_MAX + 1])
        point_headings.append(Heading("point", numeral, title, start, end, marker_end,
                                      f"{home.label if home is not None else ''}{suffix}"))
    return Structure(part_headings, section_headings, tuple(point_headings))
