"""Chart helpers: accessible Altair charts with one look across the workspace.

* Colours come from the Okabe-Ito palette, which stays distinguishable for the
  common forms of colour blindness; each area keeps its colour in every chart,
  and the region a report is about is also marked by size or line width, so
  colour is never the only cue.
* Every chart gets a title that states the finding (the caller writes it from
  the data), a ``description`` for screen readers, tooltips with the value as
  formatted in the report's language, and the language's number locale in
  ``usermeta.embedOptions`` so axes use the same decimal sign as the tables. The
  same options ask for SVG, whose text screen readers (and tests) can read.
* Charts have a fixed width (:data:`WIDTH` pixels) wherever a notebook is shown:
  JupyterLab, papermill's executed notebooks, VS Code. JupyterLab's Vega renderer
  resizes a ``width="container"`` chart in a loop until the browser tab crashes.
  The exported HTML pages make every chart take the width of the page instead
  (:func:`stemlib.publish.html_export.page_spec`, the one place that does it), so on a
  phone their text keeps its size instead of shrinking with the picture. Long
  titles and axis labels are broken into balanced lines that fit a 390-pixel screen,
  never with a short word alone on a line (:func:`lines`).
* Value axes run from 0 (lines: from a round number below the smallest value) to a
  labelled round number at or above every value drawn (:func:`value_ticks`).
* Charts are returned, not displayed; tests inspect them with ``to_dict()``.
"""

from __future__ import annotations

import json
import math
import re

import altair as alt
import pandas as pd

from .formatting import vega_format_locale
from .selection import tr

#: Okabe-Ito colours. Yellow is left out: too pale on white.
AREA_COLOURS = {"000": "#000000", "081": "#0072B2", "082": "#E69F00", "083": "#009E73",
                "084": "#CC79A7", "085": "#D55E00"}
SEX_COLOURS = {"women": "#D55E00", "men": "#0072B2", "total": "#000000"}
OTHER_COLOUR = "#767676"  # the lightest grey with 4.5:1 contrast on white
#: Pixels: fits JupyterLab's notebook column on a laptop beside the file browser. Never "container" (see above).
WIDTH = 560
#: Characters per line: a title line and an axis label line fit beside each other on a 390-pixel phone.
TITLE_WRAP = 40
LABEL_WRAP = 24
#: Characters a label line may run over LABEL_WRAP to keep a short word off a line of its own: 28 characters
#: of 12-pixel text stay within STYLE's labelLimit (180 pixels).
LABEL_SLACK = 4
#: A word this short ("en", "og", "i") never stands alone on a line of a longer text.
SHORT_WORD = 3
# Costs of the line breaking in lines(): a lone short word weighs more than an extra line, an extra line
# more than the slack it would take to save it, and both more than any unevenness of the lines.
_ORPHAN, _LINE, _OVER = 1e7, 1e5, 1e3
#: Splits an axis label held as one string with line breaks into the lines Vega draws.
LINES = "split(datum.label, '\\n')"


#: The quiet, readable style every chart shares (Vega-Lite config).
# aria False on axes and legends: Vega's own descriptions of them are English ("X-axis titled ..."). Each mark
# gets a description in the report's language instead of Vega's field-name default ("sex_label: Mænd").
STYLE = {"axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 180, "aria": False},
         "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 2, "aria": False},
         "title": {"aria": False},
         "view": {"strokeWidth": 0}}


def lines(text: str, width: int, slack: int = 0) -> list[str]:
    """Break ``text`` into balanced lines of at most ``width`` characters.

    Parameters
    ----------
    text : str
        The text; runs of white space count as one space.
    width : int
        Characters per line. A word longer than that is kept whole on a line of its own.
    slack : int, optional
        Characters a line may run over ``width`` when the line starts or ends with a short word
        (:data:`SHORT_WORD`) and is within ``width`` without it: the short word then joins a
        neighbour instead of taking a line of its own.

    Returns
    -------
    list of str
        The fewest lines the rules allow, as even in length as they can be, and no line holding
        only one short word when the text has more words.

    Notes
    -----
    Greedy wrapping (``textwrap``) fills each line and leaves what is left to the next: beside a
    long compound such as "erhvervskompetencegivende" a label fell into five lines, one of them
    only "en". A small dynamic programme over the break points (labels have a few dozen words at
    most) minimises, in this order: lines that hold one short word alone, the number of lines,
    characters over ``width``, and the squared shortfall of each line from ``width`` (balance).
    """
    words = str(text).split()
    if not words:
        return [str(text)]
    count = len(words)

    def size(i: int, j: int) -> int:
        return sum(len(w) for w in words[i:j]) + j - i - 1

    def cost(i: int, j: int) -> float | None:
        """The cost of words ``i`` to ``j - 1`` as one line; ``None`` where the line is not allowed."""
        length = size(i, j)
        if j - i == 1:  # one word, however long: it cannot be broken
            alone = count > 1 and length <= SHORT_WORD
            return _ORPHAN * alone + _LINE + max(width - length, 0) ** 2
        over = length - width
        if over > 0:
            short_end = min(len(words[i]), len(words[j - 1])) <= SHORT_WORD
            rest = min(size(i + 1, j) if len(words[i]) <= SHORT_WORD else length,
                       size(i, j - 1) if len(words[j - 1]) <= SHORT_WORD else length)
            if over > slack or not short_end or (rest > width and j - i > 2):
                return None
            return _LINE + _OVER * over
        return _LINE + (width - length) ** 2

    # best[i]: the cheapest wrapping of words[i:], and where its first line ends.
    best: list[tuple[float, int]] = [(0.0, count)] * (count + 1)
    for i in range(count - 1, -1, -1):
        options = [(c + best[j][0], j) for j in range(i + 1, count + 1) if (c := cost(i, j)) is not None]
        best[i] = min(options)
    out, i = [], 0
    while i < count:
        j = best[i][1]
        out.append(" ".join(words[i:j]))
        i = j
    return out


def wrapped(text: str, width: int = LABEL_WRAP) -> str:
    """Return ``text`` with line breaks, for an axis label drawn with :data:`LINES`."""
    return "\n".join(lines(text, width, LABEL_SLACK))


#: Pixels of the narrowest value axis: a dot chart's on a 390-pixel phone, beside the measure labels.
PHONE_AXIS = 190
#: Most steps on a horizontal and on a vertical value axis (300 pixels high), and the round steps an axis may
#: take (times a power of ten; 2.5 only from 25 up).
MOST_STEPS, MOST_STEPS_UP = 7, 9
STEPS = (1, 2, 2.5, 5)


def value_ticks(values, *, zero: bool = True, room: float | None = PHONE_AXIS,
                most: int = MOST_STEPS) -> list[float]:
    """The ticks of a value axis: round steps from a round number at or below every value to one at or above.

    Parameters
    ----------
    values : iterable of float
        The values drawn against the axis; missing values are left out.
    zero : bool, optional
        Whether the axis starts at 0 (bars and dots: a share is read from 0). Lines over the years
        start at the round number at or below their smallest value.
    room : float or None, optional
        Pixels the axis has on a phone; the labels, about 6.5 pixels a character and 10 apart, must fit
        beside each other. ``None`` for a vertical axis, whose labels stand above each other.
    most : int, optional
        Most steps on the axis.

    Returns
    -------
    list of float
        The ticks, first and last the ends of the axis: the shortest axis the steps allow, with as many
        labels as fit. Empty when there is no value.

    Notes
    -----
    The axis is fixed here rather than left to Vega's ``nice``: Vega rounds the scale's ends to one step
    (0 to 65 for a largest value of 64) and picks the axis labels with another (every 10, from the axis'
    width), so the axis' last label (60) fell short of the dots drawn at its far end, where a large dot
    runs off the plot. Here the last label is the end of the axis and every value lies within it.
    """
    drawn = [float(v) for v in values if pd.notna(v) and math.isfinite(float(v))]
    if not drawn:
        return []
    low, high = min(drawn), max(drawn)
    if zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if high == low:  # one value (or all alike): an axis around it, from 0 when zero
        pad = abs(high) / 10 or 1.0
        low, high = (low if zero else low - pad), high + pad
    span = high - low
    power = 10.0 ** math.floor(math.log10(span / most))
    choices = []
    for step in sorted(b * p for p in (power, power * 10, power * 100) for b in STEPS if b != 2.5 or p >= 10):
        start, end = math.floor(low / step) * step, math.ceil(high / step) * step
        ticks = [_round(start + k * step) for k in range(round((end - start) / step) + 1)]
        widest = max(len(f"{t:,.10g}") for t in ticks)
        if len(ticks) - 1 <= most and (room is None or len(ticks) * (6.5 * widest + 10) <= room):
            choices.append((end - start, -len(ticks), ticks))  # the shortest axis; then the most labels
    return min(choices)[2] if choices else [_round(low), _round(high)]


def _round(number: float) -> float:
    """``number`` without the float noise of repeated steps (0.30000000000000004), an int where whole."""
    number = round(number, 10)
    return int(number) if number.is_integer() else number


def _value_axis(values, *, zero: bool = True, vertical: bool = False) -> dict:
    """``scale`` and ``axis`` for a value channel: ends from :func:`value_ticks`, every tick labelled."""
    ticks = (value_ticks(values, zero=zero, room=None, most=MOST_STEPS_UP) if vertical
             else value_ticks(values, zero=zero))
    if not ticks:
        return {"scale": alt.Scale(zero=zero)}
    # nice=False: Vega would round the ends again. tickCount: Vega thins given values down to the tick count,
    # by default one per 40 pixels (every other value on a phone, the last one gone), unless it is their number.
    return {"scale": alt.Scale(domain=[ticks[0], ticks[-1]], nice=False, zero=zero),
            "axis": alt.Axis(values=ticks, tickCount=len(ticks))}


def without_unused_columns(spec: dict) -> dict:
    """Return ``spec`` with each dataset cut to the columns the chart refers to.

    The chart helpers receive whole observation rows (locator, source, unit ...), and Altair
    embeds every column in the spec: a third of a page's chart data that no mark, tooltip or
    expression reads. A column counts as used when it appears as a ``field`` or as ``datum.x``
    (or ``datum["x"]``) anywhere outside the data itself.
    """
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    rest = json.dumps({key: value for key, value in spec.items() if key != "datasets"})
    used = set(re.findall(r'"field": "([^"]+)"', rest))
    used |= set(re.findall(r'datum\.([A-Za-z_]\w*)', rest)) | set(re.findall(r'datum\[\\"([^"\\]+)', rest))
    trimmed = {name: [{k: v for k, v in row.items() if k in used} for row in rows] for name, rows in datasets.items()}
    return {**spec, "datasets": trimmed}


def show(chart) -> None:
    """Display a chart as its Vega-Lite spec, without validating it again.

    Altair checks a spec against the Vega-Lite schema each time it is displayed, which took a
    tenth of a report's run time. Every chart the reports show, for every region and language,
    is validated by the tests instead (tests/report/test_sections.py, tests/report/test_charts.py).
    """
    from IPython.display import display

    major = alt.SCHEMA_VERSION.lstrip("v").split(".")[0]
    spec = without_unused_columns(chart.to_dict(validate=False))
    display({f"application/vnd.vegalite.v{major}+json": spec,
             "text/plain": f"<Vega-Lite {major} chart: {spec.get('description', '')}>"}, raw=True)


def _row_height(labels: pd.Series, minimum: int) -> int:
    """Pixels per row of a chart with wrapped labels: room for the longest label's lines."""
    most = max((label.count("\n") + 1 for label in labels), default=1)
    return max(minimum, 15 * most + 6)


def _finish(chart: alt.Chart | alt.LayerChart, title: str, description: str, language: str, title_size: int = 15):
    """Attach title, description and the number locale, and set a readable, quiet style."""
    # One plain-dict config instead of three configure_*() calls: each of those copies the chart.
    return chart.properties(title=alt.TitleParams(lines(title, TITLE_WRAP), anchor="start", fontSize=title_size),
                            description=description, width=WIDTH, config=STYLE,
                            usermeta={"embedOptions": {"formatLocale": vega_format_locale(language),
                                                       "actions": False, "renderer": "svg"}})


def _area_scale(frame: pd.DataFrame) -> alt.Scale:
    pairs = frame[["area_label", "area"]].drop_duplicates()
    return alt.Scale(domain=list(pairs["area_label"]), range=[AREA_COLOURS[a] for a in pairs["area"]])


def _described(data: pd.DataFrame) -> pd.DataFrame:
    """Add ``aria_text``, what a screen reader says for one mark: "Nordjylland, <measure>, 2019: 23,5 %"."""
    parts = [data[c].astype(str) for c in ("area_label", "sex_label", "measure", "year_text") if c in data]
    head = parts[0].str.cat(parts[1:], sep=", ") if parts else pd.Series("", index=data.index)
    return data.assign(aria_text=(head.str.replace(r"(, )+$", "", regex=True) + ": " + data["value_text"].astype(str))
                       if "value_text" in data else head)


#: The mark description channel (see :func:`_described`).
DESCRIPTION = alt.Description("aria_text:N")


def _tooltip(language: str, *extra: alt.Tooltip) -> list[alt.Tooltip]:
    return [alt.Tooltip("area_label:N", title=tr(language, "Område", "Area")),
            alt.Tooltip("measure:N", title=tr(language, "Opgørelse", "Measure")),
            alt.Tooltip("value_text:N", title=tr(language, "Værdi", "Value")),
            alt.Tooltip("year_text:N", title=tr(language, "År", "Year")), *extra]


def ranked_bars(frame: pd.DataFrame, *, title: str, description: str, axis_title: str, focus: str,
                language: str = "da", extra_tooltip: tuple = ()) -> alt.Chart:
    """Horizontal bars of one measure per area, largest first, the report's region in blue and labelled.

    ``extra_tooltip`` adds fields to each bar's tooltip (the explorer adds the source).
    """
    data = _described(frame.assign(is_focus=frame["area"] == focus))
    base = alt.Chart(data).encode(
        description=DESCRIPTION,
        y=alt.Y("area_label:N", sort="-x", title=None),
        x=alt.X("value:Q", title=axis_title, **_value_axis(data["value"])),
        tooltip=_tooltip(language, *extra_tooltip),
    )
    bars = base.mark_bar().encode(
        color=alt.condition("datum.is_focus", alt.value(AREA_COLOURS["081"]), alt.value(OTHER_COLOUR)))
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="value_text:N")
    return _finish(alt.layer(bars, labels), title, description, language)


def dot_comparison(frame: pd.DataFrame, *, title: str, description: str, axis_title: str, focus: str,
                   language: str = "da") -> alt.Chart:
    """One row per measure, one dot per area; the report's region drawn larger."""
    data = _described(frame.assign(is_focus=frame["area"] == focus, measure_lines=frame["measure"].map(wrapped)))
    # The region's larger dot first, so that another area's dot with the same value is drawn on top of it
    # and stays visible (Sjælland's 61 % inside Nordjylland's 61 %).
    data = data.sort_values("is_focus", ascending=False, kind="stable")
    chart = alt.Chart(data).mark_point(filled=True, opacity=0.9).encode(
        description=DESCRIPTION,
        y=alt.Y("measure_lines:N", title=None, sort=None, axis=alt.Axis(labelExpr=LINES)),
        # Each area a little above or below the next within its row: two areas with the same value (Sjælland's
        # 61 % and Nordjylland's 61 %) stand apart instead of one hiding the other.
        yOffset=alt.YOffset("area_label:N", scale=alt.Scale(paddingOuter=0.5)),
        x=alt.X("value:Q", title=axis_title, **_value_axis(data["value"])),
        # One legend column: the legend starts where the plot does, right of the measure labels, so
        # two columns of region names run off a phone's screen.
        color=alt.Color("area_label:N", scale=_area_scale(data), title=tr(language, "Område", "Area"),
                        legend=alt.Legend(columns=1)),
        shape=alt.Shape("area_label:N", title=tr(language, "Område", "Area"),
                        scale=alt.Scale(domain=_area_scale(data).domain), legend=alt.Legend(columns=1)),
        size=alt.condition("datum.is_focus", alt.value(220), alt.value(90)),
        tooltip=_tooltip(language),
    ).properties(
        # A fixed height (a step would be taken per area inside each row): room for the label, or 12 px per area.
        height=data["measure_lines"].nunique() * max(_row_height(data["measure_lines"], 22),
                                                     12 * data["area_label"].nunique()))
    return _finish(chart, title, description, language)


def paired_bars(frame: pd.DataFrame, *, title: str, description: str, axis_title: str,
                language: str = "da") -> alt.Chart:
    """Women's and men's values side by side for each measure."""
    data = _described(frame.assign(measure_lines=frame["measure"].map(wrapped)))
    rows = data["measure_lines"].nunique()
    chart = alt.Chart(data).mark_bar().encode(
        description=DESCRIPTION,
        y=alt.Y("measure_lines:N", title=None, sort=None, axis=alt.Axis(labelExpr=LINES)),
        yOffset=alt.YOffset("sex_label:N"),
        x=alt.X("value:Q", title=axis_title, **_value_axis(data["value"])),
        color=alt.Color("sex_label:N", title=tr(language, "Køn", "Sex"),
                        scale=alt.Scale(domain=list(frame.drop_duplicates("sex")["sex_label"]),
                                        range=[SEX_COLOURS[s] for s in frame.drop_duplicates("sex")["sex"]])),
        tooltip=_tooltip(language, alt.Tooltip("sex_label:N", title=tr(language, "Køn", "Sex"))),
    ).properties(height=rows * _row_height(data["measure_lines"], 30))
    return _finish(chart, title, description, language)


def lines_over_time(frame: pd.DataFrame, *, title: str, description: str, axis_title: str, focus: str,
                    language: str = "da", extra_tooltip: tuple = ()) -> alt.LayerChart:
    """One line per area over the years; the report's region drawn thicker; flagged points ringed.

    ``extra_tooltip`` adds fields to each point's tooltip (the explorer adds the source).
    """
    # A break is said beside the value in the tooltip ("23,8 % (brud i tidsserien)"), never as an empty "Note".
    data = frame.assign(is_focus=frame["area"] == focus, flagged=frame["flag"].ne(""),
                        value_text=[v + (f" ({t})" if t else "") for v, t in zip(frame["value_text"],
                                                                                 frame["flag_text"])])
    data = _described(data)
    # A line stops at a break in the series and starts again after it: a drop drawn across a break would read as
    # a change. Each area's years are numbered into segments that begin at a break year.
    data = data.sort_values(["area", "year"], kind="stable")
    data = data.assign(segment=data.groupby("area")["flagged"].cumsum().astype(int))
    base = alt.Chart(data).encode(
        description=DESCRIPTION,
        x=alt.X("year:O", title=tr(language, "År", "Year")),
        y=alt.Y("value:Q", title=axis_title, **_value_axis(data["value"], zero=False, vertical=True)),
        color=alt.Color("area_label:N", scale=_area_scale(data), title=tr(language, "Område", "Area")),
    )
    line_marks = base.mark_line().encode(
        strokeWidth=alt.condition("datum.is_focus", alt.value(3.5), alt.value(1.5)),
        strokeDash=alt.StrokeDash("area_label:N", legend=None),
        detail="segment:O",
    )
    points = base.mark_point(filled=True, size=40).encode(
        shape=alt.condition("datum.flagged", alt.value("diamond"), alt.value("circle")),
        size=alt.condition("datum.flagged", alt.value(110), alt.value(40)),
        tooltip=_tooltip(language, *extra_tooltip),
    )
    return _finish(alt.layer(line_marks, points).properties(height=300), title, description, language)


def target_chart(path: pd.DataFrame, observed: pd.DataFrame, *, title: str, description: str, axis_title: str,
                 language: str = "da") -> alt.LayerChart:
    """The straight target path (dashed) with the published figures as dots."""
    drawn = pd.concat([path["value"], observed.get("value", pd.Series(dtype=float))])
    path, observed = _described(path), _described(observed) if not observed.empty else observed
    path_layer = alt.Chart(path).mark_line(strokeDash=[6, 4], color="#000000").encode(
        description=DESCRIPTION,
        # A time axis: 2018 and 2021 stand three years apart, not next to each other.
        x=alt.X("year:Q", title=tr(language, "År", "Year"), axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title=axis_title, **_value_axis(drawn, zero=False, vertical=True)),
        detail="measure:N",
        tooltip=[alt.Tooltip("measure:N", title=tr(language, "Mål", "Target")),
                 alt.Tooltip("year:O", title=tr(language, "År", "Year")),
                 alt.Tooltip("value_text:N", title=tr(language, "Lige linje mod målet (beregnet)",
                                                      "Straight line to the target (calculated)"))],
    )
    layers = [path_layer]
    if not observed.empty:
        layers.append(alt.Chart(observed).mark_point(filled=True, size=120, color=AREA_COLOURS["081"]).encode(
            x="year:Q", y="value:Q", shape=alt.Shape("kind_label:N", title=None), description=DESCRIPTION,
            tooltip=[alt.Tooltip("measure:N", title=tr(language, "Opgørelse", "Measure")),
                     alt.Tooltip("year:O", title=tr(language, "År", "Year")),
                     alt.Tooltip("value_text:N", title=tr(language, "Værdi", "Value"))]))
    return _finish(alt.layer(*layers).properties(height=260), title, description, language)
