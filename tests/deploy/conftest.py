"""The balancer of deploy/local.sh with its replicas, started once for the deploy tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.cluster import LocalCluster


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """``deploy/local.sh 2`` on free loopback ports, stopped (SIGTERM) at the end."""
    with LocalCluster(2, tmp_path_factory.mktemp("deploy") / "run") as running:
        yield running
