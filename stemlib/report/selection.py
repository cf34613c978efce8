"""Pick figures out of the observations table: latest per area, one series, labels for a series.

A *series* is one indicator at one level, sex and breakdown; an *area* is a
region code. These helpers keep the section builders short and make sure
every section picks figures the same way.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from stemlib.definitions.indicators import get_indicator
from stemlib.definitions.levels import breakdown_label, levels
from stemlib.definitions.regions import REGIONS

SERIES: tuple[str, ...] = ("indicator", "level", "sex", "breakdown")

SEX_LABELS = {"da": {"total": "i alt", "women": "kvinder", "men": "mænd"},
              "en": {"total": "total", "women": "women", "men": "men"}}


def tr(language: str, da: str, en: str) -> str:
    """Return the Danish or English text; keeps both translations next to where they are used."""
    return en if language == "en" else da


def area_name(code: str, language: str = "da") -> str:
    """Return the short name of an area code."""
    return REGIONS[code].short_name(language)


def sentence_case(text: str) -> str:
    """Return ``text`` with a capital first letter (the registry's labels are lower case, as in running text)."""
    return text[:1].upper() + text[1:] if text else text


def named_in(words: str, label: str) -> bool:
    """True when every longer word of ``words`` is already in ``label`` (compared by its first six letters)."""
    stems = {w[:6] for w in re.findall(r"[\wæøå]+", label.lower()) if len(w) >= 4}
    wanted = [w[:6] for w in re.findall(r"[\wæøå]+", words.lower()) if len(w) >= 4]
    return bool(wanted) and all(w in stems for w in wanted)


def series_label(row, language: str = "da", *, with_sex: bool = True, with_level: bool = True,
                 with_breakdown: bool = True) -> str:
    """Describe a series in words: indicator label, then level, breakdown and sex where they narrow it.

    A level already named in the indicator's label is not repeated ("25-årige med htx", not
    "25-årige med htx (htx)"), and what narrows the series goes into one pair of brackets
    ("Unge der fuldfører med STEM-fag (antal, ungdomsuddannelse)"). Tables with a column of their own for the
    level or the sex leave them out (``with_level``, ``with_sex``).
    """
    if hasattr(row, "_asdict"):  # a row from DataFrame.itertuples()
        row = row._asdict()
    head = get_indicator(row["indicator"]).label(language)
    inner = ""
    if head.endswith(")") and "(" in head:  # the label's own bracket takes the other qualifiers too
        head, inner = head[:head.rindex("(")].rstrip(), head[head.rindex("(") + 1:-1]
    parts = [inner] if inner else []
    if with_level and row["level"] != "all":
        level = levels()[row["level"]].label(language)
        # Inside the brackets: lower case, and no bracket in a bracket ("vocational education, EUD").
        level = re.sub(r" \(([^()]*)\)", r", \1", lower_first(level))
        if not named_in(level, head) and row["level"].lower() not in head.lower() \
                and level.lower() != inner.lower():
            parts.append(level)
    if with_breakdown and row["breakdown"] != "all":
        label = breakdown_label(row["breakdown"], language)
        parts.append(lower_first(label) if language == "da" else label)
    if with_sex and row["sex"] != "total":
        parts.append(SEX_LABELS[language][row["sex"]])
    return f"{head} ({', '.join(parts)})" if parts else head


def select(observations: pd.DataFrame, indicator: str | list[str], *, areas: list[str] | None = None,
           **equal: str) -> pd.DataFrame:
    """Return the rows of one or more indicators, optionally for some areas and with columns equal to values."""
    names = [indicator] if isinstance(indicator, str) else list(indicator)
    rows = observations[observations["indicator"].isin(names)]
    if areas is not None:
        rows = rows[rows["region"].isin(areas)]
    for column, value in equal.items():
        rows = rows[rows[column] == value]
    return rows


def latest(rows: pd.DataFrame, by: tuple[str, ...] = ("region", *SERIES)) -> pd.DataFrame:
    """Return the latest figure of each group; a figure without a year counts only when no dated one exists."""
    if rows.empty:
        return rows
    # A stable sort on (year, source), undated first; the last row of each group is then its latest.
    year = rows["year"].astype("Float64").fillna(-1).to_numpy(dtype=float)
    order = np.lexsort((rows["source"].to_numpy(dtype=str), year))
    return rows.iloc[order].drop_duplicates(list(by), keep="last")


def split_by_scope(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into those that may be compared across areas and those under a region's own definition.

    Returns
    -------
    common, regional : DataFrame
        ``common`` holds indicators with one definition for every area (they may be
        ranked); ``regional`` holds indicators whose figures follow the publishing
        region's own definition (shown for that region, never ranked with others).
    """
    if rows.empty:
        return rows, rows
    comparable = rows["indicator"].map(lambda i: get_indicator(i).comparable_across_areas).astype(bool)
    return rows[comparable], rows[~comparable]


def in_year(year, language: str = "da", *, bare: bool = False) -> str:
    """Return "i 2018" ("in 2018"), or "(år ikke oplyst)" for an undated figure; ``bare`` leaves out "i"."""
    if pd.isna(year):
        return tr(language, "år ikke oplyst", "year not stated") if bare else tr(
            language, "(kilden oplyser ikke året)", "(the source does not say which year)")
    return str(int(year)) if bare else tr(language, f"i {int(year)}", f"in {int(year)}")


def lower_first(text: str) -> str:
    """Return a label for the middle of a sentence: first letter in lower case, unless it starts an acronym."""
    if len(text) > 1 and text[1].isupper():  # "STEM-andel", "IT på B/C-niveau"
        return text
    return text[:1].lower() + text[1:]


def as_subject(label: str, language: str = "da") -> str:
    """Return a label as the subject of a sentence: "Andel af ..." becomes "Andelen af ..." ("The share of ...")."""
    if language == "da" and label.startswith("Andel af "):
        label = "Andelen af " + label[len("Andel af "):]
    elif language == "da" and label.startswith("STEM-andel af "):
        label = "STEM-andelen af " + label[len("STEM-andel af "):]
    if language == "da" and ", der " in label and not label.endswith(")"):
        label += ","  # a relative clause inside the subject closes with a comma before the verb
    if language == "da":
        return label
    if language == "en" and label.startswith("Share of "):
        return "The share of " + label[len("Share of "):]
    return label


def year_text(year, language: str = "da") -> str:
    """Return the year as text, or a phrase for an undated figure."""
    return tr(language, "år ikke oplyst", "year not stated") if pd.isna(year) else str(int(year))
