"""The chart-only frame for embeds (``?…&embed=true&frame=chart``): the section's chart with its
title and source line, and a link to the same view in the full dashboard."""

from __future__ import annotations

import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import t
from components.state import ViewState, share_url
from components.views.sections import SECTIONS


def render(data: Dataset, state: ViewState) -> None:
    """The chart of ``state``'s section (the vote share for sections without one), fitted to the frame."""
    SECTIONS[state.view].chart(data, state, fit=True)
    # The same view without the frame, in a new tab (share_url spells out the view's keys only).
    link = share_url(st.context.url or "", state)
    st.html(html.block(f'<p class="dash-frame-link">{html.link(link, t(state.lang, "frame.open"))}</p>', state.lang))
