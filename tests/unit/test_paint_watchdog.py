"""Issue 23, finding 4: a hung renderer cannot hang the painter. A render that outlasts its timeout
has its Chromium killed and kaleido's server started afresh; paints are off (first views prefetch
plotly.js) until a render succeeds again; a chart that failed is retried after a cool-down."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from components import first_paint
from tests.unit.test_first_paint import FakeKaleido, _painter, _payload_named


class HangingKaleido(FakeKaleido):
    """Draws like FakeKaleido, but its first render hangs, as one did with Chromium stopped by
    SIGSTOP, until the browser is killed (``killed``)."""

    def __init__(self) -> None:
        super().__init__()
        self.killed = threading.Event()
        self.starts = 0
        self.hangs = 1
        self.hung_in: threading.Thread | None = None
        self.calls_left_behind = 0

    def start_sync_server(self, **_: Any) -> None:
        self.starts += 1

    def calc_fig_sync(self, figure: dict[str, Any], **options: Any) -> bytes:
        if self.hangs:
            self.hangs -= 1
            self.hung_in = threading.current_thread()
            self.killed.wait(20)  # far past the watchdog's timeout
            return super().calc_fig_sync(figure, **options)  # a first width may yet come back
        if threading.current_thread() is self.hung_in:
            self.calls_left_behind += 1
        return super().calc_fig_sync(figure, **options)


def _until(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)
    return True


def test_a_hung_renderer_is_killed_and_restarted_and_its_chart_painted_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = HangingKaleido()
    painter = _painter(tmp_path, fake)
    painter.timeout, painter.retry_after = 0.3, 0.6
    enabled_at_kill: list[bool] = []

    def kill() -> int:
        enabled_at_kill.append(painter.enabled)
        fake.killed.set()
        return 1

    monkeypatch.setattr(first_paint, "kill_browser", kill, raising=False)
    hung, behind = _payload_named("hung"), _payload_named("behind")
    assert painter.get(*hung) is None
    assert painter.get(*behind) is None  # queued behind the hung render, as the review's five were
    started = time.monotonic()
    assert painter.wait(3), f"the paint thread is stuck behind a hung render after {time.monotonic() - started:.1f} s"
    assert enabled_at_kill == [False], "the hung renderer was not killed, or paints stayed on while it hung"
    assert fake.starts == 2, "kaleido's server was not started afresh after the kill"
    assert fake.hung_in is not None
    fake.hung_in.join(5)
    assert fake.calls_left_behind == 0, "the render left behind went on drawing with the restarted server"
    assert painter.get(*behind) is not None, "the chart queued behind the hang was not painted"
    assert painter.enabled, "paints did not come back once the restarted renderer painted"
    # The chart whose render hung is drawn live for a while, then painted: retried, not given up.
    assert painter.get(*hung) is None
    assert _until(lambda: painter.get(*hung) is not None, 5), "a chart that failed once was never painted"


def test_paints_back_off_after_failures_in_a_row_then_come_back(tmp_path: Path) -> None:
    fake = FakeKaleido(fail=True)
    painter = _painter(tmp_path, fake)
    painter.retry_after, painter.backoff = 30.0, 0.5
    names = [f"chart-{i}" for i in range(first_paint.MAX_FAILURES)]
    for name in names:
        painter.get(*_payload_named(name))
    assert _until(lambda: not painter.enabled, 5), f"paints still on after {first_paint.MAX_FAILURES} failures"
    assert painter.get(*_payload_named("asked-while-off")) is None
    fake.fail = False
    assert _until(lambda: painter.enabled, 5), "paints given up for good after failures in a row"
    assert _until(lambda: painter.get(*_payload_named("asked-after")) is not None, 5)
    assert painter.get(*_payload_named(names[0])) is None, "a failed chart is retried after its cool-down only"


# A stand-in browser: a session leader (as choreographer starts its wrapper) with a child (as
# Chromium's zygote), printing the child's pid, then sleeping.
_BROWSER = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(child.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the browser's processes in /proc")
def test_kill_browser_kills_a_stopped_browser_and_its_children(monkeypatch: pytest.MonkeyPatch) -> None:
    marker = f"stand-in-browser-{os.getpid()}-{time.monotonic_ns()}"
    monkeypatch.setattr(first_paint, "BROWSER_MARKER", marker, raising=False)
    browser = subprocess.Popen(
        [sys.executable, "-c", _BROWSER, marker], start_new_session=True, stdout=subprocess.PIPE, text=True
    )
    assert browser.stdout is not None
    child = int(browser.stdout.readline())
    try:
        for pid in (browser.pid, child):
            os.kill(pid, signal.SIGSTOP)  # as the review stopped Chromium
        assert first_paint.kill_browser() == 2
        assert browser.wait(5) == -signal.SIGKILL
        assert _until(lambda: not _alive(child), 5), "the browser's child survived"
    finally:  # nothing left stopped behind a failing test
        for pid in (browser.pid, child):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        browser.wait(5)


def test_a_hung_kaleido_server_is_replaced_not_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the kill, the next render gets a new kaleido server; the hung one's thread is never joined
    (stopping it would, and so would its close at exit)."""
    import kaleido
    from kaleido._sync_server import GlobalKaleidoServer

    hung = object.__new__(GlobalKaleidoServer)
    hung._initialized = True  # running, with no thread to join: a join would raise here
    monkeypatch.setattr(GlobalKaleidoServer, "_instance", hung)
    monkeypatch.setattr(kaleido, "_global_server", hung)
    first_paint._abandon_server(kaleido)
    assert kaleido._global_server is not hung and not kaleido._global_server.is_running()
    hung.close(silence_warnings=True)  # what atexit calls: returns at once
