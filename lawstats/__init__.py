"""lawstats: figures, rates and audits from Chinese law-based-government reports.

The public API, for an analyst:

* :func:`figures` — a report's figures as a pandas table (numbers float64 with
  the exact decimals beside them as text, ``part`` and ``section`` in report
  order, NaN for missing); :func:`checks` — its audit, one row per check and
  figure; :func:`excluded` — the numeric mentions that are not figures;
* :func:`interval_of` — the exact interval of a figure (``80余`` → [80, 90]),
  and arithmetic that keeps bounds: :func:`ratio`, :func:`percent`,
  :func:`share`, :func:`per_capita`, :func:`change`, :func:`relative_change`,
  :func:`difference`, :func:`total`, the :class:`Interval` type;
* for charts drawn in notebooks (:mod:`lawstats.presentation.drawing`,
  :mod:`lawstats.presentation.plotting`): :func:`setup_notebook`, :func:`require`,
  :func:`require_rows`, :func:`chart_or_note`, :func:`draw_bounds`, :func:`bounds_legend`,
  :func:`value_text`, :func:`number_text`, :func:`percent_text`, :func:`indicator_text`,
  :func:`caption`, :func:`show`, :func:`label` (words in zh and en);
* :func:`load_report`, :func:`parse_quantity`, :func:`find_mentions`,
  :func:`check_percent` and friends for the text itself.

The pages' own tables, notes and charts (``figure_table``, ``checks_table``, ``show_chart``,
``compare_reports`` … of :mod:`lawstats.presentation`, keyed to no report) are reachable as
``lawstats.<name>`` too, for the notebooks, but are not part of ``__all__``.

:func:`load_tables` is the older entry point that returns the exact tables
(Decimal values, ``""`` for missing) that :mod:`lawstats.presentation.present` and
:mod:`lawstats.presentation.charts` take; new code uses :func:`figures`.

Each function lives in a module named for its concept, in a folder named for
its stage: ``reading`` (report, structure, numerals, quantity, mentions,
autolabel), ``arithmetic`` (interval, rounding, rates), ``extraction``
(case studies, annotations, the figure tables, indicators, glossary, extract),
``auditing`` (relations, audit), ``presentation`` (the analyst's tables,
plotting, charts, present, compare) and ``site`` (the notebook executor, the
build, the rendering); ``cli`` is the command line.  Names are imported on
first use: importing lawstats loads none of pandas, matplotlib or nbconvert.
"""
from __future__ import annotations

import importlib
from typing import Any

#: public name -> the module that defines it
_EXPORTS = {
    "AnnotationError": "errors", "BuildError": "errors", "LawstatsError": "errors",
    "ParseError": "errors", "ReportError": "errors",
    "Report": "reading.report", "decode_report": "reading.report", "default_report_path": "reading.report",
    "load_report": "reading.report",
    "Heading": "reading.structure", "Structure": "reading.structure", "parse_structure": "reading.structure",
    "Quantity": "reading.quantity", "parse_quantity": "reading.quantity",
    "Mention": "reading.mentions", "find_mentions": "reading.mentions",
    "figures": "presentation.tables", "checks": "presentation.tables", "excluded": "presentation.tables", "interval_of": "presentation.tables",
    "load_tables": "extraction.dataset",
    "Interval": "arithmetic.interval", "difference": "arithmetic.interval", "total": "arithmetic.interval",
    "share": "arithmetic.rates", "percent": "arithmetic.rates", "ratio": "arithmetic.rates", "per_capita": "arithmetic.rates",
    "change": "arithmetic.rates", "relative_change": "arithmetic.rates",
    "check_percent": "arithmetic.rounding", "possible_denominators": "arithmetic.rounding",
    "smallest_denominator": "arithmetic.rounding",
    "setup_notebook": "presentation.plotting", "set_theme": "presentation.plotting",
    "show": "presentation.plotting", "label": "labels",
    "require": "presentation.drawing", "chart_or_note": "presentation.drawing",
    "draw_bounds": "presentation.drawing", "bounds_legend": "presentation.drawing",
    "value_text": "presentation.drawing", "number_text": "presentation.drawing",
    "percent_text": "presentation.drawing", "indicator_text": "presentation.drawing",
    "caption": "presentation.drawing", "PALETTE": "presentation.drawing",
    "require_rows": "presentation.drawing",
}

#: the general pages' own tables, notes and charts (keyed to no report): reachable at the top level so
#: notebooks need no module path (modules move between stages), but not part of the analyst's API
#: (``__all__``), which keeps one public way to each thing (``checks`` rather than ``load_audit``)
_PAGE_HELPERS = {
    "load_audit": "auditing.audit", "part_note": "presentation.present", "figure_table": "presentation.present",
    "derived_table": "presentation.present", "checks_table": "presentation.present",
    "section_label": "presentation.present", "set_display": "presentation.present",
    "report_summary": "presentation.present", "overview_note": "presentation.present",
    "structure_note": "presentation.present", "outline_table": "presentation.present",
    "table_or_note": "presentation.present", "figures_by_part": "presentation.present",
    "figures_note": "presentation.present", "mentions_table": "presentation.present",
    "audit_overview": "presentation.present", "inconsistencies_table": "presentation.present",
    "denominators_table": "presentation.present",
    "show_chart": "presentation.charts", "part_lengths_chart": "presentation.charts",
    "mentions_chart": "presentation.charts", "verdicts_chart": "presentation.charts",
    "denominators_chart": "presentation.charts",
    "compare_reports": "presentation.compare", "comparison_paths": "presentation.compare",
    "comparison_note": "presentation.compare", "comparison_table": "presentation.compare",
    "comparison_links": "presentation.compare",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def _module_of(name: str) -> str | None:
    """The module a lazily imported name comes from (``"lawstats.presentation.tables"``), or None.

    Examples
    --------
    >>> _module_of("figures"), _module_of("no_such_name")
    ('lawstats.presentation.tables', None)
    """
    module = _EXPORTS.get(name) or _PAGE_HELPERS.get(name)
    return f"{__name__}.{module}" if module is not None else None


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _module_of(name)
    if module is None:
        raise AttributeError(f"module 'lawstats' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | set(_PAGE_HELPERS))
