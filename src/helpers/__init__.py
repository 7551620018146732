"""Beschut werk monitor: cleaning, models and reports for the Participatiewet's sheltered jobs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("beschut-werk-monitor")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
