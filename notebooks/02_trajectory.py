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
# # 02 Trajectory: when will 30,000 and 50,000 beschut werk jobs be reached?
#
# The Participatiewet foresees 30,000 beschut werk jobs (the structural level, 2048 in the budget
# path); the 2017 coalition agreement spoke of 50,000. This notebook fits several simple models to
# the number of people in beschut werk, projects them forward with simulated paths that include
# parameter uncertainty, and reports for each model when each goal is reached (median and range,
# and the probability of reaching it by 2030, 2035 and 2048). It checks every model out of sample
# with rolling-origin backtests, picks a headline model by a fixed rule and always shows the
# spread across all models beside it. Finally it computes the pace each goal requires.
#
# Assumptions relied on (see [ASSUMPTIONS.md](../ASSUMPTIONS.md)):
# [T1 time scale](../ASSUMPTIONS.md#t1), [T2 places, persons and qualifiers](../ASSUMPTIONS.md#t2),
# [T3 fit window and break](../ASSUMPTIONS.md#t3), [T4 trend models](../ASSUMPTIONS.md#t4),
# [T5 random walk](../ASSUMPTIONS.md#t5), [T6 damped ETS](../ASSUMPTIONS.md#t6),
# [T7 S-curves](../ASSUMPTIONS.md#t7), [T8 exponential](../ASSUMPTIONS.md#t8),
# [T9 goal years](../ASSUMPTIONS.md#t9), [T10 backtests](../ASSUMPTIONS.md#t10),
# [T11 headline rule](../ASSUMPTIONS.md#t11), [T12 pace](../ASSUMPTIONS.md#t12).

# %% tags=["parameters"]
fit_start = 2015  # first year (of the reference date) of observations used in the fits
fit_end = 2022  # last year of observations used; not after the last observed year
goals = [30000, 50000]  # goal levels (people in beschut werk); each above the last observation
horizon = 2060  # simulate and project up to 31 December of this year (2048..2200)
interval = 0.8  # central probability of the intervals and goal-year ranges, in (0, 1)
n_paths = 10000  # simulated paths per model (100..100,000)
seed = 20150101  # seed of the random number generator (a whole number, at least 0)
language = "en"  # figure labels: "en" or "nl"
processed_dir = "data/processed"  # where series.csv is read
output_dir = "reports/baseline"  # where tables/, figures/ and results.json are written

# %%
from helpers.trajectory import validate_trajectory_params

params = validate_trajectory_params(
    fit_start=fit_start,
    fit_end=fit_end,
    goals=goals,
    horizon=horizon,
    interval=interval,
    n_paths=n_paths,
    seed=seed,
    language=language,
    processed_dir=processed_dir,
    output_dir=output_dir,
)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from helpers.outputs import update_results, write_table
from helpers.plotting import save_figure, use_house_style
from helpers.processed import metric_series
from helpers.trajectory import analysis, backtest, models, plots
from helpers.trajectory import goals as goal_math

use_house_style()
pd.set_option("display.width", 120)
OUT = params.output_dir
TABLES = OUT / "tables"
FIGURES = OUT / "figures"
PCT = round(params.interval * 100)
obs = params.observations

# %% [markdown]
# ## The observations
#
# People (early on: places) in a beschut werk job, one row per date as selected by the cleaning
# step, within the fit window. Approximate and lower-bound figures are used in the fits as if
# exact ([T2](../ASSUMPTIONS.md#t2)) and drawn hollow in every figure. `t` is the decimal year at
# the end of the reference day ([T1](../ASSUMPTIONS.md#t1)).

# %%
display(
    obs[["reference_date", "t", "value", "qualifier", "unit", "source_kind", "source_id"]]
    .assign(reference_date=obs["reference_date"].dt.strftime("%Y-%m-%d"), t=obs["t"].round(3))
    .astype({"value": int})
)

# %% [markdown]
# ## Where the goals come from
#
# Each goal is looked up in series.csv (metrics `target_structural` and `ambition_total`); a goal
# that the register does not carry is labelled "user goal".

# %%
sources = analysis.goal_sources(params.series, params.goals)
display(sources)

# %%
targets = metric_series(params.series, "target")
fig = plots.figure_realised(obs, targets, params.goals, params.language)
save_figure(fig, FIGURES, "trajectory_realised")
plt.show()

# %% [markdown]
# ## The models
#
# All fitted on the observations above, time in decimal years:
#
# - **segmented**: linear trend with a break (hinge) at 1 January 2017, when beschut werk became a
#   legal duty; OLS ([T3](../ASSUMPTIONS.md#t3), [T4](../ASSUMPTIONS.md#t4)).
# - **linear_2017**: linear trend on the observations from 2017 on; OLS.
# - **random_walk**: random walk with drift on the irregular dates: increments
#   ~ N(mu dt, sigma² dt), estimated by WLS of the increments on their spans with weights 1/dt
#   ([T5](../ASSUMPTIONS.md#t5)).
# - **damped_ets**: damped additive-trend exponential smoothing (statsmodels ETSModel) on year-end
#   values, missing year ends interpolated and marked as assumed; the pessimistic scenario
#   ([T6](../ASSUMPTIONS.md#t6)).
# - **logistic_K**, **gompertz_K**: S-curves with the capacity K fixed at each goal, linearised
#   and fitted by OLS: "what would it take" scenarios, not forecasts ([T7](../ASSUMPTIONS.md#t7)).
# - **exponential**: log-linear growth, shown as the implausible extreme
#   ([T8](../ASSUMPTIONS.md#t8)).
#
# The core models are segmented, linear_2017 and random_walk.

# %%
fitted, skipped = models.fit_all(obs["t"], obs["value"], params.goals)
if skipped:
    display(pd.DataFrame({"model": list(skipped), "not fitted because": list(skipped.values())}))
display(analysis.parameter_table(fitted))

# %%
if "damped_ets" in fitted:
    ets = fitted["damped_ets"]
    display(
        pd.DataFrame(
            {
                "year_end": [f"{int(y) - 1}-12-31" for y in ets.years],
                "value": ets.y_years.round(0).astype(int),
                "assumed (interpolated)": ~ets.observed,
            }
        )
    )

# %% [markdown]
# ## Projections
#
# The central line and the prediction interval (level `interval`) of every model at every
# quarter end, from the start of the fit window to the horizon (`tables/trajectory.csv`; `kind`
# is `fitted` up to the last observation, `projected` after). For the transformed models
# (S-curves, exponential) the central line is the back-transformed median.

# %%
trajectory = analysis.projection_table(fitted, params.fit_start, params.horizon, params.interval)
for column in ("mean", "lower", "upper"):
    trajectory[column] = trajectory[column].round(0)
write_table(trajectory, TABLES / "trajectory.csv")
fig = plots.figure_fans(obs, trajectory, params.goals, params.interval, params.language)
save_figure(fig, FIGURES, "trajectory_fans")
plt.show()

# %% [markdown]
# ## When is each goal reached?
#
# For every model, `n_paths` future paths on a quarterly grid, each with its own parameters drawn
# from their estimated sampling distribution and then its own noise. The goal year is the first
# time a path reaches the goal ([T9](../ASSUMPTIONS.md#t9)); S-curves count 95% of their own
# capacity as reaching it ([T7](../ASSUMPTIONS.md#t7)). Years are decimal years rounded to 0.1
# (2030.0 is 1 January 2030); `p_by_2030` is the share of paths that reach the goal by
# 31 December 2030; paths that do not reach it by the horizon count as not reached (`p_never`), and
# a range bound among them is empty ("not by the horizon").

# %%
crossings, _seconds = analysis.simulate_goal_times(
    fitted, params.goals, params.horizon, params.n_paths, params.seed
)
goal_years = analysis.goal_year_table(crossings, fitted, params.interval)
write_table(goal_years, TABLES / "goal_years.csv")
display(goal_years)

# %%
fig = plots.figure_goal_years(goal_years, params.horizon, params.interval, params.language)
save_figure(fig, FIGURES, "trajectory_goal_years")
plt.show()

# %% [markdown]
# ## Backtests
#
# Rolling origin ([T10](../ASSUMPTIONS.md#t10)): for every year t in the window, each model is
# fitted on the observations up to 31 December of t and predicts 1, 2 and 3 years ahead; it is
# scored against the observation nearest to 31 December of t + h (within half a year), at that
# observation's date. Errors are predicted minus observed: a negative bias means the model
# under-predicted. Models that cannot be fitted at an early origin are skipped there, so the
# number of cases `n` differs between models.

# %%
cases = backtest.rolling_origin(
    obs["t"],
    obs["value"],
    models.model_specs(params.goals),
    range(params.fit_start, params.fit_end),
)
errors = backtest.error_summary(cases, list(fitted))
write_table(
    cases.round({"t_observed": 3, "predicted": 0, "error": 0}), TABLES / "backtest_cases.csv"
)
write_table(errors.round({"mae": 0, "mape": 1, "bias": 0}), TABLES / "backtest.csv")
display(errors.round({"mae": 0, "mape": 1, "bias": 0}))

# %%
if errors.empty:
    print("No backtest case in this window.")
else:
    fig = plots.figure_backtest(errors, params.language)
    save_figure(fig, FIGURES, "trajectory_backtest")
    plt.show()

# %% [markdown]
# ## Headline model
#
# Rule ([T11](../ASSUMPTIONS.md#t11)): among the core models (segmented, linear_2017,
# random_walk), the one with the smallest backtest mean absolute error over all horizons, computed
# on the cases that every core model could be scored on; ties go to the first in that order. The
# headline is shown with the spread across all models, never alone.

# %%
HEADLINE_RULE = (
    "smallest backtest MAE (all horizons, on the cases every core model was scored on) among "
    "the core models segmented, linear_2017, random_walk; ties to the first in that order"
)
headline, headline_mae = backtest.choose_headline(cases, models.CORE_MODELS)
if headline is None:  # no shared backtest case: fall back to the first core model fitted
    headline = next(name for name in models.CORE_MODELS if name in fitted)
print(f"Headline model: {headline}")
display(analysis.headline_with_spread(goal_years, headline, params.horizon))

# %% [markdown]
# ## Required pace
#
# Places per year needed from the last observation to reach each goal by 31 December of 2030,
# 2035 and 2048, against the pace observed since 2017: the average yearly change from the last
# observation at or before 1 January 2017 to the last observation ([T12](../ASSUMPTIONS.md#t12)).

# %%
last_t, last_value = float(obs["t"].iloc[-1]), float(obs["value"].iloc[-1])
observed = goal_math.observed_pace(obs["t"], obs["value"])
pace = goal_math.required_pace(last_t, last_value, params.goals, goal_math.CHECK_YEARS)
pace["observed_per_year"] = observed
pace["ratio_to_observed"] = pace["required_per_year"] / observed
pace = pace.round(
    {"years_left": 2, "required_per_year": 0, "observed_per_year": 0, "ratio_to_observed": 2}
)
write_table(pace, TABLES / "required_pace.csv")
display(pace)

# %%
update_results(
    OUT,
    None,
    {
        "fit_start": params.fit_start,
        "fit_end": params.fit_end,
        "interval": params.interval,
        "n_paths": params.n_paths,
        "seed": params.seed,
        "horizon": params.horizon,
        "headline_model": headline,
        "headline_rule": HEADLINE_RULE,
        "models": analysis.goal_years_json(goal_years),
        "required_pace": {
            str(goal): {str(int(r.by_year)): r.required_per_year for r in part.itertuples()}
            for goal, part in pace.groupby("goal")
        },
        "observed_pace_since_2017": round(observed),
    },
)
print("results.json updated")
