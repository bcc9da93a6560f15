"""Check that the lock installs on every Python the README names.

For each target Python version, ask pip to resolve ``requirements/lock.txt`` as
wheels for that version (``pip install --dry-run --only-binary=:all:
--python-version X``) and read pip's JSON report.  A pin fails when pip cannot
resolve it for a version (its ``Requires-Python`` excludes it, or no wheel
exists) or when the pinned release is yanked (pip only warns about those).

Usage::

    python requirements/check_lock.py                 # the versions below
    python requirements/check_lock.py 3.11.2 3.13.1   # others

Exit status 0 when every version resolves, 1 otherwise.  It needs the
package index (PyPI), so it runs in ``make check-lock`` and after
``make lock``, not in the offline unit tests; ``tests/test_environment.py``
keeps an offline guard on ``Requires-Python`` of the installed pins.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

#: Debian 12's own Python, the newest 3.11 and Ubuntu 24.04's 3.12.
VERSIONS = ("3.11.2", "3.11.14", "3.12.3")
LOCK = Path(__file__).with_name("lock.txt")


def check(version: str, lock: Path = LOCK) -> list[str]:
    """Resolve ``lock`` for ``version``; return the problems found (empty: fine)."""
    with tempfile.TemporaryDirectory(prefix="lawstats-lock-") as tmp:
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
               "--quiet", "--disable-pip-version-check", "--only-binary=:all:",
               "--python-version", version, "--target", str(Path(tmp) / "target"),
               "--report", str(report), "-r", str(lock)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
            return errors or [f"pip exited {run.returncode}"]
        installed = json.loads(report.read_text(encoding="utf-8"))["install"]
        if not installed:
            return ["pip resolved nothing"]
        # pip reports a yanked pin only as a warning on stderr.
        return [line.split("yanked version: ", 1)[1].split(" (", 1)[0] + " is yanked"
                for line in run.stderr.splitlines() if "yanked version: " in line]


def main(argv: list[str]) -> int:
    versions = argv or list(VERSIONS)
    with ThreadPoolExecutor(len(versions)) as pool:
        results = list(pool.map(check, versions))
    failed = False
    for version, problems in zip(versions, results):
        print(f"Python {version}: " + ("ok" if not problems else "FAILS"))
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
