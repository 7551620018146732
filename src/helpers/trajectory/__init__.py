"""Trajectory of beschut werk: when are 30,000 and 50,000 people working reached?

What 02_trajectory calls, in the order it calls it (the same steps as 03-05):
``validate_parameters`` -> ``analyse`` -> ``write_tables`` -> ``key_numbers`` -> ``answer``, then
the tables and paragraphs below. The rooms:

- :mod:`.validation`: the checks that need the data (types, ranges and defaults are declared in
  helpers.scenario_schema.TrajectoryParameters);
- :mod:`.pipeline`: ``analyse`` (every computation in one call), ``write_tables``,
  ``key_numbers`` (the "trajectory" section of results.json), ``answer``;
- :mod:`.labels`: every reader-facing text in English and Dutch, the model names among them;
- :mod:`.text`: the generated prose; :mod:`.tables`: the shown tables;
- :mod:`.report`: the entries of the results section;
- :mod:`.data`: decimal years and the fit window;
- :mod:`.state_space`: the local linear trend over a grid of variances;
- :mod:`.stock_flow`: placements minus exits, the exit rate integrated over its prior;
- :mod:`.models`: the comparison models behind ``FittedModel`` (``predict``, ``simulate``);
- :mod:`.forecasts`: the forecast model set, conditional paths, data cross-checks;
- :mod:`.goals`: goal crossings, their summary in calendar years, observed pace;
- :mod:`.backtest`: cases per (training set, target), interval scores, the headline rule;
- :mod:`.mixture`: which models are credible, and their mixture (the headline);
- :mod:`.analysis`: simulation, goal-year tables, projections, nowcast, prior sensitivity;
- :mod:`.figures`: the figures of 02 (also the explorer's flagship, for one model);
  :mod:`.label_placement`: where their direct labels go.
"""

from helpers.layout import TRAJECTORY as SECTION  # its section of results.json
from helpers.trajectory.figures import figure_backtest, figure_flagship, figure_goal_years
from helpers.trajectory.labels import LABELS, MODEL_NAMES, PARAMETER_NAMES, model_name
from helpers.trajectory.pipeline import (
    TrajectoryRun,
    analyse,
    answer,
    key_numbers,
    write_tables,
)
from helpers.trajectory.tables import (
    backtest_table,
    goal_year_table,
    model_risk_table,
    observation_table,
    parameter_table,
    pipeline_table,
    sensitivity_table,
)
from helpers.trajectory.text import (
    backtest_text,
    conditional_text,
    exit_bound_text,
    fit_window_text,
    pipeline_text,
)
from helpers.trajectory.validation import TrajectoryParams, validate_parameters

__all__ = [
    "LABELS",
    "MODEL_NAMES",
    "PARAMETER_NAMES",
    "SECTION",
    "TrajectoryParams",
    "TrajectoryRun",
    "analyse",
    "answer",
    "backtest_table",
    "backtest_text",
    "conditional_text",
    "exit_bound_text",
    "figure_backtest",
    "figure_flagship",
    "figure_goal_years",
    "fit_window_text",
    "goal_year_table",
    "key_numbers",
    "model_name",
    "model_risk_table",
    "observation_table",
    "parameter_table",
    "pipeline_table",
    "pipeline_text",
    "sensitivity_table",
    "validate_parameters",
    "write_tables",
]
