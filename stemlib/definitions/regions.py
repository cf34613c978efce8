"""Regions and municipalities of Denmark, and turning user input into region codes.

Codes follow Statistics Denmark: ``"000"`` is the whole country and
``"081"``-``"085"`` are the five regions. Codes are always three-character
strings; YAML and papermill may hand them over as integers (``81`` or even
``0``), so :func:`normalise_region` is the one place where input becomes a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from stemlib.errors import UnknownRegionError

from ._codelists import read_codelist

WHOLE_COUNTRY = "000"


@dataclass(frozen=True)
class Region:
    """A reporting area: one of the five regions or the whole country.

    Attributes
    ----------
    code : str
        Statistics Denmark code, three characters (``"081"``).
    name_da, name_en : str
        Names in Danish and English.
    nuts2 : str or None
        Eurostat NUTS 2 code (``"DK05"``); ``None`` for the whole country,
        whose Eurostat code is the country code ``"DK"``.
    """

    code: str
    name_da: str
    name_en: str
    nuts2: str | None

    def name(self, language: str = "da") -> str:
        """Return the name in ``language`` (``"da"`` or ``"en"``)."""
        return self.name_en if language == "en" else self.name_da

    def short_name(self, language: str = "da") -> str:
        """Return the short name used on chart axes (``"Nordjylland"``, ``"North Denmark"``)."""
        return _SHORT_NAMES[self.code][1 if language == "en" else 0]


_SHORT_NAMES = {
    "000": ("Hele landet", "Whole country"),
    "081": ("Nordjylland", "North Denmark"),
    "082": ("Midtjylland", "Central Denmark"),
    "083": ("Syddanmark", "Southern Denmark"),
    "084": ("Hovedstaden", "Capital Region"),
    "085": ("Sjælland", "Zealand"),
}


REGIONS: dict[str, Region] = {
    region.code: region
    for region in (
        Region("000", "Hele landet", "Whole country", None),
        Region("081", "Region Nordjylland", "North Denmark Region", "DK05"),
        Region("082", "Region Midtjylland", "Central Denmark Region", "DK04"),
        Region("083", "Region Syddanmark", "Region of Southern Denmark", "DK03"),
        Region("084", "Region Hovedstaden", "Capital Region of Denmark", "DK01"),
        Region("085", "Region Sjælland", "Region Zealand", "DK02"),
    )
}

#: The five regions without the whole country, in code order.
REGION_CODES: tuple[str, ...] = tuple(code for code in REGIONS if code != WHOLE_COUNTRY)

#: Eurostat geo codes to region codes. ``DK`` (country) and ``DK0`` (the single
#: NUTS 1 area, identical to the country) both mean the whole country.
NUTS_TO_REGION: dict[str, str] = {
    "DK": WHOLE_COUNTRY,
    "DK0": WHOLE_COUNTRY,
    **{region.nuts2: region.code for region in REGIONS.values() if region.nuts2},
}


@dataclass(frozen=True)
class Municipality:
    """A municipality with its three-digit code and the region it lies in."""

    code: str
    name: str
    region: str


    def official_name(self) -> str:
        """Return the municipality's name as it is written officially ("Aalborg Kommune", "Københavns Kommune")."""
        return "Københavns Kommune" if self.name == "København" else f"{self.name} Kommune"


@cache
def municipalities() -> dict[str, Municipality]:
    """Return the 98 municipalities keyed by their three-digit code."""
    return {
        row["code"]: Municipality(row["code"], row["name"], row["region"])
        for row in read_codelist("municipalities")
    }


def _aliases() -> dict[str, str]:
    """Map every accepted spelling (lower case) to its region code."""
    aliases: dict[str, str] = {}
    for region in REGIONS.values():
        short_da = region.name_da.removeprefix("Region ")
        for alias in (region.code, region.name_da, region.name_en, short_da):
            aliases[alias.casefold()] = region.code
        if region.nuts2:
            aliases[region.nuts2.casefold()] = region.code
    aliases.update({"dk": WHOLE_COUNTRY, "denmark": WHOLE_COUNTRY, "danmark": WHOLE_COUNTRY,
                    "landet": WHOLE_COUNTRY, "national": WHOLE_COUNTRY})
    # Without the accent, as people type it on keyboards without "æ".
    aliases["sjaelland"] = "085"
    aliases["region sjaelland"] = "085"
    return aliases


_ALIASES = _aliases()


@cache
def _municipality_aliases() -> dict[str, str]:
    """Map a municipality's name (lower case; with or without "Kommune") to its code."""
    aliases: dict[str, str] = {}
    for town in municipalities().values():
        for alias in (town.name, f"{town.name} kommune", town.official_name()):
            aliases[alias.casefold()] = town.code
    return aliases


def find_municipality(value: object) -> Municipality | None:
    """Return the municipality a code or name stands for (851, "851", "Aalborg", "Aalborg Kommune"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return municipalities().get(f"{value:03d}") if 0 <= value < 1000 else None
    if isinstance(value, str):
        text = " ".join(value.split())
        if text.isdigit():
            return municipalities().get(text.zfill(3)) if len(text) <= 3 else None
        code = _municipality_aliases().get(text.casefold())
        return municipalities()[code] if code else None
    return None


def municipality_message(value: object, town: Municipality, where: str) -> str:
    """Say which municipality ``value`` is, which region it lies in, and the parameter for that region."""
    region = REGIONS[town.region]
    shown = value if isinstance(value, int) else str(value).strip()
    return (f"{where}: {shown} is {town.official_name()} in {region.name_da}: -p region {region.code} "
            f'(in a parameter file: region: "{region.code}"). Reports are made for the five regions and the '
            "whole country; municipal reports are not built yet.")


def valid_region_choices() -> str:
    """Describe the accepted region inputs, for error messages."""
    listed = ", ".join(f'"{r.code}" ({r.name_da.removeprefix("Region ")})' for r in REGIONS.values())
    return f"{listed}; names and NUTS 2 codes (DK01-DK05) are accepted too"


def normalise_region(value: object, *, where: str = "region") -> str:
    """Turn user input into a canonical three-character region code.

    Parameters
    ----------
    value : str or int
        A code (``"081"``, ``"81"``, ``81``), a Danish or English name in any
        case (``"Nordjylland"``, ``"region nordjylland"``), or a NUTS 2 code
        (``"DK05"``). The integer ``0`` and ``"0"`` mean the whole country.
    where : str, optional
        Where the value came from (a parameter name or file), used in the
        error message.

    Returns
    -------
    str
        One of ``"000"``, ``"081"`` ... ``"085"``.

    Raises
    ------
    UnknownRegionError
        If the value is not a region; the message lists the valid choices, or, for a municipality's code
        or name, names the municipality, its region and the parameter for that region.
    """
    if isinstance(value, bool) or value is None:
        code = None
    elif isinstance(value, int):
        code = f"{value:03d}" if 0 <= value < 1000 else None
    elif isinstance(value, str):
        text = " ".join(value.split()).casefold()
        if text.isdigit() and len(text) <= 3:
            text = text.zfill(3)
        code = _ALIASES.get(text)
    else:
        code = None
    if code not in REGIONS:
        town = find_municipality(value)
        if town is not None:
            raise UnknownRegionError(municipality_message(value, town, where))
        msg = f"{where}: {value!r} is not a known region. Valid choices: {valid_region_choices()}."
        raise UnknownRegionError(msg)
    return code


def region_name(code: str, language: str = "da") -> str:
    """Return the name of a region code in ``language``."""
    return REGIONS[normalise_region(code)].name(language)
