"""The page shell: the headline in Arabic and English, the page's direction, and a screenshot of
every section in Arabic and English on a desktop and in Arabic on a phone
(``artifacts/screenshots/<lang>-<section>-<width>.png``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy
import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.ui import (
    DESKTOP,
    PHONE,
    SECTIONS,
    NewTab,
    Tab,
    charts,
    choose_section,
    controls,
    label,
    screenshot,
    wait_for_box_settled,
)

VIEWPORTS = {1280: DESKTOP, 390: PHONE}
WALKS = [("ar", 1280), ("en", 1280), ("ar", 390)]
# The scrolling elements that are wider than they are shown (page-level sideways scroll).
SIDEWAYS_JS = """
() => [...document.querySelectorAll('[data-testid="stMain"], html, body')]
  .filter(el => el.scrollWidth > el.clientWidth)
  .map(el => `${el.getAttribute('data-testid') || el.tagName}: ${el.scrollWidth} px content in ${el.clientWidth} px`)
"""


@pytest.fixture(scope="module")
def pages(module_tab: NewTab, app_server: str) -> dict[tuple[str, int], Tab]:
    """The app opened once per language and width, shared by the tests of this module."""
    opened = {}
    for lang, width in WALKS:
        opened[lang, width] = module_tab(viewport=VIEWPORTS[width])
        opened[lang, width].start(f"{app_server}?lang={lang}")
    for tab in opened.values():
        tab.settle()
    return opened


def assert_section_drawn(page: Page, lang: str, view: str) -> None:
    """The section control shows ``view`` and the section's own content is on the page."""
    assert controls(page)[label(lang, "control.view")] == label(lang, f"view.{view}")
    drawn = charts(page)
    main = page.get_by_test_id("stMain")
    if view == "votes":
        assert len(drawn) == 1
        assert drawn[0]["traces"][0]["type"] == "bar"
    elif view == "timeline":
        assert len(drawn) == 1
        assert drawn[0]["yticks"], "the timeline has no event labels"
    elif view == "map":
        assert len(drawn) == 3  # region, city, route
        assert drawn[0]["traces"][0]["type"] == "choropleth"
    elif view == "members":
        assert not drawn
        # A table of the members (HTML or Streamlit's data grid).
        assert main.locator('table, [data-testid="stDataFrame"]').count() >= 1
        assert "196" in main.locator("h3").first.inner_text()
    else:
        assert not drawn
        assert main.locator("h3").first.inner_text() == label(lang, "view.sources")
        assert main.get_by_test_id("stExpander").count() >= 1


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "words"),
    [("ar", ("96", "المغرب")), ("en", ("Morocco", "96"))],
)
def test_headline(pages: dict[tuple[str, int], Tab], lang: str, words: tuple[str, ...]) -> None:
    """The sourced one-sentence headline is visible and names the winner's country and votes."""
    page = pages[lang, 1280].page
    headline = page.locator(".dash-headline")
    assert headline.is_visible()
    text = headline.inner_text()
    for word in words:
        assert word in text, f"{word!r} not in the {lang} headline {text!r}"
    assert page.locator("h1").first.inner_text() == label(lang, "app.title")


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_page_direction(pages: dict[tuple[str, int], Tab], lang: str, direction: str) -> None:
    """Arabic turns the main column and the sidebar right to left; English stays left to right."""
    page = pages[lang, 1280].page
    main = page.get_by_test_id("stMainBlockContainer")
    assert main.evaluate("el => getComputedStyle(el).direction") == direction
    sidebar = page.get_by_test_id("stSidebarContent")
    assert sidebar.evaluate("el => getComputedStyle(el).direction") == direction
    # plotly.js draws in LTR and the figures mirror themselves: their containers must stay LTR.
    chart = page.locator(".dash-chart").first
    assert chart.evaluate("el => getComputedStyle(el).direction") == direction
    plot = page.locator(".dash-chart .dash-plot").first
    assert plot.evaluate("el => getComputedStyle(el).direction") == "ltr"


@dataclass
class Walk:
    """One page taken through every section: screenshots saved, and where the page scrolled sideways."""

    screenshots: dict[str, Path] = field(default_factory=dict)
    sideways: dict[str, list[str]] = field(default_factory=dict)
    # Where each section's own content (its first chart's plot, the members' table, the sources'
    # heading) lay in the viewport when its screenshot was taken, and the text it carried.
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)


# The section's own content as it lies in the viewport (clipped to it) when the shot is taken: the
# first chart's drawn plot (its SVG, live or first paint), the members' table, the sources' heading.
REGION_JS = """
(view) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const pick = {
    votes: '.dash-chart', timeline: '.dash-chart', map: '.dash-chart',
    members: 'table, [data-testid="stDataFrame"]', sources: 'h3',
  }[view];
  const own = main.querySelector(pick);
  if (!own) return null;
  const drawn = own.matches('.dash-chart')
    ? [...own.querySelectorAll('.main-svg, .dash-paint svg')].find(e => e.getBoundingClientRect().width > 0
        && getComputedStyle(e).visibility === 'visible')
    : own;
  if (!drawn) return {text: own.innerText, box: null};
  const r = drawn.getBoundingClientRect();
  const left = Math.max(0, r.left), top = Math.max(0, r.top);
  const right = Math.min(window.innerWidth, r.right), bottom = Math.min(window.innerHeight, r.bottom);
  const box = right - left >= 1 && bottom - top >= 1 ? {left, top, right, bottom} : null;
  return {text: (own.closest('.dash-chart') || own).innerText, box, scale: window.devicePixelRatio};
}
"""
# Share of a region's pixels that must differ from its most common colour (its background): a
# blank, hidden or covered region has none; a drawn chart or heading has 1.6 % (the map) to 16 %.
INKED_SHARE = 0.005


def inked_share(path: Path, region: dict[str, Any]) -> float:
    """The share of the screenshot's pixels inside ``region`` (CSS px) that are not its background."""
    box, scale = region["box"], region["scale"]
    with Image.open(path) as image:
        crop = image.convert("RGB").crop(tuple(round(box[side] * scale) for side in ("left", "top", "right", "bottom")))
    pixels = numpy.asarray(crop, dtype=int).reshape(-1, 3)
    colours, counts = numpy.unique(pixels, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    return float((numpy.abs(pixels - background).max(axis=1) > 48).mean())


@pytest.fixture(scope="module")
def walks(pages: dict[tuple[str, int], Tab]) -> Callable[[str, int], Walk]:
    """Take a page through every section once (checking each is drawn); later calls reuse it."""
    done: dict[tuple[str, int], Walk] = {}

    def walk(lang: str, width: int) -> Walk:
        if (lang, width) not in done:
            tab, result = pages[lang, width], Walk()
            for view in SECTIONS:
                choose_section(tab.page, lang, view)
                assert_section_drawn(tab.page, lang, view)
                result.regions[view] = tab.page.evaluate(REGION_JS, view)
                result.screenshots[view] = screenshot(tab.page, f"{lang}-{view}-{width}")
                wide = tab.page.evaluate(SIDEWAYS_JS)
                if wide:
                    result.sideways[view] = wide
            assert not tab.failed, tab.failed
            done[lang, width] = result
        return done[lang, width]

    return walk


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "width"), WALKS)
def test_section_screenshots(walks: Callable[[str, int], Walk], lang: str, width: int) -> None:
    """Every section draws its content; a screenshot of each is saved for review, and in it the
    section's own content (its first chart's plot, the members' table, the sources' heading) lies
    in the shot and is inked there (not blank, hidden or covered)."""
    walk = walks(lang, width)
    shots = walk.screenshots
    assert list(shots) == list(SECTIONS)
    for path in shots.values():
        assert path.stat().st_size > 10_000, f"{path.name} looks empty"
    found = []
    for view, path in shots.items():
        region = walk.regions[view]
        if region is None:
            found.append(f"{path.name}: no content of its own on the page")
            continue
        if region["box"] is None:
            found.append(f"{path.name}: its content is not drawn in the shot ({region['text'][:60]!r})")
            continue
        share = inked_share(path, region)
        if share < INKED_SHARE:
            found.append(f"{path.name}: its content's region {region['box']} is blank ({share:.2%} inked)")
    # Each shot shows its own section: the content named in each differs from section to section.
    texts = [walk.regions[view]["text"] for view in SECTIONS if walk.regions[view]]
    if len(set(texts)) != len(texts):
        found.append(f"two sections show the same content: {texts}")
    assert not found, "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "width"), WALKS)
def test_no_section_scrolls_sideways(walks: Callable[[str, int], Walk], lang: str, width: int) -> None:
    """Nothing in any section is wider than the screen (the page would scroll sideways)."""
    assert walks(lang, width).sideways == {}


SIDE_JS = """
() => {
  const box = (id) => { const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
                        return {left: r.left, right: r.right, width: r.width}; };
  return {sidebar: box('stSidebar'), main: box('stMain'), viewport: window.innerWidth};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "side"), [("ar", "right"), ("en", "left")])
def test_sidebar_stands_where_the_language_starts(new_tab: NewTab, app_server: str, lang: str, side: str) -> None:
    """Arabic puts the sidebar on the right, open or collapsed, on a desktop and on a phone."""
    desktop = new_tab(viewport={"width": 1280, "height": 800})
    desktop.open(f"{app_server}?lang={lang}")
    page = desktop.page
    boxes = page.evaluate(SIDE_JS)
    if side == "right":
        assert boxes["sidebar"]["left"] >= boxes["main"]["right"] - 1 and boxes["sidebar"]["right"] == 1280, boxes
    else:
        assert boxes["sidebar"]["right"] <= boxes["main"]["left"] + 1 and boxes["sidebar"]["left"] == 0, boxes
    page.get_by_test_id("stSidebar").hover()
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]').offsetWidth === 1280")
    phone = new_tab(viewport={"width": 320, "height": 844}, is_mobile=True, has_touch=True)
    phone.open(f"{app_server}?lang={lang}")
    # Collapsed, nothing of the sidebar shows over the page: not the sidebar, not any text in it.
    shown = phone.page.get_by_test_id("stSidebarContent").evaluate(
        "root => [root, ...root.querySelectorAll('*')].filter(e => { const r = e.getBoundingClientRect();"
        " return getComputedStyle(e).visibility === 'visible' && r.right > 0 && r.left < window.innerWidth"
        " && r.width > 0 && r.height > 0; }).map(e => (e.textContent || e.tagName).slice(0, 40))"
    )
    assert not shown, f"the collapsed sidebar shows over the page: {shown}"
    phone.page.get_by_test_id("stExpandSidebarButton").click()
    # The sidebar slides in: wait until its box stops moving (no transition left, same box two frames).
    wait_for_box_settled(phone.page, '[data-testid="stSidebar"]')
    opened = phone.page.evaluate(SIDE_JS)["sidebar"]
    edge = opened["right"] if side == "right" else opened["left"]
    assert edge == (320 if side == "right" else 0) and opened["width"] > 200, opened
