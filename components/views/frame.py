"""The chart-only frame for embeds (``?…&embed=true&frame=chart``): the section's chart with its
title and source line, and a link to the same view in the full dashboard."""

from __future__ import annotations

import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import t
from components.section_charts import region_map_chart, timeline_chart, votes_chart
from components.state import ViewState, share_url
from components.views import charts


def render(data: Dataset, state: ViewState) -> None:
    """The chart of ``state``'s section (the vote share for sections without one), fitted to the frame."""
    lang, view, digits = state.lang, state.view, state.digits
    if view == "timeline":
        events = timeline_chart(data, state.zoom, state.region, lang)
        charts.show(data, "timeline-chart", events, digits=digits, fit=True)
    elif view == "map":
        region_map = region_map_chart(data, state.region, state.race, lang)
        charts.show(data, "region-map", region_map, digits=digits, fit=True)
    else:
        charts.show(data, "votes-chart", votes_chart(data, state.race, lang), digits=digits, fit=True)
    # The same view without the frame, in a new tab (share_url spells out the view's keys only).
    link = share_url(st.context.url or "", state)
    st.html(html.block(f'<p class="dash-frame-link">{html.link(link, t(lang, "frame.open"))}</p>', lang))
