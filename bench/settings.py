"""How many repetitions each phase makes; ``--quick`` shrinks them all for a smoke run."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Settings:
    """Repetitions and durations of every phase (defaults: the full run, ~6-7 minutes)."""

    warm_loads: int = 5
    tap_runs: int = 5
    changes: int = 10
    apptest_reruns: int = 20
    session_counts: tuple[int, ...] = (1, 10, 50, 100)
    load_sessions: int = 100
    load_seconds: float = 60.0
    load_interval: float = 3.0
    load_bare: bool = True
    profile_reruns: int = 10
    in_place: bool = False
    out_dir: Path = RESULTS_DIR
    quick: bool = False
    skip: frozenset[str] = field(default_factory=frozenset)


PHASES = ("browser", "taps", "apptest", "memory", "load")


def parse_args(argv: list[str] | None = None) -> Settings:
    """Settings from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmark the dashboard against a bare Streamlit app (browser, AppTest, protocol).",
    )
    parser.add_argument("--quick", action="store_true", help="short smoke run (~1.5 min): few repetitions")
    parser.add_argument("--warm-loads", type=int, help="warm first-render loads per view of the dashboard (default 5)")
    parser.add_argument("--tap-runs", type=int, help="rounds of a phone reader's taps after a warm one (default 5)")
    parser.add_argument("--changes", type=int, help="browser region/language changes (default 10)")
    parser.add_argument("--apptest-reruns", type=int, help="AppTest reruns per kind of change (default 20)")
    parser.add_argument("--sessions", type=str, help="comma-separated concurrent session counts (default 1,10,50,100)")
    parser.add_argument("--load-sessions", type=int, help="sessions of the load phase (default 100)")
    parser.add_argument("--load-seconds", type=float, help="duration of the load phase (default 60)")
    parser.add_argument("--load-interval", type=float, help="seconds between a session's changes (default 3)")
    parser.add_argument("--no-load-bare", action="store_true", help="skip the bare app's load phase")
    parser.add_argument("--skip", action="append", default=[], choices=PHASES, help="skip a phase (repeatable)")
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="run the working tree itself instead of a snapshot copy taken at start",
    )
    parser.add_argument("--out", type=Path, help=f"results folder (default {RESULTS_DIR})")
    args = parser.parse_args(argv)

    base = (
        Settings(
            warm_loads=2,
            tap_runs=1,
            changes=3,
            apptest_reruns=5,
            session_counts=(1, 10),
            load_sessions=10,
            load_seconds=10.0,
            profile_reruns=3,
            quick=True,
        )
        if args.quick
        else Settings()
    )
    counts = base.session_counts
    if args.sessions:
        counts = tuple(sorted({int(part) for part in args.sessions.split(",") if part.strip()}))
    return Settings(
        warm_loads=args.warm_loads if args.warm_loads is not None else base.warm_loads,
        tap_runs=args.tap_runs if args.tap_runs is not None else base.tap_runs,
        changes=args.changes if args.changes is not None else base.changes,
        apptest_reruns=args.apptest_reruns if args.apptest_reruns is not None else base.apptest_reruns,
        session_counts=counts,
        load_sessions=args.load_sessions if args.load_sessions is not None else base.load_sessions,
        load_seconds=args.load_seconds if args.load_seconds is not None else base.load_seconds,
        load_interval=args.load_interval if args.load_interval is not None else base.load_interval,
        load_bare=base.load_bare and not args.no_load_bare,
        profile_reruns=base.profile_reruns,
        in_place=args.in_place,
        out_dir=args.out or RESULTS_DIR,
        quick=base.quick,
        skip=frozenset(args.skip),
    )
