"""Synthetic StatBank answers in the documented shapes, served by a fake transport (no network).

Everything here is synthetic test data made by code. The shapes follow
../shared/data/statbank.md: tableinfo JSON (id, text, unit, suppressedDataValue,
updated, variables with id/text/elimination/time/values), CSV answers with a
byte-order mark, CRLF, semicolons, an upper-case header ending in INDHOLD and,
in Danish, a decimal comma, and HTTP 400 errors with a JSON message.
"""

from __future__ import annotations

import itertools
import json

from stemlib.statbank.client import Response, StatBankUnreachable, resolve_values


def var(id_, values, *, time=False, elimination=False, text=None):
    return {"id": id_, "text": text or id_.lower(), "elimination": elimination, "time": time,
            "values": [{"id": v, "text": t} for v, t in values]}


YEARS = [("2017", "2017"), ("2018", "2018"), ("2019", "2019")]
SEX = [("10", "Total"), ("M", "Men"), ("K", "Women")]
REGIONS = [("000", "All Denmark"), ("081", "Region Nordjylland"), ("082", "Region Midtjylland")]
LEVELS = ["H30", "H40", "H50", "H60", "H70", "H80"]
STEM = ["H4035", "H4058", "H5035", "H5058", "H6035", "H6059", "H7035", "H7059", "H8035", "H8059"]

TABLEINFO = {
    "UDDAKT10": {"id": "UDDAKT10", "text": "Education activity", "unit": "number", "suppressedDataValue": "..",
                 "updated": "2025-03-25T07:00:00", "active": True,
                 "variables": [var("BOPOMR", REGIONS),
                               var("UDDANNELSE", [(c, c) for c in LEVELS + STEM + ["H4080", "H7090"]]),
                               var("ALDER", [("TOT", "Age, total"), ("20-24", "20-24 years")], elimination=True),
                               var("KØN", SEX), var("FSTATUS", [("B", "Enrolled"), ("F", "Completed"), ("T", "Intake")]),
                               var("Tid", YEARS, time=True)]},
    "UDDAKT30": {"id": "UDDAKT30", "text": "Upper secondary", "unit": "number", "suppressedDataValue": "..",
                 "updated": "2025-03-25T07:00:00",
                 "variables": [var("UDDANNELSE", [("TOT", "Total"), ("STX", "STX"), ("HTX", "HTX (higher technical)")]),
                               var("BOPREG", REGIONS), var("HERKOMST", [("TOT", "Total"), ("5", "Danish origin")],
                                                           elimination=True),
                               var("KØN", SEX), var("FSTATUS", [("B", "Enrolled")]), var("Tid", YEARS, time=True)]},
    "VEU20": {"id": "VEU20", "text": "Adult education", "unit": "number", "suppressedDataValue": "..",
              "updated": "2025-03-25T07:00:00",
              "variables": [var("FUDDOMR", [("TOT", "Total"), ("10145", "Natural science"),
                                            ("10150", "Information and communication technology (ICT)"),
                                            ("10180", "Health")]),
                            var("OMRÅDE", REGIONS), var("ALDER", [("TOT", "Age, total")], elimination=True),
                            var("KØN", [("TOT", "Total"), ("M", "Men"), ("K", "Women")]),
                            var("OVERNAT1", [("11", "Participants"), ("13", "Full-time equivalents")]),
                            var("TIDSPUNKTER", [("11", "Calendar year"), ("22", "School year")]),
                            var("Tid", [("2011", "2011"), ("2012", "2012")], time=True)]},
    "GENMF10": {"id": "GENMF10", "text": "Dropout", "unit": "number", "suppressedDataValue": "..",
                "updated": "2025-03-25T07:00:00",
                "variables": [var("UDDANNELSE", [(c, c) for c in LEVELS + STEM]),
                              var("HERKOMST", [("TOT", "Total")], elimination=True), var("KØN", SEX),
                              var("STAT", [("TOT", "Cohort"), ("3", "Dropout within 1 year"), ("7", "Dropout 5y")]),
                              var("Tid", YEARS, time=True)]},
    "LIGEUB6": {"id": "LIGEUB6", "text": "Higher STEM", "unit": "number", "suppressedDataValue": "..",
                "updated": "2025-03-25T07:00:00",
                "variables": [var("UDDANNELSE", [("TOTS", "STEM total"), ("TOTO", "Other total")]),
                              var("KØN", [("M", "Men"), ("K", "Women")]), var("Tid", YEARS, time=True)]},
    "LIGEUI6": {"id": "LIGEUI6", "text": "STEM gender indicator", "unit": "per cent", "suppressedDataValue": "..",
                "updated": "2025-03-25T07:00:00",
                "variables": [var("INDIKATOR", [("LA1", "Men (pct.)"), ("LA2", "Women (pct.)"),
                                                ("LA3", "Difference (percentage points)")]),
                              var("Tid", YEARS, time=True)]},
}

# Hand-set cells, as (table, {variable: code}, value); variables not named match any code. Every other cell is 7.
# The expected answers in the tests are worked out from these by hand.
CELLS: list[tuple[str, dict, float | None]] = []
# UDDAKT10, Nordjylland 2018, intake (T): 1,000 at each higher level, STEM codes as below (total, women).
_STEM_2018 = {"H4035": (100, 40), "H4058": (150, 20), "H5035": (50, 10), "H5058": (50, 10), "H6035": (200, 80),
              "H6059": (100, 20), "H7035": (300, 120), "H7059": (200, 60), "H8035": (10, 5), "H8059": (40, 15)}
_NORD_2018 = {"BOPOMR": "081", "FSTATUS": "T", "Tid": "2018"}
for level in ("H40", "H50", "H60", "H70", "H80"):
    CELLS.append(("UDDAKT10", {**_NORD_2018, "UDDANNELSE": level, "KØN": "10"}, 1000))
for code, (total, women) in _STEM_2018.items():
    CELLS.append(("UDDAKT10", {**_NORD_2018, "UDDANNELSE": code, "KØN": "10"}, total))
    CELLS.append(("UDDAKT10", {**_NORD_2018, "UDDANNELSE": code, "KØN": "K"}, women))
CELLS.append(("UDDAKT10", {"BOPOMR": "082", "UDDANNELSE": "H8059", "KØN": "K", "FSTATUS": "T", "Tid": "2018"}, None))
# UDDAKT30, Nordjylland 2018: 8,000 upper-secondary students, 1,200 in HTX, 300 of them women.
CELLS += [("UDDAKT30", {"UDDANNELSE": "TOT", "BOPREG": "081", "KØN": "10", "Tid": "2018"}, 8000),
          ("UDDAKT30", {"UDDANNELSE": "HTX", "BOPREG": "081", "KØN": "10", "Tid": "2018"}, 1200),
          ("UDDAKT30", {"UDDANNELSE": "HTX", "BOPREG": "081", "KØN": "K", "Tid": "2018"}, 300)]
# VEU20, Nordjylland, both sexes: all areas 50,000 (2011) and 40,000 (2012); STEM areas 6,000+4,000 and 4,500+3,000.
_VEU = {"OVERNAT1": "11", "TIDSPUNKTER": "11", "OMRÅDE": "081", "KØN": "TOT"}
CELLS += [("VEU20", {**_VEU, "FUDDOMR": "TOT", "Tid": "2011"}, 50000),
          ("VEU20", {**_VEU, "FUDDOMR": "TOT", "Tid": "2012"}, 40000),
          ("VEU20", {**_VEU, "FUDDOMR": "10145", "Tid": "2011"}, 6000),
          ("VEU20", {**_VEU, "FUDDOMR": "10150", "Tid": "2011"}, 4000),
          ("VEU20", {**_VEU, "FUDDOMR": "10145", "Tid": "2012"}, 4500),
          ("VEU20", {**_VEU, "FUDDOMR": "10150", "Tid": "2012"}, 3000)]


def cell_value(table: str, combo: dict) -> float | None:
    """Return the hand-set value of a cell, or 7."""
    for name, conditions, value in CELLS:
        if name == table and all(combo.get(k) == v for k, v in conditions.items()):
            return value
    return 7


class FakeStatBank:
    """Answers tableinfo and data requests like StatBank; counts the calls."""

    def __init__(self, *, lang_comma: bool = False, fail_first: int = 0, updated: str | None = None):
        self.calls: list[tuple[str, dict]] = []
        self.lang_comma = lang_comma
        self.fail_first = fail_first
        self.updated = updated

    def __call__(self, url: str, body: bytes, timeout: float) -> Response:
        payload = json.loads(body)
        function = url.rsplit("/", 1)[-1]
        self.calls.append((function, payload))
        if self.fail_first:
            self.fail_first -= 1
            return Response(503, b'{"message": "busy"}', {})
        table = payload["table"]
        if table not in TABLEINFO:
            return Response(400, json.dumps({"errorTypeCode": "TABLE-NOT-FOUND",
                                             "message": f"Tabellen {table} findes ikke"}).encode(), {})
        info = dict(TABLEINFO[table])
        if self.updated:
            info["updated"] = self.updated
        if function == "tableinfo":
            return Response(200, json.dumps(info).encode(), {})
        return Response(200, self._csv(info, payload), {})

    def _csv(self, info: dict, payload: dict) -> bytes:
        by_id = {v["id"]: v for v in info["variables"]}
        wanted = [(v["code"], resolve_values(by_id[v["code"]], v["values"])) for v in payload["variables"]]
        lines = [";".join([code.upper() for code, _ in wanted] + ["INDHOLD"])]
        for combo in itertools.product(*[values for _, values in wanted]):
            value = cell_value(info["id"], dict(zip([code for code, _ in wanted], combo)))
            text = ".." if value is None else (f"{value:g}".replace(".", ",") if self.lang_comma else f"{value:g}")
            lines.append(";".join([*combo, text]))
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def unreachable_transport(url: str, body: bytes, timeout: float) -> Response:
    raise StatBankUnreachable("[Errno -2] Name or service not known")
