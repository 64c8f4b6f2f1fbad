"""The tables of ``data/`` as ``data/datapackage.json`` (a Frictionless Data Package) describes them.

The package is the one description of every column: its type, allowed values, keys and references.
This module reads it for the loader (which columns, which dtypes) and for the code that needs a
column's allowed values; the rules no schema can say are in :mod:`components.data.validation`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PACKAGE_FILE = "datapackage.json"
# Figures that bound the number of votes any candidate, or all together, can have.
TURNOUT_KINDS: tuple[str, ...] = ("countries_voting", "votes_cast")


@dataclass(frozen=True)
class Column:
    """One column: its Table Schema type (``string``, ``integer``, ``number``, ``date``, ``list``)."""

    name: str
    type: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One CSV file of ``data/`` (a resource of the package)."""

    name: str
    file: str
    columns: tuple[Column, ...]
    key: str

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _table(resource: dict[str, Any]) -> Table:
    schema = resource["schema"]
    columns = tuple(
        Column(field["name"], field["type"], tuple(field.get("constraints", {}).get("enum", ())))
        for field in schema["fields"]
    )
    return Table(resource["name"], resource["path"], columns, schema["primaryKey"][0])


def read_package(folder: Path = DATA_DIR) -> tuple[Table, ...]:
    """The tables the package file of ``folder`` describes (OSError/ValueError if unreadable)."""
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    return tuple(_table(resource) for resource in descriptor["resources"])


TABLES: tuple[Table, ...] = read_package()
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}


def allowed_values(table: str, column: str) -> tuple[str, ...]:
    """The values the package allows in ``table.column`` (its ``enum`` constraint)."""
    return next(c.values for c in TABLES_BY_NAME[table].columns if c.name == column)


REGIONS: tuple[str, ...] = allowed_values("members", "region")
EVENT_CATEGORIES: tuple[str, ...] = allowed_values("events", "category")
RELIABILITY: tuple[str, ...] = allowed_values("sources", "reliability")
