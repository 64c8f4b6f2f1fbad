"""Text direction helpers, message catalogues, and Babel formatting."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import arabic_reshaper
import pytest
from bidi import algorithm

from components import html
from components.data import Dataset
from components.i18n import (
    LANGUAGES,
    count,
    count_votes,
    country_name,
    format_date,
    format_number,
    format_share,
    language_from_locale,
    ordinal,
    t,
)
from components.text import FSI, PDI, RLI, chart_text, raster_line, strip_bidi_controls, unwrap

LOCALES = Path(__file__).resolve().parents[2] / "components" / "locales"


def test_chart_text_isolates_every_line_in_arabic() -> None:
    assert chart_text("البلد: %{y}<br>القيمة: %{x}", "ar") == f"{RLI}البلد: %{{y}}{PDI}<br>{RLI}القيمة: %{{x}}{PDI}"
    assert chart_text(chart_text("الأمن.", "ar"), "ar") == f"{RLI}الأمن.{PDI}"  # idempotent


def test_chart_text_leaves_latin_alone_and_isolates_arabic_in_ltr() -> None:
    assert chart_text("Morocco", "en") == "Morocco"
    assert chart_text("محمد الدخيسي", "en") == f"{FSI}محمد الدخيسي{PDI}"
    assert unwrap(chart_text("a<br>ب", "ar")) == "a<br>ب"


def test_raster_line_uses_the_pure_python_bidi_with_bracket_mirroring() -> None:
    text = "المغرب (96 صوتا)"
    visual = raster_line(text, raqm=False, rtl=True)
    assert visual == algorithm.get_display(arabic_reshaper.reshape(text), base_dir="R")
    assert "96" in visual and "69" not in visual
    assert visual.index("(") < visual.index(")")  # brackets mirrored back into reading shape
    assert re.search("[\ufe70-\ufeff]", visual)  # reshaped into presentation forms
    assert raster_line(text, raqm=True, rtl=True) == text  # raqm shapes by itself: never both


def test_bidi_controls_are_stripped_from_data_text() -> None:
    assert strip_bidi_controls("abc\u202edef\u2066") == "abcdef"


def test_html_escapes_data_and_blocks_bad_links() -> None:
    assert html.text("<img src=x onerror=alert(1)>") == "<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>"
    assert "href" not in html.link("javascript:alert(1)", "x")
    assert 'href="https://example.org/?a=1&amp;b=2"' in html.link("https://example.org/?a=1&b=2", "x")
    assert html.attr('"><script>') == "&quot;&gt;&lt;script&gt;"


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    catalogues = {lang: json.loads((LOCALES / f"{lang}.json").read_text("utf-8")) for lang in LANGUAGES}
    english = catalogues["en"]
    for lang, messages in catalogues.items():
        expected = {key for key in english if not key.startswith("ordinal.")}
        assert expected <= set(messages), lang
        for key in expected:
            assert set(re.findall(r"{(\w+)}", messages[key])) == set(re.findall(r"{(\w+)}", english[key])), key


@pytest.mark.parametrize(("locale", "lang"), [("ar-MA", "ar"), ("fr_FR", "fr"), ("de-DE", "en"), (None, "en")])
def test_language_from_browser_locale(locale: str | None, lang: str) -> None:
    assert language_from_locale(locale) == lang


def test_babel_names_dates_and_numbers() -> None:
    assert country_name("MAR", "ar") == "المغرب"
    assert country_name("MAR", "fr") == "Maroc"
    assert format_date(dt.date(2024, 11, 7), "ar") == "7 نوفمبر 2024"
    assert format_date(dt.date(2024, 11, 7), "fr") == "7 novembre 2024"
    assert format_date(dt.date(2024, 11, 1), "en", "month") == "November 2024"
    assert format_date(dt.date(1946, 1, 1), "ar", "year") == "1946"
    assert format_number(1000, "fr") == "1\u202f000"
    assert format_number(96, "ar") == "96"  # Western digits in Arabic, as Moroccan media print them
    assert format_share(0.512, "fr") == "51,2\u00a0%"
    assert (ordinal(92, "en"), ordinal(93, "en"), ordinal(92, "fr")) == ("92nd", "93rd", "92e")


def test_vote_counts_agree_with_their_number() -> None:
    assert [count_votes(n, "ar") for n in (2, 8, 96)] == ["2 صوتان", "8 أصوات", "96 صوتًا"]
    assert [count_votes(n, "en") for n in (1, 96)] == ["1 vote", "96 votes"]


def test_every_count_agrees_with_its_number_in_arabic() -> None:
    # Events of a timeline, publishers beyond the three named, member countries of a region.
    assert [count("events.count", n, "ar") for n in (2, 7, 32, 100)] == ["2 حدثان", "7 أحداث", "32 حدثًا", "100 حدث"]
    assert [count("chart.sources_more", n, "ar") for n in (4, 14)] == [" و4 مصادر أخرى", " و14 مصدرًا آخر"]
    assert [count("members.count", n, "ar") for n in (5, 54, 196)] == ["5 دول أعضاء", "54 دولة عضوًا", "196 دولة عضوًا"]
    assert [count("events.count", n, "fr") for n in (1, 7)] == ["1 événement", "7 événements"]


def test_messages_fill_placeholders() -> None:
    assert t("en", "total.countries_voting", n="153") == "153 countries voting"
    assert t("ar", "url.invalid", key="lang") == "قيمة «lang» غير صالحة"


def test_our_arabic_text_spells_interpol_one_way(data: Dataset) -> None:
    """The interface and the data's Arabic names say «الإنتربول»; only quotes keep a source's spelling."""
    from components.i18n import catalogue

    ours = list(catalogue("ar").values())
    for table in (data.races, data.events, data.places, data.assemblies):
        ours += [str(value) for column in table.columns if column.endswith("_ar") for value in table[column].dropna()]
    assert any("الإنتربول" in text for text in ours)
    assert not [text for text in ours if "الأنتربول" in text or "انتربول" in text.replace("الإنتربول", "")]
