"""The package: importing it is cheap, and every public module declares what it exports."""
from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import lawstats


def test_import_loads_no_heavy_library():
    code = ("import sys, lawstats; heavy = [m for m in ('pandas', 'matplotlib', 'nbconvert', 'nbclient',"
            " 'seaborn', 'yaml') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import lawstats loads {out.stdout.strip()}"


def test_public_modules_declare_all():
    modules = [info for info in pkgutil.walk_packages(lawstats.__path__, "lawstats.")
               if not info.ispkg and not any(part.startswith("_") for part in info.name.split("."))
               and ".case_studies." not in info.name and info.name != "lawstats.cli"]  # cli: a command
    assert len(modules) > 20
    for info in modules:
        module = importlib.import_module(info.name)
        assert hasattr(module, "__all__"), f"{info.name} has no __all__"
        for name in module.__all__:
            assert hasattr(module, name), f"{info.name}.__all__ names {name!r}, which is missing"


def test_top_level_reexports_exist():
    for name in lawstats.__all__:
        assert getattr(lawstats, name) is not None


def test_top_level_names_load_lazily():
    """`import lawstats` imports no submodule with pandas; a public name imports its module on first use."""
    code = ("import sys, lawstats; before = 'lawstats.presentation.tables' in sys.modules; "
            "f = lawstats.figures; print(before, 'lawstats.presentation.tables' in sys.modules, "
            "f is __import__('lawstats.presentation.tables').presentation.tables.figures, 'figures' in dir(lawstats))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True", "True"]


def test_unknown_top_level_name_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'read_figures'"):
        lawstats.read_figures  # noqa: B018 - one public way: lawstats.figures
