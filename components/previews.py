"""Link previews: the Open Graph and Twitter ``<meta>`` tags a chat app or social site reads when a
link is pasted (title, description, the share card as image, language).

Pure: text in, HTML out. The static snapshot puts these tags in each page's ``<head>``; behind the
load balancer (``deploy/``) the proxy inserts the same tags into the dashboard's HTML, because
crawlers run no JavaScript and Streamlit has no API for head tags.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from components import html
from components.data import Dataset
from components.i18n import LANGUAGES, t
from components.share_card import HEIGHT, WIDTH
from components.summaries import vote_summary
from components.tables.votes import DEFAULT_RACE

# Open Graph wants language_TERRITORY; ar_AR is the generic Arabic of Facebook's locale list.
OG_LOCALES = {"ar": "ar_AR", "en": "en_US", "fr": "fr_FR"}
# Previews cut descriptions at about 200 characters (Facebook, Slack, WhatsApp): whole sentences only.
DESCRIPTION_CHARS = 200
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def card_file(lang: str) -> str:
    """File name of the share card of ``lang`` (written beside the page that shows it)."""
    return f"card-{lang}.png"


def description(data: Dataset, lang: str) -> str:
    """The result in whole sentences of the default race's summary, at most ~200 characters."""
    sentences = SENTENCE_END.split(vote_summary(data, DEFAULT_RACE, lang))
    text = sentences[0]
    for sentence in sentences[1:]:
        if len(text) + 1 + len(sentence) > DESCRIPTION_CHARS:
            break
        text = f"{text} {sentence}"
    return text


def preview_tags(data: Dataset, lang: str, base_url: str = "", page: str = "") -> str:
    """The ``<meta>`` tags of a page in ``lang`` whose share card is ``card_file(lang)`` under
    ``base_url`` (relative when empty: crawlers want an absolute URL, so pass the public address).
    ``page`` is the page's own address relative to ``base_url`` (``og:url``, left out when unknown)."""
    title = t(lang, "app.title")
    summary = description(data, lang)
    image = urljoin(base_url, card_file(lang))
    properties = [
        ("og:type", "website"),
        ("og:site_name", title),
        ("og:title", title),
        ("og:description", summary),
        ("og:image", image),
        ("og:image:type", "image/png"),
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:alt", summary),
        ("og:locale", OG_LOCALES[lang]),
        *(("og:locale:alternate", OG_LOCALES[other]) for other in LANGUAGES if other != lang),
    ]
    if base_url and page:
        properties.append(("og:url", urljoin(base_url, page)))
    names = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", title),
        ("twitter:description", summary),
        ("twitter:image", image),
        ("description", summary),
    ]
    return "".join(
        [f'<meta property="{key}" content="{html.attr(value)}">' for key, value in properties]
        + [f'<meta name="{key}" content="{html.attr(value)}">' for key, value in names]
    )
