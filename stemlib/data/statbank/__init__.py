"""Statistics Denmark's StatBank: client, cache and recipes (see :mod:`stemlib.data.statbank.recipes`)."""
