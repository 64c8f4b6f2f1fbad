"""The vote share section: chart, generated summary, the same numbers as a table, their sources."""

from __future__ import annotations

import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import t
from components.memo import built_once
from components.section_charts import race_source_ids, votes_chart
from components.state import ViewState
from components.summaries import vote_rows
from components.text import localized_digits
from components.views import charts
from components.views.sources import source_list


def chart(data: Dataset, state: ViewState, *, fit: bool = False) -> None:
    """The vote share of the state's race (``fit``: fitted to the chart-only embed)."""
    charts.show(data, "votes-chart", votes_chart(data, state.race, state.lang), state, fit=fit)


def render(data: Dataset, state: ViewState) -> None:
    """Everything about the state's race, its numbers in the state's digits."""
    chart(data, state)
    race_id, lang = state.race, state.lang
    sources = html.fold(t(lang, "votes.sources"), race_sources_html(data, race_id, lang))
    st.html(localized_digits(html.block(details_html(data, race_id, lang) + sources, lang), state.digits))


@built_once
def details_html(data: Dataset, race_id: str, lang: str) -> str:
    """A table of the chart's numbers, as safe HTML (the chart frame carries the summary)."""
    rows = [tuple(html.text(cell) for cell in row) for row in vote_rows(data, race_id, lang)]
    header = [html.text(t(lang, key)) for key in ("col.candidate", "col.country", "col.outcome", "col.votes")]
    caption = t(lang, "votes.table_caption")
    # A phone scrolls the table inside its box, not the page.
    return html.scroll_region(html.table(header, rows, lang, caption=caption), lang, caption)


@built_once
def race_sources_html(data: Dataset, race_id: str, lang: str) -> str:
    """The sources of every number of the race: candidates' counts and published totals."""
    return source_list(data, race_source_ids(data, race_id), lang)
