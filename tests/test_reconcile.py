"""The reconciliation rule, on small registers and on the project's own register."""

from pathlib import Path

import pytest

from helpers.reconcile import consistent, reconcile
from helpers.register import read_register

REGISTER = Path(__file__).resolve().parents[1] / "data" / "raw" / "source_register.csv"
HEADER = (
    "id,metric,reference_period,value_as_published,unit,source_kind,publisher,title,url,"
    "published,note\n"
)


def reconciled(tmp_path, rows):
    path = tmp_path / "register.csv"
    path.write_text(HEADER + "".join(f"{row},\n" for row in rows), encoding="utf-8")
    return reconcile(read_register(path))


def decisions(result):
    return dict(zip(result.decisions["id"], result.decisions["decision"], strict=True))


def test_official_beats_secondary_beats_advocacy(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,working,2018-12-31,2400,persons,advocacy,A,t,,2019",
            "S002,working,2018-12-31,2450,persons,secondary,B,t,,2019",
            "S003,working,2018-12-31,ruim 2.500,persons,official,C,t,,2019",
        ],
    )
    row = result.series.iloc[0]
    assert (row["source_id"], row["value"], row["qualifier"]) == ("S003", 2500, "lower_bound")
    assert decisions(result) == {"S003": "selected", "S001": "superseded", "S002": "superseded"}
    (conflict,) = result.conflicts.itertuples()
    assert conflict.kind == "value" and conflict.kept_id == "S003"
    assert conflict.consistent == "false"  # 2,500 is not "2,400" exact


def test_precise_period_beats_vague_within_a_kind(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,working,2019-12,ruim drieduizend,persons,secondary,A,t,,2020",
            "S002,working,2019-12-31,4.004,persons,secondary,B,t,,2020",
        ],
    )
    assert result.series.iloc[0]["source_id"] == "S002"
    assert "day over month" in result.decisions.set_index("id").loc["S002", "reason"]
    assert result.conflicts.iloc[0]["consistent"] == "true"  # 4,004 is more than 3,000


def test_corroboration_counts_and_lists_sources(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,target,2018-12-31,4600,places,secondary,A,t,,2019",
            "S002,target,2018-12-31,4500,places,secondary,B,t,,2019",
            "S003,target,2018-12-31,4.600,places,secondary,C,t,,2019",
        ],
    )
    row = result.series.iloc[0]
    assert row["value"] == 4600 and row["source_ids"] == "S001;S003" and row["n_sources"] == 2
    assert decisions(result)["S003"] == "corroborating"


def test_same_figure_on_two_dates_keeps_the_better_date(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,working,2016-Q1,115,places,official,Inspectie,t,,2016-06-27",
            "S002,working,2016-H1,115,places,secondary,Paper,t,,2016",
            "S003,working,2016-12-31,circa 270,persons,official,SZW,t,,2019",
        ],
    )
    assert decisions(result) == {"S002": "rejected_date", "S001": "selected", "S003": "selected"}
    assert list(result.series["reference_date"]) == ["2016-03-31", "2016-12-31"]
    assert list(result.conflicts["kind"]) == ["date"]


def test_same_figure_same_publication_on_two_dates_is_not_a_conflict(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,working,2020-12-31,500,persons,official,UWV,report,,2021",
            "S002,working,2021-12-31,500,persons,official,UWV,report,,2022",
        ],
    )
    assert set(decisions(result).values()) == {"selected"}
    assert result.conflicts.empty


def test_policy_constant_is_one_figure_whatever_the_date(tmp_path):
    result = reconciled(
        tmp_path,
        [
            "S001,target_structural,2048,30.000,places,secondary,A,t,,2017",
            "S002,target_structural,,30.000,places,secondary,B,t,,2016",
            "S003,target_structural,2050,30.000,places,advocacy,C,t,,2019",
            "S004,target_structural,2026,30.300,places,secondary,D,t,,2016",
        ],
    )
    assert len(result.series) == 1
    row = result.series.iloc[0]
    assert (row["value"], row["reference_date"], row["source_ids"]) == (
        30000,
        "2048-12-31",
        "S001;S002",
    )
    assert decisions(result) == {
        "S001": "selected",
        "S002": "corroborating",
        "S003": "rejected_date",
        "S004": "superseded",
    }
    assert sorted(result.conflicts["kind"]) == ["date", "value"]


def test_ties_are_broken_by_row_id_and_outputs_do_not_depend_on_row_order(tmp_path):
    rows = [
        "S002,working,2018-03-31,1465,persons,secondary,A,t,,2018",
        "S001,working,2018-03-31,1.465,persons,secondary,B,t,,2018",
    ]
    forward = reconciled(tmp_path, rows)
    backward = reconciled(tmp_path, rows[::-1])
    assert forward.series.equals(backward.series)
    assert forward.series.iloc[0]["source_id"] == "S001"


@pytest.mark.parametrize(
    ("kept", "other", "qualifier", "expected"),
    [
        (4004, 3000, "lower_bound", True),
        (2900, 3000, "lower_bound", False),
        (480, 500, "upper_bound", True),
        (1250, 1200, "approximate", True),
        (1400, 1200, "approximate", False),
        (2597, 2600, "exact", False),
    ],
)
def test_consistency_reads_qualifiers(kept, other, qualifier, expected):
    assert consistent(kept, other, qualifier) is expected


def test_project_register_outcome():
    """The decisions on the real register that the analyses depend on (see ASSUMPTIONS.md#a1)."""
    result = reconcile(read_register(REGISTER))
    series = result.series.set_index(["metric", "reference_date"])
    working = series.loc["working"]
    assert list(working.index) == [
        "2015-12-31", "2016-03-31", "2016-06-30", "2016-12-31", "2017-09-30", "2017-12-31",
        "2018-03-31", "2018-12-31", "2019-07-31", "2019-12-31", "2022-06-30", "2022-12-31",
    ]  # fmt: skip
    assert working["value"].tolist() == [
        44, 115, 45, 270, 735, 1200, 1465, 2500, 3300, 4004, 7421, 8032
    ]  # fmt: skip
    assert working.loc["2018-12-31", "source_ids"] == "S015;S016;S017"
    assert working.loc["2018-12-31", "qualifier"] == "lower_bound"
    assert series.loc[("target", "2017-12-31"), "value"] == 2600
    assert series.loc[("target_structural", "2048-12-31"), "value"] == 30000
    assert series.loc[("ambition_total", ""), "value"] == 50000
    chosen = decisions(result)
    for rejected in ("S005", "S006", "S007", "S008", "S047"):
        assert chosen[rejected] == "rejected_date"
    for superseded in ("S019", "S036", "S048"):
        assert chosen[superseded] == "superseded"
    assert len(result.conflicts) == 8
    assert result.series.groupby(["metric", "reference_date"]).size().max() == 1
