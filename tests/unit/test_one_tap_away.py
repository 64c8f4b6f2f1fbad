"""The charts one filter tap away (components/section_charts.py): what the server sends ahead."""

from __future__ import annotations

from components.data import load_dataset
from components.section_charts import city_map_chart, one_tap_away, region_map_chart, timeline_chart, votes_chart


def test_each_other_value_of_each_filter_once_with_the_rest_kept() -> None:
    data = load_dataset()
    assert one_tap_away(data, votes_chart, ("vp-africa-2024", "ar")) == [
        ("president-2025", "ar"),
        ("sg-2024", "ar"),
        ("sg-preselection-2024", "ar"),
    ]
    timeline = one_tap_away(data, timeline_chart, ("assembly", "all", "en"))
    assert ("campaign", "all", "en") in timeline and ("assembly", "europe", "en") in timeline
    assert len(timeline) == len(set(timeline)) == 6  # two other periods, four other regions
    assert one_tap_away(data, city_map_chart, ("fr",)) == []  # no filter acts on it


def test_a_region_without_the_race_brings_its_first_race_as_the_race_picker_does() -> None:
    away = one_tap_away(load_dataset(), region_map_chart, ("all", "vp-africa-2024", "ar"))
    assert ("africa", "vp-africa-2024", "ar") in away  # Africa offers the race: it is kept
    assert ("europe", "president-2025", "ar") in away  # Europe does not: its first race
    assert ("all", "sg-2024", "ar") in away and all(other[-1] == "ar" for other in away)
