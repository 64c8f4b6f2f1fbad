"""The citation of a view: its text in each language, its HTML (escaped, isolated), BibTeX and CSL-JSON."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from components.citation import (
    LICENCE,
    bibtex,
    citation_html,
    citation_key,
    citation_text,
    csl_json,
    tex_escape,
)
from components.i18n import LANGUAGES, format_date, t
from components.text import BIDI_CONTROLS, PRESENTATION_FORMS

LINK = "https://dash.example/?lang=ar&region=all&race=vp-africa-2024&view=map&zoom=assembly"
VERSION = "156deda83b90"
CHANGED = dt.date(2026, 12, 3)


def bibtex_fields(entry: str) -> tuple[str, str, dict[str, str]]:
    """Entry type, key and fields of one BibTeX entry, reading braces as BibTeX does (nested, balanced)."""
    head = re.match(r"@(\w+)\{([^,\s]+),\n", entry)
    assert head, entry
    fields: dict[str, str] = {}
    position = head.end()
    while True:
        found = re.compile(r"\s*(\w+) = \{").match(entry, position)
        if not found:
            break
        depth, index = 1, found.end()
        while depth:
            char = entry[index]
            if char == "\\":
                index += 2
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
            index += 1
        fields[found.group(1)] = entry[found.end() : index - 1]
        position = index + (1 if entry[index] == "," else 0)
    assert entry[position:].strip() == "}", entry[position:]
    return head.group(1), head.group(2), fields


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_text_holds_title_version_date_licence_and_link(lang: str) -> None:
    text = citation_text(lang, LINK, VERSION, CHANGED)
    for part in (t(lang, "app.title"), VERSION, format_date(CHANGED, lang), LICENCE, LINK):
        assert part in text, (lang, part)
    assert text.endswith(LINK)  # nothing glued to the address a reader copies
    assert not BIDI_CONTROLS.search(text) and not PRESENTATION_FORMS.search(text)


def test_arabic_citation_is_arabic_with_western_digits() -> None:
    text = citation_text("ar", LINK, VERSION, CHANGED)
    assert "إصدار البيانات" in text and "3 ديسمبر 2026" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_html_escapes_and_isolates_every_value(lang: str) -> None:
    hostile = 'https://dash.example/?x=<img src=x onerror=alert(1)>&y="'
    block = citation_html(lang, hostile, VERSION, CHANGED, "app/static/data/CHANGELOG.txt")
    assert "<img" not in block and "&lt;img src=x onerror=alert(1)&gt;" in block
    assert f"<bdi>{VERSION}</bdi>" in block
    assert block.startswith('<details class="dash-fold dash-cite"><summary>')
    assert '<a href="app/static/data/CHANGELOG.txt"' in block
    assert '<a href="https://creativecommons.org/licenses/by/4.0/"' in block


def test_the_changelog_link_is_only_ever_a_relative_path() -> None:
    for bad in ("javascript:alert(1)", "//evil.example/x", "/etc/passwd", "../secret.txt", "https://x.example/"):
        assert "<a " not in citation_html("en", LINK, VERSION, CHANGED, bad).split("creativecommons")[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bibtex_is_one_balanced_entry_with_every_field(lang: str) -> None:
    kind, key, fields = bibtex_fields(bibtex(lang, LINK, VERSION, CHANGED))
    assert (kind, key) == ("misc", citation_key(VERSION))
    assert fields["title"] == "{" + tex_escape(t(lang, "app.title")) + "}"
    assert fields["version"] == VERSION and fields["date"] == "2026-12-03" and fields["year"] == "2026"
    assert fields["url"] == LINK
    assert LICENCE in fields["note"] and VERSION in fields["note"]


def test_bibtex_escapes_tex_and_keeps_braces_balanced_in_a_url() -> None:
    assert tex_escape(r"50% & {x}_#$~^\ ") == r"50\% \& \{x\}\_\#\$\textasciitilde{}\textasciicircum{}\textbackslash{} "
    _, _, fields = bibtex_fields(bibtex("en", "https://dash.example/?q={a}\\b c", VERSION, CHANGED))
    assert fields["url"] == "https://dash.example/?q=%7Ba%7D%5Cb%20c"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csl_json_is_one_dataset_item(lang: str) -> None:
    (item,) = json.loads(csl_json(lang, LINK, VERSION, CHANGED))
    assert item["id"] == citation_key(VERSION) and item["type"] == "dataset"
    assert item["title"] == t(lang, "app.title") and item["version"] == VERSION and item["URL"] == LINK
    assert item["issued"] == {"date-parts": [[2026, 12, 3]]} and item["language"] == lang
    assert LICENCE in item["note"]
