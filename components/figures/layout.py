"""What every chart shares: fonts, colours, text direction and the mirrored layout for Arabic."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.text import DEFAULT_DIGITS, chart_text, is_rtl, localized_digits
from components.theme import LIGHT

# The Arabic family first: Chromium then takes Arabic glyphs from it and Latin from the next one.
FONT_STACK = '"Noto Sans Arabic", "Noto Sans", "Open Sans", verdana, arial, sans-serif'
# The light theme's colours (components/theme.py holds both themes and the contrast they meet).
PALETTE: tuple[str, ...] = LIGHT.palette
INK = LIGHT.ink
MUTED = LIGHT.muted
GRID = LIGHT.grid
ELECTED = LIGHT.elected
LOST = LIGHT.lost
WITHDREW = LIGHT.withdrew
MEMBER = LIGHT.member
CARTESIAN_TRACES = frozenset({"bar", "scatter"})
# The title, subtitle and legend are drawn as HTML around the plot (components/chart_spec.py); the
# figure keeps them as data for the downloaded image, which has a fixed width.
TOP_MARGIN = 16
# Where a figure keeps what only the chart frame reads (components/chart_spec.py): its narrow layout.
META_KEY = "dash"


def apply_layout(fig: go.Figure, lang: str, title: str, subtitle: str = "", *, headroom: int = 0) -> go.Figure:
    """Fonts, title and direction for ``lang``; in RTL the chart is mirrored.

    Mirrored means: title and legend on the right, the category axis on the right and the value
    or time axis running right to left, hover labels aligned right. ``headroom`` adds pixels
    above the plot (for labels drawn above it).
    """
    rtl = is_rtl(lang)
    side = 1.0 if rtl else 0.0
    anchor = "right" if rtl else "left"
    fig.update_layout(
        font={"family": FONT_STACK, "color": INK, "size": 14},
        title={
            "text": chart_text(title, lang),
            "x": 0.99 if rtl else 0.01,
            "xanchor": anchor,
            "xref": "container",
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
            "font": {"size": 18},
            "subtitle": {"text": chart_text(subtitle, lang), "font": {"color": MUTED, "size": 13}},
        },
        legend={"x": side, "xanchor": anchor, "y": -0.12, "yanchor": "top", "orientation": "h"},
        hoverlabel={"align": "right" if rtl else "left", "font": {"family": FONT_STACK}},
        margin={"l": 12, "r": 12, "t": TOP_MARGIN + headroom, "b": 40},
        paper_bgcolor=LIGHT.background,
        plot_bgcolor=LIGHT.background,
    )
    if any(trace.type in CARTESIAN_TRACES for trace in fig.data):
        fig.update_xaxes(autorange="reversed" if rtl else True, gridcolor=GRID, zeroline=False)
        fig.update_yaxes(side="right" if rtl else "left", automargin=True)
    return fig


def narrow_layout(fig: go.Figure, width: int, layout: Mapping[str, Any]) -> go.Figure:
    """Give ``fig`` a layout patch the page applies while the chart is narrower than ``width`` px."""
    meta = dict(fig.layout.meta or {})
    meta[META_KEY] = {"narrow": {"width": width, "layout": dict(layout)}}
    fig.update_layout(meta=meta)
    return fig


def wrap(text: str, width: int) -> str:
    """Break each ``<br>`` line of ``text`` at word boundaries so no line exceeds ``width`` characters."""
    return "<br>".join(
        "<br>".join(textwrap.wrap(line, width, break_long_words=False)) or line for line in text.split("<br>")
    )


def reversed_range(values: list[object], lang: str) -> list[object]:
    """An axis range ``[low, high]`` as plotly needs it in ``lang`` (high first when mirrored)."""
    return list(reversed(values)) if is_rtl(lang) else values


def file_name(label: str) -> str:
    """A download file name from a (possibly Arabic) label: letters kept, spaces to dashes."""
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in label.strip())
    return "-".join(part for part in cleaned.split("-") if part)[:80] or "chart"


def chart_config(title: str) -> dict[str, object]:
    """The plotly.js config of every chart: local map outlines, no logo, a named image download."""
    return {
        "topojsonURL": "app/static/topojson/",
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "filename": file_name(title), "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


# The keys of a figure whose strings are drawn: titles, annotations, trace texts, hovers, legend
# names, and the category labels (in every place that names a category, so they stay one category).
DRAWN_KEYS = frozenset({"text", "hovertext", "ticktext", "name", "y", "categoryarray", "tickvals"})
MAX_TICKS = 6
NICE_STEPS = (1, 2, 2.5, 5, 10)
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
# How each date tick format of the timeline steps: by day, by month, by year.
DATE_STEPS = {"%d/%m": "D", "%m/%Y": "MS", "%Y": "YS"}


def _drawn_in(value: Any, digits: str, key: str = "") -> Any:
    if isinstance(value, dict):
        return {name: _drawn_in(item, digits, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_drawn_in(item, digits, key) for item in value]
    if isinstance(value, str) and key in DRAWN_KEYS:
        return localized_digits(value, digits)
    return value


def _number_ticks(low: float, high: float) -> list[float]:
    """Round values from ``low`` to ``high``, at most :data:`MAX_TICKS` + 1 of them."""
    raw = max(high - low, 1e-9) / MAX_TICKS
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(nice * magnitude for nice in NICE_STEPS if nice * magnitude >= raw)
    first = math.ceil(low / step)
    return [n * step for n in range(first, math.floor(high / step) + 1)]


def _date_ticks(low: pd.Timestamp, high: pd.Timestamp, tick_format: str) -> list[pd.Timestamp]:
    """Days, month starts or round years from ``low`` to ``high``, as the axis's format steps."""
    step = DATE_STEPS.get(tick_format, "YS")
    if step != "YS":
        ticks = list(pd.date_range(low.ceil("D"), high, freq=step))
        return ticks[:: math.ceil(len(ticks) / MAX_TICKS) or 1]
    years = next(n for n in YEAR_STEPS if (high.year - low.year) / n <= MAX_TICKS)
    first = math.ceil(low.year / years) * years
    return [pd.Timestamp(year=year, month=1, day=1) for year in range(first, high.year + 1, years)]


def _tick_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _ticks_as_text(axis: Mapping[str, Any], digits: str) -> dict[str, Any]:
    """Explicit ticks for a value or date axis: plotly.js draws tick numbers in Western digits only."""
    low, high = sorted(axis["range"], key=pd.Timestamp if axis.get("type") == "date" else float)
    if axis.get("type") == "date":
        tick_format = str(axis.get("tickformat") or "%Y")
        dates = _date_ticks(pd.Timestamp(low), pd.Timestamp(high), tick_format)
        values: list[Any] = [date.isoformat() for date in dates]
        texts = [date.strftime(tick_format) for date in dates]
    else:
        values = _number_ticks(float(low), float(high))
        texts = [_tick_text(value) for value in values]
    return {"tickmode": "array", "tickvals": values, "ticktext": [localized_digits(t, digits) for t in texts]}


def _with_tick_text(layout: dict[str, Any], digits: str, base: Mapping[str, Any] | None = None) -> None:
    """Give every value or date axis of ``layout`` (with a range, ticks not given) its ticks as text;
    ``base``: the full layout a narrow patch is merged into."""
    for name, axis in layout.items():
        if not (name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict) and axis.get("range")):
            continue
        whole = {**(base or {}).get(name, {}), **axis}
        if whole.get("tickmode") != "array" and whole.get("type") != "category":
            axis.update(_ticks_as_text(whole, digits))


def in_digits(fig: go.Figure, digits: str) -> go.Figure:
    """``fig`` with every number it draws in ``digits``: its texts mapped, its axes' ticks as text."""
    if digits == DEFAULT_DIGITS:
        return fig
    figure = _drawn_in(fig.to_plotly_json(), digits)
    layout = figure["layout"]
    narrow = layout.get("meta", {}).get(META_KEY, {}).get("narrow")
    if narrow:  # first: it is read against the layout's own axes, before they get their ticks
        _with_tick_text(narrow["layout"], digits, layout)
    _with_tick_text(layout, digits)
    return go.Figure(figure)
