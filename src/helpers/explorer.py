"""An explorer for researchers: what a later fit start, another prior, goal or exit rate does.

In JupyterLab (any notebook or console on the project kernel)::

    from helpers.explorer import explorer
    explorer()

shows controls (ipywidgets) for the fit window, the prior scale of the pace's drift, the goal and
the yearly exit rate, and redraws the flagship figure and the goal-year table of the headline
model on every change. It writes nothing: no figure, table or results.json is saved (the
reports come from `make reports` only). It lives outside the report notebooks, so the static
HTML reports never hold a widget.

The logic is :func:`explore` (control values in, figure and table out); :func:`explorer` only
wires the widgets to it. The exit rate needs the stock-flow model
(``helpers.trajectory.stock_flow.fit_stock_flow``, branch i18-forecast): where it is not
installed, the exit-rate control is disabled at 0 (the local linear trend, which the stock-flow
model equals at exit rate 0) and :func:`explore` refuses another value with a message.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd

from helpers import taakstelling
from helpers.processed import load_series, metric_series
from helpers.scenario_schema import TrajectoryParameters
from helpers.trajectory import analysis, figures, forecasts, mixture, report
from helpers.trajectory.state_space import Prior, fit_local_linear_trend
from helpers.trajectory.validation import validate_parameters
from helpers.vocabulary import WORKING

HEADLINE = "local_linear_trend"
STOCK_FLOW = ("helpers.trajectory.stock_flow", "fit_stock_flow")  # connected at merge (i18)
EXPLORER_PATHS = 2000  # simulated paths per redraw: enough for a median and range in ~1 s
# the notebook's defaults (declared once, in helpers.scenario_schema.TrajectoryParameters)
_NOTEBOOK = TrajectoryParameters()
DEFAULTS = {
    "fit_start": _NOTEBOOK.fit_start,
    "fit_end": _NOTEBOOK.fit_end,
    "pace_drift_prior": _NOTEBOOK.pace_drift_prior,
    "goal": _NOTEBOOK.goals[0],
    "exit_rate": 0.0,
}


@dataclass
class Exploration:
    """What one setting of the controls shows."""

    figure: plt.Figure
    goal_years: pd.DataFrame  # one row: the goal, median year and range of the headline model
    model: str


@dataclass
class FlagshipInputs:
    """What :func:`helpers.trajectory.figures.figure_flagship` reads of a run, for one model."""

    params: object  # the checked TrajectoryParams
    sims: dict
    mixture_weights: dict
    projections: pd.DataFrame
    goal_years: pd.DataFrame
    target_path: pd.DataFrame
    conditional: pd.DataFrame
    sources: pd.DataFrame
    deadlines: dict


def stock_flow_fit():
    """The stock-flow model's fit function, or None where this tree does not have it yet."""
    module, name = STOCK_FLOW
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def explore(
    fit_start: int = 2015,
    fit_end: int | None = None,
    pace_drift_prior: float = 200.0,
    goal: int = 30000,
    exit_rate: float = 0.0,
    *,
    series: pd.DataFrame | None = None,
    processed_dir: str = "data/processed",
    horizon: int = 2060,
    interval: float = 0.8,
    n_paths: int = EXPLORER_PATHS,
    seed: int = 20150101,
    language: str = "en",
) -> Exploration:
    """Fit the headline model to the fit window, simulate it, and return the flagship figure and
    the goal-year table for ``goal``. The parameters are checked as the notebook's are (a
    ParameterError names the bad one); nothing is written."""
    if series is None:
        series = load_series(processed_dir)
    params = validate_parameters(
        {
            "fit_start": fit_start,
            "fit_end": fit_end,
            "goals": [goal],
            "horizon": horizon,
            "interval": interval,
            "n_paths": n_paths,
            "seed": seed,
            "language": language,
            "pace_drift_prior": pace_drift_prior,
            "processed_dir": processed_dir,
            "output_dir": "reports/scratch_explorer",  # checked only: explore() writes nothing
        },
        series=series,
    )
    obs = params.observations
    prior = Prior(pace_drift_scale=params.pace_drift_prior)
    if exit_rate:
        fit = stock_flow_fit()
        if fit is None:
            raise ValueError(
                "exit_rate needs the stock-flow model (helpers.trajectory.stock_flow), which "
                "this tree does not have; use exit_rate=0 (the local linear trend)"
            )
        model, fitted = (
            "stock_flow",
            fit(obs["t"], obs["value"], obs["qualifier"], exit_rate=exit_rate, prior=prior),
        )
    else:
        model = HEADLINE
        fitted = fit_local_linear_trend(obs["t"], obs["value"], obs["qualifier"], prior)
    sims = analysis.simulate_all({model: fitted}, params.horizon, params.n_paths, params.seed)
    sources = analysis.goal_sources(params.series, params.goals)
    deadlines = report.goal_deadlines(sources)
    goal_years = analysis.goal_year_table(sims, params.goals, deadlines, params.interval)
    inputs = FlagshipInputs(
        params=params,
        sims=sims,
        mixture_weights={model: 1.0},  # one model: the flagship names it instead of a mixture
        projections=analysis.projection_table(sims, params.horizon, params.interval),
        goal_years=pd.concat(
            [
                goal_years,
                mixture.mixture_goal_rows(
                    sims, {model: 1.0}, params.goals, deadlines, params.interval
                ),
            ],
            ignore_index=True,
        ),
        target_path=taakstelling.target_path(params.series, "linear"),
        conditional=forecasts.conditional_paths(
            obs, params.series, params.goals, report.PACE_YEARS, params.horizon
        ),
        sources=sources,
        deadlines=deadlines,
    )
    figure = figures.figure_flagship(inputs, params.language)
    return Exploration(figure, goal_years.reset_index(drop=True), model)


def explorer(processed_dir: str = "data/processed"):
    """The controls and the output area, as one ipywidgets box (display it in JupyterLab)."""
    import ipywidgets as widgets
    from IPython.display import display

    series = load_series(processed_dir)
    years = metric_series(series, WORKING)["reference_date"].dt.year
    first, last = int(years.min()), int(years.max())
    window = widgets.IntRangeSlider(
        value=(max(DEFAULTS["fit_start"], first), last),
        min=first,
        max=last,
        description="fit window",
        continuous_update=False,
    )
    prior = widgets.FloatLogSlider(
        value=DEFAULTS["pace_drift_prior"],
        base=10,
        min=1,
        max=3.3,
        description="prior scale",
        continuous_update=False,
    )
    goal = widgets.BoundedIntText(
        value=DEFAULTS["goal"], min=1000, max=200_000, step=1000, description="goal"
    )
    exit_rate = widgets.FloatSlider(
        value=DEFAULTS["exit_rate"],
        min=0.0,
        max=0.15,
        step=0.005,
        readout_format=".1%",
        description="exit rate",
        continuous_update=False,
        disabled=stock_flow_fit() is None,
    )
    out = widgets.Output()

    def redraw(_change=None) -> None:
        out.clear_output(wait=True)
        with out:
            try:
                shown = explore(
                    fit_start=window.value[0],
                    fit_end=window.value[1],
                    pace_drift_prior=prior.value,
                    goal=goal.value,
                    exit_rate=exit_rate.value,
                    series=series,
                    processed_dir=processed_dir,
                )
            except ValueError as error:  # ParameterError too: say which control, keep going
                print(f"not shown: {error}")
                return
            box.shown = shown
            display(shown.figure)
            plt.close(shown.figure)
            display(shown.goal_years)

    box = widgets.VBox([widgets.HBox([window, prior]), widgets.HBox([goal, exit_rate]), out])
    box.controls = {"window": window, "prior": prior, "goal": goal, "exit_rate": exit_rate}
    box.shown = None  # the last Exploration drawn
    for control in box.controls.values():
        control.observe(redraw, names="value")
    redraw()
    return box
