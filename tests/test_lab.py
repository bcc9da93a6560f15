"""`make lab`: JupyterLab starts (also as root), serves on 127.0.0.1, and its kernels are set up as the build's."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lawstats.site.notebooks import kernel_env as _kernel_env

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
KERNELS = ROOT / "jupyter"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dry_run(tmp_path: Path, uid: str) -> str:
    """`make -n lab` with an `id` that answers ``uid``."""
    fake = tmp_path / f"bin-{uid}"
    fake.mkdir()
    (fake / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (fake / "id").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}:{os.environ['PATH']}")
    return subprocess.run(["make", "-n", "-s", "lab"], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True, timeout=60).stdout


def test_allow_root_only_as_root(tmp_path):
    assert "--allow-root" in _dry_run(tmp_path, "0")
    assert "--allow-root" not in _dry_run(tmp_path, "1000")


def test_make_lab_serves_on_localhost_with_the_project_kernel(tmp_path):
    port, token = _free_port(), "lawstats-test"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
            f"--ServerApp.port_retries=0 --IdentityProvider.token={token}")
    log = (tmp_path / "lab.log").open("w")
    proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}",
                                            timeout=2) as r:
                    status = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        output = (tmp_path / "lab.log").read_text()
        assert status is not None, f"jupyter lab did not serve on 127.0.0.1:{port}:\n{output}"
        assert "Running as root is not recommended" not in output
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}",
                                    timeout=5) as r:
            specs = json.load(r)
        spec = specs["kernelspecs"][specs["default"]]["spec"]
        assert "setup_notebook()" in " ".join(spec["argv"])
        build_env = _kernel_env("zh")
        for key in ("PYTHONHASHSEED", "SOURCE_DATE_EPOCH", "MPLBACKEND"):
            assert spec["env"][key] == build_env[key], key
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the group this test started
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()


def test_a_lab_kernel_is_set_up_as_the_build_s(monkeypatch, tmp_path):
    """A kernel started from make lab's kernel spec has the build's environment, theme and fonts."""
    from jupyter_client.manager import start_new_kernel

    monkeypatch.setenv("JUPYTER_PATH", str(KERNELS))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        # the alt-text formatter setup_kernel registers through IPython's public formatter API
        code = ("import os, matplotlib; from matplotlib.figure import Figure; "
                "png = get_ipython().display_formatter.formatters['image/png'].lookup_by_type(Figure); "
                "print(os.environ['PYTHONHASHSEED'], os.environ['SOURCE_DATE_EPOCH'], "
                "matplotlib.rcParams['svg.hashsalt'], matplotlib.rcParams['font.sans-serif'][0], "
                "getattr(png, '_lawstats', False), sys.executable == %r, sep='|')"
                % sys.executable)
        out = []
        kc.execute_interactive("import sys; " + code, timeout=60,
                               output_hook=lambda m: out.append(m["content"].get("text", ""))
                               if m["msg_type"] == "stream" else None)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert not list((tmp_path / "runtime").glob("kernel-*.json"))  # no connection file left
    env = _kernel_env("zh")
    from lawstats.presentation.plotting import THEME_RC

    # expected: the build's kernel environment, THEME_RC's hash salt, the font set_theme registers
    assert "".join(out).strip().split("|") == [env["PYTHONHASHSEED"], env["SOURCE_DATE_EPOCH"],
                                              THEME_RC["svg.hashsalt"], "Noto Sans SC", "True", "True"]
