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
# The Participatiewet foresees 30,000 beschut werk jobs by 2048; the 2017 coalition agreement
# spoke of 50,000, with no year. This report forecasts the number of people working in beschut
# werk with a model whose yearly pace may change, tests its intervals on the past, and sets beside
# it what each goal would take. Assumptions: [F1 the headline forecast](../ASSUMPTIONS.md#f1),
# [F2 comparison models](../ASSUMPTIONS.md#f2), [F3 backtests, headline](../ASSUMPTIONS.md#f3),
# [F4 conditional paths](../ASSUMPTIONS.md#f4), [F5 wording, fit window](../ASSUMPTIONS.md#f5),
# [T1 time scale](../ASSUMPTIONS.md#t1), [T2 qualifiers](../ASSUMPTIONS.md#t2).

# %% tags=["parameters"]
fit_start = 2015  # first year (of the reference date) of observations used (1990..2100)
fit_end = None  # last year of observations used; None: the last year with a working figure
goals = [30000, 50000]  # goal levels (people); each above the last observation
horizon = 2060  # simulate up to 31 December of this year (2048..2200, after fit_end)
interval = 0.8  # central probability of intervals and goal-year ranges, in (0, 1)
n_paths = 10000  # simulated paths per model (100..100,000)
seed = 20150101  # seed of the random number generator (a whole number, at least 0)
pace_drift_prior = 200.0  # prior scale of the yearly pace's drift, people/year per year (10..2000)
nowcast_year = 2026  # nowcast for 31 December of this year (fit_start..horizon)
language = "en"  # figure labels: "en" or "nl"
processed_dir = "data/processed"  # where series.csv is read
output_dir = "reports/baseline"  # where tables/, figures/ and results.json are written

# %% tags=["remove-input"]
from IPython.display import Markdown, display

from helpers.plotting import use_house_style
from helpers.scenario_schema import refuse_unknown_parameters
from helpers.trajectory import params_from, report
from helpers.trajectory.pipeline import run_trajectory, show_figure, write_outputs

refuse_unknown_parameters("02_trajectory", globals())
params = params_from(globals())
use_house_style()
run = run_trajectory(params)

# %% [markdown]
# ## The answer

# %% tags=["remove-input"]
display(Markdown(report.answer_text(run.results, params.n_paths, round(params.interval * 100))))

# %% [markdown]
# **The flagship figure** puts the answer on one page: the published figures (blue; hollow marks
# for "circa" and "at least"), the taakstelling gemeenten were funded for (orange; dashed where no
# figure was published and the path is filled by the rule of
# [P1](../ASSUMPTIONS.md#p1)), the headline forecast's median and interval (green), the pace it
# would take to reach 30,000 by 2030 (dotted: a condition, not a forecast), the two goals and the
# years 2030 and 2048.

# %% tags=["remove-input"]
show_figure("flagship", run, params)

# %% [markdown]
# ## The figures it rests on
#
# Every `working` figure in the fit window, with its date, qualifier and source. Only the
# observations dated after 1 January 2017, when beschut werk became a legal duty, enter the
# headline model: the start-up years would otherwise read as a pace that drifts wildly
# ([F1](../ASSUMPTIONS.md#f1)).

# %%
report.observation_table(params.observations)

# %% [markdown]
# Realised figures against the yearly taakstelling, over the realised years only (the axis stops
# where the data stop, so the early years stay readable).

# %% tags=["remove-input"]
show_figure("trajectory_realised", run, params)

# %% tags=["remove-input"]
display(Markdown(report.fit_window_text(run.results)))

# %% [markdown]
# ## The headline forecast: a pace that may drift
#
# A local linear trend in state-space form (statsmodels `UnobservedComponents`) on a monthly
# index: each observation sits in its own month, months without one are missing, nothing is
# interpolated. Level and yearly pace both drift; how much is not estimated as a single number
# (with so few points it would come out as "not at all") but integrated over with a half-normal
# prior on the drift of the yearly pace ([F1](../ASSUMPTIONS.md#f1)). Goal years are read off
# simulated levels. How much the answer depends on that prior:

# %%
report.sensitivity_table(run.sensitivity, params.n_paths)

# %% [markdown]
# Every forecast model beside the headline: the headline's median and interval in green, the
# other models' medians in grey ([F2](../ASSUMPTIONS.md#f2)).

# %% tags=["remove-input"]
show_figure("trajectory_fans", run, params)

# %% [markdown]
# The straight lines (linear trend, segmented trend) and the random walk keep one pace for
# decades, so their ranges are narrow: they answer "when, if the pace of 2017–2022 never changes".
# The headline lets the pace drift as much as the data and the prior allow, and its range is the
# honest one. The damped-trend ETS lets the pace fade; with its parameters at their bounds it is
# the pessimistic comparison.
#
# Their estimated parameters (for the local linear trend: the level and yearly pace at the last
# observation and the posterior of the two disturbance standard deviations; for the ETS: how many
# smoothing parameters sit at a bound):

# %%
report.parameter_display(run.fitted)

# %% [markdown]
# The year each goal is reached, per forecast model (dot: median; bar: range). Probabilities are
# given for 30,000 only, which has a deadline; 50,000 has none.

# %%
report.goal_year_display(run.goal_years, params.n_paths)

# %% tags=["remove-input"]
show_figure("trajectory_goal_years", run, params)

# %% [markdown]
# ## Model risk: a stock that leaks, and the mixture of the credible models
#
# The number working grows by placements minus people leaving. The **stock-flow model**
# ([F7](../ASSUMPTIONS.md#f7)) is the local linear trend with a share of the stock leaving every
# year; the counts cannot tell an exit rate of 0.5% from one of 5% (a higher exit rate is matched
# by more placements), so the rate is integrated over a stated prior (uniform, 0.5–8% a year). With
# the exit rate at zero it is the local linear trend. The difference shows only decades ahead.
#
# No single model is the answer. The headline is a **mixture of the credible models**
# ([F8](../ASSUMPTIONS.md#f8)): a model is credible when it rests on at least four observations,
# no parameter sits at a bound, and the backtest scored it; the credible models get stated, equal
# weights, because the backtest (below) cannot tell them apart where they differ. The verdict
# quotes the mixture and the range of the chance across the credible models.

# %% tags=["remove-input"]
display(Markdown(report.model_risk_text(run.results, params.n_paths)))

# %% [markdown]
# ## Do the intervals hold? Backtests
#
# Each model is refitted on every past training set (all observations up to one of them) and
# predicts every later observation; each (training set, target) pair is one case with its real
# lead time ([F3](../ASSUMPTIONS.md#f3)). Per lead-time band: cases, mean absolute error,
# coverage of the intervals (nominal: the `interval` parameter) and the interval score, which
# rewards narrow intervals and penalises misses. The model with the lowest interval score on the
# cases all candidates share draws the figures' band; the verdict quotes the mixture.
# `tables/backtest.csv` adds coverage at 50, 80 and 95%, the weighted interval score and the
# number of distinct training sets and targets behind each figure; `tables/backtest_pit.csv` a
# coarse PIT histogram ([F13](../ASSUMPTIONS.md#f13)). The backtest sees leads of at most about
# five years: it can check the short-run spread, and it cannot identify the long-run drift of the
# pace or the exit rate, which decide the goal years.

# %%
report.backtest_display(run.backtest)

# %% tags=["remove-input"]
display(Markdown(report.backtest_text(run.backtest, run.headline, params.interval)))

# %% [markdown]
# Coverage (left) and interval score (right) per model and lead time; every bar carries its
# number of cases.

# %% tags=["remove-input"]
show_figure("trajectory_backtest", run, params)

# %% [markdown]
# ## What it would take, and what the data rule out
#
# Conditional paths assume their answer, so they carry no interval and no probability
# ([F4](../ASSUMPTIONS.md#f4)): the pace from the latest figure to each goal by 2030 and 2048,
# S-curves whose ceiling is fixed at a goal, and the funded taakstelling path to 30,000 in 2048.

# %% tags=["remove-input"]
display(Markdown(report.conditional_text(run.results, run, params.n_paths)))

# %% [markdown]
# ## A cross-check from the pipeline
#
# People can only start in beschut werk with a positive UWV advice. Where both counts are
# published for the same date:

# %%
report.pipeline_display(run.pipeline)

# %% tags=["remove-input"]
display(Markdown(report.pipeline_text(run.pipeline)))

# %% tags=["remove-input"]
write_outputs(run, params)
