"""reports/README.md and README.nl.md: the verdict written from results.json, the key numbers."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from markup_check import HOSTILE, assert_markdown_safe

from helpers import outputs, report_index
from helpers.errors import InputError
from helpers.register import read_register

REGISTER = (
    "id,metric,reference_period,value_as_published,unit,source_kind,publisher,title,url,"
    "published,note\n"
    "S001,working,2022-12-31,8032,places,official,UWV,Monitor,https://example.org/1,2023,"
    '"a note,\nwith a line break"\n'
    "S002,target,2022-12-31,9500,places,official,Rijksoverheid,t,https://example.org/2,2017,\n"
    "S003,positive_advice_stock,2022-06-30,5100,persons,official,UWV,t,https://example.org/3,"
    "2022-07-15,\n"
    "S004,working,2023-06-30,circa 9100,places,official,UWV,t,https://example.org/4,2023,\n"
    "S005,cost_wage_per_place,2023,18000,EUR per year,secondary,Significant,t,"
    "https://example.org/5,2023,\n"
    "S006,cost_wage_per_place,2017,32000,EUR per year,official,Emmen,t,https://example.org/6,"
    "2017,\n"
)
# The GitHub line of each id in REGISTER (S001's quoted note spans two lines).
LINES = {"S001": 2, "S002": 4, "S003": 5, "S004": 6, "S005": 7, "S006": 8}


def trajectory(**changes):
    """A trajectory section with the keys the README reads, of the shape of
    helpers.results_schema.Trajectory (the keys it does not read are left out)."""
    data = {
        "fit": {
            "start": 2015,
            "end": 2022,
            "end_pinned": False,
            "last_observation_year": 2022,
            "left_out": [],
        },
        "latest": {"date": "2022-12-31", "value": 8032, "qualifier": "exact", "source_id": "S001"},
        "observed_pace": {
            "per_year": 1294,
            "from_date": "2017-12-31",
            "to_date": "2022-12-31",
            "definition": "places added per year",
            "source_ids": ["S001", "S001"],
        },
        "headline_model": "linear_2017",
        "headline_label": {"en": "straight line since 2017", "nl": "rechte lijn sinds 2017"},
        "interval": 0.8,
        "n_paths": 10000,
        "horizon": 2060,
        "goals": {
            "30000": {
                "deadline": 2048,
                "median_year": 2039,
                "low_year": 2037,
                "high_year": 2042,
                "p_by": {"2030": 0.0, "2035": 0.0213, "2048": 1.0},
                "required_pace": {"2030": 2746, "2048": 845},
                "spread": {"low_year": 2036, "high_year": 2045, "models": ["segmented"]},
                "chance_range": {
                    "low": 0.62,
                    "high": 1.0,
                    "low_model": "segmented",
                    "high_model": "linear_2017",
                },
                "p_never": 0.0,
                "mc_standard_error": {"mixture": 0.001},
                "goal_source_ids": ["S002"],
                "source_ids": ["S001"],
            },
            "50000": {
                "deadline": None,
                "median_year": 2053,
                "low_year": 2050,
                "high_year": None,
                "p_by": {},
                "required_pace": {"2030": 5246, "2048": 1614},
                "spread": {"low_year": 2049, "high_year": None, "models": ["segmented"]},
                "chance_range": None,
                "p_never": 0.2,
                "mc_standard_error": None,
                "goal_source_ids": ["S002"],
                "source_ids": ["S001"],
            },
        },
        "nowcast": {
            "date": "2023-12-31",
            "median": 9300,
            "low": 8900,
            "high": 9700,
            "source_ids": ["S001"],
        },
    }
    data.update(changes)
    return data


TARGETS = {
    "latest": {
        "year": 2022,
        "target": 9500,
        "target_status": "published",
        "target_source_ids": ["S002"],
        "realised": 8032,
        "realised_qualifier": "exact",
        "realised_date": "2022-12-31",
        "realised_source_id": "S001",
        "gap": 1468,
        "gap_qualifier": "exact",
        "ratio": 0.8455,
        "ratio_qualifier": "exact",
    }
}
WAITING = {
    "latest": {
        "date": "2022-06-30",
        "waiting": 1900,
        "qualifier": "approximate",
        "source_ids": ["S003", "S001"],
    }
}
FINANCE = {
    "headline": {
        "variant": "significant_2023",
        "year": 2023,
        "balance_per_place_per_year": -9900,
        "qualifier": "approximate",
        "source_ids": ["S005"],
        "label": {"en": "Significant's estimate", "nl": "schatting van Significant"},
    },
    "range": {
        "low": -9900,
        "low_qualifier": "approximate",
        "high": -500,
        "high_qualifier": "exact",
        "source_ids": ["S005", "S006"],
    },
}
POLICY = {"targets_gap": TARGETS, "waiting_list": WAITING, "finance": FINANCE}


def plan_entry(description, parameters, trajectory_folder, policy_folder):
    notebooks = {"02_trajectory": trajectory_folder}
    notebooks |= {n: policy_folder for n in ("03_targets_gap", "04_waiting_list", "05_finance")}
    return {"description": description, "parameters": parameters, "notebooks": notebooks}


def make_project(root: Path, results: dict[str, dict] | None = None) -> Path:
    """A project tree with a register, runs.json (sorted keys, as the runner writes it) and the
    results.json of each folder: baseline (en) and its Dutch twin, and pre_covid pinning 2019."""
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "raw" / "source_register.csv").write_text(REGISTER, encoding="utf-8")
    runs = {
        "cleaning": {"01_clean": "cleaning"},
        "scenarios": {
            "baseline": plan_entry("The reference", {"fit_start": 2015}, "baseline", "baseline"),
            "baseline_nl": plan_entry(
                "Dutch", {"fit_start": 2015, "language": "nl"}, "baseline_nl", "baseline_nl"
            ),
            "pre_covid": plan_entry(
                "Before COVID-19", {"fit_start": 2015, "fit_end": 2019}, "pre_covid", "baseline"
            ),
        },
    }
    pre_covid = trajectory(
        fit={
            "start": 2015,
            "end": 2019,
            "end_pinned": True,
            "last_observation_year": 2022,
            "left_out": [
                {"date": "2022-12-31", "value": 8032, "qualifier": "exact", "source_id": "S001"}
            ],
        }
    )
    pre_covid["goals"]["30000"]["median_year"] = 2050
    if results is None:
        results = {
            "baseline": {"trajectory": trajectory(), **POLICY},
            "baseline_nl": {"trajectory": trajectory(), **POLICY},
            "pre_covid": {"trajectory": pre_covid},
        }
    reports = root / "reports"
    outputs.write_json(runs, reports / "runs.json")
    for folder, data in results.items():
        outputs.write_json(data, reports / folder / "results.json")
        (reports / folder / "figures").mkdir(parents=True, exist_ok=True)
        (reports / folder / "figures" / "flagship.png").write_bytes(b"png")
        for notebook in ("02_trajectory", "03_targets_gap", "04_waiting_list", "05_finance"):
            (reports / folder / f"{notebook}.html").write_text("<html></html>")
    return root


ORDER = ["baseline", "pre_covid", "baseline_nl"]


def verdict_of(text: str) -> str:
    """The verdict: the prose before the link to the other language."""
    return re.split(r"\n(?:Nederlands|English): ", text)[0]


def links(text: str) -> list[tuple[str, str]]:
    return re.findall(r"\[([^\]]+)\]\(([^)]+)\)", text)


def test_verdict_in_english_states_the_answer_with_sources(tmp_path):
    text = report_index.build_readme(make_project(tmp_path), ORDER, "en")
    verdict = verdict_of(text)
    # the yearly taakstelling status first, beside the long-run chance and its range
    assert text.startswith(
        "# Beschut werk: is the Netherlands on track?\n\n**Behind the yearly taakstelling "
        "([84.5%](baseline/03_targets_gap.html) of it at the end of 2022) but gaining: the pace "
        "observed, [1,294](baseline/02_trajectory.html) a year, is above the "
        "[845](baseline/02_trajectory.html) a year that 30,000 by 2048 needs; on track for 30,000"
    )
    assert (
        "on track for 30,000 by its 2048 deadline: the credible models together reach it in "
        "[2039](baseline/02_trajectory.html) (chance by 2048: [>99.9%]"
        "(baseline/02_trajectory.html); [60%](baseline/02_trajectory.html) to [>99.9%]"
    ) in verdict
    assert "at the pace observed it is reached" not in verdict
    assert "50,000, which has no deadline, follows in [2053]" in verdict
    # the latest figure links to its register row, computed from the file (quoted line break)
    assert "[8,032](../data/raw/source_register.csv#L2) people worked" in verdict
    assert "(UWV, [S001](../data/raw/source_register.csv#L2))" in verdict
    # the gap to the taakstelling, without repeating the latest figure when it is the same one
    assert (
        "That is [1,468](baseline/03_targets_gap.html) short of the taakstelling of "
        "[9,500](../data/raw/source_register.csv#L4) for 2022, "
        "[84.5%](baseline/03_targets_gap.html) of it."
    ) in verdict
    assert verdict.count("8,032") == 1
    # probabilities of exactly 0 and 1 are never printed as 0% or 100%
    assert (
        "The chance of reaching 30,000 is [<0.1%](baseline/02_trajectory.html) by 2030" in verdict
    )
    assert "[>99.9%](baseline/02_trajectory.html) by 2048 (its deadline)." in verdict
    assert not re.search(r"\b(0|100)(\.0)?%", verdict)
    # the pace needed against the pace observed; 50,000 is never "by 2048"
    assert "by 2030 would take [2,746](baseline/02_trajectory.html) more people a year, 2.1 " in (
        verdict
    )
    assert "By 2048 (its deadline) it would take [845]" in verdict
    assert "50,000 has no deadline in any source; reaching it by 2030 would take [5,246]" in verdict
    assert "1,614" not in verdict and not re.search(r"50,000[^.]*2048", verdict)
    # qualifiers stay marked in words; money per place from the headline, with its range
    # a number combined from several register rows links to its report and names the rows
    assert (
        "on 30 June 2022: [about 1,900](baseline/04_waiting_list.html) "
        "([S003](../data/raw/source_register.csv#L5), [S001](../data/raw/source_register.csv#L2))"
    ) in verdict
    assert "costs gemeenten [about €9,900](../data/raw/source_register.csv#L7) a year more" in (
        verdict
    )
    assert (
        "run from [about -€9,900](baseline/05_finance.html) to [-€500](baseline/05_finance.html) "
        "per place per year ([S005](../data/raw/source_register.csv#L7), [S006]"
    ) in verdict
    assert "left out" not in verdict  # the reference fits every observation
    # every link points to a register row or to a report file that exists
    for _, target in links(verdict):
        path, _, anchor = target.partition("#")
        assert (tmp_path / "reports" / path).is_file(), target
        if anchor:
            assert int(anchor.removeprefix("L")) in LINES.values()


def test_verdict_in_dutch_uses_dutch_formats_and_terms(tmp_path):
    text = report_index.build_readme(make_project(tmp_path), ORDER, "nl")
    verdict = verdict_of(text)
    assert text.startswith("# Beschut werk: ligt Nederland op koers?")
    assert (
        "op koers voor 30.000 uiterlijk in 2048: volgens de geloofwaardige modellen samen wordt "
        "het bereikt in [2039](baseline_nl/02_trajectory.html) (kans uiterlijk in 2048: [>99,9%]"
        in verdict
    )
    assert "[8.032](../data/raw/source_register.csv#L2) mensen" in verdict
    assert "[84,5%](baseline_nl/03_targets_gap.html) ervan" in verdict
    assert "[circa 1.900]" in verdict and "positief advies" in verdict and "Wachtenden" in verdict
    assert "[circa € 9.900]" in verdict and "2,1 keer" in verdict
    assert "[<0,1%]" in verdict and "[>99,9%]" in verdict
    assert "31 december 2022" in verdict
    assert "prognose en de doelen](baseline_nl/figures/flagship.png)" in text  # Dutch figure
    assert "1,900" not in text and "9,500" not in text  # no English number format anywhere
    assert "## How to review" not in text


def test_pinned_fit_end_that_leaves_observations_out_is_said(tmp_path):
    root = make_project(tmp_path)
    order = ["pre_covid", "baseline", "baseline_nl"]  # pre_covid as the reference
    text = report_index.build_readme(root, order, "en")
    verdict = verdict_of(text)
    # policy numbers still in one column: pre_covid reads them from baseline, baseline_nl is
    # baseline's language twin
    assert text.count("| number | [all scenarios](baseline/results.json) |") == 3
    assert (
        "not on track for 30,000 by its 2048 deadline: the credible models together reach it in "
        "[2050](pre_covid/02_trajectory.html)"
    ) in verdict
    assert (
        "fitted to 2015–2019, an end year the scenario pins: it leaves out 1 newer observation "
        "([8,032](../data/raw/source_register.csv#L2) on 31 December 2022)" in verdict
    )
    assert "leaves out 1 newer observation" in verdict.split("\n\n")[1]  # beside the answer


def test_qualified_figures_keep_their_mark(tmp_path):
    results = {"trajectory": trajectory(), **copy.deepcopy(POLICY)}
    results["trajectory"]["latest"]["qualifier"] = "lower_bound"
    results["targets_gap"]["latest"] |= {
        "realised_qualifier": "lower_bound",
        "gap_qualifier": "upper_bound",
        "ratio_qualifier": "lower_bound",
        "target_status": "assumed",
    }
    root = make_project(tmp_path, {"baseline": results, "baseline_nl": results})
    text = report_index.build_readme(root, ORDER, "en")
    verdict = verdict_of(text)
    assert "[more than 8,032](../data/raw/source_register.csv#L2) people worked" in verdict
    assert (
        "[≥84.5%]" not in verdict and "[more than 84.5%](baseline/03_targets_gap.html)" in verdict
    )
    assert "That is [at most 1,468](baseline/03_targets_gap.html) short" in verdict
    assert "(assumed: no taakstelling for 2022 is published)" in verdict
    assert "| taakstelling | 9,500 (assumed) |" in text
    assert "| gap to the taakstelling | ≤ 1,468 |" in text  # words.QUALIFIER_MARKS
    assert "| people working as % of the taakstelling | ≥ 84.5% |" in text
    nl = report_index.build_readme(root, ORDER, "nl")
    assert "[meer dan 8.032]" in nl and "[hooguit 1.468]" in nl and "aangenomen" in nl


def test_missing_sections_say_not_available(tmp_path):
    only_trajectory = {"trajectory": trajectory()}
    root = make_project(tmp_path, {"baseline": only_trajectory, "baseline_nl": {}})
    verdict = verdict_of(report_index.build_readme(root, ORDER, "en"))
    assert "reach it in [2039]" in verdict
    for what in ("the gap to the taakstelling", "the waiting list", "the money per place"):
        assert f"Not available: {what} (no `" in verdict
    nl = verdict_of(report_index.build_readme(root, ORDER, "nl"))
    assert nl.count("Niet beschikbaar: de prognose (geen `trajectory` in") == 1
    # a trajectory without goals still states the latest figure
    broken = trajectory()
    del broken["goals"]
    root = make_project(tmp_path / "b", {"baseline": {"trajectory": broken}})
    verdict = verdict_of(report_index.build_readme(root, ORDER, "en"))
    assert "[8,032](../data/raw/source_register.csv#L2) people worked" in verdict
    assert "Not available: the trajectory forecast (no `trajectory.goals`" in verdict


def test_policy_numbers_appear_once_and_twins_share_a_column(tmp_path):
    text = report_index.build_readme(make_project(tmp_path), ORDER, "en")
    tables = text.split("## Key numbers")[1].split("## Scenarios")[0]
    # policy numbers: one column for all scenarios (baseline's en and baseline_nl's nl runs)
    assert "| number | [all scenarios](baseline/results.json) |" in tables
    assert tables.count("| wachtenden (positief advies, no job) |") == 1
    assert "| wachtenden (positief advies, no job) | ~1,900 (2022-06-30) |" in tables
    # trajectory: the language twins share a column; pre_covid has its own
    assert (
        "| number | [baseline · baseline_nl](baseline/results.json) | "
        "[pre_covid](pre_covid/results.json) |" in tables
    )
    assert "| 30,000: year reached (median, 80% range) | 2039 (2037–2042) | 2050 (2037–2042) |" in (
        tables
    )
    assert "| 50,000: year reached (median, 80% range) | 2053 (2050 to after 2060) |" in tables
    assert "| newer observations left out | none | 1 |" in tables
    assert "| fit window | 2015–2022 | 2015–2019 (pinned) |" in tables
    assert "| 30,000: chance of reaching it by 2030 | <0.1% | <0.1% |" in tables
    assert "50,000: pace needed to reach it by 2048" not in tables
    assert "| 30,000: pace needed to reach it by 2048 (per year) | 845 | 845 |" in tables


def test_twins_with_different_numbers_keep_their_own_columns(tmp_path):
    dutch = {"trajectory": trajectory(), **copy.deepcopy(POLICY)}
    dutch["waiting_list"]["latest"]["waiting"] = 1950
    root = make_project(tmp_path)
    outputs.write_json(dutch, root / "reports" / "baseline_nl" / "results.json")
    text = report_index.build_readme(root, ORDER, "en")
    assert "| number | [baseline · pre_covid](baseline/results.json) | [baseline_nl]" in text
    assert "| ~1,900 (2022-06-30) | ~1,950 (2022-06-30) |" in text


def test_scenarios_link_the_folder_holding_their_outputs(tmp_path):
    root = make_project(tmp_path)
    text = report_index.build_readme(root, ORDER, "en")
    assert "[03_targets_gap](baseline/03_targets_gap.html)" in text.split("| pre_covid |")[1]
    assert "- `baseline/` (baseline, pre_covid): [flagship](baseline/figures/flagship.png)" in text
    assert "`make changes`" in text and "python -m helpers.changes" in text


def test_write_readme_writes_both_languages_in_scenarios_yaml_order(tmp_path):
    root = make_project(tmp_path)
    config = SimpleNamespace(scenarios={"pre_covid": {}, "baseline": {}, "baseline_nl": {}})
    path = report_index.write_readme(root, config)
    english = path.read_text(encoding="utf-8")
    assert path == root / "reports" / "README.md"
    assert "not on track for 30,000 by its 2048 deadline" in english
    assert "reach it in [2050](pre_covid/02_trajectory.html)" in english
    assert (
        (root / "reports" / "README.nl.md")
        .read_text(encoding="utf-8")
        .startswith("# Beschut werk: ligt Nederland op koers?")
    )
    again = report_index.build_readme(root, list(config.scenarios), "en")
    assert again == english  # deterministic
    named = SimpleNamespace(scenarios=[SimpleNamespace(name=n) for n in config.scenarios])
    assert report_index.write_readme(root, named).read_text(encoding="utf-8") == english


def test_readme_changes_with_the_numbers(tmp_path):
    root = make_project(tmp_path)
    before = report_index.build_readme(root, ORDER, "en").splitlines()
    for folder in ("baseline", "baseline_nl"):
        file = root / "reports" / folder / "results.json"
        data = json.loads(file.read_text())
        data["trajectory"]["goals"]["30000"]["median_year"] = 2040
        outputs.write_json(data, file)
    after = report_index.build_readme(root, ORDER, "en").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    # the lead sentence, the forecast paragraph and one table row
    assert [("2039" in a, "2040" in b) for a, b in changed] == [(True, True)] * 3
    assert changed[2][1].startswith("| 30,000: year reached (median, 80% range) | 2040 ")


def test_no_plan_yet(tmp_path):
    (tmp_path / "reports").mkdir()
    assert "no `reports/runs.json` yet" in report_index.build_readme(tmp_path, [], "en")


def test_register_lines_follow_the_file(tmp_path):
    file = tmp_path / "register.csv"
    file.write_text(REGISTER, encoding="utf-8")
    assert dict(report_index.Register.read(file).lines) == LINES


def test_a_goal_beyond_the_horizon_and_a_year_ahead_of_its_taakstelling(tmp_path):
    results = {"trajectory": trajectory(), **copy.deepcopy(POLICY)}
    goal = results["trajectory"]["goals"]["30000"]
    goal |= {"median_year": None, "low_year": None, "high_year": None}
    results["targets_gap"]["latest"] |= {"gap": -200, "ratio": 1.021}
    root = make_project(tmp_path, {"baseline": results, "baseline_nl": results})
    verdict = verdict_of(report_index.build_readme(root, ORDER, "en"))
    assert "30,000 is not reached by the end of 2060 in most simulated paths; 50,000" in verdict
    assert "puts 30,000 in [after 2060](baseline/02_trajectory.html) (80% range [after 2060]" in (
        verdict
    )
    assert "That is [200](baseline/03_targets_gap.html) more than the taakstelling" in verdict
    assert "[102.1%](baseline/03_targets_gap.html) of it" in verdict
    nl = verdict_of(report_index.build_readme(root, ORDER, "nl"))
    assert (
        "30.000 wordt in de meeste gesimuleerde paden niet bereikt vóór eind 2060" in nl
        and "[na 2060]" in nl
    )
    assert "[200](baseline_nl/03_targets_gap.html) meer dan de taakstelling" in nl


def test_register_and_scenario_text_is_shown_as_text(tmp_path):
    """Hostile publishers and scenario descriptions: literal in both READMEs, tables intact,
    no live markup when rendered (issue 17)."""
    root = make_project(tmp_path)
    rows = list(csv.reader(io.StringIO(REGISTER, newline="")))
    publisher = rows[0].index("publisher")
    for i, row in enumerate(rows[1:]):
        row[publisher] = f"{row[publisher]} {HOSTILE[i % len(HOSTILE)]}"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / "data" / "raw" / "source_register.csv").write_text(out.getvalue(), encoding="utf-8")
    runs = json.loads((root / "reports" / "runs.json").read_text(encoding="utf-8"))
    descriptions = {}
    for i, (name, entry) in enumerate(sorted(runs["scenarios"].items())):
        descriptions[name] = entry["description"] = " ".join(HOSTILE[i::3])
        entry["parameters"]["note"] = HOSTILE[i + 3]
    outputs.write_json(runs, root / "reports" / "runs.json")
    latest_publisher = rows[1][publisher]  # S001, the latest figure of trajectory()
    english = report_index.build_readme(root, ORDER, "en")
    assert_markdown_safe(english, (latest_publisher, *descriptions.values()))
    assert_markdown_safe(report_index.build_readme(root, ORDER, "nl"), (latest_publisher,))


def test_a_register_the_reader_refuses_gives_links_to_the_file(tmp_path):
    """The README reads the register through the project's one reader; a register it refuses
    (the cleaning step reports it) leaves the numbers linked to the file, not to a wrong row."""
    root = make_project(tmp_path)
    register = root / "data" / "raw" / "source_register.csv"
    register.write_text(REGISTER.replace("S005,cost_wage_per_place", "S005,costs"), "utf-8")
    with pytest.raises(InputError, match="S005"):
        read_register(register)
    verdict = verdict_of(report_index.build_readme(root, ORDER, "en"))
    assert "[8,032](../data/raw/source_register.csv) people worked" in verdict
    assert "source_register.csv#L" not in verdict
