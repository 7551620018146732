"""The two pages, reports/README.md and reports/README.nl.md, put together and written."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import helpers
from helpers import layout, outputs, paths
from helpers.markup import markdown_cell
from helpers.report_index.formats import link
from helpers.report_index.key_numbers import key_number_tables
from helpers.report_index.plan import Plan, Results
from helpers.report_index.sources import Register
from helpers.report_index.text import REVIEW_GUIDE, TEXT, VERSION_LINE
from helpers.report_index.verdict import Context, verdict

CLEANING = paths.CLEANING_REPORT
FLAGSHIP = f"{layout.FIGURES_DIR}/{layout.FLAGSHIP}.png"


def _reports_links(reports_dir: Path, plan: Plan, scenario: str) -> str:
    pages = []
    for notebook, folder in sorted(plan.scenarios[scenario].get("notebooks", {}).items()):
        html = reports_dir / folder / f"{notebook}.html"
        target = html if html.is_file() else html.with_suffix(".ipynb")
        pages.append(link(notebook, f"{folder}/{target.name}"))
    return " · ".join(pages) or "–"


def _parameters_text(params: Mapping[str, Any]) -> str:
    if not params:
        return "(defaults)"
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in sorted(params.items()))


def scenario_lines(reports_dir: Path, plan: Plan) -> list[str]:
    """The scenarios, their parameters and the reports each reads its numbers from."""
    lines = [
        "## Scenarios",
        "",
        "A notebook runs once per distinct set of the parameters it declares; a scenario's link "
        "points to the folder that holds its outputs.",
        "",
        "| scenario | description | parameters | reports |",
        "|---|---|---|---|",
    ]
    for scenario, entry in plan.scenarios.items():
        lines.append(
            f"| {scenario} | {markdown_cell(entry.get('description', ''))} | "
            f"{markdown_cell(_parameters_text(entry.get('parameters', {})))} | "
            f"{_reports_links(reports_dir, plan, scenario)} |"
        )
    for notebook, folder in sorted(plan.cleaning.items()):
        lines.append(
            f"| ({CLEANING}) | data cleaning | | {link(notebook, f'{folder}/{notebook}.html')} |"
        )
    return [*lines, ""]


def figure_lines(reports_dir: Path, plan: Plan) -> list[str]:
    """Every figure once, grouped by the folder that holds it."""
    users: dict[str, list[str]] = {}
    for scenario, entry in plan.scenarios.items():
        for folder in entry.get("notebooks", {}).values():
            if scenario not in users.setdefault(folder, []):
                users[folder].append(scenario)
    lines = ["## Figures", ""]
    for folder, scenarios in users.items():
        figures = sorted(p.name for p in (reports_dir / folder / layout.FIGURES_DIR).glob("*.png"))
        if not figures:
            continue
        items = " · ".join(
            link(f.removesuffix(".png"), f"{folder}/{layout.FIGURES_DIR}/{f}") for f in figures
        )
        lines += [f"- `{folder}/` ({', '.join(scenarios)}): {items}"]
    return [*lines, ""]


def build_readme(root: Path, order: Sequence[str] = (), language: str = "en") -> str:
    """The text of reports/README.md (en) or reports/README.nl.md (nl) under project ``root``."""
    root = Path(root)
    reports_dir = root / paths.REPORTS_DIR
    t = TEXT[language]
    lines = [t["title"], ""]
    if not (reports_dir / layout.RUNS_FILE).is_file():
        return "\n".join([*lines, f"(no `reports/{layout.RUNS_FILE}` yet: run `make reports`)", ""])
    plan = Plan.read(reports_dir, order)
    results = Results(reports_dir)
    register = Register.read(root / paths.RAW_REGISTER)
    scenario = plan.verdict_scenario(language)
    ctx = Context(language, plan, scenario, results, register)
    for paragraph in verdict(ctx):
        lines += [paragraph, ""]
    lines += [t["other_language"], "", t["generated"], "", t["flagship"], ""]
    folder = plan.folder(scenario, layout.SECTION_NOTEBOOK[layout.TRAJECTORY]) or scenario
    if (reports_dir / folder / FLAGSHIP).is_file():
        lines += [f"![{t['flagship_alt']}]({folder}/{FLAGSHIP})", ""]
    else:
        lines += [t["no_flagship"].format(path=f"reports/{folder}/{FLAGSHIP}"), ""]
    lines += [t["key_numbers"], "", t["key_intro"], "", *key_number_tables(plan, results, language)]
    if language == "en":
        lines += scenario_lines(reports_dir, plan) + figure_lines(reports_dir, plan)
        lines.append(REVIEW_GUIDE)
    footer = VERSION_LINE[language].format(version=helpers.__version__)
    return "\n".join(lines).rstrip("\n") + f"\n\n{footer}\n"


def write_readme(root: Path, config: Any) -> Path:
    """Regenerate reports/README.md and reports/README.nl.md under ``root``; scenarios in the
    order of ``config.scenarios`` (scenarios.yaml). Returns the path of README.md."""
    # config.scenarios: scenario names in scenarios.yaml order (a mapping, or items with .name)
    order = [getattr(item, "name", item) for item in getattr(config, "scenarios", None) or ()]
    reports_dir = Path(root) / paths.REPORTS_DIR
    for language, name in layout.README_FILES.items():
        outputs.atomic_write_text(reports_dir / name, build_readme(root, order, language))
    return reports_dir / layout.README_FILES["en"]
