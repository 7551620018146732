"""Target path, interpolation, realisation ratio and gap with qualifiers, pace."""

import math

import matplotlib.colors
import pandas as pd
import pytest
from support.frames import series_frame

from helpers import targets
from helpers.errors import ParameterError


@pytest.fixture
def series():
    return series_frame(
        [
            ("target", "2015-12-31", 1600, "exact", "places", "T1"),
            ("target", "2016-12-31", 3200, "exact", "places", "T2"),
            ("target", "2017-12-31", 2600, "exact", "places", "T3"),
            ("target", "2019-12-31", 6000, "exact", "places", "T4"),
            ("target_original_path", "2017-12-31", 4800, "exact", "places", "O1"),
            ("target_provisional", "2019-12-31", 5990, "exact", "places", "P1"),
            ("target_structural", "2023-12-31", 10000, "exact", "places", "G1"),
            ("ambition_total", "", 50000, "exact", "persons", "A1"),
            ("working", "2015-12-31", 44, "exact", "places", "W1"),
            ("working", "2016-06-30", 115, "exact", "places", "W2"),
            ("working", "2017-12-31", 1200, "approximate", "persons", "W3"),
            ("working", "2019-12-31", 3000, "lower_bound", "persons", "W4"),
        ]
    )


def test_linear_fill_marks_assumed_years_and_rounds_half_up():
    known = pd.DataFrame(
        {"year": [2019, 2022], "value": [6000.0, 9500.0], "qualifier": ["exact", "exact"]}
    )
    filled = targets.fill_years(known, "linear")
    assert filled["year"].tolist() == [2019, 2020, 2021, 2022]
    assert filled["value"].tolist() == [6000, 7167, 8333, 9500]  # 7166.67, 8333.33
    assert filled["status"].tolist() == ["published", "assumed", "assumed", "published"]
    halves = pd.DataFrame(
        {"year": [2000, 2002], "value": [1.0, 2.0], "qualifier": ["exact", "lower_bound"]}
    )
    filled = targets.fill_years(halves, "linear")
    assert filled["value"].tolist() == [1, 2, 2]  # 1.5 rounds up, not to even
    assert filled["qualifier"].tolist()[1] == "lower_bound"


def test_previous_fill_keeps_last_target():
    known = pd.DataFrame(
        {"year": [2019, 2022], "value": [6000.0, 9500.0], "qualifier": ["exact", "exact"]}
    )
    filled = targets.fill_years(known, "previous")
    assert filled["value"].tolist() == [6000, 6000, 6000, 9500]


def test_unknown_interpolation_names_parameter():
    known = pd.DataFrame({"year": [2019], "value": [6000.0], "qualifier": ["exact"]})
    with pytest.raises(ParameterError, match="target_interpolation"):
        targets.fill_years(known, "spline")


def test_target_path_has_every_year_and_the_original_path(series):
    path = targets.target_path(series)
    assert path["year"].tolist() == list(range(2015, 2024))
    by_year = path.set_index("year")
    assert by_year.loc[2018, "target_status"] == "assumed"
    assert by_year.loc[2018, "target"] == 4300  # halfway 2600 and 6000
    assert by_year.loc[2018, "target_source_id"] == ""
    assert by_year.loc[2023, "target"] == 10000
    assert by_year.loc[2023, "target_source_id"] == "G1"
    assert by_year.loc[2017, "target"] == 2600
    assert by_year.loc[2017, "original_path"] == 4800
    assert by_year.loc[2016, "original_path"] == 3200  # before the reset: the published target
    assert math.isnan(by_year.loc[2019, "original_path"])
    assert by_year.loc[2019, "provisional"] == 5990


def test_year_end_realised_keeps_only_31_december(series):
    realised = targets.year_end_realised(series)
    assert realised["year"].tolist() == [2015, 2017, 2019]


def test_realisation_ratio_gap_and_qualifiers(series):
    result = targets.realisation(targets.target_path(series), targets.year_end_realised(series))
    by_year = result.set_index("year")
    assert by_year.loc[2015, "ratio"] == pytest.approx(44 / 1600)
    assert by_year.loc[2015, "gap"] == 1556
    assert by_year.loc[2015, "ratio_qualifier"] == "exact"
    assert by_year.loc[2017, "ratio_qualifier"] == "approximate"
    assert by_year.loc[2017, "gap_original_path"] == 3600
    # ratio from a lower bound is a lower bound; the gap it leaves is an upper bound
    assert by_year.loc[2019, "ratio"] == pytest.approx(0.5)
    assert by_year.loc[2019, "ratio_qualifier"] == "lower_bound"
    assert by_year.loc[2019, "gap"] == 3000
    assert by_year.loc[2019, "gap_qualifier"] == "upper_bound"


def test_pace_needed_and_realised(series):
    path = targets.target_path(series)
    pace = targets.pace(path, targets.year_end_realised(series)).set_index("year")
    assert pace.loc[2015, "needed_next"] == 3200 - 44
    assert pace.loc[2015, "realised_pace"] == pytest.approx((1200 - 44) / 2)
    assert pace.loc[2015, "realised_span_years"] == 2
    assert pace.loc[2017, "needed_next"] == 4300 - 1200
    assert pace.loc[2017, "next_target_status"] == "assumed"
    assert pace.loc[2017, "needed_goal"] == pytest.approx((10000 - 1200) / 6)
    assert pace.loc[2019, "needed_goal"] == pytest.approx((10000 - 3000) / 4)
    assert pace.loc[2019, "needed_goal_qualifier"] == "upper_bound"
    assert math.isnan(pace.loc[2019, "realised_pace"])


def test_year_reached():
    assert targets.year_reached(2022, 8032, 1000, 30000) == 2022 + 22  # 21.968 -> 22 years
    assert targets.year_reached(2022, 8032, 1000, 8032) == 2022
    assert math.isnan(targets.year_reached(2022, 8032, 0, 30000))


def test_validate_parameters_names_the_parameter():
    base = {
        "processed_dir": "data/processed",
        "output_dir": "reports/baseline",
        "language": "en",
        "target_interpolation": "linear",
    }
    assert targets.validate_parameters(**base)["target_interpolation"] == "linear"
    for name, bad in [
        ("processed_dir", "/etc"),
        ("output_dir", "../x"),
        ("language", "de"),
        ("target_interpolation", "cubic"),
    ]:
        with pytest.raises(ParameterError, match=f"'{name}'"):
            targets.validate_parameters(**{**base, name: bad})


def test_mid_year_figures_never_meet_a_year_end_target(series):
    """A count from within a year (2016-06-30 here) is drawn, never compared with a target."""
    analysis = targets.analyse(series, "linear")
    assert 2016 not in analysis.result["year"].tolist()
    assert pd.Timestamp("2016-06-30") in analysis.working["reference_date"].tolist()
    assert analysis.result["year"].tolist() == [2015, 2017, 2019]


def test_latest_key_numbers_follow_the_contract(series):
    numbers = targets.key_numbers(targets.analyse(series, "linear"))
    latest = numbers["latest"]
    assert set(latest) == {
        "year",
        "target",
        "target_status",
        "target_source_ids",
        "realised",
        "realised_qualifier",
        "realised_date",
        "realised_source_id",
        "gap",
        "gap_qualifier",
        "ratio",
        "ratio_qualifier",
    }
    assert (latest["year"], latest["target"], latest["realised"]) == (2019, 6000, 3000)
    assert latest["target_source_ids"] == ["T4"]
    assert (latest["realised_qualifier"], latest["gap_qualifier"]) == ("lower_bound", "upper_bound")
    assert latest["ratio_qualifier"] == "lower_bound"
    answer = targets.answer(targets.analyse(series, "linear"), "en")
    assert "more than 3,000 people" in answer and "at most 3,000 places short" in answer
    assert numbers["by_year"]["2017"]["target_status"] == "published"


def test_an_assumed_target_stays_assumed_in_the_key_numbers():
    """A year-end count in a year without a published target meets an assumed target."""
    series = series_frame(
        [
            ("target", "2019-12-31", 6000, "exact", "places", "T4"),
            ("target", "2022-12-31", 9500, "exact", "places", "T5"),
            ("target_original_path", "2017-12-31", 4800, "exact", "places", "O1"),
            ("target_provisional", "2019-12-31", 5990, "exact", "places", "P1"),
            ("target_structural", "2048-12-31", 30000, "exact", "places", "G1"),
            ("ambition_total", "", 50000, "exact", "persons", "A1"),
            ("working", "2019-12-31", 4004, "exact", "persons", "W1"),
            ("working", "2020-12-31", 5000, "exact", "persons", "W2"),
            ("working", "2021-06-30", 5913, "exact", "persons", "W3"),
        ]
    )
    analysis = targets.analyse(series, "linear")
    latest = targets.key_numbers(analysis)["latest"]
    assert latest["year"] == 2020  # the mid-2021 count never meets the 2021 target
    assert latest["target_status"] == "assumed"
    assert latest["target_source_ids"] == ["T4", "T5"]  # the published targets it rests on
    assert "assumed" in targets.answer(analysis, "en")
    assert "aangenomen" in targets.answer(analysis, "nl")
    # in the figure, the assumed target is the hollow amber square, a published one filled
    from matplotlib.lines import Line2D

    from helpers.plotting import CONCEPT_COLOURS

    fig = targets.figure_targets(analysis, "en")
    squares = [a for a in fig.findobj(Line2D) if a.get_gid() == "target"]
    white = matplotlib.colors.to_rgba("white")
    hollow = [a for a in squares if matplotlib.colors.to_rgba(a.get_markerfacecolor()) == white]
    assert len(hollow) == (analysis.result["target_status"] == "assumed").sum() > 0
    target = matplotlib.colors.to_rgba(CONCEPT_COLOURS["target"])
    assert all(matplotlib.colors.to_rgba(a.get_color()) == target for a in squares)


def test_labels_complete_in_both_languages():
    from helpers.markup import check_labels

    check_labels(targets.LABELS)
    assert set(targets.LABELS["en"]) == set(targets.LABELS["nl"])


@pytest.mark.parametrize("language", ["en", "nl"])
def test_figures_and_tables_build_in_both_languages(series, language):
    from helpers.markup import CODE_NAME

    analysis = targets.analyse(series, "linear")
    for build in (targets.figure_targets,):
        fig = build(analysis, language)
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert not [t for t in texts if CODE_NAME.search(t)], texts
    shown = repr(targets.realisation_table(analysis, language))
    assert "NaN" not in shown and " nan" not in shown
    separator = "." if language == "nl" else ","
    assert f"1{separator}600" in repr(targets.path_table(analysis, language))
