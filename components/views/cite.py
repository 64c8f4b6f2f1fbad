"""The "Cite this" block of every section: the citation folded in the page's last block, and its copy button
and BibTeX / CSL-JSON downloads in the share dialog (drawn only when it is opened)."""

from __future__ import annotations

import streamlit as st

from components import html
from components.citation import bibtex, citation_html, citation_key, citation_text, csl_json
from components.data import Dataset
from components.i18n import t
from components.state import ViewState, share_url
from components.text import localized_digits

# Served by Streamlit from static/ (components/data/version.py keeps the copy); relative, so it keeps
# working under --server.baseUrlPath and needs no other host.
CHANGELOG_URL = "app/static/data/CHANGELOG.txt"


def permalink(state: ViewState) -> str:
    """The link of exactly this view: the one the share dialog gives."""
    return share_url(st.context.url or "", state)


def footer(data: Dataset, state: ViewState) -> None:
    """The page's last block: the folded citation of this view, then the footer note.

    One HTML block where the footer was one caption: a first view gets no element more.
    """
    lang = state.lang
    cite = citation_html(lang, permalink(state), data.version, data.changed, CHANGELOG_URL)
    st.html(localized_digits(html.block(cite + html.caption(t(lang, "app.footer")), lang), state.digits))


def tools(data: Dataset, state: ViewState) -> None:
    """Inside the share dialog: the citation with a copy button (the code box's, as for the
    link), and the citation as BibTeX and CSL-JSON files."""
    lang, link = state.lang, permalink(state)
    st.caption(t(lang, "cite.copy"))
    # The citation to copy follows the page's digits; the BibTeX and CSL-JSON files are data.
    citation = citation_text(lang, link, data.version, data.changed)
    st.code(localized_digits(citation, state.digits), language=None, wrap_lines=True)
    name = citation_key(data.version)
    for label, build, extension, mime in (
        ("cite.bibtex", bibtex, "bib", "application/x-bibtex"),
        ("cite.csl", csl_json, "json", "application/vnd.citationstyles.csl+json"),
    ):
        st.download_button(
            t(lang, label),
            data=build(lang, link, data.version, data.changed).encode("utf-8"),
            file_name=f"{name}-{lang}.{extension}",
            mime=mime,
            icon=":material/format_quote:",
            key=f"download-cite-{extension}",
            on_click="ignore",
        )
