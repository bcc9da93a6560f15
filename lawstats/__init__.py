"""lawstats: figures, rates and audits from Chinese law-based-government reports.

The public API is re-exported here; each function lives in a module named for
its concept: ``report`` and ``structure`` (loading a report), ``numerals``,
``quantity`` and ``mentions`` (finding and parsing figures), ``annotate`` and
``dataset`` (the tidy tables), ``interval``, ``rates`` and ``rounding`` (exact
arithmetic), ``audit``, ``indicators`` and ``compare``, ``present``, ``charts``
and ``plotting`` (notebooks), ``build`` and ``site`` (the HTML site),
``extract`` and ``cli`` (the command line).  Importing lawstats loads none of
pandas, matplotlib or nbconvert.
"""
from .audit import audit_summary, load_audit, run_audit
from .dataset import load_tables, read_excluded, read_figures
from .errors import AnnotationError, BuildError, LawstatsError, ParseError, ReportError
from .interval import Interval
from .mentions import Mention, find_mentions
from .quantity import Quantity, parse_quantity
from .rates import change, per_capita, percent, ratio, relative_change, share
from .report import Report, decode_report, default_report_path, load_report
from .rounding import check_percent, possible_denominators, smallest_denominator
from .structure import Heading, Structure, parse_structure

__all__ = [
    "AnnotationError", "BuildError", "LawstatsError", "ParseError", "ReportError",
    "Report", "decode_report", "default_report_path", "load_report",
    "Heading", "Structure", "parse_structure",
    "Quantity", "parse_quantity", "Mention", "find_mentions",
    "load_tables", "read_figures", "read_excluded",
    "Interval", "share", "percent", "ratio", "per_capita", "change", "relative_change",
    "check_percent", "possible_denominators", "smallest_denominator",
    "run_audit", "load_audit", "audit_summary",
]
__version__ = "0.1.0"
