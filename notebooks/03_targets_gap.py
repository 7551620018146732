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

# %% [markdown]
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

out = targets.validate_parameters(processed_dir, output_dir, language, target_interpolation)["out"]
analysis = targets.analyse(load_series(processed_dir), target_interpolation)
targets.write_tables(analysis, out)
update_results(out, "targets_gap", targets.key_numbers(analysis))
use_house_style()

# %% tags=["remove-input"]
Markdown(targets.answer(analysis, language))

# %% [markdown]
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

# %%
publish_figure(targets.figure_targets(analysis, language), out, "targets")

# %% [markdown]
# The same year ends as a table: taakstelling, whether it was published or assumed, the number
# working, the share of the taakstelling and the places short (the source of the count in the
# last column). The realised figures count persons except the 2015 one, which counts places; one
# person working is taken as one place ([P2](../ASSUMPTIONS.md#p2)).

# %%
targets.realisation_table(analysis, language)

# %% [markdown]
# ## The taakstelling path
#
# The taakstelling in force at each year end up to two years after the last comparison:
# published ones with their register rows, assumed ones with the rows they are interpolated
# between. The original path (before the 2017 reset) and the provisional 2018 figure that a later
# publication superseded are listed beside it but never used.

# %%
targets.path_table(analysis, language)

# %% [markdown]
# ## The pace: needed against realised
#
# From each realised year end: what it would have taken to meet the next year's taakstelling,
# what it takes every year to reach the structural goal in its year, and what was actually added
# until the next year-end count (an average where year ends are missing in between). Continuing
# the last realised pace in a straight line is not a forecast ([P8](../ASSUMPTIONS.md#p8)); the
# trajectory notebook models the path with its uncertainty. The key numbers are in
# `results.json`, section `targets_gap` (its `latest` entry is the comparison the answer above
# quotes, with its register rows).

# %%
targets.pace_table(analysis, language)
