"""Find the notebooks of a report's site and execute them with parameters (papermill convention).

A report's site is made of the **general notebooks** (:func:`lawstats.paths.notebooks_dir`:
overview, figures, audit, comparison), built for any report, and the own
notebooks of the case study that applies to the report as a whole, if any
(:mod:`lawstats.extraction.casestudy`).  Pages are ordered by file name, ``NN-name``.

:class:`NotebookRunner` is the one notebook executor of lawstats: the site build
(:func:`lawstats.site.build.build_site`) and the tests both execute notebooks through
it, with the same kernel setup (:func:`setup_kernel`) and environment
(:func:`kernel_env`).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawstats.paths import notebooks_dir

__all__ = ["NOTEBOOKS_DIR", "notebook_paths", "report_notebooks", "inject_parameters", "execute_notebook",
           "NotebookRunner", "NotebookRun", "NotebookError", "KERNEL_SETUP", "kernel_env", "setup_kernel",
           "describe_figure", "prepare_notebook", "make_reproducible"]

#: The general notebooks (``notebooks/`` in a checkout, package data when installed).
NOTEBOOKS_DIR = notebooks_dir()


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to build, ``NN-name.ipynb``, in order.

    Examples
    --------
    >>> notebook_paths()[0].name
    '00-overview.ipynb'
    """
    folder = Path(folder) if folder is not None else NOTEBOOKS_DIR
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if p.is_file())


def report_notebooks(report=None) -> list[Path]:
    """The notebooks of a report's site: the general ones and its case study's, by name.

    ``report`` is a path, a :class:`~lawstats.reading.report.Report` or None (ours).

    Raises
    ------
    BuildError
        If two notebooks would make pages of the same name.

    Examples
    --------
    >>> [p.name[:2] for p in report_notebooks()]
    ['00', '01', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10']
    """
    from lawstats.extraction.casestudy import case_study_for
    from lawstats.errors import BuildError

    paths = notebook_paths()
    applied = case_study_for(report)
    if applied is not None:
        paths += applied.study.notebook_paths()
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            raise BuildError(f"two notebooks make the page {path.stem}.html: {seen[path.stem]} and {path}")
        seen[path.stem] = path
    return sorted(paths, key=lambda p: p.name)


def inject_parameters(nb, parameters: dict[str, Any]):
    """Return a copy of ``nb`` with a cell setting ``parameters`` after the ``parameters`` cell.

    The new cell is tagged ``injected-parameters`` (as papermill does); values
    are written with ``repr`` so strings, numbers, lists and None round-trip.

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("language = 'zh'")])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> out = inject_parameters(nb, {"language": "en"})
    >>> out.cells[1].source
    "# injected parameters\\nlanguage = 'en'"
    """
    import copy

    import nbformat

    nb = copy.deepcopy(nb)
    if not parameters:
        return nb
    index = next((i for i, c in enumerate(nb.cells)
                  if "parameters" in c.get("metadata", {}).get("tags", [])), -1)
    source = "# injected parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in sorted(parameters.items()))
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"
    nb.cells.insert(index + 1, cell)
    return nb


# --------------------------------------------------------------------------- kernel side

#: Run in every kernel before the notebook (``IPKernelApp.exec_lines``).
KERNEL_SETUP = "import lawstats.site.notebooks as _lsn; _lsn.setup_kernel(); del _lsn"


def kernel_env(language: str = "zh") -> dict[str, str]:
    """Environment variables of a notebook kernel: reproducible output, the page language.

    Examples
    --------
    >>> env = kernel_env("en")
    >>> env["LAWSTATS_LANGUAGE"], env["PYTHONHASHSEED"]
    ('en', '0')
    """
    return {
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0"),
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "LAWSTATS_BUILD": "1",
        "LAWSTATS_LANGUAGE": language,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


# describe_figure and setup_kernel draw on matplotlib: they belong to the presentation stage
from lawstats.presentation.plotting import describe_figure, setup_kernel  # noqa: E402  (re-exported: KERNEL_SETUP uses them)


# --------------------------------------------------------------------------- one executor

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STYLER_ID = re.compile(r"(?<![A-Za-z0-9_])T_([0-9a-f]{5})(?=[_\"'\s{,.:#>])")
_ADDRESS = re.compile(r"( at 0x)[0-9a-fA-F]{6,16}(>)")


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:48] or "nb"


def prepare_notebook(nb, stem: str, parameters: dict[str, Any]):
    """Inject the parameters and give every cell a deterministic id; return ``(nb, injected index)``."""
    nb = inject_parameters(nb, parameters)
    injected = next((i for i, c in enumerate(nb.cells)
                     if "injected-parameters" in c.get("metadata", {}).get("tags", [])), -1)
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    slug = _slug(stem)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{slug}-{i}"
    return nb, injected


def make_reproducible(nb) -> None:
    """Remove what varies between two executions of the same notebook."""
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        styler_ids: dict[str, str] = {}

        def styler(m: re.Match) -> str:
            new = styler_ids.setdefault(m.group(1), f"{index:03d}{len(styler_ids):02d}")
            return f"T_{new}"

        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"] = _STYLER_ID.sub(styler, data["text/html"])
            if "text/plain" in data:
                data["text/plain"] = _ADDRESS.sub(r"\g<1>0\g<2>", data["text/plain"])
            if output.get("output_type") == "stream":
                output["text"] = _ADDRESS.sub(r"\g<1>0\g<2>", output["text"])


def _failure(nb, path: Path, position: int | None, injected: int, exc: BaseException) -> dict:
    """Describe a failed execution in plain data (printable)."""
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None)
    if evalue is None:
        evalue = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
    lines: list[str] = []
    first_line = ""
    cell_index: int | None = None
    if position is not None and 0 <= position < len(nb.cells):
        cell = nb.cells[position]
        first_line = next((x.strip() for x in cell.source.splitlines() if x.strip()), "")
        cell_index = position if position < injected or injected < 0 else (
            None if position == injected else position - 1)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                lines = [_ANSI.sub("", line) for line in output.get("traceback", [])]
    if not lines:
        lines = str(getattr(exc, "traceback", "") or exc).splitlines()
    text = "\n".join(lines).strip().splitlines()
    return {
        "ok": False,
        "notebook": path.name,
        "cell_index": cell_index,
        "injected": position == injected,
        "first_line": first_line,
        "ename": str(ename),
        "evalue": str(evalue),
        "traceback": "\n".join(text[-12:]),
    }


@dataclass
class NotebookRun:
    """One notebook to execute, and what came of it.

    ``outcome`` is ``None`` until it ran; then ``{"ok": True, "seconds": ...}``
    or a failure: ``{"ok": False, "notebook", "cell_index", "injected",
    "first_line", "ename", "evalue", "traceback"}`` (``cell_index`` counts the
    cells of the notebook as saved).  ``nb`` is the executed notebook.
    """

    path: Path
    parameters: dict[str, Any]
    tag: Any = None
    nb: Any = None
    outcome: dict | None = None

    @property
    def ok(self) -> bool:
        return bool(self.outcome and self.outcome["ok"])


@functools.lru_cache(maxsize=1)
def _ready_client_class():
    """jupyter_client's asynchronous kernel client, ready as soon as the kernel is.

    ``AsyncKernelClient.wait_for_ready`` ends by reading IOPub until it has
    been quiet for 0.2 s: a fixed 0.2 s per notebook, the longest part of
    starting a forked kernel.  This one waits for what that flush is there
    for: the ``idle`` status that follows its own ``kernel_info`` request on
    IOPub.  Messages on one socket keep their order, so every message the
    kernel published before has arrived by then; as in jupyter_client, no such
    status within 0.2 s (IOPub not connected yet) asks again.
    """
    import time
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
            while True:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                if reply is not None and reply["msg_type"] == "kernel_info_reply":
                    if await self._idle_after(reply["parent_header"].get("msg_id"), 0.2):
                        self._handle_kernel_info_reply(reply)
                        return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

        async def _idle_after(self, msg_id: str | None, quiet: float) -> bool:
            """Read IOPub until the idle status of request ``msg_id``; False after ``quiet`` s of nothing."""
            while True:
                try:
                    msg = await self.iopub_channel.get_msg(timeout=quiet)
                except Empty:
                    return False
                if (msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
                        and msg["parent_header"].get("msg_id") == msg_id):
                    return True

    return ReadyClient


class NotebookRunner:
    """Execute notebooks concurrently, each in a new kernel of its own; the one executor of lawstats.

    The site build and the tests both use it, so a notebook tested is a
    notebook built: parameters injected after the cell tagged ``parameters``,
    deterministic cell ids, :func:`setup_kernel` run in the kernel, the
    environment of :func:`kernel_env` (language from the ``language``
    parameter), no timings recorded, :func:`make_reproducible` applied.

    Kernels of the default ``python3`` kernel are forked from a warm process
    (:class:`lawstats.site.kernels.KernelFactory`) preloaded with the modules the
    notebooks import; ``jobs`` of them run at once, driven by asynchronous
    clients on a thread of this process, while the caller's thread receives
    results (:meth:`results`) and can render them meanwhile.

    Interrupts: the caller's thread stays interruptible (Ctrl-C raises
    ``KeyboardInterrupt`` there, not in a notebook); leaving the ``with``
    block by any exception kills the kernels, ends the warm process and
    removes the kernels' connection files.  If this process dies, the kernels
    and the warm process notice and end too.

    Examples
    --------
    >>> with NotebookRunner(jobs=1) as runner:  # doctest: +SKIP
    ...     runner.submit("notebooks/00-overview.ipynb", {"language": "en"})
    ...     for run in runner.results():
    ...         print(run.path.name, run.ok)
    00-overview.ipynb True
    """

    def __init__(self, jobs: int | None = None, kernel: str = "python3", timeout: int | None = 600,
                 fork: bool | None = None, env: dict[str, str] | None = None) -> None:
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.env = dict(env or {})  # added to every kernel's environment
        self.kernel = kernel
        self.timeout = timeout
        self.fork = fork
        self._runs: list[NotebookRun] = []
        self._started = False
        self._cancelled = False

    def submit(self, path: str | Path, parameters: dict[str, Any] | None = None, tag: Any = None) -> NotebookRun:
        """Queue a notebook (before :meth:`results` is first called); runs start in submission order."""
        if self._started:
            raise RuntimeError("submit every notebook before asking for results")
        run = NotebookRun(Path(path).resolve(), dict(parameters or {}), tag)
        self._runs.append(run)
        return run

    def cancel_pending(self) -> None:
        """Start no further notebook (those running finish); the skipped ones are not yielded."""
        self._cancelled = True

    def __enter__(self) -> "NotebookRunner":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- the work --------------------------------------------------------------------------
    def results(self):
        """Yield each :class:`NotebookRun` as it finishes (in the caller's thread)."""
        import queue
        import tempfile
        import threading

        if self._started:
            raise RuntimeError("results() can be iterated once")
        self._started = True
        if not self._runs:
            return
        self._done: queue.Queue = queue.Queue()
        self._connections = Path(tempfile.mkdtemp(prefix="lawstats-kernels-"))
        self._factory = self._make_factory()
        self._loop = None
        self._thread = threading.Thread(target=self._thread_main, name="lawstats-notebooks", daemon=True)
        self._thread.start()
        finished = 0
        expected = len(self._runs)
        while finished < expected:
            item = self._done.get()
            if item is None:  # the loop has ended (every run done or skipped)
                break
            finished += 1
            yield item

    def _make_factory(self):
        from lawstats.site.kernels import KernelFactory, fork_available, module_closure, notebook_imports

        use = self.fork if self.fork is not None else (self.kernel == "python3" and fork_available())
        if not use:
            return None
        import json

        # plain JSON, not nbformat: the zygote starts before this process imports nbformat
        sources = []
        for run in self._runs:
            try:
                cells = json.loads(run.path.read_text(encoding="utf-8"))["cells"]
                sources += ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                            for c in cells if c.get("cell_type") == "code"]
            except Exception:  # noqa: BLE001 - reported when the notebook itself is read
                continue
        env = {**os.environ, **kernel_env(self._runs[0].parameters.get("language", "zh")), **self.env}
        return KernelFactory(env, self._runs[0].path.parent, module_closure(notebook_imports(sources)),
                             cleanup=self._connections)

    def _thread_main(self) -> None:
        import asyncio

        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._run_all())
        except BaseException:  # noqa: BLE001 - cancelled by close(); the caller reports
            pass
        finally:
            try:  # nbclient's own helper tasks too: cancelled and awaited, never left pending
                pending = asyncio.all_tasks(loop)
                for task in pending:
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
            except BaseException:  # noqa: BLE001
                pass
            loop.close()
            self._done.put(None)

    async def _run_all(self) -> None:
        import asyncio

        semaphore = asyncio.Semaphore(self.jobs)

        async def one(run: NotebookRun) -> None:
            async with semaphore:
                if self._cancelled:
                    return
                await self._execute(run)
                self._done.put(run)

        self._tasks = [asyncio.ensure_future(one(run)) for run in self._runs]
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _execute(self, run: NotebookRun) -> None:
        import logging
        import time
        import uuid

        import nbformat
        from jupyter_client import AsyncKernelManager
        from nbclient import NotebookClient

        started = time.perf_counter()
        path = run.path
        nb = None
        injected = -1
        where: dict[str, int | None] = {"cell": None}
        km = None
        try:
            nb = nbformat.read(path, as_version=4)
            nb, injected = prepare_notebook(nb, path.stem, run.parameters)
            run.nb = nb

            def on_cell_execute(cell=None, cell_index=None, **_):
                where["cell"] = cell_index

            kernel_id = str(uuid.uuid4())
            km = AsyncKernelManager(kernel_name=self.kernel, client_factory=_ready_client_class(),
                                    connection_file=str(self._connections / f"kernel-{kernel_id}.json"))
            km.kernel_id = kernel_id
            if self._factory is not None:
                from lawstats.site.kernels import ForkProvisioner

                km.provisioner = ForkProvisioner(kernel_id=kernel_id, kernel_spec=km.kernel_spec, parent=km,
                                                 factory=self._factory)
            quiet = logging.getLogger("lawstats.site.notebooks.client")
            quiet.setLevel(logging.CRITICAL)
            client = NotebookClient(
                nb, km=km, timeout=self.timeout, record_timing=False, allow_errors=False,
                resources={"metadata": {"path": str(path.parent)}},
                # the kernel's own log: only errors (not the note that it listens on localhost TCP)
                # no input history database (~/.ipython/…/history.sqlite): a build writes nothing of IPython's
                extra_arguments=[f"--IPKernelApp.exec_lines={KERNEL_SETUP}", "--IPKernelApp.log_level=ERROR",
                                 "--HistoryManager.enabled=False"],
                on_cell_execute=on_cell_execute, log=quiet,
            )
            env = {**os.environ, **kernel_env(run.parameters.get("language", "zh")), **self.env}
            try:
                await client.async_execute(cwd=str(path.parent), env=env)
            finally:
                if client.kc is not None:
                    client.kc.stop_channels()
            make_reproducible(nb)
            run.outcome = {"ok": True, "notebook": path.name, "seconds": time.perf_counter() - started}
        except Exception as exc:  # nbclient raises CellExecutionError, DeadKernelError, timeouts …
            run.outcome = _failure(nb if nb is not None else nbformat.v4.new_notebook(), path,
                                   where["cell"], injected, exc)
        finally:
            if km is not None:
                try:
                    if km.has_kernel:
                        await km.shutdown_kernel(now=True)
                    else:
                        await km.cleanup_resources()
                except Exception:  # noqa: BLE001 - the kernel has gone already
                    pass

    def close(self) -> None:
        """Kill every kernel, end the warm process, remove the connection files (idempotent)."""
        import shutil

        self._cancelled = True
        factory = getattr(self, "_factory", None)
        if factory is not None:
            factory.kill_all()
        thread = getattr(self, "_thread", None)
        if thread is not None:
            loop = self._loop
            if loop is not None and not loop.is_closed():
                def cancel() -> None:
                    for task in getattr(self, "_tasks", []):
                        task.cancel()
                try:
                    loop.call_soon_threadsafe(cancel)
                except RuntimeError:  # the loop closed meanwhile
                    pass
            while thread.is_alive():
                try:
                    thread.join(timeout=10)
                    break
                except KeyboardInterrupt:  # a second Ctrl-C: we are already stopping
                    continue
        if factory is not None:
            factory.close()
            self._factory = None
        connections = getattr(self, "_connections", None)
        if connections is not None:
            shutil.rmtree(connections, ignore_errors=True)


def execute_notebook(path: str | Path, parameters: dict[str, Any] | None = None, timeout: int = 600):
    """Execute a notebook top to bottom in its folder, as the site build does, and return it.

    A convenience over :class:`NotebookRunner` for one notebook.

    Parameters
    ----------
    path : str or Path
        The notebook.
    parameters : dict, optional
        Values injected after the cell tagged ``parameters``.
    timeout : int
        Seconds a cell may run.

    Raises
    ------
    NotebookError
        If a cell fails; the message names the notebook, the cell and the error.
    """
    with NotebookRunner(jobs=1, timeout=timeout) as runner:
        runner.submit(path, parameters)
        run = next(iter(runner.results()))
    if not run.ok:
        raise NotebookError(run.outcome)
    return run.nb


class NotebookError(Exception):
    """A notebook failed; ``outcome`` describes where (see :class:`NotebookRun`)."""

    def __init__(self, outcome: dict) -> None:
        self.outcome = outcome
        where = "the injected parameters" if outcome.get("injected") else f"cell {outcome.get('cell_index')}"
        super().__init__(f"{outcome['notebook']} failed in {where}: {outcome['ename']}: {outcome['evalue']}\n"
                         f"{outcome['traceback']}")
