"""The pages of the static site: notebook pages, the index and the annotated report.

Everything here turns data already computed into HTML; executing notebooks,
caching and writing the site folder live in :mod:`lawstats.site.build`.

Pages load nothing from outside the site: notebook pages use the nbconvert
template in ``lawstats/templates/lawstats`` (JupyterLab's look with the
require.js, MathJax, mermaid and widget blocks emptied) and link the shared
stylesheets in ``static/``; the index and the report use the Jinja templates in
``lawstats/templates/site`` with autoescaping on, so report text is always
shown as text.

Links are written relative to the site's root; :func:`rebase_links` fixes them
for the code pages in ``code/``.
"""
from __future__ import annotations

import copy
import functools
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from lawstats.paths import templates_dir
from lawstats.labels import check_language

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TEMPLATES_DIR",
    "BILINGUAL_SEPARATOR",
    "localize_markdown",
    "VERDICTS",
    "strings",
    "notebook_title",
    "site_title",
    "render_notebook_pages",
    "rebase_links",
    "render_index",
    "audit_summary",
    "figure_verdicts",
    "render_annotated_report",
    "static_files",
]

#: Where the nbconvert template (``lawstats/``) and the site's own templates (``site/``) live.
TEMPLATES_DIR = templates_dir()

#: Audit verdicts from worst to best; a figure shows the worst verdict of its checks.
VERDICTS = ("inconsistent", "cannot_check", "consistent", "derived")

_IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")

#: The mimetypes a page may show, in order of preference.  JavaScript and
#: widget views are left out: they would need scripts from outside the site.
DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "text/vnd.mermaid",
    "text/latex",
    "image/png",
    "image/jpeg",
    "text/plain",
]

def strings(language: str) -> dict[str, str]:
    """Return the words the pages use in ``language``.

    Examples
    --------
    >>> strings("en")["home"]
    'Home'
    >>> strings("fr")
    Traceback (most recent call last):
    ...
    ValueError: language must be one of ('zh', 'en'). Got 'fr' instead.
    """
    from lawstats.labels import LABELS, label

    check_language(language)
    words = {key[len("site_"):]: label(key, language) for key in LABELS if key.startswith("site_")}
    for verdict in (*VERDICTS, "none"):
        words[f"v_{verdict}"] = label(f"verdict_{verdict}", language)
    return words


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HEADING = re.compile(r"^(\s{0,3}#{1,6}\s+)(.+?)\s*$")
#: Between the Chinese and the English side of a bilingual heading.
BILINGUAL_SEPARATOR = " · "


def _heading_in(text: str, language: str | None) -> str:
    if language is None or BILINGUAL_SEPARATOR not in text:
        return text
    zh, en = text.split(BILINGUAL_SEPARATOR, 1)
    return zh.strip() if language == "zh" else en.strip()


def localize_markdown(source: str, language: str) -> str:
    """Keep one language of a bilingual Markdown cell.

    The notebooks write their prose in both languages, in one convention:

    * a heading is ``中文 · English``: the side of ``language`` is kept;
    * a paragraph set wholly in italics (``*…*``) is English: kept, without
      the asterisks, in English; dropped in Chinese;
    * any other paragraph with a Chinese character is Chinese: dropped in
      English (an English paragraph quotes the report's words in italics);
    * a paragraph with no Chinese character is kept in both.

    Examples
    --------
    >>> cell = "## 核查 · Checks\\n\\n各项核查。\\n\\n*Every check, with 余 quoted.*"
    >>> localize_markdown(cell, "en")
    '## Checks\\n\\nEvery check, with 余 quoted.'
    >>> localize_markdown(cell, "zh")
    '## 核查\\n\\n各项核查。'
    """
    check_language(language)
    kept = []
    for block in re.split(r"\n[ \t]*\n", source.strip("\n")):
        stripped = block.strip()
        if not stripped:
            continue
        lines = block.split("\n")
        if all(_HEADING.match(line) for line in lines):
            kept.append("\n".join(_HEADING.sub(lambda m: m.group(1) + _heading_in(m.group(2), language), line)
                                  for line in lines))
        elif stripped.startswith("*") and not stripped.startswith("**") and stripped.endswith("*") \
                and not stripped.endswith("**") and len(stripped) > 2:
            if language == "en":
                kept.append(stripped[1:-1])
        elif _CJK_CHAR.search(stripped):
            if language == "zh":
                kept.append(block)
        else:
            kept.append(block)
    return "\n\n".join(kept)


def _one_language(language: str):
    """An nbconvert preprocessor keeping the prose of ``language`` only (:func:`localize_markdown`).

    Cells tagged ``lang-zh`` or ``lang-en`` appear only in that language.
    """
    other = "lang-en" if language == "zh" else "lang-zh"

    def preprocess(nb, resources):
        cells = []
        for cell in nb.cells:
            if other in cell.get("metadata", {}).get("tags", []):
                continue
            if cell.cell_type == "markdown":
                cell.source = localize_markdown(cell.source, language)
                if not cell.source.strip():
                    continue
            cells.append(cell)
        nb.cells = cells
        return nb, resources

    return preprocess


def site_title(report, language: str = "zh") -> str:
    """The title of a report's site in ``language``.

    Chinese: the report's own title.  English: its recorded English title
    (``title_en`` in the provenance beside the file), else a neutral one from
    the file name — the Chinese title is the report's own words, quoted on
    the overview page, not a heading of an English page.

    Examples
    --------
    >>> from lawstats import load_report
    >>> site_title(load_report(), "en")
    'Luzhai County: report on building law-based government, 2021'
    """
    from pathlib import Path as _Path

    check_language(language)
    if language == "zh":
        return report.title or _Path(report.path).name
    return str(report.meta.get("title_en") or f"Report: {_Path(report.path).name}")


def notebook_title(nb: Mapping[str, Any], fallback: str, language: str | None = None) -> str:
    """Return a notebook's title: ``metadata.title``, else its first Markdown heading.

    Works on a plain dict read with :mod:`json` as well as on a ``NotebookNode``.
    With ``language``, a bilingual heading (``中文 · English``) gives that side.

    Examples
    --------
    >>> nb = {"metadata": {}, "cells": [{"cell_type": "markdown", "source": ["# 案件 · Cases\\n", "text"]}]}
    >>> notebook_title(nb, "01-cases"), notebook_title(nb, "01-cases", "en")
    ('案件 · Cases', 'Cases')
    >>> notebook_title({"metadata": {}, "cells": []}, "01-cases")
    '01-cases'
    """
    title = (nb.get("metadata") or {}).get("title")
    if title:
        return str(title)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            match = re.match(r"\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", line)
            if match:
                return _heading_in(match.group(1), language)
    return fallback


# --------------------------------------------------------------------------- notebook pages

def _alt_text(nb, resources):
    """nbconvert preprocessor: put alt text on every image output.

    The alt text of an image is, in order: ``output.metadata["alt"]``,
    ``output.metadata[mimetype]["alt"]`` (what ``lawstats.presentation.plotting.show`` writes),
    the code cell's ``metadata["alt"]`` (a string, or a list with one entry per
    image of the cell), the description the kernel's figure formatter derived
    from the figure (``output.metadata[mimetype]["lawstats"]["alt"]``, see
    :func:`lawstats.site.notebooks.setup_kernel`), and last ``"<Chart> N: <page title>"``.
    """
    chart = resources["lawstats"]["chart_label"]
    title = resources["lawstats"]["title"]
    number = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell_alt = cell.metadata.get("alt")
        in_cell = 0
        for output in cell.get("outputs", []):
            mimetype = next((m for m in _IMAGE_TYPES if m in output.get("data", {})), None)
            if mimetype is None:
                continue
            number += 1
            metadata = output.setdefault("metadata", {})
            alt = metadata.get("alt") or (metadata.get(mimetype) or {}).get("alt")
            if not alt and cell_alt:
                if isinstance(cell_alt, str):
                    alt = cell_alt
                elif in_cell < len(cell_alt):
                    alt = cell_alt[in_cell]
            if not alt:  # the description the kernel's figure formatter added (or an older build's hook)
                alt = ((metadata.get(mimetype) or {}).get("lawstats") or metadata.get("lawstats") or {}).get("alt")
            metadata["alt"] = str(alt or f"{chart} {number}: {title}")
            in_cell += 1
    return nb, resources


def _drop_empty_code_cells(nb, resources):
    """nbconvert preprocessor: remove code cells that show nothing, for the reader's pages."""
    nb.cells = [c for c in nb.cells if c.cell_type != "code" or c.get("outputs")]
    return nb, resources


#: nbconvert's HTMLExporter gives every ``div`` of these classes ``tabindex="0"`` (so keyboard users
#: reach inputs and outputs), and every ``img`` without ``alt`` this text; :func:`_accessible` too.
_FOCUSABLE = ("jp-Cell-inputWrapper", "jp-OutputArea-output")
_MISSING_ALT = "No description has been provided for this image"
_DIV = re.compile(r"<div\b[^>]*>")
_CLASS = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)')""")
_IMG = re.compile(r"<img\b[^>]*>")


def _accessible(page: str) -> str:
    """What HTMLExporter's last step does to a page, on the tags alone (no parse of the whole page).

    ``tabindex="0"`` on every ``div`` whose classes include one of
    :data:`_FOCUSABLE` and has none, and an ``alt`` on every ``img`` that has
    none.  ``tests/test_site.py`` checks that BeautifulSoup finds the same
    attributes here as HTMLExporter's own output has.

    Examples
    --------
    >>> _accessible('<div class="jp-Cell-inputWrapper x"><img src="a.png"></div><div class="y">')
    '<div class="jp-Cell-inputWrapper x" tabindex="0"><img src="a.png" alt="No description has been \
provided for this image"></div><div class="y">'
    """
    def div(match: re.Match) -> str:
        tag = match.group(0)
        found = _CLASS.search(tag)
        classes = (found.group(1) or found.group(2) or "").split() if found else []
        if not any(c in classes for c in _FOCUSABLE) or re.search(r"\stabindex=", tag):
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} tabindex="0"{tag[end:]}'

    def img(match: re.Match) -> str:
        tag = match.group(0)
        if re.search(r"\salt=", tag):
            return tag
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end].rstrip()} alt="{_MISSING_ALT}"{tag[end:]}'

    return _IMG.sub(img, _DIV.sub(div, page))


@functools.lru_cache(maxsize=None)
def _page_exporter_class():
    """nbconvert's HTMLExporter without its last step, re-parsing the page with BeautifulSoup.

    That step (add ``tabindex`` and missing ``alt`` attributes, then print the
    parsed page again) took half the time of an export; :func:`_accessible`
    adds the same attributes on the tags themselves.  The first half of
    ``HTMLExporter.from_notebook_node`` (the filters it registers) is kept as
    nbconvert 7 has it.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PageExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _accessible(html), resources

    return PageExporter


@functools.lru_cache(maxsize=None)
def _exporter(language: str, reader: bool, exporter_class=None):
    """One exporter per (language, page kind), reused: compiling its templates takes a while.

    ``exporter_class`` (default: :func:`_page_exporter_class`) is for tests
    comparing with nbconvert's own ``HTMLExporter``.
    """
    from traitlets.config import Config

    HTMLExporter = exporter_class or _page_exporter_class()

    remove_cells = {"remove-cell"}
    if reader:
        remove_cells |= {"parameters", "injected-parameters"}
    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    c.HTMLExporter.template_name = "lawstats"
    c.HTMLExporter.language_code = language
    c.HTMLExporter.exclude_input = reader
    c.HTMLExporter.exclude_input_prompt = reader
    c.HTMLExporter.exclude_output_prompt = reader
    c.NbConvertBase.display_data_priority = list(DISPLAY_PRIORITY)
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = remove_cells
    c.TagRemovePreprocessor.remove_input_tags = {"hide-input", "remove-input"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    exporter = HTMLExporter(config=c)
    exporter.register_preprocessor(_one_language(language), enabled=True)
    # registered after the default ones, so they see the cells TagRemovePreprocessor kept
    exporter.register_preprocessor(_alt_text, enabled=True)
    if reader:
        exporter.register_preprocessor(_drop_empty_code_cells, enabled=True)
    return exporter


def render_notebook_pages(nb, *, name: str, title: str, language: str = "zh") -> tuple[str, str]:
    """Render an executed notebook as a reader's page and a code page.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (not modified).
    name : str
        The page's name without extension, e.g. ``"01-caseload"``: the reader's
        page is ``<name>.html`` at the site's root, the code page ``code/<name>.html``.
    title : str
        The page title.
    language : {"zh", "en"}
        The language of the page (``<html lang>``) and of its navigation.

    Returns
    -------
    (str, str)
        The reader's page (every code input hidden; cells tagged ``parameters``,
        ``injected-parameters`` and ``remove-cell`` removed; code cells without
        output dropped) and the code page (inputs shown except in cells tagged
        ``hide-input``/``remove-input``; ``remove-cell`` cells removed), with its
        links already rebased for ``code/``.
    """
    t = strings(language)
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    pages = []
    for reader in (True, False):
        resources = {
            "metadata": {"name": title},
            "lawstats": {
                "title": title,
                "chart_label": t["chart"],
                "home_label": t["home"],
                "report_label": t["report_page"],
                "nav_label": t["nav_label"],
                "other_href": f"code/{name}.html" if reader else f"{name}.html",
                "other_label": t["show_code"] if reader else t["hide_code"],
            },
        }
        body, _ = _exporter(language, reader).from_notebook_node(nb, resources=resources)
        pages.append(body)
    reader_html, code_html = pages
    return reader_html, rebase_links(code_html, "../")


_LINK = re.compile(r"""(\s(?:href|src)=)(["'])(?!#|/|[A-Za-z][A-Za-z0-9+.-]*:|["'])""")


def rebase_links(page: str, prefix: str) -> str:
    """Prefix every relative ``href``/``src`` in ``page`` with ``prefix``.

    Fragment-only links (``#x``), absolute paths and URLs with a scheme
    (``data:``, ``mailto:``…) are left alone.

    Examples
    --------
    >>> rebase_links('<a href="index.html">i</a> <a href="#x">x</a> <img src="data:image/png;base64,AA">', "../")
    '<a href="../index.html">i</a> <a href="#x">x</a> <img src="data:image/png;base64,AA">'
    """
    return _LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}{prefix}", page)


# --------------------------------------------------------------------------- site pages

def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _css_class(verdict: str) -> str:
    return re.sub(r"[^a-z0-9_-]", "-", verdict.lower()) or "none"


def _label_or(key: str, language: str, fallback: str) -> str:
    """The catalogue's word for ``key``, or ``fallback`` where it has none."""
    from lawstats.labels import LABELS, label

    return label(key, language) if key in LABELS else fallback


def _verdict_label(verdict: str, t: Mapping[str, str]) -> str:
    return t.get(f"v_{verdict}", verdict)


def audit_summary(audit: "pd.DataFrame | None", language: str = "zh") -> dict | None:
    """Count the checks by verdict, worst first; ``None`` when there is no audit.

    Examples
    --------
    >>> import pandas as pd
    >>> audit = pd.DataFrame({"check_id": ["a", "b", "c"], "verdict": ["consistent", "inconsistent", "consistent"]})
    >>> summary = audit_summary(audit, "en")
    >>> summary["total"], [(r["verdict"], r["count"]) for r in summary["rows"]]
    (3, [('inconsistent', 1), ('consistent', 2)])
    """
    if audit is None or "verdict" not in audit.columns:
        return None
    t = strings(language)
    counts = audit["verdict"].astype(str).value_counts()
    order = [v for v in VERDICTS if v in counts.index] + sorted(v for v in counts.index if v not in VERDICTS)
    rows = [{"verdict": v, "css": _css_class(v), "label": _verdict_label(v, t), "count": int(counts[v])}
            for v in order]
    return {"total": int(len(audit)), "rows": rows}


def render_index(
    *,
    report_title: str,
    pages: Iterable[Mapping[str, str]],
    audit: "pd.DataFrame | None" = None,
    downloads: Iterable[str] = (),
    language: str = "zh",
    report_name: str = "",
    report_sha256: str = "",
) -> str:
    """Render ``index.html``.

    Parameters
    ----------
    report_title : str
        The report's title (shown escaped).
    pages : iterable of mappings
        One per notebook page, with ``title``, ``href`` and ``code_href``.
    audit : DataFrame, optional
        ``data/audit.csv``; its verdicts are counted for the summary.
    downloads : iterable of str
        File names present in the site's ``data/`` folder.
    language : {"zh", "en"}
    report_name, report_sha256 : str
        Shown in the "about" section.

    Examples
    --------
    >>> page = render_index(report_title="<b>R</b>", pages=[], language="en")
    >>> "&lt;b&gt;R&lt;/b&gt;" in page and '<html lang="en">' in page
    True
    """
    t = strings(language)
    files = [{"name": n, "description": _label_or(f"download_{n}", language, "")} for n in downloads]
    return _environment().get_template("index.html.j2").render(
        lang=language,
        t=t,
        page_title=report_title,
        report_title=report_title,
        pages=list(pages),
        audit=audit_summary(audit, language),
        downloads=files,
        report_name=report_name,
        report_sha=report_sha256,
    )


def _value(v: Any) -> str:
    """A table cell as text: missing values become ``""``, everything else ``str``."""
    if v is None:
        return ""
    try:
        if v != v:  # NaN, pd.NA raises TypeError
            return ""
    except TypeError:
        return ""
    return str(v)


def figure_verdicts(audit: "pd.DataFrame | None") -> dict[str, str]:
    """Map each figure id to the worst verdict among the checks that involve it.

    A ``cannot_check`` verdict marks only the check's first figure (the rate
    that has no denominator), not the candidate denominators listed after it.

    Examples
    --------
    >>> import pandas as pd
    >>> audit = pd.DataFrame({"check_id": ["c1", "c2"], "figure_ids": ["F1 F2", "F2"],
    ...                       "verdict": ["consistent", "inconsistent"]})
    >>> figure_verdicts(audit)
    {'F1': 'consistent', 'F2': 'inconsistent'}
    >>> figure_verdicts(pd.DataFrame({"figure_ids": ["R N1 N2"], "verdict": ["cannot_check"]}))
    {'R': 'cannot_check'}
    """
    if audit is None or not {"figure_ids", "verdict"} <= set(audit.columns):
        return {}
    rank = {v: i for i, v in enumerate(VERDICTS)}
    worst: dict[str, str] = {}
    for ids, verdict in zip(audit["figure_ids"], audit["verdict"]):
        verdict = _value(verdict)
        ids = _value(ids).split()
        if verdict == "cannot_check":
            # the figure that cannot be checked is the first; the others are the
            # candidates that were tried (a rate's possible denominators), not doubtful
            ids = ids[:1]
        for fid in ids:
            old = worst.get(fid)
            # an unknown verdict ranks just after "inconsistent"
            if old is None or rank.get(verdict, 0.5) < rank.get(old, 0.5):
                worst[fid] = verdict
    return dict(sorted(worst.items()))


def _figure_checks(audit: "pd.DataFrame | None") -> dict[str, list[str]]:
    if audit is None or not {"figure_ids", "check_id"} <= set(audit.columns):
        return {}
    checks: dict[str, list[str]] = {}
    for ids, check in zip(audit["figure_ids"], audit["check_id"]):
        for fid in _value(ids).split():
            checks.setdefault(fid, []).append(_value(check))
    return checks


def _tooltip(f: dict, t: Mapping[str, str]) -> str:
    parts = [(t["tip_indicator"], f["indicator"])]
    value = " ".join(x for x in (f["value"], f["unit"]) if x)
    parts.append((t["tip_value"], value or f["raw"]))
    if f["qualifier"]:
        parts.append((t["tip_qualifier"], f["qualifier"]))
    if f["bounds"]:
        parts.append((t["tip_bounds"], f["bounds"]))
    parts.append((t["tip_verdict"], f["verdict_label"]))
    return "".join(f"<span><b>{html.escape(k)}</b>{html.escape(v)}</span>" for k, v in parts if v)


def _bounds(lower: str, upper: str, value: str) -> str:
    if not lower and not upper:
        return ""
    if lower == upper == value:
        return ""
    if lower == upper:
        return lower
    return f"{lower or '…'} – {upper or '…'}"


def _inconsistencies(text: str, figures, audit, language: str) -> list[dict]:
    """The inconsistent checks with their sentence, reading and arithmetic (see lawstats.auditing.audit)."""
    if audit is None or "verdict" not in getattr(audit, "columns", ()):
        return []
    from lawstats.auditing.audit import inconsistencies

    return inconsistencies(audit, figures, text, language)


def render_annotated_report(
    text: str,
    figures: "pd.DataFrame | None",
    audit: "pd.DataFrame | None" = None,
    language: str = "zh",
    *,
    title: str | None = None,
    text_language: str = "zh",
) -> str:
    """Render ``report.html``: the report's full text with every figure marked.

    The text is HTML-escaped (a report containing ``<script>`` shows it as
    text).  Each figure span ``text[start:end]`` becomes a link with
    ``id="<figure id>"`` (a stable anchor an auditor can cite), ``tabindex="0"``,
    a class ``v-<verdict>`` for the worst verdict of its checks (``v-none`` when
    unchecked) and a tooltip, shown on hover and focus by CSS alone, with the
    indicator, parsed value, qualifier, interval and verdict.  It links to its
    row ``#row-<id>`` in the figures table below the text, which links back;
    the table links each figure to its checks (``#check-<check_id>``), and the
    checks table links back to the figures.

    Parameters
    ----------
    text : str
        The report's canonical text; figure offsets refer to it.
    figures : DataFrame or None
        Columns ``id, start, end, quote`` and, shown when present, ``section,
        indicator, indicator_en, raw, value, unit, qualifier, lower, upper,
        repeat_of``.  A row whose ``text[start:end] != quote``, or that overlaps
        an earlier one, is listed in the table and in a warning, not marked.
    audit : DataFrame or None
        Columns ``check_id, kind, figure_ids`` (space-separated), ``verdict``;
        other columns are shown as they are.
    language : {"zh", "en"}
        The language of the page's words (and of the indicator shown).
    title : str, optional
        The page's heading; defaults to the text's first non-empty line.
    text_language : str
        The language of the report text itself (its ``lang`` attribute).

    Returns
    -------
    str
        A complete HTML page that loads only ``static/site.css``.

    Examples
    --------
    >>> import pandas as pd
    >>> text = "共受理<script>案件12件。"
    >>> figures = pd.DataFrame({"id": ["F1"], "start": [13], "end": [16], "quote": ["12件"],
    ...                         "indicator": ["案件数"], "value": ["12"], "unit": ["件"]})
    >>> page = render_annotated_report(text, figures, language="en")
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    >>> 'id="F1"' in page and 'href="#row-F1"' in page and 'id="row-F1"' in page
    True
    """
    t = strings(language)
    if title is None:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    verdicts = figure_verdicts(audit)
    checks_of = _figure_checks(audit)

    rows: list[dict] = []
    if figures is not None:
        for record in figures.to_dict("records"):
            r = {k: _value(v) for k, v in record.items()}
            fid = r.get("id", "")
            indicator = r.get("indicator", "")
            if language == "en" and r.get("indicator_en"):
                indicator = r["indicator_en"]
            verdict = verdicts.get(fid, "none")
            rows.append({
                "id": fid,
                "start": r.get("start", ""),
                "end": r.get("end", ""),
                "quote": r.get("quote", ""),
                "section": r.get("section", ""),
                "indicator": indicator,
                "raw": r.get("raw", "") or r.get("quote", ""),
                "value": r.get("value", ""),
                "unit": r.get("unit", ""),
                "qualifier": _label_or(f"qualifier_{r.get('qualifier', '')}", language, r.get("qualifier", "")),
                "bounds": _bounds(r.get("lower", ""), r.get("upper", ""), r.get("value", "")),
                "repeat_of": r.get("repeat_of", ""),
                "verdict": verdict,
                "css": _css_class(verdict),
                "verdict_label": _verdict_label(verdict, t),
                "checks": checks_of.get(fid, []),
                "placed": False,
            })

    # choose the spans to mark: valid offsets, matching quote, no overlap
    problems = []
    candidates = []
    for row in rows:
        try:
            start, end = int(float(row["start"])), int(float(row["end"]))
        except ValueError:
            start, end = -1, -1
        if not (0 <= start <= end <= len(text)):
            problems.append({"id": row["id"], "reason": t["out_of_range"]})
        elif text[start:end] != row["quote"]:
            problems.append({"id": row["id"], "reason": t["quote_mismatch"]})
        else:
            candidates.append((start, end, row))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]["id"]))
    pieces = []
    position = 0
    for start, end, row in candidates:
        if start < position:
            problems.append({"id": row["id"], "reason": t["overlap"]})
            continue
        fid = html.escape(row["id"], quote=True)
        pieces.append(html.escape(text[position:start]))
        pieces.append(
            f'<a class="fig v-{row["css"]}" id="{fid}" href="#row-{fid}" tabindex="0" '
            f'aria-describedby="tip-{fid}">{html.escape(text[start:end])}'
            f'<span class="tip" role="tooltip" id="tip-{fid}">{_tooltip(row, t)}</span></a>'
        )
        row["placed"] = True
        position = end
    pieces.append(html.escape(text[position:]))

    counts: dict[str, int] = {}
    for row in rows:
        if row["placed"]:
            counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    legend = [{"css": _css_class(v), "label": _verdict_label(v, t), "count": counts.get(v, 0)}
              for v in (*VERDICTS, "none")]

    checks, check_columns = [], []
    if audit is not None and "check_id" in audit.columns:
        known = {"check_id", "kind", "figure_ids", "verdict"}
        other = "_en" if language == "zh" else "_zh"  # columns in the other language are left out
        shown = [c for c in audit.columns if c not in known and not str(c).endswith(other)]
        check_columns = [re.sub(r"_(zh|en)$", "", str(c)) for c in shown]
        rank = {v: i for i, v in enumerate(VERDICTS)}
        records = sorted(audit.to_dict("records"),  # inconsistencies first, then as in the audit
                         key=lambda rec: rank.get(_value(rec.get("verdict", "")), len(VERDICTS)))
        for record in records:
            r = {k: _value(v) for k, v in record.items()}
            verdict = r.get("verdict", "")
            checks.append({
                "check_id": r["check_id"],
                "kind": r.get("kind", ""),
                "css": _css_class(verdict),
                "verdict_label": _verdict_label(verdict, t),
                "figure_ids": r.get("figure_ids", "").split(),
                "extra": [r[c] for c in shown],
            })

    label_note = ""
    if figures is not None and "indicator_source" in figures.columns:
        sources = figures["indicator_source"].astype(str)
        if (sources != "curated").any():
            label_note = t["automatic_labels"].format(n=len(sources), auto=int((sources == "automatic").sum()))
            if (sources == "matched").any():
                label_note += (" " if language == "en" else "") + t["matched_labels"].format(
                    matched=int((sources == "matched").sum()))

    from markupsafe import Markup

    return _environment().get_template("report.html.j2").render(
        label_note=label_note,
        lang=language,
        t=t,
        page_title=f"{title} · {t['report_page']}" if title else t["report_page"],
        report_title=title,
        text_lang=text_language,
        text_html=Markup("".join(pieces)),
        has_figures=figures is not None,
        figures=rows,
        problems=problems,
        legend=legend,
        checks=checks,
        check_columns=check_columns,
        inconsistencies=_inconsistencies(text, figures, audit, language),
        n_checks=0 if audit is None else len(audit),
    )


def static_files() -> dict[str, bytes]:
    """Return the site's shared stylesheets, ``{relative path: bytes}``.

    ``static/notebook.css`` is JupyterLab's stylesheet as nbconvert's ``lab``
    template ships it (linked once instead of inlined in every page);
    ``static/site.css`` styles the navigation, the index, the annotated report
    and printing.
    """
    lab = _lab_static_dir()
    site = TEMPLATES_DIR / "site"
    notebook_css = b"\n".join(
        [(lab / "index.css").read_bytes(), (lab / "theme-light.css").read_bytes(),
         (site / "notebook-extra.css").read_bytes()]
    )
    return {"static/notebook.css": notebook_css, "static/site.css": (site / "site.css").read_bytes()}


#: The licence of the web font the site embeds in its stylesheet.
FONT_LICENCE = "static/lawstats-cjk-OFL.txt"


def cjk_font_files(texts: Iterable[str]) -> dict[str, bytes]:
    """A Chinese web font holding exactly the characters the site's pages use.

    Readers almost always have a Chinese system font, and the stylesheets ask
    for those first; this subset of Noto Sans SC (SIL Open Font License 1.1,
    shipped beside it) is the fallback for a machine that has none, so the
    site shows real glyphs anywhere, offline.  A few hundred kilobytes instead
    of 8 MB; byte-identical for the same characters.

    Parameters
    ----------
    texts : iterable of str
        The pages (HTML is fine: markup is ASCII, which the font covers anyway).

    Returns
    -------
    dict
        ``{"font": woff bytes, "licence": licence text}``.
    """
    import io
    from importlib.metadata import distribution

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from lawstats.presentation.fonts import cjk_font_path

    chars = set()
    for text in texts:
        chars.update(text)
    wanted = "".join(sorted(c for c in chars if ord(c) > 0x7E)) + "".join(map(chr, range(0x20, 0x7F)))
    options = subset.Options()
    options.flavor = "woff"
    font = TTFont(str(cjk_font_path()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    dist = distribution("pylopdf-fonts-zh-cn")
    licence = next((f for f in dist.files or () if f.name.upper().startswith("LICENSE")), None)
    text = licence.read_text(encoding="utf-8") if licence is not None else dist.metadata["License"]
    header = ("The font \"lawstats-cjk\" embedded in site.css is a subset of Noto Sans SC (from the "
              "PyPI package pylopdf-fonts-zh-cn), made by lawstats to hold the characters of these "
              "pages.\n\n")
    return {"font": buffer.getvalue(), "licence": (header + text).encode("utf-8")}


def _lab_static_dir() -> Path:
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("nbconvert", "templates"):
        candidate = Path(base) / "lab" / "static"
        if (candidate / "index.css").is_file():
            return candidate
    raise FileNotFoundError("nbconvert's lab template (lab/static/index.css) was not found; "
                            "is nbconvert installed in this environment?")
