"""Case studies: one folder per report with what a person wrote for it (see README.md)."""

__all__: list[str] = []
