"""Trajectory of beschut werk: models, goal years, backtests and their figures.

- :mod:`.data`: decimal years and the fit window;
- :mod:`.models`: the models behind ``fit(times, values) -> FittedModel`` with ``predict`` and
  ``simulate``;
- :mod:`.goals`: the year a goal is reached, its summary, required and observed pace;
- :mod:`.backtest`: rolling-origin backtests and the headline rule;
- :mod:`.analysis`: the steps the notebook calls;
- :mod:`.validation`: ``validate_trajectory_params``;
- :mod:`.plots`: the notebook's figures.
"""

from helpers.trajectory.validation import TrajectoryParams, validate_trajectory_params

__all__ = ["TrajectoryParams", "validate_trajectory_params"]
