"""The app sends first paints on a session's first run only, and then skips the plotly.js prefetch.

A stand-in painter (no Chromium) has a paint ready for every payload; the real one renders with
kaleido (tests/unit/test_first_paint.py, tests/browser/test_first_paint.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from components import first_paint
from tests.apptest.test_app import open_app, payloads

PAINT = {
    "wide": {"width": 820, "height": 450, "svg": "<svg/>"},
    "narrow": {"width": 360, "height": 450, "svg": "<svg/>"},
}


class ReadyPainter:
    """Every payload's paint is ready; records which payload keys were asked for."""

    enabled = True

    def __init__(self) -> None:
        self.asked: list[str] = []

    def fragment(self, payload_key: str, payload_json: str, width: str) -> str:
        assert json.loads(payload_json)["key"] == payload_key
        self.asked.append(payload_key)
        return json.dumps({width: PAINT[width]})


@pytest.fixture
def painter(monkeypatch: pytest.MonkeyPatch) -> ReadyPainter:
    stand_in = ReadyPainter()
    monkeypatch.setattr(first_paint, "_painter", stand_in)
    return stand_in


def prefetches(at: Any) -> list[Any]:
    return [p for p in (json.loads(e.proto.json) for e in at.get("bidi_component")) if isinstance(p, dict)]


@pytest.mark.parametrize("view", ["votes", "map"])
def test_first_run_sends_paints_and_no_prefetch(painter: ReadyPainter, view: str) -> None:
    at = open_app(lang="ar", view=view)
    sent = payloads(at)
    # AppTest sends no user agent: a desktop's paint only (a phone's gets the narrow one), and the
    # maps stand in two columns, so theirs is the narrow one.
    width = "narrow" if view == "map" else "wide"
    assert sent and all(payload["paint"] == {width: PAINT[width]} for payload in sent)
    assert sorted(painter.asked) == sorted(payload["key"] for payload in sent)
    # The component is mounted first all the same (its code loads early), with nothing to fetch.
    assert prefetches(at) == [{"prefetch": ""}], "plotly.js prefetched on a painted first view"


def test_later_runs_draw_live(painter: ReadyPainter) -> None:
    at = open_app(lang="ar")
    at.sidebar.radio[1].set_value("africa").run()
    assert not at.exception
    assert all("paint" not in payload for payload in payloads(at))
    assert [p["prefetch"] for p in prefetches(at)] == ["app/static/plotly/plotly-basic-4.1.1.min.js"]


def test_no_painter_no_paint() -> None:
    at = open_app(lang="en")
    assert all("paint" not in payload for payload in payloads(at))
