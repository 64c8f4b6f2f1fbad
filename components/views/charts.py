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
from components.chart_spec import PLOTLY_VERSION, Chart, chart_in_digits, chart_payload, compact_json, with_field
from components.data import Dataset
from components.i18n import t
from components.memo import shared
from components.section_charts import every_chart
from components.state import ViewState
from components.taps import chart_arguments, tap_states
from components.text import DEFAULT_DIGITS

CHART_DIR = Path(__file__).resolve().parents[2] / "static" / "chart"
# Per session: (paint key, width) of every paint the reader's page holds (dash-chart.js keeps each it
# is sent), the payload keys of every chart it holds, each chart element's last message, and the
# charts of this run.
HELD = "paints-held"
HELD_CHARTS = "charts-held"
SENT = "chart-messages"
SHOWN = "charts-shown"
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


def _taps(
    data: Dataset, build: Callable[..., Chart], state: ViewState
) -> tuple[str, tuple[tuple[tuple[Hashable, ...], ViewState], ...]]:
    """What the page needs to show at a tap the chart ``build`` draws for ``state``: per filter that
    changes it, by the filter's label, the payload key each option brings (JSON, "" if none does);
    and the arguments of each other chart a tap brings, with the view state it is shown in."""
    shown = chart_arguments(build, state)
    brought: dict[tuple[Hashable, ...], ViewState] = {}
    keys: dict[str, list[str]] = {}
    for param, states in tap_states(data, state).items():
        arguments = [chart_arguments(build, after) for after in states]
        if all(args == shown for args in arguments):
            continue  # this filter does not change this chart
        keys[t(state.lang, f"control.{param}")] = [
            shared(_payload, data, build, args, False, state.digits)[1] for args in arguments
        ]
        for args, after in zip(arguments, states, strict=True):
            if args != shown:
                brought.setdefault(args, after)
    return (compact_json(keys) if keys else ""), tuple(brought.items())


def show(data: Dataset, key: str, chart: Chart, state: ViewState, *, fit: bool = False, column: bool = False) -> None:
    """Draw ``chart`` (made by a builder of ``section_charts`` for ``state``) as the element ``key``,
    with its title, legend, description, source line and downloads, its numbers in the state's
    digits; its payload is built once per data version. ``fit``: the plot's height fits the window
    (the chart-only embed, which has no filters); ``column``: the chart stands in one of two columns
    on a desktop (its first paint is then the narrow one). A payload's key covers its digits, so
    paints of the two never mix."""
    if chart.origin is None:
        raise ValueError(f"chart {chart.key} was not made by a chart builder (section_charts.chart_builder)")
    build, args = chart.origin  # the charts ahead and the payload cache rebuild from these
    text, payload_key = shared(_payload, data, build, args, fit, state.digits)
    # One width, the frame's likely one: a map's paint is ~0.1 MB per width. A paint that does not
    # suit the frame is replaced live.
    width = "narrow" if column or first_paint.is_mobile(st.context.headers) else "wide"
    if not fit:
        st.session_state.setdefault(SHOWN, {})[key] = (build, state, payload_key, width)
        st.session_state.setdefault(HELD_CHARTS, set()).add(payload_key)
    sent = st.session_state.setdefault(SENT, {})
    # An unchanged painted chart is the same message as before: Streamlit's cache sends a reference.
    message = sent.get(key, {}).get(payload_key) or _message(text, payload_key, width)
    if b'"paint":' in message:
        sent[key] = {payload_key: message}
    _component()(data=message, key=key)


def _message(text: str, payload_key: str, width: str) -> bytes:
    """The payload with its paint, or with a reference to it where the page holds it already."""
    fragment = first_paint.painter().fragment(payload_key, text, width)
    if fragment:
        held = st.session_state.setdefault(HELD, set())
        mark = (first_paint.paint_key(payload_key), width)
        text = first_paint.with_paint(text, first_paint.paint_ref(mark[0]) if mark in held else fragment)
        held.add(mark)
    # As bytes: a text would be escaped once more inside Streamlit's JSON (every quote of a paint).
    return text.encode()


def send_ahead(data: Dataset) -> None:
    """Last in the run, in one hidden element: per chart shown, the chart each filter tap brings
    (``taps``), and those charts the page does not hold yet, with their paints and their own taps. The
    page shows a tap's chart at once, before the rerun answers. A filter tap's rerun sends only the
    few its new state adds (often none)."""
    shown = st.session_state.pop(SHOWN, {})
    held = st.session_state.setdefault(HELD_CHARTS, set())
    taps, messages = [], []
    for build, state, payload_key, width in shown.values():
        keys, brought = shared(_taps, data, build, state)
        if keys:
            taps.append(f'"{payload_key}":{keys}')
        for args, after in brought:
            text, key = shared(_payload, data, build, args, False, after.digits)
            if key not in held:
                held.add(key)
                own = shared(_taps, data, build, after)[0]
                messages.append(_message(with_field(text, "taps", own) if own else text, key, width))
    message = b'{"ahead":[' + b",".join(messages) + b'],"taps":{' + ",".join(taps).encode() + b"}}"
    _component()(data=message, key="charts-ahead")


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
    st.session_state[SHOWN] = {}  # a full run starts: its charts are recorded for send_ahead
    with st.sidebar if sidebar else nullcontext():
        _component()(data={"prefetch": script, "code": code, "style": style}, key="plotly-prefetch")


def warm_paints(data: Dataset) -> None:
    """Have every chart a link can ask for painted in the background, once per data version: the
    first reader of a view after a restart gets its paint too, and so does every tap.

    In Western digits only: the Arabic-Indic variants (Arabic pages that ask for them) are painted
    when first asked for, and drawn live meanwhile, rather than doubling the Arabic warm-up."""
    payloads = (shared(_payload, data, build, args, False, DEFAULT_DIGITS) for build, args in every_chart(data))
    first_paint.painter().warm(data.version, ((key, text) for text, key in payloads))
