"""Every figure of 01-05, drawn from the real processed data, follows the visual grammar.

The grammar (helpers.plotting): colours only from CONCEPT_COLOURS and NEUTRAL_COLOURS; no text
under 9 px at the published size; no text leaving the figure or overlapping other text.
"""

import matplotlib as mpl
import matplotlib.colors as mcolors
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from support.paths import PROCESSED

from helpers import cleaning_report, finance, targets, waiting
from helpers.markup import check_labels
from helpers.plotting import CONCEPT_COLOURS, NEUTRAL_COLOURS, use_house_style
from helpers.processed import load_observations, load_series
from helpers.trajectory import analyse, model_name, validate_parameters
from helpers.trajectory import figures as trajectory_figures

MIN_PX = 9.0
GRAMMAR = [*CONCEPT_COLOURS.values(), *NEUTRAL_COLOURS.values()]
ALLOWED = {mcolors.to_hex(c).lower() for c in GRAMMAR}
# "conditional" (the explorer's what-it-would-take paths) is the 2030 pace.
ALIASES = {"conditional": "pace_2030"}
TRAJECTORY_PATHS = 500  # simulated paths per model: enough for every figure element, fast


def _trajectory(**changes):
    """A run of 02 on data/processed: the notebook's defaults with ``changes``, few paths."""
    values = {"n_paths": TRAJECTORY_PATHS, "processed_dir": str(PROCESSED), **changes}
    return analyse(validate_parameters(values))


@pytest.fixture(scope="module")
def trajectory_run():
    return _trajectory()


@pytest.fixture(scope="module")
def other_trajectory_run():
    """A run unlike the baseline: an earlier fit end (later figures left out), goals without a
    deadline, a narrow interval and a long horizon."""
    return _trajectory(fit_end=2019, goals=[25000, 40000], interval=0.5, horizon=2100)


def _figures(language, run):
    """(name, figure) for every figure the analyses 01-05 draw, from data/processed."""
    series, observations = load_series(PROCESSED), load_observations(PROCESSED)
    t = targets.analyse(series, "linear")
    w = waiting.analyse(series, "interpolate", 366)
    f = finance.analyse(series, observations)
    built = {
        "targets": lambda: targets.figure_targets(t, language),
        "waiting_list": lambda: waiting.figure_waiting(w, language),
        "waiting_placement_rate": lambda: waiting.figure_rate(w, language),
        "finance_balance": lambda: finance.figure_balance(f, language),
        "flagship": lambda: trajectory_figures.figure_flagship(run, language),
        "trajectory_goal_years": lambda: trajectory_figures.figure_goal_years(run, language),
        "trajectory_backtest": lambda: trajectory_figures.figure_backtest(run, language),
    }
    if language == "en":
        built["clean_statements"] = lambda: cleaning_report.statements_figure(observations, series)
        built["clean_measures"] = lambda: cleaning_report.measures_figure(series)
    return [(name, build()) for name, build in built.items()]


def _colours(artist):
    """The visible colours an artist paints (RGB hex), ignoring fully transparent ones."""
    found = []
    if isinstance(artist, Line2D):
        found = [artist.get_color(), artist.get_markerfacecolor(), artist.get_markeredgecolor()]
    elif isinstance(artist, Patch):
        found = [artist.get_facecolor(), artist.get_edgecolor()]
    elif isinstance(artist, Collection):
        found = [*artist.get_facecolors(), *artist.get_edgecolors()]
    elif isinstance(artist, Text) and artist.get_text().strip():
        found = [artist.get_color()]
    out = set()
    for colour in found:
        if isinstance(colour, str) and colour.lower() == "none":
            continue
        rgba = mcolors.to_rgba(colour)
        if rgba[3] > 0:
            out.add(mcolors.to_hex(rgba[:3]).lower())
    return out


def test_one_colour_per_concept_and_targets_far_from_advices():
    distinct = {k: v.lower() for k, v in CONCEPT_COLOURS.items() if k not in ALIASES}
    assert len(set(distinct.values())) == len(distinct), "two concepts share a colour"
    for alias, concept in ALIASES.items():
        assert CONCEPT_COLOURS[alias] == CONCEPT_COLOURS[concept]
    target, advice = (mcolors.to_rgb(CONCEPT_COLOURS[k]) for k in ("target", "advice"))
    assert sum((a - b) ** 2 for a, b in zip(target, advice, strict=True)) ** 0.5 > 0.4


def _concept_colour(artist):
    """The colour an artist tagged with a concept (gid) draws its concept in."""
    if isinstance(artist, Line2D):
        return artist.get_color()
    if isinstance(artist, Patch):
        face = artist.get_facecolor()
        return artist.get_edgecolor() if mcolors.to_hex(face) == "#ffffff" else face
    if isinstance(artist, Collection):
        return (
            artist.get_facecolors()[0]
            if len(artist.get_facecolors())
            else artist.get_edgecolors()[0]
        )
    return artist.get_color()


@pytest.fixture(scope="module", params=["en", "nl"])
def figures(request, trajectory_run):
    use_house_style()
    with mpl.rc_context():
        yield _figures(request.param, trajectory_run)


def test_figures_use_only_the_grammar_colours(figures):
    for name, fig in figures:
        visible = [a for a in fig.findobj() if a.get_visible()]
        stray = set().union(*(_colours(a) for a in visible)) - ALLOWED
        assert not stray, f"{name} uses colours outside the grammar: {sorted(stray)}"


def test_a_concept_is_drawn_one_way(figures):
    """Artists tagged with a concept (gid) draw it in the concept's colour, in every figure."""
    for name, fig in figures:
        for artist in fig.findobj(lambda a: a.get_gid() in CONCEPT_COLOURS):
            colour = mcolors.to_hex(_concept_colour(artist)).lower()
            expected = CONCEPT_COLOURS[artist.get_gid()].lower()
            assert colour == expected, f"{name}: {artist.get_gid()} drawn in {colour}"


def _texts(fig):
    """The texts a reader sees: tick labels of drawn ticks only, and every other non-empty text."""
    FigureCanvasAgg(fig).draw()
    tick_labels, drawn = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in [*axis.majorTicks, *axis.minorTicks]:
                tick_labels.update({id(tick.label1), id(tick.label2)})
            for tick in axis._update_ticks():
                drawn += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    others = [t for t in fig.findobj(Text) if id(t) not in tick_labels and t.get_visible()]
    return [t for t in [*drawn, *others] if t.get_text().strip()]


def test_no_text_under_9_px_at_the_published_size(figures):
    dpi = mpl.rcParams["savefig.dpi"]
    for name, fig in figures:
        for text in _texts(fig):
            px = text.get_fontsize() * dpi / 72
            assert px >= MIN_PX, f"{name}: {text.get_text()!r} is {px:.1f} px"


def test_no_text_leaves_the_figure_or_overlaps(figures):
    for name, fig in figures:
        renderer = FigureCanvasAgg(fig).get_renderer()
        frame = fig.bbox
        boxes = []
        for text in _texts(fig):
            box = text.get_window_extent(renderer)
            assert (
                box.x0 >= frame.x0 - 1
                and box.y0 >= frame.y0 - 1
                and box.x1 <= frame.x1 + 1
                and box.y1 <= frame.y1 + 1
            ), f"{name}: {text.get_text()!r} leaves the figure"
            boxes.append((text.get_text(), box))
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1 :]:
                assert not box_a.overlaps(box_b), f"{name}: {a!r} overlaps {b!r}"


def test_hatching_means_assumed_and_nothing_else(figures):
    from helpers.plotting import ASSUMED_HATCH

    for name, fig in figures:
        hatches = {p.get_hatch() for p in fig.findobj(Patch)} | {
            c.get_hatch() for c in fig.findobj(Collection)
        }
        assert hatches <= {None, ASSUMED_HATCH}, f"{name}: hatches {hatches}"


def test_trajectory_words_exist_in_both_languages():
    check_labels(trajectory_figures.LABELS)


def test_one_axis_wording_for_people_working_across_analyses():
    from helpers.targets.labels import LABELS as TARGET_LABELS

    for language in ("en", "nl"):
        wording = trajectory_figures.LABELS[language]["people_places"]
        assert wording == TARGET_LABELS[language]["people_places"]


def _trajectory_figures(run, language):
    return [
        (name, build(run, language))
        for name, build in (
            ("flagship", trajectory_figures.figure_flagship),
            ("trajectory_goal_years", trajectory_figures.figure_goal_years),
            ("trajectory_backtest", trajectory_figures.figure_backtest),
        )
    ]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_trajectory_figures_keep_the_grammar_on_other_inputs(other_trajectory_run, language):
    use_house_style()
    with mpl.rc_context():
        drawn = _trajectory_figures(other_trajectory_run, language)
        for check in (
            test_figures_use_only_the_grammar_colours,
            test_a_concept_is_drawn_one_way,
            test_no_text_under_9_px_at_the_published_size,
            test_no_text_leaves_the_figure_or_overlaps,
        ):
            check(drawn)


def test_trajectory_titles_state_the_run_s_numbers(trajectory_run, other_trajectory_run):
    for run in (trajectory_run, other_trajectory_run):
        table = run.goal_years.set_index(["model", "goal"])
        goal = trajectory_figures.primary_goal(run)
        mixture = table.loc[("mixture", goal)]
        medians = [table.loc[(m, goal), "median_year"] for m in run.mixture_weights]
        flagship = trajectory_figures.flagship_title(run, "en")
        assert f"{goal:,} is reached around {int(mixture['median_year'])}" in flagship
        assert f"{int(mixture['low_year'])}–" in flagship
        years = trajectory_figures.goal_years_title(run, "nl")
        assert f"tussen {int(min(medians))} en" in years
        overall = run.backtest[run.backtest["lead_band"] == "all"]
        best = overall.loc[overall["interval_score"].idxmin(), "model"]
        backtest = trajectory_figures.backtest_title(run, "en")
        assert f"of {len(overall)} models" in backtest
        assert model_name(best, "en") in backtest
    deadline = trajectory_run.deadlines[30000]
    assert f"before the deadline of {deadline}" in trajectory_figures.flagship_title(
        trajectory_run, "en"
    )
    assert "a goal without a year" in trajectory_figures.flagship_title(other_trajectory_run, "en")


@pytest.mark.parametrize("left, right", [(2015.5, 2056.0), (2033.0, 2102.0)])
def test_reference_years_sit_on_their_own_ticks(left, right):
    from matplotlib.figure import Figure

    from helpers.plotting import REFERENCE_YEARS

    ax = Figure().subplots()
    trajectory_figures.year_ticks(ax, left, right, "nl")
    ticks = dict(zip(ax.get_xticks(), (t.get_text() for t in ax.get_xticklabels()), strict=True))
    ends = [year + 1.0 for year in REFERENCE_YEARS if left < year + 1.0 < right]
    assert ends
    for year in REFERENCE_YEARS:
        if year + 1.0 in ends:
            assert ticks[year + 1.0] == f"eind {year}"
    for t in ticks:
        if t not in ends:
            assert all(abs(t - end) >= 0.06 * (right - left) for end in ends), t
    lines = [line.get_xdata()[0] for line in ax.get_lines()]
    assert sorted(lines) == ends


def test_a_wrapped_title_is_one_line_of_alt_text(trajectory_run):
    from helpers.plotting import figure_message

    fig = trajectory_figures.figure_flagship(trajectory_run, "nl")
    assert "\n" in fig._suptitle.get_text(), "the title is wrapped to the figure's width"
    assert figure_message(fig) == trajectory_figures.flagship_title(trajectory_run, "nl")
