"""The vote share section: chart, generated summary, the same numbers as a table, their sources."""

from __future__ import annotations

import streamlit as st

from components import html
from components.data import Dataset
from components.figures.vote_share import value_text, vote_share_figure
from components.i18n import country_name, t
from components.labels import candidate_name
from components.summaries import vote_summary
from components.tables.votes import denominators, vote_table
from components.views import charts
from components.views.share import card_button
from components.views.shared import shared
from components.views.sources import source_list


def render(data: Dataset, race_id: str, lang: str) -> None:
    """Everything about one race."""
    charts.show(shared(vote_share_figure, data, race_id, lang), key="votes-chart")
    card_button(st.container(), data, race_id, lang, key="download-card")
    st.html(shared(details_html, data, race_id, lang))
    with st.expander(t(lang, "votes.sources"), expanded=False):
        st.html(shared(race_sources_html, data, race_id, lang))


def details_html(data: Dataset, race_id: str, lang: str) -> str:
    """The generated summary and a table of the same numbers, as safe HTML."""
    table = vote_table(data, race_id)
    rows = [
        (
            html.text(candidate_name(row, lang)),
            html.text(country_name(str(row["country_iso3"]), lang) if row["option"] == "candidate" else ""),
            html.text(t(lang, f"outcome.{row['outcome']}") if row["option"] == "candidate" else ""),
            html.text(value_text(row, lang)),
        )
        for _, row in table.iterrows()
    ]
    header = [html.text(t(lang, key)) for key in ("col.candidate", "col.country", "col.outcome", "col.votes")]
    summary = html.block(f"<p>{html.text(vote_summary(data, race_id, lang))}</p>", lang)
    return summary + html.table(header, rows, lang, caption=t(lang, "votes.table_caption"))


def race_sources_html(data: Dataset, race_id: str, lang: str) -> str:
    """The sources of every number of the race: candidates' counts and published totals."""
    refs = [ref for ids in vote_table(data, race_id)["source_ids"] for ref in ids]
    refs += [ref for d in denominators(data, race_id) for ref in d.source_ids]
    return source_list(data, refs, lang)
