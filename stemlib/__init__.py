"""stemlib: shared definitions, published figures and report tooling for the Danish STEM barometer.

Four layers, each importing only from the ones below it::

    publish  ->  report  ->  data  ->  definitions

``errors``, ``paths`` and ``atomic`` serve every layer; ``batch`` and ``fetch`` keep the
commands ``python -m stemlib.batch`` and ``python -m stemlib.fetch``. The names most
analysts need are here: ``load_observations``, ``latest`` (the latest figure of each series,
undated figures last), ``read_figures`` (a report page's CSV file read back), the indicator
registry and the regions.
"""

from stemlib.data.figures_file import read_figures
from stemlib.data.latest import latest
from stemlib.data.observations import load_observations
from stemlib.definitions.indicators import get_indicator, indicators
from stemlib.definitions.regions import REGIONS, normalise_region
from stemlib.errors import DataValidationError, ParameterError, StemlibError, UnknownRegionError

__all__ = ["REGIONS", "DataValidationError", "ParameterError", "StemlibError", "UnknownRegionError",
           "get_indicator", "indicators", "latest", "load_observations", "normalise_region", "read_figures"]
