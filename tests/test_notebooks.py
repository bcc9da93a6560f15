"""The notebooks: stored clean, run top to bottom in both languages and for other reports,
with no error or warning in their outputs, and together they show every figure of the report.

The general notebooks (``notebooks/``) run for any report; the Luzhai case study's own
notebooks (``lawstats/case_studies/luzhai_2021/notebooks/``) for our report.

Executing a notebook takes seconds, so every (notebook, language, report) runs once per test
session, in the site build the site tests use too: the ``executed`` fixture reads the executed
copies from that build's cache, so the notebooks tested are the notebooks built.
"""
from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from lawstats.labels import label
from lawstats.extraction.casestudy import case_study
from lawstats.site.notebooks import NOTEBOOKS_DIR, execute_notebook, notebook_paths, report_notebooks

ROOT = NOTEBOOKS_DIR.parent
NOTEBOOKS = report_notebooks()
IDS = [p.stem for p in NOTEBOOKS]
GENERAL = notebook_paths()
LANGUAGES = ("zh", "en")
#: Another report (made up: tests/corpus/README.md); absolute, since notebooks run in their folders.
OTHER_REPORT = str(ROOT / "tests" / "corpus" / "nanhu-2021.txt")
#: Reports composed from the field guide (tests/reports/README.md): chrome, no title, one part, damage.
COMPOSED = sorted((ROOT / "tests" / "reports").glob("*.txt"))
#: The case study's notebooks with one part of the report each (01-… to 08-…).
PART_NOTEBOOKS = case_study("luzhai-2021").notebook_paths()


def _on_its_build(value, build: str):
    """A parameter whose tests read the site build ``build``: under ``make test`` (``--dist loadgroup``)
    they run on the worker that builds it (conftest.py), never waiting for the other worker's build."""
    return pytest.param(value, marks=pytest.mark.xdist_group(f"site-{build}"))


#: The languages, each marking its tests with the build of our report in that language.
BUILT_LANGUAGES = [_on_its_build(language, language) for language in LANGUAGES]


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _code(path) -> list[tuple[str, str, list[str]]]:
    return [(c["id"], "".join(c["source"]), c.get("metadata", {}).get("tags", []))
            for c in _cells(path) if c["cell_type"] == "code"]


@pytest.fixture(scope="session")
def executed(site_build):
    """``executed(path, language, report=None)``: the executed notebook, as the site build ran it.

    Every (language, report) is one site build per session (conftest.py's
    ``site_build``, shared with test_site.py): the notebooks are executed once,
    by the build's own executor, and read back from its cache.
    """

    def run(path, language: str, report: str | None = None):
        file = None if report is None else (NOTEBOOKS_DIR / report).resolve()
        return site_build(language, file).executed(path.name)

    return run


def _outputs_text(nb, kinds=("text/html", "text/plain", "text/markdown")) -> str:
    """Everything a reader sees as text in an executed notebook's outputs."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts += [data[k] for k in kinds if k in data]
            if out.get("output_type") == "stream":
                parts.append(out["text"])
    return "\n".join(parts)


def _assert_clean(nb, name: str) -> None:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", (name, cell.id, out.get("evalue"))
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", f"{name} cell {cell.id} wrote to stderr: {out['text'][:300]}"


# -- stored notebooks ---------------------------------------------------------------------------
def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00-overview.ipynb", "01-figures.ipynb"]
    assert len(PART_NOTEBOOKS) == 8 and set(PART_NOTEBOOKS) < set(NOTEBOOKS)
    assert names[-2:] == ["09-audit.ipynb", "10-comparison.ipynb"]
    assert [p.name for p in GENERAL] == ["00-overview.ipynb", "01-figures.ipynb", "09-audit.ipynb",
                                         "10-comparison.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_are_stored_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "a notebook needs exactly one cell tagged 'parameters'"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            tree = ast.parse("".join(cell["source"]), f"{path.name} cell {cell['id']}")
            defined = [type(n).__name__ for n in ast.walk(tree)
                       if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))]
            assert not defined, f"{path.name} cell {cell['id']}: notebooks define no functions ({defined}); " \
                "put what they share in lawstats"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_are_good_citizens(path):
    cells = _cells(path)
    ids = [c["id"] for c in cells]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids), ids
    code = _code(path)
    params = [src for _, src, tags in code if "parameters" in tags][0]
    assert re.search(r"^report = None$", params, re.M) and re.search(r'^language = "zh"$', params, re.M)
    setup = [(cid, src) for cid, src, tags in code if "import" in src]
    assert setup and all("hide-input" in tags for cid, src, tags in code if "import" in src), setup
    for cid, src, tags in code:
        # notebooks use lawstats through its top-level names: modules move between subpackages
        imported = [n.module if isinstance(n, ast.ImportFrom) else a.name for n in ast.walk(ast.parse(src))
                    if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names]
        assert not [m for m in imported if m and m.startswith("lawstats.")], \
            f"{path.name} cell {cid}: import lawstats and use its top-level names, not {imported}"


#: Numbers a notebook may type although a figure of our report has the same value.
#: 0 and 1 are structure (an origin, the first row, a slice ``[1:]``, ``[::-1]``); a figure whose value is 0 or 1
#: typed into a notebook would therefore not be caught (data/figures.csv has such figures: ``1次``, ``1:1``).
#: Any other number is allowed only as an argument of a keyword that is about layout, never data.
STRUCTURAL_NUMBERS = {0, 1}
LAYOUT_KEYWORDS = {"figsize", "fontsize", "padding", "pad", "linewidth", "alpha", "bbox_to_anchor", "ncol",
                   "aspect", "height", "width", "rotation", "labelsize", "markersize", "linespacing", "col_wrap",
                   "size", "shrink", "title_fontsize"}


def _figure_values() -> tuple[set[float], set[str], set[str]]:
    """Our report's figures as data/figures.csv states them: their numbers, their raw text and quotes,
    and each number as written (``value``/``lower``/``upper`` cells and the digits of ``raw``)."""
    numbers, texts, written = set(), set(), set()
    with open(NOTEBOOKS_DIR.parent / "data" / "figures.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            texts |= {row["raw"], row["quote"]} - {""}
            for cell in [row["value"], row["lower"], row["upper"]] + re.findall(r"\d+(?:\.\d+)?", row["raw"]):
                if cell:
                    numbers.add(float(cell))
                    written.add(cell)
    return numbers, texts, written


def _literals(tree):
    """(number or string literal, the keyword it is an argument of or None) for every literal of a cell."""
    keyword_of = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword):
            for inner in ast.walk(node.value):
                keyword_of[id(inner)] = node.arg
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, complex, str)) \
                and not isinstance(node.value, bool):
            yield node.value, keyword_of.get(id(node))


def test_the_literal_check_finds_typed_in_figures():
    """The check below on made-up cells: it must fail on a typed-in figure of data/figures.csv."""
    numbers, texts, written = _figure_values()
    value = sorted(n for n in numbers if n not in STRUCTURAL_NUMBERS and n > 100)[0]   # some figure's value
    raw = sorted(texts, key=len)[len(texts) // 2]
    for cell in (f"share = count / {value!r}", f"ax.text({value!r}, 2, 'x')", f"label = {raw!r}",
                 f"note = 'about {int(value) if value.is_integer() else value} of them'"):
        assert _typed_figures(ast.parse(cell), numbers, texts, written), cell
    for cell in ("fig, ax = plt.subplots(figsize=(8, 3))", "rows[1:]", "x = 0", "t = 'a title'"):
        assert not _typed_figures(ast.parse(cell), numbers, texts, written), cell


def _typed_figures(tree, numbers, texts, written) -> list:
    found = []
    for literal, keyword in _literals(tree):
        if isinstance(literal, str):
            digits = set(re.findall(r"\d+(?:\.\d+)?", literal)) - {str(n) for n in STRUCTURAL_NUMBERS}
            if any(t in literal for t in texts) or digits & written:
                found.append(literal)
        elif literal not in STRUCTURAL_NUMBERS and keyword not in LAYOUT_KEYWORDS and literal in numbers:
            found.append(literal)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebooks_type_no_figure(path):
    """Computed, never typed: no value of the figures table (a number, its raw text or quote, a number as
    written) is a literal in a notebook's code; number and string literals found with ``ast``."""
    numbers, texts, written = _figure_values()
    for cid, src, _ in _code(path):
        found = _typed_figures(ast.parse(src), numbers, texts, written)
        assert not found, f"{path.name} cell {cid} types figures of the report: {found}"


@pytest.mark.parametrize("path", PART_NOTEBOOKS, ids=[p.stem for p in PART_NOTEBOOKS])
def test_part_notebooks_introduce_their_part_in_both_languages(path):
    first = "".join(_cells(path)[0]["source"])
    assert len(re.findall(r"[\u4e00-\u9fff]", first)) > 50, "a Chinese introduction"
    assert re.search(r"^\*[A-Z][^*]{80,}\*$", first, re.M | re.S), "an English introduction in italics"


# -- executed notebooks ----------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("language", BUILT_LANGUAGES)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_clean(path, language, executed):
    _assert_clean(executed(path, language), path.name)


@pytest.mark.slow
@pytest.mark.parametrize("language", BUILT_LANGUAGES)
def test_every_figure_is_shown(language, executed):
    """Every row of data/figures.csv appears, by its id, in the output of some notebook."""
    with open(NOTEBOOKS_DIR.parent / "data" / "figures.csv", encoding="utf-8", newline="") as f:
        expected = [row["id"] for row in csv.DictReader(f)]
    assert len(expected) > 50
    text = "\n".join(_outputs_text(executed(p, language)) for p in NOTEBOOKS)
    missing = [i for i in expected if not re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    assert not missing, f"figures shown by no notebook ({language}): {missing}"


#: What only the Luzhai case study knows: its figure ids, its English labels, its check ids, its name.
def _luzhai_words() -> set[str]:
    import yaml

    study = case_study("luzhai-2021")
    notes = yaml.safe_load(study.annotations.read_text(encoding="utf-8"))["figures"]
    checks = yaml.safe_load(study.checks.read_text(encoding="utf-8"))["checks"]
    from lawstats.extraction.indicators import INDICATORS

    # an English label that is also a standard indicator's name (lawstats.extraction.indicators) is general
    standard = {ind.name_en for ind in INDICATORS}
    return ({n["id"] for n in notes} | ({n["indicator_en"] for n in notes} - standard)
            | {c["id"] for c in checks} | {"鹿寨", "Luzhai", "luzhai"})


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("report", [_on_its_build(r, Path(r).stem) for r in [OTHER_REPORT] + [str(p) for p in COMPOSED]],
                         ids=["nanhu-2021"] + [p.stem for p in COMPOSED])
@pytest.mark.parametrize("path", GENERAL, ids=[p.stem for p in GENERAL])
def test_general_notebook_runs_for_another_report(path, report, language, executed):
    nb = executed(path, language, report)
    _assert_clean(nb, path.name)
    text = _outputs_text(nb)
    found = [w for w in _luzhai_words() if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    assert not found, f"{path.name} for {report} shows what was written for Luzhai: {found[:10]}"


@pytest.mark.slow
@pytest.mark.xdist_group("site-en")
def test_comparison_with_only_our_report_says_so(executed):
    nb = executed(NOTEBOOKS_DIR / "10-comparison.ipynb", "en")
    text = _outputs_text(nb)
    assert "only one report" in text
    assert 'href="report.html#mediation-success-rate"' in text


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_comparison_of_several_reports(language):
    reports = ["../data/raw/luzhai-2021.txt", "../tests/corpus/jinshui-2022.txt",
               "../tests/corpus/xishui-2022.txt"]
    nb = execute_notebook(NOTEBOOKS_DIR / "10-comparison.ipynb", {"language": language, "reports": reports})
    _assert_clean(nb, "10-comparison.ipynb")
    text = _outputs_text(nb)
    for name in ("luzhai-2021", "jinshui-2022", "xishui-2022"):
        assert name in text
    # values from the composed reports' expected figures (tests/corpus/*.expected.csv)
    assert "98.2%" in text and "68.5万元" in text
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 1  # the chart of the indicators stated by two or more reports
