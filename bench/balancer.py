"""The load phase through the load balancer: ``deploy/local.sh N`` (nginx and N replicas), then
clients of Streamlit's websocket (``tools/streamlit_client.py``) open sessions through nginx and each
changes the region every ~3 s for 60 s.

    .venv/bin/python -m bench.balancer                 # 3 replicas, 300 sessions, 60 s
    .venv/bin/python -m bench.balancer --quick         # 3 replicas, 30 sessions, 10 s

Writes ``bench/results/balancer.json`` (``--out``) and prints a summary. Exit code 1 when a session
failed. The clients carry no cookie, so nginx spreads each websocket by a fresh random id; a
session's websocket then stays on its replica for its whole life (see deploy/nginx.conf).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # ``python bench/balancer.py``
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import machine, sessions
from bench.servers import cpu_seconds, rss_kib
from bench.settings import RESULTS_DIR
from deploy.cluster import LocalCluster

# Sessions open in English (the client's locale), where the region radio has this key.
REGION_KEY = "control_region_en"


class Replicas:
    """The cluster as ``bench.sessions`` sees a server: its address, memory and CPU (all replicas)."""

    def __init__(self, cluster: LocalCluster) -> None:
        self.cluster = cluster
        self.url = cluster.url
        self.ws_url = cluster.ws_url

    def _pids(self) -> list[int]:
        return [self.cluster.pid(k) for k in range(1, self.cluster.replicas + 1)]

    def rss_kib(self) -> int:
        """Resident memory of every replica together."""
        return sum(rss_kib(pid) for pid in self._pids())

    def cpu_seconds(self) -> float:
        """CPU time of every replica together."""
        return sum(cpu_seconds(pid) for pid in self._pids())

    def cpu_by_replica(self) -> list[float]:
        """CPU time of each replica."""
        return [cpu_seconds(pid) for pid in self._pids()]


async def load_through(cluster: LocalCluster, count: int, seconds: float, interval: float) -> dict[str, Any]:
    """Open ``count`` sessions through the balancer, run the load phase, close them; the results."""
    server = Replicas(cluster)
    pool = sessions.Pool(server)  # type: ignore[arg-type]  # duck-typed: url, ws_url, rss, cpu
    try:
        cpu_before = server.cpu_by_replica()
        await pool.grow(count)
        first_errors = [r for r in pool.open_results if not r.ok]
        spread = Counter(
            cluster.replica_of(s.ws.response.headers["X-Replica"])
            for s in pool.sessions
            if s.ws is not None and s.ws.response is not None
        )
        result = await sessions.load(pool, seconds, interval, REGION_KEY)
        cpu_after = server.cpu_by_replica()
    finally:
        await pool.close()
    result["replicas"] = cluster.replicas
    result["sessions_per_replica"] = {str(k): spread.get(k, 0) for k in range(1, cluster.replicas + 1)}
    result["cpu_s_per_replica"] = [round(b - a, 1) for a, b in zip(cpu_before, cpu_after, strict=True)]
    result["first_run_errors"] = len(first_errors)
    result["errors"] += len(first_errors)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m bench.balancer", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between a session's changes")
    parser.add_argument("--quick", action="store_true", help="30 sessions for 10 s")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "balancer.json")
    args = parser.parse_args(argv)
    count, seconds = (30, 10.0) if args.quick else (args.sessions, args.seconds)
    facts = machine.info()
    phases = machine.Phases()
    with tempfile.TemporaryDirectory(prefix="bench-balancer-") as tmp:
        phases.start("cluster start")
        with LocalCluster(args.replicas, Path(tmp) / "run") as cluster:
            phases.stop()
            phases.start("load through the balancer")
            result = asyncio.run(load_through(cluster, count, seconds, args.interval))
            phases.stop()
    report = {"machine": facts, "phases": phases.records, "load": result}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    rerun = result["rerun_ms"]
    print(
        f"{result['sessions']} sessions over {args.replicas} replicas {result['sessions_per_replica']}, "
        f"{result['seconds']:.0f} s: {result['reruns']} reruns ({result['reruns_per_s']:.1f}/s), "
        f"rerun median {rerun['median']:.0f} ms, p95 {rerun['p95']:.0f} ms, errors {result['errors']} "
        f"{result['error_kinds'] or ''}\nwritten: {args.out}"
    )
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
