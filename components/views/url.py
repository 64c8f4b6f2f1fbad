"""The only reader and writer of the address bar: it fills the controls from a link, and writes
the view back after every run (a new history entry, so Back and Forward move between views)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import streamlit as st

from components.state import Ignored, ViewState, ignored_params
from components.views import state_keys


def current() -> dict[str, list[str]]:
    """Every parameter of the address bar with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _canonical(params: Mapping[str, list[str]]) -> str:
    return repr(sorted((key, list(values)) for key, values in params.items()))


def load(allowed: Mapping[str, Collection[str]], fallback: ViewState) -> list[Ignored]:
    """When the URL was not written by this session (a shared link, Back/Forward, an edit), set
    every control from it; return what in it was ignored."""
    params = current()
    if st.session_state.get(state_keys.LAST_WRITTEN) == _canonical(params):
        return []
    state_keys.hold(ViewState.from_query(params, allowed, fallback))
    st.session_state[state_keys.LAST_WRITTEN] = _canonical(params)
    return ignored_params(params, allowed)


def save(state: ViewState, fallback: ViewState) -> None:
    """Write the view into the address bar (only when it changed)."""
    wanted = state.changed_params(fallback)
    as_lists = {key: [value] for key, value in wanted.items()}
    if _canonical(as_lists) != _canonical(current()):
        st.query_params.from_dict(wanted)
    st.session_state[state_keys.LAST_WRITTEN] = _canonical(as_lists)


def requested(param: str) -> str | None:
    """A parameter as the URL has it right now, unchecked (for choosing a language early)."""
    values = st.query_params.get_all(param)
    return values[0] if len(values) == 1 else None
