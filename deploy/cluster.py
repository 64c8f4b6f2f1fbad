"""``deploy/local.sh N`` driven from Python (tests and bench): free loopback ports, its own run
folder, wait until ready, read which replica is which, stop it with SIGTERM."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
LOCAL_SH = ROOT / "deploy" / "local.sh"
HOST = "127.0.0.1"
READY_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 20.0


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def free_ports(count: int, attempts: int = 200) -> int:
    """The first of ``count`` consecutive loopback ports that are free right now."""
    rng = random.Random()
    for _ in range(attempts):
        first = rng.randrange(20_000, 60_000 - count)
        if all(_is_free(first + i) for i in range(count)):
            return first
    raise RuntimeError(f"no {count} consecutive free ports found")


class LocalCluster:
    """N replicas behind the balancer, as ``deploy/local.sh`` starts them; a context manager."""

    def __init__(self, replicas: int, run_dir: Path, *, expose_replica: bool = True) -> None:
        self.replicas = replicas
        self.expose_replica = expose_replica
        self.run_dir = run_dir
        self.port = free_ports(1)
        self.replica_port = free_ports(replicas)
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = run_dir.parent / f"{run_dir.name}-local.log"

    @property
    def url(self) -> str:
        """The balancer's address, ending in ``/``."""
        return f"http://{HOST}:{self.port}/"

    @property
    def ws_url(self) -> str:
        """The websocket endpoint through the balancer."""
        return f"ws://{HOST}:{self.port}/_stcore/stream"

    def start(self) -> None:
        """Run local.sh and wait until it wrote ``ready`` (every replica and the balancer answer)."""
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")},
            "PORT": str(self.port),
            "REPLICA_PORT": str(self.replica_port),
            "RUN_DIR": str(self.run_dir),
            "PYTHON": sys.executable,
            # The tests and the bench read which replica answered from the X-Replica header.
            "EXPOSE_REPLICA": "1" if self.expose_replica else "0",
        }
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            # A session of its own: the last resort of stop() can end the whole group it started.
            self.proc = subprocess.Popen(
                ["bash", str(LOCAL_SH), str(self.replicas)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not (self.run_dir / "ready").is_file():
            if self.proc.poll() is not None:
                raise RuntimeError(f"deploy/local.sh exited with {self.proc.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"deploy/local.sh not ready after {READY_TIMEOUT_S:.0f} s:\n{self.log()}")
            time.sleep(0.2)

    def log(self) -> str:
        """The last lines local.sh printed."""
        return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-30:])

    def pid(self, k: int) -> int:
        """Process id of replica ``k`` (1-based), from ``replica-<k>.pid``."""
        return int((self.run_dir / f"replica-{k}.pid").read_text(encoding="ascii"))

    def replica_of(self, upstream: str) -> int:
        """Replica number of an ``X-Replica`` header value (``127.0.0.1:PORT``)."""
        port = int(upstream.rsplit(":", 1)[1])
        for k in range(1, self.replicas + 1):
            if int((self.run_dir / f"replica-{k}.port").read_text(encoding="ascii")) == port:
                return k
        raise ValueError(f"{upstream} is no replica of this cluster")

    def kill(self, k: int) -> None:
        """SIGKILL replica ``k`` (a crash: no chance to close its websockets)."""
        os.kill(self.pid(k), signal.SIGKILL)

    def stop(self) -> None:
        """SIGTERM to local.sh (it stops nginx and the replicas); SIGKILL to its group after 20 s."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.proc = None

    def __enter__(self) -> LocalCluster:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
