"""The chart-only embed (``?lang=X&view=V&embed=true&frame=chart``) in a 600x500 frame: no sidebar,
one chart drawn, the whole chart and the link to the full dashboard inside the frame without any
scrolling, and the link opening the same view (language, section, race, region, zoom) in a new tab
without the frame and embed keys.

Each section with a chart, in ar, en and fr, with views away from the defaults so that the link
has something to keep. Negative controls at the end run the same check on pages broken on purpose.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.ui import DEFAULTS, LANGS, NewTab, Tab, query

pytestmark = pytest.mark.browser

FRAME = {"width": 600, "height": 500}
# The view of each section an embed shows, beside lang and view.
VIEWS: dict[str, dict[str, str]] = {
    "votes": {"race": "sg-2024"},
    "timeline": {"zoom": "history", "region": "africa"},
    "map": {"region": "europe", "race": "president-2025"},
}
FRAME_KEYS = ("frame", "embed", "embed_options")

MEASURE_JS = """
() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const charts = [...document.querySelectorAll('.dash-chart')];
  const link = document.querySelector('.dash-frame-link a');
  const root = document.documentElement;
  const scrollable = [...document.querySelectorAll('*')].filter(e => {
    const style = getComputedStyle(e);
    return ['auto', 'scroll'].includes(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
  }).map(e => `${e.tagName.toLowerCase()}${e.dataset.testid ? '[' + e.dataset.testid + ']' : ''}`
             + ` ${e.scrollHeight}>${e.clientHeight}`);
  return {
    sidebar: sidebar ? sidebar.checkVisibility() && sidebar.getBoundingClientRect().width > 0 : false,
    charts: charts.map(c => ({id: c.dataset.chart, drawn: c.dataset.drawn, box: box(c)})),
    link: link && {href: link.href, target: link.target, text: link.textContent.trim(), box: box(link)},
    scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth, scrollable,
    width: innerWidth, height: innerHeight,
  };
}
"""
CHART_OF = {"votes": "votes-chart", "timeline": "timeline-chart", "map": "region-map"}


@pytest.fixture(scope="module")
def framed() -> dict[tuple[str, str], Tab]:
    """Opened embeds, by (language, section), shared with the negative controls."""
    return {}


def embed_url(app_server: str, lang: str, view: str) -> str:
    """The chart-only embed of ``view`` in ``lang`` (with the section's non-default keys)."""
    keys = "".join(f"&{key}={value}" for key, value in VIEWS[view].items())
    return f"{app_server}?lang={lang}&view={view}{keys}&embed=true&frame=chart"


def frame_problems(page: Page, app_server: str, lang: str, view: str) -> list[str]:
    """Everything that keeps the embed of ``view`` from fitting its frame, or its link from
    opening the same view in the full dashboard."""
    at: dict[str, Any] = page.evaluate(MEASURE_JS)
    width, height = at["width"], at["height"]
    found = []
    if at["sidebar"]:
        found.append("the sidebar is shown")
    charts = at["charts"]
    if [chart["id"] for chart in charts] != [CHART_OF[view]] or charts[0]["drawn"] != "true":
        found.append(f"want the one chart {CHART_OF[view]} drawn, got {charts}")
    elif charts[0]["box"]["bottom"] > height or charts[0]["box"]["top"] < 0:
        found.append(f"the chart spans {charts[0]['box']}, outside the {width}x{height} frame")
    if at["scrollHeight"] > height + 1 or at["scrollWidth"] > width + 1:
        found.append(f"the page is {at['scrollWidth']}x{at['scrollHeight']} for a {width}x{height} frame")
    if at["scrollable"]:
        found.append(f"scrollable: {at['scrollable']}")
    link = at["link"]
    if not link:
        return [*found, "no link to the full dashboard"]
    if link["box"]["bottom"] > height or link["box"]["top"] < 0:
        found.append(f"the link spans {link['box']}, outside the frame")
    if link["target"] != "_blank":
        found.append(f"the link opens in target {link['target']!r}, not a new tab")
    parts = urlsplit(link["href"])
    if f"{parts.scheme}://{parts.netloc}/" != app_server:
        found.append(f"the link leaves the app: {link['href']}")
    params = query(link["href"])
    kept = {key: values[0] for key, values in params.items() if len(values) == 1}
    want = {**DEFAULTS, "lang": lang, "view": view, **VIEWS[view]}
    framed_keys = [key for key in FRAME_KEYS if key in params]
    if framed_keys:
        found.append(f"the link keeps {framed_keys}: {link['href']}")
    lost = {key: value for key, value in want.items() if kept.get(key, DEFAULTS.get(key)) != value}
    if lost:
        found.append(f"the link loses {lost}: {link['href']}")
    return found


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("lang", LANGS)
def test_embed_fits_the_frame(
    framed: dict[tuple[str, str], Tab], module_tab: NewTab, app_server: str, lang: str, view: str
) -> None:
    """600x500: only the section's chart and the link, both wholly inside the frame, nothing to
    scroll; the link opens the same view in a new tab, without frame and embed."""
    tab = module_tab(viewport=FRAME)
    tab.open(embed_url(app_server, lang, view))
    framed[(lang, view)] = tab
    found = frame_problems(tab.page, app_server, lang, view)
    assert not found, "\n".join(found)
    assert not tab.failed, tab.failed


# Negative controls ----------------------------------------------------------------------------


def _embed(framed: dict[tuple[str, str], Tab], module_tab: NewTab, app_server: str, lang: str, view: str) -> Tab:
    if (lang, view) not in framed:
        tab = module_tab(viewport=FRAME)
        tab.open(embed_url(app_server, lang, view))
        framed[(lang, view)] = tab
    return framed[(lang, view)]


def test_frame_check_fails_when_the_chart_overflows(
    framed: dict[tuple[str, str], Tab], module_tab: NewTab, app_server: str
) -> None:
    """A plot taller than the frame (what an unfitted chart does) pushes the chart and the link out
    and makes the page scroll: caught."""
    page = _embed(framed, module_tab, app_server, "ar", "timeline").page
    page.evaluate("() => { document.querySelector('.dash-plot').style.height = '900px'; }")
    try:
        found = frame_problems(page, app_server, "ar", "timeline")
    finally:
        page.evaluate("() => { document.querySelector('.dash-plot').style.height = ''; }")
    for what in ("the chart spans", "the link spans", "scrollable"):
        assert any(problem.startswith(what) for problem in found), (what, found)
    assert not frame_problems(page, app_server, "ar", "timeline")


def test_frame_check_fails_on_a_wrong_link(
    framed: dict[tuple[str, str], Tab], module_tab: NewTab, app_server: str
) -> None:
    """A link that keeps the frame, drops the zoom and opens in the same tab: caught."""
    page = _embed(framed, module_tab, app_server, "en", "timeline").page
    tamper = (
        "(on) => { const a = document.querySelector('.dash-frame-link a');"
        " if (on) { a.dataset.href = a.getAttribute('href');"
        " a.href = a.href.replace('zoom=history', 'zoom=assembly') + '&frame=chart'; a.target = ''; }"
        " else { a.href = a.dataset.href; a.target = '_blank'; } }"
    )
    page.evaluate(tamper, True)
    try:
        found = frame_problems(page, app_server, "en", "timeline")
    finally:
        page.evaluate(tamper, False)
    for what in ("the link keeps ['frame']", "the link loses {'zoom': 'history'}", "the link opens in target"):
        assert any(problem.startswith(what) for problem in found), (what, found)
    assert not frame_problems(page, app_server, "en", "timeline")
