"""Figure builders: labels, mirroring, isolates, never a zero for an unpublished count."""

from __future__ import annotations

import math
import re

import plotly.graph_objects as go
import pytest

from components.data import Dataset
from components.figures.layout import chart_config, file_name
from components.figures.maps import city_map_figure, region_map_figure, route_map_figure
from components.figures.timeline import timeline_figure
from components.figures.vote_share import vote_share_figure
from components.i18n import LANGUAGES
from components.tables.regions import FILTER_VALUES
from components.tables.votes import DEFAULT_RACE, race_choices
from components.text import PDI, PRESENTATION_FORMS, RLI, has_arabic, unwrap
from components.theme import LIGHT
from tests.unit.figure_text import displayed_strings

ARABIC_LINE = re.compile(r"^\u2067[^\u2067\u2069]*\u2069$")


def all_figures(data: Dataset, lang: str) -> list[go.Figure]:
    figures = [vote_share_figure(data, race, lang) for race in race_choices(data, "all")]
    figures += [timeline_figure(data, preset, "all", lang) for preset in ("assembly", "campaign", "history")]
    figures += [region_map_figure(data, region, DEFAULT_RACE, lang) for region in FILTER_VALUES]
    figures += [city_map_figure(data, lang), route_map_figure(data, lang)]
    return figures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_presentation_forms_reach_any_figure(data: Dataset, lang: str) -> None:
    for fig in all_figures(data, lang):
        for text in displayed_strings(fig):
            assert not PRESENTATION_FORMS.search(text), text


def test_every_arabic_line_is_isolated_right_to_left(data: Dataset) -> None:
    checked = 0
    for fig in all_figures(data, "ar"):
        for text in displayed_strings(fig):
            if "%{" in text and not has_arabic(text):
                continue  # a bare placeholder template such as "%{hovertext}<extra></extra>"
            for line in text.split("<br>"):
                if has_arabic(line):
                    assert ARABIC_LINE.match(line), repr(line)
                    checked += 1
    assert checked > 100


def test_vp_africa_chart_shows_96_and_never_a_zero(data: Dataset) -> None:
    fig = vote_share_figure(data, DEFAULT_RACE, "en")
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert len(bars) == 1
    assert list(bars[0].x) == [96]  # only the published count is a bar
    words = [trace for trace in fig.data if trace.type == "scatter"]
    assert list(words[0].text) == ["Not published", "Not published", "Withdrew before the vote"]
    assert 0 not in list(bars[0].x)
    subtitle = fig.layout.title.subtitle.text
    assert "not published" in subtitle and "178 or 179 countries attending" in subtitle
    markers = [shape.x0 for shape in fig.layout.shapes]
    assert sorted(markers) == [90, 99]


def test_vote_share_names_its_denominator(data: Dataset) -> None:
    assert "Share of 153 countries voting" in vote_share_figure(data, "sg-2024", "en").layout.title.subtitle.text
    president = vote_share_figure(data, "president-2025", "fr").layout.title.subtitle.text
    assert "164" in president and "somme des décomptes publiés" in president
    bar = next(t for t in vote_share_figure(data, "president-2025", "en").data if t.type == "bar")
    assert bar.text[0] == "84 · 51.2%"


def test_three_round_race_says_the_round_is_unknown(data: Dataset) -> None:
    subtitle = vote_share_figure(data, "president-2025", "en").layout.title.subtitle.text.replace("<br>", " ")
    assert "Elected after 3 rounds; the sources do not say which round these counts are from" in subtitle


def test_arabic_vote_share_is_mirrored(data: Dataset) -> None:
    fig = vote_share_figure(data, DEFAULT_RACE, "ar")
    assert fig.layout.yaxis.side == "right"
    low, high = fig.layout.xaxis.range
    assert low > high  # votes grow to the left
    assert fig.layout.title.x > 0.5
    assert fig.layout.title.xanchor == "right"
    title = fig.layout.title.text
    assert unwrap(title).replace("<br>", " ") == "نائب رئيس منظمة الإنتربول عن قارة إفريقيا · 7 نوفمبر 2024"
    assert all(line[0] == RLI and line[-1] == PDI for line in title.split("<br>"))
    english = vote_share_figure(data, DEFAULT_RACE, "en")
    assert english.layout.yaxis.side == "left" and english.layout.xaxis.range[0] == 0


def test_arabic_timeline_runs_right_to_left(data: Dataset) -> None:
    fig = timeline_figure(data, "assembly", "all", "ar")
    start, end = fig.layout.xaxis.range
    assert str(start) > str(end)
    assert fig.layout.yaxis.side == "right"
    assert fig.layout.legend.xanchor == "right"


def test_year_only_event_is_drawn_as_a_year(data: Dataset) -> None:
    fig = timeline_figure(data, "history", "all", "en")
    for trace in fig.data:
        if trace.type != "bar":
            continue
        for label, width, pattern in zip(trace.y, trace.x, trace.marker.pattern.shape, strict=True):
            if label.replace("<br>", " ") == "Organisation re-established, headquartered in Paris":
                assert width == pytest.approx(365 * 86_400_000)
                assert pattern == "/"
                return
    pytest.fail("the 1946 event is not drawn")


def test_timeline_legend_names_categories(data: Dataset) -> None:
    names = {t.name for t in timeline_figure(data, "history", "all", "en").data if t.showlegend is not False}
    assert {"General Assembly", "Election", "Membership", "Institution"} <= names


def test_timeline_of_a_region_with_no_event_says_so(data: Dataset) -> None:
    fig = timeline_figure(data, "assembly", "americas", "en")
    texts = [a.text for a in fig.layout.annotations]
    events = sum(len(trace.y) for trace in fig.data if trace.type == "bar")
    assert events > 0 or "No event of this region in this period" in texts


def test_africa_map_colours_members_and_candidates(data: Dataset) -> None:
    fig = region_map_figure(data, "all", DEFAULT_RACE, "en")
    by_name = {trace.name: trace for trace in fig.data if trace.type == "choropleth"}
    # Outcome entries carry the mark drawn on their countries (not by colour alone).
    assert set(by_name["★ Elected"].locations) == {"MAR"}
    assert set(by_name["✕ Not elected"].locations) == {"BEN", "NAM"}
    assert set(by_name["○ Withdrew"].locations) == {"GAB"}
    marks = {
        trace.marker.symbol: set(trace.locations)
        for trace in fig.data
        if trace.type == "scattergeo" and trace.locations
    }
    assert marks == {"star": {"MAR"}, "x-thin": {"BEN", "NAM"}, "circle-open": {"GAB"}}
    assert len(by_name["Member country"].locations) == 50
    assert "ESH" not in {code for trace in by_name.values() for code in trace.locations}
    assert fig.layout.geo.scope == "africa" and fig.layout.geo.fitbounds is False
    assert by_name["★ Elected"].marker.line.width > by_name["Member country"].marker.line.width


def test_africa_map_dashes_the_morocco_western_sahara_boundary_at_27_40(data: Dataset) -> None:
    """The boundary drawn is the UN-delimited line: 27°40'N from the Atlantic to Algeria, dashed."""
    fig = region_map_figure(data, "all", DEFAULT_RACE, "en")
    mask, line = [trace for trace in fig.data if trace.type == "scattergeo" and trace.mode == "lines"]
    assert line.line.dash == "3px,2px" and line.showlegend  # short dashes: the line is 25 px long on a phone
    assert mask.line.color == "white" and mask.line.width > line.line.width and not mask.showlegend
    points = [(lon, lat) for lon, lat in zip(line.lon, line.lat, strict=True) if lon is not None]
    assert all(abs(lat - (27 + 40 / 60)) < 0.02 for _, lat in points), points
    assert min(lon for lon, _ in points) < -13.0 and max(lon for lon, _ in points) > -8.8
    assert region_map_figure(data, "europe", DEFAULT_RACE, "en").data[-1].mode != "lines"


def test_region_map_follows_the_filter(data: Dataset) -> None:
    assert region_map_figure(data, "europe", DEFAULT_RACE, "en").layout.geo.scope == "europe"
    americas = region_map_figure(data, "americas", DEFAULT_RACE, "fr")
    assert americas.layout.geo.scope == "world"
    assert "Aucun(e) candidat(e)" in americas.layout.title.subtitle.text


def test_city_map_shows_glasgow_at_city_scale_with_the_venue(data: Dataset) -> None:
    """A fixed view about 11 km wide (over 30 px per km on a 390 px phone), addresses shaded, the
    Clyde and the canal in the water's colour, the river named, the venue marked."""
    fig = city_map_figure(data, "en")
    geo = fig.layout.geo
    assert geo.fitbounds is False
    width_km = (geo.lonaxis.range[1] - geo.lonaxis.range[0]) * 111.32 * math.cos(math.radians(55.86))
    assert width_km < 366 / 8, width_km  # a 390 px phone's plot area at 8 px per km
    areas = {trace.locations[0]: trace for trace in fig.data if trace.type == "choropleth"}
    assert list(areas) == ["built_up", "water"]  # the water drawn over the built-up area
    assert areas["built_up"].geojson["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert areas["water"].colorscale[0][1] == LIGHT.water
    lines = [trace for trace in fig.data if trace.type == "scattergeo" and trace.mode == "lines"]
    assert [trace.line.color for trace in lines if trace.legendgroup == "water"] == [LIGHT.water] * 2
    labels = [text for trace in fig.data if trace.type == "scattergeo" and trace.text for text in trace.text]
    assert {"Scottish Event Campus (SEC)", "Glasgow", "River Clyde", "1 km"} <= set(labels)
    venue = next(t for t in fig.data if t.type == "scattergeo" and "Scottish Event Campus (SEC)" in (t.text or ()))
    index = list(venue.text).index("Scottish Event Campus (SEC)")
    assert (venue.lon[index], venue.lat[index]) == pytest.approx((-4.2888, 55.8609), abs=1e-4)
    assert "Code-Point Open" in fig.layout.annotations[0].text


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_city_map_credits_ordnance_survey_on_the_map_and_in_sources(data: Dataset, lang: str) -> None:
    """Both OS data sets' attribution on the map itself and in the Sources section, in every language."""
    from components.snapshot import sources_section

    credit = "Contains OS data © Crown copyright and database right"
    annotation = city_map_figure(data, lang).layout.annotations[0].text
    assert credit in annotation and "Code-Point Open" in annotation and "geomtextpath" in annotation
    sources = sources_section(data, lang)
    assert sources.count("OS data © Crown copyright and database right") >= 2, "both OS data sets"
    assert "geomtextpath" in sources and "Code-Point Open" in sources
    river = next(t for t in city_map_figure(data, lang).data if t.type == "scattergeo" and t.mode == "text")
    assert {"ar": "نهر كلايد", "en": "River Clyde", "fr": "la Clyde"}[lang] in river.text[0]


def test_route_map_draws_rabat_to_glasgow(data: Dataset) -> None:
    fig = route_map_figure(data, "en")
    line = fig.data[0]
    assert line.mode == "lines" and len(line.lat) == 2
    assert fig.layout.geo.fitbounds is False
    labels = [text for trace in fig.data[1:] for text in trace.text]
    assert {"Glasgow", "Rabat", "Lyon"} <= set(labels)


def test_chart_config_is_offline_and_names_the_download() -> None:
    config = chart_config("نائب رئيس الإنتربول · 2024")
    assert config["topojsonURL"] == "app/static/topojson/"
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "نائب-رئيس-الإنتربول-2024",
        "scale": 2,
    }
    assert file_name("  ") == "chart"
