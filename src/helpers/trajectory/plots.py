"""Figures of the trajectory notebook (house style from helpers.plotting)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from helpers.plotting import COLOURS, QUALIFIER_FILL, SOURCE_KIND_MARKERS, thousands, translate
from helpers.trajectory.data import decimal_year

LABELS = {
    "en": {
        "realised_title": "People in beschut werk: realised, targets and goals",
        "fan_title": "Projections of every model ({pct}% interval)",
        "goal_title": "Year each goal is reached (median and {pct}% range)",
        "backtest_title": "Rolling-origin backtest: mean absolute error",
        "year": "Year",
        "people": "People (places before mid-2016)",
        "target": "Published yearly target",
        "goal": "Goal",
        "exact": "exact",
        "approximate": "approximate or bound (hollow)",
        "mae": "Mean absolute error (people, log scale)",
        "horizon": "{h} year(s) ahead",
        "not_reached": "not by {h}",
        "p_never": "not by end {h}: {p}",
        "model": "Model",
        "goal_year": "Year reached",
        "official": "official",
        "secondary": "secondary",
        "advocacy": "advocacy",
        "observed": "observed",
        "segmented": "Segmented trend (break 2017)",
        "linear_2017": "Linear trend since 2017",
        "random_walk": "Random walk with drift",
        "damped_ets": "Damped-trend ETS (pessimistic)",
        "logistic": "Logistic, capacity {k}",
        "gompertz": "Gompertz, capacity {k}",
        "exponential": "Exponential (implausible extreme)",
    },
    "nl": {
        "realised_title": "Mensen in beschut werk: gerealiseerd, taakstellingen en doelen",
        "fan_title": "Projecties van elk model ({pct}%-interval)",
        "goal_title": "Jaar waarin elk doel wordt bereikt (mediaan en {pct}%-bereik)",
        "backtest_title": "Backtest met rollende oorsprong: gemiddelde absolute fout",
        "year": "Jaar",
        "people": "Mensen (plekken vóór medio 2016)",
        "target": "Gepubliceerde jaarlijkse taakstelling",
        "goal": "Doel",
        "exact": "exact",
        "approximate": "ongeveer of grens (open)",
        "mae": "Gemiddelde absolute fout (mensen, log-schaal)",
        "horizon": "{h} jaar vooruit",
        "not_reached": "niet vóór {h}",
        "p_never": "niet vóór eind {h}: {p}",
        "model": "Model",
        "goal_year": "Jaar bereikt",
        "official": "officieel",
        "secondary": "secundair",
        "advocacy": "belangenbehartiging",
        "observed": "waargenomen",
        "segmented": "Gesegmenteerde trend (knik 2017)",
        "linear_2017": "Lineaire trend vanaf 2017",
        "random_walk": "Random walk met drift",
        "damped_ets": "Gedempte-trend ETS (pessimistisch)",
        "logistic": "Logistisch, capaciteit {k}",
        "gompertz": "Gompertz, capaciteit {k}",
        "exponential": "Exponentieel (onrealistisch uiterste)",
    },
}


def label(key: str, language: str, **fields) -> str:
    """A translated label with its fields filled in."""
    return translate(LABELS, key, language).format(**fields)


def model_label(name: str, language: str) -> str:
    """Readable model name (capacity curves carry their capacity)."""
    for prefix in ("logistic", "gompertz"):
        if name.startswith(prefix + "_"):
            return label(prefix, language, k=thousands(int(name.split("_")[1]), language))
    return label(name, language)


def _axis_thousands(ax, language: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: thousands(v, language)))


def plot_observations(ax, observations: pd.DataFrame, language: str, legend: bool = True) -> None:
    """Realised points: marker by source kind, filled if exact, hollow if approximate/bounded."""
    for kind, marker in SOURCE_KIND_MARKERS.items():
        for qualifier, fill in QUALIFIER_FILL.items():
            rows = observations[
                (observations["source_kind"] == kind) & (observations["qualifier"] == qualifier)
            ]
            if rows.empty:
                continue
            ax.plot(
                rows["t"],
                rows["value"],
                linestyle="none",
                marker=marker,
                markersize=6,
                color=COLOURS["realised"],
                markerfacecolor=COLOURS["realised"] if fill == "full" else "white",
                zorder=5,
            )
    if legend:
        handles = [
            Line2D(
                [],
                [],
                linestyle="none",
                marker=m,
                color=COLOURS["realised"],
                label=label(k, language),
            )
            for k, m in SOURCE_KIND_MARKERS.items()
            if (observations["source_kind"] == k).any()
        ]
        handles += [
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                color=COLOURS["neutral"],
                label=label("exact", language),
            ),
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                color=COLOURS["neutral"],
                markerfacecolor="white",
                label=label("approximate", language),
            ),
        ]
        ax.legend(handles=handles, loc="upper left")


def figure_realised(
    observations: pd.DataFrame, targets: pd.DataFrame, goals: Sequence[int], language: str
) -> plt.Figure:
    """Realised points with the published yearly targets and the goal lines."""
    fig, ax = plt.subplots()
    plot_observations(ax, observations, language, legend=False)
    if not targets.empty:
        ax.plot(
            decimal_year(targets["reference_date"]),
            targets["value"],
            linestyle="--",
            marker="_",
            markersize=12,
            color=COLOURS["target"],
            label=label("target", language),
        )
    right = observations["t"].max()
    if not targets.empty:
        right = max(right, decimal_year(targets["reference_date"]).max())
    for goal in goals:
        ax.axhline(goal, color=COLOURS["goal"], linewidth=1, linestyle=":")
        ax.text(
            right,
            goal,
            f"{label('goal', language)} {thousands(goal, language)} ",
            ha="right",
            va="bottom",
            fontsize=8,
            color=COLOURS["goal"],
        )
    handles, _ = ax.get_legend_handles_labels()
    plot_observations(ax, observations.iloc[0:0], language, legend=False)
    kinds = [k for k in SOURCE_KIND_MARKERS if (observations["source_kind"] == k).any()]
    handles += [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=SOURCE_KIND_MARKERS[k],
            color=COLOURS["realised"],
            label=label(k, language),
        )
        for k in kinds
    ]
    handles.append(
        Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            color=COLOURS["realised"],
            markerfacecolor="white",
            label=label("approximate", language),
        )
    )
    ax.legend(handles=handles, loc="upper left")
    ax.set_title(label("realised_title", language))
    ax.set_xlabel(label("year", language))
    ax.set_ylabel(label("people", language))
    ax.set_ylim(0, max(goals) * 1.08)
    _axis_thousands(ax, language)
    fig.tight_layout()
    return fig


def figure_fans(
    observations: pd.DataFrame,
    trajectory: pd.DataFrame,
    goals: Sequence[int],
    interval: float,
    language: str,
) -> plt.Figure:
    """Small multiples: every model's central line and interval, with observations and goals."""
    names = list(dict.fromkeys(trajectory["model"]))
    ncols = 3
    nrows = int(np.ceil(len(names) / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(11, 3.0 * nrows), sharex=True, sharey=True)
    axes = np.atleast_1d(axes).ravel()
    top = max(goals) * 1.25
    for ax, name in zip(axes, names, strict=False):
        part = trajectory[trajectory["model"] == name]
        t = decimal_year(part["date"])
        ax.fill_between(
            t,
            part["lower"].clip(upper=top),
            part["upper"].clip(upper=top),
            color=COLOURS["model"],
            alpha=0.25,
            linewidth=0,
        )
        ax.plot(t, part["mean"].clip(upper=top), color=COLOURS["model"], linewidth=1.5)
        plot_observations(ax, observations, language, legend=False)
        for goal in goals:
            ax.axhline(goal, color=COLOURS["goal"], linewidth=0.8, linestyle=":")
        ax.set_title(model_label(name, language), fontsize=9)
        ax.set_ylim(0, top)
        _axis_thousands(ax, language)
    for ax in axes[len(names) :]:
        ax.set_visible(False)
    fig.suptitle(label("fan_title", language, pct=round(interval * 100)))
    fig.supxlabel(label("year", language))
    fig.supylabel(label("people", language))
    fig.tight_layout()
    return fig


def figure_goal_years(
    table: pd.DataFrame, horizon: int, interval: float, language: str
) -> plt.Figure:
    """Per goal, a row per model: median (dot) and range (line); arrows where beyond horizon."""
    goals = list(dict.fromkeys(table["goal"]))
    names = list(dict.fromkeys(table["model"]))
    fig, axes = plt.subplots(
        1,
        len(goals),
        figsize=(5.2 * len(goals), 0.45 * len(names) + 1.6),
        sharey=True,
        squeeze=False,
    )
    end = horizon + 1.0
    for ax, goal in zip(axes[0], goals, strict=True):
        part = table[table["goal"] == goal].set_index("model")
        for i, name in enumerate(names):
            row = part.loc[name]
            y = len(names) - 1 - i
            lower = row["lower"] if pd.notna(row["lower"]) else end
            upper = row["upper"] if pd.notna(row["upper"]) else end
            ax.plot([lower, upper], [y, y], color=COLOURS["model"], linewidth=2)
            if pd.notna(row["median"]):
                ax.plot(row["median"], y, "o", color=COLOURS["realised"])
            if pd.isna(row["upper"]):
                ax.annotate(
                    "",
                    xy=(end + 1.5, y),
                    xytext=(end, y),
                    arrowprops={"arrowstyle": "->", "color": COLOURS["model"]},
                )
            if row["p_never"] > 0:
                share = row["p_never"] * 100
                text = "<0.1%" if share < 0.1 else f"{share:.1f}%"
                ax.text(
                    end + 2,
                    y,
                    label("p_never", language, h=horizon, p=text),
                    va="center",
                    fontsize=7,
                    color=COLOURS["neutral"],
                )
        ax.axvline(2049.0, color=COLOURS["target"], linewidth=0.8, linestyle="--")
        ax.text(2049.0, -0.9, " 2048", fontsize=7, color=COLOURS["target"], va="center")
        ax.set_ylim(-1.2, len(names) - 0.5)
        ax.set_title(f"{label('goal', language)} {thousands(goal, language)}")
        ax.set_xlabel(label("goal_year", language))
        ax.set_xlim(None, end + 14)
    axes[0][0].set_yticks(range(len(names)))
    axes[0][0].set_yticklabels([model_label(n, language) for n in reversed(names)])
    fig.suptitle(label("goal_title", language, pct=round(interval * 100)))
    fig.tight_layout()
    return fig


def figure_backtest(summary: pd.DataFrame, language: str) -> plt.Figure:
    """Grouped bars: MAE per model and horizon."""
    part = summary[summary["horizon"] != "all"]
    names = list(dict.fromkeys(part["model"]))
    horizons = sorted(set(part["horizon"]), key=int)
    fig, ax = plt.subplots(figsize=(9, 4.8))
    width = 0.8 / max(1, len(horizons))
    palette = [COLOURS["realised"], COLOURS["model"], COLOURS["advice"]]
    for j, h in enumerate(horizons):
        sub = part[part["horizon"] == h].set_index("model")
        xs = [
            i + (j - (len(horizons) - 1) / 2) * width for i, n in enumerate(names) if n in sub.index
        ]
        ys = [sub.loc[n, "mae"] for n in names if n in sub.index]
        ax.bar(
            xs,
            ys,
            width=width,
            color=palette[j % len(palette)],
            label=label("horizon", language, h=h),
        )
    ax.set_yscale("log")
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(
        [model_label(n, language) for n in names], rotation=30, ha="right", fontsize=8
    )
    ax.set_ylabel(label("mae", language))
    ax.set_title(label("backtest_title", language))
    ax.legend()
    fig.tight_layout()
    return fig
