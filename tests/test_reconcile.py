"""The reconciliation rule, on small registers and on the project's own register."""

import pytest
from support.paths import RAW_REGISTER

from helpers.clean import synthetic_register
from helpers.reconcile import accepted_outlier, consistent, reconcile
from helpers.register import read_register
from helpers.vocabulary import SOURCE_KINDS

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
    result = reconcile(read_register(RAW_REGISTER))
    series = result.series.set_index(["metric", "reference_date"])
    working = series.loc["working"]
    assert list(working.index) == [
        "2015-12-31", "2016-03-31", "2016-06-30", "2016-12-31", "2017-09-30", "2017-12-31",
        "2018-03-31", "2018-12-31", "2019-07-31", "2019-09-30", "2019-12-31", "2020-06-30",
        "2021-06-30", "2022-06-30", "2022-12-31",
    ]  # fmt: skip
    assert working["value"].tolist() == [
        44, 115, 45, 270, 735, 1200, 1465, 2500, 3300, 3682, 4004, 4480, 5913, 7421, 8032
    ]  # fmt: skip
    assert working.loc["2020-06-30", "source_ids"] == "S099"  # FNV, advocacy (ASSUMPTIONS.md#f6)
    assert working.loc["2019-09-30", "source_ids"] == "S093"
    assert working.loc["2021-06-30", "source_ids"] == "S094"
    assert series.loc[("positive_advice_issued", "2021-06-30"), "source_id"] == "S095"
    assert series.loc[("positive_advice_issued", "2021-06-30"), "value"] == 9966
    provisions = series.loc["srg_beschut_werk_provisions"]
    assert provisions["value"].tolist() == [6980, 7040]
    assert provisions["source_id"].tolist() == ["S097", "S098"]
    assert not {"S095", "S096", "S097", "S098"} & set(";".join(working["source_ids"]).split(";"))
    growth = result.decisions.set_index("id").loc["S096", "reason"]
    assert "cross-check" in growth and "implies 4,480 at 2020-06-30" in growth
    assert "consistent" in growth and "NOT" not in growth
    assert result.outliers == []
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


# --------------------------------------------------------------------------------------------
# Outliers (ASSUMPTIONS.md#d12)

END_2022 = [
    "S001,working,2022,8032,persons,secondary,A,t,,2023",
    "S002,working,2022,8032,persons,advocacy,B,t,,2024",
]


def outliers(result):
    return {(o["id"], o["column"]): o for o in result.outliers}


def test_a_disagreeing_statement_is_an_outlier_even_when_it_ranks_first(tmp_path):
    result = reconciled(
        tmp_path, [*END_2022, "S003,working,2022-12-31,80.320,persons,secondary,C,t,,2023"]
    )
    assert result.series.iloc[0]["source_id"] == "S003"  # the ranking alone would keep it
    found = outliers(result)
    assert set(found) == {("S003", "value_as_published")}
    message = found[("S003", "value_as_published")]["message"]
    assert "10.0 times" in message and "S001, S002" in message
    assert found[("S003", "value_as_published")]["accepted"] == ""


@pytest.mark.parametrize(
    ("printed", "is_outlier"),
    [("11.000", False), ("12.100", True), ("5.400", False), ("5.300", True), ("ruim 2.000", False)],
)
def test_disagreement_factor(tmp_path, printed, is_outlier):
    """Within a factor 1.5 of 8,032 is a plain conflict; a bound the others satisfy agrees."""
    result = reconciled(
        tmp_path, [*END_2022, f"S003,working,2022-12-31,{printed},persons,advocacy,C,t,,2023"]
    )
    assert bool(result.outliers) is is_outlier


def test_a_tenfold_jump_of_a_stock_is_an_outlier(tmp_path):
    rows = [
        "S001,working,2021,7.000,persons,official,A,t,,2022",
        "S002,working,2022-06-30,7.421,persons,official,A,t2,,2022",
        "S003,working,2022-12-31,80.320,persons,secondary,C,t,,2023",
    ]
    found = outliers(reconciled(tmp_path, rows))
    assert set(found) == {("S003", "value_as_published")}
    assert "10.8-fold against S002" in found[("S003", "value_as_published")]["message"]


def yearly_working(*printed: str) -> list[str]:
    """Register rows of one working figure per year from 2019, each from its own publication."""
    return [
        f"S{i:03d},working,{2018 + i},{value},persons,official,A,t{i},,{2019 + i}"
        for i, value in enumerate(printed, start=1)
    ]


@pytest.mark.parametrize(
    ("printed", "named"),
    [
        (("5.000", "60.000", "5.500"), "S002"),  # a spike names the spike, not its neighbours
        (("80", "8.032", "8.500"), "S001"),  # a first point off the series
        (("500", "550", "6.000", "6.500"), "S003"),  # a lasting shift: where it starts
        (("500", "550", "5.400"), None),  # less than tenfold
    ],
)
def test_which_row_a_jump_names(tmp_path, printed, named):
    found = outliers(reconciled(tmp_path, yearly_working(*printed)))
    assert set(found) == ({(named, "value_as_published")} if named else set())


def test_jumps_apply_to_stocks_only(tmp_path):
    rows = [
        "S001,working_added,2021,100,persons,official,A,t,,2022",
        "S002,working_added,2022,1.500,persons,official,A,t2,,2023",
    ]
    assert reconciled(tmp_path, rows).outliers == []


def test_the_accepted_marker_lets_an_outlier_through_with_its_reason(tmp_path):
    note = "[accepted outlier: checked against the printed table]"
    result = reconciled(
        tmp_path, [*END_2022, f"S003,working,2022-12-31,80.320,persons,secondary,C,t,,2023,{note}"]
    )
    (outlier,) = result.outliers
    assert outlier["accepted"] == "checked against the printed table"
    reason = result.decisions.set_index("id").loc["S003", "reason"]
    assert "accepted outlier (checked against the printed table)" in reason


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("[accepted outlier: typo in the source]", "typo in the source"),
        ("odd figure [accepted outlier:  see the PDF ] checked", "see the PDF"),
        ("[accepted outlier: ]", ""),
        ("accepted outlier", ""),
        ("", ""),
    ],
)
def test_accepted_outlier_token(note, reason):
    assert accepted_outlier(note) == reason


# --------------------------------------------------------------------------------------------
# A stated growth is a cross-check (ASSUMPTIONS.md#d9)


@pytest.mark.parametrize(("growth", "verdict"), [("32%", "consistent"), ("80%", "NOT consistent")])
def test_growth_is_a_cross_check_of_the_series(tmp_path, growth, verdict):
    rows = [
        "S001,working,2019-12-31,4.004,persons,official,A,t,,2020",
        "S002,working,2022-06-30,7.421,persons,official,A,t2,,2022",
        "S003,working,2021-06-30,5.913,persons,secondary,B,t,,2021",
        f"S004,working_growth,2020-06/2021-06,{growth},percent,secondary,B,t,,2021",
    ]
    result = reconciled(tmp_path, rows)
    assert "working_growth" not in set(result.series.loc[result.series["metric"] == "working"])
    working = result.series[result.series["metric"] == "working"]
    assert working["source_id"].tolist() == ["S001", "S003", "S002"]  # nothing derived added
    reason = result.decisions.set_index("id").loc["S004", "reason"]
    assert "at 2020-06-30" in reason and "between S001 at 2019-12-31 and S002" in reason
    assert f", {verdict} " in reason


def test_growth_without_an_end_level_says_so(tmp_path):
    rows = ["S001,working_growth,2020-06/2021-06,32%,percent,secondary,B,t,,2021"]
    reason = reconciled(tmp_path, rows).decisions.set_index("id").loc["S001", "reason"]
    assert "no working figure at the end of the span" in reason


# --------------------------------------------------------------------------------------------
# Scale: selection is linear in the register's rows (timing in the report, not asserted here)


@pytest.mark.parametrize(
    ("rows", "days"),
    [(10_000, None), (3_000, 100)],
    ids=["10,000 statements on about 5,000 dates", "3,000 statements in editions of 100 days"],
)
def test_a_large_register_cleans_correctly(tmp_path, rows, days):
    """The series equals the rule applied date by date: one figure per metric and date from the
    best-ranked source kind, every other statement corroborating (100,000 and more:
    python -m helpers.clean --bench 100000; the editions give a date up to 9 statements)."""
    path = tmp_path / "register.csv"
    path.write_text(synthetic_register(rows, seed=1, days=days), encoding="utf-8", newline="")
    register = read_register(path)
    result = reconcile(register)
    assert result.outliers == []
    register["date"] = register["reference_date"].map(lambda day: day.isoformat())
    register["kind_rank"] = register["source_kind"].map(SOURCE_KINDS.index)
    expected = register.groupby(["metric", "date"]).agg(
        value=("value", "first"),
        values=("value", "nunique"),
        ids=("id", lambda ids: ";".join(sorted(ids))),
        best_kind=("kind_rank", "min"),
    )
    assert (expected["values"] == 1).all()  # the generator's statements of a date agree
    series = result.series.set_index(["metric", "reference_date"]).loc[expected.index]
    assert len(result.series) == len(expected)
    assert (series["value"] == expected["value"]).all()
    ids = series["source_ids"].map(lambda text: ";".join(sorted(text.split(";"))))
    assert (ids == expected["ids"]).all()
    kinds = register.set_index("id").loc[series["source_id"], "kind_rank"].to_numpy()
    assert (kinds == expected["best_kind"].to_numpy()).all()  # the best-ranked kind is selected
    counts = result.decisions["decision"].value_counts().to_dict()
    assert counts == {"selected": len(result.series), "corroborating": rows - len(result.series)}


def test_a_constant_stated_thousands_of_times_is_one_corroborated_figure(tmp_path):
    rows = [
        f"S{i:04d},target_structural,2048,30.000,places,secondary,P{i},t,,2020"
        for i in range(1, 5_001)
    ]
    result = reconciled(
        tmp_path, [*rows, "S5001,target_structural,2048,31.000,places,official,Q,t,,2020"]
    )
    (row,) = result.series.itertuples()
    assert (row.source_id, row.value, row.n_sources) == ("S5001", 31_000, 1)
    assert result.outliers == []  # 31,000 is within a factor 1.5 of 30,000
    assert decisions(result)["S0001"] == "superseded"
