"""The report layer: what a report shows, built from the observations and the definitions.

Sections, charts, tables, number formatting, the comparison report and the explorer
live here. This layer reads the data layer and the definitions; it never writes a page
(that is :mod:`stemlib.publish`).

A report notebook calls five names from here::

    from stemlib import report
    from . import sections

    ctx = report.context("081", [], "da")
    report.show_header(ctx)
    report.show(sections.gender_section(ctx), ctx.language)

They live in :mod:`stemlib.report.notebook` and are loaded on first use, so that the
publish layer can import a light module such as :mod:`stemlib.report.html_tables`
without loading Altair and IPython into the batch and ``jupyter nbconvert``.
"""

from __future__ import annotations

#: What a report notebook calls, by name (all from :mod:`stemlib.report.notebook`).
NOTEBOOK_NAMES = ("context", "scorecard", "scorecard_key_numbers", "setup_notebook", "show", "show_header",
                  "sources_table")

__all__ = list(NOTEBOOK_NAMES)


def __getattr__(name: str):
    # PEP 562: a module-level __getattr__ runs only for names the package does not have yet.
    if name in NOTEBOOK_NAMES:
        from . import notebook

        return getattr(notebook, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted([*globals(), *NOTEBOOK_NAMES])
