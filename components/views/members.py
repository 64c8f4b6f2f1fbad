"""The members section: a table filtered by region, counts per region, CSV downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import html
from components.data import Dataset
from components.data.export import safe_csv
from components.i18n import format_number, t
from components.memo import built_once, shared
from components.state import ViewState
from components.tables.members import members_table, region_counts
from components.tables.regions import ALL
from components.text import localized_digits


@built_once
def members_html(data: Dataset, region: str, lang: str) -> str:
    """Counts per region, then the members of ``region``, as HTML tables in the page's direction.

    HTML rather than ``st.dataframe``: the data grid is a canvas that neither reads right to left
    nor starts scrolled at the first column in Arabic on a phone.
    """
    counts = region_counts(data)
    count_rows = [
        (
            html.text(t(lang, f"region.name.{name}")),
            html.text(format_number(int(row["sourced"]), lang)),
            html.text(format_number(int(row["inferred"]), lang)),
            html.text(format_number(int(row["total"]), lang)),
        )
        for name, row in counts.iterrows()
    ]
    count_header = [html.text(t(lang, k)) for k in ("col.region", "basis.sourced", "col.inferred", "col.total")]
    table = members_table(data, region, lang)
    rows = [
        (
            html.text(row["country"]),
            html.text(row["iso3"]),
            html.text(t(lang, f"region.name.{row['region']}")),
            html.text(_basis(row, lang)),
            html.text(row["joined_year"]),
        )
        for _, row in table.iterrows()
    ]
    header = [html.text(t(lang, k)) for k in ("col.country", "col.iso", "col.region", "col.basis", "col.joined")]
    name = t(lang, "members.table_label", region=t(lang, f"region.{region}"))
    return html.table(count_header, count_rows, lang) + html.scroll_region(html.table(header, rows, lang), lang, name)


def _basis(row: pd.Series, lang: str) -> str:
    if row["region_basis"] == "inferred":
        return t(lang, f"basis.inferred.{row['region_rule']}")
    return t(lang, "basis.sourced")


def render(data: Dataset, state: ViewState) -> None:
    """Members of the state's region, with where each region comes from, in the state's digits (the
    CSV downloads are data: Western digits)."""
    region, lang, digits = state.region, state.lang, state.digits
    table = shared(members_table, data, region, lang)
    st.subheader(localized_digits(t(lang, "members.title", n=format_number(len(table), lang)), digits))
    st.html(localized_digits(members_html(data, region, lang), digits))
    shown, everything = st.columns(2)
    shown.download_button(
        t(lang, "members.download_shown"),
        lambda: safe_csv(table),
        file_name=f"interpol-members-{region}-{lang}-{data.version}.csv",
        mime="text/csv",
        key="download-members-shown",
        on_click="ignore",
    )
    everything.download_button(
        t(lang, "members.download_all"),
        lambda: safe_csv(members_table(data, ALL, lang)),
        file_name=f"interpol-members-all-{lang}-{data.version}.csv",
        mime="text/csv",
        key="download-members-all",
        on_click="ignore",
    )
