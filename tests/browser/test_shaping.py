"""Arabic is shaped and in reading order in every chart and in the page's own labels, measured in
Chromium (see :mod:`tests.browser.shaping`). Negative controls show that the checks can fail: raw
text in an LTR SVG (how plotly.js draws) comes out in the wrong order, and text run through
arabic_reshaper + python-bidi (meant for rasterisers that shape nothing) is not shaped by the
browser."""

from __future__ import annotations

import arabic_reshaper
import pytest
from bidi.algorithm import get_display

from components.figures.layout import FONT_STACK
from tests.browser.shaping import (
    PDI,
    RLI,
    Measured,
    expects_join,
    inject_svg_text,
    measure_html_labels,
    measure_svg_texts,
    order_problem,
    problems,
    width_problem,
)
from tests.browser.ui import SECTIONS, NewTab, Tab, choose_section, choose_zoom, label

# Arabic with Latin text, digits and brackets: the label that breaks in an LTR context.
SAMPLE = "مصر (INTERPOL 2024)"
CHART_VIEWS = ("votes", "timeline", "timeline-campaign", "timeline-history", "map")
UI_LABELS = ", ".join(
    (
        ".dash-headline",
        "h1",
        '[data-testid="stSidebar"] [data-testid="stWidgetLabel"] p',
        '[data-testid="stMain"] [data-testid="stWidgetLabel"] p',
        '[data-testid="stRadioOption"] p',
    )
)


@pytest.fixture(scope="module")
def arabic(module_tab: NewTab, app_server: str) -> Tab:
    """The app in Arabic, shared by this module."""
    tab = module_tab()
    tab.open(f"{app_server}?lang=ar")
    return tab


@pytest.fixture(scope="module")
def measured(arabic: Tab) -> dict[str, list[Measured]]:
    """Every Arabic SVG text of every section (and of each timeline period)."""
    page = arabic.page
    found = {}
    for view in SECTIONS:
        choose_section(page, "ar", view)
        found[view] = measure_svg_texts(page)
    choose_section(page, "ar", "timeline")
    for zoom in ("campaign", "history"):
        choose_zoom(page, "ar", zoom)
        found[f"timeline-{zoom}"] = measure_svg_texts(page)
    choose_zoom(page, "ar", "assembly")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("view", CHART_VIEWS)
def test_chart_text_is_shaped_and_in_order(measured: dict[str, list[Measured]], view: str) -> None:
    """Titles, subtitles, ticks, legends, annotations and bar texts: joined letters, RTL order."""
    items = measured[view]
    assert items, f"no Arabic text in the charts of {view}"
    assert any(expects_join(item.text) for item in items)
    assert any(len(line.svg) > 1 for item in items for line in item.lines)
    found = problems(items)
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_sections_without_charts(measured: dict[str, list[Measured]]) -> None:
    """Members and sources are tables and lists: no SVG text to check there."""
    assert measured["members"] == []
    assert measured["sources"] == []


@pytest.mark.browser
def test_arabic_ui_labels_are_shaped(arabic: Tab) -> None:
    """The title, headline, section switch and sidebar labels are drawn with joined letters."""
    labels = []
    for view in ("votes", "timeline"):  # the race filter is shown in one, the period in the other
        choose_section(arabic.page, "ar", view)
        labels += measure_html_labels(arabic.page, UI_LABELS)
    texts = {item.text for item in labels}
    for key in ("control.region", "control.race", "control.zoom", *(f"view.{view}" for view in SECTIONS)):
        assert label("ar", key) in texts, f"{label('ar', key)!r} not measured"
    assert any("المغرب" in text and "96" in text for text in texts), "headline not measured"
    found = [problem for problem in map(width_problem, labels) if problem]
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_order_check_rejects_raw_text_in_ltr_svg(arabic: Tab) -> None:
    """Negative control: unwrapped text in an LTR SVG puts مصر on the wrong side."""
    selector = inject_svg_text(arabic.page, "control-raw", SAMPLE, FONT_STACK)
    try:
        [item] = measure_svg_texts(arabic.page, selector)
    finally:
        arabic.page.evaluate("() => document.getElementById('control-raw').remove()")
    assert order_problem(item) is not None, "the order check accepted raw text in an LTR SVG"
    # The browser still shapes it: only the order is wrong.
    assert width_problem(item) is None


@pytest.mark.browser
def test_width_check_rejects_reshaped_text(arabic: Tab) -> None:
    """Negative control: reshaper + bidi output (presentation forms, visual order) is not shaped by
    the browser, in SVG and in HTML."""
    reshaped = get_display(arabic_reshaper.reshape(SAMPLE))
    assert any("\ufe70" <= char <= "\ufeff" for char in reshaped)
    selector = inject_svg_text(arabic.page, "control-reshaped", reshaped, FONT_STACK)
    try:
        [item] = measure_svg_texts(arabic.page, selector)
        arabic.page.evaluate(
            "(text) => { const p = document.createElement('p'); p.id = 'control-reshaped-html';"
            " p.className = 'dash-headline'; p.textContent = text;"
            " document.querySelector('[data-testid=\"stMainBlockContainer\"]').prepend(p); }",
            reshaped,
        )
        [html_item] = measure_html_labels(arabic.page, "#control-reshaped-html")
    finally:
        arabic.page.evaluate(
            "() => ['control-reshaped', 'control-reshaped-html'].forEach(id => document.getElementById(id).remove())"
        )
    assert width_problem(item) is not None, f"the width check accepted reshaped SVG text ({item.ratio:.4f})"
    assert width_problem(html_item) is not None, f"the width check accepted reshaped HTML ({html_item.ratio:.4f})"


@pytest.mark.browser
def test_checks_accept_isolated_text(arabic: Tab) -> None:
    """Positive control: the same text in RLI...PDI, as the app sends it, passes both checks."""
    selector = inject_svg_text(arabic.page, "control-isolated", f"{RLI}{SAMPLE}{PDI}", FONT_STACK)
    try:
        [item] = measure_svg_texts(arabic.page, selector)
    finally:
        arabic.page.evaluate("() => document.getElementById('control-isolated').remove()")
    assert problems([item]) == []
