"""Tables, sentences and figures of the cleaning notebook (notebooks/01_clean).

Each function takes the tables of :class:`helpers.clean.CleanResult` (dates as ISO strings) and
returns something the notebook shows, so the notebook itself stays narrative.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from helpers.markup import markdown_inline
from helpers.numbers import thousands
from helpers.plotting import (
    CONCEPT_COLOURS,
    LABEL_SIZE,
    NEUTRAL_COLOURS,
    QUALIFIER_MARKERS,
    add_source_line,
    direct_label,
    time_position,
)
from helpers.presentation import new_figure
from helpers.processed import DECISIONS, PRECISIONS, QUALIFIERS
from helpers.vocabulary import CBS_PROVISIONS as PROVISIONS
from helpers.vocabulary import SOURCE_KINDS, WORKING
from helpers.vocabulary import WORKING_GROWTH as GROWTH
from helpers.words import MONTHS, QUALIFIER_LEGEND

NOT_KEPT = ("superseded", "rejected_date")
TEXT = NEUTRAL_COLOURS["text"]


def source_kinds(observations: pd.DataFrame) -> pd.DataFrame:
    """Statements and publishers per source kind, best-ranked kind first."""
    return (
        observations.groupby("source_kind")
        .agg(statements=("id", "size"), publishers=("publisher", "nunique"))
        .reindex(list(SOURCE_KINDS), fill_value=0)
    )


def printed_forms(observations: pd.DataFrame) -> pd.DataFrame:
    """Every printed form that is not a plain number, once, with what it was read as."""
    forms = observations[~observations["value_as_published"].str.fullmatch(r"\d+")]
    columns = ["id", "value_as_published", "value", "qualifier", "unit"]
    return forms[columns].drop_duplicates("value_as_published").reset_index(drop=True)


def counts(observations: pd.DataFrame, column: str) -> pd.DataFrame:
    """How many statements have each value of a column (qualifier, precision or decision)."""
    order = {"qualifier": QUALIFIERS, "period_precision": PRECISIONS, "decision": DECISIONS}
    return (
        observations[column]
        .value_counts()
        .reindex(list(order[column]), fill_value=0)
        .rename("statements")
        .to_frame()
    )


def not_kept(observations: pd.DataFrame) -> pd.DataFrame:
    """The statements that do not stand (superseded or misdated), with the reason."""
    columns = ["id", "metric", "reference_period", "value_as_published", "decision", "reason"]
    rows = observations[observations["decision"].isin(NOT_KEPT)]
    return rows[columns].reset_index(drop=True)


def metric_rows(series: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The series rows of one metric, with where each comes from."""
    columns = [
        "reference_date", "value_as_published", "value", "qualifier", "unit", "source_kind",
        "source_ids", "conflict_ids",
    ]  # fmt: skip
    return series.loc[series["metric"] == metric, columns].reset_index(drop=True)


def growth_checks(observations: pd.DataFrame) -> str:
    """The stated growth figures and the outcome of their cross-check, one paragraph each."""
    rows = observations[observations["metric"] == GROWTH]
    if rows.empty:
        return "The register holds no stated growth of the series."
    return "\n\n".join(
        f"**{markdown_inline(row.id)}** ({markdown_inline(row.value_as_published)} over "
        f"{markdown_inline(row.reference_period)}): {markdown_inline(row.reason)}."
        for row in rows.itertuples()
    )


def conflict_resolutions(conflicts: pd.DataFrame) -> str:
    """Each conflict's resolution in words, one paragraph each, register text shown literally."""
    return "\n\n".join(
        f"**{markdown_inline(c.conflict_id)}**: {markdown_inline(c.resolution)}"
        for c in conflicts.itertuples()
    )


def accepted_outliers(observations: pd.DataFrame) -> pd.DataFrame:
    """Statements that the register marks as deliberately accepted outliers."""
    rows = observations[observations["reason"].str.contains("accepted outlier", regex=False)]
    return rows[["id", "metric", "value_as_published", "reason"]].reset_index(drop=True)


def _month(day: str) -> str:
    timestamp = pd.Timestamp(day)
    return f"{MONTHS['en'][timestamp.month - 1]} {timestamp.year}"


def _day(day: str) -> str:
    return f"{pd.Timestamp(day).day} {_month(day)}"


def _compared(series: pd.DataFrame) -> tuple[pd.Series, pd.Series | None] | None:
    """The first dated CBS provisions row and the last UWV working row up to its date."""
    provisions = series[(series["metric"] == PROVISIONS) & (series["reference_date"] != "")]
    if provisions.empty:
        return None
    first = provisions.sort_values("reference_date").iloc[0]
    working = series[
        (series["metric"] == WORKING)
        & (series["reference_date"] != "")
        & (series["reference_date"] <= first["reference_date"])
    ]
    return first, (working.sort_values("reference_date").iloc[-1] if len(working) else None)


def measures_sentence(series: pd.DataFrame) -> str:
    """How the first CBS provisions figure compares with the last UWV figure before it."""
    compared = _compared(series)
    if compared is None:
        return "The register holds no CBS figure on beschut werk provisions."
    first, last = compared
    text = (
        f"CBS counted **{thousands(first['value'])} beschut werk provisions** in "
        f"{_month(first['reference_date'])} ({first['source_id']})"
    )
    if last is None:
        return text + "; the UWV series has no figure before that month."
    difference = first["value"] - last["value"]
    return (
        f"{text}, {thousands(abs(difference))} ({abs(difference) / last['value']:.0%}) "
        f"{'fewer' if difference < 0 else 'more'} than the **{thousands(last['value'])} people** "
        f"UWV counted working in beschut werk on {_day(last['reference_date'])} "
        f"({last['source_ids'].replace(';', ', ')})."
    )


def _year_axis(ax: Axes, first: float, last: float) -> None:
    """Ticks at 1 January of each year, labelled with the year."""
    years = range(int(first), int(last) + 2)
    ax.set_xticks(list(years), [str(y) for y in years])
    ax.set_xlim(first - 0.25, last + 0.25)


def _qualifier_points(ax: Axes, rows: pd.DataFrame, colour: str, **style) -> None:
    """Draw rows as points in one colour, with the marker of their qualifier."""
    for qualifier, marker in QUALIFIER_MARKERS.items():
        subset = rows[rows["qualifier"] == qualifier]
        if subset.empty:
            continue
        ax.plot(
            time_position(subset["reference_date"]),
            subset["value"],
            linestyle="none",
            color=colour,
            markeredgecolor=colour,
            **marker,
            **style,
        )


def _marker_key(ax: Axes, qualifiers: pd.Series, loc: str) -> None:
    """A key of the qualifier markers in use (neutral: a marker's shape, not its concept); none
    when every figure is exact."""
    used = [q for q in QUALIFIER_MARKERS if q in set(qualifiers)]
    if used == ["exact"] or not used:
        return
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            color=TEXT,
            markeredgecolor=TEXT,
            label=QUALIFIER_LEGEND["en"][q],
            **QUALIFIER_MARKERS[q],
        )
        for q in used
    ]
    ax.legend(handles=handles, loc=loc, fontsize=LABEL_SIZE, frameon=False, handletextpad=0.3)


def statements_figure(observations: pd.DataFrame, series: pd.DataFrame) -> Figure:
    """Every dated statement on people working, the series kept from them, and the rest."""
    colour = CONCEPT_COLOURS["realised"]
    kept = series[(series["metric"] == WORKING) & (series["reference_date"] != "")]
    statements = observations[
        (observations["metric"] == WORKING)
        & (observations["reference_date"] != "")
        & observations["decision"].isin(NOT_KEPT)
    ]
    fig, (ax,) = new_figure()
    x = time_position(kept["reference_date"])
    ax.plot(x, kept["value"], color=colour, linewidth=1.2, gid="realised")
    _qualifier_points(ax, kept, colour, markersize=7, gid="realised")
    _qualifier_points(ax, statements, colour, markersize=6, alpha=0.35, gid="realised")
    last = kept.iloc[-1]
    direct_label(
        ax,
        "series kept:\none figure per date",
        (float(x[-1]), float(last["value"])),
        (-8, -10),
        colour,
        ha="right",
        va="top",
    )
    if len(statements):
        first = statements.sort_values("reference_date").iloc[-1]
        direct_label(
            ax,
            "faint: not kept (superseded,\nor of another date)",
            (float(time_position([first["reference_date"]])[0]), float(first["value"])),
            (0, -10),
            colour,
            ha="center",
            va="top",
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: thousands(value)))
    _year_axis(ax, float(x.min()), float(x.max()))
    ax.set_ylabel("people working / places (log scale)")
    ax.set_title(
        f"{len(kept) + len(statements)} statements on people in beschut werk, "
        f"one kept for each of {len(kept)} dates"
    )
    _marker_key(ax, pd.concat([kept["qualifier"], statements["qualifier"]]), "lower right")
    shown = pd.concat([kept, statements])
    add_source_line(fig, shown["publisher"], shown["reference_date"].max(), "en")
    return fig


def _measures_title(compared) -> str:
    """The finding of the two-counts figure: how far CBS's first count is from UWV's."""
    if not compared or compared[1] is None:
        return "Two counts of beschut werk: UWV's people working and CBS's provisions"
    cbs, uwv = compared
    difference = uwv["value"] - cbs["value"]
    side = "fewer" if difference > 0 else "more"
    return (
        f"CBS counts {thousands(abs(difference))} ({abs(difference) / uwv['value']:.0%}) {side} "
        "provisions than UWV counts people working"
    )


MEASURES = (
    (WORKING, "realised", "people working (UWV)"),
    (PROVISIONS, "other_measure", "beschut werk provisions\n(CBS, provisional)"),
)


def measures_figure(series: pd.DataFrame, since: str = "2019-01-01") -> Figure:
    """UWV's people working next to CBS's beschut werk provisions, from ``since`` on; each
    count named below its first figure, the two compared figures labelled with their value."""
    fig, (ax,) = new_figure()
    dated = series[(series["reference_date"] != "") & (series["reference_date"] >= since)]
    for metric, concept, name in MEASURES:
        rows = dated[dated["metric"] == metric]
        if rows.empty:
            continue
        colour = CONCEPT_COLOURS[concept]
        x = time_position(rows["reference_date"])
        ax.plot(x, rows["value"], color=colour, linewidth=1, gid=concept)
        _qualifier_points(ax, rows, colour, markersize=7, gid=concept)
        below = metric == PROVISIONS
        direct_label(
            ax,
            name,
            (float(x[0]), float(rows["value"].iloc[0])),
            (-16, -14) if below else (6, -12),
            colour,
            ha="right" if below else "left",
            va="top",
        )
    compared = _compared(series)
    for row, offset in zip(compared or (), ((0, -16), (0, 9)), strict=False):  # CBS below
        if row is not None:
            direct_label(
                ax,
                thousands(row["value"]),
                (time_position([row["reference_date"]])[0], row["value"]),
                offset,
                TEXT,
                ha="center",
            )
    shown = dated[dated["metric"].isin([WORKING, PROVISIONS])]
    ax.set_ylim(0, 1.12 * shown["value"].max())  # room above the highest label
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: thousands(value)))
    positions = time_position(shown["reference_date"])
    _year_axis(ax, float(positions.min()), float(positions.max()))
    ax.set_ylabel("count on the reference date")
    ax.set_title(_measures_title(compared))
    _marker_key(ax, shown["qualifier"], "lower right")
    add_source_line(fig, shown["publisher"], shown["reference_date"].max(), "en")
    return fig
