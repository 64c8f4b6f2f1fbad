"""Results that are the same for every reader (figures, summaries), built once per server."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from components.data import Dataset

T = TypeVar("T")


def shared(builder: Callable[..., T], data: Dataset, *args: Hashable) -> T:
    """``builder(data, *args)``, computed once per data version and arguments, for all sessions.

    The result is shared, not copied: builders return objects no caller mutates.
    """
    name = f"{builder.__module__}.{builder.__qualname__}"
    result: T = _build(name, data.version, args, builder, data)
    return result


@st.cache_resource(show_spinner=False, max_entries=1024)
def _build(name: str, version: str, args: tuple[Hashable, ...], _builder: Callable[..., Any], _data: Dataset) -> Any:
    return _builder(_data, *args)
