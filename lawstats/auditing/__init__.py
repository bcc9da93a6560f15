"""The audit: relations found in sentences, declared checks, verdicts."""
