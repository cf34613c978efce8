"""Benchmark: print how long the workspace's main steps take and how big the reports are.

Figures, not assertions: run with ``make benchmark`` and compare runs by eye.
Targets the workspace aims at (from the issues): loading must be cheap enough
to call in every notebook cell. The batch's own figures (against the plain
papermill loop and the kernel floor, report sizes, scaling) come from
``benchmarks/batch.py``.

The synthetic part (a 100,000-row observations file) is generated here and
labelled synthetic; it never touches data/.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def timed(label: str, function, repeat: int = 1):
    """Run ``function`` ``repeat`` times and print the best time."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    print(f"{label:<55} {best * 1000:10.1f} ms")
    return result


def synthetic_folder(rows: int) -> Path:
    """A data folder with ``rows`` synthetic observations (SYNTHETIC, for timing only)."""
    folder = Path(tempfile.mkdtemp(prefix="stemlib-bench-")) / "data"
    (folder / "observations").mkdir(parents=True)
    (folder / "sources.csv").write_text("id,title,publisher,year,address,licence\n"
                                        "synthetic,SYNTHETIC benchmark data,benchmarks/run.py,,benchmarks/run.py,none\n",
                                        encoding="utf-8")
    lines = ["indicator,region,year,sex,level,breakdown,value,unit,qualifier,source,locator"]
    codelist = REPO / "stemlib" / "definitions" / "codelists" / "municipalities.csv"
    municipalities = [row.split(",")[0] for row in codelist.read_text(encoding="utf-8").splitlines()
                      if row[:1].isdigit()]
    count = 0
    for year in range(1900, 2101):
        for code in municipalities:
            for sex in ("total", "women", "men"):
                if count >= rows:
                    break
                lines.append(f"stem_intake,{code},{year},{sex},eud,all,{count % 997},persons,,synthetic,synthetic row")
                count += 1
    (folder / "observations" / "synthetic.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    from stemlib import report
    from stemlib.data.observations import clear_cache, load_observations
    from stemlib.report import sections

    print("STEM barometer benchmark (wall-clock, best of runs)\n")
    clear_cache()
    timed("load_observations, first call (real data)", lambda: load_observations(include_statbank=True))
    table = timed("load_observations, cached call", load_observations, repeat=20)
    print(f"{'  rows in the observations table':<55} {len(table):10d}")
    folder = synthetic_folder(100_000)
    timed("load_observations, 100,000 synthetic rows", lambda: load_observations(folder))
    shutil.rmtree(folder.parent, ignore_errors=True)

    ctx = report.context("081")
    built = []
    for builder in (sections.summary_section, sections.gender_section, sections.dropout_section,
                    sections.a_levels_section, sections.veu_section, sections.targets_section):
        built.append(timed(f"section {builder.__name__}", lambda b=builder: b(ctx)))
    from stemlib.publish.html_export import vega_bundle

    timed("Vega bundle (user cache, or built by vl-convert)", vega_bundle)
    print("\nThe batch against papermill and the kernel floor: benchmarks/batch.py")


if __name__ == "__main__":
    main()
