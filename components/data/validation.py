"""The rules on ``data/`` that no schema can say, on top of what Frictionless checks
(:mod:`components.data.package`); every problem of a folder is reported at once."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from components.data.package import NOT_ISO3, read_tables
from components.data.records import Problem, Row, Tables, Value
from components.data.schema import TURNOUT_KINDS
from components.data.version import changelog_problems
from components.i18n import is_iso3

PARTIAL_DATE_FORMATS = {"year": r"^\d{4}$", "month": r"^\d{4}-\d{2}$", "day": r"^\d{4}-\d{2}-\d{2}$"}
# How a note cites a source: its id in parentheses, e.g. "(veja-wrong-date)" (see data/README.md).
NOTE_SOURCE_ID = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)+)\)")
# The tables the rules below read; without one of them (a broken package) only its problem is reported.
RULE_TABLES = frozenset({"sources", "members", "assemblies", "races", "race_figures", "candidates", "events"})


def parse_partial_date(text: str) -> tuple[dt.date, str]:
    """``2024``, ``2024-11`` or ``2024-11-07`` as the first day it covers, and its precision."""
    for precision, pattern in PARTIAL_DATE_FORMATS.items():
        if re.match(pattern, text):
            parts = [int(part) for part in text.split("-")] + [1, 1]
            return dt.date(parts[0], parts[1], parts[2]), precision
    raise ValueError(text)


def check_rules(tables: Tables) -> list[Problem]:
    """The rules no schema can say: ISO codes, source ids in lists and notes, regions, dates, votes."""
    if not set(tables) >= RULE_TABLES:
        return []
    problems: list[Problem] = []
    problems += _iso_codes(tables)
    problems += _source_lists(tables)
    problems += _note_sources(tables)
    problems += _member_regions(tables["members"])
    problems += _event_dates(tables["events"])
    problems += _date_order("assemblies", tables["assemblies"], "start", "end")
    problems += _winners(tables)
    problems += _votes_within_turnout(tables)
    problems += _numbers_in_quotes(tables)
    return problems


def _iso_codes(tables: Tables) -> Iterable[Problem]:
    # The package's pattern says three capitals; whether they name a country, pycountry says.
    for name, rows in tables.items():
        for row in rows:
            for column, value in row.values.items():
                if column.endswith("iso3") and isinstance(value, str) and not is_iso3(value):
                    yield Problem(f"{name}.csv", row.line, column, f"{value!r} {NOT_ISO3}")


def _source_lists(tables: Tables) -> Iterable[Problem]:
    # Table Schema's foreign keys cannot reach into a list of ids.
    known = {row["id"] for row in tables["sources"]}
    for name, rows in tables.items():
        for row in rows:
            for column, value in row.values.items():
                if isinstance(value, tuple):
                    for ref in value:
                        if ref not in known:
                            yield Problem(f"{name}.csv", row.line, column, f"{ref!r} is not an id in sources.csv")


def _note_sources(tables: Tables) -> Iterable[Problem]:
    known = {row["id"] for row in tables["sources"]}
    for name, rows in tables.items():
        for row in rows:
            note = row["note"]
            for ref in NOTE_SOURCE_ID.findall(note) if isinstance(note, str) else ():
                if ref not in known:
                    yield Problem(f"{name}.csv", row.line, "note", f"{ref!r} is not an id in sources.csv")


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
            try:
                day, precision = parse_partial_date(text)
            except ValueError:
                yield Problem("events.csv", row.line, column, f"{text!r} is not a date")
                continue
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
    """Validate and check every table of ``folder``; return the rows and the problems, those of a
    file's structure first (they often cause the rest), each group sorted by file and line."""
    tables, problems = read_tables(folder)
    problems += check_rules(tables)
    # The changelog dates the data (the "last data change" of every citation): it is part of it.
    problems += changelog_problems(folder)
    return tables, sorted(set(problems), key=lambda problem: (not problem.structural, problem))
