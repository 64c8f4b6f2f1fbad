"""Derived tables: vote tables, denominators, timeline rows, members, map countries."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from components.data import Dataset
from components.tables.members import members_table, region_counts
from components.tables.places import map_countries
from components.tables.regions import FILTER_VALUES, keeps
from components.tables.timeline import PRESETS, event_spans, span_end, timeline_rows
from components.tables.votes import (
    DEFAULT_RACE,
    majority_markers,
    primary_denominator,
    race_choices,
    vote_table,
)


def test_vp_africa_vote_table_never_turns_unknown_into_zero(data: Dataset) -> None:
    table = vote_table(data, DEFAULT_RACE)
    assert list(table["status"]) == ["counted", "not_published", "not_published", "withdrew"]
    assert table.loc[0, "votes"] == 96
    assert table.loc[1:, "votes"].isna().all()
    assert not (table["votes"].fillna(-1) == 0).any()
    assert table["share"].isna().all()  # the total was never published


def test_vp_africa_context_is_attendance_and_membership(data: Dataset) -> None:
    assert primary_denominator(data, DEFAULT_RACE) is None
    contexts = {c.kind: c for c in majority_markers(data, DEFAULT_RACE)}
    assert contexts["countries_attending"].values == (178, 179)  # the weak "190" is left out
    assert contexts["countries_attending"].majorities == (90,)
    assert contexts["members"].majorities == (99,)


def test_secretary_general_shares_are_of_countries_voting(data: Dataset) -> None:
    total = primary_denominator(data, "sg-2024")
    assert total is not None
    assert (total.kind, total.value, total.computed) == ("countries_voting", 153, False)
    table = vote_table(data, "sg-2024")
    assert list(table["option"]) == ["candidate", "against", "abstentions"]
    assert list(table["votes"]) == [145, 6, 2]
    assert table.loc[0, "share"] == pytest.approx(145 / 153)


def test_president_2025_total_is_the_computed_sum(data: Dataset) -> None:
    total = primary_denominator(data, "president-2025")
    assert total is not None
    assert (total.value, total.computed) == (164, True)
    assert list(vote_table(data, "president-2025")["votes"]) == [84, 60, 12, 8]
    assert vote_table(data, "president-2025").loc[0, "share"] == pytest.approx(0.512, abs=1e-3)


def test_race_with_no_published_count_has_no_total(data: Dataset) -> None:
    table = vote_table(data, "delegate-europe-2024")
    assert (table["status"] == "not_published").all()
    assert primary_denominator(data, "delegate-europe-2024") is None


def test_race_choices_follow_the_region(data: Dataset) -> None:
    everything = race_choices(data, "all")
    assert everything[0] == DEFAULT_RACE
    assert {"sg-2024", "president-2025", "sg-preselection-2024"} <= set(everything)
    assert "delegate-europe-2024" not in everything  # no published count
    assert DEFAULT_RACE in race_choices(data, "africa")
    europe = race_choices(data, "europe")
    assert DEFAULT_RACE not in europe
    assert "president-2025" in europe  # a global seat is kept by every region


@pytest.mark.parametrize("region", FILTER_VALUES)
def test_keeps_global_rows_in_every_region(region: str) -> None:
    assert keeps(region, "global")


def test_year_only_event_spans_the_whole_year(data: Dataset) -> None:
    spans = event_spans(data).set_index("id")
    paris = spans.loc["hq-paris-1946"]
    assert paris["precision"] == "year"
    assert paris["first_day"] == pd.Timestamp("1946-01-01")
    assert paris["last_day"] == pd.Timestamp("1946-12-31")


@pytest.mark.parametrize(
    ("start", "precision", "end"),
    [
        (dt.date(2024, 2, 1), "month", dt.date(2024, 2, 29)),
        (dt.date(2024, 12, 1), "month", dt.date(2024, 12, 31)),
        (dt.date(1923, 1, 1), "year", dt.date(1923, 12, 31)),
        (dt.date(2024, 11, 7), "day", dt.date(2024, 11, 7)),
    ],
)
def test_span_end(start: dt.date, precision: str, end: dt.date) -> None:
    assert span_end(start, precision) == end


def test_assembly_week_rows(data: Dataset) -> None:
    rows = timeline_rows(data, "assembly", "all")
    assert len(rows) > 0
    window = PRESETS["assembly"]
    assert (rows["last_day"] >= pd.Timestamp(window.start)).all()
    assert (rows["first_day"] <= pd.Timestamp(window.end)).all()
    assert rows["first_day"].is_monotonic_increasing
    assert not rows["start"].str.startswith("2024-11-06").any()  # nothing is sourced for 6 Nov


def test_region_filter_keeps_region_and_global_events(data: Dataset) -> None:
    africa = timeline_rows(data, "history", "africa")
    assert set(africa["region"]) <= {"Africa", "global"}
    assert len(timeline_rows(data, "history", "all")) >= len(africa)


def test_members_table_in_arabic_has_cldr_names(data: Dataset) -> None:
    table = members_table(data, "africa", "ar")
    assert len(table) == 54
    assert "المغرب" in set(table["country"])


def test_region_counts_cover_every_member(data: Dataset) -> None:
    counts = region_counts(data)
    assert counts["total"].sum() == 196
    assert list(counts.index) == ["Africa", "Americas", "Asia & South Pacific", "Europe"]


def test_map_countries_mark_candidates_by_outcome(data: Dataset) -> None:
    countries = map_countries(data, "all", DEFAULT_RACE).set_index("iso3")["status"]
    assert countries["MAR"] == "elected"
    assert countries["BEN"] == "lost"
    assert countries["GAB"] == "withdrew"
    assert countries["KEN"] == "member"
    assert "ESH" not in countries.index  # no member


def test_map_of_a_region_with_no_candidate(data: Dataset) -> None:
    countries = map_countries(data, "americas", DEFAULT_RACE)
    assert set(countries["status"]) == {"member"}
