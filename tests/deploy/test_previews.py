"""Link previews: every snapshot page and the dashboard behind the balancer carry Open Graph and
Twitter tags in their HTML (crawlers run no JavaScript), in the page's language, and the og:image
they name is served: a 1200x630 PNG, the share card of that language."""

from __future__ import annotations

import contextlib
import functools
import threading
import urllib.request
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from components.i18n import LANGUAGES, t
from components.previews import OG_LOCALES
from components.snapshot import build
from deploy.cluster import LocalCluster
from tests.deploy.previews import REQUIRED, fetch_png, head_tags, one

pytestmark = pytest.mark.deploy
# Two languages keep the build short; English is the default the proxied dashboard is checked in.
SNAPSHOT_LANGS = ["ar", "fr"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_site(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free loopback port (as a static host would); its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        body: bytes = response.read()
        return body.decode("utf-8")


def _check(page: str, lang: str) -> str:
    """The tags every preview needs, in ``lang``; returns the og:image URL."""
    title, tags = head_tags(page)
    missing = [key for key in REQUIRED if key not in tags]
    assert not missing, f"{lang}: no {missing} in <head>"
    assert one(tags, "og:title") == t(lang, "app.title")
    assert one(tags, "og:locale") == OG_LOCALES[lang]
    assert one(tags, "twitter:card") == "summary_large_image"
    # The description is the result in this language (the winner's 96 votes), not a generic line.
    assert "96" in one(tags, "og:description"), one(tags, "og:description")
    image = one(tags, "og:image")
    assert image.startswith("http://127.0.0.1:"), f"og:image must be absolute: {image}"
    assert image.endswith(f"card-{lang}.png"), image
    assert title, "no <title>"
    return image


def _check_all(pages: dict[str, str], card_url: Callable[[str], str]) -> None:
    """Each page's tags in its language; its og:image is ``card_url(lang)``, a 1200x630 PNG of
    its own (one card per language)."""
    cards = {}
    for lang, page in pages.items():
        url = _check(page, lang)
        assert url == card_url(lang)
        status, content_type, size, body = fetch_png(url)
        assert (status, content_type, size) == (200, "image/png", (1200, 630)), url
        cards[lang] = body
    assert len(set(cards.values())) == len(cards), "one card for several languages"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The snapshot's ar and fr pages with the static host's address as base URL (en: the proxy's)."""
    folder = tmp_path_factory.mktemp("site")
    with static_site(folder) as url:
        build(folder, SNAPSHOT_LANGS, base_url=url)
        yield url


def test_snapshot_pages_carry_previews(site: str) -> None:
    """index-<lang>.html: tags in its language, og:url its own address, og:image its card beside it."""
    pages = {lang: _get(f"{site}index-{lang}.html") for lang in SNAPSHOT_LANGS}
    _check_all(pages, lambda lang: f"{site}card-{lang}.png")
    for lang, page in pages.items():
        assert one(head_tags(page)[1], "og:url") == f"{site}index-{lang}.html"
    # The entry page (what a bare link to the site shows) previews in its first language.
    assert _check(_get(site), "ar") == f"{site}card-ar.png"


def test_proxied_dashboard_carries_previews(cluster: LocalCluster) -> None:
    """The dashboard's own HTML through nginx: tags chosen by ``lang``; English without it."""
    pages = {lang: _get(f"{cluster.url}?lang={lang}&view=map&region=africa") for lang in LANGUAGES}
    _check_all(pages, lambda lang: f"{cluster.url}_preview/card-{lang}.png")
    for lang, page in pages.items():
        # Crawlers show <title>; Streamlit's HTML says "Streamlit" until its JavaScript runs.
        assert head_tags(page)[0] == t(lang, "app.title")
    assert _check(_get(cluster.url), "en") == f"{cluster.url}_preview/card-en.png"
    # Still the dashboard: Streamlit's page with its scripts, each tag once.
    page = _get(f"{cluster.url}?lang=ar")
    assert 'src="./static/js/index.' in page
    assert page.count('property="og:image"') == 1


def test_replica_alone_has_no_previews(cluster: LocalCluster) -> None:
    """Negative control: Streamlit itself sends no preview tags; they are the proxy's."""
    port = (cluster.run_dir / "replica-1.port").read_text(encoding="ascii").strip()
    title, tags = head_tags(_get(f"http://127.0.0.1:{port}/?lang=ar"))
    assert title == "Streamlit"
    assert not [key for key in REQUIRED if key in tags]
