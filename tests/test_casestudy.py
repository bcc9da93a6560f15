"""Case studies apply to their own report and its edited copies, decided for the whole document."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lawstats.auditing.audit import audit_report, load_checks
from lawstats.extraction.casestudy import MATCH_THRESHOLD, case_study, case_study_for, match_share
from lawstats.extraction.dataset import load_tables
from lawstats.reading.report import default_report_path, load_report

ROOT = Path(__file__).resolve().parent.parent
LUZHAI = ROOT / "lawstats" / "case_studies" / "luzhai_2021"
#: Reports of other places (made up: tests/corpus/README.md, tests/reports/README.md).
OTHERS = sorted((ROOT / "tests" / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "reports").glob("*.txt"))


@pytest.fixture(scope="module")
def study():
    return case_study("luzhai-2021")


@pytest.fixture(scope="module")
def curated(study):
    """Every figure id, Chinese and English label and check id the case study wrote by hand."""
    notes = yaml.safe_load(study.annotations.read_text(encoding="utf-8"))["figures"]
    return {
        "ids": {n["id"] for n in notes},
        "labels": {n["indicator"] for n in notes} | {n["indicator_en"] for n in notes},
        "checks": {c.id for c in load_checks(study.checks)},
    }


def test_the_shipped_report_is_the_raw_report_byte_for_byte():
    # data/raw/ holds the report as received; the case study ships a copy as package data
    assert default_report_path() == LUZHAI / "luzhai-2021.txt"
    assert (LUZHAI / "luzhai-2021.txt").read_bytes() == (ROOT / "data/raw/luzhai-2021.txt").read_bytes()
    assert (LUZHAI / "luzhai-2021.yaml").read_bytes() == (ROOT / "data/raw/luzhai-2021.yaml").read_bytes()


def test_everything_written_for_luzhai_is_in_its_folder(study):
    assert study.folder == LUZHAI
    assert study.annotations == LUZHAI / "annotations.yaml" and study.checks == LUZHAI / "checks.yaml"
    assert [p.name[:2] for p in study.notebook_paths()] == [f"{n:02d}" for n in range(1, 9)]
    assert not (ROOT / "data" / "annotations.yaml").exists() and not (ROOT / "data" / "checks.yaml").exists()
    general = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert general == ["00-overview.ipynb", "01-figures.ipynb", "09-audit.ipynb", "10-comparison.ipynb"]


def test_our_report_is_its_case_study_wherever_the_file_is(tmp_path, study):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((ROOT / "data/raw/luzhai-2021.txt").read_bytes())
    for path in (None, ROOT / "data/raw/luzhai-2021.txt", copy):
        applied = case_study_for(path)
        assert applied.study == study and applied.identical and applied.share == 1.0


def test_an_edited_copy_is_still_the_case_study(tmp_path, study):
    """Numbers changed, a sentence deleted, a paragraph added: the document is still our report."""
    text = load_report().text
    sentences = [s for s in re.split("。", text) if len(s) > 30]
    edited = (text.replace("1031", "1051").replace("48项", "50项").replace(sentences[3] + "。", "")
              + "\n此外，本年度新增一项说明文字，用于测试。\n")
    path = tmp_path / "edited.txt"
    path.write_text(edited, encoding="utf-8")
    applied = case_study_for(path)
    assert applied is not None and applied.study == study and not applied.identical
    assert MATCH_THRESHOLD <= applied.share < 1.0


def test_an_edited_copy_still_names_the_broken_check(tmp_path):
    """The route the CLI and the notebooks take (audit_report) still catches a changed figure by name."""
    text = load_report().text
    path = tmp_path / "mutated.txt"
    path.write_text(text.replace("成功调解1031件", "成功调解1051件"), encoding="utf-8")
    audit = audit_report(path)
    assert set(audit.loc[audit["verdict"] == "inconsistent", "check_id"]) == {"mediation-success"}
    figures, _ = load_tables(path)
    assert (figures["indicator_source"] == "matched").sum() == 77  # every curated label found again


def test_half_of_our_report_is_not_enough(tmp_path, study):
    """A document quoting a few of our sentences is not our report: the share decides, not a figure."""
    text = load_report().text
    lines = [line for line in text.splitlines() if line.strip()]
    path = tmp_path / "partial.txt"
    path.write_text("\n".join(lines[:12]), encoding="utf-8")  # the opening only
    share = match_share(study, path.read_text(encoding="utf-8"))
    assert 0 < share < MATCH_THRESHOLD
    assert case_study_for(path) is None
    audit = audit_report(path)
    assert not audit.attrs["skipped_checks"]


@pytest.mark.parametrize("path", OTHERS, ids=[p.name for p in OTHERS])
def test_another_report_gets_nothing_written_for_luzhai(path, curated):
    assert case_study_for(path) is None
    figures, _ = load_tables(path)
    assert set(figures["indicator_source"]) <= {"automatic"}
    assert not set(figures["id"]) & curated["ids"]
    # Chinese labels are the report's own words before each figure (they may read like one of
    # ours, e.g. 调解成功率); the hand-written English labels never appear
    assert not set(figures["indicator_en"]) & curated["labels"]
    audit = audit_report(path)
    assert not set(audit["check_id"]) & curated["checks"]
    assert set(audit["source"]) <= {"automatic"}
    assert audit.attrs["skipped_checks"] == []  # not even listed as skipped
    assert not audit.to_csv().count("luzhai")


def test_a_case_study_needs_its_fields(tmp_path):
    from lawstats.extraction.casestudy import case_studies
    from lawstats.errors import AnnotationError

    folder = tmp_path / "studies" / "x"
    folder.mkdir(parents=True)
    (folder / "case-study.yaml").write_text("name: x\ntitle: 某县报告\ntitle_en: X\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"case-study.yaml: missing `report`"):
        case_studies(tmp_path / "studies")


def test_a_site_is_made_of_the_general_pages_and_the_case_study_pages_that_apply(tmp_path):
    from lawstats.site.notebooks import report_notebooks

    general = ["00-overview", "01-figures", "09-audit", "10-comparison"]
    ours = [p.stem for p in report_notebooks(None)]
    assert len(ours) == 12 and set(general) < set(ours) and "05-disputes-and-mediation" in ours
    assert ours == sorted(ours)
    for other in OTHERS:
        assert [p.stem for p in report_notebooks(other)] == general
    edited = tmp_path / "edited.txt"
    edited.write_text(load_report().text.replace("1031", "1051"), encoding="utf-8")
    assert [p.stem for p in report_notebooks(edited)] == ours
