"""A stand-in for StatBank with the six tables' REAL structure and SYNTHETIC numbers (made by code).

Structure (variable ids, total codes, hierarchies, three-digit area codes, measurement selectors) follows
../shared/data/statbank_tables.md. Where the facts file documents only the ends of a long code list, the
middle codes here are synthetic and marked "synthetic" in their labels; the years are cut to 2010-2013 (real
tables run 2005/2008-2024) to keep the tests small.

Numbers: every code has a synthetic weight; an aggregate code's weight is the sum of its parts (regions of
their municipalities, levels of their fields, sex total of men and women, ...), and a cell is the product of
its codes' weights. So every total equals the sum of its parts, as in StatBank, and the tests can work out
expected figures by hand from the weights below. ``OVERRIDES`` sets single cells (a suppressed one, a true
zero). Answers follow statbank.md: tableinfo JSON; CSV with a byte-order mark, CRLF, semicolons, upper-case
header ending in INDHOLD; a variable left out is eliminated (summed away) when the table allows it; HTTP 400
with a JSON message for an unknown table, variable or code.
"""

from __future__ import annotations

import copy
import itertools
import json
import re

from stemlib.data.statbank.client import Response, StatBankClient, StatBankUnreachable
from stemlib.definitions.regions import municipalities

YEARS = ["2010", "2011", "2012", "2013"]
SYNTHETIC = "synthetic"


def _var(id_, weights: dict, labels: dict | None = None, *, parts: dict | None = None, elimination=True,
         time=False, text=None):
    """A variable: ``weights`` for the leaves, ``parts`` {aggregate: [codes]} computed bottom-up."""
    weights = dict(weights)
    for code, members in (parts or {}).items():  # listed children-first, so nested sums work
        weights[code] = sum(weights[m] for m in members)
    order = list(labels or weights)
    return {"id": id_, "text": text or id_.lower(), "elimination": elimination, "time": time,
            "values": [{"id": c, "text": (labels or {}).get(c, c)} for c in order],
            "_weights": weights, "_total_parts": (parts or {}).get(_total_of(parts))}


def _total_of(parts):
    for code in ("TOT", "10", "0000", "000"):
        if parts and code in parts:
            return code
    return None


def _time(weights=None):
    weights = weights or {y: 1 + i for i, y in enumerate(YEARS)}
    return {"id": "Tid", "text": "time", "elimination": False, "time": True,
            "values": [{"id": y, "text": y} for y in YEARS], "_weights": weights, "_total_parts": None}


def _sex(total="10"):
    return _var("KØN", {"M": 3, "K": 2}, {total: "Total", "M": "Men", "K": "Women"}, parts={total: ["M", "K"]})


def _areas(id_, *, with_municipalities: bool, unknown: list[str], landsdele: bool = False):
    muni = municipalities() if with_municipalities else {}
    weights, parts, labels = {}, {}, {"000": "All Denmark"}
    region_weights = {"081": 6, "082": 13, "083": 12, "084": 18, "085": 8}
    for region in region_weights:
        labels[region] = f"Region {region}"
    for code, m in muni.items():
        weights[code] = int(code) % 5 + 1
    for region, weight in region_weights.items():
        members = [c for c, m in muni.items() if m.region == region]
        if members:
            parts[region] = members
        else:
            weights[region] = weight
    if landsdele:  # 11 landsdele; codes are an assumption (the facts file names them, not their codes)
        for i in range(1, 12):
            weights[f"{i:02d}"] = i
            labels[f"{i:02d}"] = f"Landsdel {i} ({SYNTHETIC} code)"
    for code in muni:
        labels[code] = muni[code].name
    for code in unknown:
        weights[code] = 1
        labels[code] = "Unknown residence"
    parts["000"] = [*region_weights, *unknown]
    return _var(id_, weights, labels, parts=parts)


def _fields(level: str, fields: dict[str, int]) -> dict[str, int]:
    return {f"{level}{f}": w for f, w in fields.items()}


# UDDAKT10's UDDANNELSE: TOT; 11 levels; fields. H40: 20 education 2, 25 humanities 1, 35 natural science 1,
# 58 technical 3, 75 food/biotech/lab 1, 80 agriculture 1, 90 health 1 -> H40 = 10, STEM (35, 58, 75) = 5.
_UDD_FIELDS = {
    "H40": {"20": 2, "25": 1, "35": 1, "58": 3, "75": 1, "80": 1, "90": 1},
    "H50": {"20": 6, "35": 1, "58": 2, "80": 1, "90": 10},
    "H60": {"25": 3, "35": 2, "39": 5, "59": 2, "75": 1, "80": 1, "90": 6},
    "H70": {"25": 4, "35": 3, "39": 6, "59": 4, "75": 1, "80": 1, "90": 1},
    "H80": {"35": 2, "39": 1, "59": 2, "80": 1, "90": 2},  # the documented end of the list: no H8075
}
_LOWER = {"H10": {"10": 50, "20": 10}, "H15": {"10": 5}, "H20": {"10": 20, "20": 8}, "H29": {"10": 3},
          "H30": {"10": 12, "20": 9}, "H35": {"10": 2}}


def _uddannelse_uddakt10():
    weights, parts, labels = {}, {}, {"TOT": "All educations"}
    for level, fields in {**_LOWER, **_UDD_FIELDS}.items():
        codes = _fields(level, fields)
        weights.update(codes)
        parts[level] = list(codes)
        labels[level] = f"Level {level}"
        labels.update({c: f"{c} field" + ("" if level in _UDD_FIELDS and c in _DOCUMENTED else f" ({SYNTHETIC})")
                       for c in codes})
    parts["TOT"] = list(parts)
    order = {"TOT": "All educations"}
    for level in parts:
        if level != "TOT":
            order[level] = labels[level]
    for level in list(parts):
        if level != "TOT":
            for c in parts[level]:
                order[c] = labels[c]
    return _var("UDDANNELSE", weights, order, parts=parts)


_DOCUMENTED = {"H8035", "H8039", "H8059", "H8080", "H8090", "H6020", "H6025", "H6030", "H6035", "H6039",
               "H6059", "H6075", "H6080", "H6090", "H1010", "H1020"}


def _uddakt30_education():
    leaves = {"H201010": 10, "H201020": 3, "H202010": 1, "H202030": 4, "H202040": 2,
              "H351010": 1, "H352010": 1, "H353010": 2}
    parts = {"H2010": ["H201010", "H201020"], "H2020": ["H202010", "H202030", "H202040"],
             "H3510": ["H351010"], "H3520": ["H352010"], "H3530": ["H353010"],
             "H20": ["H2010", "H2020"], "H35": ["H3510", "H3520", "H3530"], "TOT": ["H20", "H35"]}
    labels = {"TOT": "Total", "H20": "Upper-secondary education", "H2010": "General upper-secondary",
              "H201010": "stx", "H201020": "hf", "H2020": "Vocationally oriented upper-secondary",
              "H202010": "hhx 1-year", "H202030": "hhx 3-year", "H202040": "htx", "H35": "Access courses",
              "H3510": "access 1", "H351010": "access 1", "H3520": "access 2", "H352010": "Engineering access exam",
              "H3530": "access 3", "H353010": "access 3"}
    return _var("UDDANNELSE", leaves, labels, parts=parts)


def _veu_fields():
    five = {"H1040": 9, "H1510": 3, "H2010": 2, "H2510": 6, "H3010": 4, "H3910": 15, "H3920": 25,
            "H4035": 1, "H4058": 2, "H4080": 1, "H5035": 1, "H5058": 2, "H5090": 6, "H6025": 2, "H6035": 1,
            "H6059": 1, "H7035": 1, "H7039": 5, "H7059": 2, "H8035": 1, "H8059": 1, "H8090": 1}
    weights, parts, labels = {}, {}, {"TOT": "All education areas"}
    for code, w in five.items():  # one 7- and one 9-character code under each 5-character area
        weights[code + "1010"] = w
        parts[code + "10"] = [code + "1010"]
        parts[code] = [code + "10"]
    tops = sorted({c[:3] for c in five} | {"H39"})
    for top in tops:
        parts[top] = [c for c in five if c[:3] == top]
    parts["TOT"] = tops
    for top in tops:
        labels[top] = "Labour-market courses (AMU)" if top == "H39" else f"Area {top}"
        for c in parts[top]:
            labels[c] = f"{c} ({SYNTHETIC} label)"
            labels[c + "10"] = f"{c}10 ({SYNTHETIC})"
            labels[c + "1010"] = f"{c}1010 ({SYNTHETIC})"
    nested = {k: parts[k] for k in [*[c + "10" for c in five], *five, *tops, "TOT"]}
    return _var("FUDDOMR", weights, labels, parts=nested)


# GENMF10's STARTUD: 7 main types, sub-types, 7-character programmes. STEM programmes under the mapping and
# their weights: H401035 2, H401058 3, H501035 1, H501058 2, H601035 2, H601059 2, H701035 2, H701059 3,
# H701075 1, H808035 1, H808059 1 -> 20.
_STARTUD = {"H21": {"H2120": {"H212010": 30, "H212020": 10}}, "H30": {"H3010": {"H301010": 20}},
            "H40": {"H4010": {"H401035": 2, "H401058": 3, "H401090": 5}},
            "H50": {"H5010": {"H501035": 1, "H501058": 2, "H501090": 7}},
            "H60": {"H6010": {"H601035": 2, "H601059": 2, "H601025": 6}},
            "H70": {"H7010": {"H701035": 2, "H701059": 3, "H701075": 1, "H701039": 4}},
            "H80": {"H8080": {"H808035": 1, "H808039": 1, "H808059": 1, "H808080": 1, "H808090": 1}}}


def _startud():
    weights, parts = {}, {}
    labels = {"TOT": "All"}
    for main, subs in _STARTUD.items():
        for sub, programmes in subs.items():
            weights.update(programmes)
            parts[sub] = list(programmes)
        parts[main] = list(subs)
    for main, subs in _STARTUD.items():
        labels[main] = f"Main type {main}"
        for sub, programmes in subs.items():
            labels[sub] = f"{sub} ({SYNTHETIC})"
            labels.update({p: p + ("" if p.startswith("H8080") else f" ({SYNTHETIC})") for p in programmes})
    nested = {**{s: parts[s] for subs in _STARTUD.values() for s in subs}, **{m: parts[m] for m in _STARTUD},
              "TOT": list(_STARTUD)}
    return _var("STARTUD", weights, labels, parts=nested)


def build_tableinfo() -> dict[str, dict]:
    """Return the six tables' tableinfo answers (with private ``_weights`` the stand-in computes cells from)."""
    status = _var("FSTATUS", {"B": 5, "F": 1, "T": 2}, {"B": "Enrolled 1 October", "F": "Completed", "T": "Intake"},
                  elimination=False)
    common = {"unit": "Number", "updated": "2025-03-25T08:00:00", "active": True, "contacts": [],
              "documentation": {"id": "x", "url": "https://www.dst.dk/"}, "footnote": None}
    uddakt10 = {"id": "UDDAKT10", "text": "Education activity by residence area", "suppressedDataValue": "..",
                "description": "UDDAKT10 (structure as documented; numbers synthetic)", **common,
                "variables": [_areas("BOPOMR", with_municipalities=True, unknown=["998", "999"]),
                              _uddannelse_uddakt10(),
                              _var("ALDER", {"16": 1, "20": 3, "25": 2, "30": 1},
                                   parts={"TOT": ["16", "20", "25", "30"]}),
                              _sex(), status, _time()]}
    origin = _var("HERKOMST", {"5": 8, "4": 1, "3": 1, "0": 0}, parts={"TOT": ["5", "4", "3", "0"]})
    origin1 = _var("HERKOMST1", {"1": 8, "2": 1, "9": 1, "000": 0}, parts={"TOT": ["1", "2", "9", "000"]})
    uddakt30 = {"id": "UDDAKT30", "text": "Upper-secondary activity", "suppressedDataValue": "..",
                "description": "UDDAKT30 (numbers synthetic)", **common,
                "variables": [_uddakt30_education(), _areas("BOPREG", with_municipalities=False, unknown=["999"]),
                              origin, origin1, _sex(), copy.deepcopy(status), _time()]}
    veu20 = {"id": "VEU20", "text": "Adult and continuing education", "suppressedDataValue": "..",
             "description": "VEU20 (numbers synthetic)", **common,
             "variables": [_veu_fields(), _areas("BOPOMR", with_municipalities=True, unknown=["996"], landsdele=True),
                           _var("ALDER", {"25UN": 1, "2539": 4, "4059": 4, "6099": 1},
                                parts={"0000": ["25UN", "2539", "4059", "6099"]}),
                           _sex(), _var("OVERNAT1", {"11": 10, "13": 1}, {"11": "Participants",
                                                                          "13": "Full-time equivalents"},
                                        elimination=False),
                           _var("TIDSPUNKTER", {"11": 1, "22": 1}, {"11": "Calendar year", "22": "School year"},
                                elimination=False), _time()]}
    stat = _var("STAT", {"TOT": 100, "0": 50, "1": 10, "2": 5, "3": 15, "4": 20, "5": 40, "6": 35, "7": 20, "8": 5},
                {"TOT": "Cohort", **{c: f"status {c}" for c in "012345678"}}, elimination=False)
    genmf10 = {"id": "GENMF10", "text": "Completion and dropout", "suppressedDataValue": "0",
               "description": "GENMF10 (numbers synthetic; its marker 0 is set here to test the trap)", **common,
               "variables": [_startud(), _var("HERKOMST", {"5": 8, "4": 1, "3": 1}, parts={"TOT": ["5", "4", "3"]}),
                             _sex(), stat, _var("STARTALD", {"19": 1, "25": 1}, parts={"TOT": ["19", "25"]}),
                             _time()]}
    # Chosen near the UDDAKT10 stand-in's STEM counts so that the STEM check shows differences of a few per cent.
    stem_split = {"H40A": 36000, "H40B": 80000, "H50A": 24600, "H50B": 90000, "H60A": 37275, "H60B": 70000,
                  "H70A": 61000, "H70B": 90000, "H80A": 29000, "H80B": 9000}
    ligeub6 = {"id": "LIGEUB6", "text": "Students in STEM and other higher education", "suppressedDataValue": "..",
               "description": "LIGEUB6 (numbers synthetic)", **common,
               "variables": [_var("UDDANNELSE", stem_split, parts={
                   **{f"H{n}0": [f"H{n}0A", f"H{n}0B"] for n in range(4, 9)},
                   "TOTS": [f"H{n}0A" for n in range(4, 9)], "TOTO": [f"H{n}0B" for n in range(4, 9)],
                   "TOT": ["TOTS", "TOTO"]}), _sex("TOT"), _time()]}
    ligeui6 = {"id": "LIGEUI6", "text": "STEM gender indicator", "suppressedDataValue": "..", **common,
               "unit": "Per cent", "description": "LIGEUI6 (numbers synthetic)",
               "variables": [_var("UDDANNELSE", {c: 1 for c in ["TOT", "H40", "H50", "H60", "H70", "H80"]},
                                  elimination=False),
                             _var("INDIKATOR", {"LA1": 40, "LA2": 20, "LA3": 20},
                                  {"LA1": "Men (pct.)", "LA2": "Women (pct.)", "LA3": "Difference (pp)"},
                                  elimination=False),
                             _time({y: 1 for y in YEARS})]}
    return {t["id"]: t for t in (uddakt10, uddakt30, veu20, genmf10, ligeub6, ligeui6)}


TABLEINFO = build_tableinfo()

# Single cells set by hand: (table, {variable: code}, value); None is sent as "..", 0 as "0".
OVERRIDES: list[tuple[str, dict, float | None]] = [
    ("UDDAKT10", {"BOPOMR": "082", "UDDANNELSE": "H8059", "KØN": "K", "FSTATUS": "T", "Tid": "2012"}, None),
    ("GENMF10", {"STARTUD": "H808059", "STAT": "3", "KØN": "10", "Tid": "2012"}, 0),
]


def public(info: dict) -> dict:
    """The tableinfo answer as StatBank sends it (without the stand-in's weights)."""
    answer = {k: v for k, v in info.items()}
    answer["variables"] = [{k: v for k, v in var.items() if not k.startswith("_")} for var in info["variables"]]
    return answer


def _select(var: dict, selector: list[str]) -> list[str] | None:
    """StatBank's value selectors, written independently of the client: *, codes, >=a<=b, (n)."""
    codes = [v["id"] for v in var["values"]]
    chosen = []
    for item in selector:
        if item == "*":
            chosen += codes
        elif item.startswith((">", "<")):
            low = re.search(r">=([^<]+)", item)
            high = re.search(r"<=(.+)$", item)
            chosen += [c for c in codes if (not low or c >= low.group(1)) and (not high or c <= high.group(1))]
        elif re.fullmatch(r"\(\d+\)", item):
            chosen += codes[-int(item[1:-1]):]
        elif item in codes:
            chosen.append(item)
        else:
            return None
    return list(dict.fromkeys(chosen))


def answer(function: str, payload: dict, tables: dict[str, dict] | None = None) -> tuple[int, bytes, str]:
    """Answer a tableinfo or data request like StatBank: (status, body, content type)."""
    tables = TABLEINFO if tables is None else tables
    table = str(payload.get("table", "")).upper()
    if table not in tables:
        return 400, _error("TABLE-NOT-FOUND", f"Tabellen {table} findes ikke. / Table {table} does not exist."), "json"
    info = tables[table]
    if function == "tableinfo":
        return 200, json.dumps(public(info), ensure_ascii=False).encode("utf-8"), "json"
    by_id = {v["id"].upper(): v for v in info["variables"]}
    wanted = []
    for item in payload.get("variables", []):
        var = by_id.get(str(item["code"]).upper())
        if var is None:
            return 400, _error("VARIABLE-NOT-FOUND", f"Variablen {item['code']} findes ikke i {table}."), "json"
        values = _select(var, item["values"])
        if values is None:
            bad = next(v for v in item["values"] if _select(var, [v]) is None)
            return 400, _error("VALUE-NOT-FOUND", f"Værdien {bad} findes ikke for variablen {var['id']}. / "
                                                  f"The value {bad} was not found for variable {var['id']}."), "json"
        wanted.append((var, values))
    named = {var["id"] for var, _ in wanted}
    eliminated = [var for var in info["variables"] if var["id"] not in named]
    for var in eliminated:
        if not var["elimination"]:
            return 400, _error("VARIABLE-NOT-ELIMINABLE", f"Variablen {var['id']} skal angives. / "
                                                          f"Variable {var['id']} must be given."), "json"
    # An eliminated variable is summed away: the sum over the codes that make up its total.
    factor = 1
    for var in eliminated:
        factor *= sum(var["_weights"][c] for c in (var["_total_parts"] or [v["id"] for v in var["values"]]))
    lines = [";".join([var["id"].upper() for var, _ in wanted] + ["INDHOLD"])]
    comma = payload.get("lang") == "da"
    for combo in itertools.product(*[values for _, values in wanted]):
        cell = dict(zip([var["id"] for var, _ in wanted], combo))
        value = _override(table, cell)
        if value is _NONE:
            value = factor
            for var, code in zip([v for v, _ in wanted], combo):
                value *= var["_weights"][code]
        text = ".." if value is None else _number_text(value, comma)
        lines.append(";".join([*combo, text]))
    return 200, ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"), "csv"


_NONE = object()


def _number_text(value: float, comma: bool) -> str:
    """A number as StatBank writes it: no exponent, a decimal comma in Danish answers."""
    text = str(int(value)) if float(value).is_integer() else repr(float(value))
    return text.replace(".", ",") if comma else text


def _override(table: str, cell: dict):
    for name, conditions, value in OVERRIDES:
        if name == table and all(cell.get(k) == v for k, v in conditions.items()):
            return value
    return _NONE


def _error(kind: str, message: str) -> bytes:
    return json.dumps({"errorTypeCode": kind, "message": message}, ensure_ascii=False).encode("utf-8")


class FakeStatBank:
    """A transport for :class:`StatBankClient` that answers in-process with :func:`answer`; counts the calls."""

    def __init__(self, *, fail_first: int = 0, updated: str | None = None, tables: dict | None = None):
        self.calls: list[tuple[str, dict]] = []
        self.fail_first = fail_first
        self.tables = copy.deepcopy(tables or TABLEINFO)
        if updated:
            for info in self.tables.values():
                info["updated"] = updated

    def __call__(self, url: str, body: bytes, timeout: float) -> Response:
        payload = json.loads(body)
        function = url.rsplit("/", 1)[-1]
        self.calls.append((function, payload))
        if self.fail_first:
            self.fail_first -= 1
            return Response(503, b'{"message": "busy"}', {})
        status, body, _ = answer(function, payload, self.tables)
        return Response(status, body, {})


def with_wrong_genmf10(tables: dict | None = None) -> dict:
    """The tables with GENMF10 as the old recipe guessed it: UDDANNELSE with UDDAKT10's 5-character codes."""
    tables = copy.deepcopy(tables or TABLEINFO)
    genmf10 = tables["GENMF10"]
    genmf10["updated"] = "2026-01-01T08:00:00"
    genmf10["variables"][0] = _var("UDDANNELSE", {"H4035": 1, "H4058": 2, "H8059": 1},
                                   parts={"H40": ["H4035", "H4058"], "H80": ["H8059"], "TOT": ["H40", "H80"]})
    return tables


def unreachable_transport(url: str, body: bytes, timeout: float) -> Response:
    raise StatBankUnreachable("[Errno -2] Name or service not known")


def fake_client(transport, **kwargs) -> StatBankClient:
    """A client of ``transport`` (a stand-in) that never sleeps between retries and never reaches the network."""
    return StatBankClient(transport, sleep=lambda s: None, base_url="https://statbank.invalid/v1", **kwargs)
