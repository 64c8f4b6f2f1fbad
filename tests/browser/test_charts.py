"""Every chart stays interactive in its frame (``static/chart/dash-chart.js``), in Arabic and English:
hover labels, zoom, pan and reset on the maps, legend buttons that hide and show traces, PNG and SVG
downloads that carry the title and the source line (Arabic shaped and right to left), the mirrored
Arabic layout, and not one request off the server's host while doing all of it.

The vote share, the timeline at two zooms (assembly: a few days; history: a century) and the map
section (region, Glasgow city and route maps). One page per language and section, opened on first
use and shared by every check. Each check is a function returning what is wrong, so the negative controls at
the end run the same function on a page broken on purpose (hover turned off, legend clicks
swallowed, the title dropped from the export, the axis and legend put back on the left, a request to
another host) and show that it fails.
"""

from __future__ import annotations

import contextlib
import io
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import arabic_reshaper
import pytest
from bidi.algorithm import get_display
from PIL import Image
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from components.data import DATA_DIR, load_dataset
from components.i18n import country_name
from components.labels import localized
from components.tables.places import place
from components.text import PDI, RLI, unwrap
from tests.browser.shaping import expects_join, measure_svg_texts, problems
from tests.browser.ui import NewTab, Tab, label, open_painted

pytestmark = pytest.mark.browser

CHART_LANGS = ("ar", "en")
# Each section (and zoom) as a link, and the charts it draws.
CASES: dict[str, str] = {
    "votes": "view=votes",
    "timeline-assembly": "view=timeline&zoom=assembly",
    "timeline-history": "view=timeline&zoom=history",
    "map": "view=map",
}
CHARTS: dict[str, tuple[str, ...]] = {
    "votes": ("votes-chart",),
    "timeline-assembly": ("timeline-chart",),
    "timeline-history": ("timeline-chart",),
    "map": ("region-map", "city-map", "route-map"),
}
# Charts drawn with an HTML legend (the vote share has none: its colours are named in its labels).
LEGENDS: dict[str, tuple[str, ...]] = {
    "timeline-assembly": ("timeline-chart",),
    "timeline-history": ("timeline-chart",),
    "map": ("region-map", "route-map"),
}
GEO_CHARTS = CHARTS["map"]
EXPORT_WIDTH = 1000
PNG_SCALE = 2
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
# What arabic_reshaper emits: a browser must get letters, never these.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
HOVER_TIMEOUT_MS = 5_000
# Where on a map a hover lands: inside Namibia (a candidate's country), on a place's marker.
NAMIBIA = {"lon": 17.5, "lat": -22.0}

FIGURE = '.dash-chart[data-chart="{}"]'

# A point of ``chart`` (viewport coordinates, scrolled into view) for a hover target:
# {kind: 'bar', label}: the bar of the category whose label holds ``label``;
# {kind: 'row', row}: the marker on the ``row``-th row from the top;
# {kind: 'geo', lon, lat}: that place on the map.
POINT_JS = r"""
({chart, target}) => {
  const fig = document.querySelector(`.dash-chart[data-chart="${chart}"]`);
  const gd = fig.querySelector('.js-plotly-plot');
  const strip = s => String(s).replace(/[\u2066-\u2069]/g, '');
  const center = r => ({x: r.left + r.width / 2, y: r.top + r.height / 2});
  let element = null;
  if (target.kind === 'bar') {
    for (const trace of gd.querySelectorAll('.barlayer .trace')) {
      const data = trace.__data__[0].trace;
      for (const point of trace.querySelectorAll('.point')) {
        if (strip(data.y[point.__data__.i]).includes(target.label)) element = point.querySelector('path');
      }
    }
    if (!element) return null;
    element.scrollIntoView({block: 'center'});
    return center(element.getBoundingClientRect());
  }
  if (target.kind === 'row') {
    const categories = gd._fullLayout.yaxis._categories;
    const row = categories[categories.length - 1 - target.row];
    for (const trace of gd.querySelectorAll('.scatterlayer .trace')) {
      const data = trace.__data__[0].trace;
      for (const point of trace.querySelectorAll('.point')) {
        if (data.y[point.__data__.i] === row) element = point;
      }
    }
    if (!element) return null;
    element.scrollIntoView({block: 'center'});
    return center(element.getBoundingClientRect());
  }
  gd.scrollIntoView({block: 'center'});
  const [x, y] = gd._fullLayout.geo._subplot.projection([target.lon, target.lat]);
  const layer = gd.querySelector('.geo .layer path');
  const p = new DOMPoint(x, y).matrixTransform(layer.getScreenCTM());
  return {x: p.x, y: p.y};
}
"""
HOVER_SHOWN_JS = '(chart) => document.querySelector(`.dash-chart[data-chart="${chart}"] .hoverlayer .hovertext`)'
HOVER_TEXT_JS = """
(chart) => [...document.querySelectorAll(`.dash-chart[data-chart="${chart}"] .hoverlayer .hovertext`)]
  .map(e => e.textContent).join(' | ')
"""
HOVER_GONE_JS = '(chart) => !document.querySelector(`.dash-chart[data-chart="${chart}"] .hoverlayer .hovertext`)'
# The chart frame's state (dash-chart.js keeps it on the component's root): its plotly.js and payload.
STATE_JS = 'document.querySelector(`.dash-chart[data-chart="${chart}"]`).parentElement.__dashChart'
GEO_JS = """
(chart) => {
  const g = document.querySelector(`.dash-chart[data-chart="${chart}"] .js-plotly-plot`)._fullLayout.geo;
  const rotation = g.projection.rotation || {};
  return {scale: g.projection.scale, center: [g.center.lon, g.center.lat], rotation: [rotation.lon, rotation.lat]};
}
"""
LEGEND_JS = """
(chart) => {
  const fig = document.querySelector(`.dash-chart[data-chart="${chart}"]`);
  const gd = fig.querySelector('.js-plotly-plot');
  return {
    buttons: [...fig.querySelectorAll('.dash-legend-button')].map(b => ({
      name: b.textContent, pressed: b.getAttribute('aria-pressed'), traces: b.dataset.traces.split(',').map(Number),
    })),
    visible: gd._fullData.map(d => d.visible),
  };
}
"""
# Where the y tick labels, the legend items and the title's text sit.
MIRROR_JS = """
(chart) => {
  const fig = document.querySelector(`.dash-chart[data-chart="${chart}"]`);
  const gd = fig.querySelector('.js-plotly-plot');
  const plot = gd.querySelector('.nsewdrag');
  const area = plot && plot.getBoundingClientRect();
  const ticks = area ? [...gd.querySelectorAll('.ytick text')].filter(t => t.textContent.trim())
    .map(t => { const b = t.getBoundingClientRect(); return b.left + b.width / 2; }) : [];
  const items = [...fig.querySelectorAll('.dash-legend-item')].map(li => {
    const b = li.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top};
  });
  const title = fig.querySelector('.dash-chart-title');
  const range = document.createRange();
  range.selectNodeContents(title);
  const lines = [...range.getClientRects()];
  const frame = title.getBoundingClientRect();
  const style = getComputedStyle(title);
  return {
    middle: area ? area.left + area.width / 2 : null, ticks, items,
    title: {left: Math.min(...lines.map(r => r.left)), right: Math.max(...lines.map(r => r.right))},
    frame: {left: frame.left, right: frame.right}, align: style.textAlign, direction: style.direction,
  };
}
"""
FRAME_TEXT_JS = """
(chart) => {
  const fig = document.querySelector(`.dash-chart[data-chart="${chart}"]`);
  return {title: fig.querySelector('.dash-chart-title').textContent,
          source: fig.querySelector('.dash-chart-source').textContent,
          exportHeight: fig.parentElement.__dashChart.payload.export.height};
}
"""

Sections = Callable[[str, str], Tab]


@pytest.fixture(scope="module")
def app_server(painted_server: str) -> str:
    """This module's app sends first paints, as a reader's first view gets them."""
    return painted_server


@pytest.fixture(scope="module")
def context_requests() -> list[str]:
    """Every request of every browser context this module opens, from its first to its last test."""
    return []


@pytest.fixture(scope="module")
def module_tab(module_tab: NewTab, context_requests: list[str]) -> NewTab:
    """The suite's ``module_tab`` with a request listener on each context it opens, installed before
    the first load and kept for the whole module: it also hears the pages opened beside a tab (the
    SVG viewer of the shaping check) and whatever hovers, zooms, legend clicks and downloads ask for."""

    def open_tab(**options: Any) -> Tab:
        tab = module_tab(**options)
        tab.page.context.on("request", lambda request: context_requests.append(request.url))
        return tab

    return open_tab


@pytest.fixture(scope="module")
def section(module_tab: NewTab, app_server: str, paint_cache: Path) -> Sections:
    """``section(lang, case)``: the page of that section in that language, opened once per module
    as a reader arriving from a link gets it: every chart first painted, then live once reached for."""
    opened: dict[tuple[str, str], Tab] = {}

    def get(lang: str, case: str) -> Tab:
        if (lang, case) not in opened:
            opened[(lang, case)] = open_painted(module_tab, f"{app_server}?lang={lang}&{CASES[case]}", paint_cache)
        return opened[(lang, case)]

    return get


def figure(chart: str) -> str:
    """The CSS selector of ``chart``'s frame."""
    return FIGURE.format(chart)


def normalise(text: str) -> str:
    """``text`` without bidi isolates, with each run of whitespace as one space."""
    return " ".join(unwrap(text).split())


# Hover ----------------------------------------------------------------------------------------


def hover_targets(page: Page, lang: str, case: str) -> list[tuple[str, dict[str, Any], list[str]]]:
    """Per chart of ``case``: where to hover, and what the hover label must say there."""
    data = load_dataset(DATA_DIR)
    if case == "votes":
        morocco = country_name("MAR", lang)
        return [("votes-chart", {"kind": "bar", "label": morocco}, ["96", morocco])]
    if case.startswith("timeline"):
        # The top row is the first event of the list under the chart.
        first = page.locator("ol.dash-events li .dash-event-title").first.text_content() or ""
        return [("timeline-chart", {"kind": "row", "row": 0}, [normalise(first)])]
    venue, rabat = (localized(place(data, name), "name", lang) for name in ("sec-glasgow", "rabat"))
    return [
        ("region-map", {"kind": "geo", **NAMIBIA}, [country_name("NAM", lang), label(lang, "map.status.lost")]),
        ("city-map", {"kind": "geo", **_lonlat(data, "sec-glasgow")}, [venue]),
        ("route-map", {"kind": "geo", **_lonlat(data, "rabat")}, [rabat]),
    ]


def _lonlat(data: Any, place_id: str) -> dict[str, float]:
    row = place(data, place_id)
    return {"lon": float(row["lon"]), "lat": float(row["lat"])}


def hover_text(page: Page, chart: str, target: dict[str, Any], timeout: float = HOVER_TIMEOUT_MS) -> str | None:
    """Move the mouse onto ``target`` of ``chart``; the hover label's text (isolates removed), or
    None when no label appears."""
    point = page.evaluate(POINT_JS, {"chart": chart, "target": target})
    assert point, f"{chart}: no point for {target}"
    page.mouse.move(point["x"] - 4, point["y"] - 4)
    page.mouse.move(point["x"], point["y"], steps=4)
    try:
        page.wait_for_function(HOVER_SHOWN_JS, arg=chart, timeout=timeout, polling=100)
    except PlaywrightTimeoutError:
        text = None
    else:
        text = normalise(page.evaluate(HOVER_TEXT_JS, chart))
    page.mouse.move(1, 1)
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(HOVER_GONE_JS, arg=chart, timeout=2_000, polling=100)
    return text


def hover_problems(page: Page, chart: str, target: dict[str, Any], expected: list[str], **options: Any) -> list[str]:
    """What the hover label of ``chart`` at ``target`` misses of ``expected``."""
    text = hover_text(page, chart, target, **options)
    if text is None:
        return [f"{chart}: no hover label at {target}"]
    return [f"{chart}: hover label {text!r} lacks {want!r}" for want in expected if normalise(want) not in text]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_hover_shows_the_point(section: Sections, lang: str, case: str) -> None:
    """The mouse on Morocco's bar, on the first event, on Namibia, the venue in Glasgow and Rabat: a hover
    label naming what is under it."""
    page = section(lang, case).page
    found = [
        p for chart, target, want in hover_targets(page, lang, case) for p in hover_problems(page, chart, target, want)
    ]
    assert not found, "\n".join(found)


# Maps: zoom, pan, reset -----------------------------------------------------------------------


def _plot_center(page: Page, chart: str) -> tuple[float, float]:
    plot = page.locator(f"{figure(chart)} .dash-plot")
    plot.scroll_into_view_if_needed()
    box = plot.bounding_box()
    assert box, f"{chart}: plot not laid out"
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _wait_geo(page: Page, chart: str, condition: str, before: dict[str, Any]) -> dict[str, Any]:
    check = f"([chart, before]) => {{ const now = ({GEO_JS})(chart); return {condition}; }}"
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(check, arg=[chart, before], timeout=5_000, polling=100)
    result: dict[str, Any] = page.evaluate(GEO_JS, chart)
    return result


@pytest.mark.parametrize("lang", CHART_LANGS)
@pytest.mark.parametrize("chart", GEO_CHARTS)
def test_map_zooms_pans_and_resets(section: Sections, lang: str, chart: str) -> None:
    """The scroll wheel zooms (projection scale), a drag pans (centre or rotation), and the reset
    button brings back the view the chart opened with."""
    page = section(lang, "map").page
    start: dict[str, Any] = page.evaluate(GEO_JS, chart)
    x, y = _plot_center(page, chart)
    page.mouse.move(x, y)
    page.mouse.wheel(0, -400)
    zoomed = _wait_geo(page, chart, "now.scale !== before.scale", start)
    assert zoomed["scale"] > start["scale"] * 1.05, f"{chart}: the wheel did not zoom in: {start} -> {zoomed}"
    x, y = _plot_center(page, chart)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 80, y + 50, steps=10)
    page.mouse.up()
    moved = "JSON.stringify([now.center, now.rotation]) !== JSON.stringify([before.center, before.rotation])"
    panned = _wait_geo(page, chart, moved, zoomed)
    assert (panned["center"], panned["rotation"]) != (zoomed["center"], zoomed["rotation"]), (
        f"{chart}: the drag did not pan: {zoomed} -> {panned}"
    )
    page.locator(f"{figure(chart)} .dash-reset").click()
    same = "JSON.stringify(now) === JSON.stringify(before)"
    reset = _wait_geo(page, chart, same, start)
    assert reset == start, f"{chart}: reset left the view at {reset}, it opened at {start}"
    page.mouse.move(1, 1)


# Legend ---------------------------------------------------------------------------------------


def _wait_legend(page: Page, chart: str, condition: str) -> None:
    """Wait until the legend's state (``now``, see LEGEND_JS) meets ``condition``; on a page where it
    never does (the negative control), go on after 2 s and let the check report what it finds."""
    check = f"(chart) => {{ const now = ({LEGEND_JS})(chart); return {condition}; }}"
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(check, arg=chart, timeout=2_000, polling="raf")


def legend_problems(page: Page, chart: str) -> list[str]:
    """Click the first legend button twice: its traces must go to 'legendonly' (aria-pressed
    false), the others stay, then all come back (aria-pressed true)."""
    start = page.evaluate(LEGEND_JS, chart)
    if not start["buttons"]:
        return [f"{chart}: no legend button"]
    button = page.locator(f"{figure(chart)} .dash-legend-button").first
    first = start["buttons"][0]
    found: list[str] = []
    if first["pressed"] != "true" or any(v is not True for v in start["visible"]):
        found.append(f"{chart}: not every trace shown at first: {start}")
    button.click()
    _wait_legend(page, chart, "now.buttons[0].pressed === 'false' && now.visible.some(v => v === 'legendonly')")
    hidden = page.evaluate(LEGEND_JS, chart)
    if hidden["buttons"][0]["pressed"] != "false":
        found.append(f"{chart}: {first['name']!r} still aria-pressed={hidden['buttons'][0]['pressed']}")
    for index, visible in enumerate(hidden["visible"]):
        want = "legendonly" if index in first["traces"] else start["visible"][index]
        if visible != want:
            found.append(f"{chart}: trace {index} visible={visible!r} after hiding {first['name']!r}, want {want!r}")
    button.click()
    _wait_legend(page, chart, "now.buttons[0].pressed === 'true' && now.visible.every(v => v !== 'legendonly')")
    shown = page.evaluate(LEGEND_JS, chart)
    if shown["buttons"][0]["pressed"] != "true" or shown["visible"] != start["visible"]:
        found.append(f"{chart}: not restored by a second click: {shown}")
    return found


@pytest.mark.parametrize("case", LEGENDS)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_legend_button_toggles_its_traces(section: Sections, lang: str, case: str) -> None:
    """A legend button hides its traces and says so (aria-pressed), and a second click shows them."""
    page = section(lang, case).page
    found = [problem for chart in LEGENDS[case] for problem in legend_problems(page, chart)]
    assert not found, "\n".join(found)


# Downloads ------------------------------------------------------------------------------------


def download(page: Page, chart: str, fmt: str) -> tuple[str, bytes]:
    """Click ``chart``'s ``fmt`` download button; the file's suggested name and its bytes."""
    with page.expect_download(timeout=60_000) as info:
        page.locator(f'{figure(chart)} .dash-download[data-format="{fmt}"]').click()
    path = info.value.path()
    with open(path, "rb") as handle:
        return info.value.suggested_filename, handle.read()


def _ink(image: Image.Image, top: int, bottom: int, threshold: int) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom) of the pixels darker than ``threshold`` in rows ``top``..``bottom``."""
    band = image.crop((0, top, image.width, bottom)).point(lambda v: 255 if v < threshold else 0)
    box = band.getbbox()
    return (box[0], top + box[1], box[2], top + box[3]) if box else None


def _decode(name: str, content: bytes, export_height: int) -> tuple[Image.Image | None, list[str]]:
    if not content.startswith(PNG_MAGIC):
        return None, [f"{name}: not a PNG (starts {content[:8]!r})"]
    found = [] if name.endswith(".png") else [f"{name}: not named .png"]
    width, height = struct.unpack(">II", content[16:24])
    if (width, height) != (EXPORT_WIDTH * PNG_SCALE, export_height * PNG_SCALE):
        found.append(f"{name}: {width}x{height}, want {EXPORT_WIDTH * PNG_SCALE}x{export_height * PNG_SCALE}")
    return Image.open(io.BytesIO(content)).convert("L"), found


# The title's first line lies in the top 100 px of the image, the source line in the bottom 40 px.
TITLE_BAND = 100 * PNG_SCALE
SOURCE_BAND = 40 * PNG_SCALE
INK, MUTED_INK = 128, 200


def png_problems(name: str, content: bytes, export_height: int) -> list[str]:
    """A PNG 1000 px x scale 2 wide (as tall as the export layout says), with ink in its title band
    and in its source band."""
    image, found = _decode(name, content, export_height)
    if image is None:
        return found
    if _ink(image, 0, TITLE_BAND, INK) is None:
        found.append(f"{name}: the title band is blank")
    if _ink(image, image.height - SOURCE_BAND, image.height, MUTED_INK) is None:
        found.append(f"{name}: the source band is blank")
    return found


def png_layout_problems(name: str, content: bytes, rtl: bool) -> list[str]:
    """The title's first line starts from the reading side (nearer the right edge than the left one
    in Arabic, by 5 % of the width; the other way in English), as on the page, and no text is cut
    by the image's bottom edge (the source line is the last line)."""
    image = Image.open(io.BytesIO(content)).convert("L")
    found = []
    first = _ink(image, 0, TITLE_BAND, INK)
    title = _ink(image, first[1], first[1] + 24 * PNG_SCALE, INK) if first else None
    if title is None:
        found.append(f"{name}: no title drawn")
    else:
        left, right = title[0], image.width - title[2]
        if rtl and not right + image.width * 0.05 < left:
            found.append(f"{name}: the title spans x={title[0]}..{title[2]} of {image.width}: not from the right")
        if not rtl and not left + image.width * 0.05 < right:
            found.append(f"{name}: the title spans x={title[0]}..{title[2]} of {image.width}: not from the left")
    edge = _ink(image, image.height - 2 * PNG_SCALE, image.height, MUTED_INK)
    if edge:
        found.append(f"{name}: text cut by the bottom edge at x={edge[0]}..{edge[2]}")
    return found


def _svg_lines(element: ET.Element) -> list[str]:
    lines = ["".join(span.itertext()) for span in element.iter(f"{SVG_NS}tspan") if "line" in (span.get("class") or "")]
    return lines or ["".join(element.itertext())]


def svg_problems(name: str, content: bytes, title: str, source: str, rtl: bool) -> list[str]:
    """An SVG whose title text is the chart's title and one of whose annotations is its source
    line, each line isolated right to left (RLI...PDI) in Arabic."""
    if not name.endswith(".svg"):
        return [f"{name}: not named .svg"]
    root = ET.fromstring(content.decode("utf-8"))
    texts: dict[str, list[list[str]]] = {"title": [], "source": []}
    for element in root.iter(f"{SVG_NS}text"):
        kind = element.get("class") or ""
        lines = _svg_lines(element)
        if kind == "gtitle":
            texts["title"].append(lines)
        elif kind == "annotation-text":
            texts["source"].append(lines)
    found = [
        f"{name}: presentation forms (reshaped text) in {text!r}"
        for text in ("".join(element.itertext()) for element in root.iter(f"{SVG_NS}text"))
        if PRESENTATION_FORMS.search(text)
    ]
    for what, want in (("title", title), ("source", source)):
        matches = [lines for lines in texts[what] if normalise(" ".join(lines)) == normalise(want)]
        if not matches:
            shown = [normalise(" ".join(lines)) for lines in texts[what]]
            found.append(f"{name}: no {what} {normalise(want)!r} in the SVG (has {shown})")
            continue
        if rtl:
            found += [
                f"{name}: {what} line {line!r} is not isolated RTL"
                for line in matches[0]
                if not (line.startswith(RLI) and line.endswith(PDI))
            ]
    return found


def shaping_problems(page: Page, content: bytes, title: str) -> list[str]:
    """Load the SVG into a page of its own and measure its title and annotations: joined letters and
    the glyph order of an RTL paragraph (tests/browser/shaping.py)."""
    viewer = page.context.new_page()
    try:
        viewer.set_content(content.decode("utf-8"))
        measured = measure_svg_texts(viewer, ".gtitle, .annotation-text")
    finally:
        viewer.close()
    titles = [item for item in measured if normalise(item.text) == normalise(title)]
    found = problems(measured)
    if not titles or not expects_join(titles[0].text):
        found.append(f"the downloaded SVG's title {normalise(title)!r} was not measured: {[m.text for m in measured]}")
    return found


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_downloads_carry_title_and_source(section: Sections, lang: str, case: str) -> None:
    """PNG: a PNG 2000 px wide (1000 px at scale 2), title and source inked on the reading side.
    SVG: the chart's title and source line as text, isolated RTL in Arabic; loaded into a page, its
    Arabic is shaped and in the order of an RTL paragraph."""
    page = section(lang, case).page
    rtl = lang == "ar"
    found: list[str] = []
    for chart in CHARTS[case]:
        frame = page.evaluate(FRAME_TEXT_JS, chart)
        found += png_problems(*download(page, chart, "png"), frame["exportHeight"])
        name, content = download(page, chart, "svg")
        found += svg_problems(name, content, frame["title"], frame["source"], rtl)
        if rtl:
            found += [f"{chart}: {problem}" for problem in shaping_problems(page, content, frame["title"])]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_downloaded_png_is_laid_out_for_its_language(section: Sections, lang: str, case: str) -> None:
    """The PNG's title starts from the reading side (the right in Arabic), and no line of text is
    cut off by the image's bottom edge."""
    page = section(lang, case).page
    found = [
        problem
        for chart in CHARTS[case]
        for problem in png_layout_problems(*download(page, chart, "png"), lang == "ar")
    ]
    assert not found, "\n".join(found)


# Mirrored layout ------------------------------------------------------------------------------


def mirror_problems(page: Page, chart: str, rtl: bool) -> list[str]:
    """RTL: y tick labels right of the plot's middle, the first legend item right of the second,
    the title's text against the right edge; LTR: the other way round."""
    at = page.evaluate(MIRROR_JS, chart)
    side = "right" if rtl else "left"
    found = []
    if at["middle"] is not None:
        if not at["ticks"]:
            found.append(f"{chart}: no y tick labels")
        wrong = [x for x in at["ticks"] if (x <= at["middle"]) == rtl]
        if wrong:
            found.append(f"{chart}: y tick labels at x={wrong} not on the {side} of the plot (middle {at['middle']})")
    items = at["items"]
    if len(items) >= 2 and abs(items[0]["top"] - items[1]["top"]) < 2:
        first, second = items[0], items[1]
        if rtl and not first["right"] > second["right"]:
            found.append(f"{chart}: legend reads left to right: {first} before {second}")
        if not rtl and not first["left"] < second["left"]:
            found.append(f"{chart}: legend reads right to left: {first} before {second}")
    title, edge = at["title"], at["frame"]
    if rtl and (abs(title["right"] - edge["right"]) > 2 or at["direction"] != "rtl"):
        found.append(f"{chart}: title not against the right edge: {title} in {edge}, {at['direction']}")
    if not rtl and (abs(title["left"] - edge["left"]) > 2 or at["direction"] != "ltr"):
        found.append(f"{chart}: title not against the left edge: {title} in {edge}, {at['direction']}")
    if at["align"] not in ("start", side):
        found.append(f"{chart}: title text-align {at['align']}")
    return found


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_layout_mirrors_in_arabic(section: Sections, lang: str, case: str) -> None:
    """Arabic: the category axis on the right, the legend and the title from the right; English:
    from the left. Legends with two items on one row are compared."""
    page = section(lang, case).page
    found = [problem for chart in CHARTS[case] for problem in mirror_problems(page, chart, lang == "ar")]
    if case in LEGENDS:
        items = [len(page.evaluate(MIRROR_JS, chart)["items"]) for chart in LEGENDS[case]]
        assert max(items) >= 2, f"no legend of two items to compare in {case}"
    assert not found, "\n".join(found)


# Requests -------------------------------------------------------------------------------------


def foreign_requests(requests: list[str], base: str) -> list[str]:
    """The requests that went to another host than ``base``'s (data:, blob: and about: stay local)."""
    host = urlsplit(base).netloc
    return [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != host]


def interact(page: Page, lang: str, case: str) -> None:
    """What a reader does with the charts of ``case``: a hover on each, a zoom and a reset on each
    map, the first legend button clicked twice, a PNG and an SVG download of each chart."""
    for chart, target, _ in hover_targets(page, lang, case):
        hover_text(page, chart, target)
    for chart in CHARTS[case]:
        if chart in GEO_CHARTS:
            x, y = _plot_center(page, chart)
            page.mouse.move(x, y)
            page.mouse.wheel(0, -400)
            page.locator(f"{figure(chart)} .dash-reset").click()
            page.mouse.move(1, 1)
        if chart in LEGENDS.get(case, ()):
            legend_problems(page, chart)
        for fmt in ("png", "svg"):
            download(page, chart, fmt)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", CHART_LANGS)
def test_no_request_leaves_the_server(
    section: Sections, app_server: str, context_requests: list[str], lang: str, case: str
) -> None:
    """The page's load (its first paints, then the live charts reached for), then a hover, zoom,
    legend click and download on every chart here (so the check holds when this test runs alone),
    and everything the module's contexts asked for in the tests before: all went to the app's host."""
    tab = section(lang, case)
    assert len(tab.requests) > 10, f"suspiciously few requests: {tab.requests}"
    assert not foreign_requests(tab.requests, app_server)
    loaded, heard = len(tab.requests), len(context_requests)
    interact(tab.page, lang, case)
    after = tab.requests[loaded:] + context_requests[heard:]
    assert not foreign_requests(after, app_server), f"after the interactions: {after}"
    assert not foreign_requests(tab.requests, app_server)
    assert not foreign_requests(context_requests, app_server)
    assert not tab.failed, tab.failed


# Negative controls: each check fails on a page broken on purpose ------------------------------


def test_hover_check_fails_without_hover(section: Sections) -> None:
    """With hovering turned off (``hovermode: false``) the hover check finds no label."""
    page = section("ar", "votes").page
    chart, target, want = hover_targets(page, "ar", "votes")[0]
    page.evaluate(f"(chart) => {STATE_JS}.plotly.relayout({STATE_JS}.plot, {{hovermode: false}})", chart)
    try:
        found = hover_problems(page, chart, target, want, timeout=1_500)
    finally:
        page.evaluate(f"(chart) => {STATE_JS}.plotly.relayout({STATE_JS}.plot, {{hovermode: 'closest'}})", chart)
    assert found == [f"{chart}: no hover label at {target}"]
    assert not hover_problems(page, chart, target, want)


def test_legend_check_fails_when_clicks_are_lost(section: Sections) -> None:
    """With the legend's clicks swallowed before the frame sees them, the legend check fails."""
    page = section("en", "map").page
    swallow = (
        "(on) => { const ul = document.querySelector('.dash-chart[data-chart=\"region-map\"] .dash-legend');"
        " window.__swallow = window.__swallow || (e => e.stopPropagation());"
        " on ? ul.addEventListener('click', window.__swallow) : ul.removeEventListener('click', window.__swallow); }"
    )
    page.evaluate(swallow, True)
    try:
        found = legend_problems(page, "region-map")
    finally:
        page.evaluate(swallow, False)
    assert any("still aria-pressed=true" in problem for problem in found), found
    assert any("visible=True" in problem for problem in found), found


def test_download_checks_fail_on_a_broken_export(section: Sections) -> None:
    """An export without its title and subtitle fails the PNG check, one without its title the
    SVG check, one whose Arabic title lost its isolates the isolation check, and one whose title
    went through arabic_reshaper + python-bidi (presentation forms in visual order, meant for
    rasterisers that shape nothing) the text checks."""
    page = section("ar", "votes").page
    chart = "votes-chart"
    frame = page.evaluate(FRAME_TEXT_JS, chart)
    patch = (
        f"([chart, texts]) => {{ const title = {STATE_JS}.payload.export.layout.title;"
        " const old = [title.text, title.subtitle.text]; [title.text, title.subtitle.text] = texts; return old; }"
    )
    original = page.evaluate(patch, [chart, ["", ""]])
    reshaped = f"{RLI}{get_display(arabic_reshaper.reshape(unwrap(original[0])))}{PDI}"
    try:
        png = png_problems(*download(page, chart, "png"), frame["exportHeight"])
        page.evaluate(patch, [chart, ["", original[1]]])
        svg = svg_problems(*download(page, chart, "svg"), frame["title"], frame["source"], True)
        page.evaluate(patch, [chart, [unwrap(original[0]), original[1]]])
        raw = svg_problems(*download(page, chart, "svg"), frame["title"], frame["source"], True)
        page.evaluate(patch, [chart, [reshaped, original[1]]])
        shaped = svg_problems(*download(page, chart, "svg"), frame["title"], frame["source"], True)
    finally:
        page.evaluate(patch, [chart, original])
    assert any("title band is blank" in problem for problem in png), png
    assert any(f"no title {normalise(frame['title'])!r}" in problem for problem in svg), svg
    assert any("not isolated RTL" in problem for problem in raw), raw
    # The width ratio alone does not catch it on a title this long (kerning between the
    # presentation-form glyphs makes the ZWNJ copy 0.2 % wider); the characters do.
    assert any("presentation forms" in problem for problem in shaped), shaped
    assert any(f"no title {normalise(frame['title'])!r}" in problem for problem in shaped), shaped


def test_mirror_check_fails_on_an_unmirrored_chart(section: Sections) -> None:
    """Arabic with the axis put back on the left, the legend left to right and the title at the
    left: the mirror check names all three."""
    page = section("ar", "timeline-assembly").page
    chart = "timeline-chart"
    unmirror = (
        f"([chart, on]) => {{ const state = {STATE_JS};"
        " state.frame.querySelector('.dash-legend').style.direction = on ? 'ltr' : '';"
        " state.frame.querySelector('.dash-chart-title').style.cssText = on ? 'direction: ltr; text-align: left' : '';"
        " return state.plotly.relayout(state.plot, {'yaxis.side': on ? 'left' : 'right'}); }"
    )
    page.evaluate(unmirror, [chart, True])
    try:
        found = mirror_problems(page, chart, rtl=True)
    finally:
        page.evaluate(unmirror, [chart, False])
    for what in ("y tick labels", "legend reads left to right", "title not against the right edge"):
        assert any(what in problem for problem in found), (what, found)
    assert not mirror_problems(page, chart, rtl=True)


def test_request_check_catches_another_host(new_tab: NewTab, app_server: str) -> None:
    """A page that fetches from another host (a closed local port, so nothing leaves the machine) is
    caught by the recorder and the host filter."""
    tab = new_tab()
    other = "http://localhost:9/pixel.png"
    # The image's request fails (nothing listens on port 9): wait for that, the recorder has heard it.
    with tab.page.expect_event("requestfailed", lambda request: request.url == other):
        tab.page.set_content(f'<img src="{other}">')
    assert foreign_requests(tab.requests, app_server) == [other]
    assert foreign_requests([f"{app_server}app/static/x.js", "data:image/png;base64,AA=="], app_server) == []
