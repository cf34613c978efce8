"""The targets section: each pact target's baseline, goal, latest figure and status."""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.headlines import theme_label
from stemlib.definitions.indicators import get_indicator
from stemlib.definitions.progress import STATUS_TEXT
from stemlib.definitions.targets import (
    TARGETS,
    assess_target,
    goals_for_region,
    pact_name,
    target_path,
    targets_for_region,
)

from .. import charts
from ..formatting import format_value
from ..frames import axis_title, figure_table
from ..report_context import ReportContext
from ..selection import area_name, select
from .section import Section


def _baseline_text(ctx: ReportContext, target, a, unit: str) -> str:
    """The baseline cell: its value and year, or what is missing."""
    if a.baseline_value is not None:
        qualifier = _baseline_qualifier(ctx, target)
        value = format_value(a.baseline_value, unit, ctx.language, qualifier)
        if target.baseline_indicator:  # a projection, not a count: say so
            return ctx.t(f"{value} (fremskrivning for {target.baseline_year})",
                         f"{value} (projection for {target.baseline_year})")
        return f"{value} ({target.baseline_year})"
    if target.baseline_year is None:
        return ctx.t("ikke oplyst", "not stated")
    return ctx.t(f"intet tal ({target.baseline_year})", f"no figure ({target.baseline_year})")


def _latest_text(ctx: ReportContext, target, a, unit: str) -> str:
    """The latest cell: a value, or a change since the baseline where only that is published."""
    if a.latest_value is None:
        return ctx.t("intet tal", "no figure")
    if a.measured_as_change:
        change = format_value(a.latest_value, "percent", ctx.language, signed=True)
        expected = format_value(a.expected_value, "percent", ctx.language, signed=True, decimals=0)
        return ctx.t(f"{change} fra {target.baseline_year} til {a.latest_year} (den lige linje mod målet: {expected})",
                     f"{change} from {target.baseline_year} to {a.latest_year} (the straight line to the target: "
                     f"{expected})")
    return f"{format_value(a.latest_value, unit, ctx.language)} ({a.latest_year})"


def targets_section(ctx: ReportContext) -> Section:
    """Baseline, target path and latest value for each target, with a status."""
    obs, lang = ctx.observations, ctx.language
    title = theme_label("targets", lang, ctx.region)
    own_targets = targets_for_region(ctx.region)
    shown = own_targets + [t for t in TARGETS if t.region == "000" and t not in own_targets]
    rows, paths, observed, parts = [], [], [], []
    assessments = {target.id: assess_target(target, obs) for target in shown}
    for target in shown:
        a = assessments[target.id]
        unit = get_indicator(target.indicator).unit
        rows.append({
            ctx.t("Mål", "Target"): target.label(lang),
            ctx.t("Område", "Area"): area_name(target.region, lang),
            ctx.t("Udgangspunkt", "Baseline"): _baseline_text(ctx, target, a, unit),
            ctx.t("Målværdi", "Goal"): (f"{_goal_text(ctx, target, a, unit)} ({target.target_year})"
                                   if a.target_value is not None else f"+{target.increase_percent:g} % "
                                   f"({target.target_year})"),
            ctx.t("Seneste", "Latest"): _latest_text(ctx, target, a, unit),
            "Status": f"{a.progress.symbol()} {a.progress.words(lang)}",
        })
        if a.baseline_value is not None:
            path = target_path(a.baseline_value, baseline_year=target.baseline_year, target_year=target.target_year,
                               increase_percent=target.increase_percent)
            paths.append(pd.DataFrame({"year": path.index, "value": path.values,
                                       "measure": target.label(lang),
                                       "value_text": [format_value(v, unit, lang, decimals=0) for v in path.values]}))
            # Only the source the path was built from: another publisher's figure may use another definition.
            points = select(obs, target.indicator, areas=[target.region], level=target.level, sex="total",
                            breakdown="all", source=a.source).dropna(subset=["year"])
            for r in points.itertuples():
                observed.append({"year": int(r.year), "value": r.value, "measure": target.label(lang),
                                 "value_text": format_value(r.value, r.unit, lang, r.qualifier),
                                 "kind_label": ctx.t("Offentliggjort tal", "Published figure")})
        if target.region == ctx.region and a.status == "not_assessable" and a.progress.reason == "no_later_figure":
            parts.append(ctx.t(f"Målet om, at {target.label(lang)[0].lower() + target.label(lang)[1:]}, kan endnu "
                               "ikke vurderes, fordi der ikke er offentliggjort tal efter udgangsåret.",
                               f"The target that {target.label(lang)[0].lower() + target.label(lang)[1:]} cannot be "
                               "assessed yet, because no figure after the baseline year has been published."))
        if (target.region == ctx.region or ctx.region == "000") and a.status != "not_assessable":
            parts.append(ctx.t(f"Målet om, at {target.label(lang)[0].lower() + target.label(lang)[1:]}, er "
                               f"vurderet som {STATUS_TEXT[a.status][1]}.",
                               f"The target that {target.label(lang)[0].lower() + target.label(lang)[1:]} is "
                               f"assessed as {STATUS_TEXT[a.status][2]}."))
    if not own_targets:
        parts.insert(0, ctx.t(f"{ctx.name} har ingen talsatte mål i de offentliggjorte pagter; den nationale "
                              "teknologipagts mål vises til sammenligning.",
                              f"{ctx.name} has no numeric targets in the published pacts; the national technology "
                              "pact's target is shown for comparison."))
    missing_baseline = [t for t in own_targets if assessments[t.id].baseline_value is None
                        and not assessments[t.id].measured_as_change]
    if any(t.baseline_year is None for t in missing_baseline):
        parts.append(ctx.t(f"Et af {ctx.name_in_text}s mål nævner intet udgangsår, så fremdriften kan ikke måles.",
                           f"One of {ctx.name_in_text}'s targets names no baseline, so progress cannot be measured."))
        missing_baseline = [t for t in missing_baseline if t.baseline_year is not None]
    if missing_baseline:
        # What the targets are, then what is missing: the table's status column already says "kan ikke vurderes".
        goals = _common_tail([t.label(lang) for t in missing_baseline])
        goals = [g[0].lower() + g[1:] for g in goals]
        joined = goals[0] if len(goals) == 1 else ctx.t(", og at ", ", and that ").join(
            [", at ".join(goals[:-1]) if lang == "da" else ", that ".join(goals[:-1]), goals[-1]])
        parts.append(ctx.t(f"Målene er, at {joined}. Der er endnu ikke offentliggjort tal for udgangsåret "
                           f"{missing_baseline[0].baseline_year}.",
                           f"The targets are that {joined}. No figure for the baseline year "
                           f"{missing_baseline[0].baseline_year} has been published yet."))
    chart_list = []
    drawn = [t for t in shown if assessments[t.id].baseline_value is not None and t.region == ctx.region]
    if drawn:
        # Only the region's own targets are drawn: the national benchmark is a row of the table, for reference.
        keep = {t.label(lang) for t in drawn}
        path_frame = pd.concat(paths, ignore_index=True)
        path_frame = path_frame[path_frame["measure"].isin(keep)]
        observed_frame = pd.DataFrame(observed)
        observed_frame = observed_frame[observed_frame["measure"].isin(keep)] if not observed_frame.empty \
            else observed_frame
        first, fa = drawn[0], assessments[drawn[0].id]
        unit = get_indicator(first.indicator).unit
        goal = _goal_text(ctx, first, fa, unit)
        chart_title = ctx.t(f"Målet er {goal} i {first.target_year}, 20 % over udgangsåret {first.baseline_year}"
                            if first.increase_percent == 20 else f"Målet er {goal} i {first.target_year}",
                            f"The target is {goal} in {first.target_year}")
        chart_list.append(charts.target_chart(
            path_frame, observed_frame, language=lang, axis_title=axis_title(unit, lang), title=chart_title,
            description=ctx.t("Linjediagram: stiplet linje fra udgangsåret til målåret; prikker er offentliggjorte "
                              "tal.",
                              "Line chart: dashed target path from baseline to target year; dots are published "
                              "figures.")))
    goals = goals_for_region(ctx.region)
    extra = []
    if goals:
        extra.append((ctx.t("Kvalitative mål for 2025", "Qualitative goals for 2025"), pd.DataFrame({
            ctx.t("Mål", "Goal"): [g.text(lang) for g in goals],
            "Status": [ctx.t("kvalitativt mål – ikke målbart i tal", "qualitative goal – not measurable in figures")
                       for _ in goals]})))
    # Only the series each target is measured on (its region, level, both sexes together): a StatBank cache
    # holds every level, sex and municipality, which would bury them.
    measured = [select(obs, [t.indicator, t.baseline_indicator, t.change_indicator], areas=[t.region],
                       level=t.level, sex="total", breakdown="all") for t in shown]
    frame_rows = pd.concat(measured).drop_duplicates()
    behind = pd.concat([_named_as_target(ctx, t, rows) for t, rows in zip(shown, measured)], ignore_index=True) \
        .drop_duplicates(ignore_index=True)
    notes = []
    if chart_list:
        notes.append(ctx.t("Pagterne fastsætter ingen mellemmål. Den stiplede linje går lige fra udgangsåret til "
                           "målet; den er en beregning og ikke et offentliggjort tal.",
                           "The pacts set no interim values. The dashed line runs straight from the baseline year to "
                           "the target; it is a calculation, not a published figure."))
    if any(a.status != "not_assessable" for a in assessments.values()):
        notes.append(ctx.t("Status følger Eurostats metode: den årlige vækst siden udgangsåret sammenlignet med den "
                           "vækst, der skal til for at nå målet (mindst 95 %: på vej mod målet; 60–95 %: for "
                           "langsom; 0–60 %: begrænset; under 0 %: væk fra målet).",
                           "The status follows Eurostat's method: the yearly growth since the baseline against the "
                           "growth needed to reach the target (at least 95%: on track; 60–95%: too slow; 0–60%: "
                           "limited; below 0%: moving away)."))
    table = pd.DataFrame(rows)
    national = [i for i, t in enumerate(shown) if t.region == "000" and t not in own_targets]
    if own_targets and national and ctx.region != "000":
        # The national pact's target is the country's, not the region's: it stands in a table of its own.
        extra.insert(0, (ctx.t("Den nationale Teknologipagts mål for hele landet, til sammenligning",
                               "The national technology pact's target for the whole country, for comparison"),
                         table.iloc[national].reset_index(drop=True)))
        table = table.drop(index=national).reset_index(drop=True)
    return Section("targets", title, " ".join(parts), chart_list, table, frame_rows,
                   note=" ".join(notes),
                   extra_tables=extra + [(ctx.t("Tallene bag målene", "The figures behind the targets"), behind)])


def _named_as_target(ctx: ReportContext, target, rows: pd.DataFrame) -> pd.DataFrame:
    """The figures behind one target, named as the target names what it counts (where it narrows the indicator)."""
    table = figure_table(rows, ctx.language)
    name = target.measure(ctx.language)
    if table.empty or not name:
        return table
    measure = ctx.t("Opgørelse", "Measure")
    # The baseline is the level expected without the pact, of the same thing the target counts.
    # The national pact by a name no reader takes for the region's own ("den nationale Teknologipagt").
    pact = ctx.t("den nationale Teknologipagt", "the national Technology Pact") if target.region == "000" \
        else pact_name(target.region, ctx.language)
    expected = ctx.t(f"Forventet antal {name[0].lower() + name[1:]} uden {pact}".replace(" fuldførte ", " fuldfører "),
                     f"Expected number of {name[0].lower() + name[1:]} without {pact}")
    labels = {target.indicator: name, target.baseline_indicator: expected}
    by_label = {get_indicator(i).label(ctx.language): text for i, text in labels.items() if i}
    table[measure] = [next((text for label, text in by_label.items() if cell.startswith(label)), cell)
                      for cell in table[measure]]
    return table


def _common_tail(labels: list[str]) -> list[str]:
    """Say a shared ending once: "A i 2028 end i 2018", "B i 2028 end i 2018" -> "A", "B i 2028 end i 2018"."""
    if len(labels) < 2:
        return labels
    words = [label.split(" ") for label in labels]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({tuple(w[-shared - 1:]) for w in words}) == 1:
        shared += 1
    if shared < 2:
        return labels
    return [" ".join(w[:-shared]) for w in words[:-1]] + [labels[-1]]


def _baseline_qualifier(ctx: ReportContext, target) -> str:
    """The source's qualifier on the baseline figure ("approx" for "ca. 8.100"), or ""."""
    baseline = select(ctx.observations, target.baseline_indicator or target.indicator, areas=[target.region],
                      level=target.level, sex="total", breakdown="all")
    baseline = baseline[baseline["year"] == target.baseline_year]
    return next((q for q in baseline["qualifier"] if isinstance(q, str) and q), "")


def _goal_text(ctx: ReportContext, target, a, unit: str) -> str:
    """The target value as a reader should read it: rounded, "ca." where the baseline is approximate."""
    if a.target_value is None:
        return f"+{target.increase_percent:g} %"
    if _baseline_qualifier(ctx, target) and a.target_value >= 1000:
        return format_value(round(a.target_value, -2), unit, ctx.language, "approx")
    return format_value(a.target_value, unit, ctx.language, decimals=0)
