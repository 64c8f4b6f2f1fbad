"""The machine the numbers come from, and how busy other programs kept it meanwhile."""

from __future__ import annotations

import os
import platform
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("streamlit", "plotly", "pandas", "numpy", "pyarrow", "protobuf", "websockets", "playwright", "babel")
CLK = os.sysconf("SC_CLK_TCK")


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def info() -> dict[str, Any]:
    """Date, CPU, memory, OS and versions."""
    cpuinfo = _read("/proc/cpuinfo")
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), None
    )
    meminfo = _read("/proc/meminfo")
    mem_kib = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal:")), None)
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory_gib": round(mem_kib / 1024 / 1024, 1) if mem_kib else None,
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "versions": versions,
        "loadavg_at_start": _read("/proc/loadavg").split()[:3],
    }


def _busy_seconds() -> float:
    """CPU time all processes spent busy so far (all cores), from /proc/stat."""
    fields = _read("/proc/stat").splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK


def _own_tree_seconds() -> float:
    """CPU time of this process and every descendant (alive, or reaped into a parent's cutime)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _read(f"/proc/{entry.name}/stat")
        if not stat:
            continue
        rest = stat.rsplit(")", 1)[1].split()
        pid = int(entry.name)
        parents[pid] = int(rest[1])
        times[pid] = sum(int(v) for v in rest[11:15]) / CLK
    me = os.getpid()
    total = 0.0
    for pid, cpu in times.items():
        walk = pid
        while walk not in (0, 1) and walk != me:
            walk = parents.get(walk, 0)
        if walk == me:
            total += cpu
    return total


@dataclass
class Phases:
    """Wall time of each phase, and the share of the machine's CPU that other programs used."""

    records: list[dict[str, Any]] = field(default_factory=list)
    _name: str | None = None
    _t0: float = 0.0
    _busy0: float = 0.0
    _own0: float = 0.0

    def start(self, name: str) -> None:
        """Begin phase ``name``."""
        self._name = name
        self._t0 = time.perf_counter()
        self._busy0 = _busy_seconds()
        self._own0 = _own_tree_seconds()
        print(f"[bench] {name}...", flush=True)

    def stop(self) -> None:
        """End the current phase."""
        if self._name is None:
            return
        wall = time.perf_counter() - self._t0
        busy = _busy_seconds() - self._busy0
        own = _own_tree_seconds() - self._own0
        capacity = wall * len(os.sched_getaffinity(0))
        self.records.append(
            {
                "phase": self._name,
                "seconds": round(wall, 1),
                "own_cpu_share": round(own / capacity, 3) if capacity else None,
                "foreign_cpu_share": round(max(0.0, busy - own) / capacity, 3) if capacity else None,
                "loadavg_1m_end": float(_read("/proc/loadavg").split()[0] or 0),
            }
        )
        print(f"[bench] {self._name}: {wall:.1f} s", flush=True)
        self._name = None
