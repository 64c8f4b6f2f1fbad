"""Places and the countries a race's map marks, by outcome."""

from __future__ import annotations

import pandas as pd

from components.data import Dataset
from components.tables.lookup import row_by
from components.tables.members import members_in
from components.tables.regions import ALL


def map_region(region: str) -> str:
    """The region a map shows for a filter value: Africa stands in for ``all`` (the race's seat)."""
    return "africa" if region == ALL else region


def place(data: Dataset, place_id: str) -> pd.Series:
    """One row of ``places`` (KeyError if unknown)."""
    return row_by(data.places, place_id)


def map_countries(data: Dataset, region: str, race_id: str) -> pd.DataFrame:
    """Countries to colour: members of the region, each tagged ``member`` or by the race's outcome.

    A candidate country outside the region is left out; non-members are never included.
    """
    members = members_in(data, map_region(region))[["iso3", "region"]].copy()
    candidates = data.candidates[data.candidates["race_id"] == race_id]
    outcome = candidates.drop_duplicates("country_iso3").set_index("country_iso3")["outcome"]
    members["status"] = members["iso3"].map(outcome).fillna("member").astype("string")
    return members.reset_index(drop=True)
