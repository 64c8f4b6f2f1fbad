"""A minimal client of Streamlit's websocket protocol: one browser tab's worth of server work
(session, script runs, widget changes) without a browser.

The client connects to ``/_stcore/stream`` with the ``streamlit`` subprotocol, sends a
``BackMsg.rerun_script`` (the query string, widget states and context a browser sends) and reads
``ForwardMsg``\\ s until ``script_finished``. Like the browser it sends back the query string the
app last wrote (``page_info_changed``): the dashboard reloads its controls from the URL whenever the
URL is not the one it wrote itself.

Shared by the benchmark (memory per session, load) and the deploy tests (sessions through the
balancer), which import it from here so that neither imports the other.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

WIDGET_TYPES = ("selectbox", "radio", "button_group", "multiselect", "checkbox", "text_input")
FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_ok",
}


@dataclass
class Widget:
    """A widget as the last run drew it."""

    id: str
    kind: str
    label: str
    options: list[str]


@dataclass
class RunResult:
    """One script run as the client saw it."""

    seconds: float
    messages: int = 0
    bytes: int = 0
    deltas: int = 0
    exceptions: list[str] = field(default_factory=list)
    status: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Finished successfully, without an exception element or a transport error."""
        return self.error is None and not self.exceptions and self.status == "ok"


class ProtocolSession:
    """One Streamlit session driven over the websocket."""

    def __init__(self, ws_url: str, page_url: str, *, locale: str = "en-US", query_string: str = "") -> None:
        self.ws_url = ws_url
        self.page_url = page_url
        self.locale = locale
        self.query_string = query_string
        self.widgets: dict[str, Widget] = {}
        self.ws: ClientConnection | None = None
        self.closed_reason: str | None = None

    async def connect(self, timeout: float = 30.0) -> None:
        """Open the websocket (no Origin header: the server then needs no XSRF token)."""
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,  # the server pings; a slow client-side pong must not drop us
            close_timeout=5,
        )

    async def close(self) -> None:
        """Close the websocket."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def widget(self, key: str) -> Widget | None:
        """The widget whose user key is ``key`` (Streamlit ends such ids with ``-<key>``)."""
        for widget_id, widget in self.widgets.items():
            if widget_id.endswith(f"-{key}"):
                return widget
        return None

    def _back_msg(self, states: list[WidgetState]) -> bytes:
        msg = BackMsg()
        client_state = msg.rerun_script
        client_state.query_string = self.query_string
        client_state.page_script_hash = ""
        client_state.context_info.locale = self.locale
        client_state.context_info.url = self.page_url + (f"?{self.query_string}" if self.query_string else "")
        client_state.context_info.timezone = "UTC"
        client_state.context_info.timezone_offset = 0
        client_state.context_info.is_embedded = False
        client_state.widget_states.widgets.extend(states)
        return msg.SerializeToString()

    async def run(self, states: list[WidgetState] | None = None, timeout: float = 60.0) -> RunResult:
        """Ask for a rerun with ``states`` and read until the run's ``script_finished``."""
        start = time.perf_counter()
        result = RunResult(seconds=0.0)
        if self.ws is None:
            result.error = "not connected"
            return result
        seen: dict[str, Widget] = {}
        try:
            await self.ws.send(self._back_msg(states or []))
            async with asyncio.timeout(timeout):
                while True:
                    raw = await self.ws.recv(decode=False)
                    result.messages += 1
                    result.bytes += len(raw)
                    msg = ForwardMsg()
                    msg.ParseFromString(raw)
                    kind = msg.WhichOneof("type")
                    if kind == "delta":
                        result.deltas += 1
                        self._read_delta(msg, seen, result)
                    elif kind == "page_info_changed":
                        self.query_string = msg.page_info_changed.query_string
                    elif kind == "script_finished":
                        result.status = FINISHED.get(msg.script_finished, str(msg.script_finished))
                        break
        except TimeoutError:
            result.error = "timeout"
        except ConnectionClosed as closed:
            result.error = f"disconnected ({closed.rcvd.code if closed.rcvd else 'no close frame'})"
            self.closed_reason = result.error
            self.ws = None
        except OSError as error:
            result.error = f"socket error: {error}"
            self.ws = None
        result.seconds = time.perf_counter() - start
        if seen:
            self.widgets = seen
        return result

    @staticmethod
    def _read_delta(msg: ForwardMsg, seen: dict[str, Widget], result: RunResult) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            result.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
        elif kind in WIDGET_TYPES:
            proto = getattr(element, kind)
            options = [str(option) for option in getattr(proto, "options", [])]
            seen[proto.id] = Widget(proto.id, kind, str(getattr(proto, "label", "")), options)


def string_state(widget_id: str, value: str) -> WidgetState:
    """The state a browser sends for a selectbox or radio showing ``value`` (its formatted label)."""
    state = WidgetState()
    state.id = widget_id
    state.string_value = value
    return state


def next_option(widget: Widget, current: str | None, skip_first: bool = False) -> str:
    """The option after ``current`` (wrapping), optionally never the first (e.g. "All regions")."""
    options = widget.options[1:] if skip_first and len(widget.options) > 1 else widget.options
    if current not in options:
        return options[0]
    return options[(options.index(current) + 1) % len(options)]


async def open_session(ws_url: str, page_url: str, query_string: str = "") -> tuple[ProtocolSession, RunResult]:
    """Connect a session and run its first script run (as a page load does)."""
    session = ProtocolSession(ws_url, page_url, query_string=query_string)
    try:
        await session.connect()
    except (OSError, TimeoutError, ConnectionClosed) as error:
        return session, RunResult(seconds=0.0, error=f"connect failed: {error}")
    return session, await session.run()


async def open_sessions(
    ws_url: str, page_url: str, count: int, at_once: int = 8
) -> list[tuple[ProtocolSession, RunResult]]:
    """``count`` sessions, each with its first run; ``at_once`` open at the same time (a browser tab
    opens one), so that the server is not asked for every first run together."""
    semaphore = asyncio.Semaphore(at_once)

    async def one() -> tuple[ProtocolSession, RunResult]:
        async with semaphore:
            return await open_session(ws_url, page_url)

    return list(await asyncio.gather(*(one() for _ in range(count))))
