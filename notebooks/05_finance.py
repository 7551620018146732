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
# # Money: does a beschut werk place pay for itself?
#
# Cost per place against the funding a gemeente receives for it, from each source separately,
# and the balance multiplied by the number of places. Every amount is read from
# `data/processed` by the register row that publishes it: a corrected figure in the register
# changes this notebook with no other edit. The answer first; the evidence follows.
#
# Relies on: [P2 persons and places](../ASSUMPTIONS.md#p2),
# [P3 qualifiers through arithmetic](../ASSUMPTIONS.md#p3),
# [P5 balances per source](../ASSUMPTIONS.md#p5),
# [P6 amounts not adjusted for prices or years](../ASSUMPTIONS.md#p6),
# [P7 the realised number of a year](../ASSUMPTIONS.md#p7).

# %% tags=["parameters"]
processed_dir = "data/processed"  # tidy tables written by the cleaning step (read only)
output_dir = "reports/baseline"  # scenario output: tables/, figures/, results.json
language = "en"  # labels of figures and tables: "en" or "nl"

# %% tags=["remove-input"]
from IPython.display import Markdown

from helpers import finance
from helpers.outputs import update_results
from helpers.plotting import use_house_style
from helpers.presentation import publish_figure
from helpers.processed import load_observations, load_series

out = finance.validate_parameters(processed_dir, output_dir, language)["out"]
analysis = finance.analyse(load_series(processed_dir), load_observations(processed_dir))
finance.write_tables(analysis, out)
update_results(out, "finance", finance.key_numbers(analysis))
use_house_style()

# %% [markdown]
# ## The answer

# %% tags=["remove-input"]
Markdown(finance.answer(analysis, language))

# %% [markdown]
# ## The amounts
#
# Every amount as its source printed it, the number read from it, and its register row. An
# amount printed as "ongeveer" or "circa" is approximate and so is every sum it enters
# ([P3](../ASSUMPTIONS.md#p3)). The year the bonus lapsed comes from the note of its register
# row, the first year of the structural addition from that row's period.

# %%
finance.amounts_table(analysis, language)

# %% [markdown]
# ## The balance per place, source by source
#
# For each way of adding up the amounts, the figure shows the balance per place per year: the
# funding minus the cost (negative: the gemeente pays more than it receives), one dot per sum on
# either side of the zero line. A solid stem is one source's own sum: gemeente Emmen's figures
# for 2017 as Trouw reported them, and Significant APE's 2023 figures via Trouw. A dashed stem
# (and a * after the name) combines sources or years ([P5](../ASSUMPTIONS.md#p5),
# [P6](../ASSUMPTIONS.md#p6)): Emmen's sums without the bonus that lapsed, or with the
# structural addition; the 2023 sums with the addition; KRO-NCRV Pointer's 2023 budget, which
# comes without a cost, set against Significant's net cost. The sources count different things
# (gross cost with the value of the work as income, against net cost), so their balances stand
# side by side and are not compared.

# %%
publish_figure(finance.figure_balance(analysis, language), out, "finance_balance")

# %% [markdown]
# The cost and funding behind each balance, with the register rows of every amount in them.

# %%
finance.per_place_table(analysis, language)

# %% [markdown]
# ## The balance for all places
#
# At the structural goal and at the coalition agreement's ambition, each sum's balance per place
# times the number of places (nobody has that many places yet, so these are what-if totals):

# %%
Markdown(finance.goal_totals(analysis, language))

# %% [markdown]
# Each realised year: the last count of people working that year ([P7](../ASSUMPTIONS.md#p7)),
# one person per place ([P2](../ASSUMPTIONS.md#p2)), times the Emmen balance of that year's
# policy period (with the bonus until it lapsed, without it after, with the addition from its
# first year).

# %%
finance.policy_table(analysis, language)

# %% [markdown]
# The key numbers are in `results.json`, section `finance`: `headline` (the most recent
# published balance per place per year, the one the answer quotes), `range` (lowest and highest
# across the sources' own sums), every balance per place, every total and the policy-period
# totals, each with its register rows.
