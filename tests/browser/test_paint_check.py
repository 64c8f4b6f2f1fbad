"""A crafted first paint never becomes markup in the page (issue #23, finding 3).

- In the page: ``parseSvg`` (static/chart/dash-chart.js) refuses every crafted SVG of
  ``tests/unit/test_paint_check.py`` (script in a namespaced iframe, a ``javascript:`` link,
  ``<base href>``, ``<meta refresh>``, ``<style>@import``, off-site ``url()``…): the chart is drawn live,
  nothing runs, navigates, loads or restyles. A real plotly export is shown (negative control).
- On the server: a crafted file in the shared paint cache is dropped and the chart drawn live.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# As in the server: importing the app's views sets plotly's defaults, which the payload's key hashes.
import components.views.charts  # noqa: F401
from components.chart_spec import chart_payload
from components.data import DATA_DIR, load_dataset
from components.first_paint import paint_key
from components.section_charts import votes_chart
from components.tables.votes import DEFAULT_RACE
from tests.browser.conftest import streamlit_server
from tests.browser.ui import NewTab, Tab, track_requests, wait_for_no_request
from tests.unit.test_paint_check import CRAFTED, HERE

pytestmark = pytest.mark.browser

# Mount the page's first chart again, in a root of its own, with the paint given.
MOUNT_JS = """
async ([paint, id]) => {
  const payload = document.querySelector('.dash-chart').parentElement.__dashChart.payload;
  const root = document.createElement('div');
  document.querySelector('[data-testid="stMain"]').appendChild(root);
  window.DashChart.mount(root, Object.assign({}, payload, {id: id, key: id, paint: paint}));
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 50)));
  const frame = root.querySelector('.dash-chart');
  return {painted: frame.dataset.painted || null, paintNodes: root.querySelectorAll('.dash-paint *').length};
}
"""
EFFECTS_JS = """
() => ({
  ran: window.p !== undefined || window.top.p !== undefined,
  bases: document.querySelectorAll('base').length,
  metas: document.querySelectorAll('meta[http-equiv]').length,
  iframes: document.querySelectorAll('iframe[srcdoc]').length,
  styles: [...document.querySelectorAll('style')].filter(s => s.textContent.includes('x.invalid')).length,
  href: location.href,
})
"""


def _paint(svg: str) -> dict[str, Any]:
    return {side: {"width": width, "height": 450, "svg": svg} for side, width in (("wide", 820), ("narrow", 360))}


def _no_effects(tab: Tab, url: str) -> None:
    effects = tab.page.evaluate(EFFECTS_JS)
    assert effects == {"ran": False, "bases": 0, "metas": 0, "iframes": 0, "styles": 0, "href": url}, effects
    assert not [request for request in tab.requests if "x.invalid" in request]
    assert tab.dialogs == []


def test_the_page_refuses_crafted_paints(new_tab: NewTab, app_server: str) -> None:
    tab = new_tab()
    url = f"{app_server}?lang=en"
    tab.open(url)
    inflight = track_requests(tab.page)
    for name, svg in CRAFTED.items():
        shown = tab.page.evaluate(MOUNT_JS, [_paint(svg), f"crafted-{len(name)}-{abs(hash(name))}"])
        assert shown == {"painted": None, "paintNodes": 0}, f"{name}: {shown}"
    # A refresh or a script would have acted by now: two frames have passed and no request is open.
    wait_for_no_request(tab.page, inflight)
    _no_effects(tab, url)
    real = json.loads((HERE / "paints" / "timeline-assembly-ar.json").read_text("utf-8"))
    shown = tab.page.evaluate(MOUNT_JS, [real, "real-paint"])
    assert shown["painted"] == "static" and shown["paintNodes"] > 100, "a real plotly export is shown"


@pytest.fixture(scope="module")
def crafted_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server whose paint cache holds, for the default English view's chart, a crafted paint."""
    cache = tmp_path_factory.mktemp("crafted-paints")
    data = load_dataset(DATA_DIR)
    payload = chart_payload(votes_chart(data, DEFAULT_RACE, "en"), "en", "app/static/", "app/static/topojson/")
    path = cache / f"{paint_key(payload['key'])}.json"
    path.write_text(json.dumps(_paint(CRAFTED["iframe srcdoc"])), "utf-8")
    with streamlit_server(env={"DASH_FIRST_PAINT": "on", "DASH_PAINT_CACHE": str(cache)}) as base:
        yield base, path


def test_a_crafted_cache_file_is_dropped_and_the_chart_drawn_live(
    new_tab: NewTab, crafted_cache: tuple[str, Path]
) -> None:
    base, path = crafted_cache
    tab = new_tab()
    url = f"{base}?lang=en"
    tab.open(url)
    frame = tab.page.locator(".dash-chart").first
    assert frame.get_attribute("data-painted") is None and frame.get_attribute("data-drawn") == "true"
    _no_effects(tab, url)
    assert not path.exists() or "iframe" not in path.read_text("utf-8")
