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
# [A6 policy constants](../ASSUMPTIONS.md#a6), [A7 derived statements](../ASSUMPTIONS.md#a7).
# The logic lives in `src/helpers/` (`values`, `periods`, `register`, `reconcile`, `clean`).

# %% tags=["parameters"]
register_path = "data/raw/source_register.csv"  # the raw register (never written)
output_dir = "data/processed"  # where the processed tables are written

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from helpers.clean import clean_register, validate_clean_params, write_processed
from helpers.plotting import COLOURS, use_house_style

validate_clean_params(register_path, output_dir)
use_house_style()
pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

# %% [markdown]
# ## Reading and validating the register
#
# The whole file is checked before anything is computed: an unknown metric, an unreadable value
# or period, a duplicate id or a missing publisher stops the run with the file, row id and
# column of every problem, and nothing is written.

# %%
result = clean_register(register_path)
observations = result.observations
print(f"{len(observations)} statements on {observations['metric'].nunique()} metrics")
display(
    observations.groupby("source_kind")
    .agg(statements=("id", "size"), publishers=("publisher", "nunique"))
    .reindex(["official", "secondary", "advocacy"])
)

# %% [markdown]
# ## Parsing what was printed
#
# Dutch numbers: the dot groups thousands, the comma is the decimal sign. Words such as *circa*,
# *ongeveer* and *zo'n* make a figure approximate; *ruim* and *meer dan* make it a lower bound;
# *bijna* an upper bound ([A3](../ASSUMPTIONS.md#a3)). Every printed form that is not a plain
# number, with what it was read as:

# %%
forms = observations[~observations["value_as_published"].str.fullmatch(r"\d+")]
display(
    forms[["id", "value_as_published", "value", "qualifier", "unit"]]
    .drop_duplicates("value_as_published")
    .reset_index(drop=True)
)
display(observations["qualifier"].value_counts().rename("statements").to_frame())

# %% [markdown]
# ## Dating each figure
#
# A figure is dated at the last day of its reference period, and the precision is kept: a stock
# "in 2022" is dated 2022-12-31 with precision *year* ([A2](../ASSUMPTIONS.md#a2)).

# %%
display(observations["period_precision"].value_counts().rename("statements").to_frame())

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

# %%
display(
    observations["decision"]
    .value_counts()
    .reindex(["selected", "corroborating", "superseded", "rejected_date"])
    .rename("statements")
    .to_frame()
)
not_kept = observations[observations["decision"].isin(["superseded", "rejected_date"])]
display(not_kept[["id", "metric", "reference_period", "value_as_published", "decision", "reason"]])

# %% [markdown]
# ## Conflicts between publications
#
# Every disagreement is kept in `conflicts.csv`: *value* (different figures for one metric and
# date), *date* (one figure, several dates) and *qualifier* (same figure, different wording).
# `consistent` says whether the kept figure also satisfies the other statement read with its
# qualifier (4,004 is consistent with "ruim drieduizend"; 2,597 is not 2,600).

# %%
display(result.conflicts[["conflict_id", "kind", "metric", "values", "kept_id", "consistent"]])
for conflict in result.conflicts.itertuples():
    display(
        Markdown(
            f"**{conflict.conflict_id}** ({conflict.kind}, {conflict.metric}): "
            f"{conflict.resolution}"
        )
    )

# %% [markdown]
# ## The series the analyses use: people in beschut werk
#
# Counts before 2017 are *places* reported by gemeenten to the Inspectie SZW; from end 2016 they
# are *persons* with a positive UWV advice in a beschut werk job ([A5](../ASSUMPTIONS.md#a5)).

# %%
working = result.series[result.series["metric"] == "working"]
display(
    working[
        [
            "reference_date",
            "value_as_published",
            "value",
            "qualifier",
            "unit",
            "source_kind",
            "source_ids",
            "conflict_ids",
        ]
    ].reset_index(drop=True)
)

# %%
statements = observations[observations["metric"] == "working"].copy()
statements["date"] = pd.to_datetime(statements["reference_date"])
fig, ax = plt.subplots()
styles = {
    "corroborating": dict(marker="o", color=COLOURS["model"], s=90, label="corroborating"),
    "selected": dict(marker="o", color=COLOURS["realised"], s=40, label="selected"),
    "superseded": dict(marker="x", color=COLOURS["target"], s=40, label="superseded"),
    "rejected_date": dict(marker="x", color=COLOURS["advice"], s=40, label="rejected date"),
}
for decision, style in styles.items():
    rows = statements[statements["decision"] == decision]
    ax.scatter(rows["date"], rows["value"], **style)
ax.set_yscale("log")
ax.set_ylabel("people or places in beschut werk (log scale)")
ax.set_title("Every published statement on beschut werk jobs, and the decision on it")
ax.legend(loc="upper left")
plt.show()
# %% [markdown]
# ## Writing data/processed
#
# The four files are written into a staging directory and moved into place together, so an
# interrupted run leaves the previous complete set.

# %%
write_processed(result, output_dir)
print(
    f"wrote {output_dir}: {len(observations)} observations, {len(result.series)} series rows, "
    f"{len(result.conflicts)} conflicts"
)
print("decisions:", observations["decision"].value_counts().sort_index().to_dict())
