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
  titles and axis labels are broken into lines that fit a 390-pixel screen.
* Charts are returned, not displayed; tests inspect them with ``to_dict()``.
"""

from __future__ import annotations

import json
import re
import textwrap

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
#: Splits an axis label held as one string with line breaks into the lines Vega draws.
LINES = "split(datum.label, '\\n')"


#: The quiet, readable style every chart shares (Vega-Lite config).
STYLE = {"axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 180},
         "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 2},
         "view": {"strokeWidth": 0}}


def lines(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters (long words are kept whole)."""
    return textwrap.wrap(str(text), width, break_long_words=False) or [str(text)]


def wrapped(text: str, width: int = LABEL_WRAP) -> str:
    """Return ``text`` with line breaks, for an axis label drawn with :data:`LINES`."""
    return "\n".join(lines(text, width))


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
    data = frame.assign(is_focus=frame["area"] == focus)
    base = alt.Chart(data).encode(
        y=alt.Y("area_label:N", sort="-x", title=None),
        x=alt.X("value:Q", title=axis_title),
        tooltip=_tooltip(language, *extra_tooltip),
    )
    bars = base.mark_bar().encode(
        color=alt.condition("datum.is_focus", alt.value(AREA_COLOURS["081"]), alt.value(OTHER_COLOUR)))
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="value_text:N")
    return _finish(alt.layer(bars, labels), title, description, language)


def dot_comparison(frame: pd.DataFrame, *, title: str, description: str, axis_title: str, focus: str,
                   language: str = "da") -> alt.Chart:
    """One row per measure, one dot per area; the report's region drawn larger."""
    data = frame.assign(is_focus=frame["area"] == focus, measure_lines=frame["measure"].map(wrapped))
    chart = alt.Chart(data).mark_point(filled=True, opacity=0.9).encode(
        y=alt.Y("measure_lines:N", title=None, sort=None, axis=alt.Axis(labelExpr=LINES)),
        x=alt.X("value:Q", title=axis_title),
        # One legend column: the legend starts where the plot does, right of the measure labels, so
        # two columns of region names run off a phone's screen.
        color=alt.Color("area_label:N", scale=_area_scale(data), title=tr(language, "Område", "Area"),
                        legend=alt.Legend(columns=1)),
        shape=alt.Shape("area_label:N", title=tr(language, "Område", "Area"),
                        scale=alt.Scale(domain=_area_scale(data).domain), legend=alt.Legend(columns=1)),
        size=alt.condition("datum.is_focus", alt.value(220), alt.value(90)),
        tooltip=_tooltip(language),
    ).properties(height=alt.Step(_row_height(data["measure_lines"], 22)))
    return _finish(chart, title, description, language)


def paired_bars(frame: pd.DataFrame, *, title: str, description: str, axis_title: str,
                language: str = "da") -> alt.Chart:
    """Women's and men's values side by side for each measure."""
    data = frame.assign(measure_lines=frame["measure"].map(wrapped))
    rows = data["measure_lines"].nunique()
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("measure_lines:N", title=None, sort=None, axis=alt.Axis(labelExpr=LINES)),
        yOffset=alt.YOffset("sex_label:N"),
        x=alt.X("value:Q", title=axis_title),
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
    data = frame.assign(is_focus=frame["area"] == focus, flagged=frame["flag"].ne(""))
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=tr(language, "År", "Year")),
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=False)),
        color=alt.Color("area_label:N", scale=_area_scale(data), title=tr(language, "Område", "Area")),
    )
    line_marks = base.mark_line().encode(
        strokeWidth=alt.condition("datum.is_focus", alt.value(3.5), alt.value(1.5)),
        strokeDash=alt.StrokeDash("area_label:N", legend=None),
    )
    points = base.mark_point(filled=True, size=40).encode(
        shape=alt.condition("datum.flagged", alt.value("diamond"), alt.value("circle")),
        tooltip=_tooltip(language, alt.Tooltip("flag_text:N", title=tr(language, "Note", "Note")), *extra_tooltip),
    )
    return _finish(alt.layer(line_marks, points).properties(height=300), title, description, language)


def target_chart(path: pd.DataFrame, observed: pd.DataFrame, *, title: str, description: str, axis_title: str,
                 language: str = "da") -> alt.LayerChart:
    """The straight target path (dashed) with the published figures as dots."""
    path_layer = alt.Chart(path).mark_line(strokeDash=[6, 4], color="#000000").encode(
        # A time axis: 2018 and 2021 stand three years apart, not next to each other.
        x=alt.X("year:Q", title=tr(language, "År", "Year"), axis=alt.Axis(format="d", tickMinStep=1),
                scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=False)),
        detail="measure:N",
        tooltip=[alt.Tooltip("measure:N", title=tr(language, "Mål", "Target")),
                 alt.Tooltip("year:O", title=tr(language, "År", "Year")),
                 alt.Tooltip("value_text:N", title=tr(language, "Lige linje mod målet (beregnet)",
                                                      "Straight line to the target (calculated)"))],
    )
    layers = [path_layer]
    if not observed.empty:
        layers.append(alt.Chart(observed).mark_point(filled=True, size=120, color=AREA_COLOURS["081"]).encode(
            x="year:Q", y="value:Q", shape=alt.Shape("kind_label:N", title=None),
            tooltip=[alt.Tooltip("measure:N", title=tr(language, "Opgørelse", "Measure")),
                     alt.Tooltip("year:O", title=tr(language, "År", "Year")),
                     alt.Tooltip("value_text:N", title=tr(language, "Værdi", "Value"))]))
    return _finish(alt.layer(*layers).properties(height=260), title, description, language)
