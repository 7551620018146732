"""Figures of the trajectory notebook, in the project's visual grammar (helpers.plotting).

Every date is placed with ``plotting.time_position`` (a stock at 31 December 2022 sits at 2023.0);
a concept keeps its colour (CONCEPT_COLOURS); a qualifier its marker (QUALIFIER_MARKERS); assumed
values are dashed (ASSUMED_LINESTYLE); conditional "what it would take" paths are dotted lines
(CONDITIONAL_LINESTYLE) that never carry a band. All labels of both languages are in LABELS.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MultipleLocator

from helpers.plotting import (
    ASSUMED_LINESTYLE,
    CONCEPT_COLOURS,
    CONDITIONAL_LINESTYLE,
    QUALIFIER_MARKERS,
    percent,
    thousands,
    time_position,
    translate,
)
from helpers.trajectory.backtest import LEAD_BANDS

LABELS = {
    "en": {
        "realised_title": "People working in beschut werk, against the yearly taakstelling",
        "forecast_title": "Forecasts of the number working ({pct}% interval of the headline)",
        "goal_title": "Year each goal is reached: median and {pct}% range per forecast model",
        "backtest_title": "Backtest: do the {pct}% intervals hold? (cases per bar)",
        "flagship_title": "Forecast: 30,000 around {y30} ({pct}% range {r30}), 50,000 around {y50}",
        "year": "Year",
        "people": "People working (places before mid-2016)",
        "target_published": "taakstelling (published)",
        "target_assumed": "taakstelling (assumed: no published figure)",
        "funded": "funded path: taakstelling to 30,000 in 2048",
        "goal_30000": "30,000: Participatiewet, due 2048",
        "goal_50000": "50,000: coalition agreement 2017, no year set",
        "goal": "Goal",
        "exact": "exact",
        "approximate": "approximate (circa)",
        "lower_bound": "at least (ruim, meer dan)",
        "upper_bound": "at most (bijna)",
        "headline_short": "forecast:\nmedian and\n{pct}% interval",
        "funded_short": "funded path:\ntaakstelling\nto 30,000\nin 2048",
        "comparison": "comparison models (medians)",
        "pace": "what it would take:\n{goal} by {year}\n({pace} a year)",
        "logistic": "what it would take: S-curve to {goal}",
        "gompertz": "what it would take: Gompertz curve to {goal}",
        "not_reached": "beyond {h}",
        "p_never": "{p} of paths not by end {h}",
        "coverage": "Share of cases inside the {pct}% interval",
        "interval_score": "Mean interval score (people; lower is better)",
        "lead": "Lead time {band} years",
        "lead_axis": "Lead time (years)",
        "nominal": "nominal {pct}%",
        "cases": "n={n}",
        "local_linear_trend": "Local linear trend (drifting pace)",
        "stock_flow": "Stock-flow (placements minus exits)",
        "mixture": "Mixture of the credible models",
        "linear_2017": "Linear trend since 2017",
        "random_walk": "Random walk with drift",
        "damped_ets": "Damped-trend ETS",
        "segmented": "Segmented trend (break 2017)",
        "latest": "latest: {value} ({date})",
        "left_out": "published later, not in this fit",
    },
    "nl": {
        "realised_title": "Mensen met beschut werk, tegenover de jaarlijkse taakstelling",
        "forecast_title": "Prognoses van het aantal werkenden ({pct}%-interval hoofdprognose)",
        "goal_title": "Jaar waarin elk doel wordt bereikt: mediaan en {pct}%-bereik per model",
        "backtest_title": "Backtest: kloppen de {pct}%-intervallen? (gevallen per staaf)",
        "flagship_title": "Prognose: 30.000 rond {y30} ({pct}%-bereik {r30}), 50.000 rond {y50}",
        "year": "Jaar",
        "people": "Mensen aan het werk (plekken vóór medio 2016)",
        "target_published": "taakstelling (gepubliceerd)",
        "target_assumed": "taakstelling (aangenomen: geen gepubliceerd cijfer)",
        "funded": "gefinancierd pad: taakstelling naar 30.000 in 2048",
        "goal_30000": "30.000: Participatiewet, uiterlijk 2048",
        "goal_50000": "50.000: regeerakkoord 2017, zonder jaartal",
        "goal": "Doel",
        "exact": "exact",
        "approximate": "ongeveer (circa)",
        "lower_bound": "minstens (ruim, meer dan)",
        "upper_bound": "hooguit (bijna)",
        "headline_short": "prognose:\nmediaan en\n{pct}%-interval",
        "funded_short": "gefinancierd pad:\ntaakstelling\nnaar 30.000\nin 2048",
        "comparison": "vergelijkingsmodellen (medianen)",
        "pace": "wat nodig is:\n{goal} in {year}\n({pace} per jaar)",
        "logistic": "wat nodig is: S-curve naar {goal}",
        "gompertz": "wat nodig is: Gompertz-curve naar {goal}",
        "not_reached": "na {h}",
        "p_never": "{p} van de paden niet vóór eind {h}",
        "coverage": "Aandeel gevallen binnen het {pct}%-interval",
        "interval_score": "Gemiddelde intervalscore (mensen; lager is beter)",
        "lead": "Vooruitkijktijd {band} jaar",
        "lead_axis": "Vooruitkijktijd (jaar)",
        "nominal": "nominaal {pct}%",
        "cases": "n={n}",
        "local_linear_trend": "Lokale lineaire trend (verschuivend tempo)",
        "stock_flow": "Voorraad-stroom (instroom min uitstroom)",
        "mixture": "Mengsel van de geloofwaardige modellen",
        "linear_2017": "Lineaire trend vanaf 2017",
        "random_walk": "Random walk met drift",
        "damped_ets": "Gedempte-trend ETS",
        "segmented": "Gesegmenteerde trend (knik 2017)",
        "latest": "laatste: {value} ({date})",
        "left_out": "later gepubliceerd, niet in deze fit",
    },
}


def label(key: str, language: str, **fields) -> str:
    """A translated label with its fields filled in."""
    return translate(LABELS, key, language).format(**fields)


def model_label(name: str, language: str) -> str:
    """Readable name of a forecast model."""
    return label(name, language)


def _axis_thousands(axis, language: str) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: thousands(v, language)))


def _year_axis(ax, left: float, right: float, step: int = 5) -> None:
    ax.set_xlim(left, right)
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))


def plot_observations(ax, observations: pd.DataFrame, size: float = 6) -> list[Line2D]:
    """Realised figures at their dates, one marker per qualifier; returns legend handles."""
    handles = []
    for qualifier, style in QUALIFIER_MARKERS.items():
        rows = observations[observations["qualifier"] == qualifier]
        if rows.empty:
            continue
        (line,) = ax.plot(
            time_position(rows["reference_date"]),
            rows["value"],
            linestyle="none",
            marker=style["marker"],
            fillstyle=style["fillstyle"],
            markersize=size,
            color=CONCEPT_COLOURS["realised"],
            markerfacecolor=CONCEPT_COLOURS["realised"]
            if style["fillstyle"] == "full"
            else "white",
            zorder=6,
        )
        handles.append((qualifier, line))
    return handles


def plot_target_path(ax, path: pd.DataFrame, language: str, until: float | None = None) -> None:
    """The yearly taakstelling at year ends: solid between published years, dashed where a year
    is assumed; published years are marked."""
    t = path["year"].to_numpy(dtype=float) + 1.0
    v = path["target"].to_numpy(dtype=float)
    published = (path["target_status"] == "published").to_numpy()
    keep = np.ones(len(t), bool) if until is None else t <= until + 1e-9
    colour = CONCEPT_COLOURS["target"]
    for i in range(len(t) - 1):
        if not (keep[i] and keep[i + 1]):
            continue
        style = "-" if published[i] and published[i + 1] else ASSUMED_LINESTYLE
        ax.plot(t[i : i + 2], v[i : i + 2], color=colour, linestyle=style, linewidth=1.5)
    ax.plot(
        t[published & keep],
        v[published & keep],
        linestyle="none",
        marker="_",
        markersize=10,
        markeredgewidth=2,
        color=colour,
    )


def plot_headline(ax, projection: pd.DataFrame, right: float):
    """The headline forecast up to ``right``: median line over its interval band (no other
    forecast gets a band). Returns the times and the mask of those drawn."""
    t = time_position(projection["date"])
    keep = t <= right
    colour = CONCEPT_COLOURS["forecast"]
    ax.fill_between(
        t[keep],
        projection["lower"][keep],
        projection["upper"][keep],
        color=colour,
        alpha=0.25,
        linewidth=0,
        zorder=2,
    )
    ax.plot(t[keep], projection["median"][keep], color=colour, linewidth=2.2, zorder=4)
    return t, keep


def _target_handles(language: str) -> list[Line2D]:
    colour = CONCEPT_COLOURS["target"]
    return [
        Line2D(
            [],
            [],
            color=colour,
            marker="_",
            markeredgewidth=2,
            label=label("target_published", language),
        ),
        Line2D(
            [],
            [],
            color=colour,
            linestyle=ASSUMED_LINESTYLE,
            label=label("target_assumed", language),
        ),
    ]


def _qualifier_handles(handles, language: str) -> list[Line2D]:
    out = []
    for qualifier, line in handles:
        proxy = Line2D(
            [],
            [],
            linestyle="none",
            marker=line.get_marker(),
            fillstyle=line.get_fillstyle(),
            color=CONCEPT_COLOURS["realised"],
            markerfacecolor=line.get_markerfacecolor(),
            label=label(qualifier, language),
        )
        out.append(proxy)
    return out


def figure_realised(observations: pd.DataFrame, path: pd.DataFrame, language: str) -> plt.Figure:
    """Realised figures with their qualifiers beside the taakstelling, over the realised years
    only (the goals are far above and shown in the forecast figures)."""
    fig, ax = plt.subplots(figsize=(9, 4.8))
    when = time_position(observations["reference_date"])
    right = float(when.max()) + 0.4
    plot_target_path(ax, path, language, until=float(np.floor(right)))
    handles = plot_observations(ax, observations)
    top = max(observations["value"].max(), path.loc[path["year"] + 1 <= right, "target"].max())
    ax.set_ylim(0, top * 1.12)
    _year_axis(ax, float(when.min()) - 0.3, right, 1)
    _axis_thousands(ax.yaxis, language)
    ax.legend(
        handles=_qualifier_handles(handles, language) + _target_handles(language), loc="upper left"
    )
    ax.set_title(label("realised_title", language))
    ax.set_ylabel(label("people", language))
    fig.tight_layout()
    return fig


def _goal_lines(ax, goals: Sequence[int], language: str, x: float) -> None:
    for goal in goals:
        ax.axhline(goal, color=CONCEPT_COLOURS["goal"], linewidth=0.8, zorder=1)
        key = f"goal_{goal}"
        text = (
            label(key, language)
            if key in LABELS[language]
            else f"{label('goal', language)} {thousands(goal, language)}"
        )
        ax.text(
            x, goal, " " + text, ha="left", va="bottom", fontsize=8, color=CONCEPT_COLOURS["goal"]
        )


def _reference_years(ax, years: Sequence[int], top: float) -> None:
    for year in years:
        ax.axvline(year + 1.0, color=CONCEPT_COLOURS["reference"], linewidth=1, zorder=0)
        ax.text(year + 1.0, top, f"{year} ", ha="right", va="top", fontsize=8, color="#555555")


def figure_forecasts(
    observations: pd.DataFrame,
    projections: pd.DataFrame,
    headline: str,
    goals: Sequence[int],
    interval: float,
    language: str,
    right: float,
) -> plt.Figure:
    """The headline's median and band with every comparison model's median (grey, labelled at
    its end), the realised figures and the goals."""
    fig, ax = plt.subplots(figsize=(9, 5))
    top = max(goals) * 1.12
    for name, part in projections.groupby("model", sort=False):
        t = time_position(part["date"])
        keep = t <= right
        if name == headline:
            plot_headline(ax, part, right)
        else:
            ax.plot(
                t[keep],
                part["median"][keep],
                color=CONCEPT_COLOURS["comparison"],
                linewidth=1,
                zorder=3,
            )
    _label_line_ends(ax, projections, headline, language, right, top)
    plot_observations(ax, observations, size=4)
    _goal_lines(
        ax, goals, language, float(np.floor(time_position(observations["reference_date"]).min()))
    )
    _reference_years(ax, (2030, 2048), top)
    ax.set_ylim(0, top)
    _year_axis(ax, float(np.floor(time_position(observations["reference_date"]).min())), right)
    _axis_thousands(ax.yaxis, language)
    ax.set_title(label("forecast_title", language, pct=round(interval * 100)))
    ax.set_ylabel(label("people", language))
    fig.tight_layout()
    return fig


def _label_line_ends(ax, projections, headline, language, right, top) -> None:
    """Model names at the end of each median line, nudged apart so that none overlap."""
    ends = []
    for name, part in projections.groupby("model", sort=False):
        t = time_position(part["date"])
        keep = t <= right
        y = float(part["median"][keep].iloc[-1])
        ends.append([min(y, top * 0.97), name])
    ends.sort()
    gap = top * 0.045
    for i in range(1, len(ends)):
        ends[i][0] = max(ends[i][0], ends[i - 1][0] + gap)
    shift = max(0.0, ends[-1][0] - top * 0.97) if ends else 0.0
    for y, name in ends:
        colour = CONCEPT_COLOURS["forecast" if name == headline else "comparison"]
        ax.annotate(
            model_label(name, language),
            (right, y - shift),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=colour,
            annotation_clip=False,
        )


def figure_goal_years(
    table: pd.DataFrame,
    headline: str,
    horizon: int,
    interval: float,
    n_paths: int,
    language: str,
    deadlines: dict[int, int | None],
) -> plt.Figure:
    """One panel per goal (stacked), a row per forecast model: median (dot) and range (line);
    ranges that run past the horizon end in an arrow with the share of paths not reaching it."""
    from helpers.plotting import probability

    goals = list(dict.fromkeys(table["goal"]))
    names = list(dict.fromkeys(table["model"]))
    fig, axes = plt.subplots(
        len(goals), 1, figsize=(9, 1.2 + 0.5 * len(names) * len(goals)), squeeze=False
    )
    end = horizon + 1.0
    left = float(np.nanmin(table["lower"].to_numpy(dtype=float))) - 2
    for ax, goal in zip(axes[:, 0], goals, strict=True):
        part = table[table["goal"] == goal].set_index("model")
        for i, name in enumerate(names):
            row = part.loc[name]
            y = len(names) - 1 - i
            colour = CONCEPT_COLOURS["forecast" if name == headline else "comparison"]
            lower = row["lower"] if pd.notna(row["lower"]) else end
            upper = row["upper"] if pd.notna(row["upper"]) else end
            ax.plot([lower, upper], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
            if pd.notna(row["median"]):
                ax.plot(row["median"], y, "o", color=colour, markersize=7, markeredgecolor="white")
            if pd.isna(row["upper"]):
                ax.annotate(
                    "",
                    xy=(end, y),
                    xytext=(end - 1.5, y),
                    arrowprops={"arrowstyle": "->", "color": colour},
                )
                ax.text(
                    end - 0.3,
                    y + 0.28,
                    label(
                        "p_never",
                        language,
                        h=horizon,
                        p=probability(row["p_never"], n_paths, language),
                    ),
                    ha="right",
                    va="bottom",
                    fontsize=7,
                    color="#555555",
                )
        deadline = deadlines.get(goal)
        if deadline is not None:
            ax.axvline(deadline + 1.0, color=CONCEPT_COLOURS["reference"], linewidth=1)
            ax.text(
                deadline + 1.0,
                len(names) - 0.45,
                f" {deadline}",
                fontsize=8,
                color="#555555",
                va="top",
            )
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels([model_label(n, language) for n in reversed(names)], fontsize=8)
        ax.set_ylim(-0.6, len(names) - 0.3)
        ax.set_title(
            f"{label('goal', language)} {thousands(goal, language)}", fontsize=10, loc="left"
        )
        _year_axis(ax, left, end + 0.5)
        ax.grid(axis="y", visible=False)
    fig.suptitle(label("goal_title", language, pct=round(interval * 100)), fontsize=11)
    fig.tight_layout()
    return fig


def figure_backtest(
    summary: pd.DataFrame, headline: str, interval: float, language: str
) -> plt.Figure:
    """Per model (rows of bars) and lead band: coverage of the intervals against the nominal
    level (left) and the mean interval score (right); every bar carries its number of cases."""
    part = summary[summary["lead_band"] != "all"]
    names = list(dict.fromkeys(part["model"]))
    bands = [b for _, _, b in LEAD_BANDS if b in set(part["lead_band"])]
    fig, axes = plt.subplots(1, 2, figsize=(10, 1.8 + 0.9 * len(names)), sharey=True)
    height = 0.8 / max(1, len(bands))
    shades = np.linspace(0.35, 1.0, len(bands))
    pct = round(interval * 100)
    for ax, column in zip(axes, ("coverage", "interval_score"), strict=True):
        for j, band in enumerate(bands):
            sub = part[part["lead_band"] == band].set_index("model")
            for i, name in enumerate(names):
                if name not in sub.index:
                    continue
                y = len(names) - 1 - i + (len(bands) / 2 - j - 0.5) * height
                value = sub.loc[name, column]
                colour = CONCEPT_COLOURS["forecast" if name == headline else "comparison"]
                ax.barh(y, value, height=height * 0.9, color=colour, alpha=float(shades[j]))
                ax.text(
                    value,
                    y,
                    " " + label("cases", language, n=int(sub.loc[name, "cases"])),
                    va="center",
                    fontsize=6,
                    color="#333333",
                )
        ax.grid(axis="y", visible=False)
    axes[0].axvline(interval, color=CONCEPT_COLOURS["goal"], linewidth=1)
    axes[0].text(
        interval,
        len(names) - 0.45,
        " " + label("nominal", language, pct=pct),
        fontsize=7,
        va="bottom",
    )
    axes[0].set_xlim(0, 1.18)
    axes[0].xaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v, language)))
    axes[0].set_xlabel(label("coverage", language, pct=pct))
    axes[1].set_xlabel(label("interval_score", language))
    _axis_thousands(axes[1].xaxis, language)
    axes[1].set_xlim(0, part["interval_score"].max() * 1.25)
    axes[0].set_yticks(range(len(names)))
    axes[0].set_yticklabels([model_label(n, language) for n in reversed(names)], fontsize=8)
    handles = [
        Line2D(
            [],
            [],
            color=CONCEPT_COLOURS["comparison"],
            alpha=float(shades[j]),
            linewidth=6,
            label=label("lead", language, band=band),
        )
        for j, band in enumerate(bands)
    ]
    fig.legend(handles=handles, loc="lower center", ncol=len(bands), fontsize=8, frameon=False)
    fig.suptitle(label("backtest_title", language, pct=pct), fontsize=11)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def _direct_label(ax, text: str, point: tuple[float, float], offset, concept: str) -> None:
    """A small label in its concept's colour, below-right of ``point`` by ``offset`` points."""
    ax.annotate(
        text,
        point,
        xytext=offset,
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8,
        color=CONCEPT_COLOURS[concept],
        linespacing=1.1,
    )


def figure_flagship(
    observations: pd.DataFrame,
    path: pd.DataFrame,
    headline_projection: pd.DataFrame,
    conditional: pd.DataFrame,
    goals: Sequence[int],
    years: dict[int, dict],
    interval: float,
    language: str,
    right: float = 2056.0,
    left_out: pd.DataFrame | None = None,
) -> plt.Figure:
    """The answer at page width: realised figures (marker per qualifier), the taakstelling
    (published solid, assumed dashed), the headline median and interval band, the pace it would
    take (dotted, no band), the goals, and 2030 and 2048 marked; direct labels. ``years`` maps
    each goal to its results.json entry (median_year, low_year, high_year)."""
    fig, ax = plt.subplots(figsize=(9, 5))
    top = max(goals) * 1.12
    left = 2015.0
    _reference_years(ax, (2030, 2048), top * 0.995)
    plot_target_path(ax, path, language)
    t, keep = plot_headline(ax, headline_projection, right)
    pace = conditional[conditional["kind"] == "pace"]
    for _, line in pace.groupby("path", sort=False):
        if int(line["goal"].iloc[0]) != min(goals) or line["t"].iloc[-1] > 2035:
            continue
        ax.plot(
            line["t"],
            line["value"],
            color=CONCEPT_COLOURS["conditional"],
            linestyle=CONDITIONAL_LINESTYLE,
            linewidth=2,
            zorder=3,
        )
        per_year = (line["value"].iloc[-1] - line["value"].iloc[0]) / (
            line["t"].iloc[-1] - line["t"].iloc[0]
        )
        year = int(line["t"].iloc[-1]) - 1
        ax.annotate(
            label(
                "pace",
                language,
                goal=thousands(min(goals), language),
                year=year,
                pace=thousands(per_year, language),
            ),
            (line["t"].mean(), line["value"].mean()),
            xytext=(-20, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8,
            color=CONCEPT_COLOURS["conditional"],
        )
    handles = plot_observations(ax, observations, size=5)
    legend_extra = []
    if left_out is not None and len(left_out):
        (later,) = ax.plot(
            time_position(left_out["reference_date"]),
            left_out["value"],
            linestyle="none",
            marker="X",
            markersize=6,
            color=CONCEPT_COLOURS["realised"],
            alpha=0.6,
            zorder=6,
            label=label("left_out", language),
        )
        legend_extra.append(later)
    _goal_lines(ax, goals, language, left)
    # direct labels, each in a free area: the forecast inside its band right of 2048, the funded
    # path under its end, the latest figure below-right of its point
    pct = round(interval * 100)
    anchor = min(len(t[keep]) - 1, int(np.searchsorted(t[keep], 2049.6)))
    point = (float(t[keep][anchor]), float(headline_projection["median"][keep].iloc[anchor]))
    _direct_label(ax, label("headline_short", language, pct=pct), point, (4, -10), "forecast")
    funded_end = (path["year"].max() + 1.0, float(path["target"].iloc[-1]))
    _direct_label(ax, label("funded_short", language), funded_end, (6, -6), "target")
    last = observations.iloc[-1]
    date_format = "%d-%m-%Y" if language == "nl" else "%Y-%m-%d"
    text = label(
        "latest",
        language,
        value=thousands(last["value"], language),
        date=last["reference_date"].strftime(date_format),
    )
    point = (float(time_position([last["reference_date"]])[0]), float(last["value"]))
    _direct_label(ax, text, point, (10, -8), "realised")
    legend = _qualifier_handles(handles, language) + legend_extra + _target_handles(language)
    ax.legend(
        handles=legend, loc="upper left", bbox_to_anchor=(0.0, 0.86), fontsize=7, framealpha=0.9
    )
    first, last = years.get(min(goals), {}), years.get(max(goals), {})
    after = label("not_reached", language, h="").strip()
    r30 = f"{first.get('low_year') or '–'}–{first.get('high_year') or after}"
    ax.set_title(
        label(
            "flagship_title",
            language,
            y30=first.get("median_year") or "–",
            y50=last.get("median_year") or "–",
            pct=round(interval * 100),
            r30=r30,
        ),
        loc="left",
        fontsize=12,
    )
    ax.set_ylim(0, top)
    _year_axis(ax, left, right)
    _axis_thousands(ax.yaxis, language)
    ax.set_ylabel(label("people", language))
    fig.tight_layout()
    return fig
