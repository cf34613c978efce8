"""Benchmark the report batch against the plain papermill loop and against the cost of a kernel.

Run from the repository root (``make benchmark`` runs it too)::

    .venv/bin/python benchmarks/batch.py                 # everything, copies 1, 10 and 100
    .venv/bin/python benchmarks/batch.py --copies 1,5 --repeat 1

It times, in one run on one machine, with the same parameter files:

(a) the workspace batch, ``python -m stemlib.batch``, for every file in parameters/;
(b) the loop an analyst would write by hand: for each parameter file, the
    ``papermill`` command line and then ``jupyter nbconvert --to html``, one after the other;
(c) the floor: starting one kernel and importing pandas and Altair in it, times the
    number of reports, divided by the number of cores.

and prints the wall times (median of ``--repeat`` runs), the ratios (a)/(b) and
(a)/(c) against the goals (at most 0.35 and 1.5), the peak memory of (a) and (b)
(all processes together), the size of every HTML file (goal: under 1.5 MB), where
a report's time goes, and how the batch time grows with N copies of the parameter
files. Numbers are printed, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
BIN = Path(sys.executable).parent
GOAL_PLAIN, GOAL_FLOOR, GOAL_HTML_MB = 0.35, 1.5, 1.5


class PeakMemory:
    """Sample the summed resident memory of a process and all its descendants, every 100 ms."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._root = None
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, pid: int) -> None:
        self._root = psutil.Process(pid)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self._root, *self._root.children(recursive=True)]
                total = 0
                for process in processes:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak


def run_measured(command: list[str], cwd: Path = REPO, memory: bool = False) -> tuple[float, int]:
    """Run ``command``; return its wall time and (with ``memory``) the peak memory of its process tree.

    Memory is sampled in separate runs: the sampling costs CPU, and would slow the timed ones.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory()
    if memory:
        sampler.watch(process.pid)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    peak = sampler.stop()
    if process.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(command[:4])} ... failed ({process.returncode}):\n{stderr[-2000:]}")
    return seconds, peak


def parameter_files() -> list[Path]:
    return sorted((REPO / "parameters").glob("*.yaml"))


def workspace_batch(output: Path, files: list[Path], memory: bool = False) -> tuple[float, int]:
    """(a) the workspace batch."""
    shutil.rmtree(output, ignore_errors=True)
    return run_measured([sys.executable, "-m", "stemlib.batch", *map(str, files), "--output", str(output)],
                        memory=memory)


def plain_loop(output: Path, files: list[Path], memory: bool = False) -> tuple[float, int]:
    """(b) papermill then nbconvert, as command lines, one parameter file after another."""
    import yaml

    from stemlib.publish.params import load_parameter_file

    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    jobs = []
    for path in files:  # the parameter files hold the notebook's name too; papermill takes only parameters
        spec = load_parameter_file(path)
        params = output / f"{spec.name}.params.yaml"
        params.write_text(yaml.safe_dump(spec.parameters, allow_unicode=True), encoding="utf-8")
        jobs.append((spec, params))
    total, peak = 0.0, 0
    for spec, params in jobs:
        executed = output / f"{spec.name}.ipynb"
        for command in ([str(BIN / "papermill"), str(REPO / "notebooks" / spec.notebook), str(executed), "-f",
                         str(params), "--cwd", str(REPO / "notebooks"), "--no-progress-bar"],
                        [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)]):
            seconds, used = run_measured(command, memory=memory)
            total += seconds
            peak = max(peak, used)
    return total, peak


def kernel_floor() -> float:
    """(c)'s unit: start one kernel, wait until it answers, import pandas and Altair in it."""
    from jupyter_client.manager import start_new_kernel

    started = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive("import pandas, altair", timeout=120, output_hook=lambda message: None)
        seconds = time.perf_counter() - started
        if reply["content"]["status"] != "ok":
            raise SystemExit(f"benchmark: the kernel could not import pandas and altair: {reply['content']}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return seconds


def breakdown(files: list[Path]) -> list[tuple[str, float]]:
    """Where one worker's time goes: kernel start, warm-up imports, then per report execution and export."""
    import nbformat
    import papermill

    from stemlib.publish.html_export import notebook_to_html
    from stemlib.publish.params import load_parameter_file
    from stemlib.publish.warm_kernel import WarmKernel

    kernel = WarmKernel(REPO / "notebooks")
    kernel.start()
    rows = [("start a kernel (no imports)", kernel.timings["start"]),
            ("warm-up: import pandas, Altair, stemlib; load data", kernel.timings["warm-up"])]
    run, export, reset = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            spec = load_parameter_file(path)
            started = time.perf_counter()
            engine = kernel.prepare()
            reset.append(time.perf_counter() - started)
            started = time.perf_counter()
            nb = papermill.execute_notebook(str(REPO / "notebooks" / spec.notebook), str(Path(folder) / "x.ipynb"),
                                            parameters=spec.parameters, progress_bar=False,
                                            request_save_on_cell_execute=False, **engine)
            run.append(time.perf_counter() - started)
            started = time.perf_counter()
            notebook_to_html(nbformat.from_dict(nb), spec.name, spec.parameters.get("language", "da"))
            export.append(time.perf_counter() - started)
    kernel.shutdown()
    rows += [("reset the kernel between reports (median)", statistics.median(reset)),
             ("run one report in the warm kernel (median)", statistics.median(run)),
             ("export one report to HTML (median)", statistics.median(export))]
    return rows


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (f"{model or platform.processor() or 'unknown CPU'}, {os.cpu_count()} cores, {memory:.0f} GiB RAM; "
            f"{platform.system()} {platform.release()}; Python {platform.python_version()}")


def mb(size: int) -> str:
    return f"{size / 2**20:.2f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a), (b) and (c); the median is shown")
    parser.add_argument("--copies", default="1,10,100", help="N for the scaling runs, comma-separated")
    args = parser.parse_args(argv)
    copies = [int(n) for n in args.copies.split(",") if n.strip()]
    files = parameter_files()
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="stemlib-batch-bench-"))
    try:
        print(f"Machine: {machine()}")
        print(f"Reports: {len(files)} parameter files; each step run {args.repeat} time(s), median shown.\n")
        workspace_batch(work / "warm-up", files)  # fills the Vega bundle cache and Python's bytecode caches
        a_runs, b_runs, c_runs = [], [], []
        for _ in range(args.repeat):  # interleaved, so a slow spell of the machine hits all three
            a_runs.append(workspace_batch(work / "a", files)[0])
            b_runs.append(plain_loop(work / "b", files)[0])
            c_runs.append(kernel_floor())
        a, b = statistics.median(a_runs), statistics.median(b_runs)
        a_peak = workspace_batch(work / "a-memory", files, memory=True)[1]
        b_peak = plain_loop(work / "b-memory", files, memory=True)[1]
        unit = statistics.median(c_runs)
        c = unit * len(files) / cores
        print(f"(a) workspace batch, python -m stemlib.batch       {a:7.1f} s   peak memory {mb(a_peak)}")
        print(f"(b) plain loop, papermill + nbconvert per file     {b:7.1f} s   peak memory {mb(b_peak)}")
        print(f"    runs: (a) {', '.join(f'{t:.1f}' for t in a_runs)}; (b) {', '.join(f'{t:.1f}' for t in b_runs)}; "
              f"(c) unit {', '.join(f'{t:.2f}' for t in c_runs)}")
        print(f"(c) floor, {unit:.2f} s kernel + imports x {len(files)} / {cores} cores   {c:7.1f} s")
        print(f"(a)/(b) = {a / b:.2f}   goal <= {GOAL_PLAIN}   {'met' if a / b <= GOAL_PLAIN else 'NOT MET'}")
        print(f"(a)/(c) = {a / c:.2f}   goal <= {GOAL_FLOOR}   {'met' if a / c <= GOAL_FLOOR else 'NOT MET'}\n")

        print(f"{'HTML file':<24}{'(a) batch':>12}{'(b) plain':>12}")
        largest = 0
        for path in sorted((work / "a").glob("*.html")):
            plain = work / "b" / path.name
            largest = max(largest, path.stat().st_size if path.name != "index.html" else 0)
            print(f"{path.name:<24}{mb(path.stat().st_size):>12}{mb(plain.stat().st_size) if plain.exists() else '-':>12}")
        print(f"largest report {mb(largest)}   goal < {GOAL_HTML_MB} MB   "
              f"{'met' if largest < GOAL_HTML_MB * 2**20 else 'NOT MET'}")
        print("(b)'s pages load Vega from a CDN and need the network; (a)'s work offline.\n")

        print("Where one worker's time goes")
        for label, seconds in breakdown(files):
            print(f"  {label:<55}{seconds:7.2f} s")
        print()

        print(f"{'copies':>7}{'reports':>9}{'wall s':>9}{'s/report':>10}{'peak memory':>14}")
        for n in copies:
            folder = work / f"params-{n}"
            folder.mkdir()
            copied = []
            for k in range(n):
                for path in files:
                    target = folder / f"{path.stem}_{k:03d}.yaml"
                    shutil.copyfile(path, target)
                    copied.append(target)
            # One run each, memory sampled (every 0.1 s, a small and even cost across the rows).
            seconds, peak = workspace_batch(work / f"scale-{n}", copied, memory=True)
            shutil.rmtree(work / f"scale-{n}", ignore_errors=True)
            print(f"{n:>7}{len(copied):>9}{seconds:>9.1f}{seconds / len(copied):>10.2f}{mb(peak):>14}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
