"""Error types raised by stemlib.

Every error carries a message that says what was wrong, what is allowed and
where (file, row, column or parameter), so that a user can fix the input
without reading a traceback.
"""

from __future__ import annotations


class StemlibError(Exception):
    """Base class for every error stemlib raises on purpose."""


class UnknownRegionError(StemlibError, ValueError):
    """A region was given that stemlib does not know."""


class DataValidationError(StemlibError, ValueError):
    """A data file does not match the observations schema."""


class ParameterError(StemlibError, ValueError):
    """A report parameter (file, notebook or command line) is not valid."""


class StatBankError(StemlibError):
    """StatBank answered with an error or could not be reached."""
