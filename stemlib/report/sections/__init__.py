"""The sections of a region report, one module per theme.

Each builder takes a :class:`~stemlib.report.report_context.ReportContext` and returns a
:class:`Section`: a heading, one or two sentences that state what the figures show
(written from the data, for any region), charts, the table of numbers behind them, the
observation rows used (for the sources section and the key numbers nbval checks), a
caveat, and a statement when the region has no published figure. A section never raises
for lack of data and never returns an empty chart.

A-level, intake and labour-market sections share one builder (:mod:`.family`).
"""

from .a_levels import a_levels_section
from .dropout import dropout_section
from .gender import gender_section
from .intake import intake_section
from .labour_market import labour_market_section
from .section import Section
from .sources import sources_section
from .targets import targets_section
from .veu import veu_section

__all__ = ["Section", "a_levels_section", "dropout_section", "gender_section", "intake_section",
           "labour_market_section", "sources_section", "targets_section", "veu_section"]
