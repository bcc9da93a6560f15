"""Exact arithmetic: intervals (``interval``), rounding as auditors use it (``rounding``) and rates
(``rates``)."""
