"""Every reader-facing text of the money analysis (05_finance), in English and Dutch.

Each balance ("variant") has a name in words here; code names never reach a figure or table.
"""

from helpers.markup import with_common_labels

LABELS = with_common_labels(
    {
        "en": {
            "title_all_short": (
                "Every sum: a gemeente pays {least} to {most} a year more per place "
                "than it receives"
            ),
            "title_mixed": "Balance per place per year: from {low} to {high}",
            "balance_axis": "balance per place per year (funding − cost)",
            "combined_note": "* combines sources or years (dashed)",
            "at_places": "At {places} places, per year",
            "answer": (
                "**In the most recent published figures ({headline}, {headline_year}) the "
                "gemeente's balance per beschut werk place is {balance} a year: {income} "
                "received against {cost} paid.** "
                "Across the sources that publish a whole sum, the balance runs from {low} to "
                "{high} per place per year; a balance that combines sources or years is shown "
                "drawn dashed and never read as one source's statement. At the {places} people "
                "working at the end of {year}, with the amounts of that year's policy period, "
                "the balance comes to {total} a year; at {goal} places the {headline_year} "
                "figures give {total_goal} a year."
            ),
            "title_per_place": "Cost and funding per beschut werk place per year, by source",
            "title_totals": "Yearly balance for all places (funding − cost)",
            "panel_realised": "at the realised number of places",
            "panel_goals": "at {goal} and {ambition} places",
            "cost": "cost per place",
            "funding": "funding per place",
            "balance": "balance {value}",
            "combined": "hatched: combines sources or years",
            "per_place_axis": "per place per year",
            "total_axis": "per year, all places",
            "shortfall": "shortfall (gemeenten pay more than they receive)",
            "surplus": "surplus",
            "places_at": "{places} places",
            "realised_at": "{year}\n{places}",
            "assumed_bar": "hatched: assumed (amounts of another year, or places not yet reached)",
            "source_emmen_2017": "gemeente Emmen via Trouw",
            "source_significant_2023": "Significant APE via Trouw",
            "variant_emmen_2017": "Emmen 2017, via Trouw",
            "variant_emmen_2017_without_bonus": "Emmen 2017 without the bonus (lapsed {lapse})",
            "variant_emmen_2017_without_bonus_with_addition": (
                "Emmen 2017 without the bonus, with the {addition} addition"
            ),
            "variant_significant_2023": "Significant APE 2023, via Trouw",
            "variant_significant_2023_with_addition": (
                "Significant APE 2023 with the {addition} addition"
            ),
            "variant_pointer_2023_against_significant_cost": (
                "Pointer's 2023 budget against Significant's net cost"
            ),
            "col_amount": "Amount",
            "col_published": "As published",
            "col_value": "Euro",
            "col_period": "Period",
            "col_balance_name": "Sum",
            "col_cost": "Cost",
            "col_funding": "Funding",
            "col_balance": "Balance",
            "col_combines": "Combines",
            "col_places": "Places",
            "col_total": "Balance per year",
            "col_same_year": "Amounts of that year",
            "value_True": "yes",
            "value_False": "no",
            "amount_cost_wage_per_place": "wage cost (Emmen)",
            "amount_cost_support_per_place": "support and adaptation (Emmen)",
            "amount_income_wage_subsidy_per_place": "wage subsidy (Emmen)",
            "amount_income_participation_budget_per_place": "Participatiewet budget (Emmen)",
            "amount_income_bonus_per_place": "bonus beschut werk (Emmen)",
            "amount_income_labour_value_per_place": "value of the work (Emmen)",
            "amount_bonus_per_place": "bonus per realised place (Cedris)",
            "amount_extra_funding_per_place": "structural addition per place",
            "amount_budget_per_place_participatiefonds": "participatiefonds funding (Significant)",
            "amount_net_cost_per_place": "net cost (Significant)",
            "amount_budget_per_place_support": "budget for support (Pointer)",
        },
        "nl": {
            "title_all_short": (
                "Elke berekening: een gemeente betaalt per plek {least} tot {most} per jaar "
                "meer dan ze ontvangt"
            ),
            "title_mixed": "Saldo per plek per jaar: van {low} tot {high}",
            "balance_axis": "saldo per plek per jaar (financiering − kosten)",
            "combined_note": "* combineert bronnen of jaren (gestreepte lijn)",
            "at_places": "Bij {places} plekken, per jaar",
            "answer": (
                "**Volgens de meest recente gepubliceerde cijfers ({headline}, {headline_year}) "
                "is het saldo van de gemeente per beschutte werkplek {balance} per jaar: "
                "{income} ontvangen tegenover "
                "{cost} uitgegeven.** Over de bronnen die een volledige som publiceren loopt het "
                "saldo van {low} tot {high} per plek per jaar; een saldo dat bronnen of jaren "
                "combineert staat gestreept en geldt nooit als uitspraak van één bron. Bij de "
                "{places} mensen aan het werk eind {year}, met de bedragen van de beleidsperiode "
                "van dat jaar, is het saldo {total} per jaar; bij {goal} plekken geven de cijfers "
                "van {headline_year} {total_goal} per jaar."
            ),
            "title_per_place": "Kosten en financiering per beschutte werkplek per jaar, per bron",
            "title_totals": "Jaarlijks saldo voor alle plekken (financiering − kosten)",
            "panel_realised": "bij het gerealiseerde aantal plekken",
            "panel_goals": "bij {goal} en {ambition} plekken",
            "cost": "kosten per plek",
            "funding": "financiering per plek",
            "balance": "saldo {value}",
            "combined": "gearceerd: combineert bronnen of jaren",
            "per_place_axis": "per plek per jaar",
            "total_axis": "per jaar, alle plekken",
            "shortfall": "tekort (gemeenten betalen meer dan ze ontvangen)",
            "surplus": "overschot",
            "places_at": "{places} plekken",
            "realised_at": "{year}\n{places}",
            "assumed_bar": (
                "gearceerd: aangenomen (bedragen van een ander jaar, "
                "of plekken die er nog niet zijn)"
            ),
            "source_emmen_2017": "gemeente Emmen via Trouw",
            "source_significant_2023": "Significant APE via Trouw",
            "variant_emmen_2017": "Emmen 2017, via Trouw",
            "variant_emmen_2017_without_bonus": "Emmen 2017 zonder de bonus (vervallen {lapse})",
            "variant_emmen_2017_without_bonus_with_addition": (
                "Emmen 2017 zonder de bonus, met de extra bijdrage van {addition}"
            ),
            "variant_significant_2023": "Significant APE 2023, via Trouw",
            "variant_significant_2023_with_addition": (
                "Significant APE 2023 met de extra bijdrage van {addition}"
            ),
            "variant_pointer_2023_against_significant_cost": (
                "Budget volgens Pointer 2023 tegenover nettokosten van Significant"
            ),
            "col_amount": "Bedrag",
            "col_published": "Zoals gepubliceerd",
            "col_value": "Euro",
            "col_period": "Periode",
            "col_balance_name": "Berekening",
            "col_cost": "Kosten",
            "col_funding": "Financiering",
            "col_balance": "Saldo",
            "col_combines": "Combineert",
            "col_places": "Plekken",
            "col_total": "Saldo per jaar",
            "col_same_year": "Bedragen van dat jaar",
            "value_True": "ja",
            "value_False": "nee",
            "amount_cost_wage_per_place": "loonkosten (Emmen)",
            "amount_cost_support_per_place": "begeleiding en aanpassing (Emmen)",
            "amount_income_wage_subsidy_per_place": "loonkostensubsidie (Emmen)",
            "amount_income_participation_budget_per_place": "budget Participatiewet (Emmen)",
            "amount_income_bonus_per_place": "bonus beschut werk (Emmen)",
            "amount_income_labour_value_per_place": "opbrengst van het werk (Emmen)",
            "amount_bonus_per_place": "bonus per gerealiseerde plek (Cedris)",
            "amount_extra_funding_per_place": "structurele extra bijdrage per plek",
            "amount_budget_per_place_participatiefonds": (
                "financiering participatiefonds (Significant)"
            ),
            "amount_net_cost_per_place": "nettokosten (Significant)",
            "amount_budget_per_place_support": "budget voor begeleiding (Pointer)",
        },
    }
)
