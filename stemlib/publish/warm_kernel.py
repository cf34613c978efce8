"""A Python kernel started once, warmed up, and reused for many reports.

Starting a kernel and importing pandas, Altair and stemlib takes about 2.7 s on
a 2-core machine; running a report in a warm kernel takes about 1 s. The batch
therefore keeps one :class:`WarmKernel` per worker process and, before each
report, returns it to the state it had just after the warm-up
(:func:`stemlib.publish.kernel_state.restore`). A kernel is thrown away and replaced
after a report fails or times out (its state is then unknown), and after
``max_reports`` reports (so memory cannot creep up over a long batch).

Papermill runs the notebook through :class:`WarmKernelEngine`, a papermill
engine that uses the warm kernel and its one client instead of starting a new
kernel. One client matters: jupyter_client gives every client of a kernel
manager the same identity, so a second client silently takes the first one's
replies.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

ENGINE_NAME = "stemlib_warm"
WARM_UP = """\
import stemlib.publish.kernel_state
import stemlib.report.compare, stemlib.report.notebook, stemlib.report.sections
from stemlib import load_observations
load_observations()
stemlib.publish.kernel_state.snapshot()
"""
RESET = "import stemlib.publish.kernel_state\nstemlib.publish.kernel_state.restore()\n"


class KernelStateError(RuntimeError):
    """The warm-up or the reset code failed in the kernel."""


class WarmKernel:
    """One kernel for a sequence of reports; pass what :meth:`prepare` returns to ``papermill.execute_notebook``.

    Parameters
    ----------
    cwd : Path
        The kernel's working directory (the notebooks folder, as papermill's ``cwd`` would set).
    kernel_name : str
        The Jupyter kernel to start.
    start_timeout : int
        Seconds to wait for the kernel to answer after it starts, and for the warm-up and resets.
    warm : bool
        Run the warm-up imports after start and reset the state between reports. False gives
        a plain kernel, as papermill starts one; use it with ``max_reports=1`` for a fresh
        kernel per report.
    max_reports : int
        Replace the kernel after this many reports.

    Attributes
    ----------
    notebook : nbformat.NotebookNode or None
        The notebook papermill is running or last ran in this kernel, as executed so far
        (read it after a timeout to see which cell was running).
    timings : dict
        Seconds the last :meth:`start` spent starting the kernel ("start") and warming it up
        ("warm-up"), for the benchmark.
    """

    def __init__(self, cwd: Path, kernel_name: str = "python3", start_timeout: int = 60, warm: bool = True,
                 max_reports: int = 50):
        self.cwd = Path(cwd)
        self.kernel_name = kernel_name
        self.warm = warm
        self.start_timeout = start_timeout
        self.max_reports = max_reports
        self.km = None
        self.kc = None
        self.reports_run = 0
        self.notebook = None
        self.timings: dict[str, float] = {}
        self._socket_dir: str | None = None

    @property
    def alive(self) -> bool:
        """True when a kernel is running."""
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    @property
    def used_up(self) -> bool:
        """True when the kernel has run its ``max_reports`` reports and will be replaced."""
        return self.reports_run >= self.max_reports

    def start(self) -> None:
        """Start a new kernel (stopping any old one), wait until it answers, and run the warm-up imports."""
        import nbformat
        from nbclient import NotebookClient

        self.shutdown()
        started = time.perf_counter()
        # nbclient's own start-up code, so the kernel is launched exactly as papermill would launch it.
        starter = NotebookClient(nbformat.v4.new_notebook(), kernel_name=self.kernel_name,
                                 startup_timeout=self.start_timeout)
        self.km = starter.km = starter.create_kernel_manager()
        # Kernel and batch share one machine: talk over Unix sockets (IPC), which only this user can open,
        # instead of TCP on 127.0.0.1. The kernel then has no reason to write "running over TCP without
        # encryption" into every report's log.
        # The socket files' prefix must be absolute: the kernel runs in another working directory.
        self._socket_dir = tempfile.mkdtemp(prefix="stemlib-kernel-")
        self.km.transport, self.km.ip = "ipc", os.path.join(self._socket_dir, "kernel")
        try:
            starter.start_new_kernel(cwd=str(self.cwd))
            self.kc = starter.start_new_kernel_client()
        except BaseException:
            self.shutdown()
            raise
        self.reports_run = 0
        self.timings = {"start": time.perf_counter() - started}
        if self.warm:
            started = time.perf_counter()
            self._run(WARM_UP, "warm-up")
            # As before every later report: among other things, the first report's cells then count from 1.
            self._run(RESET, "reset")
            self.timings["warm-up"] = time.perf_counter() - started

    def prepare(self) -> dict:
        """Make the kernel ready for the next report; return the keyword arguments for papermill.

        Starts or replaces the kernel when needed, else resets its state.
        """
        if self.km is None or self.used_up or not self.warm or not self.alive:
            self.start()
        else:
            self._run(RESET, "reset")
        self.reports_run += 1
        self.notebook = None
        return {"engine_name": ENGINE_NAME, "warm_kernel": self}

    def client_for(self, nb, **options):
        """Return a papermill notebook client for ``nb`` (a papermill execution manager) that uses this kernel."""
        client = PapermillNotebookClient(nb, km=self.km, **options)
        client.kc = self.kc  # nbclient's constructor always clears kc; without this it would make a second client
        return client

    def _run(self, code: str, what: str) -> None:
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        notebook = nbformat.v4.new_notebook()
        notebook.cells.append(nbformat.v4.new_code_cell(code))
        client = NotebookClient(notebook, km=self.km, timeout=self.start_timeout)
        client.kc = self.kc
        try:
            client.execute()
        except CellExecutionError as error:
            self.shutdown()
            lines = [line for line in str(error).splitlines() if line.strip()]
            raise KernelStateError(f"the kernel's {what} failed: {lines[-1] if lines else error}") from None
        except BaseException:
            self.shutdown()
            raise

    def shutdown(self) -> None:
        """Stop the kernel now (after a failure, and when the worker ends); safe to call twice."""
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001 - the channels may already be closed
                pass
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 - the kernel may already be gone
                pass
        self.km = self.kc = None
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None


class WarmKernelEngine(NBClientEngine):
    """The papermill engine that runs a notebook in the :class:`WarmKernel` passed as ``warm_kernel``."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, warm_kernel=None, **kwargs):
        """Execute ``nb_man``'s notebook in ``warm_kernel`` (papermill calls this)."""
        if warm_kernel is None:
            raise TypeError(f"papermill engine {ENGINE_NAME!r} needs warm_kernel=WarmKernel(...)")
        kwargs.pop("input_path", None)
        warm_kernel.notebook = nb_man.nb
        client = warm_kernel.client_for(nb_man, timeout=execution_timeout, startup_timeout=start_timeout,
                                        kernel_name=kernel_name, log_output=log_output,
                                        stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
        return client.execute()


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
