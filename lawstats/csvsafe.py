"""CSV files that are safe to open in a spreadsheet, and read back unchanged.

A spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or carriage return) as a formula: a label such as
``=SUM受理案件`` or ``@cmd受理申请`` taken from a report would run.  Following
OWASP's advice on CSV injection, every CSV lawstats writes goes through
:func:`frame_to_csv`, which prefixes such a *text* cell with a single quote
``'``; numbers are left as they are (numeric columns, and text that is a plain
number such as ``-3``, ``+2.5`` or ``-50%``, which a spreadsheet reads as a
number).  :func:`read_csv` removes the prefix again, so lawstats reads back
exactly the text it wrote.

So that reading is exact, a text cell that already starts with quotes followed
by one of those characters (``'=x``) gets one more quote (``''=x``), and
:func:`unescape_cell` removes exactly one quote from any cell made of one or
more quotes followed by one of those characters.  Any other cell is unchanged
both ways.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_START", "escape_cell", "unescape_cell", "frame_to_csv", "read_csv"]

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = "=+-@\t\r"
_ESCAPE = re.compile(r"'*[=+\-@\t\r]", re.DOTALL)
_UNESCAPE = re.compile(r"'+[=+\-@\t\r]", re.DOTALL)
_FIRST = ("'",) + tuple(FORMULA_START)
#: A field of CSV text that may start with one of them (a cheap test over the whole text).
_MAYBE = re.compile(r"[,\n]\"?['=+\-@\t\r]")
#: A field of CSV text that may be an escaped cell.
_ESCAPED = re.compile(r"[,\n]\"?'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?", re.ASCII)


def escape_cell(value: Any) -> Any:
    """The cell as written to a CSV: text that a spreadsheet would run gets a leading ``'``.

    Examples
    --------
    >>> escape_cell("=SUM受理案件"), escape_cell("@cmd"), escape_cell("-3"), escape_cell("成功调解1031件")
    ("'=SUM受理案件", "'@cmd", '-3', '成功调解1031件')
    >>> escape_cell("'=x"), escape_cell("-"), escape_cell(-3), escape_cell("-50%"), escape_cell("-1+2")
    ("''=x", "'-", -3, '-50%', "'-1+2")
    """
    if isinstance(value, str) and _ESCAPE.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unescape_cell(value: Any) -> Any:
    """The original text of a cell :func:`escape_cell` wrote.

    Examples
    --------
    >>> unescape_cell("'=SUM受理案件"), unescape_cell("''=x"), unescape_cell("'quoted"), unescape_cell("-3")
    ('=SUM受理案件', "'=x", "'quoted", '-3')
    """
    if isinstance(value, str) and _UNESCAPE.match(value):
        return value[1:]
    return value


def _is_text_column(column: "pd.Series") -> bool:
    return column.dtype == object or str(column.dtype) in ("string", "str")


def frame_to_csv(frame: "pd.DataFrame") -> str:
    """``frame`` as CSV text (no index, LF line ends) with every text cell escaped.

    A table with a carriage return inside a cell has every cell quoted, so
    that the CR is not read as a line end.

    Examples
    --------
    >>> import pandas as pd
    >>> print(frame_to_csv(pd.DataFrame({"indicator": ["=1+2", "案件"], "value": [-3, 4]})), end="")
    indicator,value
    '=1+2,-3
    案件,4
    """
    text = frame.to_csv(index=False, lineterminator="\n")
    if _MAYBE.search(text) is None and "\r" not in text:  # the usual case: no cell to escape
        return text
    changed = {}
    for c in frame.columns:
        if not _is_text_column(frame[c]):
            continue
        mask = frame[c].str.startswith(_FIRST, na=False)  # few cells: then the exact rule
        if mask.any():
            changed[c] = frame[c].where(~mask, frame[c][mask].map(escape_cell))
    if changed:
        frame = frame.assign(**changed)
    text = frame.to_csv(index=False, lineterminator="\n")
    if "\r" in text:
        # Python's csv writer does not quote a lone CR when lines end in LF, and a reader
        # would take it for a line end: quote every cell of such a (rare) table
        import csv

        return frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)
    return text


def read_csv(source, **kwargs) -> "pd.DataFrame":
    """Read a CSV lawstats wrote (a path or a file-like object), undoing :func:`escape_cell`.

    Keyword arguments go to :func:`pandas.read_csv`; the defaults are every
    column as text and empty cells as ``""``.  Columns given ``converters``
    receive the unescaped text.

    Examples
    --------
    >>> import io
    >>> read_csv(io.StringIO("indicator,value\\n'=1+2,-3\\n")).iloc[0].tolist()
    ['=1+2', '-3']
    """
    import pandas as pd

    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8", newline="") as fh:
            source = io.StringIO(fh.read())
    elif not isinstance(source, io.StringIO):
        data = source.read()
        source = io.StringIO(data.decode("utf-8") if isinstance(data, bytes) else data)
    quoted = _ESCAPED.search(source.getvalue()) is not None  # usually none: nothing to undo
    kwargs.setdefault("keep_default_na", False)
    if "dtype" not in kwargs:
        kwargs["dtype"] = str
    converters = kwargs.pop("converters", None) or {}
    converters = {c: (lambda f: lambda x: f(unescape_cell(x)))(f) for c, f in converters.items()}
    frame = pd.read_csv(source, converters=converters or None, **kwargs)
    for column in frame.columns if quoted else ():
        if column not in converters and _is_text_column(frame[column]):
            col = frame[column]
            mask = col.str.startswith("'", na=False)
            if mask.any():
                mask[mask] = col[mask].str.match(_UNESCAPE.pattern)
            if mask.any():
                frame[column] = col.where(~mask, col[mask].str[1:])
    return frame
