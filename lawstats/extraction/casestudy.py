"""Case studies: what a person wrote for one report, applied only to that report.

The engine reads any report and knows nothing of a particular one.  What a
person wrote for one report — which figure means what (``annotations.yaml``),
which figures must agree (``checks.yaml``), the story its own notebooks tell —
is a **case study**: one folder under ``lawstats/case_studies/`` holding

``case-study.yaml``
    ``name``, ``title`` and ``title_en``, and the file names of the pieces below;
``<report>.txt`` (and its provenance ``<report>.yaml``)
    the text the case study was written for, byte for byte;
``annotations.yaml``, ``checks.yaml``
    the curated labels and the declared checks (both optional);
``notebooks/NN-*.ipynb``
    the case study's own pages, built beside the general ones (optional).

A case study **applies to a document as a whole**, never figure by figure:
when at least :data:`MATCH_THRESHOLD` of its report's sentences (with every
number free, so an edited copy still matches) occur in the document.  A
report that *is* the case study's report (same canonical text) gets the
curated tables strictly; an edited copy gets every annotation and check that
still finds its figures; any other report gets none of them.

Examples
--------
>>> study = case_study("luzhai-2021")
>>> study.title_en
'Luzhai County: report on building law-based government, 2021'
>>> text = study.report_path.read_text(encoding="utf-8")
>>> match_share(study, text.replace("1031", "1041"))
1.0
>>> match_share(study, "一、强化组织领导。全县共受理申请312件，办结率98.5%。")
0.0
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lawstats.errors import AnnotationError

if TYPE_CHECKING:
    from lawstats.reading.report import Report

__all__ = ["CaseStudy", "Applied", "MATCH_THRESHOLD", "MIN_SENTENCE", "case_studies", "case_study",
           "case_study_for", "sentence_keys", "match_share"]

#: Share of a case study's sentences a document must contain for the case study to apply.
MATCH_THRESHOLD = 0.5
#: Sentences shorter than this (after normalising) are too generic to identify a report.
MIN_SENTENCE = 12

_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,，．]*")
_SPACE = re.compile(r"\s+")


def sentence_keys(text: str) -> frozenset[str]:
    """The sentences of ``text`` as comparison keys: space removed, every number as ``#``.

    Examples
    --------
    >>> sorted(sentence_keys("全县共受理申请 312件，办结率98.5%。短句。"))
    ['全县共受理申请#件，办结率#%']
    """
    keys = set()
    for sentence in _SENTENCE_END.split(text):
        key = _NUMBER.sub("#", _SPACE.sub("", sentence))
        if len(key) >= MIN_SENTENCE:
            keys.add(key)
    return frozenset(keys)


@dataclass(frozen=True)
class CaseStudy:
    """One case study: a folder of hand-made knowledge about one report.

    Attributes
    ----------
    name : str
        E.g. ``'luzhai-2021'``.
    folder : Path
        The case study's folder.
    title, title_en : str
        The report's title, in Chinese and English.
    report_path : Path
        The report text the case study was written for.
    annotations, checks, notebooks : Path or None
        Its curated annotations, declared checks and own notebooks folder.
    """

    name: str
    folder: Path
    title: str
    title_en: str
    report_path: Path
    annotations: Path | None = None
    checks: Path | None = None
    notebooks: Path | None = None
    threshold: float = field(default=MATCH_THRESHOLD, compare=False)

    @property
    def sha256(self) -> str:
        """The provenance hash of the case study's report (its canonical text)."""
        return _report_digest(str(self.report_path))[0]

    @property
    def sentences(self) -> frozenset[str]:
        """The sentence keys of the case study's report (:func:`sentence_keys`)."""
        return _report_digest(str(self.report_path))[1]

    def notebook_paths(self) -> list[Path]:
        """The case study's own notebooks, ``NN-name.ipynb``, in order."""
        if self.notebooks is None or not self.notebooks.is_dir():
            return []
        return sorted(p for p in self.notebooks.glob("[0-9][0-9]-*.ipynb") if p.is_file())


@dataclass(frozen=True)
class Applied:
    """A case study applied to a document: how much of it matched, and whether it is the same text."""

    study: CaseStudy
    share: float
    identical: bool


@lru_cache(maxsize=16)
def _report_digest(path: str) -> tuple[str, frozenset[str]]:
    from lawstats.reading.report import load_report

    doc = load_report(path)
    return doc.sha256, sentence_keys(doc.text)


def _read_case_study(folder: Path) -> CaseStudy:
    from lawstats.extraction.annotate import read_yaml

    manifest = folder / "case-study.yaml"
    doc = read_yaml(manifest, "case study")
    if not isinstance(doc, dict):
        raise AnnotationError(f"{manifest}: expected a mapping with `name`, `title`, `report`")
    for key in ("name", "title", "title_en", "report"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise AnnotationError(f"{manifest}: missing `{key}`; a case study needs one (a text)")

    def optional(key: str) -> Path | None:
        value = doc.get(key)
        if value in (None, ""):
            return None
        path = folder / str(value)
        if not path.exists():
            raise AnnotationError(f"{manifest}: `{key}` names {value!r}, which is not in {folder}")
        return path

    report = optional("report")
    threshold = doc.get("threshold", MATCH_THRESHOLD)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise AnnotationError(f"{manifest}: `threshold` must be a number in (0, 1]. Got {threshold!r} instead.")
    return CaseStudy(name=doc["name"], folder=folder, title=doc["title"], title_en=doc["title_en"],
                     report_path=report, annotations=optional("annotations"), checks=optional("checks"),
                     notebooks=optional("notebooks"), threshold=float(threshold))


@lru_cache(maxsize=4)
def _case_studies(folder: str) -> tuple[CaseStudy, ...]:
    root = Path(folder)
    if not root.is_dir():
        return ()
    return tuple(_read_case_study(p) for p in sorted(root.iterdir()) if (p / "case-study.yaml").is_file())


def case_studies(folder: str | Path | None = None) -> tuple[CaseStudy, ...]:
    """Every case study (default: those shipped in ``lawstats/case_studies/``), by folder name.

    Examples
    --------
    >>> [s.name for s in case_studies()]
    ['luzhai-2021']
    """
    from lawstats.paths import case_studies_dir

    return _case_studies(str(Path(folder) if folder is not None else case_studies_dir()))


def case_study(name: str) -> CaseStudy:
    """The case study called ``name``; a clear error naming the known ones otherwise."""
    studies = case_studies()
    for study in studies:
        if study.name == name:
            return study
    raise LookupError(f"no case study {name!r}; known: {[s.name for s in studies]}")


def match_share(study: CaseStudy, text: str) -> float:
    """The share of the case study's sentences that ``text`` contains (numbers free), 0 to 1."""
    own = study.sentences
    if not own:
        return 0.0
    return len(own & sentence_keys(text)) / len(own)


def case_study_for(report: "Report | str | Path | None", studies=None) -> Applied | None:
    """The case study that applies to ``report`` as a whole, or None.

    ``None`` means the project's report (the first case study's).  The case
    study whose report shares most sentences with the document applies when
    that share reaches its threshold (:data:`MATCH_THRESHOLD` unless its
    ``case-study.yaml`` says otherwise).

    Examples
    --------
    >>> case_study_for(None).identical
    True
    """
    from lawstats.reading.report import Report, load_report

    studies = case_studies() if studies is None else tuple(studies)
    if report is None:
        return Applied(studies[0], 1.0, True) if studies else None
    doc = report if isinstance(report, Report) else load_report(report)
    best: Applied | None = None
    keys = None
    for study in studies:
        if doc.sha256 == study.sha256:
            return Applied(study, 1.0, True)
        if keys is None:
            keys = sentence_keys(doc.text)
        own = study.sentences
        share = len(own & keys) / len(own) if own else 0.0
        if share >= study.threshold and (best is None or share > best.share):
            best = Applied(study, share, False)
    return best
