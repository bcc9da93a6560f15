"""Import-time work of a third-party module, put off until it is needed.

``jsonschema`` (which ``nbformat``, hence ``nbclient`` and ``nbconvert``, imports)
imports ``rfc3987_syntax`` when it is installed — JupyterLab's ``jupyter-events``
installs it, through ``jsonschema[format-nongpl]`` — to check the ``iri`` and
``iri-reference`` string formats.  ``rfc3987_syntax`` builds an Earley parser of
the RFC 3987 grammar when it is imported: about 2 CPU-seconds, in every
process that imports ``nbformat``, although no notebook schema uses those
formats.  :func:`defer_iri_grammar` makes that import cheap: the parser is
built the first time an IRI is checked, and the result of every check is
what ``rfc3987_syntax`` itself gives (``tests/test_render_pages.py``).
"""
from __future__ import annotations

import importlib.util
import sys
from typing import Any

__all__ = ["defer_iri_grammar"]

_NAME = "rfc3987_syntax"


def defer_iri_grammar() -> bool:
    """Make importing ``rfc3987_syntax`` cheap: build its grammar on first use, not at import.

    Puts the package in ``sys.modules`` without running its ``__init__``
    (which only re-exports ``rfc3987_syntax.syntax_helpers``); its functions
    and names load that module, and with it the parser, when first used.
    Does nothing when the package is not installed or already imported.

    Returns
    -------
    bool
        True when the import was deferred by this call.

    Examples
    --------
    >>> isinstance(defer_iri_grammar(), bool)
    True
    """
    if _NAME in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec(_NAME)
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    package = importlib.util.module_from_spec(spec)  # __path__ set: its submodules import as usual

    def helpers():
        # import_module, not `from rfc3987_syntax import ...`: that would ask __getattr__ below
        return importlib.import_module(f"{_NAME}.syntax_helpers")  # builds the parser, once

    def is_valid_syntax(term: str, value: str) -> bool:
        return helpers().is_valid_syntax(term, value)

    def parse(term: str, value: str) -> Any:
        return helpers().parse(term, value)

    def __getattr__(name: str) -> Any:  # every other name `from .syntax_helpers import *` gives
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(helpers(), name)

    package.is_valid_syntax = is_valid_syntax
    package.parse = parse
    package.__getattr__ = __getattr__
    sys.modules[_NAME] = package
    return True
