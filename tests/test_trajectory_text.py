"""The trajectory's reader-facing words (helpers.trajectory.labels, .text, .tables) and the
parameter checks that name the parameter the user set (helpers.trajectory.validation)."""

from __future__ import annotations

import html
import re

import pytest

from helpers.errors import ParameterError
from helpers.markup import check_labels
from helpers.processed import load_series
from helpers.scenario_schema import TrajectoryParameters
from helpers.trajectory import (
    LABELS,
    MODEL_NAMES,
    PARAMETER_NAMES,
    analyse,
    answer,
    backtest_table,
    backtest_text,
    conditional_text,
    exit_bound_text,
    fit_window_text,
    goal_year_table,
    model_risk_table,
    observation_table,
    parameter_table,
    pipeline_table,
    pipeline_text,
    sensitivity_table,
    validate_parameters,
)
from helpers.trajectory.forecasts import ADVICE_METRICS, forecast_specs
from helpers.trajectory.mixture import MIXTURE
from helpers.trajectory.state_space import Prior

# Words that mark a sentence as English in the Dutch report, and as Dutch in the English one.
ENGLISH_WORDS = {"the", "and", "with", "which", "from", "people", "years", "chance", "would"}
DUTCH_WORDS = {"het", "een", "mensen", "jaar", "wordt", "uiterlijk", "kans", "niet", "zijn"}


def test_every_label_table_has_both_languages_with_the_same_fields():
    for table in (LABELS, MODEL_NAMES, PARAMETER_NAMES):
        check_labels(table)


def test_every_model_and_advice_count_has_a_name_in_both_languages():
    models = [*forecast_specs(Prior()), MIXTURE]
    for language in ("en", "nl"):
        assert set(models) <= set(MODEL_NAMES[language])
        for metric in ADVICE_METRICS:
            assert f"measure_{metric}" in LABELS[language]


@pytest.fixture(scope="module")
def run():
    """One full run on the committed series, with few paths (the words do not depend on them)."""
    params = validate_parameters(
        {"n_paths": 200, "output_dir": "reports/scratch_test"}, series=load_series()
    )
    return analyse(params)


def _shown(value) -> str:
    """The text a reader sees of a notebook output: Markdown source or a table's HTML."""
    if hasattr(value, "_repr_html_"):
        return html.unescape(re.sub(r"<[^>]+>", " ", value._repr_html_()))
    return getattr(value, "data", value)


def _everything(run, language: str) -> str:
    outputs = [
        answer(run, language),
        fit_window_text(run, language),
        backtest_text(run, language),
        conditional_text(run, language),
        exit_bound_text(run, language),
        pipeline_text(run.pipeline, language),
        observation_table(run.params.observations, language),
        sensitivity_table(run, language),
        parameter_table(run, language),
        goal_year_table(run, language),
        model_risk_table(run, language),
        backtest_table(run, language),
        pipeline_table(run, language),
    ]
    return " ".join(_shown(o) for o in outputs)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zà-ÿ]+", text.lower()))


def test_the_dutch_report_text_has_no_english_and_the_english_no_dutch(run):
    dutch, english = _everything(run, "nl"), _everything(run, "en")
    assert not _words(dutch) & ENGLISH_WORDS, sorted(_words(dutch) & ENGLISH_WORDS)
    assert not _words(english) & DUTCH_WORDS, sorted(_words(english) & DUTCH_WORDS)
    assert "8.032" in dutch and "8,032" in english  # the latest figure, localised
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", dutch)  # no code name shown


def test_every_estimated_parameter_has_a_readable_name(run):
    shown = {key for model in run.fitted.values() for key in model.params}
    for language in ("en", "nl"):
        assert shown <= set(PARAMETER_NAMES[language])


# Every default of the notebook, as the model declares it (the parameters cell repeats them).
DEFAULTS = {**TrajectoryParameters().model_dump(), "output_dir": "reports/scratch_test"}


@pytest.mark.parametrize(
    "change, name",
    [
        ({"fit_start": 2100}, "fit_start"),  # after nowcast_year's default: fit_start is named
        ({"fit_start": 2027, "nowcast_year": 2030}, "fit_start"),  # after the last observation
        ({"horizon": 2020}, "horizon"),
        ({"goals": [100]}, "goals[0]"),
        ({"goals": "100"}, "goals[0]"),
        ({"interval": 1.5}, "interval"),
        ({"n_paths": 5}, "n_paths"),
        ({"nowcast_year": 2014}, "nowcast_year"),  # before fit_start's default
        ({"nowcast_year": 2070}, "nowcast_year"),  # after horizon's default
        ({"horizon": 2049, "nowcast_year": 2050}, "nowcast_year"),  # both set: the later one
        ({"fit_end": 2010}, "fit_end"),  # before fit_start's default
        ({"fit_start": 2022}, "fit_start"),  # a window with too few observations
        ({"fit_end": 2015}, "fit_end"),  # the same, when only fit_end was changed
        ({"fit_end": 2030}, "fit_end"),  # after the last observation
        ({"fit_strat": 2017, "fit_start": 2100}, "fit_start"),  # unknown names are not read here
    ],
)
def test_a_bad_parameter_is_named_not_the_default_it_contradicts(change, name):
    with pytest.raises(ParameterError) as info:
        validate_parameters({**DEFAULTS, **change}, series=load_series())
    assert info.value.parameter == name


def test_a_parameter_not_given_takes_the_models_default():
    params = validate_parameters({"output_dir": "reports/scratch_test"}, series=load_series())
    model = TrajectoryParameters()
    assert (params.fit_start, params.horizon, params.n_paths) == (
        model.fit_start,
        model.horizon,
        model.n_paths,
    )
    assert params.goals == model.goals and not params.end_pinned
