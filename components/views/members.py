"""The members section: a table filtered by region, counts per region, CSV downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data import Dataset
from components.i18n import format_number, t
from components.tables.members import members_table, region_counts
from components.tables.regions import ALL


def _display(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = pd.DataFrame(
        {
            t(lang, "col.country"): table["country"],
            "ISO": table["iso3"],
            t(lang, "col.region"): [t(lang, f"region.name.{r}") for r in table["region"]],
            t(lang, "col.basis"): [
                t(lang, f"basis.{basis}.{rule}" if basis == "inferred" else "basis.sourced")
                for basis, rule in zip(table["region_basis"], table["region_rule"], strict=True)
            ],
            t(lang, "col.joined"): table["joined_year"],
        }
    )
    # In Arabic the first column belongs on the right.
    return shown[shown.columns[::-1]] if lang == "ar" else shown


def render(data: Dataset, region: str, lang: str) -> None:
    """Members of the region, with where each region comes from."""
    table = members_table(data, region, lang)
    st.subheader(t(lang, "members.title", n=format_number(len(table), lang)))
    counts = region_counts(data)
    st.dataframe(
        pd.DataFrame(
            {
                t(lang, "col.region"): [t(lang, f"region.name.{r}") for r in counts.index],
                t(lang, "basis.sourced"): counts["sourced"].to_numpy(),
                t(lang, "col.inferred"): counts["inferred"].to_numpy(),
                t(lang, "col.total"): counts["total"].to_numpy(),
            }
        ),
        hide_index=True,
    )
    st.dataframe(_display(table, lang), hide_index=True, height=420)
    shown, everything = st.columns(2)
    shown.download_button(
        t(lang, "members.download_shown"),
        lambda: table.to_csv(index=False).encode("utf-8"),
        file_name=f"interpol-members-{region}-{lang}.csv",
        mime="text/csv",
        key="download-members-shown",
        on_click="ignore",
    )
    everything.download_button(
        t(lang, "members.download_all"),
        lambda: members_table(data, ALL, lang).to_csv(index=False).encode("utf-8"),
        file_name=f"interpol-members-all-{lang}.csv",
        mime="text/csv",
        key="download-members-all",
        on_click="ignore",
    )
