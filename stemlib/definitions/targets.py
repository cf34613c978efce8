"""The pacts' targets, the path from baseline to target, and their status by the rule in :mod:`.progress`.

* Nordjylland: 20 % more STEM completions in 2028 than in 2018, for vocational
  and for higher education separately, measured in 2018 (baseline), 2023
  (midpoint) and 2028 (final).
* The national Technology Pact: 20 % more completions of non-dimensioned higher
  STEM educations within ten years; the ministry measures it against the
  yearly level expected from 2021 without the pact.
* Midtjylland: goals for 2025 stated without numbers. They stay qualitative;
  where a goal names an indicator and a reference year, the direction of the
  change since then can be checked.

The pacts set no value for the midpoint. The workspace reads the path between
baseline and target as a straight line; :func:`target_path` says so in its
docstring and the reports say so under the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .progress import Progress, assess_progress


@dataclass(frozen=True)
class Target:
    """A quantitative target: a relative increase of an indicator by a target year."""

    id: str
    region: str
    indicator: str
    level: str
    #: None where the target names no baseline year (the status is then "not_assessable").
    baseline_year: int | None
    target_year: int
    increase_percent: float
    milestone_years: tuple[int, ...]
    source: str
    locator: str
    label_da: str
    label_en: str
    #: Indicator holding the baseline when it is not the progress indicator
    #: itself (the national benchmark starts from the level expected in 2021).
    baseline_indicator: str | None = None
    #: Indicator holding the published change since the baseline year in percent, for targets
    #: whose baseline value was never published but whose progress was (Syddanmark's 2010 goal).
    change_indicator: str | None = None
    #: What the target counts, where it is narrower than the indicator's label (Danish, English): the tables
    #: behind the target then name its figures the same way as the target does.
    measure_da: str = ""
    measure_en: str = ""

    def label(self, language: str = "da") -> str:
        """Return the label in ``language``."""
        return self.label_en if language == "en" else self.label_da

    def measure(self, language: str = "da") -> str:
        """Return what the target counts ("" where the indicator's label says it)."""
        return self.measure_en if language == "en" else self.measure_da


@dataclass(frozen=True)
class QualitativeGoal:
    """A goal stated without a number (Midtjylland 2025)."""

    id: str
    region: str
    year: int
    text_da: str
    text_en: str
    source: str
    locator: str
    indicator: str | None = None
    reference_year: int | None = None

    def text(self, language: str = "da") -> str:
        """Return the goal in ``language``."""
        return self.text_en if language == "en" else self.text_da


#: The pact that covers each area, by its published name (Danish, English). A region without a pact of its
#: own is covered by the national Teknologipagten (2018).
PACT_NAMES: dict[str, tuple[str, str]] = {
    "081": ("Nordjysk Teknologipagt", "the North Jutland Technology Pact"),
    "082": ("Den midtjyske teknologipagt", "the Central Denmark Technology Pact"),
}
NATIONAL_PACT: tuple[str, str] = ("Teknologipagten", "the national Technology Pact")


def pact_name(region: str, language: str = "da") -> str:
    """Return the name of the pact that covers ``region`` ("Nordjysk Teknologipagt"; else "Teknologipagten")."""
    da, en = PACT_NAMES.get(region, NATIONAL_PACT)
    return en if language == "en" else da


def targets_owner(region: str, language: str = "da") -> str:
    """Name whose targets a region's page assesses: its pact's ("Nordjysk Teknologipagts mål"), else its own.

    Regions without a pact of their own set their targets in their own strategies (Syddanmark's 2010 goal,
    Hovedstaden's development strategy), so those are "regionens egne mål", not the national pact's.
    """
    if region in PACT_NAMES or region == "000":
        name = pact_name(region, language)
        return f"the targets of {name}" if language == "en" else f"{name}s mål"
    return "the region's own targets" if language == "en" else "regionens egne mål"


TARGETS: tuple[Target, ...] = (
    Target("rn_eud_2028", "081", "stem_completions", "eud", 2018, 2028, 20.0, (2018, 2023, 2028),
           "rn_teknologipagt_2019", "Det videre arbejde: Partnerskabets opgaver",
           "20 % flere fuldfører en STEM-erhvervsuddannelse i 2028 end i 2018",
           "20% more complete a STEM vocational education in 2028 than in 2018"),
    Target("rn_higher_2028", "081", "stem_completions", "higher", 2018, 2028, 20.0, (2018, 2023, 2028),
           "rn_teknologipagt_2019", "Det videre arbejde: Partnerskabets opgaver",
           "20 % flere fuldfører en videregående STEM-uddannelse i 2028 end i 2018",
           "20% more complete a higher STEM education in 2028 than in 2018"),
    # Syddanmark's own "science region" goal: the share choosing a science education (the region counts
    # natural science, technical AND health programmes) 20 % above its 2010 level. The SUA pages and the
    # 2012 news item give 2015 as the target year; the region has published only the change since 2010.
    Target("rsd_science_share_2015", "083", "science_incl_health_share_of_higher_intake", "higher", 2010, 2015,
           20.0, (2010, 2015), "rsd_sua_20_procent_maalsaetningen", "20 % målsætningen (the goal and its basis)",
           "Andelen der vælger en naturvidenskabelig, teknisk eller sundhedsfaglig videregående uddannelse skal være "
           "20 % højere end i 2010 (regionens eget mål; omfatter sundhed)",
           "The share choosing a natural-science, technical or health higher education is to be 20% above its 2010 "
           "level (the region's own goal; includes health)",
           change_indicator="science_incl_health_share_change_since_2010"),
    # Hovedstaden's development strategy 2020-2023: 20 % more choose a STEM education by 2030; the strategy
    # names neither a baseline year nor the levels, so progress cannot be measured against it.
    Target("rh_stem_choice_2030", "084", "stem_intake", "higher", None, 2030, 20.0, (2030,),
           "rh_regionh_rus_maal_og_temaer", "Om strategiens mål og temaer: Uddannelse og kompetencer til fremtiden",
           "20 % flere vælger en STEM-uddannelse i 2030 (udgangsår ikke oplyst)",
           "20% more choose a STEM education by 2030 (baseline not stated)"),
    Target("national_higher_2028", "000", "stem_completions", "higher", 2021, 2028, 20.0, (2021, 2028),
           "ufm_datavarehus_stem", "National Technology Pact benchmark",
           "20 % flere fuldfører en ikke-dimensioneret videregående STEM-uddannelse (måles mod 2021-niveauet)",
           "20% more complete a non-dimensioned higher STEM education (measured against the 2021 level)",
           baseline_indicator="stem_completions_expected_without_pact",
           measure_da="Personer, der fuldførte en ikke-dimensioneret videregående STEM-uddannelse",
           measure_en="People who completed a non-dimensioned higher STEM programme"),
)

QUALITATIVE_GOALS: tuple[QualitativeGoal, ...] = (
    QualitativeGoal("rm_choose_stem_2025", "082", 2025,
                    "Flere vælger en STEM-uddannelse i 2025", "More people choose a STEM education by 2025",
                    "rm_teknologipagt_2018", "Målsætninger", "stem_intake"),
    QualitativeGoal("rm_use_technology_2025", "082", 2025,
                    "Flere lærer at bruge teknologi frem mod 2025", "More people learn to use technology by 2025",
                    "rm_teknologipagt_2018", "Målsætninger"),
    QualitativeGoal("rm_veu_2025", "082", 2025,
                    "Flere efteruddannes inden for teknologi i 2025", "More people take continuing education in technology by 2025",
                    "rm_teknologipagt_2018", "Målsætninger", "stem_veu_participants"),
    QualitativeGoal("rm_girls_2025", "082", 2025,
                    "Både antal og andel piger der vælger STEM er højere i 2025 end i 2016",
                    "Both the number and the share of girls choosing STEM are higher in 2025 than in 2016",
                    "rm_teknologipagt_2018", "2. Piger og STEM", "women_share_of_stem_intake", 2016),
    QualitativeGoal("rm_completions_2025", "082", 2025,
                    "Flere vælger og gennemfører en STEM-uddannelse i 2025",
                    "More people choose and complete a STEM education by 2025",
                    "rm_teknologipagt_2018", "3. Teknologiambassadører", "stem_completions"),
    QualitativeGoal("rm_strongholds_2025", "082", 2025,
                    "Virksomheder i regionens styrkepositioner mangler ikke kvalificeret arbejdskraft i 2025",
                    "Firms in the region's strongholds lack no qualified labour by 2025",
                    "rm_teknologipagt_2018", "1. STEM-uddannede til de midtjyske styrkepositioner"),
    QualitativeGoal("rm_informatics_2025", "082", 2025,
                    "Flere bruger informatik i fagene, og der er flere lærere med informatikkompetencer i 2025",
                    "More people use informatics in their subjects, and more teachers are qualified in informatics, by 2025",
                    "rm_teknologipagt_2018", "4. Informatik på alle uddannelsesniveauer"),
    QualitativeGoal("rm_entrepreneurs_2025", "082", 2025,
                    "Flere vækstiværksættere inden for STEM i 2025", "More high-growth STEM entrepreneurs by 2025",
                    "rm_teknologipagt_2018", "5. Iværksætteri"),
)


def target_path(baseline_value: float, *, baseline_year: int, target_year: int, increase_percent: float,
                years: list[int] | None = None) -> pd.Series:
    """Return the straight-line path from a baseline value to its target.

    Parameters
    ----------
    baseline_value : float
        The indicator's value in ``baseline_year``.
    baseline_year, target_year : int
        Start and end of the path; ``target_year`` must be later.
    increase_percent : float
        The targeted increase, 20.0 for "20 % more".
    years : list of int, optional
        Years to give values for; every year from baseline to target by default.

    Returns
    -------
    pandas.Series
        Target values indexed by year. The pacts set no midpoint values: the
        straight line is the workspace's reading, not a published figure.
    """
    if target_year <= baseline_year:
        msg = f"target_year ({target_year}) must be after baseline_year ({baseline_year})."
        raise ValueError(msg)
    years = years if years is not None else list(range(baseline_year, target_year + 1))
    goal = baseline_value * (1 + increase_percent / 100)
    span = target_year - baseline_year
    values = [baseline_value + (goal - baseline_value) * (year - baseline_year) / span for year in years]
    return pd.Series(values, index=pd.Index(years, name="year"), name="target", dtype="float64")


@dataclass(frozen=True)
class Assessment:
    """The status of one target against the observations (:func:`stemlib.definitions.progress.assess_progress`)."""

    target: Target
    progress: Progress
    baseline_value: float | None
    target_value: float | None
    latest_year: int | None
    latest_value: float | None
    #: Where the straight line from baseline to target stands in the latest year (a calculation).
    expected_value: float | None
    #: The source whose baseline and later figures were compared (None when there is no baseline).
    source: str | None = None
    #: True when ``latest_value`` and ``expected_value`` are changes since the baseline in percent.
    measured_as_change: bool = False

    @property
    def status(self) -> str:
        """One of :data:`stemlib.definitions.progress.STATUSES`."""
        return self.progress.status


def assess_target(target: Target, observations: pd.DataFrame) -> Assessment:
    """Assess a target's latest figure after the baseline year by the one progress rule.

    Baseline and progress come from one source, so one definition is measured against
    itself; a figure for the baseline year itself is never progress. The status follows
    :func:`stemlib.definitions.progress.assess_progress` (observed against required
    compound annual growth), the rule the cards and the comparison use too.
    """
    if target.baseline_year is None:
        return Assessment(target, assess_progress(baseline_year=None, baseline_value=None, latest_year=None,
                                                  latest_value=None, target_year=target.target_year,
                                                  target_value=0.0), None, None, None, None, None)
    progress = _by_source(observations, target, target.indicator)
    baselines = {source: series for source, series in
                 _by_source(observations, target, target.baseline_indicator or target.indicator).items()
                 if target.baseline_year in series.index}
    if not baselines:
        return _assess_change(target, observations)

    def latest_later(source: str) -> int:
        series = progress.get(source)
        later_years = series.index[series.index > target.baseline_year] if series is not None else []
        return int(max(later_years)) if len(later_years) else -1

    chosen = max(sorted(baselines), key=latest_later)
    by_year = progress.get(chosen, pd.Series(dtype="float64"))
    baseline = float(baselines[chosen].get(target.baseline_year))
    goal = baseline * (1 + target.increase_percent / 100)
    later = by_year[by_year.index > target.baseline_year]
    latest_year = int(later.index.max()) if not later.empty else None
    latest = float(later.loc[latest_year]) if latest_year is not None else None
    expected = None
    if latest_year is not None:
        expected = float(target_path(baseline, baseline_year=target.baseline_year, target_year=target.target_year,
                                     increase_percent=target.increase_percent,
                                     years=[min(latest_year, target.target_year)]).iloc[0])
    status = assess_progress(baseline_year=target.baseline_year, baseline_value=baseline, latest_year=latest_year,
                             latest_value=latest, target_year=target.target_year, target_value=goal)
    return Assessment(target, status, baseline, goal, latest_year, latest, expected, chosen)


def _assess_change(target: Target, observations: pd.DataFrame) -> Assessment:
    """Assess a target from its published change since the baseline, when no baseline value exists.

    A change of ``c`` % since the baseline is the level ``100 + c`` against a baseline of 100,
    so the same growth rule applies; the straight line for the chart runs from 0 % in the
    baseline year to ``increase_percent`` in the target year, like :func:`target_path`.
    """
    changes = _by_source(observations, target, target.change_indicator) if target.change_indicator else {}
    dated = {source: series[series.index > target.baseline_year] for source, series in changes.items()}
    dated = {source: series for source, series in dated.items() if not series.empty}
    if not dated:
        status = assess_progress(baseline_year=target.baseline_year, baseline_value=None, latest_year=None,
                                 latest_value=None, target_year=target.target_year, target_value=0.0)
        return Assessment(target, status, None, None, None, None, None)
    source = max(sorted(dated), key=lambda s: dated[s].index.max())
    latest_year = int(dated[source].index.max())
    latest = float(dated[source].loc[latest_year])
    year = min(latest_year, target.target_year)
    expected = target.increase_percent * (year - target.baseline_year) / (target.target_year - target.baseline_year)
    status = assess_progress(baseline_year=target.baseline_year, baseline_value=100.0, latest_year=latest_year,
                             latest_value=100.0 + latest, target_year=target.target_year,
                             target_value=100.0 + target.increase_percent)
    return Assessment(target, status, None, None, latest_year, latest, expected, source, measured_as_change=True)


def _by_source(observations: pd.DataFrame, target: Target, indicator: str) -> dict[str, pd.Series]:
    """Return one indicator's yearly values per source, for the target's region and level (both sexes)."""
    rows = observations[(observations["indicator"] == indicator) & (observations["region"] == target.region)
                        & (observations["level"] == target.level) & (observations["sex"] == "total")
                        & (observations["breakdown"] == "all")].dropna(subset=["year"])
    if "source" not in rows:
        rows = rows.assign(source="")
    return {source: group.groupby("year")["value"].first() for source, group in rows.groupby("source")}


def targets_for_region(region: str) -> list[Target]:
    """Return the quantitative targets that apply to a region code."""
    return [t for t in TARGETS if t.region == region]


def goals_for_region(region: str) -> list[QualitativeGoal]:
    """Return the qualitative goals that apply to a region code."""
    return [g for g in QUALITATIVE_GOALS if g.region == region]
