"""The definitions layer: what the workspace's words and codes mean.

Regions and municipalities, the STEM classifications, education levels and breakdowns,
the indicator registry and the pacts' targets. The code lists that are data live as CSV
files in ``codelists/``. Nothing here reads the observations or imports another layer:
every other layer builds on these definitions.
"""
