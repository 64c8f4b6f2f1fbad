"""What a filter tap leads to: the view state after it, and the arguments of each chart then.

Pure (no Streamlit). The page sends each chart with the chart every option of the filters over it
would bring, and those charts ahead of the tap (``components/views/charts.py``): the chart script
shows the new chart at the tap, before the server's rerun answers (issue 21).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable
from dataclasses import fields, replace
from functools import cache

from components.data import Dataset
from components.state import FILTER_SECTIONS, ViewState
from components.tables.regions import FILTER_VALUES
from components.tables.timeline import PRESETS
from components.tables.votes import race_choices

STATE_FIELDS = frozenset(field.name for field in fields(ViewState))


def filter_options(data: Dataset, state: ViewState) -> dict[str, tuple[str, ...]]:
    """The options of each filter the state's section shows, in the order the page lists them."""
    every = {"region": tuple(FILTER_VALUES), "race": tuple(race_choices(data, state.region)), "zoom": tuple(PRESETS)}
    return {param: options for param, options in every.items() if state.view in FILTER_SECTIONS[param]}


def after_tap(data: Dataset, state: ViewState, param: str, value: str) -> ViewState:
    """The state once a reader has tapped ``value`` in the filter ``param``: a race the new region
    does not offer falls back to the region's first race, as the race filter does."""
    moved = replace(state, **{param: value})
    races = race_choices(data, moved.region)
    return moved if moved.race in races else replace(moved, race=races[0])


@cache
def state_arguments(build: Callable[..., object]) -> tuple[str, ...]:
    """The view-state fields a chart builder takes after the data, in its order."""
    names = tuple(inspect.signature(build).parameters)[1:]
    unknown = [name for name in names if name not in STATE_FIELDS]
    if unknown:
        raise ValueError(f"{build.__name__}: arguments {unknown} are not fields of the view state")
    return names


def tap_states(data: Dataset, state: ViewState) -> dict[str, list[ViewState]]:
    """Per filter over the state's section: for each of its options, the state a tap on it leads to
    (the state itself for the option already chosen)."""
    return {
        param: [after_tap(data, state, param, value) for value in options]
        for param, options in filter_options(data, state).items()
    }


def chart_arguments(build: Callable[..., object], state: ViewState) -> tuple[Hashable, ...]:
    """The arguments after the data with which ``build`` draws its chart for ``state``."""
    return tuple(getattr(state, name) for name in state_arguments(build))
