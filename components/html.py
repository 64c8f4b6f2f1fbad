"""Safe HTML fragments from data text: everything escaped, every cell isolated with ``<bdi>``.

Data text (names, quotes) is never passed to markdown: a cell holding ``<img onerror=...>`` or a
U+202E override must show as text and cannot reorder or restyle the page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from components.text import is_rtl, strip_bidi_controls


def text(value: object) -> str:
    """Escaped, bidi-isolated text of any value (empty for None/NA)."""
    if value is None or value != value:  # NaN and pd.NA-safe enough for display
        return ""
    return f"<bdi>{html.escape(strip_bidi_controls(str(value)))}</bdi>"


def attr(value: object) -> str:
    """A value escaped for use inside a double-quoted HTML attribute."""
    return html.escape(strip_bidi_controls(str(value)), quote=True)


def quote(value: object, lang: str, css_class: str = "") -> str:
    """A verbatim quote in its own language and direction (``dir="auto"`` would skip ``<bdi>``)."""
    direction = "rtl" if is_rtl(str(lang)) else "ltr"
    cls = f' class="{attr(css_class)}"' if css_class else ""
    return f'<blockquote{cls} lang="{attr(lang)}" dir="{direction}">{text(value)}</blockquote>'


def link(url: str, label: str) -> str:
    """A link that opens in a new tab; anything but http(s) is shown as plain text."""
    if urlparse(url).scheme not in ("http", "https"):
        return text(label)
    href = html.escape(url, quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'


def local_link(path: str, label: str) -> str:
    """A link to one of the site's own files by relative path (it keeps working under a base path
    and offline); anything else (a scheme, a host, ``/`` or ``..``) is shown as plain text."""
    parts = urlparse(path)
    if parts.scheme or parts.netloc or path.startswith(("/", "\\")) or ".." in path.split("/"):
        return text(label)
    return f'<a href="{attr(path)}" target="_blank" rel="noopener noreferrer">{text(label)}</a>'


def table(header: Sequence[str], rows: Iterable[Sequence[str]], lang: str, caption: str = "") -> str:
    """An HTML table; cells must already be HTML made by this module."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    cap = f"<caption>{text(caption)}</caption>" if caption else ""
    return (
        f'<table class="dash-table" dir="{direction}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def block(body: str, lang: str, css_class: str = "dash-block") -> str:
    """A ``div`` in the language's direction around already-safe HTML."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    return f'<div class="{css_class}" dir="{direction}" lang="{lang}">{body}</div>'


def caption(value: object) -> str:
    """A muted note under a chart or a block (a caption that needs no element of its own)."""
    return f'<p class="dash-caption">{text(value)}</p>'


def fold(summary: str, body: str, css_class: str = "") -> str:
    """Already-safe HTML folded behind ``summary``: the browser's own disclosure widget, so a first
    view sends no expander element and no second block for it."""
    classes = f"dash-fold {attr(css_class)}" if css_class else "dash-fold"
    return f'<details class="{classes}"><summary>{text(summary)}</summary>{body}</details>'


def scroll_region(body: str, lang: str, label: str) -> str:
    """A scrolling box around already-safe HTML, reachable by keyboard (to scroll it) and named
    ``label`` for screen readers."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    return (
        f'<div class="dash-scroll" dir="{direction}" lang="{lang}" tabindex="0" role="region" '
        f'aria-label="{attr(label)}">{body}</div>'
    )
