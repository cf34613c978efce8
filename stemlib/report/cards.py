"""The first screen of a region page: key messages and one card per theme, drawn from the scorecard.

The cards are plain HTML with their CSS inline: they draw without any chart script, stack
in one column on a phone, print on the first page, and look the same in JupyterLab. A
card never shows colour alone: the arrow and the words say the direction, and the target
status has a symbol and words. A theme without a figure for the region is not a card of
dashes: one sentence names those themes and why.
"""

from __future__ import annotations

import html

import pandas as pd

from stemlib.definitions.headlines import ALL_FIELDS_LABELS, theme_why
from stemlib.definitions.progress import REASONS, STATUS_TEXT
from stemlib.definitions.sentences import sentence_template
from stemlib.definitions.targets import targets_for_region, targets_owner

from .formatting import format_value, keep_unit_with_number
from .prose import say
from .report_context import ReportContext
from .scorecards import MISSING_REASONS
from .selection import area_name, in_year, lower_first, sentence_case, series_label, tr

#: At most this many key messages: the ONS style guide allows five or six, but two leave room for three cards on
#: the first phone screen (the cards carry every theme's figure anyway).
MAX_MESSAGES = 2

#: Text colours for a change that is good, bad or neither; each passes 4.5:1 on white, and words say it too.
CHANGE_COLOURS = {True: "#1a6b35", False: "#a3222b", None: "#444444"}

CARD_CSS = """
ul.stemlib-cards.stemlib-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
  gap: 0.5rem; margin: 0.5rem 0 0.75rem; padding: 0; list-style: none; }
li.stemlib-card.stemlib-card { list-style: none; margin: 0; }
.stemlib-card { border: 1px solid #8a8a8a; border-radius: 4px; padding: 0.3rem 0.6rem; background: #ffffff;
  color: #111111; break-inside: avoid; page-break-inside: avoid; }
.stemlib-card h3 { font-size: 0.85rem; margin: 0; font-weight: 600; color: #333333; }
.stemlib-card p { margin: 0.1rem 0; font-size: 0.85rem; line-height: 1.3; }
.stemlib-card .stemlib-card-value { font-size: 1.25rem; font-weight: 700; line-height: 1.2; }
.stemlib-card .stemlib-card-value span { font-size: 0.85rem; font-weight: 400; }
ul.stemlib-messages { margin: 0.25rem 0 0.5rem; padding-left: 1.1rem; }
ul.stemlib-messages li { margin: 0.1rem 0; line-height: 1.3; font-size: 0.9rem; }
.stemlib-without { font-size: 0.85rem; color: #333333; margin: 0.25rem 0 0.5rem; }
@media (max-width: 40rem) { ul.stemlib-cards.stemlib-cards { grid-template-columns: 1fr; }
  h1.stemlib-title { font-size: 1.6rem; line-height: 1.2; margin-bottom: 0.3rem; } }
@media print { ul.stemlib-cards.stemlib-cards { grid-template-columns: repeat(3, 1fr); } }
"""


def _value(row, language: str) -> str:
    """The card's figure, with as many decimals as its change's start ("24,0 %" when the start was 31,2 %)."""
    qualifier = row["qualifier"] or ""
    start = row["value"] - row["change"] if row["change_unit"] == "pp" and not pd.isna(row["change"]) else None
    decimals = 1 if not qualifier and start is not None and not float(start).is_integer() else None
    return format_value(row["value"], row["unit"], language, qualifier, decimals=decimals)


def _year_phrase(year, language: str) -> str:
    """ "i 2018" beside a card's figure, or "(år ikke oplyst)" where the source gives no year."""
    return f"({in_year(year, language, bare=True)})" if pd.isna(year) else in_year(year, language)


def change_words(row, language: str) -> tuple[str, str]:
    """The arrow and the words for a card's change, e.g. ("↓", "Andelen er faldet 4,2 procentpoint siden 2014.").

    Empty when only one year has been published by the source.
    """
    if pd.isna(row["change"]):
        return "", ""
    since = int(row["change_from_year"])
    if row.get("change_wholly_at_break") in (True,):
        # The whole change lies at a break in the series: it is the method's, so the card shows no change, and a
        # note on the break would be about nothing the card shows (the section says it).
        return "", ""
        years = " og ".join(str(row.get("change_break_years") or "").split()) if language == "da" else \
            " and ".join(str(row.get("change_break_years") or "").split())
        several = " " in str(row.get("change_break_years") or "").strip()
        return "", tr(language, f"Tallene før og efter {'bruddene' if several else 'bruddet'} i tidsserien i {years} "
                                "er ikke fuldt sammenlignelige.",
                      f"The share cannot be compared with the years before the {'breaks' if several else 'break'} "
                      f"in the series in {years}.")
    amount = format_value(abs(row["change"]), row["change_unit"], language, decimals=1)
    subject = tr(language, "Andelen" if row["unit"] in ("percent", "pp") else "Tallet",
                 "The share" if row["unit"] in ("percent", "pp") else "The number")
    if row["change_direction"] == "flat":
        text = tr(language, f"{subject} er stort set uændret siden {since}",
                  f"{subject} is much the same as in {since}")
        arrow = "→"
    else:
        up = row["change_direction"] == "up"
        arrow = "↑" if up else "↓"
        text = tr(language, f"{subject} er {'steget' if up else 'faldet'} {amount} siden {since}",
                  f"{subject} has {'risen' if up else 'fallen'} {amount} since {since}")
        country = row.get("country_change")
        if country is not None and not pd.isna(country):
            moved = format_value(abs(country), row["change_unit"], language, decimals=1)
            if (country < 0) == (not up):  # the same direction: "mod 6,6 procentpoint i hele landet"
                text += tr(language, f" mod {moved} i hele landet", f" against {moved} nationally")
            else:
                text += tr(language, f", mens hele landet er {'faldet' if up else 'steget'} {moved}",
                           f", while the country has {'fallen' if up else 'risen'} {moved}")
        # Colour is never alone: the words say whether the change goes the way the pacts want.
        if (row["change_good"] is True or row["change_good"] is False) and row["all_fields"] is not True:
            text += tr(language, ", i den rigtige retning" if row["change_good"] else ", i den forkerte retning",
                       ", the right way" if row["change_good"] else ", the wrong way")
    return arrow, text + "." + break_words(row, language)


def break_words(row, language: str) -> str:
    """A sentence on the breaks in the series inside the change's window, or "" (with a leading space).

    Where the steps at the breaks carry most of the change, the sentence says so: the change is then
    the method's more than the region's, and the card gives no verdict on it.
    """
    if not row["change_spans_break"]:
        return ""
    years = [int(y) for y in str(row.get("change_break_years") or "").split()]
    listed = (" og " if language == "da" else " and ").join(
        [", ".join(map(str, years[:-1])), str(years[-1])] if len(years) > 1 else [str(years[0])]) if years else ""
    several = len(years) > 1
    if row.get("change_mostly_at_break") in (True,) and row["change_direction"] in ("up", "down"):
        da = "stigningen" if row["change_direction"] == "up" else "faldet"
        en = "the rise" if row["change_direction"] == "up" else "the fall"
        wholly = row.get("change_wholly_at_break") in (True,)
        brud = "bruddene" if several else "bruddet"
        return tr(language, f" {sentence_case(da)} kom ved {brud} i tidsserien i {listed}." if wholly
                  else f" Det meste af {da} kom ved {brud} i tidsserien i {listed}.",
                  f" {'All' if wholly else 'Most'} of {en} happens at the {'breaks' if several else 'break'} in the "
                  f"series in {listed}.")
    return tr(language, f" Der er brud i tidsserien i {listed}.", f" The series breaks in {listed}.") if years else \
        tr(language, " Der er brud i tidsserien undervejs.", " The series breaks in between.")


#: Small numbers in words, as Danish and English prose write them.
NUMBER_WORDS = {"da": {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks"},
                "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}}


def rank_words(row, language: str, region: str = "") -> str:
    """Where the region stands among the five, in words ("Nordjylland har den laveste andel af de fem regioner.")."""
    if pd.isna(row["rank"]):
        return ""
    rank, count = int(row["rank"]), int(row["ranked_regions"])
    of = NUMBER_WORDS[language].get(count, str(count))
    share = row["unit"] in ("percent", "pp")
    # Rank 1 is the best; whether that is the highest or the lowest figure depends on the better direction.
    highest_first = row["better"] != "down"
    if rank in (1, count):
        top = (rank == 1) == highest_first
        noun = tr(language, "andel" if share else "tal", "share" if share else "figure")
        word = tr(language, "højeste" if top else "laveste", "highest" if top else "lowest")
        return tr(language, f"{region} har den {word} {noun} af de {of} regioner.",
                  f"{region} has the {word} {noun} of the {of} regions.")
    return tr(language, f"{region} er nr. {rank} af de {of} regioner.", f"{region} ranks {rank} of the {of} regions.")


def country_words(row, ctx: ReportContext) -> str:
    """The whole country's figure beside the region's, and the rank when every region compares."""
    lang = ctx.language
    region = area_name(ctx.region, lang)
    if ctx.region == "000" or pd.isna(row["country_value"]):
        return rank_words(row, lang, region)
    value = format_value(row["country_value"], row["unit"], lang, row["country_qualifier"] or "")
    year = "" if pd.isna(row["country_year"]) or row["country_year"] == row["year"] else \
        f" ({int(row['country_year'])})"
    text = tr(lang, f"{value} i hele landet{year}.", f"{value} in the whole country{year}.")
    return f"{text} {rank_words(row, lang, region)}".strip()


def status_words(status: str, language: str) -> str:
    """The target status as a symbol and words."""
    symbol, da, en = STATUS_TEXT[status]
    return f"{symbol} {tr(language, da, en)}"


def _card_measure(row, language: str) -> str:
    """The measure on a card, its level as words ("... på de videregående uddannelser"), not in brackets."""
    template = sentence_template(row["indicator"], row["sex"])
    phrase = template.level_phrase(row["level"], language) if template is not None and row["level"] != "all" else ""
    # Only where the level stands in brackets after the label (a label that names its level keeps it).
    if not phrase or row["breakdown"] != "all" or row["sex"] != "total" or not str(row["measure"]).endswith(")"):
        return sentence_case(row["measure"])
    bare = series_label({**row, "level": "all"}, language)
    if ", der " in bare:  # "Andel af de optagne på de videregående uddannelser, der begyndte ..."
        head, tail = bare.split(", der ", 1)
        return sentence_case(f"{head} {phrase}, der {tail}")
    return sentence_case(f"{bare} {phrase}")


def card_html(row, ctx: ReportContext) -> str:
    """One theme's card: name, value and year, measure, change, the country, the target status."""
    lang = ctx.language
    arrow, change = change_words(row, lang)
    colour = CHANGE_COLOURS[row["change_good"] if row["change_good"] in (True, False) else None]
    own = sentence_template(row["indicator"], row["sex"]) if row["sex"] != "total" else None
    # A one-sex headline named as that sex's measure ("Andel af de kvindelige dimittender med STEM-profil"), not
    # as "(kvinder)" after the label, which reads as women's share of everyone.
    measure = own.name(lang) if own is not None and own.sex == row["sex"] and own.name(lang) \
        else _card_measure(row, lang)
    if row["all_fields"] is True:
        # What the all-fields measure covers, in the theme's terms (adult participation counts ordinary education).
        scope = tr(lang, "alle fag, også ordinær uddannelse", "all fields, ordinary education too") \
            if row["theme"] == "veu" else \
            tr(lang, "alle uddannelser, ikke kun STEM", "all fields of education, not only STEM")
        # One pair of brackets: "(last 4 weeks; all fields ...)", not "(last 4 weeks) (all fields ...)".
        measure = f"{measure[:-1]}; {scope})" if measure.endswith(")") else f"{measure} ({scope})"
    # What is measured before the figure: "Kvinder i STEM" over "14 %" alone reads as women's share of STEM.
    # A measure of all fields shown for a theme: the card is named for what it shows, not for the theme.
    name = tr(lang, *ALL_FIELDS_LABELS[row["theme"]]) if row["all_fields"] is True and row["theme"] in \
        ALL_FIELDS_LABELS else row["theme_label"]
    parts = [f"<h3>{html.escape(name)}</h3>",
             f"<p class='stemlib-card-measure'>{html.escape(measure)}</p>",
             f"<p class='stemlib-card-value'>{html.escape(_value(row, lang))} "
             f"<span>{html.escape(_year_phrase(row['year'], lang))}</span></p>"]
    if row["theme"] != "targets":
        compared = country_words(row, ctx) or sentence_case(other_sex_words(row, ctx).removeprefix("mod ")
                                                            .removeprefix("against ")).strip()
        compared = f"{compared}." if compared and not compared.endswith(".") else compared
        levels = other_levels_words(row, ctx)
        lines = [(f"{arrow} {change}".strip(), "change"), (compared, "country"), (levels, "levels")]
        if not arrow and change:  # a change the card does not show: the country's figure first, then why not
            lines = [(compared, "country"), (change, "change"), (levels, "levels")]
        for text, kind in lines:
            if text:
                style = f" style='color:{colour}'" if kind == "change" else ""
                parts.append(f"<p class='stemlib-card-{kind}'{style}>{html.escape(text)}</p>")
    if isinstance(row["target_status"], str):
        goal = ""
        if not pd.isna(row["target_value"]):
            goal = tr(lang, f" Målet er {format_value(row['target_value'], row['unit'], lang, decimals=0)} i "
                            f"{int(row['target_year'])} (beregnet fra udgangsåret).",
                      f" The target is {format_value(row['target_value'], row['unit'], lang, decimals=0)} in "
                      f"{int(row['target_year'])} (calculated from the baseline).")
        parts.append(f"<p class='stemlib-card-target'>{html.escape(status_words(row['target_status'], lang))}."
                     f"{html.escape(goal)}</p>")
    return f"<li class='stemlib-card' data-theme='{html.escape(row['theme'])}'>{''.join(parts)}</li>"


def missing_text(card: pd.DataFrame, ctx: ReportContext) -> str:
    """Sentences naming the themes without a figure for the region, with the reason, and a target not assessed."""
    lang = ctx.language
    items, target = [], ""
    for row in card[card["value"].isna()].itertuples():
        name = lower_first(row.theme_label) if lang == "da" else row.theme_label.lower()
        if row.reason.startswith("target:"):
            da, en = REASONS[row.reason.split(":", 1)[1]]
            if len(targets_for_region(ctx.region)) > 1:  # several targets: their baseline figures are missing
                da = da.replace("tallet ", "tallene ")
                en = en.replace("the baseline figure is", "the baseline figures are")
            target = tr(lang, f"Det kan ikke vurderes, om {ctx.name_in_text} er på vej mod "
                              f"{targets_owner(ctx.region, lang)}, fordi {da}.",
                        f"Whether {ctx.name_in_text} is on its way to {targets_owner(ctx.region, lang)} cannot be "
                        f"assessed, because {en}.")
        else:
            items.append(f"{name} ({tr(lang, *MISSING_REASONS[row.reason])})")
    text = ""
    if items:
        joined = items[0] if len(items) == 1 else "; ".join(items[:-1]) + tr(lang, " og ", " and ") + items[-1]
        text = tr(lang, f"Der er intet tal for {ctx.name_in_text} om {joined}.",
                  f"There is no figure for {ctx.name_in_text} on {joined}.")
    return f"{text} {target}".strip()


#: The levels a card names beside its own: the pacts' two (vocational and higher), not their parts (bachelor, KVU).
MAIN_LEVELS = ("eud", "higher")


def other_levels_words(row, ctx: ReportContext) -> str:
    """ "Andelen var 42 % på erhvervsuddannelserne.": the same measure at the region's other levels, same year and
    source, so that a card on higher education does not hide the vocational figure beside it."""
    if row["theme"] == "targets" or pd.isna(row["year"]) or row["level"] == "all":
        return ""
    obs = ctx.observations
    match = obs[(obs["indicator"] == row["indicator"]) & (obs["region"] == ctx.region) & (obs["sex"] == row["sex"])
                & (obs["level"] != row["level"]) & obs["level"].isin(MAIN_LEVELS)
                & (obs["breakdown"] == row["breakdown"])
                & (obs["source"] == row["source"]) & (obs["year"] == row["year"])]
    template = sentence_template(row["indicator"], row["sex"])
    if match.empty or template is None:
        return ""
    items = [f"{format_value(m['value'], m['unit'], ctx.language, m['qualifier'] or '')} "
             f"{template.level_phrase(m['level'], ctx.language)}".strip() for m in match.to_dict("records")[:2]]
    noun = tr(ctx.language, "Andelen" if row["unit"] == "percent" else "Tallet",
              "The share" if row["unit"] == "percent" else "The figure")
    listed = items[0] if len(items) == 1 else tr(ctx.language, " og ", " and ").join(items)
    return tr(ctx.language, f"{noun} var {listed}.", f"{noun} was {listed}.")


def other_sex_words(row, ctx: ReportContext) -> str:
    """ "mod 50 % blandt mændene": the other sex's figure from the same source and year, for a one-sex headline."""
    other = {"women": "men", "men": "women"}.get(row["sex"])
    if other is None or pd.isna(row["year"]):
        return ""
    obs = ctx.observations
    match = obs[(obs["indicator"] == row["indicator"]) & (obs["region"] == ctx.region) & (obs["sex"] == other)
                & (obs["level"] == row["level"]) & (obs["breakdown"] == row["breakdown"])
                & (obs["source"] == row["source"]) & (obs["year"] == row["year"])]
    if match.empty:
        return ""
    m = match.iloc[0]
    value = format_value(m["value"], m["unit"], ctx.language, m["qualifier"] if isinstance(m["qualifier"], str) else "")
    return tr(ctx.language, f"mod {value} {'blandt mændene' if other == 'men' else 'blandt kvinderne'}",
              f"against {value} {'among men' if other == 'men' else 'among women'}")


def key_messages(card: pd.DataFrame, ctx: ReportContext) -> list[str]:
    """At most five sentences from the scorecard: what happened, then why it matters.

    Themes with an assessed target come first, then those with a real change, then the rest
    in the cards' order.
    """
    lang, region = ctx.language, area_name(ctx.region, ctx.language)
    shown = card[card["value"].notna() & (card["all_fields"] != True)].copy()  # noqa: E712 (NA-safe)
    # A key message says what happened when: a figure without a year stays on its card, where it says so.
    if shown["year"].notna().any():
        shown = shown[shown["year"].notna()]
    # A change lying mostly at a break in the series is not news: it ranks with the themes without a change.
    shown["_order"] = [0 if isinstance(s, str) and s != "not_assessable" else
                       1 if d in ("up", "down") and m is not True else 2
                       for s, d, m in zip(shown["target_status"], shown["change_direction"],
                                          shown["change_mostly_at_break"])]
    messages = []
    for row in shown.sort_values("_order", kind="stable").head(MAX_MESSAGES).to_dict("records"):
        value = _value(row, lang)
        when = in_year(row["year"], lang)
        if row["theme"] == "targets":
            label = row["measure"][0].lower() + row["measure"][1:] if row["measure"][1:2].islower() else row["measure"]
            what = tr(lang, f"{region} er {STATUS_TEXT[row['target_status']][1]} med {value} {when}; målet er, at "
                            f"{label}", f"{region} is {STATUS_TEXT[row['target_status']][2]} at {value} {when}; the "
                            f"target: {label}")
        elif row["change_direction"] in ("up", "down"):
            start_value = row["value"] - row["change"]
            # One number of decimals in one sentence: "fra 30,0 % til 24,3 %", not "fra 30 % til 24,3 %".
            decimals = 0 if float(row["value"]).is_integer() and float(start_value).is_integer() else 1
            value = format_value(row["value"], row["unit"], lang, row["qualifier"] or "",
                                 decimals=None if row["qualifier"] else decimals)
            start = format_value(start_value, row["unit"], lang, decimals=decimals) if row["change_unit"] == "pp" \
                else None
            up = row["change_direction"] == "up"
            since = int(row["change_from_year"])
            if start is not None:  # a share: "…, op fra 27,7 % i 2014"
                change = tr(lang, f"{'op' if up else 'ned'} fra {start} i {since}",
                            f"{'up' if up else 'down'} from {start} in {since}")
            else:  # a count: "…, 5 % flere end i 2018"
                amount = format_value(abs(row["change"]), "percent", lang, decimals=0)
                change = tr(lang, f"{amount} {'flere' if up else 'færre'} end i {since}",
                            f"{amount} {'more' if up else 'fewer'} than in {since}")
            # An undated figure's year is on its card; the message carries no bracket (notes=[] takes it).
            what = say(ctx, {**row, "region": ctx.region}, first=True, notes=[]).rstrip(".") + f", {change}"
        else:
            what = say(ctx, {**row, "region": ctx.region}, first=True, notes=[]).rstrip(".")
            other = other_sex_words(row, ctx)
            if other:
                what += f" {other}"
            elif row["theme"] != "targets" and not pd.isna(row["country_value"]) and ctx.region != "000":
                country = format_value(row["country_value"], row["unit"], lang, row["country_qualifier"] or "")
                what += tr(lang, f" mod {country} i hele landet", f" against {country} nationally")
        told_change = row["theme"] != "targets" and row["change_direction"] in ("up", "down")
        # The pact is named in the first message and referred back to ("pagten") after it.
        messages.append(f"{what}{theme_why(row['theme'], lang, ctx.region)}."
                        + (break_words(row, lang) if told_change else ""))
    return messages


def cards_html(card: pd.DataFrame, ctx: ReportContext) -> str:
    """Return the first screen's key messages, the cards and the sentence on themes without a card."""
    messages = key_messages(card, ctx)
    heading = tr(ctx.language, "Hovedpunkter", "Key points")
    out = f"<style>{CARD_CSS}</style><section class='stemlib-scorecard' aria-label='{html.escape(heading)}'>"
    if messages:
        out += "<ul class='stemlib-messages'>" + "".join(f"<li>{html.escape(m)}</li>" for m in messages) + "</ul>"
    out += "<ul class='stemlib-cards'>" + "".join(card_html(row, ctx) for row in
                                                   card[card["value"].notna()].to_dict("records")) + "</ul>"
    missing = missing_text(card, ctx)
    if missing:
        out += f"<p class='stemlib-without'>{html.escape(missing)}</p>"
    return keep_unit_with_number(out + "</section>")
