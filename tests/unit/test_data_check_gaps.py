"""The gaps of the data check found in issue #23 (finding 7): empty files, NUL bytes, numbers not
written with 0-9, huge files and cells, formula cells, and the cause of many problems listed first;
and CSV files offered for download neutralise formula cells."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pandas as pd
import pytest

from components.data import check_folder
from components.data.export import safe_csv, safe_csv_text

VOTES_LINE = 2  # candidates.csv: Dkhissi's row, 96 votes


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _problems(folder: Path) -> list[str]:
    return [str(problem) for problem in check_folder(folder)[1]]


def test_an_empty_csv_is_a_problem(data_copy: Path) -> None:
    (data_copy / "places.csv").write_bytes(b"")
    assert "places.csv:1: -: is empty: a CSV file needs its header line" in _problems(data_copy)


def test_a_nul_byte_is_a_problem(data_copy: Path) -> None:
    _replace(data_copy / "candidates.csv", "Mohamed Dkhissi,", "Mohamed\x00Dkhissi,")
    assert any(p.startswith("candidates.csv:2: -: control character U+0000") for p in _problems(data_copy))


@pytest.mark.parametrize("written", ["+96", "٩٦", "９６", " 96", "96 "])
def test_a_number_is_written_with_the_digits_0_to_9(data_copy: Path, written: str) -> None:
    _replace(data_copy / "candidates.csv", ",elected,96,", f",elected,{written},")
    assert f"candidates.csv:{VOTES_LINE}: votes: must be written with the digits 0-9 only, got {written!r}" in (
        _problems(data_copy)
    )


def test_a_huge_file_is_refused_before_it_is_read(data_copy: Path) -> None:
    path = data_copy / "events.csv"
    path.write_text(path.read_text("utf-8") + "x" * 50_000_000, "utf-8")
    started = time.monotonic()
    problems = _problems(data_copy)
    assert time.monotonic() - started < 10
    assert any(p.startswith("events.csv:0: -: is 50,00") and "above the limit" in p for p in problems)


def test_a_huge_cell_is_a_problem(data_copy: Path) -> None:
    _replace(data_copy / "candidates.csv", "Mohamed Dkhissi,Mohamed", "Mohamed " + "D" * 200_000 + ",Mohamed")
    assert any(p.startswith("candidates.csv:2: name_en: is 200,008 characters long") for p in _problems(data_copy))


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x/","y")', "+1+2", "@SUM(A1)", "-2+3", "\t=1"])
def test_a_formula_cell_is_a_problem(data_copy: Path, formula: str) -> None:
    rows = list(csv.reader(io.StringIO((data_copy / "candidates.csv").read_text("utf-8"), newline="")))
    rows[1][rows[0].index("position_en")] = formula
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (data_copy / "candidates.csv").write_text(out.getvalue(), "utf-8")
    assert any(p.startswith("candidates.csv:2: position_en: starts with") for p in _problems(data_copy))


def test_a_repeated_header_is_listed_first(data_copy: Path) -> None:
    path = data_copy / "members.csv"
    path.write_text(path.read_text("utf-8") * 2, "utf-8")  # the file pasted twice
    problems = _problems(data_copy)
    assert len(problems) > 50
    assert problems[0] == "members.csv:198: -: repeats the header line"


def test_downloads_neutralise_formula_cells() -> None:
    frame = pd.DataFrame({"name": ['=HYPERLINK("http://x/","y")', "@a", "plain", "-x"], "lon": [-4.2, 1.0, 2.0, 3.0]})
    text = safe_csv(frame).decode("utf-8")
    assert "'=HYPERLINK" in text and "'@a" in text and "'-x" in text and "-4.2" in text and "'-4.2" not in text
    assert safe_csv_text('id,lon\n"=1+2",-4.2\n') == "id,lon\n'=1+2,-4.2\n"


def test_the_snapshot_neutralises_formula_cells(data_copy: Path, tmp_path: Path) -> None:
    from components.snapshot import copy_assets

    _replace(data_copy / "candidates.csv", "Mohamed Dkhissi,Mohamed", '"=HYPERLINK(""http://x/"",""y"")",Mohamed')
    copy_assets(tmp_path / "site", data_copy)
    written = (tmp_path / "site" / "data" / "candidates.csv").read_text("utf-8")
    assert (
        "'=HYPERLINK(" in written
        and "\n=HYPERLINK" not in written
        and ",-4.2888," in (tmp_path / "site" / "data" / "places.csv").read_text("utf-8")
    )
