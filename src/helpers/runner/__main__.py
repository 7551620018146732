"""``python -m helpers.runner``."""

import sys

from helpers.runner.cli import main

sys.exit(main())
