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

# %% [markdown] tags=["lang:nl"]
# # Geld: betaalt een plek in beschut werk zichzelf terug?
#
# De kosten per plek tegenover de financiering die een gemeente ervoor krijgt, per bron apart, en
# het saldo maal het aantal plekken. Elk bedrag wordt uit `data/processed` gelezen via de rij in het
# bronnenregister die het publiceert: een verbeterd cijfer in het register verandert dit notebook
# zonder verdere aanpassing. Eerst het antwoord, daarna de onderbouwing.
#
# Steunt op: [P2 personen en plekken](../ASSUMPTIONS.md#p2),
# [P3 kwalificaties in berekeningen](../ASSUMPTIONS.md#p3),
# [P5 saldo per bron](../ASSUMPTIONS.md#p5),
# [P6 bedragen niet gecorrigeerd voor prijzen of jaren](../ASSUMPTIONS.md#p6),
# [P7 het gerealiseerde aantal van een jaar](../ASSUMPTIONS.md#p7).

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
from helpers.scenario_schema import refuse_unknown_parameters

refuse_unknown_parameters("05_finance", globals())
out = finance.validate_parameters(processed_dir, output_dir, language)["out"]
analysis = finance.analyse(load_series(processed_dir), load_observations(processed_dir))
finance.write_tables(analysis, out)
update_results(out, finance.SECTION, finance.key_numbers(analysis))
use_house_style()

# %% [markdown] tags=["lang:en"]
# ## The answer

# %% [markdown] tags=["lang:nl"]
# ## Het antwoord

# %% tags=["remove-input"]
Markdown(finance.answer(analysis, language))

# %% [markdown] tags=["lang:en"]
# ## The amounts
#
# Every amount as its source printed it, the number read from it, and its register row. An
# amount printed as "ongeveer" or "circa" is approximate and so is every sum it enters
# ([P3](../ASSUMPTIONS.md#p3)). The year the bonus lapsed comes from the note of its register
# row, the first year of the structural addition from that row's period.

# %% [markdown] tags=["lang:nl"]
# ## De bedragen
#
# Elk bedrag zoals de bron het drukte, het getal dat eruit is gelezen, en de rij in het
# bronnenregister. Een bedrag gedrukt als "ongeveer" of "circa" is een schatting, en dat geldt dan
# ook voor elke som waarin het voorkomt ([P3](../ASSUMPTIONS.md#p3)). Het jaar waarin de bonus
# verviel komt uit de toelichting bij die rij, het eerste jaar van de structurele extra bijdrage uit
# de periode van die rij.

# %%
finance.amounts_table(analysis, language)

# %% [markdown] tags=["lang:en"]
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

# %% [markdown] tags=["lang:nl"]
# ## Het saldo per plek, bron voor bron
#
# Voor elke manier om de bedragen op te tellen toont de figuur het saldo per plek per jaar: de
# financiering min de kosten (negatief: de gemeente betaalt meer dan ze ontvangt), één punt per
# berekening aan weerszijden van de nullijn. Een doorgetrokken lijn is de eigen som van één bron:
# de cijfers van gemeente Emmen over 2017 zoals Trouw ze bracht, en die van Significant APE over
# 2023 via Trouw. Een gestreepte lijn (en een * achter de naam) combineert bronnen of jaren
# ([P5](../ASSUMPTIONS.md#p5), [P6](../ASSUMPTIONS.md#p6)): de sommen van Emmen zonder de vervallen
# bonus, of met de structurele extra bijdrage; de sommen van 2023 met die bijdrage; het budget van
# KRO-NCRV Pointer over 2023, dat zonder kosten komt, tegenover de nettokosten van Significant. De
# bronnen tellen verschillende dingen (brutokosten met de waarde van het werk als inkomsten,
# tegenover nettokosten); hun saldo's staan daarom naast elkaar en worden niet vergeleken.

# %%
publish_figure(finance.figure_balance(analysis, language), out, "finance_balance")

# %% [markdown] tags=["lang:en"]
# The cost and funding behind each balance, with the register rows of every amount in them.

# %% [markdown] tags=["lang:nl"]
# De kosten en de financiering achter elk saldo, met de rijen in het bronnenregister van elk bedrag.

# %%
finance.per_place_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# ## The balance for all places
#
# At the structural goal and at the coalition agreement's ambition, each sum's balance per place
# times the number of places (nobody has that many places yet, so these are what-if totals):

# %% [markdown] tags=["lang:nl"]
# ## Het saldo voor alle plekken
#
# Bij het structurele doel en bij de ambitie van het regeerakkoord: het saldo per plek van elke
# berekening maal het aantal plekken (zoveel plekken zijn er nog nergens, dus dit zijn wat-als-
# totalen):

# %%
Markdown(finance.goal_totals(analysis, language))

# %% [markdown] tags=["lang:en"]
# Each realised year: the last count of people working that year ([P7](../ASSUMPTIONS.md#p7)),
# one person per place ([P2](../ASSUMPTIONS.md#p2)), times the Emmen balance of that year's
# policy period (with the bonus until it lapsed, without it after, with the addition from its
# first year).

# %% [markdown] tags=["lang:nl"]
# Elk gerealiseerd jaar: de laatste telling van de mensen aan het werk in dat jaar
# ([P7](../ASSUMPTIONS.md#p7)), één persoon per plek ([P2](../ASSUMPTIONS.md#p2)), maal het saldo
# van
# Emmen voor de beleidsperiode van dat jaar (met de bonus tot die verviel, daarna zonder, met de
# extra bijdrage vanaf het eerste jaar ervan).

# %%
finance.policy_table(analysis, language)

# %% [markdown] tags=["lang:en"]
# The key numbers are in `results.json`, section `finance`: `headline` (the most recent
# published balance per place per year, the one the answer quotes), `range` (lowest and highest
# across the sources' own sums), every balance per place, every total and the policy-period
# totals, each with its register rows.

# %% [markdown] tags=["lang:nl"]
# De kerngetallen staan in `results.json`, onderdeel `finance`: `headline` (het meest recente
# gepubliceerde saldo per plek per jaar, dat het antwoord noemt), `range` (laagste en hoogste over
# de eigen sommen van de bronnen), elk saldo per plek, elk totaal en de totalen per beleidsperiode,
# elk met de rijen in het bronnenregister.
