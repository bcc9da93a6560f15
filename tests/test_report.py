"""load_report: encodings, line ends, canonical text, and clear errors for bad files."""
from __future__ import annotations

import codecs

import pytest

from lawstats import ReportError, load_report
from lawstats.reading.report import decode_report


def test_default_report_is_ours(report):
    # Title: the report's first non-empty line (shared/sources/README.md).
    assert report.title == "鹿寨县2021年度法治政府建设工作情况报告"
    assert len(report.text) == 8181  # size given in shared/sources/README.md
    assert report.encoding == "utf-8"
    assert report.sha256 == report.file_sha256 == (
        "442dde0b1398c96749c894a564c6b8e1c9504d5482e3b9d4cf56a2648c94fd74")


def test_canonical_text_of_our_report_is_the_file_unchanged(report, root):
    assert report.text == (root / "data/raw/luzhai-2021.txt").read_bytes().decode("utf-8")


ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk", errors="strict"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_every_encoding_gives_the_same_canonical_text(report, tmp_path, name, crlf):
    text = report.text.replace("\n", "\r\n") if crlf else report.text
    path = tmp_path / f"copy-{name}.txt"
    path.write_bytes(ENCODINGS[name](text))
    copy = load_report(path)
    assert copy.text == report.text
    assert copy.sha256 == report.sha256  # the provenance hash is of the canonical text
    assert copy.structure == report.structure


def test_lone_cr_line_ends_become_lf():
    assert decode_report(b"a\rb\r\nc\n")[0] == "a\nb\nc\n"


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"  \n\t\n", "only white space"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xff\xd8", "byte-order mark"),  # UTF-16 BOM then a lone surrogate
        ("共3件".encode("utf-8") + b"\xff\xff\xff", "cannot be decoded"),
    ],
    ids=["missing", "empty", "blank", "binary", "bad-utf16", "undecodable"],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReportError) as info:
        load_report(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert info.value.path == str(path)


def test_undecodable_error_names_the_byte_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("共3件".encode("utf-8") + b"\xff\xff\xff")
    with pytest.raises(ReportError, match=r"bad byte at 7"):
        load_report(path)


def test_directory_is_refused(tmp_path):
    with pytest.raises(ReportError, match="directory"):
        load_report(tmp_path)


# ------------------------------------------------------------ the title of a real text (issue 11)
# Composed reports in tests/corpus_reading/ (made up; see its README); titles read off the files.
from pathlib import Path  # noqa: E402

from lawstats.reading.report import find_title  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus_reading"


@pytest.mark.parametrize(("name", "title", "source"), [
    ("chrome.txt", "青禾县人民政府关于2023年度法治政府建设情况的报告", "text"),
    ("damaged.txt", "松溪區2024年法治政府建設年度報告", "text"),
    ("split-title.txt", "关于2022年度依法行政工作情况的报告", "text"),
    ("opens-mid.txt", "opens-mid", "file name"),
    ("no-headings.txt", "no-headings", "file name"),
])
def test_title_skips_page_chrome(name, title, source):
    report = load_report(CORPUS / name)
    assert (report.title, report.title_source) == (title, source)


def test_our_title_comes_from_the_text(report):
    assert report.title_source == "text"


@pytest.mark.parametrize(("text", "title"), [
    ("您所在的位置：首页 > 信息公开 > 某县2023年法治政府建设年度报告\n正文。", None),
    ("首页→法治政府→某区2022年法治政府建设年度报告\n", None),
    ("• 网站首页 • 长者模式 • 无障碍\n某区2024年法治政府建设年度报告\n", "某区2024年法治政府建设年度报告"),
    ("索引号：11/2025-00003\n发布日期：2025-01-10\n标题：某市法治政府建设情况报告\n", None),
    ("2023年，我县法治政府建设情况报告如下。\n", None),  # a sentence, not a title
    ("某县人民政府2023年度法治政府建设情况报告（全文）\n", "某县人民政府2023年度法治政府建设情况报告（全文）"),
    ("一、某县法治政府建设情况报告\n二、乙\n", None),  # a heading is not the title
    ("甲" * 70 + "法治政府建设报告\n", None),  # too long for a title
])
def test_find_title(text, title):
    assert find_title(text) == title
