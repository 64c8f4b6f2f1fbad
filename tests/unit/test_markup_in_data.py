"""Data is text everywhere it is shown (issue #23, findings 1 and 2): markup in a cell reaches no
figure, chart payload or label as markup, and is shown as typed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from components.chart_spec import chart_payload
from components.data import Dataset, load_dataset
from components.labels import race_labels
from components.section_charts import city_map_chart, region_map_chart, route_map_chart, timeline_chart, votes_chart
from components.tables.regions import FILTER_VALUES
from components.tables.votes import DEFAULT_RACE
from components.text import WORD_JOINER, chart_text, markdown_text, plotly_escape, unwrap
from tests.poison import CELLS, HOST, LINK, MARKDOWN, STYLE, poison

# The only markup plotly.js gets from us: line breaks and the hover box's empty "extra" part.
OUR_TAGS = re.compile(r"<br>|<extra></extra>")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(poison(Path(tmp_path_factory.mktemp("poisoned")) / "data"))


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def _payloads(data: Dataset, lang: str) -> list[dict[str, Any]]:
    charts = [votes_chart(data, DEFAULT_RACE, lang), city_map_chart(data, lang), route_map_chart(data, lang)]
    charts += [timeline_chart(data, preset, "all", lang) for preset in ("assembly", "campaign", "history")]
    charts += [region_map_chart(data, region, DEFAULT_RACE, lang) for region in FILTER_VALUES]
    return [chart_payload(chart, lang, "app/static/", "app/static/topojson/") for chart in charts]


def test_chart_text_escapes_plotly_markup_and_keeps_line_breaks() -> None:
    assert chart_text("a <b>x</b> & y<br>z", "en") == "a &lt;b&gt;x&lt;/b&gt; &amp; y<br>z"
    assert unwrap(chart_text("&lt; stays <i>", "ar")) == "&lt; stays <i>"
    assert plotly_escape("&#60;") == "&amp;#60;"  # plotly.js decodes numeric entities too


def test_markdown_text_escapes_every_markdown_character() -> None:
    # Backslashes for Markdown; a word joiner where GFM's bare links and shortcodes would match.
    assert markdown_text("![i](http://x/y.png) *a* :red[b] $c$ a@b") == (
        "\\!\\[i\\]\\(http\\:\u2060\\/\\/x\\/y\\.\u2060png\\) \\*a\\* \\:\u2060red\\[b\\] \\$c\\$ a\\@\u2060b"
    )


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_markup_in_data_reaches_no_chart_as_markup(poisoned: Dataset, lang: str) -> None:
    seen = 0
    for payload in _payloads(poisoned, lang):
        figure = {"figure": payload["figure"], "export": payload["export"]}
        for text in _strings(figure):
            assert "<" not in OUR_TAGS.sub("", text), text
            seen += HOST in text
        # Outside the figure the page sets text with textContent: there it is the text as typed.
        for text in _strings({"title": payload["title"], "legend": payload["legend"]}):
            assert "&lt;" not in text and "&amp;" not in text, text
    assert seen > 0  # the poisoned cells did reach the charts, as text


def test_the_payload_title_shows_the_poisoned_race_as_typed(poisoned: Dataset) -> None:
    payload = chart_payload(votes_chart(poisoned, DEFAULT_RACE, "en"), "en", "app/static/", "app/static/topojson/")
    assert payload["title"].startswith(CELLS[("races.csv", DEFAULT_RACE, "office_en")])
    names = " ".join(_strings(payload["figure"]["data"]))
    assert plotly_escape(STYLE) in names and plotly_escape(LINK) in names


def test_race_labels_in_the_picker_are_markdown_escaped(poisoned: Dataset) -> None:
    label = markdown_text(race_labels(poisoned, "en")[DEFAULT_RACE])
    assert "![i](" not in label and "](http" not in label
    assert label.replace("\\", "").replace(WORD_JOINER, "").startswith(f"Vice-President for Africa {MARKDOWN}")
