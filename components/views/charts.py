"""Showing a chart: the one place a figure reaches the app's page.

A custom component (``st.components.v2``, mounted in the page, not an iframe) runs
``static/chart/dash-chart.js``, which draws the payload of ``components/chart_spec.py`` with a partial
plotly.js bundle served from ``static/plotly/`` (gzipped by Streamlit's static route): 0.4 MB for bars
and 0.46 MB for maps, where ``st.plotly_chart`` loads the whole 4.7 MB plotly.js uncompressed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from components.chart_spec import PLOTLY_VERSION, Chart, payload_json
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


def _payload(data: Dataset, build: Callable[..., Chart], args: tuple[Hashable, ...], fit: bool) -> str:
    chart = build(data, *args)
    return payload_json(chart, str(args[-1]), ASSETS_URL, TOPOJSON_URL, fit=fit)


def show(data: Dataset, key: str, build: Callable[..., Chart], *args: Hashable, fit: bool = False) -> None:
    """Draw the chart ``build(data, *args)`` (its last argument is the language) with its title,
    legend, description, source line and downloads; its payload is built once per data version.
    ``fit``: the plot's height fits the window (the chart-only embed)."""
    _component()(data=shared(_payload, data, build, args, fit), key=key)


def prefetch(bundle: str) -> None:
    """Start loading plotly.js's ``bundle`` now, while the script draws what comes before the chart."""
    script = f"{ASSETS_URL}plotly/plotly-{bundle}-{PLOTLY_VERSION}.min.js"
    # In the sidebar: it draws nothing, and takes no room from the main column's first screen.
    with st.sidebar:
        _component()(data={"prefetch": script}, key="plotly-prefetch")
