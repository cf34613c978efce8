"""Placeholder until the StatBank connector lands: no cached pulls, no observations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def cached_statbank_observations(folder: Path) -> pd.DataFrame:
    """Return observations derived from cached StatBank pulls (none yet)."""
    return pd.DataFrame()
