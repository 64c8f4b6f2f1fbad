"""What the Africa map draws, read from the drawn paths (plotly's own projection, ``isPointInFill``):
Western Sahara is not filled as Morocco or as a member, Morocco is, and the boundary is dashed."""

from __future__ import annotations

import pytest

from components.figures.layout import ELECTED
from tests.browser.ui import NewTab, Tab, label, shapes_at

# Inside Western Sahara (south of 27°40'N) and inside Morocco.
WESTERN_SAHARA = (-13.0, 24.5)
MOROCCO = (-6.5, 32.5)
REGION_MAP = 0


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
          const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[0];
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
