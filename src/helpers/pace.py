"""The observed pace of the number working, defined once for 02 (trajectory) and 03 (targets).

It imports no analysis, so both analyses can use it without importing each other.
"""

from __future__ import annotations

import numpy as np

OBSERVED_PACE_DEFINITION = (
    "average change per year from the first observation dated after 1 January 2017 (when "
    "beschut werk became a legal duty) to the latest observation in the fit window: "
    "(latest value - first value) / (years between their dates)"
)


def observed_pace(times, values, since: float = 2017.0) -> tuple[float, int, int]:
    """The observed pace (OBSERVED_PACE_DEFINITION) and the positions of its two observations."""
    t = np.asarray(times, dtype=float)
    y = np.asarray(values, dtype=float)
    after = np.flatnonzero(t > since + 1e-9)
    if len(after) < 2:
        raise ValueError("the observed pace needs two observations after 1 January 2017")
    first, last = int(after[0]), int(after[-1])
    return float((y[last] - y[first]) / (t[last] - t[first])), first, last
