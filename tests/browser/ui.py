"""Driving the dashboard in a browser: waiting for it, working its controls by their visible labels,
reading back what the controls and charts show, and saving screenshots.

The labels come from the app's own message catalogue (``components.i18n.t``) and race titles, so a
test clicks exactly what a reader sees in that language.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from components.data import DATA_DIR, load_dataset
from components.first_paint import paint_key
from components.i18n import t
from components.labels import race_labels

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 1800}
PHONE = {"width": 390, "height": 1600}
# Generous: the suite shares two cores with the server and Chromium compiling plotly.js.
APP_TIMEOUT_MS = 90_000
SECTIONS: tuple[str, ...] = ("votes", "timeline", "map", "members", "sources")
LANGS: tuple[str, ...] = ("ar", "en", "fr")
# The view a link without parameters opens (``lang`` comes from the browser's locale).
DEFAULTS = {"region": "all", "race": "vp-africa-2024", "view": "votes", "zoom": "assembly"}
# The language switch shows each language in itself (what the reader looks for).
LANGUAGE_LABELS = {"en": "English", "ar": "العربية", "fr": "Français"}

# True once the app has finished its run and everything it drew has settled:
# - Streamlit: connected, the script run over ('notRunning' comes only after the first run), no
#   status widget, skeleton or stale element, and something drawn in the main column;
# - fonts loaded; every plotly chart has its layout and SVG, every geo subplot its outlines;
# - nothing of the above changed for STABLE_MS (plotly draws after the script run ends).
IDLE_JS = """
(stableMs) => {
  const state = window.__appIdle || (window.__appIdle = {sig: null, since: 0});
  const app = document.querySelector('[data-testid="stApp"]');
  const busy = !app
    || app.getAttribute('data-test-script-state') !== 'notRunning'
    || app.getAttribute('data-test-connection-state') !== 'CONNECTED'
    || document.querySelector('[data-testid="stStatusWidget"], [data-testid="stAppSkeleton"],'
        + ' [data-testid="stSkeleton"], [data-stale="true"]')
    || !document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
    || document.fonts.status !== 'loaded';
  if (busy) { state.sig = null; return false; }
  const charts = [...document.querySelectorAll('.dash-chart')];
  for (const chart of charts) {
    // A first paint turns into the live chart when a reader reaches for it: tests that read plotly's
    // figure bring it as a pointer entering the chart would (tests/browser/test_first_paint.py
    // checks the real pointer, keyboard and buttons).
    if (chart.dataset.painted === 'static' && !chart.dataset.drawn) {
      chart.dispatchEvent(new PointerEvent('pointerover', {bubbles: true}));
    }
    const gd = chart.querySelector('.js-plotly-plot');
    if (chart.dataset.drawn !== 'true' || !gd || !gd._fullLayout || !chart.querySelector('.main-svg')) {
      state.sig = null; return false;
    }
    const geos = (gd._fullLayout._subplots && gd._fullLayout._subplots.geo) || [];
    const drawn = [...gd.querySelectorAll('.geo path')].some(p => (p.getAttribute('d') || '').length > 10);
    if (geos.length && !drawn) { state.sig = null; return false; }
  }
  const main = document.querySelector('[data-testid="stMain"]');
  const sig = [
    location.href, charts.length,
    document.querySelectorAll('.dash-chart .main-svg').length,
    document.querySelectorAll('.dash-chart path, .dash-chart text').length,
    main ? main.querySelectorAll('*').length : 0, main ? main.innerText.length : 0,
  ].join('|');
  const now = performance.now();
  if (sig !== state.sig) { state.sig = sig; state.since = now; return false; }
  return now - state.since >= stableMs;
}
"""
# 300 before: 200 passed every run of the suite as well (nothing of a settled app moves that late).
STABLE_MS = 200
# What the idle check looks at, for the message when the app never gets there.
DIAGNOSE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    url: location.href,
    script: app && app.getAttribute('data-test-script-state'),
    connection: app && app.getAttribute('data-test-connection-state'),
    busy: [...document.querySelectorAll('[data-testid="stStatusWidget"], [data-testid="stAppSkeleton"],'
      + ' [data-testid="stSkeleton"], [data-stale="true"]')].map(e => e.getAttribute('data-testid') || 'stale'),
    drawn: document.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]').length,
    fonts: document.fonts.status,
    charts: [...document.querySelectorAll('.dash-chart')].map(chart => {
      const gd = chart.querySelector('.js-plotly-plot');
      return {drawn: chart.dataset.drawn, plot: !!gd, layout: !!(gd && gd._fullLayout),
              svg: !!chart.querySelector('.main-svg'),
              geoPaths: chart.querySelectorAll('.geo path').length};
    }),
  };
}
"""

CHARTS_JS = """
() => [...document.querySelectorAll('.dash-chart .js-plotly-plot')].map(gd => {
  const list = v => (v === undefined || v === null) ? null : Array.from(v, String);
  return {
    title: gd.closest('.dash-chart').querySelector('.dash-chart-title').textContent,
    yticks: [...gd.querySelectorAll('.ytick text')].map(e => e.textContent),
    traces: gd._fullData.map(d => ({
      type: d.type, name: d.name, x: list(d.x), y: list(d.y), locations: list(d.locations),
      text: Array.isArray(d.text) ? list(d.text) : (d.text === undefined ? null : String(d.text)),
    })),
  };
})
"""

MAP_JS = """
() => {
  const [region, venue, route] = document.querySelectorAll('.dash-chart .js-plotly-plot');
  const drawn = paths => [...paths].filter(p => (p.getAttribute('d') || '').length > 20).length;
  return {
    title: region.closest('.dash-chart').querySelector('.dash-chart-title').textContent,
    countries: drawn(region.querySelectorAll('.choroplethlocation')),
    routeLines: drawn(route.querySelectorAll('.scattergeo .js-line')),
    cityShapes: drawn(venue.querySelectorAll('.choroplethlocation')),
  };
}
"""

CONTROLS_JS = """
() => {
  const out = {};
  for (const group of document.querySelectorAll('[role="radiogroup"]')) {
    const picked = group.querySelector('[data-testid="stRadioOption"][data-selected="true"],'
      + ' [role="radio"][aria-checked="true"]');
    out[group.getAttribute('aria-label')] = picked ? picked.innerText.trim() : null;
  }
  return out;
}
"""


@dataclass
class Tab:
    """A page in its own browser context, with everything it asked for and everything that failed."""

    page: Page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def start(self, url: str) -> None:
        """Start loading ``url`` without waiting (several tabs can then load side by side)."""
        self.page.goto(url, wait_until="commit")

    def settle(self) -> None:
        """Wait until the page has loaded and the app has drawn it."""
        self.page.wait_for_load_state("domcontentloaded")
        wait_for_app(self.page)

    def open(self, url: str) -> None:
        """Load ``url`` and wait until the app has drawn it."""
        self.start(url)
        self.settle()


# Fixtures ``new_tab``/``module_tab``: open a fresh recording page (keyword arguments: context options).
NewTab = Callable[..., Tab]
# Fixture ``start_server``: start the app with extra server arguments, get its base URL.
StartServer = Callable[..., str]


def wait_for_app(page: Page, until: str | None = None) -> None:
    """Wait until the app is idle and its charts are drawn (and the JS predicate ``until`` holds)."""
    if until is not None:
        page.wait_for_function(until, timeout=APP_TIMEOUT_MS, polling=100)
    page.evaluate("() => { window.__appIdle = null; }")
    try:
        page.wait_for_function(IDLE_JS, arg=STABLE_MS, timeout=APP_TIMEOUT_MS, polling=100)
    except PlaywrightTimeoutError:
        state = page.evaluate(DIAGNOSE_JS)
        raise AssertionError(f"the app did not settle within {APP_TIMEOUT_MS} ms: {state}") from None


# True once every chart frame has caught up with the viewport's width ``width`` and the page has
# stopped moving: the window has that width; each chart drawn by plotly has taken the layout of its
# frame's width (narrow or wide, as dash-chart.js's ``wantsNarrow`` picks) and an SVG as wide as its
# plot box (a frame still showing its first paint has nothing to redraw); no animation runs (the
# sidebar's slide), and the charts' frames and texts have not moved for ``stableMs`` (plotly may move
# labels a few frames after a redraw, as its automatic margins settle). Poll with ``polling="raf"``.
RESIZED_JS = """
([width, stableMs]) => {
  const state = window.__resized || (window.__resized = {sig: null, since: 0});
  const caughtUp = window.innerWidth === width && [...document.querySelectorAll('.dash-chart')].every(frame => {
    const chart = frame.parentElement && frame.parentElement.__dashChart;
    if (!chart || !chart.plotly) return true;
    const narrow = window.DashChart.parts.wantsNarrow(chart.payload, frame.clientWidth);
    const svg = frame.querySelector('.js-plotly-plot .main-svg');
    return chart.narrow === narrow && svg && Math.abs(svg.getBoundingClientRect().width - chart.plot.clientWidth) < 2;
  });
  if (!caughtUp || document.getAnimations().some(a => a.playState === 'running')) { state.sig = null; return false; }
  const box = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(Math.round).join();
  };
  const sig = [...document.querySelectorAll('.dash-chart')]
    .map(frame => [box(frame), ...[...frame.querySelectorAll('svg text')].map(box)].join(';')).join('|');
  const now = performance.now();
  if (sig !== state.sig) { state.sig = sig; state.since = now; return false; }
  return now - state.since >= stableMs;
}
"""
# How long the charts must stay still after a resize: several frames, far less than STABLE_MS (a
# resize starts no script run).
RESIZE_STABLE_MS = 100
# True once ``selector``'s box has stopped moving: no CSS transition or animation runs in it and its
# box is the same as at the previous animation frame (poll with ``polling="raf"``).
BOX_SETTLED_JS = """
(selector) => {
  const element = document.querySelector(selector);
  if (!element) return false;
  const r = element.getBoundingClientRect();
  const box = [r.left, r.top, r.width, r.height].join();
  const last = window.__lastBox;
  window.__lastBox = box;
  return box === last && element.getAnimations({subtree: true}).length === 0;
}
"""
# Resolves after two animation frames: whatever a layout change or a scroll sets off (resize and
# intersection observers) has run.
FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll ``condition`` (state outside the page, e.g. a file the server writes) until it holds."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not there after {timeout_s:.0f} s"
        threading.Event().wait(0.05)  # a poll's interval, as Playwright's polling=50


def wait_for_resize(page: Page, width: int) -> None:
    """After a change of the viewport's width: wait until every chart has redrawn for it and the page
    has stopped moving (see ``RESIZED_JS``)."""
    page.evaluate("() => { window.__resized = null; }")
    page.wait_for_function(RESIZED_JS, arg=[width, RESIZE_STABLE_MS], timeout=APP_TIMEOUT_MS, polling="raf")


def wait_for_box_settled(page: Page, selector: str) -> None:
    """Wait until ``selector``'s element has stopped moving (its transitions over)."""
    page.evaluate("() => { window.__lastBox = null; }")
    page.evaluate(FRAMES_JS)  # the transition a click set off has started
    page.wait_for_function(BOX_SETTLED_JS, arg=selector, timeout=APP_TIMEOUT_MS, polling="raf")


def wait_for_charts_ahead(page: Page) -> None:
    """Wait until the page holds the charts one filter tap away: the run sends them last
    (components/views/charts.py ``send_ahead``), and the page keeps them a frame after the run's charts."""
    page.wait_for_function(
        "() => window.DashChart && window.DashChart.ahead().charts.length > 3", timeout=APP_TIMEOUT_MS, polling=50
    )


def wait_for_network_quiet(page: Page) -> None:
    """Wait until the page would load nothing more by itself: the load's network is idle
    (Playwright's ``networkidle``: no request in flight for 500 ms) and two animation frames have
    passed since, so what a frame's callbacks ask for has been asked."""
    page.wait_for_load_state("networkidle")
    page.evaluate(FRAMES_JS)


def track_requests(page: Page) -> set[Any]:
    """The requests of ``page`` in flight, kept up to date from now on (see ``wait_for_no_request``)."""
    inflight: set[Any] = set()
    # Playwright wants Python functions as handlers, not builtin methods.
    page.on("request", lambda request: inflight.add(request))
    page.on("requestfinished", lambda request: inflight.discard(request))
    page.on("requestfailed", lambda request: inflight.discard(request))
    return inflight


def wait_for_no_request(page: Page, inflight: set[Any], timeout_s: float = 30.0) -> None:
    """Wait until two animation frames have passed (what the page set off has run) and no request
    of ``inflight`` (``track_requests``) is still open: what the page would do by itself is done."""
    deadline = time.monotonic() + timeout_s
    page.evaluate(FRAMES_JS)
    while inflight:
        assert time.monotonic() < deadline, f"requests still open after {timeout_s:.0f} s: {inflight}"
        page.evaluate(FRAMES_JS)  # a round trip to the page: Playwright hands over the events meanwhile


def _after_url_change(page: Page, before: str) -> None:
    # Every control is in the URL, so a finished rerun after a change always rewrites it.
    page.wait_for_function("(before) => location.href !== before", arg=before, timeout=APP_TIMEOUT_MS)
    wait_for_app(page)


def label(lang: str, key: str) -> str:
    """A UI string as the app shows it in ``lang``."""
    return t(lang, key)


@cache
def race_label(lang: str, race: str) -> str:
    """The race picker's label of ``race`` in ``lang``."""
    return race_labels(load_dataset(DATA_DIR), lang)[race]


def url_value(page: Page, param: str) -> str | None:
    """The value of ``param`` the address bar holds (a missing key means its default)."""
    values = query(page.url).get(param)
    return values[0] if values else DEFAULTS.get(param)


def _pick(page: Page, param: str, value: str, click: Callable[[], None]) -> None:
    # The app writes every control to the URL: what it already holds needs no click (and a click
    # on the current option starts no rerun, so there would be nothing to wait for).
    if url_value(page, param) == value:
        return
    before = page.url
    click()
    _after_url_change(page, before)


def choose_radio(page: Page, param: str, value: str, group: str, option: str) -> None:
    """Set ``param`` to ``value`` by clicking ``option`` in the radio group labelled ``group``."""
    radios = page.get_by_role("radiogroup", name=group, exact=True)
    _pick(page, param, value, lambda: radios.get_by_text(option, exact=True).click())


def choose_language(page: Page, lang: str) -> None:
    """Switch the language with the sidebar radio."""
    choose_radio(page, "lang", lang, "Language · اللغة · Langue", LANGUAGE_LABELS[lang])


def choose_section(page: Page, lang: str, view: str) -> None:
    """Show ``view`` with the section picker."""
    choose_radio(page, "view", view, label(lang, "control.view"), label(lang, f"view.{view}"))


def choose_region(page: Page, lang: str, region: str) -> None:
    """Filter by ``region`` with the region filter."""
    choose_radio(page, "region", region, label(lang, "control.region"), label(lang, f"region.{region}"))


def choose_race(page: Page, lang: str, race: str) -> None:
    """Pick the race ``race`` with the race filter."""
    choose_radio(page, "race", race, label(lang, "control.race"), race_label(lang, race))


def choose_zoom(page: Page, lang: str, zoom: str) -> None:
    """Pick the timeline period with the period filter."""
    choose_radio(page, "zoom", zoom, label(lang, "control.zoom"), label(lang, f"preset.{zoom}"))


def open_share(page: Page, lang: str) -> Locator:
    """Click the sidebar's share button; the share dialog, once its link is shown."""
    page.get_by_test_id("stSidebar").get_by_role("button", name=label(lang, "share.title"), exact=True).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_test_id("stCode").first.wait_for(timeout=APP_TIMEOUT_MS)
    wait_for_app(page)
    return dialog


def charts(page: Page) -> list[dict[str, Any]]:
    """What each plotly chart shows: title, y tick labels, and per trace its type, name and data."""
    result: list[dict[str, Any]] = page.evaluate(CHARTS_JS)
    return result


def map_drawing(page: Page) -> dict[str, Any]:
    """What the map section drew: the region map's title and country shapes, the route map's line,
    the city map's built-up shapes (paths with real geometry only)."""
    result: dict[str, Any] = page.evaluate(MAP_JS)
    return result


def controls(page: Page) -> dict[str, str | None]:
    """Every radio group: its label and the option it shows picked."""
    result: dict[str, str | None] = page.evaluate(CONTROLS_JS)
    return result


def query(url: str) -> dict[str, list[str]]:
    """The query parameters of ``url``."""
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot as ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


# Which drawn shapes of a geo chart cover a place: the projection plotly drew with, then each
# country path's fill tested at that point (last in document order paints on top).
SHAPES_AT_JS = """
([index, lon, lat]) => {
  const gd = document.querySelectorAll('.dash-chart .js-plotly-plot')[index];
  const [x, y] = gd._fullLayout.geo._subplot.projection([lon, lat]);
  const point = new DOMPoint(x, y);
  return [...gd.querySelectorAll('.geo path')]
    .filter(p => (p.getAttribute('d') || '').length > 20 && p.isPointInFill(point))
    .map(p => ({
      layer: p.classList.contains('choroplethlocation') ? 'choropleth'
        : ((p.closest('.layer') && p.closest('.layer').classList[1]) || p.closest('g').getAttribute('class')),
      location: p.__data__ && p.__data__.loc !== undefined ? String(p.__data__.loc) : null,
      fill: getComputedStyle(p).fill,
    }));
}
"""


def shapes_at(page: Page, chart: int, lon: float, lat: float) -> list[dict[str, Any]]:
    """The drawn shapes of the ``chart``-th geo chart whose fill covers ``(lon, lat)``, bottom to top."""
    result: list[dict[str, Any]] = page.evaluate(SHAPES_AT_JS, [chart, lon, lat])
    return result


PAINTED_JS = """
() => { const charts = [...document.querySelectorAll('.dash-chart')];
        return charts.length > 0
          && charts.every(c => c.dataset.painted === 'static' && c.querySelector('.dash-paint svg')); }
"""
PAINT_ATTEMPTS = 4
# How long a visit waits for its paints: the server renders them in the background, slower while the
# suite's other workers share the cores.
PAINT_WAIT_MS = 45_000
# Once the run is over and every chart has its payload: the payload key of each chart the server sent
# without its paint (drawn live); null before.
FIRST_VIEW_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = [...document.querySelectorAll('.dash-chart')].map(c => c.parentElement && c.parentElement.__dashChart);
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning' || !charts.length
      || charts.some(state => !state)) return null;
  return charts.filter(state => !state.payload.paint).map(state => state.key);
}
"""


# Each running test server's output, by its base URL (``conftest.streamlit_server`` fills it): a wait
# that fails on a server says what the server said.
SERVER_LOGS: dict[str, Any] = {}
LOG_LINES = 30


def log_tail(log: Any) -> str:
    """The last :data:`LOG_LINES` lines of a server's open log file."""
    log.flush()
    log.seek(0)
    return "".join(log.readlines()[-LOG_LINES:])


def server_log_tail(url: str) -> str:
    """The last lines the test server serving ``url`` wrote (empty if none is known)."""
    log = next((log for base, log in SERVER_LOGS.items() if url.startswith(base)), None)
    return "" if log is None else log_tail(log)


def _all_there(paths: list[Path]) -> bool:
    return all(path.is_file() for path in paths)


def open_painted(new_tab: NewTab, url: str, cache: Path, *, settle: bool = True, **options: Any) -> Tab:
    """Open ``url`` until every chart of its first view arrives as a first paint, then let the app
    settle (unless ``settle`` is false: the paints are still on screen); the tab. The server renders
    the paints a visit asked for in the background and keeps them in ``cache``: a visit that got none
    waits until they are there, and the next one gets them."""
    for _ in range(PAINT_ATTEMPTS):
        tab = new_tab(**options)
        tab.start(url)
        live: list[str] = tab.page.wait_for_function(FIRST_VIEW_JS, timeout=PAINT_WAIT_MS, polling=50).json_value()
        if not live:
            tab.page.wait_for_function(PAINTED_JS, timeout=PAINT_WAIT_MS, polling=50)
            if settle:
                tab.settle()
            return tab
        missing = [cache / f"{paint_key(key)}.json" for key in live]
        tab.page.close()  # its run asked for the paints
        # A painter starved by the other worker's pages (it runs at a lower priority) may need more
        # than one wait: the next visit asks again and waits again.
        with contextlib.suppress(AssertionError):
            wait_until(partial(_all_there, missing), PAINT_WAIT_MS / 1000, f"paints of {url} in {cache}")
    raise AssertionError(
        f"{url}: no first paint after {PAINT_ATTEMPTS} visits of {PAINT_WAIT_MS / 1000:.0f} s each; the server's "
        f"last lines:\n{server_log_tail(url)}"
    )
