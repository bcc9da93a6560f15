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


def _lock_pins(root) -> dict[str, str]:
    pins = {}
    for line in (root / "requirements/lock.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_norm(name)[0]] = version.strip()
    return pins


def _pythons(root) -> tuple[str, ...]:
    """The versions requirements/check_lock.py resolves the lock for (read, not imported)."""
    source = (root / "requirements/check_lock.py").read_text()
    return tuple(re.findall(r'"(3\.\d+\.\d+)"', source.split("VERSIONS = ", 1)[1].split("\n", 1)[0]))


def test_check_lock_names_the_pythons_the_readme_promises(root):
    # Debian 12's own Python (3.11.2, README: "Debian 12's own 3.11.2"), a newer 3.11, and 3.12.
    versions = _pythons(root)
    assert "3.11.2" in versions and any(v.startswith("3.12.") for v in versions)


def _excluded(pins, dists, versions) -> list[str]:
    """Pins whose declared Requires-Python leaves out one of ``versions``.

    ``dists`` are ``(name, version, requires_python)`` of installed distributions.
    """
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    problems = []
    for name, version, requires in dists:
        name = _norm(name)[0]
        if name not in pins:
            continue
        if Version(version) != Version(pins[name]):
            problems.append(f"{name} {version} is installed but the lock pins {pins[name]}: "
                            "run `make install`")
            continue
        spec = SpecifierSet(requires or "")
        problems += [f"{name}=={version} requires Python {spec}, which excludes {v}"
                     for v in versions if Version(v) not in spec]
    return problems


def test_installed_pins_admit_every_named_python(root):
    """Offline guard: each locked release's own Requires-Python admits every named version.

    The installed distributions are the locked ones (the install uses the lock as
    constraints), so their metadata is the pins' metadata. The full resolution, wheels
    and yanked releases included, needs the index: ``make check-lock``.
    """
    from importlib import metadata

    dists = [(d.metadata["Name"], d.version, d.metadata.get("Requires-Python"))
             for d in metadata.distributions()]
    assert not _excluded(_lock_pins(root), dists, _pythons(root))


def test_offline_guard_has_teeth():
    # The pin that broke Debian 12's install: soupsieve 4.1.3 declares
    # Requires-Python >=3.11.5 (its PyPI metadata), which leaves out 3.11.2.
    problems = _excluded({"soupsieve": "4.1.3"}, [("soupsieve", "4.1.3", ">=3.11.5")],
                         ("3.11.2", "3.12.3"))
    assert problems == ["soupsieve==4.1.3 requires Python >=3.11.5, which excludes 3.11.2"]
    assert _excluded({"soupsieve": "2.10"}, [("soupsieve", "4.1.3", ">=3.11.5")], ("3.11.2",))
