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
"""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReportError
from .structure import Structure, parse_structure

__all__ = ["Report", "load_report", "decode_report", "default_report_path", "DATA_DIR"]

#: The project's data folder (``data/`` beside the package when run from a checkout;
#: absent when lawstats is installed, see :mod:`lawstats.paths`).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: The project's report ships as package data, in its case study's folder.
_DEFAULT_REPORT = ("luzhai_2021", "luzhai-2021.txt")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def default_report_path() -> Path:
    """Return the path of the project's default report, shipped with its case study.

    It is a byte-for-byte copy of ``data/raw/luzhai-2021.txt`` (a test keeps
    them identical), so an installed lawstats has it too.

    Examples
    --------
    >>> default_report_path().name
    'luzhai-2021.txt'
    """
    from .paths import case_studies_dir

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
        The first non-empty line, stripped.
    structure : Structure
        Parts, sections and enumerated points with their spans.
    meta : dict
        The provenance recorded beside the file (``<name>.yaml``), or ``{}``.
    """

    path: str
    text: str
    encoding: str
    file_sha256: str
    sha256: str
    title: str
    structure: Structure = field(repr=False)
    meta: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        """The file name without its suffix, e.g. ``'luzhai-2021'``."""
        return Path(self.path).stem

    def locate(self, offset: int) -> str:
        """Return the part/section label of a character offset, e.g. ``'二(三)'``.

        See :meth:`lawstats.structure.Structure.locate`.
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


def load_report(path: str | Path | None = None) -> Report:
    """Read a report file.

    Parameters
    ----------
    path : str or Path, optional
        The report file.  Defaults to the project's report
        (:func:`default_report_path`).

    Returns
    -------
    Report

    Raises
    ------
    ReportError
        If the file is missing, a directory, empty, binary or undecodable;
        the message names the file, the position and what was expected.

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
    if not p.exists():
        raise ReportError(str(p), "no such file; expected the path of a report text file")
    if p.is_dir():
        raise ReportError(str(p), "is a directory; expected a report text file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReportError(str(p), f"cannot be read: {exc.strerror}") from None
    text, encoding = decode_report(data, str(p))
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return Report(
        path=str(p),
        text=text,
        encoding=encoding,
        file_sha256=hashlib.sha256(data).hexdigest(),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        structure=parse_structure(text),
        meta=_read_meta(p),
    )


def _read_meta(path: Path) -> dict:
    """The provenance file beside a report (``<name>.yaml``), if there is one."""
    meta_path = path.with_suffix(".yaml")
    if not meta_path.is_file():
        return {}
    import yaml

    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportError(str(meta_path), f"is not valid YAML provenance: {exc}") from None
    if not isinstance(meta, dict):
        raise ReportError(str(meta_path), "expected a mapping of provenance fields")
    return meta
