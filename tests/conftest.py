"""Fixtures shared by every test layer: the real dataset and a writable copy of data/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from components.data import DATA_DIR, Dataset, load_dataset

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
