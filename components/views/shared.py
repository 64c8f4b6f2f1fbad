"""Results that are the same for every reader (figures, summaries, tables), built once per server.

A plain process-wide dictionary rather than ``st.cache_resource``: keys are already hashable
(builder name, data version, arguments), and skipping Streamlit's argument hashing and signature
inspection saved a measurable part of every rerun (the bench's AppTest phase, bench/README.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from components.data import Dataset

T = TypeVar("T")
MAX_ENTRIES = 2048
_results: dict[tuple[str, str, tuple[Hashable, ...]], Any] = {}
_lock = threading.Lock()


def shared(builder: Callable[..., T], data: Dataset, *args: Hashable) -> T:
    """``builder(data, *args)``, computed once per data version and arguments, for all sessions.

    The result is shared, not copied: builders return objects no caller mutates.
    """
    key = (f"{builder.__module__}.{builder.__qualname__}", data.version, args)
    if key in _results:
        result: T = _results[key]
        return result
    result = builder(data, *args)
    with _lock:
        if len(_results) >= MAX_ENTRIES:  # a new data version: drop everything, rebuild on demand
            _results.clear()
        _results[key] = result
    return result
