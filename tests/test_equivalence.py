"""helpers.equivalence: which regenerated outputs count as the committed ones."""

from __future__ import annotations

from helpers.equivalence import same_output, tolerance_kind
from helpers.runner.publication import keep_equivalent

SVG = (
    b'<svg><clipPath id="p%s"><rect x="%s"/></clipPath>'
    b'<path d="M 1 %s" clip-path="url(#p%s)"/></svg>'
)


def svg(clip_id: bytes, x: bytes, y: bytes) -> bytes:
    return SVG % (clip_id, x, y, clip_id)


def test_identical_bytes_are_always_the_same():
    assert same_output("data/processed/series.csv", b"a,1\n", b"a,1\n")


def test_processed_data_and_prose_have_no_tolerance():
    assert tolerance_kind("data/processed/series.csv") is None
    assert tolerance_kind("reports/README.md") is None
    assert tolerance_kind("reports/baseline/02_trajectory.html") is None
    assert not same_output("data/processed/series.csv", b"working,8032\n", b"working,8033\n")


def test_svg_coordinates_within_a_hundredth_of_a_pixel_and_renamed_ids_are_the_same():
    old = svg(b"abc123", b"313.393908", b"186.509998")
    new = svg(b"ffe901", b"313.393908", b"186.509997")
    assert same_output("reports/baseline/figures/f.svg", old, new)


def test_svg_that_moves_visibly_or_changes_text_is_not_the_same():
    old = svg(b"abc", b"313.39", b"186.50")
    assert not same_output("reports/b/figures/f.svg", old, svg(b"abc", b"313.39", b"186.52"))
    assert not same_output("reports/b/figures/f.svg", old, old.replace(b"path", b"line"))
    # An id that is referenced differently is a different drawing.
    moved = old.replace(b"url(#pabc)", b"url(#pxyz)")
    assert not same_output("reports/b/figures/f.svg", old, moved)


def test_tables_and_results_may_differ_by_one_unit_in_the_last_written_digit():
    table = "reports/baseline/tables/trajectory.csv"
    assert same_output(table, b"damped_ets,2030-12-31,17435\n", b"damped_ets,2030-12-31,17436\n")
    assert not same_output(
        table, b"damped_ets,2030-12-31,17435\n", b"damped_ets,2030-12-31,17437\n"
    )
    assert same_output("reports/b/results.json", b'{"p": 0.93817615}', b'{"p": 0.93817616}')
    assert not same_output("reports/b/results.json", b'{"p": 0.9381}', b'{"p": 0.9383}')
    assert not same_output(table, b"a,1\n", b"a,1\nb,2\n")
    assert not same_output(table, b"model_a,1\n", b"model_b,1\n")


def test_keep_equivalent_puts_the_committed_bytes_back_and_only_those(tmp_path):
    current, staged = tmp_path / "current", tmp_path / "staged"
    for folder in (current, staged):
        (folder / "tables").mkdir(parents=True)
    (current / "tables" / "t.csv").write_bytes(b"x,17435\n")
    (staged / "tables" / "t.csv").write_bytes(b"x,17436\n")
    (current / "tables" / "u.csv").write_bytes(b"x,100\n")
    (staged / "tables" / "u.csv").write_bytes(b"x,200\n")
    kept = keep_equivalent(staged, current, "reports/baseline")
    assert kept == ["tables/t.csv"]
    assert (staged / "tables" / "t.csv").read_bytes() == b"x,17435\n"
    assert (staged / "tables" / "u.csv").read_bytes() == b"x,200\n"
