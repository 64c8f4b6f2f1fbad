"""INTERPOL Vice-President for Africa 2024: the dashboard's page, URL state and layout.

Each section's code is one hop away: ``components/views/<section>.py`` draws it with a figure
builder from ``components/figures/`` and tables from ``components/tables/``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import streamlit as st

from components.data import DATA_DIR, DataError, Dataset, files_state, load_dataset
from components.data.loading import FileState
from components.i18n import LANGUAGES, language_from_locale
from components.labels import race_labels
from components.memo import shared
from components.state import ViewState, allowed_values
from components.tables.regions import ALL
from components.tables.votes import race_choices
from components.views import charts, cite, controls, errors, frame, headline, page, share, state_keys, url
from components.views.sections import SECTIONS

LOG = logging.getLogger("dashboard")
# Tests and previews point the app at another data folder.
DATA_FOLDER = Path(os.environ.get("DASHBOARD_DATA_DIR", DATA_DIR))

st.set_page_config(page_title="INTERPOL · VP Africa 2024", page_icon="🗳️", layout="wide")


@st.cache_resource(show_spinner=False, max_entries=4)
def checked(folder: str, files: FileState) -> Dataset | DataError:
    """The checked data, or every problem in it, once per state of the files (``files``), shared
    (read-only) by every session: a failed check costs as much as a good one, so it is kept too."""
    try:
        return load_dataset(Path(folder))
    except DataError as error:
        return error


def dataset(folder: Path) -> Dataset | DataError:
    """:func:`checked` for the files of ``folder`` as they are now (an edit is checked once)."""
    return checked(str(folder), files_state(folder))


def requested_language() -> str:
    """The link's language if it names one, else the browser's (before the controls exist)."""
    lang = url.requested("lang")
    return lang if lang in LANGUAGES else language_from_locale(st.context.locale)


def guarded(view: str, lang: str, draw: Callable[[], None]) -> None:
    """Draw one section; if it fails, a message in its place (the detail goes to the log)."""
    try:
        draw()
    except Exception as error:  # one broken section must not take the page down
        LOG.exception("section %s failed", view)
        errors.view_error(view, error, lang)


@st.fragment
def section(data: Dataset, fallback: ViewState) -> None:
    """The section's filters over its chart, the section, its link (address bar, share button,
    citation). A fragment: a filter tap reruns this alone, and the rest of the page stays as it is."""
    state = state_keys.current()
    # The filters over the chart (on a phone they are on the first screen): region and race here,
    # for every section, as the race is checked against the region even where it is not shown (the
    # link never names a race its region does not offer); a section's own filters in its view.
    region = controls.region(state)
    race = controls.race(state, shared(race_choices, data, region), shared(race_labels, data, state.lang))
    state = replace(state, region=region, race=race)
    guarded(state.view, state.lang, lambda: SECTIONS[state.view].page(data, state))
    state = state_keys.current()  # with the values of the section's own filters (the timeline's zoom)
    url.save(state, fallback)
    # Into the sidebar from here, so a fragment rerun redraws the open panel's link too.
    share.render(data, state)
    cite.footer(data, state)
    # Last: the charts a tap would bring, which the page holds for the next tap.
    charts.send_ahead(data)


def main() -> None:
    """Read the URL, draw the controls, the headline and the chosen section, write the URL."""
    browser_lang = language_from_locale(st.context.locale)
    data = dataset(DATA_FOLDER)
    if isinstance(data, DataError):
        lang = requested_language()
        page.apply_direction(lang)
        errors.data_error(data, lang)
        return
    charts.warm_paints(data)
    fallback = ViewState(browser_lang)
    allowed = allowed_values(shared(race_choices, data, ALL))
    if url.requested("frame") == "chart":
        # An embed shows one chart and no controls: the view comes from the link alone.
        state = ViewState.from_query(url.current(), allowed, fallback)
        charts.prefetch("geo" if state.view == "map" else "basic", sidebar=False)
        page.apply_direction(state.lang, frame=True)
        guarded(state.view, state.lang, lambda: frame.render(data, state))
        return
    ignored = url.load(allowed, fallback)
    # First in the run: the chart code, and plotly.js where the view is drawn live, start loading
    # while the rest of the page is sent.
    view = controls.current_section()
    charts.prefetch("geo" if view == "map" else "basic")
    lang = controls.language()
    page.apply_direction(lang)
    digits = controls.digits(lang)
    if ignored:
        share.notice(ignored, lang, digits)
    headline.render(data, lang, digits)
    controls.section(lang)
    section(data, fallback)


try:
    main()
except Exception:  # a reader never sees a traceback (nor client.showErrorDetails's generic one)
    LOG.exception("the dashboard failed")
    errors.page_error(requested_language())
