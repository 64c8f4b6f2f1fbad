"""Many sessions at once through the protocol client: server memory per session, and a load phase.

Memory: sessions are opened (each runs the script once, as a page load does) and kept open; the
server's ``VmRSS`` is read once 1, 10, 50, 100... sessions are open. Load: the open sessions
each change the region every ``interval`` seconds (closed loop: a session waits for its rerun
before it schedules the next) for ``seconds``; errors are exception elements, transport errors
(disconnects, timeouts) and runs that did not finish successfully.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.servers import StreamlitServer
from bench.stats import slope, summary
from tools.streamlit_client import ProtocolSession, RunResult, next_option, open_sessions, string_state

SETTLE_S = 2.0
RUN_TIMEOUT_S = 120.0


@dataclass
class Pool:
    """Open sessions of one server."""

    server: StreamlitServer
    sessions: list[ProtocolSession] = field(default_factory=list)
    open_results: list[RunResult] = field(default_factory=list)

    async def grow(self, total: int) -> None:
        """Open sessions until ``total`` are open."""
        opened = await open_sessions(self.server.ws_url, self.server.url, total - len(self.sessions))
        for session, result in opened:
            self.sessions.append(session)
            self.open_results.append(result)

    async def close(self) -> None:
        """Close every session."""
        await asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)


async def _rss_settled(server: StreamlitServer) -> int:
    await asyncio.sleep(SETTLE_S)
    readings = []
    for _ in range(3):
        readings.append(server.rss_kib())
        await asyncio.sleep(0.3)
    return sorted(readings)[1]


async def memory(pool: Pool, counts: tuple[int, ...]) -> dict[str, Any]:
    """RSS at idle and with each count of open sessions; growth per session."""
    server = pool.server
    points: list[dict[str, Any]] = [
        {"sessions": 0, "rss_kib": await _rss_settled(server), "cpu_s": server.cpu_seconds()}
    ]
    for count in counts:
        start = time.perf_counter()
        await pool.grow(count)
        opened = time.perf_counter() - start
        points.append(
            {
                "sessions": count,
                "rss_kib": await _rss_settled(server),
                "cpu_s": server.cpu_seconds(),
                "open_seconds": opened,
            }
        )
    first_runs = pool.open_results
    failures = [r for r in first_runs if not r.ok]
    with_sessions = [p for p in points if p["sessions"] >= 1]
    per_session = slope([p["sessions"] for p in with_sessions], [p["rss_kib"] for p in with_sessions])
    span = (
        (with_sessions[-1]["rss_kib"] - with_sessions[0]["rss_kib"])
        / (with_sessions[-1]["sessions"] - with_sessions[0]["sessions"])
        if len(with_sessions) >= 2
        else None
    )
    return {
        "points": points,
        "idle_rss_kib": points[0]["rss_kib"],
        "kib_per_session_slope": per_session,
        "kib_per_session_first_to_last": span,
        "first_run": {
            "seconds": summary([r.seconds for r in first_runs]),
            "bytes": summary([float(r.bytes) for r in first_runs]),
            "deltas": summary([float(r.deltas) for r in first_runs]),
            "errors": len(failures),
            "error_samples": sorted({_describe(r) for r in failures})[:5],
        },
    }


def _describe(result: RunResult) -> str:
    if result.error:
        return result.error
    if result.exceptions:
        return result.exceptions[0]
    return f"status {result.status}"


async def rerun_cost(pool: Pool, changes: int, widget_key: str | None) -> dict[str, Any]:
    """Sequential reruns of one session (a region change, or a plain rerun without ``widget_key``):
    wall time at the client, server CPU per rerun and bytes per rerun."""
    session = pool.sessions[0]
    server = pool.server
    results: list[RunResult] = []
    cpu0 = server.cpu_seconds()
    current: str | None = None
    query_strings: list[str] = []
    for _ in range(changes):
        states = []
        widget = session.widget(widget_key) if widget_key else None
        if widget_key and widget is None:
            break
        if widget is not None:
            current = next_option(widget, current, skip_first=True)
            states = [string_state(widget.id, current)]
        results.append(await session.run(states, timeout=RUN_TIMEOUT_S))
        query_strings.append(session.query_string)
    cpu = server.cpu_seconds() - cpu0
    return {
        "n": len(results),
        "wall_ms": summary([r.seconds * 1000 for r in results]),
        "server_cpu_ms_per_rerun": cpu * 1000 / len(results) if results else None,
        "bytes": summary([float(r.bytes) for r in results]),
        "deltas": summary([float(r.deltas) for r in results]),
        "errors": sum(1 for r in results if not r.ok),
        "query_strings": query_strings[:6],
    }


async def load(pool: Pool, seconds: float, interval: float, widget_key: str | None) -> dict[str, Any]:
    """Every open session changes ``widget_key`` (or just reruns) every ``interval`` s for ``seconds``."""
    server = pool.server
    loop = asyncio.get_running_loop()
    start = loop.time()
    deadline = start + seconds
    rng = random.Random(1)
    runs: list[tuple[float, RunResult]] = []
    skipped = Counter[str]()
    cpu0 = server.cpu_seconds()
    rss_peak = server.rss_kib()

    async def drive(session: ProtocolSession, offset: float) -> None:
        await asyncio.sleep(offset)
        current: str | None = None
        while loop.time() < deadline:
            if session.ws is None:
                skipped["disconnected session"] += 1
                return
            sent = loop.time()
            states = []
            if widget_key is not None:
                widget = session.widget(widget_key)
                if widget is None:
                    skipped["widget not found"] += 1
                    return
                current = next_option(widget, current, skip_first=True)
                states = [string_state(widget.id, current)]
            result = await session.run(states, timeout=RUN_TIMEOUT_S)
            runs.append((sent - start, result))
            wait = sent + interval * rng.uniform(0.8, 1.2) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)

    async def watch_memory() -> None:
        nonlocal rss_peak
        while loop.time() < deadline:
            rss_peak = max(rss_peak, server.rss_kib())
            await asyncio.sleep(1.0)

    sessions = [s for s in pool.sessions if s.ws is not None]
    tasks = [drive(s, interval * i / max(1, len(sessions))) for i, s in enumerate(sessions)]
    await asyncio.gather(watch_memory(), *tasks)
    elapsed = loop.time() - start
    results = [r for _, r in runs]
    errors = Counter(_kind(r) for r in results if not r.ok)
    return {
        "sessions": len(sessions),
        "seconds": elapsed,
        "interval_s": interval,
        "reruns": len(results),
        "reruns_per_s": len(results) / elapsed if elapsed else None,
        "rerun_ms": summary([r.seconds * 1000 for r in results]),
        "errors": sum(errors.values()) + sum(skipped.values()),
        "error_kinds": dict(errors) | dict(skipped),
        "error_samples": sorted({_describe(r) for r in results if not r.ok})[:5],
        "server_cpu_s": server.cpu_seconds() - cpu0,
        "rss_peak_kib": rss_peak,
        "rss_after_kib": server.rss_kib(),
    }


def _kind(result: RunResult) -> str:
    if result.error:
        return result.error.split(" ")[0]
    if result.exceptions:
        return "exception"
    return f"status_{result.status}"
