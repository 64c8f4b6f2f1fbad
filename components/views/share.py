"""Sharing: the full link of the current view, an embed snippet, and URL notices."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.data import Dataset
from components.i18n import t
from components.share_card import share_card
from components.state import Ignored, embed_snippet, share_url
from components.views.shared import shared


def render(data: Dataset, state: Mapping[str, str], lang: str) -> None:
    """The link of exactly this view (copy button included), the share card and the embed code.

    Drawn only once the reader opens the panel: its code viewer and download button are widget kinds
    of their own, each a chunk of Streamlit's code that a first view would otherwise load.
    """
    panel = st.sidebar.expander(t(lang, "share.title"), icon=":material/share:", key="share-panel", on_change="rerun")
    if not panel.open:
        return
    url = share_url(st.context.url or "", state)
    race_id = state["race"]
    with panel:
        st.code(url, language=None, wrap_lines=True)
        st.download_button(
            t(lang, "share.card"),
            data=lambda: shared(share_card, data, race_id, lang),
            file_name=f"interpol-{race_id}-{lang}.png",
            mime="image/png",
            icon=":material/image:",
            key="download-card",
            on_click="ignore",
        )
        st.caption(t(lang, "share.embed"))
        st.code(embed_snippet(url, t(lang, "app.title")), language="html", wrap_lines=True)
        st.caption(t(lang, "share.embed_chart"))
        st.code(embed_snippet(url, t(lang, "app.title"), chart_only=True), language="html", wrap_lines=True)


def notice(ignored: list[Ignored], lang: str) -> None:
    """Say once, politely, what part of the link was not used (key names only, never values)."""
    parts = [t(lang, f"url.{item.reason}", key=item.key) for item in ignored]
    st.info(t(lang, "url.notice", parts=t(lang, "list.separator").join(parts)), icon="ℹ️")
