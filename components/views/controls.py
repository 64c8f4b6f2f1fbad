"""The controls: language, digits (Arabic only), region, race, timeline zoom and section. Their
state comes from and goes to the URL through :mod:`components.views.url`, under the keys of
:mod:`components.views.state_keys`. A filter is drawn only in the sections it acts on
(``FILTER_SECTIONS``), in the main column right under the section picker and above the chart it
filters: on a phone the sidebar is collapsed, and a filter behind it was a filter the reader never
found. The language and the digits beside it stay in the sidebar. Region and race are drawn by the
page for every section; a filter that one section alone reads is drawn by that section's view
(:func:`chart_filter`, as the timeline draws its zoom).

Every control is a radio group: a reader sees every option and picks with one tap, and a first view
with one kind of widget loads one of Streamlit's widget chunks, not three (selectbox, segmented
control and radio each bring their own; README "Performance").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from components.i18n import LANGUAGES, t
from components.state import FILTER_SECTIONS, VIEWS, ViewState
from components.tables.regions import FILTER_VALUES
from components.text import DEFAULT_DIGITS, DIGITS, localized_digits, markdown_text, offers_digits
from components.views.state_keys import control_key, widget_key

# Each language's name in itself, so anyone can find theirs.
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}


def _copy(source: str, target: str) -> None:
    st.session_state[target] = st.session_state[source]


def _value(param: str, options: Sequence[str]) -> str:
    """The value under ``control_key(param)``, set to the first option when not one of ``options``."""
    value_key = control_key(param)
    if st.session_state.get(value_key) not in options:  # e.g. a race outside a new region
        st.session_state[value_key] = options[0]
    return str(st.session_state[value_key])


def _control(
    widget: Callable[..., Any],
    param: str,
    lang: str,
    options: Sequence[str],
    digits: str = DEFAULT_DIGITS,
    **kwargs: Any,
) -> str:
    """A widget whose value lives under ``control_key(param)``, whatever the language; its option
    labels show their numbers in ``digits``. The widget itself is keyed per language and digits
    (:func:`~components.views.state_keys.widget_key`: a race's label holds its date).
    """
    value_key = control_key(param)
    key = widget_key(param, lang, digits)
    value = st.session_state[key] = _value(param, options)
    if "format_func" in kwargs:
        label = kwargs.pop("format_func")
        kwargs["format_func"] = lambda option: localized_digits(label(option), digits)
    widget(options=options, key=key, on_change=_copy, args=(key, value_key), **kwargs)
    return value


def chart_filter(param: str, state: ViewState, options: Sequence[str], **kwargs: Any) -> str:
    """A filter over the chart, labelled by the message ``control.<param>``, drawn only in the
    sections it acts on (``FILTER_SECTIONS``); elsewhere its value is kept as is (for the link and
    for when it is shown again). Its options stand in one row: on a phone the row scrolls sideways
    inside itself (``static/page/phone.css``)."""
    if state.view not in FILTER_SECTIONS[param]:
        return _value(param, options)
    lang = state.lang
    label = t(lang, f"control.{param}")
    return _control(st.radio, param, lang, options, state.digits, label=label, horizontal=True, **kwargs)


def language() -> str:
    """The language switch (its labels do not depend on the language)."""
    key = control_key("lang")
    if st.session_state.get(key) not in LANGUAGES:
        st.session_state[key] = LANGUAGES[0]
    choice = st.sidebar.radio(
        "Language · اللغة · Langue", LANGUAGES, format_func=LANGUAGE_NAMES.__getitem__, horizontal=True, key=key
    )
    return str(choice)


def _picker(
    widget: Callable[..., Any], param: str, lang: str, values: Sequence[str], label: str, prefix: str, **extra: Any
) -> str:
    """A one-line radio of ``values`` labelled by the messages ``label`` and ``<prefix>.<value>``."""
    return _control(
        widget,
        param,
        lang,
        values,
        label=t(lang, label),
        horizontal=True,
        format_func=lambda key: t(lang, f"{prefix}.{key}"),
        **extra,
    )


def digits(lang: str) -> str:
    """Western or Arabic-Indic digits, beside the language: offered in Arabic only (Western elsewhere)."""
    if not offers_digits(lang):
        return DEFAULT_DIGITS
    return _picker(st.sidebar.radio, "digits", lang, DIGITS, "control.digits", "digits")


def region(state: ViewState) -> str:
    """The region filter."""
    return chart_filter("region", state, FILTER_VALUES, format_func=lambda key: t(state.lang, f"region.{key}"))


def race(state: ViewState, choices: Sequence[str], labels: dict[str, str]) -> str:
    """The race picker: races with published counts kept by the region filter."""
    # Option labels are Markdown to Streamlit; a race's name is data, shown as typed.
    return chart_filter("race", state, choices, format_func=lambda key: markdown_text(labels.get(key) or key))


def current_section() -> str:
    """The section this run shows, before its picker is drawn (the filters above depend on it)."""
    return _value("view", VIEWS)


def section(lang: str) -> str:
    """Which section of the page is shown."""
    return _picker(st.radio, "view", lang, VIEWS, "control.view", "view", label_visibility="collapsed")
