"""The map section: members and candidates of the region, and the venue in Glasgow."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components import html
from components.data import Dataset
from components.figures.maps import topojson_files
from components.i18n import country_name, t
from components.memo import built_once
from components.section_charts import PLACE_CHARTS, region_map_chart
from components.state import ViewState
from components.tables.places import map_countries, map_region
from components.text import localized_digits
from components.views import charts

# The table lists outcomes first, then the members, each group by name.
STATUS_ORDER = ("elected", "lost", "withdrew", "member")

TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"


def missing_outlines(region: str, folder: Path | None = None) -> list[str]:
    """Outline files the maps of ``region`` need that the server does not have."""
    folder = folder or TOPOJSON_DIR
    return [name for name in topojson_files(region) if not (folder / name).is_file()]


def chart(data: Dataset, state: ViewState, *, fit: bool = False, column: bool = False) -> None:
    """The map of the state's region and race (``fit``: fitted to the chart-only embed; ``column``:
    in one of two columns)."""
    region_map = region_map_chart(data, state.region, state.race, state.lang)
    charts.show(data, "region-map", region_map, state, fit=fit, column=column)


def render(data: Dataset, state: ViewState) -> None:
    """The region map and the maps of places, or a message in their place when their outline files are missing."""
    region, lang, digits = state.region, state.lang, state.digits
    missing = missing_outlines(region)
    if missing:
        st.warning(t(lang, "map.missing_outlines", files=", ".join(missing)))
        return
    left, right = st.columns(2)
    with left:
        chart(data, state, column=True)
        # The note on borders and the map as a table in one block under the map they are about.
        table = html.fold(t(lang, "map.table_title"), map_table_html(data, region, state.race, lang))
        st.html(localized_digits(html.block(html.caption(t(lang, "map.boundaries_note")) + table, lang), digits))
    with right:
        for build in PLACE_CHARTS:
            charts.show(data, build.__name__, build(data, lang), state, column=True)


@built_once
def map_table_html(data: Dataset, region: str, race_id: str, lang: str) -> str:
    """Every country the region map colours, with what its colour says (the map in words)."""
    countries = map_countries(data, region, race_id).assign(
        name=lambda frame: [country_name(code, lang) for code in frame["iso3"]],
        rank=lambda frame: [STATUS_ORDER.index(status) for status in frame["status"]],
    )
    rows = [
        (html.text(row["name"]), html.text(row["iso3"]), html.text(t(lang, f"map.status.{row['status']}")))
        for _, row in countries.sort_values(["rank", "name"]).iterrows()
    ]
    header = [html.text(t(lang, key)) for key in ("col.country", "col.iso", "col.outcome")]
    caption = t(lang, "map.table_caption", region=t(lang, f"region.{map_region(region)}"), n=len(rows))
    return html.table(header, rows, lang, caption=caption)
