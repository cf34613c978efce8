"""Benchmark: each report page's size, and how fast it shows on a phone, against the page from before issue 18.

For every page (a fresh batch, or the folder given with ``--reports``) and for the fixture
``benchmarks/fixture/nordjylland-before-issue18.html`` (the Nordjylland page as it was), in the same run:

* its size in bytes;
* on an emulated phone (a 390 x 844 pixel window, the CPU slowed four times through the DevTools
  protocol's ``Emulation.setCPUThrottlingRate``, as Chrome's DevTools do), the time from navigation to
  the first contentful paint, to the first chart drawn (the one in view at the top) and to the last chart
  drawn (every chart box holds Vega's drawn SVG), the median of ``--runs`` loads, each in a fresh browser
  tab, pages taken in turns;
* the layout shift the page made while it loaded (the browser's cumulative layout shift score);
* whether the first screen was painted before any chart script ran (the page's own performance mark).

The times are printed as ratios to the fixture's: a ratio holds on any machine, milliseconds do not.
Figures, not assertions; docs/benchmarks.md keeps them with their date.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
FIXTURE = REPO / "benchmarks" / "fixture" / "nordjylland-before-issue18.html"
PHONE = {"width": 390, "height": 844}
CPU_SLOWDOWN = 4

#: Runs before the page's own scripts: records when every chart box first holds a drawn chart, and the
#: layout shifts. The same test for old and new pages: both draw with Vega's SVG renderer.
WATCH = """
(() => {
  window.__bench = {firstChart: null, lastChart: null, shift: 0};
  const drawn = () => [...document.querySelectorAll('.stemlib-chart')].map(c => !!c.querySelector('svg.marks g'));
  new MutationObserver((changes, observer) => {
    const charts = drawn();
    if (window.__bench.firstChart === null && charts[0]) window.__bench.firstChart = performance.now();
    if (document.readyState !== 'loading' && charts.length && charts.every(Boolean)) {
      window.__bench.lastChart = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__bench.shift += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
})();
"""

RESULT = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const start = performance.getEntriesByName('stemlib-charts-start')[0];
  return {paint: paint ? paint.startTime : null, firstChart: window.__bench.firstChart,
          lastChart: window.__bench.lastChart, shift: window.__bench.shift,
          chartsStart: start ? start.startTime : null};
}"""

READY = "() => window.__bench && window.__bench.lastChart !== null && performance.getEntriesByName('first-contentful-paint').length > 0"


def fresh_batch(output: Path, data: Path | None = None) -> Path:
    """Run the batch (every report in parameters/) into ``output``, on ``data`` (default: the repository's)."""
    env = {**os.environ, **({"STEMLIB_DATA_DIR": str(data)} if data else {})}
    result = subprocess.run([sys.executable, "-m", "stemlib.batch", "--output", str(output), "--jobs", "2"],
                            cwd=REPO, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"the batch failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return output


def statbank_data(folder: Path) -> Path:
    """A copy of data/ with a full StatBank cache, fetched by ``stemlib.fetch`` from the tests' stand-in server.

    The stand-in answers with the six tables' real structure and SYNTHETIC numbers: the pages have the size and
    shape they have after ``make data``, not its figures.
    """
    from tests.support.statbank_server import StandInStatBank

    data = folder / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("statbank"))
    with StandInStatBank() as stand_in:
        subprocess.run([sys.executable, "-m", "stemlib.fetch"], cwd=REPO, check=True, capture_output=True,
                       env={**os.environ, "STEMLIB_STATBANK_URL": stand_in.url, "STEMLIB_DATA_DIR": str(data)})
    return data


def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1; return the server and its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}/"


def load_once(browser, url: str) -> dict:
    """Open ``url`` in a fresh phone-sized tab with the CPU slowed; return its timings."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        # Everything the page needs is in the page: anything else is refused (and would show in the timings).
        page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page.goto(url, wait_until="load")
        page.wait_for_function(READY, timeout=120_000, polling=50)
        return page.evaluate(RESULT)
    finally:
        context.close()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, help="measure the pages in this folder (default: a fresh batch)")
    parser.add_argument("--runs", type=int, default=5, help="loads per page (the median is printed)")
    parser.add_argument("--statbank", action="store_true",
                        help="make the pages with a full StatBank cache from the tests' stand-in server (synthetic)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from tests.support.playwright_session import CHROMIUM

    if CHROMIUM is None:
        sys.exit("benchmarks/pages.py needs Chromium (apt-get install chromium)")
    work = Path(tempfile.mkdtemp(prefix="stemlib-pages-"))
    try:
        folder = args.reports or fresh_batch(work / "reports", statbank_data(work) if args.statbank else None)
        served = work / "served"
        served.mkdir()
        names = ["before: nordjylland (fixture)"]
        shutil.copy(FIXTURE, served / "fixture.html")
        files = {names[0]: served / "fixture.html"}
        for page in sorted(folder.glob("*.html")):
            if page.stem != "index":
                shutil.copy(page, served / page.name)
                names.append(page.stem)
                files[page.stem] = served / page.name
        sizes = {name: path.stat().st_size for name, path in files.items()}
        httpd, address = serve(served)
        results: dict[str, list[dict]] = {name: [] for name in names}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
            load_once(browser, f"{address}fixture.html")  # a first load warms the browser's own caches
            for _ in range(args.runs):
                for name in names:  # in turns, so a slow moment of the machine touches every page alike
                    results[name].append(load_once(browser, f"{address}{files[name].name}"))
            browser.close()
        httpd.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = {key: median(r[key] for r in results[names[0]]) for key in ("paint", "firstChart", "lastChart")}
    base_size = FIXTURE.stat().st_size
    cache = " with a full StatBank cache (stand-in server, synthetic figures)" if args.statbank else ""
    print(f"Report pages{cache} on an emulated phone ({PHONE['width']} px, CPU x{CPU_SLOWDOWN}), medians of {args.runs} "
          f"loads; ratios to the fixture (the Nordjylland page before issue 18) measured in the same run.\n")
    print(f"{'page':<31}{'size':>11}{'x size':>8}{'first paint':>13}{'x':>6}{'first chart':>13}{'x':>6}"
          f"{'last chart':>12}{'x':>6}{'shift':>7}  charts after paint")
    for name in names:
        runs = results[name]
        size = sizes[name]
        paint, last = median(r["paint"] for r in runs), median(r["lastChart"] for r in runs)
        first = median(r["firstChart"] for r in runs)
        shift = median(r["shift"] for r in runs)
        starts = [r["chartsStart"] for r in runs]
        after = "n/a (script in the head)" if None in starts else \
            ("yes" if all(r["chartsStart"] >= r["paint"] for r in runs) else "NO")
        print(f"{name:<31}{size / 1e6:>9.2f}MB{size / base_size:>8.2f}{paint:>10.0f} ms{paint / base['paint']:>6.2f}"
              f"{first:>10.0f} ms{first / base['firstChart']:>6.2f}{last:>9.0f} ms{last / base['lastChart']:>6.2f}"
              f"{shift:>7.3f}  {after}")
    print("\nGoals (issue 18): every page <= 1.0 MB (stretch 0.6 MB); Nordjylland's last chart <= 0.6 x the fixture's; "
          "first screen painted before any chart script runs.")


if __name__ == "__main__":
    main()
