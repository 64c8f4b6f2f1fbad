"""The event timeline: one row per event, spans as long as their date precision, by category."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.data import Dataset
from components.data.schema import EVENT_CATEGORIES
from components.figures.layout import MUTED, PALETTE, apply_layout, narrow_layout, reversed_range, wrap
from components.i18n import t
from components.labels import event_when, localized
from components.tables.regions import ALL
from components.tables.timeline import PRESETS, first_publisher, timeline_rows
from components.text import chart_text

LABEL_WIDTH = 32
# A row holds its label's lines (12 px font) with room between neighbours.
LINE_HEIGHT = 16
ROW_PADDING = 14
# Below this width the chart numbers its rows (1, 2, …) and the event list beside it names them:
# a phone then keeps its width for the time axis.
NARROW_WIDTH = 640
DAY = pd.Timedelta(days=1)
CATEGORY_COLOURS = dict(zip(EVENT_CATEGORIES, PALETTE, strict=False))
# A span longer than a day is drawn hatched: the event happened somewhere inside it.
PRECISION_PATTERN = {"day": "", "month": "/", "year": "/"}


def event_hover(row: pd.Series, data: Dataset, lang: str) -> str:
    """Hover lines of one event: title, date at its precision, source publisher."""
    when = event_when(row, lang)
    publisher = first_publisher(data, tuple(row["source_ids"]))
    lines = [localized(row, "title", lang), when, t(lang, "source.by", publisher=publisher)]
    return "<br>".join(chart_text(line, lang) for line in lines)


def timeline_figure(data: Dataset, preset: str, region: str, lang: str) -> go.Figure:
    """The timeline of the ``preset`` window in ``lang``, filtered by ``region``."""
    rows = timeline_rows(data, preset, region)
    window = PRESETS[preset]
    fig = go.Figure()
    # Two short lines rather than one long one: on a phone the labels leave room for the time axis.
    labels = [chart_text(wrap(localized(row, "title", lang), LABEL_WIDTH), lang) for _, row in rows.iterrows()]
    rows = rows.assign(label=labels)
    for category in EVENT_CATEGORIES:
        group = rows[rows["category"] == category]
        if group.empty:
            continue
        name = chart_text(t(lang, f"category.{category}"), lang)
        colour = CATEGORY_COLOURS[category]
        hover = [event_hover(row, data, lang) for _, row in group.iterrows()]
        widths = [
            (last + DAY - first) / pd.Timedelta(milliseconds=1)
            for first, last in zip(group["first_day"], group["last_day"], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=group["label"].tolist(),
                base=group["first_day"].dt.strftime("%Y-%m-%d").tolist(),
                x=widths,
                marker={
                    "color": colour,
                    "opacity": 0.55,
                    "pattern": {"shape": [PRECISION_PATTERN[p] for p in group["precision"]]},
                },
                name=name,
                legendgroup=category,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        # A marker keeps a one-day event visible when a century is on screen.
        middle = group["first_day"] + (group["last_day"] + DAY - group["first_day"]) / 2
        fig.add_trace(
            go.Scatter(
                mode="markers",
                y=group["label"].tolist(),
                x=middle.dt.strftime("%Y-%m-%d %H:%M").tolist(),
                marker={"color": colour, "size": 10, "symbol": "diamond", "line": {"width": 0}},
                name=name,
                legendgroup=category,
                showlegend=False,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if rows.empty:
        fig.add_annotation(
            text=chart_text(t(lang, "timeline.empty"), lang),
            showarrow=False,
            font={"color": MUTED, "size": 15},
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
        )
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    row_height = LINE_HEIGHT * lines + ROW_PADDING
    fig.update_layout(barmode="overlay", height=110 + row_height * max(len(rows), 3), bargap=0.3)
    # A filtered timeline says which region it keeps: the same week, fewer events.
    title = t(lang, f"preset.{preset}.title")
    title = title if region == ALL else f"{title} · {t(lang, f'region.{region}')}"
    apply_layout(fig, lang, title, t(lang, "timeline.subtitle"))
    # Padding of 3% of the window keeps markers at its edges whole.
    pad = max((pd.Timestamp(window.end) - pd.Timestamp(window.start)) * 0.03, DAY / 2)
    left = pd.Timestamp(window.start) - pad
    right = pd.Timestamp(window.end) + DAY + pad
    fig.update_xaxes(
        type="date",
        range=reversed_range([left, right], lang),
        autorange=False,
        showgrid=True,
        tickformat=_tick_format(preset),
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(labels)),
        title=None,
        tickfont={"size": 12},
    )
    numbers = [str(n) for n in range(1, len(labels) + 1)]
    narrow = {
        "height": 110 + 30 * max(len(rows), 3),
        "yaxis": {"tickmode": "array", "tickvals": labels, "ticktext": numbers},
    }
    return narrow_layout(fig, NARROW_WIDTH, narrow)


def _tick_format(preset: str) -> str:
    # plotly.js formats dates in English only; numeric ticks read the same in every language.
    return {"assembly": "%d/%m", "campaign": "%m/%Y", "history": "%Y"}[preset]
