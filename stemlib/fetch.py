"""``python -m stemlib.fetch``: refresh the StatBank cache in data/statbank/ (``make data``).

The command keeps this short name; the refresh itself is :mod:`stemlib.data.fetch`
(its docstring gives the options and exit codes).
"""

import sys

from stemlib.data.fetch import main

if __name__ == "__main__":
    sys.exit(main())
