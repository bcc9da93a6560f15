"""How often automatic labels name what a figure counts, on the gold set tests/labels/.

Run::

    .venv/bin/python benchmarks/labels.py [--gold tests/labels] [--details] [--engine rules|jieba]
    /work/main/.venv/bin/python benchmarks/labels.py --lawstats /work/main    # another checkout's code

For every figure of ``tests/labels/gold.csv`` it runs ``lawstats.reading.mentions.find_mentions`` on the
excerpt, finds the extracted figure with the same span, and judges its automatic labels:

- **zh names the counted thing** when the gold ``head_zh`` occurs in the automatic label as a whole
  word: not preceded by a character that makes it a different word (``非 未 无 不``: ``非诉讼案件``
  does not name ``诉讼案件``), and the label is clean: no punctuation, no dangling particle at its end
  (``的 了 和 及 与 等 或``).
- **en names the counted thing** when the gold ``head_en`` occurs in the English label as whole
  words, ignoring case and a plural ``s``.  A label the glossary cannot translate is marked
  ``[untranslated] …`` and never names anything.  Code without a glossary (``--lawstats`` pointing
  at an older checkout) gets the English name of the standard indicator the label matches, as its
  pages show it, or nothing.

A stricter number is printed too: the automatic label identical to the gold label.

Shares are over the gold figures the extraction finds with the right span (a missed figure has no
label to judge); the figures' recall and precision are printed too, and so are planted
non-figures (``excluded.csv``) that were taken for figures.  ``--engine jieba`` labels with jieba's
part-of-speech tags instead of the rules, for comparison; it needs ``jieba`` installed (``pip install
jieba==0.42.1``; not a dependency of lawstats: it did worse than the rules) and writes no cache file.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "labels"

_NEGATING = "非未无不"
_PUNCT = re.compile(r"[，。；：、！？!?;:,（）()《》“”\"'‘’【】\s]")
_DANGLING = ("的", "了", "和", "及", "与", "等", "或")


def names_zh(label: str, head: str) -> bool:
    """Does ``label`` name ``head`` as a whole word, cleanly?

    >>> names_zh("律师办理非诉讼案件", "诉讼案件"), names_zh("律师办理诉讼案件", "诉讼案件")
    (False, True)
    >>> names_zh("乡镇的", "乡镇"), names_zh("“法律明白人", "法律明白人")
    (False, False)
    """
    if not label or _PUNCT.search(label) or label.endswith(_DANGLING):
        return False
    i = label.find(head)
    while i >= 0:
        if i == 0 or label[i - 1] not in _NEGATING:
            return True
        i = label.find(head, i + 1)
    return False


def _words(s: str) -> list[str]:
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"[a-z0-9'\-]+", s.lower())]


def names_en(label: str, head: str) -> bool:
    """Does the English ``label`` contain ``head`` as whole words (case and plural ``s`` aside)?

    >>> names_en("Legal aid cases", "legal aid case"), names_en("[untranslated] 办理", "cases")
    (True, False)
    >>> names_en("non-litigation cases", "litigation cases")
    False
    """
    if not label or label.startswith("[untranslated]"):
        return False
    lw, hw = _words(label), _words(head)
    return any(lw[i:i + len(hw)] == hw for i in range(len(lw) - len(hw) + 1))


def _occurrence(text: str, quote: str, n: int) -> int:
    i = -1
    for _ in range(n):
        i = text.find(quote, i + 1)
        if i < 0:
            raise SystemExit(f"labels.py: {quote!r} does not occur {n} times")
    return i


@dataclass
class Result:
    figures: int = 0
    extracted: int = 0
    matched: int = 0
    named_zh: int = 0
    named_en: int = 0
    translated: int = 0
    exact_zh: int = 0
    planted: int = 0
    planted_taken: int = 0
    rows: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.figures if self.figures else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def share_zh(self) -> float:
        return self.named_zh / self.matched if self.matched else 0.0

    @property
    def share_en(self) -> float:
        return self.named_en / self.matched if self.matched else 0.0


def _english(find_label_en):
    """The English label function of the lawstats being measured."""
    if find_label_en is not None:
        return find_label_en
    from lawstats.extraction.indicators import indicator, match_indicator

    def old(zh: str, unit: str, kind: str) -> str:
        code = match_indicator(zh, unit, kind) if zh else ""
        return indicator(code).name_en if code else f"[untranslated] {zh}"
    return old


_POS_NOUN = ("n", "nr", "ns", "nt", "nz", "vn", "an", "ng", "j", "l", "nrt", "eng")


def _jieba():
    """jieba's part-of-speech tokenizer, built without writing its cache anywhere."""
    import jieba
    import jieba.posseg

    tok = jieba.Tokenizer()
    tok.FREQ, tok.total = tok.gen_pfdict(tok.get_dict_file())  # what initialize() does, minus the cache
    tok.initialized = True
    return jieba.posseg.POSTokenizer(tok)


def jieba_labels(text: str, mentions) -> dict:
    """The jieba alternative: the last run of nouns (by jieba's part-of-speech tags) in the clause
    before the figure, with the verb right before it; else the first run of nouns after it."""
    from lawstats.reading.autolabel import _left, _right, clean_label

    global _POSSEG
    if "_POSSEG" not in globals():
        _POSSEG = _jieba()
    figs = [m for m in mentions if m.figure is not None]
    out, floor = {}, 0
    for k, m in enumerate(figs):
        stop = figs[k + 1].start if k + 1 < len(figs) else len(text)
        left = clean_label(_left(text, m.start, floor))
        words = [(w.word, w.flag) for w in _POSSEG.cut(left)]
        i = len(words)
        while i and words[i - 1][1] not in _POS_NOUN:
            i -= 1
        j = i
        while j and (words[j - 1][1] in _POS_NOUN or words[j - 1][1] in ("a", "b", "m", "q")):
            j -= 1
        if j and words[j - 1][1].startswith("v"):
            j -= 1
        label = "".join(w for w, _ in words[j:i])
        if not label:
            right = [(w.word, w.flag) for w in _POSSEG.cut(_right(text, m.end, stop))]
            nouns = []
            for w, f in right:
                if f in _POS_NOUN:
                    nouns.append(w)
                elif nouns:
                    break
            label = "".join(nouns) or left
        out[m.start] = label
        floor = m.end
    return out


def score(gold: Path = GOLD, engine: str = "rules") -> Result:
    """Score the automatic labels of the gold set's figures (see the module docstring)."""
    from lawstats.reading.mentions import find_mentions
    try:
        from lawstats.extraction.glossary import english_label
    except ImportError:  # an older checkout
        english_label = None
    en = _english(english_label)
    relabel = None
    if engine == "jieba":
        relabel = jieba_labels

    rows = list(csv.DictReader(open(gold / "gold.csv", encoding="utf-8")))
    planted = list(csv.DictReader(open(gold / "excluded.csv", encoding="utf-8")))
    res = Result(figures=len(rows), planted=len(planted))
    for name in dict.fromkeys(r["file"] for r in rows + planted):
        text = (gold / f"{name}.txt").read_text(encoding="utf-8")
        ms = find_mentions(text)
        figs = [m for m in ms if m.figure is not None]
        labels = relabel(text, ms) if relabel else {m.start: m.label for m in figs}
        res.extracted += len(figs)
        by_span = {(m.start, m.end): m for m in figs}
        for r in (r for r in rows if r["file"] == name):
            s = _occurrence(text, r["quote"], int(r["occurrence"]))
            m = by_span.get((s, s + len(r["quote"])))
            if m is None:
                res.rows.append((name, r["quote"], r["label_zh"], None, None, False, False))
                continue
            res.matched += 1
            zh = labels[m.start]
            english = en(zh, m.figure.unit, m.figure.kind)
            ok_zh, ok_en = names_zh(zh, r["head_zh"]), names_en(english, r["head_en"])
            res.named_zh += ok_zh
            res.named_en += ok_en
            res.translated += not english.startswith("[untranslated]")
            res.exact_zh += zh == r["label_zh"]
            res.rows.append((name, r["quote"], r["label_zh"], zh, english, ok_zh, ok_en))
        for r in (r for r in planted if r["file"] == name):
            s = _occurrence(text, r["quote"], int(r["occurrence"]))
            e = s + len(r["quote"])
            if any(m.start < e and s < m.end for m in figs):
                res.planted_taken += 1
                res.rows.append((name, r["quote"], f"not a figure ({r['reason']})", "FIGURE", "", False, False))
    return res


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gold", type=Path, default=GOLD)
    p.add_argument("--lawstats", type=Path, default=ROOT, help="checkout whose lawstats to measure")
    p.add_argument("--engine", choices=("rules", "jieba"), default="rules")
    p.add_argument("--details", action="store_true", help="print every figure whose label fails")
    args = p.parse_args(argv)
    sys.path.insert(0, str(args.lawstats.resolve()))
    r = score(args.gold, args.engine)
    print(f"lawstats from {args.lawstats}  engine {args.engine}")
    print(f"gold figures {r.figures}, extracted {r.extracted}, span matches {r.matched}: "
          f"recall {100 * r.recall:.1f}%, precision {100 * r.precision:.1f}%")
    print(f"planted non-figures {r.planted}, taken for figures {r.planted_taken}")
    print(f"labels naming the counted thing: zh {r.named_zh}/{r.matched} = {100 * r.share_zh:.1f}%, "
          f"en {r.named_en}/{r.matched} = {100 * r.share_en:.1f}% "
          f"(translated {r.translated}/{r.matched})")
    print(f"stricter: zh label identical to the gold label {r.exact_zh}/{r.matched} = "
          f"{100 * r.exact_zh / max(r.matched, 1):.1f}%")
    if args.details:
        for name, quote, gold_zh, zh, english, ok_zh, ok_en in r.rows:
            if zh is None:
                print(f"  MISSED  {name} {quote}  gold {gold_zh}")
            elif not (ok_zh and ok_en):
                print(f"  {'zh' if not ok_zh else '  '} {'en' if not ok_en else '  '} {name} {quote}: "
                      f"{zh!r} / {english!r}   gold {gold_zh}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
