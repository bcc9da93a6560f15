"""Exception classes: one per failure family.

Every error names the input (a file or a text), where in it the problem is,
and what was expected instead.
"""
from __future__ import annotations

__all__ = ["LawstatsError", "ReportError", "ParseError", "AnnotationError", "BuildError"]


class LawstatsError(Exception):
    """Base class of every error raised on purpose by lawstats."""


class ReportError(LawstatsError, ValueError):
    """A report file cannot be read: missing, empty, binary or undecodable.

    Parameters
    ----------
    path : str
        The file that was being read.
    problem : str
        What is wrong and what was expected.

    Examples
    --------
    >>> str(ReportError("a.txt", "the file is empty; expected report text"))
    'a.txt: the file is empty; expected report text'
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ParseError(LawstatsError, ValueError):
    """A quantity expression cannot be parsed.

    Also raised for a numeral of more than
    :data:`lawstats.reading.numerals.MAX_DIGITS` (30) digits, at its 31st digit, so
    that no input reaches Python's limit on converting long digit strings.

    Parameters
    ----------
    text : str
        The text being parsed.
    offset : int
        The character offset in ``text`` where parsing failed.
    expected : str
        What was expected at that offset.

    Examples
    --------
    >>> err = ParseError("1.2.3", 3, "a digit or a measure word")
    >>> err.offset
    3
    >>> str(err)
    "cannot parse '1.2.3' at offset 3 ('.'): expected a digit or a measure word"
    """

    def __init__(self, text: str, offset: int, expected: str) -> None:
        self.text = text
        self.offset = offset
        self.expected = expected
        here = repr(text[offset]) if 0 <= offset < len(text) else "end of text"
        shown = text if len(text) <= 60 else text[:57] + "..."
        super().__init__(f"cannot parse {shown!r} at offset {offset} ({here}): expected {expected}")


class AnnotationError(LawstatsError, ValueError):
    """A hand-made data file (annotations, checks) does not match the report or its schema."""


class BuildError(LawstatsError, RuntimeError):
    """Building the site failed; the message names the notebook and cell."""
