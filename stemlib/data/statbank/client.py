"""A small client for Statistics Denmark's StatBank API (tableinfo and data).

Requests are POSTed as JSON. Transient failures (time-outs, HTTP 429 and 5xx)
are retried politely with a growing pause; a host that cannot be reached at
all (no DNS, connection refused) is reported at once as
:class:`StatBankUnreachable`. HTTP 400 becomes :class:`StatBankError` carrying
StatBank's own message. The transport is a plain callable so tests can fake
it without the network.
"""

from __future__ import annotations

import json
import math
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Callable

from stemlib.errors import StatBankError

from .parse import parse_csv, parse_jsonstat

#: The API address; ``STEMLIB_STATBANK_URL`` overrides it (tests point it at a host that never resolves).
BASE_URL = os.environ.get("STEMLIB_STATBANK_URL", "https://api.statbank.dk/v1")
CELL_CAP = 1_000_000


class StatBankUnreachable(StatBankError):
    """StatBank could not be reached (offline, DNS failure, connection refused)."""

    def __init__(self, reason: object):
        self.reason = str(reason)
        super().__init__(f"StatBank could not be reached ({self.reason}).")


@dataclass
class Response:
    """What a transport returns."""

    status: int
    body: bytes
    headers: dict


Transport = Callable[[str, bytes, float], Response]


def urllib_transport(url: str, body: bytes, timeout: float) -> Response:
    """POST ``body`` as JSON to ``url`` with the standard library."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8",
                                              "User-Agent": "stemlib-statbank/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - fixed https host
            return Response(answer.status, answer.read(), dict(answer.headers))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read(), dict(error.headers or {}))
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise TimeoutError(str(reason)) from None
        raise StatBankUnreachable(reason) from None
    except (socket.timeout, TimeoutError) as error:
        raise TimeoutError(str(error)) from None


class StatBankClient:
    """Talk to StatBank.

    Parameters
    ----------
    transport : callable, optional
        ``transport(url, body, timeout) -> Response``; the network by default.
    timeout : float
        Seconds per request.
    retries : int
        Further tries after a transient failure.
    pause : float
        Seconds before the first retry; doubled each time (a ``Retry-After`` header wins).
    lang : {"en", "da"}
        Language of labels; Danish answers use a decimal comma in CSV.
    """

    def __init__(self, transport: Transport | None = None, *, base_url: str | None = None, timeout: float = 30.0,
                 retries: int = 3, pause: float = 2.0, lang: str = "en", sleep: Callable[[float], None] = time.sleep):
        self.transport = transport or urllib_transport
        self.base_url = (base_url or os.environ.get("STEMLIB_STATBANK_URL") or BASE_URL).rstrip("/")
        self.timeout, self.retries, self.pause, self.lang, self.sleep = timeout, retries, pause, lang, sleep

    def _post(self, function: str, payload: dict, *, retries: int | None = None) -> bytes:
        url = f"{self.base_url}/{function}"
        body = json.dumps({**payload, "lang": self.lang}, ensure_ascii=False).encode("utf-8")
        tries = (self.retries if retries is None else retries) + 1
        for attempt in range(tries):
            try:
                answer = self.transport(url, body, self.timeout)
            except TimeoutError as error:
                if attempt + 1 == tries:
                    raise StatBankError(f"StatBank did not answer within {self.timeout:g} s ({function}).") from error
                self.sleep(self.pause * 2 ** attempt)
                continue
            if answer.status == 200:
                return answer.body
            if answer.status == 400:
                raise StatBankError(f"StatBank refused the {function} request for {payload.get('table')}: "
                                    f"{_message(answer.body)}")
            if answer.status in (429, 500, 502, 503, 504) and attempt + 1 < tries:
                wait = answer.headers.get("Retry-After")
                self.sleep(float(wait) if wait and str(wait).isdigit() else self.pause * 2 ** attempt)
                continue
            raise StatBankError(f"StatBank answered HTTP {answer.status} to {function} for {payload.get('table')}: "
                                f"{_message(answer.body)}")
        raise StatBankError(f"StatBank gave no answer to {function}.")  # pragma: no cover - loop always returns

    def tableinfo(self, table: str, *, retries: int | None = None) -> dict:
        """Return a table's metadata: variables with their values, ``updated``, ``suppressedDataValue`` ..."""
        body = self._post("tableinfo", {"table": table, "format": "JSON"}, retries=retries)
        try:
            info = json.loads(body.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            raise StatBankError(f"StatBank's tableinfo answer for {table} is not JSON: {body[:80]!r}") from None
        if not isinstance(info, dict) or not isinstance(info.get("variables"), list):
            raise StatBankError(f"StatBank's tableinfo answer for {table} has no list of variables.")
        return info

    def data(self, table: str, variables: dict[str, list[str]], *, fmt: str = "CSV", suppressed: str | None = ".."):
        """Return the data for ``variables`` (``{"KØN": ["M", "K"], "Tid": [">=2011"]}``) as a long table."""
        payload = {"table": table, "format": fmt, "valuePresentation": "Code", "timeOrder": "Ascending",
                   "variables": [{"code": code, "values": list(values)} for code, values in variables.items()]}
        body = self._post("data", payload)
        if fmt == "JSONSTAT":
            try:
                return parse_jsonstat(json.loads(body.decode("utf-8-sig")))
            except (ValueError, UnicodeDecodeError):
                raise StatBankError(f"StatBank's JSON-stat answer for {table} is not JSON.") from None
        return parse_csv(body, decimal_comma=self.lang == "da", suppressed=suppressed)


def _message(body: bytes) -> str:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return body.decode("utf-8", "replace")[:300] or "(no message)"
    if isinstance(document, dict):
        return str(document.get("message") or document.get("errorMessage") or document)
    return str(document)


def resolve_values(variable: dict, selector: list[str]) -> list[str]:
    """Expand StatBank value selectors (``*``, ``*K1``, ``>=2011<=2024``, ``(1)``, ``(-n+3)``) against tableinfo."""
    codes = [value["id"] for value in variable["values"]]
    chosen: list[str] = []
    for item in selector:
        if item == "*":
            chosen += codes
        elif item.startswith("*"):
            chosen += [c for c in codes if c.endswith(item[1:])]
        elif item.startswith((">=", "<=", ">", "<")):
            low, high = _range(item)
            chosen += [c for c in codes if (low is None or c >= low) and (high is None or c <= high)]
        elif item.startswith("(") and item.endswith(")"):
            inner = item[1:-1]
            count = int(inner.split("+")[-1]) if "n" in inner else int(inner)
            chosen += codes[-count:]
        elif item in codes:
            chosen.append(item)
        else:
            raise StatBankError(f"value {item!r} is not in variable {variable['id']}; e.g. {codes[:5]}")
    return list(dict.fromkeys(chosen))


def _range(item: str) -> tuple[str | None, str | None]:
    import re

    low = re.search(r">=?([^<>=]+)", item)
    high = re.search(r"<=?([^<>=]+)", item)
    return (low.group(1) if low else None, high.group(1) if high else None)


def split_under_cap(tableinfo: dict, variables: dict[str, list[str]], cap: int = CELL_CAP) -> list[dict[str, list[str]]]:
    """Split a query into queries of at most ``cap`` cells, by time first, then by the largest variable.

    Every selector is expanded against ``tableinfo`` so the cell count is exact.
    """
    by_id = {v["id"]: v for v in tableinfo["variables"]}
    expanded = {code: resolve_values(by_id[code], values) for code, values in variables.items()}
    cells = math.prod(len(values) for values in expanded.values())
    if cells <= cap:
        return [expanded]
    time_id = next((v["id"] for v in tableinfo["variables"] if v.get("time")), None)
    order = ([time_id] if time_id in expanded else []) + sorted(
        (c for c in expanded if c != time_id), key=lambda c: -len(expanded[c]))
    for code in order:
        others = cells // len(expanded[code])
        if others <= cap:
            per_chunk = max(1, cap // others)
            values = expanded[code]
            return [{**expanded, code: values[i:i + per_chunk]} for i in range(0, len(values), per_chunk)]
    # Even one value of every variable but the largest is too big: split recursively on the first variable.
    first = order[0]
    parts = []
    for value in expanded[first]:
        parts += split_under_cap(tableinfo, {**expanded, first: [value]}, cap)
    return parts
