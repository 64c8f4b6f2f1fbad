"""A reader arriving from a link sees every chart at once, as a first paint (plotly's SVG of the same
figure, components/first_paint.py), and plotly.js loads only when they reach for the chart.

- The first view, default and map, in Arabic: every chart painted with its marks, no request for
  plotly.js, an outline file or the chart code, Arabic in the paint shaped and ordered as an RTL paragraph.
- The paint is the figure the live chart draws: the same tick labels, in the same order.
- Reaching for it: a real pointer over the bars, the keyboard on a legend button, a click on the
  PNG download; each brings the live chart (hover label with 96, a trace hidden, a file saved).
- A phone gets the paint drawn for its width (no sideways scrolling, nothing scaled down); a dark
  page gets the paint in the dark theme's colours.
Negative control: the same first-view check fails on a server with first paints off (today's
behaviour before the change: nothing drawn until plotly.js arrives).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import WebSocket

from components.first_paint import paint_key
from components.i18n import country_name
from components.theme import DARK
from tests.browser.shaping import measure_svg_texts, problems
from tests.browser.test_charts import hover_text, normalise
from tests.browser.ui import (
    PAINT_ATTEMPTS,
    PAINT_WAIT_MS,
    PAINTED_JS,
    NewTab,
    Tab,
    label,
    open_painted,
    wait_for_box_settled,
    wait_for_charts_ahead,
    wait_for_network_quiet,
    wait_until,
)

pytestmark = pytest.mark.browser

DEFAULT = "lang=ar"
MAP = "lang=ar&view=map"
# A phone as the server sees it: Chrome on Android says "Mobile" in its user agent.
ANDROID = (
    "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36"
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "user_agent": ANDROID}
LIVE = ".dash-chart[data-drawn='true']"
POINTER_TRIES = 6
# The chart's live state once plotly.js has tried to draw it ("true" or "failed"), null before.
DRAWN_JS = "(id) => document.querySelector(`.dash-chart[data-chart='${id}']`)?.dataset.drawn || null"
PAINT_JS = """
() => [...document.querySelectorAll('.dash-chart')].map(f => {
  const svg = f.querySelector('.dash-paint svg');
  const ticks = s => [...f.querySelectorAll(s)].map(t => t.textContent).join('|');
  return {id: f.dataset.chart, painted: f.dataset.painted || null, drawn: f.dataset.drawn || null,
          marks: svg ? svg.querySelectorAll('.trace, .choroplethlocation, .point').length : 0,
          width: svg ? svg.getBoundingClientRect().width : 0, frame: f.clientWidth,
          paper: svg ? (svg.querySelector('rect.bg, rect') || {}).getAttribute?.('style') || '' : '',
          ticks: ticks('.dash-paint .ytick text, .dash-paint .xtick text')};
})
"""


APP_RUN_OVER_JS = """
() => { const app = document.querySelector('[data-testid="stApp"]');
        return Boolean(app) && app.getAttribute('data-test-script-state') === 'notRunning'
          && !document.querySelector('[data-testid="stStatusWidget"]'); }
"""


def first_view_problems(tab: Tab) -> list[str]:
    """What is wrong with a first view that should be painted: a chart not painted or without marks,
    a request for plotly.js or the outlines before the reader reached for a chart."""
    # Anything that would load by itself has been asked for: the app's run is over (script not running,
    # no status widget), then the network has been idle for 500 ms and two frames have passed.
    tab.page.wait_for_function(APP_RUN_OVER_JS, timeout=60_000)
    wait_for_network_quiet(tab.page)
    found = []
    for chart in tab.page.evaluate(PAINT_JS):
        if chart["painted"] != "static" or not chart["marks"]:
            found.append(f"{chart['id']}: not painted with its marks ({chart})")
    fetched = [url for url in tab.requests if "/plotly/" in url or "/topojson/" in url]
    if fetched:
        found.append(f"plotly.js or outlines loaded before any reader action: {fetched}")
    # The chart code rides in the run's first element: a request of its own costs a first view a trip.
    if code := [url for url in tab.requests if "/static/chart/" in url]:
        found.append(f"the chart code fetched by a request of its own: {code}")
    return found


def arrive(new_tab: NewTab, cache: Path, url: str, **options: Any) -> Tab:
    """A reader's first view of ``url`` once the server has its paints (kept in ``cache``), before any
    interaction."""
    return open_painted(new_tab, url, cache, settle=False, **options)


@pytest.mark.parametrize("query", [DEFAULT, MAP])
def test_first_view_is_painted_without_plotly(
    new_tab: NewTab, painted_server: str, paint_cache: Path, query: str
) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{query}")
    assert first_view_problems(tab) == []
    texts = measure_svg_texts(tab.page, ".dash-paint svg text")
    assert texts, "no Arabic text measured in the paints"
    assert problems(texts) == []


def test_first_view_check_fails_without_first_paints(new_tab: NewTab, app_server: str) -> None:
    tab = new_tab()
    tab.start(f"{app_server}?{DEFAULT}")
    tab.page.wait_for_selector(".dash-chart", timeout=60_000)
    assert first_view_problems(tab), "the check passed on a server that sends no first paint"


# Every label of a chart (the paint's one SVG, or the live plot's layered SVGs): its text and where it
# stands, as fractions of the SVG's box (the paint may be drawn at another width than the live
# chart; labels keep their side and order).
LABELS_JS = """
(root) => { const box = (root.querySelector('.main-svg') || root).getBoundingClientRect();
  return [...root.querySelectorAll('.ytick text, .xtick text, .annotation-text, .bartext')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: (r.left - box.left) / box.width, right: (r.right - box.left) / box.width,
            middle: (r.top + r.height / 2 - box.top) / box.height};
  }); }
"""
# How far a label of the paint may stand from the live one: 820 px against the frame's own width.
LABEL_SLACK = 0.06


def label_problems(painted: list[dict[str, Any]], live: list[dict[str, Any]]) -> list[str]:
    """Labels of the paint not where the live chart draws them (side, order, or missing)."""
    if [p["text"] for p in painted] != [q["text"] for q in live]:
        return [f"labels differ: {[p['text'] for p in painted]} != {[q['text'] for q in live]}"]
    return [
        f"{p['text']!r}: painted at {p['left']:.2f}-{p['right']:.2f}, live at {q['left']:.2f}-{q['right']:.2f}"
        for p, q in zip(painted, live, strict=True)
        if abs(p["left"] - q["left"]) > LABEL_SLACK or abs(p["right"] - q["right"]) > LABEL_SLACK
    ]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_paint_is_the_figure_the_live_chart_draws(
    new_tab: NewTab, painted_server: str, paint_cache: Path, lang: str
) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?lang={lang}")
    painted = tab.page.locator(".dash-chart .dash-paint svg").first.evaluate(LABELS_JS)
    tab.page.locator(".dash-chart .dash-paint").first.hover()
    tab.page.wait_for_selector(LIVE, timeout=60_000)
    live = tab.page.locator(".dash-chart .js-plotly-plot").first.evaluate(LABELS_JS)
    assert painted, "no labels in the paint"
    assert label_problems(painted, live) == []
    assert tab.page.locator(".dash-paint").count() == 0, "the paint stayed over the live chart"


def test_label_check_fails_on_a_paint_drawn_right_to_left(
    new_tab: NewTab, painted_server: str, paint_cache: Path
) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?lang=ar")
    svg = tab.page.locator(".dash-chart .dash-paint svg").first
    straight = svg.evaluate(LABELS_JS)
    # The defect this guards against: the paint inheriting the frame's rtl, so anchors swap sides.
    tab.page.evaluate("() => document.querySelector('.dash-paint').setAttribute('dir', 'rtl')")
    assert label_problems(svg.evaluate(LABELS_JS), straight)


def test_pointer_brings_hover_values(new_tab: NewTab, painted_server: str, paint_cache: Path) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{DEFAULT}")
    bars = tab.page.locator(".dash-chart[data-chart='votes-chart'] .dash-paint .trace path").first
    frame = tab.page.locator(".dash-chart[data-chart='votes-chart']")
    # The page may still move after it arrives (the rest of the run lands): each try reads where the
    # bars are now and brings the pointer onto them from outside the chart.
    for _ in range(POINTER_TRIES):
        box = bars.bounding_box() if bars.count() else None
        if box is None:
            break  # no paint left: the live chart replaced it
        tab.page.mouse.move(1, 1)
        tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
        try:
            tab.page.wait_for_function(DRAWN_JS, arg="votes-chart", timeout=10_000, polling=100)
            break
        except PlaywrightTimeoutError:
            continue
    assert frame.get_attribute("data-drawn") == "true", (
        f"the pointer did not bring the live chart: {frame.get_attribute('data-drawn')}"
    )
    assert any("/plotly/" in url for url in tab.requests)
    morocco = country_name("MAR", "ar")
    text = hover_text(tab.page, "votes-chart", {"kind": "bar", "label": morocco})
    assert text is not None and "96" in text and normalise(morocco) in text, text


def test_keyboard_and_buttons_bring_the_live_chart(new_tab: NewTab, painted_server: str, paint_cache: Path) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{MAP}")
    legend = tab.page.locator(".dash-chart[data-chart='region-map'] .dash-legend-button").first
    legend.focus()
    legend.press("Enter")
    tab.page.wait_for_selector(".dash-chart[data-chart='region-map'][data-drawn='true']", timeout=60_000)
    tab.page.wait_for_function(
        "() => { const gd = document.querySelector(\".dash-chart[data-chart='region-map'] .js-plotly-plot\");"
        " return gd && gd.data.some(t => t.visible === 'legendonly'); }",
        timeout=10_000,
    )
    assert legend.get_attribute("aria-pressed") == "false"
    city = tab.page.locator(".dash-chart[data-chart='city-map']")
    assert city.get_attribute("data-painted") == "static", "another chart went live with the first"
    with tab.page.expect_download(timeout=60_000) as download:
        city.get_by_role("button", name=label("ar", "chart.png")).click()
    assert download.value.suggested_filename.endswith(".png")


def test_phone_gets_the_paint_drawn_for_it(new_tab: NewTab, painted_server: str, paint_cache: Path) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{DEFAULT}", **PHONE)
    # Every chart shows its paint at the size dash-chart.js chose for the column, no longer moving.
    tab.page.wait_for_function(PAINTED_JS, timeout=60_000)
    wait_for_box_settled(tab.page, ".dash-chart .dash-paint svg")
    for chart in tab.page.evaluate(PAINT_JS):
        assert chart["painted"] == "static", chart
        # The narrow paint (360 px) in a 358 px column: at its own size, not a desktop's shrunk.
        assert 0.9 * chart["frame"] <= chart["width"] <= chart["frame"] + 0.5, chart
    assert tab.page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


def test_dark_page_gets_a_dark_paint(new_tab: NewTab, painted_server: str, paint_cache: Path) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{DEFAULT}", color_scheme="dark")
    # The paper: plotly's first rect. Painted light (white) on the server, recoloured in the page.
    paper = tab.page.evaluate(PAINT_JS)[0]["paper"].replace(" ", "").lower()
    assert DARK.background.lower() in paper, f"the paint's paper is not the dark page's: {paper}"


# A chart that mounts before the page's own styles (a block of its own, lazily loaded) still has its
# ink's light fallback: the paint must follow the page's colour scheme, not that ink.
MOUNT_WITHOUT_PAGE_STYLES_JS = """
() => {
  const payload = document.querySelector('.dash-chart').parentElement.__dashChart.payload;
  const root = document.createElement('div');
  root.style.setProperty('--dash-ink', 'initial');
  document.querySelector('[data-testid="stMain"]').appendChild(root);
  window.DashChart.mount(root, Object.assign({}, payload, {id: payload.id + '-early'}));
}
"""


def test_a_chart_mounted_before_the_page_styles_gets_a_dark_paint(
    new_tab: NewTab, painted_server: str, paint_cache: Path
) -> None:
    tab = arrive(new_tab, paint_cache, f"{painted_server}?{DEFAULT}", color_scheme="dark")
    tab.page.evaluate(MOUNT_WITHOUT_PAGE_STYLES_JS)
    early = next(chart for chart in tab.page.evaluate(PAINT_JS) if chart["id"].endswith("-early"))
    paper = early["paper"].replace(" ", "").lower()
    assert DARK.background.lower() in paper, f"painted light on a dark page: {paper}"


def record_frames(tab: Tab) -> list[bytes]:
    """Record the binary websocket messages the page gets from now on (call before it loads)."""
    frames: list[bytes] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on("framereceived", lambda frame: frames.append(frame) if isinstance(frame, bytes) else None)

    tab.page.on("websocket", on_socket)
    return frames


def test_a_tap_shows_the_paint_sent_ahead_of_it(new_tab: NewTab, painted_server: str, paint_cache: Path) -> None:
    # A first view gets, after its charts, the paints of the charts one tap away; the tap's message
    # then names Europe's map paint instead of carrying it, and the page shows it: no plotly.js, no
    # outline file. (The paints a visit asks for are made in the background: a later visit has them.)
    for _ in range(PAINT_ATTEMPTS + 2):
        tab = new_tab()
        frames = record_frames(tab)
        tab.start(f"{painted_server}?lang=en&view=map")
        tab.page.wait_for_function(APP_RUN_OVER_JS, timeout=60_000)
        # The page keeps the charts one tap away a frame after it shows the run's charts.
        wait_for_charts_ahead(tab.page)
        chart = ".dash-chart[data-chart='region-map']"
        title = tab.page.locator(f"{chart} .dash-chart-title").inner_text()
        frames.clear()
        radios = tab.page.get_by_role("radiogroup", name=label("en", "control.region"), exact=True)
        radios.get_by_text(label("en", "region.europe"), exact=True).click()
        tab.page.wait_for_function(
            "([chart, before]) => { const f = document.querySelector(chart); return f && (f.dataset.painted"
            " === 'static' || f.dataset.drawn) && f.querySelector('.dash-chart-title').textContent !== before; }",
            arg=[chart, title],
            timeout=30_000,
        )
        # The page shows the tapped chart before the server answers (tests/browser/test_tap_ahead.py):
        # the tap's message is in once its rerun, which writes the region into the link, is over.
        tab.page.wait_for_function(
            "() => new URLSearchParams(location.search).get('region') === 'europe'", timeout=30_000
        )
        tab.page.wait_for_function(APP_RUN_OVER_JS, timeout=30_000)
        if any(b'"paint":{"ref":"' in frame for frame in frames):
            break
        # Its paint was not ready when the charts ahead were sent: the next visit has it.
        tapped = tab.page.evaluate(f'() => document.querySelector("{chart}").parentElement.__dashChart.key')
        tab.page.close()
        painted = paint_cache / f"{paint_key(tapped)}.json"
        wait_until(painted.exists, PAINT_WAIT_MS / 1000, f"the paint of {tapped} in {paint_cache}")
    else:
        raise AssertionError(f"no tap's chart named a paint sent ahead in {PAINT_ATTEMPTS + 2} visits")
    # The tapped chart names its paint; only the charts one tap from Europe, new to the page, bring theirs.
    assert not any(b'"paint":{"key":' in frame for frame in frames if b'{"ahead":' not in frame), "sent again"
    assert tab.page.locator(".dash-chart[data-chart='region-map']").get_attribute("data-painted") == "static"
    assert first_view_problems(tab) == [], "the tap brought plotly.js or an outline file"
