"""The data layer: every figure, read, checked and in one tidy observations table.

The published figures in ``data/`` (CSV files, one row per figure with its source and
locator), Eurostat's regional tables, and StatBank through its API and the local cache
(:mod:`.statbank`, refreshed by ``python -m stemlib.fetch``). This layer builds on the
definitions and knows nothing of reports or pages.
"""
