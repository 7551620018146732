"""The cleaning step: data/raw/source_register.csv -> data/processed/.

``python -m helpers.clean --register data/raw/source_register.csv --output-dir data/processed``
validates the whole register first; on any problem it prints every problem (file, row id,
column) and exits with status 2, leaving the output directory untouched. Otherwise it writes
observations.csv, series.csv, conflicts.csv and README.md into a staging directory and replaces
the output directory with it in one move (see helpers.outputs.replace_directory).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from helpers import datapackage, layout
from helpers.errors import InputError, ParameterError, Problem, ProjectBusy, UnsafeTree
from helpers.markup import markdown_code
from helpers.outputs import (
    ProjectLock,
    atomic_write_text,
    recover_directory,
    replace_directory,
    table_to_csv,
)
from helpers.paths import (
    PROCESSED_DIR,
    RAW_REGISTER,
    REPORTS_DIR,
    input_path,
    output_path,
    project_root,
    relative_to_project,
)
from helpers.processed import (
    CONFLICT_COLUMNS,
    OBSERVATION_COLUMNS,
    SERIES_COLUMNS,
)
from helpers.reconcile import Reconciled, reconcile
from helpers.register import COLUMNS, iso, read_register
from helpers.scenario_schema import check_notebook_parameters, check_parameter
from helpers.vocabulary import (
    INDICATION_WITHOUT_JOB,
    POSITIVE_ADVICE_FLOW,
    POSITIVE_ADVICE_STOCK,
    WORKING,
    WORKING_ADDED,
)


@dataclass
class CleanResult:
    """The three processed tables."""

    observations: pd.DataFrame
    series: pd.DataFrame
    conflicts: pd.DataFrame
    register_name: str


def clean_register(register_path: str | Path = RAW_REGISTER) -> CleanResult:
    """Validate, parse and reconcile the register (no writing)."""
    path = input_path(register_path, "register_path")
    name = str(Path(register_path)) if not Path(register_path).is_absolute() else str(path)
    return clean_frame(read_register(path, display_name=name), name)


def _stop_on_outliers(reconciled: Reconciled, register: pd.DataFrame, file: str) -> None:
    """Raise an InputError naming every outlier that the register does not mark as accepted."""
    lines = dict(zip(register["id"], register["line"], strict=True))
    problems = [
        Problem(
            file,
            outlier["id"],
            outlier["column"],
            f"{outlier['message']}; correct the row, or mark it as deliberately accepted by "
            "writing [accepted outlier: <why>] in its note (ASSUMPTIONS.md#d12)",
            lines[outlier["id"]],
        )
        for outlier in reconciled.outliers
        if not outlier["accepted"]
    ]
    if problems:
        raise InputError(problems)


def clean_frame(register: pd.DataFrame, name: str) -> CleanResult:
    """Reconcile a validated register (read_register's frame); stop on unaccepted outliers."""
    reconciled: Reconciled = reconcile(register)
    _stop_on_outliers(reconciled, register, name)
    decisions = reconciled.decisions.set_index("id")
    observations = pd.DataFrame(
        {
            "id": register["id"],
            "metric": register["metric"],
            "reference_period": register["reference_period"],
            "reference_date": register["reference_date"].map(iso),
            "period_start": register["period_start"].map(iso),
            "period_precision": register["period_precision"],
            "value_as_published": register["value_as_published"],
            "value": register["value"].astype(float),
            "qualifier": register["qualifier"],
            "unit": register["unit"],
            "source_kind": register["source_kind"],
            "publisher": register["publisher"],
            "published": register["published"],
            "decision": register["id"].map(decisions["decision"]),
            "reason": register["id"].map(decisions["reason"]),
            "series_date": register["id"].map(decisions["series_date"]).fillna(""),
            "title": register["title"],
            "url": register["url"],
            "note": register["note"],
        }
    )
    series = reconciled.series[list(SERIES_COLUMNS)].copy()
    series["value"] = series["value"].astype(float)
    conflicts = reconciled.conflicts[list(CONFLICT_COLUMNS)]
    return CleanResult(observations[list(OBSERVATION_COLUMNS)], series, conflicts, name)


def validate_clean_params(register_path: str, output_dir: str, figures_dir: str) -> dict[str, Path]:
    """Check the cleaning notebook's parameters against their model (helpers.scenario_schema)
    and resolve them: ``register``, ``out`` (the processed tables) and ``figures``."""
    check_notebook_parameters("01_clean", locals())
    register = input_path(register_path, "register_path")
    if not register.is_file():
        raise ParameterError("register_path", f"{register_path!r} is not a file")
    return {
        "register": register,
        "out": output_path(output_dir, "output_dir"),
        "figures": validate_figures_dir(figures_dir),
    }


def validate_figures_dir(figures_dir: str) -> Path:
    """Check the cleaning notebook's figures_dir: a ``figures`` folder in an output location."""
    check_parameter("01_clean", "figures_dir", figures_dir)
    relative = relative_to_project(figures_dir, "figures_dir")
    if relative.name != layout.FIGURES_DIR or relative.parts[:1] != (REPORTS_DIR,):
        raise ParameterError(
            "figures_dir",
            f"must be a folder named figures in a reports folder, got {figures_dir!r}",
        )
    return output_path(relative.parent.as_posix(), "figures_dir") / relative.name


def _columns_doc(columns: dict[str, str]) -> str:
    """The column table's rows; a ``|`` in a meaning is escaped so the table keeps two columns."""
    return "\n".join(
        f"| `{name}` | {meaning.replace('|', chr(92) + '|')} |" for name, meaning in columns.items()
    )


def processed_readme(result: CleanResult) -> str:
    """The README written beside the processed tables: what each file and column holds."""
    counts = result.observations["decision"].value_counts().sort_index()
    decision_lines = "\n".join(f"| {d} | {n} |" for d, n in counts.items())
    register = markdown_code(result.register_name)
    return f"""# data/processed

Generated by the cleaning step (`notebooks/01_clean.ipynb`, logic in `src/helpers/clean.py`) from
{register}. Do not edit: change the register or the code and run `make reports`.
The reconciliation rule is written in `src/helpers/reconcile.py` and `ASSUMPTIONS.md#a1`.
An outlier (a statement more than 1.5 times away from the others for its metric and date, or a
stock jumping tenfold in the series) stops the cleaning step unless the register's note accepts
it (`ASSUMPTIONS.md#d12`); a stated growth (`working_growth`) is only a cross-check of the
series, with its outcome in the `reason` of its statement (`ASSUMPTIONS.md#d9`).

| file | rows | what it holds |
|---|---|---|
| `observations.csv` | {len(result.observations)} | every register row, parsed, with its decision |
| `series.csv` | {len(result.series)} | one figure per metric and reference date |
| `conflicts.csv` | {len(result.conflicts)} | every disagreement and how it was resolved |
| `datapackage.json` | | a frictionless data package describing the register and these tables |

Check them with a standard tool: `frictionless validate --trusted data/processed/datapackage.json`
(`--trusted` lets it follow the register's path, `../raw/source_register.csv`). The data are
licensed CC BY 4.0 (`data/LICENSE`).

Decisions on the register's statements:

| decision | statements |
|---|---|
{decision_lines}

## observations.csv

| column | meaning |
|---|---|
{_columns_doc(OBSERVATION_COLUMNS)}

## series.csv

| column | meaning |
|---|---|
{_columns_doc(SERIES_COLUMNS)}

## conflicts.csv

| column | meaning |
|---|---|
{_columns_doc(CONFLICT_COLUMNS)}
"""


def write_processed(result: CleanResult, output_dir: str | Path = PROCESSED_DIR) -> Path:
    """Write the tables and README into ``output_dir`` as one complete set, atomically."""
    target = output_path(output_dir, "output_dir")
    recover_directory(target)
    staging = target.with_name(f".{target.name}.staging-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        files = {
            "observations.csv": table_to_csv(result.observations),
            "series.csv": table_to_csv(result.series),
            "conflicts.csv": table_to_csv(result.conflicts),
            layout.README_FILE: processed_readme(result),
            datapackage.FILE_NAME: datapackage.render(
                input_path(result.register_name, "register_path"), target
            ),
        }
        for name, text in files.items():
            atomic_write_text(staging / name, text)
        replace_directory(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


# (metric, unit) of the synthetic register's series; each gets a share of the rows
_SYNTHETIC_SERIES = (
    (WORKING, "persons"),
    (POSITIVE_ADVICE_STOCK, "persons"),
    (INDICATION_WITHOUT_JOB, "persons"),
    (WORKING_ADDED, "persons"),
    (POSITIVE_ADVICE_FLOW, "persons"),
)
_SYNTHETIC_PUBLISHERS = ("UWV", "Ministerie van SZW", "Cedris", "Divosa", "Binnenlands Bestuur")


def synthetic_register(rows: int, seed: int = 0, days: int | None = None) -> str:
    """A valid register of ``rows`` statements (CRLF), for scaling tests and the benchmark.

    Each series is smooth (no outlier), most dates carry two or three statements from different
    publishers (the same figure, sometimes printed "circa" or "ruim"), reference dates are days
    from 1995 on and every figure is published 30 days after its date; once the dates reach the
    present (or after ``days`` days) they start again in 1995 as another edition of the
    publications, so that a date holds more statements.
    """
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    start = date(1995, 1, 1)
    if days is None:  # every publication in the past
        days = (date.today() - timedelta(days=60) - start).days
    count = 0
    step = 0
    while count < rows:
        day, sweep = step % days, step // days  # a large register dates more reports per day
        for metric, unit in _SYNTHETIC_SERIES:
            value = 1_000 + 3 * day
            reference = start + timedelta(days=day)
            title = f"Cijfers {reference:%Y-%m}" + (f" (editie {sweep + 1})" if sweep else "")
            for publisher in rng.sample(_SYNTHETIC_PUBLISHERS, rng.randint(1, 3)):
                if count == rows:
                    break
                count += 1
                printed = f"{value:,}".replace(",", ".")
                printed = rng.choice(["", "", "", "circa ", "ruim "]) + printed
                kind = "official" if publisher in _SYNTHETIC_PUBLISHERS[:2] else "secondary"
                writer.writerow(
                    [f"S{count:06d}", metric, reference.isoformat(), printed, unit, kind,
                     publisher, title, "", (reference + timedelta(days=30)).isoformat(),
                     "synthetic"]
                )  # fmt: skip
        step += 1
    return out.getvalue()


def bench(rows: int, seed: int = 0) -> dict[str, float]:
    """Time reading and cleaning a synthetic register of ``rows`` statements (nothing kept)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "source_register.csv"
        path.write_text(synthetic_register(rows, seed), encoding="utf-8", newline="")
        started = time.perf_counter()
        register = read_register(path)
        read = time.perf_counter()
        result = clean_frame(register, str(path))
        done = time.perf_counter()
    return {
        "rows": rows,
        "series_rows": len(result.series),
        "read_seconds": round(read - started, 2),
        "clean_seconds": round(done - read, 2),
        "total_seconds": round(done - started, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: validate and clean the register; exit 2 on bad input, writing nothing."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers.clean", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--register", default=RAW_REGISTER, help="register CSV (repo-relative)")
    parser.add_argument("--output-dir", default=PROCESSED_DIR, help="where the tables go")
    parser.add_argument(
        "--bench",
        type=int,
        metavar="ROWS",
        help="only time the cleaning of a synthetic register of ROWS statements; writes nothing",
    )
    args = parser.parse_args(argv)
    if args.bench is not None:
        if args.bench < 1:
            parser.error("--bench needs a positive number of rows")
        print(bench(args.bench))
        return 0
    try:
        output_path(args.output_dir, "output_dir")  # a bad target is refused before the lock
        with ProjectLock(project_root(), "cleaning command"):  # one writer at a time (R3)
            result = clean_register(args.register)
            write_processed(result, args.output_dir)
    except (InputError, ParameterError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (ProjectBusy, UnsafeTree) as error:
        print(f"error: {error}", file=sys.stderr)
        return 75 if isinstance(error, ProjectBusy) else 73
    counts = result.observations["decision"].value_counts().sort_index().to_dict()
    print(
        f"{len(result.observations)} statements -> {len(result.series)} series rows, "
        f"{len(result.conflicts)} conflicts {counts}; written to {args.output_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
