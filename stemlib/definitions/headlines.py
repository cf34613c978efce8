"""The barometer's themes, the headline series of each (in order of preference) and the change rule.

A reader's first question is "how is my region doing on each theme?". Each theme
answers it with one headline figure. Which series that is, is stated here and in
``codelists/headlines.csv``, in order of preference, so the card never shows whichever
figure happens to exist; the change over time is measured over one fixed window for
every theme, and a change under a stated threshold counts as no real change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ._codelists import read_codelist
from .indicators import get_indicator
from .targets import pact_name, targets_owner

#: The themes, in the order of the cards and of the report's sections.
THEMES: tuple[str, ...] = ("gender", "dropout", "a_levels", "veu", "intake", "labour_market", "targets")
#: What each theme is called on the cards (Danish, English).
THEME_LABELS: dict[str, tuple[str, str]] = {
    "gender": ("Kvinder i STEM", "Women in STEM"),
    "dropout": ("Frafald", "Dropout"),
    "a_levels": ("STEM-fag i ungdomsuddannelserne", "STEM subjects in youth education"),
    "veu": ("Voksen- og efteruddannelse", "Adult and continuing education"),
    "intake": ("Optag og fuldførelse", "Intake and completions"),
    "labour_market": ("Arbejdsmarkedet", "The labour market"),
    "targets": ("Pagtens mål", "The pact's targets"),
}
#: A card's name where it shows a measure of all fields (the theme's own measure is not published for the region).
ALL_FIELDS_LABELS: dict[str, tuple[str, str]] = {
    "veu": ("Voksnes deltagelse i uddannelse", "Adults in education"),
    "intake": ("Uddannelsesniveau", "Educational attainment"),
    "labour_market": ("Uddannelsesniveau", "Educational attainment"),
}
#: Which indicator families each theme covers (for the reason a theme has no figure).
THEME_FAMILIES: dict[str, tuple[str, ...]] = {
    "gender": ("gender",), "dropout": ("dropout",), "a_levels": ("a_levels",), "veu": ("veu",),
    "intake": ("intake", "completions"), "labour_market": ("supply", "demand"), "targets": ("targets",),
}
#: Why the theme matters, as the second half of a key message with its own connector (Danish, English), so that two
#: messages do not read as one template; {pact} is the pact's name. The
#: problems are those the pacts themselves name (women, first-year dropout, A-level choices, falling VEU).
THEME_WHY: dict[str, tuple[str, str]] = {
    "gender": ("; {pact} peger på, at for få kvinder vælger STEM",
               "; {pact} points out that too few women choose STEM"),
    # Said first, with "men": the goal, then the figure that falls short of it.
    "dropout": ("; {pact} vil have flere til at gennemføre deres STEM-uddannelse",
                "; {pact} wants more people to complete their STEM education"),
    "a_levels": (", og {pact} vil have flere unge til at vælge naturvidenskabelige og tekniske fag",
                 ", and {pact} wants more young people to choose science and technical subjects"),
    "veu": ("; {pact} vil have flere voksne til at efteruddanne sig inden for STEM",
            "; {pact} wants more adults to take continuing education in STEM"),
    "intake": (", og {pact} har som mål, at flere fuldfører en STEM-uddannelse",
               ", and {pact} aims for more people to complete a STEM education"),
    "labour_market": ("; virksomhederne mangler STEM-uddannede", "; employers lack STEM graduates"),
    "targets": ("; målet er {pact}s løfte", "; the target is the promise of {pact}"),
}

#: The change is measured over this many years back from the latest figure ...
CHANGE_YEARS = 5
#: ... or, when that year has no figure, the nearest earlier year this many years back (nearest to 5 first).
CHANGE_YEARS_RANGE = (3, 7)
#: A change smaller than this counts as no real change: percentage points for shares, per cent for counts.
NO_REAL_CHANGE_PP = 1.0
NO_REAL_CHANGE_PERCENT = 2.0


@dataclass(frozen=True)
class Headline:
    """One candidate headline series of a theme."""

    theme: str
    indicator: str
    level: str
    sex: str
    breakdown: str
    #: True for a measure of all fields of education, shown only where the region has no STEM figure.
    all_fields: bool = False


@cache
def headlines() -> dict[str, tuple[Headline, ...]]:
    """Return each theme's candidate headline series, in order of preference.

    Raises
    ------
    ValueError
        When ``codelists/headlines.csv`` names an unknown theme, or an indicator with a
        region's own definition (a headline must compare across areas).
    """
    out: dict[str, list[Headline]] = {theme: [] for theme in THEMES}
    for number, row in enumerate(read_codelist("headlines"), start=1):
        if row["theme"] not in out:
            msg = (f"codelists/headlines.csv, data row {number}: theme {row['theme']!r} is not one of "
                   f"{', '.join(THEMES)}.")
            raise ValueError(msg)
        if not get_indicator(row["indicator"]).comparable_across_areas:
            msg = (f"codelists/headlines.csv, data row {number}: {row['indicator']!r} has a region's own definition "
                   "and cannot be a headline, which is compared across areas.")
            raise ValueError(msg)
        out[row["theme"]].append(Headline(**{**row, "all_fields": row.get("all_fields") == "yes"}))
    return {theme: tuple(rows) for theme, rows in out.items()}


def theme_label(theme: str, language: str = "da", region: str | None = None) -> str:
    """Return a theme's name in ``language``; for a region, the targets theme names whose targets they are."""
    if theme == "targets" and region is not None:
        owner = targets_owner(region, language)
        return owner[:1].upper() + owner[1:]
    da, en = THEME_LABELS[theme]
    return en if language == "en" else da


def theme_why(theme: str, language: str = "da", region: str = "000", *, named: bool = True) -> str:
    """Return why a theme matters, in ``language``, naming the pact that covers ``region``.

    ``named`` False says "pagten" ("the pact") instead of the name: the second key message refers back.
    """
    da, en = THEME_WHY[theme]
    pact = pact_name(region, language) if named else ("the pact" if language == "en" else "pagten")
    text = (en if language == "en" else da).format(pact=pact)
    return text


def change_is_real(change: float, unit: str) -> bool:
    """True when a change is at least the threshold: 1 percentage point for shares, 2 % for counts.

    Parameters
    ----------
    change : float
        Percentage points when ``unit`` is ``"percent"`` or ``"pp"``; otherwise the change in per cent.
    unit : str
        The indicator's unit.
    """
    threshold = NO_REAL_CHANGE_PP if unit in ("percent", "pp") else NO_REAL_CHANGE_PERCENT
    return abs(change) >= threshold
