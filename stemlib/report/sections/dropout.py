"""The dropout section: first-year dropout from STEM for the region, beside comparable figures only."""

from __future__ import annotations

from stemlib.definitions.headlines import theme_label

from .. import charts
from ..comparability import like_with_like
from ..formatting import format_value
from ..frames import axis_title, chart_frame, figure_table
from ..prose import say, undated_note
from ..report_context import ReportContext
from ..selection import area_name, in_year, latest, select
from .common import no_figure, others_with
from .section import Section


def dropout_section(ctx: ReportContext) -> Section:
    """First-year dropout from STEM for the region, with the areas that publish the same measure from one source."""
    obs, lang = ctx.observations, ctx.language
    title = theme_label("dropout", ctx.language)
    every = select(obs, "stem_first_year_dropout", areas=ctx.areas)
    rows = like_with_like(every, ctx.region)
    own = rows[(rows["region"] == ctx.region) & (rows["sex"] == "total")]
    note = ctx.t("Danmarks Statistik har tal for frafaldet i det første år på de enkelte uddannelser, også "
                 "STEM-uddannelserne, men kun for hele landet (Statistikbanken, tabel GENMF10).",
                 "Statistics Denmark counts first-year dropout by the education started, sex and year of starting "
                 "(StatBank table GENMF10); STEM programmes can be picked out, but the table covers the whole "
                 "country only.")
    if own.empty:
        missing = no_figure(ctx, "frafald fra STEM-uddannelser", "dropout from STEM education")
        national = latest(every[(every["region"] == "000") & (every["sex"] == "total") & (every["level"] == "higher")
                                & (every["breakdown"] == "all")], by=("region",))
        if national.empty:
            return Section("dropout", title, "", missing=f"{missing} {others_with(ctx, every)}".strip(), note=note)
        n = national.iloc[0]
        context = ctx.t(f"Til orientering: i hele landet faldt {format_value(n.value, 'percent', lang, n.qualifier)} "
                        f"fra en videregående STEM-uddannelse inden for det første år {in_year(n.year, lang)}.",
                        f"For reference: across the country, {format_value(n.value, 'percent', lang, n.qualifier)} "
                        f"dropped out of a higher STEM education within the first year {in_year(n.year, lang)}.")
        return Section("dropout", title, "", figures=national, missing=f"{missing} {context}", note=note)
    r = own.iloc[0]
    notes: list[str] = []
    parts = [say(ctx, r, first=True, notes=notes), others_with(ctx, rows, r)]
    note = " ".join(n for n in (undated_note(ctx, notes), note) if n)
    finding = " ".join(p for p in parts if p)
    if rows["region"].nunique() < 2:  # one bar compares nothing: the sentence says it
        return Section("dropout", title, finding, [], figure_table(rows, lang), rows, note=note)
    frame = chart_frame(rows, lang)
    chart = charts.ranked_bars(
        frame, focus=ctx.region, language=lang, axis_title=axis_title("percent", lang),
        title=ctx.t(f"{format_value(r.value, 'percent', lang)} falder fra i det første år i "
                    f"{area_name(ctx.region, lang)}",
                    f"{format_value(r.value, 'percent', lang)} drop out in the first year in "
                    f"{area_name(ctx.region, lang)}"),
        description=ctx.t("Søjlediagram: frafald fra STEM det første år i områder med samme mål og kilde.",
                          "Bar chart: first-year dropout from STEM in areas with the same measure and source."))
    return Section("dropout", title, finding, [chart], figure_table(rows, lang), rows, note=note, chart_rows=[rows])
