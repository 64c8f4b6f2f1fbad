"""Fixtures shared by every test layer: the real dataset, a writable copy of data/, and the static
snapshot built once per test run."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from components.data import DATA_DIR, Dataset, load_dataset
from components.snapshot import build

ROOT = Path(__file__).resolve().parents[1]
# No Chromium rendering first paints inside the test process (AppTest runs the app here); the tests
# of first paints bring their own painter (tests/apptest/test_first_paint.py, tests/browser/).
os.environ.setdefault("DASH_FIRST_PAINT", "off")
os.environ.setdefault("DASH_PAINT_WARMUP", "off")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-baselines",
        action="store_true",
        help="write each screenshot of tests/browser/test_visual.py as its new baseline instead of comparing",
    )


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The project's real, checked data."""
    return load_dataset(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test run's temporary folder, the same for every pytest-xdist worker (each worker's own
    folder is inside it): where the workers share what is made once per run."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def snapshot_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static snapshot of the real data in Arabic and English (``components.snapshot.build``),
    built once per test run and shared by its workers: tests only read it."""
    shared = run_folder(tmp_path_factory)
    site, done = shared / "snapshot-site", shared / "snapshot-site.done"
    with (shared / "snapshot-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds, the others wait for it
        if not done.is_file():
            shutil.rmtree(site, ignore_errors=True)  # what a build that failed half-way left
            build(site, ["ar", "en"])
            done.touch()
    return site
