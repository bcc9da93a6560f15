"""Interrupting ``lawstats build``: Ctrl-C at any moment, or the process killed.

Each test runs the build as a command in a process group of its own (a terminal's
Ctrl-C goes to the foreground process group, so the test sends SIGINT to the
group), with ``TMPDIR`` and ``JUPYTER_RUNTIME_DIR`` inside the test's folder, on
a small project (test_build.py's) whose second notebook announces that it is
running (a file) and then waits, so that "mid-execution" is a known moment.

After the interrupt: exit status 130, one line on stderr, every process the
build started has ended, no kernel connection file is left, and the site of the
previous build is as it was.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]



def _slow_notebook() -> str:
    from test_build import PARAMETERS, _notebook

    return _notebook([
        ("md", "# Slow page", None),
        PARAMETERS,
        ("code", "import pathlib\nimport time\npathlib.Path('running').write_text('yes')", None),
        ("code", "time.sleep(120)", None),
    ])


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """test_build's project, built once per module: the previous site."""
    from test_build import _make_project

    base = tmp_path_factory.mktemp("interrupt")
    root = _make_project(base / "project")
    done = subprocess.run(_command(), cwd=root, env=_env(base), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def project(built_project, tmp_path):
    """A private copy of the built project (site and cache), given a slow notebook."""
    import shutil

    root = tmp_path / "project"
    shutil.copytree(built_project, root)
    (root / "notebooks" / "03-slow.ipynb").write_text(_slow_notebook())
    return root


def _env(tmp_path: Path) -> dict[str, str]:
    tmp, runtime = tmp_path / "tmp", tmp_path / "runtime"
    tmp.mkdir(exist_ok=True)
    runtime.mkdir(exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    return {**os.environ, "TMPDIR": str(tmp), "JUPYTER_RUNTIME_DIR": str(runtime),
            "PYTHONPATH": str(root)}


def _command() -> list[str]:
    return [sys.executable, "-m", "lawstats", "build", "--report", "report.txt", "--notebooks", "notebooks",
            "--cache-dir", "cache",
            "--jobs", "2", "--quiet"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _kernel_files(tmp_path: Path) -> list[Path]:
    found = []
    for folder in (tmp_path / "tmp", tmp_path / "runtime"):
        found += [p for p in folder.rglob("*") if p.name.startswith("kernel-") or p.suffix == ".json"
                  or p.name.startswith("lawstats-kernels-")]
    return found


def _default_sigint() -> None:
    # As in a terminal: SIGINT at its default.  A process started with SIGINT ignored (as
    # pytest-xdist's workers are, and whatever they start) keeps ignoring it, as nohup wants.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def started_builds():
    """Builds started by a test; killed (their whole process group) if the test left them running."""
    processes: list[subprocess.Popen] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                pass
            process.wait()


def _start(project: Path, tmp_path: Path, started_builds: list) -> subprocess.Popen:
    process = subprocess.Popen(_command(), cwd=project, env=_env(tmp_path), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_default_sigint)
    started_builds.append(process)
    return process


def _after(process: subprocess.Popen, started: list[psutil.Process], project: Path, before: dict,
           tmp_path: Path, expect_code: int | None = 130) -> str:
    out, err = process.communicate(timeout=60)
    if expect_code is not None:
        assert process.returncode == expect_code, err
    gone, alive = psutil.wait_procs(started, timeout=15)
    assert alive == [], f"still running after the build ended: {[p.cmdline()[:3] for p in alive]}"
    _wait_for(lambda: not _kernel_files(tmp_path), 10, f"kernel files to go: {_kernel_files(tmp_path)}")
    assert _snapshot(project / "site") == before, "the previous site changed"
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "a half-built site was left"
    return err


def test_ctrl_c_while_kernels_start_exits_130_with_one_line(project, tmp_path, started_builds):
    """Early: the warm process that forks the kernels has just been started (it is importing)."""
    before = _snapshot(project / "site")
    process = _start(project, tmp_path, started_builds)
    _wait_for(lambda: _descendants(process.pid) or process.poll() is not None, 120, "the kernel zygote")
    started = _descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    err = _after(process, started, project, before, tmp_path)
    assert err.splitlines() == ["lawstats build: interrupted"], err


@pytest.mark.parametrize("delay", [1.0, 2.5])
def test_ctrl_c_after_a_delay_exits_130_with_one_line(project, tmp_path, delay, started_builds):
    """Whatever the build is doing then (reading, importing, rendering the index, starting kernels).

    Not earlier than a second: while Python itself starts (before lawstats is loaded), a Ctrl-C
    is answered by Python with its own traceback.
    """
    before = _snapshot(project / "site")
    process = _start(project, tmp_path, started_builds)
    time.sleep(delay)
    started = _descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    err = _after(process, started, project, before, tmp_path)
    assert err.splitlines() == ["lawstats build: interrupted"], err


def test_ctrl_c_mid_execution_exits_130_and_stops_every_kernel(project, tmp_path, started_builds):
    before = _snapshot(project / "site")
    process = _start(project, tmp_path, started_builds)
    _wait_for(lambda: (project / "notebooks" / "running").is_file() or process.poll() is not None, 120,
              "the slow notebook to run")
    assert process.poll() is None, process.communicate()
    started = _descendants(process.pid)
    assert len(started) >= 2, "a zygote and at least one kernel"
    os.killpg(process.pid, signal.SIGINT)
    err = _after(process, started, project, before, tmp_path)
    assert err.splitlines() == ["lawstats build: interrupted"], err
    assert "03-slow" not in err and "Traceback" not in err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_no_kernel_behind(project, tmp_path, signum, started_builds):
    before = _snapshot(project / "site")
    process = _start(project, tmp_path, started_builds)
    _wait_for(lambda: (project / "notebooks" / "running").is_file() or process.poll() is not None, 120,
              "the slow notebook to run")
    assert process.poll() is None, process.communicate()
    started = _descendants(process.pid)
    assert len(started) >= 2
    process.send_signal(signum)  # the main process only: its kernels must notice by themselves
    _after(process, started, project, before, tmp_path, expect_code=-signum)
