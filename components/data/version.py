"""The data's version: one short hash of ``data/`` (its CSV files and its package's resources), and
the date of the last data change (the newest entry of ``data/CHANGELOG.md``).

The version is what a citation, a download's file name and ``datapackage.json`` carry, so a reader
can tell which state of the data a figure came from. ``python -m components.data version data/``
writes it into the package; the data check reports a package whose version is stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from components.data.records import Problem
from components.data.schema import DATA_DIR, PACKAGE_FILE, read_package

CHANGELOG_FILE = "CHANGELOG.md"
# Streamlit serves only static/ (a symlink out of it is refused), and a .txt file as
# text/plain; charset=utf-8, which a browser shows in place: the app links this copy.
SERVED_CHANGELOG = Path(__file__).resolve().parents[2] / "static" / "data" / "CHANGELOG.txt"
VERSION_LENGTH = 12
# An entry of the changelog starts with its date: "## 2026-12-03".
ENTRY_HEADING = re.compile(r"^## (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)
RUN_COMMAND = "python -m components.data version data/"


def _resources(folder: Path) -> list[Any]:
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    resources: list[Any] = descriptor["resources"]
    return resources


def data_version(folder: Path = DATA_DIR) -> str:
    """A short hash of every CSV file the package lists and of its resources (schemas included)."""
    digest = hashlib.sha256()
    # Canonical JSON: the package's own "version" and its formatting do not change the version.
    digest.update(json.dumps(_resources(folder), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    for table in read_package(folder):
        digest.update(b"\0" + table.file.encode("utf-8") + b"\0")
        # A checkout with CRLF line ends (git on Windows) holds the same data.
        digest.update((folder / table.file).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:VERSION_LENGTH]


def changelog_dates(folder: Path = DATA_DIR) -> list[dt.date]:
    """The dates of the changelog's entries, in the file's order (newest first when it is right)."""
    text = (folder / CHANGELOG_FILE).read_text(encoding="utf-8")
    return [dt.date.fromisoformat(found) for found in ENTRY_HEADING.findall(text)]


def last_change(folder: Path = DATA_DIR) -> dt.date:
    """The date of the newest entry of ``CHANGELOG.md`` (ValueError when it has none)."""
    dates = changelog_dates(folder)
    if not dates:
        raise ValueError(f"{CHANGELOG_FILE} has no entry '## YYYY-MM-DD'")
    return max(dates)


def written_version(folder: Path = DATA_DIR) -> str | None:
    """The version ``datapackage.json`` states, if any."""
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    version = descriptor.get("version")
    return str(version) if version is not None else None


def changelog_problems(folder: Path = DATA_DIR) -> list[Problem]:
    """What is wrong with ``CHANGELOG.md``: missing, no dated entry, entries not newest first."""
    if not (folder / CHANGELOG_FILE).is_file():
        return [Problem(CHANGELOG_FILE, 0, "-", "file is missing", structural=True)]
    dates = changelog_dates(folder)
    if not dates:
        return [Problem(CHANGELOG_FILE, 0, "-", "has no entry '## YYYY-MM-DD'")]
    if dates != sorted(dates, reverse=True):
        return [Problem(CHANGELOG_FILE, 0, "-", "entries must be newest first")]
    return []


def version_problems(folder: Path = DATA_DIR) -> list[Problem]:
    """What the editor must refresh after a change: the package's version and, for the project's own
    data, the copy of the changelog the app serves."""
    problems = []
    version, written = data_version(folder), written_version(folder)
    if written != version:
        message = f"is {written!r}, the data is version {version!r}: run {RUN_COMMAND}"
        problems.append(Problem(PACKAGE_FILE, 0, "version", message))
    if folder.resolve() == DATA_DIR.resolve() and _served_is_stale(folder):
        message = f"static/data/CHANGELOG.txt differs from it: run {RUN_COMMAND}"
        problems.append(Problem(CHANGELOG_FILE, 0, "-", message))
    return problems


def _served_is_stale(folder: Path) -> bool:
    source = folder / CHANGELOG_FILE
    return not SERVED_CHANGELOG.is_file() or SERVED_CHANGELOG.read_bytes() != source.read_bytes()


def write_version(folder: Path = DATA_DIR) -> str:
    """Write the data's version into ``datapackage.json`` (and, for the project's data, refresh the
    changelog the app serves); return the version."""
    version = data_version(folder)
    path = folder / PACKAGE_FILE
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    # "version" right after "name", where Frictionless writes it; every other key keeps its place.
    ordered: dict[str, Any] = {}
    for key, value in descriptor.items():
        if key != "version":
            ordered[key] = value
        if key == "name":
            ordered["version"] = version
    ordered.setdefault("version", version)
    path.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if folder.resolve() == DATA_DIR.resolve():
        SERVED_CHANGELOG.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / CHANGELOG_FILE, SERVED_CHANGELOG)
    return version
