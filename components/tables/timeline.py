"""Timeline rows: events as date spans that respect their precision, per zoom preset and region."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.data import Dataset
from components.data.validation import parse_partial_date
from components.tables.regions import keeps


@dataclass(frozen=True)
class Preset:
    """A zoom of the timeline: the window it shows."""

    key: str
    start: dt.date
    end: dt.date


PRESETS: dict[str, Preset] = {
    preset.key: preset
    for preset in (
        Preset("assembly", dt.date(2024, 11, 4), dt.date(2024, 11, 7)),
        Preset("campaign", dt.date(2024, 6, 1), dt.date(2024, 12, 31)),
        Preset("history", dt.date(1923, 1, 1), dt.date(2026, 12, 31)),
    )
}
DEFAULT_PRESET = "assembly"


def span_end(start: dt.date, precision: str) -> dt.date:
    """The last day a date of ``precision`` starting at ``start`` covers (a year covers 365 days)."""
    if precision == "year":
        return dt.date(start.year, 12, 31)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return start


def event_spans(data: Dataset) -> pd.DataFrame:
    """Every event with ``first_day`` and ``last_day`` covering its whole precision."""
    events = data.events.copy()
    first, last = [], []
    for start_text, end_text in zip(events["start"], events["end"], strict=True):
        start, precision = parse_partial_date(str(start_text))
        end = start if pd.isna(end_text) else parse_partial_date(str(end_text))[0]
        first.append(start)
        last.append(span_end(end, precision))
    events["first_day"] = pd.to_datetime(first)
    events["last_day"] = pd.to_datetime(last)
    return events


def timeline_rows(data: Dataset, preset: str, region: str) -> pd.DataFrame:
    """Events overlapping the preset's window and kept by the region filter, oldest first."""
    window = PRESETS[preset]
    events = event_spans(data)
    inside = (events["last_day"] >= pd.Timestamp(window.start)) & (events["first_day"] <= pd.Timestamp(window.end))
    kept = events["region"].map(lambda value: keeps(region, value))
    rows = events[inside & kept]
    return rows.sort_values(["first_day", "last_day", "id"]).reset_index(drop=True)


def first_publisher(data: Dataset, source_ids: tuple[str, ...]) -> str:
    """The publisher of the first source of a row (for hover text)."""
    publishers = data.sources.set_index("id")["publisher"]
    for ref in source_ids:
        if ref in publishers.index:
            return str(publishers[ref])
    return ""
