"""Member countries by region, with names in the chosen language and the basis of each region."""

from __future__ import annotations

import pandas as pd

from components.data import Dataset
from components.data.schema import REGIONS
from components.i18n import country_name
from components.tables.regions import ALL, data_region


def members_in(data: Dataset, region: str) -> pd.DataFrame:
    """Members kept by the region filter (all of them for ``all``)."""
    if region == ALL:
        return data.members
    return data.members[data.members["region"] == data_region(region)]


def members_table(data: Dataset, region: str, lang: str) -> pd.DataFrame:
    """The members table as shown: country name in ``lang``, code, region, basis, joining year."""
    members = members_in(data, region)
    table = pd.DataFrame(
        {
            "country": [country_name(code, lang) for code in members["iso3"]],
            "iso3": members["iso3"].to_numpy(),
            "region": members["region"].to_numpy(),
            "region_basis": members["region_basis"].to_numpy(),
            "region_rule": members["region_rule"].to_numpy(),
            "region_sources": [";".join(ids) for ids in members["region_source_ids"]],
            # An unknown year stays empty (never "None" or 0).
            "joined_year": [str(int(year)) if pd.notna(year) else "" for year in members["joined_year"]],
        }
    )
    return table.sort_values("country", key=lambda names: names.str.casefold()).reset_index(drop=True)


def region_counts(data: Dataset) -> pd.DataFrame:
    """Members per region and per basis (sourced / inferred), every region listed."""
    counts = pd.crosstab(data.members["region"], data.members["region_basis"])
    counts = counts.reindex(index=list(REGIONS), columns=["sourced", "inferred"], fill_value=0)
    counts["total"] = counts.sum(axis=1)
    return counts
