"""One section of a report: what the section builders return and the notebook shows."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Section:
    """One section of a report, ready to display."""

    key: str
    title: str
    finding: str
    charts: list = field(default_factory=list)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str = ""
    missing: str = ""
    extra_tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    #: HTML shown instead of the table (the sources section's list of sources).
    body_html: str = ""
    #: The observation rows behind each chart, in the charts' order (checked for like with like).
    chart_rows: list[pd.DataFrame] = field(default_factory=list)

    def key_numbers(self) -> str:
        """Return the section's figures as plain, stable text (what nbval compares)."""
        if self.figures.empty:
            return f"{self.key}: no figures"
        lines = [f"{self.key}: {len(self.figures)} figures"]
        for row in self.figures.sort_values(["indicator", "region", "level", "sex", "breakdown", "year"],
                                            na_position="first").itertuples():
            year = "-" if pd.isna(row.year) else int(row.year)
            lines.append(f"  {row.indicator} {row.region} {row.level} {row.sex} {row.breakdown} {year}: "
                         f"{row.value:g} {row.unit}")
        return "\n".join(lines)
