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
# # 01 · Cleaning the source register
#
# Every published figure on beschut werk that the project could trace is a row of
# `data/raw/source_register.csv`, exactly as printed (`ruim 2.500`, `zesduizend`, `€ 2.157`).
# This notebook turns them into the tidy tables in `data/processed/` that every analysis reads:
#
# - **observations.csv**: every row, parsed into a number and a qualifier, dated, with the
#   decision taken on it and why;
# - **series.csv**: one figure per metric and reference date;
# - **conflicts.csv**: every disagreement between publications and how it was resolved.
#
# Assumptions used here: [A1 reconciliation rule](../ASSUMPTIONS.md#a1),
# [A2 dating a figure](../ASSUMPTIONS.md#a2), [A3 qualifiers](../ASSUMPTIONS.md#a3),
# [A4 one figure, several dates](../ASSUMPTIONS.md#a4), [A5 units](../ASSUMPTIONS.md#a5),
# [A6 policy constants](../ASSUMPTIONS.md#a6), [A7 derived statements](../ASSUMPTIONS.md#a7),
# and for the November 2026 update [D9](../ASSUMPTIONS.md#d9),
# [D10](../ASSUMPTIONS.md#d10), [D11](../ASSUMPTIONS.md#d11)
# and [D12](../ASSUMPTIONS.md#d12).
# The logic lives in `src/helpers/` (`values`, `periods`, `register`, `reconcile`, `clean`,
# `cleaning_report`); the code cells that only set things up are hidden in the HTML report.

# %% tags=["parameters"]
register_path = "data/raw/source_register.csv"  # the raw register (never written)
output_dir = "data/processed"  # where the processed tables are written
figures_dir = "reports/cleaning/figures"  # where the figures are saved (PNG and SVG)

# %% tags=["remove-input"]
import pandas as pd
from IPython.display import Markdown, display

from helpers import cleaning_report as report
from helpers.clean import clean_register, validate_clean_params, write_processed
from helpers.plotting import use_house_style
from helpers.presentation import publish_figure
from helpers.scenario_schema import refuse_unknown_parameters

refuse_unknown_parameters("01_clean", globals())
FIGURES = validate_clean_params(register_path, output_dir, figures_dir)["figures"]
use_house_style()
pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)
pd.set_option("display.float_format", "{:,.10g}".format)

# %% [markdown]
# ## Reading and validating the register
#
# The whole file is checked before anything is computed: an unknown metric, an unreadable value
# or period, a duplicate id or a missing publisher stops the run with the file, row id and
# column of every problem, and nothing is written. So does an *outlier*: a statement more than
# 1.5 times away from what the other statements for its metric and date say, or a stock that
# jumps tenfold against its neighbours in the series, unless the register's note marks it
# `[accepted outlier: <why>]` ([D12](../ASSUMPTIONS.md#d12)). The table counts
# the statements and publishers of each source kind, best-ranked kind first.

# %%
result = clean_register(register_path)
observations, series = result.observations, result.series
display(report.source_kinds(observations))

# %% [markdown]
# Statements that the register accepts as outliers on purpose, with the reason given there
# (an empty table: there are none):

# %%
display(report.accepted_outliers(observations))

# %% [markdown]
# ## Parsing what was printed
#
# Dutch numbers: the dot groups thousands, the comma is the decimal sign. Words such as *circa*,
# *ongeveer* and *zo'n* make a figure approximate; *ruim* and *meer dan* make it a lower bound;
# *bijna* an upper bound ([A3](../ASSUMPTIONS.md#a3)). The first table lists every printed form
# that is not a plain number, with what it was read as; the second counts the qualifiers.

# %%
display(report.printed_forms(observations), report.counts(observations, "qualifier"))

# %% [markdown]
# ## Dating each figure
#
# A figure is dated at the last day of its reference period, and the precision is kept: a stock
# "in 2022" is dated 2022-12-31 with precision *year* ([A2](../ASSUMPTIONS.md#a2)). A
# publication date given as a year or a month means "some day in it": UWV's 3,682 people working
# at 30 September 2019, in an article dated only "2019", is valid
# ([D11](../ASSUMPTIONS.md#d11)). The table counts the statements per
# precision of their reference period.

# %%
display(report.counts(observations, "period_precision"))

# %% [markdown]
# ## Reconciling: one statement per metric and date
#
# The rule, applied per metric ([A1](../ASSUMPTIONS.md#a1), [A4](../ASSUMPTIONS.md#a4)):
#
# 1. *Date attribution*: when different publications give the same figure for different dates,
#    the date of the best-ranked statement stands; the others are `rejected_date`.
# 2. Statements are grouped by reference date (a policy constant such as the structural goal is
#    one group whatever the date, [A6](../ASSUMPTIONS.md#a6)).
# 3. In each group the best-ranked statement is `selected`. Ranking, the first difference
#    decides: official > secondary > advocacy; a more precise period; more statements giving the
#    same figure; exact > approximate > bound; the lowest row id.
# 4. Statements giving the selected figure are `corroborating`; others are `superseded`.
#
# The first table counts the decisions; the second lists every statement that does not stand,
# and why.

# %%
display(report.counts(observations, "decision"), report.not_kept(observations))

# %% [markdown]
# ## Conflicts between publications
#
# Every disagreement is kept in `conflicts.csv`: *value* (different figures for one metric and
# date), *date* (one figure, several dates) and *qualifier* (same figure, different wording).
# `consistent` says whether the kept figure also satisfies the other statement read with its
# qualifier (4,004 is consistent with "ruim drieduizend"; 2,597 is not 2,600). Below the table,
# each conflict's resolution in words.

# %%
display(result.conflicts[["conflict_id", "kind", "metric", "values", "kept_id", "consistent"]])
display(Markdown(report.conflict_resolutions(result.conflicts)))

# %% [markdown]
# ## The series the analyses use: people in beschut werk
#
# Counts before 2017 are *places* reported by gemeenten to the Inspectie SZW; from end 2016 they
# are *persons* with a positive UWV advice in a beschut werk job ([A5](../ASSUMPTIONS.md#a5)).
# One row per date, with the statements that support it (`source_ids`) and the conflicts that
# touch it:

# %%
display(report.metric_rows(series, "working"))

# %% [markdown]
# The figure shows every dated statement on people in beschut werk. The line joins the figure
# kept for each date; faint markers are statements that do not stand at the date they give
# (superseded by a better-ranked figure, or a figure that belongs to another date). The marker
# says how the figure was printed: a filled circle exact, a hollow circle approximate, a hollow
# triangle a bound pointing to where the true value lies. The scale is logarithmic so that the
# early tens and the later thousands are both readable.

# %% tags=["remove-input"]
publish_figure(
    report.statements_figure(observations, series), FIGURES.parent, "cleaning_statements"
)

# %% [markdown]
# ## Other measures beside the series
#
# Three figures of the November 2026 update are *not* observations of `working`, and are kept
# under their own metrics:
#
# - **CBS provisions** (`srg_beschut_werk_provisions`): re-integration provisions of type beschut
#   werk running in a month, as gemeenten report them to CBS; UWV counts persons with a positive
#   advice who work in a beschut werk job on a day
#   ([D10](../ASSUMPTIONS.md#d10)). The two definitions differ, so the
#   figures are never merged:

# %%
display(Markdown(report.measures_sentence(series)))

# %% [markdown]
# - **Positive advices issued** (`positive_advice_issued`): 9,966 advices issued since 2015 by
#   the end of June 2021, cumulative, so more than the people holding a valid advice
#   (`positive_advice_stock`).
# - **Growth** (`working_growth`): "32% in a year" to end June 2021. It is a cross-check of the
#   series, not an observation ([D9](../ASSUMPTIONS.md#d9)): the level it implies a
#   year earlier is compared with the series around that date. The outcome:

# %%
display(Markdown(report.growth_checks(observations)))

# %% [markdown]
# The figure compares the two counts since 2019: UWV's people working (blue, the series the
# analyses use) and CBS's provisions (light blue, provisional monthly figures).

# %% tags=["remove-input"]
publish_figure(report.measures_figure(series), FIGURES.parent, "cleaning_measures")

# %% [markdown]
# ## Writing data/processed
#
# The four files are written into a staging directory and moved into place together, so an
# interrupted run leaves the previous complete set. The output below counts what was written.

# %% tags=["remove-input"]
write_processed(result, output_dir)
print(
    f"wrote {output_dir}: {len(observations)} observations, {len(series)} series rows, "
    f"{len(result.conflicts)} conflicts; figures in {figures_dir}"
)
