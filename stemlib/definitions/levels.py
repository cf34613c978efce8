"""Education levels and breakdowns: the vocabularies of the observations' ``level`` and ``breakdown`` columns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ._codelists import read_codelist


@dataclass(frozen=True)
class Level:
    """An education level id with its labels."""

    id: str
    label_da: str
    label_en: str
    description_en: str
    #: The level as a table cell names it ("Erhvervsuddannelser"); English tables use ``label_en``.
    table_da: str = ""
    #: The level inside a sentence ("på erhvervsuddannelserne", "in vocational education"); "" for all levels.
    in_da: str = ""
    in_en: str = ""

    def label(self, language: str = "da") -> str:
        """Return the label in ``language``."""
        return self.label_en if language == "en" else self.label_da

    def table_label(self, language: str = "da") -> str:
        """Return the level as a table cell names it."""
        return self.label_en if language == "en" else (self.table_da or self.label_da)

    def phrase(self, language: str = "da") -> str:
        """Return the level as a phrase inside a sentence ("på de videregående uddannelser")."""
        return self.in_en if language == "en" else self.in_da


@cache
def levels() -> dict[str, Level]:
    """Return every education level keyed by id."""
    return {row["id"]: Level(**row) for row in read_codelist("levels")}


@cache
def breakdown_parts() -> dict[str, dict[str, str]]:
    """Return the known breakdown parts (``"industry:manufacturing"``) with their labels."""
    return {row["id"]: {"da": row["label_da"], "en": row["label_en"]} for row in read_codelist("breakdowns")}


def is_known_breakdown(value: str) -> bool:
    """Tell whether every ``|``-separated part of a breakdown is registered."""
    known = breakdown_parts()
    return bool(value) and all(part in known for part in value.split("|"))


def breakdown_label(value: str, language: str = "da") -> str:
    """Return a readable label for a breakdown, joining the labels of its parts."""
    known = breakdown_parts()
    return ", ".join(known.get(part, {}).get(language, part) for part in value.split("|"))
