"""Every reader-facing text of the targets analysis (03_targets_gap), in English and Dutch.

Both languages use one term per concept: *taakstelling* for the yearly target (English
included), *structureel doel* for the 30,000 of 2048, *aan het werk* for the people working in
beschut werk.
"""

from helpers.markup import with_common_labels

LABELS = with_common_labels(
    {
        "en": {
            "title_behind_all": "Behind every taakstelling",
            "title_behind_some": "Behind the taakstelling in {below} of {n} year ends",
            "title_closing": ", but closing the gap: from {first} ({first_year}) to {last} "
            "({last_year})",
            "title_widening": ", and falling further behind: from {first} ({first_year}) to {last} "
            "({last_year})",
            "dumbbell_label": "{gap} short ({share})",
            "taakstelling": "taakstelling",
            "year_end": "end of {year}",
            "people_places": "people working / places",
            "panel_gap": "Taakstelling against people working, each year end",
            "panel_pace": "Places added per year",
            "pace_achieved": "achieved {start}–{end}",
            "pace_needed": "needed for {goal} by {year}",
            "answer": (
                "**At the end of {year}, {realised} people worked in beschut werk against a "
                "taakstelling of {target} places{assumed_note}: {ratio} of the taakstelling, {gap} "
                "places short.** {below} of the {n} year ends with a figure fell short of their "
                "taakstelling. From {pace_from} to {pace_to} the number grew by {pace} a year (the "
                "observed pace); at that pace the structural goal of {goal} ({goal_year}) "
                "is reached {reach_goal}, and the coalition agreement's {ambition} "
                "{reach_ambition}. Reaching {goal} in {goal_year} takes {needed_goal} places a "
                "year from the end of {year}."
            ),
            "assumed_note": " (assumed: no taakstelling was published for {year})",
            "reached_in": "at the end of {year}",
            "never": "never (the pace is not positive)",
            "title_path": "People in beschut werk against the taakstelling",
            "title_gap": "Realised against the taakstelling at each year end",
            "title_pace": "Places added per year: needed against realised",
            "target_published": "taakstelling (published)",
            "target_assumed": "taakstelling (assumed: none published)",
            "original_path": "original path (before the 2017 reset)",
            "provisional": "provisional taakstelling (superseded)",
            "realised": "people working",
            "people": "people working / places",
            "places": "places",
            "per_year": "places per year",
            "needed_next": "needed for the next year's taakstelling",
            "needed_next_assumed": "needed for the next year's taakstelling (assumed)",
            "needed_goal": "needed per year for {goal} in {goal_year}",
            "realised_pace": "realised (average to the next year-end figure)",
            "from_year_end": "from the end of year",
            "time_axis": "figures of 31 December sit on the next year's tick",
            "value": "value",
            "col_next_status": "Next taakstelling",
            "share_of_target": "{share} of the taakstelling",
            "col_target": "Taakstelling",
            "col_status": "Taakstelling is",
            "col_original": "Original path",
            "col_provisional": "Provisional",
            "col_working": "Working",
            "col_ratio": "Share of the taakstelling",
            "col_gap": "Places short",
            "col_needed_next": "Needed for the next taakstelling",
            "col_needed_goal": "Needed per year for the goal",
            "col_realised_pace": "Realised per year",
            "col_span": "Over years",
        },
        "nl": {
            "title_behind_all": "Achter op elke taakstelling",
            "title_behind_some": "Achter op de taakstelling in {below} van de {n} jaren",
            "title_closing": ", maar het gat wordt kleiner: van {first} ({first_year}) naar {last} "
            "({last_year})",
            "title_widening": ", en het gat wordt groter: van {first} ({first_year}) naar {last} "
            "({last_year})",
            "dumbbell_label": "{gap} te weinig ({share})",
            "taakstelling": "taakstelling",
            "year_end": "eind {year}",
            "people_places": "mensen aan het werk / plekken",
            "panel_gap": "Taakstelling tegenover mensen aan het werk, per jaareinde",
            "panel_pace": "Plekken erbij per jaar",
            "pace_achieved": "gerealiseerd {start}–{end}",
            "pace_needed": "nodig voor {goal} in {year}",
            "answer": (
                "**Eind {year} werkten {realised} mensen in beschut werk, tegenover een "
                "taakstelling van {target} plekken{assumed_note}: {ratio} van de taakstelling, "
                "{gap} plekken te weinig.** {below} van de {n} jaareinden met een cijfer bleven "
                "onder hun taakstelling. Van {pace_from} tot {pace_to} kwamen er {pace} per jaar "
                "bij (het waargenomen tempo); in dat tempo wordt het structurele doel van {goal} "
                "({goal_year}) {reach_goal} bereikt, en de {ambition} van het regeerakkoord "
                "{reach_ambition}. Om {goal} in {goal_year} te halen zijn vanaf eind {year} "
                "{needed_goal} plekken per jaar nodig."
            ),
            "assumed_note": " (aangenomen: voor {year} is geen taakstelling gepubliceerd)",
            "reached_in": "eind {year}",
            "never": "nooit (het tempo is niet positief)",
            "title_path": "Mensen in beschut werk tegenover de jaarlijkse taakstelling",
            "title_gap": "Gerealiseerd tegenover de taakstelling aan het eind van elk jaar",
            "title_pace": "Plekken erbij per jaar: nodig tegenover gerealiseerd",
            "target_published": "taakstelling (gepubliceerd)",
            "target_assumed": "taakstelling (aangenomen: niet gepubliceerd)",
            "original_path": "oorspronkelijke taakstelling (vóór de bijstelling van 2017)",
            "provisional": "voorlopige taakstelling (vervangen)",
            "realised": "mensen aan het werk",
            "people": "mensen aan het werk / plekken",
            "places": "plekken",
            "per_year": "plekken per jaar",
            "needed_next": "nodig voor de taakstelling van het volgende jaar",
            "needed_next_assumed": "nodig voor de taakstelling van het volgende jaar (aangenomen)",
            "needed_goal": "nodig per jaar voor {goal} in {goal_year}",
            "realised_pace": "gerealiseerd (gemiddeld tot het volgende jaareindcijfer)",
            "from_year_end": "vanaf het eind van het jaar",
            "time_axis": "cijfers van 31 december staan bij het jaartal erna",
            "value": "waarde",
            "col_next_status": "Volgende taakstelling",
            "share_of_target": "{share} van de taakstelling",
            "col_target": "Taakstelling",
            "col_status": "Taakstelling is",
            "col_original": "Oorspronkelijk pad",
            "col_provisional": "Voorlopig",
            "col_working": "Aan het werk",
            "col_ratio": "Deel van de taakstelling",
            "col_gap": "Plekken te weinig",
            "col_needed_next": "Nodig voor volgende taakstelling",
            "col_needed_goal": "Nodig per jaar voor het doel",
            "col_realised_pace": "Gerealiseerd per jaar",
            "col_span": "Over jaren",
        },
    }
)
