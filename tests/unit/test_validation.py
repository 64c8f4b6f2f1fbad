"""The data check: 0 problems on data/, and each kind of corruption named by file, line and column."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from components.data import DATA_DIR, DataError, check_folder, load_dataset
from components.data.__main__ import main as cli
from components.data.version import data_version

Rows = list[dict[str, str]]


def rewrite(folder: Path, table: str, change: Callable[[Rows], Rows | None], drop: str = "") -> None:
    """Rewrite ``table``.csv through ``change`` (which edits rows in place or returns new ones)."""
    path = folder / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [name for name in reader.fieldnames or [] if name != drop]
        rows = [dict(row) for row in reader]
    rows = change(rows) or rows
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def row_with(rows: Rows, **values: str) -> dict[str, str]:
    return next(row for row in rows if all(row[k] == v for k, v in values.items()))


def line_of(rows: Rows, **values: str) -> int:
    return rows.index(row_with(rows, **values)) + 2


def test_real_data_has_no_problem() -> None:
    assert check_folder(DATA_DIR)[1] == []


def test_cli_exits_0_on_good_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["check", str(DATA_DIR)]) == 0
    assert "0 problem(s)" in capsys.readouterr().err


def _set(table: str, match: dict[str, str], column: str, value: str) -> Callable[[Path], int]:
    """A corruption that sets one cell; returns the line it changed."""

    def corrupt(folder: Path) -> int:
        found: list[int] = []

        def change(rows: Rows) -> None:
            found.append(line_of(rows, **match))
            row_with(rows, **match)[column] = value

        rewrite(folder, table, change)
        return found[0]

    return corrupt


def _missing_column(folder: Path) -> int:
    rewrite(folder, "candidates", lambda rows: None, drop="outcome")
    return 1


def _duplicate_id(folder: Path) -> int:
    found: list[int] = []

    def change(rows: Rows) -> Rows:
        rows.append(dict(rows[0]))
        found.append(len(rows) + 1)
        return rows

    rewrite(folder, "sources", change)
    return found[0]


def _two_winners(folder: Path) -> int:
    found: list[int] = []

    def change(rows: Rows) -> None:
        row_with(rows, id="nainda-2024")["outcome"] = "elected"
        found.append(line_of(rows, id="nainda-2024"))

    rewrite(folder, "candidates", change)
    return found[0]


def _not_utf8(folder: Path) -> int:
    path = folder / "places.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3] + "é".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    return 4


CORRUPTIONS: dict[str, tuple[Callable[[Path], int], str, str, str]] = {
    "missing column": (_missing_column, "candidates.csv", "outcome", "required column is missing"),
    "bad ISO code": (
        _set("candidates", {"id": "dkhissi-2024"}, "country_iso3", "XYZ"),
        "candidates.csv",
        "country_iso3",
        "not an ISO 3166-1 alpha-3",
    ),
    "dangling source id": (
        _set("candidates", {"id": "dkhissi-2024"}, "source_ids", "no-such-source"),
        "candidates.csv",
        "source_ids",
        "not an id in sources.csv",
    ),
    "negative votes": (
        _set("candidates", {"id": "urquiza-2024"}, "votes", "-145"),
        "candidates.csv",
        "votes",
        "non-negative integer",
    ),
    "votes above turnout": (
        _set("race_figures", {"id": "sg-2024-voting-anba"}, "value", "100"),
        "candidates.csv",
        "votes",
        "above its turnout",
    ),
    "two winners": (_two_winners, "candidates.csv", "outcome", "candidates elected"),
    "bad date": (
        _set("races", {"id": "vp-africa-2024"}, "date", "2024-11-31"),
        "races.csv",
        "date",
        "must be a date",
    ),
    "missing quote": (
        _set("sources", {"id": "iol-dkhissi-96"}, "quote", ""),
        "sources.csv",
        "quote",
        "a value is required",
    ),
    "duplicate id": (_duplicate_id, "sources.csv", "id", "duplicate id"),
    "non-UTF-8 file": (_not_utf8, "places.csv", "-", "not valid UTF-8"),
    "precision does not match the date": (
        _set("events", {"id": "hq-paris-1946"}, "start", "1946-05"),
        "events.csv",
        "start",
        "does not match precision",
    ),
    "number missing from its quote": (
        _set("candidates", {"id": "dkhissi-2024"}, "votes", "97"),
        "candidates.csv",
        "votes",
        "not in the quote",
    ),
    "sourced region without a source": (
        _set("members", {"iso3": "ABW"}, "region_basis", "sourced"),
        "members.csv",
        "region_source_ids",
        "needs a source",
    ),
    "dangling source id in a note": (
        _set(
            "races",
            {"id": "vp-africa-2024"},
            "note",
            "One source dates it 'jeudi 6 novembre' (infos-monde-wrong-date); the Thursday was 7 Nov.",
        ),
        "races.csv",
        "note",
        "'infos-monde-wrong-date' is not an id in sources.csv",
    ),
    "unknown race (foreign key)": (
        _set("candidates", {"id": "dkhissi-2024"}, "race_id", "vp-africa-2042"),
        "candidates.csv",
        "race_id",
        "'vp-africa-2042' is not an id in races.csv",
    ),
    "latitude out of range": (
        _set("places", {"id": "rabat"}, "lat", "134.0132"),
        "places.csv",
        "lat",
        "is above 90",
    ),
    "day written without its zero": (
        _set("races", {"id": "vp-africa-2024"}, "date", "2024-11-7"),
        "races.csv",
        "date",
        "must be a date YYYY-MM-DD",
    ),
    "unknown region": (
        _set("members", {"iso3": "ABW"}, "region", "Oceania"),
        "members.csv",
        "region",
        "is not one of",
    ),
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_corruption_is_named_by_file_line_and_column(
    kind: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corrupt, file, column, message = CORRUPTIONS[kind]
    line = corrupt(data_copy)
    problems = check_folder(data_copy)[1]
    matching = [p for p in problems if p.file == file and p.column == column and message in p.message]
    assert matching, f"{kind}: no {file}/{column} problem containing {message!r} in {problems}"
    if kind != "votes above turnout":  # reported on the candidate row that crosses the turnout
        assert matching[0].line == line
    assert cli(["check", str(data_copy)]) == 1
    printed = capsys.readouterr().out
    assert f"{file}:{matching[0].line}: {column}: " in printed


def test_package_describes_every_csv_and_column() -> None:
    """data/datapackage.json has one resource per CSV file of data/, with the file's columns in order."""
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["path"]: resource for resource in package["resources"]}
    assert set(paths) == {path.name for path in DATA_DIR.glob("*.csv")}
    for path, resource in paths.items():
        with (DATA_DIR / path).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert [field["name"] for field in resource["schema"]["fields"]] == header, path


def test_frictionless_validates_the_package() -> None:
    """The standard tool says the package is valid (exit 0), as a journalist would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(DATA_DIR / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "INVALID" not in result.stdout
    # What it validated carries the data's version and the licence of our compilation (issue 25).
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == data_version(DATA_DIR)
    assert [licence["name"] for licence in descriptor["licenses"]] == ["CC-BY-4.0"]


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    CORRUPTIONS["negative votes"][0](data_copy)
    CORRUPTIONS["missing quote"][0](data_copy)
    CORRUPTIONS["bad date"][0](data_copy)
    files = {problem.file for problem in check_folder(data_copy)[1]}
    assert {"candidates.csv", "sources.csv", "races.csv"} <= files


def test_loader_raises_data_error_listing_problems(data_copy: Path) -> None:
    CORRUPTIONS["bad ISO code"][0](data_copy)
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    assert any(p.column == "country_iso3" for p in raised.value.problems)
    assert "candidates.csv:" in str(raised.value)


def test_missing_file_is_a_problem(data_copy: Path) -> None:
    (data_copy / "places.csv").unlink()
    problems = check_folder(data_copy)[1]
    assert any(p.file == "places.csv" and "missing" in p.message for p in problems)


def test_command_line_module_runs(data_copy: Path) -> None:
    CORRUPTIONS["duplicate id"][0](data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "components.data", "check", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert result.returncode == 1
    assert "sources.csv:" in result.stdout
    assert "Traceback" not in result.stderr
