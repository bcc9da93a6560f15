"""environment.yml and pyproject.toml name the same dependencies; the lock pins them all."""
from __future__ import annotations

import re
import tomllib

import yaml

_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _norm(req: str) -> tuple[str, str]:
    name, spec = _REQ.match(req).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def _pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + [r for group in project["optional-dependencies"].values()
                                      for r in group]
    return dict(_norm(r) for r in reqs)


def _conda(root):
    env = yaml.safe_load((root / "environment.yml").read_text())
    reqs = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            reqs += [d for d in dep["pip"] if not d.startswith("-e")]
        elif not re.match(r"^(python|pip)\b", dep):
            reqs.append(dep)
    return dict(_norm(r) for r in reqs)


def test_environment_yml_matches_pyproject(root):
    assert _conda(root) == _pyproject(root)


def test_lock_pins_every_dependency(root):
    lock = {}
    for line in (root / "requirements/lock.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[_norm(name)[0]] = version
    missing = sorted(set(_pyproject(root)) - set(lock))
    assert not missing, f"requirements/lock.txt does not pin {missing}: run `make lock`"
