"""Jupyter kernels forked from a warm process: a fresh kernel in milliseconds, not seconds.

Starting an IPython kernel and importing what a notebook imports (pandas,
matplotlib, lawstats) costs about 1.5 CPU-seconds, more than most of our
notebooks spend running.  A :class:`KernelFactory` pays it once: it starts a
*zygote* process that imports the kernel machinery and the modules the
notebooks import, and then forks it for every kernel.  Each fork becomes an
ordinary ``ipykernel`` kernel with its own connection file, ports and empty
namespace, so every notebook still runs in a new process of its own; only the
module imports are shared (copy-on-write).

:class:`ForkProvisioner` plugs this into ``jupyter_client`` through its public
provisioner interface (a ``LocalProvisioner`` whose process is a fork), so
``nbclient`` runs the notebooks unchanged.

Lifetimes (nothing outlives the process that made the factory):

- the zygote runs in a session of its own (a Ctrl-C at the terminal reaches the
  build, not the kernels) and exits when its control socket reaches end of
  file, which happens when the factory is closed *or its process dies*, even
  by ``SIGKILL``;
- every kernel holds one end of a socket pair whose other end stays in the
  factory's process; a thread in the kernel waits on it and, at end of file,
  removes the kernel's connection file and ends the kernel.

POSIX only (``fork``); :func:`fork_available` says whether it can be used.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterable

__all__ = ["KernelFactory", "ForkProvisioner", "fork_available", "notebook_imports", "module_closure"]

#: What every IPython kernel imports before running a cell.
KERNEL_MODULES = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython",
                  "jupyter_client.session", "zmq", "tornado.ioloop",
                  # what starting the kernel (IPKernelApp.initialize) imports besides: 0.1 s each time
                  "ipykernel.debugger", "IPython.core.completerlib", "IPython.core.debugger",
                  "IPython.core.oinspect", "IPython.core.pylabtools", "IPython.core.logger", "IPython.extensions",
                  "matplotlib.backends.backend_agg", "tornado.gen", "tornado.locks", "tornado.queues",
                  "http.server", "mimetypes", "faulthandler", "psutil")
#: Never imported in the zygote: they configure themselves for the running kernel at import.
_NOT_BEFORE_KERNEL = ("matplotlib_inline",)
#: Called in the zygote after the imports, when their module was imported: work every kernel
#: would repeat, kept in memory that the kernels share (the chart font's entry in matplotlib).
_WARM = ("lawstats.presentation.fonts:register_cjk_font",)
#: Not followed when listing what the project's modules import: the build's side, not a kernel's.
_BUILD_SIDE = ("nbconvert", "nbclient", "jupyter_client.manager", "playwright", "concurrent", "multiprocessing")


def fork_available() -> bool:
    """True where kernels can be forked from a zygote (POSIX with ``socket.send_fds``).

    Examples
    --------
    >>> isinstance(fork_available(), bool)
    True
    """
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and sys.platform != "win32"


def notebook_imports(sources: Iterable[str]) -> list[str]:
    """The modules code cells import, and the names they take from them, in order of first appearance.

    ``import a.b`` and ``from a.b import c`` give the module ``a.b``; a name
    imported from a module (``from lawstats import figures``) or read as an
    attribute of an imported one (``lawstats.figures()`` after ``import
    lawstats``) gives ``a.name`` too, so that :func:`module_closure` can follow
    a package that imports its public names lazily.  Relative imports and
    cells that do not parse are skipped.

    Examples
    --------
    >>> notebook_imports(["import pandas as pd\\nfrom lawstats.presentation.charts import show_chart",
    ...                   "import os, json", "%matplotlib inline"])
    ['pandas', 'lawstats.presentation.charts', 'lawstats.presentation.charts.show_chart', 'os', 'json']
    >>> notebook_imports(["import lawstats as ls", "t = ls.figures()"])
    ['lawstats', 'lawstats.figures']
    """
    import ast

    found: dict[str, None] = {}
    aliases: dict[str, str] = {}  # local name -> the module it names (a cell's imports serve the next ones)
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:  # IPython magics and the like: that cell teaches nothing
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.setdefault(alias.name, None)
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        aliases.setdefault(alias.name.partition(".")[0], alias.name.partition(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.setdefault(node.module, None)
                for alias in node.names:
                    if alias.name != "*":
                        found.setdefault(f"{node.module}.{alias.name}", None)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                found.setdefault(f"{aliases[node.value.id]}.{node.attr}", None)
    return list(found)


def _imports_of_file(path: Path, package: str) -> list[str]:
    """Modules imported anywhere in a source file (also inside functions), relative ones resolved."""
    import ast

    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.append(f"{base}.{node.module}" if node.module else base)
                if not node.module:
                    found += [f"{base}.{alias.name}" for alias in node.names]
            elif node.module:
                found.append(node.module)
    return found


def module_closure(modules: Iterable[str], package: str = "lawstats") -> list[str]:
    """The modules to preload: those of ``modules`` and, for ``package``'s, every module they import.

    The modules of ``package`` import their heavy dependencies inside functions
    (so that importing them stays cheap); a warm kernel wants those too, so
    their source is followed recursively.  A name of ``package`` that is not a
    module (``lawstats.figures``, from :func:`notebook_imports`) is looked up in
    the package's table of lazily imported names (its ``_module_of``) and the
    module behind it is followed instead.  Names outside ``package`` are kept
    as they are (``pandas.DataFrame`` too: the zygote imports only what is a
    module).  Nothing is imported but the top of ``package`` (which imports
    nothing heavy); modules of the build's side (nbconvert, nbclient, ...) are
    left out.

    Examples
    --------
    >>> closure = module_closure(["lawstats.presentation.plotting"])
    >>> "lawstats.presentation.plotting" in closure and "seaborn" in closure and "lawstats.presentation.fonts" in closure
    True
    >>> closure = module_closure(["pandas", "lawstats", "lawstats.figures", "lawstats.nothing"])
    >>> "lawstats.presentation.tables" in closure, [m for m in closure if m.endswith(("figures", "nothing"))]
    (True, [])
    """
    import importlib
    import importlib.util

    seen: dict[str, None] = {}
    todo = list(modules)
    while todo:
        name = todo.pop(0)
        if name in seen or name.startswith(_BUILD_SIDE):
            continue
        parent, _, attr = name.rpartition(".")
        if name != package and not name.startswith(package + "."):
            seen[name] = None  # another library's module, or a name in one: the zygote tells them apart
            continue
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None:  # not a module: a name the package may import lazily
            try:
                resolve = getattr(importlib.import_module(parent), "_module_of", None)
            except ImportError:
                resolve = None
            target = resolve(attr) if callable(resolve) else None
            if target:
                todo.insert(0, target)
            continue
        seen[name] = None
        if not spec.origin or not spec.origin.endswith(".py"):
            continue
        is_package = bool(spec.submodule_search_locations)
        todo += _imports_of_file(Path(spec.origin), name if is_package else name.rpartition(".")[0])
    return list(seen)


# --------------------------------------------------------------------------- the factory (build side)

class _Fork:
    """The ``subprocess.Popen`` surface ``LocalProvisioner`` uses, for a kernel forked by the zygote.

    The kernel is not our child: its end is seen as end of file on the socket
    it shares with us (it holds the other end until it exits).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, link: socket.socket) -> None:
        self.pid = pid
        self.link = link
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                data = self.link.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
            except BlockingIOError:
                return None
            except OSError:
                data = b""
            if data:  # the kernel never writes; treat anything as alive
                return None
            self.returncode = 0
            self.link.close()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import select
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if left == 0.0:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout or 0)
            select.select([self.link], [], [], left)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelFactory:
    """A warm zygote process that forks IPython kernels on request.

    Parameters
    ----------
    env : dict
        The environment of every kernel (the zygote starts with it, so the
        modules it imports see it too).
    cwd : str or Path
        The zygote's working folder (each kernel changes to its own).
    preload : iterable of str
        Modules to import in the zygote besides the kernel's own; one that
        fails to import is left for the notebook to report.
    cleanup : str or Path, optional
        A folder (of connection files) the zygote removes when it ends, also
        when this process died without closing the factory.

    Use as a context manager, or call :meth:`close`.  Closing ends the zygote
    and, through their sockets, every kernel still running.
    """

    def __init__(self, env: dict[str, str], cwd: str | Path, preload: Iterable[str] = (),
                 cleanup: str | Path | None = None) -> None:
        if not fork_available():  # pragma: no cover - POSIX only
            raise OSError("forking kernels needs POSIX fork and socket.send_fds")
        self._lock = threading.Lock()
        self._links: list[socket.socket] = []
        self._forks: list[_Fork] = []
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        theirs.set_inheritable(True)
        modules = [m for m in preload if not m.startswith(_NOT_BEFORE_KERNEL)]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "lawstats.site.kernels", str(theirs.fileno()), json.dumps(modules),
             str(cleanup or "")],
            env=env, cwd=str(cwd), pass_fds=(theirs.fileno(),), start_new_session=True,
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._control = ours

    def start(self, argv: list[str], cwd: str | None, env: dict[str, str]) -> _Fork:
        """Fork a kernel running ``ipykernel`` with command-line arguments ``argv``."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        request = json.dumps({"argv": argv, "cwd": cwd, "env": env}).encode()
        with self._lock:
            try:
                socket.send_fds(self._control, [struct.pack("!I", len(request)) + request], [theirs.fileno()])
                reply = _recv_exactly(self._control, 4)
            finally:
                theirs.close()
        if len(reply) < 4:
            ours.close()
            raise RuntimeError("the kernel zygote has ended; see its messages above")
        fork = _Fork(struct.unpack("!i", reply)[0], ours)
        self._forks.append(fork)
        return fork

    def kill_all(self) -> None:
        """Kill every kernel started and still running (they are ended, not asked)."""
        for fork in self._forks:
            try:
                fork.kill()
            except OSError:
                pass

    def close(self) -> None:
        """End the zygote and every kernel (killed, then waited for)."""
        self.kill_all()
        for fork in self._forks:
            try:
                fork.wait(timeout=5)
            except (subprocess.TimeoutExpired, OSError):
                pass
            fork.link.close()
        self._control.close()  # the zygote sees end of file and exits
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a zygote stuck in an import
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> "KernelFactory":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _provisioner_base():
    from jupyter_client.provisioning import LocalProvisioner

    return LocalProvisioner


class ForkProvisioner(_provisioner_base()):  # type: ignore[misc]
    """A ``jupyter_client`` provisioner whose kernel is forked by a :class:`KernelFactory`.

    Everything but the launch is ``LocalProvisioner``'s: connection file and
    ports, signals to the kernel's process group, polling and cleanup.

    Set it on a kernel manager before starting the kernel::

        km = AsyncKernelManager(kernel_name="python3")
        km.kernel_id = "..."
        km.provisioner = ForkProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec,
                                         parent=km, factory=factory)
    """

    def __init__(self, *args: Any, factory: KernelFactory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factory = factory

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        # cmd is the kernelspec's [python, -m, ipykernel_launcher, -f, FILE, *extra]
        try:
            argv = cmd[cmd.index("-f"):]
        except ValueError:
            raise RuntimeError(f"not an ipykernel command line: {cmd}") from None
        cwd = kwargs.get("cwd")
        env = dict(kwargs.get("env") or os.environ)
        self.process = self.factory.start(argv, str(cwd) if cwd is not None else None, env)
        self.pid = self.pgid = self.process.pid
        self.cwd = cwd or os.getcwd()
        return self.connection_info

    async def _ended(self, timeout: float | None = None) -> None:
        """Return when the kernel has ended (end of file on its socket), or after ``timeout`` seconds.

        jupyter_client polls every 0.1 s, so each notebook's shutdown took at
        least that; here the event loop wakes up when the socket closes.
        """
        import asyncio

        process = self.process
        if process is None:
            return
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while process.poll() is None:
            left = 0.1 if deadline is None else min(0.1, deadline - loop.time())
            if left <= 0:
                return
            ended = loop.create_future()
            try:
                fd = process.link.fileno()
                loop.add_reader(fd, lambda: ended.done() or ended.set_result(None))
            except (OSError, ValueError, NotImplementedError):  # closed meanwhile, or a loop without readers
                await asyncio.sleep(min(left, 0.01))
                continue
            try:
                await asyncio.wait_for(ended, left)
            except asyncio.TimeoutError:
                pass
            finally:
                loop.remove_reader(fd)

    async def kill(self, restart: bool = False) -> None:
        """Kill the kernel and wait (at most 5 s) until it has ended, so that no poll has to wait."""
        await super().kill(restart=restart)
        await self._ended(5.0)

    async def wait(self) -> int | None:
        """Wait for the kernel's end (see :meth:`_ended`)."""
        await self._ended()
        return await super().wait()


# --------------------------------------------------------------------------- the zygote (kernel side)

def _watch_link(link: socket.socket, connection_file: str | None) -> None:
    """In a kernel: when the build's end of ``link`` closes, remove the connection file and end."""
    try:
        while link.recv(1):
            pass
    except OSError:
        pass
    if connection_file:
        try:
            os.unlink(connection_file)
        except OSError:
            pass
    os._exit(1)


def _run_kernel(link: socket.socket, request: dict) -> None:
    """In the forked child: become an IPython kernel (never returns)."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setpgid(0, 0)  # a process group of its own, as LocalProvisioner expects
        os.environ.clear()
        os.environ.update(request["env"])
        if request["cwd"]:
            os.chdir(request["cwd"])
        argv = request["argv"]
        connection_file = argv[argv.index("-f") + 1] if "-f" in argv else None
        threading.Thread(target=_watch_link, args=(link, connection_file), daemon=True).start()
        # ipykernel's own watchdog: end when the zygote (our parent) ends
        argv = [*argv, f"--IPKernelApp.parent_handle={os.getppid()}"]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(argv)
        app.start()
        code = 0
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 0
    except BaseException:  # noqa: BLE001 - say why on stderr, then end this process only
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reap(*_: Any) -> None:
    """SIGCHLD in the zygote: wait for every kernel that has ended."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _zygote(control_fd: int, modules: list[str], cleanup: str) -> None:
    """Import, then fork one kernel per request on ``control_fd`` until end of file."""
    kernels: list[int] = []
    try:
        _serve(control_fd, modules, kernels)
    finally:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for pid in kernels:  # normally gone already (killed, or ended with their links)
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        while True:
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
            except InterruptedError:
                continue
        if cleanup:
            import shutil

            shutil.rmtree(cleanup, ignore_errors=True)


def _serve(control_fd: int, modules: list[str], kernels: list[int]) -> None:
    import importlib

    for name in (*KERNEL_MODULES, *modules):
        parent, _, attr = name.rpartition(".")
        owner = sys.modules.get(parent)
        if owner is not None and not isinstance(getattr(owner, attr, sys), type(sys)):
            continue  # a name in a module (pandas.DataFrame), not a module
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the notebook's own import will report it
            pass
    for name in _WARM:
        module, _, function = name.partition(":")
        if module in sys.modules:
            try:
                getattr(sys.modules[module], function)()
            except Exception:  # noqa: BLE001 - the notebook's own call will report it
                pass
    signal.signal(signal.SIGCHLD, _reap)  # kernels are waited for (their CPU time counts as ours)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ended by its control socket, not by Ctrl-C
    control = socket.socket(fileno=control_fd)
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 1 << 20, 1)
        except OSError:
            break
        if not message:
            break
        (length,) = struct.unpack("!I", message[:4])
        body = message[4:]
        while len(body) < length:
            more = control.recv(length - len(body))
            if not more:
                return
            body += more
        request = json.loads(body)
        link = socket.socket(fileno=fds[0])
        pid = os.fork()
        if pid == 0:
            control.close()
            _run_kernel(link, request)
        kernels.append(pid)
        link.close()
        control.sendall(struct.pack("!i", pid))


if __name__ == "__main__":  # pragma: no cover - run by KernelFactory
    _zygote(int(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3])
