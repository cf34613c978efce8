"""The publish layer: reports run by papermill and written as self-contained HTML pages.

The batch (``python -m stemlib.batch``) reads the parameter files, runs each report
notebook in a reused, warm kernel, and writes the notebook, the offline page and the
index atomically. The page itself comes from one nbconvert exporter, registered as the
format ``offline_html``. Only this layer knows about pages, papermill and kernels.
"""
