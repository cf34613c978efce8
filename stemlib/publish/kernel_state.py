"""Runs inside a reused kernel: remember its clean state once, and return to it before every report.

The batch reuses one warm kernel for many reports (see :mod:`stemlib.publish.warm_kernel`),
because starting a kernel and importing pandas and Altair costs more than running
a report. A report must still come out exactly as from a fresh kernel, so before
each report :func:`restore` puts back everything a notebook can change without
editing a module:

* the IPython namespace, output history and execution counter (``%reset``);
* the working directory, environment variables and ``sys.path``;
* the warning filters, and the "already shown" registries, so a warning shown
  in one report is shown again in the next;
* pandas options and Altair's renderer, data transformer and theme.

What it does not undo: changes a notebook makes to the attributes of imported
modules. Our notebooks make none; ``tests/publish/test_warm_kernel.py`` checks that every
report is identical from a warm and from a fresh kernel.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings

_clean: dict | None = None


def _pandas_options() -> dict:
    import pandas as pd

    # pandas has no public list of its options; this registry has been stable since pandas 0.x.
    names = sorted(pd._config.config._registered_options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reading a deprecated option warns
        return {name: pd.get_option(name) for name in names}


def _altair_state() -> dict:
    import altair as alt

    return {"renderer": alt.renderers.active, "transformer": alt.data_transformers.active,
            "transformer_options": dict(alt.data_transformers.options), "theme": alt.theme.active}


def snapshot() -> None:
    """Record the kernel's state after the warm-up imports; :func:`restore` returns to it."""
    global _clean
    _clean = {"cwd": os.getcwd(), "environ": dict(os.environ), "path": list(sys.path),
              "filters": list(warnings.filters), "pandas": _pandas_options(), "altair": _altair_state()}
    # Everything the warm-up created lives as long as the kernel: keep it out of the garbage
    # collector's full passes, so the collection in each reset only walks what a report made.
    gc.collect()
    gc.freeze()


def _restore_pandas(options: dict) -> None:
    import pandas as pd

    changed = {name: value for name, value in _pandas_options().items() if options.get(name, value) != value}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Only the changed ones: setting some options has side effects (plotting converters, for one).
        for name in changed:
            pd.set_option(name, options[name])


def _restore_altair(state: dict) -> None:
    import altair as alt

    alt.renderers.enable(state["renderer"])
    alt.data_transformers.enable(state["transformer"], **state["transformer_options"])
    alt.theme.enable(state["theme"])


def restore() -> None:
    """Return the kernel to the state recorded by :func:`snapshot` (call before each report)."""
    if _clean is None:
        raise RuntimeError("stemlib.publish.kernel_state.restore() called before snapshot()")
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)
    os.chdir(_clean["cwd"])
    os.environ.clear()
    os.environ.update(_clean["environ"])
    sys.path[:] = _clean["path"]
    warnings.filters[:] = _clean["filters"]
    # Invalidates every module's record of warnings already shown, as a fresh interpreter would have none.
    warnings._filters_mutated()
    if "pandas" in sys.modules:
        _restore_pandas(_clean["pandas"])
    if "altair" in sys.modules:
        _restore_altair(_clean["altair"])
