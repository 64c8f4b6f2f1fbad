"""A chart's first paint: a static SVG of the same plotly figure, shown before plotly.js arrives.

A reader who opens a link gets each chart of the first view as an SVG inside its payload, so it is
drawn as soon as the script run reaches the page, with no plotly.js to fetch and parse; the
interactive chart (hover, zoom, legend, downloads) loads when the reader reaches for it
(``static/chart/dash-chart.js``). The SVG is plotly's own export (kaleido, plotly.js 4.1.1 in a
headless Chromium, the version the page draws with), rendered once per chart payload in a
background thread and kept in memory and on disk: a script run never waits for it. Without kaleido
or a Chromium, or with ``DASH_FIRST_PAINT=off``, every chart is drawn live, as before.

No Streamlit here: ``components/views/charts.py`` asks for paints and splices them into payloads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import re
import shutil
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from components import paint_check
from components.chart_spec import PLOTLY_VERSION, script_json

LOG = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "static"
# A phone's column (390 px screen) and a desktop's main column beside the sidebar (1280-1440 px).
WIDTHS = {"narrow": 360, "wide": 820}
# Bumped when what a paint holds changes: older files on disk are then ignored.
FORMAT = 1
MAX_IN_MEMORY = 256
# Renders failing one after the other before paints are given up for the process (drawn live).
MAX_FAILURES = 3
# Chromium stays up this long after its last render, then gives its memory back.
IDLE_SECONDS = 120.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
_PATH_DATA = re.compile(r' d="([^"]*)"')
_COMMAND = re.compile(r"([MLHVZmlhvzACQSTacqst])([^MLHVZmlhvzACQSTacqst]*)")


def merged(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` merged in, object by object (as ``merge`` in dash-chart.js)."""
    out = dict(base)
    for key, value in patch.items():
        old = out.get(key)
        out[key] = merged(old, value) if isinstance(value, dict) and isinstance(old, dict) else value
    return out


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


def _round_path(data: str) -> str:
    """Path data with every coordinate to the nearest pixel and lines to the same point dropped."""
    parts: list[str] = []
    last: list[str] = []
    for command, args in _COMMAND.findall(data):
        numbers = [str(round(float(n))) for n in _NUMBER.findall(args)]
        if command == "L" and numbers == last:
            continue
        parts.append(command + ",".join(numbers))
        last = numbers[-2:] if command in "ML" else []
    return "".join(parts)


def compact(svg: str) -> str:
    """``svg`` with path coordinates rounded to whole pixels: a map's outlines shrink ~6× and look the
    same at the size they are shown."""
    return _PATH_DATA.sub(lambda m: f' d="{_round_path(m.group(1))}"', svg)


def paint_key(payload_key: str) -> str:
    """The cache key of a payload's paint: the payload's own key, the plotly.js and format version."""
    return hashlib.sha256(f"{payload_key}|{PLOTLY_VERSION}|{FORMAT}|{sorted(WIDTHS.items())}".encode()).hexdigest()[:24]


def _kaleido() -> Any | None:
    """kaleido, if it and a Chromium are here and paints are not switched off; else None."""
    if os.environ.get("DASH_FIRST_PAINT", "on").lower() in ("0", "off", "false", "no"):
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
        self.kaleido = _kaleido()
        self.failed = self.kaleido is None
        self._failures = 0
        self._given_up: set[str] = set()

    @property
    def enabled(self) -> bool:
        """True while paints can be made (kaleido and Chromium found, no render has failed)."""
        return not self.failed

    def get(self, payload_key: str, payload_json: str) -> dict[str, Any] | None:
        """The paint of this payload if it is ready; otherwise None, and it is queued for rendering."""
        key = paint_key(payload_key)
        paint = self._ready.get(key)
        if paint is not None or self.failed:
            return paint
        with self._lock:
            if key in self._pending or key in self._given_up:
                return None
            paint = self._read(key)
            if paint is not None:
                self._keep(key, paint)
                return paint
            self._pending.add(key)
            self._queue.put((key, payload_json))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="first-paint", daemon=True)
                self._thread.start()
        return None

    def fragment(self, payload_key: str, payload_json: str, width: str) -> str | None:
        """The JSON text ``{width: ...}`` of this payload's paint at ``width``, for :func:`with_paint`;
        None while it is not ready (see :meth:`get`)."""
        paint = self.get(payload_key, payload_json)
        if paint is None:
            return None
        cached = (paint_key(payload_key), width)
        text = self._fragments.get(cached)
        if text is None:
            text = self._fragments[cached] = script_json({width: paint[width]})
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

    def render(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """The paint of ``payload``: per width, its SVG and size (kaleido's server must be running)."""
        assert self.kaleido is not None
        topojson = (STATIC / "topojson").as_uri() + "/"
        paint = {}
        for name, figure in figures(payload).items():
            width, height = figure["layout"]["width"], figure["layout"]["height"]
            svg = self.kaleido.calc_fig_sync(
                figure, opts={"format": "svg", "width": width, "height": height}, topojson=topojson
            )
            text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
            paint[name] = {"width": width, "height": height, "svg": compact(text)}
        return paint

    def _work(self) -> None:
        assert self.kaleido is not None
        running = False
        while True:
            try:
                key, payload_json = self._queue.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                if running:
                    self.kaleido.stop_sync_server(silence_warnings=True)
                    running = False
                with self._lock:
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            paint = None
            try:
                if not running:
                    # plotly.py's own plotly.min.js: the same 4.1.1 as the page's partial bundles, and
                    # one file that draws bars and maps alike. No MathJax: no request off the host.
                    self.kaleido.start_sync_server(mathjax=False, silence_warnings=True)
                    running = True
                paint = self.render(json.loads(payload_json))
                paint = paint_check.checked(paint)  # None: drawn live, never kept
                self._failures = 0
            except Exception:  # a Chromium that does not start, a render that times out
                self._failures += 1
                LOG.exception("first paint failed (%d in a row); this chart is drawn live", self._failures)
                if running:  # start afresh: the browser may be what failed
                    self.kaleido.stop_sync_server(silence_warnings=True)
                    running = False
            with self._lock:
                self._pending.discard(key)
                if paint is None:
                    self._given_up.add(key)
                else:
                    self._keep(key, paint)
                    self._write(key, paint)
                if self._failures >= MAX_FAILURES:
                    self.failed = True
                    self._pending.clear()
                    self._thread = None
                    return


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


def with_paint(payload_json: str, paint_json: str) -> str:
    """The payload's JSON text with the paint's (:meth:`Painter.fragment`) added, neither re-encoded."""
    return payload_json[:-1] + ',"paint":' + paint_json + "}"
