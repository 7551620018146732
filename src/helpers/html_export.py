"""The HTML report of an executed notebook: a document for readers, not a notebook.

- no code and no prompts: code cells show their outputs only; cells without output vanish;
- one language: cells tagged ``lang:<code>`` for another language than the run's are removed
  (cells without a language tag are shown in every language);
- the parameters once: the parameters cell and papermill's injected cell become one small table
  of the run's parameters;
- every image has alt text (from the output's ``alt`` metadata, set by publish_figure from the
  figure's title; a figure without one gets a generic description in the report's language);
- links to repository files written for the notebooks (``../ASSUMPTIONS.md#p1``) point to the
  same file from the report's directory (``reports/<scenario>/``).
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping
from typing import Any

import nbformat

from helpers.markup import markdown_code
from helpers.words import HTML_EXPORT

HTML_TEMPLATE = "classic"
# Cells tagged "remove-input" show their output only, "remove-cell" nothing, in the HTML.
REMOVE_INPUT_TAGS = ("remove-input",)
REMOVE_CELL_TAGS = ("remove-cell",)
LANGUAGE_TAG = "lang:"
PARAMETER_TAGS = ("parameters", "injected-parameters")
# The notebooks live in notebooks/, the reports in reports/<scenario>/: one level deeper.
_NOTEBOOK_LINK = re.compile(r"\]\(\.\./")
_REPORT_LINK = "](../../"
# A bare mention of a repository document ("see ASSUMPTIONS.md#d9") in Markdown becomes a link.
_BARE_DOCUMENT = re.compile(r"(?<!\]\()(?<![\[/\w])([A-Z][A-Z_]*\.md(?:#[\w-]+)?)(?![\]\w])")


def html_exporter() -> Any:
    """nbconvert's HTML exporter (classic template): no code, no prompts, tagged cells hidden."""
    import nbconvert
    from traitlets.config import Config as TraitletsConfig

    settings = TraitletsConfig()
    settings.TagRemovePreprocessor.enabled = True
    settings.TagRemovePreprocessor.remove_input_tags = REMOVE_INPUT_TAGS
    settings.TagRemovePreprocessor.remove_cell_tags = REMOVE_CELL_TAGS
    settings.TemplateExporter.exclude_input = True
    settings.TemplateExporter.exclude_input_prompt = True
    settings.TemplateExporter.exclude_output_prompt = True
    return nbconvert.HTMLExporter(config=settings, template_name=HTML_TEMPLATE)


def cell_language(cell: Any) -> str | None:
    """The language a cell is written in (its ``lang:<code>`` tag), or None for every language."""
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag.startswith(LANGUAGE_TAG):
            return tag[len(LANGUAGE_TAG) :]
    return None


def keep_language(nb: Any, language: str) -> Any:
    """A copy of ``nb`` without the cells tagged for another language."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if cell_language(c) in (None, language)]
    return out


def _words(language: str) -> dict[str, str]:
    """The export's words in the report's language (English for a language it does not know)."""
    return HTML_EXPORT.get(language, HTML_EXPORT["en"])


def parameters_markdown(parameters: Mapping[str, Any], language: str) -> str:
    """The run's parameters as a small Markdown table."""
    words = _words(language)
    rows = [f"| {words['parameter']} | {words['value']} |", "|---|---|"]
    rows += [
        f"| {markdown_code(key)} | {markdown_code(repr(parameters[key]))} |"
        for key in sorted(parameters)
    ]
    return f"**{words['parameters_heading']}**\n\n" + "\n".join(rows)


def _is_parameters(cell: Any) -> bool:
    return any(tag in PARAMETER_TAGS for tag in cell.get("metadata", {}).get("tags", []))


def _visible_output(cell: Any) -> bool:
    return cell.cell_type != "code" or bool(cell.get("outputs"))


def report_notebook(nb: Any, parameters: Mapping[str, Any]) -> Any:
    """The notebook as the report shows it: one language, the parameters once as a table, no
    code cell without output, links from the report's directory."""
    language = str(parameters.get("language", "en"))
    out = keep_language(nb, language)
    cells, placed = [], False
    for cell in out.cells:
        if _is_parameters(cell):
            if not placed:
                table = nbformat.v4.new_markdown_cell(parameters_markdown(parameters, language))
                table.id = "run-parameters"  # a fixed id: nbformat's is random, the HTML is not
                cells.append(table)
                placed = True
            continue
        if not _visible_output(cell):
            continue
        if cell.cell_type == "markdown":
            cell.source = link_documents(_NOTEBOOK_LINK.sub(_REPORT_LINK, cell.source))
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):
                output["data"]["text/markdown"] = link_documents(output["data"]["text/markdown"])
        cells.append(cell)
    out.cells = cells
    return out


def link_documents(markdown: str) -> str:
    """Turn bare mentions of repository documents (ASSUMPTIONS.md#d9) into links."""
    return _BARE_DOCUMENT.sub(r"[\1](../../\1)", markdown)


def _alt_text(body: str, language: str) -> str:
    """Give every <img> without alt text a generic one in the report's language."""
    fallback = html.escape(_words(language)["figure"])
    return re.sub(r"<img(?![^>]*\balt=)", f'<img alt="{fallback}"', body)


def export_html(
    nb: Any, name: str, parameters: Mapping[str, Any], exporter: Any | None = None
) -> str:
    """The HTML report of the executed notebook ``nb`` run with ``parameters``."""
    exporter = exporter or html_exporter()
    shown = report_notebook(nb, parameters)
    body, _ = exporter.from_notebook_node(shown, resources={"metadata": {"name": name}})
    return _alt_text(body, str(parameters.get("language", "en")))
