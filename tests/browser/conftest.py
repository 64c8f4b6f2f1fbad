"""Fixtures of the browser suite: the app served by ``streamlit run`` on a free port (one server per
test worker, more for the modules that need another configuration), Debian's Chromium driven by
Playwright (one browser per worker), and fresh pages that record every request.

Playwright cannot download its own browsers here, so the suite drives the system Chromium
(``apt-get install -y chromium fonts-noto-core``; ``CHROMIUM`` may point at another binary). Without
one the tests fail, they are never skipped.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Playwright, Response, sync_playwright

from tests.browser.ui import APP_TIMEOUT_MS, DESKTOP, ROOT, SERVER_LOGS, NewTab, StartServer, Tab, log_tail
from tests.conftest import run_folder
from tools.chromium import CHROMIUM_ARGS, find_chromium

SERVER_START_TIMEOUT_S = 60.0


def chromium_path() -> str:
    """The Chromium to drive: ``$CHROMIUM`` or the first of ``chromium``/``chromium-browser`` on PATH."""
    found = find_chromium()
    if found:
        return found
    pytest.fail(
        "Chromium not found: the browser tests drive the system Chromium. Install it with "
        "`apt-get install -y chromium fonts-noto-core` (bash .ci/test does) or set CHROMIUM=/path/to/chrome.",
        pytrace=False,
    )


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _base_path(args: tuple[str, ...]) -> str:
    for i, arg in enumerate(args):
        if arg == "--server.baseUrlPath" and i + 1 < len(args):
            return args[i + 1].strip("/")
        if arg.startswith("--server.baseUrlPath="):
            return arg.split("=", 1)[1].strip("/")
    return ""


@contextlib.contextmanager
def streamlit_server(*extra_args: str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """``streamlit run app.py`` on a free port; yields its base URL (ending in ``/``), then stops it.

    First paints (components/first_paint.py) are off unless ``env`` turns them on: a module's views
    would otherwise be drawn live on the first visit and painted on later ones, and the renders would
    compete for the two cores. The modules about first paints and chart features turn them on.
    """
    port = free_port()
    prefix = _base_path(extra_args)
    base = f"http://127.0.0.1:{port}/" + (f"{prefix}/" if prefix else "")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # No reloads while the suite runs (and no watcher thread eating a core).
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        *extra_args,
    ]
    with tempfile.TemporaryFile(mode="w+") as log:
        # cwd=ROOT: Streamlit reads .streamlit/config.toml (static serving, fonts) from there.
        # No warm-up of every view's paint: a module paints what it opens (tests/unit has the warm-up).
        # A render slowed by the suite's other workers is not a hung one: the watchdog's limit is raised.
        environment = {
            **os.environ,
            "DASH_FIRST_PAINT": "off",
            "DASH_PAINT_WARMUP": "off",
            "DASH_PAINT_TIMEOUT": "120",
            **(env or {}),
        }
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True, env=environment)
        SERVER_LOGS[base] = log
        try:
            _wait_healthy(base, process, log)
            yield base
        finally:
            del SERVER_LOGS[base]
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_healthy(base: str, process: subprocess.Popen[str], log: Any) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    health = base + "_stcore/health"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log_tail(log)}", pytrace=False)
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        # Not a fixed sleep: returns at once if the server exits (reported above on the next turn).
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.2)
    pytest.fail(f"{health} not healthy after {SERVER_START_TIMEOUT_S:.0f}s:\n{log_tail(log)}", pytrace=False)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """The app with the repository's config, shared by every module a test worker runs (each reader
    is a session of its own; the server keeps nothing of one that another could see); its base URL."""
    with streamlit_server() as base:
        yield base


@pytest.fixture(scope="session")
def paint_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of first paints for every painting server of the run, on every test worker (as
    replicas share one): a view is painted once per run, and a server reads what another painted."""
    folder = run_folder(tmp_path_factory) / "first-paints"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def painted_server(paint_cache: Path) -> Iterator[str]:
    """The app with first paints on, kept in the run's shared folder (``paint_cache``); its URL."""
    with streamlit_server(env={"DASH_FIRST_PAINT": "on", "DASH_PAINT_CACHE": str(paint_cache)}) as base:
        yield base


@pytest.fixture(scope="module")
def start_server() -> Iterator[StartServer]:
    """Start the app with extra server arguments (e.g. ``"--server.baseUrlPath", "dash"``); returns
    its base URL. Every server started is stopped at the end of the module."""
    with contextlib.ExitStack() as stack:

        def start(*extra_args: str) -> str:
            return stack.enter_context(streamlit_server(*extra_args))

        yield start


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's driver process."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One Chromium for the whole session."""
    executable = chromium_path()
    chromium = playwright_driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def open_tab(browser: Browser, contexts: list[BrowserContext], **options: Any) -> Tab:
    """A page in a new browser context (no cache, cookies or session shared with any other page)
    that records every request URL (websockets included), failed request (network error or HTTP status >= 400) and
    dialog. ``options`` go to ``browser.new_context`` (default: 1280x1800, en-US)."""
    settings: dict[str, Any] = {"viewport": DESKTOP, "locale": "en-US", **options}
    context = browser.new_context(**settings)
    context.set_default_timeout(APP_TIMEOUT_MS)
    contexts.append(context)
    return record_tab(context.new_page())


def record_tab(page: Page) -> Tab:
    """``page`` as a :class:`Tab` recording its requests, failures and dialogs (e.g. the second
    page of a context, which shares the first one's cookies)."""
    tab = Tab(page)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("websocket", lambda socket: tab.requests.append(socket.url))
    page.on("requestfailed", lambda request: tab.failed.append(f"{request.url} ({request.failure})"))

    def on_response(response: Response) -> None:
        if response.status >= 400:
            tab.failed.append(f"{response.url} (HTTP {response.status})")

    def on_dialog(dialog: Dialog) -> None:
        tab.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("response", on_response)
    page.on("dialog", on_dialog)
    return tab


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[NewTab]:
    """Open fresh recording pages (see :func:`open_tab`); their contexts close after the test."""
    contexts: list[BrowserContext] = []
    yield lambda **options: open_tab(browser, contexts, **options)
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def module_tab(browser: Browser) -> Iterator[NewTab]:
    """Like ``new_tab``, for pages that the tests of one module share (one page load for many
    checks); their contexts close at the end of the module."""
    contexts: list[BrowserContext] = []
    yield lambda **options: open_tab(browser, contexts, **options)
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab: NewTab) -> Tab:
    """A fresh desktop page (1280x1800) recording its requests."""
    return new_tab()
