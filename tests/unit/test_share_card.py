"""The share card: size, content and alignment, and Arabic drawn right by both Pillow layout engines."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import arabic_reshaper
import bidi
import pytest
from bidi import algorithm as bidi_algorithm
from PIL import Image, ImageChops, features

from components import share_card as card_module
from components.data import Dataset, load_dataset
from components.i18n import LANGUAGES
from components.share_card import (
    ACCENT,
    HEIGHT,
    MARGIN,
    WIDTH,
    PlacedLine,
    card_layout,
    share_card,
)
from components.tables.votes import race_choices
from components.text import PRESENTATION_FORMS, raster_line
from tests.unit.card_pixels import ink_bbox, line_png

RACE = "vp-africa-2024"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ZWNJ = "\u200c"
Render = Callable[[str], bytes]
needs_raqm = pytest.mark.skipif(not features.check("raqm"), reason="Pillow without libraqm")


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset()


def _box(png: bytes, region: tuple[int, int, int, int] | None = None) -> tuple[int, int, int, int]:
    box = ink_bbox(png, region)
    assert box is not None, "nothing drawn"
    return box


def _band(line: PlacedLine) -> tuple[int, int, int, int]:
    """The card's whole width (inside the accent bar) at the height of ``line``: ink outside the
    margins shows there, where the line's own slot would crop it."""
    return (ACCENT, line.box[1], WIDTH - ACCENT, line.box[3])


def _close(first: tuple[int, ...], second: tuple[int, ...], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_card_is_a_1200x630_png(data: Dataset, lang: str) -> None:
    png = share_card(data, RACE, lang)
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"share-card-{lang}.png").write_bytes(png)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Mohamed Dkhissi", "Morocco", "96 votes", "92nd", "Glasgow", "November 7, 2024", "IOL"]),
        ("fr", ["Mohamed Dkhissi", "Maroc", "96 voix", "92e", "Glasgow", "7 novembre 2024"]),
        ("ar", ["محمد الدخيسي", "المغرب", "96 صوتًا", "الدورة 92", "غلاسغو", "7 نوفمبر 2024"]),
    ],
)
def test_card_says_who_won_with_how_many_votes_where_and_when(data: Dataset, lang: str, expected: list[str]) -> None:
    text = " ".join(line.text for line in card_layout(data, RACE, lang))
    for part in expected:
        assert part in text
    assert not PRESENTATION_FORMS.search(text), "lines are kept in logical order until drawn"


@pytest.mark.parametrize(("lang", "side"), [("ar", "right"), ("en", "left"), ("fr", "left")])
def test_lines_start_on_the_languages_side(data: Dataset, lang: str, side: str) -> None:
    png = share_card(data, RACE, lang)
    for line in card_layout(data, RACE, lang):
        left, _, right, _ = _box(png, _band(line))
        edge = WIDTH - MARGIN - right if side == "right" else left - MARGIN
        # Glyphs have side bearings: a few pixels, growing with the font size.
        assert 0 <= edge <= max(4, line.size // 8), (line.role, left, right)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_race_fits_on_the_card(data: Dataset, lang: str) -> None:
    for race in race_choices(data, "all"):
        lines = card_layout(data, race, lang)
        body, footer = lines[:-1], lines[-1]
        assert body[-1].box[3] < footer.box[1], race
        assert footer.box[3] <= HEIGHT
        png = share_card(data, race, lang)
        for line in lines:
            left, _, right, _ = _box(png, line.box)
            # Ink touching the slot's far edge would mean the line was cut off.
            assert left >= MARGIN and right <= WIDTH - MARGIN, (race, line.text)


def test_card_without_a_winner_says_so_and_still_cites(data: Dataset) -> None:
    candidates = data.candidates.assign(outcome=data.candidates["outcome"].replace("elected", "lost"))
    lines = card_layout(replace(data, candidates=candidates), RACE, "en")
    assert [line.role for line in lines][-2:] == ["name", "source"]
    assert lines[-2].text == "Result not published"


def test_an_unbreakable_publisher_is_shrunk_to_fit(data: Dataset) -> None:
    long_name = "https://publisher.example/" + "a-very-long-path" * 8
    sources = data.sources.assign(publisher=long_name)
    png = share_card(replace(data, sources=sources), RACE, "ar")
    source = card_layout(replace(data, sources=sources), RACE, "ar")[-1]
    left, _, right, _ = _box(png, source.box)
    assert source.size < 22 and left >= MARGIN and right <= WIDTH - MARGIN


def test_unknown_layout_is_refused(data: Dataset) -> None:
    with pytest.raises(ValueError, match="layout"):
        share_card(data, RACE, "ar", layout="harfbuzz")


@needs_raqm
def test_arabic_title_line_same_with_raqm_and_basic(data: Dataset) -> None:
    raqm_office = next(line for line in card_layout(data, RACE, "ar", layout="raqm") if line.role == "office")
    basic_office = next(line for line in card_layout(data, RACE, "ar", layout="basic") if line.role == "office")
    assert (raqm_office.text, raqm_office.box) == (basic_office.text, basic_office.box)
    raqm_box = _box(share_card(data, RACE, "ar", layout="raqm"), raqm_office.box)
    basic_box = _box(share_card(data, RACE, "ar", layout="basic"), basic_office.box)
    assert _close(raqm_box, basic_box, 6), (raqm_box, basic_box)


def _office(data: Dataset) -> str:
    return str(data.races.loc[data.races["id"] == RACE, "office_ar"].iloc[0])


@needs_raqm
def test_single_arabic_line_same_bbox_and_width_with_raqm_and_basic(data: Dataset) -> None:
    raqm_box = _box(line_png(_office(data), "ar", layout="raqm"))
    basic_box = _box(line_png(_office(data), "ar", layout="basic"))
    assert _close(raqm_box, basic_box, 6), (raqm_box, basic_box)
    assert abs((raqm_box[2] - raqm_box[0]) - (basic_box[2] - basic_box[0])) <= 6


def _width(png: bytes) -> int:
    box = _box(png)
    return box[2] - box[0]


def _first_word_at_right_end(render: Render, line: str) -> bool:
    """Whether the line's first logical word is drawn at its right end, as when drawn alone."""
    full, word = render(line), render(line.split()[0])
    full_box, word_box = _box(full), _box(word)
    if abs(full_box[2] - word_box[2]) > 2:
        return False
    crops = [Image.open(io.BytesIO(png)).convert("L").crop(word_box) for png in (full, word)]
    differing = ImageChops.difference(*crops).point(lambda value: 255 if value > 96 else 0)
    return differing.histogram()[255] / (crops[0].width * crops[0].height) < 0.05


def shaped_and_ordered(render: Render, line: str) -> bool:
    """PROBE's browser check done in Pillow: shaped Arabic is narrower than the same letters kept
    apart by U+200C (unjoined text is exactly as wide), and it reads from the right."""
    narrower = _width(render(line)) * 1.001 < _width(render(ZWNJ.join(line)))
    return narrower and _first_word_at_right_end(render, line)


@pytest.mark.parametrize("layout", [pytest.param("raqm", marks=needs_raqm), "basic"])
def test_arabic_is_joined_and_right_to_left(data: Dataset, layout: str) -> None:
    assert shaped_and_ordered(lambda text: line_png(text, "ar", layout=layout), _office(data))


def test_raw_arabic_under_basic_fails_the_check(data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    # Negative control: the same drawing path with the text module's step taken out.
    monkeypatch.setattr(card_module, "raster_line", lambda line, *, raqm, rtl: line)
    render: Render = lambda text: line_png(text, "ar", layout="basic")  # noqa: E731
    office = _office(data)
    assert _width(render(office)) == _width(render(ZWNJ.join(office))), "unjoined: as wide as apart"
    assert not _first_word_at_right_end(render, office), "drawn left to right"
    assert not shaped_and_ordered(render, office)


def test_raster_line_mirrors_brackets_and_keeps_digits_in_order() -> None:
    line = "المغرب (96 صوتا)"
    drawn = raster_line(line, raqm=False, rtl=True)
    assert drawn == bidi_algorithm.get_display(arabic_reshaper.reshape(line), base_dir="R")
    assert "96" in drawn and "69" not in drawn
    # Visual order, left to right: the mirrored bracket opens the parenthesis on the left.
    assert drawn.startswith("(") and drawn.index("(") < drawn.index("96") < drawn.index(")")
    # The Rust get_display leaves the brackets unmirrored: ")...(" on screen.
    assert bidi.get_display(arabic_reshaper.reshape(line), base_dir="R").startswith(")")


def test_raster_line_leaves_text_raw_for_raqm() -> None:
    line = "المغرب (96 صوتا)"
    assert raster_line(line, raqm=True, rtl=True) == line
