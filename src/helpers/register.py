"""Read and validate data/raw/source_register.csv before anything is computed from it.

:func:`read_register` checks the whole file and raises one :class:`InputError` listing every
problem with its file, row id and column. It accepts what a Dutch spreadsheet writes (a byte
order mark, CRLF or LF line ends, ``;`` as separator, blank lines, spaces around fields) and
refuses everything it cannot interpret with certainty. It never writes.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from helpers.errors import InputError, Problem
from helpers.periods import PeriodParseError, parse_period, parse_published
from helpers.values import ParsedValue, ValueParseError, parse_value
from helpers.vocabulary import METRICS, SOURCE_KINDS, UNITS

COLUMNS = (
    "id",
    "metric",
    "reference_period",
    "value_as_published",
    "unit",
    "source_kind",
    "publisher",
    "title",
    "url",
    "published",
    "note",
)
REQUIRED = ("id", "metric", "value_as_published", "unit", "source_kind", "publisher", "title")
ID_PATTERN = re.compile(r"^S\d{3,}$")
FORM_UNITS = {  # which units a printed form may have
    "percent": {"percent"},
    "euro": {"EUR", "EUR per year"},
    "fraction": {"share", "percent"},
}
MAX_FIELD_LENGTH = 2_000
MULTILINE_COLUMNS = ("note",)  # a line break typed in a spreadsheet cell (Alt+Enter) is text here
# C0 controls but tab, DEL and C1 controls (category Cc), the left-to-right, right-to-left and
# Arabic letter marks, the bidirectional embeddings, overrides and isolates, and the line and
# paragraph separators (categories Zl, Zp)
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_CONTROL_NAMES = {0x00: "NULL", 0x08: "BACKSPACE", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN",
                  0x1B: "ESCAPE", 0x7F: "DELETE"}  # fmt: skip


PROGRESS_MIN_ROWS = 100_000  # below this the cleaning step takes seconds and shows no progress


def progress(total: int, what: str) -> tqdm:
    """A progress bar on stderr for ``total`` rows: only for large registers, and only when
    stderr is a terminal (tqdm's ``disable=None``), so logs and notebooks stay clean."""
    return tqdm(
        total=total,
        desc=what,
        unit=" rows",
        unit_scale=True,
        file=sys.stderr,
        disable=True if total < PROGRESS_MIN_ROWS else None,
        leave=False,
    )


def _forbidden_character(text: str, column: str) -> str | None:
    """The first character of a field that is not plain text, described; None if all are.

    Refused: C0 controls except tab (a line break only in :data:`MULTILINE_COLUMNS`, as LF or
    CRLF), DEL, C1 controls, bidirectional embeddings, overrides, isolates and marks, and the
    Unicode line and paragraph separators. They move the cursor of a terminal, reorder or hide
    what a reader sees, or break a Markdown table.
    """
    if column in MULTILINE_COLUMNS:
        text = text.replace("\r\n", "  ").replace("\n", " ")  # positions kept
    match = _FORBIDDEN.search(text)
    if match is None:
        return None
    char = match.group()
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "control character")
    return f"U+{ord(char):04X} {name} at character {match.start() + 1}"


def _row_at(data: bytes, offset: int) -> tuple[str, int]:
    """The row id (or 'line N') and line number of the line holding byte ``offset``."""
    line = data[:offset].count(b"\n") + 1
    start = data.rfind(b"\n", 0, offset) + 1
    first_field = re.split(rb"[,;\r\n]", data[start:], maxsplit=1)[0]
    text = first_field.decode("utf-8", errors="replace").strip().strip('"')
    return (text if ID_PATTERN.match(text) else f"line {line}"), line


def _decode(data: bytes, file: str) -> str:
    if not data.strip():
        raise InputError([Problem(file, "line 1", "-", "the file is empty")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [Problem(file, "line 1", "-", "is UTF-16; save the file as UTF-8 (CSV UTF-8)", 1)]
        )
    if b"\x00" in data:
        row, line = _row_at(data, data.index(b"\x00"))
        raise InputError([Problem(file, row, "-", "contains a NUL byte", line)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row, line = _row_at(data, error.start)
        message = (
            f"is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8 (CSV UTF-8 in a spreadsheet)"
        )
        raise InputError([Problem(file, row, "-", message, line)]) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _records(text: str, file: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Split the text into a header and (line number, fields) records."""
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records = []
    start = 1
    try:
        for fields in reader:
            records.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as error:
        lines = text.splitlines()
        first = lines[start - 1] if start <= len(lines) else ""
        row_id = first.split(delimiter, 1)[0].strip().strip('"')
        label = row_id if ID_PATTERN.match(row_id) else f"line {start}"
        message = (
            f"is not valid CSV ({error}); the record starting on line {start} runs to line "
            f"{reader.line_num}: look for an unclosed quote"
        )
        raise InputError([Problem(file, label, "-", message, start)]) from None
    records = [(n, f) for n, f in records if any(x.strip() for x in f)]
    if not records:
        raise InputError([Problem(file, "line 1", "-", "the file has no header")])
    (_, header), *rows = records
    header = [h.strip() for h in header]
    while len(header) > len(COLUMNS) and header[-1] == "":  # a spreadsheet's empty last column
        header.pop()
    return header, rows


def _check_header(header: list[str], file: str) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, "header", name, "the column appears twice", 1))
        seen.add(name)
    for name in COLUMNS:
        if name not in header:
            problems.append(Problem(file, "header", name, "the column is missing", 1))
    for name in header:
        if name not in COLUMNS:
            problems.append(
                Problem(file, "header", name or "(empty)", f"unknown column; expected {COLUMNS}", 1)
            )
    return problems


def _check_value(parsed: ParsedValue, metric: str, unit: str) -> str | None:
    """Why a parsed value is impossible for its metric and unit (None if it is fine)."""
    allowed_units = FORM_UNITS.get(parsed.form)
    if allowed_units is not None and unit not in allowed_units:
        return f"is printed as a {parsed.form} but the unit is {unit!r}"
    value = parsed.value
    if parsed.form == "fraction" and unit == "percent":
        value *= 100
    low, high, whole = UNITS[unit]
    if METRICS[metric].may_be_negative:
        low = -high
    if value < low:
        return f"{value:g} is below the smallest possible {unit} ({low:g})"
    if value > high:
        return f"{value:g} is above the largest plausible {unit} ({high:g})"
    if whole and not float(value).is_integer():
        return f"{value:g} is not a whole number of {unit}"
    return None


def _check_row(fields: dict[str, str], label: str, line: int, file: str) -> tuple[list, dict]:
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(file, label, column, message, line))

    for column, text in fields.items():
        if len(text) > MAX_FIELD_LENGTH:
            problem(column, f"is {len(text)} characters long (at most {MAX_FIELD_LENGTH})")
        forbidden = _forbidden_character(text, column)
        if forbidden:
            problem(column, f"contains {forbidden}: control and bidirectional formatting "
                    "characters are not allowed; retype the field as plain text")  # fmt: skip
    if problems:  # the other checks would echo the field, control characters included
        return problems, {}
    for column in REQUIRED:
        if not fields[column]:
            problem(column, "is empty")
    if fields["id"] and not ID_PATTERN.match(fields["id"]):
        problem("id", f"{fields['id']!r} is not a row id like S001")
    metric = fields["metric"]
    if metric and metric not in METRICS:
        problem("metric", f"unknown metric {metric!r}; add it to helpers/vocabulary.py first")
    unit = fields["unit"]
    if unit and unit not in UNITS:
        problem("unit", f"unknown unit {unit!r}; expected one of {sorted(UNITS)}")
    elif unit and metric in METRICS and unit not in METRICS[metric].units:
        problem("unit", f"{unit!r} is not a unit of {metric} (expected {METRICS[metric].units})")
    if fields["source_kind"] and fields["source_kind"] not in SOURCE_KINDS:
        problem("source_kind", f"unknown source kind {fields['source_kind']!r}; "
                f"expected one of {list(SOURCE_KINDS)}")  # fmt: skip

    parsed = {}
    if fields["value_as_published"]:
        try:
            value = parse_value(fields["value_as_published"])
        except ValueParseError as error:
            problem("value_as_published", str(error))
        else:
            if metric in METRICS and unit in METRICS[metric].units:
                reason = _check_value(value, metric, unit)
                if reason:
                    problem("value_as_published", f"{fields['value_as_published']!r}: {reason}")
            number = value.value * (100 if value.form == "fraction" and unit == "percent" else 1)
            parsed.update(value=number, qualifier=value.qualifier)
    try:
        period = parse_period(fields["reference_period"])
        parsed.update(
            reference_date=period.end, period_start=period.start, period_precision=period.precision
        )
    except PeriodParseError as error:
        problem("reference_period", str(error))
        period = None
    try:
        published = parse_published(fields["published"])
        parsed.update(published_end=published.end)
    except PeriodParseError as error:
        problem("published", str(error))
        published = None
    if published is not None and published.start > date.today():
        problem("published", f"{fields['published']} is in the future")
        published = None
    if fields["url"] and not fields["url"].startswith(("https://", "http://")):
        problem("url", f"{fields['url']!r} is not a web address (http:// or https://); leave it "
                "empty if there is none")  # fmt: skip
    if (
        period is not None
        and period.dated
        and published is not None
        and metric in METRICS
        and METRICS[metric].realised
        and period.start > published.end
    ):
        problem(
            "reference_period",
            f"a realised figure ({metric}) for {fields['reference_period']} cannot be "
            f"published on {fields['published']}, before the period began",
        )
    return problems, parsed


def read_register(path: str | Path, display_name: str | None = None) -> pd.DataFrame:
    """Read and validate the register; return one row per figure with parsed columns added.

    Added columns: value (float), qualifier, reference_date, period_start (datetime.date or
    None), period_precision, published_end, line (line number in the file).
    """
    path = Path(path)
    file = display_name or str(path)
    if not path.is_file():
        raise InputError([Problem(file, "-", "-", "the file does not exist")])
    text = _decode(path.read_bytes(), file)
    header, records = _records(text, file)
    problems = _check_header(header, file)
    if problems:
        raise InputError(problems)
    if not records:
        raise InputError([Problem(file, "line 2", "-", "the file has a header but no rows")])

    width = len(header)
    id_column = header.index("id")
    first_line_of: dict[str, int] = {}
    rows = []
    bar = progress(len(records), "reading the register")
    for line, raw_fields in records:
        bar.update()
        values = [v.strip() for v in raw_fields]
        row_id = values[id_column] if len(values) > id_column else ""
        label = row_id if row_id and not _forbidden_character(row_id, "id") else f"line {line}"
        if len(values) > width and any(values[width:]):
            problems.append(
                Problem(file, label, "-", f"has {len(values)} fields, the header {width}", line)
            )
            continue
        if len(values) < width:
            problems.append(
                Problem(file, label, "-", f"has {len(values)} fields, the header {width}", line)
            )
            continue
        fields = dict(zip(header, values[:width], strict=True))
        row_problems, parsed = _check_row(fields, label, line, file)
        problems += row_problems
        if row_id:
            if row_id in first_line_of:
                problems.append(
                    Problem(
                        file,
                        row_id,
                        "id",
                        f"duplicate id: also on line {first_line_of[row_id]}",
                        line,
                    )
                )
            else:
                first_line_of[row_id] = line
        rows.append({**{c: fields[c] for c in COLUMNS}, **parsed, "line": line})
    bar.close()
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame(rows)
    for column in ("reference_date", "period_start", "published_end"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def iso(day: date | None) -> str:
    """A date as YYYY-MM-DD, or an empty string."""
    return day.isoformat() if day else ""
