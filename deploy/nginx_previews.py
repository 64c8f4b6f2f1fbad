"""The link-preview pieces of the load balancer: the share card of every language and an nginx
``map`` from the ``lang`` query argument to the tags the proxy inserts into the dashboard's HTML.

``python -m deploy.nginx_previews --out deploy/run --base-url http://127.0.0.1:8080/`` (local.sh
runs it at start) writes ``previews.conf`` and ``preview/card-<lang>.png`` into ``--out``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urljoin

from components import html
from components.data import DATA_DIR, Dataset, load_dataset
from components.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from components.previews import card_file, preview_tags
from components.share_card import share_card
from components.tables.votes import DEFAULT_RACE

CARDS_PATH = "_preview/"  # where nginx.conf serves the cards from (location /_preview/)


def nginx_string(value: str) -> str:
    """``value`` as a single-quoted nginx string that nginx reads back unchanged.

    The tags hold HTML-escaped text only (html.escape turns ' into &#x27;); ``$`` would start an
    nginx variable and ``\\`` an escape, so both become HTML character references too.
    """
    if "'" in value:
        raise ValueError("a preview tag holds an unescaped quote")
    return "'" + value.replace("\\", "&#92;").replace("$", "&#36;") + "'"


def lang_pattern(lang: str) -> str:
    """An nginx regular expression over the raw query string that holds when the app shows ``lang``:
    the key ``lang`` exactly once (the app ignores a repeated key), spelt as the app spells it (nginx's
    own ``$arg_lang`` matches ``LANG`` too, and map strings ignore case: ``lang=AR`` was Arabic to
    the previews and English to the app), its value exactly ``lang``."""
    return f"~^(?!(?:.*&)?lang=.*&lang=)(?:.*&)?lang={re.escape(lang)}(?:&|$)"


def _language_map() -> str:
    lines = [f"    default {DEFAULT_LANGUAGE};"]
    # Single-quoted as is: nginx reads "$" in a map's regular expression as the end of the string.
    lines += [f"    '{lang_pattern(lang)}' {lang};" for lang in LANGUAGES]
    return "map $args $preview_lang {\n" + "\n".join(lines) + "\n}\n"


def _map(variable: str, values: dict[str, str]) -> str:
    lines = [f"    default {nginx_string(values[DEFAULT_LANGUAGE])};"]
    lines += [f"    {lang} {nginx_string(value)};" for lang, value in values.items()]
    return f"map $preview_lang ${variable} {{\n" + "\n".join(lines) + "\n}\n"


def previews_conf(data: Dataset, base_url: str) -> str:
    """The nginx ``map``\\ s of ``$preview_tags`` and ``$preview_title`` by language (default: English,
    as the app's default when a link has no ``lang``)."""
    cards = urljoin(base_url, CARDS_PATH)
    tags = {lang: preview_tags(data, lang, cards) for lang in LANGUAGES}
    # html.attr: escaped text without bidi controls, fit for element content too.
    titles = {lang: html.attr(t(lang, "app.title")) for lang in LANGUAGES}
    header = "# Written by deploy/nginx_previews.py at start; included by nginx.conf.\n"
    return header + _language_map() + _map("preview_tags", tags) + _map("preview_title", titles)


def write(out: Path, base_url: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """Write ``previews.conf`` and the cards into ``out``; return the files written."""
    data = load_dataset(data_dir)
    cards = out / "preview"
    cards.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        card = cards / card_file(lang)
        card.write_bytes(share_card(data, DEFAULT_RACE, lang))
        written.append(card)
    conf = out / "previews.conf"
    conf.write_text(previews_conf(data, base_url), encoding="utf-8")
    return [*written, conf]


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``--out RUN_DIR --base-url PUBLIC_URL``."""
    parser = argparse.ArgumentParser(prog="python -m deploy.nginx_previews", description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base-url", required=True, help="the address readers use, e.g. http://127.0.0.1:8080/")
    args = parser.parse_args(argv)
    for path in write(args.out, args.base_url):
        print(path)


if __name__ == "__main__":
    main()
