"""Words shown to readers, in Chinese and English: the one catalogue.

Notebooks, the site's pages and the command line never hard-code a word: they
ask :func:`label` for it in the language the reader chose, so the same notebook
or page renders in either and a word is the same everywhere (a verdict is
无法核查 in a notebook, on the site and in the terminal).  Keys are grouped by
who uses them: ``site_*`` the site's pages (:func:`lawstats.site.strings`),
``qualifier_*`` a figure's qualifier, ``download_*`` the site's downloads,
``cli_*`` the command line, ``verdict_*`` the audit's verdicts.
"""
from __future__ import annotations

__all__ = ["LANGUAGES", "LABELS", "UNITS", "label", "unit_label", "check_language"]

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
    # -- figure tables (lawstats.presentation.present)
    "id": ("编号", "id"),
    "indicator": ("指标", "indicator"),
    "figure_value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "quote": ("原文", "quote"),
    "where": ("所在节", "section"),
    "note": ("说明", "note"),
    "repeat_of": ("重复：同 {id}", "repeats {id}"),
    "kind": ("类型", "kind"),
    "figures": ("数字", "figures"),
    "of_which_repeats": ("其中重复", "of which repeats"),
    "all": ("合计", "all"),
    "count": ("个数", "count"),
    "share": ("占比", "share"),
    "examples": ("示例", "examples"),
    "mention_figure": ("数字（纳入数据）", "figure (in the data)"),
    "mention_excluded": ("非数字：{reason}", "not a figure: {reason}"),
    "no_upper_bound": ("无上限", "no upper bound"),
    "part_n": ("第{numeral}部分", "Part {n}"),
    # -- notes (lawstats.presentation.present)
    "note_part": ("《{title}》第{numeral}部分“{part}”中有 {n} 个数字。",
                  "Part {n_part} of the report ({name}) states {n} figures."),
    "note_part_repeats": ("其中 {r} 个与前文重复，表中注明。", "{r} of them repeat a figure stated earlier, as noted in the table."),
    "note_no_part": ("《{title}》没有第{numeral}部分，本页没有数字。",
                     "The report ({name}) has no part {n_part}, so this page has no figures."),
    "note_automatic": ("**指标名称为自动生成**：{k} 个数字的指标取自报告中数字前面的文字，未经人工整理。",
                       "**Indicator labels are automatic**: for {k} figures the label is the words before "
                       "the number in the report, not reviewed by a person; in English a label is replaced "
                       "by the name of the standard indicator it matches, and kept in Chinese otherwise."),
    "note_matched": ("{k} 个数字的指标名称按上下文沿用了本报告原版的人工标注。",
                     "For {k} figures the label was matched by context from the curated annotations."),
    "chart_skipped": ("（此图略去：本报告没有所需的数字 {ids}。）",
                      "(Chart skipped: this report does not state the figures it needs: {ids}.)"),
    "automatic_label": ("（自动）", "(automatic)"),
    # -- prose computed from a report (lawstats.presentation.present, general notebooks)
    "overview_parts": ("《{title}》（文件 {file}）是一份 {chars} 字的叙述性报告，分为 {parts} 个部分、{sections} 节，"
                       "其中有 {figures} 个表示数量的数字。",
                       "The report “{title}” (file {file}) is {chars} characters of prose in {parts} parts and "
                       "{sections} sections; it states {figures} figures."),
    "overview_no_parts": ("《{title}》（文件 {file}）是一份 {chars} 字的叙述性报告，没有以“一、”“二、”等标题分成部分，"
                          "其中有 {figures} 个表示数量的数字。",
                          "The report “{title}” (file {file}) is {chars} characters of prose with no parts headed "
                          "一、, 二、 …; it states {figures} figures."),
    "structure_counts": ("报告有 {parts} 个部分、{sections} 节、{points} 个列举要点。",
                         "The report has {parts} parts, {sections} sections and {points} enumerated points."),
    "structure_extremes": ("篇幅最长的是第{long}部分（{long_n} 字），最短的是第{short}部分（{short_n} 字）。",
                           "The longest part is part {long} ({long_n} characters), the shortest part {short} "
                           "({short_n} characters)."),
    "figures_counts": ("报告中共有 {total} 处数字字样，其中 {n} 处是表示数量的数字，{k} 处不是（年份、标题序号、名称等）。",
                       "Of the {total} numerals in the report, {n} state a figure and {k} are not figures "
                       "(years, headings, names, …)."),
    "figures_curated": ("每个数字的指标名称都是为本报告人工整理的。",
                        "Every figure's label was written by hand for this report."),
    # -- the site's pages (lawstats.site.strings: the index, the annotated report, page chrome)
    "site_home": ("首页", "Home"),
    "site_skip": ("跳到正文", "Skip to content"),
    "site_nav_label": ("网站导航", "Site navigation"),
    "site_report_page": ("报告全文（标注版）", "The annotated report"),
    "site_show_code": ("查看代码", "Show the code"),
    "site_hide_code": ("隐藏代码（阅读版）", "Hide the code (reader's page)"),
    "site_code": ("代码", "code"),
    "site_chart": ("图表", "Chart"),
    "site_intro": ("本网站把这份年度报告中的数字整理成可以核查的数据、表格和图表。", "This site turns the figures in this annual report into data, tables and charts that can be checked."),
    "site_contains_pages": ("分析页面：每页回答一个问题，只显示文字、表格和图表；", "Analysis pages: each answers one question with prose, tables and charts only;"),
    "site_contains_code": ("每个分析页面都有一个显示全部代码的版本，供核查计算过程；", "a second version of every analysis page with all its code, for checking how it was computed;"),
    "site_contains_report": ("标注版报告全文：每一个数字都被标出，悬停或聚焦可看到指标、解析后的数值和限定词，颜色表示核查结论；", "the annotated report: every figure is marked; hover or focus one to see its indicator, parsed value and qualifier; its colour shows the audit verdict;"),
    "site_contains_downloads": ("下载：数字表、排除项表、核查结果和数据包说明。", "downloads: the figures table, the excluded numerals, the audit results and the data package descriptor."),
    "site_pages": ("页面", "Pages"),
    "site_no_pages": ("还没有分析页面。", "There are no analysis pages yet."),
    "site_audit": ("核查摘要", "Audit summary"),
    "site_audit_intro": ("共进行 {n} 项核查，结论如下：", "{n} checks were run, with these verdicts:"),
    "site_audit_details": ("查看每一项核查", "See every check"),
    "site_no_audit": ("还没有核查结果（data/audit.csv）。", "There are no audit results yet (data/audit.csv)."),
    "site_verdict": ("结论", "Verdict"),
    "site_count": ("数量", "Count"),
    "site_downloads": ("下载", "Downloads"),
    "site_no_downloads": ("还没有可下载的数据文件。", "There are no data files to download yet."),
    "site_about": ("关于", "About"),
    "site_about_text": ("报告文件：{name}；规范文本的 SHA-256：{sha}。", "Report file: {name}; SHA-256 of its canonical text: {sha}."),
    "site_report_intro": ("报告全文，其中的数字均已标出。把鼠标移到数字上或用 Tab 键聚焦，可以看到它的指标、解析后的数值和限定词；点击可跳到下方数字表中的对应行。", "The full text of the report with every figure marked. Hover over a figure or focus it with the Tab key to see its indicator, parsed value and qualifier; follow it to its row in the figures table below."),
    "site_legend": ("颜色（核查结论）：", "Colours (audit verdicts):"),
    "site_no_figures": ("还没有数字表（data/figures.csv），下面只显示报告原文。", "There is no figures table yet (data/figures.csv): the text is shown as it is."),
    "site_skipped": ("有 {n} 个数字无法在文中标出：", "{n} figures could not be marked in the text:"),
    "site_quote_mismatch": ("引文与文本中该位置的内容不一致", "the quote differs from the text at its offsets"),
    "site_overlap": ("与另一个数字的位置重叠", "it overlaps another figure"),
    "site_out_of_range": ("位置超出文本范围", "its offsets fall outside the text"),
    "site_full_text": ("报告全文", "Full text"),
    "site_figures": ("数字表", "Figures"),
    "site_checks": ("核查", "Checks"),
    "site_inconsistencies": ("不一致之处", "Inconsistencies"),
    "site_inconsistencies_intro": ("以下核查没有通过：报告的数字相互矛盾。每项列出所在句子、程序的读法和算式。", "These checks fail: the report's figures contradict each other. Each comes with its sentence, the reading the audit made, and the arithmetic."),
    "site_no_inconsistencies": ("没有发现不一致之处（共 {n} 项核查）。", "No inconsistency found ({n} checks)."),
    "site_col_sentence": ("句子", "sentence"),
    "site_col_reading": ("读法", "reading"),
    "site_col_arithmetic": ("算式", "arithmetic"),
    "site_col_id": ("编号", "id"),
    "site_col_section": ("位置", "section"),
    "site_col_indicator": ("指标", "indicator"),
    "site_col_raw": ("原文", "as reported"),
    "site_col_value": ("数值", "value"),
    "site_col_unit": ("单位", "unit"),
    "site_col_qualifier": ("限定词", "qualifier"),
    "site_col_bounds": ("区间", "interval"),
    "site_col_checks": ("核查", "checks"),
    "site_col_check": ("核查编号", "check"),
    "site_col_kind": ("类型", "kind"),
    "site_col_figures": ("涉及数字", "figures"),
    "site_repeat_of": ("重复自", "repeat of"),
    "site_tip_indicator": ("指标", "Indicator"),
    "site_tip_value": ("数值", "Value"),
    "site_tip_qualifier": ("限定词", "Qualifier"),
    "site_tip_bounds": ("区间", "Interval"),
    "site_tip_verdict": ("核查", "Audit"),
    "site_automatic_labels": ("本报告的数字没有人工标注：{n} 个数字中有 {auto} 个的指标名称是从数字前后的文字自动提取的，可能不准确。",
                              "The figures of this report have no curated annotations: the indicator labels of {auto} of its "
                              "{n} figures were taken automatically from the words around each figure and may be imprecise."),
    "site_matched_labels": ("{matched} 个数字沿用了本报告原版中语境相同句子的人工标注。",
                            "{matched} reuse the curated label of a sentence with the same wording in the report this one is a copy of."),
    "verdict_none": ("未核查", "not checked"),
    # -- qualifiers of a figure (lawstats.reading.quantity.QUALIFIERS)
    "qualifier_exact": ('确数', 'exact'),
    "qualifier_at_least": ('不少于（“余”“多”等）', 'at least (余, 多, …)'),
    "qualifier_at_most": ('不超过', 'at most'),
    "qualifier_range": ('区间', 'range'),
    "qualifier_ratio": ('比', 'ratio'),
    "qualifier_approx": ('约数', 'about'),
    # -- the site's downloads
    "download_figures.csv": ('报告中的每一个数字：原文、数值、单位、限定词、区间和位置', 'every figure in the report: as reported, value, unit, qualifier, interval and offsets'),
    "download_excluded.csv": ('不计为数字的数码（日期、序号、标语等）及原因', 'numerals that are not figures (dates, ordinals, slogans, …) and why'),
    "download_audit.csv": ('每一项核查：涉及的数字、计算过程和结论', 'every check: the figures involved, the arithmetic and the verdict'),
    "download_datapackage.json": ('以上各表的结构说明（Frictionless 数据包）', 'the schema of the tables above (Frictionless data package)'),
    # -- the command line (lawstats.cli: the audit table)
    "cli_check": ("核查", "check"),
    "cli_file": ("文件", "file"),
    "cli_checks_column": ("核查", "checks"),
    "cli_checks": ("共 {n} 项核查", "{n} checks"),
    "cli_by_kind": ("按类型和结论：", "by kind and verdict:"),
    "cli_skipped": ("未适用的人工核查：{n} 项", "declared checks skipped: {n}"),
    "cli_skipped_why": ("（所涉数字在该报告中未找到）", " (their figures were not found in this report)"),
    "cli_inconsistent": ("不一致：{ids}", "inconsistent: {ids}"),
    # -- nothing to show (an empty result is said in words)
    "nothing_checks": ("审计在本报告中没有找到可以核查的数字关系，因此没有核查项。",
                       "The audit found no relation between figures to check in this report, so there are no checks."),
    "nothing_denominators": ("本报告没有缺少分子分母的比率（百分之百除外），因此无图可画。",
                             "The report states no rate without its numerator and denominator (other than 100%), "
                             "so there is nothing to draw."),
    "nothing_shared": ("没有哪个标准指标出现在两份及以上报告中，因此还没有可以并列画出的指标。",
                       "No standard indicator is stated by two or more of the reports compared, so there is "
                       "nothing to draw side by side."),
    "nothing_figures": ("报告中没有表示数量的数字。", "The report states no figures."),
    "nothing_mentions": ("报告中没有任何数字字样。", "The report contains no numerals."),
    "nothing_parts": ("报告没有以“一、”“二、”等标题分成部分，因此没有各部分的篇幅可画。",
                      "The report has no parts headed 一、, 二、 …, so there are no part lengths to draw."),
    "nothing_outline": ("报告没有以“一、”“（一）”等标题分部分和节。",
                        "The report has no parts or sections headed 一、 or （一）."),
    "nothing_in_table": ("（无。）", "(None.)"),
    # -- comparing reports (lawstats.presentation.compare)
    "comparison_one": ("目前只有一份报告（{names}），还不能比较；下表和下图先列出它所陈述的标准指标。把更多报告放进 data/raw/，或在参数 reports 中列出报告文件，即可并列比较。",
                       "There is only one report so far ({names}), so there is nothing to compare yet; the table below lists the standard indicators it states. Put more reports in data/raw/, or list report files in the reports parameter, to set them side by side."),
    "comparison_many": ("共比较 {n} 份报告（{names}），{k} 个标准指标至少在一份报告中出现，其中 {shared} 个在两份及以上报告中出现。",
                        "{n} reports compared ({names}); {k} standard indicators appear in at least one of them, {shared} in two or more."),
    "comparison_automatic": ("没有人工标注的报告，其指标由规则自动识别，可能有误，请对照原文。",
                             "In reports without curated annotations the indicators were recognised by rules and may be wrong: check each value against its quote."),
    "chart_comparison": ("各报告的标准指标", "Standard indicators, report by report"),
    "axis_comparison": ("数值（各指标单位不同，刻度各自独立）", "value (units differ by indicator; each row has its own scale)"),
    "no_shared_indicator": ("两份及以上报告共有的指标", "an indicator stated by two or more reports"),
    "col_report": ("报告", "report"),
    "caption_reports": ("报告：{names}。各值为报告原文，区间按“余”“上万”等说法画出。数据：本报告取自 data/figures.csv，其他报告由规则提取。",
                        "Reports: {names}. Values as the reports state them; bounds drawn from words such as 'over' and 'upwards of'. Data: data/figures.csv for ours, extracted by rule for the others."),
    "col_value_quote": ("数值（点击看原文）", "value (links to the text)"),
    "col_quote": ("原文", "quote"),
    # -- kinds of figure
    "kind_count": ("计数", "count"),
    "kind_amount": ("金额", "amount"),
    "kind_rate": ("比率", "rate"),
    "kind_ratio": ("比例", "ratio"),
    "kind_duration": ("时长", "duration"),
    "kind_percentage_points": ("百分点差", "percentage points"),
    # -- why a numeral is not a figure (lawstats.reading.mentions.REASONS)
    "reason_year": ("年份", "year"),
    "reason_date": ("日期", "date"),
    "reason_period": ("时期", "period of years"),
    "reason_ordinal": ("序数", "ordinal"),
    "reason_heading": ("标题序号", "heading number"),
    "reason_enumerator": ("列举序号（一是……）", "enumerator (first, second…)"),
    "reason_slogan": ("提法、口号", "slogan or fixed name"),
    "reason_name": ("名称的一部分", "part of a name"),
    "reason_document_number": ("文号", "document number"),
    "reason_version": ("版本号", "version number"),
    "reason_word": ("词语中的数字字", "numeral inside a word"),
    "reason_truncated": ("被截断的数", "number cut off"),
    "reason_unparsed": ("无法解析", "not parsed"),
    # -- the audit (lawstats.auditing.audit)
    "check_id": ("核查编号", "check"),
    "check_kind": ("核查类型", "kind of check"),
    "asserts": ("核查内容", "what it checks"),
    "arithmetic": ("算式", "arithmetic"),
    "verdict": ("结论", "verdict"),
    "reason": ("原因", "reason"),
    "figure_ids": ("数字编号", "figures"),
    "result": ("结果", "result"),
    "check_sum": ("加总", "sum of parts"),
    "check_stated_rate": ("报告的比率", "stated rate"),
    "check_repeat": ("重复出现", "repeated figure"),
    "check_bound": ("大小关系", "bound"),
    "check_ratio_claim": ("比例说法", "ratio claim"),
    "check_derived": ("推算", "derived"),
    "check_rate_without_denominator": ("无分母的比率", "rate without a denominator"),
    "check_growth": ("增减变化", "change"),
    "check_points": ("百分点变化", "change in percentage points"),
    "check_average": ("平均数", "average"),
    "verdict_consistent": ("一致", "consistent"),
    "verdict_inconsistent": ("不一致", "inconsistent"),
    "verdict_cannot_check": ("无法核查", "cannot be checked"),
    "verdict_derived": ("推算值", "derived"),
    "asserts_repeat": ("同一数字在报告中出现两次，两处应相同", "a figure stated twice must be the same both times"),
    "asserts_rate_alone": ("报告的比率没有给出分子分母", "a rate stated without its numerator and denominator"),
    "rate": ("比率", "rate"),
    "reported": ("报告值", "reported"),
    "sentence_counts": ("同句中可作分母的数", "counts in its sentence that could be the denominator"),
    "smallest_denominator": ("最小可能分母", "smallest possible denominator"),
    "possible_denominators": ("可能的分母（≤ {n}）", "possible denominators (≤ {n})"),
    "n_possible": ("可能分母个数（≤ {n}）", "how many (≤ {n})"),
    "any_denominator": ("任何分母 n（分子 = n）", "any n (numerator = n)"),
    "none": ("无", "none"),
    # reasons the audit gives (lawstats.auditing.audit writes them in English)
    "why:consistent only by rounding": ("仅在舍入后一致", "consistent only by rounding"),
    "why:possible for the denominator (numerator not stated)": ("分母可以得到该比率（分子未列出）",
                                                                "possible for the denominator (numerator not stated)"),
    "why:holds for some values within the bounds": ("在区间内可能成立", "holds for some values within the bounds"),
    "why:no denominator in the text reproduces it": ("文中没有能得到它的分母", "no denominator in the text reproduces it"),
    "why:no denominator in the text": ("文中没有分母", "no denominator in the text"),
    "why:several candidate denominators": ("有多个可能的分母", "several candidate denominators"),
    "why:one candidate denominator, numerator not stated": ("只有一个可能的分母，分子未列出",
                                                            "one candidate denominator, numerator not stated"),
    "why:one pair of counts in its sentence reproduces it": ("同句中恰有一对数能得到它",
                                                             "one pair of counts in its sentence reproduces it"),
    "why:denominator is not an exact count": ("分母不是确数", "denominator is not an exact count"),
    "why:胜诉率 usually leaves withdrawn cases out of its base": ("胜诉率通常不计撤诉案件", "胜诉率 usually leaves withdrawn cases out of its base"),
    "why:败诉率 usually leaves withdrawn cases out of its base": ("败诉率通常不计撤诉案件", "败诉率 usually leaves withdrawn cases out of its base"),
    "why:满意率 usually counts 基本满意 and may be over those who answered": ("满意率通常含基本满意，且可能以回访人数为基数", "满意率 usually counts 基本满意 and may be over those who answered"),
    "why:履行率 is over successful mediations or judgments, not all cases": ("履行率以调解成功或裁判案件为基数", "履行率 is over successful mediations or judgments, not all cases"),
    "why:知晓率 comes from a survey sample": ("知晓率来自抽样调查", "知晓率 comes from a survey sample"),
    "why:the base may include cases carried over from the previous period": ("基数可能含上期结转案件", "the base may include cases carried over from the previous period"),
    "why:different measure words (e.g. 人次 and 件)": ("量词不同（如人次与件）", "different measure words (e.g. 人次 and 件)"),
    "why:different measure words": ("量词不同", "different measure words"),
    "why:several 其中 groups in one sentence may overlap": ("同句有多个“其中”，分组可能重叠", "several 其中 groups in one sentence may overlap"),
    "why:groups named by an attribute or topic may overlap": ("按属性或主题划分的分组可能重叠", "groups named by an attribute or topic may overlap"),
    "why:groups of people may overlap (e.g. party members and women)": ("人员分组可能重叠（如党员与女性）", "groups of people may overlap (e.g. party members and women)"),
    "why:several candidate totals or counts in the sentence": ("同句中有多个可能的总数或人数", "several candidate totals or counts in the sentence"),
    "why:the rate's name does not name the part; it may count more": ("比例名称与所列部分不同，可能另有所指", "the rate's name does not name the part; it may count more"),
    "why:the part is larger than its base": ("部分大于基数", "the part is larger than its base"),
    "why:the parts exceed the total": ("各部分之和超过总数", "the parts exceed the total"),
    "why:the parts do not exceed the total": ("各部分之和不超过总数", "the parts do not exceed the total"),
    "why:a part larger than its whole": ("部分大于整体", "a part larger than its whole"),
    "why:the change goes the other way": ("变化方向相反", "the change goes the other way"),
    "why:the earlier value is 0": ("基期数值为0", "the earlier value is 0"),
    "why:the change is not a single value": ("变化量不是确数", "the change is not a single value"),
    "why:higher than part / whole, which a larger base could only lower": ("高于部分÷整体，而更大的基数只会使比例更低", "higher than part / whole, which a larger base could only lower"),
    "why:over 100%": ("超过100%", "over 100%"),
    "why:several candidate current values": ("有多个可能的本期数值", "several candidate current values"),
    "why:the average may be of another quantity": ("平均的可能是另一个量", "the average may be of another quantity"),
    "why:the earlier value is not stated": ("未给出基期数值", "the earlier value is not stated"),
    "why:impossible for the denominator": ("该分母不可能得到此比率", "impossible for the denominator"),
    "why:cannot be computed": ("无法计算", "cannot be computed"),
    # -- charts (lawstats.presentation.charts)
    "caption_parts": ("数据：报告正文，按“一、”“二、”……标题分部分计字符数。",
                      "Data: the report's text, characters counted between its part headings."),
    "caption_columns": ("数据：data/figures.csv 的 {columns} 列。", "Data: the {columns} columns of data/figures.csv."),
    "caption_ids": ("数据：data/figures.csv 中的 {ids}", "Data: {ids} in data/figures.csv"),
    "caption_quotes": ("原文：{quotes}", "Source: {report}"),
    "legend_at_least": ("确知的下限", "known lower bound"),
    "legend_exact_or_lower": ("确数或确知的下限", "exact figure or known lower bound"),
    "legend_up_to": ("可能的范围（至上限）", "possible range (to the upper bound)"),
    "legend_open": ("无上限（“上万”）", "no upper bound stated"),
    "legend_range": ("报告给出的区间", "range stated in the report"),
    "chart_figures_by_part": ("报告各部分的数字，按类型", "Figures in each part of the report, by kind"),
    "axis_figures": ("数字个数", "figures"),
    "chart_mentions": ("报告中的每个数字字样：纳入数据或排除及原因", "Every numeral in the report: a figure, or excluded and why"),
    "axis_mentions": ("提及次数", "mentions"),
    "chart_verdicts": ("核查结论，按核查类型", "Audit checks by kind and verdict"),
    "axis_checks": ("核查项数", "checks"),
    "chart_denominators": ("哪些分母能得到“{rate}”（分母 ≤ {n}）", "Which denominators can give {rate} (denominators up to {n})"),
    "axis_denominator": ("分母 n", "denominator n"),
    "denominator_possible": ("能得到该比率的分母", "denominators that can give the rate"),
    "denominator_sentence": ("同句中的数 {raw}", "{value} (a count in its sentence)"),
    "denominator_yes": ("可以", "possible"),
    "denominator_no": ("不能", "impossible"),
}

#: Units and measure words as written in reports -> (Chinese, English).  The English words are
#: generic (件 is "items" whether the items are cases or documents); an indicator names the thing.
UNITS: dict[str, tuple[str, str]] = {
    "": ("", ""), "个": ("个", ""), "%": ("%", "%"), "％": ("%", "%"), "‰": ("‰", "‰"),
    "次": ("次", "times"), "条": ("条", "entries"), "份": ("份", "documents"), "名": ("名", "people"),
    "节": ("节", "classes"), "项": ("项", "items"), "件": ("件", "items"), "证": ("证", "certificates"),
    "本": ("本", "copies"), "个工作日": ("个工作日", "working days"), "工作日": ("工作日", "working days"),
    "人次": ("人次", "person-visits"), "家次": ("家次", "firm-visits"), "人": ("人", "people"),
    "位": ("位", "people"), "起": ("起", "cases"), "宗": ("宗", "cases"), "例": ("例", "cases"),
    "元": ("元", "yuan"), "万元": ("万元", "10,000 yuan"), "亿元": ("亿元", "100 million yuan"),
    "类": ("类", "categories"), "场": ("场", "sessions"), "场次": ("场次", "sessions"),
    "期": ("期", "sessions"), "轮": ("轮", "rounds"), "批": ("批", "batches"), "堂": ("堂", "classes"),
    "年": ("年", "years"), "天": ("天", "days"), "日": ("日", "days"), "月": ("月", "months"),
    "个月": ("个月", "months"), "周": ("周", "weeks"), "小时": ("小时", "hours"),
    "个小时": ("个小时", "hours"), "分钟": ("分钟", "minutes"), "学时": ("学时", "class hours"),
    "课时": ("课时", "class hours"), "季度": ("季度", "quarters"), "个百分点": ("个百分点", "percentage points"),
    "百分点": ("百分点", "percentage points"), "户": ("户", "households"), "家": ("家", "firms"),
    "所": ("所", "institutions"), "张": ("张", "sheets"), "块": ("块", "boards"), "支": ("支", "teams"),
    "座": ("座", "facilities"), "台": ("台", "units"), "篇": ("篇", "articles"), "册": ("册", "volumes"),
    "部": ("部", "items"), "单位": ("单位", "unit"), "倍": ("倍", "times"), "案": ("案", "cases"),
    "村": ("村", "villages"), "处": ("处", "places"), "套": ("套", "sets"), "幅": ("幅", "pieces"),
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


def unit_label(unit: str, language: str = "zh") -> str:
    """Return a unit or measure word for readers in ``language``.

    Chinese keeps the unit as written; English uses a generic word (``件`` is
    ``"items"``), nothing for the bare counter ``个``, and a unit it does not
    know stays as written (a word from another report is still shown).

    Examples
    --------
    >>> unit_label("人次", "en"), unit_label("个", "en"), unit_label("个", "zh")
    ('person-visits', '', '个')
    >>> unit_label("元/人", "en"), unit_label("条/单位", "zh")
    ('yuan per person', '条/单位')
    """
    check_language(language)
    if unit in UNITS:
        zh, en = UNITS[unit]
        return zh if language == "zh" else en
    if language == "en" and unit.count("/") == 1:
        top, bottom = unit.split("/")
        return f"{unit_label(top, 'en') or top} per {_PER.get(bottom, unit_label(bottom, 'en') or bottom)}"
    return unit


#: The English word after "per" in a compound unit (元/人 -> yuan per person).
_PER = {"人": "person", "名": "person", "起": "case", "件": "item", "单位": "unit", "个": "unit",
        "家次": "firm-visit", "人次": "person-visit", "村": "village"}
