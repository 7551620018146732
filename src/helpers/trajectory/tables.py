"""The tables 02_trajectory shows, in the reader's language: no index column, no ``NaN``,
numbers rounded and localised (helpers.markup.Table)."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from helpers.markup import Table
from helpers.numbers import localise, percent, probability, thousands
from helpers.trajectory import mixture
from helpers.trajectory.goals import CHECK_YEARS
from helpers.trajectory.labels import model_name, parameter_name, text
from helpers.trajectory.text import year_range
from helpers.words import QUALIFIER_LEGEND, QUALIFIER_MARKS, check_language


def shown(rows: list[dict[str, str]]) -> Table:
    """Rows of already formatted cells as a Table (the keys are the localised headers)."""
    return Table(pd.DataFrame(rows).fillna(""))


def _chance(value, n_paths: int, language: str) -> str:
    return "" if value is None or pd.isna(value) else probability(float(value), n_paths, language)


def _median(value, horizon: int, language: str) -> str:
    if value is None or pd.isna(value):
        return text("after", language, horizon=horizon)
    return str(int(value))


def observation_table(observations: pd.DataFrame, language: str) -> Table:
    """The figures of people working in the fit window, with qualifier and source."""
    check_language(language)
    rows = [
        {
            text("col_date", language): row["reference_date"].strftime("%Y-%m-%d"),
            text("col_people", language): QUALIFIER_MARKS[row["qualifier"]]
            + thousands(row["value"], language),
            text("col_qualifier", language): QUALIFIER_LEGEND[language][row["qualifier"]],
            text("col_as_published", language): str(row["value_as_published"]),
            text("col_publisher", language): str(row["publisher"]),
            text("col_source", language): str(row["source_id"]),
        }
        for _, row in observations.iterrows()
    ]
    return shown(rows)


def sensitivity_table(run, language: str) -> Table:
    """Per prior scale of the pace drift: the posterior drift, goal years and chances, nowcast."""
    sensitivity = run.sensitivity
    n_paths, horizon, nowcast_year = run.params.n_paths, run.params.horizon, run.params.nowcast_year
    rows = []
    for scale, part in sensitivity.groupby("pace_drift_prior_scale", sort=True):
        row = {
            text("col_prior_scale", language): thousands(scale, language),
            text("col_posterior_drift", language): thousands(
                part["pace_drift_sd_posterior_mean"].iloc[0], language
            ),
        }
        for r in part.itertuples(index=False):
            goal = thousands(r.goal, language)
            row[text("col_goal_median", language, goal=goal)] = _median(
                r.median_year, horizon, language
            )
            row[text("col_goal_range", language, goal=goal)] = year_range(
                r.low_year, r.high_year, horizon, language
            )
            if not pd.isna(r.p_by_2048):
                for year in CHECK_YEARS:
                    header = text("col_goal_by", language, goal=goal, year=year)
                    row[header] = _chance(getattr(r, f"p_by_{year}"), n_paths, language)
        first = part.iloc[0]
        row[text("col_nowcast", language, year=nowcast_year)] = (
            f"{thousands(first['nowcast_median'], language)} "
            f"({thousands(first['nowcast_low'], language)}–"
            f"{thousands(first['nowcast_high'], language)})"
            if pd.notna(first["nowcast_median"])
            else ""
        )
        rows.append(row)
    return shown(rows)


def goal_year_table(run, language: str) -> Table:
    """The year each goal is reached per forecast model (whole years), with the chances by the
    check years where the goal has a deadline."""
    n_paths, horizon = run.params.n_paths, run.params.horizon
    rows = []
    for r in run.goal_years.itertuples(index=False):
        row = {
            text("col_model", language): model_name(r.model, language),
            text("col_goal", language): thousands(r.goal, language),
            text("col_median", language): _median(r.median_year, horizon, language),
            text("col_range", language): year_range(r.low_year, r.high_year, horizon, language),
        }
        for year in CHECK_YEARS:
            row[text("col_by", language, year=year)] = _chance(
                getattr(r, f"p_by_{year}"), n_paths, language
            )
        row[text("col_not_by", language, horizon=horizon)] = (
            probability(r.p_never, n_paths, language) if r.p_never > 0 else ""
        )
        rows.append(row)
    return shown(rows)


def parameter_table(run, language: str) -> Table:
    """The estimated parameters of every forecast model (4 significant digits)."""
    fitted = run.fitted
    rows = [
        {
            text("col_model", language): model_name(name, language),
            text("col_parameter", language): parameter_name(key, language),
            text("col_estimate", language): _significant(value, language),
        }
        for name, model in fitted.items()
        for key, value in model.params.items()
    ]
    return shown(rows)


def _significant(value: float, language: str) -> str:
    """A number to 4 significant digits in the reader's convention."""
    return localise(f"{value:,.4g}", language)


def backtest_table(run, language: str) -> Table:
    """The backtest per model and lead band: cases, error, share inside, interval score."""
    summary = run.backtest
    rows = [
        {
            text("col_model", language): model_name(r.model, language),
            text("col_lead", language): text("lead_all", language)
            if r.lead_band == "all"
            else str(r.lead_band),
            text("col_cases", language): str(int(r.cases)),
            text("col_mae", language): thousands(r.mae, language),
            text("col_coverage", language): percent(r.coverage, language),
            text("col_interval_score", language): thousands(r.interval_score, language),
        }
        for r in summary.itertuples(index=False)
    ]
    return shown(rows)


def model_risk_table(run, language: str) -> Table:
    """Per fitted model: credible or why not, its weight in the mixture and its chance of the
    goal with a deadline by that deadline; the mixture last."""
    results = run.results
    reasons = mixture.credibility_reasons(run.fitted, run.cases)
    goal = next((g for g, d in run.deadlines.items() if d), None)
    deadline = run.deadlines.get(goal) if goal else None
    chances = {}
    if deadline:
        part = run.goal_years[run.goal_years["goal"] == goal].set_index("model")
        chances = part[f"p_by_{deadline}"].to_dict()
    chance_header = (
        text("col_chance", language, goal=thousands(goal, language), deadline=deadline)
        if deadline
        else None
    )
    rows = []
    for model, why in reasons.items():
        weight = results["model_risk"]["mixture_weights"].get(model)
        row = {
            text("col_model", language): model_name(model, language),
            text("col_credible", language): text("credible_yes", language)
            if why is None
            else text("credible_no", language, why=text(f"why_{why[0]}", language, **why[1])),
            text("col_weight", language): "" if weight is None else percent(weight, language),
        }
        if chance_header:
            row[chance_header] = _chance(chances.get(model), run.params.n_paths, language)
        rows.append(row)
    last = {
        text("col_model", language): model_name(mixture.MIXTURE, language),
        text("col_credible", language): "",
        text("col_weight", language): percent(1.0, language),
    }
    if chance_header:
        last[chance_header] = _chance(chances.get(mixture.MIXTURE), run.params.n_paths, language)
    return shown([*rows, last])


def pipeline_table(run, language: str) -> Table | Markdown:
    """People working beside positive advices at the dates both are published for."""
    pipeline = run.pipeline
    if pipeline.empty:
        return Markdown(text("pipeline_none", language))
    rows = [
        {
            text("col_date", language): str(r.date),
            text("col_working", language): thousands(r.working, language),
            text("col_advices", language): thousands(r.advices, language),
            text("col_advice_measure", language): text(f"measure_{r.advice_metric}", language),
            text("col_per_advice", language): percent(r.working_per_advice, language),
            text("col_sources", language): f"{r.working_source_id}, {r.advice_source_id}",
        }
        for r in pipeline.itertuples(index=False)
    ]
    return shown(rows)
