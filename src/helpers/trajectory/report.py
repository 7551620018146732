"""The trajectory's key numbers for results.json, and the answer in words built from them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from IPython.display import Markdown

from helpers.plotting import probability, thousands
from helpers.presentation import markdown_cell
from helpers.trajectory.goals import CHECK_YEARS, OBSERVED_PACE_DEFINITION
from helpers.trajectory.plots import label, model_label

PACE_YEARS = (2030, 2048)


def goal_deadlines(sources: pd.DataFrame) -> dict[int, int | None]:
    """Goal -> the year it is due (the structural goal's reference year); None: no deadline."""
    out: dict[int, int | None] = {}
    for row in sources.itertuples(index=False):
        dated = row.metric == "target_structural" and row.reference_date
        out[int(row.goal)] = int(str(row.reference_date)[:4]) if dated else None
    return out


def goal_source_ids(sources: pd.DataFrame, goal: int) -> list[str]:
    """Register ids behind a goal (empty for a user goal)."""
    row = sources[sources["goal"] == goal]
    ids = str(row["source_ids"].iloc[0]) if len(row) else ""
    return [i for i in ids.split(";") if i]


def observation_record(row: pd.Series) -> dict[str, object]:
    """One observation as results.json writes it."""
    return {
        "date": row["reference_date"].strftime("%Y-%m-%d"),
        "value": float(row["value"]),
        "qualifier": str(row["qualifier"]),
        "source_id": str(row["source_id"]),
    }


def left_out(
    working: pd.DataFrame, fit_end: int, model=None, interval: float = 0.8
) -> list[dict[str, object]]:
    """Working observations dated after the fit window's last year (a pinned fit_end); with a
    fitted ``model``, each with the model's predictive band for a PUBLISHED figure on its date
    (the level plus its measurement error: ``model.predict``) and whether it falls inside."""
    from helpers.trajectory.data import decimal_year

    later = working[working["reference_date"].dt.year > fit_end]
    later = later.sort_values("reference_date", kind="stable")
    records = [observation_record(row) for _, row in later.iterrows()]
    if model is not None and records:
        band = model.predict(decimal_year(later["reference_date"]), interval)
        for record, (lo, hi) in zip(records, band[["lower", "upper"]].to_numpy(), strict=True):
            if np.isfinite(lo) and np.isfinite(hi):
                record["published_band"] = {
                    "model": model.name,
                    "interval": interval,
                    "low": round(float(lo)),
                    "high": round(float(hi)),
                    "inside": bool(lo <= record["value"] <= hi),
                }
    return records


def required_pace(latest: pd.Series, goal: int, years: Sequence[int] = PACE_YEARS) -> dict:
    """People per year it would take from the latest observation to the goal by 31 December."""
    from helpers.trajectory.data import decimal_year

    t = float(decimal_year([latest["reference_date"]])[0])
    return {
        str(year): round((goal - float(latest["value"])) / (year + 1.0 - t))
        for year in years
        if year + 1.0 > t
    }


def _int_or_none(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def goal_entry(
    goal_years: pd.DataFrame,
    goal: int,
    deadline: int | None,
    headline: str,
    latest: pd.Series,
    deadlines: Sequence[int] = (),
) -> dict[str, object]:
    """The results.json entry of one goal (contract keys).

    A goal with no deadline gets no pace "by" a year that is another goal's deadline
    (``deadlines``): 50,000 is never measured against 30,000's 2048 as if it were its own.
    """
    pace_years = [y for y in PACE_YEARS if deadline is not None or y not in deadlines]
    part = goal_years[goal_years["goal"] == goal].set_index("model")
    head = part.loc[headline]
    medians = part["median_year"]
    return {
        "deadline": deadline,
        "median_year": _int_or_none(head["median_year"]),
        "low_year": _int_or_none(head["low_year"]),
        "high_year": _int_or_none(head["high_year"]),
        "p_by": (
            {str(y): float(head[f"p_by_{y}"]) for y in CHECK_YEARS} if deadline is not None else {}
        ),
        "p_never": float(head["p_never"]),
        "required_pace": required_pace(latest, goal, pace_years),
        "spread": {
            "low_year": _int_or_none(medians.min()) if medians.notna().any() else None,
            "high_year": None if medians.isna().any() else _int_or_none(medians.max()),
            "models": list(part.index),
        },
    }


def pace_record(observations: pd.DataFrame, pace: float, first: int, last: int) -> dict:
    """The observed pace with its two observations and their sources."""
    a, b = observations.iloc[first], observations.iloc[last]
    return {
        "per_year": round(pace),
        "from_date": a["reference_date"].strftime("%Y-%m-%d"),
        "to_date": b["reference_date"].strftime("%Y-%m-%d"),
        "source_ids": [str(a["source_id"]), str(b["source_id"])],
        "definition": OBSERVED_PACE_DEFINITION,
    }


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """A table as JSON records with NaN as null."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def year_range(entry: dict) -> str:
    """ "2037-2045" or "2037 to after the horizon"."""
    low, high = entry["low_year"], entry["high_year"]
    return f"{low}–{high}" if high is not None else f"{low} to beyond the horizon"


def headline_sentence(results: dict, n_paths: int, pct: int) -> str:
    """One bold sentence per goal: the median year, its range, and for a goal with a deadline
    the chance of reaching it by then."""
    parts = []
    for goal, entry in results["goals"].items():
        name = thousands(int(goal))
        if entry["median_year"] is None:
            parts.append(f"{name} is not reached by {results['horizon']} in most paths")
            continue
        when = f"{entry['median_year']} ({pct}% range {year_range(entry)})"
        text = f"{name} people are reached around {when}"
        deadline = entry["deadline"]
        if deadline is not None:
            chance = probability(entry["p_by"][str(deadline)], n_paths)
            text += f", by the {deadline} deadline with a chance of {chance}"
        else:
            text += ", a goal with no year set"
        parts.append(text)
    return "**On the headline forecast, " + "; ".join(parts) + ".**"


def answer_text(results: dict, n_paths: int, pct: int) -> str:
    """The answer in words (markdown), written from the numbers in ``results``."""
    latest = results["latest"]
    pace = results["observed_pace"]
    head = model_label(results["headline_model"], "en")
    now = results["nowcast"]
    lines = [
        headline_sentence(results, n_paths, pct),
        "",
        f"The latest published figure is {thousands(latest['value'])} people working in beschut "
        f"werk on {latest['date']} ({latest['qualifier']}, source {latest['source_id']}). The "
        f"observed pace is {thousands(pace['per_year'])} a year ({pace['from_date']} to "
        f"{pace['to_date']}). The headline model, chosen by its backtest interval score, is the "
        f"{head.lower()}; its {pct}% ranges:",
        "",
    ]
    for goal, entry in results["goals"].items():
        text = (
            f"- **{thousands(int(goal))}**: median {entry['median_year']}, {pct}% range "
            f"{year_range(entry)}"
            if entry["median_year"] is not None
            else f"- **{thousands(int(goal))}**: not reached by {results['horizon']} in most paths"
        )
        if entry["deadline"] is not None:
            chances = ", ".join(
                f"by {year} {probability(p, n_paths)}" for year, p in entry["p_by"].items()
            )
            text += f"; chance {chances} (deadline {entry['deadline']})"
        else:
            text += "; it has no deadline"
        spread = entry["spread"]
        if spread["low_year"] is not None:
            high = spread["high_year"] if spread["high_year"] is not None else "beyond"
            text += f". Medians of the forecast models: {spread['low_year']}–{high}"
        pace_needed = entry["required_pace"]
        if pace_needed:
            text += (
                ". It would take "
                + " or ".join(
                    f"{thousands(v)} a year to reach it by {y}" for y, v in pace_needed.items()
                )
                + "."
            )
        lines.append(text)
    lines += [
        "",
        f"Estimated number working at {now['date']} (nowcast): {thousands(now['median'])} "
        f"({pct}% interval {thousands(now['low'])}–{thousands(now['high'])})."
        if now is not None
        else "No nowcast: the observations already reach the end of `nowcast_year`.",
    ]
    left = results["fit"]["left_out"]
    if left:
        lines += [
            "",
            f"*This scenario fits up to {results['fit']['end']} only and leaves out "
            f"{len(left)} newer observation(s): "
            + "; ".join(f"{thousands(o['value'])} on {o['date']} ({o['source_id']})" for o in left)
            + ".*",
        ]
    return "\n".join(line for line in lines if line is not None).strip()


# --------------------------------------------------------------------------------------------
# Tables and paragraphs of the notebook (markdown, rounded, no index, no NaN).
# --------------------------------------------------------------------------------------------


def markdown_table(frame: pd.DataFrame) -> Markdown:
    """A table as markdown: no index, empty cells for missing values, every cell literal text."""
    head = "| " + " | ".join(markdown_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = [
        "| "
        + " | ".join(
            "" if v is None or (isinstance(v, float) and np.isnan(v)) else markdown_cell(v)
            for v in row
        )
        + " |"
        for row in frame.itertuples(index=False)
    ]
    return Markdown("\n".join([head, rule, *rows]))


def observation_table(observations: pd.DataFrame) -> Markdown:
    """The working observations of the fit window."""
    return markdown_table(
        pd.DataFrame(
            {
                "date": observations["reference_date"].dt.strftime("%Y-%m-%d"),
                "people": [thousands(v) for v in observations["value"]],
                "qualifier": [label(q, "en") for q in observations["qualifier"]],
                "as published": observations["value_as_published"],
                "publisher": observations["publisher"],
                "source": observations["source_id"],
            }
        )
    )


def fit_window_text(results: dict) -> str:
    """Which years the fit uses, and the observations a pinned fit_end leaves out."""
    fit = results["fit"]
    text = (
        f"The fit uses the observations dated {fit['start']}–{fit['end']}; the register's latest "
        f"`working` figure is from {fit['last_observation_year']}."
    )
    if fit["left_out"]:
        text += (
            f" **This scenario pins the fit to end in {fit['end']} and leaves out "
            + "; ".join(
                f"{thousands(o['value'])} on {o['date']} ({o['qualifier']}, {o['source_id']})"
                + _band_words(o.get("published_band"))
                for o in fit["left_out"]
            )
            + "**: its answer is what could be known then."
        )
    return text


def _band_words(band: dict | None) -> str:
    """ ", inside/outside the 80% band for a published figure on that date (a–b)"."""
    if not band:
        return ""
    where = "inside" if band["inside"] else "outside"
    return (
        f", {where} the {band['interval']:.0%} band of {model_label(band['model'], 'en')} for a "
        f"published figure on that date ({thousands(band['low'])}–{thousands(band['high'])})"
    )


def _p(value, n_paths: int) -> str:
    return "" if value is None or pd.isna(value) else probability(float(value), n_paths)


def _range(low, high) -> str:
    if low is None or pd.isna(low):
        return "beyond horizon"
    return f"{int(low)}–{'beyond horizon' if high is None or pd.isna(high) else int(high)}"


def sensitivity_table(table: pd.DataFrame, n_paths: int) -> Markdown:
    """Per prior scale: the posterior drift, the 30,000 and 50,000 years, probabilities."""
    rows = []
    for scale, part in table.groupby("pace_drift_prior_scale", sort=True):
        row = {
            "prior scale of the pace drift (per year)": thousands(scale),
            "posterior mean drift": thousands(part["pace_drift_sd_posterior_mean"].iloc[0]),
        }
        for goal_row in part.itertuples(index=False):
            g = thousands(goal_row.goal)
            row[f"{g}: median"] = _range(goal_row.median_year, goal_row.median_year).split("–")[0]
            row[f"{g}: range"] = _range(goal_row.low_year, goal_row.high_year)
            if not pd.isna(goal_row.p_by_2048):
                for year in CHECK_YEARS:
                    row[f"{g} by {year}"] = _p(getattr(goal_row, f"p_by_{year}"), n_paths)
        row["nowcast"] = (
            f"{thousands(part['nowcast_median'].iloc[0])} "
            f"({thousands(part['nowcast_low'].iloc[0])}–{thousands(part['nowcast_high'].iloc[0])})"
            if part["nowcast_median"].notna().iloc[0]
            else ""
        )
        rows.append(row)
    return markdown_table(pd.DataFrame(rows))


def goal_year_display(goal_years: pd.DataFrame, n_paths: int) -> Markdown:
    """Goal years per model and goal (whole years) with probabilities where there is a deadline."""
    rows = []
    for r in goal_years.itertuples(index=False):
        rows.append(
            {
                "model": model_label(r.model, "en"),
                "goal": thousands(r.goal),
                "median": _range(r.median_year, r.median_year).split("–")[0],
                "range": _range(r.low_year, r.high_year),
                **{f"by {y}": _p(getattr(r, f"p_by_{y}"), n_paths) for y in CHECK_YEARS},
                "not by the horizon": probability(r.p_never, n_paths) if r.p_never > 0 else "",
            }
        )
    return markdown_table(pd.DataFrame(rows))


def backtest_display(summary: pd.DataFrame) -> Markdown:
    """Backtest summary per model and lead band, rounded."""
    return markdown_table(
        pd.DataFrame(
            {
                "model": [model_label(m, "en") for m in summary["model"]],
                "lead (years)": summary["lead_band"],
                "cases": summary["cases"],
                "MAE": [thousands(v) for v in summary["mae"]],
                "coverage": [f"{v:.0%}" for v in summary["coverage"]],
                "interval score": [thousands(v) for v in summary["interval_score"]],
            }
        )
    )


def figure_right_edge(results: dict, horizon: int) -> float:
    """Right end of the forecast figure: a few years past the latest goal median, at most the
    horizon's end."""
    medians = [e["median_year"] for e in results["goals"].values() if e["median_year"]]
    return float(min(horizon + 1, max([2050, *medians]) + 4))


def conditional_text(results: dict, run, n_paths: int) -> str:
    """The conditional paths and the exponential check, in words."""
    pace = results["observed_pace"]["per_year"]
    lines = []
    for goal, entry in results["goals"].items():
        for year, needed in entry["required_pace"].items():
            lines.append(
                f"- {thousands(int(goal))} by {year} would take {thousands(needed)} a year "
                f"from the latest figure: {needed / pace:.1f} times the observed pace of "
                f"{thousands(pace)}."
            )
    growth = run.growth
    if len(growth):
        first, last = growth.iloc[0], growth.iloc[-1]
        verdict = (
            "so constant-rate (exponential) growth is refuted by the data and is not used"
            if run.exponential_refuted
            else "which does not rule out constant-rate growth; it is still not used as a forecast"
        )
        lines.append(
            f"- Growth per year fell from {first['growth_per_year_pct']:.0f}% "
            f"({first['from'][:4]}→{first['to'][:4]}) to {last['growth_per_year_pct']:.0f}% "
            f"({last['from'][:4]}→{last['to'][:4]}), {verdict}."
        )
    curves = run.conditional[run.conditional["kind"].isin(["logistic", "gompertz"])]
    if len(curves):
        lines.append(
            "- S-curves with their ceiling fixed at a goal (tables/conditional_paths.csv) show the "
            "shape a levelling-off towards that goal would have; they assume the goal is the "
            "ceiling, so they say nothing about whether it is reached."
        )
    return "\n".join(lines)


def pipeline_display(pipeline: pd.DataFrame) -> Markdown:
    """Working beside positive advices at shared dates."""
    if pipeline.empty:
        return Markdown("*No date has both a `working` and a positive-advice figure.*")
    return markdown_table(
        pd.DataFrame(
            {
                "date": pipeline["date"],
                "working": [thousands(v) for v in pipeline["working"]],
                "positive advices": [thousands(v) for v in pipeline["advices"]],
                "advice measure": pipeline["advice_metric"],
                "working per advice": [f"{v:.0%}" for v in pipeline["working_per_advice"]],
                "sources": pipeline["working_source_id"] + ", " + pipeline["advice_source_id"],
            }
        )
    )


def pipeline_pair(pipeline: pd.DataFrame) -> tuple[int, int]:
    """The latest pair of shared dates about a year apart (0.75-1.5 years); else first and last."""
    dates = pd.to_datetime(pipeline["date"])
    best = None
    for j in range(len(pipeline)):
        for i in range(j):
            years = (dates.iloc[j] - dates.iloc[i]).days / 365.25
            if 0.75 <= years <= 1.5 and (best is None or dates.iloc[j] >= dates.iloc[best[1]]):
                best = (i, j)
    return best if best is not None else (0, len(pipeline) - 1)


def pipeline_text(pipeline: pd.DataFrame, goal: int = 30000) -> str:
    """Growth of people working against growth of positive advices over the latest year both
    are published for, and what it implies for the pace persisting."""
    if len(pipeline) < 2:
        return "Too few shared dates to compare the growth of the two counts."
    i, j = pipeline_pair(pipeline)
    a, b = pipeline.iloc[i], pipeline.iloc[j]
    years = (pd.Timestamp(b["date"]) - pd.Timestamp(a["date"])).days / 365.25
    added_work = (b["working"] - a["working"]) / years
    added_advice = (b["advices"] - a["advices"]) / years
    rate_work = (b["working"] / a["working"]) ** (1 / years) - 1
    rate_advice = (b["advices"] / a["advices"]) ** (1 / years) - 1
    text = (
        f"From {a['date']} to {b['date']} the number working grew by {thousands(added_work)} a "
        f"year ({rate_work:.0%}) and the positive advices by {thousands(added_advice)} a year "
        f"({rate_advice:.0%}); "
        f"at every shared date {pipeline['working_per_advice'].min():.0%}–"
        f"{pipeline['working_per_advice'].max():.0%} of the positive advices were a job. "
    )
    if a["advice_metric"] != b["advice_metric"]:
        text += (
            f"(The {a['date'][:4]} figure counts advices issued ({a['advice_source_id']}), the "
            f"{b['date'][:4]} figure advice holders ({b['advice_source_id']}): indicative only.) "
        )
    ratio = added_work / added_advice if added_advice > 0 else float("inf")
    if ratio >= 0.8:
        text += (
            f"Jobs grew about as fast as the advices ({ratio:.0%} of the added advices): the "
            "pipeline, not the jobs, sets the pace. The observed pace of people working can "
            f"persist only while positive advices keep growing by about {thousands(added_advice)} "
            f"a year; {thousands(goal)} people working at the share of {b['date']} would "
            "take about "
            f"{thousands(goal / b['working_per_advice'])} positive advices."
        )
    else:
        text += (
            f"Jobs grew by {ratio:.0%} of the added advices: the pool of advice holders without a "
            f"job grew (about {thousands(b['advices'] - b['working'])} on {b['date']}), so the "
            "pipeline does not limit the pace yet; the conversion of advices into jobs does."
        )
    return text


def backtest_text(summary: pd.DataFrame, headline: str, interval: float) -> str:
    """The headline's backtest in words: coverage per lead band against the nominal level."""
    part = summary[summary["model"] == headline].set_index("lead_band")
    if part.empty:
        return f"The {model_label(headline, 'en').lower()} could not be backtested here."
    overall = part.loc["all"]
    bands = "; ".join(
        f"{band} years: {int(row.cases)} cases, {row.coverage:.0%} covered"
        for band, row in part.drop(index="all").iterrows()
    )
    return (
        f"The headline's {interval:.0%} intervals covered {overall.coverage:.0%} of "
        f"{int(overall.cases)} past cases ({bands}). With this few cases a coverage between about "
        f"{max(0.0, interval - 2 * np.sqrt(interval * (1 - interval) / overall.cases)):.0%} and "
        f"100% is consistent with the nominal {interval:.0%}: the backtest can catch intervals "
        "that are far too narrow (as the segmented trend's are), not fine-tune them."
    )


def parameter_display(fitted: dict) -> Markdown:
    """Estimated parameters of every forecast model (4 significant digits)."""
    rows = [
        {"model": model_label(name, "en"), "parameter": key, "estimate": f"{value:,.4g}"}
        for name, model in fitted.items()
        for key, value in model.params.items()
    ]
    return markdown_table(pd.DataFrame(rows))


def model_risk_text(results: dict, n_paths: int) -> str:
    """Which models are credible, their weights in the mixture, each one's chance by the
    deadline, and what the positive-advice figures say about the exit rate."""
    risk = results["model_risk"]
    lines = [
        "| model | credible? | weight in the mixture | chance of 30,000 by its deadline |",
        "|---|---|---|---|",
    ]
    deadline = results["goals"].get("30000", {}).get("deadline")
    chances = {
        m["model"]: m.get(f"p_by_{deadline}")
        for m in results["models"]
        if m["goal"] == 30000 and deadline
    }
    for model, why in risk["credibility"].items():
        weight = risk["mixture_weights"].get(model)
        p = chances.get(model)
        lines.append(
            f"| {model_label(model, 'en')} | {'yes' if why == 'credible' else 'no: ' + why} | "
            f"{'' if weight is None else f'{weight:.0%}'} | "
            f"{'' if p is None or pd.isna(p) else probability(p, n_paths)} |"
        )
    p = chances.get("mixture")
    lines.append(
        f"| **{model_label('mixture', 'en')}** | | 100% | "
        f"{'' if p is None or pd.isna(p) else probability(p, n_paths)} |"
    )
    text = "\n".join(lines)
    bound = risk.get("exit_rate_bound")
    if bound and bound.get("exit_rate_upper_bound") is not None:
        text += (
            f"\n\n*The inflow cross-check*: by {bound['date']}, {thousands(bound['issued'])} "
            f"positive advices had been issued ({bound['source_ids'][0]}); "
            f"{thousands(bound['working'])} people worked ({bound['source_ids'][1]}) and about "
            f"{thousands(bound['waiting_interpolated'])} waited (interpolated between "
            f"{bound['source_ids'][2]} and {bound['source_ids'][3]}), so about "
            f"{thousands(bound['left'])} advices had left the pipeline. Over "
            f"{bound['years']:.1f} years with on average {thousands(bound['mean_working'])} "
            f"people working, that is at most {bound['exit_rate_upper_bound']:.0%} a year "
            "leaving work (an upper bound: some who left never worked, and an advice is not a "
            "person). The exit-rate prior of the stock-flow model, 0.5–8% a year "
            "([F7](../ASSUMPTIONS.md#f7)), lies below it; the figures cannot narrow it further."
        )
    return text
