"""Collecting every displayed string of a plotly figure, for the checks on Arabic text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go

TEXT_KEYS = frozenset({"text", "hovertext", "hovertemplate", "name", "y"})


def _strings(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, key)
    elif isinstance(value, str) and (key in TEXT_KEYS or key == "text"):
        yield value


def displayed_strings(fig: go.Figure) -> list[str]:
    """Titles, subtitles, annotations, axis titles, trace names, texts, hovers and categories."""
    return [s for s in _strings(fig.to_plotly_json()) if s.strip()]
