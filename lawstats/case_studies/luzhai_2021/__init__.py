"""The Luzhai 2021 case study: its report, annotations, checks and notebooks (data, no code: its charts are drawn in its notebooks)."""

__all__: list[str] = []
