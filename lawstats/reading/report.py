"""Load a report file into its canonical text.

Every character offset in lawstats refers to a report's *canonical text*:

* the file's bytes decoded with their encoding (UTF-8, UTF-8 with BOM,
  UTF-16 with BOM, GB18030 — which covers GBK and GB2312);
* with a leading byte-order mark removed;
* with CRLF and lone CR line ends turned into LF.

Nothing else is changed: full-width digits and punctuation, trailing spaces,
blank lines and the leading empty line all stay, so that a quote taken from the
canonical text can be found again in the file as received.  A UTF-8 file with
LF line ends and no BOM (like ``data/raw/luzhai-2021.txt``) *is* its canonical
text, unchanged.

The title
---------
A text copied from a web page starts with the page's chrome: a breadcrumb
(``您所在的位置：首页 > 信息公开 > …``, ``首页→``), a row of site links
(``• 网站首页 • 长者模式``), a metadata block (``索引号``, ``发文字号``,
``发布日期``, ``主题分类``, ``发布机构``…), and then the title, sometimes twice,
sometimes not at all.  :func:`find_title` takes the first line, among the
first 40 non-empty lines and before the first heading, that looks like a
title: it names the subject (``法治`` or ``依法行政``) and is a report
(``报告`` or ``情况``, also in traditional characters), has at most 60
characters and no sentence punctuation, and is not chrome.  A title broken
over two lines (``…工作情况`` / ``的报告``) is joined.  When the text has no
title, the report is titled with its file name (without the suffix) and
:attr:`Report.title_source` says ``"file name"`` instead of ``"text"``.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lawstats.paths import package_dir
from lawstats.errors import ReportError
from lawstats.reading.structure import Structure, parse_structure

__all__ = ["Report", "load_report", "load_report_text", "decode_report", "default_report_path", "find_title", "DATA_DIR",
           "MAX_BYTES", "max_bytes_default", "parse_size", "read_text_file"]

#: The project's data folder (``data/`` beside the package when run from a checkout;
#: absent when lawstats is installed, see :mod:`lawstats.paths`).
DATA_DIR = package_dir().parent / "data"
#: The project's report ships as package data, in its case study's folder.
_DEFAULT_REPORT = ("luzhai_2021", "luzhai-2021.txt")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


#: The largest report file read by default: 50 MB (a report is tens of kilobytes).  The
#: environment variable ``LAWSTATS_MAX_BYTES`` or the ``--max-bytes`` option raises it.
MAX_BYTES = 50_000_000

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))
_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}


def parse_size(text: str) -> int:
    """A size in bytes from ``"50000000"``, ``"50MB"``, ``"200k"`` (units of 1000).

    Examples
    --------
    >>> parse_size("50MB"), parse_size("200k"), parse_size("1024")
    (50000000, 200000, 1024)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a size; expected bytes, e.g. 50000000 or 50MB
    """
    import re

    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*", str(text))
    if not m or m.group(2).upper() not in _UNITS or float(m.group(1)) * _UNITS[m.group(2).upper()] < 1:
        raise ValueError(f"{text!r} is not a size; expected bytes, e.g. 50000000 or 50MB")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def max_bytes_default() -> int:
    """The size limit for a report: ``$LAWSTATS_MAX_BYTES`` if set, else :data:`MAX_BYTES`.

    The environment variable carries ``--max-bytes`` into the notebooks a
    build executes.
    """
    value = os.environ.get("LAWSTATS_MAX_BYTES")
    if not value:
        return MAX_BYTES
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ReportError("$LAWSTATS_MAX_BYTES", str(exc)) from None


def _size(n: int) -> str:
    return f"{n:,} bytes" if n < 10**6 else f"{n / 10**6:,.1f} MB ({n:,} bytes)"


def read_text_file(path: str | Path, max_bytes: int | None = None, what: str = "a report text file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, refusing anything else before reading.

    A directory, named pipe, socket or device is refused at once (by
    ``os.stat``, without opening it, so a pipe cannot make lawstats wait); a
    file larger than the limit is refused without being read.

    Parameters
    ----------
    path : str or Path
        The file.
    max_bytes : int, optional
        The size limit; default :func:`max_bytes_default` (50 MB).
    what : str
        What was expected, for the message.

    Raises
    ------
    ReportError
        Naming the file, what it is, and what was expected.

    Examples
    --------
    >>> read_text_file("/dev/null")
    Traceback (most recent call last):
    ...
    lawstats.errors.ReportError: /dev/null: is a character device, not a regular file; expected a report text file
    """
    p = str(path)
    limit = max_bytes_default() if max_bytes is None else max_bytes
    try:
        info = os.stat(p)
    except FileNotFoundError:
        raise ReportError(p, f"no such file; expected the path of {what}") from None
    except OSError as exc:
        raise ReportError(p, f"cannot be read: {exc.strerror}; expected {what}") from None
    _check_regular(p, info, limit, what)
    try:
        # O_NONBLOCK: should the path have become a pipe since the stat, opening it cannot hang
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ReportError(p, f"cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        _check_regular(p, info, limit, what)
        # one byte more than its size shows a file that grew (or a size of 0, as /proc reports);
        # not read(limit + 1) at once, which sets aside limit + 1 bytes for every file
        data = fh.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += fh.read(limit + 1 - len(data))
    if len(data) > limit:  # it grew after the check
        raise ReportError(p, f"is larger than the limit of {_size(limit)}; expected {what} "
                          "(raise the limit with --max-bytes)")
    return data


def _check_regular(path: str, info: os.stat_result, limit: int, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise ReportError(path, f"is {kind}, not a regular file; expected {what}")
    if info.st_size > limit:
        raise ReportError(path, f"is {_size(info.st_size)}, over the limit of {_size(limit)}; "
                          f"expected {what} (raise the limit with --max-bytes)")


def default_report_path() -> Path:
    """Return the path of the project's default report, shipped with its case study.

    It is a byte-for-byte copy of ``data/raw/luzhai-2021.txt`` (a test keeps
    them identical), so an installed lawstats has it too.

    Examples
    --------
    >>> default_report_path().name
    'luzhai-2021.txt'
    """
    from lawstats.paths import case_studies_dir

    folder, name = _DEFAULT_REPORT
    return case_studies_dir() / folder / name


@dataclass(frozen=True)
class Report:
    """A report: its canonical text and what is known about it.

    Attributes
    ----------
    path : str
        The file it was read from.
    text : str
        The canonical text (see the module docstring); offsets refer to it.
    encoding : str
        The encoding the file was decoded with.
    file_sha256 : str
        sha256 of the file's bytes as received.
    sha256 : str
        sha256 of the canonical text encoded as UTF-8: the provenance hash.
        Equal to ``file_sha256`` for a UTF-8 file with LF ends and no BOM.
    title : str
        The report's title as found in the text (see :func:`find_title`), or
        its file name without the suffix when the text has none.
    structure : Structure
        Parts, sections and enumerated points with their spans.
    meta : dict
        The provenance recorded beside the file (``<name>.yaml``), or ``{}``.
    title_source : str
        ``"text"`` when the title was found in the text, ``"file name"`` when
        it is the file name.
    """

    path: str
    text: str
    encoding: str
    file_sha256: str
    sha256: str
    title: str
    structure: Structure = field(repr=False)
    meta: dict = field(default_factory=dict, repr=False, compare=False)
    title_source: str = "text"

    @property
    def name(self) -> str:
        """The file name without its suffix, e.g. ``'luzhai-2021'``."""
        return Path(self.path).stem

    def locate(self, offset: int) -> str:
        """Return the part/section label of a character offset, e.g. ``'二(三)'``.

        See :meth:`lawstats.reading.structure.Structure.locate`.
        """
        return self.structure.locate(offset)

    def __len__(self) -> int:
        return len(self.text)


def decode_report(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes to canonical text.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str
        Used in error messages only.

    Returns
    -------
    (text, encoding) : tuple of str
        The canonical text and the name of the encoding that decoded it.

    Raises
    ------
    ReportError
        If the bytes are empty, binary, or in no supported encoding.

    Examples
    --------
    >>> decode_report("一、总则\\r\\n共3件".encode("gb18030"))
    ('一、总则\\n共3件', 'gb18030')
    >>> decode_report(codecs.BOM_UTF8 + "共3件".encode())
    ('共3件', 'utf-8-sig')
    """
    if not data:
        raise ReportError(path, "the file is empty; expected the text of a report")
    text = encoding = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise ReportError(
                    path, f"starts with a {codec} byte-order mark but byte {exc.start} "
                    f"does not decode as {codec}: {exc.reason}") from None
            break
    if text is None:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise ReportError(
                path, f"looks binary (NUL byte at byte {nul}); expected a text file in "
                "UTF-8, GB18030/GBK, or UTF-16 with a byte-order mark")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as gb_error:
                raise ReportError(
                    path, f"cannot be decoded: not UTF-8 (bad byte at {utf8_error.start}) and "
                    f"not GB18030 (bad byte at {gb_error.start}); expected UTF-8, GB18030/GBK "
                    "or UTF-16 with a byte-order mark") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ReportError(path, f"contains a NUL character at offset {text.index(chr(0))}; "
                          "expected plain text")
    if not text.strip():
        raise ReportError(path, "contains only white space; expected the text of a report")
    return text, encoding


def load_report(path: str | Path | None = None, max_bytes: int | None = None) -> Report:
    """Read a report file.

    Only a regular file is read (see :func:`read_text_file`): a directory,
    named pipe, socket or device is refused at once, and a file over
    ``max_bytes`` before it is read.

    Parameters
    ----------
    path : str or Path, optional
        The report file.  Defaults to the project's report
        (:func:`default_report_path`).
    max_bytes : int, optional
        The largest file read; default :func:`max_bytes_default`
        (``$LAWSTATS_MAX_BYTES`` or 50 MB).

    Returns
    -------
    Report

    Raises
    ------
    ReportError
        If the file is missing, not a regular file, too large, empty, binary
        or undecodable; the message names the file, the position and what was expected.

    Examples
    --------
    >>> report = load_report()
    >>> report.title
    '鹿寨县2021年度法治政府建设工作情况报告'
    >>> report.sha256 == report.file_sha256
    True
    >>> report.locate(report.text.index("网办率96.34%"))
    '二(二)'
    """
    p = Path(path) if path is not None else default_report_path()
    data = read_text_file(p, max_bytes)
    text, encoding = decode_report(data, str(p))
    title = find_title(text)
    title_source = "text" if title is not None else "file name"
    return Report(
        path=str(p),
        text=text,
        encoding=encoding,
        file_sha256=hashlib.sha256(data).hexdigest(),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title if title is not None else p.stem,
        structure=parse_structure(text),
        meta=_read_meta(p),
        title_source=title_source,
    )



def load_report_text(path: str | Path, max_bytes: int | None = None) -> tuple[str, str, str]:
    """The name, canonical text and provenance hash of a report file, without its title and outline.

    What :func:`load_report` gives as ``name``, ``text`` and ``sha256``, with the same checks and
    the same errors in the same order (the file, its decoding, then its provenance file); for a
    caller that needs no title or points, such as :func:`lawstats.extraction.extract.extract_files`,
    which locates mentions with :func:`lawstats.reading.structure.locate_sections`.

    Examples
    --------
    >>> report = load_report()
    >>> load_report_text(default_report_path()) == (report.name, report.text, report.sha256)
    True
    """
    p = Path(path)
    data = read_text_file(p, max_bytes)
    text, _ = decode_report(data, str(p))
    _read_meta(p)
    return p.stem, text, hashlib.sha256(text.encode("utf-8")).hexdigest()


_TITLE_LINES = 40
_TITLE_MAX = 60
_CHROME = re.compile(r"[>＞→»›|｜•·●◆■▪]|您所在的位置|当前位置|首页|索引号|发文字号|文号|发布日期|发布时间"
                     r"|成文日期|主题分类|发布机构|发文机关|来源|浏览|字号|打印|关闭|分享")
_STOP = re.compile(r"[。，；！？：,;!?:]")
_SUBJECT = re.compile(r"法治|依法行政")
_A_REPORT = re.compile(r"报告|報告|情况|情況")
_REPORT_END = re.compile(r"(?:报告|報告)$")
_HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
_LINE_EDGE = " \t\u3000\xa0"


def _plain(line: str) -> bool:
    """A line that can be (part of) a title: no chrome, no sentence punctuation, short."""
    return bool(line) and len(line) <= _TITLE_MAX and not _CHROME.search(line) and not _STOP.search(line)


def find_title(text: str) -> str | None:
    """The report's title, skipping page chrome; ``None`` when the text has none.

    See the module docstring for the rule.

    Examples
    --------
    >>> find_title("您所在的位置：首页 > 信息公开\\n• 索引号：11/2024-3\\n某县2023年法治政府建设年度报告\\n正文")
    '某县2023年法治政府建设年度报告'
    >>> find_title("某县人民政府关于2023年度法治政府建设\\n情况的报告\\n")
    '某县人民政府关于2023年度法治政府建设情况的报告'
    >>> find_title("（三）加强队伍建设。全年培训2次。") is None
    True
    """
    lines = []
    for raw in text.split("\n", _TITLE_LINES * 4)[: _TITLE_LINES * 4]:
        line = raw.strip(_LINE_EDGE)
        if not line:
            continue
        if _HEADING_LINE.match(line) or len(lines) >= _TITLE_LINES:
            break
        lines.append(line)
    for i, line in enumerate(lines):
        if not _plain(line):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else ""
        joined = line + after
        if (_plain(after) and _REPORT_END.search(after) and not _REPORT_END.search(line)
                and len(joined) <= _TITLE_MAX and _SUBJECT.search(joined)):
            return joined  # a title broken over two lines
        if _SUBJECT.search(line) and _A_REPORT.search(line):
            return line
    return None


def _read_meta(path: Path) -> dict:
    """The provenance file beside a report (``<name>.yaml``), if there is one."""
    meta_path = path.with_suffix(".yaml")
    if not meta_path.is_file():
        return {}
    import yaml

    try:
        data = read_text_file(meta_path, what="a YAML provenance file")
        # libyaml's safe loader when PyYAML has it (same result, about ten times faster)
        meta = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportError(str(meta_path), f"is not valid YAML provenance: {exc}") from None
    if not isinstance(meta, dict):
        raise ReportError(str(meta_path), "expected a mapping of provenance fields")
    return meta
