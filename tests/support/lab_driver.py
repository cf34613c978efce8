"""Start a real JupyterLab from the project's environment and drive it with Debian's Chromium.

Used by tests/e2e/test_jupyterlab.py. JupyterLab runs on 127.0.0.1, on a free port, with a token, with
the workspace's own settings (jupyter/jupyter_lab_config.py, as `make lab` uses) and throwaway
user-settings, workspaces, runtime and IPython folders. It serves copies of the notebooks, so
running them never writes outputs into the repository's files.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from tests.support.playwright_session import CHROMIUM
from tests.support.repo import REPO

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic",
                  # Belt and braces: a name other than 127.0.0.1 does not even resolve.
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
#: Throwaway user settings: render every cell (JupyterLab 4 otherwise only attaches the cells near
#: the viewport, and a chart far down would never draw), and no autosave into the copies.
USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """A running ``jupyter lab`` (use :func:`running_lab`)."""

    def __init__(self, root: Path, notebooks: list[Path]):
        self.root = root
        self.work = root / "notebooks"
        self.work.mkdir()
        for path in notebooks:
            shutil.copy(path, self.work / path.name)
        settings = root / "user-settings"
        for name, values in USER_SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values), encoding="utf-8")
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
               "JUPYTER_DATA_DIR": str(root / "data"), "IPYTHONDIR": str(root / "ipython"),
               "JUPYTER_PLATFORM_DIRS": "0", "PYTHONUNBUFFERED": "1"}
        self.log: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", f"--config={REPO / 'jupyter' / 'jupyter_lab_config.py'}",
             "--no-browser", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
             f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.work}",
             f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={root / 'workspaces'}",
             # Lets the test read the notebook model (outputs, errors, kernel state) in the page.
             "--LabApp.expose_app_in_browser=True",
             # CI runs as root in a container; JupyterLab refuses root unless told.
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.log.append(line.rstrip())
            self._lines.put(line)
        self._lines.put(None)

    def wait_until_serving(self, timeout: float = 120) -> None:
        """Block until JupyterLab logs the address it serves (or fail with its log)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise RuntimeError(f"JupyterLab did not start within {timeout} s:\n" + "\n".join(self.log[-40:]))
            if line is None:
                raise RuntimeError("JupyterLab exited:\n" + "\n".join(self.log[-40:]))
            if f"127.0.0.1:{self.port}/" in line and "running at" in " ".join(self.log[-3:]):
                return

    def url(self, notebook: str, workspace: str) -> str:
        """The address that opens ``notebook`` in a fresh (reset) workspace."""
        return f"{self.base}lab/workspaces/{workspace}/tree/{notebook}?reset&token={self.token}"

    def stop(self) -> None:
        """Stop JupyterLab and its kernels (its own process group only)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(timeout=30)


@contextmanager
def running_lab(root: Path, notebooks: list[Path]):
    """Yield a :class:`LabServer` serving copies of ``notebooks``; stop it afterwards."""
    server = LabServer(root, notebooks)
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def is_local(url: str) -> bool:
    """True for addresses on this machine's loopback (and data:/blob: URLs, which load nothing)."""
    parsed = urlparse(url)
    return parsed.scheme in {"data", "blob", "about"} or parsed.hostname == "127.0.0.1"


#: True once the notebook is open, its kernel is running and idle.
NOTEBOOK_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!(panel && panel.context && panel.context.isReady && kernel && kernel.status === 'idle'
            && kernel.connectionStatus === 'connected');
}"""

#: True once Run All has finished: kernel idle, nothing queued, every code cell run (or a cell failed,
#: which stops the run).
RUN_FINISHED = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  if ([...panel.node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))) return false;
  const cells = panel.content.widgets.filter(w => w.model.type === 'code');
  const failed = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return failed || cells.every(c => c.model.executionCount !== null);
}"""

#: Every output of type "error" in the notebook model: cell index, exception name and message.
ERRORS = """() => window.jupyterapp.shell.currentWidget.content.widgets.flatMap((w, i) =>
  w.model.type !== 'code' ? [] : w.model.outputs.toJSON().filter(o => o.output_type === 'error')
    .map(o => ({cell: i, ename: o.ename, evalue: o.evalue})))"""

#: How many chart outputs the notebook model holds (Vega-Lite mimetype outputs of cells).
MODEL_CHARTS = """() => window.jupyterapp.shell.currentWidget.content.widgets.reduce((n, w) =>
  n + (w.model.type !== 'code' ? 0 : w.model.outputs.toJSON().filter(o =>
    Object.keys(o.data || {}).some(k => k.startsWith('application/vnd.vegalite'))).length), 0)"""

#: Each chart element on the page and whether it has drawn: SVG marks, or a canvas with ink on it.
CHART_STATE = """(root) => [...(root || document).querySelectorAll('.jp-RenderedVegaCommon5')].map(el => {
  const svg = el.querySelector('svg.marks');
  let drawn = false, how = 'nothing';
  if (svg) { drawn = svg.querySelectorAll('[role="graphics-symbol"], .mark-text text, path').length > 0; how = 'svg'; }
  const canvas = el.querySelector('canvas');
  if (!drawn && canvas && canvas.width > 0 && canvas.height > 0) {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4 * 7) { if (pixels[i] > 0) { drawn = true; break; } }
    how = 'canvas';
  }
  const box = el.getBoundingClientRect();
  return {drawn, how, width: Math.round(box.width), height: Math.round(box.height),
          text: svg ? [...svg.querySelectorAll('text')].map(t => t.textContent).join(' | ') : '',
          error: el.textContent.trim().slice(0, 200) && !svg && !canvas ? el.textContent.trim().slice(0, 200) : ''};
})"""


def _kill_renderers(marker: str) -> None:
    """Kill the renderer processes of the Chromium started with ``marker`` among its flags."""
    import psutil

    for process in psutil.process_iter(["cmdline"]):
        if marker in (process.info["cmdline"] or []):
            for child in process.children(recursive=True):
                try:
                    if "--type=renderer" in child.cmdline():
                        child.kill()
                except psutil.Error:
                    pass


class LabTab:
    """One notebook open in its own Chromium and JupyterLab workspace, with what the tab did.

    Each tab has its own browser, so that a tab whose renderer hangs (as JupyterLab's does with a
    ``width="container"`` chart: it resizes in a loop, taking more memory until Chromium gives up)
    can be stopped by :meth:`guard` without touching the others. Playwright's own time-outs do not
    always fire while a renderer is saturated, so the guard kills it from a timer thread instead.
    """

    def __init__(self, chromium, server: LabServer, notebook: str):
        self.notebook = notebook
        self.marker = f"--stemlib-lab-tab={secrets.token_hex(6)}"  # unknown to Chromium, which ignores it
        self.browser = chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, self.marker])
        self.hung = False
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 1000})
        self.page = self.context.new_page()
        self.crashed = False
        self.outside: list[str] = []
        self.page.on("crash", lambda _page: setattr(self, "crashed", True))
        self.page.on("request", lambda request: None if is_local(request.url) else self.outside.append(request.url))
        self.page.on("websocket", lambda ws: None if is_local(ws.url.replace("ws", "http", 1))
                     else self.outside.append(ws.url))
        self.context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        workspace = "t" + secrets.token_hex(6)
        with self.guard(150):
            self.page.goto(server.url(notebook, workspace), wait_until="domcontentloaded")
            self.page.wait_for_function(NOTEBOOK_READY, timeout=120_000)

    @contextmanager
    def guard(self, seconds: float):
        """Kill the tab's renderer if the block has not finished within ``seconds`` (it then raises)."""
        def expire():
            self.hung = True
            _kill_renderers(self.marker)

        timer = threading.Timer(seconds, expire)
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def run_all(self, timeout_s: int = 120) -> None:
        """Run All Cells from the Run menu, as an analyst would, and wait until the run has finished."""
        with self.guard(timeout_s + 15):
            self.page.locator(".lm-MenuBar-item", has_text="Run").first.click()
            self.page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
            self.page.wait_for_function(RUN_FINISHED, timeout=timeout_s * 1000)

    def responsive(self, timeout_ms: int = 10_000) -> bool:
        """Whether the tab still runs JavaScript (a tab whose renderer is stuck in a loop does not)."""
        if self.crashed or self.hung:
            return False
        try:
            with self.guard(timeout_ms / 1000 + 5):
                self.page.wait_for_function("() => true", timeout=timeout_ms)
        except Exception:  # noqa: BLE001 - a crashed or hung tab: either way it did not answer
            return False
        return True

    def evaluate(self, script: str, seconds: float = 30):
        """Run ``script`` in the page (guarded: a hung tab raises instead of blocking the tests)."""
        with self.guard(seconds):
            return self.page.evaluate(script)

    def errors(self) -> list[dict]:
        """The error outputs in the notebook."""
        return self.evaluate(ERRORS)

    def model_charts(self) -> int:
        """The number of chart outputs the cells hold."""
        return self.evaluate(MODEL_CHARTS)

    def charts(self, selector: str | None = None) -> list[dict]:
        """The state of each chart element (inside ``selector`` if given)."""
        with self.guard(30):
            if selector:
                return self.page.locator(selector).first.evaluate(CHART_STATE)
            return self.page.evaluate(CHART_STATE)

    def wait_for_charts(self, expected: int, timeout_s: int = 60) -> None:
        """Wait until at least ``expected`` chart elements exist and every one has drawn."""
        with self.guard(timeout_s + 15):
            self.page.wait_for_function(f"""() => {{ const charts = ({CHART_STATE})();
                return charts.length >= {expected} && charts.every(c => c.drawn || c.error); }}""",
                                        timeout=timeout_s * 1000)

    def screenshot(self, path: Path) -> None:
        """Save what the tab shows (the viewport: JupyterLab scrolls inside its own panel)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.guard(60):
            self.page.screenshot(path=str(path))

    def close(self) -> None:
        """Close the tab's browser."""
        with self.guard(30):
            self.browser.close()
