"""The offline page as an export format of a running JupyterLab ("Save and Export Notebook As").

JupyterLab builds that menu from the server's ``GET /api/nbconvert`` (every exporter nbconvert
finds, minus a few it hides) and downloads ``GET /nbconvert/<format>/<notebook>?download=true``.
The test starts a real ``jupyter lab`` on 127.0.0.1 over the folder of the report made by hand
and asks it both.
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from stemlib.publish.html_export import check_offline
from tests.support.by_hand import BIN, FORMAT

pytestmark = pytest.mark.slow

#: Formats JupyterLab leaves out of its export menu (@jupyterlab/notebook-extension, FORMAT_EXCLUDE).
HIDDEN_BY_JUPYTERLAB = {"notebook", "python", "custom"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(by_hand, tmp_path_factory):
    """A real ``jupyter lab`` serving the by-hand report's folder; yields a function that GETs a path from it."""
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp_path_factory.mktemp("lab") / "jupyter-lab.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={by_hand.parent}"],
            stdout=output, stderr=subprocess.STDOUT)

    def get(path: str):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()

    try:
        deadline = time.monotonic() + 120
        while True:  # wait until the server answers (or has stopped, or takes far too long)
            assert process.poll() is None, f"jupyter lab stopped:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"jupyter lab did not answer within 120 s:\n{log.read_text()[-3000:]}"
            try:
                get("/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        yield get
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def test_jupyterlab_lists_the_format_in_its_export_menu(lab):
    status, _, body = lab("/api/nbconvert")
    formats = json.loads(body)
    assert status == 200 and FORMAT in formats, f"{FORMAT} is not among the server's formats {sorted(formats)}"
    assert FORMAT not in HIDDEN_BY_JUPYTERLAB
    assert formats[FORMAT]["output_mimetype"] == "text/html"


def test_jupyterlab_export_downloads_the_same_offline_page_as_the_command_line(lab, by_hand):
    status, headers, body = lab(f"/nbconvert/{FORMAT}/{by_hand.with_suffix('.ipynb').name}?download=true")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    disposition = headers.get("Content-Disposition", "")
    assert disposition.startswith("attachment") and disposition.endswith(by_hand.name), disposition
    page = body.decode("utf-8")
    check_offline(page)
    assert '<html lang="en">' in page and page.count('id="stemlib-vega-runtime"') == 1
    assert page == by_hand.read_text(encoding="utf-8"), "JupyterLab's export differs from `jupyter nbconvert`'s page"
