"""Find the notebooks of a report's site and execute one with parameters (papermill convention).

A report's site is made of the **general notebooks** (:func:`lawstats.paths.notebooks_dir`:
overview, figures, audit, comparison), built for any report, and the own
notebooks of the case study that applies to the report as a whole, if any
(:mod:`lawstats.casestudy`).  Pages are ordered by file name, ``NN-name``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .paths import notebooks_dir

__all__ = ["NOTEBOOKS_DIR", "notebook_paths", "report_notebooks", "inject_parameters", "execute_notebook"]

#: The general notebooks (``notebooks/`` in a checkout, package data when installed).
NOTEBOOKS_DIR = notebooks_dir()


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to build, ``NN-name.ipynb``, in order.

    Examples
    --------
    >>> notebook_paths()[0].name
    '00-overview.ipynb'
    """
    folder = Path(folder) if folder is not None else NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def report_notebooks(report=None) -> list[Path]:
    """The notebooks of a report's site: the general ones and its case study's, by name.

    ``report`` is a path, a :class:`~lawstats.report.Report` or None (ours).

    Raises
    ------
    BuildError
        If two notebooks would make pages of the same name.

    Examples
    --------
    >>> [p.name[:2] for p in report_notebooks()]
    ['00', '01', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10']
    """
    from .casestudy import case_study_for
    from .errors import BuildError

    paths = notebook_paths()
    applied = case_study_for(report)
    if applied is not None:
        paths += applied.study.notebook_paths()
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise BuildError(f"two notebooks make the page {path.stem}.html: {seen[path.stem]} and {path}")
        seen[path.stem] = path
    return sorted(paths, key=lambda p: p.name)


def inject_parameters(nb, parameters: dict[str, Any]):
    """Return a copy of ``nb`` with a cell setting ``parameters`` after the ``parameters`` cell.

    The new cell is tagged ``injected-parameters`` (as papermill does); values
    are written with ``repr`` so strings, numbers, lists and None round-trip.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("language = 'zh'")])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> out = inject_parameters(nb, {"language": "en"})
    >>> out.cells[1].source
    "# injected parameters\\nlanguage = 'en'"
    """
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    if not parameters:
        return nb
    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), -1)
    source = "# injected parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in sorted(parameters.items()))
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    nb.cells.insert(index + 1, cell)
    return nb


def execute_notebook(path: str | Path, parameters: dict[str, Any] | None = None, timeout: int = 600):
    """Execute a notebook top to bottom in its folder and return the executed copy.

    Parameters
    ----------
    path : str or Path
        The notebook.
    parameters : dict, optional
        Values injected after the cell tagged ``parameters``.
    timeout : int
        Seconds a cell may run.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell fails; the message names the cell and the error.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = inject_parameters(nbformat.read(path, as_version=4), parameters or {})
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb
