"""Figures told as Danish (or English) sentences, from the templates per measure in the definitions.

A paragraph names the area once ("i Region Nordjylland") and then says "i regionen"; a further
level or sex of the same measure and year is told in a short sentence of its own ("På de
videregående uddannelser var andelen 34 %. Blandt kvinderne var andelene 10 % og 20 %."), not as
a label with its qualifiers in brackets. A measure without a template is told as "<label> var
<value> i <area> <year>".
"""

from __future__ import annotations

import re

import pandas as pd

from stemlib.definitions.sentences import SentenceTemplate, sentence_template

from .formatting import format_value
from .report_context import ReportContext
from .selection import as_subject, in_year, lower_first, series_label, tr

#: What a continuation sentence calls the figure, by unit: (Danish one, Danish several, English one, several).
NOUNS = {"percent": ("andelen", "andelene", "the share", "the shares"),
         "pp": ("ændringen", "ændringerne", "the change", "the changes")}
OTHER_NOUN = ("tallet", "tallene", "the figure", "the figures")
AMONG = {"women": ("blandt kvinderne", "among women"), "men": ("blandt mændene", "among men")}


def _row(row) -> dict:
    return row._asdict() if hasattr(row, "_asdict") else dict(row)


def _qualifier(row: dict) -> str:
    return row["qualifier"] if isinstance(row.get("qualifier"), str) else ""


def _value(row: dict, language: str, decimals: int | None = None) -> str:
    return format_value(row["value"], row["unit"], language, _qualifier(row), in_words=True, decimals=decimals)


def _amount(row: dict, language: str) -> str:
    """The size of a change without its sign ("88 %", "mere end 5 procentpoint")."""
    return format_value(abs(row["value"]), row["unit"], language, _qualifier(row), in_words=True)


def _moved(row: dict, language: str) -> str:
    value, amount = row["value"], _amount(row, language)
    if value > 0:
        return tr(language, f"steget {amount}", f"risen by {amount}")
    if value < 0:
        return tr(language, f"faldet {amount}", f"fallen by {amount}")
    return tr(language, "været uændret", "stayed the same")


def _higher(row: dict, language: str) -> str:
    value, amount = row["value"], _amount(row, language)
    if value == 0:
        return tr(language, "det samme", "the same")
    return tr(language, f"{amount} {'højere' if value > 0 else 'lavere'}",
              f"{amount} {'higher' if value > 0 else 'lower'}")


def _until(year, language: str) -> str:
    if pd.isna(year):
        return tr(language, "(kilden oplyser ikke slutåret)", "(the source does not give the end year)")
    return tr(language, f"(opgjort i {int(year)})", f"(measured in {int(year)})")


def area_phrase(ctx: ReportContext, *, first: bool, sex: str = "total") -> str:
    """ "i Region Nordjylland" the first time, then "i regionen"; "blandt kvinderne i ..." for a sex-specific row."""
    if ctx.region == "000":
        where = tr(ctx.language, "i hele landet", "in the whole country")
    elif first:
        where = tr(ctx.language, f"i {ctx.name_in_text}", f"in {ctx.name_in_text}")
    else:
        where = tr(ctx.language, "i regionen", "in the region")
    if sex in AMONG:
        da, en = AMONG[sex]
        where = f"{tr(ctx.language, da, en)} {where}"
    return where


def _tidy(text: str) -> str:
    """Single spaces, no space before punctuation, a capital first letter."""
    text = re.sub(r"\s+", " ", text).strip()
    # A dated change since a year reads "fra 2008 til 2018"; "siden 2011" stays where the end year is not known.
    text = re.sub(r"siden (\d{4}) \(opgjort i (\d{4})\)", r"fra \1 til \2", text)
    # Over a closed period the verb is in the past: "steg … fra 2008 til 2018", not "er … steget … fra … til".
    text = re.sub(r"\ber (.+?) (steget|faldet) (.+? fra \d{4} til \d{4})",
                  lambda m: f"{'steg' if m[2] == 'steget' else 'faldt'} {m[1]} med {m[3]}", text)
    text = re.sub(r"since (\d{4}) \(measured in (\d{4})\)", r"from \1 to \2", text)
    text = re.sub(r" ([,.;)])", r"\1", text).replace("( ", "(")
    return text[:1].upper() + text[1:]


#: Small numbers in words for the note on undated figures.
COUNT_WORDS = {"da": {2: "to", 3: "tre", 4: "fire", 5: "fem"}, "en": {2: "two", 3: "three", 4: "four", 5: "five"}}


def undated_note(ctx: ReportContext, notes: list[str]) -> str:
    """One sentence under a section for the undated figures its sentences told (``notes`` holds their measures).

    It replaces "(kilden oplyser ikke året)" in every sentence: "Kilden oplyser ikke, hvilket år tallet for
    frafald fra STEM-uddannelser inden for det første år gælder." or, for several, how many.
    """
    if not notes:
        return ""
    listed = notes[0] if len(notes) == 1 else ", ".join(notes[:-1]) + ctx.t(" og ", " and ") + notes[-1]
    return ctx.t(f"Kilden oplyser ikke årstal for {listed}.", f"The source gives no year for {listed}.")


def _when(ctx: ReportContext, row: dict, notes: list[str] | None) -> tuple[str, str]:
    """ "i 2018" and "(opgjort i 2018)"; for an undated figure a note when ``notes`` collects them, else a bracket."""
    if notes is not None and pd.isna(row["year"]):
        # The figure as the note names it: "andelen af ..." with its level as the measure says it.
        template = sentence_template(row["indicator"], row["sex"])
        measure = lower_first(as_subject(series_label(row, ctx.language, with_level=False), ctx.language))
        measure = measure.rstrip(",")
        level = template.level_phrase(row["level"], ctx.language) if template is not None else ""
        if row["level"] != "all" and level:  # a relative clause closes with a comma before what follows it
            measure = f"{measure}{',' if ', der ' in measure else ''} {level}"
        if measure not in notes:
            notes.append(measure)
        return "", ""
    return in_year(row["year"], ctx.language), _until(row["year"], ctx.language)


def say(ctx: ReportContext, row, *, first: bool = True, notes: list[str] | None = None,
        decimals: int | None = None, after_year=None, year_first: bool = False) -> str:
    """One figure as one sentence, from its measure's template (or the plain form where there is none).

    With ``notes``, an undated figure's "(kilden oplyser ikke året)" becomes a note appended to that list
    (a section prints its notes once, under its figures) instead of a bracket in the sentence. ``decimals``
    fixes the number of decimals, to match another figure in the same sentence ("24,0 %, ned fra 31,2 %").
    ``after_year`` is the year of the sentence before: the same year again opens "Samme år ...".
    ``year_first`` opens a dated figure with its year and names the area at the end ("I 2018 fuldførte 57 % ...
    i Region Nordjylland"), so that not every paragraph of a page opens "I Region Nordjylland".
    """
    row, lang = _row(row), ctx.language
    when, until = _when(ctx, row, notes)
    template = sentence_template(row["indicator"], row["sex"])
    # A template does not name a breakdown ("it-uddannelser på erhvervsakademier"): such a row keeps its label.
    if template is None or row.get("breakdown", "all") != "all":
        measure = as_subject(series_label(row, lang), lang)
        verb = tr(lang, "var", "was")
        return _tidy(f"{measure} {verb} {_value(row, lang, decimals)} {area_phrase(ctx, first=first)} {when}.")
    sex = row["sex"] if template.sex == "" else "total"  # a template of its own sex names the sex itself
    where = area_phrase(ctx, first=first, sex=sex)
    if year_first and first and when and sex == "total" and "{when}" in template.sentence(lang) \
            and template.sentence(lang).startswith("{in_area}"):
        where, when = when, where
    elif not first and when and ctx.region != "000" and "{when}" in template.sentence(lang):
        # After the first sentence the region goes without saying: the year opens the sentence instead
        # ("I 2018 havde 3 % ..."), so that a paragraph does not run "I regionen ... I regionen ...".
        opening = tr(lang, "samme år", "the same year") if after_year is not None and not pd.isna(after_year) \
            and not pd.isna(row["year"]) and int(after_year) == int(row["year"]) else when
        where, when = area_phrase(ctx, first=False, sex=sex).replace(tr(lang, "i regionen", "in the region"),
                                                                     opening), ""
    return _tidy(template.sentence(lang).format(
        in_area=where, value=_value(row, lang, decimals), when=when,
        until=until, moved=_moved(row, lang), higher=_higher(row, lang),
        level=template.level_phrase(row["level"], lang)))


def _same_year(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or a == b


def _listed(items: list[str], language: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + tr(language, " og ", " and ") + items[-1]


def _continued(ctx: ReportContext, template: SentenceTemplate, lead: dict, rows: list[dict],
               notes: list[str] | None = None) -> list[str]:
    """Further levels and sexes of the lead's measure and year in short sentences; [] when they cannot be."""
    lang = ctx.language
    da_one, da_more, en_one, en_more = NOUNS.get(lead["unit"], OTHER_NOUN)
    out = []
    for sex in dict.fromkeys(r["sex"] for r in rows):
        group = [r for r in rows if r["sex"] == sex]
        phrases = [template.level_phrase(r["level"], lang) for r in group]
        if sex == lead["sex"]:
            for r, phrase in zip(group, phrases):
                # Another year than the lead's is said; the lead's year carries over. A figure without a year
                # beside a dated one says so in the sentence, or it would read as the lead's year.
                if _same_year(r["year"], lead["year"]):
                    when = ""
                elif pd.isna(r["year"]):
                    when = tr(lang, " i en opgørelse uden årstal", " in a count with no year given")
                else:
                    when = f" {in_year(r['year'], lang)}"
                out.append(_tidy(tr(lang, f"{phrase} var {da_one} {_value(r, lang)}{when}.",
                                    f"{phrase}, {en_one} was {_value(r, lang)}{when}.")))
            continue
        if sex not in AMONG or not all(_same_year(r["year"], lead["year"]) for r in group):
            return []
        # One level throughout (the lead's): the level goes without saying for the other sex too.
        if {r["level"] for r in rows} == {lead["level"]}:
            phrases = ["" for _ in group]
        items = [f"{_value(r, lang)} {p}".strip() for r, p in zip(group, phrases)]
        own = sentence_template(lead["indicator"], sex)
        if own is not None and own.sex == sex:  # the measure says this sex its own way ("Af de optagne kvinder")
            listed = _listed(items, lang)
            if len(items) > 1:  # "var andelen henholdsvis 10 % på ... og 20 % på ..."
                listed = tr(lang, f"henholdsvis {listed}", listed)
            out.append(_tidy(own.sentence(lang).format(in_area="", value=listed, when="", until="",
                                                       moved="", higher="", level="")))
            continue
        noun = tr(lang, da_one if len(items) == 1 else da_more, en_one if len(items) == 1 else en_more)
        verb = tr(lang, "var", "was" if len(items) == 1 else "were")
        out.append(_tidy(tr(lang, f"{AMONG[sex][0]} var {noun} {_listed(items, lang)}.",
                            f"{AMONG[sex][1]}, {noun} {verb} {_listed(items, lang)}.")))
    return out


def tell(ctx: ReportContext, rows: pd.DataFrame, *, first: bool = True, notes: list[str] | None = None) -> str:
    """Tell figures as a paragraph: one sentence per measure, further levels and sexes of it in short sentences.

    Parameters
    ----------
    ctx : ReportContext
        The report's region and language.
    rows : DataFrame
        Observation rows, in the order they are to be told; the first row of each measure leads.
    first : bool
        True when the paragraph is the first to name the region (then "i Region Nordjylland", later "i regionen").
    """
    records = [_row(r) for r in rows.to_dict("records")]
    out, previous = [], None
    for indicator in dict.fromkeys(r["indicator"] for r in records):
        group = [r for r in records if r["indicator"] == indicator]
        lead = next((r for r in group if r["sex"] == "total"), group[0])
        out.append(say(ctx, lead, first=first, notes=notes, after_year=previous, year_first=True))
        first, previous = False, lead["year"]
        # The same measure in another year (or none) is left to the table: told beside the lead's figures it
        # would read as the lead's year.
        rest = [r for r in group if r is not lead and _same_year(r["year"], lead["year"])]
        template = sentence_template(indicator, lead["sex"])
        said = []
        if template is not None and template.continues and rest and all(
                template.level_phrase(r["level"], ctx.language) or r["sex"] != lead["sex"] for r in rest):
            said = _continued(ctx, template, lead, rest, notes)
        out += said or [say(ctx, r, first=False, notes=notes) for r in rest]
    return " ".join(out)
