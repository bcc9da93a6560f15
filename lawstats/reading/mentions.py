"""Mentions: every numeral in a text, either a figure or excluded with a reason.

A *mention* starts from a numeral run: a maximal run of characters in
``[0-9０-９零〇○一二两兩三四五六七八九十百千万亿萬億]``, with ``.``/``,`` (or
their full-width forms) allowed between digits (see :data:`MENTION_PATTERN`).
Its span grows to cover the whole expression: bound words, multiplier,
measure word, a second end (``8—13名``), ratio terms (``1：1``), a date's
month and day (``2021年3月底``), the brackets of a heading (``（一）``).  One
span may cover several runs; spans never overlap; every run lies inside
exactly one span.

Each mention is either a figure (``figure`` holds the parsed
:class:`~lawstats.reading.quantity.Quantity`) or excluded (``reason`` is one of
:data:`REASONS`).  The rules are structural first (what stands before and
after the run), with small lexicons for fixed slogans and words; they are
applied in this order:

1. document numbers ``〔2024〕3号``; headings ``（一）``, ``一、`` and ``1.`` at
   a line start; ordinals after ``第``; enumerators ``一是``;
2. dates, years and periods, including scrape-damaged ones (``20256月``,
   ``2025730日``, ``20212025年``); ordinals ``十九届``, ``二中全会``,
   ``十九大``, ``3号``, ``100周年``;
3. slogans and words from the lexicons (Chinese numerals only);
4. quantities (:func:`lawstats.reading.quantity.parse_quantity` grammar).  A Chinese
   numeral with no measure word or bound word after it is a ``word``
   (``一体化``, ``四大``), or a ``name`` when a place word follows within two
   characters (``三华村``); ``每万人`` is a ``word`` (the base of a rate);
   with no unit, an Arabic number cut off by the end of the text is
   ``truncated``, a phone or hotline number is a ``name``, ``2.0方案`` is a
   ``version`` and a bare 1900–2099 is a ``year`` (``2019、2020年``,
   ``（2021）``); a clock-like ratio (``9:00``, ``10:30`` after a date) is a
   ``date``; an expression the grammar cannot read is ``unparsed`` (listed
   by :func:`problems`, never dropped);
5. overrides: any numeral inside a book title ``《…》`` is a ``name``; a figure,
   or a Chinese numeral with no measure word, inside a short quotation
   ``“…”`` (at most 20 characters on either side) is a ``slogan``
   (``“四早”``, ``“一窗”``, ``“只需跑一次”``); lexicon words stay words
   (``“百姓小天网”``).

The run class is a superset of the brief's: it adds ``○`` (a zero in
``二○二一年``) and the traditional ``兩 萬 億``.  Labels are best effort, made by
:func:`lawstats.reading.autolabel.relabel`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lawstats.reading.autolabel import LABEL_FLOOR_REASONS, figure_labels
from lawstats.errors import ParseError
from lawstats.reading.numerals import normalize_digits, parse_chinese_numeral
from lawstats.reading.quantity import (
    _DURATION_SET,
    _UNIT,
    EXPR_PATTERN,
    PREFIX_BEFORE,
    RUN_CHARS,
    Quantity,
    _cached,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "MENTION_PATTERN",
    "REASONS",
    "REASON_DESCRIPTIONS",
    "SLOGANS",
    "WORDS",
    "Mention",
    "find_mentions",
    "mentions_and_labels",
    "figures",
    "problems",
    "mentions_frame",
]

_D = "0-9０-９"
_SEP = rf"(?<=[{_D}])(?:[.．](?=[{_D}])|[,，](?=[{_D}]{{3}}(?![{_D}])))"
#: THE definition of a numeral run: every match lies inside exactly one mention.
MENTION_PATTERN = re.compile(rf"[{RUN_CHARS}]+(?:{_SEP}[{RUN_CHARS}]+)*")

#: Why a mention is not a figure.
REASON_DESCRIPTIONS: dict[str, str] = {
    "year": "a calendar year: 2021年, 2023年度, 二〇二一年, a bare 1900-2099 (2019、2020年, （2021）), "
            "or a year word (上一年度, 关键一年, 一年来)",
    "date": "a date, time or quarter: 2021年3月底, 2月, 30日, 十月初七, 9:00, 第三季度, "
            "and damaged 20256月, 2025730日",
    "period": "a span of years: 2021—2025年, damaged 20212025年",
    "ordinal": "a position, not an amount: 十九届, 二中全会, 十九大, 第八批, 第2期, 第一责任人, 3号, 100周年, "
               "plenums written with 次 (五届七次全会, 三次、四次全会)",
    "heading": "a heading number: 一、 at a line start, （一）, 1.",
    "enumerator": "an enumerated point: 一是, 二是, 其一",
    "slogan": "a fixed name or slogan: 四所合一, 三统一, 三项制度, 双随机一公开, 一窗, 法律六进, 八五普法, "
              "十三五, 三级, 3+X, 一村一警务助理, or anything inside a short quotation",
    "name": "part of a name: text inside a book title 《…》, a place (三华村), a phone or hotline number",
    "document_number": "a document number: 〔2024〕3号, or an index number (索引号：abc12/2025-00003)",
    "version": "a version number: 2.0方案, V3.1",
    "word": "a numeral character inside an ordinary word (统一, 进一步, 一体化, 一些, 百姓, 十分), "
            "a Chinese numeral with no measure word after it (四大), or the base of a rate (每万人)",
    "truncated": "a number cut off by the end of the text (申请材料525)",
    "unparsed": "looks like a quantity but the grammar cannot read it, or a numeral of more than 30 digits; "
                "see problems()",
}
REASONS: tuple[str, ...] = tuple(REASON_DESCRIPTIONS)

_CN = "一二三四五六七八九十两"
_NOT_PUNCT = rf"[^\W\d_、，。；：！？“”‘’「」《》（）{RUN_CHARS}]"  # a word character, not a numeral

#: Slogans: (text that must stand just before the run, regex from the run on).
SLOGANS: tuple[tuple[str, str], ...] = (
    ("", rf"[{_CN}]+{_NOT_PUNCT}{{1,2}}合一"),        # 四所合一, 三证合一 (Chinese N; 39证合一 is a figure)
    ("", rf"[{_CN}]统一"),                            # 三统一
    ("法律", rf"[{_CN}]+进"),                          # 法律六进
    ("", rf"[{_CN}]+进(?=[”\"」])"),
    ("", r"十[一二三四五六七八九]五"),                   # 十三五, 十四五
    ("", r"[一二三四五六七八九]五(?=普法|规划|计划|时期|期间|末|以来)"),  # 八五普法
    ("", r"一(?:窗|网通办|网统管|网通|门式|号通|码通|证通|卡通|键|条龙|把手|岗双责|票否决|揽子|张网|张图"
         r"|张蓝图|本账|件事|次办|次不用跑|次提交|次告知|次性告知|扇门|照一码|村一)"),
    ("跑", "一次"),                                   # 最多跑一次, 只需跑一次
    ("双随机", "一公开"), ("双随机、", "一公开"),
    ("", rf"[{_CN}]+项制度"),                          # 三项制度
    ("", rf"[{_CN}]+个责任人"),                        # 防汛三个责任人
    ("", r"(?:四早|四集中|四个集中|四个意识|四个自信|四个全面|两个维护|两个确立|五位一体|三会一课|两学一做"
         r"|三重一大|三严三实|一带一路|十佳|百强|百佳|十强|千强|六稳|六保|三农|三公)"),
    ("", rf"[{_CN}]+级"),                              # level labels: 三级, 四级联动
    ("", rf"[{_CN}]+年(?:规划|计划|行动|攻坚)"),        # 五年规划, 三年行动
    ("", rf"一{_NOT_PUNCT}一{_NOT_PUNCT}"),           # 一村一警, 一户一档, 一案一档
    ("", rf"[二两三四五六七八九](?!{_UNIT}){_NOT_PUNCT}[一二两三四五六七八九]{_NOT_PUNCT}"),  # 三会一课
    ("合", "一"),                                     # the 一 of 多证合一 / 39证合一
)
#: Ordinary words that contain a numeral followed by a measure word, or
#: whose meaning depends on the character before the numeral.
WORDS: tuple[tuple[str, str], ...] = (
    ("统", "一"), ("进", "一步"), ("同", "一"), ("唯", "一"), ("单", "一"), ("之", "一"),
    ("逐", "一"), ("划", "一"), ("专", "一"), ("如", "一"), ("不", "一"), ("另", "一"),
    ("每", "一"), ("这", "一"), ("那", "一"), ("某", "一"), ("任", "一"), ("无", "一"),
    ("", r"十分(?!钟|之)"),                            # 十分重视; 十分之一 is a fraction
    ("", r"(?:万一|一一|一部分|一道|一并|一系列|一方面|一批批|一个个|一次次|一项项|一大批|一家人|一成不变"
         r"|一次性|一些|一定|一旦|一体化|一体|一直|一致|一切|一律|一般|一样|一线|一流|一手|一举"
         r"|一再|一贯|一向|一如既往|一以贯之|一同|一时|一度|一番|一下|一点(?![零〇一二三四五六七八九])|千方百计|成千上万|千家万户"
         r"|万众一心|四面八方|一心一意|三令五申|五花八门|百姓)"),
    ("", rf"千万(?!{_UNIT})"),
    ("", r"一起(?!案|事|宗|纠纷|交通|火灾|刑事|行政|涉|治安|侵)"),
)


def _lexicon_regex() -> tuple[re.Pattern, list[tuple[int, str]]]:
    alts, info = [], []
    for reason, entries in (("slogan", SLOGANS), ("word", WORDS)):
        for before, pattern in entries:
            look = f"(?<={re.escape(before)})" if before else ""
            alts.append(f"{look}({pattern})")
            info.append((len(before), reason))
    return re.compile("|".join(alts)), info


_LEXICON, _LEXICON_INFO = _lexicon_regex()

# ---------------------------------------------------------------- dates
_AM = r"(?:[1１][0-2０-２]|[0０]?[1-9１-９])"
_AD = r"(?:[3３][01０１]|[12１２][0-9０-９]|[0０]?[1-9１-９])"
_AY = r"(?:(?:19|20|１９|２０)[0-9０-９]{2})"
_CY = r"(?:[一二][〇零○一二三四五六七八九]{3})"
_CM = r"(?:十[一二]?|[一二三四五六七八九]|正)"
_CD = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]|初[一二三四五六七八九十]|廿[一二三四五六七八九]?)"
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]?|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九])"
_Y = f"(?:{_AY}|{_CY})"
_M = f"(?:{_AM}|{_CM})"
_DD = f"(?:{_AD}|{_CD})"
_CONN = r"(?:—{1,2}|[–\-－~～〜至到])"
_DATE_SUFFIX = r"(?:年初|年底|年末|上半年|下半年|第?[一二三四1-4]季度|底|初|末|上旬|中旬|下旬|份)"
_TIME = r"(?:[0-2０-２]?[0-9０-９](?:[时時](?:[0-5０-５]?[0-9０-９]分|半)?|[点點](?:[0-5０-５]?[0-9０-９]分|半)))"
_DATE = re.compile(
    rf"(?P<period>{_Y}(?:年{_CONN}{_Y}年度?|{_CONN}{_Y}(?:年度?|(?![0-9０-９十百千万亿萬億余多]|{_UNIT}))))"
    rf"|(?P<dperiod>(?P<y1>(?:19|20)[0-9]{{2}})(?P<y2>(?:19|20)[0-9]{{2}})年度?)"
    rf"|(?P<dmonth>(?:19|20)[0-9]{{2}}(?:1[0-2]|0?[1-9])月(?:{_AD}日)?)"
    rf"|(?P<dday>(?:19|20)[0-9]{{2}}(?:1[0-2]|0?[1-9])(?:3[01]|[12][0-9]|0?[1-9])日)"
    rf"|(?P<ymd>{_AY}[-/.．]{_AM}[-/.．]{_AD}(?![0-9０-９]))"
    rf"|(?P<year>{_Y}(?:年度?|度年))(?P<ysub>(?:{_M}月(?:{_DD}[日号])?{_TIME}?)?{_DATE_SUFFIX}?)"
    rf"|(?P<mrange>{_M}月?{_CONN}{_M}月)"
    rf"|(?P<month>{_M}月(?:{_DD}[日号]|{_LUNAR_DAY})?{_TIME}?{_DATE_SUFFIX}?)"
    rf"|(?P<time>{_TIME})"
    rf"|(?P<quarter>[一二三四1-4１-４]季度)"
)
_CLOCK = re.compile(r"([0-2]?[0-9])[:：]([0-5][0-9])(?:[:：][0-5][0-9])?(?![0-9０-９])")
_DURATION_CONTEXT_AFTER = re.compile(r"内|以内|之内|以上|以下|左右|办结|完成")
_DURATION_CONTEXT_BEFORE = re.compile(r"(?:压缩|缩短|减|降|提速|时限|期限|用时|耗时|提前|历时|为期|平均|承诺|法定)[至到为]?$")

# ---------------------------------------------------------------- ordinals
_ORDINAL = re.compile(
    r"(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大"
    rf"|[{RUN_CHARS}]+(?:届|屆|周年|週年|年级|號|号(?![召])|楼)"
    rf"|[{_CN}]+中(?:全会|(?=[、，,]))"
    rf"|[{_CN}]+次(?:全会|全体会议)"
    rf"|[{_CN}]+次(?=(?:、[{_CN}]+次)+(?:全会|全体会议))"  # 三次、四次全会精神
)
#: Year words (上一年度, 关键一年, 一年来): a year referred to, not a count of years.
_YEAR_WORD = re.compile(r"一年(?:度|来)?")
_YEAR_WORD_BEFORE = re.compile(r"(?:[上前下去当同]|(?:关键|攻坚|开局|收官|决胜|奋进|起步|开篇|谋篇|突破|转型|冲刺|"
                               r"起势|见效|提升|巩固|深化|攻坚克难)的?)$")
#: Index numbers of a page's metadata block (索引号：abc12/2025-00003) and such numbers anywhere.
_INDEX_LINE = re.compile(r"(?:^|\n)[ \t\u3000•·]*(?:信息)?(?:索引号|发文字号|文号|编号|发文编号)[ \t\u3000]*[：:][^\n]*$")
_INDEX_TOKEN = re.compile(r"[A-Za-z0-9０-９_\-－/．.]*")
_INDEX_CODE = re.compile(r"[0-9]+/(?:19|20)[0-9]{2}-[0-9]{3,}")
_SESSION = re.compile(rf"[{_CN}]+次会议")
_COUNT_BEFORE = re.compile(r"(?:连续|共|历时|历经|已|先后)$")
_DOCNUM = re.compile(rf"(?:19|20|１９|２０)[0-9０-９]{{2}}\s*[〕\]】］)）]\s*第?[0-9０-９]+\s*号")
_UNIT_AT = re.compile(_UNIT)
_PHONE = re.compile(r"0[0-9]{2,3}[-－—][0-9]{7,8}|1[3-9][0-9]{9}(?![0-9])")
_HOTLINES = frozenset(("12345", "12348", "12315", "12369", "12366", "12320", "12333", "12338", "12339",
                       "110", "119", "120", "122", "96110"))
_VERSION_AFTER = re.compile(r"版|版本|方案|时代|系统|平台")
_SLOGAN_PLUS = re.compile(r"[+＋﹢][A-Za-zＡ-Ｚａ-ｚ]")
_RUN_CHARS = frozenset(RUN_CHARS)
_BARE_YEAR = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}")
_ONLY_SPACE_LEFT = re.compile(r"\s*\Z")
_CN_ONLY = frozenset("零〇○一二两兩三四五六七八九十百千万亿萬億点")
_ARABIC = frozenset("0123456789０１２３４５６７８９")
_SPACE = " \t\u3000\xa0"
_PUNCT_BEFORE_ENUM = frozenset("。；;，,：:、！？!?\n\r “”\"（）()")
_SENTENCE_END = frozenset("。；;！？!?")
_PLACE = re.compile(r"[^\W\d_]{1,2}?(?:村|屯|镇|乡|街道|社区|路|街|巷|桥|山|岭|江|河|湖|寨|庄|坪|塘|湾|洲|岛)")


@dataclass(frozen=True)
class Mention:
    """One numeral mention: a figure, or excluded with a reason.

    Attributes
    ----------
    start, end : int
        Character offsets; ``text[start:end] == quote``.
    quote : str
        The whole expression as written (``"80余次"``, ``"2021年3月底"``).
    figure : Quantity or None
        The parsed quantity when this is a figure.
    reason : str or None
        One of :data:`REASONS` when it is not; exactly one of ``figure`` and
        ``reason`` is set.
    label : str
        Best-effort label of what a figure counts (:mod:`lawstats.reading.autolabel`):
        ``清理了12个乡镇`` -> ``清理…的乡镇``; ``""`` for excluded mentions.
    detail : str
        For ``unparsed`` mentions, the parser's message; else ``""``.
    """

    start: int
    end: int
    quote: str
    figure: Quantity | None
    reason: str | None
    label: str = ""
    detail: str = ""


def _line_start(text: str, s: int) -> bool:
    j = s - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    return j < 0 or text[j] in "\r\n"


def _enclosed(text: str, s: int, e: int, opener: str, closer: str, reach: int) -> int:
    """End offset of the ``opener…closer`` pair around [s, e) within ``reach``, or -1."""
    lo = max(0, s - reach)
    o = text.rfind(opener, lo, s)
    if o < 0 or text.rfind(closer, o, s) >= 0:
        return -1
    c = text.find(closer, e, e + reach)
    if c < 0 or 0 <= text.find(opener, e, c) or 0 <= text.find("\n", o, c):
        return -1
    return c


def _classify(text: str, s: int, e: int, floor: int, n: int):
    """Return (start, end, reason, quantity_or_error) for the run at [s, e)."""
    prev = text[s - 1] if s > 0 else "\n"
    nxt = text[e] if e < n else ""
    arabic = text[s] in _ARABIC
    run = text[s:e]

    # 1. document numbers, headings, ordinals with 第, enumerators
    if prev in "〔[【［(（" and arabic:
        m = _DOCNUM.match(text, s)
        if m:
            return s - 1, m.end(), "document_number", None
    if prev in "（(" and nxt in "）)" and e - s <= 3 and s - 1 >= floor:
        return s - 1, e + 1, "heading", None
    if nxt in "、.．）)" and e - s <= 3 and not (nxt in ".．" and not arabic):
        after = text[e + 1] if e + 1 < n else ""
        if _line_start(text, s) or (prev in _SENTENCE_END and nxt in "、.．" and after not in _RUN_CHARS):
            return s, e + 1, "heading", None
    if prev == "第" and s - 1 >= floor:
        if text.startswith("季度", e):
            return s - 1, e + 2, "date", None
        m = _UNIT_AT.match(text, e)
        return s - 1, (m.end() if m else e), "ordinal", None
    if nxt == "是" and not arabic and e - s <= 2 and (prev in _PUNCT_BEFORE_ENUM or _line_start(text, s)):
        return s, e + 1, "enumerator", None
    if prev == "其" and not arabic and e - s == 1 and s - 1 >= floor and nxt in "，,：:、是":
        return s - 1, e, "enumerator", None
    if arabic and (_INDEX_CODE.match(text, s) or _INDEX_LINE.search(text, max(0, s - 40), s)):
        return s, max(e, _INDEX_TOKEN.match(text, s).end()), "document_number", None  # 索引号：abc12/2025-00003
    if not arabic and text[s] == "一":
        m = _YEAR_WORD.match(text, s)
        if m and _YEAR_WORD_BEFORE.search(text, max(0, s - 5), s) and m.end() >= e:
            return s, m.end(), "year", None  # 上一年度, 关键一年

    # 2. dates, years, periods, ordinals
    m = _DATE.match(text, s)
    if m and m.end() >= e:
        kind = _date_kind(m)
        if kind:
            return s, m.end(), kind, None
    if nxt == "日" and _day_is_date(text, s, e, run):
        return s, e + 1, "date", None
    m = _ORDINAL.match(text, s)
    if m and m.end() >= e:
        if not (m.group().endswith(("届", "屆")) and _COUNT_BEFORE.search(text, max(0, s - 2), s)):
            return s, m.end(), "ordinal", None
    if not arabic:
        m = _SESSION.match(text, s)
        if m and "届" in text[max(0, s - 10):s]:
            return s, m.end(), "ordinal", None

    # 3. lexicons (Chinese numerals)
    if not arabic:
        m = _LEXICON.match(text, s)
        if m and m.end() >= e:
            back, reason = _LEXICON_INFO[m.lastindex - 1]
            start = s - back if s - back >= floor else s
            return start, m.end(), reason, None
    else:
        if nxt in "+＋﹢" and _SLOGAN_PLUS.match(text, e):
            return s, e + 2, "slogan", None
        if nxt in "-－—" and text[s] == "0":
            m = _PHONE.match(text, s)
            if m:
                return s, m.end(), "name", None

    # 4. a quantity
    p = s
    if s > floor:
        pm = _PREFIX_SEARCH.search(text, max(floor, s - 4), s)
        if pm:
            word = pm.group()
            block = _PREFIX_BLOCK.get(word)
            if not (block and pm.start() > 0 and text[pm.start() - 1] in block):
                p = pm.start()
    m = EXPR_PATTERN.match(text, p)
    if m is None or m.end() <= s:  # the prefix did not lead to a number here
        p = s
        m = EXPR_PATTERN.match(text, s)
        if m is None:  # 千克, 百分点 with no number before them
            return (s, e, "bare", None) if not arabic else (s, e, "unparsed", ParseError(run, 0, "a number"))
    if m.group("pre") == "近" and m.group("u1") and normalize_digits(m.group("u1")) in _DURATION_SET:
        p = s  # 近3年 = "the last 3 years"
        m = EXPR_PATTERN.match(text, s)
    elif m.group("pre") == "其余":
        p = s  # 其余67项 = "the remaining 67": a word before an exact figure, not part of it
        m = EXPR_PATTERN.match(text, s)
    end = m.end()
    quote = text[p:end]
    q = _cached(quote)
    if isinstance(q, ParseError):
        return p, max(end, e), "unparsed", q
    if q.unit == "" and q.qualifier in ("exact", "range", "at_least") and m.group("pre") is None and not m.group("post"):
        if all(c in _CN_ONLY for c in quote):
            place = _PLACE.match(text, end)
            if place and place.end() - end <= 4:
                return p, place.end(), "name", None  # 三华村
            return p, end, "bare", None  # a Chinese numeral with no measure word: "word"
        if arabic:
            if quote == run and (prev in "vV" or ("." in run and _VERSION_AFTER.match(text, end))):
                return p, end, "version", None
            if quote == run and (run in _HOTLINES or _PHONE.fullmatch(run)):
                return p, end, "name", None
            if _ONLY_SPACE_LEFT.match(text, end):
                return p, end, "truncated", None
            if quote == run and len(run) == 4 and _BARE_YEAR.fullmatch(run):
                return p, end, "year", None  # 2019、2020年; （2021）
    if prev == "每" and all(c in "十百千万亿萬億" for c in run) and p == s:
        return s, end, "word", None  # 每万人: the base of a rate, not a count
    if q.qualifier == "ratio":
        c = _CLOCK.match(normalize_digits(quote))
        if c and (c.group(2)[0] == "0" or _clock_context(text, p, end)):
            return p, end, "date", None
    if q.qualifier == "exact" and p == s and s > floor:
        gap = _BOUND_ACROSS_VERB.search(text, max(floor, s - 6), s)
        if gap:  # 至少安排1次: the bound word stands before a verb, the span stays the number
            q = replace(q, qualifier="at_least", upper=None)
    return p, end, None, q


#: A bound word separated from its number by a short verb: 至少安排1次, 不少于开展2次.
_BOUND_ACROSS_VERB = re.compile(
    r"(?:至少|最少|不少于|不低于)(?:安排|开展|组织|举办|召开|进行|完成|培训|检查|达到|有)$")


#: Bound words before a number, found by searching back from the run.  The
#: lookahead of 上/数/几 (a bare multiplier must follow) is checked by
#: EXPR_PATTERN itself.
_PREFIX_SEARCH = PREFIX_BEFORE
#: A one-character bound word is not one when the character before makes a
#: word with it (节约, 附近, 以上, 人数).
_PREFIX_BLOCK = {
    "约": "节制签预邀特公条契履违简",
    "近": "附就最亲贴",
    "上": "以线马向之网晚早路往加",
    "数": "人次件户总个半少多倍分系函指参基",
    "几": "无",
    "超": "赶",
}


def _date_kind(m: re.Match) -> str | None:
    group = m.lastgroup
    if group == "dperiod":
        return "period" if m.group("y1") <= m.group("y2") else None
    if group == "period":
        return "period"
    if group == "year" or group == "ysub":
        return "date" if m.group("ysub") else "year"
    return "date"


def _clock_context(text: str, s: int, e: int) -> bool:
    """A ratio H:MM is a time of day after a date, 上午, 时间：…, or before/after 至."""
    before = text[max(0, s - 4):s].rstrip(" \t\u3000")
    return (bool(before) and (before[-1] in "日号午晚早间:：至到—-~" or before[-1] in _ARABIC)) or (
        e < len(text) and text[e] in "至到-—－~～前后起")


def _day_is_date(text: str, s: int, e: int, run: str) -> bool:
    """``30日`` is a date unless the context says it is a duration (``30日内``)."""
    t = normalize_digits(run)
    if t.isdigit():
        day = int(t)
    else:
        try:
            day = int(parse_chinese_numeral(t))
        except (ParseError, ValueError):
            return False
    if not 1 <= day <= 31:
        return False
    if _DURATION_CONTEXT_AFTER.match(text, e + 1):
        return False
    if _DURATION_CONTEXT_BEFORE.search(text, max(0, s - 6), s):
        return False
    if s > 0 and text[s - 1] in "个近每满逾约":
        return False
    return True


#: Mentions a label never reaches back across (lawstats.reading.autolabel).
_LABEL_FLOOR_REASONS = LABEL_FLOOR_REASONS


def find_mentions(text: str) -> list[Mention]:
    """Find every numeral mention in a text.

    Parameters
    ----------
    text : str
        The canonical text of a report (any size; CRLF, full-width
        punctuation and traditional characters are fine).

    Returns
    -------
    list of Mention
        In text order; spans do not overlap and every
        :data:`MENTION_PATTERN` match lies inside exactly one span.

    Examples
    --------
    >>> ms = find_mentions("2021年3月底，发放资料上万份，解答法律咨询80余次，实现“一窗”受理。")
    >>> [(m.quote, m.reason or m.figure.qualifier) for m in ms]
    [('2021年3月底', 'date'), ('上万份', 'at_least'), ('80余次', 'at_least'), ('一窗', 'slogan')]
    >>> ms[2].figure.upper, ms[2].label
    (Decimal('90'), '解答法律咨询')
    >>> [m.quote for m in find_mentions("举办36场受众4万余人")]
    ['36场', '4万余人']
    """
    out, labels = mentions_and_labels(text)
    return [m if m.figure is None else Mention(m.start, m.end, m.quote, m.figure, m.reason, labels[m.start], m.detail)
            for m in out]


def mentions_and_labels(text: str) -> tuple[list[Mention], dict[int, str]]:
    """:func:`find_mentions` before its figures are labelled: the mentions with every label
    ``""``, and the label of each figure by its start offset.

    ``find_mentions(text)`` is these mentions with their labels put in, each
    figure made again as a labelled :class:`Mention`; a caller that only reads the
    labels (:func:`lawstats.extraction.extract.extract_files`, which makes table rows)
    saves making them.

    Examples
    --------
    >>> text = "解答法律咨询80余次，发放资料上万份。"
    >>> ms, labels = mentions_and_labels(text)
    >>> [(m.quote, m.label, labels.get(m.start)) for m in ms]
    [('80余次', '', '解答法律咨询'), ('上万份', '', '发放资料')]
    >>> [m.label for m in find_mentions(text)] == [labels.get(m.start, "") for m in ms]
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"find_mentions expects a str; got {type(text).__name__} instead")
    n = len(text)
    out: list[Mention] = []
    covered = 0
    for rm in MENTION_PATTERN.finditer(text):
        s, e = rm.span()
        if s < covered:
            if e > covered:  # the previous span cut this run: widen it over the whole run
                last = out.pop()
                covered = e
                if last.reason is None or last.reason == "unparsed":
                    out.append(Mention(last.start, e, text[last.start:e], None, "unparsed", "",
                                       f"the expression {last.quote!r} ends inside the numeral run {text[s:e]!r}"))
                else:
                    out.append(Mention(last.start, e, text[last.start:e], None, last.reason))
            continue
        start, end, reason, q = _classify(text, s, e, covered, n)
        if end < e:  # the expression stops inside its own numeral run (0百分之): the run is the span
            if reason is None or reason in ("bare", "unparsed"):
                detail = f"the expression {text[start:end]!r} ends inside the numeral run {text[s:e]!r}"
                out.append(Mention(start, e, text[start:e], None, "unparsed", "", detail))
            else:
                out.append(Mention(start, e, text[start:e], None, reason))
            covered = e
            continue
        if reason is None or reason == "bare":
            if _enclosed(text, start, end, "“", "”", 20) >= 0:
                reason, q = "slogan", None
            elif reason == "bare":
                reason = "word"
        if 0 <= _enclosed(text, start, end, "《", "》", 100):
            reason, q = "name", None
        if reason is None:
            out.append(Mention(start, end, text[start:end], q, None))  # labelled below (figure_labels)
        elif reason == "unparsed":
            detail = str(q) if q is not None else ""
            out.append(Mention(start, end, text[start:end], None, "unparsed", "", detail))
        else:
            out.append(Mention(start, end, text[start:end], None, reason))
        covered = end
    return out, figure_labels(text, out)  # find_mentions puts the labels in, with the Mention constructor


def figures(mentions: list[Mention]) -> list[Mention]:
    """The mentions that are figures.

    Examples
    --------
    >>> [m.quote for m in figures(find_mentions("一是办理68件，2021年共138件"))]
    ['68件', '138件']
    """
    return [m for m in mentions if m.figure is not None]


def problems(mentions: list[Mention]) -> list[Mention]:
    """The mentions the grammar could not read (reason ``unparsed``).

    They are kept in the output of :func:`find_mentions`; this helper lists
    them so that a caller can report them instead of losing them.

    Examples
    --------
    >>> [(m.quote, m.detail) for m in problems(find_mentions("共1.2.3件"))]
    [('1.2.3件', "cannot parse '1.2.3件' at offset 3 ('.'): expected a digit, a Chinese multiplier or the end of the number")]
    """
    return [m for m in mentions if m.reason == "unparsed"]


_FRAME_COLUMNS = ("start", "end", "quote", "is_figure", "reason", "label", "detail", "raw", "value",
                  "unit", "qualifier", "lower", "upper", "decimals", "kind", "terms")


def mentions_frame(text: str) -> "pd.DataFrame":
    """Table twin of :func:`find_mentions`: one row per mention.

    Returns
    -------
    pandas.DataFrame
        Columns ``start end quote is_figure reason label detail`` and the
        :class:`~lawstats.reading.quantity.Quantity` fields ``raw value unit
        qualifier lower upper decimals kind terms`` (``None`` for excluded
        mentions).  ``value``, ``lower`` and ``upper`` hold ``Decimal``
        objects (object dtype).

    Examples
    --------
    >>> df = mentions_frame("成功调解1031件，成功率94%。")
    >>> df[["quote", "value", "unit", "decimals"]].values.tolist()
    [['1031件', Decimal('1031'), '件', 0], ['94%', Decimal('94'), '%', 0]]
    """
    import pandas as pd

    rows = []
    for m in find_mentions(text):
        q = m.figure
        rows.append((m.start, m.end, m.quote, q is not None, m.reason, m.label, m.detail,
                     *((q.raw, q.value, q.unit, q.qualifier, q.lower, q.upper, q.decimals, q.kind, q.terms)
                       if q is not None else (None,) * 9)))
    df = pd.DataFrame.from_records(rows, columns=list(_FRAME_COLUMNS))
    for c in ("value", "lower", "upper", "decimals", "terms", "reason", "raw", "unit", "qualifier", "kind"):
        df[c] = df[c].astype(object)
    return df
