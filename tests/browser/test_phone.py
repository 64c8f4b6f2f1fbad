"""On a phone (390x844, touch) the answer and the first chart are on the first screen, and the
timeline's event list names exactly the rows its chart draws, in the same order.

First screen, in ar, en and fr on the default view: the headline with Morocco's 96 votes lies
inside the viewport and the first chart's plot starts in the upper 60 % of the screen. The region
filter (and the race filter) is there too, seen and tapped without opening the sidebar; in Arabic
the button that opens the sidebar stands on the right, where the sidebar opens.

Timeline, for each zoom with every region and with Africa only: one list item per row of the
chart, each with a date, a title, a category and a source link; at 390 px the chart numbers its
rows 1..N from the top and row k is the list's item k; at 1280 px (the same page, resized) the rows
show the titles, which read as the list does.

Negative controls at the end run the same checks on pages broken on purpose.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from components.data.schema import EVENT_CATEGORIES
from components.tables.timeline import PRESETS
from tests.browser.ui import LANGS, NewTab, Tab, label, wait_for_app, wait_for_resize

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP_WIDTH = 1280
FIRST_SCREEN = 0.6
TOUCH = {"is_mobile": True, "has_touch": True}
REGIONS = ("all", "africa")

FIRST_SCREEN_JS = """
() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const headline = document.querySelector('.dash-headline');
  const plot = document.querySelector('.dash-plot');
  return {headline: headline && {text: headline.textContent, box: box(headline),
                                 visible: headline.checkVisibility()},
          plot: box(plot), width: innerWidth, height: innerHeight};
}
"""
# The timeline's rows top to bottom as drawn (each tick's text, its lines joined by spaces, and the
# category it stands for), and the event list's items.
TIMELINE_JS = r"""
() => {
  const strip = s => String(s).replace(/[\u2066-\u2069]/g, '').replace(/<br>/g, ' ').replace(/\s+/g, ' ').trim();
  const gd = document.querySelector('.dash-chart[data-chart="timeline-chart"] .js-plotly-plot');
  const categories = gd._fullLayout.yaxis._categories;
  const ticks = [...gd.querySelectorAll('.ytick text')].map(t => {
    const lines = [...t.querySelectorAll('tspan.line')];
    return {text: strip(lines.length ? lines.map(l => l.textContent).join(' ') : t.textContent),
            category: strip(categories[t.__data__.x]), top: t.getBoundingClientRect().top};
  }).sort((a, b) => a.top - b.top);
  const items = [...document.querySelectorAll('ol.dash-events li')].map(li => {
    const part = s => { const e = li.querySelector(s); return e ? strip(e.textContent) : ''; };
    const link = li.querySelector('.dash-event-meta a[href^="http"]');
    return {date: part('.dash-event-date'), title: part('.dash-event-title'), meta: part('.dash-event-meta'),
            link: link ? link.href : null};
  });
  return {rows: categories.length, ticks, items, width: gd.getBoundingClientRect().width};
}
"""
# Fold the quote out again on the phone (what the phone styles fold away): the chart moves down.
UNFOLD_JS = """
() => { const s = document.createElement('style'); s.id = 'unfold';
        s.textContent = '.dash-block > .dash-quote { display: block !important; font-size: 1.6rem; }';
        document.head.appendChild(s); }
"""


@pytest.fixture(scope="module")
def phones(module_tab: NewTab, app_server: str) -> dict[str, Tab]:
    """A touch phone per language, on the default view (the vote share); the timeline checks then
    take it to the timeline."""
    tabs = {}
    for lang in LANGS:
        tab = module_tab(viewport=PHONE, **TOUCH)
        tab.open(f"{app_server}?lang={lang}")
        tabs[lang] = tab
    return tabs


def first_screen_problems(page: Page) -> list[str]:
    """The headline (with 96) inside the viewport, the first plot's top within the upper 60 %."""
    at = page.evaluate(FIRST_SCREEN_JS)
    found = []
    headline = at["headline"]
    if not headline or "96" not in headline["text"]:
        found.append(f"no headline with 96: {headline}")
    else:
        box = headline["box"]
        inside = box["top"] >= 0 and box["left"] >= 0 and box["bottom"] <= at["height"] and box["right"] <= at["width"]
        if not (inside and headline["visible"]):
            found.append(f"headline not inside the {at['width']}x{at['height']} viewport: {box}")
    limit = FIRST_SCREEN * at["height"]
    if at["plot"] is None:
        found.append("no chart plot on the page")
    elif at["plot"]["top"] > limit:
        found.append(f"the first plot starts at {at['plot']['top']:.0f} px, below {limit:.0f} px")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_first_screen_holds_the_answer_and_the_chart(phones: dict[str, Tab], lang: str) -> None:
    """390x844 touch: '96' in the visible headline, the first chart's plot starting by 506 px."""
    page = phones[lang].page
    assert page.evaluate("() => [innerWidth, innerHeight]") == [PHONE["width"], PHONE["height"]]
    found = first_screen_problems(page)
    assert not found, "\n".join(found)


# Each filter of the first screen: its label and options, whether each is on screen and is what a
# finger at its centre would touch (nothing covers it, e.g. a sidebar), and the sidebar's button.
FILTERS_JS = """
(lang) => {
  const seen = el => { const r = el.getBoundingClientRect();
    if (r.width < 1 || r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el === hit || el.contains(hit)); };
  const filter = param => { const box = document.querySelector(`[class*="st-key-control_${param}_${lang}"]`);
    if (!box) return null;
    const options = [...box.querySelectorAll('[data-testid="stRadioOption"]')];
    return {label: seen(box.querySelector('[data-testid="stWidgetLabel"]')), options: options.map(seen),
            scrolls: box.querySelector('[role="radiogroup"]').scrollWidth};
  };
  const button = document.querySelector('[data-testid="stExpandSidebarButton"]');
  const r = button && button.getBoundingClientRect();
  const main = document.querySelector('[data-testid="stMain"]');
  return {region: filter('region'), race: filter('race'), width: innerWidth,
          pageWidth: Math.max(document.documentElement.scrollWidth, main.scrollWidth),
          button: r && {left: r.left, right: r.right, seen: seen(button)}};
}
"""


def filter_problems(at: dict[str, Any], lang: str) -> list[str]:
    """The region and race filters on the first screen (label and a first option seen and touchable),
    no sideways page scroll, and the sidebar's button on the side the sidebar opens from."""
    found = []
    for param in ("region", "race"):
        shown = at[param]
        if not shown or not shown["label"] or not shown["options"] or not shown["options"][0]:
            found.append(f"the {param} filter is not on the phone's first screen: {shown}")
    if at["pageWidth"] > at["width"]:
        found.append(f"the page scrolls sideways: {at['pageWidth']} px wide in {at['width']}")
    button = at["button"]
    rtl = lang == "ar"
    if not button or not button["seen"] or (button["left"] > at["width"] / 2) != rtl:
        found.append(f"the sidebar's button is not on the {'right' if rtl else 'left'}: {button}")
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_filters_are_on_the_first_screen_and_work_there(phones: dict[str, Tab], lang: str) -> None:
    """390x844 touch: region and race filters seen and tapped without opening the sidebar."""
    page = phones[lang].page
    page.evaluate("() => scrollTo(0, 0)")
    found = filter_problems(page.evaluate(FILTERS_JS, lang), lang)
    assert not found, "\n".join(found)
    title = page.locator(".dash-chart-title").first.inner_text()
    top = page.evaluate("() => scrollY")
    # Europe is the row's last option: the row scrolls itself to it, the page stays where it was.
    region = page.locator(f'[class*="st-key-control_region_{lang}"] [data-testid="stRadioOption"]')
    region.filter(has_text=label(lang, "region.europe")).tap()
    wait_for_app(page, "() => new URL(location.href).searchParams.get('region') === 'europe'")
    assert page.evaluate("() => scrollY") == top
    page.wait_for_function("(before) => document.querySelector('.dash-chart-title').innerText !== before", arg=title)
    assert page.evaluate("() => document.querySelector('figure.dash-chart').dataset.chart") == "votes-chart"
    region.filter(has_text=label(lang, "region.all")).tap()
    wait_for_app(page, "() => !new URL(location.href).searchParams.has('region')")


def _resize(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    # The chart frame swaps between its narrow and wide layouts on a resize: wait for each chart to
    # have redrawn for the new width and stopped moving (ui.RESIZED_JS).
    wait_for_resize(page, width)


def list_problems(at: dict[str, Any], lang: str) -> list[str]:
    """One item per row of the chart, each with a date, a title, a category and a source link."""
    categories = [label(lang, f"category.{category}") for category in EVENT_CATEGORIES]
    found = []
    if len(at["items"]) != at["rows"]:
        found.append(f"{len(at['items'])} events listed for {at['rows']} rows in the chart")
    for number, item in enumerate(at["items"], 1):
        missing = [part for part in ("date", "title") if not item[part]]
        if not any(item["meta"].startswith(category) for category in categories):
            missing.append("category")
        if not item["link"]:
            missing.append("source link")
        if missing:
            found.append(f"event {number} {item['title']!r} has no {', '.join(missing)}: {item}")
    return found


def numbered_problems(at: dict[str, Any]) -> list[str]:
    """Narrow chart: its rows read 1..N from the top, and row k is the list's item k."""
    numbers = [tick["text"] for tick in at["ticks"]]
    found = []
    if numbers != [str(n) for n in range(1, at["rows"] + 1)]:
        found.append(f"rows numbered {numbers} from the top, want 1..{at['rows']} (chart {at['width']:.0f} px)")
    titles = [item["title"] for item in at["items"]]
    for tick in at["ticks"]:
        number = int(tick["text"]) if tick["text"].isdigit() else 0
        if not 0 < number <= len(titles) or titles[number - 1] != tick["category"]:
            found.append(f"row {tick['text']!r} is {tick['category']!r}, not the list's item {tick['text']}")
    return found


def titled_problems(at: dict[str, Any]) -> list[str]:
    """Wide chart: its rows show the titles of the list's items, in the list's order."""
    shown = [tick["text"] for tick in at["ticks"]]
    listed = [item["title"] for item in at["items"]]
    if shown != listed:
        return [f"the chart's rows {shown} differ from the list {listed}"]
    return []


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("zoom", PRESETS)
@pytest.mark.parametrize("lang", LANGS)
def test_event_list_names_the_chart_rows(
    phones: dict[str, Tab], app_server: str, lang: str, zoom: str, region: str
) -> None:
    """The list under the timeline holds the chart's events in its order: numbered rows on the
    phone, titled rows at 1280 px."""
    tab = phones[lang]
    # Back to the phone's width before the load (the page it leaves needs no redraw).
    tab.page.set_viewport_size({"width": PHONE["width"], "height": PHONE["height"]})
    tab.open(f"{app_server}?lang={lang}&view=timeline&zoom={zoom}&region={region}")
    narrow = tab.page.evaluate(TIMELINE_JS)
    assert narrow["rows"] > 0, "the timeline shows no event"
    found = list_problems(narrow, lang) + numbered_problems(narrow)
    _resize(tab.page, DESKTOP_WIDTH)
    wide = tab.page.evaluate(TIMELINE_JS)
    found += [f"{DESKTOP_WIDTH} px: {problem}" for problem in titled_problems(wide)]
    assert not found, "\n".join(found)


# Negative controls ----------------------------------------------------------------------------


def _on_timeline(tab: Tab, app_server: str) -> None:
    """Keep the page the tests above left on the timeline at phone width, or open the timeline."""
    _resize(tab.page, PHONE["width"])
    if "view=timeline" not in tab.page.url:
        tab.open(f"{app_server}?lang=en&view=timeline")
    tab.page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")


def test_first_screen_check_fails_when_the_chart_is_pushed_down(phones: dict[str, Tab], app_server: str) -> None:
    """The quote unfolded again in large type pushes the chart below the first screen: caught."""
    tab = phones["en"]
    _on_timeline(tab, app_server)
    assert not first_screen_problems(tab.page)
    tab.page.evaluate(UNFOLD_JS)
    try:
        found = first_screen_problems(tab.page)
    finally:
        tab.page.evaluate("() => document.getElementById('unfold').remove()")
    assert any("the first plot starts at" in problem for problem in found), found
    assert not first_screen_problems(tab.page)


def test_list_checks_fail_on_a_list_that_drifted(phones: dict[str, Tab], app_server: str) -> None:
    """A list missing an event, with two events swapped, or an event without its source link: caught."""
    tab = phones["en"]
    _on_timeline(tab, app_server)
    at = tab.page.evaluate(TIMELINE_JS)
    assert not list_problems(at, "en") + numbered_problems(at)
    shorter = {**at, "items": at["items"][1:]}
    assert any("events listed for" in problem for problem in list_problems(shorter, "en"))
    swapped = {**at, "items": [at["items"][1], at["items"][0], *at["items"][2:]]}
    assert any("not the list's item" in problem for problem in numbered_problems(swapped))
    assert titled_problems({**at, "ticks": [{**tick, "text": tick["category"]} for tick in at["ticks"]]}) == []
    assert titled_problems({**swapped, "ticks": [{**tick, "text": tick["category"]} for tick in at["ticks"]]})
    tab.page.evaluate("() => document.querySelector('ol.dash-events li a').remove()")
    unlinked = tab.page.evaluate(TIMELINE_JS)
    assert any("source link" in problem for problem in list_problems(unlinked, "en"))
