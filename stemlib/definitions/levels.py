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

    def label(self, language: str = "da") -> str:
        """Return the label in ``language``."""
        return self.label_en if language == "en" else self.label_da


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
