# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python (beschut werk)
#     language: python
#     name: beschut-werk
# ---

# %% [markdown] tags=["lang:en"]
# # The waiting list: people with a positive advice and no beschut werk job
#
# UWV gives a positive advice for beschut werk; the gemeente then has to offer a place. This
# notebook sets the people holding a positive advice against the people working in beschut
# werk, date by date: the difference is the waiting list (*wachtenden*). The answer first; the
# evidence follows.
#
# Relies on: [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P4 matching dates](../ASSUMPTIONS.md#p4).
# Every number comes from `data/processed/series.csv` and names its register row.

# %% [markdown] tags=["lang:nl"]
# # De wachtlijst: mensen met een positief advies en geen baan in beschut werk
#
# UWV geeft een positief advies voor beschut werk; de gemeente moet dan een plek aanbieden. Dit
# notebook zet de mensen met een positief advies naast de mensen die in beschut werk werken, datum
# voor datum: het verschil is de wachtlijst (*wachtenden*). Eerst het antwoord, daarna de
# onderbouwing.
#
# Steunt op: [P2 personen en plekken](../ASSUMPTIONS.md#p2),
# [P3 kwalificaties in berekeningen](../ASSUMPTIONS.md#p3),
# [P4 datums koppelen](../ASSUMPTIONS.md#p4).
# Elk getal komt uit `data/processed/series.csv` en noemt zijn rij in het bronnenregister.

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # labels of figures and tables: "en" or "nl"
matching_rule = "interpolate"  # working at an advice date: "same_date" or "interpolate" (P4)
max_interpolation_days = 366  # interpolate only between figures at most this many days apart (P4)

# %% tags=["remove-input"]
from IPython.display import Markdown

from helpers import waiting
from helpers.outputs import update_results
from helpers.plotting import use_house_style
from helpers.presentation import publish_figure
from helpers.processed import load_series
from helpers.scenario_schema import refuse_unknown_parameters

refuse_unknown_parameters("04_waiting_list", globals())
checked = waiting.validate_parameters(
    processed_dir, output_dir, language, matching_rule, max_interpolation_days
)
out = checked["out"]
analysis = waiting.analyse(load_series(processed_dir), matching_rule, max_interpolation_days)
waiting.write_tables(analysis, out)
update_results(out, waiting.SECTION, waiting.key_numbers(analysis))
use_house_style()

# %% [markdown] tags=["lang:en"]
# ## The answer

# %% [markdown] tags=["lang:nl"]
# ## Het antwoord

# %% tags=["remove-input"]
Markdown(waiting.answer(analysis, language))

# %% [markdown] tags=["lang:en"]
# ## People with a positive advice against people working
#
# The figure draws the waiting list as its own series: at each date with a count of people
# holding a positive advice, those people minus the people working in beschut werk. A count of
# 31 December sits on the tick of the following year. Filled points are exact figures, hollow ones
# approximate, triangles bounds (a waiting list computed from "meer dan" people working is at
# most the number shown). Where no count of people working exists at an advice date and
# `matching_rule` is `"interpolate"`, a straight line between the counts before and after (at
# most `max_interpolation_days` apart) gives an approximate one ([P4](../ASSUMPTIONS.md#p4));
# nothing is extrapolated. UWV's count of positive advices *issued* since 2015 is a running total,
# another measure than the people holding an advice at a date, so it is never subtracted from
# anything; it is in the table below.

# %% [markdown] tags=["lang:nl"]
# ## De wachtlijst door de tijd
#
# De figuur toont de wachtlijst als eigen reeks: op elke datum met een telling van de mensen met
# een positief advies, die mensen min de mensen die in beschut werk werken. Een telling van
# 31 december staat bij het jaartal erna. Dichte punten zijn exacte cijfers, open punten
# schattingen,
# driehoeken grenzen (een wachtlijst berekend uit "meer dan" zoveel mensen aan het werk is
# hoogstens het getoonde aantal). Als er op een adviesdatum geen telling van de mensen aan het werk
# is en `matching_rule` op `"interpolate"` staat, geeft een rechte lijn tussen de tellingen ervoor
# en erna (hoogstens `max_interpolation_days` uit elkaar) een schatting
# ([P4](../ASSUMPTIONS.md#p4)); er wordt niets geëxtrapoleerd. Het aantal positieve adviezen dat UWV
# sinds 2015 *heeft afgegeven* is een lopend totaal, een andere maat dan het aantal mensen met een
# advies op een datum, en wordt dus nergens van afgetrokken; het staat in de tabel hieronder.

# %%
publish_figure(waiting.figure_waiting(analysis, language), out, "waiting_list")

# %% [markdown] tags=["lang:en"]
# The same dates as a table. A waiting list computed from a lower bound of the people working is
# an upper bound ([P3](../ASSUMPTIONS.md#p3)); where a source published the number waiting for the
# same date, it is in the last column and matches the computed one.

# %% [markdown] tags=["lang:nl"]
# Dezelfde datums als tabel. Een wachtlijst berekend uit een ondergrens van de mensen aan het
# werk is een bovengrens ([P3](../ASSUMPTIONS.md#p3)); waar een bron het aantal wachtenden op
# dezelfde datum publiceerde, staat dat in de laatste kolom en komt het overeen met het berekende.

# %%
waiting.waiting_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# ## Placement: the share of the people with an advice who work
#
# Working divided by the people holding a positive advice (blue), beside UWV's own three-month
# placement rate (light blue): of everyone advised up to a date, the share with a job three
# months later. The two are different measures and are shown side by side, not compared.

# %% [markdown] tags=["lang:nl"]
# ## Plaatsing: het deel van de mensen met een advies dat werkt
#
# Het aantal mensen aan het werk gedeeld door het aantal mensen met een positief advies (blauw),
# naast UWV's eigen plaatsingspercentage na drie maanden (lichtblauw): van iedereen met een advies
# tot een datum, het deel dat drie maanden later een baan heeft. Het zijn verschillende maten; ze
# staan naast elkaar en worden niet vergeleken.

# %%
publish_figure(waiting.figure_rate(analysis, language), out, "waiting_placement_rate")

# %% [markdown] tags=["lang:en"]
# UWV's published measures that are not a stock of people holding an advice, each in its own
# column with its register row. The key numbers are in `results.json`, section `waiting_list`
# (its `latest` entry is the waiting list the answer above quotes, with its register rows).

# %% [markdown] tags=["lang:nl"]
# De gepubliceerde maten van UWV die geen voorraad mensen met een advies zijn, elk in een
# eigen kolom met de rij in het bronnenregister. De kerngetallen staan in `results.json`, onderdeel
# `waiting_list` (het onderdeel `latest` is de wachtlijst die het antwoord hierboven noemt, met de
# rijen in het bronnenregister).

# %%
waiting.other_measures_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# ## Reading the numbers
#
# - The waiting list counts people, not places: someone with a positive advice may be in a
#   trial placement, in other work or not (yet) looking, and the sources do not say how many.
# - The advice stock and the people working come from different UWV counts that are published
#   at different dates; only a count at the same date, or a straight line between two counts
#   close in time, is subtracted ([P4](../ASSUMPTIONS.md#p4)).
# - The cumulative count of advices issued includes advices that have since expired or whose
#   holders found a place, so it is always larger than the stock and is never subtracted.

# %% [markdown] tags=["lang:nl"]
# ## De cijfers lezen
#
# - De wachtlijst telt mensen, geen plekken: iemand met een positief advies kan op proefplaatsing
#   zijn, ander werk hebben of (nog) niet zoeken, en de bronnen zeggen niet hoeveel.
# - De voorraad adviezen en de mensen aan het werk komen uit verschillende tellingen van UWV, die op
#   verschillende datums verschijnen; alleen een telling op dezelfde datum, of een rechte lijn
#   tussen twee tellingen die dicht bij elkaar liggen, wordt afgetrokken
#   ([P4](../ASSUMPTIONS.md#p4)).
# - Het lopende totaal van afgegeven adviezen omvat ook adviezen die inmiddels verlopen zijn of
#   waarvan de houder een plek vond; het is dus altijd groter dan de voorraad en wordt nooit
#   afgetrokken.
