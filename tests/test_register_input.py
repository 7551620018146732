"""Hardening of the register reader and the cleaning command line against bad input (issue 6).

Every case is a small transformation of the real register (data/raw/source_register.csv) of the
kind a spreadsheet or a careless hand edit produces. A case is either accepted (the parsed
register equals the original's, and the cleaning step writes the same tables) or refused: the
reader raises an InputError naming the file, the row id (or line) and the column, and the command
line exits with 2, prints the same on stderr and leaves data/processed byte-identical.

The last test prints a one-line summary of all cases (also without ``-s``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from support.paths import REPO

from helpers.errors import InputError, Problem
from helpers.register import _forbidden_character

REGISTER_REL = "data/raw/source_register.csv"
PROCESSED_REL = "data/processed"
FILE_NAME = "source_register.csv"
ORIGINAL = (REPO / REGISTER_REL).read_bytes()
TABLES = ("observations.csv", "series.csv", "conflicts.csv")
CLI_ARGS = ["--register", REGISTER_REL, "--output-dir", PROCESSED_REL]
BOM = b"\xef\xbb\xbf"
HEADER = ("header", "line 1")  # how a problem in the header row may be located
EXIT_BAD_INPUT = 2


# --------------------------------------------------------------------------------------------
# Building bad registers from the real one


def _rows() -> list[list[str]]:
    """The original register as lists of fields (header first)."""
    return list(csv.reader(io.StringIO(ORIGINAL.decode("utf-8"), newline="")))


def _csv(
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    line_end: str = "\r\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    """Write rows as a spreadsheet does: quote only what needs quoting (by default)."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=quoting).writerows(rows)
    return out.getvalue().encode("utf-8")


def _lines() -> list[bytes]:
    """The original file's lines (every record of the register is on one line)."""
    return ORIGINAL.split(b"\r\n")


def _line_index(row_id: str) -> int:
    """0-based index in :func:`_lines` of the line holding ``row_id``."""
    return next(i for i, line in enumerate(_lines()) if line.startswith(row_id.encode() + b","))


def line_of(row_id: str) -> str:
    """The 'line N' label of a row in the original file (header is line 1)."""
    return f"line {_line_index(row_id) + 1}"


def edit(row_id: str, column: str, value: str) -> Callable[[], bytes]:
    """The register with one field of one row replaced."""

    def make() -> bytes:
        rows = _rows()
        index = rows[0].index(column)
        row = next(r for r in rows[1:] if r[0] == row_id)
        row[index] = value
        return _csv(rows)

    return make


def edit_line(row_id: str, change: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    """The register with the raw bytes of one row's line changed."""

    def make() -> bytes:
        lines = _lines()
        index = _line_index(row_id)
        lines[index] = change(lines[index])
        return b"\r\n".join(lines)

    return make


def drop_column(name: str) -> bytes:
    rows = _rows()
    index = rows[0].index(name)
    return _csv([r[:index] + r[index + 1 :] for r in rows])


def rename_column(old: str, new: str) -> bytes:
    rows = _rows()
    rows[0][rows[0].index(old)] = new
    return _csv(rows)


def swap_columns(a: str, b: str) -> bytes:
    rows = _rows()
    i, j = rows[0].index(a), rows[0].index(b)
    for row in rows:
        row[i], row[j] = row[j], row[i]
    return _csv(rows)


def padded() -> bytes:
    """Spaces before and after every field, header included."""
    return _csv([[f" {field}  " for field in row] for row in _rows()])


def blank_line_inside() -> bytes:
    lines = _lines()
    index = _line_index("S040")
    return b"\r\n".join([*lines[:index], b"", *lines[index:]])


NEW_ID = f"S{max(int(row[0][1:]) for row in _rows()[1:]) + 1:03d}"  # the next free id
NEW_ROW = [
    NEW_ID,
    "working",
    "2023-12-31",
    "ruim 9.000",
    "persons",
    "official",
    "UWV",
    "Beschut werk eind 2023 (test row)",
    "",
    "2024-03-01",
    "added by tests/test_register_input.py",
]


def with_new_row() -> bytes:
    return ORIGINAL + _csv([NEW_ROW])


def latin1_een() -> bytes:
    """One row saved in latin-1: 'Eén' of S066 as E 0xE9 n."""
    return edit_line("S066", lambda line: line.replace("Eén".encode(), "Eén".encode("latin-1")))()


def excel_ansi() -> bytes:
    """What an older Dutch Excel writes as 'CSV (gescheiden door lijstscheidingsteken)'."""
    return _csv(_rows(), delimiter=";").decode("utf-8").encode("cp1252")


def utf16() -> bytes:
    """What Excel writes as 'Unicode text': UTF-16 with tabs."""
    return _csv(_rows(), delimiter="\t").decode("utf-8").encode("utf-16")


def header_only() -> bytes:
    return _lines()[0] + b"\r\n"


# --------------------------------------------------------------------------------------------
# The cases


def _without(frame: pd.DataFrame, *ids: str) -> pd.DataFrame:
    return frame[~frame["id"].isin(ids)].reset_index(drop=True)


def _row(frame: pd.DataFrame, row_id: str) -> pd.Series:
    rows = frame[frame["id"] == row_id]
    assert len(rows) == 1, f"expected one row {row_id}, got {len(rows)}"
    return rows.iloc[0]


def check_new_row(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    _assert_same(_without(frame, NEW_ID), original)
    row = _row(frame, NEW_ID)
    assert row["metric"] == "working"
    assert row["value"] == 9000
    if "qualifier" in frame.columns:
        assert row["qualifier"] == "lower_bound"


def check_published(row_id: str, published: str) -> Callable[[pd.DataFrame, pd.DataFrame], None]:
    """Only the publication date of ``row_id`` changed; its figure and period are kept."""

    def check(frame: pd.DataFrame, original: pd.DataFrame) -> None:
        _assert_same(_without(frame, row_id), _without(original, row_id))
        row, before = _row(frame, row_id), _row(original, row_id)
        assert row["published"] == published
        assert (row["value"], row["reference_date"]) == (before["value"], before["reference_date"])

    return check


THIS_YEAR = date.today().year
NEXT_MONTH = (date.today().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")


def check_negative_change(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    _assert_same(_without(frame, "S023"), _without(original, "S023"))
    assert _row(frame, "S023")["value"] == -320


def check_multiline_note(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    _assert_same(_without(frame, "S012"), _without(original, "S012"))
    assert _row(frame, "S012")["note"].splitlines() == ["eerste regel", "tweede regel"]


def check_note_na(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    _assert_same(_without(frame, "S012"), _without(original, "S012"))
    assert _row(frame, "S012")["note"] == "N/A", "a note 'N/A' must stay text, not become missing"
    assert _row(frame, "S012")["value"] == _row(original, "S012")["value"]


@dataclass(frozen=True)
class Case:
    """One kind of bad or awkward register input and what must happen to it."""

    kind: str
    make: Callable[[], bytes]
    accepted: bool
    rows: tuple[str, ...] = ()  # refused: row labels that correctly locate the problem
    columns: tuple[str, ...] = ()  # refused: columns that correctly locate the problem
    # accepted: None means parsed register and processed tables equal the original's;
    # otherwise a check of the parsed register against the original's
    check: Callable[[pd.DataFrame, pd.DataFrame], None] | None = None

    def __str__(self) -> str:
        return self.kind


def accept(kind: str, make: Callable[[], bytes], check=None) -> Case:
    return Case(kind, make, True, check=check)


def refuse(kind: str, make: Callable[[], bytes], rows, columns) -> Case:
    rows = (rows,) if isinstance(rows, str) else tuple(rows)
    columns = (columns,) if isinstance(columns, str) else tuple(columns)
    return Case(kind, make, False, rows, columns)


def refuse_field(kind: str, row_id: str, column: str, value: str, columns=None) -> Case:
    """A refused edit of one field: located at that row id and column."""
    return refuse(kind, edit(row_id, column, value), row_id, columns or column)


CASES: list[Case] = [
    # what a (Dutch) spreadsheet writes: accepted, same result
    accept("UTF-8 byte order mark", lambda: BOM + ORIGINAL),
    accept("LF line ends", lambda: ORIGINAL.replace(b"\r\n", b"\n")),
    accept("CR line ends (Excel CSV Macintosh)", lambda: ORIGINAL.replace(b"\r\n", b"\r")),
    accept("semicolon separator (Excel quoting)", lambda: _csv(_rows(), delimiter=";")),
    accept("BOM + semicolons + CRLF (Excel CSV UTF-8)", lambda: BOM + _csv(_rows(), delimiter=";")),
    accept("trailing blank lines", lambda: ORIGINAL + b"\r\n\r\n\r\n"),
    accept("trailing rows of empty fields", lambda: ORIGINAL + b",,,,,,,,,,\r\n" * 3),
    accept(
        "trailing empty column (a separator at the end of every line)",
        lambda: _csv([[*row, ""] for row in _rows()]),
    ),
    accept("blank line between rows", blank_line_inside),
    accept("spaces around every field", padded),
    accept("every field quoted", lambda: _csv(_rows(), quoting=csv.QUOTE_ALL)),
    accept("columns in another order", lambda: swap_columns("metric", "unit")),
    accept("new valid row with a new id", with_new_row, check_new_row),
    accept(
        "negative working_change (-320)",
        edit("S023", "value_as_published", "-320"),
        check_negative_change,
    ),
    # a publication date as a year or month is an interval: "some day in it"
    accept(
        "publication year only (2019 for a figure at 2019-12-31)",
        edit("S020", "published", "2019"),
        check_published("S020", "2019"),
    ),
    accept(
        "publication month of the reference day (2019-12 for 2019-12-31)",
        edit("S020", "published", "2019-12"),
        check_published("S020", "2019-12"),
    ),
    accept(
        "publication year is the current year",
        edit("S012", "published", str(THIS_YEAR)),
        check_published("S012", str(THIS_YEAR)),
    ),
    accept("note 'N/A' stays text", edit("S012", "note", "N/A"), check_note_na),
    accept(
        "line break inside a quoted note (Alt+Enter)",
        edit("S012", "note", "eerste regel\r\ntweede regel"),
        check_multiline_note,
    ),
    # the file as a whole
    refuse("empty file (0 bytes)", lambda: b"", HEADER, "-"),
    refuse("header only", header_only, (*HEADER, "line 2"), "-"),
    refuse("missing column (unit removed)", lambda: drop_column("unit"), HEADER, "unit"),
    refuse("duplicate column name", lambda: rename_column("note", "title"), HEADER, "title"),
    refuse(
        "misspelled column name",
        lambda: rename_column("metric", "metirc"),
        HEADER,
        ("metric", "metirc"),
    ),
    refuse(
        "not UTF-8 (latin-1 'Eén')",
        latin1_een,
        ("S066", line_of("S066")),
        ("value_as_published", "-"),
    ),
    refuse(
        "Excel ANSI export (cp1252, semicolons)",
        excel_ansi,
        ("S016", line_of("S016")),
        ("value_as_published", "-"),
    ),
    refuse("UTF-16 (Excel Unicode text)", utf16, HEADER, "-"),
    refuse(
        "NUL byte",
        edit_line("S012", lambda b: b.replace(b"Tweede Kamer", b"Tweede\0Kamer")),
        ("S012", line_of("S012")),
        ("publisher", "-"),
    ),
    refuse(
        "unterminated quote",
        edit_line("S012", lambda b: b + b'"UWV'),
        ("S012", line_of("S012")),
        ("note", "-"),
    ),
    refuse(
        "row with too many fields",
        edit_line("S012", lambda b: b + b",extra"),
        ("S012", line_of("S012")),
        "-",
    ),
    refuse(
        "row with too few fields",
        edit_line("S012", lambda b: b.rsplit(b",", 1)[0]),
        ("S012", line_of("S012")),
        ("-", "note"),
    ),
    # ids
    refuse("empty id", edit("S012", "id", ""), line_of("S012"), "id"),
    refuse("duplicate id", edit("S014", "id", "S013"), "S013", "id"),
    # vocabulary
    refuse_field("unknown metric", "S012", "metric", "werkend"),
    refuse_field("unknown unit", "S012", "unit", "mensen"),
    refuse_field("unit not allowed for the metric (working in EUR)", "S012", "unit", "EUR"),
    refuse_field("unknown source kind", "S012", "source_kind", "officieel"),
    # values
    refuse_field("empty value", "S012", "value_as_published", ""),
    refuse_field("value '1.2.3'", "S013", "value_as_published", "1.2.3"),
    refuse_field("value 'n.v.t.'", "S012", "value_as_published", "n.v.t."),
    refuse_field("value 'NaN'", "S012", "value_as_published", "NaN"),
    refuse_field("English decimal '0.33' (share)", "S066", "value_as_published", "0.33"),
    refuse_field("negative count (-5 persons working)", "S012", "value_as_published", "-5"),
    refuse_field("percentage above 100 (120%)", "S067", "value_as_published", "120%"),
    refuse_field(
        "absurd size (12.000.000.000 persons)", "S021", "value_as_published", "12.000.000.000"
    ),
    refuse_field("count not whole (12,5 persons)", "S012", "value_as_published", "12,5"),
    refuse_field("form does not fit unit (63% persons)", "S012", "value_as_published", "63%"),
    refuse_field("year out of range (3048)", "S050", "value_as_published", "3048"),
    # periods and dates
    refuse_field("impossible date 2016-13-01", "S008", "reference_period", "2016-13-01"),
    refuse_field("impossible date 2019-02-30", "S020", "reference_period", "2019-02-30"),
    refuse_field("unparseable period 'Q3 2016'", "S003", "reference_period", "Q3 2016"),
    refuse_field("quarter that does not exist (2016-Q5)", "S003", "reference_period", "2016-Q5"),
    refuse_field("span that ends before it starts", "S051", "reference_period", "2021/2017"),
    refuse_field(
        "realised figure dated after its publication",
        "S012",
        "reference_period",
        "2020-12-31",
        ("reference_period", "published"),
    ),
    refuse(
        "publication month before the reference date (2019-11 for 2019-12-31)",
        edit("S020", "published", "2019-11"),
        "S020",
        ("reference_period", "published"),
    ),
    refuse_field("publication month in the future", "S012", "published", NEXT_MONTH),
    refuse_field("impossible published date 2019-02-30", "S012", "published", "2019-02-30"),
    refuse_field("unparseable published date", "S012", "published", "eind 2019"),
    refuse_field("empty published date", "S012", "published", ""),
    refuse_field("published date in the future (2091 for 2019)", "S012", "published", "2091-11-20"),
    # the publication
    refuse_field("missing publisher", "S012", "publisher", ""),
    refuse_field("publisher of only spaces", "S012", "publisher", "   "),
    refuse_field("url that is not a web address", "S012", "url", "zie Kamerbrief"),
    # text that is not plain text (issue 17): control and bidirectional formatting characters
    refuse_field("ESC sequence in the publisher", "S012", "publisher", "UWV\x1b[2J\x1b[12A"),
    refuse_field("CR inside the title", "S012", "title", "Brief\rstaatssecretaris"),
    refuse_field("lone CR inside the note", "S012", "note", "eerste\rtweede"),
    refuse_field("line break inside the title", "S012", "title", "Brief\nstaatssecretaris"),
    refuse_field("backspace in the title", "S012", "title", "Brief\x08\x08\x08staat"),
    refuse_field("bell in the note", "S012", "note", "ding\x07"),
    refuse_field("DEL in the publisher", "S012", "publisher", "UWV\x7f"),
    refuse_field("C1 control (CSI U+009B) in the title", "S012", "title", "Brief\x9b2J"),
    refuse_field("C1 control (NEL U+0085) in the note", "S012", "note", "a\x85b"),
    refuse_field("right-to-left override in the publisher", "S012", "publisher", "UWV\u202eFDP"),
    refuse_field("left-to-right embedding in the title", "S012", "title", "a\u202ab\u202c"),
    refuse_field("first-strong isolate in the note", "S012", "note", "a\u2068b\u2069"),
    refuse_field("right-to-left isolate in the url", "S012", "url", "https://x.nl/\u2067a"),
    refuse_field("line separator U+2028 in the title", "S012", "title", "a\u2028b"),
    refuse_field("paragraph separator U+2029 in the note", "S012", "note", "a\u2029b"),
    refuse_field("ESC in the value", "S012", "value_as_published", "12\x1b[0m00"),
    # numbers written with digits of other scripts (issue 17)
    refuse_field("Bengali digit four in a value (৪.032)", "S013", "value_as_published", "৪.032"),
    refuse_field("fullwidth digits in a value", "S013", "value_as_published", "８０３３"),
    refuse_field("Arabic-Indic digits in a value", "S013", "value_as_published", "١٤٦٥"),
    refuse_field("superscript in a value (1465²)", "S013", "value_as_published", "1465²"),
    refuse_field("Devanagari year in a period", "S008", "reference_period", "२०१६-12-31"),
    refuse_field("fullwidth digits in a published date", "S012", "published", "２０１９-11-20"),
]
CASE_IDS = [case.kind for case in CASES]
REFUSED = [case for case in CASES if not case.accepted]
ACCEPTED = [case for case in CASES if case.accepted]
# run through a real `python -m helpers.clean` as well
SUBPROCESS_KINDS = (
    "UTF-8 byte order mark",
    "empty file (0 bytes)",
    "missing column (unit removed)",
    "not UTF-8 (latin-1 'Eén')",
    "duplicate id",
    "unknown metric",
    "realised figure dated after its publication",
)

# kind -> what happened; filled by the tests, summarised by test_zz_summary
READ: dict[str, dict[str, bool]] = {}
CLI: dict[str, dict[str, bool]] = {}


# --------------------------------------------------------------------------------------------
# Helpers for the checks


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """A parsed register without where-in-the-file bookkeeping (line numbers, file names)."""
    drop = [c for c in frame.columns if c in ("line", "file", "path")]
    return frame.drop(columns=drop).reset_index(drop=True)


def _assert_same(frame: pd.DataFrame, original: pd.DataFrame) -> None:
    frame, original = _comparable(frame), _comparable(original)
    assert list(frame["id"]) == list(original["id"])
    assert list(frame["metric"]) == list(original["metric"])
    assert list(frame["value"]) == list(original["value"])
    pd.testing.assert_frame_equal(frame, original)


def _locates(problem: Problem, case: Case) -> bool:
    """Whether a problem names the register file, one of the case's rows and columns."""
    return (
        FILE_NAME in str(problem.file)
        and problem.row in case.rows
        and problem.column in case.columns
    )


def _column_named(line: str, column: str) -> bool:
    if f"column {column}" in line:
        return True
    return column != "-" and re.search(rf"(?<![\w-]){re.escape(column)}(?![\w-])", line) is not None


def _stderr_locates(stderr: str, case: Case) -> bool:
    """Whether one line of stderr names the file, a row of the case and a column of the case."""
    return any(
        FILE_NAME in line
        and any(re.search(rf"{re.escape(row)}(?!\d)", line) for row in case.rows)
        and any(_column_named(line, column) for column in case.columns)
        for line in stderr.splitlines()
    )


def _snapshot(directory: Path) -> dict[str, str]:
    """Every file and directory under ``directory`` (hidden ones too), files with their hash."""
    return {
        str(p.relative_to(directory)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        )
        for p in sorted(directory.rglob("*"))
    }


def _set_project(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    monkeypatch.setenv("BESCHUT_PROJECT_ROOT", str(root))
    monkeypatch.delenv("BESCHUT_WRITE_ROOT", raising=False)


def _main(argv: list[str]) -> int:
    """Run the command line in-process; a SystemExit counts as its exit code."""
    from helpers import clean

    try:
        code = clean.main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    return 0 if code is None else code


def _write_register(root: Path, data: bytes) -> Path:
    path = root / REGISTER_REL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def original_frame(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    from helpers.register import read_register

    path = _write_register(tmp_path_factory.mktemp("original"), ORIGINAL)
    return read_register(path)


@pytest.fixture(scope="module")
def reference_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project tree whose data/processed holds a first good run on the original register."""
    root = tmp_path_factory.mktemp("reference")
    _write_register(root, ORIGINAL)
    (root / PROCESSED_REL).mkdir(parents=True)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _set_project(monkeypatch, root)
        code = _main(CLI_ARGS)
    assert code == 0, "the cleaning step must accept the original register"
    for name in TABLES:
        assert (root / PROCESSED_REL / name).is_file(), f"the good run did not write {name}"
    return root


@pytest.fixture
def prior_output_project(tmp_path: Path, reference_project: Path) -> Path:
    """A copy of the reference project (its data/processed is the prior content)."""
    root = tmp_path / "project"
    shutil.copytree(reference_project, root)
    (root / PROCESSED_REL / "keep-me.txt").write_text("prior content not written by clean\n")
    return root


# --------------------------------------------------------------------------------------------
# The tests


def test_original_register_is_read(original_frame: pd.DataFrame) -> None:
    assert list(original_frame["id"]) == [row[0] for row in _rows()[1:]]
    assert original_frame["value"].notna().all()


def test_cases_cover_the_brief() -> None:
    assert len(CASES) >= 30
    assert len(set(CASE_IDS)) == len(CASE_IDS)
    assert set(SUBPROCESS_KINDS) <= set(CASE_IDS)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_read_register(case: Case, tmp_path: Path, original_frame: pd.DataFrame) -> None:
    from helpers.register import read_register

    path = _write_register(tmp_path, case.make())
    before = path.read_bytes()
    try:
        frame = read_register(path)
    except InputError as error:
        problems = error.problems
        located = any(_locates(p, case) for p in problems)
        in_message = any(_locates(p, case) and str(p) in str(error) for p in problems)
        READ[case.kind] = {"accepted": False, "ok": not case.accepted and located and in_message}
        assert path.read_bytes() == before, "the reader must never write the register"
        assert not case.accepted, f"{case.kind}: must be accepted, was refused:\n{error}"
        assert problems, "an InputError must list at least one problem"
        assert located, (
            f"{case.kind}: no problem names {FILE_NAME}, a row in {case.rows} and a column in "
            f"{case.columns}; got:\n{error}"
        )
        assert in_message, "str(error) must list every problem"
        return
    READ[case.kind] = {"accepted": True, "ok": False}
    assert path.read_bytes() == before, "the reader must never write the register"
    assert case.accepted, (
        f"{case.kind}: must be refused naming a row in {case.rows} and a column in "
        f"{case.columns}, was accepted"
    )
    if case.check is None:
        _assert_same(frame, original_frame)
    else:
        case.check(frame, original_frame)
    READ[case.kind]["ok"] = True


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_command_line(
    case: Case,
    prior_output_project: Path,
    reference_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _write_register(prior_output_project, case.make())
    processed = prior_output_project / PROCESSED_REL
    before = _snapshot(prior_output_project / "data")
    _set_project(monkeypatch, prior_output_project)
    capfd.readouterr()
    code = _main(CLI_ARGS)
    stderr = capfd.readouterr().err
    after = _snapshot(prior_output_project / "data")
    if case.accepted:
        same = all(
            (processed / n).read_bytes() == (reference_project / PROCESSED_REL / n).read_bytes()
            for n in TABLES
        )
        leftovers = [
            p.name for p in (prior_output_project / "data").rglob("*") if p.name.startswith(".")
        ]
        CLI[case.kind] = {
            "ok": code == 0 and (same or case.check is not None) and not leftovers,
            "refused": code != 0,
            "unchanged": code != 0 and before == after,
        }
        assert code == 0, f"{case.kind}: must be accepted, exit code {code}; stderr:\n{stderr}"
        assert not leftovers, f"temporary files left under data/: {leftovers}"
        if case.check is None:
            assert same, f"{case.kind}: the processed tables differ from the original's"
        return
    located = _stderr_locates(stderr, case)
    unchanged = before == after
    CLI[case.kind] = {
        "ok": code != 0 and located,
        "refused": code != 0,
        "unchanged": code != 0 and unchanged,
    }
    assert code != 0, f"{case.kind}: must be refused, exit code 0"
    assert unchanged, f"{case.kind}: data/ changed: {_diff(before, after)}"
    assert located, (
        f"{case.kind}: no line of stderr names {FILE_NAME}, a row in {case.rows} and a column "
        f"in {case.columns}; stderr:\n{stderr}"
    )
    assert code == EXIT_BAD_INPUT, f"{case.kind}: exit code {code}, expected {EXIT_BAD_INPUT}"


def _diff(before: dict[str, str], after: dict[str, str]) -> str:
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return ", ".join(changed)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.kind in SUBPROCESS_KINDS], ids=str)
def test_command_line_subprocess(case: Case, prior_output_project: Path, tmp_path: Path) -> None:
    _write_register(prior_output_project, case.make())
    before = _snapshot(prior_output_project / "data")
    env = {k: v for k, v in os.environ.items() if k != "BESCHUT_WRITE_ROOT"}
    env["BESCHUT_PROJECT_ROOT"] = str(prior_output_project)
    done = subprocess.run(
        [sys.executable, "-m", "helpers.clean", *CLI_ARGS],
        cwd=tmp_path,  # not the project: paths must resolve under BESCHUT_PROJECT_ROOT
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    after = _snapshot(prior_output_project / "data")
    if case.accepted:
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == EXIT_BAD_INPUT, f"exit code {done.returncode}; {done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    assert _stderr_locates(done.stderr, case), done.stderr
    assert before == after, _diff(before, after)


def test_forbidden_characters_are_exactly_the_documented_classes() -> None:
    """Over all of Unicode: refused are C0 controls but tab, DEL, C1 controls, bidirectional
    formatting characters and marks, and line/paragraph separators; nothing else (issue 17)."""
    bidi = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    for code in range(0x110000):
        char = chr(code)
        expected = char != "\t" and (
            unicodedata.category(char) in ("Cc", "Zl", "Zp")
            or unicodedata.bidirectional(char) in bidi
            or char in "\u200e\u200f\u061c"
        )
        found = _forbidden_character(f"a{char}b", "title")
        assert (found is not None) == expected, f"U+{code:04X}"
        if expected:
            assert found.startswith(f"U+{code:04X} ") and found.endswith("at character 2")
    assert _forbidden_character("eerste\r\ntweede\nderde", "note") is None
    assert _forbidden_character("eerste\rtweede", "note").startswith("U+000D CARRIAGE RETURN")
