"""Run every report in parameters/ through papermill, in parallel, into reports/.

Usage::

    python -m stemlib.batch                     # every parameters/*.yaml
    python -m stemlib.batch nordjylland alle_regioner --jobs 2
    python -m stemlib.batch ~/mine/*.yaml       # parameter files from any folder
    python -m stemlib.batch --language en       # every report in English: reports/<name>-en.html
    python -m stemlib.batch --output /tmp/reports --cell-timeout 300
    python -m stemlib.batch --fresh-kernels     # a new kernel for every report

For each report the batch writes ``reports/<name>.ipynb`` (the executed
notebook) and ``reports/<name>.html`` (self-contained, works offline), then
``reports/index.html`` linking them. ``<name>`` is the parameter file's name,
with ``-en`` for an English report, so that a Danish and an English report of
one file sit side by side. Guarantees:

* every parameter file and the data are checked before any kernel starts;
* a report that fails keeps its executed notebook in ``reports/failed/`` for
  debugging, gets no HTML, and does not stop the others;
* files are written under temporary names and moved into place, so an
  interrupted run leaves each report complete (new or as before) or absent,
  and the index links only files that exist;
* two batches never write to one folder at the same time (a lock);
* each worker process keeps one warm kernel (pandas, Altair and stemlib already
  imported) and resets it between reports (:mod:`stemlib.publish.warm_kernel`); after a
  failure or a time-out the kernel is replaced. ``--fresh-kernels`` starts a new
  kernel for every report instead;
* a kernel that fails to start is retried; a hung cell is stopped by a timeout;
* worker and kernel messages go to ``reports/logs/``, not the terminal (a kernel
  keeps writing to the log of the report it was started for).

Exit codes: 0 all reports done, 1 some failed, 2 bad input (nothing run),
3 the output folder is locked, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from stemlib.atomic import OutputLock, OutputLockedError, atomic_write_text
from stemlib.errors import ParameterError, StemlibError
from stemlib.paths import REPO_ROOT, notebook_dir

from .index_page import write_index
from .params import ReportSpec, load_parameter_file, with_language

PARAMETER_DIR = REPO_ROOT / "parameters"
DEFAULT_OUTPUT = REPO_ROOT / "reports"
MANIFEST = "manifest.json"


@dataclass
class Outcome:
    """What happened to one report."""

    name: str
    status: str  # "done", "failed" or "invalid"
    seconds: float = 0.0
    html_bytes: int = 0
    detail: str = ""
    title: str = ""
    finished: str = ""


# ---------------------------------------------------------------- one report (runs in a worker process)

def _title_of(spec: ReportSpec) -> str:
    from stemlib.definitions.regions import REGIONS

    title = spec.parameters.get("title") or ""
    if title:
        return title
    if "region" in spec.parameters:
        return f"STEM-barometer: {REGIONS[spec.parameters['region']].name(spec.parameters.get('language', 'da'))}"
    return "STEM-barometer: alle regioner" if spec.parameters.get("language", "da") == "da" \
        else "STEM barometer: all regions"


_PAPERMILL_TAGS = {"injected-parameters", "papermill-error-cell-tag"}
REPORTS_PER_KERNEL = 50
_kernel = None  # this worker process's WarmKernel, kept from one report to the next


def _failed_cell(nb, *, timed_out: bool = False) -> str:
    """Describe the cell that failed or hung, numbered as in the source notebook (papermill's own cells skipped).

    After a time-out, the hung cell is the last one that started.
    """
    source_index, last_started = -1, ""
    for cell in nb.cells if nb is not None else []:
        if _PAPERMILL_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        source_index += 1
        meta = cell.get("metadata", {}).get("papermill", {})
        first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        described = f"cell {source_index} ({first_line[:60]!r})"
        if meta.get("start_time"):
            last_started = described
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not timed_out and (meta.get("exception") or errors):
            error = f": {errors[0]['ename']}: {errors[0]['evalue']}" if errors else ""
            return f"{described}{error}"
    return last_started if timed_out else ""


def _clean_metadata(nb, spec: ReportSpec) -> None:
    """Replace machine-specific paths in papermill's metadata with repository-relative ones."""
    meta = nb.metadata.get("papermill", {})
    meta["input_path"] = f"notebooks/{spec.notebook}"
    meta["output_path"] = f"reports/{spec.name}.ipynb"
    meta.pop("cwd", None)
    meta.pop("environment_variables", None)
    nb.metadata["stemlib"] = {"parameter_file": f"parameters/{spec.path.name}"}


def _worker_kernel(fresh: bool):
    """This worker's kernel: warm and reused, or (``fresh``) a new one for every report."""
    import multiprocessing.util

    from .warm_kernel import WarmKernel

    global _kernel
    if _kernel is None or _kernel.warm == fresh:
        if _kernel is not None:
            _kernel.shutdown()
        _kernel = WarmKernel(notebook_dir(), warm=not fresh, max_reports=1 if fresh else REPORTS_PER_KERNEL)
        # Worker processes end without running atexit handlers; multiprocessing's finalizers do run.
        multiprocessing.util.Finalize(_kernel, _kernel.shutdown, exitpriority=10)
    return _kernel


def _ready_kernel(fresh: bool, kernel_retries: int) -> dict:
    """Start or reset this worker's kernel, trying again when it fails to start; return papermill's kwargs."""
    for attempt in range(kernel_retries + 1):
        try:
            return _worker_kernel(fresh).prepare()
        except Exception:  # noqa: BLE001 - a kernel that did not start: try again
            if attempt == kernel_retries:
                raise
            time.sleep(1 + attempt)
    raise AssertionError("unreachable")


def run_report(spec: ReportSpec, output: Path, cell_timeout: int, kernel_retries: int,
               fresh_kernels: bool = False) -> Outcome:
    """Execute one report into a private temporary folder and move the results into place."""
    if _ctrl_c:  # the batch is being interrupted: this report is not started (see _note_ctrl_c)
        return Outcome(spec.name, "failed", detail="not started: the batch was interrupted", title=_title_of(spec),
                       finished=_now())
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError

    from .html_export import notebook_to_html

    started = time.monotonic()
    title = _title_of(spec)
    _log_to(output / "logs" / f"{spec.name}.log")
    work = output / f".tmp-{spec.name}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    executed = work / f"{spec.name}.ipynb"
    kernel = None
    try:
        engine = _ready_kernel(fresh_kernels, kernel_retries)
        kernel = engine.get("warm_kernel")
        # No save after every cell (papermill's default): it re-serialises the whole notebook 40 times
        # per report. The kernel object keeps the notebook as run so far, for the message on a time-out.
        nb = papermill.execute_notebook(
            str(notebook_dir() / spec.notebook), str(executed), parameters=spec.parameters,
            kernel_name="python3", cwd=str(notebook_dir()), progress_bar=False, log_output=False,
            execution_timeout=cell_timeout, start_timeout=60, request_save_on_cell_execute=False, **engine)
        if kernel is not None and kernel.used_up:
            kernel.shutdown()
        _clean_metadata(nb, spec)
        nbformat.write(nb, executed)
        page = notebook_to_html(nb, title, language=spec.parameters.get("language", "da"))
        html_path = work / f"{spec.name}.html"
        html_path.write_text(page, encoding="utf-8")
        # The notebook first, the HTML last: a finished HTML always has its notebook beside it.
        os.replace(executed, output / f"{spec.name}.ipynb")
        os.replace(html_path, output / f"{spec.name}.html")
        (output / "failed" / f"{spec.name}.ipynb").unlink(missing_ok=True)
        return Outcome(spec.name, "done", time.monotonic() - started, len(page.encode("utf-8")), "", title,
                       _now())
    except Exception as error:  # noqa: BLE001 - every failure becomes an outcome, never a crash of the batch
        ran = kernel.notebook if kernel is not None else None
        if kernel is not None:
            kernel.shutdown()  # its state is unknown now: the next report gets a new kernel
        if executed.exists():  # papermill wrote the notebook with the error in it
            ran = nbformat.read(executed, as_version=4)
        timed_out = isinstance(error, CellTimeoutError)
        detail = _failed_cell(ran, timed_out=timed_out)
        if timed_out:
            detail = f"timed out after {cell_timeout} s in {detail or 'a cell'}"
        elif not detail:
            detail = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        if ran is not None:
            (output / "failed").mkdir(exist_ok=True)
            _clean_metadata(ran, spec)
            atomic_write_text(output / "failed" / f"{spec.name}.ipynb", nbformat.writes(ran))
        return Outcome(spec.name, "failed", time.monotonic() - started, 0, detail, title, _now())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _log_to(path: Path) -> None:
    """Send this worker's (and its kernels') standard error to a log file instead of the terminal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - stays open for the worker's life
    os.dup2(stream.fileno(), 2)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


# ---------------------------------------------------------------- the batch (main process)

def _select(names: list[str]) -> list[Path]:
    if not names:
        return sorted(PARAMETER_DIR.glob("*.yaml"))
    chosen = []
    for name in names:
        path = Path(name)
        if not path.suffix:
            path = PARAMETER_DIR / f"{name}.yaml"
        chosen.append(path)
    return chosen


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _read_manifest(output: Path) -> dict:
    try:
        return json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _record(output: Path, manifest: dict, outcome: Outcome) -> None:
    entry = manifest.get(outcome.name, {})
    entry.update({"title": outcome.title, "status": outcome.status, "detail": outcome.detail,
                  "last_run": outcome.finished})
    if outcome.status == "done":
        entry["last_success"] = outcome.finished
    manifest[outcome.name] = entry
    atomic_write_text(output / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    write_index(output, manifest)


def _sweep(output: Path) -> None:
    """Remove temporary files a killed run may have left (never linked from the index)."""
    for leftover in output.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in output.glob(".*.partial"):
        leftover.unlink(missing_ok=True)


def _summary(outcomes: list[Outcome]) -> str:
    header = f"{'report':<16} {'status':<8} {'seconds':>8} {'html KB':>8}  detail"
    lines = [header, "-" * len(header)]
    for o in outcomes:
        size = f"{o.html_bytes / 1024:.0f}" if o.html_bytes else "-"
        lines.append(f"{o.name:<16} {o.status:<8} {o.seconds:>8.1f} {size:>8}  {o.detail}")
    return "\n".join(lines)


def _worker_signals() -> None:
    """Make a worker stop when told to, instead of going on with the next report.

    A worker is forked from the main process and would inherit its SIGTERM handler (raise
    ``KeyboardInterrupt``); concurrent.futures' worker loop catches any exception of a report,
    ``KeyboardInterrupt`` included, and takes the next one, which could then be written after
    the batch said it was interrupted. So a worker ends on SIGTERM (its kernel notices that its
    parent is gone and ends too) and leaves Ctrl-C to the main process, which stops the workers;
    it only notes Ctrl-C, so as to start no further report meanwhile.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _note_ctrl_c)


_ctrl_c = False  # set in a worker when Ctrl-C reached its process group


def _note_ctrl_c(signum, frame) -> None:
    """Remember Ctrl-C in a worker, and run no further report.

    Ctrl-C reaches the whole process group, the kernel too: the running cell stops with
    ``KeyboardInterrupt``, the report fails, and the worker would take the next report in the
    moment before the main process stops it. Noted here, the next report is not started.
    """
    global _ctrl_c
    _ctrl_c = True


def _stop_like_ctrl_c(signum, frame) -> None:
    """End the run on SIGTERM as on Ctrl-C: workers stop, temporary files go, the index stays consistent."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the batch; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m stemlib.batch", description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="*",
                        help="parameter files (YAML, from any folder) or names of files in parameters/ "
                             "(default: all in parameters/)")
    parser.add_argument("--language", choices=("da", "en"),
                        help="the reports' language, whatever the parameter files say; English reports are "
                             "named <name>-en")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder for the reports (default reports/)")
    parser.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="reports run at once")
    parser.add_argument("--cell-timeout", type=int, default=600, help="seconds one cell may run before it is stopped")
    parser.add_argument("--kernel-retries", type=int, default=2, help="new tries when a kernel fails to start")
    parser.add_argument("--fresh-kernels", action="store_true",
                        help="start a new kernel for every report instead of reusing a warm one (slower)")
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.cell_timeout < 1 or args.kernel_retries < 0:
        print("stemlib.batch: --jobs and --cell-timeout must be at least 1, --kernel-retries at least 0.",
              file=sys.stderr)
        return 2

    specs, outcomes = [], []
    for path in _select(args.reports):
        try:
            spec = load_parameter_file(path, shown_as=_shown(path))
            if args.language:
                spec = with_language(spec, args.language)
        except ParameterError as error:
            for line in str(error).splitlines():
                print(f"stemlib.batch: {line}", file=sys.stderr)
            outcomes.append(Outcome(path.stem, "invalid", detail=str(error).splitlines()[0]))
            continue
        for notice in spec.notices:
            print(f"stemlib.batch: note: {notice}", file=sys.stderr)
        specs.append(spec)
    if not specs:
        print("stemlib.batch: no valid parameter file to run; nothing was written.", file=sys.stderr)
        return 2
    names: dict[str, ReportSpec] = {}
    for spec in specs:
        if spec.name in names:
            print(f"stemlib.batch: {_shown(spec.path)} and {_shown(names[spec.name].path)} would both write "
                  f"reports/{spec.name}.html; rename one of them. Nothing was written.", file=sys.stderr)
            return 2
        names[spec.name] = spec
    try:
        from stemlib.data.observations import load_observations

        load_observations()
    except StemlibError as error:
        print(f"stemlib.batch: the data does not load, so no report was run:\n{error}", file=sys.stderr)
        return 2

    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    try:
        with OutputLock(args.output):
            return _run(specs, outcomes, args)
    except OutputLockedError as error:
        print(f"stemlib.batch: {error}", file=sys.stderr)
        return 3


def _preload_exporter(specs: list[ReportSpec]) -> None:
    """Import nbconvert, compile the page templates and read the Vega bundle once, here.

    The workers are forked from this process (Linux), so they start with all of it instead of each
    doing it again.
    """
    from . import html_export

    html_export._exporter()
    html_export.vega_bundle()


class _Progress:
    """A progress bar on a terminal; one plain line per finished report otherwise (a log file, CI, a pipe)."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.bar = None
        if stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", desc="Reports", file=stream)

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, outcome: Outcome) -> None:
        """Count one finished report."""
        self.done += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f"{outcome.name}: {outcome.status}")
            self.bar.update()
        else:
            print(f"stemlib.batch: {self.done}/{self.total} {outcome.name} {outcome.status} ({outcome.seconds:.1f} s)",
                  file=self.stream, flush=True)


def _run(specs: list[ReportSpec], outcomes: list[Outcome], args) -> int:
    output: Path = args.output
    _sweep(output)
    manifest = _read_manifest(output)
    started = time.monotonic()
    interrupted = False
    _preload_exporter(specs)
    pool = ProcessPoolExecutor(max_workers=min(args.jobs, len(specs)), initializer=_worker_signals)
    try:
        futures = {pool.submit(run_report, spec, output, args.cell_timeout, args.kernel_retries,
                               args.fresh_kernels): spec for spec in specs}
        with _Progress(len(futures)) as progress:
            for future in as_completed(futures):
                spec = futures[future]
                try:
                    outcome = future.result()
                except Exception as error:  # noqa: BLE001 - a worker that died still gives an outcome
                    outcome = Outcome(spec.name, "failed", detail=f"worker stopped: {type(error).__name__}: {error}",
                                      title=_title_of(spec), finished=_now())
                outcomes.append(outcome)
                _record(output, manifest, outcome)
                progress.update(outcome)
    except KeyboardInterrupt:
        interrupted = True
        workers = list(getattr(pool, "_processes", {}).values())
        for process in workers:
            process.terminate()
        for process in workers:
            # Dead before the sweep and the index: no report may be written after the interrupt.
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
        pool.shutdown(wait=False, cancel_futures=True)
    finally:
        pool.shutdown(wait=not interrupted, cancel_futures=True)
        _sweep(output)
        write_index(output, manifest)
    print(_summary(sorted(outcomes, key=lambda o: o.name)))
    print(f"{len([o for o in outcomes if o.status == 'done'])} of {len(outcomes)} reports done in "
          f"{time.monotonic() - started:.1f} s; open {_shown(output / 'index.html')}")
    if interrupted:
        print("stemlib.batch: interrupted; finished reports are in place, unfinished ones were not written.",
              file=sys.stderr)
        return 130
    return 1 if any(o.status != "done" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
