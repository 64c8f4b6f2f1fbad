"""Measurements in Debian's Chromium: first render, reruns after a click, bytes on the wire.

Times are taken inside the page with ``performance.now()`` (0 = start of the navigation), so
Playwright's own round trips do not count. Bytes come from the Chrome DevTools Protocol:
``Network.loadingFinished.encodedDataLength`` for HTTP responses (as transferred, headers
included) and the payload lengths of ``Network.webSocketFrameReceived`` for websocket frames
(decompressed protobuf ForwardMsgs).
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, Playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.chromium import CHROMIUM_ARGS, find_chromium

VIEWPORT = {"width": 1400, "height": 1000}
LOCALE = "en-US"
LOAD_TIMEOUT_MS = 120_000
CHANGE_TIMEOUT_MS = 30_000
# After "ready", late requests of the first view (fonts, lazily loaded chunks) still count.
SETTLE_MS = 1000

# Every chart drawn: a plotly SVG with its traces (or at least its title) in every chart element,
# and the script no longer running.
READY_JS = """
(args) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
  if (args.text !== null) {
    const blocks = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')];
    return blocks.some((b) => b.textContent.includes(args.text)) ? performance.now() : false;
  }
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (charts.length < args.minCharts) return false;
  const drawn = charts.every((c) => c.querySelector('.js-plotly-plot .main-svg')
    && c.querySelector('.js-plotly-plot .trace, .js-plotly-plot .gtitle'));
  return drawn ? performance.now() : false;
}
"""

# What identifies what the charts show: titles and tick labels.
SIGNATURE_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')].map((p) =>
  (p.querySelector('.gtitle')?.textContent || '') + '|' +
  [...p.querySelectorAll('.xtick text, .ytick text')].map((e) => e.textContent).join(',')).join('#')
"""

# Before any page script: the arrival time (performance.now()) of every websocket message, in
# order. The n-th entry is the n-th frame that CDP reports, so a frame's kind (parsed from CDP's
# copy) gives its in-page arrival time.
WS_TIMES_JS = """
(() => {
  const Native = window.WebSocket;
  window.__wsTimes = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__wsTimes.push(performance.now()));
    }
  };
})();
"""

# Records, after arm(), the time of the user's input and the last change of the charts' signature.
INSTALL_JS = (
    """
() => {
  if (window.__bench) return;
  const signature = """
    + SIGNATURE_JS.strip()
    + """;
  const B = window.__bench = {armed: false, input: null, sigAt: null, sig: signature(), signature};
  B.arm = () => { B.armed = true; B.input = null; B.sigAt = null; B.sig = signature(); };
  const onInput = () => { if (B.armed && B.input === null) B.input = performance.now(); };
  document.addEventListener('pointerdown', onInput, true);
  document.addEventListener('keydown', onInput, true);
  new MutationObserver(() => {
    if (B.input === null) return;
    const s = signature();
    if (s !== B.sig) { B.sig = s; B.sigAt = performance.now(); }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""
)

SETTLED_JS = """
(expectChange) => {
  const B = window.__bench;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const drawn = charts.every((c) => c.querySelector('.js-plotly-plot .main-svg'));
  return B.input !== null && drawn && (!expectChange || B.sigAt !== null);
}
"""


def category(url: str, origin: str) -> str:
    """Which part of the first view a response belongs to."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return "inline"
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return "external"
    path = parts.path
    if path.startswith("/app/static/"):
        return "app_static"
    if path.startswith(("/media/", "/_stcore/media")):
        return "app_media"
    if path.startswith("/_stcore/"):
        return "streamlit_endpoints"
    if path == "/" or path.startswith("/static/") or path in ("/index.html", "/favicon.png"):
        return "streamlit_bundle"
    return "other"


@dataclass
class Frame:
    """A websocket frame the page received."""

    at: float  # CDP monotonic seconds
    size: int
    kind: str | None


@dataclass
class NetworkRecorder:
    """Collects a page's responses and websocket frames through CDP."""

    origin: str
    urls: dict[str, str] = field(default_factory=dict)
    started: dict[str, float] = field(default_factory=dict)
    responses: list[dict[str, Any]] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    sent_bytes: int = 0
    failed: list[str] = field(default_factory=list)
    first_request_at: float | None = None

    def attach(self, cdp: CDPSession) -> None:
        """Start recording."""
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame_sent)
        cdp.send("Network.enable")
        cdp.send("Performance.enable")

    def _request(self, params: dict[str, Any]) -> None:
        request_id = str(params["requestId"])
        self.urls[request_id] = str(params["request"]["url"])
        self.started[request_id] = float(params["timestamp"])
        if self.first_request_at is None:
            self.first_request_at = float(params["timestamp"])

    def _finished(self, params: dict[str, Any]) -> None:
        request_id = str(params["requestId"])
        url = self.urls.get(request_id, "")
        self.responses.append(
            {
                "url": url,
                "category": category(url, self.origin),
                "bytes": int(params.get("encodedDataLength", 0)),
                "start": self.started.get(request_id),
                "end": float(params["timestamp"]),
            }
        )

    def _failed(self, params: dict[str, Any]) -> None:
        url = self.urls.get(str(params["requestId"]), "")
        if not params.get("canceled"):
            self.failed.append(f"{url}: {params.get('errorText')}")

    def _frame(self, params: dict[str, Any]) -> None:
        response = params["response"]
        payload = str(response.get("payloadData", ""))
        kind: str | None = None
        if int(response.get("opcode", 1)) == 2:
            data = base64.b64decode(payload)
            size = len(data)
            msg = ForwardMsg()
            try:
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
            except Exception:  # a frame that is not a ForwardMsg still counts its bytes
                kind = None
        else:
            size = len(payload.encode("utf-8"))
        self.frames.append(Frame(float(params["timestamp"]), size, kind))

    def _frame_sent(self, params: dict[str, Any]) -> None:
        payload = str(params["response"].get("payloadData", ""))
        opcode = int(params["response"].get("opcode", 1))
        self.sent_bytes += len(base64.b64decode(payload)) if opcode == 2 else len(payload.encode("utf-8"))

    def mark(self) -> tuple[int, int]:
        """A position to measure from (responses, frames)."""
        return len(self.responses), len(self.frames)

    def bytes_by_category(self, since: tuple[int, int] = (0, 0)) -> dict[str, int]:
        """Bytes received since ``since``, per category, websocket frames as ``websocket``."""
        totals: dict[str, int] = {}
        for response in self.responses[since[0] :]:
            totals[response["category"]] = totals.get(response["category"], 0) + int(response["bytes"])
        totals["websocket"] = sum(frame.size for frame in self.frames[since[1] :])
        return totals

    def frames_since(self, since: tuple[int, int]) -> list[Frame]:
        """Websocket frames received since ``since``."""
        return self.frames[since[1] :]


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless."""
    executable = find_chromium()
    if executable is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)


def _context(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=VIEWPORT, locale=LOCALE)  # type: ignore[arg-type]


def _metrics(cdp: CDPSession) -> dict[str, float]:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    wanted = ("ScriptDuration", "TaskDuration", "LayoutDuration", "RecalcStyleDuration", "JSHeapUsedSize")
    return {m["name"]: float(m["value"]) for m in metrics if m["name"] in wanted}


@dataclass
class Load:
    """One first render: time, bytes and where the time went."""

    ms: float | None
    bytes: dict[str, int]
    ws_frames: int
    deltas: int
    error: str | None = None
    breakdown: dict[str, float | None] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    largest: list[tuple[str, int]] = field(default_factory=list)
    charts: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "ms": self.ms,
            "bytes": self.bytes,
            "ws_frames": self.ws_frames,
            "deltas": self.deltas,
            "error": self.error,
            "breakdown_ms": self.breakdown,
            "browser_metrics": self.metrics,
            "largest_responses": self.largest,
            "charts": self.charts,
        }


def first_render(browser: Browser, url: str, *, min_charts: int = 0, text: str | None = None) -> Load:
    """Open ``url`` in a new context (empty cache) and time it until the view is drawn."""
    context = _context(browser)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    recorder = NetworkRecorder(origin)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder.attach(cdp)
        try:
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            ready = page.wait_for_function(
                READY_JS, arg={"minCharts": min_charts, "text": text}, polling="raf", timeout=LOAD_TIMEOUT_MS
            ).json_value()
            ms: float | None = float(ready)
            error = None
        except (PlaywrightTimeout, PlaywrightError) as exc:
            ms, error = None, f"{type(exc).__name__}: {str(exc)[:300]}"
        page.wait_for_timeout(SETTLE_MS)
        charts = int(page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length"))
        metrics = _metrics(cdp)
        frames = recorder.frames
        t0 = recorder.first_request_at or 0.0
        bundle_ends = [r["end"] for r in recorder.responses if r["category"] == "streamlit_bundle"]
        finished = [f.at for f in frames if f.kind == "script_finished"]
        breakdown: dict[str, float | None] = {
            "bundle_loaded": (max(bundle_ends) - t0) * 1000 if bundle_ends else None,
            "first_ws_frame": (frames[0].at - t0) * 1000 if frames else None,
            "script_finished_frame": (finished[0] - t0) * 1000 if finished else None,
            "drawn": ms,
        }
        largest = sorted(
            ((urlsplit(r["url"]).path, int(r["bytes"])) for r in recorder.responses),
            key=lambda item: -item[1],
        )[:6]
        return Load(
            ms=ms,
            bytes=recorder.bytes_by_category(),
            ws_frames=len(frames),
            deltas=sum(1 for f in frames if f.kind == "delta"),
            error=error or ("; ".join(recorder.failed)[:300] if recorder.failed else None),
            breakdown=breakdown,
            metrics=metrics,
            largest=largest,
            charts=charts,
        )
    finally:
        context.close()


@dataclass
class Change:
    """One rerun caused by a click or a key in the page."""

    ms: float | None
    ws_bytes: int
    ws_frames: int
    chart_changed: bool
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "ms": self.ms,
            "ws_bytes": self.ws_bytes,
            "ws_frames": self.ws_frames,
            "chart_changed": self.chart_changed,
            "error": self.error,
        }


class LivePage:
    """A page kept open to change controls in, with its network recorded."""

    def __init__(self, browser: Browser, url: str, *, min_charts: int = 0, text: str | None = None) -> None:
        self.context = _context(browser)
        self.context.add_init_script(WS_TIMES_JS)
        self.page: Page = self.context.new_page()
        self.recorder = NetworkRecorder("{0.scheme}://{0.netloc}".format(urlsplit(url)))
        self.recorder.attach(self.context.new_cdp_session(self.page))
        self.frame_offset = 0
        self.navigate(url, min_charts=min_charts, text=text)

    def navigate(self, url: str, *, min_charts: int = 0, text: str | None = None) -> None:
        """Load ``url`` in this page (same context: the browser cache is warm) and wait for it."""
        self.page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        # The new document's websocket starts a new list of arrival times.
        self.frame_offset = len(self.recorder.frames)
        self.page.wait_for_function(
            READY_JS, arg={"minCharts": min_charts, "text": text}, polling="raf", timeout=LOAD_TIMEOUT_MS
        )
        self.page.wait_for_timeout(500)
        self.page.evaluate(INSTALL_JS)

    def close(self) -> None:
        """Close the page's context."""
        self.context.close()

    def signature(self) -> str:
        """What the charts show now."""
        return str(self.page.evaluate(SIGNATURE_JS))

    def _finished_index(self, since: int) -> int | None:
        for index in range(since, len(self.recorder.frames)):
            if self.recorder.frames[index].kind == "script_finished":
                return index
        return None

    def measure(
        self,
        act: Callable[[Page], None],
        prepare: Callable[[Page], None] | None = None,
        *,
        expect_change: bool,
    ) -> Change:
        """Run ``prepare`` (e.g. open a dropdown), then time ``act`` from the input event until the
        page has received the rerun's ``script_finished`` and, with ``expect_change``, the charts
        show something else (whichever comes last)."""
        page = self.page
        try:
            if prepare is not None:
                prepare(page)
            before = self.signature()
            mark = self.recorder.mark()
            page.evaluate("() => window.__bench.arm()")
            act(page)
            deadline = time.monotonic() + CHANGE_TIMEOUT_MS / 1000
            while True:
                finished = self._finished_index(mark[1])
                if finished is not None and page.evaluate(SETTLED_JS, expect_change):
                    break
                if time.monotonic() > deadline:
                    raise PlaywrightTimeout(f"no finished rerun within {CHANGE_TIMEOUT_MS} ms")
                page.wait_for_timeout(10)
            times = page.evaluate(
                "(i) => [window.__bench.input, window.__wsTimes[i] ?? null, window.__bench.sigAt]",
                finished - self.frame_offset,
            )
            start, done, sig_at = (None if v is None else float(v) for v in times)
            ends = [v for v in (done, sig_at if expect_change else None) if v is not None]
            ms = max(ends) - start if ends and start is not None and done is not None else None
            page.wait_for_timeout(300)  # frames still in flight for this rerun
            frames = self.recorder.frames_since(mark)
            error = None if ms is not None else f"unmatched times {times}"
            return Change(ms, sum(f.size for f in frames), len(frames), self.signature() != before, error)
        except (PlaywrightTimeout, PlaywrightError) as exc:
            page.keyboard.press("Escape")
            return Change(None, 0, 0, False, f"{type(exc).__name__}: {str(exc)[:200]}")


def pick_select_option(index: int, nth: int = 0) -> tuple[Callable[[Page], None], Callable[[Page], None]]:
    """(prepare, act) that open the ``nth`` sidebar selectbox and click its option ``index``."""

    def prepare(page: Page) -> None:
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').nth(nth).click()
        page.locator('[role="listbox"] [role="option"]').first.wait_for(timeout=CHANGE_TIMEOUT_MS)

    def act(page: Page) -> None:
        page.locator('[role="listbox"] [role="option"]').nth(index).click()

    return prepare, act


def pick_radio_option(label: str, nth: int = 0) -> Callable[[Page], None]:
    """An act that clicks the option ``label`` of the ``nth`` sidebar radio."""

    def act(page: Page) -> None:
        radio = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').nth(nth)
        radio.locator("label").filter(has_text=label).first.click()

    return act


def press_rerun(page: Page) -> None:
    """Streamlit's keyboard shortcut for a rerun."""
    page.keyboard.press("r")


def wait_quiet(seconds: float) -> None:
    """A pause between measurements (lets the server's GC and the page settle)."""
    time.sleep(seconds)
