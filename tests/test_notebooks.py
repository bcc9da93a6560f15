"""Every notebook runs top to bottom, in both languages, with no error or warning in its outputs."""
from __future__ import annotations

import json

import pytest

from lawstats.notebooks import execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][0] == "00-overview.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_are_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "a notebook needs exactly one cell tagged 'parameters'"
    assert "def " not in "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"), \
        "notebooks define no functions: put shared code in lawstats"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_clean(path, language):
    nb = execute_notebook(path, {"language": language})
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", (cell.id, out.get("evalue"))
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", f"{path.name} cell {cell.id} wrote to stderr: {out['text'][:300]}"
