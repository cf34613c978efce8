"""The observations schema and its validation.

Every figure in the workspace is one row of one tidy table (see DESIGN.md).
The nine columns of the design are required in every data file; three more are
optional and default to "nothing special":

``breakdown``
    a split the level and sex columns cannot carry (industry, competence group),
    ``"all"`` by default;
``qualifier``
    how the source words an approximate figure: ``approx`` ("ca.", "omkring"),
    ``just_under`` ("knap"), ``just_over`` ("godt", "lidt over"),
    ``more_than`` ("mere end"), ``up_to`` ("op til", "op mod"); empty when exact;
``flag``
    a statistical flag as published (Eurostat ``b`` break in series, ``u`` low
    reliability ...).

The key of a row is (indicator, region, year, sex, level, breakdown, source):
one figure per key. The source is part of the key because two publishers may
give the same measure under different definitions (a pact's baseline and a
StatBank series); both are kept, and every table shows which is which.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Mapping

from stemlib.definitions.indicators import UNITS, indicators
from stemlib.definitions.levels import is_known_breakdown, levels
from stemlib.definitions.regions import REGIONS, municipalities
from stemlib.errors import DataValidationError

REQUIRED_COLUMNS: tuple[str, ...] = ("indicator", "region", "year", "sex", "level", "value", "unit", "source", "locator")
OPTIONAL_COLUMNS: dict[str, str] = {"breakdown": "all", "qualifier": "", "flag": ""}
COLUMNS: tuple[str, ...] = ("indicator", "region", "year", "sex", "level", "breakdown", "value", "unit",
                            "qualifier", "flag", "source", "locator")
KEY: tuple[str, ...] = ("indicator", "region", "year", "sex", "level", "breakdown", "source")
SEXES: tuple[str, ...] = ("total", "women", "men")
QUALIFIERS: tuple[str, ...] = ("", "approx", "just_under", "just_over", "more_than", "up_to")
YEAR_RANGE = (1900, 2100)
MAX_REPORTED_ERRORS = 10

_FLAG = re.compile(r"^[a-z]*$")
#: Indicators that speak of a year after their source was published: the pacts' targets and budgets
#: (family ``targets``) and projections ("projected", "expected").
_FORWARD_LOOKING = re.compile(r"projected|expected")


def did_you_mean(value: str, choices: Collection[str]) -> str:
    """Return " Did you mean 'x'?" for the closest choices of a misspelt value, or an empty string."""
    close = difflib.get_close_matches(value, list(choices), n=2, cutoff=0.6)
    if not close:
        return ""
    return f" Did you mean {' or '.join(repr(c) for c in close)}?"


def looks_forward(indicator_id: str) -> bool:
    """True for a target or a forecast: a figure whose year may lie after its source was published."""
    indicator = indicators().get(indicator_id)
    return (indicator is not None and indicator.family == "targets") or bool(_FORWARD_LOOKING.search(indicator_id))


def value_range(indicator_id: str, unit: str) -> tuple[float, float]:
    """Return the possible range of a value, from its unit and whether it is a change.

    Shares in ``percent`` lie in 0-100 and counts are never negative, but an
    indicator whose id contains ``_change`` measures a change, which may be
    negative (and, in percent, above 100).
    """
    change = "_change" in indicator_id
    if unit == "percent":
        return (-100.0, math.inf) if change else (0.0, 100.0)
    if unit == "pp":
        return (-100.0, 100.0)
    if unit in {"persons", "count", "dkk_million"}:
        return (-math.inf, math.inf) if change else (0.0, math.inf)
    return (0.0, math.inf)  # index


def _valid_region(code: str) -> bool:
    return code in REGIONS or code in municipalities()


def check_row(row: dict[str, str], sources: Mapping[str, str] | Collection[str]) -> list[tuple[str, str]]:
    """Check one row of strings; return ``(column, problem)`` pairs, empty when valid.

    Parameters
    ----------
    row : dict of str
        The row as read from a CSV file (optional columns already filled in).
    sources : mapping of str to str, or set of str
        The source ids in data/sources.csv, mapped to their publication year (text, empty when the source
        gives none). With a year, a figure dated after it is refused, unless it is a target or forecast.
    """
    problems: list[tuple[str, str]] = []
    registry = indicators()
    indicator = registry.get(row["indicator"])
    if indicator is None:
        problems.append(("indicator", f"{row['indicator']!r} is not in the indicator registry "
                                      "(stemlib/definitions/codelists/indicators.csv)."
                                      + did_you_mean(row["indicator"], registry)))
    if not _valid_region(row["region"]):
        problems.append(("region", f"{row['region']!r} is not a region code (000, 081-085) or a three-digit "
                                   "municipality code; codes are text with leading zeros"))
    year = row["year"]
    if year and not (year.isdigit() and YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]):
        problems.append(("year", f"{year!r} is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]} "
                                 "(leave it empty when the source gives none)"))
    if row["sex"] not in SEXES:
        problems.append(("sex", f"{row['sex']!r} is not one of {', '.join(SEXES)}."
                                + did_you_mean(row["sex"], SEXES)))
    if row["level"] not in levels():
        problems.append(("level", f"{row['level']!r} is not a level id; known: {', '.join(levels())}."
                                  + did_you_mean(row["level"], levels())))
    if not is_known_breakdown(row["breakdown"]):
        problems.append(("breakdown", f"{row['breakdown']!r} is not 'all' or known 'key:value' parts joined by '|' "
                                      "(stemlib/definitions/codelists/breakdowns.csv)"))
    if row["unit"] not in UNITS:
        problems.append(("unit", f"{row['unit']!r} is not one of {', '.join(UNITS)}."
                                 + did_you_mean(row["unit"], UNITS)))
    elif indicator is not None and row["unit"] != indicator.unit:
        problems.append(("unit", f"{row['unit']!r} differs from the registry's unit {indicator.unit!r} "
                                 f"for {indicator.id}"))
    try:
        value = float(row["value"])
    except ValueError:
        problems.append(("value", f"{row['value']!r} is not a number (use a decimal point: 18.1, not 18,1)"))
    else:
        if math.isnan(value) or math.isinf(value):
            problems.append(("value", f"{row['value']!r} is not a finite number; leave missing figures out"))
        elif row["unit"] in UNITS:
            low, high = value_range(row["indicator"], row["unit"])
            if not low <= value <= high:
                problems.append(("value", f"{value:g} is outside the possible range {low:g} to {high:g} "
                                          f"for unit {row['unit']!r}"))
    if row["qualifier"] not in QUALIFIERS:
        problems.append(("qualifier", f"{row['qualifier']!r} is not one of {', '.join(q or '(empty)' for q in QUALIFIERS)}"))
    if not _FLAG.match(row["flag"]):
        problems.append(("flag", f"{row['flag']!r} should be lower-case flag letters such as 'b' or 'u'"))
    if row["source"] not in sources:
        problems.append(("source", f"{row['source']!r} is not an id in data/sources.csv."
                                   + did_you_mean(row["source"], sources)))
    else:
        published = sources.get(row["source"], "") if isinstance(sources, Mapping) else ""
        if (published.isdigit() and year.isdigit() and int(year) > int(published)
                and not looks_forward(row["indicator"])):
            problems.append(("year", f"{year} is after the source {row['source']!r} was published ({published}, "
                                     "data/sources.csv); only targets and forecasts may be dated later. "
                                     "Check the year, or the source"))
    if not row["locator"]:
        problems.append(("locator", "is empty; say where in the source the figure stands"))
    return problems


def raise_if_problems(problems: list[str], what: str) -> None:
    """Raise one :class:`DataValidationError` listing up to ten problems."""
    if not problems:
        return
    shown = problems[:MAX_REPORTED_ERRORS]
    more = len(problems) - len(shown)
    tail = f"\n  ... and {more} more" if more else ""
    msg = f"{what} failed validation ({len(problems)} problem{'s' if len(problems) != 1 else ''}):\n  " + \
        "\n  ".join(shown) + tail
    raise DataValidationError(msg)
