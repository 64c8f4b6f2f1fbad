"""The two themes: every text colour at least 4.5:1 and every mark at least 3:1 (WCAG 2.1 contrast,
computed by ColorAide), and Streamlit's config holding the same page colours as components/theme.py."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from coloraide import Color

from components.figures import layout
from components.theme import DARK, LIGHT, PALETTES, Palette, css_variables, palette

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
TEXT = ("ink", "muted", "link")
TEXT_ON = ("background", "surface")
OUTCOMES = ("elected", "lost", "withdrew")
OUTCOMES_ON = ("background", "land", "member")
# Streamlit's option for each palette role it needs.
CONFIG_KEYS = {
    "primaryColor": "link",
    "linkColor": "link",
    "backgroundColor": "background",
    "secondaryBackgroundColor": "surface",
    "textColor": "ink",
}


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2.1 contrast ratio of two colours."""
    return float(Color(foreground).contrast(background, method="wcag21"))


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
@pytest.mark.parametrize("text", TEXT)
@pytest.mark.parametrize("ground", TEXT_ON)
def test_text_reaches_4_5_to_1(theme: Palette, text: str, ground: str) -> None:
    ratio = contrast(getattr(theme, text), getattr(theme, ground))
    assert ratio >= 4.5, f"{theme.name}: {text} on {ground} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
@pytest.mark.parametrize("mark", OUTCOMES)
@pytest.mark.parametrize("ground", OUTCOMES_ON)
def test_outcome_marks_reach_3_to_1(theme: Palette, mark: str, ground: str) -> None:
    ratio = contrast(getattr(theme, mark), getattr(theme, ground))
    assert ratio >= 3, f"{theme.name}: {mark} on {ground} is {ratio:.2f}:1"


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
def test_every_series_colour_reaches_3_to_1(theme: Palette) -> None:
    low = {colour: round(contrast(colour, theme.background), 2) for colour in theme.palette}
    assert all(ratio >= 3 for ratio in low.values()), f"{theme.name}: {low}"
    assert len(set(theme.palette)) == len(theme.palette)


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
def test_city_map_water_and_built_up_reach_their_contrast(theme: Palette) -> None:
    """The Clyde stands out from the paper (3:1, a graphic: 1.4.11); names that fall on the water or on
    the built-up area read as text (4.5:1, 1.4.3)."""
    ratios = {
        "water on background": (contrast(theme.water, theme.background), 3),
        "ink on water": (contrast(theme.ink, theme.water), 4.5),
        "ink on built_up": (contrast(theme.ink, theme.built_up), 4.5),
        "muted on built_up": (contrast(theme.muted, theme.built_up), 4.5),
    }
    low = {pair: round(ratio, 2) for pair, (ratio, least) in ratios.items() if ratio < least}
    assert not low, f"{theme.name}: {low}"


def test_the_contrast_check_fails_a_low_contrast_pair() -> None:
    # Negative control: the old muted grey (#7b8794, 3.66:1) and Streamlit's caption grey fail as text.
    assert contrast("#7b8794", "#ffffff") < 4.5
    assert contrast("#828180", "#ffffff") == pytest.approx(3.89, abs=0.01)


def test_themes_have_the_same_roles_and_differ() -> None:
    assert LIGHT.background != DARK.background
    assert contrast(LIGHT.background, DARK.background) > 10


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
def test_streamlit_config_uses_the_palette(theme: Palette) -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert "base" not in config["theme"], "a base theme would pin the page to one theme"
    section = config["theme"][theme.name]
    assert {key: section.get(key, "").lower() for key in CONFIG_KEYS} == {
        key: getattr(theme, role).lower() for key, role in CONFIG_KEYS.items()
    }


def test_charts_take_the_light_palette() -> None:
    charts = (layout.INK, layout.MUTED, layout.GRID, layout.ELECTED, layout.LOST, layout.WITHDREW, layout.MEMBER)
    assert charts == (LIGHT.ink, LIGHT.muted, LIGHT.grid, LIGHT.elected, LIGHT.lost, LIGHT.withdrew, LIGHT.member)
    assert LIGHT.palette == layout.PALETTE


def test_palette_of_a_theme_type() -> None:
    assert palette("dark") is DARK
    assert palette("light") is LIGHT
    assert palette(None) is LIGHT


def test_css_variables_pair_light_and_dark() -> None:
    found = dict(re.findall(r"--dash-(\w+): light-dark\(([^)]*)\);", css_variables()))
    assert found["muted"] == f"{LIGHT.muted}, {DARK.muted}"
    assert found["background"] == f"{LIGHT.background}, {DARK.background}"
