"""Display names of data rows in a language: offices, candidates, options, denominators, events."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.data import Dataset
from components.data.validation import parse_partial_date
from components.i18n import country_name, format_date, format_date_range, format_number, t
from components.tables.votes import Context, Denominator


def _text(row: pd.Series, column: str) -> str:
    value = row.get(column)
    return "" if value is None or pd.isna(value) else str(value)


def localized(row: pd.Series, stem: str, lang: str) -> str:
    """The ``{stem}_{lang}`` cell of a row, falling back to English when that one is empty."""
    return _text(row, f"{stem}_{lang}") or _text(row, f"{stem}_en")


def race_title(race: pd.Series, lang: str) -> str:
    """``Vice-President for Africa · 7 November 2024`` in ``lang`` (the date only where known)."""
    office = localized(race, "office", lang)
    date = race.get("date")
    if date is None or pd.isna(date):
        return office
    return f"{office} · {format_date(date.date(), lang)}"


def candidate_name(row: pd.Series, lang: str) -> str:
    """The person's name in ``lang``, or what stands for an unnamed candidate or ballot option."""
    option = _text(row, "option") or "candidate"
    if option != "candidate":
        return t(lang, f"option.{option}")
    name = localized(row, "name", lang)
    if name:
        return name
    return t(lang, "candidate.unnamed", country=country_name(str(row["country_iso3"]), lang))


def candidate_label(row: pd.Series, lang: str) -> str:
    """Two lines for a chart: the name, then the country (ballot options have one line)."""
    name = candidate_name(row, lang)
    if _text(row, "option") not in ("", "candidate"):
        return name
    return f"{name}<br>{country_name(str(row['country_iso3']), lang)}"


def denominator_text(kind: str, values: Sequence[int], lang: str, *, computed: bool = False) -> str:
    """``153 countries voting``, ``178 or 179 countries attending``, ``164 votes cast (sum of the
    published counts)`` in ``lang``."""
    numbers = t(lang, "list.or").join(format_number(value, lang) for value in values)
    text = t(lang, f"total.{kind}", n=numbers)
    return t(lang, "total.computed", total=text) if computed else text


def total_text(total: Denominator, lang: str) -> str:
    """The denominator of a race's shares in words."""
    return denominator_text(total.kind, [total.value], lang, computed=total.computed)


def context_text(contexts: Sequence[Context], lang: str) -> str:
    """``178 or 179 countries attending; 196 member countries`` in ``lang``."""
    return t(lang, "list.separator").join(denominator_text(context.kind, context.values, lang) for context in contexts)


def race_labels(data: Dataset, lang: str) -> dict[str, str]:
    """Every race's title in ``lang``, by race id (for pickers)."""
    return {str(race["id"]): race_title(race, lang) for _, race in data.races.iterrows()}


def event_when(row: pd.Series, lang: str) -> str:
    """When an event (a timeline row) happened, at its date's precision: ``4 – 7 November 2024``, ``1946``."""
    end = None if pd.isna(row["end"]) else parse_partial_date(str(row["end"]))[0]
    return format_date_range(row["first_day"].date(), end, lang, row["precision"])
