"""The package's folders follow the stages of the flow, and imports point one way (DESIGN.md).

reading → arithmetic → extraction → auditing → presentation → site → cli: a module may import
modules of its own stage or of an earlier one, and the bottom of the package (errors, the
catalogue of words, paths, outputs, CSV safety), never a later stage; and no two modules import
each other, directly or through others. Imports inside functions count too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lawstats"
STAGES = ["reading", "arithmetic", "extraction", "auditing", "presentation", "site"]
BOTTOM = {"errors", "labels", "paths", "outputs", "csvsafe", "__init__"}
TOP = {"cli", "__main__"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _stage(module: str) -> int:
    """0 bottom, 1… the stages, len+1 the command line; case studies are data beside the site."""
    parts = module.split(".")
    if len(parts) == 2 and parts[1] in BOTTOM or module == "lawstats":
        return 0
    if len(parts) == 2 and parts[1] in TOP:
        return len(STAGES) + 1
    if parts[1] in STAGES:
        return STAGES.index(parts[1]) + 1
    if parts[1] == "case_studies":
        return len(STAGES)
    raise AssertionError(f"{module} is in no stage: put it in one of {STAGES} or the bottom")


def _imports(path: Path) -> set[str]:
    """The lawstats modules ``path`` imports (at the top or inside functions)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and getattr(block.test, "id", None) == "TYPE_CHECKING"
                   for stmt in block.body for n in ast.walk(stmt)}  # annotations only, never run
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if base.startswith("lawstats"):
                for alias in node.names:  # `from lawstats.x import y`: y may be a module
                    candidate = f"{base}.{alias.name}"
                    found.add(candidate if _exists(candidate) else base)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("lawstats")}
    return {m for m in found if _exists(m) and m != module}


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (PACKAGE.parent / rel.with_suffix(".py")).is_file() or (PACKAGE.parent / rel / "__init__.py").is_file()


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_stage():
    flat = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in BOTTOM | TOP)
    assert not flat, f"modules outside the stages: {flat}"
    for module in _graph():
        _stage(module)


def test_imports_point_to_earlier_stages():
    wrong = [f"{m} imports {t}" for m, targets in _graph().items() for t in sorted(targets)
             if not t.startswith("lawstats.case_studies") and _stage(t) > _stage(m)
             and not (m == "lawstats" or m.endswith(".__init__"))]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles():
    graph = {m: {t for t in targets if not t.endswith("__init__") and t != "lawstats"}
             for m, targets in _graph().items() if not m.endswith("__init__") and m != "lawstats"}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(stack[stack.index(nxt):] + [nxt]) if nxt in stack else nxt)
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_the_checks_have_teeth(tmp_path, monkeypatch):
    """A reading module that imports the site, or two modules that import each other, are caught."""
    import sys

    fake = tmp_path / "lawstats"
    for rel, source in {"__init__.py": "", "reading/__init__.py": "", "site/__init__.py": "",
                        "reading/a.py": "def f():\n    from lawstats.site import b\n",
                        "site/b.py": "from lawstats.reading import a\n"}.items():
        (fake / rel).parent.mkdir(parents=True, exist_ok=True)
        (fake / rel).write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    with pytest.raises(AssertionError, match="lawstats.reading.a imports lawstats.site.b"):
        test_imports_point_to_earlier_stages()
    with pytest.raises(AssertionError, match="lawstats.reading.a → lawstats.site.b → lawstats.reading.a"):
        test_no_import_cycles()


def test_every_stage_ships():
    """The explicit package list of pyproject.toml names every folder of the package."""
    import tomllib

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {_module_name(p.parent / "x.py").rpartition(".")[0] for p in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, f"not shipped: {sorted(folders - listed)}"
