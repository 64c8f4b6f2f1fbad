"""What every chart shares: fonts, colours, text direction and the mirrored layout for Arabic."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from components.text import chart_text, is_rtl
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
