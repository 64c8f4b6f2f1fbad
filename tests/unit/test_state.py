"""The URL grammar: validation of what a link carries, defaults, share links."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from components.state import Ignored, ViewState, allowed_values, embed_snippet, ignored_params, share_url

ALLOWED = allowed_values(["vp-africa-2024", "sg-2024"])
FALLBACK = ViewState("en")


def test_valid_link_is_used_whole() -> None:
    params = {
        "lang": ["ar"],
        "region": ["africa"],
        "race": ["sg-2024"],
        "view": ["map"],
        "zoom": ["history"],
        "digits": ["arab"],
    }
    assert ignored_params(params, ALLOWED) == []
    assert ViewState.from_query(params, ALLOWED, FALLBACK) == ViewState(**{k: v[0] for k, v in params.items()})


def test_bad_parts_fall_back_and_are_named() -> None:
    params = {
        "lang": ["xx"],
        "region": ["<script>"],
        "view": ["map", "votes"],
        "foo": ["1"],
        "embed": ["true"],
    }
    assert ignored_params(params, ALLOWED) == [
        Ignored("lang", "invalid"),
        Ignored("region", "invalid"),
        Ignored("view", "repeated"),
        Ignored("foo", "unknown"),
    ]
    assert ViewState.from_query(params, ALLOWED, FALLBACK) == FALLBACK


def test_markup_in_a_key_is_defused() -> None:
    [item] = ignored_params({"![x](http://e.co/x.png)": ["1"]}, ALLOWED)
    assert item == Ignored("··x··http···e·co·x·png·", "unknown")


def test_address_bar_keeps_lang_and_drops_defaults() -> None:
    state = replace(FALLBACK, view="map")
    assert state.changed_params(FALLBACK) == {"lang": "en", "view": "map"}


def test_share_url_spells_out_every_key() -> None:
    url = share_url("https://x.streamlit.app/?old=1", replace(FALLBACK, lang="ar"))
    parts = urlsplit(url)
    assert parts.netloc == "x.streamlit.app"
    # Western digits are the default in every locale: a link names digits only when chosen.
    expected = {k: [v] for k, v in {**FALLBACK.params(), "lang": "ar"}.items() if k != "digits"}
    assert parse_qs(parts.query) == expected


def test_arabic_indic_digits_travel_in_links_of_arabic_views() -> None:
    state = ViewState.from_query({"lang": ["ar"], "digits": ["arab"]}, ALLOWED, FALLBACK)
    assert state.digits == "arab"
    assert state.changed_params(FALLBACK) == {"lang": "ar", "digits": "arab"}
    assert parse_qs(urlsplit(share_url("https://x.app/", state)).query)["digits"] == ["arab"]


def test_digits_are_set_aside_silently_outside_arabic() -> None:
    params = {"lang": ["en"], "digits": ["arab"]}
    assert ignored_params(params, ALLOWED) == []
    assert ViewState.from_query(params, ALLOWED, FALLBACK).digits == "latn"


def test_a_hostile_digits_value_is_named_and_ignored() -> None:
    params = {"lang": ["ar"], "digits": ["<b>x</b>"]}
    assert ignored_params(params, ALLOWED) == [Ignored("digits", "invalid")]
    assert ViewState.from_query(params, ALLOWED, FALLBACK).digits == "latn"


def test_share_url_drops_the_cloud_frame_path() -> None:
    url = share_url("https://dash.streamlit.app/~/+/", FALLBACK)
    assert url.startswith("https://dash.streamlit.app/?lang=en&region=all")


def test_embed_snippet_is_escaped() -> None:
    snippet = embed_snippet("https://x.streamlit.app/?lang=ar&view=map", 'A "title" <b>')
    assert 'src="https://x.streamlit.app/?lang=ar&amp;view=map&amp;embed=true"' in snippet
    assert "<b>" not in snippet


query_values = st.lists(st.text(max_size=50), min_size=0, max_size=3)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.text(max_size=30), query_values, max_size=8))
def test_any_query_yields_a_valid_state(params: dict[str, list[str]]) -> None:
    state = ViewState.from_query(params, ALLOWED, FALLBACK).params()
    assert all(state[key] in ALLOWED[key] or state[key] == FALLBACK.params()[key] for key in state)
    for item in ignored_params(params, ALLOWED):
        assert re.fullmatch(r"[A-Za-z0-9_·-]{0,24}", item.key), item.key  # never markup
        assert item.reason in {"unknown", "invalid", "repeated"}
