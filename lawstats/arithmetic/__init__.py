"""Exact arithmetic: intervals, rounding, rates."""
