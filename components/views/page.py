"""Page-wide look: direction of the page per language, and the styles of the HTML blocks."""

from __future__ import annotations

import streamlit as st

from components.text import is_rtl

BASE_CSS = """
.dash-headline { font-size: 1.35rem; font-weight: 700; margin: 0 0 .25rem; }
.dash-where { color: #52606d; margin: 0 0 .5rem; }
.dash-quote, .dash-sources blockquote { border-inline-start: 3px solid #cbd2d9; margin: .25rem 0;
  padding-inline-start: .75rem; color: #3e4c59; font-style: italic; }
.dash-meta, .dash-note { color: #52606d; font-size: .9rem; }
.dash-sources li { margin-bottom: .75rem; }
table.dash-table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.dash-table th, table.dash-table td { border-bottom: 1px solid #e4e7eb; padding: .35rem .5rem;
  text-align: start; }
.dash-scroll { max-height: 480px; overflow: auto; }
.dash-scroll thead th { position: sticky; top: 0; background: #fff; }
table.dash-table caption { caption-side: top; text-align: start; color: #52606d; }
"""
# Streamlit has no RTL mode: the main column and the sidebar are turned right to left, the plotly
# containers stay as plotly.js wants them (it forces ltr; the figures mirror themselves).
RTL_CSS = """
[data-testid="stMain"] .block-container, [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] .block-container p, [data-testid="stMain"] h1, [data-testid="stMain"] h2,
[data-testid="stMain"] h3, [data-testid="stSidebarContent"] label { text-align: right; }
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stCode"] { direction: ltr; }
[data-testid="stMain"] ul, [data-testid="stMain"] ol, [data-testid="stSidebarContent"] ul {
  padding-left: 0; padding-inline-start: 1.5em; }
"""


def apply_direction(lang: str) -> None:
    """Set the page's direction and shared styles for ``lang``."""
    css = BASE_CSS + (RTL_CSS if is_rtl(lang) else "")
    st.html(f"<style>{css}</style>")
