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

from tools.chromium import CHROMIUM_ARGS, find_chromium

VIEWPORT = {"width": 1400, "height": 1000}
LOCALE = "en-US"
LOAD_TIMEOUT_MS = 120_000
CHANGE_TIMEOUT_MS = 30_000
# After every chart is drawn, late requests of the first view (fonts, lazily loaded chunks) still
# count: the view is over when no request has been open and nothing has arrived for SETTLE_MS
# (at most SETTLE_MAX_MS after the last chart was drawn).
SETTLE_MS = 1000
SETTLE_MAX_MS = 10_000
CONSOLE_KEPT = 10

# The state of every chart in the page, shared by READY_JS, SETTLED_JS and SIGNATURE_JS.
# The dashboard's charts: ``figure.dash-chart`` (a custom component in the page, static/chart/
# dash-chart.js) whose plot ``div.dash-plot`` is plotly's graph div (it gets the class
# ``js-plotly-plot``); the component sets ``data-drawn="true"`` once plotly has drawn it, "failed"
# on error. A first view may come painted (components/first_paint.py): ``data-painted="static"``
# and plotly's own SVG of the figure in ``.dash-paint``, its marks drawn; that counts as drawn
# (``painted`` says which), and plotly.js loads only when the reader reaches for the chart.
# The reference app's ``st.plotly_chart``: ``[data-testid="stPlotlyChart"]`` holding a plotly SVG
# with its traces (or at least its title). Drawn = ``.main-svg`` present as well.
CHARTS_JS = """
() => {
  const out = [];
  for (const f of document.querySelectorAll('figure.dash-chart')) {
    const paint = f.getAttribute('data-painted') === 'static' ? f.querySelector('.dash-paint svg') : null;
    const plot = paint || f.querySelector('.dash-plot');
    const svg = Boolean(paint || (plot && plot.querySelector('.main-svg')));
    const flag = f.getAttribute('data-drawn');
    const state = flag === 'failed' ? 'failed' : (flag === 'true' || paint) && svg ? 'drawn' : 'pending';
    const ticks = [...f.querySelectorAll('.xtick text, .ytick text')].map((e) => e.textContent).join(',');
    out.push({
      id: f.getAttribute('data-chart') || '', state, painted: Boolean(paint),
      marks: Boolean(plot && plot.querySelector('.trace')),
      title: f.querySelector('.dash-chart-title')?.textContent || '', ticks,
      message: state === 'failed' ? (plot?.textContent || '').slice(0, 200) : '',
    });
  }
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (c.closest('figure.dash-chart')) continue;
    const svg = c.querySelector('.js-plotly-plot .main-svg');
    const drawn = svg && c.querySelector('.js-plotly-plot .trace, .js-plotly-plot .gtitle');
    const ticks = [...c.querySelectorAll('.xtick text, .ytick text')].map((e) => e.textContent).join(',');
    out.push({
      id: 'stPlotlyChart', state: drawn ? 'drawn' : 'pending',
      marks: Boolean(c.querySelector('.js-plotly-plot .trace')),
      title: c.querySelector('.gtitle')?.textContent || '', ticks, message: '',
    });
  }
  return out;
}
""".strip()

# Ready: the script no longer runs and at least ``minCharts`` charts are drawn (``every``: every
# chart in the page is, and there is one) — or, for the bare app, ``text`` is shown. A chart that
# failed ends the wait at once. Returns {at: performance.now(), ...} or false.
READY_JS = (
    """
(args) => {
  const charts = ("""
    + CHARTS_JS
    + """)();
  const failed = charts.filter((c) => c.state === 'failed');
  if (failed.length) {
    return {at: performance.now(), failed: failed.map((c) => c.id + ': ' + c.message), charts: charts.length};
  }
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') === 'running') return false;
  if (args.text !== null) {
    const blocks = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')];
    return blocks.some((b) => b.textContent.includes(args.text)) ? {at: performance.now(), charts: 0, drawn: 0} : false;
  }
  const drawn = charts.filter((c) => c.state === 'drawn');
  const ok = args.every ? charts.length > 0 && drawn.length === charts.length : drawn.length >= args.minCharts;
  if (!ok) return false;
  return {at: performance.now(), charts: charts.length, drawn: drawn.length, first: drawn[0]?.id ?? null,
          painted: drawn.filter((c) => c.painted).length,
          withoutMarks: drawn.filter((c) => !c.marks).map((c) => c.id)};
}
"""
)

# What identifies what the charts show: per chart its id, state, title and tick labels. The state
# is part of it, so that a chart redrawn with the same title (maps have no tick labels) changes
# the signature when it is drawn, not only when its frame is rebuilt.
_ONE_SIGNATURE = "(c) => c.id + ':' + c.state + ':' + c.title + '|' + c.ticks"
SIGNATURE_JS = f"() => ({CHARTS_JS})().map({_ONE_SIGNATURE}).join('#')"

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

# Before any page script: performance.now() when the first chart's frame (``figure.dash-chart``,
# which static/chart/dash-chart.js builds and appends as it mounts a chart) is in the page. Watched
# from outside, so that the product carries nothing for the benchmark; the observer stops there.
FIRST_CHART_MOUNT_JS = """
(() => {
  window.__firstChartMount = null;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('figure.dash-chart')) return;
    window.__firstChartMount = performance.now();
    observer.disconnect();
  });
  observer.observe(document, {childList: true, subtree: true});
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
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['data-drawn']});
}
"""
)

# A rerun is over in the page when every chart is drawn again (a chart whose payload changed is
# rebuilt and pending until plotly has drawn it) and, with ``expectChange``, the signature changed.
SETTLED_JS = (
    """
(expectChange) => {
  const B = window.__bench;
  const charts = ("""
    + CHARTS_JS
    + """)();
  const drawn = charts.every((c) => c.state !== 'pending');
  return B.input !== null && drawn && (!expectChange || B.sigAt !== null);
}
"""
)


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


def ws_header_bytes(payload: int) -> int:
    """Bytes of a server-to-client websocket frame's header (RFC 6455: unmasked)."""
    return 2 if payload < 126 else 4 if payload < 65536 else 10


@dataclass
class Frame:
    """A websocket frame the page received."""

    at: float  # CDP monotonic seconds
    size: int  # payload bytes
    kind: str | None

    @property
    def wire(self) -> int:
        """Payload and frame header (no compression is negotiated: see ``NetworkRecorder``)."""
        return self.size + ws_header_bytes(self.size)


@dataclass
class NetworkRecorder:
    """Collects a page's responses and websocket frames through CDP.

    HTTP bytes are ``encodedDataLength`` (as transferred, response headers included); websocket
    bytes are the frames' payloads plus their headers, plus the handshake response. Streamlit does
    not negotiate ``permessage-deflate`` by default (``server.enableWebsocketCompression``); the
    extensions the server accepted are kept in ``ws_extensions`` to check that payload = wire."""

    origin: str
    urls: dict[str, str] = field(default_factory=dict)
    started: dict[str, float] = field(default_factory=dict)
    responses: list[dict[str, Any]] = field(default_factory=list)
    frames: list[Frame] = field(default_factory=list)
    sent_bytes: int = 0
    failed: list[str] = field(default_factory=list)
    first_request_at: float | None = None
    pending: set[str] = field(default_factory=set)
    last_activity: float = 0.0  # time.monotonic() of the last network event
    handshake_bytes: int = 0
    ws_extensions: list[str] = field(default_factory=list)

    def attach(self, cdp: CDPSession) -> None:
        """Start recording."""
        cdp.on("Network.requestWillBeSent", self._request)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame_sent)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        cdp.send("Network.enable")
        cdp.send("Performance.enable")

    def _touch(self) -> None:
        self.last_activity = time.monotonic()

    def _request(self, params: dict[str, Any]) -> None:
        self._touch()
        request_id = str(params["requestId"])
        self.urls[request_id] = str(params["request"]["url"])
        self.started[request_id] = float(params["timestamp"])
        self.pending.add(request_id)
        if self.first_request_at is None:
            self.first_request_at = float(params["timestamp"])

    def _finished(self, params: dict[str, Any]) -> None:
        self._touch()
        request_id = str(params["requestId"])
        self.pending.discard(request_id)
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
        self._touch()
        request_id = str(params["requestId"])
        self.pending.discard(request_id)
        url = self.urls.get(request_id, "")
        if not params.get("canceled"):
            self.failed.append(f"{url}: {params.get('errorText')}")

    def _handshake(self, params: dict[str, Any]) -> None:
        response = params.get("response") or {}
        headers = {str(k).lower(): str(v) for k, v in (response.get("headers") or {}).items()}
        text = response.get("headersText")
        if text:
            self.handshake_bytes += len(str(text).encode("latin-1", "replace"))
        else:  # status line + "name: value\r\n" per header + blank line
            lines = sum(len(k) + len(v) + 4 for k, v in headers.items())
            self.handshake_bytes += len("HTTP/1.1 101 Switching Protocols\r\n") + lines + 2
        if headers.get("sec-websocket-extensions"):
            self.ws_extensions.append(headers["sec-websocket-extensions"])

    def _frame(self, params: dict[str, Any]) -> None:
        self._touch()
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
        """Bytes received since ``since``, per category, websocket frames (and, from the start,
        the handshake response) as ``websocket``."""
        totals: dict[str, int] = {}
        for response in self.responses[since[0] :]:
            totals[response["category"]] = totals.get(response["category"], 0) + int(response["bytes"])
        handshake = self.handshake_bytes if since == (0, 0) else 0
        totals["websocket"] = sum(frame.wire for frame in self.frames[since[1] :]) + handshake
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

    ms: float | None  # the first chart drawn (bare app: its text shown), performance.now()
    bytes: dict[str, int]
    ws_frames: int
    deltas: int
    error: str | None = None
    breakdown: dict[str, float | None] = field(default_factory=dict)
    metrics: dict[str, float] = field(default_factory=dict)
    largest: list[tuple[str, int]] = field(default_factory=list)
    charts: int = 0
    all_ms: float | None = None  # every chart of the view drawn
    first_chart: str | None = None
    console: list[str] = field(default_factory=list)
    ws_extensions: list[str] = field(default_factory=list)
    url: str = ""
    responses: list[tuple[str, str, int]] = field(default_factory=list)  # (category, path, bytes)

    @property
    def total_bytes(self) -> int:
        """Everything received for the first view, Streamlit's bundle included."""
        return sum(self.bytes.values())

    def as_dict(self, *, responses: bool = False) -> dict[str, Any]:
        """JSON-ready (``responses``: with every response of the view)."""
        extra = {"responses": self.responses} if responses else {}
        return extra | {
            "url": self.url,
            "ms": self.ms,
            "all_drawn_ms": self.all_ms,
            "first_chart": self.first_chart,
            "bytes": self.bytes,
            "bytes_total": self.total_bytes,
            "ws_frames": self.ws_frames,
            "deltas": self.deltas,
            "error": self.error,
            "breakdown_ms": self.breakdown,
            "browser_metrics": self.metrics,
            "largest_responses": self.largest,
            "charts": self.charts,
            "console_errors": self.console,
            "ws_extensions": self.ws_extensions,
        }


def _wait_ready(page: Page, timeout_ms: float, **args: Any) -> dict[str, Any]:
    arg = {"minCharts": 1, "every": False, "text": None} | args
    handle = page.wait_for_function(READY_JS, arg=arg, polling="raf", timeout=timeout_ms)
    value = handle.json_value()
    if not isinstance(value, dict):
        raise PlaywrightError(f"unexpected ready value {value!r}")
    if value.get("failed"):
        raise PlaywrightError("chart failed to draw: " + "; ".join(map(str, value["failed"])))
    return value


def _settle(page: Page, recorder: NetworkRecorder) -> None:
    """Wait until no request is open and nothing arrived for SETTLE_MS (at most SETTLE_MAX_MS)."""
    deadline = time.monotonic() + SETTLE_MAX_MS / 1000
    page.wait_for_timeout(100)
    while time.monotonic() < deadline:
        if not recorder.pending and time.monotonic() - recorder.last_activity >= SETTLE_MS / 1000:
            return
        page.wait_for_timeout(100)


def _console_listener(kept: list[str]) -> Callable[[Any], None]:
    def on_console(message: Any) -> None:
        if message.type == "error" and len(kept) < CONSOLE_KEPT:
            kept.append(f"console: {message.text[:300]}")

    return on_console


def _reach_for_first_chart(page: Page) -> float | None:
    """Move a pointer over the first painted chart; ms until its live chart is drawn (None: never)."""
    try:
        value = page.evaluate(
            """() => new Promise((resolve) => {
                  const f = document.querySelector('figure.dash-chart[data-painted="static"]');
                  const start = performance.now();
                  setTimeout(() => resolve(null), 60000);
                  new MutationObserver((_, o) => {
                    const flag = f.getAttribute('data-drawn');
                    if (flag) { o.disconnect(); resolve(flag === 'true' ? performance.now() - start : null); }
                  }).observe(f, {attributes: true, attributeFilter: ['data-drawn']});
                  f.dispatchEvent(new PointerEvent('pointerover', {bubbles: true}));
                })""",
        )
    except PlaywrightError:
        return None
    return float(value) if value is not None else None


def first_render(browser: Browser, url: str, *, charts: bool = True, text: str | None = None) -> Load:
    """Open ``url`` in a new context (empty cache) and time it until the first chart is drawn (or,
    for the bare app, ``text`` is shown); then wait for every chart and for the network to settle,
    and count the bytes of the whole first view."""
    context = _context(browser)
    context.add_init_script(FIRST_CHART_MOUNT_JS)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    recorder = NetworkRecorder(origin)
    console: list[str] = []
    try:
        page = context.new_page()
        page.on("console", _console_listener(console))
        page.on("pageerror", lambda exc: console.append(f"pageerror: {str(exc)[:300]}"))
        cdp = context.new_cdp_session(page)
        recorder.attach(cdp)
        ms: float | None = None
        all_ms: float | None = None
        first_chart: str | None = None
        error: str | None = None
        try:
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            if charts:
                first = _wait_ready(page, LOAD_TIMEOUT_MS, minCharts=1)
                ms, first_chart = float(first["at"]), first.get("first")
                every = _wait_ready(page, LOAD_TIMEOUT_MS, every=True)
                all_ms = float(every["at"])
                if every.get("withoutMarks"):
                    error = "drawn without any trace: " + ", ".join(map(str, every["withoutMarks"]))
            else:
                ms = float(_wait_ready(page, LOAD_TIMEOUT_MS, text=text)["at"])
        except (PlaywrightTimeout, PlaywrightError) as exc:
            error = f"{type(exc).__name__}: {str(exc)[:300]}"
        _settle(page, recorder)
        n_charts = len(page.evaluate(CHARTS_JS))
        metrics = _metrics(cdp)
        first_view_bytes = recorder.bytes_by_category()
        first_view_responses = list(recorder.responses)
        # Then (not counted in the first view): a reader reaching for the first painted chart.
        painted = sum(1 for c in page.evaluate(CHARTS_JS) if c.get("painted"))
        live_ms = _reach_for_first_chart(page) if painted else None
        frames = recorder.frames
        t0 = recorder.first_request_at or 0.0

        def ended(prefix: str, where: str = "category") -> float | None:
            ends = [
                r["end"]
                for r in recorder.responses
                if (r["category"] == prefix if where == "category" else urlsplit(r["url"]).path.startswith(prefix))
            ]
            return (max(ends) - t0) * 1000 if ends else None

        finished = [f.at for f in frames if f.kind == "script_finished"]
        mounted = page.evaluate("() => window.__firstChartMount")
        # performance.now() is from navigation, CDP times from the first request: about the same origin.
        breakdown: dict[str, float | None] = {
            "bundle_loaded": ended("streamlit_bundle"),
            "first_ws_frame": (frames[0].at - t0) * 1000 if frames else None,
            "script_finished_frame": (finished[0] - t0) * 1000 if finished else None,
            "component_chunk_loaded": ended("/static/js/BidiComponent", "path"),
            "first_chart_mounted": float(mounted) if mounted is not None else None,
            "plotly_loaded": ended("/app/static/plotly/", "path"),  # after live_after_reach if painted
            "drawn": ms,
            "all_drawn": all_ms,
            # After the first view (bytes counted): a pointer over the first painted chart, until
            # plotly.js has drawn it live (ms from that pointer).
            "live_after_reach": live_ms,
        }
        received = sorted(
            ((str(r["category"]), urlsplit(r["url"]).path, int(r["bytes"])) for r in first_view_responses),
            key=lambda item: -item[2],
        )
        largest = [(path, size) for _, path, size in received[:6]]
        failed = "; ".join(recorder.failed)[:300] if recorder.failed else None
        return Load(
            ms=ms,
            bytes=first_view_bytes,
            ws_frames=len(frames),
            deltas=sum(1 for f in frames if f.kind == "delta"),
            error="; ".join(e for e in (error, failed) if e) or None,
            breakdown=breakdown,
            metrics=metrics,
            largest=largest,
            charts=n_charts,
            all_ms=all_ms,
            first_chart=first_chart,
            console=console,
            ws_extensions=recorder.ws_extensions,
            url=urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""),
            responses=received,
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

    def __init__(self, browser: Browser, url: str, *, charts: bool = True, text: str | None = None) -> None:
        self.context = _context(browser)
        self.context.add_init_script(WS_TIMES_JS)
        self.page: Page = self.context.new_page()
        self.recorder = NetworkRecorder("{0.scheme}://{0.netloc}".format(urlsplit(url)))
        self.recorder.attach(self.context.new_cdp_session(self.page))
        self.frame_offset = 0
        self.first_view: dict[str, Any] = {}
        self.navigate(url, charts=charts, text=text)

    def navigate(self, url: str, *, charts: bool = True, text: str | None = None) -> None:
        """Load ``url`` in this page (same context: the browser cache is warm) and wait until every
        chart is drawn (or ``text`` is shown)."""
        self.page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
        # The new document's websocket starts a new list of arrival times.
        self.frame_offset = len(self.recorder.frames)
        if charts:
            _wait_ready(self.page, LOAD_TIMEOUT_MS, every=True)
        else:
            _wait_ready(self.page, LOAD_TIMEOUT_MS, text=text)
        self.page.wait_for_timeout(500)
        self.page.evaluate(INSTALL_JS)
        frames = self.recorder.frames[self.frame_offset :]
        # What the script's first run sent this page (compared with a protocol session's first run).
        self.first_view = {
            "url": url,
            "deltas": sum(1 for f in frames if f.kind == "delta"),
            "ws_payload_bytes": sum(f.size for f in frames),
        }

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
        *,
        expect_change: bool,
    ) -> Change:
        """Time ``act`` from the input event until the
        page has received the rerun's ``script_finished`` and, with ``expect_change``, the charts
        show something else (whichever comes last)."""
        page = self.page
        try:
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
            failed = [c["id"] for c in page.evaluate(CHARTS_JS) if c["state"] == "failed"]
            if failed:
                error = "; ".join(e for e in (error, "chart failed to draw: " + ", ".join(failed)) if e)
            return Change(ms, sum(f.wire for f in frames), len(frames), self.signature() != before, error)
        except (PlaywrightTimeout, PlaywrightError) as exc:
            page.keyboard.press("Escape")
            return Change(None, 0, 0, False, f"{type(exc).__name__}: {str(exc)[:200]}")


def pick_radio_option(option: str | int, key: str) -> Callable[[Page], None]:
    """An act that clicks the option ``option`` (its label, or its index) of the radio keyed ``key``."""

    def act(page: Page) -> None:
        labels = page.locator(f'[class*="st-key-{key}"] [data-testid="stRadio"]').locator("label")
        (labels.nth(option) if isinstance(option, int) else labels.filter(has_text=option).first).click()

    return act


def press_rerun(page: Page) -> None:
    """Streamlit's keyboard shortcut for a rerun."""
    page.keyboard.press("r")


def wait_quiet(seconds: float) -> None:
    """A pause between measurements (lets the server's GC and the page settle)."""
    time.sleep(seconds)
