"""Shared presentation of the policy analyses: cells, qualifier marks, label checks, tables."""

import math

import pandas as pd
import pytest
from support.markup_check import (
    HOSTILE,
    assert_markdown_safe,
    assert_no_live_markup,
    markdown_to_html,
    parse_html,
)

from helpers.markup import (
    Column,
    Table,
    check_labels,
    fmt,
    html_text,
    long_date,
    markdown_cell,
    markdown_code,
    markdown_inline,
    markdown_link,
    qualified,
    table,
)


def test_cells_in_each_language():
    assert fmt(1234.4, "count", "en") == "1,234"
    assert fmt(8032, "count", "nl") == "8.032"
    assert fmt(0.8451, "share", "nl") == "84,5%"
    assert fmt(-28_112_000, "millions", "en") == "-€28.1m"
    assert fmt(-28_112_000, "millions", "nl") == "-€ 28,1 mln"
    assert fmt(math.nan, "count", "en") == ""
    assert fmt(pd.NaT, "date", "en") == ""
    with pytest.raises(ValueError, match="kind"):
        fmt(1, "colour", "en")


def test_qualifier_marks():
    assert qualified("2,500", "lower_bound") == "≥ 2,500"
    assert qualified("2,100", "upper_bound") == "≤ 2,100"
    assert qualified("1,200", "approximate") == "~1,200"
    assert qualified("44", "exact") == "44"


def test_long_dates():
    assert long_date("2022-12-31", "en") == "31 December 2022"
    assert long_date("2021-06-30", "nl") == "30 juni 2021"


def test_check_labels_finds_missing_keys_fields_and_code_names():
    good = {"en": {"a": "{n} places"}, "nl": {"a": "{n} plekken"}}
    check_labels(good)
    with pytest.raises(ValueError, match="only in en"):
        check_labels({"en": {"a": "x", "b": "y"}, "nl": {"a": "x"}})
    with pytest.raises(ValueError, match="fields differ"):
        check_labels({"en": {"a": "{n} places"}, "nl": {"a": "{m} plekken"}})
    with pytest.raises(ValueError, match="code name"):
        check_labels({"en": {"a": "emmen_2017_without_bonus"}, "nl": {"a": "Emmen"}})


def test_table_has_no_index_and_no_nan():
    frame = pd.DataFrame({"n": [1600.0, math.nan], "q": ["exact", "lower_bound"], "s": ["x", "y"]})
    labels = {
        "en": {"col_n": "Places", "col_s": "Source"},
        "nl": {"col_n": "Plekken", "col_s": "Bron"},
    }
    shown = table(frame, [Column("n", "col_n", "count", "q"), Column("s", "col_s")], labels, "nl")
    assert list(shown.frame.columns) == ["Plekken", "Bron"]
    assert shown.frame["Plekken"].tolist() == ["1.600", ""]
    html = shown._repr_html_()
    assert "NaN" not in html and "<th></th>" not in html
    assert repr(shown).splitlines()[0].split() == ["Plekken", "Bron"]


def test_qualifiers_in_words_for_prose():
    from helpers.markup import in_words

    assert in_words("2,500", "lower_bound", "en") == "more than 2,500"
    assert in_words("1.200", "upper_bound", "nl") == "hooguit 1.200"
    assert in_words("€ 18.000", "approximate", "nl") == "circa € 18.000"
    assert in_words("44", "exact", "en") == "44"


# ---------------------------------------------------------------------------------------------
# Text from the register and scenarios.yaml is text, not markup (issue 17)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_inline_shows_text_literally(text):
    markdown = f"Published by {markdown_inline(text)}, see the table."
    assert "\n" not in markdown_inline(text + "\r\nsecond line")
    assert_markdown_safe(markdown, (f"Published by {text}, see the table.",))
    heading_position = markdown_inline(text)  # at the start of a line it is no heading or list
    html = markdown_to_html(heading_position)
    assert html.startswith("<p>"), html


def test_markdown_cells_keep_the_table_and_show_text_literally():
    rows = [f"| S{i:03d} | {markdown_cell(t)} | {markdown_cell(t + ' | x')} |" for i, t in
            enumerate(HOSTILE)]  # fmt: skip
    markdown = "\n".join(["| id | publisher | title |", "|---|---|---|", *rows])
    assert_markdown_safe(markdown, HOSTILE)
    tags, _ = parse_html(markdown_to_html(markdown))
    assert [t for t, _ in tags].count("tr") == len(HOSTILE) + 1
    assert [t for t, _ in tags].count("td") == 3 * len(HOSTILE), "a cell was split or lost"


def test_html_text_and_tables_escape_everything():
    for text in HOSTILE:
        assert_no_live_markup(f"<p>{html_text(text)}</p>", (text,))
        assert_no_live_markup(f'<a title="{html_text(text)}">x</a>')
    shown = Table(pd.DataFrame({"publisher": list(HOSTILE), "<b>head</b>": list(HOSTILE)}))
    assert_no_live_markup(shown._repr_html_(), (*HOSTILE, "<b>head</b>"))


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "data:text/html,<b>x</b>",
     "vbscript:x", "file:///etc/passwd", "//evil.example/x", "mailto:a@b.nl", "zie Kamerbrief"],
)  # fmt: skip
def test_only_http_addresses_become_links(url):
    markdown = markdown_link("the source", url)
    tags, text = parse_html(markdown_to_html(markdown))
    assert "a" not in [t for t, _ in tags], markdown
    assert " ".join(url.split()) in text


def test_http_addresses_are_links_that_stay_one_link():
    url = "https://example.org/a b(c)[d]?q=1&r=<2>"
    tags, text = parse_html(markdown_to_html(markdown_link("[bron] *1*", url)))
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert hrefs == ["https://example.org/a%20b%28c%29%5Bd%5D?q=1&r=%3C2%3E"]
    assert "[bron] *1*" in text


def test_code_span_falls_back_to_text_with_a_backtick():
    assert markdown_code("data/raw/source_register.csv") == "`data/raw/source_register.csv`"
    assert_markdown_safe(f"from {markdown_code('a` <script>x</script> `b')}.", ("a` <script>",))
