"""Generate reports/README.md and reports/README.nl.md: the answer on the first screen.

Each page opens with a verdict written from the numbers (never by hand): where beschut werk
stands, the gap to the year's taakstelling, when 30,000 and 50,000 are reached at the pace
observed, the pace each goal would need, the waiting list and the money per place. Every number
links to where it comes from: a row of data/raw/source_register.csv (a GitHub line anchor) or the
report it is derived in. Then the flagship figure, then the key numbers, one column per distinct
result (scenarios whose outputs are shared, or that differ only in `language`, share a column).

Reads reports/runs.json (the runner's plan), each reports folder's results.json and the source
register; writes nothing else. Deterministic: the same inputs give the same bytes. One module per
job: :mod:`.text` (the sentences per language), :mod:`.formats` (numbers, dates and links as
text), :mod:`.sources` (register rows), :mod:`.plan` (runs.json and results.json),
:mod:`.verdict` (the opening paragraphs), :mod:`.key_numbers` (the tables) and :mod:`.page`
(putting the pages together and writing them).
"""

from helpers.report_index.page import build_readme, write_readme
from helpers.report_index.sources import Register
from helpers.report_index.verdict import (
    CHANCE_RANGE_STEP,
    ON_TRACK_CHANCE,
    NotAvailable,
    coarse_chance,
    track_status,
)

__all__ = [
    "CHANCE_RANGE_STEP",
    "ON_TRACK_CHANCE",
    "NotAvailable",
    "Register",
    "build_readme",
    "coarse_chance",
    "track_status",
    "write_readme",
]
