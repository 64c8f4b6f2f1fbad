"""Server-side script time: the app run in-process by ``streamlit.testing.v1.AppTest``.

``at.run()`` is timed around the whole rerun (wall clock) and by the process's CPU time (the
script thread's work plus AppTest's own; the waiting main thread adds none), which another
program on the machine inflates much less than the wall clock. The bare app's reruns give
Streamlit's and AppTest's fixed cost per run.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench.stats import summary

TIMEOUT_S = 120.0
REGIONS = ("europe", "africa", "americas", "asia", "all")
LANGS = ("fr", "ar", "en")
VIEWS = ("votes", "timeline", "map", "members", "sources")


@contextlib.contextmanager
def app_on_path(app_dir: Path) -> Iterator[None]:
    """Import the app's packages (``components``) from ``app_dir``, not from the working tree."""
    stale = [name for name in sys.modules if name == "components" or name.startswith("components.")]
    for name in stale:
        del sys.modules[name]
    sys.path.insert(0, str(app_dir))
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(str(app_dir))


@contextlib.contextmanager
def server_like_script_cache() -> Iterator[None]:
    """One bytecode cache for every AppTest run, as a server has: AppTest otherwise recompiles
    (and rewrites for "magic") the script on every run, a cost a server pays once."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test as app_test_module
    from streamlit.testing.v1 import local_script_runner as runner_module

    shared = ScriptCache()
    originals = (app_test_module.ScriptCache, runner_module.ScriptCache)

    def same_cache() -> ScriptCache:
        return shared

    app_test_module.ScriptCache = same_cache  # type: ignore[assignment,misc]
    runner_module.ScriptCache = same_cache  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test_module.ScriptCache, runner_module.ScriptCache = originals  # type: ignore[misc]


def _timed_run(at: AppTest) -> tuple[float, float]:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    at.run(timeout=TIMEOUT_S)
    return (time.perf_counter() - wall0) * 1000, (time.process_time() - cpu0) * 1000


def _errors(at: AppTest) -> list[str]:
    return [f"{e.value}"[:300] for e in at.exception]


def _series(at: AppTest, n: int, change: Callable[[AppTest, int], None]) -> dict[str, Any]:
    walls: list[float] = []
    cpus: list[float] = []
    errors: list[str] = []
    for i in range(n):
        change(at, i)
        wall, cpu = _timed_run(at)
        walls.append(wall)
        cpus.append(cpu)
        errors += _errors(at)
    return {"wall_ms": summary(walls), "cpu_ms": summary(cpus), "errors": errors[:5], "n_errors": len(errors)}


def _control(widgets: Any, param: str) -> Any:
    """The widget of URL parameter ``param``: controls are keyed per language (``control_region_ar``)."""
    return next(w for w in widgets if str(w.key).startswith(f"control_{param}"))


def _set_region(at: AppTest, i: int) -> None:
    _control(at.radio, "region").set_value(REGIONS[i % len(REGIONS)])


def _set_lang(at: AppTest, i: int) -> None:
    at.radio(key="control_lang").set_value(LANGS[i % len(LANGS)])


def _no_change(at: AppTest, i: int) -> None:
    del at, i


def _set_view(at: AppTest, view: str) -> None:
    _control(at.radio, "view").set_value(view).run(timeout=TIMEOUT_S)


def dashboard(script: Path, reruns: int, per_view: int) -> dict[str, Any]:
    """First run, region and language changes on the default view, and region changes per view."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    first_wall, first_cpu = _timed_run(at)
    result: dict[str, Any] = {
        "first_run": {"wall_ms": first_wall, "cpu_ms": first_cpu, "errors": _errors(at)},
        "widgets": {
            "region_options": list(_control(at.radio, "region").options),
            "lang_options": list(at.radio(key="control_lang").options),
        },
    }
    _set_region(at, len(REGIONS) - 1)  # "all"
    at.run(timeout=TIMEOUT_S)  # warm-up of the rerun path
    result["plain_rerun"] = _series(at, reruns, _no_change)
    result["region_change"] = _series(at, reruns, _set_region)
    _set_region(at, len(REGIONS) - 1)
    result["lang_change"] = _series(at, reruns, _set_lang)
    _set_lang(at, LANGS.index("en"))
    at.run(timeout=TIMEOUT_S)
    views: dict[str, Any] = {}
    first_visits: dict[str, Any] = {}
    for view in VIEWS:
        _set_view(at, view)
        # The first pass over the regions fills the app's caches (shared by every session of a
        # server); the measured passes are what a reader gets once the server is warm.
        first_visits[view] = _series(at, len(REGIONS), _set_region)
        views[view] = _series(at, per_view, _set_region)
    result["region_change_by_view"] = views
    result["region_change_by_view_first_pass"] = first_visits
    _set_view(at, "votes")
    return result


def bare(script: Path, reruns: int) -> dict[str, Any]:
    """The bare app's first run and reruns (nothing to change: the fixed cost of a rerun)."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    first_wall, first_cpu = _timed_run(at)
    at.run(timeout=TIMEOUT_S)
    return {
        "first_run": {"wall_ms": first_wall, "cpu_ms": first_cpu, "errors": _errors(at)},
        "plain_rerun": _series(at, reruns, _no_change),
    }


# Buckets of self time, first match wins: where a rerun's CPU goes.
BUCKETS: tuple[tuple[str, str], ...] = (
    ("components/figures/", "app: figure builders (components/figures)"),
    ("components/tables/", "app: derived tables (components/tables)"),
    ("components/data/", "app: data loading (components/data)"),
    ("components/views/", "app: views (components/views)"),
    ("components/", "app: other components (i18n, labels, text, html...)"),
    ("/app.py", "app: app.py"),
    ("plotly/io/", "plotly: JSON serialisation (plotly.io)"),
    ("_plotly_utils/", "plotly: validators (_plotly_utils)"),
    ("plotly/", "plotly: figure objects (plotly.graph_objs, basedatatypes)"),
    ("streamlit/elements/plotly_chart", "streamlit: st.plotly_chart (marshalling)"),
    ("streamlit/runtime/caching/", "streamlit: st.cache_* (argument hashing, lookup)"),
    ("streamlit/runtime/scriptrunner/magic", "streamlit: script compile (magic)"),
    ("streamlit/", "streamlit: runtime, elements, protobuf"),
    ("google/protobuf", "protobuf"),
    ("pandas/", "pandas"),
    ("numpy/", "numpy"),
    ("babel/", "babel (i18n formatting)"),
    ("json/", "json (stdlib)"),
    ("bidi", "python-bidi / arabic-reshaper"),
    ("arabic_reshaper", "python-bidi / arabic-reshaper"),
    ("/copy.py", "copy.deepcopy (stdlib)"),
    ("/inspect.py", "inspect.signature (stdlib; called by st.cache_*)"),
    ("/ast.py", "ast (stdlib; script compile)"),
    ("/hashlib", "hashlib"),
    ("/threading.py", "threading (stdlib)"),
    ("/enum.py", "enum (stdlib)"),
    ("/typing.py", "typing (stdlib)"),
)


def _bucket(filename: str) -> str:
    if filename.startswith(("~", "<built-in")):
        return "builtins / C functions"
    for needle, name in BUCKETS:
        if needle in filename:
            return name
    return "other Python"


@contextlib.contextmanager
def _profiling_script_runs(profiler: cProfile.Profile) -> Iterator[None]:
    """Profile every script run (its whole ``ScriptRunner._run_script``, in the script thread
    AppTest starts) with ``profiler``."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def profiled(self: Any, *args: Any, **kwargs: Any) -> Any:
        return profiler.runcall(original, self, *args, **kwargs)

    script_runner.ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]


def profile(script: Path, reruns: int, *, app_dir: Path) -> tuple[dict[str, Any], str]:
    """cProfile of region and language changes on the default view: where a rerun's time goes."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT_S)
    at.run(timeout=TIMEOUT_S)
    at.run(timeout=TIMEOUT_S)
    profiler = cProfile.Profile()
    changes: list[Callable[[AppTest, int], None]] = [_set_region, _set_lang]
    total_wall = 0.0
    with _profiling_script_runs(profiler):
        for i in range(reruns):
            for change in changes:
                change(at, i)
                start = time.perf_counter()
                at.run(timeout=TIMEOUT_S)
                total_wall += time.perf_counter() - start
    _set_lang(at, LANGS.index("en"))
    runs = 2 * reruns
    rows = _aggregate(profiler)
    buckets: dict[str, float] = {}
    for entry in rows:
        buckets[_bucket(entry.filename)] = buckets.get(_bucket(entry.filename), 0.0) + entry.self_s
    total = sum(buckets.values())
    by_bucket: list[dict[str, Any]] = [
        {"bucket": name, "ms_per_rerun": seconds * 1000 / runs, "share": seconds / total if total else 0.0}
        for name, seconds in sorted(buckets.items(), key=lambda item: -item[1])
    ]
    app_root = str(app_dir)

    def as_dict(row: _Row) -> dict[str, Any]:
        return {
            "function": row.label(app_root),
            "cum_ms_per_rerun": row.cum_s * 1000 / runs,
            "self_ms_per_rerun": row.self_s * 1000 / runs,
            "calls_per_rerun": row.calls / runs,
        }

    app_rows = [as_dict(r) for r in sorted(rows, key=lambda r: -r.cum_s) if r.filename.startswith(app_root)]
    lib_rows = [
        as_dict(r)
        for r in sorted(rows, key=lambda r: -r.cum_s)
        if not r.filename.startswith(app_root) and not r.filename.startswith("~")
    ]
    self_rows = [as_dict(r) for r in sorted(rows, key=lambda r: -r.self_s)]
    result = {
        "reruns_profiled": runs,
        "wall_ms_per_rerun_under_profiler": total_wall * 1000 / runs,
        "profiled_ms_per_rerun": total * 1000 / runs,
        "self_time_by_bucket": by_bucket,
        "app_functions_by_cumulative": app_rows[:30],
        "library_functions_by_cumulative": lib_rows[:30],
        "functions_by_self_time": self_rows[:30],
    }
    text = io.StringIO()
    text.write(f"cProfile of {runs} AppTest reruns (region and language changes, default view)\n")
    text.write(f"ms per rerun (under the profiler): {result['profiled_ms_per_rerun']:.1f}\n\n")
    text.write("Self time by bucket (ms per rerun, share)\n")
    for bucket in by_bucket:
        text.write(f"  {bucket['ms_per_rerun']:8.2f}  {bucket['share']:6.1%}  {bucket['bucket']}\n")
    for title, table in (
        ("App functions by cumulative time", app_rows[:40]),
        ("Library functions by cumulative time", lib_rows[:60]),
        ("Functions by self time", self_rows[:40]),
    ):
        text.write(f"\n{title} (cum ms, self ms, calls per rerun)\n")
        for line in table:
            text.write(
                f"  {line['cum_ms_per_rerun']:8.2f} {line['self_ms_per_rerun']:8.2f} "
                f"{line['calls_per_rerun']:8.1f}  {line['function']}\n"
            )
    return result, text.getvalue()


@dataclass
class _Row:
    filename: str
    line: int
    name: str
    calls: int = 0
    self_s: float = 0.0
    cum_s: float = 0.0

    def label(self, app_root: str) -> str:
        if self.filename.startswith(app_root):
            where = str(Path(self.filename).relative_to(app_root))
        else:
            where = _short(self.filename)
        return f"{where}:{self.line}({self.name})" if self.line else f"{where}({self.name})"


def _aggregate(profiler: cProfile.Profile) -> list[_Row]:
    """Per-function totals from ``getstats()``: unlike :mod:`pstats`, code objects that share a
    file, line and name (the app script is compiled anew on every run) are added up."""
    rows: dict[tuple[str, int, str], _Row] = {}
    for entry in profiler.getstats():
        code = entry.code
        key = ("~", 0, code) if isinstance(code, str) else (code.co_filename, code.co_firstlineno, code.co_name)
        row = rows.setdefault(key, _Row(*key))
        row.calls += entry.callcount
        row.self_s += entry.inlinetime
        row.cum_s += entry.totaltime
    return list(rows.values())


def _short(filename: str) -> str:
    marker = "site-packages/"
    return filename.split(marker, 1)[1] if marker in filename else filename
