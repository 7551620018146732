"""Figures of 02_trajectory in the project's visual grammar (helpers.plotting).

Each figure takes the run (:class:`helpers.trajectory.pipeline.TrajectoryRun`, with the checked
parameters in ``run.params``) and a language, and states its finding in its title, computed from
the run. The headline is the mixture of the credible models (helpers.trajectory.mixture); the
models behind it are drawn in the comparison grey. Dates sit where ``plotting.time_position``
puts them (31 December 2030 at 2031.0), so the reference years 2030 and 2048 get their own ticks
at their year ends. Every word of both languages is in :data:`LABELS`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.markup import long_date
from helpers.numbers import percent, probability, thousands
from helpers.plotting import (
    ASSUMED_LINESTYLE,
    CONCEPT_COLOURS,
    CONCEPT_LINESTYLES,
    LABEL_SIZE,
    NEUTRAL_COLOURS,
    QUALIFIER_MARKERS,
    REFERENCE_YEARS,
    add_source_line,
    direct_label,
    time_position,
)
from helpers.presentation import count_axis, qualified_points
from helpers.trajectory.backtest import LEAD_BANDS
from helpers.trajectory.label_placement import end_labels, place_label
from helpers.trajectory.labels import FIGURE_LABELS as LABELS
from helpers.trajectory.labels import model_name
from helpers.trajectory.mixture import MIXTURE, pooled_counts
from helpers.words import QUALIFIER_LEGEND, check_language

FORECAST = CONCEPT_COLOURS["forecast"]
COMPARISON = CONCEPT_COLOURS["comparison"]
REALISED = CONCEPT_COLOURS["realised"]
TARGET = CONCEPT_COLOURS["target"]
TEXT = NEUTRAL_COLOURS["text"]
SECONDARY = NEUTRAL_COLOURS["secondary_text"]


def _words(language: str) -> dict[str, str]:
    return LABELS[check_language(language)]


def _title(text: str, width: int = 95) -> str:
    """A title wrapped to the figure's width (at most two or three lines)."""
    return "\n".join(textwrap.wrap(text, width))


def _publishers(run, source_ids: Iterable[str]) -> list[str]:
    """Publishers of the series.csv rows behind ``source_ids`` (semicolon lists allowed)."""
    ids = {i for text in source_ids if isinstance(text, str) for i in text.split(";") if i}
    series = run.params.series
    return list(series.loc[series["source_id"].isin(ids), "publisher"])


def _source(fig: Figure, run, language: str, extra_ids: Iterable[str] = ()) -> None:
    """The source line: publishers of the fitted figures (and ``extra_ids``), the data date."""
    obs = run.params.observations
    publishers = [*obs["publisher"], *_publishers(run, extra_ids)]
    add_source_line(fig, publishers, obs["reference_date"].max(), language)


def year_ticks(ax: Axes, left: float, right: float, language: str) -> None:
    """A time axis from ``left`` to ``right``: ticks on 1 January every 5 years (10 on a long
    axis), and the end of each reference year (REFERENCE_YEARS) on its own tick, where its line
    is drawn; a year tick closer to a reference tick than 8% of the axis gives way to it."""
    words = _words(language)
    span = right - left
    step = 5 if span <= 50 else 10
    ends = {year + 1.0: words["year_end"].format(year=year) for year in REFERENCE_YEARS}
    ends = {t: text for t, text in ends.items() if left < t < right}
    first = int(np.ceil(left / step) * step)
    ticks = {
        float(t): str(t)
        for t in range(first, int(right) + 1, step)
        if all(abs(t - end) >= max(3.0, 0.08 * span) for end in ends)
    }
    ticks.update(ends)
    ax.set_xlim(left, right)
    ax.set_xticks(sorted(ticks), [ticks[t] for t in sorted(ticks)])
    for t in ends:
        ax.axvline(
            t, color=CONCEPT_COLOURS["reference"], linewidth=1.6, zorder=0.5, gid="reference"
        )


def _goal_label(run, goal: int, language: str) -> str:
    """The goal's name: its register metric, and its deadline when it has one."""
    words = _words(language)
    rows = run.sources[run.sources["goal"] == goal]
    metric = str(rows["metric"].iloc[0]) if len(rows) else ""
    key = f"goal_{metric}" if f"goal_{metric}" in words else "goal_other"
    return words[key].format(goal=thousands(goal, language), year=run.deadlines.get(goal))


def mixture_levels(run, times: np.ndarray) -> pd.DataFrame:
    """Median and interval of the number working at ``times`` for the mixture of the credible
    models: the paths each model gives the mixture (mixture.pooled_counts), pooled."""
    counts = pooled_counts(run.sims, run.mixture_weights)
    pooled = []
    for name, n in counts.items():
        sim = run.sims[name]
        idx = np.clip(np.searchsorted(sim.grid, times - 1e-6), 0, len(sim.grid) - 1)
        pooled.append(sim.paths[:n][:, idx])
    levels = np.vstack(pooled)
    interval = run.params.interval
    q = np.quantile(levels, [0.5, 0.5 - interval / 2, 0.5 + interval / 2], axis=0)
    return pd.DataFrame({"t": times, "median": q[0], "lower": q[1], "upper": q[2]})


def single_model(run) -> str | None:
    """The model's name when the forecast is one model (the explorer), else None (a mixture)."""
    return next(iter(run.mixture_weights)) if len(run.mixture_weights) == 1 else None


def primary_goal(run) -> int:
    """The goal the figures lead with: the first with a deadline, else the smallest."""
    dated = [g for g in run.params.goals if run.deadlines.get(g)]
    return dated[0] if dated else min(run.params.goals)


def _mixture_row(run, goal: int) -> pd.Series:
    rows = run.goal_years[(run.goal_years["model"] == MIXTURE) & (run.goal_years["goal"] == goal)]
    return rows.iloc[0]


def _year(value, horizon: int, language: str) -> str:
    """A calendar year from the goal-year table, or "after <horizon>" when missing."""
    if pd.isna(value):
        return _words(language)["beyond"].format(year=horizon)
    return str(int(value))


def right_edge(run) -> float:
    """The flagship's right end: two years past the latest goal median of the mixture, at most
    the end of the horizon (beyond it the band only widens)."""
    horizon = run.params.horizon
    medians = [_mixture_row(run, g)["median"] for g in run.params.goals]
    if any(pd.isna(m) for m in medians):
        return float(horizon + 1)
    return float(min(horizon + 1, np.ceil(max(medians)) + 2))


def flagship_title(run, language: str) -> str:
    """The answer in one sentence: when the mixture reaches the first goal, against its
    deadline, and the next goal."""
    words = _words(language)
    p = run.params
    goal = primary_goal(run)
    first = _mixture_row(run, goal)
    horizon = p.horizon
    single = single_model(run)
    model = model_name(single, language) if single else ""
    if pd.isna(first["median_year"]):
        key = "model_never_title" if single else "never_title"
        return words[key].format(goal=thousands(goal, language), horizon=horizon, model=model)
    deadline = run.deadlines.get(goal)
    if deadline is None:
        deadline_word = words["no_deadline"]
    else:
        key = "before_deadline" if first["median_year"] <= deadline else "after_deadline"
        deadline_word = words[key].format(year=deadline)
    second = ""
    top = max(p.goals)
    if top != goal:
        row = _mixture_row(run, top)
        named = thousands(top, language)
        second = (
            words["flagship_second_never"].format(goal=named, horizon=horizon)
            if pd.isna(row["median_year"])
            else words["flagship_second"].format(goal=named, median=int(row["median_year"]))
        )
    text = words["model_title" if single else "flagship_title"].format(
        model=model,
        goal=thousands(goal, language),
        median=int(first["median_year"]),
        pct=round(p.interval * 100),
        low=_year(first["low_year"], horizon, language),
        high=_year(first["high_year"], horizon, language),
        deadline_word=deadline_word,
        second=second,
    )
    return text.rstrip("; ")


def _draw_taakstelling(ax: Axes, path: pd.DataFrame, right: float) -> None:
    """The yearly taakstelling at its year ends: solid between published years, dashed where a
    year is assumed, published years marked with a square."""
    t = path["year"].to_numpy(dtype=float) + 1.0
    v = path["target"].to_numpy(dtype=float)
    published = (path["target_status"] == "published").to_numpy()
    for i in range(len(t) - 1):
        if t[i + 1] > right:
            break
        style = "-" if published[i] and published[i + 1] else ASSUMED_LINESTYLE
        ax.plot(t[i : i + 2], v[i : i + 2], color=TARGET, linestyle=style, lw=1.6, gid="target")
    keep = published & (t <= right)
    ax.plot(t[keep], v[keep], "s", color=TARGET, markersize=5, zorder=4, gid="target")


def _draw_forecast(ax: Axes, run, right: float, language: str) -> list[tuple[float, str, str]]:
    """The mixture's median and interval band, each credible model's median as a thin grey
    line; returns their labels for the right margin (end value, text, colour)."""
    words = _words(language)
    grid = run.sims[next(iter(run.mixture_weights))].grid
    band = mixture_levels(run, grid[grid <= right + 1e-9])
    projections = run.projections
    ends = []
    for name in run.mixture_weights if not single_model(run) else ():
        part = projections[projections["model"] == name]
        t = time_position(part["date"])
        keep = t <= right + 1e-9
        ax.plot(t[keep], part["median"][keep], color=COMPARISON, lw=0.9, zorder=3, gid="comparison")
        ends.append(float(part["median"][keep].iloc[-1]))
    ax.fill_between(
        band["t"], band["lower"], band["upper"], color=FORECAST, alpha=0.22, lw=0, zorder=2
    )
    ax.plot(band["t"], band["median"], color=FORECAST, lw=2.4, zorder=4, gid="forecast")
    pct = round(run.params.interval * 100)
    if single_model(run):  # its median is the band's: no spread of models to label
        return [(float(band["median"].iloc[-1]), words["model_label"].format(pct=pct), FORECAST)]
    return [
        (float(band["median"].iloc[-1]), words["mixture_label"].format(pct=pct), FORECAST),
        (min(ends), words["models_label"], SECONDARY),
    ]


def _draw_pace(ax: Axes, run, language: str):
    """The straight line it would take to reach the first goal by the first reference year:
    dotted, a condition and not a forecast; returns its label (text, colour, candidate places)
    or None when the data already pass that year."""
    goal, year = primary_goal(run), REFERENCE_YEARS[0]
    conditional = run.conditional
    line = conditional[conditional["path"] == f"pace_{goal}_by_{year}"]
    if line.empty:
        return None
    t, v = line["t"].to_numpy(dtype=float), line["value"].to_numpy(dtype=float)
    ax.plot(
        t,
        v,
        color=CONCEPT_COLOURS["pace_2030"],
        linestyle=CONCEPT_LINESTYLES["pace_2030"],
        lw=2,
        zorder=3,
        gid="pace_2030",
    )
    pace = (v[-1] - v[0]) / (t[-1] - t[0])
    text = _words(language)["pace_label"].format(
        goal=thousands(goal, language), year=year, pace=thousands(pace, language)
    )

    def along(share: float) -> tuple[float, float]:
        return (t[0] + share * (t[-1] - t[0]), v[0] + share * (v[-1] - v[0]))

    candidates = [
        (along(0.8), (-10, 6), "right", "bottom"),
        (along(0.6), (-10, 6), "right", "bottom"),
        (along(0.75), (-16, 0), "right", "center"),
        (along(0.5), (-16, 0), "right", "center"),
        (along(1.0), (-6, -6), "right", "top"),
        (along(1.0), (6, 4), "left", "bottom"),
        (along(0.4), (12, -4), "left", "top"),
    ]
    return text, CONCEPT_COLOURS["pace_2030"], candidates


def _taakstelling_label(run, right: float, language: str):
    """The label of the taakstelling at the last year end drawn: text, colour, candidates."""
    path = run.target_path
    last = path[path["year"] + 1.0 <= right].iloc[-1]
    xy = (float(last["year"]) + 1.0, float(last["target"]))
    text = _words(language)["taakstelling_label"].format(
        goal=thousands(last["target"], language), year=int(last["year"])
    )
    candidates = [
        (xy, (6, -4), "left", "top"),
        (xy, (-6, -6), "right", "top"),
        (xy, (-6, 6), "right", "bottom"),
    ]
    return text, TARGET, candidates


def _latest_label(run, language: str):
    """The label of the latest figure of the fit: text, colour, candidate places."""
    obs = run.params.observations
    last = obs.iloc[-1]
    xy = (float(time_position([last["reference_date"]])[0]), float(last["value"]))
    text = _words(language)["latest"].format(
        value=thousands(last["value"], language),
        date=long_date(last["reference_date"], language),
    )
    candidates = [
        (xy, (8, -4), "left", "top"),
        (xy, (8, -12), "left", "top"),
        (xy, (-8, 8), "right", "bottom"),
        (xy, (0, -14), "center", "top"),
    ]
    return text, REALISED, candidates


def _draw_observations(ax: Axes, run, language: str) -> None:
    """The published figures of the fit, one marker per qualifier, and a key of the markers in
    use; figures published after the fit end as crosses."""
    words = _words(language)
    obs = run.params.observations
    x = time_position(obs["reference_date"])
    qualified_points(ax, x, obs["value"], obs["qualifier"], REALISED, size=6, zorder=6)
    used = [q for q in QUALIFIER_MARKERS if q in set(obs["qualifier"])]
    handles = [
        ax.plot(
            [],
            [],
            linestyle="none",
            color=REALISED,
            markerfacecolor=REALISED if QUALIFIER_MARKERS[q]["fillstyle"] == "full" else "white",
            marker=QUALIFIER_MARKERS[q]["marker"],
            markersize=6,
            label=QUALIFIER_LEGEND[language][q],
        )[0]
        for q in used
    ]
    later = _left_out(run)
    if len(later):
        ax.plot(
            time_position(later["reference_date"]),
            later["value"],
            "x",
            color=REALISED,
            markersize=6,
            zorder=6,
        )
        handles.append(
            ax.plot([], [], "x", color=REALISED, label=words["left_out"].replace("\n", " "))[0]
        )
    if len(handles) > 1:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, 0.9),
            fontsize=LABEL_SIZE,
            frameon=False,
            handletextpad=0.3,
        )


def _left_out(run) -> pd.DataFrame:
    """Figures of people working published after the fit's last year (not used by the fit)."""
    p = run.params
    series = p.series
    working = series[(series["metric"] == "working") & series["reference_date"].notna()]
    return working[working["reference_date"].dt.year > p.fit_end]


def _draw_goals(ax: Axes, run, left: float, language: str) -> None:
    """The goals as thin black lines, named at the left end."""
    for goal in run.params.goals:
        ax.axhline(goal, color=CONCEPT_COLOURS["goal"], lw=0.9, zorder=1, gid="goal")
        direct_label(
            ax,
            _goal_label(run, goal, language),
            (left, goal),
            (4, 3),
            CONCEPT_COLOURS["goal"],
            va="bottom",
        )


def figure_flagship(run, language: str) -> Figure:
    """The answer at page width: the published figures (marker per qualifier), the
    taakstelling, the mixture of the credible models (median and interval) with each credible
    model's median, the pace the first goal would take by 2030 (dotted: a condition), the goals,
    the reference years on their own ticks, and the source line (ASSUMPTIONS.md#f17)."""
    p = run.params
    fig = Figure(figsize=(9.0, 5.6), layout="constrained")
    ax = fig.subplots()
    left = float(time_position(p.observations["reference_date"]).min()) - 0.5
    right = right_edge(run)
    _draw_taakstelling(ax, run.target_path, right)
    ends = _draw_forecast(ax, run, right, language)
    pace_label = _draw_pace(ax, run, language)
    _draw_observations(ax, run, language)
    _draw_goals(ax, run, left, language)
    path = run.target_path
    ax.set_ylim(0, max(p.goals) * 1.12)
    end_labels(ax, ends, right)
    year_ticks(ax, left, right, language)
    count_axis(ax, language)
    ax.set_ylabel(_words(language)["people_places"])
    ax.grid(axis="x", visible=False)
    fig.suptitle(_title(flagship_title(run, language)), fontsize=12, x=0.01, ha="left")
    ids = [*path["target_source_ids"], *run.sources["source_ids"]]
    _source(fig, run, language, ids)
    for label in (
        pace_label,
        _latest_label(run, language),
        _taakstelling_label(run, right, language),
    ):
        if label is not None:
            place_label(fig, ax, *label)
    return fig


def _credible(run) -> list[str]:
    return list(run.mixture_weights)


def goal_years_title(run, language: str) -> str:
    """The spread of the credible models' median years for the first goal, and the mixture's."""
    words = _words(language)
    p = run.params
    goal = primary_goal(run)
    table = run.goal_years[run.goal_years["goal"] == goal].set_index("model")
    mix = table.loc[MIXTURE]
    if pd.isna(mix["median_year"]):
        return words["goal_years_title_never"].format(
            goal=thousands(goal, language), horizon=p.horizon
        )
    medians = table.loc[_credible(run), "median_year"]
    high = None if medians.isna().any() else medians.max()
    return words["goal_years_title"].format(
        goal=thousands(goal, language),
        low=int(medians.min()),
        high=_year(high, p.horizon, language),
        median=int(mix["median_year"]),
        pct=round(p.interval * 100),
        range_low=_year(mix["low_year"], p.horizon, language),
        range_high=_year(mix["high_year"], p.horizon, language),
    )


def _goal_row(ax: Axes, row: pd.Series, y: float, end: float, colour: str, alpha: float) -> None:
    """One model's range bar (to the axis end, with an arrow, when it runs past the horizon)
    and its median dot."""
    lower = row["lower"] if pd.notna(row["lower"]) else end
    upper = row["upper"] if pd.notna(row["upper"]) else end
    ax.plot([lower, upper], [y, y], color=colour, lw=4, solid_capstyle="butt", alpha=alpha)
    if pd.isna(row["upper"]):
        ax.annotate(
            "",
            xy=(end + 0.4, y),
            xytext=(end - 0.6, y),
            arrowprops={"arrowstyle": "-|>", "color": colour, "alpha": alpha, "lw": 1.5},
        )
    if pd.notna(row["median"]):
        ax.plot(
            row["median"],
            y,
            "o",
            color=colour,
            markersize=8,
            markeredgecolor=NEUTRAL_COLOURS["background"],
            alpha=alpha,
            zorder=4,
        )


def figure_goal_years(run, language: str) -> Figure:
    """One panel per goal, a row per model and the mixture (highlighted) at the foot: the year
    the goal is reached, median (dot) and range (bar); a range that runs past the horizon ends in
    an arrow with the share of paths that do not reach the goal by then."""
    p = run.params
    words = _words(language)
    goals = list(p.goals)
    names = [n for n in dict.fromkeys(run.goal_years["model"]) if n != MIXTURE] + [MIXTURE]
    credible = set(_credible(run))
    fig = Figure(figsize=(9.0, 1.6 + 0.42 * len(names) * len(goals)), layout="constrained")
    axes = fig.subplots(len(goals), 1, sharex=True, squeeze=False)[:, 0]
    end = p.horizon + 1.0
    left = float(np.floor(np.nanmin(run.goal_years["lower"].to_numpy(dtype=float)))) - 1.0
    for ax, goal in zip(axes, goals, strict=True):
        part = run.goal_years[run.goal_years["goal"] == goal].set_index("model")
        for i, name in enumerate(names):
            row = part.loc[name]
            y = len(names) - 1 - i
            colour = FORECAST if name == MIXTURE else COMPARISON
            alpha = 1.0 if name in credible or name == MIXTURE else 0.45
            _goal_row(ax, row, y, end, colour, alpha)
            if pd.isna(row["upper"]):
                direct_label(
                    ax,
                    words["p_never"].format(
                        p=probability(row["p_never"], p.n_paths, language), horizon=p.horizon
                    ),
                    (end, y),
                    (-2, 5),
                    colour,
                    ha="right",
                    va="bottom",
                )
        labels = [
            model_name(n, language)
            if n in credible or n == MIXTURE
            else words["not_credible"].format(model=model_name(n, language))
            for n in names
        ]
        ax.set_yticks(range(len(names))[::-1], labels, fontsize=LABEL_SIZE)
        ax.get_yticklabels()[-1].set_color(FORECAST)
        ax.set_ylim(-0.6, len(names) - 0.15)
        ax.grid(axis="y", visible=False)
        ax.set_title(_goal_label(run, goal, language), fontsize=10, loc="left")
    for ax in axes:
        year_ticks(ax, left, end + 1.0, language)
    axes[-1].set_xlabel(words["goal_years_axis"].format(pct=round(p.interval * 100)))
    fig.suptitle(_title(goal_years_title(run, language)), fontsize=12, x=0.01, ha="left")
    _source(fig, run, language)
    return fig


def _held(row: pd.Series, interval: float) -> bool:
    """An interval "holds" when its coverage is at least the nominal level less one binomial
    standard error of a coverage measured on that many cases (ASSUMPTIONS.md#f18)."""
    error = np.sqrt(interval * (1 - interval) / row["cases"])
    return bool(row["coverage"] >= interval - error)


def backtest_title(run, language: str) -> str:
    """How many models' intervals hold over all lead times, and which scores best."""
    overall = run.backtest[run.backtest["lead_band"] == "all"]
    interval = run.params.interval
    held = sum(_held(row, interval) for _, row in overall.iterrows())
    best = overall.loc[overall["interval_score"].idxmin(), "model"]
    return _words(language)["backtest_title"].format(
        pct=round(interval * 100), held=held, n=len(overall), best=model_name(best, language)
    )


def figure_backtest(run, language: str) -> Figure:
    """Per model (a group of bars, one per lead band) the share of backtest cases inside the
    interval against the nominal level (left) and the mean interval score (right); each bar says
    its lead band and its number of cases."""
    p = run.params
    words = _words(language)
    part = run.backtest[run.backtest["lead_band"] != "all"]
    names = list(dict.fromkeys(part["model"]))
    bands = [b for _, _, b in LEAD_BANDS if b in set(part["lead_band"])]
    height = 0.8 / len(bands)
    fig = Figure(figsize=(10.0, 1.6 + 0.28 * len(bands) * len(names)), layout="constrained")
    cover, score = fig.subplots(1, 2, sharey=True)
    pct = round(p.interval * 100)
    for i, name in enumerate(names):
        rows = part[part["model"] == name].set_index("lead_band")
        for j, band in enumerate(bands):
            if band not in rows.index:
                continue
            row = rows.loc[band]
            y = len(names) - 1 - i + (len(bands) / 2 - j - 0.5) * height
            for ax, value, text in (
                (
                    cover,
                    row["coverage"],
                    words["band_cases"].format(band=band.replace("-", "–"), n=int(row["cases"])),
                ),
                (score, row["interval_score"], thousands(row["interval_score"], language)),
            ):
                ax.barh(y, value, height=height * 0.85, color=COMPARISON, gid="comparison")
                direct_label(
                    ax,
                    text,
                    (value, y),
                    (3, 0),
                    TEXT,
                    va="center",
                    bbox={
                        "facecolor": NEUTRAL_COLOURS["background"],
                        "edgecolor": "none",
                        "pad": 0.4,
                    },
                )
    cover.axvline(p.interval, color=TEXT, lw=1.2, zorder=1.5)
    direct_label(
        cover,
        words["nominal"].format(pct=pct),
        (p.interval, 1.0),
        (0, 3),
        TEXT,
        xycoords=("data", "axes fraction"),
        ha="center",
        va="bottom",
    )
    cover.set_xlim(0, 1.6)
    cover.set_xticks(
        [0, 0.25, 0.5, 0.75, 1.0], [percent(v, language) for v in (0, 0.25, 0.5, 0.75, 1)]
    )
    cover.set_xlabel(words["coverage"].format(pct=pct))
    score.set_xlim(0, part["interval_score"].max() * 1.25)
    count_axis(score, language, "x")
    score.set_xlabel(words["interval_score"])
    cover.set_yticks(range(len(names))[::-1], [model_name(n, language) for n in names])
    cover.set_ylim(-0.55, len(names) - 0.45)
    for ax in (cover, score):
        ax.grid(axis="y", visible=False)
    fig.suptitle(_title(backtest_title(run, language), 105), fontsize=12, x=0.01, ha="left")
    _source(fig, run, language)
    return fig
