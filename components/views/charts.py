"""Showing a chart: the one place a figure reaches the app's page.

A custom component (``st.components.v2``, mounted in the page, not an iframe) runs
``static/chart/dash-chart.js``, which draws the payload of ``components/chart_spec.py`` with a partial
plotly.js bundle served from ``static/plotly/`` (gzipped by Streamlit's static route): 0.4 MB for bars
and 0.46 MB for maps, where ``st.plotly_chart`` loads the whole 4.7 MB plotly.js uncompressed.

A session's first run sends each chart with its first paint (``components/first_paint.py``) where
one is ready: the reader who opens a link sees the chart at once, and plotly.js loads only when they
reach for the chart. Later runs (the reader changed something) draw live.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from components import first_paint
from components.chart_spec import PLOTLY_VERSION, Chart, chart_payload, script_json
from components.data import Dataset
from components.views.shared import shared

CHART_DIR = Path(__file__).resolve().parents[2] / "static" / "chart"
# Relative URLs: they keep working under --server.baseUrlPath.
ASSETS_URL = "app/static/"
TOPOJSON_URL = "app/static/topojson/"
MOUNT_JS = """
export default function (component) {
  window.DashChart.mount(component.parentElement, component.data);
}
"""


@cache
def _component() -> Any:
    script = (CHART_DIR / "dash-chart.js").read_text(encoding="utf-8") + MOUNT_JS
    style = (CHART_DIR / "dash-chart.css").read_text(encoding="utf-8")
    # isolate_styles=False: plotly.js styles its hover labels from the document's head.
    return st.components.v2.component("dash_chart", js=script, css=style, isolate_styles=False)


# Session state: the number of the session's current script run (1 for the first view).
RUN_KEY = "_dash_run"


def _payload(data: Dataset, build: Callable[..., Chart], args: tuple[Hashable, ...], fit: bool) -> tuple[str, str]:
    payload = chart_payload(build(data, *args), str(args[-1]), ASSETS_URL, TOPOJSON_URL, fit=fit)
    return script_json(payload), str(payload["key"])


def begin_run() -> None:
    """Count the session's script runs: only the first one (a reader arriving) sends first paints."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1


def _first_view() -> bool:
    return int(st.session_state.get(RUN_KEY, 1)) <= 1


def show(
    data: Dataset, key: str, build: Callable[..., Chart], *args: Hashable, fit: bool = False, column: bool = False
) -> None:
    """Draw the chart ``build(data, *args)`` (its last argument is the language) with its title,
    legend, description, source line and downloads; its payload is built once per data version.
    ``fit``: the plot's height fits the window (the chart-only embed); ``column``: the chart stands
    in one of two columns on a desktop (its first paint is then the narrow one)."""
    text, payload_key = shared(_payload, data, build, args, fit)
    if _first_view():
        # One width, the frame's likely one: a map's paint is ~0.1 MB per width, and the websocket
        # is not compressed. A paint that does not suit the frame is replaced live.
        width = "narrow" if column or first_paint.is_mobile(st.context.headers) else "wide"
        fragment = first_paint.painter().fragment(payload_key, text, width)
        text = first_paint.with_paint(text, fragment) if fragment else text
    _component()(data=text, key=key)


def prefetch(bundle: str) -> None:
    """Start loading plotly.js's ``bundle`` now, while the script draws what comes before the chart.

    On a painted first view plotly.js waits for the reader, but the component itself is still
    mounted here, the run's first element: Streamlit loads a component's code (about 0.2 MB of its
    own chunks) when the first one arrives, and the chart's paint waits for that, not for plotly.js.
    """
    painted = _first_view() and first_paint.painter().enabled
    script = "" if painted else f"{ASSETS_URL}plotly/plotly-{bundle}-{PLOTLY_VERSION}.min.js"
    # In the sidebar: it draws nothing, and takes no room from the main column's first screen.
    with st.sidebar:
        _component()(data={"prefetch": script}, key="plotly-prefetch")
