"""Page-wide look: direction of the page per language, and the styles of the HTML blocks."""

from __future__ import annotations

import streamlit as st

from components.state import FILTER_SECTIONS
from components.text import is_rtl
from components.theme import css_variables
from components.views.state_keys import control_key

# Colours are the theme's (components/theme.py), as light-dark() pairs: Streamlit sets the
# color-scheme of its app container to the active theme, so every block follows it.
BASE_CSS = (
    ":root { "
    + css_variables()
    + """ }
.dash-headline { font-size: 1.35rem; font-weight: 700; margin: 0 0 .25rem; }
/* The sidebar's first element loads the chart code and draws nothing: no gap for it either. */
.st-key-plotly-prefetch, .st-key-charts-ahead { display: none; }
.dash-where { color: var(--dash-muted); margin: 0 0 .5rem; }
.dash-quote, .dash-sources blockquote { border-inline-start: 3px solid var(--dash-border); margin: .25rem 0;
  padding-inline-start: .75rem; color: var(--dash-ink); font-style: italic; }
.dash-meta, .dash-note { color: var(--dash-muted); font-size: .9rem; }
.dash-caption { color: var(--dash-muted); font-size: .875rem; margin: .25rem 0 .5rem; }
/* The event list under the timeline: each event's title on a line of its own (it ran into its
   category: "...in Glasgow General Assembly · ..."), its category and source muted under it. */
ol.dash-events li { margin-bottom: .4rem; }
.dash-event-date { color: var(--dash-muted); }
.dash-event-title { font-weight: 600; }
.dash-event-meta { display: block; color: var(--dash-muted); font-size: .875rem; }
/* Folded blocks (html.fold) look like Streamlit's expanders, with the browser's own disclosure. */
.dash-fold { border: 1px solid var(--dash-border); border-radius: .5rem; margin: .5rem 0 1rem; }
.dash-fold > summary { cursor: pointer; padding: .6rem .9rem; color: var(--dash-ink); }
.dash-fold[open] > summary { border-bottom: 1px solid var(--dash-grid); }
.dash-fold > :not(summary) { padding: 0 .9rem; }
.dash-sources li { margin-bottom: .75rem; }
/* One click selects the whole citation (no script can copy from an HTML block; the share panel can). */
.dash-cite-text { user-select: all; overflow-wrap: anywhere; }
table.dash-table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.dash-table th, table.dash-table td { border-bottom: 1px solid var(--dash-grid); padding: .35rem .5rem;
  text-align: start; }
.dash-scroll { max-height: 480px; overflow: auto; }
.dash-scroll thead th { position: sticky; top: 0; background: var(--dash-background); }
table.dash-table caption { caption-side: top; text-align: start; color: var(--dash-muted); }
/* Streamlit fades captions to 60 % opacity (2.7:1 on white): the theme's muted colour instead. */
[data-testid="stApp"] [data-testid="stCaptionContainer"] { color: var(--dash-muted); opacity: 1; }
/* Keyboard focus: Streamlit marks a focused radio option with a faint grey box only. */
.dash-scroll:focus-visible, .dash-fold > summary:focus-visible, [data-testid="stRadio"] label:has(input:focus-visible) {
  outline: 2px solid var(--dash-link); outline-offset: 2px; border-radius: .25rem; }
/* Streamlit lets a horizontal radio's options shrink, breaking their labels inside a word. */
[data-testid="stMain"] [data-testid="stRadioGroup"] > div { flex: none; }
[data-testid="stMain"] [data-testid="stRadioGroup"] p { white-space: nowrap; }
"""
)
# A phone's first screen holds the answer, the filters and the start of the first chart: the
# headline leads (the title only for screen readers), the quote folded (the source link stays), the
# section picker's options in two short rows, each filter on one line.
PHONE_CSS = """
.dash-quote-fold { display: none; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.25rem; padding-left: .75rem; padding-right: .75rem; }
  /* The headline says what the title says, with the answer: the title stays for screen readers. */
  [data-testid="stMain"] h1 { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; padding: 0; }
  .dash-headline { font-size: 1.05rem; }
  .dash-where { font-size: .85rem; margin-bottom: .25rem; }
  .dash-block > .dash-quote { display: none; }
  .dash-quote-fold { display: block; font-size: .85rem; margin: 0 0 .25rem; }
  .dash-quote-fold summary { cursor: pointer; color: var(--dash-ink); }
  [data-testid="stMain"] [data-testid="stRadioGroup"] { gap: .25rem .9rem; }
  /* A filter over the chart: its label and its options on one line, the options scrolling sideways
     inside it (never the page), so the region and the race filters take two short lines. */
  [data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: .5rem; }
  .dash-filter { width: 100%; }
  .dash-filter + .dash-filter { margin-top: -.3rem; }
  .dash-filter [data-testid="stRadio"] { display: flex; align-items: center; gap: .6rem; width: 100%; }
  .dash-filter [data-testid="stWidgetLabel"] { flex: none; margin: 0; min-height: 0; }
  .dash-filter [data-testid="stWidgetLabel"] p { font-size: .85rem; color: var(--dash-muted); }
  /* Positioned: the options' hidden inputs (absolutely placed) stay inside the row that scrolls,
     instead of widening the main column. */
  .dash-filter [data-testid="stRadioGroup"] { flex-wrap: nowrap; overflow-x: auto; min-width: 0;
    scrollbar-width: none; padding: .15rem .1rem; position: relative; }
}
"""
# ``.dash-filter`` above stands for every filter's container: Streamlit classes a widget by its key
# (``st-key-control_<param>_<lang>``, components/views/state_keys.py).
FILTERS = ":is(" + ", ".join(f'[class*="st-key-{control_key(param)}_"]' for param in FILTER_SECTIONS) + ")"
PHONE_CSS = PHONE_CSS.replace(".dash-filter", FILTERS)
# Streamlit has no RTL mode: the sidebar moves to the right (tests/browser/test_shell.py guards it,
# open and collapsed, on a desktop and a phone), the main column and the sidebar are turned right to
# left, the plotly containers stay as plotly.js wants them (it forces ltr; the figures mirror themselves).
RTL_CSS = """
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
[data-testid="stSidebar"] { left: auto; right: 0; }
/* Collapsed, Streamlit slides the sidebar out to the left: from the right it would slide over the page.
   Its descendants too: Streamlit sets some labels visible inline, and visible beats an inherited hidden. */
[data-testid="stSidebar"][data-collapsed="true"],
[data-testid="stSidebar"][data-collapsed="true"] * { visibility: hidden !important; }
/* The button that opens the sidebar stands on the side it opens from, its arrows pointing that way. */
[data-testid="stToolbar"] { direction: rtl; }
[data-testid="stExpandSidebarButton"] [data-testid="stIconMaterial"] { transform: scaleX(-1); }
[data-testid="stMain"] .block-container, [data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMain"] .block-container p, [data-testid="stMain"] h1, [data-testid="stMain"] h2,
[data-testid="stMain"] h3, [data-testid="stSidebarContent"] label { text-align: right; }
[data-testid="stCode"] { direction: ltr; }
[data-testid="stMain"] ul, [data-testid="stMain"] ol, [data-testid="stSidebarContent"] ul {
  padding-left: 0; padding-inline-start: 1.5em; }
"""


# The chart-only embed: the chart from the frame's top edge.
FRAME_CSS = """
[data-testid="stMainBlockContainer"] { padding: .5rem .75rem 0; }
[data-testid="stHeader"] { display: none; }
.dash-frame-link { margin: 0; font-size: .9rem; }
"""


def apply_direction(lang: str, *, frame: bool = False) -> None:
    """Set the page's direction and shared styles for ``lang`` (``frame``: the chart-only embed)."""
    css = BASE_CSS + PHONE_CSS + (RTL_CSS if is_rtl(lang) else "") + (FRAME_CSS if frame else "")
    st.html(f"<style>{css}</style>")
