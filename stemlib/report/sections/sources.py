"""The sources section: every figure the report uses, its source and locator, and the coverage by family."""

from __future__ import annotations

import pandas as pd

from stemlib.data.statbank.stem_check import stem_check
from stemlib.definitions.indicators import FAMILIES, indicators_in_family
from stemlib.definitions.levels import levels
from stemlib.definitions.regions import REGIONS

from ..formatting import format_value
from ..frames import chart_frame
from ..report_context import ReportContext
from ..selection import area_name, series_label
from .section import Section


def sources_section(ctx: ReportContext, sections: list[Section], sources: pd.DataFrame) -> Section:
    """Every figure used, its source and locator, and which regions lack figures in each family."""
    lang = ctx.language
    used = pd.concat([s.figures for s in sections if not s.figures.empty], ignore_index=True)
    used = used.drop_duplicates(subset=["indicator", "region", "year", "sex", "level", "breakdown", "source"])
    frame = chart_frame(used, lang).sort_values(["source", "indicator", "region", "year"], na_position="first")
    table = pd.DataFrame({
        ctx.t("Mål", "Measure"): [series_label(r, lang) for r in frame.itertuples()],
        ctx.t("Område", "Area"): frame["area_label"],
        ctx.t("År", "Year"): frame["year_text"],
        ctx.t("Værdi", "Value"): frame["value_text"],
        # The id, not the title: the list of sources below gives title, publisher and address once per source.
        ctx.t("Kilde", "Source"): frame["source"],
        ctx.t("Sted i kilden", "Locator"): frame["locator"],
    }).reset_index(drop=True)
    obs = ctx.observations
    coverage = []
    for family in FAMILIES:
        ids = [i.id for i in indicators_in_family(family)]
        have = set(obs.loc[obs["indicator"].isin(ids), "region"])
        lacking = [area_name(c, lang) for c in REGIONS if c not in have]
        coverage.append({ctx.t("Emne", "Family"): family,
                         ctx.t("Områder uden offentliggjort tal", "Areas with no published figure"):
                             ", ".join(lacking) if lacking else ctx.t("ingen", "none")})
    source_list = sources.loc[sorted(set(used["source"]))]
    source_table = pd.DataFrame({"Id": source_list["id"], ctx.t("Titel", "Title"): source_list["title"],
                                 ctx.t("Udgiver", "Publisher"): source_list["publisher"],
                                 ctx.t("År", "Year"): source_list["year"],
                                 ctx.t("Adresse", "Address"): source_list["address"]}).reset_index(drop=True)
    finding = ctx.t(f"Rapporten bruger {len(used)} tal fra {len(source_list)} kilder.",
                    f"The report uses {len(used)} figures from {len(source_list)} sources.")
    extra = [(ctx.t("Kilder", "Sources"), source_table),
             (ctx.t("Dækning: områder uden tal, pr. emne", "Coverage: areas without figures, by family"),
              pd.DataFrame(coverage))]
    check = stem_check_table(lang)  # None until UDDAKT10 and LIGEUB6 are both cached
    if check is not None:
        extra.append((ctx.t("STEM-afgrænsning: arbejdsrummets H-koder mod Danmarks Statistiks STEM-opdeling "
                            "(hele landet, indskrevne)", "STEM definition: the workspace's H codes against Statistics "
                            "Denmark's STEM split (whole country, enrolled)"), check))
    return Section("sources", ctx.t("Data og kilder", "Data and sources"), finding, [], table, used,
                   extra_tables=extra)


def stem_check_table(language: str = "da", folder=None) -> pd.DataFrame | None:
    """Return the STEM definition check (:func:`stemlib.data.statbank.stem_check.stem_check`) as a report table.

    None when UDDAKT10 or LIGEUB6 is not cached.
    """
    table = stem_check(folder)
    if table is None or table.empty:
        return None
    en = language == "en"

    def shown(value: float, unit: str, signed: bool = False) -> str:
        return "–" if pd.isna(value) else format_value(value, unit, language, signed=signed)

    return pd.DataFrame({
        "Level" if en else "Niveau": [levels()[lvl].label(language) for lvl in table["level"]],
        "Year" if en else "År": table["year"].astype(str),
        ("Workspace mapping (UDDAKT10)" if en else "Arbejdsrummets afgrænsning (UDDAKT10)"):
            [shown(v, "persons") for v in table["workspace"]],
        ("Statistics Denmark (LIGEUB6)" if en else "Danmarks Statistik (LIGEUB6)"):
            [shown(v, "persons") for v in table["official"]],
        ("Difference" if en else "Forskel"):
            [shown(v, "percent", signed=True) for v in table["difference_percent"]],
    })
