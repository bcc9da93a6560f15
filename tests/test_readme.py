"""The README's Python examples run as written, and its commands exist."""
from __future__ import annotations

import doctest
import re


def test_readme_examples_run(root):
    result = doctest.testfile(str(root / "README.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_readme_commands_exist(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", readme, flags=re.M):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"make {target} is not in the Makefile"
    from lawstats.cli import build_parser

    commands = set(build_parser()._subparsers._group_actions[0].choices)
    for command in re.findall(r"lawstats (\w+)", readme):
        if command in ("build", "audit", "extract", "data"):
            assert command in commands
    ci = (root / ".ci/run").read_text()
    assert "make test" in ci  # CI runs exactly the README's test command


def test_readme_numbers_match_the_data(root):
    """Numbers typed in the README must agree with the generated data (no drifting summaries)."""
    import pandas as pd

    readme = (root / "README.md").read_text(encoding="utf-8")
    m = re.search(r"([\d,]+) characters,\s+(\d+) figures, (\d+) checks", readme)
    assert m, "the README's summary sentence changed: update this test"
    figures = pd.read_csv(root / "data/figures.csv", dtype=str, keep_default_na=False)
    audit = pd.read_csv(root / "data/audit.csv", dtype=str, keep_default_na=False)
    text = (root / "data/raw/luzhai-2021.txt").read_text(encoding="utf-8")
    assert int(m.group(1).replace(",", "")) == len(text)
    assert int(m.group(2)) == len(figures)
    assert int(m.group(3)) == len(audit)
