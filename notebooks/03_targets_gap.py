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
# # Targets and the gap: how far is beschut werk behind the national path?
#
# Every year end with a published count of the people working in beschut werk is set against
# the yearly target (*taakstelling*) in force, and the pace needed each year against the pace
# realised. The answer first; the evidence follows.
#
# Relies on: [P1 years without a published target](../ASSUMPTIONS.md#p1),
# [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P8 the realised pace continued](../ASSUMPTIONS.md#p8).
# Every number comes from `data/processed/series.csv` and names its register row.

# %% [markdown] tags=["lang:nl"]
# # Taakstelling en tekort: hoe ver loopt beschut werk achter op het landelijke pad?
#
# Elk jaareinde met een gepubliceerd aantal mensen in beschut werk wordt gezet naast de
# taakstelling van dat jaar, en het tempo dat elk jaar nodig is naast het gerealiseerde tempo. Eerst
# het antwoord, daarna de onderbouwing.
#
# Steunt op: [P1 jaren zonder gepubliceerde taakstelling](../ASSUMPTIONS.md#p1),
# [P2 personen en plekken](../ASSUMPTIONS.md#p2),
# [P3 kwalificaties in berekeningen](../ASSUMPTIONS.md#p3),
# [P8 het gerealiseerde tempo doorgetrokken](../ASSUMPTIONS.md#p8).
# Elk getal komt uit `data/processed/series.csv` en noemt zijn rij in het bronnenregister.

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # labels of figures and tables: "en" or "nl"
target_interpolation = "linear"  # years without a published target: "linear" or "previous" (P1)

# %% tags=["remove-input"]
from IPython.display import Markdown

from helpers import targets
from helpers.outputs import update_results
from helpers.plotting import use_house_style
from helpers.presentation import publish_figure
from helpers.processed import load_series
from helpers.scenario_schema import refuse_unknown_parameters

refuse_unknown_parameters("03_targets_gap", globals())
out = targets.validate_parameters(processed_dir, output_dir, language, target_interpolation)["out"]
analysis = targets.analyse(load_series(processed_dir), target_interpolation)
targets.write_tables(analysis, out)
update_results(out, targets.SECTION, targets.key_numbers(analysis))
use_house_style()

# %% tags=["remove-input"]
Markdown(targets.answer(analysis, language))

# %% [markdown] tags=["lang:en"]
# ## Realised against the taakstelling, year by year
#
# Left, for every year end with a count of 31 December: the taakstelling in force (amber square;
# hollow where no publication states it and it is assumed by the rule in the parameter
# `target_interpolation`, [P1](../ASSUMPTIONS.md#p1)) and the number working (blue; hollow when
# the count was published as approximate, a triangle when it was a bound, and then so is the
# share, [P3](../ASSUMPTIONS.md#p3)), with the places short and the share reached. Counts from
# within a year never meet a taakstelling, because taakstellingen are year-end numbers. Right,
# the places added per year between the last year-end counts against what it takes every year
# from the last count to reach the structural goal by 2030 and by its own year.

# %% [markdown] tags=["lang:nl"]
# ## Gerealiseerd tegenover de taakstelling, jaar na jaar
#
# Links, voor elk jaareinde met een telling van 31 december: de taakstelling van dat jaar (amber
# vierkant; open als geen publicatie haar noemt en ze is aangenomen volgens de regel in de parameter
# `target_interpolation`, [P1](../ASSUMPTIONS.md#p1)) en het aantal mensen aan het werk (blauw; open
# als het aantal als schatting is gepubliceerd, een driehoek als het een onder- of bovengrens is, en
# dan geldt dat ook voor het aandeel, [P3](../ASSUMPTIONS.md#p3)), met het aantal plekken te weinig
# en het gehaalde aandeel. Tellingen van binnen een jaar worden nooit met een taakstelling
# vergeleken, want taakstellingen gelden aan het eind van het jaar. Rechts: de plekken die er per
# jaar bij kwamen tussen de laatste jaareindcijfers, tegenover wat er vanaf de laatste telling elk
# jaar nodig is om het structurele doel in 2030 en in het eigen doeljaar te halen.

# %%
publish_figure(targets.figure_targets(analysis, language), out, "targets")

# %% [markdown] tags=["lang:en"]
# The same year ends as a table: taakstelling, whether it was published or assumed, the number
# working, the share of the taakstelling and the places short (the source of the count in the
# last column). The realised figures count persons except the 2015 one, which counts places; one
# person working is taken as one place ([P2](../ASSUMPTIONS.md#p2)).

# %% [markdown] tags=["lang:nl"]
# Dezelfde jaareinden als tabel: de taakstelling, of die gepubliceerd of aangenomen is, het
# aantal mensen aan het werk, het deel van de taakstelling en het aantal plekken te weinig (de bron
# van de telling in de laatste kolom). De gerealiseerde cijfers tellen personen, behalve dat van
# 2015, dat plekken telt; één persoon aan het werk geldt als één plek ([P2](../ASSUMPTIONS.md#p2)).

# %%
targets.realisation_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# ## The taakstelling path
#
# The taakstelling in force at each year end up to two years after the last comparison:
# published ones with their register rows, assumed ones with the rows they are interpolated
# between. The original path (before the 2017 reset) and the provisional 2018 figure that a later
# publication superseded are listed beside it but never used.

# %% [markdown] tags=["lang:nl"]
# ## Het pad van de taakstelling
#
# De taakstelling aan het eind van elk jaar, tot twee jaar na de laatste vergelijking:
# gepubliceerde met hun rijen in het bronnenregister, aangenomen taakstellingen met de rijen waar
# tussen geïnterpoleerd is. Het oorspronkelijke pad (van vóór de bijstelling van 2017) en het
# voorlopige cijfer voor 2018 dat een latere publicatie verving, staan ernaast maar worden nergens
# gebruikt.

# %%
targets.path_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# ## The pace: needed against realised
#
# From each realised year end: what it would have taken to meet the next year's taakstelling,
# what it takes every year to reach the structural goal in its year, and what was actually added
# until the next year-end count (an average where year ends are missing in between). Continuing
# the last realised pace in a straight line is not a forecast ([P8](../ASSUMPTIONS.md#p8)); the
# trajectory notebook models the path with its uncertainty. The key numbers are in
# `results.json`, section `targets_gap` (its `latest` entry is the comparison the answer above
# quotes, with its register rows).

# %% [markdown] tags=["lang:nl"]
# ## Het tempo: nodig tegenover gerealiseerd
#
# Vanaf elk gerealiseerd jaareinde: wat nodig was geweest om de taakstelling van het volgende jaar
# te
# halen, wat er elk jaar nodig is om het structurele doel in zijn jaar te halen, en wat er werkelijk
# bij kwam tot het volgende jaareindcijfer (een gemiddelde als er jaareinden ontbreken). Het laatste
# gerealiseerde tempo rechtdoor trekken is geen prognose ([P8](../ASSUMPTIONS.md#p8)); het notebook
# over het verloop modelleert het pad met zijn onzekerheid. De kerngetallen staan in
# `results.json`, onderdeel `targets_gap` (het onderdeel `latest` is de vergelijking die het
# antwoord hierboven noemt, met de rijen in het bronnenregister).

# %%
targets.pace_table(analysis, language)
