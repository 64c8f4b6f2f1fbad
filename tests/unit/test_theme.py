"""The two themes: every text colour at least 4.5:1 and every mark at least 3:1 (WCAG 2.1 contrast,
computed by ColorAide), and Streamlit's config holding the same page colours as components/theme.py."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from coloraide import Color

from components.data import Dataset
from components.figures.timeline import EVENT_CATEGORIES
from components.section_charts import region_map_chart, timeline_chart, votes_chart
from components.tables.votes import vote_table
from components.theme import DARK, LIGHT, PALETTES, Palette, css_variables, palette, recolouring

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


# Every pair of roles the themes promise, with the least ratio it must reach (see components/theme.py).
PAIRS: tuple[tuple[str, str, float], ...] = (
    *((text, ground, 4.5) for text in TEXT for ground in TEXT_ON),
    *((mark, ground, 3.0) for mark in OUTCOMES for ground in OUTCOMES_ON),
    ("water", "background", 3.0),
    ("ink", "water", 4.5),
    ("ink", "built_up", 4.5),
    ("muted", "built_up", 4.5),
)


def contrast_problems(theme: Palette) -> list[str]:
    """Every pair of ``theme`` below its least ratio (``PAIRS``, and each series colour at 3:1 on the
    background), as ``"<fg> on <ground> is <ratio>:1 < <least>"``; nothing when the theme is sound."""
    found = []
    for foreground, ground, least in PAIRS:
        ratio = contrast(getattr(theme, foreground), getattr(theme, ground))
        if ratio < least:
            found.append(f"{foreground} on {ground} is {ratio:.2f}:1 < {least}")
    for index, colour in enumerate(theme.palette):
        ratio = contrast(colour, theme.background)
        if ratio < 3:
            found.append(f"palette[{index}] on background is {ratio:.2f}:1 < 3")
    return found


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
def test_no_pair_falls_below_its_contrast(theme: Palette) -> None:
    assert contrast_problems(theme) == []


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
@pytest.mark.parametrize(("foreground", "ground", "least"), PAIRS, ids=[f"{f}-on-{g}" for f, g, _ in PAIRS])
def test_the_contrast_check_fails_a_low_contrast_pair(
    theme: Palette, foreground: str, ground: str, least: float
) -> None:
    """Negative control: the project's check over the project's palette names a pair made low-contrast
    (the foreground moved 70 % of the way to its ground), and only pairs of that colour."""
    faded = Color.mix(Color(getattr(theme, foreground)), getattr(theme, ground), 0.7, space="srgb").to_string(hex=True)
    assert contrast(faded, getattr(theme, ground)) < least
    changed: dict[str, Any] = {foreground: faded}
    found = contrast_problems(replace(theme, **changed))
    assert any(problem.startswith(f"{foreground} on {ground} is ") for problem in found), found
    assert all(problem.startswith(f"{foreground} on ") or f" on {foreground} " in problem for problem in found), found


@pytest.mark.parametrize("theme", PALETTES.values(), ids=PALETTES)
def test_the_contrast_check_fails_a_low_contrast_series_colour(theme: Palette) -> None:
    faded = Color.mix(Color(theme.palette[2]), theme.background, 0.7, space="srgb").to_string(hex=True)
    found = contrast_problems(replace(theme, palette=(*theme.palette[:2], faded, *theme.palette[3:])))
    assert len(found) == 1 and found[0].startswith("palette[2] on background is "), found


def test_the_contrast_check_fails_the_old_greys() -> None:
    # The old muted grey (#7b8794, 3.66:1) and Streamlit's caption grey fail as text.
    assert contrast("#7b8794", "#ffffff") < 4.5
    assert contrast("#828180", "#ffffff") == pytest.approx(3.89, abs=0.01)
    for grey in ("#7b8794", "#828180"):
        found = contrast_problems(replace(LIGHT, muted=grey))
        assert any(problem.startswith("muted on background is 3.") for problem in found), found


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


def test_charts_take_the_light_palette(data: Dataset) -> None:
    """What the figures carry, role by role, is the light theme's colour of that role (not merely an
    alias of it): page and text colours, the grid, the outcome colours on the bars and the map, and
    each timeline category's series colour (``recolouring`` maps exactly these to the dark theme)."""
    votes = votes_chart(data, "vp-africa-2024", "en").figure
    timeline = timeline_chart(data, "assembly", "all", "en").figure
    region = region_map_chart(data, "all", "vp-africa-2024", "en").figure
    carried: dict[str, object] = {}
    wanted: dict[str, object] = {}
    for name, fig in (("votes", votes), ("timeline", timeline), ("region", region)):
        carried |= {
            f"{name} paper": fig.layout.paper_bgcolor,
            f"{name} plot": fig.layout.plot_bgcolor,
            f"{name} text": fig.layout.font.color,
            f"{name} subtitle": fig.layout.title.subtitle.font.color,
        }
        wanted |= {
            f"{name} paper": LIGHT.background,
            f"{name} plot": LIGHT.background,
            f"{name} text": LIGHT.ink,
            f"{name} subtitle": LIGHT.muted,
        }
    carried["votes grid"], wanted["votes grid"] = votes.layout.xaxis.gridcolor, LIGHT.grid
    # The elected candidate's bar (the only counted one of this race), the value labels in muted.
    rows = vote_table(data, "vp-africa-2024")
    counted = rows[rows["status"] == "counted"]
    (bars,) = [trace for trace in votes.data if trace.type == "bar"]
    bar_colours = dict(zip(counted["outcome"], bars.marker.color, strict=True))
    carried["votes elected bar"], wanted["votes elected bar"] = bar_colours.get("elected"), LIGHT.elected
    labels = {trace.textfont.color for trace in votes.data if trace.type == "scatter"}
    carried["votes labels"], wanted["votes labels"] = labels, {LIGHT.muted}
    # The region map: each status's fill is that role's colour.
    for trace in region.data:
        if trace.type == "choropleth":
            carried[f"region {trace.legendgroup}"] = {colour for _, colour in trace.colorscale}
            wanted[f"region {trace.legendgroup}"] = {getattr(LIGHT, trace.legendgroup)}
    assert {"region elected", "region lost", "region withdrew", "region member"} <= set(carried)
    # The timeline: category i takes the palette's colour i.
    for trace in timeline.data:
        carried[f"timeline {trace.legendgroup} {trace.type}"] = trace.marker.color
        wanted[f"timeline {trace.legendgroup} {trace.type}"] = LIGHT.palette[EVENT_CATEGORIES.index(trace.legendgroup)]
    assert len(timeline.data) >= 2
    assert carried == wanted
    # Every colour a chart carries is one the dark theme can take over (recolouring keys).
    dark = recolouring()
    assert all(str(colour).lower() in dark for key, colour in wanted.items() if isinstance(colour, str)), wanted


def test_palette_of_a_theme_type() -> None:
    assert palette("dark") is DARK
    assert palette("light") is LIGHT
    assert palette(None) is LIGHT


def test_css_variables_pair_light_and_dark() -> None:
    found = dict(re.findall(r"--dash-(\w+): light-dark\(([^)]*)\);", css_variables()))
    assert found["muted"] == f"{LIGHT.muted}, {DARK.muted}"
    assert found["background"] == f"{LIGHT.background}, {DARK.background}"


def test_two_roles_sharing_a_light_colour_must_share_the_dark_one() -> None:
    # The dark theme is reached by colour value: two roles with one light colour and two dark ones
    # cannot both be right, so the mapping refuses them, naming both roles.
    clash = replace(DARK, withdrew="#ff00ff")
    with pytest.raises(ValueError, match=r"'withdrew'.*'lost'|'lost'.*'withdrew'"):
        recolouring(replace(LIGHT, withdrew=LIGHT.lost), clash)
    # Sharing both colours is fine (the elected mark is the first series colour in both themes).
    assert LIGHT.elected == LIGHT.palette[0] and recolouring()[LIGHT.elected.lower()] == DARK.elected
