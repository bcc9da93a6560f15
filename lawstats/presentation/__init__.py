"""Presentation: the analyst's tables, theme and fonts, generic charts, prose and tables for pages, comparison across reports."""
