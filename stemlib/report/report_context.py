"""The context every section builder receives; :func:`stemlib.report.context` builds it from parameters."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from stemlib.definitions.regions import REGIONS

from .selection import tr


@dataclass(frozen=True)
class ReportContext:
    """What a report is about: the region, the areas it is compared with, the language, the data."""

    region: str
    compare_with: tuple[str, ...]
    language: str
    observations: pd.DataFrame

    @property
    def areas(self) -> list[str]:
        """The report's region first, the compared regions, the whole country last."""
        others = [c for c in self.compare_with if c not in {self.region, "000"}]
        country = ["000"] if ("000" in self.compare_with or self.region == "000") and self.region != "000" else []
        return [self.region, *others, *country]

    @property
    def name(self) -> str:
        """The report region's full name."""
        return REGIONS[self.region].name(self.language)

    @property
    def name_in_text(self) -> str:
        """The region's name inside a sentence: "Region Nordjylland", but "hele landet" in lower case."""
        return tr(self.language, "hele landet", "the whole country") if self.region == "000" else self.name

    def t(self, da: str, en: str) -> str:
        """Return the text in the report's language."""
        return tr(self.language, da, en)
