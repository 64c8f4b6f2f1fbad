"""axe-core (4.12, bundled by axe-playwright-python) over every section in Arabic, English and French,
in the light and the dark theme: no violation of the WCAG 2.0 A/AA and 2.1 AA rules. axe does not judge
what is drawn inside a chart's SVG (see the chart tests for that).

Two pages (light, dark) on one server, each walked through the languages and sections with the
page's own controls (a rerun each, not a page load: the machine's two cores are shared).
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from coloraide import Color
from playwright.sync_api import Page

from components.theme import PALETTES
from tests.browser.ui import LANGS, SECTIONS, NewTab, Tab, choose_language, choose_section, open_share

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SCHEMES = ("light", "dark")
LOW_CONTRAST_PAGE = """<!doctype html><html lang="en"><head><title>Low contrast</title></head>
<body style="background:#ffffff"><main><p style="color:#aaaaaa">Grey text on white: 2.3:1.</p></main></body></html>"""

AXE = Axe()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.0 A/AA and 2.1 AA violations axe-core finds on ``page`` as it is now."""
    violations: list[dict[str, Any]] = AXE.run(page, options=AXE_OPTIONS).response["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per failing element: rule id, impact, CSS target and axe's summary of the fix."""
    return "\n".join(
        f"{rule['id']} ({rule['impact']}) {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
        for rule in violations
        for node in rule["nodes"]
    )


@pytest.fixture(scope="module")
def pages(module_tab: NewTab, app_server: str) -> dict[str, Tab]:
    """One page per colour scheme (Chromium's ``prefers-color-scheme``), reused for every language
    and section."""
    opened = {scheme: module_tab(color_scheme=scheme) for scheme in SCHEMES}
    for tab in opened.values():
        tab.start(f"{app_server}?lang={LANGS[0]}")
    for tab in opened.values():
        tab.settle()
    return opened


def page_background(page: Page) -> str:
    """The app's background colour as ``#rrggbb``."""
    colour = page.get_by_test_id("stApp").evaluate("el => getComputedStyle(el).backgroundColor")
    return str(Color(colour).to_string(hex=True))


@pytest.mark.browser
@pytest.mark.parametrize("view", SECTIONS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations(pages: dict[str, Tab], scheme: str, lang: str, view: str) -> None:
    tab = pages[scheme]
    choose_language(tab.page, lang)
    choose_section(tab.page, lang, view)
    # The page really is in the reader's theme (else a dark run would test the light page twice).
    assert page_background(tab.page) == PALETTES[scheme].background
    violations = axe_violations(tab.page)
    assert not violations, f"{lang} {scheme} {view}:\n{describe(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_share_dialog_has_no_axe_violations(pages: dict[str, Tab], scheme: str, lang: str) -> None:
    page = pages[scheme].page
    choose_language(page, lang)
    open_share(page, lang)
    try:
        violations = axe_violations(page)
    finally:
        page.keyboard.press("Escape")
        page.get_by_role("dialog").wait_for(state="detached")
    assert not violations, f"{lang} {scheme} share dialog:\n{describe(violations)}"


@pytest.mark.browser
def test_axe_finds_low_contrast_text(tab: Tab) -> None:
    """Negative control: the same helper on a page with grey #aaa text on white reports it."""
    tab.page.set_content(LOW_CONTRAST_PAGE)
    violations = axe_violations(tab.page)
    assert [rule["id"] for rule in violations] == ["color-contrast"], describe(violations)
    assert violations[0]["impact"] == "serious"
    assert "2.32" in describe(violations)
