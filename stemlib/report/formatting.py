"""Numbers and units as a reader expects them: Danish by default, English on request.

Danish: decimal comma, full stop between thousands, a space before "%"
(``18,1 %``, ``10.574 personer``). English: decimal point, comma between
thousands (``18.1%``, ``10,574 people``). A qualifier from the source ("ca.",
"knap") is kept in front of the number, so an approximate figure never reads
as exact.
"""

from __future__ import annotations

import math

LANGUAGES: tuple[str, ...] = ("da", "en")

QUALIFIER_WORDS = {
    "da": {"approx": "ca.", "just_under": "knap", "just_over": "godt", "more_than": "mere end", "up_to": "op til"},
    "en": {"approx": "about", "just_under": "just under", "just_over": "just over", "more_than": "more than",
           "up_to": "up to"},
}

#: A qualified share stored as a third is the source's fraction in words ("en tredjedel", "mere end hver tredje").
FRACTION_WORDS = {"da": {33.3: "en tredjedel", 66.7: "to tredjedele"}, "en": {33.3: "one third", 66.7: "two thirds"}}

UNIT_WORDS = {
    "da": {"percent": "%", "pp": "procentpoint", "persons": "personer", "count": "", "dkk_million": "mio. kr.",
           "index": ""},
    "en": {"percent": "%", "pp": "pp", "persons": "people", "count": "", "dkk_million": "DKK million", "index": ""},
}


def check_language(language: str) -> str:
    """Return ``language`` if supported, else raise ``ValueError`` naming the choices."""
    if language not in LANGUAGES:
        msg = f"language {language!r} is not supported; choose 'da' (Danish, default) or 'en' (English)."
        raise ValueError(msg)
    return language


def format_number(value: float, language: str = "da", decimals: int | None = None) -> str:
    """Format a number with the language's separators.

    Parameters
    ----------
    value : float
        The number; NaN gives an en dash.
    language : {"da", "en"}
        Danish uses a decimal comma and a full stop between thousands.
    decimals : int, optional
        Digits after the decimal sign; by default as many as the value needs
        (at most one), so 18.1 stays 18.1 and 10574 stays whole.
    """
    check_language(language)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if language == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−") if value < 0 else text


def format_value(value: float, unit: str, language: str = "da", qualifier: str = "",
                 decimals: int | None = None, signed: bool = False, in_words: bool = False) -> str:
    """Format a value with its unit and the source's qualifier.

    Examples
    --------
    >>> format_value(18.1, "percent")
    '18,1 %'
    >>> format_value(59000, "persons", "en", qualifier="approx")
    'about 59,000 people'
    >>> format_value(-2, "pp", signed=True)
    '−2 procentpoint'
    """
    prefix = QUALIFIER_WORDS[language].get(qualifier, "") if isinstance(qualifier, str) else ""
    # In prose and tables (``in_words``); data files keep the number a program can read.
    fraction = FRACTION_WORDS[language].get(round(value, 1)) \
        if in_words and prefix and unit == "percent" and value is not None else None
    if fraction:  # "ca. en tredjedel": the source's own words, not a precision it never gave ("ca. 33 %")
        return f"{prefix} {fraction}"
    if prefix and decimals is None:
        decimals = 0  # "ca. 33 %", not "ca. 33,3 %": an approximate figure gets no more precision than the source
    number = format_number(value, language, decimals)
    if signed and value is not None and not (isinstance(value, float) and math.isnan(value)) and value > 0:
        number = "+" + number
    word = UNIT_WORDS[language].get(unit, "")
    if unit == "percent":
        text = f"{number} %" if language == "da" else f"{number}%"
    elif unit == "dkk_million" and language == "en":
        text = f"DKK {number} million"
    else:
        text = f"{number} {word}".strip()
    return f"{prefix} {text}" if prefix else text


MONTHS = {"da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
                  "november", "december"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")}


def keep_unit_with_number(text: str) -> str:
    """Return ``text`` with a no-break space before "%", so a narrow screen never starts a line with "%"."""
    return text.replace(" %", "\u00a0%")


def format_date(day, language: str = "da") -> str:
    """Return a date as readers write it: "30. november 2026" in Danish, "30 November 2026" in English.

    >>> import datetime
    >>> format_date(datetime.date(2026, 11, 30))
    '30. november 2026'
    """
    check_language(language)
    month = MONTHS[language][day.month - 1]
    return f"{day.day}. {month} {day.year}" if language == "da" else f"{day.day} {month} {day.year}"


def vega_format_locale(language: str = "da") -> dict:
    """Return the d3 number locale for charts, so axes and tooltips use the same separators."""
    check_language(language)
    if language == "da":
        return {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}
    return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["DKK ", ""]}
