"""Reading the CSV files cell by cell and checking every rule; all problems are reported at once."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from components.data.schema import TABLES, TURNOUT_KINDS, Column, Table
from components.i18n import is_iso3

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PARTIAL_DATE_FORMATS = {"year": r"^\d{4}$", "month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}

Value = str | int | float | dt.date | tuple[str, ...] | None


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule, located as ``file:line: column: message``."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True)
class Row:
    """One parsed data row and the line it starts on (the header is line 1)."""

    line: int
    values: Mapping[str, Value]

    def __getitem__(self, column: str) -> Value:
        return self.values.get(column)

    def ids(self, column: str) -> tuple[str, ...]:
        value = self.values.get(column)
        return value if isinstance(value, tuple) else ()


Tables = dict[str, list[Row]]


def parse_partial_date(text: str) -> tuple[dt.date, str]:
    """``2024``, ``2024-11`` or ``2024-11-07`` as the first day it covers, and its precision."""
    for precision, pattern in PARTIAL_DATE_FORMATS.items():
        if re.match(pattern, text):
            parts = [int(part) for part in text.split("-")] + [1, 1]
            return dt.date(parts[0], parts[1], parts[2]), precision
    raise ValueError(text)


def _parse_cell(column: Column, text: str) -> Value:
    """The typed value of one non-empty cell; raises ValueError with a readable reason."""
    if column.kind == "int":
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"must be a non-negative integer, got {text!r}")
        return int(text)
    if column.kind == "float":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"must be a number, got {text!r}") from None
    if column.kind == "date":
        # fromisoformat alone would also accept "20241107" and week dates.
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(f"must be a date YYYY-MM-DD, got {text!r}")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"must be a date YYYY-MM-DD, got {text!r}") from None
    if column.kind == "partial_date":
        try:
            parse_partial_date(text)
            return text
        except ValueError:
            raise ValueError(f"must be YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}") from None
    if column.kind == "enum" and text not in column.values:
        raise ValueError(f"{text!r} is not one of: {', '.join(column.values)}")
    if column.kind == "iso3" and not is_iso3(text):
        raise ValueError(f"{text!r} is not an ISO 3166-1 alpha-3 country code")
    if column.kind == "id" and not ID_PATTERN.match(text):
        raise ValueError(f"{text!r} is not an id (lower-case letters, digits and dashes)")
    if column.kind == "ids":
        return tuple(part.strip() for part in text.split(";") if part.strip())
    return text


def _decode(path: Path, problems: list[Problem]) -> str | None:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        problems.append(Problem(path.name, line, "-", f"not valid UTF-8 (byte 0x{byte})"))
        return None


def read_table(folder: Path, table: Table, problems: list[Problem]) -> list[Row]:
    """Parse one CSV file into rows, adding a problem for every unreadable cell."""
    path = folder / table.file
    if not path.is_file():
        problems.append(Problem(table.file, 0, "-", "file is missing"))
        return []
    text = _decode(path, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    for column in table.columns:
        if column.name not in header:
            problems.append(Problem(table.file, 1, column.name, "required column is missing"))
    for name in header:
        if name not in table.column_names:
            problems.append(Problem(table.file, 1, name, "unknown column"))
    rows: list[Row] = []
    line = 2
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append(_parse_row(table, header, cells, line, problems))
        line = reader.line_num + 1
    return rows


def _parse_row(table: Table, header: list[str], cells: list[str], line: int, problems: list[Problem]) -> Row:
    if len(cells) != len(header):
        problems.append(Problem(table.file, line, "-", f"has {len(cells)} cells, the header has {len(header)}"))
    texts = dict(zip(header, (cell.strip() for cell in cells), strict=False))
    values: dict[str, Value] = {}
    for column in table.columns:
        text = texts.get(column.name, "")
        if not text:
            values[column.name] = None
            if column.required and column.name in header:
                problems.append(Problem(table.file, line, column.name, "a value is required"))
            continue
        try:
            values[column.name] = _parse_cell(column, text)
        except ValueError as error:
            values[column.name] = None
            problems.append(Problem(table.file, line, column.name, str(error)))
    return Row(line, values)


def read_tables(folder: Path) -> tuple[Tables, list[Problem]]:
    """All tables of ``folder``, parsed, and the problems found while parsing."""
    problems: list[Problem] = []
    tables = {table.name: read_table(folder, table, problems) for table in TABLES}
    return tables, problems


def check_rules(tables: Tables) -> list[Problem]:
    """Every rule that spans rows or tables: keys, references, votes, sources, dates."""
    problems: list[Problem] = []
    for table in TABLES:
        problems += _unique_keys(table, tables[table.name])
        problems += _references(table, tables)
    problems += _member_regions(tables["members"])
    problems += _event_dates(tables["events"])
    problems += _date_order("assemblies", tables["assemblies"], "start", "end")
    problems += _winners(tables)
    problems += _votes_within_turnout(tables)
    problems += _numbers_in_quotes(tables)
    return problems


def _unique_keys(table: Table, rows: list[Row]) -> Iterable[Problem]:
    counts = Counter(row[table.key] for row in rows if row[table.key] is not None)
    seen: set[Value] = set()
    for row in rows:
        key = row[table.key]
        if key is not None and counts[key] > 1 and key in seen:
            yield Problem(table.file, row.line, table.key, f"duplicate id {key!r}")
        seen.add(key)


def _references(table: Table, tables: Tables) -> Iterable[Problem]:
    for column in table.columns:
        if not column.ref:
            continue
        target = next(t for t in TABLES if t.name == column.ref)
        known = {row[target.key] for row in tables[column.ref]}
        for row in tables[table.name]:
            refs = row.ids(column.name) if column.kind == "ids" else (row[column.name],)
            for ref in refs:
                if ref is not None and ref not in known:
                    yield Problem(table.file, row.line, column.name, f"{ref!r} is not an id in {target.file}")


def _member_regions(rows: list[Row]) -> Iterable[Problem]:
    for row in rows:
        if row["region_basis"] == "sourced" and not row.ids("region_source_ids"):
            yield Problem("members.csv", row.line, "region_source_ids", "a sourced region needs a source")
        if row["region_basis"] == "inferred" and row["region_rule"] is None:
            yield Problem("members.csv", row.line, "region_rule", "an inferred region needs its rule")
        if row["joined_year"] is not None and not row.ids("joined_source_ids"):
            yield Problem("members.csv", row.line, "joined_source_ids", "a joining year needs a source")


def _event_dates(rows: list[Row]) -> Iterable[Problem]:
    for row in rows:
        bounds: list[dt.date] = []
        for column in ("start", "end"):
            text = row[column]
            if not isinstance(text, str):
                continue
            day, precision = parse_partial_date(text)
            bounds.append(day)
            if row["precision"] is not None and precision != row["precision"]:
                yield Problem("events.csv", row.line, column, f"{text!r} does not match precision {row['precision']!r}")
        if len(bounds) == 2 and bounds[1] < bounds[0]:
            yield Problem("events.csv", row.line, "end", "ends before it starts")


def _date_order(name: str, rows: list[Row], start: str, end: str) -> Iterable[Problem]:
    for row in rows:
        first, last = row[start], row[end]
        if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
            yield Problem(f"{name}.csv", row.line, end, "ends before it starts")


def _winners(tables: Tables) -> Iterable[Problem]:
    seats = {row["id"]: row["seats"] for row in tables["races"]}
    elected: dict[Value, list[Row]] = defaultdict(list)
    for row in tables["candidates"]:
        if row["outcome"] == "elected":
            elected[row["race_id"]].append(row)
    for race, rows in elected.items():
        limit = seats.get(race)
        if isinstance(limit, int) and len(rows) > limit:
            yield Problem(
                "candidates.csv",
                rows[limit].line,
                "outcome",
                f"race {race!r} has {limit} seat(s) but {len(rows)} candidates elected",
            )


def _votes_within_turnout(tables: Tables) -> Iterable[Problem]:
    bounds: dict[Value, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in tables["race_figures"]:
        if isinstance(row["value"], int) and isinstance(row["kind"], str):
            bounds[row["race_id"]][row["kind"]].append(row["value"])
    totals: Counter[Value] = Counter()
    for row in tables["candidates"]:
        votes = row["votes"]
        if not isinstance(votes, int):
            continue
        totals[row["race_id"]] += votes
        figures = bounds.get(row["race_id"], {})
        turnout = [value for kind in TURNOUT_KINDS for value in figures.get(kind, [])]
        limit = min(turnout) if turnout else max(figures.get("countries_attending", [0])) or None
        if limit is not None and totals[row["race_id"]] > limit:
            yield Problem(
                "candidates.csv",
                row.line,
                "votes",
                f"published votes of race {row['race_id']!r} add up to {totals[row['race_id']]}, "
                f"above its turnout of {limit}",
            )


def _numbers_in_quotes(tables: Tables) -> Iterable[Problem]:
    quotes = {row["id"]: str(row["quote"] or "") for row in tables["sources"]}
    for name, column in (("candidates", "votes"), ("race_figures", "value")):
        for row in tables[name]:
            value = row[column]
            if not isinstance(value, int):
                continue
            pattern = re.compile(rf"(?<![\d.,]){value}(?![\d])")
            if not any(pattern.search(quotes.get(ref, "")) for ref in row.ids("source_ids")):
                yield Problem(f"{name}.csv", row.line, column, f"{value} is not in the quote of any of its sources")


def check_folder(folder: Path) -> tuple[Tables, list[Problem]]:
    """Parse and check every table of ``folder``; return the rows and the sorted problems."""
    tables, problems = read_tables(folder)
    problems += check_rules(tables)
    return tables, sorted(set(problems))
