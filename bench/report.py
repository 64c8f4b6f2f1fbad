"""The results table (metric, dashboard, bare app, ratio, target, met?) as JSON and Markdown."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.settings import RESULTS_DIR

MB = 1_000_000  # network and memory targets are in decimal megabytes
FIRST_RENDER_RATIO = 1.3
FIRST_VIEW_BYTES_RATIO = 1.5
RERUN_SCRIPT_MS = 30.0
FIRST_VIEW_BYTES = 1.5 * MB
TAP_RATIO = 1.5
# The views whose first render is measured (bench/run.py FIRST_RENDER_VIEWS), as the table names them.
VIEWS = (("default", "default view (ar)"), ("map", "map view (ar)"))
BYTE_PARTS = (
    ("streamlit_bundle", "Streamlit's bundle (/, /static/)"),
    ("app_static", "app static files (/app/static/)"),
    ("websocket", "websocket (ForwardMsgs, frame headers, handshake)"),
    ("streamlit_endpoints", "Streamlit endpoints (/_stcore/)"),
)
RSS_PER_SESSION_BYTES = 2 * MB
LOAD_ERRORS = 0


@dataclass
class Row:
    """One line of the table."""

    metric: str
    dashboard: str
    bare: str
    ratio: str
    target: str
    met: bool | None
    detail: str = ""

    @property
    def met_text(self) -> str:
        """✅, ❌ or — (no target), with the exact value where rounding could hide it."""
        text = "—" if self.met is None else ("✅ yes" if self.met else "❌ no")
        return f"{text} ({self.detail})" if self.detail else text


def get(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``, None where any step is missing."""
    for key in path:
        if data is None:
            return None
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _ms(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):,.0f} ms" if value >= 100 else f"{float(value):.1f} ms"


def _ms_pair(median: Any, p95: Any) -> str:
    if median is None:
        return "n/a"
    return f"{_ms(median)} (p95 {_ms(p95)})"


def _bytes(value: Any) -> str:
    if value is None:
        return "n/a"
    value = float(value)
    if value >= MB:
        return f"{value / MB:.2f} MB"
    return f"{value / 1000:.1f} kB"


def _ratio(a: Any, b: Any) -> str:
    if a is None or b is None or not b:
        return "—"
    return f"{float(a) / float(b):.1f}×" if float(a) / float(b) >= 10 else f"{float(a) / float(b):.2f}×"


def _of(n: Any) -> str:
    return f" of {n}" if n else ""


def _le(value: Any, limit: float) -> bool | None:
    return None if value is None else float(value) <= limit


def first_view_extra(load: dict[str, Any] | None) -> float | None:
    """Bytes of a first view beyond Streamlit's own bundle (app static files, media, websocket,
    Streamlit's small endpoints)."""
    if not load:
        return None
    by = load.get("bytes") or {}
    return float(sum(v for k, v in by.items() if k != "streamlit_bundle"))


def rows(results: dict[str, Any]) -> list[Row]:
    """The table."""
    b = results.get("browser") or {}
    a = results.get("apptest") or {}
    s = results.get("sessions") or {}
    table: list[Row] = []
    add = table.append

    views = get(b, "dashboard", "views") or {}
    cold_b = get(b, "bare", "cold", "ms")
    warm_b = get(b, "bare", "warm", "ms", "median")
    warm_b_text = _ms_pair(warm_b, get(b, "bare", "warm", "ms", "p95")) + " (text shown)"
    cold_d = get(views, "default", "cold", "ms")
    add(
        Row(
            "First chart drawn, default view (ar), cold (first load after server start)",
            _ms(cold_d),
            _ms(cold_b) + " (text shown)",
            _ratio(cold_d, cold_b),
            f"≤ {FIRST_RENDER_RATIO}× bare",
            None if cold_d is None or cold_b is None else cold_d <= FIRST_RENDER_RATIO * cold_b,
        )
    )
    for view, label in VIEWS:
        warm = get(views, view, "warm")
        warm_d = get(warm, "ms", "median")
        add(
            Row(
                f"First chart drawn, {label}, warm median{_of(get(warm, 'ms', 'n'))} (new browser context)",
                _ms_pair(warm_d, get(warm, "ms", "p95")),
                warm_b_text,
                _ratio(warm_d, warm_b),
                f"≤ {FIRST_RENDER_RATIO}× bare",
                None if warm_d is None or warm_b is None else warm_d <= FIRST_RENDER_RATIO * warm_b,
                f"{warm_d / warm_b:.3f}×" if warm_d is not None and warm_b else "",
            )
        )
        every = get(warm, "all_drawn_ms", "median")
        add(
            Row(
                f"  every chart of the {label} drawn, warm median (info)",
                _ms_pair(every, get(warm, "all_drawn_ms", "p95")),
                warm_b_text,
                _ratio(every, warm_b),
                "—",
                None,
            )
        )
    cold_map = get(views, "map", "cold", "ms")
    add(
        Row(
            "First chart drawn, map view (ar), first map load after server start (info; after the cold default view)",
            _ms(cold_map),
            _ms(cold_b) + " (text shown, cold)",
            _ratio(cold_map, cold_b),
            "—",
            None,
        )
    )
    warm_f = get(b, "floor", "warm", "ms", "median")
    add(
        Row(
            "First render, warm: reference app = bare + one small st.plotly_chart (info)",
            _ms_pair(warm_f, get(b, "floor", "warm", "ms", "p95")),
            warm_b_text,
            _ratio(warm_f, warm_b),
            "—",
            None,
        )
    )
    plain_b = get(b, "bare", "plain_rerun", "ms")
    for key, label in (
        ("region_default_view", "Region change in the browser, default view (click → rerun done)"),
        ("region_map_view", "Region change in the browser, map view (click → new map drawn)"),
        ("lang_default_view", "Language change in the browser, default view (click → charts redrawn)"),
        ("plain_rerun", "Plain rerun in the browser ('r' key), default view"),
    ):
        series = get(b, "dashboard", key, "ms")
        add(
            Row(
                label + (f", n={series['n']}" if series else ""),
                _ms_pair(get(series, "median"), get(series, "p95")),
                _ms_pair(get(plain_b, "median"), get(plain_b, "p95")) + " (plain rerun)",
                _ratio(get(series, "median"), get(plain_b, "median")),
                "—",
                None,
            )
        )
    bare_rerun = get(a, "bare", "plain_rerun")
    for key, label, target in (
        ("region_change", "Region change, script time (AppTest `at.run()`, wall)", RERUN_SCRIPT_MS),
        ("lang_change", "Language change, script time (AppTest `at.run()`, wall)", RERUN_SCRIPT_MS),
        ("plain_rerun", "Rerun without change, script time (AppTest, wall)", None),
    ):
        series = get(a, "dashboard", key, "wall_ms")
        median = get(series, "median")
        add(
            Row(
                label + (f", n={series['n']}" if series else ""),
                _ms_pair(median, get(series, "p95")),
                _ms_pair(get(bare_rerun, "wall_ms", "median"), get(bare_rerun, "wall_ms", "p95")),
                _ratio(median, get(bare_rerun, "wall_ms", "median")),
                f"≤ {target:.0f} ms (median)" if target else "—",
                _le(median, target) if target else None,
                f"{median:.2f} ms" if target and median is not None else "",
            )
        )
    region_cpu = get(a, "dashboard", "region_change", "cpu_ms")
    add(
        Row(
            "Region change, script CPU time (AppTest, process CPU; less sensitive to other load)",
            _ms_pair(get(region_cpu, "median"), get(region_cpu, "p95")),
            _ms_pair(get(bare_rerun, "cpu_ms", "median"), get(bare_rerun, "cpu_ms", "p95")),
            _ratio(get(region_cpu, "median"), get(bare_rerun, "cpu_ms", "median")),
            "—",
            None,
        )
    )
    cost_d = get(s, "dashboard", "rerun_cost")
    cost_b = get(s, "bare", "rerun_cost")
    add(
        Row(
            "Region change, server process CPU per rerun (protocol client; incl. Streamlit's post-run gc.collect)",
            _ms(get(cost_d, "server_cpu_ms_per_rerun")),
            _ms(get(cost_b, "server_cpu_ms_per_rerun")) + " (plain rerun)",
            _ratio(get(cost_d, "server_cpu_ms_per_rerun"), get(cost_b, "server_cpu_ms_per_rerun")),
            "—",
            None,
        )
    )
    nogc_d = get(results, "what_if", "dashboard")
    nogc_b = get(results, "what_if", "bare")
    if nogc_d:
        add(
            Row(
                "  same with `--runner.postScriptGC false` (what-if, not the app's config)",
                _ms(get(nogc_d, "server_cpu_ms_per_rerun")),
                _ms(get(nogc_b, "server_cpu_ms_per_rerun")) + " (plain rerun)",
                _ratio(get(nogc_d, "server_cpu_ms_per_rerun"), get(nogc_b, "server_cpu_ms_per_rerun")),
                "—",
                None,
            )
        )
    total_b = get(b, "bare", "warm", "bytes_total", "median")
    parts_b = get(b, "bare", "warm", "bytes_median") or {}
    for view, label in VIEWS:
        warm = get(views, view, "warm")
        total_d = get(warm, "bytes_total", "median")
        parts_d = get(warm, "bytes_median") or {}
        add(
            Row(
                f"First-view bytes, {label}: everything received, Streamlit's bundle included "
                f"(median{_of(get(warm, 'bytes_total', 'n'))})",
                _bytes(total_d),
                _bytes(total_b),
                _ratio(total_d, total_b),
                f"≤ {FIRST_VIEW_BYTES_RATIO}× bare",
                None if total_d is None or not total_b else total_d <= FIRST_VIEW_BYTES_RATIO * total_b,
                f"{total_d / total_b:.3f}×" if total_d is not None and total_b else "",
            )
        )
        for key, part in BYTE_PARTS:
            vd, vb = parts_d.get(key), parts_b.get(key)
            add(Row(f"  of which {part}", _bytes(vd or 0), _bytes(vb or 0), _ratio(vd, vb), "—", None))
        extra_d, extra_b = first_view_extra({"bytes": parts_d}), first_view_extra({"bytes": parts_b})
        add(
            Row(
                f"  beyond Streamlit's bundle, {label} (app static + websocket + endpoints)",
                _bytes(extra_d if parts_d else None),
                _bytes(extra_b if parts_b else None),
                _ratio(extra_d, extra_b),
                f"≤ {FIRST_VIEW_BYTES / MB} MB",
                _le(extra_d, FIRST_VIEW_BYTES) if parts_d else None,
            )
        )
    rerun_bytes = get(b, "dashboard", "region_default_view", "ws_bytes", "median")
    plain_bytes = get(b, "bare", "plain_rerun", "ws_bytes", "median")
    add(
        Row(
            "Bytes per rerun, region change (websocket, browser)",
            _bytes(rerun_bytes),
            _bytes(plain_bytes) + " (plain rerun)",
            _ratio(rerun_bytes, plain_bytes),
            "—",
            None,
        )
    )
    mem_d, mem_b = get(s, "dashboard", "memory"), get(s, "bare", "memory")
    add(
        Row(
            "Server RSS at idle (fresh server)",
            _bytes(_kib(get(mem_d, "idle_rss_kib"))),
            _bytes(_kib(get(mem_b, "idle_rss_kib"))),
            _ratio(get(mem_d, "idle_rss_kib"), get(mem_b, "idle_rss_kib")),
            "—",
            None,
        )
    )
    for point_d in get(mem_d, "points") or []:
        if point_d["sessions"] == 0:
            continue
        point_b = next((p for p in get(mem_b, "points") or [] if p["sessions"] == point_d["sessions"]), None)
        add(
            Row(
                f"Server RSS with {point_d['sessions']} open session(s)",
                _bytes(_kib(point_d["rss_kib"])),
                _bytes(_kib(get(point_b, "rss_kib"))),
                _ratio(point_d["rss_kib"], get(point_b, "rss_kib")),
                "—",
                None,
            )
        )
    per_d = get(mem_d, "kib_per_session_slope")
    per_b = get(mem_b, "kib_per_session_slope")
    add(
        Row(
            "RSS growth per extra session (least-squares slope over the session counts)",
            _bytes(_kib(per_d)),
            _bytes(_kib(per_b)),
            _ratio(per_d, per_b),
            f"≤ {RSS_PER_SESSION_BYTES / MB:.0f} MB",
            _le(_kib(per_d), RSS_PER_SESSION_BYTES),
        )
    )
    load = get(s, "dashboard", "load")
    load_bare = get(s, "bare", "load")
    if load:
        add(
            Row(
                f"Load: {load['sessions']} sessions changing region every ~{load['interval_s']:.0f} s "
                f"for {load['seconds']:.0f} s — errors",
                str(load["errors"]),
                str(get(load_bare, "errors")) if load_bare else "n/a",
                "—",
                f"{LOAD_ERRORS} errors",
                load["errors"] == LOAD_ERRORS and load["sessions"] >= 100,
            )
        )
        add(
            Row(
                "Load: rerun time at the client (send → script_finished)",
                _ms_pair(get(load, "rerun_ms", "median"), get(load, "rerun_ms", "p95")),
                _ms_pair(get(load_bare, "rerun_ms", "median"), get(load_bare, "rerun_ms", "p95")),
                _ratio(get(load, "rerun_ms", "p95"), get(load_bare, "rerun_ms", "p95")),
                "—",
                None,
            )
        )
        add(
            Row(
                "Load: reruns served per second (offered: sessions / interval)",
                f"{load['reruns_per_s']:.1f}/s of {load['sessions'] / load['interval_s']:.1f}/s",
                f"{load_bare['reruns_per_s']:.1f}/s" if load_bare else "n/a",
                "—",
                "—",
                None,
            )
        )
    table += tap_rows(results.get("taps") or {})
    return table


def tap_rows(taps: dict[str, Any]) -> list[Row]:
    """A phone reader's taps (bench/taps.py): each scenario's first and second tap against the bare
    app's, in the same language."""
    medians = taps.get("medians") or {}
    out = []
    for name, values in sorted(medians.items()):
        if name.startswith("bare/"):
            continue
        bare = medians.get(f"bare/{name.split('/')[1]}") or [None, None]
        for index, which in enumerate(("first", "second")):
            mine, theirs = values[index], bare[index]
            runs = len((taps.get("samples") or {}).get(name, []))
            out.append(
                Row(
                    f"Phone tap → chart shows the new choice, {name}, {which} tap, median of {runs}",
                    _ms(None if mine is None else mine * 1000),
                    _ms(None if theirs is None else theirs * 1000) + " (text shown)",
                    _ratio(mine, theirs),
                    f"≤ {TAP_RATIO}× bare",
                    None if mine is None or theirs is None else mine <= TAP_RATIO * theirs,
                )
            )
    return out


def _kib(value: Any) -> float | None:
    return None if value is None else float(value) * 1024


def markdown(results: dict[str, Any], table: list[Row]) -> str:
    """The Markdown report."""
    m = results.get("machine") or {}
    p = results.get("project") or {}
    lines = [
        "# Benchmark: dashboard vs bare Streamlit app",
        "",
        f"- Date: {m.get('date')}; command: `{results.get('command')}`; total {results.get('total_seconds', 0):.0f} s",
        f"- Machine: {m.get('nproc')} cores ({m.get('cpu_model')}), {m.get('memory_gib')} GiB, "
        f"Linux {m.get('kernel')}, Python {m.get('python')}, Chromium {get(results, 'browser', 'chromium')}",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in (m.get("versions") or {}).items()),
        f"- App: commit {str(p.get('git_head'))[:12]}"
        + (f", uncommitted changes in {len(p['dirty'])} file(s)" if p.get("dirty") else ", clean tree")
        + (" (snapshot copied at start)" if p.get("snapshot") else " (working tree in place)"),
        f"- Load average at start: {' '.join(m.get('loadavg_at_start') or [])}",
    ]
    busy = [ph for ph in results.get("phases", []) if (ph.get("foreign_cpu_share") or 0) > 0.15]
    if busy:
        lines.append(
            "- ⚠️ Other programs used a large share of the CPU during: "
            + ", ".join(f"{ph['phase']} ({ph['foreign_cpu_share']:.0%})" for ph in busy)
            + " — wall-clock times there are inflated; CPU-time rows are less affected."
        )
    lines += ["", "| Metric | Dashboard | Bare app | Ratio | Target | Met? |", "|---|---|---|---|---|---|"]
    for row in table:
        lines.append(f"| {row.metric} | {row.dashboard} | {row.bare} | {row.ratio} | {row.target} | {row.met_text} |")
    missed = [row.metric for row in table if row.met is False]
    lines += ["", "## Targets missed", ""]
    lines += [f"- {name}" for name in missed] or ["- none"]
    lines += _details(results)
    return "\n".join(lines) + "\n"


def _details(results: dict[str, Any]) -> list[str]:
    out: list[str] = []
    b = results.get("browser") or {}
    views = get(b, "dashboard", "views") or {}
    loads = {view: get(views, view, "warm", "first_load") for view, _ in VIEWS}
    bare_load = get(b, "bare", "warm", "first_load")
    if any(loads.values()):
        out += ["", "## Where a warm first render goes (first warm load, ms from the first request)", ""]
        out += [
            "| Step | " + " | ".join(f"Dashboard, {label}" for _, label in VIEWS) + " | Bare app |",
            "|---|" + "---|" * len(VIEWS) + "---|",
        ]
        for key in (
            "bundle_loaded",
            "first_ws_frame",
            "script_finished_frame",
            "component_chunk_loaded",
            "first_chart_mounted",
            "plotly_loaded",
            "drawn",
            "all_drawn",
            "live_after_reach",
        ):
            cells = [_ms(get(loads[view], "breakdown_ms", key)) for view, _ in VIEWS]
            out.append(f"| {key} | " + " | ".join(cells) + f" | {_ms(get(bare_load, 'breakdown_ms', key))} |")
        for key in ("ScriptDuration", "TaskDuration"):
            cells = [get(loads[view], "browser_metrics", key) for view, _ in VIEWS]
            bare_value = get(bare_load, "browser_metrics", key)
            out.append(
                f"| browser {key} (CDP Performance) | "
                + " | ".join(_ms(None if v is None else v * 1000) for v in cells)
                + f" | {_ms(None if bare_value is None else bare_value * 1000)} |"
            )
        charts = [
            f"{label}: {get(loads[view], 'charts')} chart(s), first drawn `{get(loads[view], 'first_chart')}`"
            for view, label in VIEWS
            if loads[view]
        ]
        out += ["", "Charts in the first view — " + "; ".join(charts) + "."]
        for view, label in VIEWS:
            largest = get(loads[view], "largest_responses") or []
            if largest:
                out += ["", f"Largest responses of the dashboard's first view, {label}:", ""]
                out += [f"- `{path}`: {_bytes(size)}" for path, size in largest]
        extensions = sorted(
            {e for load in [*loads.values(), bare_load] if load for e in load.get("ws_extensions") or []}
        )
        out += [
            "",
            "Websocket extensions accepted by the servers: "
            + (", ".join(f"`{e}`" for e in extensions) if extensions else "none (frames travel uncompressed)")
            + ".",
        ]
    problems: list[str] = []
    for name, where in [(f"dashboard, {label}", get(views, view)) for view, label in VIEWS] + [
        ("bare app", get(b, "bare")),
        ("reference app", get(b, "floor")),
    ]:
        cold = get(where, "cold") or {}
        if cold.get("error"):
            problems.append(f"{name}, cold: {cold['error']}")
        problems += [f"{name}, cold, page: {line}" for line in cold.get("console_errors") or []]
        problems += [f"{name}, warm: {error}" for error in get(where, "warm", "errors") or []]
        problems += [f"{name}, warm, page: {line}" for line in get(where, "warm", "console_errors") or []]
    if problems:
        out += ["", "## Problems seen during first renders (load errors, page console errors)", ""]
        out += [f"- {line}" for line in dict.fromkeys(problems)]
    prof = results.get("profile")
    if prof and prof.get("self_time_by_bucket"):
        out += [
            "",
            f"## Where a rerun's script time goes (cProfile, {prof['reruns_profiled']} AppTest reruns, "
            f"{prof['profiled_ms_per_rerun']:.0f} ms per rerun under the profiler)",
            "",
            "| Self time in | ms per rerun | share |",
            "|---|---|---|",
        ]
        for row in prof["self_time_by_bucket"][:12]:
            out.append(f"| {row['bucket']} | {row['ms_per_rerun']:.1f} | {row['share']:.0%} |")
        out += ["", "App functions by cumulative time (ms per rerun):", ""]
        out += [
            f"- `{row['function']}`: {row['cum_ms_per_rerun']:.1f} ms ({row['calls_per_rerun']:.1f} calls)"
            for row in prof["app_functions_by_cumulative"][:12]
        ]
        out_dir = get(results, "settings", "out_dir")
        where = f"{out_dir}/profile.txt" if out_dir and not str(out_dir).endswith("bench/results") else None
        out += ["", f"Full listing: `{where or 'bench/results/profile.txt'}`."]
    views = get(results, "apptest", "dashboard", "region_change_by_view")
    first = get(results, "apptest", "dashboard", "region_change_by_view_first_pass") or {}
    if views:
        out += [
            "",
            "## Region change per section (AppTest, ms)",
            "",
            "Warm = after one pass over the regions (the app's caches filled); first pass = a region "
            "seen for the first time since the server started.",
            "",
            "| Section | warm: median wall | warm: p95 wall | warm: median CPU | first pass: median wall |",
            "|---|---|---|---|---|",
        ]
        for view, series in views.items():
            out.append(
                f"| {view} | {_ms(get(series, 'wall_ms', 'median'))} | {_ms(get(series, 'wall_ms', 'p95'))} | "
                f"{_ms(get(series, 'cpu_ms', 'median'))} | {_ms(get(first, view, 'wall_ms', 'median'))} |"
            )
    imports = results.get("imports")
    if imports and imports.get("top_level_ms"):
        out += [
            "",
            f"## Import time the app adds to a cold start: {imports['total_ms']:.0f} ms (`python -X importtime`)",
            "",
        ]
        out += [f"- `{name}`: {ms:.0f} ms" for name, ms in imports["top_level_ms"][:8]]
        notable = imports.get("notable_packages_ms") or {}
        if notable:
            out.append("- of which: " + ", ".join(f"{k} {v:.0f} ms" for k, v in notable.items()))
    check = results.get("protocol_check")
    if check:
        out += ["", "## Protocol client check", ""]
        out += [f"- {k}: {v}" for k, v in check.items()]
    phases = results.get("phases")
    if phases:
        out += ["", "## Phases", "", "| Phase | s | own CPU | other programs' CPU | load avg (end) |"]
        out += ["|---|---|---|---|---|"]
        for ph in phases:
            out.append(
                f"| {ph['phase']} | {ph['seconds']} | {ph['own_cpu_share']:.0%} | "
                f"{ph['foreign_cpu_share']:.0%} | {ph['loadavg_1m_end']} |"
            )
    errors = results.get("errors")
    if errors:
        out += ["", "## Errors during the run", ""]
        out += [f"- {k}: {v}" for k, v in errors.items()]
    return out


def main() -> int:
    """``python -m bench.report [DIR]``: rewrite ``latest.md`` from ``latest.json`` (no new run)."""
    import sys

    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS_DIR
    source = out_dir / "latest.json"
    if not source.is_file():  # results are not committed: a fresh clone has none until a run
        print(f"no {source}: run python -m bench.run first", file=sys.stderr)
        return 1
    results = json.loads(source.read_text(encoding="utf-8"))
    _, md_path = write(results, out_dir)
    print(md_path.read_text(encoding="utf-8"))
    return 0


def write(results: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    """Write ``latest.json`` and ``latest.md``."""
    table = rows(results)
    results["table"] = [asdict(row) | {"met": row.met} for row in table]
    results["missed"] = [row.metric for row in table if row.met is False]
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "latest.json"
    md_path = out_dir / "latest.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    md_path.write_text(markdown(results, table), encoding="utf-8")
    return json_path, md_path


if __name__ == "__main__":
    raise SystemExit(main())
