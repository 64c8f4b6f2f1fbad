"""``digits=arab`` in Chromium: every section of the Arabic page, its charts drawn by plotly.js
included, shows no number in Western digits outside Latin text (names, ids), links and verbatim
quotes; a reload keeps the choice; outside Arabic the choice is never offered."""

from __future__ import annotations

import re

import pytest

from components.state import VIEWS
from tests.browser.ui import NewTab, Tab, controls, label, query, wait_for_app
from tests.unit.test_digits import western_numbers

# Every text node of the page (the charts' SVG included), but styles, scripts and verbatim quotes.
TEXT_JS = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('style, script, noscript, blockquote')) continue;
    if (node.textContent.trim()) out.push(node.textContent);
  }
  return out;
}
"""
CHART_TICKS_JS = "() => [...document.querySelectorAll('.js-plotly-plot .xtick text')].map(e => e.textContent)"
ARABIC_INDIC = re.compile("[\u0660-\u0669]")


def western_on_page(tab: Tab) -> list[str]:
    """Numbers in Western digits in the page's text, outside Latin text, links and quotes."""
    texts = tab.page.evaluate(TEXT_JS)
    assert any(ARABIC_INDIC.search(text) or "96" in text for text in texts), "no number found: not the page?"
    return [number for text in texts for number in western_numbers(text)]


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS)
def test_every_section_shows_arabic_indic_digits(app_server: str, new_tab: NewTab, view: str) -> None:
    tab = new_tab()
    tab.open(f"{app_server}?lang=ar&view={view}&digits=arab")
    assert western_on_page(tab) == []
    ticks = tab.page.evaluate(CHART_TICKS_JS)
    if view in ("votes", "timeline"):  # the maps have no axes
        assert ticks and all(ARABIC_INDIC.search(tick) for tick in ticks), ticks
    assert controls(tab.page)[label("ar", "control.digits")] == label("ar", "digits.arab")
    tab.page.reload()
    wait_for_app(tab.page)
    assert query(tab.page.url)["digits"] == ["arab"]
    assert controls(tab.page)[label("ar", "control.digits")] == label("ar", "digits.arab")
    assert western_on_page(tab) == []
    assert not tab.failed


@pytest.mark.browser
def test_the_check_finds_western_digits_where_they_are_the_default(app_server: str, new_tab: NewTab) -> None:
    tab = new_tab()
    tab.open(f"{app_server}?lang=ar&view=timeline")
    assert len(western_on_page(tab)) > 10  # the headline's count, the event list's dates
    assert not any(ARABIC_INDIC.search(tick) for tick in tab.page.evaluate(CHART_TICKS_JS))


@pytest.mark.browser
def test_the_choice_is_never_offered_outside_arabic(app_server: str, new_tab: NewTab) -> None:
    tab = new_tab()
    tab.open(f"{app_server}?lang=en&digits=arab")
    assert "digits" not in query(tab.page.url)
    assert label("en", "control.digits") not in controls(tab.page)
    assert not any(ARABIC_INDIC.search(text) for text in tab.page.evaluate(TEXT_JS))
