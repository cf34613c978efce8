"""``python -m stemlib.batch``: every report in parameters/ in one run.

The command keeps this short name; the batch itself is :mod:`stemlib.publish.batch`
(its docstring gives the options, guarantees and exit codes).
"""

import sys

from stemlib.publish.batch import main

if __name__ == "__main__":
    sys.exit(main())
