"""Results that are the same for every reader (charts, tables, HTML), built once per data version.

A plain process-wide dictionary rather than ``st.cache_resource``: keys are already hashable
(builder name, data version, arguments), and skipping Streamlit's argument hashing and signature
inspection saved a measurable part of every rerun (the bench's AppTest phase, bench/README.md).
Results are shared, not copied: builders return objects no caller mutates.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from components.data import Dataset

T = TypeVar("T")
Builder = TypeVar("Builder", bound=Callable[..., Any])
MAX_ENTRIES = 2048
_results: dict[tuple[str, str, tuple[Hashable, ...]], Any] = {}
_lock = threading.Lock()
_MISSING = object()


def _result(key: tuple[str, str, tuple[Hashable, ...]], builder: Callable[..., Any], data: Dataset) -> Any:
    """The result stored under ``key``, built by ``builder(data, *args)`` when there is none yet."""
    result = _results.get(key, _MISSING)
    if result is not _MISSING:
        return result
    result = builder(data, *key[2])
    with _lock:
        if len(_results) >= MAX_ENTRIES:  # a new data version: drop everything, rebuild on demand
            _results.clear()
        _results[key] = result
    return result


def _name(builder: Callable[..., Any]) -> str:
    return f"{builder.__module__}.{builder.__qualname__}"


def shared(builder: Callable[..., T], data: Dataset, *args: Hashable) -> T:
    """``builder(data, *args)``, computed once per data version and arguments, for all sessions."""
    return cast(T, _result((_name(builder), data.version, args), builder, data))


def built_once(builder: Builder) -> Builder:
    """``builder(data, *args)`` as :func:`shared` computes it, for every call (positional
    arguments only): the call site names the builder itself, so a reader can follow it."""
    name = _name(builder)

    @functools.wraps(builder)
    def once(data: Dataset, *args: Hashable) -> Any:
        return _result((name, data.version, args), builder, data)

    return cast(Builder, once)
