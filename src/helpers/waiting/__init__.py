"""The waiting list: people with a positive advice for beschut werk who are not working in it.

- :mod:`.compute`: matching working figures to advice dates, waiting list, placement rate;
- :mod:`.analysis`: what 04_waiting_list calls: ``analyse``, ``key_numbers``, ``answer``, tables;
- :mod:`.figures`: the notebook's figures (en/nl);
- :mod:`.labels`: every reader-facing text, in English and Dutch (``LABELS``).
"""

from helpers.layout import WAITING_LIST as SECTION  # its section of results.json
from helpers.waiting.analysis import (
    WaitingAnalysis,
    analyse,
    answer,
    issued_advices,
    key_numbers,
    latest,
    matched,
    other_measures_table,
    waiting_table,
    write_tables,
)
from helpers.waiting.compute import (
    WAITING_COLUMNS,
    published_placement_rates,
    validate_parameters,
    waiting_list,
    working_at,
)
from helpers.waiting.figures import figure_rate, figure_waiting
from helpers.waiting.labels import LABELS

__all__ = [
    "LABELS",
    "SECTION",
    "WAITING_COLUMNS",
    "WaitingAnalysis",
    "analyse",
    "answer",
    "figure_rate",
    "figure_waiting",
    "issued_advices",
    "key_numbers",
    "latest",
    "matched",
    "other_measures_table",
    "published_placement_rates",
    "validate_parameters",
    "waiting_list",
    "waiting_table",
    "working_at",
    "write_tables",
]
