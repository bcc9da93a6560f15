"""The structure of a report: parts, sections and enumerated points.

Reports of this kind share one outline:

* **parts** are headed ``一、`` … ``十、`` at the start of a line;
* **sections** inside a part are headed ``（一）`` … (full-width or ASCII
  brackets) at the start of a line;
* **points** are enumerated in running text as ``一是`` … ``十是``.

A heading's span runs from its first character to the start of the next
heading of the same or a higher level (or the end of the text).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported only when a table is asked for
    import pandas as pd

__all__ = ["Heading", "Structure", "parse_structure", "CN_ORDINALS"]

#: The Chinese numerals used in headings, up to 99.
CN_ORDINALS = "一二三四五六七八九十"
_NUM = rf"[{CN_ORDINALS}]{{1,3}}"
_PART = re.compile(rf"^[ \t\u3000]*({_NUM})、[ \t\u3000]*(.*?)[ \t\u3000]*$", re.M)
_SECTION = re.compile(rf"^[ \t\u3000]*[（(]({_NUM})[）)][ \t\u3000]*(.*?)[ \t\u3000]*$", re.M)
_POINT = re.compile(rf"({_NUM})是")
# A point marker stands at the start of a line or right after sentence punctuation.
_POINT_CONTEXT = re.compile(r"(?:^|(?<=[\n。；;：:！？]))[ \t\u3000]*$")


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


def _spans(matches: list[re.Match], limits: list[int], end: int) -> list[tuple[re.Match, int]]:
    """Pair each match with the end of its span: the next match or the next limit."""
    out = []
    for i, m in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else end
        later = [x for x in limits if m.start() < x < stop]
        out.append((m, min(later) if later else stop))
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
    """
    parts = list(_PART.finditer(text))
    part_spans = _spans(parts, [], len(text))
    part_headings = tuple(
        Heading("part", m.group(1), m.group(2), m.start(), end, m.end(), m.group(1))
        for m, end in part_spans
    )
    part_starts = [h.start for h in part_headings]

    sections = [m for m in _SECTION.finditer(text) if _find(part_headings, m.start())]
    section_headings = []
    for m, end in _spans(sections, part_starts, len(text)):
        parent = _find(part_headings, m.start())
        end = min(end, parent.end)
        section_headings.append(Heading("section", m.group(1), m.group(2), m.start(), end,
                                        m.end(), f"{parent.label}({m.group(1)})"))
    section_headings = tuple(section_headings)

    heading_starts = sorted(part_starts + [h.start for h in section_headings])
    points = [
        m for m in _POINT.finditer(text)
        if _POINT_CONTEXT.search(text, 0, m.start()) and _find(part_headings, m.start())
    ]
    point_headings = []
    for m, end in _spans(points, heading_starts, len(text)):
        container = _find(section_headings, m.start()) or _find(part_headings, m.start())
        end = min(end, container.end)
        title = re.split(r"[，。；：,;:！？\n]", text[m.end():end], maxsplit=1)[0].strip()
        point_headings.append(Heading("point", m.group(1), title, m.start(), end, m.end(),
                                      f"{container.label}{m.group(1)}是"))
    return Structure(part_headings, section_headings, tuple(point_headings))
