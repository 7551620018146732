"""helpers.changes: the key numbers and figures that changed between two revisions."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import changes, outputs

GIT_IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.org")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *GIT_IDENTITY, "-c", "commit.gpgsign=false", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def runs(*scenarios: str) -> dict:
    return {
        "cleaning": {"01_clean": "cleaning"},
        "scenarios": {
            name: {
                "description": name,
                "parameters": {"fit_start": 2015},
                "notebooks": {"02_trajectory": name, "03_targets_gap": scenarios[0]},
            }
            for name in scenarios
        },
    }


def results(median_year: int = 2039, gap: int = 1468) -> dict:
    return {
        "trajectory": {
            "goals": {"30000": {"median_year": median_year, "p_by": {"2030": 0.0213}}},
            "fit": {"left_out": []},
        },
        "targets_gap": {"latest": {"gap": gap, "gap_qualifier": "exact"}},
    }


def publish(root: Path, folder: str, data: dict, png: bytes = b"\x89PNG one") -> None:
    outputs.write_json(data, root / "reports" / folder / "results.json")
    (root / "reports" / folder / "figures").mkdir(parents=True, exist_ok=True)
    (root / "reports" / folder / "figures" / "flagship.png").write_bytes(png)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with two scenarios' reports committed."""
    git(tmp_path, "init", "-q")
    publish(tmp_path, "baseline", results())
    publish(tmp_path, "pre_covid", results(2050))
    outputs.write_json(runs("baseline", "pre_covid"), tmp_path / "reports" / "runs.json")
    (tmp_path / ".gitignore").write_text("reports/scratch*/\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "reports")
    return tmp_path


def test_an_unchanged_run_says_so(repo):
    assert changes.summary_text(repo) == changes.NO_CHANGE
    publish(repo, "scratch", results(2099), b"other")  # ignored by git: not a change
    assert changes.summary_text(repo) == changes.NO_CHANGE


def test_changed_numbers_are_listed_per_scenario_old_and_new(repo):
    publish(repo, "baseline", results(2040, gap=1500))
    text = changes.summary_text(repo)
    lines = text.splitlines()
    assert lines[0] == "What changed from HEAD to working tree:"
    block = text.split("baseline (reports/baseline/results.json; shared with pre_covid)")[1]
    rows = [line.split() for line in block.strip().splitlines()]
    assert rows == [
        ["number", "HEAD", "working", "tree"],
        ["targets_gap.latest.gap", "1468", "1500"],
        ["trajectory.goals.30000.median_year", "2039", "2040"],
    ]
    assert "pre_covid (" not in text and "Figures" not in text  # unchanged: not listed
    # old and new side by side: the new column starts at the same place on every row
    table = [line for line in lines if line.startswith("  ") and "HEAD" not in line]
    assert (
        len({line.index("2040") if "2040" in line else line.index("1500") for line in table}) == 1
    )


def test_changed_figure_and_new_scenario(repo):
    publish(repo, "baseline", results(), b"\x89PNG two")
    publish(repo, "since_obligation", results(2041))
    outputs.write_json(
        runs("baseline", "pre_covid", "since_obligation"), repo / "reports" / "runs.json"
    )
    text = changes.summary_text(repo)
    assert "since_obligation (reports/since_obligation/results.json)\n  new: 5 key numbers" in text
    assert "  changed  reports/baseline/figures/flagship.png" in text
    assert "  added    reports/since_obligation/figures/flagship.png" in text
    # the plan comes first; the new scenario's entries are new keys
    plan = text.split("the runner's plan (reports/runs.json)\n")[1].split("\n\n")[0]
    rows = [re.split(r"\s{2,}", line.strip()) for line in plan.splitlines()]
    assert rows[0] == ["number", "HEAD", "working tree"]
    assert ["scenarios.since_obligation.parameters.fit_start", "(absent)", "2015"] in rows
    assert ["scenarios.since_obligation.notebooks.03_targets_gap", "(absent)", "baseline"] in rows
    assert text.index("runner's plan") < text.index("since_obligation (reports")


def test_removed_scenario_and_two_revisions(repo):
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "rm", "-q", "-r", "reports/pre_covid")
    outputs.write_json(runs("baseline"), repo / "reports" / "runs.json")
    publish(repo, "baseline", results(2042))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "drop pre_covid")
    assert changes.summary_text(repo) == changes.NO_CHANGE  # the working tree is the commit
    text = changes.summary_text(repo, base=base, head="HEAD")
    assert text.startswith(f"What changed from {base} to HEAD:")
    assert "pre_covid (reports/pre_covid/results.json)\n  removed: it had 5 key numbers" in text
    assert "  removed  reports/pre_covid/figures/flagship.png" in text
    assert "trajectory.goals.30000.median_year" in text and "2042" in text


def test_results_missing_on_one_side_and_bad_json(repo):
    (repo / "reports" / "baseline" / "results.json").unlink()
    assert "baseline (reports/baseline/results.json" in changes.summary_text(repo)
    assert "removed: it had 5 key numbers" in changes.summary_text(repo)
    (repo / "reports" / "baseline" / "results.json").write_text("{not json")
    text = changes.summary_text(repo)
    assert text.startswith("What changed: cannot compare (reports/baseline/results.json")
    assert "working tree) is not valid JSON" in text


def test_no_repository_or_unknown_revision_gives_a_clear_message(
    tmp_path_factory, repo, capsys, monkeypatch
):
    plain = tmp_path_factory.mktemp("plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(plain.parent))  # never look above it
    assert "is not inside a git repository" in changes.summary_text(plain)
    assert "unknown revision 'nope'" in changes.summary_text(repo, base="nope")
    assert changes.main(["--root", str(repo), "--base", "nope"]) == 2
    assert "helpers.changes: unknown revision 'nope'" in capsys.readouterr().err
    assert changes.main(["--root", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == changes.NO_CHANGE


def test_flatten_keeps_every_number():
    flat = changes.flatten({"b": [{"c": 1.5}], "a": [30000, 50000], "e": [], "d": None})
    assert flat == [("a", "30000, 50000"), ("b[0].c", 1.5), ("d", None), ("e", "(none)")]


def test_gitattributes_collapse_noise_but_not_what_a_reviewer_reads():
    root = Path(__file__).resolve().parents[1]
    read = ["reports/README.md", "reports/README.nl.md", "reports/runs.json"]
    read += ["reports/baseline/results.json", "reports/baseline/tables/goal_years.csv"]
    read += ["reports/baseline/figures/flagship.png", "data/processed/series.csv"]
    noise = ["reports/baseline/02_trajectory.html", "reports/baseline/figures/flagship.svg"]
    noise += ["reports/cleaning/01_clean.ipynb"]
    out = git(root, "check-attr", "linguist-generated", "diff", "--", *read, *noise)
    attrs = {}
    for line in out.splitlines():
        path, name, value = line.split(": ")
        attrs[path, name] = value
    for path in read:
        assert attrs[path, "linguist-generated"] == "false", path
        assert attrs[path, "diff"] == "unspecified", path
    for path in noise:
        assert attrs[path, "linguist-generated"] == "true", path
        assert attrs[path, "diff"] == "unset", path
    for path in ("notebooks/02_trajectory.ipynb", "requirements.lock", "data/processed/README.md"):
        assert "linguist-generated: true" in git(root, "check-attr", "linguist-generated", path)


def test_every_changed_generated_file_is_named_even_without_a_key_number(repo):
    (repo / "reports" / "baseline" / "tables").mkdir(parents=True)
    (repo / "reports" / "baseline" / "tables" / "t.csv").write_text("a,1\n")
    (repo / "data" / "processed").mkdir(parents=True)
    (repo / "data" / "processed" / "series.csv").write_text("working,8032\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "tables")
    (repo / "reports" / "baseline" / "tables" / "t.csv").write_text("a,2\n")
    (repo / "data" / "processed" / "series.csv").write_text("working,8033\n")
    (repo / "reports" / "baseline" / "02_trajectory.html").write_text("<p>new</p>")
    text = changes.summary_text(repo)
    assert text != changes.NO_CHANGE
    tables = text.index("Other tables changed (2; no key number):")
    html = text.index("Other HTML reports changed (1; no key number):")
    assert tables < html  # tables before files whose change carries no number
    assert "  changed  data/processed/series.csv" in text
    assert "  changed  reports/baseline/tables/t.csv" in text
    assert "  added  reports/baseline/02_trajectory.html" in text


def test_control_characters_from_results_are_never_printed_raw(repo):
    data = results()
    data["trajectory"]["goals"]["30000"]["median_year"] = "\x1b[12A\x1b[J2039\r"
    publish(repo, "baseline", data)
    text = changes.summary_text(repo)
    assert "\x1b" not in text and "\r" not in text
    assert "\\x1b[12A" in text
