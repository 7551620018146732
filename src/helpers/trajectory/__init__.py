"""Trajectory of beschut werk: models, goal years, backtests and their figures.

- :mod:`.data`: decimal years and the fit window;
- :mod:`.state_space`: the headline forecast (local linear trend over a grid of variances);
- :mod:`.stock_flow`: placements minus exits, the exit rate integrated over its prior
  (``fit_stock_flow``; exit rate 0 is the local linear trend);
- :mod:`.models`: the comparison models behind ``FittedModel`` (``predict``, ``simulate``);
- :mod:`.forecasts`: the forecast model set, conditional paths, data cross-checks;
- :mod:`.goals`: goal crossings, their summary in calendar years, observed pace;
- :mod:`.backtest`: cases per (training set, target), interval scores, the headline rule;
- :mod:`.analysis`: simulation, goal-year tables, projections, nowcast, prior sensitivity;
- :mod:`.report`: results.json entries, the answer in words, the notebook's tables;
- :mod:`.pipeline`: ``run_trajectory`` (everything the notebook shows) and its outputs;
- :mod:`.validation`: ``validate_trajectory_params``;
- :mod:`.plots`: the figures and their labels in both languages.
"""

from helpers.trajectory.validation import (
    TrajectoryParams,
    params_from,
    validate_trajectory_params,
)

__all__ = ["TrajectoryParams", "params_from", "validate_trajectory_params"]
