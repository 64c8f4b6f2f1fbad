"""The balancer as a public page's front (issue #23, finding 9): security headers with a policy
Streamlit runs under, workers not as root, the replica's address only for tests, metrics not public,
unknown hosts refused, limits per reader, preview language matched as the app matches it."""

from __future__ import annotations

import http.client
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deploy.cluster import LocalCluster
from deploy.security import INDEX_HTML, inline_script_hashes
from tests.deploy.previews import head_tags, one

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """``deploy/local.sh 1`` as it runs in public: without EXPOSE_REPLICA."""
    with LocalCluster(1, tmp_path_factory.mktemp("public") / "run", expose_replica=False) as running:
        yield running


def _request(url: str, path: str = "", host: str | None = None, source: str = "127.0.0.1") -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30, source_address=(source, 0))
    connection.request("GET", "/" + path, headers={"Host": host} if host else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_pages_and_files_carry_the_security_headers(public: LocalCluster) -> None:
    page = _request(public.url, "?lang=ar")
    policy = page.headers["Content-Security-Policy"]
    (script_hash,) = inline_script_hashes(INDEX_HTML.read_text("utf-8"))
    assert f"script-src 'self' {script_hash} 'wasm-unsafe-eval' blob:" in policy
    assert "'unsafe-eval'" not in policy and "frame-ancestors *" in policy and "base-uri 'none'" in policy
    for response in (
        page,
        _request(public.url, "_stcore/health"),
        _request(public.url, "app/static/chart/dash-chart.js"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "X-Replica" not in response.headers, "the upstream address is for tests only"
    assert "upstream=127.0.0.1:" in (public.run_dir / "logs" / "access.log").read_text("utf-8")


def test_workers_do_not_run_as_root(public: LocalCluster) -> None:
    master = int((public.run_dir / "nginx.pid").read_text("ascii"))
    workers = [
        pid
        for pid in os.listdir("/proc")
        if pid.isdigit() and Path(f"/proc/{pid}/stat").read_text().split()[3] == str(master)
    ]
    assert workers, "no nginx worker"
    for pid in workers:
        uid = next(
            line.split()[1] for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Uid:")
        )
        assert uid != "0", f"worker {pid} runs as root"


def test_metrics_are_not_public(public: LocalCluster) -> None:
    assert _request(public.url, "_stcore/metrics").status == 404
    port = (public.run_dir / "replica-1.port").read_text("ascii").strip()
    assert _request(f"http://127.0.0.1:{port}/", "_stcore/metrics").status == 200  # the replica has them


def test_an_unknown_host_is_not_served(public: LocalCluster) -> None:
    refused = _request(public.url, "?lang=en", host="evil.example")
    assert refused.status == 421 and "Content-Security-Policy" not in refused.headers
    assert _request(public.url, "?lang=en", host=f"localhost:{public.port}").status == 200


def test_a_reader_flooding_the_balancer_is_limited(public: LocalCluster) -> None:
    # 127.0.0.2 stands for a reader on another address (loopback, i.e. a proxy in front, is not limited).
    statuses = [_request(public.url, "_stcore/health", source="127.0.0.2").status for _ in range(400)]
    assert 429 in statuses and statuses[:300].count(200) >= 290
    assert {_request(public.url, "_stcore/health").status for _ in range(400)} == {200}


@pytest.mark.parametrize(
    ("query", "lang"),
    [("lang=ar", "ar"), ("view=map&lang=fr", "fr"), ("lang=AR", "en"), ("LANG=ar", "en"), ("lang=ar&lang=fr", "en")],
)
def test_previews_follow_the_language_the_app_shows(public: LocalCluster, query: str, lang: str) -> None:
    with urllib.request.urlopen(f"{public.url}?{query}", timeout=30) as response:
        _, tags = head_tags(response.read().decode("utf-8"))
    assert one(tags, "og:locale").startswith(lang)
