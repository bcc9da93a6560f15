"""English labels from a glossary of the field's terms, never machine-guessed.

``lawstats/glossary.tsv`` (shipped with the package) lists the terms of law-based-government
reports with their English: ``行政复议`` administrative reconsideration, ``规范性文件`` normative
documents, ``法律援助`` legal aid, ``执法单位`` enforcement units… and each term's role: a noun (or
modifier), an action (``受理`` accepted, shown after the noun as a participle), or a word left out
(scope words such as ``全县``, fillers, prepositions).

:func:`english_label` turns an automatic Chinese label into English by covering it with glossary
terms, longest first:

- the nouns form the head (the last run of nouns) and context (nouns before a verb, in brackets);
- actions follow the head: ``受理行政复议申请`` -> "administrative reconsideration applications
  accepted";
- ``X的N`` (a relative clause) is "N (X)": ``清理权责清单的乡镇`` -> "townships (lists of powers
  and responsibilities cleaned up)";
- digits and Latin letters are kept as written (``12345热线`` -> "12345 hotline").

**A label the glossary does not cover entirely is marked**, ``[untranslated] 原文``: no word is
guessed.  Grow the glossary (one line per term) to translate more.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lawstats.paths import package_dir

__all__ = ["GLOSSARY_PATH", "UNTRANSLATED", "glossary", "english_label", "translate"]

#: The glossary file shipped with the package.
GLOSSARY_PATH = package_dir() / "glossary.tsv"
#: The mark of a label the glossary cannot translate.
UNTRANSLATED = "[untranslated]"
_ROLES = ("n", "v", "s")
_KEEP = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.+-")

@lru_cache(maxsize=1)
def glossary(path: str | None = None) -> dict[str, tuple[str, str]]:
    """The glossary: Chinese term -> (English, role).

    Raises
    ------
    ValueError
        For a malformed line, naming the file and line.

    Examples
    --------
    >>> glossary()["行政复议"]
    ('administrative reconsideration', 'n')
    """
    src = Path(path) if path else GLOSSARY_PATH
    terms: dict[str, tuple[str, str]] = {}
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[2] not in _ROLES or not parts[0] or not parts[1]:
            raise ValueError(f"{src}:{n}: expected 'chinese<TAB>english<TAB>role' with role one of "
                             f"{_ROLES}; got {line!r}")
        if parts[0] in terms:
            raise ValueError(f"{src}:{n}: the term {parts[0]!r} is listed twice")
        terms[parts[0]] = (parts[1], parts[2])
    return terms


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(map(len, glossary()))


def _tokens(zh: str) -> list[tuple[str, str]] | None:
    """Cover ``zh`` with glossary terms in the fewest pieces; None if a character is not covered.

    Fewest pieces prefers long terms (``行政复议案件`` over ``行政``+``复议``+``案件``) but, unlike a
    greedy longest match, never strands a character (``法治培训班`` is ``法治``+``培训班``).
    """
    g = glossary()
    n, longest = len(zh), _longest()
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, start of last piece)
    best[0] = (0, 0)
    for i in range(n):
        if best[i] is None:
            continue
        pieces = best[i][0] + 1
        if zh[i] in _KEEP:
            j = i
            while j < n and zh[j] in _KEEP:
                j += 1
            if best[j] is None or pieces < best[j][0]:
                best[j] = (pieces, i)
            continue
        for k in range(1, min(longest, n - i) + 1):
            if zh[i:i + k] in g and (best[i + k] is None or pieces < best[i + k][0]):
                best[i + k] = (pieces, i)
    if best[n] is None:
        return None
    out: list[tuple[str, str]] = []
    j = n
    while j > 0:
        i = best[j][1]
        piece = zh[i:j]
        term = g.get(piece, (piece, "n"))
        if term[1] != "s":
            out.append(term)
        j = i
    return out[::-1]


def _render(tokens: list[tuple[str, str]]) -> str:
    """Head nouns, then actions, then context nouns in brackets."""
    nouns = [i for i, (_, r) in enumerate(tokens) if r == "n"]
    if not nouns:
        return " ".join(e for e, _ in tokens)
    end = nouns[-1]
    start = end
    while start - 1 >= 0 and tokens[start - 1][1] == "n":
        start -= 1
    head = " ".join(e for e, _ in tokens[start:end + 1])
    verbs = " ".join(e for e, r in tokens if r == "v")
    context = " ".join(e for i, (e, r) in enumerate(tokens) if r == "n" and not start <= i <= end)
    text = head + (f" {verbs}" if verbs else "")
    return text + (f" ({context})" if context else "")


@lru_cache(maxsize=8192)
def translate(zh: str) -> str | None:
    """English for a Chinese label, or ``None`` when the glossary does not cover it.

    Examples
    --------
    >>> translate("受理行政复议申请")
    'administrative reconsideration applications accepted'
    >>> translate("律师办理非诉讼案件")
    'non-litigation cases handled (lawyers)'
    >>> translate("清理权责清单的乡镇")
    'townships (lists of powers and responsibilities cleaned up)'
    >>> translate("全县法律援助案件"), translate("12345热线受理群众诉求")
    ('legal aid cases', 'citizen requests accepted (12345 hotline)')
    >>> translate("某某奇怪的东西") is None
    True
    """
    if not zh:
        return None
    if "的" in zh:
        k = zh.rindex("的")
        mod, head = zh[:k], zh[k + 1:]
        if mod and head:
            th, tm = _tokens(head), _tokens(mod)
            if th is None or tm is None or not th:
                return None
            return f"{_render(th)} ({_render(tm)})" if tm else _render(th)
    tokens = _tokens(zh)
    if not tokens:
        return None
    return _render(tokens)


def english_label(zh: str, unit: str = "", kind: str = "") -> str:
    """The English label of an automatic Chinese label, or ``[untranslated] <zh>``.

    ``unit`` and ``kind`` are accepted for symmetry with
    :func:`lawstats.extraction.indicators.match_indicator`; the glossary alone decides.

    Examples
    --------
    >>> english_label("审结行政复议案件")
    'administrative reconsideration cases concluded'
    >>> english_label("县行政复议委员会召开某会")
    '[untranslated] 县行政复议委员会召开某会'
    """
    en = translate(zh)
    return en if en else f"{UNTRANSLATED} {zh}".rstrip()
