"""Errors stay private (issue #23, finding 6): a reader gets a clear message, never a traceback,
an exception's text or a server path; the detail goes to the server's log."""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path

import pytest

from components.views import charts, headline
from tests.apptest.test_app import charts as charts_sent
from tests.apptest.test_app import open_app, page_text

ROOT_DIR = Path(__file__).resolve().parents[2]

SECRET = "/srv/secret/path.py"


def _shown(at: object) -> str:
    """Every text the page shows: Markdown, HTML blocks, alerts and the exception elements."""
    parts = [page_text(at)]  # type: ignore[arg-type]
    for kind in ("error", "warning", "info", "exception"):
        parts += [str(element.proto) for element in getattr(at, kind)]
    return "\n".join(parts)


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError(f"failed in {SECRET}")


def test_streamlit_never_shows_error_details_to_readers() -> None:
    config = tomllib.loads((ROOT_DIR / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_a_package_without_a_resource_is_a_listed_problem(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text("utf-8"))
    package["resources"] = [resource for resource in package["resources"] if resource["name"] != "places"]
    path.write_text(json.dumps(package), "utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(lang="en")
    assert not at.exception
    shown = _shown(at)
    assert "datapackage.json:0: places: " in shown
    assert "KeyError" not in shown and str(data_copy) not in shown


def test_a_failing_dashboard_shows_a_message_and_logs_the_detail(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(headline, "render", _boom)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = open_app(lang="en")
    assert not at.exception
    assert len(at.error) == 1 and "could not be shown" in at.error[0].value
    assert SECRET not in _shown(at) and "RuntimeError" not in _shown(at)
    assert SECRET in caplog.text


def test_a_failing_chart_frame_shows_a_message(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(charts, "show", _boom)
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = open_app(lang="ar", embed="true", frame="chart")
    assert not at.exception
    assert at.warning and SECRET not in _shown(at)
    assert SECRET in caplog.text


def test_a_link_with_many_unknown_keys_gets_a_short_notice() -> None:
    # Finding 8: key names can spell a message; the notice names five of them, then counts the rest.
    # (990: Streamlit itself ignores a query string of more than 1,000 parameters.)
    at = open_app(lang="en", **{f"__k{i}__": "x" for i in range(990)})
    assert not at.exception and len(at.info) == 1
    notice = at.info[0].value
    assert notice.count("is not a setting") == 5 and "and 985 more" in notice
    assert len(notice) < 400
    assert r"\_\_k0\_\_" in notice  # a key's underscores are not Markdown emphasis


def test_broken_data_is_checked_once_per_state_of_its_files(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Finding 5: a failed check was not cached, so every rerun of every reader checked again.
    from components.data import loading

    calls: list[Path] = []
    real = loading.check_folder

    def counted(folder: Path) -> object:
        calls.append(folder)
        return real(folder)

    monkeypatch.setattr(loading, "check_folder", counted)
    path = data_copy / "candidates.csv"
    path.write_text(path.read_text("utf-8").replace(",MAR,", ",XXX,", 1), "utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(lang="en")
    at.run()
    open_app(lang="ar")
    assert len(calls) == 1 and "candidates.csv:2: country_iso3:" in page_text(at)
    path.write_text(path.read_text("utf-8").replace(",XXX,", ",MAR,", 1), "utf-8")  # fixed
    at = open_app(lang="en")
    assert len(calls) == 2 and not at.error and charts_sent(at)
