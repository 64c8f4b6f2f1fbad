"""Markup in data stays text in the page (issue #23, acceptance 2).

A copy of data/ whose cells hold HTML with a style ``url()``, links with ``target=_top`` and a
Markdown image and link, in English and Arabic cells (``tests/poison.py``), passes the data check
(the app escapes; see data/README.md). Every section, in Arabic and English, drawn live and as a
first paint: no request leaves 127.0.0.1, no element links to or loads from the poisoned host,
and the poisoned text is shown as typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from components.data import check_folder
from components.state import VIEWS
from tests.browser.conftest import streamlit_server
from tests.browser.ui import NewTab, Tab, open_painted
from tests.poison import HOST, LINK, STYLE, poison

pytestmark = pytest.mark.browser

LANGS = ("ar", "en")
SECTIONS_WITH_CHARTS = ("votes", "timeline", "map")
# Anything in the page pointing at the poisoned host: links, sources, styles (inline and computed),
# SVG references; and the text the poisoned race shows in the picker.
REACH_JS = """
(host) => {
  const hits = [];
  for (const el of document.querySelectorAll('*')) {
    // Attributes that link or load (plotly keeps a label's text in data-unformatted: text, not a link).
    for (const attr of el.attributes) {
      if (/^(href|xlink:href|src|srcset|srcdoc|style|action|formaction|poster|data|background|content)$/i
            .test(attr.name) && attr.value.includes(host)) {
        hits.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
      }
    }
    const style = getComputedStyle(el);
    if ((style.backgroundImage + style.listStyleImage + style.content).includes(host)) {
      hits.push(`${el.tagName.toLowerCase()} computed style`);
    }
  }
  const svgLinks = document.querySelectorAll('svg a, svg image, svg use, svg foreignObject').length;
  const picker = [...document.querySelectorAll('[role="radiogroup"] label')]
    .map(l => l.innerText.replaceAll('\\u2060', '')).join('\\n');
  const painted = document.querySelectorAll('.dash-chart[data-painted="static"]').length;
  const chartText = [...document.querySelectorAll('.dash-chart svg text')]
    .map(t => t.textContent.replace(/[\u2066-\u2069]/g, '')).join('\\n');
  return {hits, svgLinks, picker, painted, chartText, charts: document.querySelectorAll('.dash-chart').length};
}
"""


@pytest.fixture(scope="module")
def poisoned_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = poison(tmp_path_factory.mktemp("poisoned") / "data")
    assert check_folder(folder)[1] == [], "the app escapes markup: the check lets it through"
    return folder


@pytest.fixture(scope="module")
def live_server(poisoned_folder: Path) -> Iterator[str]:
    with streamlit_server(env={"DASHBOARD_DATA_DIR": str(poisoned_folder)}) as base:
        yield base


@pytest.fixture(scope="module")
def painting_server(poisoned_folder: Path, paint_cache: Path) -> Iterator[str]:
    # The run's shared paints: a paint's key covers its payload, so the poisoned charts' are their own.
    env = {"DASHBOARD_DATA_DIR": str(poisoned_folder), "DASH_FIRST_PAINT": "on", "DASH_PAINT_CACHE": str(paint_cache)}
    with streamlit_server(env=env) as base:
        yield base


def _check(tab: Tab) -> dict[str, Any]:
    off_host = [url for url in tab.requests if urlsplit(url).hostname not in ("127.0.0.1", None)]
    assert off_host == [], f"requests left 127.0.0.1: {off_host}"
    assert not any(HOST in url for url in tab.requests)
    reach: dict[str, Any] = tab.page.evaluate(REACH_JS, HOST)
    assert reach["hits"] == [], reach["hits"]
    assert reach["svgLinks"] == 0
    assert tab.dialogs == []
    return reach


def _hover_every_chart(tab: Tab) -> None:
    # Reaching for a painted chart brings the live one (plotly.js), whose hover labels hold data too.
    for plot in tab.page.locator(".dash-chart .dash-plot").all():
        plot.hover()
    tab.page.wait_for_function(
        "() => [...document.querySelectorAll('.dash-chart')].every(c => c.dataset.drawn === 'true')",
        timeout=60_000,
        polling=100,
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", VIEWS)
def test_live_sections_never_reach_the_poisoned_host(new_tab: NewTab, live_server: str, lang: str, view: str) -> None:
    tab = new_tab()
    tab.open(f"{live_server}?lang={lang}&view={view}")
    if view in SECTIONS_WITH_CHARTS:
        _hover_every_chart(tab)
    reach = _check(tab)
    if view == "votes" and lang == "en":
        assert f"Innocentia {STYLE} {LINK}" in reach["chartText"], "the name is drawn as typed"
    if view in ("votes", "map"):
        # The race picker shows the race's name as typed: the Markdown's characters, no image.
        assert f"![i](http://{HOST}/md.png)" in str(reach["picker"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", SECTIONS_WITH_CHARTS)
def test_painted_sections_never_reach_the_poisoned_host(
    new_tab: NewTab, painting_server: str, paint_cache: Path, lang: str, view: str
) -> None:
    # Checked as soon as the paints are shown (the live chart may replace a paint once the app settles).
    tab = open_painted(new_tab, f"{painting_server}?lang={lang}&view={view}", paint_cache, settle=False)
    reach = _check(tab)
    assert reach["painted"] == reach["charts"] and reach["charts"] > 0
    if view == "votes" and lang == "en":
        assert f"Innocentia {STYLE} {LINK}" in reach["chartText"], "the paint draws the name as typed"
    tab.settle()
    _hover_every_chart(tab)
    _check(tab)
