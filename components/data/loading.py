"""Typed pandas tables from ``data/``, or a :class:`DataError` listing every problem."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from components.data.records import Problem, Row
from components.data.schema import DATA_DIR, TABLES, Table
from components.data.validation import check_folder
from components.data.version import data_version, last_change


class DataError(Exception):
    """The data folder breaks at least one rule; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Dataset:
    """Every table of ``data/`` as a typed DataFrame (one row per CSV row)."""

    sources: pd.DataFrame
    members: pd.DataFrame
    assemblies: pd.DataFrame
    races: pd.DataFrame
    race_figures: pd.DataFrame
    candidates: pd.DataFrame
    events: pd.DataFrame
    places: pd.DataFrame
    # The data's version (components/data/version.py): citations and download names carry it, and
    # caches of figures built from this data are keyed on it.
    version: str = ""
    # The date of the last data change (the newest entry of data/CHANGELOG.md).
    changed: dt.date = dt.date.min


_DTYPES: dict[str, Any] = {"integer": "Int64", "number": "Float64"}


def _frame(table: Table, rows: list[Row]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{name: row[name] for name in table.column_names} for row in rows],
        columns=list(table.column_names),
    )
    for column in table.columns:
        if column.type in _DTYPES:
            frame[column.name] = frame[column.name].astype(_DTYPES[column.type])
        elif column.type == "date":
            frame[column.name] = pd.to_datetime(frame[column.name])
        elif column.type == "list":
            frame[column.name] = frame[column.name].map(lambda ids: ids or ())
        else:
            frame[column.name] = frame[column.name].astype("string")
    return frame


FileState = tuple[tuple[str, int, int], ...]


def files_state(folder: Path) -> FileState:
    """Name, size and modification time of every file of ``folder``: a cache key that changes with
    any edit (a stat per file: cheap enough for every script run)."""
    state = []
    # A file removed meanwhile, a missing folder: the check that follows names what is missing.
    with contextlib.suppress(OSError):
        for path in sorted(folder.iterdir()):
            stat = path.stat()
            state.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(state)


def load_dataset(folder: Path = DATA_DIR) -> Dataset:
    """Load and check every table; raise :class:`DataError` with all problems if any rule fails."""
    tables, problems = check_folder(folder)
    if problems:
        raise DataError(problems)
    frames = {table.name: _frame(table, tables[table.name]) for table in TABLES}
    return Dataset(**frames, version=data_version(folder), changed=last_change(folder))
