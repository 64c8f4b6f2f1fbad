"""The colours of the light and the dark theme, in one place: page, HTML blocks and charts.

``.streamlit/config.toml`` repeats the page colours for Streamlit (``[theme.light]``, ``[theme.dark]``)
and ``tests/unit/test_theme.py`` checks that both agree and that every pair meets WCAG 2.1:
text (``ink``, ``muted``, ``link``) at least 4.5:1 on ``background`` and on ``surface`` (1.4.3), marks
(``elected``, ``lost``, ``withdrew``, every ``palette`` colour) at least 3:1 on ``background``, and
the outcome marks also on the map's ``land`` and ``member`` fills (1.4.11). The ratios are in the
comments below. ``grid`` and ``border`` are decoration (no contrast needed); ``member`` and ``land``
are area fills that the outcome colours are drawn on. On the city map, ``water`` (the Clyde, the canal)
reaches 3:1 on ``background`` (1.4.11) and carries ``ink`` labels at 4.5:1 (the venue's and the river's
names may stand on it); ``built_up`` carries ``ink`` and ``muted`` text at 4.5:1. Exported images (PNG
download, share card) are always drawn in ``LIGHT``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    """The colours of one theme."""

    name: str
    background: str  # the page and every chart's paper
    surface: str  # sidebar, widgets, popovers (Streamlit's secondaryBackgroundColor)
    ink: str  # body text, chart text
    muted: str  # captions, notes, chart subtitles and value labels
    link: str  # links and Streamlit's primary colour (selected option, focus ring)
    border: str  # quote rule, table rules
    grid: str  # chart grid lines
    elected: str
    lost: str
    withdrew: str
    member: str  # a member country on a map
    land: str  # any other land on a map
    water: str  # rivers and canals on the city map
    built_up: str  # where the city has addresses, on the city map
    # Categorical series (timeline categories): Okabe-Ito hues, darkened (light) or lightened (dark)
    # until each reaches 3:1 on the background.
    palette: tuple[str, ...]


LIGHT = Palette(
    name="light",
    background="#ffffff",
    surface="#f5f7fa",
    ink="#1f2933",  # 14.8:1 on background, 13.9 on surface
    muted="#52606d",  # 6.5:1, 6.1
    link="#0b5fa5",  # 6.6:1, 6.2
    border="#cbd2d9",
    grid="#e4e7eb",
    elected="#0072B2",  # 5.2:1 on background, 4.8 on land, 4.3 on member
    lost="#A85C00",  # 5.0:1, 4.6, 4.1
    withdrew="#6b7785",  # 4.6:1, 4.2, 3.7
    member="#dbe9f5",
    land="#f4f5f7",
    water="#5a96c8",  # 3.2:1 on background; ink on it 4.7:1
    built_up="#e2e6eb",  # ink on it 11.6:1, muted 5.1:1
    # blue 5.2, orange 5.0, bluish green 4.7, reddish purple 5.0, sky blue 4.4, vermillion 4.7,
    # yellow (olive) 5.1, black 21.0
    palette=("#0072B2", "#A85C00", "#00845F", "#A8508F", "#2B7FB8", "#C25100", "#7A6F00", "#000000"),
)

DARK = Palette(
    name="dark",
    background="#13171c",
    surface="#1e242b",
    ink="#e4e7eb",  # 14.5:1 on background, 12.6 on surface
    muted="#a7b1bc",  # 8.3:1, 7.2
    link="#6cb4ee",  # 8.1:1, 7.0
    border="#3e4c59",
    grid="#323f4b",
    elected="#56B4E9",  # 7.8:1 on background, 6.0 on land, 4.6 on member
    lost="#E69F00",  # 8.0:1, 6.2, 4.7
    withdrew="#9aa5b1",  # 7.2:1, 5.6, 4.2
    member="#27415a",
    land="#262d35",
    water="#306b94",  # 3.1:1 on background; ink on it 4.6:1
    built_up="#2a323b",  # ink on it 10.5:1, muted 6.0:1
    # sky blue 7.8, orange 8.0, bluish green 7.6, reddish purple 7.2, light blue 11.6, vermillion 6.9,
    # yellow 13.6, white 18.0
    palette=("#56B4E9", "#E69F00", "#1FBF8F", "#D98CBB", "#A6D8F7", "#FF7A33", "#F0E442", "#FFFFFF"),
)

PALETTES = {"light": LIGHT, "dark": DARK}


def palette(theme_type: str | None) -> Palette:
    """The palette of Streamlit's theme type (``st.context.theme.type``); light when unknown."""
    return PALETTES.get(theme_type or "", LIGHT)


# The colours the HTML blocks use, as CSS custom properties (see components/views/page.py).
CSS_ROLES = ("background", "surface", "ink", "muted", "link", "border", "grid")


def css_variables() -> str:
    """``--dash-<role>: light-dark(<light>, <dark>)`` for every role of ``CSS_ROLES``.

    ``light-dark()`` picks by the ``color-scheme`` of the element that uses the colour, which
    Streamlit sets on its app container for the active theme: the blocks follow the theme menu at
    once, with no rerun (``st.context.theme`` can be stale on a first load or a switch).
    """
    return "".join(
        f"--dash-{role}: light-dark({getattr(LIGHT, role)}, {getattr(DARK, role)}); " for role in CSS_ROLES
    ).strip()


def recolouring(source: Palette = LIGHT, target: Palette = DARK) -> dict[str, str]:
    """Each colour of ``source`` (lower case) mapped to the colour of the same role in ``target``:
    what turns a figure drawn in the light theme into the dark one (``static/chart/dash-chart.js``).

    Two roles may share a colour in ``source`` only if they share it in ``target`` too (the figure
    keeps the value, not the role): otherwise a ValueError names both."""
    roles = [name for name in Palette.__dataclass_fields__ if name not in ("name", "palette")]
    pairs = [(role, getattr(source, role), getattr(target, role)) for role in roles]
    pairs += [(f"palette[{i}]", *colours) for i, colours in enumerate(zip(source.palette, target.palette, strict=True))]
    # Plotly's and our own spelling of the light paper.
    pairs.append(("white paper", "white", target.background))
    first: dict[str, tuple[str, str]] = {}  # light colour -> (dark colour, role), the first role's
    for role, light, dark in pairs:
        kept, other = first.setdefault(light.lower(), (dark, role))
        if kept.lower() != dark.lower():
            raise ValueError(
                f"{role!r} and {other!r} share {light} in the {source.name} theme but not their "
                f"{target.name} colours ({dark}, {kept})"
            )
    return {light: dark for light, (dark, _) in first.items()}
