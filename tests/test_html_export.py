"""The HTML report of a notebook: one language, the parameters once, no code, alt text, links."""

import copy
import re

import nbformat
from IPython.display import Image
from support.paths import NOTEBOOKS

from helpers.html_export import export_html, report_notebook

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def _notebook():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md("# Title"),
        code('language = "en"  # defaults', metadata={"tags": ["parameters"]}),
        code('language = "nl"', metadata={"tags": ["injected-parameters"]}),
        md("English prose, see [P1](../ASSUMPTIONS.md#p1).", metadata={"tags": ["lang:en"]}),
        md("Nederlandse tekst, zie [P1](../ASSUMPTIONS.md#p1).", metadata={"tags": ["lang:nl"]}),
        code("import helpers  # plumbing without output"),
        code("show_figure()"),
    ]
    data, metadata = Image(data=PNG, format="png", metadata={"alt": "The gap closes"})._repr_png_()
    cells[-1].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"image/png": data}, metadata={"image/png": metadata}
        )
    ]
    cells[-1].execution_count = 7
    return nbformat.v4.new_notebook(cells=cells)


def test_the_report_keeps_its_language_and_shows_the_parameters_once():
    shown = report_notebook(_notebook(), {"language": "nl", "processed_dir": "data/processed"})
    text = "\n".join(c.source for c in shown.cells)
    assert "Nederlandse tekst" in text and "English prose" not in text
    assert text.count("language") == 1  # once, in the parameters table
    assert "processed_dir" in text  # a default of the parameters cell is shown too
    assert "`'nl'`" in text and "defaults" not in text
    assert "import helpers" not in text  # a code cell without output vanishes
    assert "](../../ASSUMPTIONS.md#p1)" in text  # from reports/<scenario>/


def test_the_html_has_no_code_no_prompts_and_alt_text_on_every_image():
    body = export_html(_notebook(), "x", {"language": "en"})
    assert "show_figure" not in body and "import helpers" not in body
    assert "In&nbsp;[" not in body and "Out[" not in body and "[7]" not in body
    images = re.findall(r"<img[^>]*>", body)
    assert images and all('alt="' in tag for tag in images)
    assert 'alt="The gap closes"' in body
    assert "Nederlandse tekst" not in body


def test_narrative_of_03_to_05_is_written_in_both_languages():
    """Every narrative Markdown cell has a language tag and a twin in the other language."""

    import jupytext

    from helpers.html_export import cell_language

    notebooks = NOTEBOOKS
    for name in ("03_targets_gap", "04_waiting_list", "05_finance"):
        cells = [c for c in jupytext.read(notebooks / f"{name}.py").cells]
        markdown = [cell_language(c) for c in cells if c.cell_type == "markdown"]
        assert None not in markdown, f"{name}: a Markdown cell without a language tag"
        assert markdown.count("en") == markdown.count("nl") > 0, name
        assert all(a != b for a, b in zip(markdown[::2], markdown[1::2], strict=True)), name


def test_bare_document_mentions_become_links_and_links_stay_links():
    from helpers.html_export import link_documents

    assert link_documents("(ASSUMPTIONS.md#d9)") == "([ASSUMPTIONS.md#d9](../../ASSUMPTIONS.md#d9))"
    for kept in ("[P1](../../ASSUMPTIONS.md#p1)", "[ASSUMPTIONS.md](x)", "[P](ASSUMPTIONS.md#p1)"):
        assert link_documents(kept) == kept


def test_the_parameters_table_has_the_same_cell_id_every_time():
    """The exported HTML carries cell ids; a random id would change every report at every run."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("language = 'en'")
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    ids = {
        tuple(c.id for c in report_notebook(copy.deepcopy(nb), {"language": "en"}).cells)
        for _ in range(3)
    }
    assert ids == {("run-parameters",)}


def test_the_parameters_table_keeps_its_columns_whatever_a_value_holds():
    """A value with a ``|`` or a backtick stays inside its cell (shown as text)."""
    from helpers.html_export import parameters_markdown

    table = parameters_markdown({"output_dir": "reports/a|b", "note": "x`y"}, "en")
    body = [line for line in table.splitlines() if line.startswith("| ")]
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 3 for line in body), body
