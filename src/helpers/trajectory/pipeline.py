"""What 02_trajectory calls: ``analyse`` (every computation in one call), ``write_tables``,
``key_numbers`` (the "trajectory" section of results.json) and ``answer``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import layout, taakstelling
from helpers.outputs import write_table
from helpers.pace import observed_pace
from helpers.processed import metric_series
from helpers.trajectory import analysis, backtest, forecasts, mixture, report, text
from helpers.trajectory.labels import model_name
from helpers.trajectory.state_space import SENSITIVITY_SCALES, Prior
from helpers.trajectory.stock_flow import exit_rate_bound
from helpers.trajectory.validation import TrajectoryParams
from helpers.words import LANGUAGES

HEADLINE_RULE = (
    "among the models whose pace itself changes over time (local_linear_trend, damped_ets, in "
    "that order), the smallest mean interval score of the central intervals on the backtest "
    "cases (training set, target observation) that every candidate with cases was scored on, "
    "all lead times together; ties to the earlier; a model without backtest cases is not a "
    "candidate"
)


@dataclass
class TrajectoryRun:
    """What the notebook shows and writes."""

    fitted: dict
    skipped: dict
    sources: pd.DataFrame
    deadlines: dict
    cases: pd.DataFrame
    backtest: pd.DataFrame
    headline: str
    headline_score: float
    sims: dict
    goal_years: pd.DataFrame
    projections: pd.DataFrame
    sensitivity: pd.DataFrame
    conditional: pd.DataFrame
    target_path: pd.DataFrame
    growth: pd.DataFrame
    exponential_refuted: bool
    pipeline: pd.DataFrame
    results: dict  # the "trajectory" section of results.json (key_numbers)
    credibility: dict | None = None  # model -> None (credible) or why not (mixture.credibility)
    mixture_weights: dict | None = None
    params: TrajectoryParams | None = None  # the checked parameters and data the run used


def analyse(params: TrajectoryParams) -> TrajectoryRun:
    """Fit, backtest, simulate and summarise (see the notebook's narrative for each step)."""
    obs = params.observations
    prior = Prior(pace_drift_scale=params.pace_drift_prior)
    fitted, skipped = forecasts.fit_forecasts(obs, prior)
    sources = analysis.goal_sources(params.series, params.goals)
    deadlines = report.goal_deadlines(sources)
    cases = backtest.cases(
        obs["t"], obs["value"], obs["error_class"], forecasts.forecast_specs(prior), params.interval
    )
    summary = backtest.summary(cases, list(fitted))
    candidates = [c for c in forecasts.HEADLINE_CANDIDATES if c in fitted]
    headline, score = backtest.choose_headline(cases, candidates)
    if headline is None:
        headline = candidates[0]
    sims = analysis.simulate_all(fitted, params.horizon, params.n_paths, params.seed)
    goal_years = analysis.goal_year_table(sims, params.goals, deadlines, params.interval)
    credibility = mixture.credibility(fitted, cases)
    weights = mixture.mixture_weights([m for m, why in credibility.items() if why is None])
    goal_years = pd.concat(
        [
            goal_years,
            mixture.mixture_goal_rows(sims, weights, params.goals, deadlines, params.interval),
        ],
        ignore_index=True,
    )
    projections = analysis.projection_table(sims, params.horizon, params.interval)
    sensitivity = analysis.prior_sensitivity(
        obs,
        sorted({*SENSITIVITY_SCALES, params.pace_drift_prior}),
        params.goals,
        deadlines,
        params.horizon,
        params.n_paths,
        params.seed,
        params.interval,
        params.nowcast_year,
    )
    conditional = forecasts.conditional_paths(
        obs, params.series, params.goals, report.PACE_YEARS, params.horizon
    )
    growth = forecasts.yearly_growth(obs)
    run = TrajectoryRun(
        fitted=fitted,
        skipped=skipped,
        sources=sources,
        deadlines=deadlines,
        cases=cases,
        backtest=summary,
        headline=headline,
        headline_score=score,
        sims=sims,
        goal_years=goal_years,
        projections=projections,
        sensitivity=sensitivity,
        conditional=conditional,
        target_path=taakstelling.target_path(params.series, "linear"),
        growth=growth,
        exponential_refuted=forecasts.exponential_refuted(growth),
        pipeline=forecasts.pipeline_check(params.series),
        results={},
        credibility=credibility,
        mixture_weights=weights,
        params=params,
    )
    run.results = results_section(run)
    return run


def key_numbers(run: TrajectoryRun) -> dict:
    """The "trajectory" section of results.json, as ``analyse`` computed it once (the figures
    and the text read the same numbers)."""
    return run.results


def results_section(run: TrajectoryRun) -> dict:
    """Compute the "trajectory" section of results.json (read by the README generator and the
    change summary: helpers.report_index, helpers.changes)."""
    params = run.params
    obs = params.observations
    latest = obs.iloc[-1]
    pace, first, last = observed_pace(obs["t"], obs["value"])
    working = metric_series(params.series, "working").dropna(subset=["reference_date"])
    head = run.sims[run.headline]
    nowcast = analysis.nowcast(head, params.nowcast_year, params.interval)
    models = run.goal_years.drop(columns=["median", "lower", "upper"])
    fit_ids = sorted(set(obs["source_id"]))  # every forecast rests on all the fit's figures
    return {
        "fit": {
            "start": params.fit_start,
            "end": params.fit_end,
            "end_pinned": params.end_pinned,
            "last_observation_year": params.last_observation_year,
            "left_out": report.left_out(
                working, params.fit_end, run.fitted.get(run.headline), params.interval
            ),
        },
        "latest": report.observation_record(latest),
        "observed_pace": report.pace_record(obs, pace, first, last),
        "headline_model": mixture.MIXTURE,
        "headline_label": {lang: model_name(mixture.MIXTURE, lang) for lang in LANGUAGES},
        "headline_rule": "the mixture of the credible models (ASSUMPTIONS.md#f8)",
        "path_model": run.headline,
        "path_model_label": {lang: model_name(run.headline, lang) for lang in LANGUAGES},
        "path_model_rule": HEADLINE_RULE,
        "interval": params.interval,
        "n_paths": params.n_paths,
        "seed": params.seed,
        "horizon": params.horizon,
        "goals": {
            str(goal): {
                **report.goal_entry(
                    run.goal_years,
                    goal,
                    run.deadlines.get(goal),
                    mixture.MIXTURE,
                    latest,
                    deadlines=[d for d in run.deadlines.values() if d is not None],
                ),
                "chance_range": mixture.chance_range(
                    run.goal_years, list(run.mixture_weights), goal, run.deadlines[goal]
                )
                if run.deadlines.get(goal)
                else None,
                "mc_standard_error": _mc_errors(run, goal, params.n_paths),
                "goal_source_ids": report.goal_source_ids(run.sources, goal),
                "source_ids": fit_ids,
            }
            for goal in params.goals
        },
        "nowcast": None if nowcast is None else {**nowcast, "source_ids": fit_ids},
        "prior": {
            "pace_drift_scale": params.pace_drift_prior,
            "level_scale": Prior().level_scale,
            "distribution": "half-normal on both standard deviations (per year)",
            "posterior": {
                k: round(v, 1)
                for k, v in run.fitted["local_linear_trend"].posterior_summary().items()
            }
            if "local_linear_trend" in run.fitted
            else None,
        },
        "prior_sensitivity": report.records(run.sensitivity),
        "model_risk": {
            "credible_rule": mixture.CREDIBLE_RULE,
            "credibility": {m: why or "credible" for m, why in run.credibility.items()},
            "mixture_weights": {m: round(w, 4) for m, w in run.mixture_weights.items()},
            "exit_rate_bound": exit_rate_bound(params.series),
            "chance_range": {
                str(goal): mixture.chance_range(
                    run.goal_years, list(run.mixture_weights), goal, run.deadlines[goal]
                )
                for goal in params.goals
                if run.deadlines.get(goal)
            },
        },
        "models": report.records(models),
        "parameters": report.records(analysis.parameter_table(run.fitted)),
        "backtest": {
            "summary": report.records(run.backtest.round(4)),
            "headline_score": round(run.headline_score, 1),
        },
        "exponential": {
            "refuted": run.exponential_refuted,
            "growth": report.records(run.growth.round(2)),
        },
        "pipeline": report.records(run.pipeline.round(4)),
    }


def _mc_errors(run: TrajectoryRun, goal: int, n_paths: int) -> dict | None:
    """Monte Carlo standard errors of the chances by the deadline the verdict quotes: the
    mixture's (all its pooled paths) and each credible model's (ASSUMPTIONS.md#f12)."""
    deadline = run.deadlines.get(goal)
    if not deadline:
        return None
    rows = run.goal_years[run.goal_years["goal"] == goal].set_index("model")[f"p_by_{deadline}"]
    pooled = sum(mixture.pooled_counts(run.sims, run.mixture_weights).values())
    out = {"mixture": mixture.chance_standard_error(float(rows[mixture.MIXTURE]), pooled)}
    for name in run.mixture_weights:
        out[name] = mixture.chance_standard_error(float(rows[name]), n_paths)
    return {k: round(v, 4) for k, v in out.items() if v is not None}


def answer(run: TrajectoryRun, language: str) -> str:
    """The notebook's answer in words (Markdown), from the key numbers."""
    return text.answer(run.results, language)


def write_tables(run: TrajectoryRun) -> None:
    """The analysis tables as CSV under ``output_dir/tables``."""
    params = run.params
    tables = params.output_dir / layout.TABLES_DIR
    write_table(run.projections.round(0), tables / "trajectory.csv")
    write_table(run.goal_years, tables / "goal_years.csv")
    write_table(
        run.cases.round(
            {
                "train_end": 3,
                "target": 3,
                "lead_years": 2,
                "predicted": 0,
                "lower": 0,
                "upper": 0,
                "error": 0,
                "interval_score": 0,
                "wis": 0,
            }
        ),
        tables / "backtest_cases.csv",
    )
    write_table(
        run.backtest.round(
            {
                "mae": 0,
                "coverage": 3,
                "interval_score": 0,
                "coverage_50": 3,
                "coverage_80": 3,
                "coverage_95": 3,
                "wis": 0,
            }
        ),
        tables / "backtest.csv",
    )
    write_table(backtest.pit_histogram(run.cases), tables / "backtest_pit.csv")
    write_table(run.sensitivity, tables / "prior_sensitivity.csv")
    last = params.observations.iloc[-1]
    write_table(
        mixture.hub_quantiles(
            run.sims,
            run.mixture_weights,
            str(pd.Timestamp(last["reference_date"]).date()),
            range(int(pd.Timestamp(last["reference_date"]).year) + 1, params.horizon + 1),
        ),
        tables / "forecast_quantiles.csv",
    )
    write_table(run.conditional.round({"t": 3, "value": 0}), tables / "conditional_paths.csv")
