"""The indicator registry: what each indicator id means, its unit, family and better direction."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ._codelists import read_codelist

FAMILIES: tuple[str, ...] = (
    "gender", "dropout", "a_levels", "veu", "intake", "completions", "supply", "demand", "targets",
)
#: What each family is called in reports and in the explorer (Danish, English).
FAMILY_LABELS: dict[str, tuple[str, str]] = {
    "gender": ("Køn", "Gender"), "dropout": ("Frafald", "Dropout"),
    "a_levels": ("Gymnasiale fagvalg", "Upper-secondary subjects"),
    "veu": ("Voksen- og efteruddannelse", "Adult and continuing education"), "intake": ("Optag", "Intake"),
    "completions": ("Fuldførte", "Completions"), "supply": ("Udbud af arbejdskraft", "Labour supply"),
    "demand": ("Efterspørgsel", "Demand"), "targets": ("Pagternes mål", "The pacts' targets"),
}
UNITS: tuple[str, ...] = ("percent", "pp", "persons", "count", "dkk_million", "index")
DIRECTIONS: tuple[str, ...] = ("up", "down", "neither")
#: ``common``: one definition for every area, so areas may be compared and ranked.
#: ``regional``: a region's own published definition (for example "science" including
#: health); shown for that region with its definition, never ranked against others.
SCOPES: tuple[str, ...] = ("common", "regional")


@dataclass(frozen=True)
class Indicator:
    """One registered indicator.

    Attributes
    ----------
    id : str
        snake_case id used in the observations' ``indicator`` column.
    family : str
        One of :data:`FAMILIES`.
    unit : str
        One of :data:`UNITS`; every observation of the indicator has this unit.
    better : str
        ``"up"``, ``"down"`` or ``"neither"``: which direction serves the pacts' goals.
    label_da, label_en, definition_da, definition_en : str
        Texts for reports.
    comparability : str
        What to keep in mind when comparing regions or years.
    scope : str
        One of :data:`SCOPES`: whether figures of different areas may be compared.
    """

    id: str
    family: str
    unit: str
    better: str
    label_da: str
    label_en: str
    definition_da: str
    definition_en: str
    comparability: str
    scope: str

    @property
    def comparable_across_areas(self) -> bool:
        """True when figures of different areas share one definition and may be ranked."""
        return self.scope == "common"

    def label(self, language: str = "da") -> str:
        """Return the label in ``language``."""
        return self.label_en if language == "en" else self.label_da

    def definition(self, language: str = "da") -> str:
        """Return the definition in ``language``."""
        return self.definition_en if language == "en" else self.definition_da


@cache
def indicators() -> dict[str, Indicator]:
    """Return the registry keyed by indicator id.

    Raises
    ------
    ValueError
        If the registry file itself holds an unknown family, unit or direction.
    """
    registry: dict[str, Indicator] = {}
    for number, row in enumerate(read_codelist("indicators"), start=1):
        indicator = Indicator(**row)
        for field, allowed in (("family", FAMILIES), ("unit", UNITS), ("better", DIRECTIONS),
                               ("scope", SCOPES)):
            if getattr(indicator, field) not in allowed:
                msg = (f"codelists/indicators.csv, indicator {indicator.id!r} (data row {number}): "
                       f"{field} {getattr(indicator, field)!r} is not one of {', '.join(allowed)}.")
                raise ValueError(msg)
        registry[indicator.id] = indicator
    return registry


def get_indicator(indicator_id: str) -> Indicator:
    """Return one indicator, with an error listing close matches when it is unknown."""
    registry = indicators()
    if indicator_id not in registry:
        import difflib

        close = difflib.get_close_matches(indicator_id, registry, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        msg = f"Unknown indicator {indicator_id!r}.{hint} The registry is stemlib/definitions/codelists/indicators.csv."
        raise KeyError(msg)
    return registry[indicator_id]


def family_label(family: str, language: str = "da") -> str:
    """Return the name of an indicator family in ``language``."""
    da, en = FAMILY_LABELS[family]
    return en if language == "en" else da


def indicators_in_family(family: str) -> list[Indicator]:
    """Return the indicators of one family, in registry order."""
    if family not in FAMILIES:
        msg = f"Unknown indicator family {family!r}; choose one of {', '.join(FAMILIES)}."
        raise ValueError(msg)
    return [i for i in indicators().values() if i.family == family]
