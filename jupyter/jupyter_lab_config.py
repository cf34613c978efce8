"""JupyterLab settings for this workspace, loaded by `make lab` (jupyter lab --config=jupyter/jupyter_lab_config.py).

Analysts work offline or behind firewalls, so JupyterLab is told not to reach the internet on its
own: no news feed, no update check, and an extension manager that does not query PyPI. The
settings shown to the user (no news prompt) are in lab/settings/overrides.json next to this file.
tests/e2e/test_jupyterlab.py starts JupyterLab with this same file.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.ServerApp.ip = "127.0.0.1"  # the kernels run the analyst's code: not for the local network
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
c.LabApp.app_settings_dir = str(Path(__file__).resolve().parent / "lab" / "settings")
