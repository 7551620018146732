"""``python -m helpers.runner``."""

import os
import sys

from helpers.runner.cli import SIGNAL_EXITS, main

code = main()
if code in SIGNAL_EXITS.values():
    # Stopped by a signal: the staging tree is removed and the workers are ended; exit now
    # rather than wait at interpreter exit for the worker pool's thread (a signal may have
    # arrived while it held a lock).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
