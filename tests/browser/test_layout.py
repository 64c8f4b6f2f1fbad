"""Every chart reads right at every width: no two labels overlap, no label leaves its chart, no
toolbar over text, no sideways scrolling of the page; and on a phone the answer is on the first screen.

Each chart section (the vote share of every race, the timeline at every zoom, the map of every
region) in ar, en and fr, at 360 and 390 px (a touch phone) and 768 and 1280 px (a desktop
browser): one page load per section, each option of its filter picked with the filter, as a reader
does, and the viewport resized to each width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from components.data import DATA_DIR, load_dataset
from components.tables.regions import FILTER_VALUES
from components.tables.timeline import PRESETS
from components.tables.votes import race_choices
from tests.browser.ui import LANGS, NewTab, choose_race, choose_region, choose_zoom, wait_for_resize

pytestmark = pytest.mark.browser

# The widths of one context: a touch phone, and a desktop browser.
DEVICES: dict[str, dict[str, Any]] = {
    "phone": {"widths": (360, 390), "options": {"is_mobile": True, "has_touch": True}},
    "desktop": {"widths": (768, 1280), "options": {}},
}
HEIGHT = 844
# Per chart section, the filter whose every option is drawn, and its options.
CASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("votes", "race", tuple(race_choices(load_dataset(DATA_DIR), "all"))),
    ("timeline", "zoom", tuple(PRESETS)),
    ("map", "region", tuple(FILTER_VALUES)),
)
CHOOSE: dict[str, Callable[[Page, str, str], None]] = {
    "race": choose_race,
    "zoom": choose_zoom,
    "region": choose_region,
}
# Pairs of text boxes of one chart that overlap (> 2 px both ways), text boxes outside their chart's
# drawing, text under a visible plotly toolbar, and how far the page scrolls sideways.
MEASURE_JS = """
() => {
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2
                    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
                        && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const charts = [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const frame = plot.getBoundingClientRect();
    const boxes = [...plot.querySelectorAll('svg text')]
      .filter(t => (t.textContent || '').trim() && getComputedStyle(t).display !== 'none'
                && getComputedStyle(t).visibility !== 'hidden' && getComputedStyle(t).opacity !== '0')
      .map(t => ({text: t.textContent.trim().slice(0, 40), box: t.getBoundingClientRect()}))
      .filter(b => b.box.width > 0 && b.box.height > 0);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (hit(boxes[i].box, boxes[j].box)) overlaps.push([boxes[i].text, boxes[j].text]);
    const bar = [...plot.querySelectorAll('.modebar')].find(m => getComputedStyle(m).display !== 'none'
      && getComputedStyle(m).opacity !== '0');
    const barBox = bar ? bar.getBoundingClientRect() : null;
    return {
      texts: boxes.length,
      overlaps: overlaps.slice(0, 6),
      outside: boxes.filter(b => !inside(b.box, frame)).map(b => b.text).slice(0, 6),
      underToolbar: barBox ? boxes.filter(b => hit(b.box, barBox)).map(b => b.text) : [],
    };
  });
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    charts,
    sideways: Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                       main ? main.scrollWidth - main.clientWidth : 0),
  };
}
"""


def _redraw(page: Page, width: int) -> None:
    if page.viewport_size != {"width": width, "height": HEIGHT}:
        page.set_viewport_size({"width": width, "height": HEIGHT})
    # The chart frame redraws on a resize (and swaps to its narrow layout below its breakpoint): wait
    # for each chart to have redrawn for the new width and stopped moving (ui.RESIZED_JS).
    wait_for_resize(page, width)


def _problems(measured: dict[str, Any]) -> list[str]:
    found = [f"page scrolls sideways by {measured['sideways']} px"] if measured["sideways"] > 0 else []
    for index, chart in enumerate(measured["charts"]):
        for key in ("overlaps", "outside", "underToolbar"):
            if chart[key]:
                found.append(f"chart {index}: {key} {chart[key]}")
    return found


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_label_collides_or_leaves_its_chart(app_server: str, new_tab: NewTab, lang: str, device: str) -> None:
    setup = DEVICES[device]
    widths: tuple[int, ...] = setup["widths"]
    tab = new_tab(viewport={"width": widths[-1], "height": HEIGHT}, **setup["options"])
    problems: list[str] = []
    for view, param, options in CASES:
        tab.open(f"{app_server}?lang={lang}&view={view}")
        for index, option in enumerate(options):
            CHOOSE[param](tab.page, lang, option)
            case = f"view={view}&{param}={option}"
            # Every other option takes the widths the other way round: it starts at the width the
            # last one ended at, one resize (and redraw) fewer per option.
            for width in widths if index % 2 else widths[::-1]:
                _redraw(tab.page, width)
                measured = tab.page.evaluate(MEASURE_JS)
                # Drawn, with labels to measure (a map of a region without places has none of its own).
                assert measured["charts"] and sum(chart["texts"] for chart in measured["charts"]), case
                problems += [f"{case} @ {width}px: {problem}" for problem in _problems(measured)]
    assert not problems, "\n".join(problems)
