"""How a figure becomes a chart on a page: the payload the chart frame draws, its bundle, HTML title,
legend, narrow layout, export header, and the charts of every section with their texts."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from components.chart_image import chart_png
from components.chart_spec import Chart, bundle_for, chart_payload, export_figure, payload_json
from components.data import Dataset
from components.figures.layout import apply_layout
from components.section_charts import (
    city_map_chart,
    region_map_chart,
    route_map_chart,
    timeline_chart,
    votes_chart,
)
from components.tables.distance import great_circle_km
from components.tables.timeline import timeline_rows
from components.text import FSI, PDI, PRESENTATION_FORMS, RLI

ASSETS, OUTLINES = "app/static/", "app/static/topojson/"


def _chart(fig: go.Figure, source: str = "Sources: INTERPOL") -> Chart:
    return Chart(key="test-chart", figure=fig, description="What it shows.", source=source)


def test_each_figure_gets_the_smallest_bundle_that_draws_it() -> None:
    assert bundle_for(go.Figure([go.Bar(x=[1]), go.Scatter(x=[1])])) == "basic"
    assert bundle_for(go.Figure([go.Choropleth(locations=["MAR"], z=[1]), go.Scattergeo(lat=[1], lon=[1])])) == "geo"
    with pytest.raises(ValueError, match="heatmap"):
        bundle_for(go.Figure([go.Heatmap(z=[[1]])]))


def test_title_and_legend_leave_the_plot_for_html() -> None:
    fig = apply_layout(go.Figure([go.Bar(x=[1], y=["a"], name="Votes")]), "ar", "عنوان طويل", "سطر<br>سطر ثان")
    payload = chart_payload(_chart(fig), "ar", ASSETS, OUTLINES)
    layout = payload["figure"]["layout"]
    assert "title" not in layout and layout["showlegend"] is False
    # The browser wraps and mirrors HTML itself: no isolates, no fixed-width breaks.
    assert payload["title"] == "عنوان طويل" and payload["subtitle"] == ["سطر", "سطر ثان"]
    assert payload["dir"] == "rtl" and payload["legend"][0]["name"] == "Votes"
    assert payload["config"]["displayModeBar"] is False
    assert payload["script"] == "plotly/plotly-basic-4.1.1.min.js"


def test_the_downloaded_image_gets_its_title_subtitle_and_source_back() -> None:
    fig = apply_layout(go.Figure([go.Bar(x=[1], y=["a"])]), "ar", "نائب الرئيس", "غير منشور")
    payload = chart_payload(_chart(fig, "المصادر: INTERPOL"), "ar", ASSETS, OUTLINES)
    export = payload["export"]
    assert export["layout"]["title"]["text"] == f"{RLI}نائب الرئيس{PDI}"
    assert export["layout"]["title"]["subtitle"]["text"] == f"{RLI}غير منشور{PDI}"
    source = export["layout"]["annotations"][-1]
    assert source["text"] == f"{RLI}المصادر: INTERPOL{PDI}" and source["xanchor"] == "right"
    live = payload["figure"]["layout"]
    assert export["height"] > live["height"] and export["layout"]["margin"]["t"] > live["margin"]["t"]
    assert export["width"] == 1000 and export["layout"]["showlegend"] is True


def test_the_server_draws_the_downloaded_image_or_nothing() -> None:
    """kaleido gets the download's figure (what the fact sheet prints); without a Chromium (or with
    paints off, as in these tests) there is no image rather than an error."""
    fig = apply_layout(go.Figure([go.Bar(x=[1], y=["a"])]), "ar", "نائب الرئيس", "غير منشور")
    chart = _chart(fig, "المصادر: INTERPOL")
    export = chart_payload(chart, "ar", ASSETS, OUTLINES)["export"]
    figure = export_figure(chart, "ar")
    assert figure["layout"]["title"]["text"] == export["layout"]["title"]["text"]
    assert (figure["layout"]["width"], figure["layout"]["height"]) == (export["width"], export["height"])
    assert figure["layout"]["annotations"][-1]["text"] == f"{RLI}المصادر: INTERPOL{PDI}"
    assert chart_png(chart, "ar") is None


def test_payload_json_cannot_close_a_script_element() -> None:
    fig = apply_layout(go.Figure([go.Bar(x=[1], y=["</script><b>x</b>"])]), "en", "T")
    text = payload_json(_chart(fig), "en", ASSETS, OUTLINES)
    assert "</script>" not in text and "<b>" not in text
    assert json.loads(text)["figure"]["data"][0]["y"] == ["</script><b>x</b>"]


def test_the_key_changes_with_what_is_drawn() -> None:
    one = chart_payload(_chart(apply_layout(go.Figure([go.Bar(x=[1])]), "en", "T")), "en", ASSETS, OUTLINES)
    same = chart_payload(_chart(apply_layout(go.Figure([go.Bar(x=[1])]), "en", "T")), "en", ASSETS, OUTLINES)
    other = chart_payload(_chart(apply_layout(go.Figure([go.Bar(x=[2])]), "en", "T")), "en", ASSETS, OUTLINES)
    assert one["key"] == same["key"] != other["key"]


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_every_section_chart_has_a_description_and_a_source_line(data: Dataset, lang: str) -> None:
    charts = [
        votes_chart(data, "vp-africa-2024", lang),
        timeline_chart(data, "history", "all", lang),
        region_map_chart(data, "all", "vp-africa-2024", lang),
        city_map_chart(data, lang),
        route_map_chart(data, lang),
    ]
    for chart in charts:
        payload = chart_payload(chart, lang, ASSETS, OUTLINES)
        assert payload["title"] and payload["description"] and payload["source"], chart.key
        assert not PRESENTATION_FORMS.search(json.dumps(payload, ensure_ascii=False)), chart.key


def test_vote_description_gives_the_count_and_the_source_line_names_official_sources_first(data: Dataset) -> None:
    chart = votes_chart(data, "vp-africa-2024", "en")
    assert "96 votes" in chart.description
    assert chart.source.startswith("Sources: ")
    # Publisher names are isolated so a Latin name cannot reorder an Arabic line.
    arabic = votes_chart(data, "vp-africa-2024", "ar").source
    assert FSI in arabic and PDI in arabic


def test_timeline_numbers_its_rows_on_a_phone(data: Dataset) -> None:
    payload = chart_payload(timeline_chart(data, "history", "all", "en"), "en", ASSETS, OUTLINES)
    narrow = payload["narrow"]
    rows = len(timeline_rows(data, "history", "all"))
    assert narrow["width"] == 640
    assert narrow["layout"]["yaxis"]["ticktext"] == [str(n) for n in range(1, rows + 1)]
    assert f"{rows} events" in payload["description"]


def test_vote_labels_get_more_room_on_a_phone(data: Dataset) -> None:
    payload = chart_payload(votes_chart(data, "president-2025", "ar"), "ar", ASSETS, OUTLINES)
    wide = payload["figure"]["layout"]["xaxis"]["range"]
    narrow = payload["narrow"]["layout"]["xaxis"]["range"]
    # Mirrored in Arabic: the high end first.
    assert narrow[0] > wide[0] > 0 and narrow[1] == wide[1] == 0


def test_map_description_names_members_and_outcomes(data: Dataset) -> None:
    text = region_map_chart(data, "all", "vp-africa-2024", "en").description
    assert "54 member countries in Africa" in text
    assert "Morocco: Elected" in text and "Benin: Not elected" in text and "Gabon: Withdrew" in text


def test_route_is_the_great_circle_distance(data: Dataset) -> None:
    # Rabat to Glasgow, haversine on a 6,371 km sphere.
    assert great_circle_km(34.0132, -6.8326, 55.8651, -4.2576) == pytest.approx(2438, abs=1)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(6371 * 3.14159265, rel=1e-6)
    assert "2,438 km" in route_map_chart(data, "en").description


def test_a_dashed_line_has_a_dashed_swatch_that_hides_its_mask(data: Dataset) -> None:
    payload = chart_payload(region_map_chart(data, "africa", "vp-africa-2024", "en"), "en", "", "")
    boundary = [item for item in payload["legend"] if item["line"]]
    assert len(boundary) == 1 and boundary[0]["line"] == "dashed", payload["legend"]
    traces = payload["figure"]["data"]
    # The white mask under the dashes goes with them: hiding the entry leaves no white line behind.
    assert {traces[i]["line"]["color"] for i in boundary[0]["traces"]} == {
        "white",
        traces[boundary[0]["traces"][-1]]["line"]["color"],
    }
    assert all(item["line"] is None for item in payload["legend"] if item is not boundary[0])
