"""The balancer of deploy/local.sh: one reader (one cookie jar) stays on one replica for its page,
static files, /media and websocket; readers are spread over the replicas; the proxy compresses
static files; many websocket sessions rerun through it at once without an error."""

from __future__ import annotations

import asyncio
import gzip
import re
import urllib.request
from collections import Counter
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from typing import Any, TypeVar

import pytest
from websockets.asyncio.client import connect

from deploy.cluster import LocalCluster
from tools.streamlit_client import ProtocolSession, RunResult, next_option, open_sessions, string_state

pytestmark = pytest.mark.deploy

# Sessions open in English (the client's locale), where the region radio has this key.
REGION_KEY = "control_region_en"


class Reader:
    """One browser's worth of HTTP: a cookie jar, and which replica answered each request."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """GET ``path``: status, headers (lower-case names) and body; 4xx/5xx are returned too."""
        request = urllib.request.Request(self.base + path, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def cookie(self) -> str:
        """The Cookie header this jar sends."""
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def _assets(page: bytes) -> tuple[str, str]:
    """A JavaScript and a CSS file the dashboard's HTML links to."""
    text = page.decode("utf-8")
    js = re.search(r'src="\./(static/js/[^"]+\.js)"', text)
    css = re.search(r'href="\./(static/css/[^"]+\.css)"', text)
    assert js and css, "no script or stylesheet in Streamlit's HTML"
    return js.group(1), css.group(1)


async def _socket_replica(cluster: LocalCluster, cookie: str) -> str:
    async with connect(cluster.ws_url, subprotocols=["streamlit"], additional_headers={"Cookie": cookie}) as ws:  # type: ignore[list-item]
        assert ws.response is not None
        return ws.response.headers["X-Replica"]


T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` in a thread of its own: in the whole suite Playwright's sync API already runs an
    event loop in this thread, and ``asyncio.run`` refuses to start a second one there."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_one_reader_stays_on_one_replica(cluster: LocalCluster) -> None:
    """The page sets the affinity cookie; everything else the reader asks for, its websocket
    included, is answered by the replica that served the page."""
    reader = Reader(cluster.url)
    status, headers, page = reader.get("?lang=ar&view=map")
    assert status == 200
    assert "dash_affinity=" in headers["set-cookie"], headers
    first = headers["x-replica"]
    js, css = _assets(page)
    paths = [js, css, "_stcore/health", "_stcore/host-config", "app/static/topojson/africa_50m.json"]
    # /media serves st.image/download files by id; an unknown id is a 404, from the same replica.
    paths += ["media/0123456789abcdef.png", "?lang=en&view=timeline"]
    seen = {path: reader.get(path)[1].get("x-replica") for path in paths * 2}
    assert set(seen.values()) == {first}, seen
    assert run(_socket_replica(cluster, reader.cookie())) == first


def test_readers_are_spread_over_replicas(cluster: LocalCluster) -> None:
    """20 new readers (new cookie jars) land on both replicas, and each keeps its own."""
    readers = [Reader(cluster.url) for _ in range(20)]
    first = [reader.get("")[1]["x-replica"] for reader in readers]
    again = [reader.get("_stcore/health")[1]["x-replica"] for reader in readers]
    assert first == again
    assert len(Counter(first)) == cluster.replicas, Counter(first)


def test_static_files_are_compressed_by_the_proxy(cluster: LocalCluster) -> None:
    """JavaScript, CSS and JSON come gzip-compressed through the balancer and decode to the same
    file. Streamlit itself sends its bundle (JavaScript, CSS) uncompressed: the negative control."""
    reader = Reader(cluster.url)
    js, css = _assets(reader.get("")[2])
    port = (cluster.run_dir / "replica-1.port").read_text(encoding="ascii").strip()
    replica = Reader(f"http://127.0.0.1:{port}/")
    for path in (js, css, "app/static/topojson/africa_50m.json"):
        status, headers, body = reader.get(path, **{"Accept-Encoding": "gzip"})
        assert (status, headers.get("content-encoding")) == (200, "gzip"), (path, headers)
        _, direct_headers, direct = replica.get(path, **{"Accept-Encoding": "gzip"})
        if path in (js, css):
            assert "content-encoding" not in direct_headers, (path, direct_headers)
        else:  # Streamlit compresses the app's own static files (topojson) itself
            direct = gzip.decompress(direct) if direct_headers.get("content-encoding") == "gzip" else direct
        assert gzip.decompress(body) == direct, path
        assert len(body) < len(direct) / 2, (path, len(body), len(direct))


async def _change_region(session: ProtocolSession, times: int) -> list[RunResult]:
    """``session`` picks the next region ``times`` times, each after the last rerun finished."""
    runs: list[RunResult] = []
    current: str | None = None
    for _ in range(times):
        widget = session.widget(REGION_KEY)
        assert widget is not None, f"no {REGION_KEY} radio in the session's last run"
        current = next_option(widget, current, skip_first=True)
        runs.append(await session.run([string_state(widget.id, current)], timeout=120.0))
    return runs


async def _sessions_through(cluster: LocalCluster, count: int, changes: int) -> tuple[Counter[int], list[RunResult]]:
    """``count`` websocket sessions open through the balancer, then all change the region ``changes``
    times at once: the replica of each session, and every run (the first runs included)."""
    opened = await open_sessions(cluster.ws_url, cluster.url, count)
    sessions = [session for session, _ in opened]
    try:
        spread = Counter(
            cluster.replica_of(s.ws.response.headers["X-Replica"])
            for s in sessions
            if s.ws is not None and s.ws.response is not None
        )
        changed = await asyncio.gather(*(_change_region(s, changes) for s in sessions if s.ws is not None))
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    return spread, [first for _, first in opened] + [run for runs in changed for run in runs]


def test_sessions_rerun_through_the_balancer(cluster: LocalCluster) -> None:
    """30 websocket sessions (a protocol client, no browser) open through nginx, land on every
    replica, and each changes the region 3 times: every run finishes without an error."""
    spread, runs = run(_sessions_through(cluster, 30, 3))
    assert sum(spread.values()) == 30, spread
    assert set(spread) == set(range(1, cluster.replicas + 1)), spread
    failed = [r.error or r.exceptions or r.status for r in runs if not r.ok]
    assert not failed, failed[:5]
    assert len(runs) == 30 * 4
