"""Every reader-facing text of the waiting-list analysis (04_waiting_list), in English and Dutch.

Dutch terms: *positief advies* (UWV's advice that someone needs beschut werk), *wachtenden*
(people with a positive advice and no beschut werk job), *aan het werk* (people working in it).
"""

from helpers.markup import with_common_labels

LABELS = with_common_labels(
    {
        "en": {
            "title_grew": "The waiting list grew from {first} ({first_date}) to {last} "
            "({last_date})",
            "title_fell": "The waiting list fell from {first} ({first_date}) to {last} "
            "({last_date})",
            "answer": (
                "**On {date}, {advice} people held a positive advice for beschut werk and "
                "{working} worked in it: {waiting} people were waiting for a place.** "
                "Of the people with a positive advice, {rate} were working. On {first_date} "
                "the waiting list was {first_waiting}."
            ),
            "answer_issued": (
                " Counted differently, UWV had issued {issued} positive advices in total by "
                "{issued_date}: a cumulative count, not the number holding an advice at that date."
            ),
            "title_waiting": "People with a positive advice against people working in beschut werk",
            "title_rate": (
                "Of the people with a positive advice, {share} worked in beschut werk ({date})"
            ),
            "advice": "people holding a positive advice",
            "issued": "positive advices issued since 2015 (cumulative; another measure)",
            "working": "people working in beschut werk",
            "waiting": "waiting: positive advice, no job",
            "interpolated": "working interpolated between two figures",
            "persons": "people",
            "rate": "working / holding a positive advice",
            "rate_3m": "UWV: in a job 3 months after the advice (another measure)",
            "share": "share",
            "time_axis": "figures of 31 December sit on the next year's tick",
            "col_advice": "Positive advice",
            "col_working": "Working",
            "col_match": "Working figure",
            "col_waiting": "Waiting",
            "col_rate": "Working / advice",
            "col_published": "Waiting as published",
            "col_rate_3m": "In a job after 3 months",
            "col_issued": "Advices issued since 2015",
            "value_same_date": "same date",
            "value_interpolated": "interpolated",
            "value_none": "none",
        },
        "nl": {
            "title_grew": "De wachtlijst groeide van {first} ({first_date}) naar {last} "
            "({last_date})",
            "title_fell": "De wachtlijst kromp van {first} ({first_date}) naar {last} "
            "({last_date})",
            "answer": (
                "**Op {date} hadden {advice} mensen een positief advies voor beschut werk en "
                "werkten er {working} in beschut werk: {waiting} wachtenden zonder plek.** "
                "Van de mensen met een positief advies werkte {rate}. Op {first_date} "
                "waren er {first_waiting} wachtenden."
            ),
            "answer_issued": (
                " Anders geteld had UWV tot {issued_date} in totaal {issued} positieve adviezen "
                "afgegeven: een optelling over de jaren, niet het aantal mensen met een advies "
                "op die datum."
            ),
            "title_waiting": "Mensen met een positief advies tegenover mensen in beschut werk",
            "title_rate": (
                "Van de mensen met een positief advies werkte {share} in beschut werk ({date})"
            ),
            "advice": "mensen met een positief advies",
            "issued": "positieve adviezen afgegeven sinds 2015 (opgeteld; andere maatstaf)",
            "working": "mensen aan het werk in beschut werk",
            "waiting": "wachtenden: positief advies, geen baan",
            "interpolated": "aan het werk, geïnterpoleerd tussen twee cijfers",
            "persons": "mensen",
            "rate": "aan het werk / met een positief advies",
            "rate_3m": "UWV: aan het werk 3 maanden na het advies (andere maatstaf)",
            "share": "aandeel",
            "time_axis": "cijfers van 31 december staan bij het jaartal erna",
            "col_advice": "Positief advies",
            "col_working": "Aan het werk",
            "col_match": "Cijfer aan het werk",
            "col_waiting": "Wachtenden",
            "col_rate": "Aan het werk / advies",
            "col_published": "Wachtenden gepubliceerd",
            "col_rate_3m": "Aan het werk na 3 maanden",
            "col_issued": "Adviezen afgegeven sinds 2015",
            "value_same_date": "zelfde datum",
            "value_interpolated": "geïnterpoleerd",
            "value_none": "geen",
        },
    }
)
