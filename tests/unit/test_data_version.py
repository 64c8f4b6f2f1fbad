"""The data's version: stable, changed by one cell, written into datapackage.json and checked there;
the changelog it is dated by; the licence the package states."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from components.data import DATA_DIR, DataError, load_dataset
from components.data.__main__ import main as cli
from components.data.version import (
    SERVED_CHANGELOG,
    changelog_dates,
    data_version,
    last_change,
    write_version,
    written_version,
)
from tests.unit.test_validation import rewrite, row_with


def test_the_version_is_stable_across_runs(data_copy: Path) -> None:
    # A fresh interpreter: nothing of this process (hash seeds, caches) takes part.
    code = "from components.data.version import data_version; print(data_version())"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert fresh == data_version(DATA_DIR) == data_version(data_copy)
    assert len(fresh) == 12 and int(fresh, 16) >= 0


def test_one_cell_changes_the_version_and_the_check_says_what_to_run(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = data_version(data_copy)
    rewrite(data_copy, "candidates", lambda rows: row_with(rows, id="dkhissi-2024").update(position_en="Head"))
    after = data_version(data_copy)
    assert after != before
    assert cli(["check", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert f"datapackage.json:0: version: is '{before}', the data is version '{after}'" in out
    assert "python -m components.data version data/" in out
    # The app still shows the edited data, with its true version.
    assert load_dataset(data_copy).version == after
    assert cli(["version", str(data_copy)]) == 0
    assert written_version(data_copy) == after
    assert cli(["check", str(data_copy)]) == 0


def test_the_version_ignores_line_ends_and_the_package_s_own_version(data_copy: Path) -> None:
    before = data_version(data_copy)
    path = data_copy / "places.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    package = data_copy / "datapackage.json"
    package.write_text(package.read_text("utf-8").replace(before, "0" * 12), "utf-8")
    assert data_version(data_copy) == before


def test_a_schema_change_changes_the_version(data_copy: Path) -> None:
    before = data_version(data_copy)
    package = data_copy / "datapackage.json"
    descriptor = json.loads(package.read_text("utf-8"))
    descriptor["resources"][0]["schema"]["fields"][0]["description"] = "changed"
    package.write_text(json.dumps(descriptor), "utf-8")
    assert data_version(data_copy) != before


def test_the_package_states_the_data_s_version_and_its_licence() -> None:
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text("utf-8"))
    assert descriptor["version"] == data_version(DATA_DIR) == load_dataset(DATA_DIR).version
    (licence,) = descriptor["licenses"]
    assert licence["name"] == "CC-BY-4.0" and licence["path"] == "https://creativecommons.org/licenses/by/4.0/"


def test_write_version_keeps_the_package_as_it_is_written(data_copy: Path) -> None:
    # Writing the (current) version again changes no byte: the command's output is the file as committed.
    assert write_version(data_copy) == data_version(DATA_DIR)
    assert (data_copy / "datapackage.json").read_bytes() == (DATA_DIR / "datapackage.json").read_bytes()


def test_the_changelog_is_newest_first_and_dates_the_data() -> None:
    dates = changelog_dates(DATA_DIR)
    assert dates == sorted(dates, reverse=True) and len(dates) == len(set(dates))
    assert last_change(DATA_DIR) == dates[0] == load_dataset(DATA_DIR).changed
    assert dates[-1] == dt.date(2026, 11, 29)  # the first dataset's commit


def test_the_app_serves_the_changelog_as_it_is() -> None:
    assert SERVED_CHANGELOG.read_bytes() == (DATA_DIR / "CHANGELOG.md").read_bytes()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "CHANGELOG.md:0: -: file is missing"),
        ("# Changes\n\nnothing dated\n", "CHANGELOG.md:0: -: has no entry '## YYYY-MM-DD'"),
        ("## 2026-11-01\n\n## 2026-12-01\n", "CHANGELOG.md:0: -: entries must be newest first"),
    ],
)
def test_a_broken_changelog_is_a_data_problem(data_copy: Path, text: str | None, message: str) -> None:
    path = data_copy / "CHANGELOG.md"
    if text is None:
        path.unlink()
    else:
        path.write_text(text, "utf-8")
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    assert message in [str(problem) for problem in raised.value.problems]
