"""Generate reports/README.md: the page a reviewer reads instead of running anything.

It tabulates every number in every scenario's results.json (one row per number, one column per
scenario, so a changed number is a one-line diff), embeds the figures of the first scenario,
links every HTML report and says how to review a change. Deterministic: the same results give
the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import outputs, paths

CLEANING = "cleaning"
MAX_LIST = 12  # longer lists are summarised ("N values") instead of one row per item

REVIEW_GUIDE = """\
## How to review a change

1. Read the diff of the code (`src/helpers/`, `notebooks/*.py`: the `.ipynb` twins carry the same
   cells) and of the inputs (`data/raw/`, `scenarios.yaml`, `ASSUMPTIONS.md`).
2. Read the diff of this file: every key number of every scenario is one line in the tables below,
   so a changed number shows up as a changed line (old and new value side by side in the diff).
3. Look at the changed figures (`reports/<scenario>/figures/*.png`: GitHub shows an image diff)
   and tables (`reports/<scenario>/tables/*.csv`, a plain text diff).
4. Open the HTML report of a notebook for the narrative and every output.

All files here are generated and byte-stable: a regeneration with the same code and data
changes nothing, so every changed file is a real change. `make test` fails when the committed
reports are not what the code and data produce (nbval re-executes the report notebooks; the
determinism test regenerates everything and compares byte for byte). Regenerate with
`make reports` (or `make report ARGS="--scenario baseline"`) and commit the result with the
change. Assumptions: [ASSUMPTIONS.md](../ASSUMPTIONS.md#r1).
"""


def flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Flatten nested results into (dotted key, scalar) pairs, in sorted key order."""
    if isinstance(data, Mapping):
        items: list[tuple[str, Any]] = []
        for key in sorted(data, key=str):
            items += flatten(data[key], f"{prefix}.{key}" if prefix else str(key))
        return items
    if isinstance(data, list):
        if len(data) > MAX_LIST:
            return [(prefix, f"({len(data)} values, see results.json)")]
        if all(not isinstance(v, Mapping | list) for v in data):
            return [(prefix, ", ".join(format_value(v) for v in data) or "(none)")]
        items = []
        for i, value in enumerate(data):
            items += flatten(value, f"{prefix}[{i}]")
        return items
    return [(prefix, data)]


def format_value(value: Any) -> str:
    """Render one number or text for a markdown cell."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return outputs.format_number(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


QUALIFIER_MARKS = {"exact": "", "approximate": "~", "lower_bound": "≥", "upper_bound": "≤"}


@dataclass(frozen=True)
class Headline:
    """One headline table: its title, row header, key patterns and how to mark its numbers.

    ``patterns`` match flattened results keys; their '*' parts label the row. ``qualifier``
    names the sibling key holding each number's qualifier (approximate numbers are shown as
    "~N", lower bounds as "≥N", upper bounds as "≤N"). ``missing`` is shown for a null number.
    """

    title: str
    row_label: str
    patterns: tuple[str, ...]
    qualifier: str | None = None
    missing: str = "–"


HEADLINES = (
    Headline("Headline model", "key", ("headline_model",)),
    Headline(
        "Goal reached: median year per model and goal (null: not reached by the horizon in "
        "half the paths)",
        "model · goal",
        ("models.*.goal_year.*.median",),
        missing="after horizon",
    ),
    Headline(
        "Goal reached by 2030: probability per model and goal",
        "model · goal",
        ("models.*.goal_year.*.p_by_2030",),
    ),
    Headline(
        "Realisation: people working as % of the target at year end",
        "year",
        ("targets_gap.by_year.*.ratio_percent",),
        qualifier="ratio_qualifier",
    ),
    Headline(
        "Gap: places short of the target at year end",
        "year",
        ("targets_gap.by_year.*.gap_places",),
        qualifier="gap_qualifier",
    ),
    Headline(
        "Waiting list: positive advice, no job",
        "date",
        ("waiting_list.by_date.*.waiting",),
        qualifier="waiting_qualifier",
    ),
    Headline(
        "Money: balance per place per year (EUR, income minus cost)",
        "variant",
        ("finance.per_place.*.balance",),
        qualifier="balance_qualifier",
    ),
)


def marked(value: Any, qualifier: Any, missing: str = "–") -> str:
    """A number with its qualifier's mark: ~1,200 approximate, ≥2,500 lower bound."""
    if value is None:
        return missing
    return QUALIFIER_MARKS.get(qualifier or "exact", "?") + format_value(value)


def _table(
    scenarios: Sequence[str], rows: Mapping[str, Mapping[str, Any]], title: str
) -> list[str]:
    lines = [f"| {title} | " + " | ".join(scenarios) + " |", "|---|" + "---:|" * len(scenarios)]
    for key, values in rows.items():
        cells = [format_value(values[s]) if s in values else "" for s in scenarios]
        lines.append(f"| {_cell(key)} | " + " | ".join(cells) + " |")
    return lines


def headline_tables(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The headline numbers (see HEADLINES), one row per number, columns are the scenarios."""
    scenarios = list(results)
    flat = {s: dict(flatten(results[s])) for s in scenarios}
    lines: list[str] = []
    for headline in HEADLINES:
        rows: dict[str, dict[str, Any]] = {}
        for pattern in headline.patterns:
            regex = re.compile("^" + re.escape(pattern).replace(r"\*", "([^.]+)") + "$")
            for scenario in scenarios:
                for key, value in flat[scenario].items():
                    match = regex.match(key)
                    if not match:
                        continue
                    label = " · ".join(match.groups()) or key.rsplit(".", 1)[-1]
                    qualifier = None
                    if headline.qualifier:
                        sibling = key.rsplit(".", 1)[0] + "." + headline.qualifier
                        qualifier = flat[scenario].get(sibling)
                    rows.setdefault(label, {})[scenario] = marked(
                        value, qualifier, headline.missing
                    )
        if rows:
            lines += [f"### {headline.title}", "", *_table(scenarios, rows, headline.row_label), ""]
        if headline.patterns == ("headline_model",):
            lines += headline_goal_years(results)
    return lines


# The models whose spread is shown beside the headline: the core models and the pessimistic one.
SPREAD_MODELS = ("segmented", "linear_2017", "random_walk", "damped_ets")


def headline_goal_years(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Each scenario's headline model: goal year as median and range, and P(by 2030/2035/2048)."""
    scenarios = [s for s in results if results[s].get("headline_model")]
    if not scenarios:
        return []
    rows: dict[str, dict[str, Any]] = {}
    for scenario in scenarios:
        data = results[scenario]
        model = data["headline_model"]
        horizon = data.get("horizon", "the horizon")
        level = data.get("interval")
        for goal, entry in sorted(
            data.get("models", {}).get(model, {}).get("goal_year", {}).items()
        ):
            after = f"after {horizon}"
            median = after if entry.get("median") is None else format_value(entry["median"])
            lower = after if entry.get("lower") is None else format_value(entry["lower"])
            upper = after if entry.get("upper") is None else format_value(entry["upper"])
            rows.setdefault(f"{goal}: median (range)", {})[scenario] = f"{median} ({lower}–{upper})"
            for year in (2030, 2035, 2048):
                p = entry.get(f"p_by_{year}")
                rows.setdefault(f"{goal}: P(reached by {year})", {})[scenario] = p
        rows.setdefault("interval of the range", {})[scenario] = level
        for goal in sorted(data.get("models", {}).get(model, {}).get("goal_year", {})):
            medians = [
                data["models"][name]["goal_year"][goal].get("median")
                for name in SPREAD_MODELS
                if name in data.get("models", {})
            ]
            known = [m for m in medians if m is not None]
            if not medians:
                continue
            low = format_value(min(known)) if known else f"after {horizon}"
            high = f"after {horizon}" if None in medians or not known else format_value(max(known))
            label = f"{goal}: medians of {', '.join(SPREAD_MODELS)}"
            rows.setdefault(label, {})[scenario] = f"{low}–{high}"
    return [
        "### Headline model: year each goal is reached",
        "",
        *_table(scenarios, rows, "goal"),
        "",
    ]


def key_number_tables(results: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Every number of results.json: a table per section (top-level mapping), one for the
    top-level single values; columns are the scenarios."""
    scenarios = list(results)
    sections: list[str] = []
    for scenario in scenarios:
        for section, value in results[scenario].items():
            name = section if isinstance(value, Mapping) else ""
            if name not in sections:
                sections.append(name)
    sections.sort()
    lines: list[str] = []
    for section in sections:
        rows: dict[str, dict[str, Any]] = {}
        for scenario in scenarios:
            data = results[scenario]
            if section:
                flat = flatten(data[section]) if isinstance(data.get(section), Mapping) else []
            else:
                flat = flatten({k: v for k, v in data.items() if not isinstance(v, Mapping)})
            for key, number in flat:
                rows.setdefault(key, {})[scenario] = number
        lines += [f"### {section or 'single values'}", "", *_table(scenarios, rows, "number"), ""]
    return lines


def _parameters_text(params: Mapping[str, Any]) -> str:
    if not params:
        return "(defaults)"
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in params.items())


def build_readme(
    reports_dir: Path,
    scenarios: Sequence[str],
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> str:
    """Render the README text from the scenario directories under ``reports_dir``."""
    reports_dir = Path(reports_dir)
    overrides = overrides or {}
    present = [s for s in scenarios if (reports_dir / s).is_dir()]
    results: dict[str, dict[str, Any]] = {}
    for scenario in present:
        file = reports_dir / scenario / "results.json"
        if file.is_file():
            results[scenario] = json.loads(file.read_text(encoding="utf-8"))
    lines = [
        "# Reports",
        "",
        "Generated by `make reports` (`python -m helpers.runner`) from `data/raw/` and "
        "`scenarios.yaml`. Do not edit anything under `reports/` by hand.",
        "",
        "## Scenarios",
        "",
    ]
    if defaults:
        lines += [f"Every scenario starts from the defaults {_parameters_text(defaults)}.", ""]
    lines += ["| scenario | parameters | reports |", "|---|---|---|"]
    for scenario in present:
        links = _html_links(reports_dir, scenario)
        params = _parameters_text(overrides.get(scenario, {}))
        lines.append(f"| {scenario} | {_cell(params)} | {links} |")
    if (reports_dir / CLEANING).is_dir():
        lines.append(f"| ({CLEANING}) | data cleaning | {_html_links(reports_dir, CLEANING)} |")
    lines += ["", "## Key numbers", ""]
    if results:
        lines += [
            "From each scenario's `results.json`; one number per row, so a changed number is a "
            "one-line diff. Every number is listed under [All numbers](#all-numbers).",
            "",
        ]
        lines += headline_tables(results)
    else:
        lines += ["(no results yet)", ""]
    lines += ["## Figures", ""]
    for index, scenario in enumerate(present):
        figures = _figures(reports_dir, scenario)
        if not figures:
            continue
        lines += [f"### {scenario}", ""]
        for figure in figures:
            rel = f"{scenario}/figures/{figure}"
            stem = figure.removesuffix(".png")
            if index == 0:
                lines += [f"![{stem}]({rel})", ""]
            else:
                lines.append(f"- [{stem}]({rel})")
        if index > 0:
            lines.append("")
    lines.append(REVIEW_GUIDE)
    if results:
        lines += ["## All numbers", "", *key_number_tables(results)]
    return "\n".join(lines)


def _html_links(reports_dir: Path, scenario: str) -> str:
    pages = sorted(p.name for p in (reports_dir / scenario).glob("*.html"))
    if not pages:
        pages = sorted(p.name for p in (reports_dir / scenario).glob("*.ipynb"))
    return " · ".join(f"[{p.rsplit('.', 1)[0]}]({scenario}/{p})" for p in pages) or "–"


def _figures(reports_dir: Path, scenario: str) -> list[str]:
    return sorted(p.name for p in (reports_dir / scenario / "figures").glob("*.png"))


def write_readme(root: Path, config: Any) -> Path:
    """Regenerate ``reports/README.md`` under ``root`` for the scenarios of ``config``."""
    path = Path(root) / paths.REPORTS_DIR / "README.md"
    text = build_readme(
        Path(root) / paths.REPORTS_DIR,
        list(config.scenarios),
        config.overrides,
        config.defaults,
    )
    outputs.atomic_write_text(path, text)
    return path
