"""Keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys): every control is reached in reading order
(the language in the sidebar, then the section picker and the filters over the chart)
with a visible focus indicator, and the region, the section and the language change, in the URL and
on the page.

A focus indicator is "visible" when the pixels around the focused control differ from a screenshot
of the same page with nothing focused (whatever Streamlit draws: ring, border, outline).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page

from components.i18n import t
from tests.browser.ui import LANGUAGE_LABELS, Tab, charts, label, url_value, wait_for_app

LANGUAGE_GROUP = "Language · اللغة · Langue"
MAX_TABS = 40
# What has focus: the control's name (its group's label, else its own), its role, its text (a radio
# option's: its label's) and the box a focus indicator would be drawn around (a radio option's label).
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const group = el.closest('[role="radiogroup"]');
  const name = (group && group.getAttribute('aria-label')) || el.getAttribute('aria-label')
    || (el.innerText || '').trim().split('\\n')[0];
  const shown = el.closest('label') || el;
  const r = shown.getBoundingClientRect();
  return {name, role: el.getAttribute('role') || el.tagName.toLowerCase(), text: (shown.innerText || '').trim(),
          box: [r.left, r.top, r.right, r.bottom], scroll: [scrollX, scrollY,
          ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
            .map(e => e.scrollTop)]};
}
"""


def focused(page: Page) -> dict[str, Any]:
    """What has keyboard focus now (see ``FOCUSED_JS``)."""
    result: dict[str, Any] = page.evaluate(FOCUSED_JS) or {}
    return result


def shot(page: Page) -> Image.Image:
    """The viewport as an image."""
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def focus_drawn(page: Page, unfocused: Image.Image, stop: dict[str, Any]) -> bool:
    """Whether the pixels around the focused control differ from the page with nothing focused."""
    left, top, right, bottom = stop["box"]
    area = (max(0, int(left) - 6), max(0, int(top) - 6), int(right) + 6, int(bottom) + 6)
    return ImageChops.difference(shot(page).crop(area), unfocused.crop(area)).getbbox() is not None


def tab_to(page: Page, name: str, key: str = "Tab") -> dict[str, Any]:
    """Press ``key`` (Tab or Shift+Tab) until the control named ``name`` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        stop = focused(page)
        if stop.get("name") == name:
            return stop
    raise AssertionError(f"{name!r} not reached with {key} in {MAX_TABS} presses")


def wait_for_url_change(page: Page, before: str) -> None:
    """Wait until the app has rewritten the URL after a change, then until it is idle."""
    page.wait_for_function("(before) => location.href !== before", arg=before)
    wait_for_app(page)


@pytest.mark.browser
def test_every_control_reached_in_order_with_visible_focus(tab: Tab, app_server: str) -> None:
    page = tab.page
    tab.open(f"{app_server}?lang=en")
    unfocused = shot(page)
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        if stop["scroll"] == stops[0]["scroll"]:  # same view as the unfocused shot: comparable
            assert focus_drawn(page, unfocused, stop), f"no visible focus on {stop['name']!r} ({stop['role']})"
        if stop["name"] == label("en", "control.race"):
            break
    names = [stop["name"] for stop in stops]
    # The section picker, then the votes section's filters over its chart: region and race (the
    # period is the timeline's).
    controls = [LANGUAGE_GROUP, label("en", "control.view"), label("en", "control.region"), label("en", "control.race")]
    assert [name for name in names if name in controls] == controls, names
    # Each group is one stop, its selected option; Shift+Tab goes back to the stop before, Tab returns.
    assert next(stop for stop in stops if stop["name"] == label("en", "control.view"))["text"] == label(
        "en", "view.votes"
    )
    page.keyboard.press("Shift+Tab")
    assert focused(page)["name"] == stops[-2]["name"] == label("en", "control.region")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == label("en", "control.race")


@pytest.mark.browser
def test_keyboard_changes_region_section_and_language(tab: Tab, app_server: str) -> None:
    page = tab.page
    tab.open(f"{app_server}?lang=en")
    # Region: an arrow key moves to the next option and picks it (from "All regions" to Africa).
    tab_to(page, label("en", "control.region"))
    before = page.url
    page.keyboard.press("ArrowDown")
    wait_for_url_change(page, before)
    assert url_value(page, "region") == "africa"

    # Section: the same along its row.
    tab_to(page, label("en", "control.view"))
    before = page.url
    page.keyboard.press("ArrowRight")
    wait_for_url_change(page, before)
    assert focused(page)["text"] == label("en", "view.timeline")
    assert url_value(page, "view") == "timeline"
    drawn = charts(page)
    assert len(drawn) == 1
    assert drawn[0]["yticks"], "the timeline has no event labels"

    # Language: back up to the language radio; an arrow key picks the next language (Arabic).
    tab_to(page, LANGUAGE_GROUP, key="Shift+Tab")
    before = page.url
    page.keyboard.press("ArrowRight")
    wait_for_url_change(page, before)
    assert url_value(page, "lang") == "ar"
    assert page.locator("h1").first.inner_text() == t("ar", "app.title")
    main = page.locator('[data-testid="stMain"] .block-container')
    assert main.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert url_value(page, "view") == "timeline"
    assert url_value(page, "region") == "africa"
    checked = page.get_by_role("radiogroup", name=LANGUAGE_GROUP).locator("input:checked")
    assert checked.evaluate("el => el.closest('label').innerText.trim()") == LANGUAGE_LABELS["ar"]


@pytest.mark.browser
def test_members_table_scrolls_by_keyboard(tab: Tab, app_server: str) -> None:
    """The members table's scroll box is a named stop of its own; arrow keys scroll it."""
    page = tab.page
    tab.open(f"{app_server}?lang=en&view=members")
    name = t("en", "members.table_label", region=label("en", "region.all"))
    stop = tab_to(page, name)
    assert stop["role"] == "region"
    box = page.get_by_role("region", name=name, exact=True)
    assert box.evaluate("el => el.scrollTop") == 0
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    page.wait_for_function("(el) => el.scrollTop > 0", arg=box.element_handle())


@pytest.mark.browser
def test_focus_check_sees_a_missing_ring(tab: Tab) -> None:
    """Negative control of ``focus_drawn``: a button whose focus ring is removed is caught."""
    page = tab.page
    page.set_content(
        '<button id="plain">With ring</button> <button id="bare" style="outline:none">No ring</button>'
        "<style>body{background:#fff;margin:40px} button{font-size:20px}</style>"
    )
    unfocused = shot(page)
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "With ring"
    assert focus_drawn(page, unfocused, focused(page))
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "No ring"
    assert not focus_drawn(page, unfocused, focused(page))
