"""Pixel helpers for the share card's tests: one line drawn as the card draws it, and where ink is."""

from __future__ import annotations

import io
from typing import cast

from PIL import Image, ImageChops, ImageDraw

from components.share_card import INK, LINE_PAD, Box, PlacedLine, _line_height, _png, draw_line


def line_png(
    text: str, lang: str, *, layout: str | None = None, size: int = 48, bold: bool = True, width: int = 1600
) -> bytes:
    """One line on a white strip, drawn exactly as the card draws its lines (for tests and checks)."""
    height = _line_height(size) + 2 * LINE_PAD
    image = Image.new("RGB", (width, height), "white")
    line = PlacedLine("line", text, (LINE_PAD, LINE_PAD, width - LINE_PAD, height - LINE_PAD), size, bold, INK)
    draw_line(ImageDraw.Draw(image), line, lang, layout)
    return _png(image)


def ink_bbox(png: bytes, region: Box | None = None) -> Box | None:
    """Bounding box (left, top, right, bottom) of the pixels that differ from the background.

    The background is the most frequent colour of ``region`` (the whole image by default).
    """
    image = Image.open(io.BytesIO(png)).convert("RGB")
    left, top = (region[0], region[1]) if region else (0, 0)
    crop = image.crop(region) if region else image
    colours = crop.getcolors(maxcolors=crop.width * crop.height) or []
    background = cast(tuple[int, int, int], max(colours)[1])
    difference = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).convert("L")
    # Anti-aliasing leaves faint pixels; only clear ink counts.
    box = difference.point(lambda value: 255 if value > 40 else 0).getbbox()
    if box is None:
        return None
    return (box[0] + left, box[1] + top, box[2] + left, box[3] + top)
