"""stemlib: shared definitions and published figures for the Danish STEM barometer."""

from .errors import DataValidationError, ParameterError, StemlibError, UnknownRegionError
from .indicators import get_indicator, indicators
from .observations import load_observations
from .regions import REGIONS, normalise_region

__all__ = ["REGIONS", "DataValidationError", "ParameterError", "StemlibError", "UnknownRegionError",
           "get_indicator", "indicators", "load_observations", "normalise_region"]
