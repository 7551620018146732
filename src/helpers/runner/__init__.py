"""Regenerate data/processed and every report with one command, in parallel, all or nothing.

``python -m helpers.runner`` (``make reports``) reads ``scenarios.yaml`` at the project root and
executes the notebooks with papermill in worker processes: the notebooks of scope "once"
(01_clean) first, then every distinct (notebook, parameters) run in parallel, up to ``--jobs`` at
a time. Split by concern:

- :mod:`.config`: the scenario file and the notebooks' parameters, checked before any work
  (schema in :mod:`helpers.scenario_schema`);
- :mod:`.planning`: one run per notebook and distinct parameter set, published in the folder of
  the first scenario with that set (``reports/runs.json``);
- :mod:`.execution`: worker processes, per-cell time limit, failure reports;
- :mod:`.publication`: checks of the tree, staging, all-or-nothing publication, the index;
- :mod:`.cli`: the command line; every failure is a message and an exit code.

Guarantees (tested in tests/test_interruption.py, test_concurrency.py and test_bad_input.py):

- Nothing starts before the scenario file, every scenario and notebook name, every parameter
  and the tree the runner writes into have been checked.
- A set of outputs is moved into place only when every run that writes it succeeded; a run
  killed at any moment leaves each set its previous or its new complete version.
- One writer per project tree: the runner and the cleaning command take ``.runner.lock``
  (never followed through a symbolic link); a second one refuses (exit code 75) and names the
  process holding it; notebooks run by hand refuse to write while it is held.
- Nothing outside the tree: the root is the tree being run; a ``helpers`` imported from another
  tree (a copied clone's .venv) is refused (exit code 73), and no write follows a symbolic link
  anywhere below an output folder, logs/ or .staging/ (helpers.outputs.guard_write).
- One writer for a publication, for its whole duration: every write through helpers checks the
  lock; a folder another writer changed while the runner ran is not published over (exit 1).
- A signal ends in one line and 128 + its number (130 SIGINT, 143 SIGTERM, 129 SIGHUP).
- One failing run does not stop the others; the failures are listed with the notebook, the
  scenario, the failing cell and the exception (exit code 1).

Logs go to ``logs/<folder>/<notebook>.log`` (not versioned).
"""

from helpers.errors import ProjectBusy
from helpers.outputs import ProjectLock
from helpers.runner.cli import (
    EXIT_BUSY,
    EXIT_INTERRUPTED,
    EXIT_UNSAFE,
    EXIT_USAGE,
    build_parser,
    main,
)
from helpers.runner.config import (
    CLEANING,
    ONCE,
    PER_SCENARIO,
    Config,
    ConfigError,
    NotebookEntry,
    check_scenario_name,
    declared_parameters,
    load_config,
)
from helpers.runner.execution import (
    EXIT_FAILED,
    _source_cell_index,
    _task,
    execute_run,
    format_failure,
    regenerate,
)
from helpers.runner.planning import (
    Group,
    Run,
    describe,
    homes,
    notebook_parameters,
    plan,
    runs_manifest,
)
from helpers.runner.publication import (
    check_tree,
    clean_staging,
    print_changes,
    publish_targets,
    recover,
    write_runs,
)

RunnerBusy = ProjectBusy  # the name used before the lock moved to helpers.outputs

__all__ = [
    "CLEANING",
    "EXIT_BUSY",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_UNSAFE",
    "EXIT_USAGE",
    "ONCE",
    "PER_SCENARIO",
    "Config",
    "ConfigError",
    "Group",
    "NotebookEntry",
    "ProjectLock",
    "Run",
    "RunnerBusy",
    "_source_cell_index",
    "_task",
    "build_parser",
    "check_scenario_name",
    "check_tree",
    "clean_staging",
    "declared_parameters",
    "describe",
    "execute_run",
    "format_failure",
    "homes",
    "load_config",
    "main",
    "notebook_parameters",
    "plan",
    "print_changes",
    "publish_targets",
    "recover",
    "regenerate",
    "runs_manifest",
    "write_runs",
]
