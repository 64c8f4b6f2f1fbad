"""What the maps draw, read from the drawn paths (plotly's own projection, ``isPointInFill``): on the
Africa map Western Sahara is not filled as Morocco or as a member, Morocco is, the boundary is dashed,
and on a phone the continent starts near the plot's top; on a phone the city map shows Glasgow at city
scale with the venue; the Clyde is water on the city map and the venue is not, live and on the first
paint, in Arabic and English, on a phone and a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.data import DATA_DIR, load_dataset
from components.figures.layout import ELECTED
from components.tables.places import place
from components.theme import DARK, LIGHT
from tests.browser.test_first_paint import PHONE as ANDROID_PHONE
from tests.browser.test_first_paint import arrive
from tests.browser.ui import DESKTOP, PHONE, NewTab, Tab, label, shapes_at

# Inside Western Sahara (south of 27°40'N) and inside Morocco.
WESTERN_SAHARA = (-13.0, 24.5)
MOROCCO = (-6.5, 32.5)
REGION_MAP = 0
CITY_MAP = 1
# Pixels between the venue and the point 1 km east of it, as the city map draws them.
PIXELS_PER_KM_JS = """
([index, lon, lat]) => {
  const gd = document.querySelectorAll('.dash-chart .js-plotly-plot')[index];
  const project = gd._fullLayout.geo._subplot.projection;
  const east = lon + 1 / (111.32 * Math.cos(lat * Math.PI / 180));
  const [a, b] = [project([lon, lat]), project([east, lat])];
  const markers = [...gd.querySelectorAll('.scattergeo .point')].filter(p => (p.getAttribute('d') || '').length > 5);
  return {px: Math.hypot(b[0] - a[0], b[1] - a[1]), width: gd.getBoundingClientRect().width, markers: markers.length};
}
"""


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.fixture(scope="module")
def africa(module_tab: NewTab, app_server: str) -> Tab:
    """The map section in English, Africa (the race's region) shown."""
    tab = module_tab()
    tab.open(f"{app_server}?lang=en&view=map")
    return tab


@pytest.mark.browser
def test_western_sahara_is_not_filled_as_morocco_or_a_member(africa: Tab) -> None:
    """At 24.5°N 13°W no country shape of the map is filled: no Morocco, no member colour."""
    filled = [shape for shape in shapes_at(africa.page, REGION_MAP, *WESTERN_SAHARA) if shape["layer"] == "choropleth"]
    assert not filled, f"24.5°N 13°W is filled by {filled}"


@pytest.mark.browser
def test_morocco_is_filled_as_elected(africa: Tab) -> None:
    """At 32.5°N 6.5°W the top shape is Morocco's, in the colour of the elected candidate's country."""
    filled = [shape for shape in shapes_at(africa.page, REGION_MAP, *MOROCCO) if shape["layer"] == "choropleth"]
    assert filled, "32.5°N 6.5°W is not filled"
    assert filled[-1]["location"] == "MAR", filled
    assert filled[-1]["fill"] == _rgb(ELECTED), filled


@pytest.mark.browser
def test_boundary_with_morocco_is_drawn_dashed(africa: Tab) -> None:
    """The Morocco-Western Sahara boundary is a drawn line with a dash pattern."""
    lines = africa.page.evaluate(
        """() => {
          const gd = document.querySelectorAll('.dash-chart .js-plotly-plot')[0];
          return [...gd.querySelectorAll('.scattergeo .js-line')]
            .filter(p => (p.getAttribute('d') || '').length > 20)
            .map(p => getComputedStyle(p).strokeDasharray);
        }"""
    )
    assert any(dash not in ("", "none") for dash in lines), f"no dashed line on the Africa map: {lines}"


@pytest.mark.browser
def test_note_says_what_is_drawn(africa: Tab) -> None:
    """The note under the maps is shown and names Western Sahara and the 27°40′N line."""
    note = label("en", "map.boundaries_note")
    assert "Western Sahara" in note and "27°40′" in note, note
    assert note in africa.page.inner_text("body")


@pytest.fixture(scope="module")
def phone(module_tab: NewTab, app_server: str) -> Tab:
    """The map section in Arabic on a 390 px wide phone."""
    tab = module_tab(viewport=PHONE)
    tab.open(f"{app_server}?lang=ar&view=map")
    return tab


@pytest.mark.browser
def test_city_map_shows_glasgow_at_8_px_per_km_on_a_phone(phone: Tab) -> None:
    """On a 390 px screen the city map draws a kilometre at Glasgow over at least 8 px, and the venue."""
    venue = place(load_dataset(DATA_DIR), "sec-glasgow")
    drawn = phone.page.evaluate(PIXELS_PER_KM_JS, [CITY_MAP, float(venue["lon"]), float(venue["lat"])])
    assert drawn["width"] <= 390, drawn
    assert drawn["px"] >= 8, drawn
    assert drawn["markers"] >= 2, drawn  # the venue and the city centre
    built_up = [s for s in shapes_at(phone.page, CITY_MAP, -4.2576, 55.8651) if s["layer"] == "choropleth"]
    assert built_up, "the city centre is not in the built-up area"


# The blank a phone sees between the region map's plot top and Africa's northernmost point (Cap Angela,
# Tunisia), where plotly's projection draws it (the plot's SVG coordinates start at its top).
BLANK_ABOVE_JS = """
() => {
  const gd = document.querySelectorAll('.dash-chart .js-plotly-plot')[0];
  return gd._fullLayout.geo._subplot.projection([9.75, 37.35])[1];
}
"""


@pytest.mark.browser
def test_africa_map_starts_near_its_top_on_a_phone(phone: Tab) -> None:
    """On a 390 px phone the continent starts within 40 px of the plot's top (it was about 100 px)."""
    blank = phone.page.evaluate(BLANK_ABOVE_JS)
    assert blank <= 40, f"{blank:.0f} px blank above Africa"


# Mid-Clyde at 4.2878°W, where the river runs from 55.8578 to 55.8593°N, south of the venue.
MID_CLYDE = (-4.2878, 55.8585)
# Which drawn shapes of the city map cover each point, in the first paint's SVG or in the live plot. The
# paint is a static SVG without plotly's projection: it is recovered from the two place markers (the
# venue and the city centre, the last two points drawn), Mercator being linear in longitude and in
# ln(tan(pi/4 + lat/2)); on the live plot the same recovery is checked against plotly's own projection.
CITY_FILLS_JS = """
([places, targets]) => {
  const root = document.querySelector(".dash-chart[data-chart='city-map']");
  const paint = root.querySelector('.dash-paint svg');
  const scope = paint || root.querySelector('.js-plotly-plot');
  const points = [...scope.querySelectorAll('.scattergeo .point')].filter(p => (p.getAttribute('d') || '').length > 5);
  const at = p => (p.getAttribute('transform') || '')
    .match(/translate\\(([-\\d.e]+)[ ,]+([-\\d.e]+)\\)/).slice(1).map(Number);
  const merc = lat => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
  const [a, b] = places;
  const [pa, pb] = points.slice(-2).map(at);
  const sx = (pb[0] - pa[0]) / (b[0] - a[0]), sy = (pb[1] - pa[1]) / (merc(b[1]) - merc(a[1]));
  const project = ([lon, lat]) => [pa[0] + sx * (lon - a[0]), pa[1] + sy * (merc(lat) - merc(a[1]))];
  const paths = [...scope.querySelectorAll('path.choroplethlocation')];
  const fills = targets.map(t => {
    const [x, y] = project(t);
    return paths.filter(p => p.isPointInFill(new DOMPoint(x, y))).map(p => getComputedStyle(p).fill);
  });
  let drift = null;
  if (!paint) {
    const projection = root.querySelector('.js-plotly-plot')._fullLayout.geo._subplot.projection;
    drift = Math.max(...targets.map(t => { const [x, y] = project(t), [u, v] = projection(t);
                                           return Math.hypot(x - u, y - v); }));
  }
  return {painted: Boolean(paint), fills, drift, markers: points.length, paths: paths.length};
}
"""
WATER_FILLS = {_rgb(LIGHT.water), _rgb(DARK.water)}
CITY = ".dash-chart[data-chart='city-map']"
CITY_LIVE_JS = f"""
() => {{
  const plot = document.querySelector("{CITY} .js-plotly-plot");
  const long = (paths, n) => [...paths].filter(p => (p.getAttribute('d') || '').length > n);
  return Boolean(plot) && long(plot.querySelectorAll('path.choroplethlocation'), 20).length > 0
    && long(plot.querySelectorAll('.scattergeo .point'), 5).length >= 2;
}}
"""


def city_fill_problems(tab: Tab) -> tuple[bool, list[str]]:
    """Whether the city map read was the paint, and what is wrong: mid-Clyde not in a water shape, the
    venue in one, or (live) the recovered projection off plotly's by a pixel or more."""
    data = load_dataset(DATA_DIR)
    venue, centre = place(data, "sec-glasgow"), place(data, "glasgow")
    places = [[float(row["lon"]), float(row["lat"])] for row in (venue, centre)]
    found = tab.page.evaluate(CITY_FILLS_JS, [places, [list(MID_CLYDE), places[0]]])
    problems = []
    clyde, at_venue = found["fills"]
    if not WATER_FILLS & set(clyde):
        problems.append(f"mid-Clyde is in no water shape: {clyde} ({found})")
    if WATER_FILLS & set(at_venue):
        problems.append(f"the venue is in a water shape: {at_venue}")
    if not at_venue:
        problems.append("the venue is in no drawn shape (the built-up area)")
    if found["drift"] is not None and found["drift"] >= 1:
        problems.append(f"projection recovered from the markers is {found['drift']:.2f} px off plotly's")
    return found["painted"], problems


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_clyde_is_water_and_the_venue_is_not(
    new_tab: NewTab, painted_server: str, paint_cache: Path, lang: str, width: int
) -> None:
    """Read from the drawn city map: first the first paint a reader arriving from a link sees, then the
    live plot once the reader reaches for it."""
    options = ANDROID_PHONE if width == 390 else {"viewport": DESKTOP}
    tab = arrive(new_tab, paint_cache, f"{painted_server}?lang={lang}&view=map", **options)
    painted, problems = city_fill_problems(tab)
    assert painted, "the city map was not shown as a first paint"
    assert problems == [], "first paint"
    tab.page.locator(f"{CITY} .dash-paint").dispatch_event("pointerover")
    tab.page.wait_for_selector(f"{CITY}[data-drawn='true']", timeout=60_000)
    # The live plot has drawn what the check reads: the city's shapes and the places' markers.
    tab.page.wait_for_function(CITY_LIVE_JS, timeout=60_000, polling="raf")
    painted, problems = city_fill_problems(tab)
    assert not painted
    assert problems == [], "live"
