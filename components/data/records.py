"""The shapes the data check works in: a problem found, a typed row, the tables of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

Value = str | int | float | dt.date | tuple[str, ...] | None


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule, located as ``file:line: column: message``."""

    file: str
    line: int
    column: str
    message: str
    # A problem of a file's structure (unreadable, empty, a header repeated, cells missing): listed
    # before the rest, which it often causes.
    structural: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass(frozen=True)
class Row:
    """One typed data row and the line it starts on (the header is line 1)."""

    line: int
    values: Mapping[str, Value]

    def __getitem__(self, column: str) -> Value:
        return self.values.get(column)

    def ids(self, column: str) -> tuple[str, ...]:
        value = self.values.get(column)
        return value if isinstance(value, tuple) else ()


Tables = dict[str, list[Row]]
