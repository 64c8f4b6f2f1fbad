"""Offline: every section in every language is served by the app's own host, nothing fails, and
the maps draw from the map outlines the app serves itself (no CDN)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.ui import LANGS, SECTIONS, NewTab, Tab, choose_language, choose_section, map_drawing

# Schemes that never reach a network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


@dataclass
class Tour:
    """One context that went through every section in every language, and what its maps drew."""

    tab: Tab
    maps: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def tour(module_tab: NewTab, app_server: str) -> Tour:
    """Open the app at its root, then every section in English, Arabic and French, in one context."""
    tab = module_tab()
    tab.open(app_server)
    maps = {}
    for lang in ("en", "ar", "fr"):
        choose_language(tab.page, lang)
        for view in SECTIONS:
            choose_section(tab.page, lang, view)
            if view == "map":
                maps[lang] = map_drawing(tab.page)
    return Tour(tab, maps)


@pytest.mark.browser
def test_no_request_leaves_the_server(tour: Tour, app_server: str) -> None:
    """Scripts, styles, fonts, map outlines, the websocket: all from the app's own host."""
    host = urlsplit(app_server).netloc
    assert len(tour.tab.requests) > 20, "the request log is suspiciously short"
    foreign = [
        url for url in tour.tab.requests if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != host
    ]
    assert not foreign, f"{len(foreign)} requests left {host}: {foreign}"


@pytest.mark.browser
def test_no_request_fails(tour: Tour) -> None:
    """No network error and no HTTP error status, in any section or language."""
    assert not tour.tab.failed


@pytest.mark.browser
def test_outlines_and_fonts_come_from_the_server(tour: Tour, app_server: str) -> None:
    """The map outlines and the Arabic font are the files the app serves statically."""
    for path in ("app/static/topojson/africa_50m.json", "app/static/fonts/noto-sans-arabic-arabic-400-normal.woff2"):
        assert app_server + path in tour.tab.requests, f"{path} was not fetched from the app"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_maps_draw_offline(tour: Tour, lang: str) -> None:
    """The Africa map colours its countries, the city map its built-up area, the route map its Rabat-Glasgow line."""
    drawn = tour.maps[lang]
    assert drawn["countries"] >= 50, f"only {drawn['countries']} country shapes in {drawn['title']!r}"
    assert drawn["routeLines"] >= 1, "the route map has no Rabat-Glasgow line"
    assert drawn["cityShapes"] >= 1, "the city map has no built-up area"
