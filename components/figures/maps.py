"""Maps: the members of a region with a race's candidates by outcome, Glasgow around the venue, the route.

Outlines come from the topojson files in ``static/topojson`` (see ``chart_config``); every view is
fixed (``fitbounds=False``) so a phone and a desktop show the same area.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.data import Dataset
from components.figures.layout import ELECTED, INK, LOST, MEMBER, MUTED, WITHDREW, apply_layout, narrow_layout, wrap
from components.i18n import country_name, format_kilometres, t
from components.labels import candidate_name, localized, race_title
from components.tables.places import map_countries, map_region, place
from components.tables.votes import race_row, vote_table
from components.text import chart_text, is_rtl
from components.theme import LIGHT

STATUS_COLOURS = {"member": MEMBER, "elected": ELECTED, "lost": LOST, "withdrew": WITHDREW}
# Geo views per map region: plotly scope (which topojson file is fetched) and the visible box.
GEO_VIEWS: dict[str, dict[str, object]] = {
    "africa": {"scope": "africa", "resolution": 50},
    "europe": {"scope": "europe", "resolution": 50},
    "americas": {
        "scope": "world",
        "resolution": 110,
        "lonaxis": {"range": [-170, -30]},
        "lataxis": {"range": [-58, 75]},
    },
    "asia": {
        "scope": "world",
        "resolution": 110,
        "lonaxis": {"range": [25, 190]},
        "lataxis": {"range": [-50, 60]},
    },
}
TOPOJSON_FILES = {"africa": "africa_50m.json", "europe": "europe_50m.json", "world": "world_110m.json"}
# The mark at a candidate country's centre, by outcome, and the same mark in its legend entry.
OUTCOME_MARKS = {"elected": "star", "lost": "x-thin", "withdrew": "circle-open"}
MARK_SIGNS = {"elected": "★", "lost": "✕", "withdrew": "○"}
REGION_PLACES = {"africa": ("rabat",), "europe": ("sec-glasgow",)}
TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"
# Written by tools/outlines/build.mjs with africa_50m.json: the line Morocco and Western Sahara share.
BOUNDARY_FILE = TOPOJSON_DIR / "morocco_western_sahara_boundary.json"
# Written by tools/glasgow/build.py from two OS open data sets: where Glasgow has addresses (Code-Point
# Open), the Clyde and the canal (geomtextpath's waterways), the venue's postcode.
CITY_FILE = TOPOJSON_DIR.parent / "glasgow" / "glasgow.json"
BUILT_UP = LIGHT.built_up
WATER = LIGHT.water
KM_PER_DEGREE = 111.32
# About 11 km by 8 km around the venue and the centre, the canal at its north edge: over 30 px per km
# on a 390 px phone.
CITY_LON, CITY_LAT = (-4.36, -4.19), (55.83, 55.90)
CITY_HEIGHT = 520
# Below this width (a phone, a desktop's half column) a map is drawn shorter: a geo view keeps its
# aspect, so the plot's height past the map's own was blank above and below it.
NARROW_WIDTH = 560
# Plot heights there: Africa is about as tall as wide; the city view 1.36 times wider than tall.
NARROW_HEIGHTS = {"africa": 400, "city": 340}
# Room under the city map for the three lines of the Ordnance Survey credit, and per extra line where
# a phone breaks them shorter (at most NARROW_CREDIT_CHARS characters of 10 px text in 336 px).
CREDIT_MARGIN = 50
CREDIT_LINE = 13
NARROW_CREDIT_CHARS = 52
CITY_VIEW: dict[str, object] = {
    "scope": "europe",
    "resolution": 50,
    "projection": {"type": "mercator"},
    "lonaxis": {"range": list(CITY_LON)},
    "lataxis": {"range": list(CITY_LAT)},
}


def _geo(view: dict[str, object]) -> dict[str, object]:
    return {
        **view,
        "fitbounds": False,
        "showland": True,
        "landcolor": "#f4f5f7",
        "showcountries": True,
        "countrycolor": "#ffffff",
        "showcoastlines": False,
        "showframe": False,
        "bgcolor": "white",
    }


def _hover(names: list[str], lang: str) -> list[str]:
    return ["<br>".join(chart_text(line, lang) for line in name.split("<br>")) for name in names]


def region_map_figure(data: Dataset, region: str, race_id: str, lang: str) -> go.Figure:
    """Members of the map region coloured, the race's candidate countries by outcome."""
    shown = map_region(region)
    countries = map_countries(data, region, race_id)
    candidates = vote_table(data, race_id)
    candidates = candidates[candidates["option"] == "candidate"]
    by_country = {str(row["country_iso3"]): candidate_name(row, lang) for _, row in candidates.iterrows()}
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        group = countries[countries["status"] == status]
        if group.empty:
            continue
        codes = group["iso3"].tolist()
        status_text = t(lang, f"map.status.{status}")
        hover = [
            "<br>".join(line for line in (country_name(code, lang), status_text, by_country.get(code, "")) if line)
            for code in codes
        ]
        fig.add_trace(
            go.Choropleth(
                locations=codes,
                z=[1] * len(codes),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker={
                    "line": {
                        "color": INK if status == "elected" else "white",
                        "width": 2 if status == "elected" else 0.6,
                    }
                },
                name=chart_text(f"{MARK_SIGNS[status]} {status_text}" if status in MARK_SIGNS else status_text, lang),
                legendgroup=status,
                showlegend=True,
                hovertext=_hover(hover, lang),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _add_outcome_marks(fig, countries, lang)
    if shown == "africa":
        _add_disputed_boundary(fig, lang)
    _add_places(fig, data, REGION_PLACES.get(shown, ()), lang)
    candidate_countries = set(by_country) & set(countries["iso3"])
    race = race_row(data, race_id)
    note = "" if candidate_countries else f"<br>{t(lang, 'map.no_candidates')}"
    title = t(lang, "map.region_title", region=t(lang, f"region.{shown}"))
    fig.update_layout(geo=_geo(GEO_VIEWS[shown]), height=560)
    fig = apply_layout(fig, lang, title, race_title(race, lang) + note)
    if shown in NARROW_HEIGHTS:
        fig = narrow_layout(fig, NARROW_WIDTH, {"height": NARROW_HEIGHTS[shown]})
    return fig


def _add_outcome_marks(fig: go.Figure, countries: pd.DataFrame, lang: str) -> None:
    """Each candidate country's outcome told by a mark too, not by colour alone (WCAG 1.4.1); the
    legend names each mark."""
    for status, symbol in OUTCOME_MARKS.items():
        codes = countries.loc[countries["status"] == status, "iso3"].tolist()
        if not codes:
            continue
        fig.add_trace(
            go.Scattergeo(
                locations=codes,
                locationmode="ISO-3",
                mode="markers",
                # Hidden and shown with its colour's legend entry.
                legendgroup=status,
                marker={"symbol": symbol, "size": 10, "color": INK, "line": {"width": 1.5, "color": INK}},
                hoverinfo="skip",
                showlegend=False,
            )
        )


@cache
def disputed_boundary() -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """Longitudes and latitudes of the Morocco-Western Sahara boundary (``None`` between its parts)."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for part in json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))["geometry"]["coordinates"]:
        lons += [point[0] for point in part] + [None]
        lats += [point[1] for point in part] + [None]
    return tuple(lons), tuple(lats)


def _add_disputed_boundary(fig: go.Figure, lang: str) -> None:
    # Dashed, as the United Nations draw a boundary whose status is not settled; short dashes, as the
    # line is only about 25 px long on a phone. A white line first covers the elected country's
    # solid outline along it, so the dashes show through.
    lons, lats = disputed_boundary()
    mask, dashed = {"color": "white", "width": 3}, {"color": INK, "width": 1.5, "dash": "3px,2px"}
    for line, legend in ((mask, False), (dashed, True)):
        fig.add_trace(
            go.Scattergeo(
                lon=list(lons),
                lat=list(lats),
                mode="lines",
                line=line,
                name=chart_text(t(lang, "map.disputed_boundary"), lang),
                # One legend entry hides the mask with the dashes.
                legendgroup="disputed-boundary",
                showlegend=legend,
                hoverinfo="skip",
            )
        )


def _add_places(
    fig: go.Figure, data: Dataset, place_ids: tuple[str, ...], lang: str, positions: tuple[str, ...] = ()
) -> None:
    if not place_ids:
        return
    rows = [place(data, place_id) for place_id in place_ids]
    names = [chart_text(localized(row, "name", lang), lang) for row in rows]
    fig.add_trace(
        go.Scattergeo(
            lat=[float(row["lat"]) for row in rows],
            lon=[float(row["lon"]) for row in rows],
            mode="markers+text",
            text=names,
            textposition=list(positions) or "top center",
            textfont={"size": 12, "color": INK},
            marker={"size": 9, "color": INK, "symbol": "circle"},
            hovertext=names,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )


@cache
def city_geometry() -> dict[str, dict[str, object]]:
    """The features of ``static/glasgow/glasgow.json`` by id (built by tools/glasgow/build.py)."""
    collection = json.loads(CITY_FILE.read_text(encoding="utf-8"))
    return {str(feature["id"]): feature for feature in collection["features"]}


def _scale_bar(fig: go.Figure, lang: str) -> None:
    # One kilometre along the parallel, in the map's lower left corner; in Arabic on the right, at the
    # top: the Clyde's meanders fill the lower right corner.
    lat = CITY_LAT[1] - 0.008 if is_rtl(lang) else CITY_LAT[0] + 0.006
    span = 1 / (KM_PER_DEGREE * math.cos(math.radians(lat)))
    west, east = CITY_LON
    start = east - 0.01 - span if is_rtl(lang) else west + 0.01
    fig.add_trace(
        go.Scattergeo(
            lon=[start, start + span],
            lat=[lat, lat],
            mode="lines+text",
            line={"color": INK, "width": 3},
            text=["", chart_text(format_kilometres(1, lang), lang)],
            textposition="top left" if is_rtl(lang) else "top right",
            textfont={"size": 12, "color": INK},
            hoverinfo="skip",
            showlegend=False,
        )
    )


def _area(feature: dict[str, Any], colour: str, name: str, group: str) -> go.Choropleth:
    """One filled feature of the city's geometry, a legend entry of its own."""
    return go.Choropleth(
        geojson={"type": "FeatureCollection", "features": [feature]},
        featureidkey="id",
        locations=[feature["id"]],
        z=[1],
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"width": 0}},
        name=name,
        legendgroup=group,
        showlegend=True,
        hoverinfo="skip",
    )


def _water_lines(fig: go.Figure, feature: dict[str, Any], width: float) -> None:
    # Where the data gives a river or canal as a line, not as banks: drawn in the water's colour,
    # shown and hidden with the water's legend entry.
    lons: list[float | None] = []
    lats: list[float | None] = []
    for line in feature["geometry"]["coordinates"]:
        lons += [point[0] for point in line] + [None]
        lats += [point[1] for point in line] + [None]
    fig.add_trace(
        go.Scattergeo(
            lon=lons,
            lat=lats,
            mode="lines",
            line={"color": WATER, "width": width},
            legendgroup="water",
            showlegend=False,
            hoverinfo="skip",
        )
    )


def city_map_figure(data: Dataset, lang: str) -> go.Figure:
    """Glasgow at city scale: where there are addresses, the Clyde and the canal, the venue on the
    river's bank and the city centre, a 1 km bar."""
    venue, river = place(data, "sec-glasgow"), place(data, "clyde")
    city = city_geometry()
    fig = go.Figure()
    fig.add_trace(_area(city["built_up"], BUILT_UP, chart_text(t(lang, "map.built_up"), lang), "built-up"))
    # The water over the built-up area, so the river reads as one band through the city.
    fig.add_trace(_area(city["water"], WATER, chart_text(t(lang, "map.water"), lang), "water"))
    _water_lines(fig, city["river"], 2.5)
    _water_lines(fig, city["canal"], 1.5)
    river_name = chart_text(localized(river, "name", lang), lang)
    fig.add_trace(
        go.Scattergeo(
            lon=[float(river["lon"])],
            lat=[float(river["lat"])],
            mode="text",
            text=[river_name],
            textfont={"size": 12, "color": INK, "style": "italic"},
            hovertext=[river_name],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    _scale_bar(fig, lang)
    # The venue's name below its dot, the centre's above: 2 km apart, the names would touch. The
    # river's name stands west of both, where no other name reaches even on a phone.
    _add_places(fig, data, ("sec-glasgow", "glasgow"), lang, ("bottom center", "top center"))
    credit = t(lang, "map.city_credit")
    # The attribution both Ordnance Survey data sets ask for, on the map as map makers put it; English
    # legal text in every language, so laid out left to right. Under the map, not on it: over the map
    # it hid the 1 km bar on a phone.
    attribution = {
        "x": 0.0 if is_rtl(lang) else 1.0,
        "xanchor": "left" if is_rtl(lang) else "right",
        "align": "left" if is_rtl(lang) else "right",
        "xref": "paper",
        "y": 0.0,
        "yanchor": "top",
        "yref": "paper",
        "showarrow": False,
        "font": {"size": 10, "color": MUTED},
    }
    fig.update_layout(
        geo={**_geo(CITY_VIEW), "showland": False, "showcountries": False},
        height=CITY_HEIGHT,
        annotations=[{**attribution, "text": chart_text(credit, "en")}],
    )
    title = t(lang, "map.venue_title", venue=localized(venue, "name", lang))
    fig = apply_layout(fig, lang, title, t(lang, "map.venue_subtitle"))
    fig.update_layout(margin={"b": CREDIT_MARGIN})
    # On a phone the credit's lines are broken shorter: at full length they ran past the chart's edge.
    narrow_credit = wrap(credit, NARROW_CREDIT_CHARS)
    narrow = {
        "height": NARROW_HEIGHTS["city"] + CREDIT_LINE * (narrow_credit.count("<br>") - credit.count("<br>")),
        "annotations": [{**attribution, "text": chart_text(narrow_credit, "en")}],
        "margin": {"b": CREDIT_MARGIN + CREDIT_LINE * (narrow_credit.count("<br>") - credit.count("<br>"))},
    }
    return narrow_layout(fig, NARROW_WIDTH, narrow)


def route_map_figure(data: Dataset, lang: str) -> go.Figure:
    """The great circle from Rabat to Glasgow, with INTERPOL's seat in Lyon, on a world view.

    A world view because the regional outline files hold one continent each: on them North
    Africa or Britain would float on blank paper.
    """
    rabat, glasgow = place(data, "rabat"), place(data, "glasgow")
    fig = go.Figure()
    fig.add_trace(
        go.Scattergeo(
            lat=[float(rabat["lat"]), float(glasgow["lat"])],
            lon=[float(rabat["lon"]), float(glasgow["lon"])],
            mode="lines",
            line={"color": ELECTED, "width": 2.5, "dash": "dash"},
            hoverinfo="skip",
            name=chart_text(t(lang, "map.route"), lang),
            showlegend=True,
        )
    )
    _add_places(fig, data, ("glasgow", "rabat", "lyon"), lang)
    view = {
        "scope": "world",
        "resolution": 110,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": [-22, 14]},
        "lataxis": {"range": [28, 60]},
    }
    fig.update_layout(geo=_geo(view), height=460)
    return apply_layout(fig, lang, t(lang, "map.route_title"))


# The maps beside the region map, in order: the app's map section and the snapshot both draw these.
PLACE_MAPS: tuple[Callable[[Dataset, str], go.Figure], ...] = (city_map_figure, route_map_figure)


def topojson_files(region: str) -> tuple[str, ...]:
    """The outline files the region's, the venue's and the route's maps fetch (for checks)."""
    scope = str(GEO_VIEWS[map_region(region)]["scope"])
    return tuple(sorted({TOPOJSON_FILES[scope], TOPOJSON_FILES["europe"], TOPOJSON_FILES["world"]}))
