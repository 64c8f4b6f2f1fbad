"""The page's style sheets (static/page/*.css) as every page gets them."""

from __future__ import annotations

import re

import pytest

from components.page_styles import STYLE_DIR, sheet
from components.snapshot import PAGE_CSS
from components.views.page import FILTERS, page_css


@pytest.mark.parametrize("rtl", [False, True])
@pytest.mark.parametrize("frame", [False, True])
def test_the_page_gets_each_sheet_it_needs_and_no_placeholder(rtl: bool, frame: bool) -> None:
    css = page_css(rtl, frame)
    assert css.startswith(":root { --dash-")  # the theme's colours first: every rule below uses them
    assert ".dash-headline" in css and "@media (max-width: 640px)" in css
    # phone.css names every filter's container .dash-filter: the page has Streamlit's classes instead.
    assert ".dash-filter" not in css and FILTERS in css
    assert ('[data-testid="stSidebar"] { left: auto; right: 0; }' in css) is rtl
    assert ('[data-testid="stHeader"] { display: none; }' in css) is frame


def test_comments_stay_in_the_files_and_braces_balance() -> None:
    for path in sorted(STYLE_DIR.glob("*.css")):
        text = sheet(path.stem)
        assert "/*" not in text and "*/" not in text, path.name
        assert text.count("{") == text.count("}"), path.name
        assert "/*" in path.read_text(encoding="utf-8"), f"{path.name} says why it is there"
    assert re.match(r":root \{ --dash-font: [^;]+; \}", PAGE_CSS), "the snapshot's font stack"
