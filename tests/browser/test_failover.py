"""Three replicas behind the balancer (``deploy/local.sh 3``): readers are spread over them, each
reader's pages and websocket stay on one replica, and when a replica is killed (SIGKILL) its
readers reconnect to another and, because every view lives in the URL, see the same view again."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from deploy.cluster import LocalCluster
from tests.browser.conftest import record_tab
from tests.browser.ui import IDLE_JS, STABLE_MS, NewTab, Tab, charts, controls, query

pytestmark = [pytest.mark.browser, pytest.mark.deploy]

# 20 readers on 20 different views in 8 browser contexts (a cookie jar each; pages of one context
# share it, so they share a replica). Eight jars over three replicas: all on one has odds of
# 3 / 3**8 (1 in 2,000). Five views draw plotly charts (maps, timelines, votes), the others tables
# and text: the machine has two cores, and each chart page compiles plotly.js.
READERS = (
    ("lang=en&view=members", "lang=ar&view=map", "lang=fr&view=sources"),
    ("lang=ar&view=sources", "lang=en&view=timeline&zoom=history", "lang=fr&view=members&region=africa"),
    ("lang=fr&view=members&region=europe", "lang=en&view=map&region=europe", "lang=ar&view=sources&region=asia"),
    ("lang=en&view=sources", "lang=ar&view=timeline&zoom=campaign", "lang=fr&view=sources&region=africa"),
    ("lang=ar&view=members&region=americas", "lang=fr&view=votes&race=president-2025"),
    ("lang=fr&view=sources&zoom=history", "lang=en&view=members&region=asia"),
    ("lang=en&view=sources&race=sg-2024", "lang=ar&view=members"),
    ("lang=ar&view=sources&region=europe", "lang=en&view=members&region=africa&race=sg-preselection-2024"),
)
VIEWPORT = {"width": 1024, "height": 900}
RECOVERY_S = 30.0
TABS_AT_ONCE = 4

# What a reader sees of the view: the section's headings and any exception.
SEEN_JS = """
() => ({
  headings: [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2,'
    + ' [data-testid="stMain"] h3')].map(e => e.innerText.trim()).filter(Boolean),
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
})
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """``deploy/local.sh 3`` on free loopback ports."""
    with LocalCluster(3, tmp_path_factory.mktemp("failover") / "run") as running:
        yield running


def view_of(tab: Tab) -> dict[str, Any]:
    """Everything that says which view a reader is on: URL parameters, controls, charts, headings."""
    seen: dict[str, Any] = tab.page.evaluate(SEEN_JS)
    return {
        "query": query(tab.page.url),
        "controls": controls(tab.page),
        "charts": [chart["title"] for chart in charts(tab.page)],
        "headings": seen["headings"],
        "exceptions": seen["exceptions"],
    }


def replica_of(context: BrowserContext, cluster: LocalCluster) -> int:
    """The replica the balancer sends this cookie jar to (a request with the context's cookies)."""
    response = context.request.get(f"{cluster.url}_stcore/health")
    assert response.status == 200, response.status
    return cluster.replica_of(response.headers["x-replica"])


def sockets(tab: Tab) -> int:
    """How many websockets the page has opened so far."""
    return sum(1 for url in tab.requests if url.endswith("/_stcore/stream"))


def wait_idle(tab: Tab, deadline: float) -> None:
    """Wait until the app in ``tab`` is idle and drawn, at the latest by ``deadline``."""
    tab.page.evaluate("() => { window.__appIdle = null; }")
    remaining_ms = max(1.0, (deadline - time.monotonic()) * 1000)
    tab.page.wait_for_function(IDLE_JS, arg=STABLE_MS, timeout=remaining_ms, polling=100)


def load(tabs: list[Tab], urls: list[str]) -> None:
    """Open ``urls`` in ``tabs``, a few side by side: more renderers at once only fight for the
    two cores."""
    for start in range(0, len(tabs), TABS_AT_ONCE):
        batch = list(zip(tabs[start : start + TABS_AT_ONCE], urls[start : start + TABS_AT_ONCE], strict=True))
        for tab, url in batch:
            tab.start(url)
        for tab, _ in batch:
            tab.settle()


def test_readers_survive_a_replica_killed(new_tab: NewTab, cluster: LocalCluster) -> None:
    """≥ 2 replicas serve the readers; after SIGKILL of the busiest one, within 30 s every reader
    shows the same view as before (URL, controls, charts, headings), with no error."""
    started = time.monotonic()
    # First one page per context (the affinity cookie comes with its first response), then the
    # others, which find the bundle in their context's cache.
    firsts = [new_tab(viewport=VIEWPORT) for _ in READERS]
    load(firsts, [f"{cluster.url}?{views[0]}" for views in READERS])
    others = [
        record_tab(first.page.context.new_page())
        for first, views in zip(firsts, READERS, strict=True)
        for _ in views[1:]
    ]
    load(others, [f"{cluster.url}?{view}" for views in READERS for view in views[1:]])
    tabs = firsts + others
    assert len(tabs) >= 20
    assert len({tab.page.url for tab in tabs}) == len(tabs), "two readers on one view"

    replicas = {id(tab): replica_of(tab.page.context, cluster) for tab in tabs}
    spread = Counter(replicas.values())
    assert len(spread) >= 2, f"every reader on one replica: {spread}"
    before = {id(tab): view_of(tab) for tab in tabs}
    for tab in tabs:
        assert before[id(tab)]["exceptions"] == 0, before[id(tab)]
        assert before[id(tab)]["query"], f"no view in the URL: {tab.page.url}"
    opened = {id(tab): sockets(tab) for tab in tabs}
    failed = {id(tab): len(tab.failed) for tab in tabs}

    victim = spread.most_common(1)[0][0]
    moved = [tab for tab in tabs if replicas[id(tab)] == victim]
    killed_at = time.monotonic()
    cluster.kill(victim)
    deadline = killed_at + RECOVERY_S

    # The victim's readers open a new websocket (through the balancer, to a live replica) ...
    for tab in moved:
        while sockets(tab) == opened[id(tab)]:
            assert time.monotonic() < deadline, f"{tab.page.url} did not reconnect within {RECOVERY_S:.0f} s"
            # The next websocket the page opens (the recorder hears it too), at the latest by the deadline.
            with contextlib.suppress(PlaywrightTimeoutError):
                tab.page.wait_for_event("websocket", timeout=max(1.0, (deadline - time.monotonic()) * 1000))
    # ... and draw their view again; the others were never disconnected.
    for tab in tabs:
        wait_idle(tab, deadline)
    recovered_after = time.monotonic() - killed_at
    assert recovered_after < RECOVERY_S

    for tab in tabs:
        assert view_of(tab) == before[id(tab)], f"view changed: {tab.page.url}"
        assert tab.failed[failed[id(tab)] :] == [], tab.failed
        assert not tab.dialogs, tab.dialogs
    for tab in tabs:
        now = replica_of(tab.page.context, cluster)
        if tab in moved:
            assert now != victim
        else:
            assert now == replicas[id(tab)], "a reader of a live replica was moved"
            assert sockets(tab) == opened[id(tab)], f"{tab.page.url} reconnected though its replica lives"
    print(
        f"20 readers drawn in {killed_at - started:.0f} s, spread {dict(spread)}; killed replica {victim}: "
        f"{len(moved)} readers back in {recovered_after:.1f} s"
    )
