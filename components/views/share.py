"""Sharing: the full link of the current view, an embed snippet, the citation, and URL notices."""

from __future__ import annotations

import streamlit as st

from components.citation import citation_text
from components.data import Dataset
from components.fact_sheet import fact_sheet, fact_sheet_name
from components.i18n import format_number, t
from components.memo import shared
from components.share_card import share_card
from components.state import Ignored, ViewState, embed_snippet, share_url
from components.text import localized_digits, markdown_text
from components.views import cite

# A link may carry hundreds of keys, whose names could spell a message: the notice names a few.
MAX_NAMED = 5
# The share button's key (tests click it).
OPEN_KEY = "share-open"


def render(data: Dataset, state: ViewState) -> None:
    """The sidebar's share button; a click opens :func:`dialog` over the page.

    A plain button: the first view draws nothing more (the dialog's code viewer and download buttons
    are widget kinds of their own, each a chunk of Streamlit's code). An expander here cost a first
    view about 0.1 s of the page's main thread before the chart showed (docs/performance.md).
    """
    lang = state.lang
    if st.sidebar.button(t(lang, "share.title"), key=OPEN_KEY, width="stretch"):
        # Titled in the reader's language: the dialog is made per call.
        st.dialog(t(lang, "share.title"), width="large")(dialog)(data, state)


def dialog(data: Dataset, state: ViewState) -> None:
    """The link of exactly this view (copy button included), the share card, the fact sheet, the
    embed code and the citation tools."""
    lang = state.lang
    url = share_url(st.context.url or "", state)
    race_id, digits = state.race, state.digits
    st.code(url, language=None, wrap_lines=True)
    st.download_button(
        t(lang, "share.card"),
        data=lambda: shared(share_card, data, race_id, lang, digits),
        file_name=f"interpol-{race_id}-{lang}.png",
        mime="image/png",
        icon=":material/image:",
        key="download-card",
        on_click="ignore",
    )
    citation = localized_digits(citation_text(lang, url, data.version, data.changed), digits)
    st.download_button(
        t(lang, "share.fact_sheet"),
        # Made on the first click only, then kept per race, language, data version and link.
        data=lambda: shared(fact_sheet, data, race_id, lang, citation, digits),
        file_name=fact_sheet_name(race_id, lang),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download-fact-sheet",
        on_click="ignore",
    )
    st.caption(t(lang, "share.embed"))
    st.code(embed_snippet(url, t(lang, "app.title")), language="html", wrap_lines=True)
    st.caption(t(lang, "share.embed_chart"))
    st.code(embed_snippet(url, t(lang, "app.title"), chart_only=True), language="html", wrap_lines=True)
    cite.tools(data, state)


def notice(ignored: list[Ignored], lang: str, digits: str) -> None:
    """Say once, politely, what part of the link was not used: key names only, never values, at most
    :data:`MAX_NAMED` of them, then how many more (the notice is Markdown: names are escaped)."""
    parts = [t(lang, f"url.{item.reason}", key=markdown_text(item.key)) for item in ignored[:MAX_NAMED]]
    if len(ignored) > MAX_NAMED:
        parts.append(t(lang, "url.more", n=format_number(len(ignored) - MAX_NAMED, lang)))
    st.info(localized_digits(t(lang, "url.notice", parts=t(lang, "list.separator").join(parts)), digits), icon="ℹ️")
