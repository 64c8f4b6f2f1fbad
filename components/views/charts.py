"""Showing a chart: the one place a figure reaches the app's page.

A custom component (``st.components.v2``, mounted in the page, not an iframe) runs
``static/chart/dash-chart.js``, which draws the payload of ``components/chart_spec.py`` with a partial
plotly.js bundle served from ``static/plotly/`` (gzipped by Streamlit's static route): 0.4 MB for bars
and 0.46 MB for maps, where ``st.plotly_chart`` loads the whole 4.7 MB plotly.js uncompressed.

Every run sends each chart with its paint (``components/first_paint.py``) where one is ready: the
reader who opens a link, and the reader who taps a filter, sees the chart at once, and plotly.js
loads only when they reach for the chart. A chart whose payload did not change is sent as the same
message as before, which Streamlit's message cache turns into a reference of a few bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from contextlib import nullcontext
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from components import first_paint
from components.chart_spec import PLOTLY_VERSION, Chart, chart_in_digits, chart_payload, compact_json
from components.data import Dataset
from components.section_charts import every_chart
from components.text import DEFAULT_DIGITS
from components.views.shared import shared

CHART_DIR = Path(__file__).resolve().parents[2] / "static" / "chart"
# Relative URLs: they keep working under --server.baseUrlPath.
ASSETS_URL = "app/static/"
TOPOJSON_URL = "app/static/topojson/"


@cache
def _chart_code() -> tuple[str, str]:
    """The chart script and its styles, as text."""
    return tuple(  # type: ignore[return-value]
        (CHART_DIR / name).read_text(encoding="utf-8") for name in ("dash-chart.js", "dash-chart.css")
    )


@cache
def _component() -> Any:
    # The component's code is a small loader (mount.js): Streamlit repeats a component's code in every
    # message that draws it, and the chart script and its styles (24 kB) come once per page: inside
    # the run's first element (prefetch), or from app/static/ where a chart comes first (the embed).
    version = hashlib.sha256("".join(_chart_code()).encode()).hexdigest()[:12]
    loader = (CHART_DIR / "mount.js").read_text(encoding="utf-8").replace("__VERSION__", version)
    # isolate_styles=False: plotly.js styles its hover labels from the document's head.
    return st.components.v2.component("dash_chart", js=loader, isolate_styles=False)


def _payload(
    data: Dataset, build: Callable[..., Chart], args: tuple[Hashable, ...], fit: bool, digits: str
) -> tuple[str, str]:
    chart = chart_in_digits(build(data, *args), digits)
    payload = chart_payload(chart, str(args[-1]), ASSETS_URL, TOPOJSON_URL, fit=fit)
    return compact_json(payload), str(payload["key"])


def show(
    data: Dataset,
    key: str,
    build: Callable[..., Chart],
    *args: Hashable,
    digits: str = DEFAULT_DIGITS,
    fit: bool = False,
    column: bool = False,
) -> None:
    """Draw the chart ``build(data, *args)`` (its last argument is the language) with its title,
    legend, description, source line and downloads, its numbers in ``digits``; its payload is built
    once per data version. ``fit``: the plot's height fits the window (the chart-only embed);
    ``column``: the chart stands in one of two columns on a desktop (its first paint is then the
    narrow one). A payload's key covers its digits, so paints of the two never mix."""
    text, payload_key = shared(_payload, data, build, args, fit, digits)
    # One width, the frame's likely one: a map's paint is ~0.1 MB per width. A paint that does not
    # suit the frame is replaced live.
    width = "narrow" if column or first_paint.is_mobile(st.context.headers) else "wide"
    fragment = first_paint.painter().fragment(payload_key, text, width)
    # As bytes: a text would be escaped once more inside Streamlit's JSON (every quote of a paint).
    _component()(data=(first_paint.with_paint(text, fragment) if fragment else text).encode(), key=key)


def prefetch(bundle: str, sidebar: bool = True) -> None:
    """Start loading plotly.js's ``bundle`` now, while the script draws what comes before the chart.

    Where charts are painted plotly.js waits for the reader, but the component itself is still
    mounted here, the run's first element: Streamlit loads a component's code (about 0.2 MB of its
    own chunks) when the first one arrives, and the chart's paint waits for that, not for plotly.js.
    It carries the chart code too: no request for it before the first chart; later runs send the
    element as a cached reference. In the sidebar it takes no room from the main column's first
    screen (``sidebar=False``: a page without one, the embed; it is hidden there).
    """
    script = "" if first_paint.painter().enabled else f"{ASSETS_URL}plotly/plotly-{bundle}-{PLOTLY_VERSION}.min.js"
    code, style = _chart_code()
    with st.sidebar if sidebar else nullcontext():
        _component()(data={"prefetch": script, "code": code, "style": style}, key="plotly-prefetch")


def warm_paints(data: Dataset) -> None:
    """Have every chart a link can ask for painted in the background, once per data version: the
    first reader of a view after a restart gets its paint too, and so does every tap.

    In Western digits only: the Arabic-Indic variants (Arabic pages that ask for them) are painted
    when first asked for, and drawn live meanwhile, rather than doubling the Arabic warm-up."""
    payloads = (shared(_payload, data, build, args, False, DEFAULT_DIGITS) for build, args in every_chart(data))
    first_paint.painter().warm(data.version, ((key, text) for text, key in payloads))
