"""Charts follow the reader's theme: in dark mode every chart is drawn in the dark palette
(components/theme.py), and switches back when the theme does; its downloaded image stays light."""

from __future__ import annotations

import pytest

from components.theme import DARK, LIGHT
from tests.browser.ui import NewTab, wait_for_app

pytestmark = pytest.mark.browser

# The paper colour of every chart and the colour of the first trace's marks, as plotly drew them.
COLOURS_JS = """
() => [...document.querySelectorAll('.dash-chart .js-plotly-plot')].map(gd => ({
  paper: gd._fullLayout.paper_bgcolor,
  mark: String(gd._fullData[0].marker && gd._fullData[0].marker.color),
  swatch: getComputedStyle(gd.closest('.dash-chart').querySelector('.dash-swatch') || gd).backgroundColor,
}))
"""


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_charts_follow_the_dark_theme(app_server: str, new_tab: NewTab, lang: str) -> None:
    tab = new_tab(color_scheme="dark")
    tab.open(f"{app_server}?lang={lang}&view=map")
    drawn = tab.page.evaluate(COLOURS_JS)
    assert len(drawn) == 3
    assert all(chart["paper"] == DARK.background for chart in drawn), drawn
    # The region map's members in the dark theme's member colour, its legend swatch too.
    assert drawn[0]["swatch"] == _rgb(DARK.member), drawn[0]
    # Switching the reader's theme redraws the charts in the light palette, without a reload.
    tab.page.emulate_media(color_scheme="light")
    tab.page.wait_for_function(
        "(paper) => [...document.querySelectorAll('.dash-chart .js-plotly-plot')]"
        ".every(gd => gd._fullLayout.paper_bgcolor === paper)",
        arg=LIGHT.background,
        timeout=15_000,
    )
    wait_for_app(tab.page)
    assert tab.page.evaluate(COLOURS_JS)[0]["swatch"] == _rgb(LIGHT.member)
    # The image a reader downloads is drawn from the light figure whatever the theme.
    tab.page.emulate_media(color_scheme="dark")
    tab.page.wait_for_function(
        "(paper) => document.querySelector('.dash-chart .js-plotly-plot')._fullLayout.paper_bgcolor === paper",
        arg=DARK.background,
        timeout=15_000,
    )
    with tab.page.expect_download() as download:
        tab.page.locator('.dash-chart[data-chart="region-map"] .dash-download[data-format="svg"]').click()
    svg = download.value.path().read_text(encoding="utf-8")
    assert "fill: rgb(255, 255, 255)" in svg and _rgb(DARK.background) not in svg
