"""The tables in ``data/``: their columns, kinds and allowed values (documented in data/README.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["id", "text", "int", "float", "enum", "date", "partial_date", "iso3", "ids", "ref"]

REGIONS: tuple[str, ...] = ("Africa", "Americas", "Asia & South Pacific", "Europe")
SEAT_REGIONS: tuple[str, ...] = (*REGIONS, "global")
RELIABILITY: tuple[str, ...] = ("official", "agency", "press", "weak")
OUTCOMES: tuple[str, ...] = ("elected", "lost", "withdrew")
REGION_BASES: tuple[str, ...] = ("sourced", "inferred")
REGION_RULES: tuple[str, ...] = ("africa-54-ncbs", "geonames-continent")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
EVENT_CATEGORIES: tuple[str, ...] = ("assembly", "election", "campaign", "membership", "institution")
FIGURE_KINDS: tuple[str, ...] = (
    "members",
    "countries_attending",
    "countries_voting",
    "votes_cast",
    "against",
    "abstentions",
    "delegates_attending",
)
# Figures that bound the number of votes any candidate, or all together, can have.
TURNOUT_KINDS: tuple[str, ...] = ("countries_voting", "votes_cast")
PLACE_KINDS: tuple[str, ...] = ("venue", "city")


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether a value is required, allowed values or referenced table."""

    name: str
    kind: Kind
    required: bool = False
    values: tuple[str, ...] = ()
    ref: str = ""


@dataclass(frozen=True)
class Table:
    """One CSV file of ``data/``."""

    name: str
    columns: tuple[Column, ...]
    key: str = "id"

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _sources(name: str = "source_ids", required: bool = True) -> Column:
    return Column(name, "ids", required=required, ref="sources")


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        (
            Column("id", "id", required=True),
            Column("url", "text", required=True),
            Column("publisher", "text", required=True),
            Column("published", "date"),
            Column("language", "text", required=True),
            Column("reliability", "enum", required=True, values=RELIABILITY),
            Column("quote", "text", required=True),
            Column("note", "text"),
        ),
    ),
    Table(
        "members",
        (
            Column("iso3", "iso3", required=True),
            Column("region", "enum", required=True, values=REGIONS),
            Column("region_basis", "enum", required=True, values=REGION_BASES),
            _sources("region_source_ids", required=False),
            Column("region_rule", "enum", values=REGION_RULES),
            Column("joined_year", "int"),
            _sources("joined_source_ids", required=False),
        ),
        key="iso3",
    ),
    Table(
        "assemblies",
        (
            Column("id", "id", required=True),
            Column("number", "int", required=True),
            Column("city_en", "text", required=True),
            Column("city_fr", "text", required=True),
            Column("city_ar", "text", required=True),
            Column("country_iso3", "iso3", required=True),
            Column("venue_en", "text"),
            Column("start", "date"),
            Column("end", "date"),
            _sources(),
        ),
    ),
    Table(
        "races",
        (
            Column("id", "id", required=True),
            Column("assembly_id", "ref", ref="assemblies"),
            Column("office_en", "text", required=True),
            Column("office_fr", "text", required=True),
            Column("office_ar", "text", required=True),
            Column("seat_region", "enum", values=SEAT_REGIONS),
            Column("date", "date"),
            Column("seats", "int", required=True),
            Column("voting_rule", "text"),
            Column("rounds", "int"),
            _sources(),
            Column("note", "text"),
        ),
    ),
    Table(
        "race_figures",
        (
            Column("id", "id", required=True),
            Column("race_id", "ref", required=True, ref="races"),
            Column("kind", "enum", required=True, values=FIGURE_KINDS),
            Column("value", "int", required=True),
            _sources(),
            Column("note", "text"),
        ),
    ),
    Table(
        "candidates",
        (
            Column("id", "id", required=True),
            Column("race_id", "ref", required=True, ref="races"),
            Column("name_en", "text"),
            Column("name_fr", "text"),
            Column("name_ar", "text"),
            Column("name_ar_basis", "enum", values=("source", "transliteration")),
            Column("country_iso3", "iso3", required=True),
            Column("position_en", "text"),
            Column("outcome", "enum", required=True, values=OUTCOMES),
            Column("votes", "int"),
            _sources(),
            Column("note", "text"),
        ),
    ),
    Table(
        "events",
        (
            Column("id", "id", required=True),
            Column("start", "partial_date", required=True),
            Column("end", "partial_date"),
            Column("precision", "enum", required=True, values=PRECISIONS),
            Column("category", "enum", required=True, values=EVENT_CATEGORIES),
            Column("region", "enum", required=True, values=SEAT_REGIONS),
            Column("title_en", "text", required=True),
            Column("title_fr", "text", required=True),
            Column("title_ar", "text", required=True),
            _sources(),
        ),
    ),
    Table(
        "places",
        (
            Column("id", "id", required=True),
            Column("name_en", "text", required=True),
            Column("name_fr", "text", required=True),
            Column("name_ar", "text", required=True),
            Column("kind", "enum", required=True, values=PLACE_KINDS),
            Column("lat", "float", required=True),
            Column("lon", "float", required=True),
            Column("coord_source", "text", required=True),
            _sources(required=False),
            Column("note", "text"),
        ),
    ),
)
TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES}
