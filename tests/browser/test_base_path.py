"""Served under a path prefix (``--server.baseUrlPath dash``, as behind a reverse proxy), the app
still finds its own map outlines and fonts: their URLs are relative, never ``/app/static/...``."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.ui import NewTab, StartServer, map_drawing

STATIC_FILES = (
    "app/static/topojson/africa_50m.json",
    "app/static/topojson/europe_50m.json",
    "app/static/fonts/noto-sans-arabic-arabic-400-normal.woff2",
)


@pytest.fixture(scope="module")
def dash_server(start_server: StartServer) -> str:
    """The app at ``http://127.0.0.1:<port>/dash/``."""
    return start_server("--server.baseUrlPath", "dash")


@pytest.mark.browser
def test_maps_draw_under_base_path(new_tab: NewTab, dash_server: str) -> None:
    """Both maps draw, outlines and fonts come from under /dash/, and no request fails."""
    assert urlsplit(dash_server).path == "/dash/"
    tab = new_tab()
    tab.open(f"{dash_server}?lang=ar&view=map")

    drawn = map_drawing(tab.page)
    assert drawn["countries"] >= 50, drawn
    assert drawn["routeLines"] >= 1, drawn
    assert not tab.failed, tab.failed
    for path in STATIC_FILES:
        assert dash_server + path in tab.requests, f"{path} not fetched under /dash/"
    host = urlsplit(dash_server).netloc
    static = [url for url in tab.requests if "/static/topojson/" in url or "/static/fonts/" in url]
    misplaced = [url for url in static if urlsplit(url).netloc != host or not urlsplit(url).path.startswith("/dash/")]
    assert not misplaced, misplaced
