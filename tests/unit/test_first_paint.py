"""First paints (components/first_paint.py): the figure per width, the compacted SVG, the splice into
the payload, the cache, and a painter that cannot paint staying out of the way."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from components import first_paint
from components.chart_spec import payload_json
from components.data import Dataset
from components.first_paint import Painter, compact, figures, is_mobile, paint_key, with_paint
from components.paint_check import SVG_NS
from components.section_charts import votes_chart


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
    svg = '<svg><path class="x" d="M1.26,2.74L1.31,2.69L10.5,-3.49Z" style="fill: red"/></svg>'
    assert compact(svg) == '<svg><path class="x" d="M1,3L10,-3Z" style="fill: red"/></svg>'


def test_with_paint_keeps_valid_json(data: Dataset) -> None:
    text, payload = _payload(data)
    paint = {"wide": {"width": 820, "height": 450, "svg": '<svg>"</svg>'}}
    assert json.loads(with_paint(text, json.dumps(paint))) == {**payload, "paint": paint}


def test_paint_key_changes_with_the_payload() -> None:
    assert paint_key("a") != paint_key("b")
    assert len(paint_key("a")) == 24


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
    assert paint["wide"]["svg"] == f'<svg xmlns="{SVG_NS}" width="820"><path d="M0,1L10,10"/></svg>'
    assert paint["narrow"]["width"] == first_paint.WIDTHS["narrow"]
    fragment = painter.fragment(payload["key"], text, "narrow")
    assert fragment is not None and json.loads(fragment) == {"narrow": paint["narrow"]}
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
    assert fake.calls == 1, "a chart whose paint failed is not rendered again"
    assert painter.enabled, "one failure does not give paints up"
    for text in texts[1:]:
        painter.get(json.loads(text)["key"], text)
    deadline = time.monotonic() + 10
    while painter.enabled and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not painter.enabled, f"paints still on after {first_paint.MAX_FAILURES} failures in a row"


def test_a_phone_is_told_by_its_client_hint_or_user_agent() -> None:
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
    assert is_mobile({"User-Agent": iphone})
    assert is_mobile({"Sec-Ch-Ua-Mobile": "?1", "User-Agent": "Mozilla/5.0 (Linux; Android 15)"})
    assert is_mobile({"Sec-Ch-Ua-Mobile": "?0", "User-Agent": iphone})
    assert not is_mobile({"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"})
    assert not is_mobile({})
