"""The timeline section."""

from __future__ import annotations

import streamlit as st

from components.data import Dataset
from components.figures.timeline import timeline_figure
from components.i18n import t
from components.views import charts
from components.views.shared import shared


def render(data: Dataset, preset: str, region: str, lang: str) -> None:
    """The event timeline at the chosen zoom, filtered by region."""
    charts.show(shared(timeline_figure, data, preset, region, lang), key="timeline-chart")
    st.caption(t(lang, "timeline.legend_note"))
