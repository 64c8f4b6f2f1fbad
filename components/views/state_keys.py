"""Every ``st.session_state`` key of the view state, named here and nowhere else.

Each URL key's value lives under its control key (``control_<key>``), whatever the language; the
widget that shows it is keyed per language and digits (:func:`widget_key`). ``url_last_written``
is the address bar as this session last wrote or read it.
"""

from __future__ import annotations

import streamlit as st

from components.state import PARAM_ORDER, ViewState
from components.text import DEFAULT_DIGITS

LAST_WRITTEN = "url_last_written"


def control_key(param: str) -> str:
    """The key of URL parameter ``param``'s value."""
    return f"control_{param}"


def widget_key(param: str, lang: str, digits: str = DEFAULT_DIGITS) -> str:
    """The key of the widget that shows ``param`` in ``lang`` and ``digits``: with one key, Streamlit
    kept showing the previous language's option labels after a language switch."""
    key = f"{control_key(param)}_{lang}"
    return key if digits == DEFAULT_DIGITS else f"{key}_{digits}"


def current() -> ViewState:
    """The view this session's controls hold."""
    return ViewState.of({key: st.session_state[control_key(key)] for key in PARAM_ORDER})


def hold(state: ViewState) -> None:
    """Set every control's value to ``state``'s."""
    for key, value in state.params().items():
        st.session_state[control_key(key)] = value
