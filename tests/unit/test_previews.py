"""Link-preview tags (components/previews.py) and their nginx form (deploy/nginx_previews.py):
the right tags per language, whole sentences, escaped data text, and nginx strings that nginx
reads back unchanged (no variable, no escape, no quote)."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from components.data import Dataset
from components.i18n import LANGUAGES, t
from components.previews import DESCRIPTION_CHARS, OG_LOCALES, description, preview_tags
from deploy.nginx_previews import nginx_string, previews_conf

HOSTILE = "Mohamed \"Dkhissi\" <script>alert('x')</script> $host \\ Dkhissi"


def _tags(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            assert tag == "meta", tag
            values = dict(attrs)
            key = values.get("property") or values.get("name") or ""
            found.setdefault(key, []).append(values.get("content") or "")

    Parser().feed(html)
    return found


def _hostile(data: Dataset) -> Dataset:
    candidates = data.candidates.copy()
    for column in ("name_en", "name_fr", "name_ar"):
        candidates.loc[candidates["id"] == "dkhissi-2024", column] = HOSTILE
    return dataclasses.replace(data, candidates=candidates)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tags_of_each_language(data: Dataset, lang: str) -> None:
    tags = _tags(preview_tags(data, lang, "https://example.org/dash/", f"index-{lang}.html"))
    assert tags["og:title"] == [t(lang, "app.title")]
    assert tags["og:locale"] == [OG_LOCALES[lang]]
    assert sorted(tags["og:locale:alternate"]) == sorted(OG_LOCALES[o] for o in LANGUAGES if o != lang)
    assert tags["og:image"] == [f"https://example.org/dash/card-{lang}.png"]
    assert tags["twitter:image"] == tags["og:image"]
    assert (tags["og:image:width"], tags["og:image:height"]) == (["1200"], ["630"])
    assert tags["og:url"] == [f"https://example.org/dash/index-{lang}.html"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:description"] == [description(data, lang)]


def test_without_base_url_the_image_is_relative_and_no_og_url(data: Dataset) -> None:
    tags = _tags(preview_tags(data, "ar", ""))
    assert tags["og:image"] == ["card-ar.png"]
    assert "og:url" not in tags


@pytest.mark.parametrize("lang", LANGUAGES)
def test_description_is_whole_sentences_of_the_result(data: Dataset, lang: str) -> None:
    text = description(data, lang)
    assert "96" in text
    assert len(text) <= DESCRIPTION_CHARS
    assert re.search(r"[.!?؟]$", text), text


def test_data_text_is_escaped(data: Dataset) -> None:
    html = preview_tags(_hostile(data), "en", "https://example.org/")
    assert "<script" not in html
    assert HOSTILE in _tags(html)["og:description"][0]  # shown as text, whole


def test_nginx_strings_hold_no_variable_escape_or_quote(data: Dataset) -> None:
    conf = previews_conf(_hostile(data), "http://127.0.0.1:8080/")
    values = re.findall(r"^\s+(\w+) '([^']*)';$", conf, flags=re.MULTILINE)
    assert [key for key, _ in values].count("default") == 2  # one per map
    assert len(values) == 2 * (len(LANGUAGES) + 1), conf[:500]
    for _, value in values:
        assert "$" not in value and "\\" not in value
    assert "&#36;host" in conf and "&#92;" in conf
    assert "http://127.0.0.1:8080/_preview/card-ar.png" in conf
    with pytest.raises(ValueError, match="quote"):
        nginx_string("it's")
