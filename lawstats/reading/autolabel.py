"""Automatic labels: the words that say what a figure counts, found by rules in any report.

A careful analyst labels ``清理了11个乡镇的权责清单`` "清理权责清单的乡镇", not "清理了": the label
names the noun phrase the measure word counts.  :func:`relabel` gives every figure of
:func:`lawstats.reading.mentions.find_mentions` such a label.

Decisions
---------
- **The clause is the context.**  A label is made of the words of the figure's clause: back to the
  previous punctuation (``，。；：``, a list comma ``、`` outside quotation marks, an unmatched
  bracket) or the previous figure, and forward to the next punctuation or figure.  Short bracketed
  groups (``村（社区）``), quotation marks and book-title marks are read through; the marks are
  dropped, the words kept.
- **Noun after the number.**  When the words after the measure word begin with a noun and the
  words before it are empty, only a scope (``全县``), a preposition (``对 为``) or end in a verb
  (``清理了``, ``指导``), the noun after the number is what is counted: ``11个乡镇的权责清单`` ->
  ``清理权责清单的乡镇``; ``8家律师事务所参与涉企法律服务`` -> ``参与涉企法律服务的律师事务所``.  The
  noun ends at the first predicate word (``参与 开展 建立 全部 均 …``, :data:`PREDICATE_START`).
- **Noun before the number** otherwise: the words before it, without leading fillers and scope
  (``其中 共 全年 全县``) and trailing fillers, change verbs and adverbs (``为 达 共计 压缩至 最快``).
  Fillers are cut as words: the ``为`` of ``违法行为`` and the ``计`` of ``审计`` stay.
- **Lists share their noun.**  In ``新增14项、取消9项、调整6项县级行政许可事项`` each figure is
  labelled by its action and the list's noun: ``新增县级行政许可事项``; so is ``行政许可事项新增14项、
  取消9项``.
- **A bare action borrows the noun** of the figure before it in the same sentence: ``收到行政复议申请
  126件，依法受理108件`` -> ``受理行政复议申请``.  A bare ``共计56人`` borrows the clause before it.
- **Before and after**: ``由15个工作日压缩至4个工作日`` labels the two figures ``压缩前…`` and ``压缩后…``.
- **Whole words, no punctuation, no dangling particle**; at most :data:`MAX_LENGTH` characters,
  cut at a word boundary the rules know (after an agency: ``局 院 委 府``), never mid-word where
  avoidable.
- **Simplified characters**: a report through a traditional-character gateway (``全縣31個``) is
  read folded to simplified characters (:mod:`lawstats.extraction.indicators`' table), so its labels are too.
- Labels are best effort and marked ``automatic`` in the tables; curated annotations override them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

#: Mentions a label never reaches back across.
LABEL_FLOOR_REASONS = frozenset(("year", "date", "period", "heading", "enumerator", "document_number"))

if TYPE_CHECKING:  # pragma: no cover
    from lawstats.reading.mentions import Mention

__all__ = ["MAX_LENGTH", "ACTIONS", "PREDICATE_START", "LABEL_FLOOR_REASONS", "relabel", "clean_label", "figure_labels"]

#: The longest label kept, in characters.
MAX_LENGTH = 18

_HARD = frozenset("，。；：！？!?;:,\n\r|")
_SENTENCE = frozenset("。；！？!?;\n\r")
_OPEN_Q, _CLOSE_Q = "“‘「『", "”’」』"
_BRACKETS = {"）": "（", ")": "(", "】": "【", "]": "["}
_MARKS = re.compile(r"[“”‘’「」『』《》〈〉、\"'\s\u3000]")

#: Actions and statuses that distinguish figures of one thing (新增 vs 取消 事项; 受理 vs 审结 案件).
ACTIONS = (
    "新增", "新设", "新建", "新办", "新登记", "新申领", "新聘", "取消", "调整", "下放", "承接", "保留", "精简",
    "合并", "削减", "压减", "修改", "修订", "废止", "宣布失效", "失效", "清理", "受理", "收到", "接收", "收案",
    "立案", "审结", "办结", "结案", "答复", "办复", "回复", "维持", "撤销", "变更", "驳回", "确认违法",
    "责令履行", "纠错", "终止", "中止", "撤回", "撤诉", "调解", "调处", "调解成功", "化解", "和解", "败诉", "胜诉",
    "采纳", "办理", "处理", "查处", "处罚", "移送", "移交", "整改", "完成", "通过", "审查", "审核", "备案",
    "报备", "公开", "公布", "出具", "提出", "评为优秀", "评为合格", "评为", "优秀", "合格", "不合格", "注销",
    "吊销", "核发", "发放", "换发", "申领", "补办", "签订", "聘请", "培训", "参训", "考试", "考核", "检查",
    "抽查", "评查", "督查", "排查", "排查出", "化解成功", "办件", "受理件", "录入", "归档", "上线", "入驻",
    "进驻", "承办", "转办", "交办", "督办", "回访", "满意", "不予处罚", "免罚", "减轻处罚", "追回", "挽回",
    "出台", "制定", "制定出台", "印发", "发布", "报送", "报送备案",
)
_ACTION_RE = "|".join(sorted(map(re.escape, ACTIONS), key=len, reverse=True))
_ADVERBS = r"(?:依法|其中|共计|共有|共|累计|合计|总计|已经|已|均|全部|分别|直接|当场|按时|当年|全年|先后|另)"
_ONLY_ACTIONS = re.compile(rf"^{_ADVERBS}*(?:(?:{_ACTION_RE})(?:了|的)?)+$")
_TRAILING_ACTION = re.compile(rf"(?:{_ACTION_RE})$")

#: Words that start the predicate after a noun: the noun of ``8家律师事务所参与…`` ends before them.
PREDICATE_START = (
    "全部", "均", "都", "已经", "已", "共", "分别", "先后", "累计", "按要求", "按照", "依法", "积极", "主动", "严格",
    "认真", "及时", "率先", "统一", "集中", "相继", "陆续", "逐步", "报名", "参与", "参加", "开展", "建立", "建成", "设立",
    "实现", "完成", "配备", "配齐", "实施", "追回", "获得", "获评", "被评为", "被", "纳入", "签订", "通过", "成立",
    "落实", "推行", "达到", "接受", "提供", "出具", "进驻", "入驻", "办理", "受理", "聘请", "聘任", "组建",
    "设置", "安装", "覆盖", "创建", "申请", "享受", "挽回", "领取", "开通", "上线", "挂牌", "入选", "列入",
    "作为", "承担", "制定", "出台", "印发", "明确", "公开", "公示", "接入", "使用", "投入", "参评", "到位",
    "达标", "签约", "加入", "报名", "考试", "培训", "学习", "旁听", "观看", "收看", "受益", "得到", "获",
)
_ADVERB_START = re.compile(r"(?:全部|均|都|已经|已|共|分别|先后|累计|按要求|按照要求|依法|积极|主动|严格|认真|及时|率先|"
                           r"统一|集中|相继|陆续|逐步|被)")
_VERB_INSIDE = re.compile(r"作出|实施|开展|办理|参与|建立|设立|完成|实现")
_PREDICATE = re.compile("|".join(sorted(map(re.escape, PREDICATE_START), key=len, reverse=True)))

#: Words a label before the number ends in that do not name anything: verbs, prepositions, 了.
_VERB_END = re.compile(
    r"(?:了|对|为|向|给|与|帮助|指导|培育|清理|组织|培训|惠及|覆盖|涉及|走访|联系|服务|选派|聘请|确定|命名|"
    r"表彰|评选|创建|打造|建成|新建|设立|建立|成立|组建|开展|举办|召开|完成|实现|办理|受理|审查|审核|检查|"
    r"督查|抽查|整改|处理|查处|约谈|通报|批准|认定|推动|推进|引导|动员|发动|带动|支持|扶持|资助|救助|帮扶|"
    r"追回|挽回|收到|接到|接待|发放|印发|出台|制定|修订|废止|公布|公开|评查|签订|协调|化解|调解|排查|审结|"
    r"办结|选聘|聘任|任命|表扬|考核|培养|吸纳|招录|招聘|遴选|确立|整合|撤并|配备|配齐|监督|督促|约谈|到|在|将|把)$")

_LEAD = re.compile(r"^(?:的|其中|共计|共有|共|累计|合计|总计|全年|年内|今年以来|今年|以来|目前|当年|截至目前|"
                   r"已经|已|并|还|另外|另|同时|均|按照|将|把|对|向|在|为|给|同比|较上年|此外|其余)+")
_SCOPE = re.compile(r"^(?:全|我|本|该)(?:县|区|市|镇|乡|省|州|旗|街道|盟)(?:各级|各|共有|共计|共|累计|已有|已)?")
_SCOPE_ONLY = re.compile(r"^(?:(?:全|我|本|该|各)?(?:县|区|市|镇|乡|省|州|旗|街道|系统|单位)?"
                         r"(?:共|共有|累计|已|已有|有|先后|全年)?)$")
#: Trailing words that are not part of the name: fillers, adverbs, change verbs.  A one-character
#: filler is not cut where the character before makes a word with it (行为, 审计, 所有, 还是).
_TRAIL_WORDS = ("共计", "共有", "共", "累计", "合计", "总计", "分别为", "分别", "均为", "均", "达到", "达",
                "为", "计", "有", "是", "的", "了", "约", "近", "超过", "已", "压缩至", "压缩到", "缩短至", "缩短到",
                "减少至", "减少到", "减至", "减到", "降至", "降到", "降低至", "降低到", "下降至", "下降到", "提高至",
                "提高到", "提升至", "提升到", "提速至", "提速到", "增至", "增加至", "增加到", "上升至", "上升到", "由",
                "从", "最快", "最短", "最长", "最多", "最少", "平均", "仅", "只需", "仅需", "控制在", "保持在", "保持",
                "在", "至", "到", "总数", "总量达", "以", "逾", "多达", "高达", "超", "突破", "共达", "累计达",
                "由原", "从原", "原", "按", "全县", "全区", "全市", "全镇", "全乡", "全省", "全州", "全旗", "我县",
                "我区", "我市", "我镇", "本县", "本区", "本市")
_TRAIL = sorted(_TRAIL_WORDS, key=len, reverse=True)
_TRAIL_RE = re.compile("(?:" + "|".join(map(re.escape, _TRAIL)) + ")$")
_KEEP_BEFORE = {"为": "行作成认因称", "计": "统设会审核估预", "有": "所没拥具享持占固", "是": "但就总还正都只真若凡",
                "达": "到传表下", "在": "存现实所", "至": "甚以", "到": "做得感受达", "以": "可难所予加得足用",
                "超": "赶", "的": "目", "平均": "", "了": "为除"}
_CHANGE = re.compile(r"(压缩|缩短|减少|减|降低|降|下降|提高|提升|提速|增加|增|上升|调整|精简|优化)(?:至|到|为)$")
_AGENCY_END = "局院委府办所队站厅部会处庭"


def _is_trail(label: str, word: str) -> bool:
    if not label.endswith(word) or len(label) == len(word) and word in ("的", "了"):
        return label.endswith(word)
    keep = _KEEP_BEFORE.get(word)
    if keep and len(label) > len(word) and label[-len(word) - 1] in keep:
        return False
    return True


@lru_cache(maxsize=8192)
def clean_label(label: str) -> str:
    """Drop marks, leading fillers and scope, trailing fillers and change verbs.

    Examples
    --------
    >>> clean_label("全县共有行政执法单位")
    '行政执法单位'
    >>> clean_label("立案查处违法行为"), clean_label("完成审计"), clean_label("企业开办时间压缩至")
    ('立案查处违法行为', '完成审计', '企业开办时间')
    >>> clean_label("开展“法律进村居”活动"), clean_label("办复率均为")
    ('开展法律进村居活动', '办复率')
    """
    s = _MARKS.sub("", label)
    for _ in range(4):
        before = s
        s = _LEAD.sub("", s)
        s = _SCOPE.sub("", s) if len(_SCOPE.sub("", s)) >= 2 else s
        while s:
            m = _TRAIL_RE.search(s)
            if m is None:
                break
            w = m.group()
            if len(s) == len(w):
                if w in ("的", "了", "共", "共计", "累计", "由", "从", "在", "为"):
                    s = ""
                break
            if not _is_trail(s, w):
                break
            s = s[:m.start()]
        if s == before:
            break
    return s


_SIMPLE_TAIL = re.compile(r"[^，。；：！？!?;:,\n\r|、“”‘’「」『』（）()【】\[\]]*$")


def _left(text: str, start: int, floor: int) -> str:
    """The words of the clause before ``start`` (marks and short brackets read through)."""
    lo = max(floor, start - 60)
    simple = _SIMPLE_TAIL.search(text, lo, start)
    if simple.start() == lo or text[simple.start() - 1] in _HARD:  # the common case: no marks to read through
        if not (simple.start() == start and start > floor and text[start - 1] in "\r\n"):
            return simple.group()
    out: list[str] = []
    i = start - 1
    in_quote = False
    through_list = text[max(0, start - 2):start].rstrip("的").endswith("等")  # 合同、协议、办法等254份
    while i >= floor and start - i <= 60:
        c = text[i]
        if c in _CLOSE_Q:
            in_quote = True
        elif c in _OPEN_Q:
            in_quote = False
        elif c in _BRACKETS:
            j = text.rfind(_BRACKETS[c], max(floor, i - 9), i)
            if j < 0 or any(x in _HARD or x == "、" for x in text[j + 1:i]):
                break
            if not re.match(r"(?:含|包括|包含|不含|除)", text[j + 1:i]):
                out.append(text[j + 1:i])
            i = j - 1
            continue
        elif c in "（(【[":
            break
        elif c in "\r\n" and i > floor and not text[i + 1:start].strip() and _broken_line(text, i, floor):
            i -= 1  # a line break inside a sentence (scrape damage): read through it
            continue
        elif c in _HARD or (c == "、" and not in_quote and not through_list):
            break
        out.append(c)
        i -= 1
    return "".join(reversed(out))


def _broken_line(text: str, i: int, floor: int) -> bool:
    """Is the line break at ``i``, right before a figure, a break inside a sentence (``受理申请⏎52件``)?"""
    j = i - 1
    while j > floor and text[j] in "\r \t\u3000":
        j -= 1
    return j >= floor and text[j].isalpha() and not ("一" <= text[j] <= "十" and j == floor)


def _right(text: str, end: int, stop: int) -> str:
    """The words of the clause after ``end``, up to punctuation or ``stop`` (the next figure)."""
    out: list[str] = []
    i = end
    in_quote = False
    while i < stop and i - end < 30:
        c = text[i]
        if c in _OPEN_Q:
            in_quote = True
        elif c in _CLOSE_Q:
            in_quote = False
        elif c in "（(【[":
            close = {"（": "）", "(": ")", "【": "】", "[": "]"}[c]
            j = text.find(close, i + 1, min(stop, i + 10))
            if j < 0 or any(x in _HARD or x == "、" for x in text[i + 1:j]):
                break
            out.append(text[i + 1:j])
            i = j + 1
            continue
        elif c in _HARD or c in "）)】]" or (c == "、" and not in_quote):
            break
        out.append(c)
        i += 1
    return _MARKS.sub("", "".join(out))


_NOUN_TRAIL = "按以向对在为与和及等"


def _split_noun(words: str) -> tuple[str, str, str]:
    """``(noun, object_or_predicate, how)`` of the words after a measure word.

    ``乡镇的权责清单`` -> ``("乡镇", "权责清单", "of")``; ``律师事务所参与涉企法律服务`` ->
    ``("律师事务所", "参与涉企法律服务", "pred")``; ``街道`` -> ``("街道", "", "")``.
    """
    words = words.lstrip("的")
    k = words.find("的")
    m = _PREDICATE.search(words)
    if 0 < k <= 4 and (m is None or m.start() > k) and not _VERB_INSIDE.search(words[:k]):
        return words[:k], words[k + 1:], "of"
    if m is not None:
        pred = words[m.start():]
        while True:  # adverbs are not part of the predicate: 全部按要求成立… -> 成立…
            a = _ADVERB_START.match(pred)
            if not a or a.end() == len(pred):
                break
            pred = pred[a.end():]
        return words[:m.start()].rstrip(_NOUN_TRAIL), pred, "pred"
    return words.rstrip(_NOUN_TRAIL), "", ""


def _fit(pred: str, room: int) -> str:
    """A predicate cut to ``room`` characters at a conjunction (并 及 和 与), or ``""``.

    >>> _fit("开展实地督察及监督工作", 8), _fit("开展实地督察及监督工作", 3)
    ('开展实地督察', '')
    """
    if len(pred) <= room:
        return pred
    best = ""
    for m in re.finditer(r"并|及|和|与|、", pred):
        if m.start() > room:
            break
        if m.start() >= 2:
            best = pred[:m.start()]
    return best


def _shorten(label: str) -> str:
    """At most MAX_LENGTH characters: the words nearest the end, cut after an agency, a scope,
    a particle or a conjunction where possible (mid-word only when there is no such place)."""
    if len(label) <= MAX_LENGTH:
        return label
    lo = len(label) - MAX_LENGTH
    for i in range(lo, len(label) - 2):
        if label[i - 1] in _AGENCY_END or label[i - 1] in "县区市镇乡的和及与等对在":
            return label[i:]
    return label[lo:]


def _noun_of(label: str) -> str:
    """The noun of a label: the words after its last action, else without trailing actions."""
    s = _SCOPE.sub("", label)
    best = None
    for m in re.finditer(_ACTION_RE, s):
        if m.end() < len(s):
            best = m
    if best is not None and len(s) - best.end() >= 2:
        s = s[best.end():]
    while True:
        m = _TRAILING_ACTION.search(s)
        if not m or m.start() < 2:
            break
        s = s[:m.start()]
    s = re.sub(r"(?:一审|二审|再审)$", "", s)
    return s.lstrip("的")


def figure_labels(text: str, mentions: "list[Mention]") -> dict[int, str]:
    """The automatic label of every figure of ``mentions``, by start offset.

    Examples
    --------
    >>> from lawstats.reading.mentions import find_mentions
    >>> t = "全年新增14项、取消9项县级行政许可事项，清理了11个乡镇的权责清单，全县8家律师事务所参与涉企法律服务。"
    >>> list(figure_labels(t, find_mentions(t)).values())
    ['新增县级行政许可事项', '取消县级行政许可事项', '清理权责清单的乡镇', '参与涉企法律服务的律师事务所']
    >>> t = "收到行政复议申请126件，依法受理108件，审结97件。材料由20份压缩至5份。"
    >>> list(figure_labels(t, find_mentions(t)).values())
    ['收到行政复议申请', '受理行政复议申请', '审结行政复议申请', '压缩前材料', '压缩后材料']
    """
    if _traditional().search(text):  # same length: offsets hold; labels come out in simplified characters
        from lawstats.reading.folding import FOLD as _FOLD  # traditional -> simplified, one to one

        text = text.translate(_FOLD)
    figs = [m for m in mentions if m.figure is not None]
    floors: dict[int, int] = {}
    floor = 0
    nxt: dict[int, int] = {}
    for m in mentions:
        if m.figure is not None:
            floors[m.start] = floor
            floor = m.end
        elif m.reason in LABEL_FLOOR_REASONS:
            floor = m.end
    for a, b in zip(figs, figs[1:]):
        nxt[a.start] = b.start
    word_starts = {m.start for m in mentions if m.figure is None}
    info = []
    for m in figs:
        raw_left = _left(text, m.start, floors[m.start])
        left = clean_label(raw_left)
        stop = nxt.get(m.start, len(text))
        right = _right(text, m.end, stop)
        change = _CHANGE.search(_MARKS.sub("", raw_left))
        noun, rest, how = _split_noun(right)
        glued = m.end + len(right) >= stop and not how  # 举办36场受众4万余人: 受众 is the next figure's
        left_open = (not left or bool(_SCOPE_ONLY.match(left)) or bool(_VERB_END.search(left))
                     or bool(_ONLY_ACTIONS.match(left))
                     or _MARKS.sub("", raw_left).endswith("了")
                     or bool(_VERB_END.search(_MARKS.sub("", raw_left).rstrip("的了"))))
        after = bool(noun) and left_open and not glued and not _PREDICATE.match(noun) and m.end not in word_starts \
            and m.figure.kind in ("count", "amount") and not right.startswith(("的比例", "以上", "以下"))
        if after:
            verb = left if left and not _SCOPE_ONLY.match(left) else ""
            if len(verb) > 6 or len(verb) == 1:
                v = _VERB_END.search(verb)
                verb = v.group() if v and len(v.group()) > 1 else ""
            if how == "pred" and rest:
                rest = _fit(rest, MAX_LENGTH - len(noun) - 1)
            if how == "of":
                label = f"{verb}{rest}的{noun}" if (verb or rest) else noun
            elif how == "pred" and rest:
                label = f"{rest}的{noun}"
            else:
                label = f"{verb}{noun}"
        elif not left and how == "pred" and not noun and rest and m.end not in word_starts:
            label = rest  # 252人报名参加考试: the action is all there is
        else:
            label = left
        info.append({"m": m, "label": clean_label(label), "after": after, "noun": noun if after else "",
                     "pred": rest if after and how == "pred" else "",
                     "change": change.group(1) if change else "", "raw_left": raw_left,
                     "sep": text[m.end:nxt.get(m.start, m.end)] if m.start in nxt else ""})

    # lists: figures separated only by 、 with bare actions share the list's noun
    i = 0
    while i < len(info):
        j = i
        while j + 1 < len(info) and _in_list(info[j]["sep"]):
            j += 1
        if j > i:
            group = info[i:j + 1]
            noun = ""
            last = group[-1]
            if last["after"] and last["noun"]:
                noun = _right(text, last["m"].end, nxt.get(last["m"].start, len(text)))
                noun = _split_noun(noun)[0] if _split_noun(noun)[2] == "pred" else noun
            elif _TRAILING_ACTION.search(group[0]["label"]) and not _ONLY_ACTIONS.match(group[0]["label"]):
                noun = _noun_of(group[0]["label"])
            if last["after"] and last["pred"]:
                for g in group[:-1]:
                    if g["after"] and not g["pred"]:
                        g["label"] = f"{last['pred']}的{g['noun']}"
            elif noun:
                for g in group:
                    act = clean_label(g["raw_left"])
                    if g is group[0] and not _ONLY_ACTIONS.match(act):
                        act = _TRAILING_ACTION.search(act).group() if _TRAILING_ACTION.search(act) else ""
                    if _ONLY_ACTIONS.match(act) or act == "":
                        g["label"] = clean_label(_strip_adverbs(act) + noun)
        i = j + 1

    # bare actions and empty labels borrow from the figure (or clause) before, in the same sentence
    sentence_starts = _sentence_starts(text)
    for k, g in enumerate(info):
        m = g["m"]
        label = g["label"]
        sentence_start = sentence_starts(m.start)
        prev = info[k - 1] if k and info[k - 1]["m"].end > sentence_start else None
        between = _MARKS.sub("", text[prev["m"].end:m.start]) if prev is not None else ""
        if g["change"] and prev is not None and (
                (prev["raw_left"].endswith(("由", "从", "由原", "从原")) and _CHANGE.fullmatch(between))
                or (prev["after"] and between.startswith(prev["noun"]) and _CHANGE.fullmatch(between[len(prev["noun"]):]))):
            noun = prev["noun"] if prev["after"] else clean_label(prev["raw_left"])
            prev["label"] = f"{g['change']}前{noun}"
            g["label"] = f"{g['change']}后{noun}"
            continue
        if label and _ONLY_ACTIONS.match(label) and prev is not None:
            noun = _noun_of(prev["label"])
            if noun and noun != label and not _ONLY_ACTIONS.match(noun):
                g["label"] = _strip_adverbs(label) + noun
        elif label.startswith("占") and m.figure.kind == "rate" and prev is not None:
            g["label"] = f"{_noun_of(prev['label'])}{label}比例"
        elif not label:
            clause = _previous_clause(text, m.start, floors[m.start], sentence_start)
            if clause:
                noun, rest, how = _split_noun(clean_label(clause))
                g["label"] = f"{rest}的{noun}" if how == "pred" and rest and noun else clean_label(clause)
    return {g["m"].start: _shorten(_final(g["label"])) for g in info}


@lru_cache(maxsize=1)
def _traditional() -> "re.Pattern":
    """Any traditional character :mod:`lawstats.reading.folding` folds (a fast test before folding)."""
    from lawstats.reading.folding import FOLD_PAIRS as _FOLD_PAIRS

    return re.compile("[" + re.escape(_FOLD_PAIRS[0::2]) + "]")


def _final(label: str) -> str:
    label = _MARKS.sub("", label)
    while label and label[-1] in "的了和及与等或、，":
        label = label[:-1]
    return label


def _strip_adverbs(s: str) -> str:
    return re.sub(rf"^{_ADVERBS}+", "", s).rstrip("的了")


def _in_list(sep: str) -> bool:
    """Does the text between two figures make them items of one list (``、取消``)?"""
    return sep.startswith("、") and sep.count("、") == 1 and len(sep) <= 8 and not any(c in _HARD for c in sep)


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence around ``pos`` (looking back at most 200 characters)."""
    lo = max(0, pos - 200)
    return max(max(text.rfind(c, lo, pos) for c in _SENTENCE) + 1, lo)


_SENTENCE_RE = re.compile("[" + re.escape("".join(sorted(_SENTENCE))) + "]")


def _sentence_starts(text: str):
    """:func:`_sentence_start` of ``text`` for any position, the sentence marks indexed once.

    >>> t = "共3件。其中2件；另有1件"
    >>> find = _sentence_starts(t)
    >>> [find(p) for p in range(len(t) + 1)] == [_sentence_start(t, p) for p in range(len(t) + 1)]
    True
    """
    from bisect import bisect_left

    marks = [m.start() for m in _SENTENCE_RE.finditer(text)]

    def start(pos: int) -> int:
        lo = pos - 200 if pos > 200 else 0
        i = bisect_left(marks, pos) - 1  # the last mark before pos
        return marks[i] + 1 if i >= 0 and marks[i] >= lo else lo
    return start


def _previous_clause(text: str, start: int, floor: int, sentence_start: int) -> str:
    """The clause before the one at ``start`` in the same sentence (``…全部参加学习，共计56人``)."""
    i = start - 1
    while i >= sentence_start and i >= floor and text[i] not in _HARD:
        i -= 1
    if i < sentence_start or i < floor:
        return ""
    j = i - 1
    while j >= sentence_start and text[j] not in _HARD:
        j -= 1
    return text[max(j + 1, floor):i]


def relabel(text: str, mentions: "list[Mention]") -> "list[Mention]":
    """``mentions`` with every figure's ``label`` replaced by :func:`figure_labels`' label.

    Examples
    --------
    >>> from lawstats.reading.mentions import find_mentions
    >>> [m.label for m in relabel("清理了12个乡镇的权责清单。", find_mentions("清理了12个乡镇的权责清单。"))]
    ['清理权责清单的乡镇']
    """
    from dataclasses import replace

    labels = figure_labels(text, mentions)
    return [replace(m, label=labels[m.start]) if m.figure is not None else m for m in mentions]
