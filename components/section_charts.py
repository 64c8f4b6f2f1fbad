"""Every chart of the dashboard as a :class:`Chart`: figure, description and source line.

Pure (no Streamlit). The app's views, the static snapshot and the chart-only embed all draw these,
so a chart reads the same wherever it is shown.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable, Iterator
from typing import TypeVar, cast

from components.chart_spec import Chart
from components.data import Dataset
from components.figures.maps import city_map_figure, region_map_figure, route_map_figure
from components.figures.timeline import timeline_figure
from components.figures.vote_share import vote_share_figure
from components.i18n import LANGUAGES, format_number, t
from components.labels import localized
from components.memo import built_once
from components.summaries import map_summary, source_line, timeline_summary, vote_summary
from components.tables.distance import great_circle_km
from components.tables.places import map_countries, map_region, place
from components.tables.regions import FILTER_VALUES
from components.tables.timeline import PRESETS, timeline_rows
from components.tables.votes import denominators, race_choices, vote_table

# The map outlines' origin, named in the source line of every map; the city map's data.
OUTLINES = "Natural Earth"
CITY_DATA = "OS Code-Point Open, OS open data (geomtextpath)"
ChartBuilder = TypeVar("ChartBuilder", bound=Callable[..., Chart])


def chart_builder(build: ChartBuilder) -> ChartBuilder:
    """``build``, once per data version and arguments (:func:`~components.memo.built_once`), its
    chart carrying the builder and arguments it came from (``Chart.origin``). A builder's arguments
    after the data are named as the view state's fields they come from (``components/taps.py``
    reads them to know which filter changes which chart)."""

    @built_once
    @functools.wraps(build)
    def chart(data: Dataset, *args: Hashable) -> Chart:
        return dataclasses.replace(build(data, *args), origin=(chart, args))

    return cast(ChartBuilder, chart)


def race_source_ids(data: Dataset, race_id: str) -> list[str]:
    """The sources of every number of a race: candidates' counts and published totals."""
    refs = [ref for ids in vote_table(data, race_id)["source_ids"] for ref in ids]
    return refs + [ref for d in denominators(data, race_id) for ref in d.source_ids]


@chart_builder
def votes_chart(data: Dataset, race: str, lang: str) -> Chart:
    """The vote share of the race ``race``."""
    return Chart(
        key="votes-chart",
        figure=vote_share_figure(data, race, lang),
        description=vote_summary(data, race, lang),
        source=source_line(data, race_source_ids(data, race), lang),
    )


@chart_builder
def timeline_chart(data: Dataset, zoom: str, region: str, lang: str) -> Chart:
    """The events of the ``zoom`` preset kept by ``region``."""
    rows = timeline_rows(data, zoom, region)
    return Chart(
        key="timeline-chart",
        figure=timeline_figure(data, zoom, region, lang),
        description=timeline_summary(rows, lang),
        source=source_line(data, [ref for ids in rows["source_ids"] for ref in ids], lang),
    )


@chart_builder
def region_map_chart(data: Dataset, region: str, race: str, lang: str) -> Chart:
    """Members of the map region and the race's candidates by outcome."""
    countries = map_countries(data, region, race)
    candidates = data.candidates[data.candidates["race_id"] == race]
    member_sources = [ref for ids in data.members["region_source_ids"] for ref in ids]
    return Chart(
        key="region-map",
        figure=region_map_figure(data, region, race, lang),
        description=map_summary(countries, candidates, map_region(region), lang),
        source=source_line(data, race_source_ids(data, race) + member_sources, lang, OUTLINES),
    )


@chart_builder
def city_map_chart(data: Dataset, lang: str) -> Chart:
    """Where in Glasgow the General Assembly met, at city scale; the note under it says what is drawn
    and what is not."""
    venue, river = place(data, "sec-glasgow"), place(data, "clyde")
    return Chart(
        key="city-map",
        figure=city_map_figure(data, lang),
        description=" ".join(
            (t(lang, "summary.venue", venue=localized(venue, "name", lang)), t(lang, "map.city_note"))
        ),
        source=source_line(data, list(venue["source_ids"]) + list(river["source_ids"]), lang, CITY_DATA),
    )


@chart_builder
def route_map_chart(data: Dataset, lang: str) -> Chart:
    """The great circle from Rabat to Glasgow, with its length."""
    rabat, glasgow = place(data, "rabat"), place(data, "glasgow")
    km = great_circle_km(float(rabat["lat"]), float(rabat["lon"]), float(glasgow["lat"]), float(glasgow["lon"]))
    return Chart(
        key="route-map",
        figure=route_map_figure(data, lang),
        description=t(lang, "summary.route", km=format_number(round(km), lang)),
        source=source_line(data, list(rabat["source_ids"]) + list(glasgow["source_ids"]), lang, OUTLINES),
    )


# The maps beside the region map, in order: the app's map section, the snapshot and the embed draw these.
PLACE_CHARTS = (city_map_chart, route_map_chart)


def every_chart(data: Dataset) -> Iterator[tuple[Callable[..., Chart], tuple[str, ...]]]:
    """Every chart a section can show, as ``(builder, arguments)`` in the order the views call them:
    each language, region, race and period a link can ask for (defaults first). The server paints
    them in advance (``components/first_paint.py``)."""
    for lang in LANGUAGES:
        for build in PLACE_CHARTS:
            yield build, (lang,)
        races = [race_choices(data, region) for region in FILTER_VALUES]
        for race in dict.fromkeys(race for choices in races for race in choices):
            yield votes_chart, (race, lang)
        for region, choices in zip(FILTER_VALUES, races, strict=True):
            for race in choices:
                yield region_map_chart, (region, race, lang)
            for preset in PRESETS:
                yield timeline_chart, (preset, region, lang)
