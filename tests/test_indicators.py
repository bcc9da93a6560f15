"""The standard-indicator taxonomy: well-formed, and it names our report's figures correctly."""
from __future__ import annotations

import re

import pytest
import yaml

from lawstats.extraction.indicators import (GROUPS, INDICATORS, UNIT_KINDS, indicator, indicators_frame,
                                 match_indicator)

# Curated labels of data/annotations.yaml (by figure id) whose meaning is a standard indicator,
# with the figure's unit and kind as the report writes them (read from the report by hand).
STANDARD = {
    "party-committee-study-sessions": ("law_study_sessions", "次", "count"),
    "government-study-xi-thought": ("law_study_sessions", "次", "count"),
    "government-study-laws": ("law_study_sessions", "次", "count"),
    "legal-leaflets-distributed": ("leaflets_distributed", "份", "count"),
    "legal-consultations-answered": ("legal_consultations", "次", "count"),
    "civil-code-lecture-cadres": ("publicity_audience", "名", "count"),
    "civil-code-performance-audience": ("publicity_audience", "名", "count"),
    "approval-items-cancelled": ("items_cancelled", "项", "count"),
    "licensing-items": ("licensing_items", "项", "count"),
    "application-items": ("application_items", "项", "count"),
    "online-service-rate": ("online_service_rate", "%", "rate"),
    "online-service-rate-stated": ("online_service_rate", "%", "rate"),
    "business-licences-issued": ("business_licences_issued", "本", "count"),
    "judicial-aid-cases": ("judicial_aid_cases", "起", "count"),
    "judicial-aid-recipients": ("judicial_aid_recipients", "人", "count"),
    "judicial-aid-amount": ("judicial_aid_amount", "元", "amount"),
    "county-normative-documents": ("normative_documents_issued", "件", "count"),
    "department-normative-documents": ("normative_documents_issued", "件", "count"),
    "contracts-reviewed": ("contracts_reviewed", "份", "count"),
    "legal-opinions-issued": ("legality_reviews", "份", "count"),
    "enforcement-units": ("enforcement_units", "个", "count"),
    "enforcement-agencies-supervised": ("enforcement_units", "个", "count"),
    "reconsideration-cases": ("reconsideration_cases", "件", "count"),
    "litigation-cases": ("litigation_cases", "件", "count"),
    "court-appearances": ("court_appearances", "件", "count"),
    "disputes-screened": ("disputes_screened", "次", "count"),
    "disputes-mediated": ("disputes_mediated", "件", "count"),
    "disputes-resolved": ("disputes_resolved", "件", "count"),
    "mediation-rate": ("mediation_rate", "%", "rate"),
    "mediation-success-rate": ("mediation_success_rate", "%", "rate"),
    "emergencies-handled": ("emergencies_handled", "件", "count"),
    "deputies-suggestions": ("deputies_suggestions", "件", "count"),
    "deputies-suggestions-reply-rate": ("deputies_reply_rate", "%", "rate"),
    "deputies-suggestions-satisfaction": ("deputies_satisfaction_rate", "%", "rate"),
    "cppcc-proposals": ("cppcc_proposals", "件", "count"),
    "cppcc-proposals-reply-rate": ("cppcc_reply_rate", "%", "rate"),
    "cppcc-proposals-satisfaction": ("cppcc_satisfaction_rate", "%", "rate"),
    "enforcement-certificates-issued": ("enforcement_certificates", "本", "count"),
    "case-files-reviewed": ("case_files_reviewed", "份", "count"),
}

# Figures of our report that are not standard indicators, though their labels share words with some.
UNRELATED = {
    "training-law-sessions-min": ("次", "count"),        # 每期干部培训法治专题学习次数: a per-course minimum
    "units-with-responsibility-lists": ("个", "count"),
    "legal-literates-per-village": ("名", "count"),
    "units-inspected": ("个", "count"),                  # 实地督察及行政执法监督的单位
    "certification-pledge-items": ("项", "count"),       # 证明事项, not approval items
    "items-one-trip": ("项", "count"),
    "items-no-trip": ("项", "count"),
    "at-most-one-trip-rate": ("%", "rate"),
    "one-window-rate": ("%", "rate"),
    "certificates-merged": ("证", "count"),
    "environment-inspectors-deployed": ("人次", "count"),
    "environment-cases-transferred": ("件", "count"),
    "vaccine-mild-reactions": ("人", "count"),
    "police-assistants": ("名", "count"),
    "administrative-villages": ("个", "count"),
    "legal-affairs-handled": ("件", "count"),
    "units-publishing-decisions": ("个", "count"),
    "units-publishing-discretion": ("个", "count"),      # 公示裁量基准的执法单位: a subset
    "defence-statements": ("份", "count"),               # 提交答复书及答辩状
    "disputes-prevented": ("件", "count"),
    "enforcement-exam-registrants": ("人", "count"),
}


@pytest.fixture(scope="module")
def curated(root) -> dict[str, str]:
    """figure id -> curated Chinese indicator label, from the Luzhai case study annotations.yaml."""
    data = yaml.safe_load((root / "lawstats/case_studies/luzhai_2021/annotations.yaml").read_text(encoding="utf-8"))
    return {f["id"]: f["indicator"] for f in data["figures"]}


def test_taxonomy_size_and_codes_unique():
    codes = [ind.code for ind in INDICATORS]
    assert 25 <= len(codes) <= 60
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z][a-z_]*[a-z]", c) for c in codes)


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda ind: ind.code)
def test_indicator_is_well_formed(ind):
    assert ind.unit_kind in UNIT_KINDS
    assert ind.group in GROUPS
    assert ind.name_zh and ind.name_en and ind.patterns
    for pattern in ind.patterns + ind.exclude:
        re.compile(pattern)
    # its own Chinese name is a label that names it
    assert match_indicator(ind.name_zh) == ind.code, ind.name_zh


def test_names_unique():
    assert len({ind.name_zh for ind in INDICATORS}) == len(INDICATORS)
    assert len({ind.name_en for ind in INDICATORS}) == len(INDICATORS)


def test_expected_ids_exist(curated):
    assert set(STANDARD) <= set(curated)
    assert set(UNRELATED) <= set(curated)
    assert {code for code, _, _ in STANDARD.values()} <= {ind.code for ind in INDICATORS}


@pytest.mark.parametrize("fid", sorted(STANDARD))
def test_curated_label_maps_to_standard_indicator(curated, fid):
    code, unit, kind = STANDARD[fid]
    label = curated[fid]
    assert match_indicator(label) == code, label
    assert match_indicator(label, unit=unit) == code, label
    assert match_indicator(label, unit=unit, kind=kind) == code, label


@pytest.mark.parametrize("fid", sorted(UNRELATED))
def test_unrelated_curated_label_maps_to_nothing(curated, fid):
    unit, kind = UNRELATED[fid]
    label = curated[fid]
    assert match_indicator(label, unit=unit, kind=kind) == "", label


@pytest.mark.parametrize("label, unit, code", [
    # automatic labels: the words right before the number in our report
    ("调解各类矛盾纠纷", "件", "disputes_mediated"),
    ("成功调解", "件", "disputes_resolved"),
    ("成功率", "%", "mediation_success_rate"),
    ("调解率", "%", "mediation_rate"),
    ("网办率", "%", "online_service_rate"),
    ("行政审批服务网办率达", "%", "online_service_rate"),
    ("按规定组织人员出庭应诉", "件", "court_appearances"),
    ("2021年以来各人民调解组织开展矛盾纠纷排查", "次", "disputes_screened"),
    ("实施国家司法救助", "起", "judicial_aid_cases"),
    ("实施国家司法救助7起共", "人", "judicial_aid_recipients"),
    ("研究办理人大代表建议", "件", "deputies_suggestions"),
    ("今年以来办理政协委员提案", "件", "cppcc_proposals"),
    ("发放执法证", "本", "enforcement_certificates"),
    ("依法处置各类突发事件", "件", "emergencies_handled"),
    # siblings told apart by the quantity
    ("依法开展行政复议", "%", ""),
    ("出庭应诉率", "%", "court_appearance_rate"),
    ("出庭应诉", "%", ""),
    ("法律援助", "件", "legal_aid_cases"),
    ("撤销、变更、确认违法等纠错", "件", "reconsideration_corrected"),
    ("全區共收到行政複議申請", "件", "reconsideration_cases"),
    ("答覆率", "%", ""),
    # unrelated or too vague to say
    ("全县", "个", ""),
    ("", "件", ""),
    ("出动执法人员", "人次", ""),
    ("覆盖群众", "人次", "publicity_audience"),
])
def test_automatic_labels(label, unit, code):
    assert match_indicator(label, unit=unit) == code


def test_bad_kind_is_named():
    with pytest.raises(ValueError, match="kind must be one of .* Got 'percent' instead"):
        match_indicator("网办率", kind="percent")


def test_indicator_lookup():
    assert indicator("reconsideration_cases").name_zh == "行政复议案件"
    with pytest.raises(KeyError, match="no standard indicator 'x'"):
        indicator("x")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_indicators_frame(language):
    df = indicators_frame(language)
    assert len(df) == len(INDICATORS)
    assert df.iloc[:, 0].tolist() == [ind.code for ind in INDICATORS]
    assert df.notna().all().all()


def test_indicators_frame_rejects_unknown_language():
    with pytest.raises(ValueError, match="Got 'fr' instead"):
        indicators_frame("fr")
