"""The trajectory's generated prose, in the reader's language, written from its key numbers.

Every sentence comes from :mod:`.labels`; numbers are localised through helpers.numbers
(1,234 / 1.234; 12.5% / 12,5%) and simulated chances never read 0% or 100% (``probability``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.markup import in_words, long_date
from helpers.numbers import decimal, percent, probability, thousands
from helpers.trajectory.labels import model_name, text


def counted(value: float, qualifier: str, language: str) -> str:
    """A count with its qualifier as a word before it ("about 1,200", "meer dan 2.500")."""
    return in_words(thousands(value, language), qualifier, language)


def year_range(low, high, horizon: int, language: str) -> str:
    """ "2037–2045", or "2037 to after 2060" when the range runs past the horizon."""
    if low is None or pd.isna(low):
        return text("after", language, horizon=horizon)
    if high is None or pd.isna(high):
        return text("range_open", language, low=int(low), horizon=horizon)
    return text("range", language, low=int(low), high=int(high))


def _figure(record: dict, language: str) -> str:
    """A published figure of results.json in words: "8,032 on 31 December 2022 (S024)"."""
    return text(
        "figure_item",
        language,
        value=counted(record["value"], record["qualifier"], language),
        date=long_date(record["date"], language),
        source=record["source_id"],
    )


def headline_sentences(results: dict, language: str) -> str:
    """One bold sentence per goal: the median year, its range, and for a goal with a deadline
    the chance of reaching it by then."""
    n_paths, pct, horizon = results["n_paths"], round(results["interval"] * 100), results["horizon"]
    parts = []
    for goal, entry in results["goals"].items():
        name = thousands(int(goal), language)
        if entry["median_year"] is None:
            parts.append(text("goal_not_reached", language, goal=name, horizon=horizon) + ".")
            continue
        span = year_range(entry["low_year"], entry["high_year"], horizon, language)
        sentence = text(
            "goal_reached", language, goal=name, median=entry["median_year"], pct=pct, range=span
        )
        deadline = entry["deadline"]
        if deadline is not None:
            chance = probability(entry["p_by"][str(deadline)], n_paths, language)
            sentence += text("goal_chance", language, goal=name, deadline=deadline, chance=chance)
        else:
            sentence += text("goal_no_deadline", language)
        parts.append(sentence)
    return "**" + " ".join(parts) + "**"


def _goal_item(goal: str, entry: dict, results: dict, language: str) -> str:
    """One bullet of the answer: median, range, chances, spread of the models, pace needed."""
    n_paths, pct, horizon = results["n_paths"], round(results["interval"] * 100), results["horizon"]
    name = thousands(int(goal), language)
    if entry["median_year"] is None:
        item = text("goal_item_not_reached", language, goal=name, horizon=horizon)
    else:
        span = year_range(entry["low_year"], entry["high_year"], horizon, language)
        item = text(
            "goal_item", language, goal=name, median=entry["median_year"], pct=pct, range=span
        )
    if entry["deadline"] is not None:
        chances = ", ".join(
            text("chance_by", language, year=year, chance=probability(p, n_paths, language))
            for year, p in entry["p_by"].items()
        )
        item += text("chances", language, list=chances, deadline=entry["deadline"])
    else:
        item += text("no_deadline", language)
    spread = entry["spread"]
    if spread["low_year"] is not None:
        span = year_range(spread["low_year"], spread["high_year"], horizon, language)
        item += text("spread", language, range=span)
    for year, pace in entry["required_pace"].items():
        item += text("pace_needed", language, year=year, pace=thousands(pace, language))
    return item + "."


def _nowcast_sentence(results: dict, language: str) -> str:
    now = results["nowcast"]
    if now is None:
        return text("no_nowcast", language)
    return text(
        "nowcast",
        language,
        date=long_date(now["date"], language),
        median=thousands(now["median"], language),
        pct=round(results["interval"] * 100),
        low=thousands(now["low"], language),
        high=thousands(now["high"], language),
    )


def answer(results: dict, language: str) -> str:
    """The answer in words (Markdown), written from the trajectory section of results.json."""
    latest, pace = results["latest"], results["observed_pace"]
    lines = [
        headline_sentences(results, language),
        "",
        text(
            "latest",
            language,
            value=counted(latest["value"], latest["qualifier"], language),
            date=long_date(latest["date"], language),
            source=latest["source_id"],
            pace=thousands(pace["per_year"], language),
            start=long_date(pace["from_date"], language),
            end=long_date(pace["to_date"], language),
            model=model_name(results["headline_model"], language).lower(),
            pct=round(results["interval"] * 100),
        ),
        "",
        *(_goal_item(goal, entry, results, language) for goal, entry in results["goals"].items()),
        "",
        _nowcast_sentence(results, language),
    ]
    left = results["fit"]["left_out"]
    if left:
        items = "; ".join(_figure(o, language) for o in left)
        lines += [
            "",
            text("left_out_note", language, end=results["fit"]["end"], n=len(left), list=items),
        ]
    return "\n".join(lines).strip()


def fit_window_text(run, language: str) -> str:
    """Which years the fit uses, and the figures a pinned fit_end leaves out."""
    fit = run.results["fit"]
    out = text(
        "fit_window",
        language,
        start=fit["start"],
        end=fit["end"],
        last=fit["last_observation_year"],
    )
    if fit["left_out"]:
        items = "; ".join(
            _figure(o, language) + _band_words(o.get("published_band"), language)
            for o in fit["left_out"]
        )
        out += text("fit_pinned", language, end=fit["end"], list=items)
    return out


def _band_words(band: dict | None, language: str) -> str:
    """ ", inside/outside the 80% band of <model> for a published figure on that date (a–b)"."""
    if not band:
        return ""
    return text(
        "band_inside" if band["inside"] else "band_outside",
        language,
        pct=percent(band["interval"], language),
        model=model_name(band["model"], language).lower(),
        low=thousands(band["low"], language),
        high=thousands(band["high"], language),
    )


def backtest_text(run, language: str) -> str:
    """The backtest of the model that draws the figures' band (``run.headline``) in words: the
    share of cases inside its intervals per lead band, against the nominal level."""
    summary, model, interval = run.backtest, run.headline, run.params.interval
    name = model_name(model, language).lower()
    part = summary[summary["model"] == model].set_index("lead_band")
    if part.empty or "all" not in part.index:
        return text("not_backtested", language, model=name)
    overall = part.loc["all"]
    bands = "; ".join(
        text(
            "backtest_band",
            language,
            band=band,
            cases=int(row.cases),
            coverage=percent(row.coverage, language),
        )
        for band, row in part.drop(index="all").iterrows()
    )
    low = max(0.0, interval - 2 * np.sqrt(interval * (1 - interval) / overall.cases))
    return text(
        "backtest_text",
        language,
        pct=percent(interval, language),
        model=name,
        coverage=percent(overall.coverage, language),
        cases=int(overall.cases),
        bands=bands,
        low=percent(low, language),
    )


def conditional_text(run, language: str) -> str:
    """The pace each goal would take, the exponential check and the S-curves, in words."""
    results, growth, refuted = run.results, run.growth, run.exponential_refuted
    curves = run.conditional["kind"].isin(["logistic", "gompertz"]).any()
    pace = results["observed_pace"]["per_year"]
    lines = [
        text(
            "needed_pace",
            language,
            goal=thousands(int(goal), language),
            year=year,
            needed=thousands(needed, language),
            times=decimal(needed / pace, language, 1),
            pace=thousands(pace, language),
        )
        for goal, entry in results["goals"].items()
        for year, needed in entry["required_pace"].items()
    ]
    if len(growth):
        first, last = growth.iloc[0], growth.iloc[-1]
        lines.append(
            text(
                "growth",
                language,
                first=percent(first["growth_per_year_pct"] / 100, language),
                first_span=f"{first['from'][:4]}→{first['to'][:4]}",
                last=percent(last["growth_per_year_pct"] / 100, language),
                last_span=f"{last['from'][:4]}→{last['to'][:4]}",
                verdict=text("growth_refuted" if refuted else "growth_possible", language),
            )
        )
    if curves:
        lines.append(text("s_curves", language))
    return "\n".join(lines)


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


def pipeline_text(pipeline: pd.DataFrame, language: str, goal: int = 30000) -> str:
    """Growth of people working against growth of positive advices over the latest year both
    are published for, and what it implies for the pace lasting (``goal`` people working)."""
    if len(pipeline) < 2:
        return text("pipeline_too_few", language)
    i, j = pipeline_pair(pipeline)
    a, b = pipeline.iloc[i], pipeline.iloc[j]
    years = (pd.Timestamp(b["date"]) - pd.Timestamp(a["date"])).days / 365.25
    added_work = (b["working"] - a["working"]) / years
    added_advice = (b["advices"] - a["advices"]) / years
    out = text(
        "pipeline_growth",
        language,
        start=long_date(a["date"], language),
        end=long_date(b["date"], language),
        work=thousands(added_work, language),
        work_rate=percent((b["working"] / a["working"]) ** (1 / years) - 1, language),
        advice=thousands(added_advice, language),
        advice_rate=percent((b["advices"] / a["advices"]) ** (1 / years) - 1, language),
        low=percent(pipeline["working_per_advice"].min(), language),
        high=percent(pipeline["working_per_advice"].max(), language),
    )
    if a["advice_metric"] != b["advice_metric"]:
        out += text(
            "pipeline_measures",
            language,
            first_year=a["date"][:4],
            first_source=a["advice_source_id"],
            last_year=b["date"][:4],
            last_source=b["advice_source_id"],
        )
    ratio = added_work / added_advice if added_advice > 0 else float("inf")
    if ratio >= 0.8:
        return out + text(
            "pipeline_limits",
            language,
            ratio=percent(ratio, language),
            advice=thousands(added_advice, language),
            goal=thousands(goal, language),
            date=long_date(b["date"], language),
            needed=thousands(goal / b["working_per_advice"], language),
        )
    return out + text(
        "pipeline_free",
        language,
        ratio=percent(ratio, language),
        waiting=thousands(b["advices"] - b["working"], language),
        date=long_date(b["date"], language),
    )


def exit_bound_text(run, language: str) -> str:
    """The upper bound on the exit rate from the positive-advice figures, in words ("" if none)."""
    bound = run.results["model_risk"].get("exit_rate_bound")
    if not bound or bound.get("exit_rate_upper_bound") is None:
        return ""
    ids = bound["source_ids"]
    return text(
        "exit_bound",
        language,
        date=long_date(bound["date"], language),
        issued=thousands(bound["issued"], language),
        issued_source=ids[0],
        working=thousands(bound["working"], language),
        working_source=ids[1],
        waiting=thousands(bound["waiting_interpolated"], language),
        waiting_first=ids[2],
        waiting_last=ids[3],
        left=thousands(bound["left"], language),
        years=decimal(bound["years"], language, 1),
        mean=thousands(bound["mean_working"], language),
        bound=percent(bound["exit_rate_upper_bound"], language),
    )
