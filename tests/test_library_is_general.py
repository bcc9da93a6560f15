"""The engine knows no particular report: no figure id of a case study appears in the library.

A case study (``lawstats/case_studies/<name>/``) is data and notebooks: its charts, prose and
tables for its own figures live in its notebooks, not in ``lawstats/**/*.py`` or the templates.
The ids are taken from every case study's ``annotations.yaml``, so the test fails as soon as
one of them is written back into the library (in code, a docstring or a template).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import lawstats

PACKAGE = Path(lawstats.__file__).resolve().parent
STUDIES = PACKAGE / "case_studies"
#: The library's own text files: its modules, templates and data tables; not the case studies.
SUFFIXES = {".py", ".j2", ".html", ".css", ".js", ".json", ".tsv", ".yaml", ".txt", ".md"}


def _case_study_ids() -> set[str]:
    ids = set()
    for annotations in STUDIES.glob("*/annotations.yaml"):
        ids |= {entry["id"] for entry in yaml.safe_load(annotations.read_text(encoding="utf-8"))["figures"]}
    return ids


def _library_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in SUFFIXES
                  and STUDIES not in p.parents and "__pycache__" not in p.parts)


def _ids_in(text: str, ids: set[str]) -> list[str]:
    """The ids written in ``text`` as whole ids (``rate-x`` does not contain the id ``x``)."""
    words = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text))
    return sorted(words & ids)


def test_there_are_ids_and_files_to_check():
    ids = _case_study_ids()
    assert len(ids) > 50, "the Luzhai case study annotates every figure of its report"
    files = _library_files()
    names = {p.relative_to(PACKAGE).as_posix() for p in files}
    assert {"presentation/charts.py", "presentation/present.py", "presentation/tables.py", "labels.py",
            "templates/site/base.html.j2"} <= names


def test_the_check_finds_an_id_put_back():
    ids = _case_study_ids()
    some = sorted(ids)[0]
    assert _ids_in(f'    ids = ["{some}"]\n', ids) == [some]
    assert _ids_in(f">>> f.loc['{some}']", ids) == [some]
    assert _ids_in(f"rate-{some}-x and x{some}", ids) == []


@pytest.mark.parametrize("path", _library_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_library_names_no_figure_of_a_case_study(path):
    found = _ids_in(path.read_text(encoding="utf-8"), _case_study_ids())
    assert not found, (f"{path.relative_to(PACKAGE)} names figures of a case study: {found}; "
                       "a report's own charts and prose belong in its case study's notebooks")
