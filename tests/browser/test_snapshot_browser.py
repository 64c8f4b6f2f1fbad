"""The offline snapshot opened from file:// in Chromium: a first view of at most 1.5 MB, every chart
drawn once scrolled to, the Africa map filled, the web fonts loaded, and not one request leaving the page.

Self-contained but for the snapshot it opens (tests/conftest.py ``snapshot_site``, built once per run): it
drives Debian's Chromium itself.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.ui import FRAMES_JS, wait_for_box_settled, wait_for_network_quiet, wait_for_resize
from tools.chromium import CHROMIUM_ARGS, find_chromium

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
TIMEOUT_MS = 120_000
# What a static host sends for a first view: each file's brotli twin where the snapshot has one (it
# writes them for hosts that serve them), else the file. Measured 0.49 MB; raw, the same files are
# 1.5 MB, most of it plotly.js (1.19 MB, 0.33 MB as brotli).
FIRST_VIEW_BYTES = 600_000
FIRST_DRAWN = "() => document.querySelector('.dash-chart[data-drawn=\"true\"]') !== null"
DRAWN = """() => {
  const declared = document.querySelectorAll('.dash-chart-slot').length;
  const drawn = document.querySelectorAll('.dash-chart-slot .dash-chart[data-drawn="true"]').length;
  return declared > 0 && drawn === declared
    && document.querySelectorAll('#map-region .choroplethlocation').length > 0;
}"""


@dataclass(frozen=True)
class Visit:
    """What one page looked like once drawn."""

    first_view_bytes: int
    declared: int
    drawn: int
    main_svgs: int
    choropleth_paths: int
    loaded_fonts: tuple[str, ...]
    requests: tuple[str, ...]
    failed: tuple[str, ...]
    errors: tuple[str, ...]


def _sent(path: Path) -> int:
    """The bytes a static host sends for ``path``: its brotli twin's size if it has one."""
    twin = path.with_name(path.name + ".br")
    return (twin if twin.is_file() else path).stat().st_size


def _visit(browser: Browser, path: Path, screenshot: Path | None) -> Visit:
    page: Page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(FIRST_DRAWN, timeout=TIMEOUT_MS)
    # What the first view loads by itself has been asked for: the network idle, two frames passed.
    wait_for_network_quiet(page)
    first_view = sum(_sent(Path(url.removeprefix("file://"))) for url in requests if url.startswith("file:"))
    # Charts load as they near the screen: scroll through the whole page once.
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    for y in range(0, height, 600):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.evaluate(FRAMES_JS)  # two frames: the charts' intersection observers have seen the scroll
    page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    page.evaluate("window.scrollTo(0, 0)")
    count = page.evaluate
    visit = Visit(
        first_view_bytes=first_view,
        declared=count("document.querySelectorAll('.dash-chart-slot').length"),
        drawn=count("document.querySelectorAll('.dash-chart[data-drawn=\"true\"]').length"),
        main_svgs=count("document.querySelectorAll('.js-plotly-plot .main-svg').length"),
        choropleth_paths=count("document.querySelectorAll('#map-region .choroplethlocation').length"),
        loaded_fonts=tuple(
            count("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)")
        ),
        requests=tuple(requests),
        failed=tuple(failed),
        errors=tuple(errors),
    )
    if screenshot is not None:
        _screenshot_whole_page(page, screenshot)
    page.close()
    return visit


def _screenshot_whole_page(page: Page, path: Path) -> None:
    # Growing the viewport first: a full-page capture resizes it mid-shot, and the responsive charts
    # redraw while being captured.
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    page.set_viewport_size({"width": 1280, "height": height})
    # Every chart has redrawn for the taller viewport and stopped moving (ui.RESIZED_JS).
    wait_for_resize(page, 1280)
    wait_for_box_settled(page, "body")
    page.screenshot(path=str(path))


def _visit_all(site: Path) -> dict[str, Visit]:
    chromium = find_chromium()
    if chromium is None:
        pytest.fail("Chromium not found: apt-get install -y chromium fonts-noto-core")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return {
                "ar": _visit(browser, site / "index-ar.html", ARTIFACTS / "snapshot-ar.png"),
                "en": _visit(browser, site / "index-en.html", None),
            }
        finally:
            browser.close()


@pytest.fixture(scope="module")
def visits(snapshot_site: Path) -> dict[str, Visit]:
    # A thread of its own: a Playwright another module started may still own this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_visit_all, snapshot_site).result()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_chart_is_drawn(visits: dict[str, Visit], lang: str) -> None:
    visit = visits[lang]
    assert visit.declared >= 9, "vote share per race, three timelines, two maps"
    assert visit.drawn == visit.declared
    assert visit.main_svgs >= visit.drawn
    assert not visit.errors


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_first_view_is_light(visits: dict[str, Visit], lang: str) -> None:
    assert visits[lang].first_view_bytes <= FIRST_VIEW_BYTES, visits[lang].first_view_bytes


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_africa_map_has_its_countries(visits: dict[str, Visit], lang: str) -> None:
    assert visits[lang].choropleth_paths >= 50


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_request_leaves_the_page(visits: dict[str, Visit], lang: str) -> None:
    visit = visits[lang]
    assert [url for url in visit.requests if not url.startswith(LOCAL_SCHEMES)] == []
    assert visit.failed == ()


def test_arabic_page_uses_its_own_fonts(visits: dict[str, Visit]) -> None:
    assert {"Noto Sans Arabic 400", "Noto Sans 400"} <= set(visits["ar"].loaded_fonts)
