"""The page's style sheets (``static/page/*.css``), shared by the app's page and the static snapshot.

CSS files, where a reader, an editor and a linter of CSS find them, not strings in Python; each page
gets them inlined, so a first view makes no request for them. No Streamlit here."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from components.theme import css_variables

STYLE_DIR = Path(__file__).resolve().parents[1] / "static" / "page"
# The sheets' comments are for their readers: every page carries the styles, not the comments.
_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)


@cache
def sheet(name: str) -> str:
    """The style sheet ``static/page/<name>.css``, as text without its comments."""
    return _COMMENT.sub("", (STYLE_DIR / f"{name}.css").read_text(encoding="utf-8"))


def base_css() -> str:
    """The theme's colours as CSS variables, then the styles of the HTML blocks every page shares."""
    return ":root { " + css_variables() + " }\n" + sheet("base")
