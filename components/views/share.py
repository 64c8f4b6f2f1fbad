"""Sharing: the full link of the current view, an embed snippet, and URL notices."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.i18n import t
from components.state import Ignored, embed_snippet, share_url


def render(state: Mapping[str, str], lang: str) -> None:
    """The link of exactly this view (copy button included) and the embed code."""
    url = share_url(st.context.url or "", state)
    st.sidebar.markdown(f"**{t(lang, 'share.title')}**")
    st.sidebar.code(url, language=None, wrap_lines=True)
    with st.sidebar.expander(t(lang, "share.embed")):
        st.code(embed_snippet(url, t(lang, "app.title")), language="html", wrap_lines=True)


def notice(ignored: list[Ignored], lang: str) -> None:
    """Say once, politely, what part of the link was not used (key names only, never values)."""
    parts = [t(lang, f"url.{item.reason}", key=item.key) for item in ignored]
    st.info(t(lang, "url.notice", parts=t(lang, "list.separator").join(parts)), icon="ℹ️")
