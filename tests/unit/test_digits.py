"""Arabic-Indic digits on request (``digits=arab``): the one function that decides, and the figures."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from components.chart_spec import chart_in_digits, chart_payload
from components.data import Dataset
from components.fact_sheet import fact_sheet_pdf
from components.section_charts import every_chart, timeline_chart, votes_chart
from components.share_card import card_blocks, share_card
from components.tables.votes import DEFAULT_RACE
from components.text import FSI, PDI, localized_digits
from tests.unit.figure_text import displayed_strings
from tests.unit.test_fact_sheet import actual_texts

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


LATIN_LETTER = re.compile("[A-Za-z]")
MARKUP_AND_LINKS = re.compile(r"<[^>]*>|https?://\S+")
TOKEN = re.compile(r"[^\s\u2066-\u2069،,:;()]+")


def _first_lettered(words: list[str]) -> str:
    """The first of ``words`` holding a letter (Latin or Arabic), else ``""``."""
    return next((word for word in words if LATIN_LETTER.search(word) or ARABIC.search(word)), "")


def western_numbers(text: str) -> list[str]:
    """Numbers of ``text`` in Western digits, except inside Latin text: glued to a Latin letter (an id,
    Morocco24) or after (or, first in its line, before) a Latin word (CC BY 4.0, 24 Heures); links and
    markup are not text, isolates and line breaks end a line."""
    found = []
    for line in re.split("[\n\u2066-\u2069]", MARKUP_AND_LINKS.sub("\n", text)):
        words = TOKEN.findall(line)
        for index, word in enumerate(words):
            if not WESTERN.search(word) or LATIN_LETTER.search(word):
                continue
            context = _first_lettered(words[:index][::-1]) or _first_lettered(words[index + 1 :])
            if not LATIN_LETTER.search(context):
                found.append(word)
    return found


ARABIC = re.compile("[\u0600-\u065f\u066a-\u06ff]")


def test_every_chart_in_arab_mode_draws_no_western_number(data: Dataset) -> None:
    for build, args in every_chart(data):
        if args[-1] != "ar":
            continue
        chart = chart_in_digits(build(data, *args), "arab")
        payload = chart_payload(chart, "ar", "", "")
        figure = go.Figure(payload["figure"])
        drawn = [*displayed_strings(figure), payload["title"], *payload["subtitle"], chart.description, chart.source]
        drawn += [name["name"] for name in payload["legend"]]
        drawn += [str(text) for axis in (figure.layout.xaxis, figure.layout.yaxis) for text in axis.ticktext or ()]
        assert [found for text in drawn for found in western_numbers(text)] == [], (build.__name__, args)


def test_value_and_date_axes_get_their_ticks_as_text(data: Dataset) -> None:
    votes = chart_in_digits(votes_chart(data, DEFAULT_RACE, "ar"), "arab").figure
    assert votes.layout.xaxis.tickmode == "array"
    assert votes.layout.xaxis.ticktext[:2] == ("٠", "٢٥")
    timeline = chart_in_digits(timeline_chart(data, "history", "all", "ar"), "arab").figure
    assert "١٩٦٠" in timeline.layout.xaxis.ticktext


def test_western_digits_leave_a_chart_as_it_was(data: Dataset) -> None:
    chart = votes_chart(data, DEFAULT_RACE, "ar")
    assert chart_in_digits(chart, "latn") is chart


def test_the_share_card_follows_the_digits(data: Dataset) -> None:
    lines = [block.text for block in card_blocks(data, DEFAULT_RACE, "ar", "arab")]
    assert any("٩٦" in line for line in lines)
    assert [number for line in lines for number in western_numbers(line)] == []
    assert share_card(data, DEFAULT_RACE, "ar", "arab") != share_card(data, DEFAULT_RACE, "ar")


def test_the_fact_sheet_follows_the_digits(data: Dataset) -> None:
    citation = "الاستشهاد 7 نوفمبر 2024 https://example.org/?lang=ar&digits=arab"
    texts = actual_texts(fact_sheet_pdf(data, DEFAULT_RACE, "ar", citation, None, "arab"))
    assert any("٩٦" in text for text in texts)
    assert any("https://example.org/?lang=ar&digits=arab" in text for text in texts)  # the link as it is
    assert [number for text in texts for number in western_numbers(text)] == []
