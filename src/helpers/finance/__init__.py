"""Money per beschut werk place: cost against funding per source, and totals at numbers of places.

- :mod:`.compute`: amounts read by register row, balances per source, totals, policy periods;
- :mod:`.analysis`: what 05_finance calls: ``analyse``, ``key_numbers``, ``answer``, tables;
- :mod:`.figures`: the notebook's figures (en/nl);
- :mod:`.labels`: every reader-facing text, in English and Dutch (``LABELS``).
"""

from helpers.finance.analysis import (
    FinanceAnalysis,
    amounts_table,
    analyse,
    answer,
    headline,
    key_numbers,
    per_place_table,
    places_frame,
    policy_table,
    published_sums,
    value_range,
    variant_label,
    write_tables,
)
from helpers.finance.compute import (
    AMOUNTS,
    YEARS,
    Amount,
    Variant,
    balances,
    latest_per_year,
    policy_variant,
    read_amounts,
    read_years,
    totals,
    validate_parameters,
    variants,
)
from helpers.finance.figures import figure_balance, goal_totals
from helpers.finance.labels import LABELS
from helpers.layout import FINANCE as SECTION  # its section of results.json

__all__ = [
    "AMOUNTS",
    "LABELS",
    "SECTION",
    "YEARS",
    "Amount",
    "FinanceAnalysis",
    "Variant",
    "amounts_table",
    "analyse",
    "answer",
    "balances",
    "figure_balance",
    "goal_totals",
    "headline",
    "key_numbers",
    "latest_per_year",
    "per_place_table",
    "places_frame",
    "policy_table",
    "policy_variant",
    "published_sums",
    "read_amounts",
    "read_years",
    "totals",
    "validate_parameters",
    "value_range",
    "variant_label",
    "variants",
    "write_tables",
]
