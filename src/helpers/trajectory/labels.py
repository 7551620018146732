"""Every reader-facing text of the trajectory analysis (02_trajectory), in English and Dutch.

One word per concept in both languages: *taakstelling* for the yearly target (English included),
*people working* / *mensen aan het werk*, *backtest* / *terugtoets*, *headline model* /
*hoofdmodel*, *range* / *bereik* for a span of goal years and *interval* for a span of levels.
The model names (``MODEL_NAMES``) and the names of their estimated parameters
(``PARAMETER_NAMES``) are kept here once; ``tests/test_trajectory.py`` checks every table with
:func:`helpers.markup.check_labels`.
"""

from __future__ import annotations

from helpers.markup import check_labels, with_common_labels
from helpers.words import check_language

MODEL_NAMES = {
    "en": {
        "local_linear_trend": "Local linear trend (drifting pace)",
        "stock_flow": "Stock-flow (placements minus exits)",
        "mixture": "Mixture of the credible models",
        "linear_2017": "Linear trend since 2017",
        "random_walk": "Random walk with drift",
        "damped_ets": "Damped-trend ETS",
        "segmented": "Segmented trend (break 2017)",
    },
    "nl": {
        "local_linear_trend": "Lokale lineaire trend (verschuivend tempo)",
        "stock_flow": "Voorraad-stroom (instroom min uitstroom)",
        "mixture": "Mengsel van de geloofwaardige modellen",
        "linear_2017": "Lineaire trend vanaf 2017",
        "random_walk": "Toevalswandeling met vaste groei",
        "damped_ets": "Gedempte trend (exponentiële afvlakking)",
        "segmented": "Gesegmenteerde trend (knik 2017)",
    },
}

# The estimated parameters the models report (FittedModel.params), as the table shows them.
PARAMETER_NAMES = {
    "en": {
        "level_last": "level at the last figure",
        "pace_last": "yearly pace at the last figure",
        "level_2017": "level at 2017",
        "level_sd_mean": "standard deviation of the level (posterior mean)",
        "pace_drift_sd_mean": "drift of the yearly pace (posterior mean)",
        "pace_drift_sd_median": "drift of the yearly pace (posterior median)",
        "pace_drift_prior_scale": "prior scale of the pace drift",
        "level_prior_scale": "prior scale of the level",
        "placements_last": "placements per year at the last figure",
        "exit_rate_mean": "exit rate per year (posterior mean)",
        "exit_rate_low": "exit rate per year, lowest in the prior",
        "exit_rate_high": "exit rate per year, highest in the prior",
        "year_ends_missing": "year ends without a figure",
        "at_bounds": "parameters at a bound",
        "slope": "slope (people per year)",
        "slope_before": "slope before the break",
        "slope_change": "change of slope at the break",
        "drift": "drift (people per year)",
        "sigma": "standard deviation of a step",
        "alpha": "smoothing of the level (alpha)",
        "beta": "smoothing of the pace (beta)",
        "phi": "damping (phi)",
    },
    "nl": {
        "level_last": "niveau bij het laatste cijfer",
        "pace_last": "tempo per jaar bij het laatste cijfer",
        "level_2017": "niveau in 2017",
        "level_sd_mean": "standaardafwijking van het niveau (gemiddelde achteraf)",
        "pace_drift_sd_mean": "verschuiving van het jaartempo (gemiddelde achteraf)",
        "pace_drift_sd_median": "verschuiving van het jaartempo (mediaan achteraf)",
        "pace_drift_prior_scale": "vooraf gekozen schaal van de tempoverschuiving",
        "level_prior_scale": "vooraf gekozen schaal van het niveau",
        "placements_last": "plaatsingen per jaar bij het laatste cijfer",
        "exit_rate_mean": "uitstroom per jaar (gemiddelde achteraf)",
        "exit_rate_low": "uitstroom per jaar, laagste vooraf",
        "exit_rate_high": "uitstroom per jaar, hoogste vooraf",
        "year_ends_missing": "jaareinden zonder cijfer",
        "at_bounds": "parameters op een grens",
        "slope": "helling (mensen per jaar)",
        "slope_before": "helling vóór de knik",
        "slope_change": "verandering van de helling bij de knik",
        "drift": "vaste groei (mensen per jaar)",
        "sigma": "standaardafwijking van een stap",
        "alpha": "afvlakking van het niveau (alfa)",
        "beta": "afvlakking van het tempo (bèta)",
        "phi": "demping (phi)",
    },
}

LABELS = {
    "en": {
        # the answer
        "goal_reached": "On the headline model, {goal} people working are reached around "
        "{median} ({pct}% range {range})",
        "goal_not_reached": "On the headline model, {goal} is not reached by {horizon} in most "
        "paths",
        "goal_chance": "; the chance that {goal} is reached by {deadline} (the deadline) is "
        "{chance}.",
        "goal_no_deadline": "; no year is set for this goal.",
        "range": "{low}–{high}",
        "range_open": "{low} to after {horizon}",
        "after": "after {horizon}",
        "latest": "The latest published figure: {value} people working in beschut werk on {date} "
        "(source {source}). The observed pace is {pace} a year (from {start} to {end}). The "
        "headline is the {model}; its {pct}% ranges:",
        "goal_item": "- **{goal}**: median {median}, {pct}% range {range}",
        "goal_item_not_reached": "- **{goal}**: not reached by {horizon} in most paths",
        "chances": "; chance {list} (deadline {deadline})",
        "chance_by": "by {year} {chance}",
        "no_deadline": "; no year is set for it",
        "spread": ". Medians of the forecast models: {range}",
        "pace_needed": ". Reaching it by {year} takes {pace} more people a year",
        "nowcast": "Estimated number working on {date}: {median} ({pct}% interval {low}–{high}).",
        "no_nowcast": "No estimate for the chosen year: the published figures already reach "
        "its end.",
        "left_out_note": "*This scenario uses figures up to {end} only and leaves out {n} newer "
        "figure(s): {list}.*",
        "figure_item": "{value} on {date} ({source})",
        # the fit window
        "fit_window": "The models use the figures dated {start}–{end}; the register's latest "
        "figure of people working is from {last}.",
        "fit_pinned": " **This scenario ends the fit in {end} and leaves out {list}**: its answer "
        "is what could be known then.",
        "band_inside": ", inside the {pct} band of the {model} for a published figure on that "
        "date ({low}–{high})",
        "band_outside": ", outside the {pct} band of the {model} for a published figure on that "
        "date ({low}–{high})",
        # the backtest
        "backtest_text": "The {pct} intervals of the {model} held {coverage} of {cases} past "
        "cases ({bands}). With this few cases a share between about {low} and 100% agrees "
        "with the nominal {pct}: the backtest can catch intervals that are far too narrow (as "
        "the segmented trend's are), not fine-tune them.",
        "backtest_band": "{band} years ahead: {cases} cases, {coverage} inside",
        "not_backtested": "The {model} could not be backtested here.",
        # what it would take
        "needed_pace": "- {goal} by {year} would take {needed} more people a year "
        "from the latest figure: {times} times the observed pace of {pace}.",
        "growth": "- Growth per year fell from {first} ({first_span}) to {last} ({last_span}), "
        "{verdict}.",
        "growth_refuted": "so growth at a constant rate (exponential growth) is refuted by the "
        "figures and is not used",
        "growth_possible": "which does not rule out growth at a constant rate; it is still not "
        "used as a forecast",
        "s_curves": "- S-curves with their ceiling fixed at a goal (the table of conditional "
        "paths) show the shape a levelling-off towards that goal would have; they assume the "
        "goal is the ceiling, so they say nothing about whether it is reached.",
        # the pipeline cross-check
        "pipeline_none": "*No date has both a figure of people working and one of positive "
        "advices.*",
        "pipeline_too_few": "Too few shared dates to compare the growth of the two counts.",
        "pipeline_growth": "From {start} to {end} the number of people working grew by {work} a "
        "year ({work_rate}) and the positive advices by {advice} a year ({advice_rate}); at "
        "every shared date {low}–{high} of the positive advices were a job. ",
        "pipeline_measures": "(The {first_year} figure counts advices issued ({first_source}), "
        "the {last_year} figure people holding an advice ({last_source}): indicative only.) ",
        "pipeline_limits": "Jobs grew about as fast as the advices ({ratio} of the added "
        "advices): the pipeline, not the jobs, sets the pace. The observed pace of people working "
        "can last only while positive advices keep growing by about {advice} a year; {goal} "
        "people working at the share of {date} would take about {needed} positive advices.",
        "pipeline_free": "Jobs grew by {ratio} of the added advices: the number of people with an "
        "advice but no job grew (about {waiting} on {date}), so the pipeline does not limit the "
        "pace yet; turning advices into jobs does.",
        # model risk
        "credible_yes": "yes",
        "credible_no": "no: {why}",
        "why_few": "{n} figures, needs {needed}",
        "why_bounds": "{n} parameter(s) at a bound",
        "why_unscored": "no backtest case",
        "exit_bound": "*The inflow cross-check*: by {date}, {issued} positive advices had been "
        "issued ({issued_source}); {working} people worked ({working_source}) and about "
        "{waiting} waited (interpolated between {waiting_first} and {waiting_last}), so about "
        "{left} advices had left the pipeline. Over {years} years with on average {mean} people "
        "working, that is at most {bound} a year leaving work (an upper bound: some who left "
        "never worked, and an advice is not a person). The exit-rate prior of the stock-flow "
        "model, 0.5–8% a year ([F7](../ASSUMPTIONS.md#f7)), lies below it; the figures cannot "
        "narrow it further.",
        # table headers
        "col_date": "Date",
        "col_people": "People working",
        "col_qualifier": "Qualifier",
        "col_as_published": "As published",
        "col_publisher": "Publisher",
        "col_source": "Source",
        "col_sources": "Sources",
        "col_model": "Model",
        "col_goal": "Goal",
        "col_median": "Median",
        "col_range": "Range",
        "col_by": "By {year}",
        "col_not_by": "Not by {horizon}",
        "col_goal_median": "{goal}: median",
        "col_goal_range": "{goal}: range",
        "col_goal_by": "{goal} by {year}",
        "col_prior_scale": "Prior scale of the pace drift (per year)",
        "col_posterior_drift": "Posterior mean drift",
        "col_nowcast": "Estimate for the end of {year}",
        "col_parameter": "Parameter",
        "col_estimate": "Estimate",
        "col_lead": "Years ahead",
        "col_cases": "Cases",
        "col_mae": "Mean absolute error",
        "col_coverage": "Share inside the interval",
        "col_interval_score": "Interval score",
        "col_credible": "Credible?",
        "col_weight": "Weight in the mixture",
        "col_chance": "Chance of {goal} by {deadline}",
        "col_working": "People working",
        "col_advices": "Positive advices",
        "col_advice_measure": "Advices counted",
        "col_per_advice": "Working per advice",
        "lead_all": "all",
        "measure_positive_advice_stock": "people holding an advice",
        "measure_positive_advice_issued": "advices issued",
    },
    "nl": {
        # het antwoord
        "goal_reached": "Volgens het hoofdmodel wordt {goal} rond {median} bereikt "
        "({pct}%-bereik {range})",
        "goal_not_reached": "Volgens het hoofdmodel wordt {goal} in de meeste paden niet "
        "uiterlijk in {horizon} bereikt",
        "goal_chance": "; de kans dat {goal} uiterlijk in {deadline} (de termijn) wordt gehaald, "
        "is {chance}.",
        "goal_no_deadline": "; voor dit doel is geen jaartal vastgelegd.",
        "range": "{low}–{high}",
        "range_open": "{low} tot na {horizon}",
        "after": "na {horizon}",
        "latest": "Het laatst gepubliceerde cijfer: op {date} werkten {value} mensen in beschut "
        "werk (bron {source}). Het waargenomen tempo is {pace} mensen erbij per jaar (van {start} "
        "tot {end}). Het hoofdmodel is het {model}; de {pct}%-bereiken:",
        "goal_item": "- **{goal}**: mediaan {median}, {pct}%-bereik {range}",
        "goal_item_not_reached": "- **{goal}**: in de meeste paden niet uiterlijk in {horizon} "
        "bereikt",
        "chances": "; kans {list} (termijn {deadline})",
        "chance_by": "uiterlijk in {year} {chance}",
        "no_deadline": "; hiervoor is geen jaartal vastgelegd",
        "spread": ". Medianen van de prognosemodellen: {range}",
        "pace_needed": ". Om het uiterlijk in {year} te halen zijn er {pace} mensen per jaar "
        "bij nodig",
        "nowcast": "Geschat aantal mensen aan het werk op {date}: {median} ({pct}%-interval "
        "{low}–{high}).",
        "no_nowcast": "Geen schatting voor het gekozen jaar: de gepubliceerde cijfers reiken al "
        "tot het eind ervan.",
        "left_out_note": "*Dit scenario gebruikt alleen cijfers tot en met {end} en laat {n} "
        "nieuwere cijfer(s) weg: {list}.*",
        "figure_item": "{value} op {date} ({source})",
        # de periode van de modellen
        "fit_window": "De modellen gebruiken de cijfers uit {start}–{end}; het laatste cijfer "
        "over mensen aan het werk in het bronnenregister is van {last}.",
        "fit_pinned": " **Dit scenario laat de modellen in {end} eindigen en laat {list} weg**: "
        "het antwoord is wat toen bekend kon zijn.",
        "band_inside": ", binnen de {pct}-band van het model {model} voor een gepubliceerd cijfer "
        "op die datum ({low}–{high})",
        "band_outside": ", buiten de {pct}-band van het model {model} voor een gepubliceerd "
        "cijfer op die datum ({low}–{high})",
        # de terugtoets
        "backtest_text": "De {pct}-intervallen van het model {model} bevatten {coverage} van de "
        "{cases} gevallen uit het verleden ({bands}). Bij zo weinig gevallen past een aandeel "
        "tussen ongeveer {low} en 100% bij de beoogde {pct}: de terugtoets kan intervallen vinden "
        "die veel te smal zijn (zoals die van de gesegmenteerde trend), maar kan ze niet "
        "fijnslijpen.",
        "backtest_band": "{band} jaar vooruit: {cases} gevallen, {coverage} binnen het interval",
        "not_backtested": "Het model {model} kon hier niet worden teruggetoetst.",
        # wat ervoor nodig is
        "needed_pace": "- {goal} uiterlijk in {year} vraagt vanaf het laatste cijfer {needed} "
        "mensen per jaar erbij: {times} keer het waargenomen tempo van {pace}.",
        "growth": "- De groei per jaar daalde van {first} ({first_span}) naar {last} "
        "({last_span}), {verdict}.",
        "growth_refuted": "dus groei met een vast percentage (exponentiële groei) wordt door de "
        "cijfers weerlegd en niet gebruikt",
        "growth_possible": "wat groei met een vast percentage niet uitsluit; ook die wordt niet "
        "als prognose gebruikt",
        "s_curves": "- S-curves waarvan het plafond op een doel is vastgezet (de tabel met "
        "voorwaardelijke paden) laten zien hoe een afvlakking naar dat doel eruit zou zien; ze "
        "nemen aan dat het doel het plafond is en zeggen dus niets over de vraag of het wordt "
        "gehaald.",
        # de instroom als controle
        "pipeline_none": "*Geen enkele datum heeft zowel een cijfer over mensen aan het werk als "
        "een over positieve adviezen.*",
        "pipeline_too_few": "Te weinig gedeelde datums om de groei van beide tellingen te "
        "vergelijken.",
        "pipeline_growth": "Van {start} tot {end} groeide het aantal mensen aan het werk met "
        "{work} per jaar ({work_rate}) en het aantal positieve adviezen met {advice} per jaar "
        "({advice_rate}); op elke gedeelde datum had {low}–{high} van de positieve adviezen tot "
        "een baan geleid. ",
        "pipeline_measures": "(Het cijfer van {first_year} telt afgegeven adviezen "
        "({first_source}), dat van {last_year} mensen met een advies ({last_source}): alleen een "
        "indicatie.) ",
        "pipeline_limits": "Het aantal banen groeide ongeveer even snel als het aantal adviezen "
        "({ratio} van de adviezen erbij): de instroom, niet het aantal banen, bepaalt het tempo. "
        "Het waargenomen tempo kan alleen aanhouden zolang er elk jaar ongeveer {advice} "
        "positieve adviezen bij komen; {goal} mensen aan het werk vraagt bij het aandeel van "
        "{date} ongeveer {needed} positieve adviezen.",
        "pipeline_free": "Het aantal banen groeide met {ratio} van de adviezen erbij: het aantal "
        "mensen met een advies maar zonder baan groeide (ongeveer {waiting} op {date}), dus de "
        "instroom remt het tempo nog niet; het omzetten van adviezen in banen wel.",
        # modelrisico
        "credible_yes": "ja",
        "credible_no": "nee: {why}",
        "why_few": "{n} cijfers, er zijn er {needed} nodig",
        "why_bounds": "{n} parameter(s) op een grens",
        "why_unscored": "geen geval in de terugtoets",
        "exit_bound": "*De instroom als controle*: tot {date} waren {issued} positieve adviezen "
        "afgegeven ({issued_source}); {working} mensen werkten ({working_source}) en ongeveer "
        "{waiting} wachtten (geïnterpoleerd tussen {waiting_first} en {waiting_last}), dus "
        "ongeveer {left} adviezen waren uit de wachtrij verdwenen. Over {years} jaar met "
        "gemiddeld {mean} mensen aan het werk is dat hooguit {bound} per jaar dat uitstroomt (een "
        "bovengrens: een deel van wie verdween heeft nooit gewerkt, en een advies is geen "
        "persoon). De vooraf gekozen uitstroom van het voorraad-stroommodel, 0,5–8% per jaar "
        "([F7](../ASSUMPTIONS.md#f7)), ligt daaronder; nauwkeuriger maken de cijfers het niet.",
        # tabelkoppen
        "col_date": "Datum",
        "col_people": "Mensen aan het werk",
        "col_qualifier": "Kwalificatie",
        "col_as_published": "Zoals gepubliceerd",
        "col_publisher": "Uitgever",
        "col_source": "Bron",
        "col_sources": "Bronnen",
        "col_model": "Model",
        "col_goal": "Doel",
        "col_median": "Mediaan",
        "col_range": "Bereik",
        "col_by": "Uiterlijk in {year}",
        "col_not_by": "Niet uiterlijk in {horizon}",
        "col_goal_median": "{goal}: mediaan",
        "col_goal_range": "{goal}: bereik",
        "col_goal_by": "{goal} uiterlijk in {year}",
        "col_prior_scale": "Vooraf gekozen schaal van de tempoverschuiving (per jaar)",
        "col_posterior_drift": "Gemiddelde verschuiving achteraf",
        "col_nowcast": "Schatting voor eind {year}",
        "col_parameter": "Parameter",
        "col_estimate": "Schatting",
        "col_lead": "Jaar vooruit",
        "col_cases": "Gevallen",
        "col_mae": "Gemiddelde absolute fout",
        "col_coverage": "Aandeel binnen het interval",
        "col_interval_score": "Intervalscore",
        "col_credible": "Geloofwaardig?",
        "col_weight": "Gewicht in het mengsel",
        "col_chance": "Kans op {goal} uiterlijk in {deadline}",
        "col_working": "Mensen aan het werk",
        "col_advices": "Positieve adviezen",
        "col_advice_measure": "Geteld als",
        "col_per_advice": "Aan het werk per advies",
        "lead_all": "alle",
        "measure_positive_advice_stock": "mensen met een advies",
        "measure_positive_advice_issued": "afgegeven adviezen",
    },
}


def text(key: str, language: str, **fields: object) -> str:
    """The label ``key`` in ``language`` with its fields filled in."""
    return LABELS[check_language(language)][key].format(**fields)


def model_name(model: str, language: str) -> str:
    """The readable name of a forecast model (its code name if it has none)."""
    return MODEL_NAMES[check_language(language)].get(model, model)


def parameter_name(parameter: str, language: str) -> str:
    """The readable name of a model's estimated parameter (its code name if it has none)."""
    return PARAMETER_NAMES[check_language(language)].get(parameter, parameter)


# The words of the 02 figures (helpers.trajectory.figures), with the shared table words.
FIGURE_LABELS = with_common_labels(
    {
        "en": {
            "flagship_title": "{goal} is reached around {median} by the mixture of the credible "
            "models ({pct}% range {low}–{high}), {deadline_word}; {second}",
            "flagship_second": "{goal} around {median}",
            "flagship_second_never": "{goal} not by {horizon} in half of the paths",
            "before_deadline": "before the deadline of {year}",
            "after_deadline": "after the deadline of {year}",
            "no_deadline": "a goal without a year",
            "never_title": "{goal} is not reached by {horizon} in half of the mixture's paths",
            "model_title": "{model}: {goal} around {median} ({pct}% range {low}–{high}), "
            "{deadline_word}; {second}",
            "model_never_title": "{model}: {goal} not reached by {horizon} in half of the paths",
            "model_label": "the chosen\nmodel: median\nand {pct}% interval",
            "beyond": "after {year}",
            "people_places": "people working / places",
            "mixture_label": "mixture of the\ncredible models:\nmedian and\n{pct}% interval",
            "models_label": "median of each\ncredible model",
            "taakstelling_label": "taakstelling:\n{goal} by {year}",
            "pace_label": "needed for {goal}\nby {year}: {pace} a year\n"
            "(a condition,\nnot a forecast)",
            "latest": "{value} at\n{date}",
            "left_out": "published later,\nnot in this fit",
            "goal_target_structural": "{goal}: Participatiewet, due {year}",
            "goal_ambition_total": "{goal}: coalition agreement 2017, no year set",
            "goal_other": "goal {goal}",
            "year_end": "end {year}",
            "goal_panel": "{goal}",
            "goal_years_title": "The credible models put {goal} between {low} and {high} "
            "(medians); their mixture around {median} ({pct}% range {range_low}–{range_high})",
            "goal_years_title_never": "Half of the mixture's paths do not reach {goal} by "
            "{horizon}",
            "goal_years_axis": "year the goal is reached\n(dot: median; bar: {pct}% range)",
            "p_never": "{p} not by {horizon}",
            "not_credible": "{model} (not credible)",
            "backtest_title": "Looking back, the {pct}% intervals of {held} of {n} models hold "
            "over all lead times; {best} scores best",
            "coverage": "share of the cases\ninside the {pct}% interval",
            "interval_score": "mean interval score\n(people; lower is better)",
            "nominal": "{pct}% (nominal)",
            "band_cases": "{band} yr ahead, n={n}",
        },
        "nl": {
            "flagship_title": "Het mengsel van de geloofwaardige modellen bereikt {goal} rond "
            "{median} ({pct}%-bereik {low}–{high}), {deadline_word}; {second}",
            "flagship_second": "{goal} rond {median}",
            "flagship_second_never": "{goal} in de helft van de paden niet vóór {horizon}",
            "before_deadline": "vóór de uiterste datum {year}",
            "after_deadline": "na de uiterste datum {year}",
            "no_deadline": "een doel zonder jaartal",
            "never_title": "{goal} wordt in de helft van de paden van het mengsel niet bereikt "
            "vóór {horizon}",
            "model_title": "{model}: {goal} rond {median} ({pct}%-bereik {low}–{high}), "
            "{deadline_word}; {second}",
            "model_never_title": "{model}: {goal} in de helft van de paden niet bereikt vóór "
            "{horizon}",
            "model_label": "het gekozen\nmodel: mediaan\nen {pct}%-interval",
            "beyond": "na {year}",
            "people_places": "mensen aan het werk / plekken",
            "mixture_label": "mengsel van de\ngeloofwaardige\nmodellen: "
            "mediaan\nen {pct}%-interval",
            "models_label": "mediaan van elk\ngeloofwaardig model",
            "taakstelling_label": "taakstelling:\n{goal} in {year}",
            "pace_label": "nodig voor {goal}\nin {year}: {pace} per jaar\n"
            "(een voorwaarde,\ngeen prognose)",
            "latest": "{value} op\n{date}",
            "left_out": "later gepubliceerd,\nniet in deze schatting",
            "goal_target_structural": "{goal}: Participatiewet, uiterlijk {year}",
            "goal_ambition_total": "{goal}: regeerakkoord 2017, zonder jaartal",
            "goal_other": "doel {goal}",
            "year_end": "eind {year}",
            "goal_panel": "{goal}",
            "goal_years_title": "De geloofwaardige modellen bereiken {goal} tussen {low} en "
            "{high} (medianen); hun mengsel rond {median} ({pct}%-bereik "
            "{range_low}–{range_high})",
            "goal_years_title_never": "De helft van de paden van het mengsel bereikt {goal} niet "
            "vóór {horizon}",
            "goal_years_axis": "jaar waarin het doel wordt bereikt\n(punt: mediaan; balk: "
            "{pct}%-bereik)",
            "p_never": "{p} niet vóór {horizon}",
            "not_credible": "{model} (niet geloofwaardig)",
            "backtest_title": "Terugtoets: de {pct}%-intervallen van {held} van de {n} modellen "
            "kloppen over alle termijnen; {best} scoort het best",
            "coverage": "aandeel van de gevallen\nbinnen het {pct}%-interval",
            "interval_score": "gemiddelde intervalscore\n(mensen; lager is beter)",
            "nominal": "{pct}% (nominaal)",
            "band_cases": "{band} jaar vooruit, n={n}",
        },
    }
)

for _table in (MODEL_NAMES, PARAMETER_NAMES, LABELS, FIGURE_LABELS):
    check_labels(_table)
