"""The controls: language, region, race, timeline zoom and section. Their state comes from and
goes to the URL through :mod:`components.views.url`, keyed by :func:`~components.views.url.widget_key`."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.i18n import LANGUAGES, t
from components.state import VIEWS
from components.tables.regions import FILTER_VALUES
from components.tables.timeline import PRESETS
from components.views.url import widget_key

# Each language's name in itself, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}


def _keep_valid(param: str, options: Sequence[str]) -> None:
    # A value that the options no longer hold (e.g. a race outside a new region) falls back.
    key = widget_key(param)
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]


def language() -> str:
    """The language switch."""
    _keep_valid("lang", LANGUAGES)
    choice = st.sidebar.radio(
        "Language · اللغة · Langue",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        key=widget_key("lang"),
    )
    return str(choice)


def region(lang: str) -> str:
    """The region filter."""
    _keep_valid("region", FILTER_VALUES)
    choice = st.sidebar.selectbox(
        t(lang, "control.region"),
        FILTER_VALUES,
        format_func=lambda key: t(lang, f"region.{key}"),
        key=widget_key("region"),
    )
    return str(choice)


def race(lang: str, choices: Sequence[str], labels: dict[str, str]) -> str:
    """The race picker: races with published counts kept by the region filter."""
    _keep_valid("race", choices)
    choice = st.sidebar.selectbox(
        t(lang, "control.race"),
        choices,
        format_func=lambda key: labels.get(key, key),
        key=widget_key("race"),
    )
    return str(choice)


def zoom(lang: str) -> str:
    """The timeline's zoom preset."""
    _keep_valid("zoom", tuple(PRESETS))
    choice = st.sidebar.radio(
        t(lang, "control.zoom"),
        tuple(PRESETS),
        format_func=lambda key: t(lang, f"preset.{key}"),
        key=widget_key("zoom"),
    )
    return str(choice)


def section(lang: str) -> str:
    """Which section of the page is shown."""
    _keep_valid("view", VIEWS)
    choice = st.segmented_control(
        t(lang, "control.view"),
        VIEWS,
        required=True,
        format_func=lambda key: t(lang, f"view.{key}"),
        key=widget_key("view"),
        label_visibility="collapsed",
    )
    return str(choice or VIEWS[0])
