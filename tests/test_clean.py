"""The cleaning command: good input is written as a complete set, bad input changes nothing."""

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from support.markup_check import HOSTILE, assert_markdown_safe, assert_no_live_markup
from support.paths import REPO

from helpers import clean, cleaning_report
from helpers.outputs import table_to_csv
from helpers.processed import CONFLICT_COLUMNS, OBSERVATION_COLUMNS, SERIES_COLUMNS, load_series
from helpers.register import PROGRESS_MIN_ROWS, progress
from helpers.trajectory import tables as trajectory_tables

REGISTER = "data/raw/source_register.csv"


@pytest.fixture
def cleaned_project(tmp_path, monkeypatch):
    """A throw-away project root holding a copy of the register and a first cleaning run."""
    (tmp_path / "data" / "raw").mkdir(parents=True)
    shutil.copy(REPO / REGISTER, tmp_path / REGISTER)
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(tmp_path))
    monkeypatch.setenv("BESCHUT_WRITE_ROOT", str(tmp_path))
    assert clean.main([]) == 0
    return tmp_path


def snapshot(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def edit_register(cleaned_project: Path, row_id: str, column: str, value: str) -> None:
    path = cleaned_project / REGISTER
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == row_id, column] = value
    frame.to_csv(path, index=False, lineterminator="\r\n")


def test_writes_the_processed_tables(cleaned_project):
    processed = cleaned_project / "data" / "processed"
    assert sorted(p.name for p in processed.iterdir()) == [
        "README.md", "conflicts.csv", "datapackage.json", "observations.csv", "series.csv"
    ]  # fmt: skip
    for name, columns in [
        ("observations.csv", OBSERVATION_COLUMNS),
        ("series.csv", SERIES_COLUMNS),
        ("conflicts.csv", CONFLICT_COLUMNS),
    ]:
        header = (processed / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == list(columns)
    series = load_series()
    working = series[series["metric"] == "working"]
    assert working["reference_date"].dt.year.min() == 2015
    assert working["reference_date"].dt.year.max() == 2022
    assert working["source_ids"].str.len().gt(0).all()
    assert set(working["qualifier"]) <= {"exact", "approximate", "lower_bound", "upper_bound"}


def test_running_twice_gives_identical_files(cleaned_project):
    before = snapshot(cleaned_project / "data" / "processed")
    assert clean.main([]) == 0
    assert snapshot(cleaned_project / "data" / "processed") == before


def test_committed_processed_data_is_current():
    """data/processed in the repository is what the code makes of data/raw."""
    result = clean.clean_register(REPO / REGISTER)
    committed = REPO / "data" / "processed"
    assert (committed / "series.csv").read_text(encoding="utf-8") == table_to_csv(result.series)
    assert (committed / "observations.csv").read_text(encoding="utf-8") == table_to_csv(
        result.observations
    )
    assert (committed / "conflicts.csv").read_text(encoding="utf-8") == table_to_csv(
        result.conflicts
    )


@pytest.mark.parametrize(
    ("row_id", "column", "bad", "message"),
    [
        ("S012", "metric", "werkend", "unknown metric 'werkend'"),
        ("S013", "value_as_published", "1.2.3", "'1.2.3'"),
        ("S014", "id", "S013", "duplicate id"),
        ("S020", "reference_period", "eind 2019", "'eind 2019' is not a period"),
        ("S021", "publisher", "", "is empty"),
        ("S030", "value_as_published", "", "is empty"),
    ],
)
def test_bad_register_fails_naming_row_and_column_and_writes_nothing(
    cleaned_project, capsys, row_id, column, bad, message
):
    before = snapshot(cleaned_project / "data" / "processed")
    edit_register(cleaned_project, row_id, column, bad)
    capsys.readouterr()
    assert clean.main([]) == 2
    error = capsys.readouterr().err
    reported_row = "S013" if column == "id" else row_id  # a duplicate is reported under its id
    assert REGISTER in error
    assert f"row {reported_row}" in error
    assert f"column {column}" in error
    assert message in error
    assert snapshot(cleaned_project / "data" / "processed") == before


def test_command_line_exit_status(cleaned_project):
    edit_register(cleaned_project, "S012", "metric", "werkend")
    completed = subprocess.run(
        [sys.executable, "-m", "helpers.clean"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 2
    assert "row S012" in completed.stderr and "column metric" in completed.stderr


def test_output_outside_the_project_is_refused(cleaned_project, capsys):
    assert clean.main(["--output-dir", "../elsewhere"]) == 2
    assert "parameter 'output_dir'" in capsys.readouterr().err


def add_register_row(cleaned_project: Path, fields: str) -> None:
    with (cleaned_project / REGISTER).open("ab") as register:
        register.write(fields.encode() + b"\r\n")


OUTLIER_ROW = "S999,working,2022-12-31,80.320,persons,secondary,Krant,Beschut werk eind 2022,,2023"


def test_an_outlier_stops_the_cleaning_naming_row_and_field(cleaned_project, capsys):
    before = snapshot(cleaned_project / "data" / "processed")
    add_register_row(cleaned_project, OUTLIER_ROW + ",")
    capsys.readouterr()
    assert clean.main([]) == 2
    error = capsys.readouterr().err
    lines = [line for line in error.splitlines() if "row S999" in line]
    assert lines and all(REGISTER in line and "column value_as_published" in line for line in lines)
    assert any("S024, S025" in line and "factor 1.5" in line for line in lines)  # disagreement
    assert any("fold against S021" in line for line in lines)  # the tenfold jump
    assert "[accepted outlier: <why>]" in error
    assert snapshot(cleaned_project / "data" / "processed") == before


def test_an_accepted_outlier_is_cleaned_and_its_acceptance_recorded(cleaned_project):
    add_register_row(cleaned_project, OUTLIER_ROW + ",[accepted outlier: test of the marker]")
    assert clean.main([]) == 0
    observations = pd.read_csv(
        cleaned_project / "data" / "processed" / "observations.csv", dtype=str
    )
    reason = observations.set_index("id").loc["S999", "reason"]
    assert "accepted outlier (test of the marker)" in reason


def test_bench_command_writes_nothing(cleaned_project, capsys):
    before = snapshot(cleaned_project)
    assert clean.main(["--bench", "300"]) == 0
    assert "'rows': 300" in capsys.readouterr().out
    assert snapshot(cleaned_project) == before


@pytest.mark.parametrize("figures_dir", [".", "data/processed/figures", "reports", "../figures", 3])
def test_figures_dir_must_be_a_folder_under_reports(figures_dir):
    with pytest.raises(clean.ParameterError, match="figures_dir"):
        clean.validate_figures_dir(figures_dir)


def test_figures_dir_under_reports_is_accepted(cleaned_project):
    assert clean.validate_figures_dir("reports/cleaning/figures") == (
        cleaned_project / "reports" / "cleaning" / "figures"
    )


def test_cleaning_report_compares_the_cbs_provisions_with_the_uwv_series():
    from helpers import cleaning_report

    result = clean.clean_register(REPO / REGISTER)
    series = result.series.set_index(["metric", "reference_date"])
    provisions = series.loc["srg_beschut_werk_provisions"].iloc[0]
    working = series.loc["working"]
    before = working[working.index <= provisions.name].iloc[-1]
    sentence = cleaning_report.measures_sentence(result.series)
    assert f"{provisions['value']:,.0f} beschut werk provisions" in sentence
    assert f"{before['value']:,.0f} people" in sentence
    assert f"{abs(provisions['value'] - before['value']):,.0f}" in sentence
    assert provisions["source_id"] in sentence and before["source_id"] in sentence
    growth = cleaning_report.growth_checks(result.observations)
    assert "S096" in growth and "cross-check" in growth


def test_cleaning_figures_draw_each_measure_in_its_own_colour():
    from helpers import cleaning_report
    from helpers.plotting import CONCEPT_COLOURS

    result = clean.clean_register(REPO / REGISTER)
    fig = cleaning_report.measures_figure(result.series)
    lines = fig.axes[0].get_lines()
    cbs = [line.get_color() for line in lines if line.get_gid() == "other_measure"]
    uwv = [line.get_color() for line in lines if line.get_gid() == "realised"]
    assert cbs and set(cbs) == {CONCEPT_COLOURS["other_measure"]}
    assert uwv and set(uwv) == {CONCEPT_COLOURS["realised"]}
    statements = cleaning_report.statements_figure(result.observations, result.series)
    points = sum(
        len(line.get_xdata())
        for line in statements.axes[0].get_lines()
        if line.get_linestyle() == "None"
    )
    dated = result.observations[
        (result.observations["metric"] == "working") & (result.observations["reference_date"] != "")
    ]
    assert points == (dated["decision"] != "corroborating").sum()  # each statement once


def test_cleaning_notebook_is_at_most_half_code():
    """Non-blank lines of code cells against all non-blank lines of notebooks/01_clean.py."""
    code = other = 0
    in_code = False
    for line in (REPO / "notebooks" / "01_clean.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            in_code = "[markdown]" not in line
        elif line.strip():
            code += in_code
            other += not in_code
    assert code <= other


def _hostile_register(cleaned_project: Path) -> None:
    """Every publisher and title followed by markup (equal texts stay equal, so the
    reconciliation is unchanged), and markup in every empty note."""
    path = cleaned_project / REGISTER
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("publisher", "title"):
        distinct = sorted(frame[column].unique())
        hostile = {text: f"{text} {HOSTILE[i % len(HOSTILE)]}" for i, text in enumerate(distinct)}
        frame[column] = frame[column].map(hostile)
    empty = frame["note"] == ""
    frame.loc[empty, "note"] = [HOSTILE[i % len(HOSTILE)] for i in range(empty.sum())]
    frame.to_csv(path, index=False, lineterminator="\r\n")


def test_register_markup_is_shown_as_text_in_every_cleaning_output(cleaned_project):
    """data/processed/README.md, the cleaning report's Markdown and tables, and the trajectory
    observation table show hostile register text literally, with no live markup (issue 17)."""
    _hostile_register(cleaned_project)
    assert clean.main([]) == 0
    assert_markdown_safe((cleaned_project / "data/processed/README.md").read_text(encoding="utf-8"))
    result = clean.clean_register(REGISTER)
    observations, conflicts = result.observations, result.conflicts
    assert observations["publisher"].str.contains("<script>", regex=False).any()
    assert_markdown_safe(cleaning_report.growth_checks(observations))
    assert_markdown_safe(cleaning_report.conflict_resolutions(conflicts))
    shown = [
        observations,
        result.series,
        conflicts,
        cleaning_report.source_kinds(observations),
        cleaning_report.not_kept(observations),
        cleaning_report.accepted_outliers(observations),
    ]
    literals = tuple(observations["publisher"]) + tuple(observations["note"])
    for frame in shown:
        assert_no_live_markup(frame._repr_html_())
    assert_no_live_markup(observations.to_html(), literals)  # _repr_html_ shows 60 rows
    working = observations[observations["metric"] == "working"].rename(columns={"id": "source_id"})
    working = working.assign(reference_date=pd.to_datetime(working["reference_date"]))
    table = trajectory_tables.observation_table(working, "en")._repr_html_()
    assert_no_live_markup(table, tuple(working["publisher"]))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("rows", "stream", "shown"),
    [(PROGRESS_MIN_ROWS, _Terminal, True), (PROGRESS_MIN_ROWS - 1, _Terminal, False),
     (PROGRESS_MIN_ROWS * 10, io.StringIO, False)],
    ids=["large register on a terminal", "small register", "large register, not a terminal"],
)  # fmt: skip
def test_progress_only_for_large_registers_on_a_terminal(monkeypatch, rows, stream, shown):
    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    bar = progress(rows, "reading the register")
    bar.update(rows // 2)
    bar.refresh()
    bar.close()
    assert ("reading the register" in err.getvalue()) is shown
