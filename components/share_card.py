"""The share card: a 1200x630 PNG summing up one race, drawn with Pillow in any language.

Pure (no Streamlit). Text is wrapped first, measured with the font that draws it, then every line
goes through :func:`components.text.raster_line`, the only place that decides about shaping.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pandas as pd
from PIL import Image, ImageDraw, ImageFont, features

from components.data import Dataset
from components.figures.layout import ELECTED, GRID, INK, MUTED
from components.i18n import count_votes, country_name, format_date, ordinal, t
from components.labels import candidate_name, localized
from components.tables.lookup import row_by
from components.tables.timeline import first_publisher
from components.tables.votes import quoting_source, race_row, vote_table
from components.text import DEFAULT_DIGITS, is_rtl, localized_digits, raster_line

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
ACCENT = 16
FONTS_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"
# DejaVu Sans covers Arabic, Latin, digits and punctuation; Pillow has no font fallback.
FONT_FILES = {False: FONTS_DIR / "DejaVuSans.ttf", True: FONTS_DIR / "DejaVuSans-Bold.ttf"}
LAYOUTS = {"basic": ImageFont.Layout.BASIC, "raqm": ImageFont.Layout.RAQM}
LINE_PAD = 24
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Block:
    """One paragraph of the card and how it is drawn."""

    role: str
    text: str
    size: int
    bold: bool = False
    colour: str = INK
    max_lines: int = 1
    gap: int = 0


@dataclass(frozen=True)
class PlacedLine:
    """One wrapped line (logical order) and the slot it is drawn in."""

    role: str
    text: str
    box: Box
    size: int
    bold: bool
    colour: str


def engine(layout: str | None) -> ImageFont.Layout:
    """The Pillow layout engine: ``None`` picks raqm when available, else BASIC."""
    if layout is None:
        return LAYOUTS["raqm"] if features.check("raqm") else LAYOUTS["basic"]
    if layout == "raqm" and not features.check("raqm"):
        # Pillow would silently fall back to BASIC and then draw raw, unshaped Arabic.
        raise RuntimeError("layout='raqm' needs Pillow built with libraqm")
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be None, 'basic' or 'raqm', not {layout!r}")
    return LAYOUTS[layout]


@cache
def load_font(size: int, *, bold: bool, layout: str | None = None) -> ImageFont.FreeTypeFont:
    """DejaVu Sans (bold or regular) at ``size`` px with the chosen layout engine."""
    return ImageFont.truetype(str(FONT_FILES[bold]), size, layout_engine=engine(layout))


def _uses_raqm(font: ImageFont.FreeTypeFont) -> bool:
    return font.layout_engine == ImageFont.Layout.RAQM


def _direction(font: ImageFont.FreeTypeFont, lang: str) -> tuple[str | None, str | None]:
    # (direction, language) for Pillow: only raqm knows them, BASIC raises if they are set.
    if not _uses_raqm(font):
        return None, None
    return ("rtl" if is_rtl(lang) else "ltr"), lang


def measure(line: str, font: ImageFont.FreeTypeFont, lang: str) -> float:
    """Width in pixels of ``line`` drawn as the card draws it."""
    prepared = raster_line(line, raqm=_uses_raqm(font), rtl=is_rtl(lang))
    direction, language = _direction(font, lang)
    return float(font.getlength(prepared, direction=direction, language=language))


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lang: str) -> list[str]:
    """Greedy word wrap of logical-order ``text`` into lines at most ``width`` px wide."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate, font, lang) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _source(data: Dataset, winner: pd.Series, lang: str) -> str:
    refs = tuple(winner["source_ids"])
    if pd.isna(winner["votes"]):
        return first_publisher(data, refs)
    return str(quoting_source(data, refs, int(winner["votes"]), lang)["publisher"])


def _where_blocks(data: Dataset, race: pd.Series, lang: str) -> list[Block]:
    date = race.get("date")
    when = "" if date is None or pd.isna(date) else format_date(pd.Timestamp(date).date(), lang)
    if pd.isna(race["assembly_id"]):
        return [Block("place_date", when, 28, gap=20)] if when else []
    assembly = row_by(data.assemblies, str(race["assembly_id"]))
    city = localized(assembly, "city", lang)
    held = t(lang, "card.assembly", ordinal=ordinal(int(assembly["number"]), lang), city=city)
    place = _venue(data, assembly, lang)
    parts = [part for part in (place, when) if part]
    line = t(lang, "card.place_date", place=place, date=when) if len(parts) == 2 else "".join(parts)
    return [Block("assembly", held, 28, gap=20)] + ([Block("place_date", line, 28)] if line else [])


def _venue(data: Dataset, assembly: pd.Series, lang: str) -> str:
    venue = assembly.get("venue_en")
    if venue is None or pd.isna(venue):
        return ""
    # Venues are named in English only on the assembly; the places table has their translations.
    places = data.places[data.places["name_en"] == venue]
    return localized(places.iloc[0], "name", lang) if not places.empty else str(venue)


def card_blocks(data: Dataset, race_id: str, lang: str, digits: str = DEFAULT_DIGITS) -> list[Block]:
    """What the card says about ``race_id``, top to bottom (the source last), its numbers in ``digits``."""
    return [replace(block, text=localized_digits(block.text, digits)) for block in _blocks(data, race_id, lang)]


def _blocks(data: Dataset, race_id: str, lang: str) -> list[Block]:
    race = race_row(data, race_id)
    table = vote_table(data, race_id)
    winners = table[(table["option"] == "candidate") & (table["outcome"] == "elected")]
    blocks = [
        Block("kicker", t(lang, "card.kicker"), 24, colour=MUTED),
        Block("office", localized(race, "office", lang), 40, bold=True, max_lines=2, gap=6),
    ]
    if winners.empty:
        publisher = first_publisher(data, tuple(race["source_ids"]))
        return [*blocks, Block("name", t(lang, "card.no_result"), 52, True, MUTED, gap=40), _cite(publisher, lang)]
    winner = winners.iloc[0]
    blocks.append(Block("name", candidate_name(winner, lang), 60, True, ELECTED, max_lines=2, gap=40))
    if pd.notna(winner["country_iso3"]):
        blocks.append(Block("country", country_name(str(winner["country_iso3"]), lang), 32))
    if winner["status"] == "counted":
        blocks.append(Block("votes", count_votes(int(winner["votes"]), lang), 44, bold=True, gap=14))
    else:
        blocks.append(Block("votes", t(lang, "card.votes_unknown"), 32, colour=MUTED, gap=14))
    blocks += _where_blocks(data, race, lang)
    return [*blocks, _cite(_source(data, winner, lang), lang)]


def _cite(publisher: str, lang: str) -> Block:
    return Block("source", t(lang, "headline.source", publisher=publisher), 22)


def _line_height(size: int) -> int:
    return round(size * 1.32)


def _fit(block: Block, lang: str, layout: str | None) -> tuple[Block, list[str]]:
    """The block at the largest size (down to 60%) whose wrapped lines are at most ``max_lines``,
    none wider than the card (a single long word, e.g. a URL, cannot be wrapped)."""
    width = WIDTH - 2 * MARGIN
    size = block.size
    while True:
        font = load_font(size, bold=block.bold, layout=layout)
        lines = wrap(block.text, font, width, lang)
        fits = len(lines) <= block.max_lines and all(measure(line, font, lang) <= width for line in lines)
        if fits or size <= block.size * 0.6:
            return replace(block, size=size), lines
        size -= 2


def _place(blocks: list[Block], lang: str, layout: str | None, top: int) -> list[PlacedLine]:
    placed: list[PlacedLine] = []
    y = top
    for block in blocks:
        fitted, lines = _fit(block, lang, layout)
        y += block.gap
        for line in lines:
            height = _line_height(fitted.size)
            box = (MARGIN, y, WIDTH - MARGIN, y + height)
            placed.append(PlacedLine(block.role, line, box, fitted.size, fitted.bold, fitted.colour))
            y += height
    return placed


def card_layout(
    data: Dataset, race_id: str, lang: str, digits: str = DEFAULT_DIGITS, *, layout: str | None = None
) -> list[PlacedLine]:
    """Every line of the card with its slot; the source line sits at the bottom."""
    *body, source = card_blocks(data, race_id, lang, digits)
    footer = _place([source], lang, layout, 0)
    footer_top = HEIGHT - 44 - sum(line.box[3] - line.box[1] for line in footer)
    for scale in (1.0, 0.92, 0.85, 0.78, 0.7):
        # Long names or offices push the body down: shrink everything until it clears the footer.
        scaled = [replace(b, size=round(b.size * scale), gap=round(b.gap * scale)) for b in body]
        placed = _place(scaled, lang, layout, 40)
        if placed[-1].box[3] <= footer_top - 12:
            break
    return placed + _place([source], lang, layout, footer_top)


def draw_line(draw: ImageDraw.ImageDraw, line: PlacedLine, lang: str, layout: str | None) -> None:
    """Draw one placed line, aligned to the start side of ``lang`` (right for Arabic)."""
    font = load_font(line.size, bold=line.bold, layout=layout)
    rtl = is_rtl(lang)
    x = line.box[2] if rtl else line.box[0]
    y = line.box[1] + round(line.size * 0.12)
    prepared = raster_line(line.text, raqm=_uses_raqm(font), rtl=rtl)
    direction, language = _direction(font, lang)
    anchor = "ra" if rtl else "la"
    draw.text((x, y), prepared, font=font, fill=line.colour, anchor=anchor, direction=direction, language=language)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def share_card(
    data: Dataset, race_id: str, lang: str, digits: str = DEFAULT_DIGITS, *, layout: str | None = None
) -> bytes:
    """The 1200x630 PNG of ``race_id`` in ``lang`` and ``digits``; ``layout`` is None, ``"basic"`` or ``"raqm"``."""
    engine(layout)  # fail early on an unknown or unavailable layout
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    rtl = is_rtl(lang)
    # The accent bar marks the start side: right in Arabic, left otherwise.
    bar_x = WIDTH - ACCENT if rtl else 0
    draw.rectangle((bar_x, 0, bar_x + ACCENT - 1, HEIGHT - 1), fill=ELECTED)
    lines = card_layout(data, race_id, lang, digits, layout=layout)
    office_bottom = max(line.box[3] for line in lines if line.role == "office")
    draw.line((MARGIN, office_bottom + 18, WIDTH - MARGIN, office_bottom + 18), fill=GRID, width=2)
    source_top = min(line.box[1] for line in lines if line.role == "source")
    draw.line((MARGIN, source_top - 10, WIDTH - MARGIN, source_top - 10), fill=GRID, width=2)
    for line in lines:
        draw_line(draw, line, lang, layout)
    return _png(image)
