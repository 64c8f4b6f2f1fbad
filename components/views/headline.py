"""The headline: who was elected, with how many votes, where and when, and its source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import format_date, ordinal, t
from components.labels import localized
from components.memo import built_once
from components.summaries import headline_text
from components.tables.lookup import row_by
from components.tables.votes import DEFAULT_RACE, quoting_source, race_row, vote_table
from components.text import localized_digits


def render(data: Dataset, lang: str, digits: str) -> None:
    """The page title and one sourced sentence about the VP for Africa 2024 result, in ``digits``."""
    # One block, not st.title and a block: every element of the first view delays its first chart.
    st.html(localized_digits(title_html(lang) + headline_html(data, lang), digits))


def title_html(lang: str) -> str:
    """The page's title as its one ``h1``."""
    return f"<h1>{html.text(t(lang, 'app.title'))}</h1>"


@built_once
def headline_html(data: Dataset, lang: str) -> str:
    """The headline sentence, where and when, and the quote of its source, as safe HTML."""
    race = race_row(data, DEFAULT_RACE)
    table = vote_table(data, DEFAULT_RACE)
    winner = table[table["outcome"] == "elected"].iloc[0]
    assembly = row_by(data.assemblies, str(race["assembly_id"]))
    source = quoting_source(data, tuple(winner["source_ids"]), int(winner["votes"]), lang)
    headline = headline_text(data, DEFAULT_RACE, lang)
    where = t(
        lang,
        "headline.where",
        ordinal=ordinal(int(assembly["number"]), lang),
        city=localized(assembly, "city", lang),
        date=format_date(pd.Timestamp(race["date"]).date(), lang),
    )
    cite = t(lang, "headline.source", publisher=str(source["publisher"]))
    body = (
        f'<p class="dash-headline">{html.text(headline)}</p>'
        f'<p class="dash-where">{html.text(where)} · '
        f"{html.link(str(source['url']), cite)}</p>"
        f"{html.quote(source['quote'], str(source['language']), 'dash-quote')}"
        # On a phone the quote folds away behind its summary (static/page/phone.css shows one of the two).
        f'<details class="dash-quote-fold"><summary>{html.text(t(lang, "headline.quote"))}</summary>'
        f"{html.quote(source['quote'], str(source['language']))}</details>"
    )
    return html.block(body, lang)
