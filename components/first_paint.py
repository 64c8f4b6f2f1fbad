"""A chart's first paint: a static SVG of the same plotly figure, shown before plotly.js arrives.

A reader who opens a link gets each chart of the first view as an SVG inside its payload, so it is
drawn as soon as the script run reaches the page, with no plotly.js to fetch and parse; the
interactive chart (hover, zoom, legend, downloads) loads when the reader reaches for it
(``static/chart/dash-chart.js``). The SVG is plotly's own export (kaleido, plotly.js 4.1.1 in a
headless Chromium, the version the page draws with), rendered once per chart payload in a
background thread and kept in memory and on disk: a script run never waits for it. A server that
has just started paints every chart a link can ask for in that thread, readers' charts first, at a
lower CPU priority (``warm``; ``DASH_PAINT_WARMUP=off`` leaves it out). Without kaleido or a
Chromium, or with ``DASH_FIRST_PAINT=off``, every chart is drawn live, as before.

The renderer cannot hang the painter: a render that outlasts ``DASH_PAINT_TIMEOUT`` seconds (30) has
its Chromium killed and kaleido's server started afresh; paints count as off (first views prefetch
plotly.js) until a render succeeds again. A chart whose paint failed is tried again after a cool-down,
and failures in a row pause paints for a while, never for good.

No Streamlit here: ``components/views/charts.py`` asks for paints and splices them into payloads.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import math
import os
import queue
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from components import paint_check
from components.chart_spec import PLOTLY_VERSION, compact_json, merged, with_field

LOG = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
# A phone's column (390 px screen) and a desktop's main column beside the sidebar (1280-1440 px).
WIDTHS = {"narrow": 360, "wide": 820}
# Bumped when what a paint holds changes: older files on disk are then ignored.
FORMAT = 2
MAX_IN_MEMORY = 256
# How far a simplified outline may stray from plotly's, in pixels of the paint.
SIMPLIFY_PX = 0.5
# Renders failing one after the other before paints pause (drawn live) for ``BACKOFF_SECONDS``,
# twice as long after each such run of failures, up to ``MAX_BACKOFF_SECONDS``: never for good.
MAX_FAILURES = 3
BACKOFF_SECONDS = 60.0
MAX_BACKOFF_SECONDS = 3600.0
# A chart whose paint failed is drawn live, and rendered again when asked this long after (doubling).
RETRY_SECONDS = 300.0
# A render (both widths) that takes longer is taken for a hung Chromium: killed, started afresh.
# A first paint took 3.6-6.2 s on a shared 2-core machine, Chromium's start included;
# ``DASH_PAINT_TIMEOUT`` for a slower server.
TIMEOUT_SECONDS = 30.0
# choreographer starts Chromium through this wrapper, in a session of its own (start_new_session).
BROWSER_MARKER = "_unix_pipe_chromium_wrapper"
# Chromium stays up this long after its last render, then gives its memory back.
IDLE_SECONDS = 120.0
# The paint thread (and the Chromium it starts) yields the CPU to script runs: readers first.
NICENESS = 10
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_PATH_DATA = re.compile(r' d="([^"]*)"')
_COMMAND = re.compile(r"([MLHVZmlhvzACQSTacqst])([^MLHVZmlhvzACQSTacqst]*)")


def figures(payload: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The figure the page would draw at each of :data:`WIDTHS` (a narrow layout where the chart has
    one), as kaleido takes it."""
    figure = payload["figure"]
    narrow = payload.get("narrow") or {}
    out = {}
    for name, width in WIDTHS.items():
        layout = figure["layout"]
        if name == "narrow" and narrow and width < narrow["width"]:
            layout = merged(layout, narrow["layout"])
        out[name] = {"data": figure["data"], "layout": merged(layout, {"width": width})}
    return out


def _simplified(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """``points`` less those within ``tolerance`` of the line their neighbours kept (Douglas-Peucker)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        far, farthest = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            gap = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if gap > far:
                far, farthest = gap, i
        if far > tolerance:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _polyline(points: list[tuple[float, float]], closed: bool) -> str:
    """A move and its lines at whole pixels, simplified, the lines relative (``l``: fewer digits);
    "" when nothing of it is larger than a pixel."""
    rounded = [(round(x), round(y)) for x, y in _simplified(points, SIMPLIFY_PX)]
    steps = [(x - px, y - py) for (px, py), (x, y) in itertools.pairwise(rounded) if (x, y) != (px, py)]
    if not steps:
        return ""
    (x, y), lines = rounded[0], "".join(f"l{dx},{dy}" for dx, dy in steps)
    return f"M{x},{y}{lines}" + ("Z" if closed else "")


def _round_path(data: str) -> str:
    """Path data at whole pixels: outlines (a move, then lines) simplified to within
    ``SIMPLIFY_PX``, every other command with its coordinates rounded."""
    parts: list[str] = []
    commands = _COMMAND.findall(data)
    i = 0
    while i < len(commands):
        command, args = commands[i]
        numbers = [float(n) for n in _NUMBER.findall(args)]
        if command == "M" and len(numbers) == 2:
            points = [(numbers[0], numbers[1])]
            i += 1
            while i < len(commands) and commands[i][0] == "L":
                line = [float(n) for n in _NUMBER.findall(commands[i][1])]
                points += list(zip(line[0::2], line[1::2], strict=False))
                i += 1
            closed = i < len(commands) and commands[i][0] in "Zz"
            i += closed
            if len(points) > 1:
                parts.append(_polyline(points, closed))
            else:
                parts.append(f"M{round(points[0][0])},{round(points[0][1])}" + ("Z" if closed else ""))
            continue
        parts.append(command + ",".join(str(round(n)) for n in numbers))
        i += 1
    return "".join(parts)


# Presentation values plotly writes that are SVG's defaults anyway.
_DEFAULT_STYLES = re.compile(r" ?(?:fill-opacity|stroke-opacity|opacity): 1;")


def compact(svg: str) -> str:
    """``svg`` with path outlines simplified to whole pixels and default styles dropped: a map's
    paint shrinks ~10× and looks the same at the size it is shown."""
    svg = _PATH_DATA.sub(lambda m: f' d="{_round_path(m.group(1))}"', svg)
    return _DEFAULT_STYLES.sub("", svg)


def paint_key(payload_key: str) -> str:
    """The cache key of a payload's paint: the payload's own key, the plotly.js and format version."""
    return hashlib.sha256(f"{payload_key}|{PLOTLY_VERSION}|{FORMAT}|{sorted(WIDTHS.items())}".encode()).hexdigest()[:24]


def kaleido_or_none() -> Any | None:
    """kaleido, if it and a Chromium are here and paints are not switched off; else None (the fact
    sheet's chart image follows the same switch)."""
    if _switched_off("DASH_FIRST_PAINT"):
        return None
    try:
        import kaleido
    except ImportError:
        return None
    browser = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("google-chrome")
    if not browser:
        return None
    os.environ.setdefault("BROWSER_PATH", browser)
    return kaleido


def _switched_off(variable: str) -> bool:
    return os.environ.get(variable, "on").lower() in ("0", "off", "false", "no")


def _seconds(variable: str, default: float) -> float:
    """A positive number of seconds from the environment variable, else ``default``."""
    try:
        value = float(os.environ.get(variable, default))
    except ValueError:
        return default
    return value if value > 0 else default


def _backoff(base: float, rounds: int) -> float:
    """``base`` doubled for each round after the first, at most ``MAX_BACKOFF_SECONDS``."""
    return min(base * 2 ** max(rounds - 1, 0), MAX_BACKOFF_SECONDS)


class RenderHungError(TimeoutError):
    """A render, or kaleido's server stopping, outlasted the watchdog's timeout."""


def _watched(timeout: float, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)``'s result, or its exception, run in a thread of its own; RenderHungError
    after ``timeout`` seconds. A call blocked on a hung Chromium cannot be interrupted: its thread is
    left behind, and freed when the browser is killed. (The thread inherits the caller's niceness.)"""
    outcome: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            outcome.put((True, function(*args, **kwargs)))
        except BaseException as error:  # raised in the caller's thread instead
            outcome.put((False, error))

    threading.Thread(target=run, name="first-paint-render", daemon=True).start()
    try:
        done, value = outcome.get(timeout=timeout)
    except queue.Empty:
        raise RenderHungError(f"no answer in {timeout:g} s") from None
    if done:
        return value
    raise value


def _processes() -> list[tuple[int, int, int]]:
    """(pid, parent's pid, session) of each process in /proc; none where there is no /proc."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(entry.path, "stat").read_text()
                # After the command's name (which may hold spaces and parentheses): state, ppid, pgrp, session.
                fields = stat[stat.rindex(")") + 2 :].split()
                found.append((int(entry.name), int(fields[1]), int(fields[3])))
    return found


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def kill_browser() -> int:
    """Kill kaleido's Chromium: each child of this process started by choreographer's wrapper, with every
    process of its session (Chromium's zygotes and renderers); the number of processes signalled."""
    processes = _processes()
    me = os.getpid()
    leaders = {pid for pid, parent, _ in processes if parent == me and BROWSER_MARKER in _command_line(pid)}
    doomed = leaders | {pid for pid, _, session in processes if session in leaders}
    for pid in doomed:
        # SIGKILL: a stopped process acts on no other signal; choreographer reaps its own child.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return len(doomed)


def _abandon_server(kaleido: Any) -> None:
    """Give kaleido a new sync server and leave the hung one's thread behind: closing that server
    would join its thread, which may wait on the killed browser for ever (kaleido 1.x keeps the
    server in ``_global_server``, a singleton of its class)."""
    server = getattr(kaleido, "_global_server", None)
    if server is None:
        return
    server._initialized = False  # its close at exit returns at once instead of joining that thread
    type(server)._instance = None
    kaleido._global_server = type(server)()


class Painter:
    """Renders paints in a background thread and hands out those that are ready."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._ready: dict[str, dict[str, Any]] = {}
        # Per paint and width, its JSON text: every session's first view sends it, encoded once.
        self._fragments: dict[tuple[str, str], str] = {}
        self._pending: set[str] = set()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self.kaleido = kaleido_or_none()
        self.failed = self.kaleido is None
        self.timeout = _seconds("DASH_PAINT_TIMEOUT", TIMEOUT_SECONDS)
        self.retry_after = RETRY_SECONDS
        self.backoff = BACKOFF_SECONDS
        self._failures = 0
        self._paused_until = 0.0
        # Per chart whose paint failed: when it may be rendered again, and its failures in a row.
        self._retry_at: dict[str, tuple[float, int]] = {}
        # Whether kaleido's server (and its Chromium) is up, and whether the watchdog killed it since
        # the last render that succeeded.
        self._running = False
        self._restarting = False
        # What ``warm`` queued: payloads made one at a time, when no reader's paint is waiting.
        self._warming: Iterator[tuple[str, str]] | None = None
        self._warmed: str | None = None

    @property
    def enabled(self) -> bool:
        """True while paints are being made: kaleido and Chromium found, the renderer not killed since
        it last painted, paints not paused after failures in a row. First views prefetch plotly.js otherwise."""
        return not self.failed and not self._restarting and not self._paused()

    def _paused(self) -> bool:
        return time.monotonic() < self._paused_until

    def _cooling(self, key: str) -> bool:
        """Whether ``key``'s paint failed too lately to be rendered again yet."""
        return time.monotonic() < self._retry_at.get(key, (0.0, 0))[0]

    def get(self, payload_key: str, payload_json: str) -> dict[str, Any] | None:
        """The paint of this payload if it is ready; otherwise None, and it is queued for rendering."""
        key = paint_key(payload_key)
        paint = self._ready.get(key)
        if paint is not None or self.failed or self._paused():
            return paint
        with self._lock:
            paint = self._known(key)
            if paint is not None or key in self._pending or self._cooling(key):
                return paint
            self._pending.add(key)
            self._queue.put((key, payload_json))
            self._start()
        return None

    def warm(self, version: str, payloads: Iterator[tuple[str, str]]) -> None:
        """Paint every ``(payload_key, payload_json)`` of ``payloads`` (made lazily, in the paint thread)
        once per data ``version``, after any paint a reader is waiting for, so that a server that has
        just started soon has a paint for every view."""
        if self.failed or self._paused() or self._warmed == version or _switched_off("DASH_PAINT_WARMUP"):
            return
        with self._lock:
            self._warmed = version
            self._warming = payloads
            self._start()

    def _start(self) -> None:
        """Start the paint thread if it is not running (the caller holds the lock)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="first-paint", daemon=True)
            self._thread.start()

    def _known(self, key: str) -> dict[str, Any] | None:
        """The paint of ``key`` from memory or from the disk cache (kept in memory then)."""
        paint = self._ready.get(key) or self._read(key)
        if paint is not None:
            self._keep(key, paint)
        return paint

    def _next_warm(self) -> tuple[str, str] | None:
        """The next paint of the warm-up that is neither ready nor on disk; None when it is done."""
        while self._warming is not None:
            try:
                payload_key, payload_json = next(self._warming)
            except StopIteration:
                self._warming = None
            except Exception:  # a chart that cannot be built is drawn live when asked for
                LOG.exception("warming the first paints stopped")
                self._warming = None
            else:
                key = paint_key(payload_key)
                with self._lock:
                    if key in self._pending or self._cooling(key) or self._known(key) is not None:
                        continue
                    self._pending.add(key)
                return key, payload_json
        return None

    def _take(self) -> tuple[str, str] | None:
        """What to render next: a reader's paint, else the warm-up's; None after ``IDLE_SECONDS`` idle."""
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            pass
        warm = self._next_warm()
        if warm is not None:
            return warm
        try:
            return self._queue.get(timeout=IDLE_SECONDS)
        except queue.Empty:
            return None

    def fragment(self, payload_key: str, payload_json: str, width: str) -> str | None:
        """The JSON text ``{"key": paint key, width: ...}`` of this payload's paint at ``width``, for
        :func:`with_paint`; None while it is not ready (see :meth:`get`)."""
        paint = self.get(payload_key, payload_json)
        if paint is None:
            return None
        key = paint_key(payload_key)
        text = self._fragments.get((key, width))
        if text is None:
            text = self._fragments[(key, width)] = compact_json({"key": key, width: paint[width]})
        return text

    def wait(self, timeout: float) -> bool:
        """Block until nothing is queued or pending (tests and warm-up scripts); True if so in time."""
        deadline = time.monotonic() + timeout
        while self._pending:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def _keep(self, key: str, paint: dict[str, Any]) -> None:
        if len(self._ready) >= MAX_IN_MEMORY:
            self._ready.clear()
            self._fragments.clear()
        self._ready[key] = paint

    def _file(self, key: str) -> Path | None:
        return self.folder / f"{key}.json" if self.folder else None

    def _read(self, key: str) -> dict[str, Any] | None:
        path = self._file(key)
        if path is None or not path.is_file():
            return None
        try:
            paint = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            paint = None
        # Every replica sends what this shared folder holds to every reader: only a plotly export.
        if not paint_check.valid_paint(paint):
            paint_check.drop(path)
            return None
        return dict(paint)

    def _write(self, key: str, paint: dict[str, Any]) -> None:
        path = self._file(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(paint, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)  # atomic: replicas sharing the folder never read half a file
        except OSError as error:
            LOG.warning("first paint not kept on disk: %s", error)

    def render(self, payload: Mapping[str, Any], abandoned: threading.Event | None = None) -> dict[str, Any]:
        """The paint of ``payload``: per width, its SVG and size (kaleido's server must be running);
        a render the watchdog has ``abandoned`` stops before its next call into kaleido."""
        assert self.kaleido is not None
        topojson = (STATIC / "topojson").as_uri() + "/"
        paint = {}
        for name, figure in figures(payload).items():
            # Its next call would go to the restarted server, whose answers to the painter's own
            # render it could take (kaleido's sync server answers calls in turn, from any thread).
            if abandoned is not None and abandoned.is_set():
                raise RenderHungError("abandoned by the watchdog")
            width, height = figure["layout"]["width"], figure["layout"]["height"]
            svg = self.kaleido.calc_fig_sync(
                figure, opts={"format": "svg", "width": width, "height": height}, topojson=topojson
            )
            text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
            paint[name] = {"width": width, "height": height, "svg": compact(text)}
        return paint

    def _work(self) -> None:
        assert self.kaleido is not None
        with contextlib.suppress(OSError, AttributeError):  # Linux sets a thread's own niceness
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        while True:
            task = self._take()
            if task is None:
                self._stop_server()
                with self._lock:
                    if self._queue.empty() and self._warming is None:
                        self._thread = None
                        return
                continue
            key, payload_json = task
            paint = self._paint(payload_json)
            with self._lock:
                self._pending.discard(key)
                self._settle(key, paint)
                if self._paused():  # a reader's next ask starts the thread again, after the pause
                    self._drain()
                    self._thread = None
                    return

    def _paint(self, payload_json: str) -> dict[str, Any] | None:
        """The checked paint of a payload, rendered under the watchdog; None (drawn live) if it fails,
        then kaleido's server is stopped, or its Chromium killed if it hung."""
        assert self.kaleido is not None
        abandoned = threading.Event()
        try:
            if not self._running:
                # plotly.py's own plotly.min.js: the same 4.1.1 as the page's partial bundles, and
                # one file that draws bars and maps alike. No MathJax: no request off the host.
                self.kaleido.start_sync_server(mathjax=False, silence_warnings=True)
                self._running = True
            paint = _watched(self.timeout, self.render, json.loads(payload_json), abandoned)
        except Exception as error:  # a Chromium that does not start, a render that hangs or fails
            abandoned.set()  # before the kill that may free it
            self._failures += 1
            LOG.exception("first paint failed (%d in a row); this chart is drawn live", self._failures)
            self._stop_server(hung=isinstance(error, RenderHungError))  # the browser may be what failed
            return None
        self._failures = 0
        self._restarting = False
        return paint_check.checked(paint)  # None: drawn live, never kept

    def _stop_server(self, hung: bool = False) -> None:
        """Stop kaleido's server and its Chromium; if it ``hung`` or will not stop in time, kill the
        browser and leave the server behind, so that the next render starts both afresh."""
        assert self.kaleido is not None
        if not self._running:
            return
        self._running = False
        if not hung:
            try:
                _watched(self.timeout, self.kaleido.stop_sync_server, silence_warnings=True)
                return
            except Exception:
                LOG.exception("kaleido's server did not stop")
        self._restarting = True  # first views prefetch plotly.js until a render succeeds again
        LOG.error(
            "first paints: hung Chromium killed (%d processes), started afresh on the next render", kill_browser()
        )
        _abandon_server(self.kaleido)

    def _settle(self, key: str, paint: dict[str, Any] | None) -> None:
        """Keep a paint, or put its chart off for a cool-down (doubling while it fails); pause paints
        after ``MAX_FAILURES`` failed renders in a row (the caller holds the lock)."""
        now = time.monotonic()
        if paint is None:
            count = self._retry_at.get(key, (0.0, 0))[1] + 1
            self._retry_at[key] = (now + _backoff(self.retry_after, count), count)
        else:
            self._retry_at.pop(key, None)
            self._keep(key, paint)
            self._write(key, paint)
        if self._failures and self._failures % MAX_FAILURES == 0:
            self._paused_until = now + _backoff(self.backoff, self._failures // MAX_FAILURES)
            LOG.error(
                "first paints paused for %g s after %d failures in a row", self._paused_until - now, self._failures
            )

    def _drain(self) -> None:
        """Forget what is queued (the caller holds the lock): while paints pause, charts are drawn
        live, and queued again when asked for after."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        self._pending.clear()


_painter: Painter | None = None
_painter_lock = threading.Lock()


def painter() -> Painter:
    """The server's painter (one per process); its disk cache is ``DASH_PAINT_CACHE`` or ``.cache/``."""
    global _painter
    with _painter_lock:
        if _painter is None:
            folder = Path(os.environ.get("DASH_PAINT_CACHE", ROOT / ".cache" / "first-paint"))
            _painter = Painter(folder)
        return _painter


def is_mobile(headers: Mapping[str, str]) -> bool:
    """Whether the request comes from a phone: the ``Sec-CH-UA-Mobile`` client hint (Chromium sends
    it unasked) or ``Mobile`` in the user agent (Safari on iPhone, Firefox and Chrome on Android)."""
    hint = headers.get("Sec-Ch-Ua-Mobile") or headers.get("sec-ch-ua-mobile") or ""
    agent = headers.get("User-Agent") or headers.get("user-agent") or ""
    return hint.strip() == "?1" or "Mobile" in agent


def paint_ref(key: str) -> str:
    """The JSON text that stands for the paint ``key`` in a payload, where the page holds it already."""
    return compact_json({"ref": key})


def with_paint(payload_json: str, paint_json: str) -> str:
    """The payload's JSON text with the paint's (:meth:`Painter.fragment`) added, neither re-encoded."""
    return with_field(payload_json, "paint", paint_json)
