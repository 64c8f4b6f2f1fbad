"""The panel shown instead of the dashboard when the data breaks a rule."""

from __future__ import annotations

import streamlit as st

from components import html
from components.data import DataError
from components.i18n import t

MAX_LISTED = 50


def data_error(error: DataError, lang: str) -> None:
    """Name every problem (file, line, column, what is wrong) without a traceback."""
    st.error(t(lang, "error.data", n=len(error.problems)))
    items = "".join(f"<li><code>{html.text(problem)}</code></li>" for problem in error.problems[:MAX_LISTED])
    more = len(error.problems) - MAX_LISTED
    tail = f"<p>{html.text(t(lang, 'error.more', n=more))}</p>" if more > 0 else ""
    st.html(html.block(f"<ul>{items}</ul>{tail}", lang))
    st.caption(t(lang, "error.fix"))


def view_error(section: str, error: Exception, lang: str) -> None:
    """A message in place of one section that failed; the other sections keep working."""
    st.warning(t(lang, "error.view", section=t(lang, f"view.{section}"), error=type(error).__name__))


def page_error(lang: str) -> None:
    """The one message a reader gets when the page itself failed (the detail is in the log)."""
    st.error(t(lang, "error.page"))
