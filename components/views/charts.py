"""Showing a figure: one call for every chart, so each gets the same offline config and theme."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.figures.layout import chart_config
from components.text import unwrap


def show(fig: go.Figure, key: str) -> None:
    """Draw ``fig`` with local map outlines and a download named after its title."""
    title = unwrap(str(fig.layout.title.text or key))
    # theme=None: Streamlit's theme would replace the title font with one without Arabic.
    st.plotly_chart(fig, theme=None, key=key, config=chart_config(title), width="stretch")
