"""The Luzhai 2021 case study: its report, annotations, checks, notebooks and charts."""

__all__: list[str] = []
