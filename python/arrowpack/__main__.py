"""`python -m arrowpack ...`: see arrowpack.cli."""

import sys

from arrowpack.cli import main

sys.exit(main())
