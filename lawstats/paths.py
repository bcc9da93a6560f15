"""Where lawstats finds its own files, in a checkout and when installed.

Everything lawstats ships is package data, found with :mod:`importlib.resources`
(so a non-editable install works from any folder):

* ``templates/`` — the site's templates, the words catalogue;
* the general notebooks (overview, figures, audit, comparison): ``notebooks/``
  beside the package in a checkout, installed as ``lawstats/_notebooks/``;
* the tables' schema ``data/datapackage.json``: in the checkout's ``data/``,
  installed as ``lawstats/_data/datapackage.json``;
* ``case_studies/<name>/`` — one folder per case study: the report it was
  written for, its annotations, its checks, its own notebooks
  (see :mod:`lawstats.extraction.casestudy`).

Only a checkout has the project's ``data/`` folder (the generated tables and
their schema) and ``requirements/lock.txt``; installed, :func:`data_dir` and
:func:`lock_file` return None and everything is computed from the report.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["package_dir", "templates_dir", "notebooks_dir", "case_studies_dir", "checkout_dir",
           "data_dir", "lock_file", "datapackage_file"]


def package_dir() -> Path:
    """The installed (or checked-out) ``lawstats`` package folder.

    Examples
    --------
    >>> (package_dir() / "__init__.py").is_file()
    True
    """
    return Path(str(files("lawstats"))).resolve()


def templates_dir() -> Path:
    """The templates of the site (nbconvert's ``lawstats`` template and ``site/``)."""
    return package_dir() / "templates"


def checkout_dir() -> Path | None:
    """The project's checkout when lawstats runs from one (editable install), else None.

    A checkout is recognised by ``pyproject.toml`` naming lawstats and a
    ``data/datapackage.json`` beside the package folder.
    """
    root = package_dir().parent
    pyproject = root / "pyproject.toml"
    if not (pyproject.is_file() and (root / "data" / "datapackage.json").is_file()):
        return None
    try:
        if 'name = "lawstats"' not in pyproject.read_text(encoding="utf-8"):
            return None
    except (OSError, UnicodeDecodeError):
        return None
    return root


def notebooks_dir() -> Path:
    """The general notebooks, built for every report.

    Examples
    --------
    >>> (notebooks_dir() / "00-overview.ipynb").is_file()
    True
    """
    installed = package_dir() / "_notebooks"
    if installed.is_dir():
        return installed
    root = checkout_dir()
    if root is not None and (root / "notebooks").is_dir():
        return root / "notebooks"
    return installed  # absent: the caller's error names it


def case_studies_dir() -> Path:
    """The folder holding one sub-folder per case study."""
    return package_dir() / "case_studies"


def data_dir() -> Path | None:
    """The checkout's ``data/`` folder (generated tables, schema), or None when installed."""
    root = checkout_dir()
    return root / "data" if root is not None else None


def lock_file() -> Path | None:
    """The checkout's ``requirements/lock.txt``, or None when installed."""
    root = checkout_dir()
    if root is None or not (root / "requirements" / "lock.txt").is_file():
        return None
    return root / "requirements" / "lock.txt"


def datapackage_file() -> Path | None:
    """The schema of the tables (``datapackage.json``), in a checkout or installed; None if absent.

    Examples
    --------
    >>> datapackage_file().name
    'datapackage.json'
    """
    root = data_dir()
    for candidate in ((root / "datapackage.json") if root is not None else None,
                      package_dir() / "_data" / "datapackage.json"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None
