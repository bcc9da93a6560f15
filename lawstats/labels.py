"""Words shown to readers, in Chinese and English.

Notebooks and pages never hard-code a label: they ask :func:`label` for it in
the language the reader chose, so the same notebook renders in either.
"""
from __future__ import annotations

__all__ = ["LANGUAGES", "LABELS", "label", "check_language"]

#: The languages every label exists in.
LANGUAGES = ("zh", "en")

#: key -> (Chinese, English)
LABELS: dict[str, tuple[str, str]] = {
    "level": ("层级", "level"),
    "label": ("位置", "position"),
    "title": ("标题", "title"),
    "start": ("起始字符", "start"),
    "end": ("结束字符", "end"),
    "length": ("字数", "characters"),
    "part": ("部分", "part"),
    "section": ("节", "section"),
    "point": ("要点", "point"),
    "report": ("报告", "report"),
    "issued_by": ("发布机关", "issued by"),
    "report_year": ("年度", "report year"),
    "encoding": ("编码", "encoding"),
    "sha256": ("SHA-256 校验值", "SHA-256"),
    "characters": ("字符数", "characters"),
    "lines": ("行数", "lines"),
    "parts": ("部分数", "parts"),
    "sections": ("节数", "sections"),
    "points": ("要点数", "enumerated points"),
    "field": ("项目", "field"),
    "value": ("内容", "value"),
    "chart_part_lengths": ("报告各部分篇幅", "Length of each part of the report"),
    "axis_characters": ("字符数（个）", "characters"),
    "preamble": ("前言", "preamble"),
}


def check_language(language: str) -> str:
    """Return ``language`` if lawstats speaks it, else raise a clear ``ValueError``.

    Examples
    --------
    >>> check_language("en")
    'en'
    >>> check_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of ('zh', 'en'). Got 'fr' instead.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}. Got {language!r} instead.")
    return language


def label(key: str, language: str = "zh") -> str:
    """Return the reader-facing word for ``key`` in ``language``.

    Examples
    --------
    >>> label("length", "zh"), label("length", "en")
    ('字数', 'characters')
    """
    zh, en = LABELS[key]
    return zh if check_language(language) == "zh" else en
