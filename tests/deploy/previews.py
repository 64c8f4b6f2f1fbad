"""Reading link-preview tags back from HTML, and fetching the image they name."""

from __future__ import annotations

import io
import urllib.request
from html.parser import HTMLParser

from PIL import Image

REQUIRED = ("og:title", "og:description", "og:image", "og:locale", "twitter:card")


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.in_head = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "title" and self.in_head and not self.title:
            self._in_title = True
        elif tag == "meta" and self.in_head:
            key = values.get("property") or values.get("name")
            if key:
                self.tags.setdefault(key, []).append(values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def head_tags(page: str) -> tuple[str, dict[str, list[str]]]:
    """The first ``<title>`` in ``<head>`` and every ``<meta>`` there, by property/name."""
    parser = _Meta()
    parser.feed(page)
    return parser.title, parser.tags


def one(tags: dict[str, list[str]], key: str) -> str:
    """The single value of ``key`` (fails if it is missing or repeated)."""
    values = tags.get(key, [])
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def fetch_png(url: str) -> tuple[int, str, tuple[int, int], bytes]:
    """GET ``url``: status, Content-Type, image size and the bytes."""
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        status, content_type = response.status, response.headers.get("Content-Type", "")
    size = Image.open(io.BytesIO(body)).size
    return status, content_type, size, body
