"""The address bar is the view's state: set a view with the controls, copy the URL, open it in a
fresh browser context, and the same controls and the same charts come back. Back and Forward move
between sections."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.ui import (
    DEFAULTS,
    LANGUAGE_LABELS,
    NewTab,
    Tab,
    charts,
    choose_language,
    choose_race,
    choose_region,
    choose_section,
    choose_zoom,
    controls,
    label,
    query,
    race_label,
    wait_for_app,
)

BACK_TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class State:
    """One view: language, region filter, race, section and timeline period."""

    lang: str
    region: str
    race: str
    view: str
    zoom: str = "assembly"

    def params(self) -> dict[str, list[str]]:
        """What the address bar must hold: ``lang`` always, every other key when not its default."""
        wanted = {"lang": [self.lang]}
        for key, default in DEFAULTS.items():
            value = getattr(self, key)
            if value != default:
                wanted[key] = [value]
        return wanted

    def shown(self) -> dict[str, str]:
        """What the controls must show, keyed by their labels in the view's language."""
        lang = self.lang
        shown = {
            "Language · اللغة · Langue": LANGUAGE_LABELS[lang],
            label(lang, "control.region"): label(lang, f"region.{self.region}"),
            label(lang, "control.view"): label(lang, f"view.{self.view}"),
        }
        # Beside the language, in Arabic only: Western digits unless the link asks for others.
        if lang == "ar":
            shown[label(lang, "control.digits")] = label(lang, "digits.latn")
        # A filter is shown only in the sections it acts on.
        if self.view in ("votes", "map"):
            shown[label(lang, "control.race")] = race_label(lang, self.race)
        if self.view == "timeline":
            shown[label(lang, "control.zoom")] = label(lang, f"preset.{self.zoom}")
        return shown


STATES = [
    State("ar", "africa", "vp-africa-2024", "map"),
    State("en", "europe", "president-2025", "votes"),
    State("fr", "all", "sg-2024", "votes"),
    State("ar", "all", "vp-africa-2024", "timeline", zoom="history"),
    State("en", "americas", "sg-preselection-2024", "members", zoom="campaign"),
]


def state_id(state: State) -> str:
    """A test id such as ``ar-africa-vp-africa-2024-map-assembly``."""
    return f"{state.lang}-{state.region}-{state.race}-{state.view}-{state.zoom}"


@pytest.fixture(scope="module")
def at_root(module_tab: NewTab, app_server: str) -> dict[str, Tab]:
    """One fresh tab per test of this module at the app's root, all loading side by side from the
    start; each test waits for its own (``Tab.settle``)."""
    tabs = {}
    for name in [*map(state_id, STATES), "back", "switch"]:
        tabs[name] = module_tab()
        tabs[name].start(app_server)
    return tabs


def set_through_ui(page: Page, state: State) -> None:
    """Click the state together, as a reader would: language first, then the labels in it, each
    filter in a section that shows it."""
    choose_language(page, state.lang)
    choose_region(page, state.lang, state.region)
    choose_section(page, state.lang, "votes")
    choose_race(page, state.lang, state.race)
    choose_section(page, state.lang, "timeline")
    choose_zoom(page, state.lang, state.zoom)
    choose_section(page, state.lang, state.view)


def notices(page: Page) -> list[str]:
    """The text of every alert box on the page."""
    texts: list[str] = page.locator('[data-testid="stAlert"]').all_inner_texts()
    return texts


@pytest.mark.browser
@pytest.mark.parametrize("state", STATES, ids=state_id)
def test_url_round_trip(at_root: dict[str, Tab], new_tab: NewTab, state: State) -> None:
    """Root -> controls -> URL -> fresh context -> same controls and charts."""
    source = at_root[state_id(state)]
    source.settle()
    set_through_ui(source.page, state)
    url = source.page.url
    assert query(url) == state.params(), f"the address bar does not hold the view: {url}"
    drawn = charts(source.page)
    assert len(drawn) == {"votes": 1, "timeline": 1, "map": 3}.get(state.view, 0)

    reader = new_tab()
    reader.open(url)
    assert query(reader.page.url) == state.params(), "opening the link changed it"
    assert notices(reader.page) == [], "a link the app wrote itself was reported as (partly) ignored"
    assert charts(reader.page) == drawn
    shown = controls(reader.page)
    assert shown == state.shown(), "the link shows other controls or values than its view has"
    assert not source.failed
    assert not reader.failed
    # Last, so that the round trip above is checked either way: the page the view was clicked
    # together in must show the same controls as the link opened afresh.
    assert controls(source.page) == shown, "the controls after clicking differ from the link's"


def expect_section(page: Page, lang: str, view: str, action: str) -> None:
    """Wait until the section control shows ``view`` (after Back/Forward), else fail."""
    wanted = label(lang, f"view.{view}")
    try:
        page.wait_for_function(
            "(wanted) => [...document.querySelectorAll("
            '\'[data-testid="stMain"] [data-testid="stRadioOption"][data-selected="true"]\')]'
            ".some(el => el.innerText.trim() === wanted)",
            arg=wanted,
            timeout=BACK_TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        shown = controls(page).get(label(lang, "control.view"))
        pytest.fail(f"{action} did not show {wanted!r}: URL {page.url}, section control shows {shown!r}")
    wait_for_app(page)


@pytest.mark.browser
def test_back_and_forward_move_between_sections(at_root: dict[str, Tab]) -> None:
    """Back after changing the section returns to the previous section, Forward goes again."""
    tab = at_root["back"]
    tab.settle()
    choose_section(tab.page, "en", "map")
    choose_section(tab.page, "en", "timeline")

    tab.page.go_back()
    expect_section(tab.page, "en", "map", "Back")
    assert query(tab.page.url).get("view") == ["map"]
    assert [chart["traces"][0]["type"] for chart in charts(tab.page)] == ["choropleth", "choropleth", "scattergeo"]

    tab.page.go_back()
    expect_section(tab.page, "en", "votes", "Back again")
    assert "view" not in query(tab.page.url)
    assert [chart["traces"][0]["type"] for chart in charts(tab.page)] == ["bar"]

    tab.page.go_forward()
    expect_section(tab.page, "en", "map", "Forward")
    assert query(tab.page.url).get("view") == ["map"]
    assert not tab.failed


@pytest.mark.browser
def test_language_switch_relabels_every_control(at_root: dict[str, Tab]) -> None:
    """Right after switching the language, every control shows its current value in the new
    language (as the same view opened from its link does)."""
    tab = at_root["switch"]
    tab.settle()
    wrong = {}
    for lang in ("fr", "ar"):
        choose_language(tab.page, lang)
        expected = State(lang, **DEFAULTS).shown()
        shown = controls(tab.page)
        wrong[lang] = {key: shown.get(key) for key, value in expected.items() if shown.get(key) != value}
    assert wrong == {"fr": {}, "ar": {}}, f"controls still showing old labels or nothing: {wrong}"
