"""The sources section: the sources a page uses, one line each (the figures themselves are in its CSV file)."""

from __future__ import annotations

import pandas as pd

from stemlib.data.statbank.stem_check import stem_check
from stemlib.definitions.levels import levels

from ..citations import citation_html
from ..formatting import format_value
from ..report_context import ReportContext
from .section import Section


def sources_section(ctx: ReportContext, sections: list[Section], sources: pd.DataFrame) -> Section:
    """The sources this page uses, one line each; every figure with its locator is in the page's CSV file.

    The full register of sources, and which areas lack figures in each family, are on the
    index page (:mod:`stemlib.publish.index_page`) and in ``data/sources.csv``.
    """
    lang = ctx.language
    used = pd.concat([s.figures for s in sections if not s.figures.empty], ignore_index=True)
    used = used.drop_duplicates(subset=["indicator", "region", "year", "sex", "level", "breakdown", "source"])
    # Most-used first: the reader meets the main sources first.
    counts = used["source"].value_counts(sort=True)
    known = [s for s in counts.index if s in sources.index]
    items = "".join(f"<li>{citation_html(s)}</li>" for s in known)
    body = f"<ul class='stemlib-sources'>{items}</ul>" if items else ""
    finding = ctx.t(f"Siden bruger {len(used)} tal fra {len(known)} kilder.",
                    f"The page uses {len(used)} figures from {len(known)} sources.")
    extra = []
    check = stem_check_table(lang)  # None until UDDAKT10 and LIGEUB6 are both cached
    if check is not None:
        extra.append((ctx.t("Afgrænsningen af STEM her og i Danmarks Statistiks STEM-opdeling (hele landet, "
                            "indskrevne)", "The STEM definition used here and Statistics Denmark's STEM split (whole "
                            "country, enrolled)"), check))
    return Section("sources", ctx.t("Data og kilder", "Data and sources"), finding, [], pd.DataFrame(), used,
                   extra_tables=extra, body_html=body)


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
        ("STEM as defined here (UDDAKT10)" if en else "STEM som afgrænset her (UDDAKT10)"):
            [shown(v, "persons") for v in table["workspace"]],
        ("Statistics Denmark (LIGEUB6)" if en else "Danmarks Statistik (LIGEUB6)"):
            [shown(v, "persons") for v in table["official"]],
        ("Difference" if en else "Forskel"):
            [shown(v, "percent", signed=True) for v in table["difference_percent"]],
    })
