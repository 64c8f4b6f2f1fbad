"""The map section: members and candidates of the region, and the venue in Glasgow."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.data import Dataset
from components.figures.maps import topojson_files
from components.i18n import t
from components.section_charts import PLACE_CHARTS, region_map_chart
from components.views import charts

TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"


def missing_outlines(region: str, folder: Path | None = None) -> list[str]:
    """Outline files the maps of ``region`` need that the server does not have."""
    folder = folder or TOPOJSON_DIR
    return [name for name in topojson_files(region) if not (folder / name).is_file()]


def render(data: Dataset, region: str, race_id: str, lang: str) -> None:
    """The region map and the maps of places, or a message in their place when their outline files are missing."""
    missing = missing_outlines(region)
    if missing:
        st.warning(t(lang, "map.missing_outlines", files=", ".join(missing)))
        return
    left, right = st.columns(2)
    with left:
        charts.show(data, "region-map", region_map_chart, region, race_id, lang)
    with right:
        for build in PLACE_CHARTS:
            charts.show(data, build.__name__, build, lang)
    st.caption(t(lang, "map.boundaries_note"))
