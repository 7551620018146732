"""``python -m helpers.changes``: print what changed (see :mod:`helpers.changes`)."""

import sys

from helpers.changes.cli import main

sys.exit(main())
