"""Benchmark the dashboard against a bare Streamlit app, in one run.

    .venv/bin/python -m bench.run            # full run (~6-7 minutes on a quiet machine)
    .venv/bin/python -m bench.run --quick    # smoke run (~2-3 minutes)

Writes bench/results/latest.json, latest.md and profile.txt. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # ``python bench/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import machine, project, report
from bench.settings import ROOT, Settings, parse_args
from bench.stats import summary

# Controls are keyed per language (components/views/controls.py); sessions open in English.
REGION_KEY = "control_region_en"
# Cycles of option indices in the region radio (0 = "All regions").
REGION_DEFAULT_CYCLE = (4, 1, 2, 3, 0)
REGION_MAP_CYCLE = (2, 3, 4, 1)  # from Africa: every step draws another region's map
LANG_CYCLE = ("Français", "العربية", "English")
MAP_URL_QUERY = "?view=map&region=africa"
# First renders (issue 10): a new reader, in Arabic, on the default view and on the map view.
FIRST_RENDER_VIEWS = {"default": "?lang=ar", "map": "?lang=ar&view=map"}
BARE_LOAD_SECONDS = 30.0
PLAIN_RERUNS = 5  # a reference for the changes, not a target: fewer are enough
FLOOR_LOADS = 3


def _series(values: list[float]) -> dict[str, Any]:
    return summary(values)


def _warm(loads: list[Any]) -> dict[str, Any]:
    """Medians of warm first renders: time to the first chart, to every chart, bytes."""
    ok = [load for load in loads if load.ms is not None]
    return {
        "ms": _series([load.ms for load in ok if load.ms is not None]),
        "all_drawn_ms": _series([load.all_ms for load in ok if load.all_ms is not None]),
        "bytes_total": _series([float(load.total_bytes) for load in ok]),
        "errors": [load.error for load in loads if load.error],
        "console_errors": sorted({line for load in loads for line in load.console}),
        "bytes_median": {
            key: summary([float(load.bytes.get(key, 0)) for load in ok])["median"]
            for key in sorted({k for load in ok for k in load.bytes})
        },
        "first_load": ok[0].as_dict(responses=True) if ok else None,
        "runs": [load.as_dict() for load in loads],
    }


def browser_phase(settings: Settings, dash: Any, bare: Any, floor: Any) -> dict[str, Any]:
    """First renders (cold, warm) of each view in Arabic against the bare app, reruns after
    clicks, bytes."""
    from playwright.sync_api import sync_playwright

    from bench import browser as br

    out: dict[str, Any] = {"dashboard": {"views": {}}, "bare": {}, "floor": {}}
    with sync_playwright() as playwright:
        chromium = br.launch(playwright)
        out["chromium"] = chromium.version
        try:
            views = {name: dash.url + query for name, query in FIRST_RENDER_VIEWS.items()}
            # Cold: the first load after each server started (the dashboard: its default view; the map
            # view's first load follows it, on a server whose data is loaded but maps never built).
            cold = {name: br.first_render(chromium, url) for name, url in views.items()}
            out["bare"]["cold"] = br.first_render(chromium, bare.url, charts=False, text="hello").as_dict()
            out["floor"]["cold"] = br.first_render(chromium, floor.url).as_dict()
            # Warm: new contexts (empty browser cache) against the same servers, each view of the
            # dashboard followed by a load of the bare app.
            warm: dict[str, list[br.Load]] = {name: [] for name in views}
            warm_b: list[br.Load] = []
            warm_f: list[br.Load] = []
            for i in range(settings.warm_loads):
                for name, url in views.items():
                    warm[name].append(br.first_render(chromium, url))
                    warm_b.append(br.first_render(chromium, bare.url, charts=False, text="hello"))
                if i < FLOOR_LOADS:
                    warm_f.append(br.first_render(chromium, floor.url))
            for name in views:
                out["dashboard"]["views"][name] = {
                    "query": FIRST_RENDER_VIEWS[name],
                    "cold": cold[name].as_dict(),
                    "warm": _warm(warm[name]),
                }
            out["bare"]["warm"] = _warm(warm_b)
            out["floor"]["warm"] = _warm(warm_f)
            out["dashboard"].update(_dashboard_reruns(settings, chromium, dash.url))
            out["bare"].update(_bare_reruns(settings, chromium, bare.url))
        finally:
            chromium.close()
    return out


def _changes(run: Callable[[int], Any], n: int) -> dict[str, Any]:
    changes = [run(i) for i in range(n)]
    ok = [c for c in changes if c.ms is not None]
    return {
        "ms": _series([c.ms for c in ok]),
        "ws_bytes": _series([float(c.ws_bytes) for c in ok]),
        "ws_frames": _series([float(c.ws_frames) for c in ok]),
        "chart_changed": sum(1 for c in ok if c.chart_changed),
        "errors": [c.error for c in changes if c.error],
    }


def _dashboard_reruns(settings: Settings, chromium: Any, url: str) -> dict[str, Any]:
    from bench import browser as br

    n = settings.changes
    out: dict[str, Any] = {}
    page = br.LivePage(chromium, url)
    out["first_view_english"] = page.first_view
    try:
        out["plain_rerun"] = _changes(lambda i: page.measure(br.press_rerun, expect_change=False), min(n, PLAIN_RERUNS))

        def region(i: int) -> br.Change:
            act = br.pick_radio_option(REGION_DEFAULT_CYCLE[i % len(REGION_DEFAULT_CYCLE)], REGION_KEY)
            return page.measure(act, expect_change=False)

        out["region_default_view"] = _changes(region, n)
        out["lang_default_view"] = _changes(
            lambda i: page.measure(
                br.pick_radio_option(LANG_CYCLE[i % len(LANG_CYCLE)], "control_lang"), expect_change=True
            ),
            n,
        )
        # The map view in the same page (browser cache warm), back in English, from Africa.
        page.navigate(url + MAP_URL_QUERY)

        def region_map(i: int) -> br.Change:
            act = br.pick_radio_option(REGION_MAP_CYCLE[i % len(REGION_MAP_CYCLE)], REGION_KEY)
            return page.measure(act, expect_change=True)

        out["region_map_view"] = _changes(region_map, n)
    finally:
        page.close()
    return out


def _bare_reruns(settings: Settings, chromium: Any, url: str) -> dict[str, Any]:
    from bench import browser as br

    page = br.LivePage(chromium, url, charts=False, text="hello")
    try:
        return {"plain_rerun": _changes(lambda i: page.measure(br.press_rerun, expect_change=False), settings.changes)}
    finally:
        page.close()


def apptest_phase(settings: Settings, proj: project.Project, bare_script: Path) -> dict[str, Any]:
    """Script time in-process, and a profile of the dashboard's reruns."""
    from bench import apptest_timing as at

    per_view = max(3, settings.apptest_reruns // 4)
    with at.server_like_script_cache(), at.app_on_path(proj.app_dir):
        dashboard = at.dashboard(proj.script, settings.apptest_reruns, per_view)
        bare = at.bare(bare_script, settings.apptest_reruns)
        prof, text = at.profile(proj.script, settings.profile_reruns, app_dir=proj.app_dir)
    settings.out_dir.mkdir(parents=True, exist_ok=True)
    (settings.out_dir / "profile.txt").write_text(text, encoding="utf-8")
    return {"dashboard": dashboard, "bare": bare, "profile": prof}


async def _sessions_for(settings: Settings, server: Any, widget_key: str | None) -> dict[str, Any]:
    from bench import sessions

    pool = sessions.Pool(server)
    try:
        out: dict[str, Any] = {"memory": await sessions.memory(pool, settings.session_counts)}
        out["rerun_cost"] = await sessions.rerun_cost(pool, max(settings.changes, 10), widget_key)
        if "load" not in settings.skip and (widget_key is not None or settings.load_bare):
            await pool.grow(max(settings.load_sessions, len(pool.sessions)))
            load_pool = sessions.Pool(server, pool.sessions[: settings.load_sessions])
            # The bare app's load is only a reference: half a minute is enough.
            seconds = settings.load_seconds if widget_key else min(settings.load_seconds, BARE_LOAD_SECONDS)
            out["load"] = await sessions.load(load_pool, seconds, settings.load_interval, widget_key)
        out["pid"] = server.pid
        return out
    finally:
        await pool.close()


async def _rerun_cost_only(settings: Settings, server: Any, widget_key: str | None) -> dict[str, Any]:
    from bench import sessions

    pool = sessions.Pool(server)
    try:
        await pool.grow(1)
        return await sessions.rerun_cost(pool, max(settings.changes, 10), widget_key)
    finally:
        await pool.close()


def sessions_phase(settings: Settings, dash: Any, bare: Any) -> dict[str, Any]:
    """Memory per session and the load phase, dashboard then bare app, on fresh servers."""
    return {
        "dashboard": asyncio.run(_sessions_for(settings, dash, REGION_KEY)),
        "bare": asyncio.run(_sessions_for(settings, bare, None)),
    }


def what_if_phase(settings: Settings, make: Callable[[str, tuple[str, ...]], Any]) -> dict[str, Any]:
    """Server CPU per rerun when Streamlit skips its full garbage collection after every run
    (``runner.postScriptGC``, on by default): how much of a rerun's server cost that is."""
    from bench.servers import start_all

    out: dict[str, Any] = {}
    for name, widget_key in (("dashboard", REGION_KEY), ("bare", None)):
        server = make(name + "-no-post-script-gc", ("--runner.postScriptGC", "false"))
        try:
            start_all([server])
            out[name] = asyncio.run(_rerun_cost_only(settings, server, widget_key))
        finally:
            server.stop()
    return out


def protocol_check(results: dict[str, Any]) -> dict[str, Any]:
    """Does a protocol session cause the same script run as a browser tab?"""
    # The protocol sessions open the default view in English, like the rerun page.
    browser_load = report.get(results, "browser", "dashboard", "first_view_english")
    first = report.get(results, "sessions", "dashboard", "memory", "first_run")
    cost = report.get(results, "sessions", "dashboard", "rerun_cost")
    if not browser_load or not first:
        return {}
    deltas_browser = browser_load.get("deltas")
    deltas_protocol = report.get(first, "deltas", "median")
    bytes_browser = report.get(browser_load, "ws_payload_bytes")
    bytes_protocol = report.get(first, "bytes", "median")
    same_deltas = deltas_browser is not None and deltas_protocol is not None and deltas_browser == deltas_protocol
    close_bytes = bool(bytes_browser and bytes_protocol) and abs(bytes_protocol - bytes_browser) <= 0.25 * bytes_browser
    regions_seen = [q for q in (cost or {}).get("query_strings", []) if "region=" in q]
    return {
        "browser first view (English, default view): deltas / websocket payload bytes": (
            f"{deltas_browser} / {bytes_browser}"
        ),
        "protocol first run: deltas / bytes (median)": f"{deltas_protocol} / {bytes_protocol}",
        "region changes reach the app (query string it writes back)": "; ".join(
            (cost or {}).get("query_strings", [])[:4]
        ),
        "verdict": (
            "protocol runs match a browser tab's"
            if same_deltas and close_bytes and regions_seen
            else "MISMATCH: check the protocol client"
        ),
    }


def _phase(phases: machine.Phases, errors: dict[str, str], name: str, fn: Callable[[], Any]) -> Any:
    phases.start(name)
    try:
        return fn()
    except Exception as error:  # one broken phase must not lose the others' numbers
        errors[name] = f"{type(error).__name__}: {error}"
        traceback.print_exc()
        return None
    finally:
        phases.stop()


def main(argv: list[str] | None = None) -> int:
    """Run every phase and write the results."""
    from bench.imports import import_times
    from bench.servers import COMMON_FLAGS, StreamlitServer, start_all

    settings = parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "command": " ".join(["python -m bench.run", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine.info(),
        "settings": {
            k: (sorted(v) if isinstance(v, frozenset) else str(v) if isinstance(v, Path) else v)
            for k, v in vars(settings).items()
        },
    }
    phases = machine.Phases()
    errors: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        proj = project.snapshot(ROOT, tmp / "app", in_place=settings.in_place)
        bare_script = project.write_bare_app(tmp / "bare")
        floor_script = project.write_bare_app(tmp / "floor", project.FLOOR_APP, "floor_app.py")
        tap_script = project.write_bare_app(tmp / "tap", project.TAP_APP, "tap_app.py")
        results["project"] = {
            "git_head": proj.git_head,
            "dirty": proj.dirty,
            "snapshot": proj.snapshot,
        }
        logs = tmp / "logs"
        logs.mkdir()

        bare_flags = ("--server.enableStaticServing", "false")

        def make(name: str, extra: tuple[str, ...] = ()) -> StreamlitServer:
            if name.startswith("dashboard"):
                return StreamlitServer(name, proj.script, proj.app_dir, logs, extra)
            script = {"floor": floor_script, "tap": tap_script}.get(name.split("-")[0], bare_script)
            return StreamlitServer(name, script, script.parent, logs, bare_flags + extra)

        def servers() -> tuple[StreamlitServer, StreamlitServer]:
            return make("dashboard"), make("bare")

        if "browser" not in settings.skip:
            dash, bare = servers()
            floor = make("floor")
            try:
                _phase(phases, errors, "start servers", lambda: start_all([dash, bare, floor]))
                results["servers"] = {
                    "dashboard_ready_s": dash.ready_after,
                    "bare_ready_s": bare.ready_after,
                    "flags": shlex.join(COMMON_FLAGS),
                    "bare_extra_flags": shlex.join(bare_flags),
                }
                results["browser"] = _phase(
                    phases, errors, "browser", lambda: browser_phase(settings, dash, bare, floor)
                )
            finally:
                for server in (dash, bare, floor):
                    server.stop()
        if "taps" not in settings.skip:
            from bench.taps import taps_phase, wait_for_paints

            dash, bare = make("dashboard"), make("tap")
            try:
                _phase(phases, errors, "restart servers (taps)", lambda: start_all([dash, bare]))
                # The server paints every view after it starts: taps are timed once it has.
                _phase(phases, errors, "warm-up paints", lambda: wait_for_paints(proj.app_dir))
                results["taps"] = _phase(
                    phases, errors, "taps (phone)", lambda: taps_phase(dash.url, bare.url, settings.tap_runs)
                )
            finally:
                dash.stop()
                bare.stop()
        if "apptest" not in settings.skip:
            apptest = _phase(phases, errors, "apptest", lambda: apptest_phase(settings, proj, bare_script))
            if apptest:
                results["profile"] = apptest.pop("profile")
                results["apptest"] = apptest
        results["imports"] = _phase(phases, errors, "imports", lambda: import_times(proj.script, proj.app_dir))
        if "memory" not in settings.skip:
            dash, bare = servers()
            try:
                _phase(phases, errors, "restart servers", lambda: start_all([dash, bare]))
                results["sessions"] = _phase(
                    phases, errors, "sessions (memory, load)", lambda: sessions_phase(settings, dash, bare)
                )
            finally:
                dash.stop()
                bare.stop()
            results["what_if"] = _phase(
                phases, errors, "what-if: no post-script GC", lambda: what_if_phase(settings, make)
            )
        results["protocol_check"] = protocol_check(results)
        if errors:
            results["errors"] = errors
            for name in errors:
                log_tail = "".join(
                    p.read_text(encoding="utf-8", errors="replace")[-1500:] for p in sorted(logs.glob("*.log"))
                )
                results.setdefault("server_logs_tail", {})[name] = log_tail
    results["phases"] = phases.records
    results["total_seconds"] = time.perf_counter() - started
    json_path, md_path = report.write(results, settings.out_dir)
    print(md_path.read_text(encoding="utf-8"))
    print(f"[bench] wrote {json_path} and {md_path} in {results['total_seconds']:.0f} s")
    return 0 if not errors else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
