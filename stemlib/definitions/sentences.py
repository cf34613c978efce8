"""How a figure of each measure is said in a sentence: templates per measure, in Danish and English.

The templates live in ``codelists/sentences.csv`` so that an editor can correct the wording in a
spreadsheet. The report layer fills them (:mod:`stemlib.report.prose`); this module only reads them
and resolves the phrase for a level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ._codelists import read_codelist
from .levels import levels


@dataclass(frozen=True)
class SentenceTemplate:
    """The sentence for one measure (and, where the words differ, one sex)."""

    indicator: str
    sex: str
    sentence_da: str
    sentence_en: str
    #: A further level of the same year may be told as "<level> var andelen 34 %".
    continues: bool = True
    levels_da: dict[str, str] = field(default_factory=dict)
    levels_en: dict[str, str] = field(default_factory=dict)
    #: The measure's name on a card where the sex changes the words; "" for the registry's label.
    name_da: str = ""
    name_en: str = ""

    def name(self, language: str = "da") -> str:
        """Return the measure's own name for this sex, or "" where the registry's label serves."""
        return self.name_en if language == "en" else self.name_da

    def sentence(self, language: str = "da") -> str:
        """Return the template in ``language``."""
        return self.sentence_en if language == "en" else self.sentence_da

    def level_phrase(self, level: str, language: str = "da") -> str:
        """Return the level as this measure says it: its own phrase, else the level's (``levels.csv``)."""
        own = self.levels_en if language == "en" else self.levels_da
        if level in own:
            return own[level]
        known = levels().get(level)
        return known.phrase(language) if known else ""


def _phrases(text: str) -> dict[str, str]:
    """Read "eud=phrase|higher=phrase" into a dictionary."""
    pairs = [part.split("=", 1) for part in text.split("|") if "=" in part]
    return {key.strip(): value.strip() for key, value in pairs}


@cache
def sentence_templates() -> dict[tuple[str, str], SentenceTemplate]:
    """Return every template keyed by (indicator, sex); sex "" means any sex."""
    return {(row["indicator"], row["sex"]): SentenceTemplate(
        row["indicator"], row["sex"], row["sentence_da"], row["sentence_en"], row["continue"] != "no",
        _phrases(row["levels_da"]), _phrases(row["levels_en"]), row.get("name_da", ""), row.get("name_en", ""))
        for row in read_codelist("sentences")}


def sentence_template(indicator: str, sex: str = "total") -> SentenceTemplate | None:
    """Return the template for a measure and sex: the sex's own first, then the one for any sex; None if none."""
    templates = sentence_templates()
    return templates.get((indicator, sex)) or templates.get((indicator, ""))
