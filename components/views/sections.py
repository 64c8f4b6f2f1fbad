"""The sections of the page, by the ``view`` of the link: what the page draws for each, and the chart
the chart-only embed draws (the vote share for sections without a chart of their own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from components.data import Dataset
from components.state import ViewState
from components.views import maps, members, sources, timeline, vote_share


class Draw(Protocol):
    """Draws a section's part of the page for ``state``."""

    def __call__(self, data: Dataset, state: ViewState) -> None: ...


class DrawChart(Protocol):
    """Draws a section's chart alone (``fit``: fitted to the embed's frame)."""

    def __call__(self, data: Dataset, state: ViewState, *, fit: bool = ...) -> None: ...


@dataclass(frozen=True)
class Section:
    """A section's whole view (``page``) and its chart alone (``chart``, the embed's)."""

    page: Draw
    chart: DrawChart


SECTIONS: dict[str, Section] = {
    "votes": Section(vote_share.render, vote_share.chart),
    "timeline": Section(timeline.render, timeline.chart),
    "map": Section(maps.render, maps.chart),
    "members": Section(members.render, vote_share.chart),
    "sources": Section(sources.render, vote_share.chart),
}
