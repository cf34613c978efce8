"""A local HTTP stand-in for StatBank (standard library, 127.0.0.1, a free port), answering like the real API.

It serves ``POST /v1/tableinfo`` and ``POST /v1/data`` with the answers of :func:`statbank_fixtures.answer`
(the six tables' real structure, synthetic numbers): JSON tableinfo, CSV data with a byte-order mark, CRLF and
semicolons, eliminated variables summed away, and HTTP 400 with a JSON message for an unknown table, variable
or code. ``tables`` may be swapped between runs to serve a table whose structure is wrong.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support.statbank_fixtures import TABLEINFO, answer

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


class StandInStatBank:
    """Run the stand-in in a background thread; ``url`` is the base address (``http://127.0.0.1:<port>/v1``)."""

    def __init__(self, tables: dict | None = None):
        self.tables = tables or TABLEINFO
        self.requests: list[tuple[str, dict]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    payload = json.loads(self.rfile.read(length).decode("utf-8"))
                except ValueError:
                    return self._send(400, b'{"message": "The request body is not JSON."}', "json")
                function = self.path.rstrip("/").rsplit("/", 1)[-1]
                if function not in ("tableinfo", "data"):
                    return self._send(404, b'{"message": "Unknown function."}', "json")
                stand_in.requests.append((function, payload))
                status, body, kind = answer(function, payload, stand_in.tables)
                return self._send(status, body, kind)

            def _send(self, status, body, kind):
                self.send_response(status)
                self.send_header("Content-Type", CONTENT_TYPES[kind])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep the test output quiet
                pass

        # Bound and listening once the constructor returns, so clients may connect at once (no waiting needed).
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "StandInStatBank":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
