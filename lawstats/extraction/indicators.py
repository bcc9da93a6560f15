"""Standard indicators: what the figures of reports of this kind commonly measure.

Every county's report on building law-based government states much the same
things — administrative reconsideration cases, court appearances by agency
heads, disputes mediated, the online service rate, normative documents
filed — in its own words.  This module is a small taxonomy of those
indicators, so that figures from different reports can be set side by side.

Each :class:`Indicator` has a stable ``code`` (``reconsideration_cases``),
Chinese and English names, the kind of quantity it is (``count``,
``amount``, ``rate``, ``duration``; see :data:`lawstats.reading.quantity.KINDS`) and
*label patterns*: regular expressions over the words that introduce a
figure (an automatic label such as ``调解各类矛盾纠纷``, or a curated one).
:func:`match_indicator` maps a label to a code.

Decisions
---------
- **First match wins; order is meaning.**  Specific indicators come before
  general ones: corrected reconsideration cases before reconsideration cases,
  successful mediations before mediations, screenings before mediations,
  appearance *rates* before appearance counts, satisfaction before reply.
- **The quantity decides between siblings.**  A label ending in
  ``率/比例/占比`` names a rate; a ``%`` figure is a rate; a ``元`` figure is
  an amount.  An indicator only matches figures of its ``unit_kind``, and
  indicators that list ``units`` only match those measure words when a unit
  is given (``司法救助 … 17人`` is recipients, ``… 7起`` is cases).
- **Vetoes.**  ``exclude`` patterns stop a match: ``公示裁量基准的执法单位``
  names a subset of the enforcement units, not their number.
- **Labels are tidied first**: common traditional characters are folded to
  simplified ones (reposts through conversion gateways), quotation marks
  and spaces are dropped, and trailing filler (``为 达 共 累计 分别为 …``)
  is cut.
- **Kinds follow the unit** as :mod:`lawstats.reading.quantity` assigns them: a
  measure word other than ``% 元`` or a duration means a count.
- **Whole words.**  A pattern does not match right after a negating character
  (``非 未 无 不 免``): ``非诉讼案件`` is a law firm's non-litigation work, not
  administrative lawsuits.
- **Confidence.**  :func:`match_with_confidence` says how sure a match is: ``high``
  when the figure's unit confirms it, ``medium`` when no unit was given, ``low``
  when only a *weak* pattern matched (``诉讼案件`` without ``行政``).
- **No match is an answer**: ``""`` means the figure is not one of the
  standard indicators.  The taxonomy is deliberately small; it grows when
  reports show an indicator that many of them state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lawstats.labels import check_language
from lawstats.reading.folding import FOLD, FOLD_PAIRS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["Indicator", "INDICATORS", "GROUPS", "UNIT_KINDS", "CONFIDENCES", "indicator", "match_indicator",
           "match_with_confidence", "indicators_frame"]

#: The kinds of quantity an indicator can be (as in :data:`lawstats.reading.quantity.KINDS`).
UNIT_KINDS = ("count", "amount", "rate", "ratio", "duration", "percentage_points")

#: Groups of indicators: key -> (Chinese, English).  Order is the order of reports' outlines.
GROUPS: dict[str, tuple[str, str]] = {
    "study": ("学法普法", "Study and legal publicity"),
    "services": ("政务服务", "Government services"),
    "decisions": ("决策与规范性文件", "Decisions and normative documents"),
    "enforcement": ("行政执法", "Administrative enforcement"),
    "disputes": ("复议、诉讼与调解", "Reconsideration, litigation and mediation"),
    "aid": ("法律援助与司法救助", "Legal aid and judicial aid"),
    "oversight": ("人大政协监督", "Oversight by deputies and CPPCC members"),
    "emergencies": ("应急处置", "Emergencies"),
}


@dataclass(frozen=True)
class Indicator:
    """One standard indicator.

    Attributes
    ----------
    code : str
        Stable identifier, lower snake case (``"reconsideration_cases"``).
    name_zh, name_en : str
        Names shown to readers.
    unit_kind : str
        One of :data:`UNIT_KINDS`: the kind of quantity the indicator is.
    group : str
        A key of :data:`GROUPS`.
    patterns : tuple of str
        Regular expressions; the indicator matches a tidied label if any
        of them is found in it (``re.search``).
    units : tuple of str
        Measure words the indicator accepts when a figure's unit is known;
        ``()`` accepts any.
    exclude : tuple of str
        Regular expressions that veto a match.
    weak : tuple of str
        Regular expressions that, when they match the label, make the match
        ``"low"`` confidence (``诉讼案件`` without ``行政``: a lawyer's lawsuits
        or an agency's?).
    """

    code: str
    name_zh: str
    name_en: str
    unit_kind: str
    group: str
    patterns: tuple[str, ...]
    units: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


_PEOPLE = ("人", "人次", "名", "位")
_CASES = ("件", "起", "宗", "例", "个", "案", "次")
_SESSIONS = ("次", "场", "期", "场次", "轮", "堂", "节")


def _i(code, zh, en, kind, group, patterns, units=(), exclude=(), weak=()) -> Indicator:
    return Indicator(code, zh, en, kind, group, tuple(patterns), tuple(units), tuple(exclude), tuple(weak))


#: The taxonomy, in matching order (specific before general).
INDICATORS: tuple[Indicator, ...] = (
    # --- study and legal publicity
    _i("law_study_sessions", "政府常务会议和中心组学法", "Law study sessions of government and Party leaders",
       "count", "study",
       [r"(常务会议|中心组|领导干部|党组|会前).*学法", r"学法.*(次数|会议)", r"专题学习.*(法|法治)"],
       _SESSIONS, [r"每(期|次|个|名|人|月|季度)", r"培训班", r"学法考试"]),
    _i("people_trained", "法治培训人数", "People trained in law", "count", "study",
       [r"培训", r"参训", r"轮训"], _PEOPLE, [r"培训班$", r"(期|场|班)(数|次)$"]),
    _i("legal_publicity_events", "普法宣传活动", "Legal publicity events", "count", "study",
       [r"普法.*(活动|讲座|宣讲)", r"(法治|法律|法制)宣传.*活动", r"(法治|法律|宪法|民法典).*(讲座|宣讲|巡演)",
        r"送法", r"法治宣讲", r"宣传活动", r"普法活动", r"专题讲座", r"法律六进.*活动"],
       ("场", "次", "场次", "期", "个", "项", "堂", "批"),
       [r"资料", r"咨询", r"领导干部", r"(群众|干部|人员|人数|受众|学生)$"]),
    _i("publicity_audience", "普法受众", "Audience of legal publicity", "count", "study",
       [r"受众", r"(参与|参加|观看|覆盖|受益|受教育).*(群众|干部|人数|人员)", r"观看", r"覆盖群众", r"参与群众"],
       _PEOPLE, [r"培训", r"参训", r"考试"]),
    _i("leaflets_distributed", "发放法治宣传资料", "Legal information leaflets distributed", "count", "study",
       [r"(发放|派发|分发|赠送|印发).*(资料|宣传品|手册|读本|宣传单|折页|单页)", r"宣传资料"],
       ("份", "册", "本", "张", "套", "件", "万份"), [r"执法证", r"营业执照"]),
    _i("legal_consultations", "解答法律咨询", "Legal consultations answered", "count", "study",
       [r"法律咨询", r"(解答|提供|接受|接待).*咨询", r"咨询"], ("次", "人次", "人", "件", "条", "个"),
       [r"热线.*(受理|诉求)"]),
    # --- government services
    _i("online_service_rate", "网办率", "Online service rate", "rate", "services",
       [r"网办率", r"网上可办率", r"网上办理率", r"全程网办率", r"网办(比例|比率)", r"网上可办(比例|比率)",
        r"可网办率", r"一网通办率"]),
    _i("items_cancelled", "取消的审批事项", "Approval items cancelled", "count", "services",
       [r"(取消|精简|削减).*(审批|许可|行政权力|政务服务)?事项", r"(取消|精简|削减).*(审批|许可)"],
       ("项", "个", "件", "类"), [r"证明事项"]),
    _i("licensing_items", "行政许可事项", "Administrative licensing items", "count", "services",
       [r"(行政)?许可事项"], ("项", "个", "类", "件"), [r"下放|承接"]),
    _i("application_items", "依申请政务服务事项", "Services provided on application", "count", "services",
       [r"依申请.*事项"], ("项", "个", "件"), [r"公开", r"一窗", r"跑一次|不用跑|跑腿"]),
    _i("hotline_requests", "12345热线诉求", "Requests to the 12345 hotline", "count", "services",
       [r"12345", r"热线.*(诉求|来电|工单|件)"], ("件", "个", "次", "条", "单")),
    _i("information_published", "主动公开政府信息", "Government information published proactively",
       "count", "services", [r"主动公开.*信息", r"公开政府信息"], ("条", "件", "个", "份")),
    _i("disclosure_requests", "政府信息公开申请", "Requests for disclosure of government information",
       "count", "services", [r"依申请公开", r"信息公开申请"], ("件", "个", "份", "次")),
    _i("business_licences_issued", "核发营业执照", "Business licences issued", "count", "services",
       [r"营业执照"], ("本", "张", "份", "个", "件", "户")),
    # --- decisions and normative documents
    _i("normative_documents_filed", "规范性文件备案", "Normative documents filed for the record", "count",
       "decisions", [r"备案", r"报备"], ("件", "份", "个", "部", "篇"), [r"案卷", r"执法"]),
    _i("contracts_reviewed", "审查政府合同", "Government contracts reviewed", "count", "decisions",
       [r"(审查|审核|审签|修改|把关).*(合同|协议)", r"(合同|协议).*(审查|审核)",
        r"^(政府|各类|政府各类)?(合同|协议)(、?协议)?$"],
       ("份", "件", "个", "项")),
    _i("legality_reviews", "合法性审查", "Legality reviews", "count", "decisions",
       [r"合法性(审查|审核)", r"法制(审核|审查)", r"(法律|法制)?审查意见", r"审核意见", r"审查规范性文件",
        r"规范性文件.*(审查|审核)"],
       ("件", "份", "项", "个", "次", "部"), [r"案卷", r"执法决定"]),
    _i("normative_documents_issued", "印发行政规范性文件", "Normative documents issued", "count", "decisions",
       [r"规范性文件"], ("件", "份", "个", "部", "篇"),
       [r"清理|废止|修改|备案|报备|审查|审核|管理", r"合同|协议|事项"]),
    _i("legal_advisers", "法律顾问", "Legal advisers", "count", "decisions",
       [r"法律顾问"], ("名", "人", "位", "个", "家"),
       [r"参与|出具|审查|审核|事务|意见|论证|村（社区）|村\(社区\)"]),
    # --- enforcement
    _i("enforcement_certificates", "发放行政执法证件", "Enforcement certificates issued", "count",
       "enforcement", [r"执法(证|证件)", r"执法资格证"], ("本", "张", "个", "件", "份"),
       [r"人员", r"考试"]),
    _i("enforcement_officers", "持证行政执法人员", "Certified enforcement officers", "count", "enforcement",
       [r"(持证|在岗|取得执法证的?)(行政)?执法人员", r"^(行政)?执法人员$"], ("名", "人", "位"),
       [r"考试|报名|培训|参训|出动|检查|人次"]),
    _i("penalty_cases", "行政处罚案件", "Administrative penalty cases", "count", "enforcement",
       [r"(行政)?处罚案件", r"(办理|查处|作出).*行政处罚"], ("件", "起", "宗", "个", "例"),
       [r"不予(行政)?处罚|免(予)?处罚|首违不罚|轻微违法|简易程序"]),
    _i("fines_imposed", "罚没款", "Fines and confiscations", "amount", "enforcement",
       [r"罚没", r"罚款(金额)?$", r"罚款金额"]),
    _i("case_files_reviewed", "评查行政执法案卷", "Enforcement case files reviewed", "count",
       "enforcement", [r"(评查|抽查|检查|审查).*案卷", r"案卷.*(评查|抽查)"],
       ("份", "卷", "件", "宗", "本", "个"), [r"合格率|优秀率|优良率"]),
    _i("enforcement_units", "行政执法单位", "Administrative enforcement units", "count", "enforcement",
       [r"(行政)?执法(单位|机关|主体|部门)"], ("个", "家"),
       [r"裁量|执法决定", r"监督的"]),
    # --- reconsideration, litigation, mediation
    _i("reconsideration_correction_rate", "行政复议纠错率", "Reconsideration correction rate", "rate",
       "disputes", [r"纠错率"]),
    _i("reconsideration_corrected", "行政复议纠错", "Reconsideration decisions correcting the agency",
       "count", "disputes",
       [r"复议.*(纠错|撤销|变更|确认违法|责令履行|纠正)", r"^(纠错|撤销|变更|确认违法)"],
       _CASES, [r"维持|驳回"]),
    _i("reconsideration_cases", "行政复议案件", "Administrative reconsideration cases", "count", "disputes",
       [r"行政复议", r"复议(案件|申请)"], _CASES,
       [r"应诉|诉讼|出庭|纠错率|调解", r"^(维持|驳回|撤销|变更|终止|确认违法|责令履行|纠错)"]),
    _i("court_appearance_rate", "负责人出庭应诉率", "Court appearance rate of agency heads", "rate",
       "disputes", [r"出庭(应诉)?率", r"出庭.*(比例|比率)"]),
    _i("court_appearances", "负责人出庭应诉", "Court appearances by agency heads", "count", "disputes",
       [r"出庭"], _CASES + _PEOPLE),
    _i("litigation_cases", "行政诉讼案件", "Administrative litigation cases", "count", "disputes",
       [r"行政诉讼", r"行政应诉", r"应诉案件", r"诉讼案件"], _CASES,
       [r"败诉|出庭|答辩|答复书", r"(公益|民事|刑事)诉讼", r"律师"], weak=(r"(?<!行政)诉讼案件",)),
    _i("public_interest_litigation", "公益诉讼案件", "Public-interest lawsuits", "count", "disputes",
       [r"公益诉讼"], _CASES),
    _i("procuratorial_recommendations", "检察建议", "Procuratorial recommendations", "count", "disputes",
       [r"检察建议"], ("份", "件", "条", "个")),
    _i("disputes_screened", "矛盾纠纷排查", "Dispute screenings", "count", "disputes",
       [r"排查.*(矛盾|纠纷)", r"(矛盾|纠纷).*排查"], ("次", "件", "场", "轮", "起", "个")),
    _i("mediation_success_rate", "调解成功率", "Mediation success rate", "rate", "disputes",
       [r"调(解|处).*成功率", r"^成功率"]),
    _i("mediation_rate", "调解率", "Mediation rate", "rate", "disputes", [r"调(解|处)率"]),
    _i("disputes_resolved", "成功调解纠纷", "Disputes mediated successfully", "count", "disputes",
       [r"成功调(解|处)", r"调(解|处)成功", r"^化解"], ("件", "起", "宗", "个", "次")),
    _i("disputes_mediated", "调解矛盾纠纷", "Disputes mediated", "count", "disputes",
       [r"调(解|处).*(纠纷|矛盾|争议|案件)", r"^调(解|处)$"], ("件", "起", "宗", "个", "次"),
       [r"排查|预防", r"(组织|调解员|委员会|调解室|工作室)$"]),
    _i("mediators", "人民调解员", "People's mediators", "count", "disputes",
       [r"调解员"], _PEOPLE, [r"培训|参训"]),
    # --- legal aid and judicial aid
    _i("legal_aid_cases", "法律援助案件", "Legal aid cases", "count", "aid",
       [r"法律援助"], _CASES, [r"人数|受援人|中心|工作站"]),
    _i("notarisations", "办理公证", "Notarisations", "count", "aid",
       [r"公证"], ("件", "份", "个", "项", "次"), [r"机构|处$"]),
    _i("public_sector_lawyers", "公职律师", "Public-sector lawyers", "count", "aid",
       [r"公职律师"], _PEOPLE, [r"部门|单位$"]),
    _i("judicial_aid_amount", "司法救助金额", "Judicial aid paid", "amount", "aid",
       [r"司法救助.*(金|款)"], (), [r"案件|人数|人员|对象"]),
    _i("judicial_aid_cases", "司法救助案件", "Judicial aid cases", "count", "aid",
       [r"司法救助"], ("起", "件", "宗", "例", "个"), [r"人数|人员|对象|金额|资金|救助金"]),
    _i("judicial_aid_recipients", "司法救助人数", "Judicial aid recipients", "count", "aid",
       [r"司法救助"], ("人", "名", "户", "人次"), [r"案件|金额|资金|救助金"]),
    # --- oversight
    _i("deputies_satisfaction_rate", "人大代表建议满意率", "Deputies' satisfaction with replies", "rate",
       "oversight", [r"(代表|人大).*建议.*满意", r"^(人大)?代表满意"]),
    _i("deputies_reply_rate", "人大代表建议答复率", "Reply rate to deputies' suggestions", "rate",
       "oversight", [r"(代表|人大).*建议.*(答复|办复|办结)率"]),
    _i("deputies_suggestions", "办理人大代表建议", "People's Congress deputies' suggestions handled",
       "count", "oversight", [r"(人大)?代表.*(建议|议案)"], ("件", "条", "项", "个"), [r"政协|提案"]),
    _i("cppcc_satisfaction_rate", "政协委员提案满意率", "CPPCC members' satisfaction with replies", "rate",
       "oversight", [r"(政协|委员).*提案.*满意", r"^(政协)?委员满意"]),
    _i("cppcc_reply_rate", "政协委员提案答复率", "Reply rate to CPPCC proposals", "rate", "oversight",
       [r"(政协|委员).*提案.*(答复|办复|办结)率"]),
    _i("cppcc_proposals", "办理政协委员提案", "CPPCC members' proposals handled", "count", "oversight",
       [r"(政协|委员).*提案", r"^提案"], ("件", "条", "项", "个"), [r"人大|代表建议"]),
    # --- emergencies
    _i("emergencies_handled", "依法处置突发事件", "Emergencies handled", "count", "emergencies",
       [r"(处置|应对|处理).*突发事件"], ("件", "起", "次", "宗", "个")),
)

# ------------------------------------------------------------------ tidying labels
_FOLD_PAIRS, _FOLD = FOLD_PAIRS, FOLD  # traditional -> simplified (lawstats.reading.folding)
_DROP = re.compile(r"[\s“”‘’\"'《》〈〉「」『』]+")
_FILLER = re.compile(r"(?:分别为|分别|均为|均|达到|达|为|是|共计|共有|共|累计|合计|计|约|近|超过|已|了|的|[：:，,、。；;（(])+$")
_RATE_WORD = re.compile(r"(?:率|比例|比率|比重|占比|百分比)$")
_RATE_UNITS = frozenset(("%", "％", "‰", "成"))
_POINT_UNITS = frozenset(("个百分点", "百分点"))  # a difference of two rates, not a share
_DURATION_UNITS = frozenset(("天", "日", "工作日", "个工作日", "月", "个月", "年", "周年", "周", "个星期", "星期",
                             "小时", "个小时", "分钟", "秒", "学时", "课时", "季度", "个季度"))


def _tidy(label: str) -> str:
    """Fold traditional characters, drop quotes and spaces, cut trailing filler."""
    # 覆 is also simplified (覆盖), so only 答覆 is folded, as a word.
    return _FILLER.sub("", _DROP.sub("", label.replace("答覆", "答复").translate(_FOLD)))


def _kind_of(unit: str) -> str:
    """The kind a unit implies (as :mod:`lawstats.reading.quantity` decides it), or ``""`` for no unit."""
    if not unit:
        return ""
    if unit in _RATE_UNITS:
        return "rate"
    if unit in _POINT_UNITS:
        return "percentage_points"
    if unit.endswith("元"):
        return "amount"
    if unit in _DURATION_UNITS:
        return "duration"
    if unit == "倍":
        return "ratio"
    return "count"


#: A match must start a word: these characters before it make a different word
#: (非诉讼 is not 诉讼, 不予处罚 is not 处罚, 未出庭 is not 出庭).
_NOT_A_WORD_BEFORE = "非未无不免"


def _whole(pattern: str) -> re.Pattern:
    """``pattern`` matching whole words only: not right after a negating character."""
    if pattern.startswith("^"):
        return re.compile(pattern)
    return re.compile(f"(?<![{_NOT_A_WORD_BEFORE}])(?:{pattern})")


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Indicator, tuple[re.Pattern, ...], tuple[re.Pattern, ...], frozenset,
                               tuple[re.Pattern, ...]], ...]:
    return tuple(
        (ind, tuple(_whole(p) for p in ind.patterns), tuple(re.compile(p) for p in ind.exclude),
         frozenset(ind.units), tuple(re.compile(p) for p in ind.weak))
        for ind in INDICATORS
    )


@lru_cache(maxsize=4096)
def match_indicator(label: str, unit: str = "", kind: str = "") -> str:
    """Return the code of the standard indicator a label names, or ``""``.

    Parameters
    ----------
    label : str
        Words that introduce a figure: an automatic label (the words before
        the number) or a curated one.
    unit : str, optional
        The figure's unit or measure word (``"件"``, ``"%"``, ``"元"``);
        narrows the choice between sibling indicators.
    kind : str, optional
        The figure's kind (one of :data:`UNIT_KINDS`).  Inferred from
        ``unit`` (``%`` -> rate, ``元`` -> amount, ``天`` -> duration, other
        measure words -> count) or from a label ending in ``率``/``比例``
        when not given.

    Returns
    -------
    str
        An indicator code, or ``""`` when no standard indicator matches.

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`UNIT_KINDS`.

    Examples
    --------
    >>> match_indicator("办理行政复议案件")
    'reconsideration_cases'
    >>> match_indicator("办理行政诉讼案件")
    'litigation_cases'
    >>> match_indicator("成功调解矛盾纠纷"), match_indicator("调解各类矛盾纠纷")
    ('disputes_resolved', 'disputes_mediated')
    >>> match_indicator("人大代表建议答复率"), match_indicator("人大代表建议满意率")
    ('deputies_reply_rate', 'deputies_satisfaction_rate')
    >>> match_indicator("实施国家司法救助7起共", unit="人")
    'judicial_aid_recipients'
    >>> match_indicator("網辦率達", unit="%")
    'online_service_rate'
    >>> match_indicator("公示裁量基准的执法单位")
    ''
    """
    return match_with_confidence(label, unit, kind)[0]


#: How sure a match is: ``high`` (a pattern matched and the figure's unit is one the indicator
#: lists, or its kind when it lists none), ``medium`` (no unit given to confirm it), ``low`` (only
#: a weak pattern matched); ``""`` when nothing matched.
CONFIDENCES = ("high", "medium", "low")


@lru_cache(maxsize=4096)
def match_with_confidence(label: str, unit: str = "", kind: str = "") -> tuple[str, str]:
    """Like :func:`match_indicator`, with how sure the match is (one of :data:`CONFIDENCES`).

    Patterns match whole words: ``非诉讼案件`` is not ``诉讼案件``.

    Examples
    --------
    >>> match_with_confidence("办理行政诉讼案件", "件"), match_with_confidence("办理行政诉讼案件")
    (('litigation_cases', 'high'), ('litigation_cases', 'medium'))
    >>> match_with_confidence("诉讼案件", "件")
    ('litigation_cases', 'low')
    >>> match_with_confidence("律师办理非诉讼案件", "件"), match_with_confidence("不予处罚案件", "件")
    (('', ''), ('', ''))
    """
    if kind and kind not in UNIT_KINDS:
        raise ValueError(f"kind must be one of {UNIT_KINDS} or ''. Got {kind!r} instead.")
    text = _tidy(label)
    if not text:
        return "", ""
    unit = unit.translate(_FOLD) if unit else ""
    kind = kind or _kind_of(unit) or ("rate" if _RATE_WORD.search(text) else "")
    for ind, patterns, excludes, units, weak in _compiled():
        if kind and ind.unit_kind != kind:
            continue
        if unit and units and unit not in units:
            continue
        hits = [p for p in patterns if p.search(text)]
        if not hits:
            continue
        if any(x.search(text) for x in excludes):
            continue
        if any(w.search(text) for w in weak):
            return ind.code, "low"
        return ind.code, "high" if unit or (not ind.units and kind) else "medium"
    return "", ""


def indicator(code: str) -> Indicator:
    """Return the indicator with ``code``; raise a clear ``KeyError`` if there is none.

    Examples
    --------
    >>> indicator("online_service_rate").name_en
    'Online service rate'
    >>> indicator("nope")
    Traceback (most recent call last):
    ...
    KeyError: "no standard indicator 'nope'; see lawstats.extraction.indicators.INDICATORS for the 52 codes"
    """
    for ind in INDICATORS:
        if ind.code == code:
            return ind
    raise KeyError(f"no standard indicator {code!r}; see lawstats.extraction.indicators.INDICATORS "
                   f"for the {len(INDICATORS)} codes")


_FRAME_HEADERS = {
    "zh": ("代码", "分组", "指标", "量的类型", "计量单位", "标签模式"),
    "en": ("code", "group", "indicator", "kind", "units", "label patterns"),
}


def indicators_frame(language: str = "zh") -> "pd.DataFrame":
    """The taxonomy as a table, for documentation and notebooks.

    Parameters
    ----------
    language : {"zh", "en"}
        Language of the headers, group names and indicator names.

    Returns
    -------
    pandas.DataFrame
        One row per indicator, in matching order, with the columns code,
        group, indicator (name), kind, units and label patterns.

    Examples
    --------
    >>> df = indicators_frame("en")
    >>> list(df.columns)
    ['code', 'group', 'indicator', 'kind', 'units', 'label patterns']
    >>> df.loc[df["code"] == "online_service_rate", "indicator"].item()
    'Online service rate'
    >>> indicators_frame("zh").iloc[0, 2]
    '政府常务会议和中心组学法'
    """
    import pandas as pd

    zh = check_language(language) == "zh"
    rows = [
        (ind.code, GROUPS[ind.group][0 if zh else 1], ind.name_zh if zh else ind.name_en,
         ind.unit_kind, "、".join(ind.units) if zh else ", ".join(ind.units), " | ".join(ind.patterns))
        for ind in INDICATORS
    ]
    return pd.DataFrame(rows, columns=list(_FRAME_HEADERS[language]))
