"""The audit: relations found in sentences (``relations``), declared checks and verdicts
(``audit``), in exact arithmetic."""
