"""Arabic-Indic digits on request (``digits=arab``): the one function that decides, and the figures."""

from __future__ import annotations

import re

import pytest

from components.text import FSI, PDI, localized_digits

WESTERN = re.compile("[0-9]")


def test_western_digits_stay_by_default() -> None:
    assert localized_digits("96 صوتًا", "latn") == "96 صوتًا"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("96 صوتًا", "٩٦ صوتًا"),
        ("7 نوفمبر 2024", "٧ نوفمبر ٢٠٢٤"),
        ("51.2%", "٥١.٢%"),
        ("الدورة 92 للجمعية العامة", "الدورة ٩٢ للجمعية العامة"),
        (f"المصادر: {FSI}Morocco24{PDI} و3 مصادر أخرى", f"المصادر: {FSI}Morocco24{PDI} و٣ مصادر أخرى"),
        ("<br>2024", "<br>٢٠٢٤"),
    ],
)
def test_numbers_of_arabic_text_take_arabic_indic_digits(text: str, expected: str) -> None:
    assert localized_digits(text, "arab") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Morocco24",  # a publisher's name
        "interpol-ar-ga92",  # a source id
        "G3 8YW",  # a postcode
        "CC BY 4.0",  # a licence's name
        "https://example.org/2024/11/07?lang=ar",
        "&#x27;",  # an HTML entity
        '<a href="https://x.org/1">',  # markup
        '<blockquote lang="ar" dir="rtl"><bdi>96 صوتًا</bdi></blockquote>',  # a verbatim quote
    ],
)
def test_names_ids_urls_markup_and_quotes_keep_their_characters(text: str) -> None:
    assert localized_digits(text, "arab") == text


def test_a_link_inside_arabic_text_keeps_its_digits() -> None:
    text = "إصدار 7، https://example.org/?a=1 آخر"
    assert localized_digits(text, "arab") == "إصدار ٧، https://example.org/?a=1 آخر"
