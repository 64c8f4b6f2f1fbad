"""Streamlit servers as subprocesses on free loopback ports, and their memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"
# Both apps get the same flags. ``server.address`` keeps Streamlit on the loopback interface and
# stops its headless banner from looking up an external IP address.
COMMON_FLAGS = (
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.address",
    HOST,
)


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    """Resident set size of ``pid`` in KiB (``VmRSS`` of /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


class StreamlitServer:
    """``streamlit run SCRIPT`` in its own process; a context manager that stops it."""

    def __init__(self, name: str, script: Path, cwd: Path, log_dir: Path, extra: tuple[str, ...] = ()) -> None:
        self.name = name
        self.script = script
        self.cwd = cwd
        self.log_path = log_dir / f"{name}.log"
        self.extra = extra
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.ready_after = 0.0

    @property
    def url(self) -> str:
        """The app's address."""
        return f"http://{HOST}:{self.port}/"

    @property
    def ws_url(self) -> str:
        """The websocket endpoint of the app."""
        return f"ws://{HOST}:{self.port}/_stcore/stream"

    @property
    def pid(self) -> int:
        """The server's process id."""
        if self.proc is None:
            raise RuntimeError(f"{self.name} is not running")
        return self.proc.pid

    def rss_kib(self) -> int:
        """The server's resident memory now."""
        return rss_kib(self.pid)

    def cpu_seconds(self) -> float:
        """The server's CPU time so far."""
        return cpu_seconds(self.pid)

    def start(self) -> None:
        """Launch the server (does not wait for it)."""
        self.port = free_port()
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.port",
            str(self.port),
            *COMMON_FLAGS,
            *self.extra,
        ]
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        log = self.log_path.open("ab")
        log.write(f"\n$ {' '.join(cmd)}\n".encode())
        log.flush()
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
        log.close()

    def wait_ready(self, timeout: float = 90.0) -> float:
        """Wait for ``/_stcore/health``; return the seconds from launch."""
        deadline = time.monotonic() + timeout
        health = f"{self.url}_stcore/health"
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{self.name} server exited early:\n{tail}")
            try:
                with urllib.request.urlopen(health, timeout=2) as response:
                    if response.status == 200:
                        self.ready_after = time.perf_counter() - self.started_at
                        return self.ready_after
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} server not ready after {timeout} s")

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 10 s."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def __enter__(self) -> StreamlitServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_all(servers: list[StreamlitServer], attempts: int = 3) -> None:
    """Start servers side by side and wait until each answers (a new port if one was taken)."""
    for server in servers:
        server.start()
    for server in servers:
        for attempt in range(attempts):
            try:
                server.wait_ready()
                break
            except RuntimeError:
                if attempt == attempts - 1:
                    raise
                server.stop()
                server.start()
