"""Pixel baselines: every section in Arabic and English, light and dark, on a phone (390 px, touch)
and a desktop (1280 px), compared with the screenshot committed for it (``tests/browser/baselines/``).

A change a reader would see fails here until its baselines are written again, on purpose, in the same
commit: ``.venv/bin/python -m pytest tests/browser/test_visual.py --update-baselines`` (fonts come
from the Debian packages ``.ci/test`` installs, so CI draws the same pixels). A failure leaves the
shot and a diff (mismatched pixels in red) in ``artifacts/visual/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.pixels import compare, load_image, save_image
from tests.browser.ui import FRAMES_JS, ROOT, SECTIONS, NewTab, Tab

pytestmark = pytest.mark.browser

BASELINES = Path(__file__).resolve().parent / "baselines"
FAILED = ROOT / "artifacts" / "visual"
# Past this share of an image's pixels mismatched, the shot fails. Streamlit's e2e suite allows 0.2 %
# of an element-sized shot; here a whole page: a chart title 2 px lower mismatches 0.068 % of it, two
# series trading colours 2.3 %.
IMAGE_THRESHOLD = 0.0004
SCREENS: dict[int, dict[str, Any]] = {
    390: {"viewport": {"width": 390, "height": 1600}, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 1800}},
}
CASES = [
    (view, lang, theme, width)
    for view in SECTIONS
    for lang in ("ar", "en")
    for theme in ("light", "dark")
    for width in SCREENS
]


def _name(view: str, lang: str, theme: str, width: int) -> str:
    return f"{view}-{lang}-{theme}-{width}"


def _open(new_tab: NewTab, base: str, view: str, lang: str, theme: str, width: int) -> Tab:
    tab = new_tab(color_scheme=theme, **SCREENS[width])
    tab.open(f"{base}?lang={lang}&view={view}")
    return tab


@pytest.fixture(scope="module")
def screens(module_tab: NewTab) -> Callable[[str, int], Tab]:
    """One page per theme and screen, which every section's shot loads in turn: a reader's browser
    with Streamlit's code in its cache, and a fifth of the fresh browser contexts to start."""
    tabs: dict[tuple[str, int], Tab] = {}

    def screen(theme: str, width: int) -> Tab:
        if (theme, width) not in tabs:
            tabs[theme, width] = module_tab(color_scheme=theme, **SCREENS[width])
        return tabs[theme, width]

    return screen


# A sticky table header drawn on a layer of its own lands half a pixel apart from one load to the
# next; at the top of its table, as in every shot, a static one stands where the sticky one does.
STILL_HEADERS_CSS = ".dash-scroll thead th { position: static !important; }"


def _shoot(tab: Tab) -> bytes:
    tab.page.add_style_tag(content=STILL_HEADERS_CSS)
    tab.page.mouse.move(0, 0)  # no hover label, no hovered button
    tab.page.evaluate(FRAMES_JS)
    return tab.page.screenshot(animations="disabled", caret="hide")


def _mismatch(name: str, shot: bytes) -> str:
    """What differs between ``shot`` and the baseline ``name`` (empty when they match)."""
    baseline = BASELINES / f"{name}.webp"
    if not baseline.is_file():
        return f"{name}: no baseline; write it with --update-baselines"
    image = load_image(shot)
    found = compare(load_image(baseline.read_bytes()), image)
    if found.size_changed:
        save_image(image, FAILED / f"{name}.png")
        return f"{name}: {found.size_changed}"
    if found.share <= IMAGE_THRESHOLD:
        return ""
    save_image(image, FAILED / f"{name}.png")
    if found.diff is not None:
        save_image(found.diff, FAILED / f"{name}-diff.png")
    return f"{name}: {found.mismatched} pixels differ ({found.share:.3%}); see {FAILED / name}-diff.png"


@pytest.mark.parametrize(("view", "lang", "theme", "width"), CASES, ids=[_name(*case) for case in CASES])
def test_section_looks_as_its_baseline(
    app_server: str,
    screens: Callable[[str, int], Tab],
    new_tab: NewTab,
    request: pytest.FixtureRequest,
    view: str,
    lang: str,
    theme: str,
    width: int,
) -> None:
    name = _name(view, lang, theme, width)
    tab = screens(theme, width)
    tab.open(f"{app_server}?lang={lang}&view={view}")
    shot = _shoot(tab)
    if request.config.getoption("--update-baselines"):
        save_image(load_image(shot), BASELINES / f"{name}.webp")
        return
    problem = _mismatch(name, shot)
    if problem:
        # Once more in a new page: a change fails both, a page caught between two layouts does not.
        problem = _mismatch(name, _shoot(_open(new_tab, app_server, view, lang, theme, width)))
    assert not problem, problem


# Negative controls: the comparison fails on the defects it is there for ---------------------------

TITLE_DOWN_2PX_CSS = ".dash-chart-title { position: relative; top: 2px; }"
# The timeline's first two series (event categories, each a bar trace and its marker trace) trade
# colours, as a wrong palette entry would.
SWAP_COLOURS_JS = """
() => {
  const state = document.querySelector('.dash-chart[data-chart="timeline-chart"]').parentElement.__dashChart;
  const [first, , second] = state.plot._fullData.map(trace => trace.marker.color);
  return state.plotly.restyle(state.plot, {'marker.color': [second, second, first, first]}, [0, 1, 2, 3]);
}
"""


def test_a_chart_title_moved_2px_fails(app_server: str, new_tab: NewTab) -> None:
    tab = _open(new_tab, app_server, "votes", "ar", "light", 1280)
    assert not _mismatch("votes-ar-light-1280", _shoot(tab)), "the page does not match its baseline to begin with"
    tab.page.add_style_tag(content=TITLE_DOWN_2PX_CSS)
    problem = _mismatch("votes-ar-light-1280", _shoot(tab))
    assert "pixels differ" in problem, "a chart title 2 px lower passed the pixel comparison"


def test_a_swapped_series_colour_fails(app_server: str, new_tab: NewTab) -> None:
    tab = _open(new_tab, app_server, "timeline", "en", "light", 1280)
    assert not _mismatch("timeline-en-light-1280", _shoot(tab)), "the page does not match its baseline to begin with"
    tab.page.evaluate(SWAP_COLOURS_JS)
    problem = _mismatch("timeline-en-light-1280", _shoot(tab))
    assert "pixels differ" in problem, "two series trading colours passed the pixel comparison"
