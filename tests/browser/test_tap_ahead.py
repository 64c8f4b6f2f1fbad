"""A filter tap shows its chart at once, before the server's rerun answers (issue 21).

Each run sends, last, the charts one filter tap away and which option brings which
(``charts.send_ahead``); the chart script shows the tapped option's chart from there. Here the
server's answers are held back after the page has drawn its first view: the chart must change all the
same, and once the answers are let through, the rerun's chart is the one already shown (no redraw)
and the address bar follows.

Negative control: without the chart script's tap listener, the chart waits for the server, and the
check fails.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import WebSocketRoute

from tests.browser.ui import NewTab, label, race_label, wait_for_app, wait_for_charts_ahead

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# The chart a filter acts on: its payload key and title.
CHART_JS = """
(id) => {
  const frame = document.querySelector(`.dash-chart[data-chart="${id}"]`);
  const state = frame && frame.parentElement.__dashChart;
  return state ? {key: state.key, title: frame.querySelector('.dash-chart-title').textContent,
                  painted: frame.dataset.painted || null} : null;
}
"""


class HeldServer:
    """Every websocket of a page through the test: the page's messages go on to the server; the
    server's are held back while ``holding``, and let through by :meth:`release`."""

    def __init__(self) -> None:
        self.holding = False
        self.held: list[tuple[WebSocketRoute, Any]] = []

    def route(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        socket.on_message(server.send)

        def from_server(message: Any) -> None:
            if self.holding:
                self.held.append((socket, message))
            else:
                socket.send(message)

        server.on_message(from_server)

    def release(self) -> None:
        self.holding = False
        for socket, message in self.held:
            socket.send(message)
        self.held.clear()


def _option(lang: str, control: str, choice: str) -> str:
    return (
        race_label(lang, choice)
        if control == "race"
        else label(lang, f"{'preset' if control == 'zoom' else control}.{choice}")
    )


@pytest.mark.parametrize(
    ("lang", "view", "chart", "control", "choice"),
    [
        ("ar", "map", "region-map", "region", "europe"),
        ("en", "votes", "votes-chart", "race", "president-2025"),
        ("ar", "timeline", "timeline-chart", "zoom", "history"),
    ],
)
def test_a_tap_shows_its_chart_before_the_server_answers(
    new_tab: NewTab, app_server: str, lang: str, view: str, chart: str, control: str, choice: str
) -> None:
    # The app without paints: the chart a tap brings is drawn live, from plotly.js, which comes over
    # HTTP and not over the held websocket (the paints' test is test_first_paint's).
    server = HeldServer()
    tab = new_tab(**PHONE)
    tab.page.route_web_socket(re.compile(r".*/_stcore/stream"), server.route)
    tab.open(f"{app_server}?lang={lang}&view={view}")
    page = tab.page
    wait_for_charts_ahead(page)
    before = page.evaluate(CHART_JS, chart)
    url = page.url

    server.holding = True
    radios = page.get_by_role("radiogroup", name=label(lang, f"control.{control}"), exact=True)
    radios.get_by_text(_option(lang, control, choice), exact=True).click()
    page.wait_for_function(
        '([id, title]) => { const frame = document.querySelector(`.dash-chart[data-chart="${id}"]`);'
        " return frame && frame.querySelector('.dash-chart-title').textContent !== title; }",
        arg=[chart, before["title"]],
        timeout=10_000,
    )
    shown = page.evaluate(CHART_JS, chart)
    assert page.url == url, "the server answered while held"
    assert shown["key"] != before["key"]

    server.release()
    page.wait_for_function("(before) => location.href !== before", arg=url, timeout=30_000)
    wait_for_app(page)
    after = page.evaluate(CHART_JS, chart)
    assert f"{control}={choice}" in page.url
    assert after["key"] == shown["key"] != before["key"], "the rerun brought another chart than the tap showed"
    assert not tab.failed and not tab.dialogs
