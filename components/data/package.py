"""Reading ``data/`` as its Frictionless Data Package (``datapackage.json``) describes it.

Frictionless checks what the package states: types, formats, allowed values, required cells, primary
and foreign keys. Its findings come back as :class:`Problem` (``file:line: column: message``, in the
words of ``data/README.md``) beside the typed rows the rules and the loader use.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Package, errors
from frictionless.resources import TableResource

from components.data.records import Problem, Row, Tables, Value
from components.data.schema import PACKAGE_FILE, TABLES, read_package

NOT_ISO3 = "is not an ISO 3166-1 alpha-3 country code"
# Messages for the package's patterns, in the words of data/README.md.
PATTERN_MESSAGES = {
    "^[a-z0-9][a-z0-9-]*$": "is not an id (lower-case letters, digits and dashes)",
    "^[A-Z]{3}$": NOT_ISO3,
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "must be YYYY, YYYY-MM or YYYY-MM-DD",
}
# Far above what the data needs (the largest file is 46 kB, the longest cell under 300 characters):
# a pasted file or cell is refused before it costs every reader time and memory.
MAX_FILE_BYTES = 2_000_000
MAX_CELL_CHARS = 2_000
# C0 controls but tab, line feed and carriage return, and DEL: never part of a fact.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# How a spreadsheet knows a formula (OWASP "CSV injection"): text cells never start so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How numbers and dates are written. Python's int() also reads "+96", " 96", "٩٦" and "９６".
DIGITS = "must be written with the digits 0-9 only"
WRITTEN = {
    "integer": (re.compile(r"[0-9]+"), DIGITS),
    "number": (re.compile(r"-?[0-9]+(?:\.[0-9]+)?"), DIGITS),
    "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "must be a date YYYY-MM-DD"),
}
TYPE_MESSAGES = {
    "integer": "must be a non-negative integer",
    "number": "must be a number",
    "date": "must be a date YYYY-MM-DD",
}


@dataclass(frozen=True)
class _Source:
    """A CSV file as written: its records (cells as text) and the line each starts on."""

    records: list[list[str]]
    lines: list[int]


def _structural(file: str, line: int, message: str) -> Problem:
    return Problem(file, line, "-", message, structural=True)


def _read_source(path: Path, problems: list[Problem]) -> _Source | None:
    """The file's records, or None (and its problem) when its structure is broken."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(_structural(path.name, 0, f"is {size:,} bytes, above the limit of {MAX_FILE_BYTES:,}"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # Frictionless names the file only; we name the line.
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        problems.append(_structural(path.name, line, f"not valid UTF-8 (byte 0x{byte})"))
        return None
    if not text.strip():
        problems.append(_structural(path.name, 1, "is empty: a CSV file needs its header line"))
        return None
    control = CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        problems.append(_structural(path.name, line, f"control character U+{ord(control.group()):04X} in a cell"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    records, lines, line = [], [], 1
    try:
        for record in reader:
            records.append(record)
            lines.append(line)
            line = reader.line_num + 1
    except csv.Error as error:  # e.g. a cell above the csv module's field size limit
        problems.append(_structural(path.name, line, f"cannot be read as CSV: {error}"))
        return None
    for record, at in zip(records[1:], lines[1:], strict=True):
        if record == records[0]:  # two files pasted together
            problems.append(_structural(path.name, at, "repeats the header line"))
        for label, cell in zip(records[0], record, strict=False):
            if len(cell) > MAX_CELL_CHARS:
                message = f"is {len(cell):,} characters long, above the limit of {MAX_CELL_CHARS:,}"
                problems.append(Problem(path.name, at, label, message))
    return _Source(records, lines)


def _value(value: Any) -> Value:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    result: Value = value
    return result


def _cell_message(error: errors.CellError, resource: TableResource) -> str:
    field = resource.schema.get_field(error.field_name)
    cell, limits = error.cell, field.constraints
    if isinstance(error, errors.TypeError):
        return f"{TYPE_MESSAGES.get(field.type, f'must be of type {field.type}')}, got {cell!r}"
    found = re.match(r'constraint "(\w+)"', error.note)
    constraint = found.group(1) if found else ""
    if constraint == "required":
        return "a value is required"
    if constraint == "enum":
        return f"{cell!r} is not one of: {', '.join(limits['enum'])}"
    if constraint == "pattern":
        return f"{cell!r} {PATTERN_MESSAGES.get(limits['pattern'], 'does not match ' + limits['pattern'])}"
    if constraint == "minimum" and field.type == "integer" and limits["minimum"] == 0:
        return f"{TYPE_MESSAGES['integer']}, got {cell!r}"
    if constraint in ("minimum", "maximum"):
        return f"{cell!r} is {'below' if constraint == 'minimum' else 'above'} {limits[constraint]}"
    return f"{cell!r}: {error.note}"


@dataclass(frozen=True)
class _Place:
    """Where a data row is: its file, starting line and number of cells, and the header's."""

    file: str
    line: int
    cells: int
    header: int


def _row_problem(error: errors.Error, resource: TableResource, row: Any, at: _Place) -> Problem:
    if isinstance(error, errors.ExtraCellError | errors.MissingCellError):
        return _structural(at.file, at.line, f"has {at.cells} cells, the header has {at.header}")
    if isinstance(error, errors.CellError):
        return Problem(at.file, at.line, error.field_name, _cell_message(error, resource))
    if isinstance(error, errors.PrimaryKeyError):
        key = resource.schema.primary_key[0]
        return Problem(at.file, at.line, key, f"duplicate id {row[key]!r}")
    if isinstance(error, errors.ForeignKeyError) and resource.package:
        target = resource.package.get_resource(error.reference_name).path
        return Problem(at.file, at.line, error.field_names[0], f"{error.field_cells[0]!r} is not an id in {target}")
    return Problem(at.file, at.line, "-", error.message)


def _header_problem(error: errors.Error, file: str) -> Problem:
    if isinstance(error, errors.MissingLabelError):
        return Problem(file, 1, error.field_name, "required column is missing", structural=True)
    if isinstance(error, errors.ExtraLabelError):
        return Problem(file, 1, error.label, "unknown column", structural=True)
    return _structural(file, 1, error.message)


def _written_cells(
    resource: TableResource, labels: list[str], record: list[str], at: _Place, typed: set[str]
) -> Iterable[Problem]:
    """Cells Table Schema reads but the data must not hold: numbers and dates not written as the data
    writes them (``2024-1-7``, ``+96``, ``٩٦``; ``typed``: fields already reported), formulas."""
    for field in resource.schema.fields:
        if field.name not in labels or labels.index(field.name) >= len(record):
            continue
        text = record[labels.index(field.name)]
        if not text or field.name in typed:
            continue
        written = WRITTEN.get(field.type)
        # Table Schema trims dates; it reads numbers as int() does.
        shown = text.strip() if field.type == "date" else text
        if written and not written[0].fullmatch(shown):
            yield Problem(at.file, at.line, field.name, f"{written[1]}, got {shown!r}")
        if not written and text.startswith(FORMULA_STARTS):
            message = f"starts with {text[0]!r}: a spreadsheet would run it as a formula"
            yield Problem(at.file, at.line, field.name, message)


def _read_resource(resource: TableResource, folder: Path, problems: list[Problem]) -> list[Row]:
    file = str(resource.path)
    if not (folder / file).is_file():
        problems.append(_structural(file, 0, "file is missing"))
        return []
    source = _read_source(folder / file, problems)
    if source is None or not source.records:
        return []
    labels = source.records[0]
    rows: list[Row] = []
    with resource:
        problems.extend(_header_problem(error, file) for error in resource.header.errors)
        for row in resource.row_stream:
            if any(isinstance(error, errors.BlankRowError) for error in row.errors):
                continue  # a blank line carries no fact
            record = source.records[row.row_number - 1]
            at = _Place(file, source.lines[row.row_number - 1], len(record), len(labels))
            problems.extend(_row_problem(error, resource, row, at) for error in row.errors)
            typed = {error.field_name for error in row.errors if isinstance(error, errors.CellError)}
            problems.extend(_written_cells(resource, labels, record, at, typed))
            rows.append(Row(at.line, {name: _value(value) for name, value in row.to_dict().items()}))
    return rows


def _reason(error: Exception, folder: Path) -> str:
    """Why a file cannot be read, without the server's paths (the app shows it to readers)."""
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error).replace(str(folder.resolve()), "data").replace(str(folder), "data")


def read_tables(folder: Path) -> tuple[Tables, list[Problem]]:
    """Every table of ``folder`` as typed rows, and every problem Frictionless finds in them."""
    try:
        tables = read_package(folder)
        package = Package(str(folder / PACKAGE_FILE))
    except (OSError, ValueError, KeyError, TypeError, FrictionlessException) as error:
        return {}, [_structural(PACKAGE_FILE, 0, f"cannot be read: {_reason(error, folder)}")]
    # The app reads every table it knows: a package that drops one is broken, not smaller.
    described = {table.name for table in tables}
    missing = [
        Problem(PACKAGE_FILE, 0, table.name, "resource is missing", structural=True)
        for table in TABLES
        if table.name not in described
    ]
    if missing:
        return {}, missing
    problems: list[Problem] = []
    result: Tables = {}
    for table in tables:
        resource = package.get_resource(table.name)
        try:
            assert isinstance(resource, TableResource)
            result[table.name] = _read_resource(resource, folder, problems)
        except FrictionlessException as error:
            result[table.name] = []
            problems.append(_structural(table.file, 0, error.error.message))
    return result, problems
