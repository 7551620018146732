"""The README's sentences, row labels and headings in English and Dutch (the reader words every
analysis shares, qualifier words and month names, are :mod:`helpers.words`')."""

from __future__ import annotations

from helpers import layout

TEXT = {
    "en": {
        "title": "# Beschut werk: is the Netherlands on track?",
        "other_language": "Nederlands: [README.nl.md](README.nl.md).",
        "generated": "Written by `make reports` (`python -m helpers.runner`) from the numbers in "
        "each scenario's `results.json` ([how](../ASSUMPTIONS.md#v11)); do not edit anything "
        "under `reports/` by hand.",
        "not_available": "Not available: {what} (no `{key}` in `{file}`).",
        "on_track": "On track for {goal} by its {deadline} deadline: the credible models "
        "together reach it in {year} (chance by {deadline}: {p}; {low} to {high} across the "
        "credible models)",
        "off_track": "Not on track for {goal} by its {deadline} deadline: the credible models "
        "together reach it in {year} (chance by {deadline}: {p}; {low} to {high} across the "
        "credible models)",
        "uncertain": "Not yet on track for {goal} by its {deadline} deadline, though the "
        "credible models together reach it in {year} (chance by {deadline}: {p}; {low} to "
        "{high} across the credible models)",
        "taakstelling_behind": "Behind the yearly taakstelling ({ratio} of it at the end of "
        "{year}){gaining}; ",
        "gaining": " but gaining: the pace observed, {pace} a year, is above the {need} a year "
        "that {goal} by {deadline} needs",
        "taakstelling_ahead": "Ahead of the yearly taakstelling ({ratio} of it at the end of "
        "{year}); ",
        "no_deadline_in": "{goal}, which has no deadline, follows in {year}",
        "not_by": "{goal} is not reached by the end of {horizon} in most simulated paths",
        "lead": "{goals}.",
        "stand": "On {date}, {value} people worked in beschut werk ({source}).",
        "gap_short": "At the end of {year}, {realised} worked against a taakstelling of {target}"
        "{assumed}: {gap} short, {ratio} of the taakstelling.",
        "gap_ahead": "At the end of {year}, {realised} worked against a taakstelling of {target}"
        "{assumed}: {gap} above it, {ratio} of the taakstelling.",
        "assumed": " (assumed: no taakstelling for {year} is published)",
        "gap_same_short": "That is {gap} short of the taakstelling of {target} for {year}"
        "{assumed}, {ratio} of it.",
        "gap_same_ahead": "That is {gap} more than the taakstelling of {target} for {year}"
        "{assumed}, {ratio} of it.",
        "pace": "The pace observed is {per_year} more people a year ({start} to {end}).",
        "forecast": "The headline model, {label}, puts {goals}; the credible models "
        "span {spreads}.",
        "goal_year": "{goal} in {median} ({interval} range {range})",
        "spread": "{range} for {goal}",
        "chances": "The chance of reaching {goal} is {items}.",
        "chance": "{p} by {year}{deadline}",
        "its_deadline": " (its deadline)",
        "left_out": "The forecast is fitted to {start}–{end}, an end year the scenario pins: it "
        "leaves out {count} newer {observations} ({items}).",
        "observation": ("observation", "observations"),
        "value_on": "{value} on {date}",
        "need": "Reaching {goal} by {year}{deadline} would take {pace} more people a year, "
        "{times} times the pace observed.",
        "need_more": "By {year}{deadline} it would take {pace} a year ({times} times).",
        "need_no_deadline": "{goal} has no deadline in any source; reaching it by {year} would "
        "take {pace} a year ({times} times the pace observed).",
        "no_deadline_only": "{goal} has no deadline in any source, so no pace is needed for it.",
        "waiting": "Wachtenden, people with a positief advies for beschut werk but no job, on "
        "{date}: {waiting}.",
        "money_cost": "A place costs gemeenten {amount} a year more than they receive for it "
        "({origin}); the published balances run from {low} to {high} per place per year{rows}.",
        "money_gain": "Gemeenten receive {amount} a year more for a place than it costs "
        "({origin}); the published balances run from {low} to {high} per place per year{rows}.",
        "after": "after {horizon}",
        "range_open": "{low} to after {horizon}",
        "and": "and",
        "flagship": "## The answer in one figure",
        "flagship_alt": "Beschut werk: realised, taakstelling, forecast and the goals",
        "no_flagship": "(no flagship figure yet: `{path}` is missing)",
        "key_numbers": "## Key numbers",
        "key_intro": "One column per distinct result: scenarios that share their outputs, or "
        "differ only in `language`, share a column. Every number is in the linked "
        "`results.json`.",
        "all_scenarios": "all scenarios",
        "number": "number",
        "none": "none",
    },
    "nl": {
        "title": "# Beschut werk: ligt Nederland op koers?",
        "other_language": "English: [README.md](README.md) (with every scenario, figure and "
        "report, and how to review a change).",
        "generated": "Geschreven door `make reports` (`python -m helpers.runner`) uit de getallen "
        "in `results.json` van elk scenario ([hoe](../ASSUMPTIONS.md#v11)); bewerk niets onder "
        "`reports/` met de hand.",
        "not_available": "Niet beschikbaar: {what} (geen `{key}` in `{file}`).",
        "on_track": "Op koers voor {goal} uiterlijk in {deadline}: volgens de geloofwaardige "
        "modellen samen wordt het bereikt in {year} (kans uiterlijk in {deadline}: {p}; {low} tot "
        "{high} afhankelijk van het model)",
        "off_track": "Niet op koers voor {goal} uiterlijk in {deadline}: volgens de "
        "geloofwaardige modellen samen wordt het bereikt in {year} (kans uiterlijk in "
        "{deadline}: {p}; {low} tot {high} afhankelijk van het model)",
        "uncertain": "Nog niet op koers voor {goal} uiterlijk in {deadline}, al wordt het "
        "volgens de geloofwaardige modellen samen bereikt in {year} (kans uiterlijk in "
        "{deadline}: {p}; {low} tot {high} afhankelijk van het model)",
        "taakstelling_behind": "Achter op de jaarlijkse taakstelling ({ratio} ervan eind {year})"
        "{gaining}; ",
        "gaining": ", maar met een inhaalslag: het waargenomen tempo van {pace} per jaar ligt "
        "boven de {need} per jaar die nodig zijn om {goal} uiterlijk in {deadline} te halen",
        "taakstelling_ahead": "Voor op de jaarlijkse taakstelling ({ratio} ervan eind {year}); ",
        "no_deadline_in": "{goal}, waarvoor geen deadline geldt, volgt in {year}",
        "not_by": "{goal} wordt in de meeste gesimuleerde paden niet bereikt vóór eind {horizon}",
        "lead": "{goals}.",
        "stand": "Op {date} werkten {value} mensen in beschut werk ({source}).",
        "gap_short": "Eind {year} werkten er {realised} tegenover een taakstelling van {target}"
        "{assumed}: {gap} te weinig, {ratio} van de taakstelling.",
        "gap_ahead": "Eind {year} werkten er {realised} tegenover een taakstelling van {target}"
        "{assumed}: {gap} meer, {ratio} van de taakstelling.",
        "assumed": " (aangenomen: er is geen taakstelling voor {year} gepubliceerd)",
        "gap_same_short": "Dat zijn er {gap} minder dan de taakstelling van {target} voor {year}"
        "{assumed}, {ratio} ervan.",
        "gap_same_ahead": "Dat zijn er {gap} meer dan de taakstelling van {target} voor {year}"
        "{assumed}, {ratio} ervan.",
        "pace": "Het waargenomen tempo is {per_year} mensen per jaar erbij ({start} tot {end}).",
        "forecast": "Volgens het hoofdmodel ({label}) wordt {goals} bereikt; de "
        "geloofwaardige modellen komen uit op {spreads}.",
        "goal_year": "{goal} in {median} ({interval}-interval {range})",
        "spread": "{range} voor {goal}",
        "chances": "De kans dat {goal} is bereikt, is {items}.",
        "chance": "{p} uiterlijk in {year}{deadline}",
        "its_deadline": " (de deadline)",
        "left_out": "De prognose is geschat op {start}–{end}, een eindjaar dat het scenario "
        "vastzet: {count} nieuwere {observations} blijven buiten beschouwing ({items}).",
        "observation": ("waarneming", "waarnemingen"),
        "value_on": "{value} op {date}",
        "need": "Om {goal} uiterlijk in {year}{deadline} te halen zijn er {pace} per jaar nodig, "
        "{times} keer het waargenomen tempo.",
        "need_more": "Uiterlijk in {year}{deadline} zijn er {pace} per jaar nodig ({times} keer).",
        "need_no_deadline": "Voor {goal} noemt geen enkele bron een deadline; om het uiterlijk in "
        "{year} te halen zijn er {pace} per jaar nodig ({times} keer het waargenomen tempo).",
        "no_deadline_only": "Voor {goal} noemt geen enkele bron een deadline, dus er is geen "
        "tempo voor nodig.",
        "waiting": "Wachtenden, mensen met een positief advies beschut werk maar zonder baan, op "
        "{date}: {waiting}.",
        "money_cost": "Een plek kost gemeenten {amount} per jaar meer dan ze ervoor ontvangen "
        "({origin}); de gepubliceerde saldi lopen van {low} tot {high} per plek per jaar{rows}.",
        "money_gain": "Gemeenten ontvangen voor een plek {amount} per jaar meer dan die kost "
        "({origin}); de gepubliceerde saldi lopen van {low} tot {high} per plek per jaar{rows}.",
        "after": "na {horizon}",
        "range_open": "{low} tot na {horizon}",
        "and": "en",
        "flagship": "## Het antwoord in één figuur",
        "flagship_alt": "Beschut werk: gerealiseerd, taakstelling, prognose en de doelen",
        "no_flagship": "(nog geen hoofdfiguur: `{path}` ontbreekt)",
        "key_numbers": "## Kerngetallen",
        "key_intro": "Eén kolom per verschillend resultaat: scenario's die hun uitkomsten delen, "
        "of alleen in `language` verschillen, delen een kolom. Elk getal staat in de gelinkte "
        "`results.json`.",
        "all_scenarios": "alle scenario's",
        "number": "getal",
        "none": "geen",
    },
}

# What each missing piece is called in a "not available" sentence.
WHAT = {
    "en": {
        layout.TRAJECTORY: "the trajectory forecast",
        "latest": "the latest figure",
        layout.TARGETS_GAP: "the gap to the taakstelling",
        layout.WAITING_LIST: "the waiting list",
        layout.FINANCE: "the money per place",
    },
    "nl": {
        layout.TRAJECTORY: "de prognose",
        "latest": "het laatste cijfer",
        layout.TARGETS_GAP: "het tekort op de taakstelling",
        layout.WAITING_LIST: "de wachtenden",
        layout.FINANCE: "het geld per plek",
    },
}


ROWS = {
    "en": {
        "fit": "fit window",
        "pinned": "pinned",
        "left_out": "newer observations left out",
        "latest": "latest figure",
        "observed_pace": "pace observed (per year)",
        "headline": "headline model",
        "median": "{goal}: year reached (median, {interval} range)",
        "spread": "{goal}: year reached, spread of the credible models",
        "p_by": "{goal}: chance of reaching it by {year}",
        "required": "{goal}: pace needed to reach it by {year} (per year)",
        "nowcast": "headline model, end of {year} (median, range)",
        "year": "latest year with a taakstelling",
        "target": "taakstelling",
        "assumed": "assumed",
        "realised": "people working",
        "gap": "gap to the taakstelling",
        "ratio": "people working as % of the taakstelling",
        "waiting": "wachtenden (positief advies, no job)",
        "balance": "balance per place per year ({label}, {year})",
        "range": "balance per place per year, published range",
    },
    "nl": {
        "fit": "schattingsperiode",
        "pinned": "vastgezet",
        "left_out": "nieuwere waarnemingen buiten beschouwing",
        "latest": "laatste cijfer",
        "observed_pace": "waargenomen tempo (per jaar)",
        "headline": "hoofdmodel",
        "median": "{goal}: jaar bereikt (mediaan, {interval}-interval)",
        "spread": "{goal}: jaar bereikt, spreiding van de geloofwaardige modellen",
        "p_by": "{goal}: kans om het uiterlijk in {year} te bereiken",
        "required": "{goal}: tempo nodig om het uiterlijk in {year} te bereiken (per jaar)",
        "nowcast": "hoofdmodel, eind {year} (mediaan, interval)",
        "year": "laatste jaar met een taakstelling",
        "target": "taakstelling",
        "assumed": "aangenomen",
        "realised": "mensen aan het werk",
        "gap": "tekort op de taakstelling",
        "ratio": "mensen aan het werk als % van de taakstelling",
        "waiting": "wachtenden (positief advies, geen baan)",
        "balance": "saldo per plek per jaar ({label}, {year})",
        "range": "saldo per plek per jaar, gepubliceerde bandbreedte",
    },
}
SECTION_TITLES = {
    "en": {
        layout.TRAJECTORY: "Trajectory: when the goals are reached",
        layout.TARGETS_GAP: "Taakstelling: the latest gap",
        layout.WAITING_LIST: "Waiting list",
        layout.FINANCE: "Money per place",
    },
    "nl": {
        layout.TRAJECTORY: "Traject: wanneer de doelen worden bereikt",
        layout.TARGETS_GAP: "Taakstelling: het laatste tekort",
        layout.WAITING_LIST: "Wachtenden",
        layout.FINANCE: "Geld per plek",
    },
}


VERSION_LINE = {
    "en": "Generated by beschut werk monitor {version} (see CHANGELOG.md and CITATION.cff).",
    "nl": "Gemaakt met beschut werk monitor {version} (zie CHANGELOG.md en CITATION.cff).",
}

REVIEW_GUIDE = """\
## How to review a change

Every file under `reports/` is generated and byte-stable: a regeneration with the same code and
data changes nothing, so every changed file is a real change. Read, in this order:

1. `make changes` (`python -m helpers.changes`; `--base REV --head REV` for two revisions): every
   key number that changed, old and new side by side per scenario, and every figure whose image
   changed. `make reports` prints the same summary against the last commit.
2. The diff of this page and of [README.nl.md](README.nl.md): the verdict and the key numbers.
3. The diff of each folder's `results.json` (every number, one per line) and `tables/*.csv`.
4. The changed figures, `<folder>/figures/*.png` (GitHub shows an image diff).

Executed notebooks, HTML reports and SVG figures are marked as generated in `.gitattributes`
(collapsed in a pull request, no text diff): read the HTML report for the narrative. Assumptions:
[ASSUMPTIONS.md](../ASSUMPTIONS.md#r1), [V9](../ASSUMPTIONS.md#v9), [V11](../ASSUMPTIONS.md#v11).
"""
