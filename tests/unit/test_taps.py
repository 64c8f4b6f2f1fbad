"""What a filter tap leads to (components/taps.py): the states and charts the page holds ahead of a tap."""

from __future__ import annotations

import pytest

from components.data import load_dataset
from components.section_charts import city_map_chart, region_map_chart, timeline_chart, votes_chart
from components.state import ViewState
from components.tables.regions import FILTER_VALUES
from components.taps import after_tap, chart_arguments, filter_options, state_arguments, tap_states


def test_each_section_lists_the_filters_it_shows_in_the_pages_order() -> None:
    data = load_dataset()
    votes = filter_options(data, ViewState("ar", view="votes"))
    assert list(votes) == ["region", "race"] and votes["region"] == tuple(FILTER_VALUES)
    assert votes["race"] == ("vp-africa-2024", "president-2025", "sg-2024", "sg-preselection-2024")
    assert list(filter_options(data, ViewState("en", view="timeline"))) == ["region", "zoom"]
    assert list(filter_options(data, ViewState("en", view="members"))) == ["region"]


def test_a_region_without_the_race_brings_its_first_race_as_the_race_filter_does() -> None:
    data = load_dataset()
    state = ViewState("ar", view="map")
    assert after_tap(data, state, "region", "africa").race == "vp-africa-2024"  # offered: kept
    assert after_tap(data, state, "region", "europe") == ViewState(
        "ar", region="europe", race="president-2025", view="map"
    )
    assert after_tap(data, state, "race", "sg-2024").race == "sg-2024"


def test_each_option_brings_the_chart_of_its_state() -> None:
    data = load_dataset()
    state = ViewState("en", view="map")
    taps = tap_states(data, state)
    assert [after.region for after in taps["region"]] == list(FILTER_VALUES)
    assert taps["region"][0] == state  # the option already chosen: the chart as it is
    assert chart_arguments(region_map_chart, taps["region"][-1]) == ("europe", "president-2025", "en")
    assert chart_arguments(timeline_chart, ViewState("fr", zoom="history")) == ("history", "all", "fr")
    assert chart_arguments(votes_chart, ViewState("ar", race="sg-2024")) == ("sg-2024", "ar")
    assert chart_arguments(city_map_chart, state) == ("en",)  # no filter acts on it


def test_a_builder_argument_that_is_no_state_field_is_refused() -> None:
    def chart(data: object, race_id: str, lang: str) -> None: ...

    with pytest.raises(ValueError, match="race_id"):
        state_arguments(chart)
