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
from components.data import load_dataset
from components.i18n import t as label
from components.state import ViewState
from components.taps import filter_options
from tests.apptest.test_app import ahead, component_data, open_app, payloads, taps

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
        return json.dumps({"key": first_paint.paint_key(payload_key), width: PAINT[width]})

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
    assert sent and all(payload["paint"] == painted(payload, width) for payload in sent)
    assert sorted(painter.asked[: len(sent)]) == sorted(payload["key"] for payload in sent)
    # The component is mounted first all the same (its code loads early), with nothing to fetch.
    assert [p["prefetch"] for p in prefetches(at)] == [""], "plotly.js prefetched on a painted first view"


def test_the_first_element_carries_the_chart_code() -> None:
    # The chart script and styles ride in the run's first element: no request for them before the
    # first chart (a later run sends the element as a reference).
    (prefetch,) = prefetches(open_app(lang="ar", view="votes"))
    chart = Path(__file__).resolve().parents[2] / "static" / "chart"
    assert prefetch["code"] == (chart / "dash-chart.js").read_text(encoding="utf-8")
    assert prefetch["style"] == (chart / "dash-chart.css").read_text(encoding="utf-8")


def painted(payload: dict[str, Any], width: str) -> dict[str, Any]:
    """The paint a payload carries when the page does not hold it yet."""
    return {"key": first_paint.paint_key(payload["key"]), width: PAINT[width]}


def test_later_runs_send_paints_too(painter: ReadyPainter) -> None:
    at = open_app(lang="ar", view="map")
    before = {e.proto.component_name + e.key: e.proto.SerializeToString() for e in at.get("bidi_component")}
    held = {chart["paint"]["key"] for chart in ahead(at)}
    at.radio(key="control_region_ar").set_value("europe").run()
    assert not at.exception
    sent = payloads(at)
    # Each chart with its paint, or, where it was sent ahead of the tap, with a reference to it.
    assert sent and all(
        payload["paint"] in (painted(payload, "narrow"), {"ref": first_paint.paint_key(payload["key"])})
        for payload in sent
    )
    assert [p["paint"]["ref"] for p in sent if "ref" in p["paint"]] == [first_paint.paint_key(sent[0]["key"])]
    assert sent[0]["paint"]["ref"] in held
    assert [p["prefetch"] for p in prefetches(at)] == [""], "plotly.js prefetched though every chart is painted"
    # The charts the region does not change (the city and the route) are the very same message as
    # before: Streamlit's message cache then sends a reference, not the chart again.
    after = {e.proto.component_name + e.key: e.proto.SerializeToString() for e in at.get("bidi_component")}
    same = [key for key in after if before.get(key) == after[key]]
    assert len(same) == 3, same  # the prefetch, the city map, the route map; not the region map


@pytest.mark.parametrize(
    ("view", "control", "choice"),
    [("map", "region", "europe"), ("votes", "race", "president-2025"), ("timeline", "region", "americas")],
)
def test_a_chart_one_tap_away_is_sent_ahead_and_the_tap_names_it(
    painter: ReadyPainter, view: str, control: str, choice: str
) -> None:
    # A first view sends, after its charts, the charts one filter tap away with their paints, and per
    # chart shown the chart each option brings; the tap's rerun then sends the chart the page was
    # told it would bring, with a reference to the paint it holds, not the paint again.
    at = open_app(lang="en", view=view)
    first = ahead(at)
    width = "narrow" if view == "map" else "wide"  # the maps stand in two columns
    assert first and all(chart["paint"] == painted(chart, width) for chart in first)
    held = {chart["paint"]["key"] for chart in first}
    (shown,) = [p for p in payloads(at) if p["id"] in ("region-map", "votes-chart", "timeline-chart")]
    assert not held & {first_paint.paint_key(payload["key"]) for payload in payloads(at)}, "a paint sent twice"
    options = filter_options(load_dataset(), ViewState("en", view=view))[control]
    brought = taps(at)[shown["key"]][label("en", f"control.{control}")][options.index(choice)]
    at.radio(key=f"control_{control}_en").set_value(choice).run()
    tapped = next(p for p in payloads(at) if p["id"] == shown["id"])
    assert tapped["key"] == brought != shown["key"]
    assert brought in {chart["key"] for chart in first}
    assert tapped["paint"] == {"ref": first_paint.paint_key(tapped["key"])}
    assert tapped["paint"]["ref"] in held


def test_the_app_starts_the_warm_up_of_every_paint(painter: ReadyPainter, data: Any) -> None:
    open_app(lang="en")
    assert painter.warmed == data.version


def test_no_painter_no_paint() -> None:
    at = open_app(lang="en")
    assert all("paint" not in payload for payload in payloads(at))
