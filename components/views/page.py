"""Page-wide look: direction of the page per language, and the styles of the HTML blocks."""

from __future__ import annotations

from functools import cache

import streamlit as st

from components.page_styles import base_css, sheet
from components.state import FILTER_SECTIONS
from components.text import is_rtl
from components.views.state_keys import control_key

# The style sheets are static/page/*.css (components/page_styles.py). In phone.css ``.dash-filter``
# stands for every filter's container: Streamlit classes a widget by its key
# (``st-key-control_<param>_<lang>``, components/views/state_keys.py).
FILTERS = ":is(" + ", ".join(f'[class*="st-key-{control_key(param)}_"]' for param in FILTER_SECTIONS) + ")"


@cache
def page_css(rtl: bool, frame: bool) -> str:
    """The page's styles: shared, phone, right-to-left (``rtl``) and the chart-only embed's (``frame``)."""
    sheets = [base_css(), sheet("phone").replace(".dash-filter", FILTERS)]
    sheets += [sheet("rtl")] if rtl else []
    sheets += [sheet("frame")] if frame else []
    return "\n".join(sheets)


def apply_direction(lang: str, *, frame: bool = False) -> None:
    """Set the page's direction and shared styles for ``lang`` (``frame``: the chart-only embed)."""
    st.html(f"<style>{page_css(is_rtl(lang), frame)}</style>")
