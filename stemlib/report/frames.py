"""Observation rows made ready for charts and tables: labelled columns, the table behind a chart, axis titles.

Every section, the comparison report and the explorer label figures through these
functions, so an area, a measure, a year or a flag reads the same everywhere.
"""

from __future__ import annotations

import pandas as pd

from stemlib.definitions.levels import breakdown_label, levels
from stemlib.definitions.sentences import sentence_template

from .citations import short_citation
from .comparability import is_change
from .formatting import format_value
from .selection import SEX_LABELS, area_name, named_in, sentence_case, series_label, tr, year_text


def chart_frame(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """Add the labelled columns the chart helpers and tables use."""
    if rows.empty:
        return rows.assign(area=[], area_label=[], measure=[], value_text=[], year_text=[], sex_label=[],
                           level_label=[], flag_text=[])
    frame = rows.copy()
    frame["area"] = frame["region"]
    frame["area_label"] = [area_name(code, language) for code in frame["region"]]
    frame["measure"] = [series_label(row, language, with_sex=False) for row in frame.itertuples()]
    # One number of decimals per series and source in a chart or table ("24,0 %" beside "23,5 %" in Eurostat's
    # series, "61 %" where the source gives whole numbers); an approximate figure keeps its source's precision
    # ("ca. 33 %"); a change carries its sign ("+10 %").
    plain = frame["qualifier"].map(lambda q: not (isinstance(q, str) and q))
    series = [frame["indicator"], frame["unit"], frame["source"]]
    has_decimals = frame["value"].map(lambda v: not float(v).is_integer()) & plain
    one_decimal = has_decimals.groupby(series).transform("any")
    # A change carries its direction: "+3 procentpoint", "−2 procentpoint", and in words where the source's
    # qualifier leaves no room for a sign ("stigning på mere end 5 procentpoint", not "mere end +5").
    # One notation per series: when one change of it needs words, all of them get words.
    worded = (~plain).groupby(series).transform("any")
    frame["value_text"] = [_value_text(v, u, q if isinstance(q, str) else "", 1 if (p and d) else None,
                                       is_change(i), language, w)
                           for v, u, q, p, d, i, w in zip(frame["value"], frame["unit"], frame["qualifier"], plain,
                                                          one_decimal, frame["indicator"], worded)]
    frame["year_text"] = [year_text(y, language) for y in frame["year"]]
    # A woman's share is about women, whatever the row's sex column says ("total": of everyone).
    # Capitalised as a table cell or a legend entry ("Kvinder"), like the area names beside it.
    frame["sex_label"] = [sentence_case(SEX_LABELS[language]["women" if i.startswith("women_share") else s])
                          for s, i in zip(frame["sex"], frame["indicator"])]
    frame["level_label"] = [levels()[lv].table_label(language) if lv in levels() else lv for lv in frame["level"]]
    frame["flag_text"] = [_flag_text(f, language) for f in frame["flag"]]
    return frame


def _value_text(value: float, unit: str, qualifier: str, decimals, change: bool, language: str,
                worded: bool = False) -> str:
    """A table cell's value: a change with its sign, or with "stigning på" / "fald på" beside a qualifier
    (``worded``: in words also without one, when another value of its series needs them)."""
    if not change:  # a third stays the source's fraction in words ("mere end en tredjedel")
        return format_value(value, unit, language, qualifier, decimals=decimals, in_words=True)
    if not qualifier and not worded:
        return format_value(value, unit, language, decimals=decimals, signed=True)
    amount = format_value(abs(value), unit, language, qualifier, decimals=decimals)
    if value > 0:
        return tr(language, f"stigning på {amount}", f"increase of {amount}")
    return tr(language, f"fald på {amount}", f"fall of {amount}") if value < 0 else amount


def _flag_text(flag: str, language: str) -> str:
    words = {"b": tr(language, "brud i tidsserien", "break in series"),
             "u": tr(language, "lav pålidelighed", "low reliability"),
             "d": tr(language, "definitionen afviger", "definition differs")}
    return ", ".join(words.get(letter, letter) for letter in flag)


def figure_table(rows: pd.DataFrame, language: str) -> pd.DataFrame:
    """The numbers behind a chart: area, measure, level, sex, year, value as formatted text, source.

    Rows are grouped by area (in the order the areas first appear, the report's region first) and
    then by measure. The level and the sex get columns of their own when the rows differ in them,
    so the measure's name is not followed by brackets ("Optag i alt", "Erhvervsuddannelser", "Kvinder").
    """
    frame = chart_frame(rows, language)
    if frame.empty:
        return pd.DataFrame()
    by_level = frame["level"].nunique() > 1
    # A split (industry, group of workers, programme) gets a column of its own, as the level and sex do.
    by_split = frame["breakdown"].ne("all").any() and frame["breakdown"].nunique() > 1
    frame["measure"] = [series_label(row, language, with_sex=False, with_level=not by_level,
                                     with_breakdown=not by_split) for row in frame.itertuples()]
    frame["split_label"] = ["" if b == "all" else sentence_case(breakdown_label(b, language))
                            for b in frame["breakdown"]]
    # A cell says something or is empty: no "Alle niveauer", no level the measure's name already gives
    # ("Deltagere i voksen- og efteruddannelse" beside "Voksen- og efteruddannelse"), and no "Kvinder" for
    # women's share of everyone (it is a share of both sexes).
    frame["level_label"] = ["" if lv == "all" or named_in(label, m) or lv.upper() in m else label
                            for lv, label, m in zip(frame["level"], frame["level_label"], frame["measure"])]
    frame["sex_label"] = ["" if i.startswith("women_share") else s
                          for s, i in zip(frame["sex_label"], frame["indicator"])]
    # A measure that a sex changes the words of is named so ("STEM-uddannelsernes andel af kvindernes optag"),
    # not as the total's name with "Kvinder" beside it, which reads like women's share of the total.
    frame["measure"] = [_sex_name(i, sx, lang_measure, language)
                        for i, sx, lang_measure in zip(frame["indicator"], frame["sex"], frame["measure"])]
    area_rank = {a: i for i, a in enumerate(dict.fromkeys(frame["area_label"]))}
    measure_rank = {m: i for i, m in enumerate(dict.fromkeys(frame["measure"]))}
    frame = frame.assign(_a=frame["area_label"].map(area_rank), _m=frame["measure"].map(measure_rank)) \
        .sort_values(["_a", "_m"], kind="stable")
    table = pd.DataFrame({
        tr(language, "Område", "Area"): frame["area_label"],
        tr(language, "Opgørelse", "Measure"): frame["measure"],
        **({tr(language, "Niveau", "Level"): frame["level_label"]} if by_level else {}),
        **({tr(language, "Gruppe", "Group"): frame["split_label"]} if by_split else {}),
        **({tr(language, "Køn", "Sex"): frame["sex_label"]} if (frame["sex"] != "total").any() else {}),
        tr(language, "År", "Year"): frame["year_text"],
        tr(language, "Værdi", "Value"): frame["value_text"] + frame["flag_text"].map(lambda t: f" ({t})" if t else ""),
        tr(language, "Kilde", "Source"): frame["source"].map(short_citation),
    })
    return table.reset_index(drop=True)


def _sex_name(indicator: str, sex: str, measure: str, language: str) -> str:
    """The measure's own name for one sex where the definitions give one (``sentences.csv``), else ``measure``."""
    own = sentence_template(indicator, sex) if sex != "total" else None
    return own.name(language) if own is not None and own.sex == sex and own.name(language) else measure


def axis_title(unit: str, language: str) -> str:
    """Return the axis title for a unit of the observations schema ("Procent", "Personer", ...)."""
    return {"percent": tr(language, "Procent", "Percent"), "pp": tr(language, "Procentpoint", "Percentage points"),
            "persons": tr(language, "Personer", "People"), "count": tr(language, "Antal", "Number"),
            "dkk_million": tr(language, "Mio. kr.", "DKK million"), "index": "Indeks"}[unit]
