"""The fact sheet: every race in every language holds its headline, candidates and outcomes as the
data spells them, says "not published" where a count was not, and stays small.

Text is read back with pypdf from each paragraph's /ActualText: the glyphs of shaped Arabic do not map
back to letters (Noto Sans Arabic draws dots as glyphs of their own, and pypdf's plain extraction gives
runs in visual order), so for Arabic only /ActualText gives the logical text a reader copies. The
Latin sheets are also checked through pypdf's plain extraction of the drawn glyphs.
"""

from __future__ import annotations

import io
import re
from typing import cast

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from components.data import Dataset
from components.fact_sheet import fact_sheet_pdf
from components.i18n import LANGUAGES, t
from components.share_card import share_card
from components.summaries import headline_text, vote_rows
from components.tables.regions import ALL
from components.tables.votes import race_choices, vote_table
from components.text import PRESENTATION_FORMS

MAX_BYTES = 300_000
CITATION = "INTERPOL · VP Africa 2024 — https://example.org/?lang=ar&race=vp-africa-2024"
RACES = ["vp-africa-2024", "president-2025", "sg-2024", "sg-preselection-2024"]


def actual_texts(pdf: bytes) -> list[str]:
    """The /ActualText of every marked paragraph and table cell, in the order they are drawn."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = []
    for page in reader.pages:
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"BDC" and isinstance(operands[1], DictionaryObject) and "/ActualText" in operands[1]:
                texts.append(str(operands[1]["/ActualText"]))
    return texts


def drawn_text(pdf: bytes) -> str:
    """pypdf's plain extraction of the drawn glyphs, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_races_are_those_of_the_race_picker(data: Dataset) -> None:
    assert sorted(race_choices(data, ALL)) == sorted(RACES)


@pytest.fixture(scope="module")
def sheets(data: Dataset) -> dict[tuple[str, str], bytes]:
    return {(race, lang): fact_sheet_pdf(data, race, lang, CITATION, None) for race in RACES for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("race", RACES)
def test_sheet_holds_headline_and_every_candidate_as_the_data_spells_them(
    data: Dataset, sheets: dict[tuple[str, str], bytes], race: str, lang: str
) -> None:
    pdf = sheets[race, lang]
    texts = actual_texts(pdf)
    assert headline_text(data, race, lang) in texts
    candidates = data.candidates[(data.candidates["race_id"] == race) & data.candidates[f"name_{lang}"].notna()]
    assert len(candidates) > 0
    for name in candidates[f"name_{lang}"]:
        assert str(name) in texts  # the data's string itself, in logical order
    # Each row of the table, cell by cell, in the page's order: name, country, outcome, votes.
    for row in vote_rows(data, race, lang):
        start = texts.index(row[0])
        assert texts[start : start + 4] == list(row)
    assert not any(PRESENTATION_FORMS.search(text) for text in texts)
    assert len(pdf) < MAX_BYTES
    assert f"{CITATION}" in " ".join(texts)
    assert t(lang, "factsheet.version", version=data.version) in texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unpublished_counts_say_so_never_zero(data: Dataset, sheets: dict[tuple[str, str], bytes], lang: str) -> None:
    race = "vp-africa-2024"
    table = vote_table(data, race)
    unpublished = table[table["status"] == "not_published"]
    assert len(unpublished) == 2
    texts = actual_texts(sheets[race, lang])
    for name in unpublished[f"name_{lang}"]:
        cells = texts[texts.index(str(name)) : texts.index(str(name)) + 4]
        assert cells[3] == t(lang, "status.not_published")
        assert "0" not in cells[3]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("race", RACES)
def test_latin_sheets_draw_the_headline_and_names(
    data: Dataset, sheets: dict[tuple[str, str], bytes], race: str, lang: str
) -> None:
    text = drawn_text(sheets[race, lang])
    assert headline_text(data, race, lang) in text
    for name, *_ in vote_rows(data, race, lang):
        assert name in text


def test_arabic_is_drawn_in_noto_sans_arabic_with_latin_fallback(sheets: dict[tuple[str, str], bytes]) -> None:
    reader = PdfReader(io.BytesIO(sheets["vp-africa-2024", "ar"]))
    resources = cast(DictionaryObject, reader.pages[0]["/Resources"])
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for font in cast(DictionaryObject, resources["/Font"]).values()
    }
    assert {"NotoSansArabic", "NotoSansArabicBold", "NotoSans", "NotoSansBold"} <= fonts


def test_without_a_chart_the_sheet_says_so(data: Dataset, sheets: dict[tuple[str, str], bytes]) -> None:
    for lang in LANGUAGES:
        assert t(lang, "factsheet.no_chart") in actual_texts(sheets["vp-africa-2024", lang])


def test_a_chart_image_is_placed_and_the_sheet_stays_small(data: Dataset) -> None:
    # A PNG of the chart's size and kind (kaleido needs a Chromium, which the unit layer does not start).
    image = share_card(data, "vp-africa-2024", "ar")
    pdf = fact_sheet_pdf(data, "vp-africa-2024", "ar", CITATION, image)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    assert t("ar", "factsheet.no_chart") not in actual_texts(pdf)
    assert len(pdf) < MAX_BYTES
