"""The national target path for beschut werk, the realisation against it and the pace needed.

- :mod:`.compute`: year-end realisation and pace (the target path: helpers.taakstelling);
- :mod:`.analysis`: what 03_targets_gap calls: ``analyse``, ``key_numbers``, ``answer``, tables;
- :mod:`.figures`: the notebook's figures (en/nl);
- :mod:`.labels`: every reader-facing text, in English and Dutch (``LABELS``).
"""

from helpers.taakstelling import (
    INTERPOLATIONS,
    PATH_COLUMNS,
    fill_years,
    published_targets,
    round_half_up,
    target_path,
)
from helpers.targets.analysis import (
    TargetsAnalysis,
    analyse,
    answer,
    at_realised_pace,
    key_numbers,
    latest,
    pace_table,
    path_table,
    realisation_table,
    write_tables,
)
from helpers.targets.compute import (
    pace,
    realisation,
    validate_parameters,
    year_end_realised,
    year_reached,
)
from helpers.targets.figures import figure_targets
from helpers.targets.labels import LABELS

__all__ = [
    "INTERPOLATIONS",
    "LABELS",
    "PATH_COLUMNS",
    "TargetsAnalysis",
    "analyse",
    "answer",
    "at_realised_pace",
    "figure_targets",
    "fill_years",
    "key_numbers",
    "latest",
    "pace",
    "pace_table",
    "path_table",
    "published_targets",
    "realisation",
    "realisation_table",
    "round_half_up",
    "target_path",
    "validate_parameters",
    "write_tables",
    "year_end_realised",
    "year_reached",
]
