"""The timeline section: the chart, and the list of the events it shows."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import t
from components.labels import event_when, localized
from components.memo import built_once
from components.section_charts import timeline_chart
from components.state import ViewState
from components.tables.lookup import row_by
from components.tables.timeline import PRESETS, timeline_rows
from components.text import localized_digits
from components.views import charts, controls


def chart(data: Dataset, state: ViewState, *, fit: bool = False) -> None:
    """The events of the state's zoom and region (``fit``: fitted to the chart-only embed)."""
    events = timeline_chart(data, state.zoom, state.region, state.lang)
    charts.show(data, "timeline-chart", events, state, fit=fit)


def render(data: Dataset, state: ViewState) -> None:
    """The zoom over the chart, the event timeline at that zoom filtered by region, and its events as
    a list, in the state's digits."""
    lang = state.lang
    zoom = controls.chart_filter("zoom", state, tuple(PRESETS), format_func=lambda key: t(lang, f"preset.{key}"))
    state = replace(state, zoom=zoom)
    chart(data, state)
    note = html.block(html.caption(t(lang, "timeline.legend_note")), lang)
    st.html(localized_digits(note + event_list_html(data, state.zoom, state.region, lang), state.digits))


@built_once
def event_list_html(data: Dataset, preset: str, region: str, lang: str) -> str:
    """The events the chart shows, numbered as its rows on a phone: date at its precision, title,
    category and source link."""
    items = []
    for _, row in timeline_rows(data, preset, region).iterrows():
        when = event_when(row, lang)
        source = row_by(data.sources, row["source_ids"][0])
        category = t(lang, f"category.{row['category']}")
        items.append(
            f'<li><span class="dash-event-date">{html.text(when)}</span> '
            f'<span class="dash-event-title">{html.text(localized(row, "title", lang))}</span> '
            f'<span class="dash-event-meta">{html.text(category)} · '
            f"{html.link(str(source['url']), str(source['publisher']))}</span></li>"
        )
    heading = f'<h3 class="dash-list-title">{html.text(t(lang, "timeline.list_title"))}</h3>'
    return html.block(f'{heading}<ol class="dash-events">{"".join(items)}</ol>', lang)
