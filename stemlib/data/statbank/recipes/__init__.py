"""Recipes: which StatBank query to make for each table, and how its rows become observations.

Each recipe follows the table's real structure (../shared/data/statbank_tables.md):
variables by their real ids (with a content-based fallback), every hierarchy
filtered to ONE level before anything is summed, every measurement selector
fixed, and every denominator named. When ``tableinfo`` (at fetch time) or a
cache entry (at load time) does not match, the recipe raises
:class:`~stemlib.data.statbank.shape.StructureMismatch`, which names the table, the
variable, what was expected and what was found; the caller keeps the previous
cache and goes on with the other tables.

Shares are computed only from present cells; a missing cell gives no figure
(never 0). Rows for the 98 municipalities that UDDAKT10 and VEU20 return are
kept (region codes ``101`` ... ``860``), ready for municipal reports; region
comparisons select the five regions and the country explicitly.

Source ids are ``statbank_<table>`` (rows in data/sources.csv); the locator
holds the query and the table's updated and retrieved dates.

The recipes live one table to a module; what they share is in :mod:`.common`, and
:mod:`stemlib.data.statbank.cached_observations` turns cache entries into observations.
"""

from __future__ import annotations

from . import genmf10, ligeub6, ligeui6, uddakt10, uddakt30, veu20
from .common import HIGHER, Recipe
from .ligeub6 import STEM_LEVEL_CODES

#: Format of the cache files these recipes read; older files are skipped with a warning until `make data` runs.
RECIPE_VERSION = 2

RECIPES: dict[str, Recipe] = {module.RECIPE.table: module.RECIPE
                              for module in (uddakt10, uddakt30, veu20, genmf10, ligeub6, ligeui6)}

__all__ = ["HIGHER", "RECIPES", "RECIPE_VERSION", "STEM_LEVEL_CODES", "Recipe"]
