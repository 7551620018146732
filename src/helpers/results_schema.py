"""The shape of each section of results.json, once: a pydantic model per section.

``reports/<folder>/results.json`` holds one section per analysis (names in
:mod:`helpers.layout`): ``trajectory`` (02_trajectory), ``targets_gap`` (03_targets_gap),
``waiting_list`` (04_waiting_list) and ``finance`` (05_finance). The notebook that writes a
section checks it here (:func:`helpers.outputs.update_results`), the README generator reads
only what passes, and the change summary's headline keys must exist here.

The models follow what the analyses write (``key_numbers`` of targets, waiting and finance, and
``trajectory.pipeline.trajectory_results``): every key listed, no other key, and strict types
(a number is a JSON number, never text; a whole number is accepted where a number is). A value
that can be missing is ``None`` (JSON ``null``) with its key still present. Rows of a table
(``models``, ``backtest.summary``, ...) are mappings of scalars: their columns are the table's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import ValidationError as PydanticValidationError

from helpers import layout

Number = StrictInt | StrictFloat  # JSON writes a whole-valued float as an integer
Year = StrictInt
Date = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Qualifier = Literal["exact", "approximate", "lower_bound", "upper_bound"]
# The qualifier of a value that may be missing: empty ("") or null when the value is.
QualifierOrNone = Qualifier | Literal[""] | None
Status = Literal["published", "assumed"]
Scalar = StrictStr | StrictInt | StrictFloat | StrictBool | None
Row = dict[str, Scalar]  # one row of a table
Words = dict[Literal["en", "nl"], StrictStr]  # a label in each language


class Shape(BaseModel):
    """A part of a section: these keys, no others, strict types."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# ---------------------------------------------------------------------------------------------
# trajectory (02_trajectory)


class PublishedBand(Shape):
    model: StrictStr
    interval: Number
    low: Number
    high: Number
    inside: StrictBool


class Observation(Shape):
    date: Date
    value: Number
    qualifier: Qualifier
    source_id: StrictStr
    published_band: PublishedBand | None = None  # only on a left-out observation with a model


class Fit(Shape):
    start: Year
    end: Year
    end_pinned: StrictBool
    last_observation_year: Year
    left_out: list[Observation]


class ObservedPace(Shape):
    per_year: Number
    from_date: Date
    to_date: Date
    source_ids: list[StrictStr]
    definition: StrictStr


class Spread(Shape):
    low_year: Year | None
    high_year: Year | None
    models: list[StrictStr]


class ChanceRange(Shape):
    low: Number | None
    high: Number | None
    low_model: StrictStr | None
    high_model: StrictStr | None


class Goal(Shape):
    deadline: Year | None
    median_year: Year | None
    low_year: Year | None
    high_year: Year | None
    p_by: dict[StrictStr, Number]
    p_never: Number
    required_pace: dict[StrictStr, Number]
    spread: Spread
    chance_range: ChanceRange | None
    mc_standard_error: dict[StrictStr, Number] | None
    goal_source_ids: list[StrictStr]
    source_ids: list[StrictStr]


class Nowcast(Shape):
    date: Date
    median: Number
    low: Number
    high: Number
    source_ids: list[StrictStr]


class Prior(Shape):
    pace_drift_scale: Number
    level_scale: Number
    distribution: StrictStr
    posterior: dict[StrictStr, Number] | None


class ModelRisk(Shape):
    credible_rule: StrictStr
    credibility: dict[StrictStr, StrictStr]
    mixture_weights: dict[StrictStr, Number]
    exit_rate_bound: dict[StrictStr, Scalar | list[StrictStr]] | None
    chance_range: dict[StrictStr, ChanceRange]


class Backtest(Shape):
    summary: list[Row]
    headline_score: Number


class Exponential(Shape):
    refuted: StrictBool
    growth: list[Row]


class Trajectory(Shape):
    """The ``trajectory`` section: the forecast the verdict and the key numbers quote."""

    fit: Fit
    latest: Observation
    observed_pace: ObservedPace
    headline_model: StrictStr
    headline_label: Words
    headline_rule: StrictStr
    path_model: StrictStr
    path_model_label: Words
    path_model_rule: StrictStr
    interval: Number
    n_paths: StrictInt
    seed: StrictInt
    horizon: Year
    goals: dict[StrictStr, Goal]
    nowcast: Nowcast | None
    prior: Prior
    prior_sensitivity: list[Row]
    model_risk: ModelRisk
    models: list[Row]
    parameters: list[Row]
    backtest: Backtest
    exponential: Exponential
    pipeline: list[Row]


# ---------------------------------------------------------------------------------------------
# targets_gap (03_targets_gap)


class TargetsLatest(Shape):
    year: Year
    target: Number | None
    target_status: Status
    target_source_ids: list[StrictStr]
    realised: Number | None
    realised_qualifier: QualifierOrNone
    realised_date: Date
    realised_source_id: StrictStr
    gap: Number | None
    gap_qualifier: QualifierOrNone
    ratio: Number | None
    ratio_qualifier: QualifierOrNone


class TargetsYear(Shape):
    target: Number | None
    target_status: Status
    target_source_ids: list[StrictStr]
    working: Number | None
    working_qualifier: QualifierOrNone
    working_source_id: StrictStr
    ratio_percent: Number | None
    ratio_qualifier: QualifierOrNone
    gap_places: Number | None
    gap_qualifier: QualifierOrNone


class AgainstOriginalPath(Shape):
    original_target: Number | None
    ratio_percent: Number | None
    ratio_qualifier: QualifierOrNone
    gap_places: Number | None
    gap_qualifier: QualifierOrNone


class TargetsPace(Shape):
    needed_next_target: Number | None
    needed_next_qualifier: QualifierOrNone
    next_target_status: Status | None
    needed_per_year_for_goal: Number | None
    needed_goal_qualifier: QualifierOrNone
    realised_pace: Number | None
    realised_pace_qualifier: QualifierOrNone


class AtRealisedPace(Shape):
    pace_from_year: Year
    pace_to_year: Year
    pace_from_date: Date
    pace_to_date: Date
    pace_definition: StrictStr
    pace_places_per_year: Number | None
    pace_qualifier: QualifierOrNone
    start_year: Year
    start_working: Number | None
    structural_goal: Number | None
    structural_goal_year: Year
    year_reaching_structural_goal: Number | None
    ambition_total: Number | None
    year_reaching_ambition_total: Number | None


class TargetsGap(Shape):
    """The ``targets_gap`` section: the gap to the yearly taakstelling."""

    latest: TargetsLatest
    target_interpolation: StrictStr
    assumed_target_years: StrictInt
    by_year: dict[StrictStr, TargetsYear]
    against_original_path: dict[StrictStr, AgainstOriginalPath]
    pace: dict[StrictStr, TargetsPace]
    at_realised_pace: AtRealisedPace


# ---------------------------------------------------------------------------------------------
# waiting_list (04_waiting_list)


class WaitingLatest(Shape):
    date: Date
    waiting: Number | None
    qualifier: QualifierOrNone
    source_ids: list[StrictStr]


class WaitingDate(Shape):
    positive_advice_stock: Number | None
    positive_advice_qualifier: QualifierOrNone
    positive_advice_source_id: StrictStr
    working: Number | None
    working_qualifier: QualifierOrNone
    working_match: StrictStr
    working_source_ids: list[StrictStr]
    waiting: Number | None
    waiting_qualifier: QualifierOrNone
    placement_rate_percent: Number | None
    placement_rate_qualifier: QualifierOrNone
    published_without_job: Number | None


class AdviceIssued(Shape):
    value: Number | None
    qualifier: QualifierOrNone
    source_id: StrictStr


class WaitingList(Shape):
    """The ``waiting_list`` section: people with a positive advice and no job."""

    latest: WaitingLatest
    matching_rule: StrictStr
    max_interpolation_days: StrictInt
    by_date: dict[StrictStr, WaitingDate]
    published_placement_rate_3m_percent: dict[StrictStr, Number | None]
    positive_advice_issued: dict[StrictStr, AdviceIssued]


# ---------------------------------------------------------------------------------------------
# finance (05_finance)


class FinanceHeadline(Shape):
    variant: StrictStr
    year: Year | StrictStr
    balance_per_place_per_year: Number
    qualifier: QualifierOrNone
    source_ids: list[StrictStr]
    label: Words


class FinanceRange(Shape):
    low: Number | None
    low_qualifier: QualifierOrNone
    high: Number | None
    high_qualifier: QualifierOrNone
    source_ids: list[StrictStr]


class PerPlace(Shape):
    year: Year | StrictStr
    cost: Number | None
    cost_qualifier: QualifierOrNone
    income: Number | None
    income_qualifier: QualifierOrNone
    balance: Number | None
    balance_qualifier: QualifierOrNone
    source_ids: list[StrictStr]
    combines_years_or_sources: StrictBool
    label: Words


class Total(Shape):
    total: Number | None
    total_qualifier: QualifierOrNone


class PolicyPeriodTotal(Shape):
    variant: StrictStr
    balance: Number | None
    total: Number | None
    total_qualifier: QualifierOrNone
    places_source_id: StrictStr


class Bonus(Shape):
    bonus_per_place: Number | None
    lapses_from: Year
    extra_funding_per_place: Number | None
    extra_funding_from: Year
    source_ids: list[StrictStr]


class Finance(Shape):
    """The ``finance`` section: the money per place per year and in total."""

    headline: FinanceHeadline
    range: FinanceRange
    per_place: dict[StrictStr, PerPlace]
    totals: dict[StrictStr, dict[StrictStr, Total]]
    totals_policy_period: dict[StrictStr, PolicyPeriodTotal]
    bonus: Bonus


SECTION_MODELS: dict[str, type[Shape]] = {
    layout.TRAJECTORY: Trajectory,
    layout.TARGETS_GAP: TargetsGap,
    layout.WAITING_LIST: WaitingList,
    layout.FINANCE: Finance,
}
assert set(SECTION_MODELS) == set(layout.SECTIONS)


class ResultsShapeError(ValueError):
    """A results.json section that does not have its schema's shape; names file, section, key."""

    def __init__(self, file: str, section: str, problems: list[tuple[str, str]]):
        self.file, self.section, self.problems = file, section, problems
        listed = "; ".join(f"key {key!r}: {message}" for key, message in problems)
        super().__init__(
            f"{file}: section {section!r} does not have the shape of "
            f"helpers.results_schema.{SECTION_MODELS[section].__name__}: {listed}"
        )


def _key(location: tuple[Any, ...]) -> str:
    """A pydantic error location as a dotted key ("goals.30000.median_year", "models[2].goal")."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part not in ("int", "float", "str", "bool", "none") and not str(part).startswith(
            ("constrained-str", "literal[", "function-")
        ):
            text += f".{part}" if text else str(part)
    return text


def problems(section: str, data: Any) -> list[tuple[str, str]]:
    """(dotted key, message) for every way ``data`` differs from the section's model, in the
    order pydantic finds them (one entry per key); empty when it fits or has no model."""
    model = SECTION_MODELS.get(section)
    if model is None:
        return []
    try:
        model.model_validate(data)
    except PydanticValidationError as error:
        found: dict[str, str] = {}
        for item in error.errors(include_url=False):
            key = _key(item["loc"]) or "(the section itself)"
            message = "missing" if item["type"] == "missing" else item["msg"]
            found.setdefault(key, message)
        return list(found.items())
    return []


def check_section(section: str, data: Any, file: str) -> None:
    """Raise ResultsShapeError naming ``file``, ``section`` and each wrong key (a section with
    no model, such as a scratch notebook's, is not checked)."""
    found = problems(section, data)
    if found:
        raise ResultsShapeError(file, section, found)


def valid_part(section: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` without the top-level keys that do not fit the section's model (what a reader
    may still use of a section that is partly wrong); all of it when it fits."""
    bad = {key.split(".", 1)[0].split("[", 1)[0] for key, _ in problems(section, data)}
    return {key: value for key, value in data.items() if key not in bad}


def has_key(pattern: str) -> bool:
    """Whether a dotted key ("trajectory.goals.*.median_year"; ``*`` is any mapping key) is a
    key of a section's model."""
    section, *parts = pattern.split(".")
    shape: Any = SECTION_MODELS.get(section)
    for part in parts:
        shape = _field_type(shape, part)
        if shape is None:
            return False
    return True


def _field_type(shape: Any, part: str) -> Any:
    """The type under ``part`` of a model, a ``dict[str, X]`` or an optional of either."""
    import types
    import typing

    options = typing.get_args(shape) if isinstance(shape, types.UnionType) else (shape,)
    for option in options:
        if isinstance(option, type) and issubclass(option, BaseModel):
            field = option.model_fields.get(part)
            if field is not None:
                return field.annotation
        elif typing.get_origin(option) is dict:
            return typing.get_args(option)[1]
    return None
