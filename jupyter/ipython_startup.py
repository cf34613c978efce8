# Installed by `make` as .venv/etc/ipython/startup/00-stemlib-charts.py, so every IPython kernel of
# this workspace's environment runs it: JupyterLab, papermill, nbval, VS Code with .venv selected.
#
# Altair's default renderer writes HTML that loads Vega from cdn.jsdelivr.net, which fails offline
# ("Error loading script"). The "mimetype" renderer sends the Vega-Lite spec itself, and JupyterLab
# draws it with the Vega it ships (VS Code and nteract draw the same output). See README, "JupyterLab".
try:
    import altair
except ImportError:  # an environment without Altair has nothing to set
    pass
else:
    altair.renderers.enable("mimetype")
    del altair
