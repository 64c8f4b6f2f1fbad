"""The app sends each chart's paint on every run (a tap shows it at once), and then skips the plotly.js
prefetch; an unchanged chart is sent as the same message, so Streamlit's cache sends a reference.

A stand-in painter (no Chromium) has a paint ready for every payload; the real one renders with
kaleido (tests/unit/test_first_paint.py, tests/browser/test_first_paint.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from components import first_paint
from tests.apptest.test_app import component_data, open_app, payloads

PAINT = {
    "wide": {"width": 820, "height": 450, "svg": "<svg/>"},
    "narrow": {"width": 360, "height": 450, "svg": "<svg/>"},
}


class ReadyPainter:
    """Every payload's paint is ready; records which payload keys were asked for."""

    enabled = True

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.warmed: str | None = None

    def fragment(self, payload_key: str, payload_json: str, width: str) -> str:
        assert json.loads(payload_json)["key"] == payload_key
        self.asked.append(payload_key)
        return json.dumps({width: PAINT[width]})

    def warm(self, version: str, payloads: Any) -> None:
        self.warmed = version


@pytest.fixture
def painter(monkeypatch: pytest.MonkeyPatch) -> ReadyPainter:
    stand_in = ReadyPainter()
    monkeypatch.setattr(first_paint, "_painter", stand_in)
    return stand_in


def prefetches(at: Any) -> list[Any]:
    return [data for data in map(component_data, at.get("bidi_component")) if "prefetch" in data]


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
    assert [p["prefetch"] for p in prefetches(at)] == [""], "plotly.js prefetched on a painted first view"


def test_the_first_element_carries_the_chart_code() -> None:
    # The chart script and styles ride in the run's first element: no request for them before the
    # first chart (a later run sends the element as a reference).
    (prefetch,) = prefetches(open_app(lang="ar", view="votes"))
    chart = Path(__file__).resolve().parents[2] / "static" / "chart"
    assert prefetch["code"] == (chart / "dash-chart.js").read_text(encoding="utf-8")
    assert prefetch["style"] == (chart / "dash-chart.css").read_text(encoding="utf-8")


def test_later_runs_send_paints_too(painter: ReadyPainter) -> None:
    at = open_app(lang="ar", view="map")
    before = {e.proto.component_name + e.key: e.proto.SerializeToString() for e in at.get("bidi_component")}
    at.radio(key="control_region_ar").set_value("europe").run()
    assert not at.exception
    sent = payloads(at)
    assert sent and all(payload["paint"] == {"narrow": PAINT["narrow"]} for payload in sent)
    assert [p["prefetch"] for p in prefetches(at)] == [""], "plotly.js prefetched though every chart is painted"
    # The charts the region does not change (the city and the route) are the very same message as
    # before: Streamlit's message cache then sends a reference, not the chart again.
    after = {e.proto.component_name + e.key: e.proto.SerializeToString() for e in at.get("bidi_component")}
    same = [key for key in after if before.get(key) == after[key]]
    assert len(same) == 3, same  # the prefetch, the city map, the route map; not the region map


def test_the_app_starts_the_warm_up_of_every_paint(painter: ReadyPainter, data: Any) -> None:
    open_app(lang="en")
    assert painter.warmed == data.version


def test_no_painter_no_paint() -> None:
    at = open_app(lang="en")
    assert all("paint" not in payload for payload in payloads(at))
