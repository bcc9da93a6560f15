"""Presentation: the analyst's tables (``tables``), theme, fonts and kernel setup (``plotting``,
``fonts``), generic charts (``charts``), generic helpers for charts drawn in notebooks
(``drawing``), tables and prose for pages (``present``) and comparison across reports
(``compare``)."""
