"""Parameter validation: helpers.params checks and helpers.paths path resolution (issue 6).

Every refusal is a ParameterError that names the parameter (``.parameter`` and the message).
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import typing
from pathlib import Path

import pytest
from support.paths import RAW_REGISTER, REPO

from helpers.errors import ParameterError
from helpers.params import check_int_list
from helpers.paths import input_path, output_path
from helpers.scenario_schema import (
    NOTEBOOK_MODELS,
    check_notebook_parameters,
    check_parameter,
    refuse_unknown_parameters,
)


def _refused(call, name: str, *args, **kwargs) -> ParameterError:
    """Call and return the ParameterError, checking that it names ``name``."""
    with pytest.raises(ParameterError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert error.parameter == name or error.parameter.startswith(f"{name}["), error.parameter
    assert f"'{error.parameter}'" in str(error), str(error)
    return error


# --------------------------------------------------------------------------------------------
# check_parameter: one parameter against its notebook's model


def test_check_parameter_accepts_a_declared_choice() -> None:
    assert check_parameter("04_waiting_list", "matching_rule", "same_date") == "same_date"
    assert check_parameter("03_targets_gap", "language", "nl") == "nl"


@pytest.mark.parametrize("value", ["NL", " nl", "", None, 1, ["nl"], "fr"])
def test_check_parameter_refuses_naming_it_and_its_choices(value) -> None:
    error = _refused(check_parameter, "language", "05_finance", "language", value)
    assert "'en'" in str(error) and "'nl'" in str(error), "the message lists the choices"


def test_check_parameter_refuses_a_name_the_notebook_does_not_declare() -> None:
    _refused(check_parameter, "matching_rule", "03_targets_gap", "matching_rule", "same_date")


# --------------------------------------------------------------------------------------------
# check_int_list


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ([2030, 2035, 2048], {}, [2030, 2035, 2048]),
        ((2030, 2035), {}, [2030, 2035]),
        ("2030, 2035,2048", {}, [2030, 2035, 2048]),  # papermill -p passes lists as strings
        ("[2030, 2035]", {}, [2030, 2035]),
        ([2030.0], {}, [2030]),
        ([], {"allow_empty": True}, []),
        ("", {"allow_empty": True}, []),
        ([2023, 2030], {"minimum": 2023}, [2023, 2030]),
    ],
)
def test_check_int_list_accepts(value, kwargs, expected) -> None:
    assert check_int_list("milestone_years", value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "kwargs"),
    [
        ([], {}),
        ("", {}),
        ("[]", {}),
        ("2030; 2035", {}),
        ("2030, twintig", {}),
        ("2030.5", {}),
        (2030, {}),
        (None, {}),
        ({2030, 2035}, {}),
        ({"a": 2030}, {}),
        ([2030, 2030], {}),
        ("2030,2030", {}),
        ([2030, True], {}),
        ([2030, "2035"], {}),
        ([2030, 2035.5], {}),
        ([2030, None], {}),
        ([2020, 2030], {"minimum": 2023}),
    ],
)
def test_check_int_list_refuses(value, kwargs) -> None:
    _refused(check_int_list, "milestone_years", "milestone_years", value, **kwargs)


def test_check_int_list_names_the_bad_element() -> None:
    error = _refused(check_int_list, "milestone_years", "milestone_years", [2030, 2020], 2023)
    assert error.parameter == "milestone_years[1]"


# --------------------------------------------------------------------------------------------
# helpers.paths


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root with a copy of the register and a processed directory; no write root."""
    project = tmp_path / "project"
    (project / "data" / "raw").mkdir(parents=True)
    (project / "data" / "processed").mkdir(parents=True)
    shutil.copyfile(RAW_REGISTER, project / "data" / "raw" / "source_register.csv")
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(project))
    monkeypatch.delenv("BESCHUT_WRITE_ROOT", raising=False)
    return project.resolve()


@pytest.mark.parametrize(
    "value",
    [
        "data/raw/source_register.csv",
        "./data/raw/source_register.csv",
        Path("data/processed"),
        "reports/baseline",  # need not exist yet
        "data",
    ],
)
def test_repo_relative_paths_resolve_under_the_root(root: Path, value) -> None:
    result = input_path(value, "register")
    assert result == root / Path(value)
    assert result.is_relative_to(root)


@pytest.mark.parametrize(
    "value",
    [
        "data/processed",
        Path("data/processed"),
        "reports/baseline",  # need not exist yet
        "reports/cleaning",
        "reports/scratch",
        "reports/scratch-2/figures",  # anything under a scratch folder
        "./reports/baseline_nl",
    ],
)
def test_output_locations_resolve_under_the_root(root: Path, value) -> None:
    assert output_path(value, "output_dir") == root / Path(value)


def test_absolute_paths_inside_the_root_are_accepted(root: Path) -> None:
    inside = root / "data" / "raw" / "source_register.csv"
    assert input_path(str(inside), "register") == inside
    assert input_path(inside, "register") == inside
    assert input_path(str(root), "register") == root
    reports = root / "reports" / "baseline"
    assert output_path(str(reports), "output_dir") == reports
    assert output_path(reports, "output_dir") == reports


@pytest.mark.parametrize("resolve", [input_path, output_path], ids=["input", "output"])
@pytest.mark.parametrize(
    "value",
    [
        "..",
        "../outside.csv",
        "data/../../outside.csv",
        "data/raw/../../../etc/passwd",
        "data/../data/raw/source_register.csv",  # '..' is refused even when it stays inside
    ],
)
def test_dot_dot_is_refused(root: Path, resolve, value) -> None:
    error = _refused(resolve, "output_dir", value, "output_dir")
    assert "'..'" in str(error)


@pytest.mark.parametrize("resolve", [input_path, output_path], ids=["input", "output"])
def test_absolute_paths_outside_the_root_are_refused(root: Path, resolve) -> None:
    outside = [
        "/etc/passwd",
        "/",
        str(root.parent),
        str(root.parent / "project-sibling" / "data"),  # shares the root's name as a prefix
        f"{root}-other/data",
        f"{root}/data/../../outside.csv",
    ]
    for value in outside:
        error = _refused(resolve, "processed_dir", value, "processed_dir")
        assert "outside the project root" in str(error), value


def test_symlink_out_of_the_root_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "link").symlink_to(elsewhere, target_is_directory=True)
    _refused(input_path, "register", str(root / "link" / "x.csv"), "register")


@pytest.mark.parametrize("resolve", [input_path, output_path], ids=["input", "output"])
@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_empty_paths_are_refused(root: Path, resolve, value) -> None:
    error = _refused(resolve, "register", value, "register")
    assert "empty" in str(error)


@pytest.mark.parametrize("resolve", [input_path, output_path], ids=["input", "output"])
@pytest.mark.parametrize(
    "value", [None, 3, ["data/raw/source_register.csv"]], ids=["None", "int", "list"]
)
def test_non_path_values_are_refused_naming_the_parameter(root: Path, resolve, value) -> None:
    """A notebook parameter set to None (YAML ~) or a number is a parameter error, not a crash."""
    _refused(resolve, "register", value, "register")


def test_output_path_goes_under_the_write_root(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    monkeypatch.setenv("BESCHUT_WRITE_ROOT", str(staging))
    staging = staging.resolve()
    assert output_path("reports/baseline", "output_dir") == staging / "reports" / "baseline"
    assert input_path("data/processed", "processed_dir") == root / "data" / "processed"
    # an absolute path inside the project root is redirected to the write root
    assert output_path(str(root / "reports" / "x"), "output_dir") == staging / "reports" / "x"
    _refused(output_path, "output_dir", str(tmp_path / "elsewhere"), "output_dir")
    _refused(output_path, "output_dir", "../x", "output_dir")


def test_paths_do_not_depend_on_the_working_directory(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert input_path("data/raw/source_register.csv", "register") == (
        root / "data" / "raw" / "source_register.csv"
    )
    assert os.getcwd() != str(root)


# --------------------------------------------------------------------------------------------
# The cleaning command line's path parameters (helpers.clean uses helpers.paths)


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["--register", "../source_register.csv"], ("register",)),
        (["--register", "/etc/passwd"], ("register",)),
        (["--register", ""], ("register",)),
        (["--output-dir", "../processed"], ("output_dir", "output-dir")),
        (["--output-dir", "/tmp/elsewhere/processed"], ("output_dir", "output-dir")),
        (["--output-dir", " "], ("output_dir", "output-dir")),
    ],
    ids=[
        "register ..",
        "register outside",
        "register empty",
        "output ..",
        "output outside",
        "output blank",
    ],
)
def test_clean_command_line_refuses_bad_paths(
    root: Path, argv: list[str], names: tuple[str, ...], capfd: pytest.CaptureFixture[str]
) -> None:
    from helpers import clean

    (root / "data" / "processed" / "prior.csv").write_text("prior\n")
    before = sorted((p.name, p.read_bytes()) for p in (root / "data").rglob("*") if p.is_file())
    capfd.readouterr()
    code = clean.main(argv)
    stderr = capfd.readouterr().err
    after = sorted((p.name, p.read_bytes()) for p in (root / "data").rglob("*") if p.is_file())
    assert code == 2, stderr
    assert any(name in stderr for name in names), stderr
    assert "Traceback" not in stderr
    assert before == after


def test_clean_command_line_names_a_missing_register(
    root: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from helpers import clean

    capfd.readouterr()
    code = clean.main(["--register", "data/raw/missing.csv"])
    stderr = capfd.readouterr().err
    assert code == 2, stderr
    assert "missing.csv" in stderr


@pytest.mark.parametrize("notebook", sorted(NOTEBOOK_MODELS))
def test_a_misspelt_parameter_stops_the_first_cell(notebook):
    """papermill only warns about a parameter the notebook does not declare; the notebook's first
    cell after the parameters refuses it by name, and accepts the declared ones and its imports."""
    source = (REPO / "notebooks" / f"{notebook}.py").read_text()
    cell = source.split('# %% tags=["parameters"]', 1)[1].split("# %%", 2)
    parameters, first = cell[0], cell[1]
    assert f'refuse_unknown_parameters("{notebook}", globals())' in first
    namespace: dict = {"In": [""], "Out": {}, "_": None, "json": json}
    exec(parameters, namespace)  # the defaults, as papermill leaves them
    namespace.pop("__builtins__")
    refuse_unknown_parameters(notebook, namespace)
    with pytest.raises(ParameterError, match="'fit_strat' is not a parameter of"):
        refuse_unknown_parameters(notebook, {**namespace, "fit_strat": 2017})


# --------------------------------------------------------------------------------------------
# Every notebook's parameters: a bad value stops the first cell, naming the parameter


def _parameters_cell(notebook: str) -> str:
    """The source of the cell tagged ``parameters`` in notebooks/<notebook>.py."""
    source = (REPO / "notebooks" / f"{notebook}.py").read_text(encoding="utf-8")
    return source.split('# %% tags=["parameters"]', 1)[1].split("# %%", 1)[0]


def _cell_defaults(notebook: str) -> dict:
    """Each name the parameters cell assigns, with its default value (a literal)."""
    values = {}
    for node in ast.parse(_parameters_cell(notebook)).body:
        assert isinstance(node, ast.Assign) and len(node.targets) == 1, ast.dump(node)
        values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def _bounds(annotation) -> tuple[list, list]:
    """(range constraints, allowed literal values) found anywhere in a field's annotation."""
    constraints, choices = [], []
    for arg in typing.get_args(annotation):
        more = _bounds(arg)
        constraints += more[0]
        choices += more[1]
    if typing.get_origin(annotation) is typing.Literal:
        choices += list(typing.get_args(annotation))
    for item in getattr(annotation, "__metadata__", ()):
        constraints += getattr(item, "metadata", [item])  # a pydantic Field(...) holds its own
    return constraints, choices


def _out_of_range(field) -> list:
    """Values of the right type outside the field's declared range or choices."""
    constraints, choices = _bounds(field.annotation)
    constraints += list(field.metadata)
    bad = []
    if choices:
        bad.append(next(f"{c}x" for c in choices if isinstance(c, str)))
    for item in constraints:
        for attribute, step in (("ge", -1), ("gt", 0), ("le", 1), ("lt", 0)):
            bound = getattr(item, attribute, None)
            if bound is not None:
                bad.append(type(bound)(bound + step))
        if getattr(item, "min_length", None):
            bad.append([] if "list" in str(field.annotation) else "")
        if getattr(item, "max_length", None):
            bad.append("x" * (item.max_length + 1))
    return bad


NOTEBOOKS = sorted(NOTEBOOK_MODELS)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_parameter_out_of_range_or_of_a_wrong_type_is_named(notebook: str) -> None:
    """For every parameter of every notebook: a value of the wrong type and each value just
    outside its declared range stop the first cell's check with that parameter's name."""
    defaults = _cell_defaults(notebook)
    model = NOTEBOOK_MODELS[notebook]
    for name, field in model.model_fields.items():
        bad_values = [{"a": 1}, *_out_of_range(field)]
        assert len(bad_values) > 1, f"{model.__name__}.{name} declares no range or choices"
        for bad in bad_values:
            with pytest.raises(ParameterError) as caught:
                check_notebook_parameters(notebook, {**defaults, name: bad})
            assert caught.value.parameter.split("[")[0] == name, (name, bad, caught.value)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_an_unknown_parameter_is_named(notebook: str) -> None:
    namespace = {**_cell_defaults(notebook), "In": [""], "_": None, "fit_strat": 2017}
    with pytest.raises(ParameterError) as caught:
        refuse_unknown_parameters(notebook, namespace)
    assert caught.value.parameter == "fit_strat"
    assert "correct or remove the name fit_strat" in caught.value._render_traceback_()[-1]


def test_a_parameter_error_renders_in_a_few_lines_in_ipython() -> None:
    """IPython shows _render_traceback_ instead of the traceback: the parameter, its problem and
    how to fix it, in a few lines."""
    lines = ParameterError("n_paths", "should be greater than or equal to 100, got 5")
    rendered = lines._render_traceback_()
    assert len(rendered) <= 4
    assert rendered[0] == (
        "ParameterError: parameter 'n_paths' should be greater than or equal to 100, got 5"
    )
    assert any("-p n_paths" in line for line in rendered)
    assert any("scenario_schema.py" in line for line in rendered)


@pytest.mark.slow
def test_papermill_stops_in_the_first_cell_naming_the_parameter(tmp_path: Path) -> None:
    """`papermill 03_targets_gap.ipynb ... -p target_interpolation cubic` exits non-zero, says
    which parameter is wrong, and the cell that failed is the first code cell after the
    parameters, showing a few lines instead of a traceback."""
    import subprocess
    import sys

    import nbformat

    executed = tmp_path / "o.ipynb"
    command = [
        sys.executable, "-m", "papermill", "notebooks/03_targets_gap.ipynb", str(executed),
        "-p", "target_interpolation", "cubic", "-p", "output_dir", "reports/scratch-test",
        "-k", "beschut-werk", "--no-progress-bar",
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode != 0
    assert "parameter 'target_interpolation' should be 'linear' or 'previous'" in done.stderr
    cells = nbformat.read(executed, as_version=4).cells
    parameters = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    assert "injected-parameters" in cells[parameters + 1].metadata.get("tags", [])
    failed = [
        i for i, c in enumerate(cells) for o in c.get("outputs", []) if o.output_type == "error"
    ]
    first_code = next(i for i in range(parameters + 2, len(cells)) if cells[i].cell_type == "code")
    assert failed == [first_code]
    error = cells[failed[0]].outputs[-1]
    assert error.ename == "ParameterError"
    assert len(error.traceback) <= 4
    assert "target_interpolation" in error.traceback[0]
    assert not list((REPO / "reports").glob("scratch-test*"))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_the_parameters_cell_holds_the_models_names_and_defaults(notebook: str) -> None:
    """The pydantic model declares every parameter once; the notebook's cell repeats its names
    and defaults, in any order, and nothing else."""
    model = NOTEBOOK_MODELS[notebook]
    declared = {name: field.default for name, field in model.model_fields.items()}
    assert _cell_defaults(notebook) == declared


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_range_or_choice_in_a_comment_is_the_models(notebook: str) -> None:
    """A comment in the parameters cell that states a range ("(100..100,000)", "at least 0",
    "in (0, 1)") or the choices ('"en" or "nl"') states the model's."""
    model = NOTEBOOK_MODELS[notebook]
    for line in _parameters_cell(notebook).splitlines():
        name, _, comment = line.partition("#")
        name = name.split("=")[0].strip()
        if not comment or name not in model.model_fields:
            continue
        constraints, choices = _bounds(model.model_fields[name].annotation)
        constraints += list(model.model_fields[name].metadata)
        bounds = {
            kind: getattr(item, kind)
            for item in constraints
            for kind in ("ge", "gt", "le", "lt")
            if getattr(item, kind, None) is not None
        }
        stated = {}
        number = r"(-?[0-9][0-9,_.]*[0-9]|[0-9])"
        if found := re.search(rf"\({number}\.\.{number}", comment):
            stated.update(ge=found[1], le=found[2])
        if found := re.search(rf"in \({number}, {number}\)", comment):
            stated.update(gt=found[1], lt=found[2])
        if found := re.search(rf"at least {number}", comment):
            stated["ge"] = found[1]
        if found := re.search(rf"at most {number}", comment):
            stated["le"] = found[1]
        stated = {
            kind: float(text.replace(",", "").replace("_", "")) for kind, text in stated.items()
        }
        assert {kind: bounds.get(kind) for kind in stated} == stated, (notebook, line)
        if re.search(r'"[^"]*" or "[^"]*"', comment):
            assert set(re.findall(r'"([^"]*)"', comment)) == set(choices), (notebook, line)
