"""The region filter: which seat, event and member regions a choice of region keeps."""

from __future__ import annotations

from components.data.schema import REGIONS

ALL = "all"
# URL values (short, ASCII) of the filter, and the data's region names they stand for.
REGION_KEYS: dict[str, str] = {
    "africa": "Africa",
    "americas": "Americas",
    "asia": "Asia & South Pacific",
    "europe": "Europe",
}
FILTER_VALUES: tuple[str, ...] = (ALL, *REGION_KEYS)
assert set(REGION_KEYS.values()) == set(REGIONS)


def data_region(key: str) -> str | None:
    """The data's region name for a filter value, or None for ``all``."""
    return REGION_KEYS.get(key)


def keeps(key: str, region: object) -> bool:
    """Whether a row of ``region`` (a region name, ``global`` or empty) passes the filter ``key``."""
    if key == ALL:
        return True
    return region in (data_region(key), "global")
