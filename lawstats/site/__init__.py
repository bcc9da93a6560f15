"""The site: the one notebook executor (``notebooks``, with warm kernels from ``kernels``), the
build (``build``) and the rendering of pages (``render``).

Every module here imports nbformat (through nbclient or nbconvert) sooner or later, and
nbformat's jsonschema imports ``rfc3987_syntax``, which builds a parser at import time
(about 2 CPU-seconds); importing this package defers that parser to its first use
(:func:`lawstats.site.deferred.defer_iri_grammar`, a cheap call).
"""
from lawstats.site.deferred import defer_iri_grammar as _defer_iri_grammar

_defer_iri_grammar()
