"""First paints (components/first_paint.py): the figure per width, the compacted SVG, the splice into
the payload, the cache, and a painter that cannot paint staying out of the way."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from components import first_paint
from components.chart_spec import payload_json
from components.data import Dataset
from components.first_paint import Painter, compact, figures, is_mobile, paint_key, with_paint
from components.paint_check import SVG_NS
from components.section_charts import every_chart, votes_chart


def _payload(data: Dataset) -> tuple[str, dict[str, Any]]:
    text = payload_json(votes_chart(data, "vp-africa-2024", "ar"), "ar", "app/static/", "app/static/topojson/")
    return text, json.loads(text)


def test_narrow_paint_takes_the_narrow_layout(data: Dataset) -> None:
    _, payload = _payload(data)
    assert payload["narrow"], "the vote share has a narrow layout"
    made = figures(payload)
    assert made["wide"]["layout"]["width"] == first_paint.WIDTHS["wide"]
    assert made["narrow"]["layout"]["width"] == first_paint.WIDTHS["narrow"]
    for key, value in payload["narrow"]["layout"].items():
        assert made["narrow"]["layout"][key] == first_paint.merged(payload["figure"]["layout"], {key: value})[key]
    assert made["wide"]["layout"].get("font") == payload["figure"]["layout"].get("font")


def test_compact_rounds_paths_and_drops_repeats() -> None:
    svg = '<svg><path class="x" d="M1.26,2.74L1.31,2.69L10.5,-3.49Z" style="fill: red; fill-opacity: 1;"/></svg>'
    assert compact(svg) == '<svg><path class="x" d="M1,3l9,-6Z" style="fill: red;"/></svg>'


def _absolute(data: str) -> list[list[tuple[int, int]]]:
    """The points of each outline of compacted path data (``M`` then relative ``l``)."""
    outlines: list[list[tuple[int, int]]] = []
    for command, args in first_paint._COMMAND.findall(data):
        numbers = [int(n) for n in first_paint._NUMBER.findall(args)]
        if command == "M":
            outlines.append([(numbers[0], numbers[1])])
        elif command == "l":
            x, y = outlines[-1][-1]
            outlines[-1].append((x + numbers[0], y + numbers[1]))
    return outlines


def test_compact_keeps_an_outline_within_a_pixel() -> None:
    # A circle of 400 points, a speck smaller than a pixel, and a bar (not an outline of lines).
    circle = [(100 + 50 * math.cos(a / 400 * math.tau), 80 + 50 * math.sin(a / 400 * math.tau)) for a in range(400)]
    data = "M" + "L".join(f"{x:.3f},{y:.3f}" for x, y in circle) + "ZM5.1,5.1L5.3,5.2L5.2,5.4ZM0,0V-20.4H30.6V0Z"
    out = compact(f'<path d="{data}"/>')[9:-3]
    (outline,) = _absolute(out.split("Z")[0] + "Z")
    assert 12 < len(outline) < 100, f"{len(outline)} points kept of 400"
    for x, y in circle:  # every original point lies within a pixel of the simplified outline
        near = min(math.hypot(x - px, y - py) for px, py in outline)
        assert near < 8, (x, y, near)  # a sample, not a bound: points between vertices lie on segments
    assert all(abs(math.hypot(x - 100, y - 80) - 50) < 1.2 for x, y in outline)
    assert "M5," not in out, "a speck smaller than a pixel is dropped"
    assert out.endswith("M0,0V-20H31V0Z"), "other commands keep their shape, rounded"


def test_with_paint_keeps_valid_json(data: Dataset) -> None:
    text, payload = _payload(data)
    paint = {"wide": {"width": 820, "height": 450, "svg": '<svg>"</svg>'}}
    assert json.loads(with_paint(text, json.dumps(paint))) == {**payload, "paint": paint}


def test_paint_key_changes_with_the_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key changes with each input a paint depends on (the payload's key, the plotly.js version,
    the paint FORMAT, the widths) and with nothing else: the same inputs give the same key."""
    assert paint_key("a") != paint_key("b")
    assert len(paint_key("a")) == 24
    base = paint_key("a")
    assert paint_key("a") == base, "the same payload, the same key"
    assert all(c in "0123456789abcdef" for c in base)
    keys = {"base": base}
    changes: dict[str, tuple[str, Any]] = {
        "plotly": ("PLOTLY_VERSION", first_paint.PLOTLY_VERSION + ".1"),
        "format": ("FORMAT", first_paint.FORMAT + 1),
        "narrow width": ("WIDTHS", {**first_paint.WIDTHS, "narrow": first_paint.WIDTHS["narrow"] + 1}),
        "wide width": ("WIDTHS", {**first_paint.WIDTHS, "wide": first_paint.WIDTHS["wide"] + 1}),
        "a width more": ("WIDTHS", {**first_paint.WIDTHS, "tablet": 600}),
    }
    for name, (attribute, value) in changes.items():
        with monkeypatch.context() as patch:
            patch.setattr(first_paint, attribute, value)
            keys[name] = paint_key("a")
            assert paint_key("a") == keys[name], f"{name}: not stable"
    keys["payload"] = paint_key("a2")
    assert len(set(keys.values())) == len(keys), keys
    # Back to the real inputs, the key is the first one again; the order of WIDTHS does not matter.
    assert paint_key("a") == base
    monkeypatch.setattr(first_paint, "WIDTHS", dict(reversed(first_paint.WIDTHS.items())))
    assert paint_key("a") == base


def test_switched_off_painter_paints_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: Dataset) -> None:
    monkeypatch.setenv("DASH_FIRST_PAINT", "off")
    painter = Painter(tmp_path)
    text, payload = _payload(data)
    assert not painter.enabled
    assert painter.get(payload["key"], text) is None
    assert list(tmp_path.iterdir()) == []


class FakeKaleido:
    """kaleido's sync API, drawing a fixed SVG (or failing)."""

    def __init__(self, fail: bool = False, svg: str = "") -> None:
        self.fail = fail
        self.svg = svg
        self.calls = 0

    def start_sync_server(self, **_: Any) -> None:
        pass

    def stop_sync_server(self, **_: Any) -> None:
        pass

    def calc_fig_sync(self, figure: dict[str, Any], **_: Any) -> bytes:
        self.calls += 1
        if self.fail:
            raise RuntimeError("no Chromium")
        if self.svg:
            return self.svg.encode()
        return f'<svg xmlns="{SVG_NS}" width="{figure["layout"]["width"]}"><path d="M0.4,0.6L9.9,9.9"/></svg>'.encode()


def _painter(tmp_path: Path, fake: FakeKaleido) -> Painter:
    painter = Painter(tmp_path)
    painter.kaleido = fake
    painter.failed = False
    return painter


def test_paint_is_rendered_in_the_background_then_kept(tmp_path: Path, data: Dataset) -> None:
    fake = FakeKaleido()
    painter = _painter(tmp_path, fake)
    text, payload = _payload(data)
    assert painter.get(payload["key"], text) is None  # queued, never waited for
    assert painter.wait(10)
    paint = painter.get(payload["key"], text)
    assert paint is not None
    assert paint["wide"]["svg"] == f'<svg xmlns="{SVG_NS}" width="820"><path d="M0,1l10,9"/></svg>'
    assert paint["narrow"]["width"] == first_paint.WIDTHS["narrow"]
    fragment = painter.fragment(payload["key"], text, "narrow")
    key = first_paint.paint_key(payload["key"])
    assert fragment is not None and json.loads(fragment) == {"key": key, "narrow": paint["narrow"]}
    assert painter.fragment(payload["key"], text, "narrow") is fragment, "encoded once, not per session"
    # On disk too: a restarted server (or another replica on the same folder) starts warm.
    again = _painter(tmp_path, FakeKaleido(fail=True))
    assert again.get(payload["key"], text) == paint
    assert fake.calls == 2


def test_failed_renders_leave_charts_live(tmp_path: Path, data: Dataset) -> None:
    fake = FakeKaleido(fail=True)
    painter = _painter(tmp_path, fake)
    texts = [
        payload_json(votes_chart(data, race, lang), lang, "app/static/", "app/static/topojson/")
        for race, lang in (("vp-africa-2024", "ar"), ("vp-africa-2024", "en"), ("vp-africa-2024", "fr"))
    ]
    first = texts[0]
    assert painter.get(json.loads(first)["key"], first) is None
    assert painter.wait(10)
    assert painter.get(json.loads(first)["key"], first) is None
    assert fake.calls == 1, "a chart whose paint failed is not rendered again before its cool-down"
    assert painter.enabled, "one failure does not give paints up"
    for text in texts[1:]:
        painter.get(json.loads(text)["key"], text)
    deadline = time.monotonic() + 10
    while painter.enabled and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not painter.enabled, f"paints still on after {first_paint.MAX_FAILURES} failures in a row"
    # For a while (BACKOFF_SECONDS), not for good: tests/unit/test_paint_watchdog.py.


def test_a_phone_is_told_by_its_client_hint_or_user_agent() -> None:
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
    assert is_mobile({"User-Agent": iphone})
    assert is_mobile({"Sec-Ch-Ua-Mobile": "?1", "User-Agent": "Mozilla/5.0 (Linux; Android 15)"})
    assert is_mobile({"Sec-Ch-Ua-Mobile": "?0", "User-Agent": iphone})
    assert not is_mobile({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"})
    assert not is_mobile({})


class BlockingKaleido(FakeKaleido):
    """Draws like FakeKaleido, one figure at a time after ``go`` is set; records each figure's title."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()
        self.drawn: list[str] = []

    def calc_fig_sync(self, figure: dict[str, Any], **options: Any) -> bytes:
        self.go.wait(10)
        self.drawn.append(figure["layout"]["meta"])
        return super().calc_fig_sync(figure, **options)


def _payload_named(name: str) -> tuple[str, str]:
    figure = {"data": [], "layout": {"height": 100, "meta": name}}
    return name, json.dumps({"key": name, "figure": figure})


def test_warm_up_paints_everything_after_the_readers_paints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASH_PAINT_WARMUP", "on")  # the suite leaves it off for every other test
    fake = BlockingKaleido()
    painter = _painter(tmp_path, fake)
    made: list[str] = []

    def payloads() -> Iterator[tuple[str, str]]:
        for name in ("warm-1", "warm-2", "warm-3"):
            made.append(name)  # made one at a time, in the paint thread
            yield _payload_named(name)

    painter.warm("v1", payloads())
    painter.warm("v1", iter([_payload_named("again")]))  # once per data version
    deadline = time.monotonic() + 5
    while not made and time.monotonic() < deadline:
        time.sleep(0.01)
    assert made == ["warm-1"], "the warm-up makes its payloads lazily"
    key, text = _payload_named("reader")
    assert painter.get(key, text) is None  # queued while warm-1 renders
    fake.go.set()
    assert painter.wait(10)
    deadline = time.monotonic() + 10
    while len(fake.drawn) < 8 and time.monotonic() < deadline:
        time.sleep(0.02)
    names = list(dict.fromkeys(fake.drawn))  # each paint draws two widths
    assert names == ["warm-1", "reader", "warm-2", "warm-3"], names
    assert all(painter.get(*_payload_named(name)) is not None for name in names)
    # A server started later on the same folder takes them from disk: no render.
    idle = BlockingKaleido()
    again = _painter(tmp_path, idle)
    again.warm("v1", iter([_payload_named(name) for name in names]))
    deadline = time.monotonic() + 5
    while again._warming is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert idle.drawn == [] and all(again._ready.get(paint_key(name)) for name in names)


def test_every_chart_a_link_can_ask_for_is_warmed(data: Dataset) -> None:
    """The warm-up's list (section_charts.every_chart) holds the payload of every chart the views draw,
    for every language, region, race and period (102 paints for today's data), each asked once."""
    from components.views.charts import _payload
    from tests.apptest.test_app import open_app, payloads

    charts = list(every_chart(data))
    assert len(charts) == len(set(charts))
    warmed = {_payload(data, build, args, False, "latn")[1] for build, args in charts}
    drawn = set()
    for lang, view, region in (("ar", "votes", "europe"), ("en", "map", "americas"), ("fr", "timeline", "asia")):
        at = open_app(lang=lang, view=view, region=region)
        drawn |= {payload["key"] for payload in payloads(at)}
    assert drawn and drawn <= warmed, drawn - warmed


def test_warm_up_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASH_PAINT_WARMUP", "off")
    painter = _painter(tmp_path, BlockingKaleido())
    painter.warm("v1", iter([_payload_named("warm-1")]))
    assert painter._warming is None and painter._thread is None
