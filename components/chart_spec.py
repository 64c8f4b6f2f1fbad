"""How a figure becomes a chart on a page: the payload ``static/chart/dash-chart.js`` draws.

Pure (no Streamlit): the app's component (``components/views/charts.py``) and the static snapshot
send the same payload, so they cannot drift. The figure builders keep the title and subtitle in the
figure; here they move out into HTML (wrapped and mirrored by the browser), the legend becomes HTML
buttons, plotly's toolbar goes (download buttons under the chart replace it), and the downloaded
image gets its title, subtitle, legend and source back at a fixed width.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from components.figures.layout import META_KEY, MUTED, TOP_MARGIN, file_name, in_digits, wrap
from components.i18n import t
from components.text import DEFAULT_DIGITS, LINE_BREAK, chart_text, is_rtl, localized_digits, unwrap
from components.theme import recolouring

# The traces in each partial bundle of plotly.js (static/plotly/README.md).
BUNDLES: dict[str, frozenset[str]] = {
    "basic": frozenset({"bar", "scatter", "pie"}),
    "geo": frozenset({"choropleth", "scatter", "scattergeo"}),
}
PLOTLY_VERSION = "4.1.1"
DEFAULT_HEIGHT = 450
EXPORT_WIDTH = 1000
# Characters per line of the downloaded image's title and subtitle, at EXPORT_WIDTH.
EXPORT_TITLE_WIDTH = 80
EXPORT_SUBTITLE_WIDTH = 110
TITLE_LINE = 26
SUBTITLE_LINE = 19
SOURCE_BAND = 44
# From the image's bottom edge to the source line's top: room for its 12 px line.
SOURCE_LINE = 30
LEGEND_BAND = 40


@dataclass(frozen=True)
class Chart:
    """A figure with what a reader needs beside it: a description and the line naming its sources."""

    key: str
    figure: go.Figure
    description: str
    source: str
    # The builder and arguments that made it (section_charts): the app rebuilds its payload, and those
    # of the charts one tap away, from them.
    origin: tuple[Callable[..., Chart], tuple[Hashable, ...]] | None = field(default=None, compare=False, repr=False)


def chart_in_digits(chart: Chart, digits: str) -> Chart:
    """``chart`` with every number of its figure, description and source line in ``digits``."""
    if digits == DEFAULT_DIGITS:
        return chart
    return dataclasses.replace(
        chart,
        figure=in_digits(chart.figure, digits),
        description=localized_digits(chart.description, digits),
        source=localized_digits(chart.source, digits),
    )


def bundle_for(fig: go.Figure) -> str:
    """The smallest plotly.js bundle that draws every trace of ``fig``."""
    types = {trace.type for trace in fig.data} or {"scatter"}
    for name, traces in BUNDLES.items():
        if types <= traces:
            return name
    raise ValueError(f"no plotly.js bundle draws the traces {sorted(types)}")


def _lines(text: str) -> list[str]:
    return [line for line in (unwrap(part).strip() for part in text.split(LINE_BREAK)) if line]


def _legend(figure: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One entry per legend group: its name, colour, how its swatch is drawn (a filled square,
    hatched, or a line, dashed or not) and every trace it shows or hides (those without an entry
    of their own included, e.g. the white mask under a dashed line)."""
    groups: dict[str, list[int]] = {}
    for index, trace in enumerate(figure["data"]):
        groups.setdefault(trace.get("legendgroup") or f"trace-{index}", []).append(index)
    items: list[dict[str, Any]] = []
    for traces in groups.values():
        shown = [
            i for i in traces if figure["data"][i].get("showlegend") is not False and figure["data"][i].get("name")
        ]
        if not shown:
            continue
        trace = figure["data"][shown[0]]
        marker = trace.get("marker", {})
        line = trace.get("line", {})
        colour = marker.get("color") or line.get("color")
        if "colorscale" in trace:
            colour = trace["colorscale"][0][1]
        pattern = marker.get("pattern", {}).get("shape")
        is_line = trace.get("mode") == "lines"
        items.append(
            {
                "name": unwrap(trace["name"]),
                "color": colour if isinstance(colour, str) else MUTED,
                "pattern": all(pattern) if isinstance(pattern, list) else bool(pattern),
                "line": ("dashed" if line.get("dash") not in (None, "solid") else "solid") if is_line else None,
                "traces": traces,
            }
        )
    return items


def _export_layout(
    layout: Mapping[str, Any], title_block: Mapping[str, Any], title: str, subtitle: str, source: str, lang: str
) -> dict[str, Any]:
    """What the downloaded image adds to the live layout: title, subtitle, legend and source line."""
    rtl = is_rtl(lang)
    title_text = wrap(unwrap(title), EXPORT_TITLE_WIDTH)
    subtitle_text = wrap(unwrap(subtitle), EXPORT_SUBTITLE_WIDTH) if subtitle else ""
    header = 24 + TITLE_LINE * (title_text.count(LINE_BREAK) + 1)
    if subtitle_text:
        header += SUBTITLE_LINE * (subtitle_text.count(LINE_BREAK) + 1)
    margin = dict(layout.get("margin", {}))
    top = int(margin.get("t", TOP_MARGIN)) + header
    bottom = int(margin.get("b", 40)) + SOURCE_BAND + LEGEND_BAND
    source_note = {
        "text": chart_text(source, lang),
        "xref": "paper",
        "yref": "paper",
        "x": 1.0 if rtl else 0.0,
        "xanchor": "right" if rtl else "left",
        "y": 0,
        "yanchor": "top",
        "yshift": -(bottom - SOURCE_LINE),
        "showarrow": False,
        "font": {"size": 12, "color": MUTED},
    }
    return {
        # The builder's title block (its side, size, colours) with the text wrapped for the image.
        "title": {
            **title_block,
            "text": chart_text(title_text, lang),
            "subtitle": {**title_block.get("subtitle", {}), "text": chart_text(subtitle_text, lang)},
        },
        "showlegend": True,
        "margin": {**margin, "t": top, "b": bottom},
        "height": int(layout["height"]) + header + SOURCE_BAND + LEGEND_BAND,
        "annotations": [*layout.get("annotations", []), source_note],
    }


def chart_labels(lang: str) -> dict[str, str]:
    """The words of the chart frame's controls in ``lang``."""
    return {key: t(lang, f"chart.{key}") for key in ("png", "svg", "reset", "legend", "failed")}


def chart_payload(chart: Chart, lang: str, assets: str, topojson: str, *, fit: bool = False) -> dict[str, Any]:
    """Everything ``dash-chart.js`` needs to draw ``chart`` in ``lang``; ``assets`` is the URL prefix
    of ``static/`` as the page sees it, ``topojson`` that of the map outlines; ``fit`` makes the plot
    as tall as the window leaves room for (an embedded frame)."""
    text = chart.figure.to_json()
    figure = json.loads(text)
    layout = figure["layout"]
    title_block = layout.pop("title", {})
    title = str(title_block.get("text", ""))
    subtitle = str(title_block.get("subtitle", {}).get("text", ""))
    meta = layout.pop("meta", {}) or {}
    narrow = meta.get(META_KEY, {}).get("narrow") if isinstance(meta, dict) else None
    layout["showlegend"] = False
    # The page reserves the plot's height before plotly.js arrives: every chart states one.
    layout["height"] = int(layout.get("height") or DEFAULT_HEIGHT)
    bundle = bundle_for(chart.figure)
    export = _export_layout(layout, title_block, title, subtitle, chart.source, lang)
    return {
        "id": chart.key,
        # Changes whenever what is drawn changes, so the page redraws exactly then.
        "key": hashlib.sha256(f"{lang}|{chart.source}|{chart.description}|{text}".encode()).hexdigest()[:16],
        "lang": lang,
        "dir": "rtl" if is_rtl(lang) else "ltr",
        "assets": assets,
        "script": f"plotly/plotly-{bundle}-{PLOTLY_VERSION}.min.js",
        "bundle": bundle,
        "title": " ".join(_lines(title)),
        "subtitle": _lines(subtitle),
        "description": chart.description,
        "source": chart.source,
        "legend": _legend(figure),
        "figure": {"data": figure["data"], "layout": layout},
        "narrow": narrow,
        "fit": fit,
        # The page draws the chart in the dark theme's colours when the reader's theme is dark; a
        # downloaded image stays light.
        "dark": recolouring(),
        "config": {
            "topojsonURL": topojson,
            "displaylogo": False,
            "displayModeBar": False,
            "responsive": True,
        },
        "export": {
            "layout": export,
            "width": EXPORT_WIDTH,
            "height": export["height"],
            "filename": file_name(unwrap(title) or chart.key),
        },
        "labels": chart_labels(lang),
    }


def with_field(payload_json: str, name: str, value_json: str) -> str:
    """The JSON text of an object with the field ``name`` added (its value already JSON), neither re-encoded."""
    return payload_json[:-1] + f',"{name}":' + value_json + "}"


def merged(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` merged in, object by object (as ``merge`` in dash-chart.js)."""
    out = dict(base)
    for key, value in patch.items():
        old = out.get(key)
        out[key] = merged(old, value) if isinstance(value, dict) and isinstance(old, dict) else value
    return out


def export_figure(chart: Chart, lang: str) -> dict[str, Any]:
    """The figure a reader's PNG/SVG download draws (light, with title, subtitle, legend and source),
    its ``width`` and ``height`` in the layout, as kaleido takes it."""
    payload = chart_payload(chart, lang, "", "")
    export = payload["export"]
    layout = merged(payload["figure"]["layout"], export["layout"])
    layout.update(width=export["width"], height=export["height"])
    return {"data": payload["figure"]["data"], "layout": layout}


def compact_json(value: Any) -> str:
    """``value`` as compact JSON text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def script_json(value: Any) -> str:
    """``value`` as compact JSON text, safe to put inside a ``<script>`` element."""
    return compact_json(value).replace("<", "\\u003c")


def payload_json(chart: Chart, lang: str, assets: str, topojson: str, *, fit: bool = False) -> str:
    """:func:`chart_payload` as JSON text, safe to put inside a ``<script>`` element."""
    return script_json(chart_payload(chart, lang, assets, topojson, fit=fit))
