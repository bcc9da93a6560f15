"""Annotations find their figures by quoted context, robustly, and fail loudly when they cannot."""
from __future__ import annotations

import pytest

from lawstats.extraction.annotate import annotate, context_pattern, load_annotations
from lawstats.extraction.dataset import DEFAULT_ANNOTATIONS
from lawstats.errors import AnnotationError


def test_every_context_is_unique_even_with_its_numbers_changed(report):
    for note in load_annotations(DEFAULT_ANNOTATIONS).figures:
        hits = context_pattern(note.context).findall(report.text)
        assert len(hits) == 1, f"{note.id}: context {note.context!r} matches {len(hits)} times"


def test_every_figure_annotated_and_every_annotation_used(report):
    notes = load_annotations(DEFAULT_ANNOTATIONS)
    result = annotate(report.text, notes, locate=report.locate)
    assert {a.id for a in result.figures} == {n.id for n in notes.figures}
    assert result.unmatched == []


def _write(tmp_path, body):
    path = tmp_path / "a.yaml"
    path.write_text("report: x\nfigures:\n" + body, encoding="utf-8")
    return path


def test_missing_context_names_the_entry(tmp_path):
    path = _write(tmp_path, "  - {id: a, context: 没有这句话5件, raw: 5件, indicator: 甲, indicator_en: A}\n")
    with pytest.raises(AnnotationError, match=r"figure 'a': context '没有这句话5件' is not in"):
        annotate("共办理3件。", load_annotations(path))


def test_ambiguous_context_and_unannotated_figure(tmp_path):
    path = _write(tmp_path, "  - {id: a, context: 办理3件, raw: 3件, indicator: 甲, indicator_en: A}\n")
    with pytest.raises(AnnotationError, match="occurs 2 times"):
        annotate("办理3件，又办理3件。", load_annotations(path))
    with pytest.raises(AnnotationError, match=r"have no annotation: '7人'"):
        annotate("办理3件，培训7人。", load_annotations(path))


def test_not_strict_lists_what_no_longer_matches(tmp_path):
    path = _write(tmp_path, "  - {id: a, context: 办理3件, raw: 3件, indicator: 甲, indicator_en: A}\n"
                            "  - {id: b, context: 调解9起, raw: 9起, indicator: 乙, indicator_en: B}\n")
    result = annotate("办理30件，培训7人。", load_annotations(path), strict=False)
    assert [a.id for a in result.figures][0] == "a"  # found with its number changed
    assert result.figures[1].indicator_source == "automatic"
    assert len(result.unmatched) == 1 and "调解9起" in result.unmatched[0]


@pytest.mark.parametrize("body, message", [
    ("  - {id: Bad_Id, context: x, raw: x, indicator: 甲, indicator_en: A}\n", "lower-case"),
    ("  - {id: a, context: x, raw: x, indicator_en: A}\n", "missing `indicator`"),
    ("  - {id: a, context: x, raw: x, indicator: 甲, indicator_en: A, colour: red}\n", "unknown field"),
    ("  - {id: a, context: x, raw: x, indicator: 甲, indicator_en: A, repeat_of: z}\n", "listed before it"),
    ("  - [1, 2]\n", "expected a mapping"),
])
def test_bad_annotation_files(tmp_path, body, message):
    with pytest.raises(AnnotationError, match=message):
        load_annotations(_write(tmp_path, body))
