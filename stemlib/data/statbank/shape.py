"""Find a recipe's variables and codes in a table's ``tableinfo``, or say exactly what does not match.

A recipe asks for each variable by its real id (``BOPOMR``, ``STARTUD`` ...)
and, failing that, by a code only that variable holds (the content-based
fallback, should Statistics Denmark rename a variable). When neither finds it,
or a code the recipe needs is absent, :class:`StructureMismatch` says which
table, which variable, what was expected and what was found, in one line.
"""

from __future__ import annotations

from stemlib.definitions.regions import REGIONS, municipalities
from stemlib.errors import StatBankError


class StructureMismatch(StatBankError):
    """A table's structure does not match its recipe.

    Attributes
    ----------
    table, variable, expected, found : str
        What the one-line message is made of.
    """

    def __init__(self, table: str, variable: str, expected: str, found: str):
        self.table, self.variable, self.expected, self.found = table, variable, expected, found
        super().__init__(f"{table}: variable {variable}: expected {expected}; found {found}")


def _listing(items: list[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return f"{shown}, ... ({len(items)} in all)" if len(items) > limit else (shown or "nothing")


class Shape:
    """A table's variables as ``tableinfo`` (or a cache entry's labels) describes them.

    Parameters
    ----------
    table : str
        The table id, for messages.
    info : dict
        ``tableinfo`` with ``variables``: ``[{"id", "values": [{"id", "text"}], "time", "elimination"}]``.
    """

    def __init__(self, table: str, info: dict):
        self.table = table
        self.variables: list[dict] = list(info.get("variables") or [])
        if not self.variables:
            raise StructureMismatch(table, "(all)", "a tableinfo answer with variables", "no variables")

    def var(self, *ids: str, having: str | None = None) -> dict:
        """Return the variable with one of ``ids`` (any case), else the one holding the code ``having``."""
        wanted = {i.upper() for i in ids}
        for var in self.variables:
            if var["id"].upper() in wanted:
                return var
        if having is not None:
            for var in self.variables:
                if not var.get("time") and any(v["id"] == having for v in var["values"]):
                    return var
        expected = " or ".join(ids) + (f" (or a variable holding code {having})" if having else "")
        raise StructureMismatch(self.table, ids[0], expected, "variables " + self._ids())

    def time(self) -> dict:
        """Return the time variable (``Tid``)."""
        for var in self.variables:
            if var.get("time") or var["id"].upper() == "TID":
                return var
        raise StructureMismatch(self.table, "Tid", "a time variable", "variables " + self._ids())

    def _ids(self) -> str:
        return _listing([v["id"] for v in self.variables])

    def need(self, var: dict, *wanted: str) -> list[str]:
        """Return ``wanted`` codes; every one must be in the variable."""
        present = codes(var)
        missing = [c for c in wanted if c not in present]
        if missing:
            raise StructureMismatch(self.table, var["id"], "codes " + ", ".join(missing),
                                    "codes " + _listing(present))
        return list(wanted)

    def one_of(self, var: dict, *candidates: str) -> str:
        """Return the first of ``candidates`` the variable holds (e.g. the sex total ``10`` or ``TOT``)."""
        present = set(codes(var))
        for code in candidates:
            if code in present:
                return code
        raise StructureMismatch(self.table, var["id"], "one of the codes " + ", ".join(candidates),
                                "codes " + _listing(codes(var)))

    def some(self, var: dict, wanted: list[str], what: str) -> list[str]:
        """Return the codes of ``wanted`` the variable holds; at least one must be there."""
        present = set(codes(var))
        found = [c for c in wanted if c in present]
        if not found:
            raise StructureMismatch(self.table, var["id"], f"{what} ({_listing(wanted, 5)})",
                                    "codes " + _listing(codes(var)))
        return found


def codes(var: dict) -> list[str]:
    """Return a variable's value codes."""
    return [v["id"] for v in var["values"]]


def area_kind(code: str) -> str | None:
    """Say what an area code is: ``"country"``, ``"region"``, ``"municipality"``, or None (unknown, landsdel ...).

    The API sends three-digit text codes (``000``, ``081``, ``101``); some copies store numbers (``0``, ``81``).
    """
    text = str(code).strip()
    if not text.isdigit():
        return None
    text = text.zfill(3)
    if text == "000":
        return "country"
    if text in REGIONS:
        return "region"
    if text in municipalities():
        return "municipality"
    return None


def area_codes(var: dict, *, with_municipalities: bool) -> list[str]:
    """Return the country, region and (optionally) municipality codes a variable holds, as the API spells them.

    Codes for unknown residence (996, 998, 999) and landsdele are left out: they are not areas a report shows,
    and the five regions already sum to the country without them.
    """
    kinds = {"country", "region", "municipality"} if with_municipalities else {"country", "region"}
    return [c for c in codes(var) if area_kind(c) in kinds]
