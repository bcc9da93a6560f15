"""lawstats: figures, rates and audits from Chinese law-based-government reports.

The public API is re-exported here; each function lives in a module named for
its concept (``report``, ``structure``, ``quantity``, ``mentions``, ``rates``,
``audit``, ``plotting``, ``build``).
"""
from .errors import AnnotationError, BuildError, LawstatsError, ParseError, ReportError
from .report import Report, decode_report, default_report_path, load_report
from .structure import Heading, Structure, parse_structure

__all__ = [
    "AnnotationError", "BuildError", "LawstatsError", "ParseError", "ReportError",
    "Report", "decode_report", "default_report_path", "load_report",
    "Heading", "Structure", "parse_structure",
]
__version__ = "0.1.0"
