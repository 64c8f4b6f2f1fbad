"""What a screen reader gets from each chart, read from Chromium's accessibility tree (CDP
``Accessibility.getPartialAXTree``) and Playwright's ARIA snapshot: the chart is a group named by
its title and described (``aria-describedby``) by its text summary, which holds the key numbers.

Vote share: Morocco's 96 votes. Timeline (each zoom): the number of events the chart shows. Region
map: its 54 member countries and the candidates' outcomes in words. City map: the venue. Route
map: the distance from Rabat to Glasgow in km. In Arabic and English, one page per language walked
through every section. A negative control removes ``aria-describedby`` and ``aria-labelledby``
from a chart and the summary's numbers from its text, and shows the check failing.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Page

from components.data import DATA_DIR, load_dataset
from components.i18n import format_number
from components.labels import localized
from components.tables.places import place
from tests.browser.ui import NewTab, Tab, choose_section, choose_zoom, label

pytestmark = pytest.mark.browser

A11Y_LANGS = ("ar", "en")
CASES: dict[str, tuple[str, ...]] = {
    "votes": ("votes-chart",),
    "timeline-assembly": ("timeline-chart",),
    "timeline-campaign": ("timeline-chart",),
    "timeline-history": ("timeline-chart",),
    "map": ("region-map", "city-map", "route-map"),
}
# The member countries the Africa map colours.
AFRICA_MEMBERS = 54
OUTCOMES = ("elected", "lost", "withdrew")
EARTH_RADIUS_KM = 6371.0
# The first number of a text (en and ar group thousands with ",").
FIRST_NUMBER = re.compile(r"\d[\d,]*\d|\d")

# ``- group "name"`` or, when the name needs YAML quoting (a colon), ``- 'group "name"':``.
SNAPSHOT_GROUP = re.compile(r"""^- (?:group "(.*)"|'group "(.*)"'):?$""")

FRAME_JS = """
(chart) => {
  const fig = document.querySelector(`.dash-chart[data-chart="${chart}"]`);
  const gd = fig.querySelector('.js-plotly-plot');
  const categories = gd && gd._fullLayout && gd._fullLayout.yaxis && gd._fullLayout.yaxis._categories;
  return {title: fig.querySelector('.dash-chart-title').textContent,
          summary: fig.querySelector('.dash-chart-desc').textContent,
          rows: categories ? categories.length : null};
}
"""


@dataclass
class Reading:
    """One chart as the accessibility tree exposes it, beside what its frame shows."""

    chart: str
    role: str
    name: str
    description: str
    snapshot: str
    title: str
    summary: str
    rows: int | None


@dataclass
class Walk:
    """A page per language that went through every chart section, and what each chart exposed."""

    tabs: dict[str, Tab] = field(default_factory=dict)
    readings: dict[tuple[str, str], list[Reading]] = field(default_factory=dict)


def ax_node(page: Page, selector: str) -> dict[str, Any]:
    """The accessibility node Chromium computed for the element at ``selector``: role, name,
    description (empty strings when it has none)."""
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Runtime.evaluate", {"expression": f"document.querySelector({json.dumps(selector)})"})
        object_id = found["result"]["objectId"]
        backend = cdp.send("DOM.describeNode", {"objectId": object_id})["node"]["backendNodeId"]
        tree = cdp.send("Accessibility.getPartialAXTree", {"objectId": object_id, "fetchRelatives": False})
    finally:
        cdp.detach()
    [node] = [node for node in tree["nodes"] if node.get("backendDOMNodeId") == backend]
    return {
        "role": node.get("role", {}).get("value", ""),
        "name": node.get("name", {}).get("value", ""),
        "description": node.get("description", {}).get("value", ""),
    }


def read(page: Page, chart: str) -> Reading:
    """What ``chart`` exposes to assistive technology, and what its frame shows."""
    selector = f'.dash-chart[data-chart="{chart}"]'
    node = ax_node(page, selector)
    frame = page.evaluate(FRAME_JS, chart)
    return Reading(
        chart=chart,
        role=node["role"],
        name=node["name"],
        description=node["description"],
        snapshot=page.locator(selector).aria_snapshot(),
        title=frame["title"],
        summary=frame["summary"],
        rows=frame["rows"],
    )


def _record(walk: Walk, lang: str, case: str) -> None:
    page = walk.tabs[lang].page
    walk.readings[(lang, case)] = [read(page, chart) for chart in CASES[case]]


@pytest.fixture(scope="module")
def walk(module_tab: NewTab, app_server: str) -> Walk:
    """Each language from the vote share through the timeline's three zooms to the maps."""
    result = Walk()
    for lang in A11Y_LANGS:
        tab = module_tab()
        tab.open(f"{app_server}?lang={lang}")
        result.tabs[lang] = tab
        _record(result, lang, "votes")
        choose_section(tab.page, lang, "timeline")
        for zoom in ("assembly", "campaign", "history"):
            choose_zoom(tab.page, lang, zoom)
            _record(result, lang, f"timeline-{zoom}")
        choose_section(tab.page, lang, "map")
        _record(result, lang, "map")
    return result


def normalise(text: str) -> str:
    """``text`` with each run of whitespace as one space."""
    return " ".join(text.split())


def route_km() -> int:
    """Rabat to Glasgow along the great circle, computed here from the places' coordinates."""
    data = load_dataset(DATA_DIR)
    rabat, glasgow = place(data, "rabat"), place(data, "glasgow")
    phi1, phi2 = math.radians(float(rabat["lat"])), math.radians(float(glasgow["lat"]))
    dlon = math.radians(float(glasgow["lon"]) - float(rabat["lon"]))
    central = math.acos(math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(dlon))
    return round(EARTH_RADIUS_KM * central)


def key_facts(reading: Reading, lang: str) -> list[str]:
    """What the description of ``reading``'s chart must say, in ``lang``."""
    if reading.chart == "votes-chart":
        return ["96"]
    if reading.chart == "region-map":
        return [format_number(AFRICA_MEMBERS, lang), *(label(lang, f"map.status.{status}") for status in OUTCOMES)]
    if reading.chart == "city-map":
        return [localized(place(load_dataset(DATA_DIR), "sec-glasgow"), "name", lang)]
    if reading.chart == "route-map":
        return [format_number(route_km(), lang)]
    return []


def snapshot_group(snapshot: str) -> str | None:
    """The name of the group the ARIA snapshot starts with (its YAML quoting undone), or None."""
    first = snapshot.splitlines()[0] if snapshot else ""
    match = SNAPSHOT_GROUP.match(first)
    if not match:
        return None
    name = match.group(1) if match.group(1) is not None else match.group(2).replace("''", "'")
    return normalise(name.replace('\\"', '"'))


def a11y_problems(reading: Reading, lang: str) -> list[str]:
    """A group named by the chart's title, described by its summary, which states the key facts."""
    chart = reading.chart
    found = []
    if reading.role != "group":
        found.append(f"{chart}: role {reading.role!r}, not a group")
    if not reading.name or normalise(reading.name) != normalise(reading.title):
        found.append(f"{chart}: accessible name {reading.name!r}, not its title {reading.title!r}")
    if snapshot_group(reading.snapshot) != normalise(reading.title):
        found.append(f"{chart}: the ARIA snapshot has no group named by the title: {reading.snapshot[:200]!r}")
    description = normalise(reading.description)
    if not description or description != normalise(reading.summary):
        found.append(f"{chart}: description {reading.description!r}, not its summary {reading.summary!r}")
        return found
    lowered = description.casefold()
    found += [
        f"{chart}: description lacks {fact!r}: {description!r}"
        for fact in key_facts(reading, lang)
        if fact.casefold() not in lowered
    ]
    if chart == "region-map" and not re.search(rf"(?<!\d){AFRICA_MEMBERS}(?!\d)", description):
        found.append(f"{chart}: description does not count {AFRICA_MEMBERS} members: {description!r}")
    if chart == "timeline-chart":
        first = FIRST_NUMBER.search(description)
        want = format_number(reading.rows or 0, lang)
        if not reading.rows or not first or first.group() != want:
            found.append(f"{chart}: description does not open with the {reading.rows} events drawn: {description!r}")
    return found


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", A11Y_LANGS)
def test_chart_is_a_described_group(walk: Walk, lang: str, case: str) -> None:
    """Every chart of the section: role group, name = title, description = summary with the key numbers."""
    readings = walk.readings[(lang, case)]
    assert [reading.chart for reading in readings] == list(CASES[case])
    found = [problem for reading in readings for problem in a11y_problems(reading, lang)]
    assert not found, "\n".join(found)


def test_check_fails_on_an_undescribed_chart(walk: Walk) -> None:
    """Negative control: the region map without ``aria-describedby``, without ``aria-labelledby``,
    or with a summary that lost its numbers, fails the check."""
    page = walk.tabs["ar"].page
    chart = "region-map"
    figure = f"document.querySelector('.dash-chart[data-chart=\"{chart}\"]')"
    assert not a11y_problems(read(page, chart), "ar")
    page.evaluate(f"() => {figure}.removeAttribute('aria-describedby')")
    undescribed = a11y_problems(read(page, chart), "ar")
    page.evaluate(f"() => {figure}.setAttribute('aria-describedby', '{chart}-desc')")
    page.evaluate(f"() => {figure}.removeAttribute('aria-labelledby')")
    unnamed = a11y_problems(read(page, chart), "ar")
    page.evaluate(f"() => {figure}.setAttribute('aria-labelledby', '{chart}-title')")
    summary = f"document.getElementById('{chart}-desc')"
    page.evaluate(
        f"() => {{ const p = {summary}; p.dataset.text = p.textContent;"
        " p.textContent = p.textContent.replace(/\\d+/g, ''); }"
    )
    numberless = a11y_problems(read(page, chart), "ar")
    page.evaluate(f"() => {{ const p = {summary}; p.textContent = p.dataset.text; }}")
    assert any("description ''" in problem for problem in undescribed), undescribed
    assert any("accessible name" in problem for problem in unnamed), unnamed
    assert any("lacks '54'" in problem for problem in numberless), numberless
    assert not a11y_problems(read(page, chart), "ar")
