"""Horizontal bars of a race's votes: winner highlighted, unpublished counts shown as such."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from components.data import Dataset
from components.figures.layout import (
    ELECTED,
    LOST,
    MUTED,
    WITHDREW,
    apply_layout,
    narrow_layout,
    reversed_range,
    wrap,
)
from components.i18n import format_number, format_share, t
from components.labels import candidate_label, context_text, denominator_text, race_title, total_text
from components.tables.votes import (
    Context,
    Denominator,
    majority_markers,
    primary_denominator,
    race_row,
    vote_table,
)
from components.text import chart_text, is_rtl

ROW_HEIGHT = 64
# Room beyond the longest bar for its label ("84 · 51.2%"), as a share of the longest count; a
# phone's plot is narrower, so it needs more. Below NARROW_WIDTH px the chart uses the phone's.
HEADROOM = 1.25
NARROW_HEADROOM = 1.8
NARROW_WIDTH = 560
# On a phone the names wrap shorter, in a smaller font, so the bars and their labels keep room.
NARROW_LABEL_WIDTH = 16
NARROW_FONT = 12


def _colour(row: pd.Series) -> str:
    if row["option"] != "candidate":
        return MUTED
    return {"elected": ELECTED, "withdrew": WITHDREW}.get(str(row["outcome"]), LOST)


def value_text(row: pd.Series, lang: str) -> str:
    """What a row says next to its bar: ``145 · 94.8%``, ``96``, or why there is no bar."""
    if row["status"] == "withdrew":
        return t(lang, "status.withdrew")
    if row["status"] == "not_published":
        return t(lang, "status.not_published")
    votes = format_number(int(row["votes"]), lang)
    if pd.isna(row["share"]):
        return votes
    return f"{votes} · {format_share(float(row['share']), lang)}"


def subtitle(total: Denominator | None, contexts: list[Context], lang: str, rounds: int = 0) -> str:
    """Names the denominator, or says it is unknown and gives the published context; for a race
    of several rounds, says the sources do not tell which round the counts belong to."""
    if rounds > 1:
        return f"{subtitle(total, contexts, lang)}<br>{t(lang, 'votes.rounds', n=rounds)}"
    if total is not None:
        return t(lang, "votes.share_of", total=total_text(total, lang))
    if not contexts:
        return t(lang, "votes.total_unknown")
    context = t(lang, "votes.context", context=context_text(contexts, lang))
    return f"{t(lang, 'votes.total_unknown')}<br>{context}"


def _rounds(race: pd.Series) -> int:
    return 0 if pd.isna(race["rounds"]) else int(race["rounds"])


def vote_share_figure(data: Dataset, race_id: str, lang: str) -> go.Figure:
    """The vote share chart of ``race_id`` in ``lang``."""
    table = vote_table(data, race_id)
    race = race_row(data, race_id)
    total = primary_denominator(data, race_id)
    contexts = majority_markers(data, race_id)
    names = [candidate_label(row, lang) for _, row in table.iterrows()]
    labels = [chart_text(name, lang) for name in names]
    short = [chart_text(wrap(name, NARROW_LABEL_WIDTH), lang) for name in names]
    texts = [chart_text(value_text(row, lang), lang) for _, row in table.iterrows()]
    counted = table["status"] == "counted"
    rtl = is_rtl(lang)

    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            orientation="h",
            y=[label for label, keep in zip(labels, counted, strict=True) if keep],
            x=table.loc[counted, "votes"].astype(int).tolist(),
            text=[text for text, keep in zip(texts, counted, strict=True) if keep],
            textposition="outside",
            cliponaxis=False,
            marker={"color": [_colour(row) for _, row in table[counted].iterrows()]},
            hovertext=[text for text, keep in zip(texts, counted, strict=True) if keep],
            hovertemplate="%{y}<br>%{hovertext}<extra></extra>",
            showlegend=False,
            name=chart_text(t(lang, "votes.votes"), lang),
        )
    )
    missing = ~counted
    if missing.any():
        # Never a zero-length bar: the row carries words, drawn from the axis origin.
        fig.add_trace(
            go.Scatter(
                mode="text",
                y=[label for label, keep in zip(labels, missing, strict=True) if keep],
                x=[0] * int(missing.sum()),
                text=[text for text, keep in zip(texts, missing, strict=True) if keep],
                textposition="middle left" if rtl else "middle right",
                # The layout's font size: smaller on a phone.
                textfont={"color": MUTED},
                hoverinfo="skip",
                showlegend=False,
                cliponaxis=False,
            )
        )
    majorities = [m for context in contexts for m in context.majorities]
    highest = max([int(v) for v in table.loc[counted, "votes"]] + majorities + [1])
    level = 0
    short_labels: list[str] = []
    for context in contexts:
        for majority in context.majorities:
            label = t(
                lang,
                "votes.majority_of",
                n=format_number(majority, lang),
                of=denominator_text(context.kind, context.values, lang),
            )
            short_labels.append(chart_text(t(lang, "votes.majority_short", n=format_number(majority, lang)), lang))
            fig.add_vline(x=majority, line={"dash": "dot", "color": MUTED, "width": 1.5})
            # Labels are stacked above the plot so neighbouring markers never overlap.
            fig.add_annotation(
                x=majority,
                y=1.0,
                yref="paper",
                yanchor="bottom",
                yshift=20 * level,
                text=chart_text(label, lang),
                showarrow=False,
                font={"size": 11, "color": MUTED},
                xanchor="left" if rtl else "right",
            )
            level += 1
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), title=None, ticklabelstandoff=6)
    fig.update_layout(height=150 + ROW_HEIGHT * len(labels) + 24 * len(majorities), bargap=0.35)
    apply_layout(
        fig, lang, race_title(race, lang), subtitle(total, contexts, lang, _rounds(race)), headroom=20 * len(majorities)
    )
    fig.update_xaxes(range=reversed_range([0, highest * HEADROOM], lang), autorange=False)
    narrow = {
        "font": {"size": NARROW_FONT},
        "xaxis": {"range": reversed_range([0, highest * NARROW_HEADROOM], lang)},
        "yaxis": {"tickmode": "array", "tickvals": labels, "ticktext": short},
        # The markers say only their number there: the subtitle names what each is a majority of.
        "annotations": [
            {**annotation.to_plotly_json(), "text": text}
            for annotation, text in zip(fig.layout.annotations, short_labels, strict=True)
        ],
    }
    return narrow_layout(fig, NARROW_WIDTH, narrow)
