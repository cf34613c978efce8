"""What counts as STEM under each classification the pacts and the statistics use.

* ISCED-F 2013 broad fields 05, 06 and 07 (higher education, international comparisons);
* the Danish education nomenclature's subject areas 45, 50, 55, 57 and 58 (vocational
  education and adult and continuing education);
* DISCO-08 occupation groups and the nine competence groups (job postings);
* Statistics Denmark's H codes (StatBank tables), a mapping the workspace owns.

Nordjylland's pact widens STEM to health in its implementation, but measures
with the national definition; ``include_health`` switches that widening on and
is off by default everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ._codelists import codelist_header, read_codelist

STEM_ISCED_BROAD_FIELDS: tuple[str, ...] = ("05", "06", "07")
HEALTH_ISCED_NARROW_FIELD = "091"


@dataclass(frozen=True)
class Field:
    """A code in one of the classifications, with its Danish and English names."""

    code: str
    name_da: str
    name_en: str

    def name(self, language: str = "da") -> str:
        """Return the name in ``language``."""
        return self.name_en if language == "en" else self.name_da


@cache
def isced_fields() -> dict[str, Field]:
    """Return the ISCED-F 2013 broad and narrow fields that the workspace knows."""
    return {row["code"]: Field(row["code"], row["name_da"], row["name_en"]) for row in read_codelist("isced_fields")}


def is_stem_isced(code: str, *, include_health: bool = False) -> bool:
    """Tell whether an ISCED-F 2013 field code (broad, narrow or detailed) is STEM.

    Parameters
    ----------
    code : str
        Two, three or four digits, e.g. ``"06"``, ``"061"``, ``"0613"``.
    include_health : bool, optional
        Count health (narrow field 091) as STEM, as Nordjylland's pact does
        in its implementation. Off by default.
    """
    code = str(code).strip()
    if not code.isdigit() or len(code) < 2:
        msg = f"ISCED-F code {code!r} is not valid: expected 2-4 digits such as '05', '061' or '0613'."
        raise ValueError(msg)
    if code[:2] in STEM_ISCED_BROAD_FIELDS:
        return True
    return include_health and code[:3] == HEALTH_ISCED_NARROW_FIELD


@cache
def dun_subject_areas() -> dict[str, Field]:
    """Return the nomenclature subject areas that define STEM vocational and adult education."""
    return {row["code"]: Field(row["code"], row["name_da"], row["name_en"]) for row in read_codelist("dun_subject_areas")}


def is_stem_subject_area(code: str) -> bool:
    """Tell whether a Danish nomenclature subject area (fagområde) is STEM.

    The first two digits decide, so detailed codes (``"5510"``) work too.
    """
    return str(code).strip()[:2] in dun_subject_areas()


@cache
def disco_groups() -> dict[str, Field]:
    """Return the DISCO-08 groups that define a STEM job posting."""
    return {row["code"]: Field(row["code"], row["name_da"], row["name_en"]) for row in read_codelist("disco_groups")}


def is_stem_occupation(disco_code: str) -> bool:
    """Tell whether a DISCO-08 code (2-4 digits) falls in a STEM occupation group."""
    return str(disco_code).strip()[:2] in disco_groups()


@dataclass(frozen=True)
class CompetenceGroup:
    """One of the nine competence groups of STEM job postings."""

    id: str
    name_da: str
    name_en: str
    disco_codes: tuple[str, ...]


@cache
def competence_groups() -> dict[str, CompetenceGroup]:
    """Return the nine competence groups keyed by id."""
    return {
        row["id"]: CompetenceGroup(row["id"], row["name_da"], row["name_en"], tuple(row["disco_codes"].split()))
        for row in read_codelist("competence_groups")
    }


def competence_group_of(disco_code: str) -> str | None:
    """Return the competence group of a DISCO-08 code, by the longest matching prefix.

    The longest prefix wins, so 2153 (telecommunications engineers) belongs to
    the ICT specialists although 215 is an engineering code.
    """
    code = str(disco_code).strip()
    best: tuple[int, str] | None = None
    for group in competence_groups().values():
        for prefix in group.disco_codes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), group.id)
    return best[1] if best else None


@dataclass(frozen=True)
class HCode:
    """A Statistics Denmark education code and whether the workspace counts it as STEM."""

    code: str
    level: str
    field_en: str
    field_da: str
    stem: str
    verified: bool
    basis: str


@cache
def h_codes() -> dict[str, HCode]:
    """Return the H-code mapping keyed by code."""
    return {
        row["code"]: HCode(row["code"], row["level"], row["field_en"], row["field_da"], row["stem"],
                           row["verified"] == "yes", row["basis"])
        for row in read_codelist("h_codes")
    }


def h_code_basis() -> list[str]:
    """Return the stated basis of the H-code mapping (the file's header lines)."""
    return codelist_header("h_codes")


def stem_h_codes(*, include_health: bool = False, level: str | None = None) -> list[str]:
    """Return the H codes counted as STEM, optionally for one level only.

    Parameters
    ----------
    include_health : bool, optional
        Add the health-science codes (Nordjylland's widening). Off by default.
    level : str, optional
        Only codes of this level id (``"lvu"`` ...).
    """
    wanted = {"yes", "health"} if include_health else {"yes"}
    return [c.code for c in h_codes().values() if c.stem in wanted and (level is None or c.level == level)]


@dataclass(frozen=True)
class VeuArea:
    """A 5-character FUDDOMR code of VEU20 and whether the workspace counts it as STEM."""

    code: str
    parent: str
    field_en: str
    field_da: str
    stem: bool
    verified: bool
    basis: str


@cache
def veu_areas() -> dict[str, VeuArea]:
    """Return the VEU area mapping (codelists/veu_stem_codes.csv) keyed by code."""
    return {row["code"]: VeuArea(row["code"], row["parent"], row["field_en"], row["field_da"], row["stem"] == "yes",
                                 row["verified"] == "yes", row["basis"])
            for row in read_codelist("veu_stem_codes")}


def stem_veu_codes() -> list[str]:
    """Return the FUDDOMR codes counted as STEM adult education (all of one level: five characters)."""
    return [a.code for a in veu_areas().values() if a.stem]
