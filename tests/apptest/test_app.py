"""AppTest: the app's logic and the figures it sends, per language, region and section."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.citation import citation_text
from components.data import DATA_DIR, load_dataset
from components.i18n import LANGUAGES, t
from components.state import VIEWS
from components.tables.regions import FILTER_VALUES
from components.text import PRESENTATION_FORMS, has_arabic
from components.views import share

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CHARTS_PER_VIEW = {"votes": 1, "timeline": 1, "map": 3, "members": 0, "sources": 0}


def open_app(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def component_data(element: Any) -> Any:
    """What a chart component was sent: a chart's payload travels as the UTF-8 bytes of its JSON
    (components/views/charts.py), the bundle prefetch as an object."""
    proto = element.proto
    return json.loads(proto.bytes if proto.WhichOneof("data") == "bytes" else proto.json)


def payloads(at: AppTest) -> list[dict[str, Any]]:
    """What each chart component was sent (components/chart_spec.py)."""
    sent = [element for element in at.get("bidi_component") if element.proto.component_name == "dash_chart"]
    return [data for data in map(component_data, sent) if "prefetch" not in data and "ahead" not in data]


def ahead(at: AppTest) -> list[dict[str, Any]]:
    """The charts a run sent ahead of any tap (components/views/charts.py, ``send_ahead``)."""
    sent = [component_data(element) for element in at.get("bidi_component")]
    return [chart for data in sent for chart in data.get("ahead", [])]


def taps(at: AppTest) -> dict[str, dict[str, list[str]]]:
    """Per chart shown (payload key), per filter label, the payload key each option's tap brings."""
    sent = [component_data(element) for element in at.get("bidi_component")]
    return next(data["taps"] for data in sent if "ahead" in data)


def charts(at: AppTest) -> list[dict[str, Any]]:
    return payloads(at)


def figures(at: AppTest) -> list[dict[str, Any]]:
    return [payload["figure"] for payload in payloads(at)]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [str(e.proto) for e in at.get("html")]
    parts += [t.value for t in at.title] + [c.value for c in at.caption]
    return "\n".join(parts)


def test_the_bundle_of_the_view_is_fetched_before_its_chart() -> None:
    for view, bundle in (("votes", "basic"), ("map", "geo")):
        at = open_app(lang="ar", view=view)
        sent = [component_data(e).get("prefetch") for e in at.get("bidi_component")]
        assert f"app/static/plotly/plotly-{bundle}-4.1.1.min.js" in sent
        assert all(payload["script"].endswith(f"plotly-{bundle}-4.1.1.min.js") for payload in payloads(at)[:1])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("region", FILTER_VALUES)
def test_every_section_renders(lang: str, region: str) -> None:
    at = open_app(lang=lang, region=region)
    for view in VIEWS:
        at.session_state["control_view"] = view
        at.run()
        assert not at.exception, (lang, region, view, [e.value for e in at.exception])
        assert len(charts(at)) == CHARTS_PER_VIEW[view], (lang, region, view)
        assert not at.warning, [w.value for w in at.warning]
        for payload in payloads(at):
            assert not any(PRESENTATION_FORMS.search(text) for text in strings(payload))
            assert payload["title"] and payload["description"] and payload["source"], payload["id"]
            for text in strings(payload["figure"]):
                if lang == "ar" and has_arabic(text):
                    for line in text.split("<br>"):
                        assert not has_arabic(line) or (line[0] == "\u2067" and line[-1] == "\u2069"), line
            assert payload["config"]["topojsonURL"] == "app/static/topojson/"
            assert payload["config"]["displayModeBar"] is False
            assert payload["script"].startswith("plotly/plotly-")


def test_headline_shows_96_in_each_language() -> None:
    for lang, country in (("en", "Morocco"), ("fr", "Maroc"), ("ar", "المغرب")):
        text = page_text(open_app(lang=lang))
        assert "96" in text and country in text, lang


def test_vp_africa_figure_sent_to_the_browser() -> None:
    spec = figures(open_app(lang="en"))[0]
    bar, words = spec["data"]
    assert bar["type"] == "bar" and bar["x"] == [96]
    assert words["text"] == ["Not published", "Not published", "Withdrew before the vote"]
    assert "Gabon" in words["y"][-1]
    assert all(0 not in trace.get("x", []) for trace in spec["data"] if trace["type"] == "bar")


def test_arabic_figure_sent_is_mirrored_and_wrapped() -> None:
    payload = payloads(open_app(lang="ar"))[0]
    spec = payload["figure"]
    assert spec["layout"]["yaxis"]["side"] == "right"
    # The title is HTML in the page's direction; the downloaded image keeps it isolated RTL.
    assert payload["dir"] == "rtl" and payload["title"].startswith("نائب رئيس")
    assert payload["export"]["layout"]["title"]["text"].startswith("\u2067")
    assert "title" not in spec["layout"] and spec["layout"]["showlegend"] is False
    assert spec["data"][0]["y"][0] == "\u2067محمد الدخيسي\u2069<br>\u2067المغرب\u2069"


def test_race_picker_changes_the_chart() -> None:
    at = open_app(lang="fr", race="sg-2024")
    payload = payloads(at)[0]
    assert any("153 pays votants" in line for line in payload["subtitle"])
    assert payload["figure"]["data"][0]["x"] == [145, 6, 2]


def test_region_outside_the_race_falls_back_to_a_race_of_the_region() -> None:
    at = open_app(lang="en", region="europe", race="vp-africa-2024")
    assert at.session_state["control_race"] != "vp-africa-2024"
    assert not at.exception


# The filters each section shows: only those that change what it draws.
FILTERS_PER_VIEW = {
    "votes": ("region", "race"),
    "timeline": ("region", "zoom"),
    "map": ("region", "race"),
    "members": ("region",),
    "sources": ("region",),
}


@pytest.mark.parametrize("view", VIEWS)
def test_each_section_shows_only_the_filters_that_act_on_it(view: str) -> None:
    at = open_app(lang="en", view=view)
    shown = [radio.label for radio in at.main.radio][1:]  # after the section picker
    assert shown == [t("en", f"control.{name}") for name in FILTERS_PER_VIEW[view]]


def test_a_hidden_filter_keeps_its_value_in_the_link_and_when_shown_again() -> None:
    at = open_app(lang="en", race="sg-2024", zoom="history", view="members")
    assert (at.query_params["race"], at.query_params["zoom"]) == ("sg-2024", "history")
    at.session_state["control_view"] = "votes"
    at.run()
    assert [radio.value for radio in at.main.radio][1:] == ["all", "sg-2024"]
    assert payloads(at)[0]["figure"]["data"][0]["x"] == [145, 6, 2]
    at.session_state["control_view"] = "timeline"
    at.run()
    assert [radio.value for radio in at.main.radio][1:] == ["all", "history"]
    assert at.query_params["race"] == "sg-2024"


def element_kinds(node: Any) -> list[Any]:
    """The kinds of the elements under ``node`` in page order, a block as (kind, its elements)."""
    kinds: list[Any] = []
    for child in getattr(node, "children", {}).values():
        inner = element_kinds(child)
        kinds.append((child.type, inner) if inner else child.type)
    return kinds


# Every element of a first view is work for the browser before its first chart shows (issue 10): the
# title, notes and folded tables travel inside the HTML blocks, not as elements of their own. The last
# block is the folded citation with the footer note (issue 25), where the footer was a caption. The
# section stands in the block of its fragment (app.section: a filter tap reruns only that block), whose
# last element holds, hidden, the charts one tap away (charts.send_ahead).
@pytest.mark.parametrize(
    ("view", "kinds"),
    [
        # The section picker, then the section's filters (region and race, or region and period).
        (
            "votes",
            [
                "html",
                "radio",
                ("flex_container", ["radio", "radio", "bidi_component", "html", "html", "bidi_component"]),
            ],
        ),
        (
            "timeline",
            [
                "html",
                "radio",
                ("flex_container", ["radio", "radio", "bidi_component", "html", "html", "bidi_component"]),
            ],
        ),
        (
            "map",
            [
                "html",
                "radio",
                (
                    "flex_container",
                    [
                        "radio",
                        "radio",
                        (
                            "flex_container",
                            [("column", ["bidi_component", "html"]), ("column", ["bidi_component"] * 2)],
                        ),
                        "html",
                        "bidi_component",
                    ],
                ),
            ],
        ),
    ],
)
def test_a_first_view_sends_only_the_elements_it_needs(view: str, kinds: list[Any]) -> None:
    assert element_kinds(open_app(lang="ar", view=view).main) == kinds


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "xx"},
        {"region": "<script>alert(1)</script>"},
        {"race": "a" * 10240},
        {"view": "\x00%ZZ"},
        {"foo": "bar"},
        {"zoom": "![x](https://example.org/x.png)"},
    ],
)
def test_hostile_links_open_the_default_view_with_a_notice(params: dict[str, str]) -> None:
    at = open_app(**params)
    assert not at.exception
    assert len(at.info) == 1
    notice = at.info[0].value
    for value in params.values():
        assert value not in notice  # only key names are repeated, never values
    assert len(charts(at)) == 1
    assert at.session_state["control_view"] == "votes"


def test_repeated_key_is_ignored_with_a_notice() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = ["ar", "en"]
    at.run()
    assert not at.exception
    assert "more than once" in at.info[0].value


def test_broken_data_shows_the_error_panel(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_copy / "candidates.csv"
    path.write_text(path.read_text("utf-8").replace(",MAR,", ",XXX,", 1), "utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(lang="en")
    assert not at.exception
    assert "problem" in at.error[0].value
    assert "candidates.csv:2: country_iso3:" in page_text(at)


def test_data_text_is_never_rendered_as_html(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_copy / "sources.csv"
    text = path.read_text("utf-8")
    hostile = "<img src=x onerror=alert(1)> \u202e reversed"
    path.write_text(text.replace("opinion piece", hostile, 1), "utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(lang="en", view="sources")
    assert not at.exception
    html_out = page_text(at)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_out
    assert "<img src=x" not in html_out
    assert "\u202e" not in html_out


def test_missing_outlines_show_a_message_and_other_sections_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.views import maps

    monkeypatch.setattr(maps, "TOPOJSON_DIR", tmp_path)
    at = open_app(lang="en", view="map")
    assert not at.exception
    assert "africa_50m.json, europe_50m.json, world_110m.json" in at.warning[0].value
    assert not charts(at)
    at.session_state["control_view"] = "votes"
    at.run()
    assert len(charts(at)) == 1


def test_language_defaults_to_english_without_locale() -> None:
    at = open_app()
    assert at.session_state["control_lang"] == "en"
    assert os.environ.get("DASHBOARD_DATA_DIR") is None


def test_share_dialog_is_drawn_when_its_button_is_clicked() -> None:
    # Before the click the page sends a button alone: the dialog's code viewer and download buttons
    # would each bring a chunk of Streamlit's code into every reader's first view.
    at = open_app(lang="ar", region="africa", view="map")
    assert not at.code and not at.get("download_button")
    assert [button.label for button in at.sidebar.button] == [t("ar", "share.title")]
    at.button(key=share.OPEN_KEY).click().run()
    assert not at.exception
    link, embed, chart_embed, citation = (element.value for element in at.code)
    assert "lang=ar" in link and "region=africa" in link and "view=map" in link
    assert embed.startswith("<iframe") and html.escape(link) in embed and "frame=chart" in chart_embed
    data = load_dataset(DATA_DIR)
    assert citation == citation_text("ar", link, data.version, data.changed)
    card, sheet, bib, csl = at.get("download_button")
    assert card.proto.label == t("ar", "share.card")
    assert sheet.proto.label == t("ar", "share.fact_sheet")
    assert (bib.proto.label, csl.proto.label) == (t("ar", "cite.bibtex"), t("ar", "cite.csl"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordnance_survey_is_credited_on_the_city_map_and_in_sources(lang: str) -> None:
    """Both Ordnance Survey data sets of the city map, credited on the map the app sends and in its
    Sources section, in every language."""
    credit = "OS data © Crown copyright and database right"
    city = next(chart for chart in charts(open_app(lang=lang, view="map")) if chart["id"].startswith("city-map"))
    on_map = " ".join(note["text"] for note in city["figure"]["layout"]["annotations"])
    assert credit in on_map and "Code-Point Open" in on_map and "geomtextpath" in on_map
    sources = html.unescape(page_text(open_app(lang=lang, view="sources")))
    assert sources.count(credit) >= 2 and "geomtextpath" in sources and "Code-Point Open" in sources
