"""Languages, the message catalogue, and locale-aware names, dates and numbers (Babel / CLDR).

Arabic uses Western digits (CLDR's default ``latn`` numbering for ``ar``, as Moroccan media print
numbers); every number and date in every language goes through the functions here.

The Arabic interface (``locales/ar.json``, the Arabic names in ``data/``, the share card) writes
INTERPOL one way, «الإنتربول», as INTERPOL's own Arabic pages do (source ``interpol-ar-ga92``:
«للجمعية العامة للإنتربول»); quotes keep their source's spelling («الأنتربول» in some press).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Literal

import pycountry
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

LANGUAGES: tuple[str, ...] = ("en", "ar", "fr")
DEFAULT_LANGUAGE = "en"
NUMBERING = "latn"
LOCALES_DIR = Path(__file__).parent / "locales"
Precision = Literal["day", "month", "year"]


@cache
def catalogue(lang: str) -> dict[str, str]:
    """All UI strings of ``lang`` (one JSON file per language)."""
    with (LOCALES_DIR / f"{lang}.json").open(encoding="utf-8") as handle:
        messages: dict[str, str] = json.load(handle)
    return messages


def t(lang: str, key: str, /, **values: object) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled."""
    template = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    return template.format(**values) if values else template


def language_from_locale(locale: str | None) -> str:
    """The supported language closest to a browser locale such as ``ar-MA`` or ``fr_FR``."""
    if not locale:
        return DEFAULT_LANGUAGE
    primary = locale.replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _alpha2(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country is not None else None


def is_iso3(code: str) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 country code."""
    return len(code) == 3 and _alpha2(code) is not None


def country_name(iso3: str, lang: str) -> str:
    """The CLDR name of a country in ``lang`` (falls back to the code itself)."""
    alpha2 = _alpha2(iso3)
    if alpha2 is None:
        return iso3
    return str(Locale.parse(lang).territories.get(alpha2, iso3))


def format_number(value: float, lang: str) -> str:
    """A number in ``lang``'s conventions (Western digits everywhere)."""
    return str(format_decimal(value, locale=lang, numbering_system=NUMBERING))


def format_kilometres(value: float, lang: str) -> str:
    """``1 km`` / ``1 كم``: a distance in CLDR's short unit form (for a map's scale bar)."""
    return str(format_unit(value, "length-kilometer", length="short", locale=lang))


def count(key: str, n: int, lang: str) -> str:
    """The message ``key.<plural form>`` for ``n`` (CLDR plural rules), with ``{n}`` formatted:
    ``7 أحداث`` / ``32 حدثًا`` / ``1 event``."""
    form = Locale.parse(lang).plural_form(n)
    return t(lang, f"{key}.{form}", n=format_number(n, lang))


def count_votes(votes: int, lang: str) -> str:
    """``96 votes`` / ``96 صوتًا`` / ``8 أصوات``: the noun agrees with the number."""
    return count("votes.count", votes, lang)


def format_share(share: float, lang: str) -> str:
    """A share (0..1) as a percentage with one decimal, e.g. ``51.2%`` / ``51,2 %``."""
    pattern = Locale.parse(lang).percent_formats[None].pattern.replace("0%", "0.0%")
    pattern = pattern.replace("0\u00a0%", "0.0\u00a0%").replace("0\u202f%", "0.0\u202f%")
    return str(format_percent(share, pattern, locale=lang, numbering_system=NUMBERING))


def ordinal(value: int, lang: str) -> str:
    """``92nd`` / ``92e`` / ``92``: the ordinal form from CLDR's plural rules for ordinals."""
    form = Locale.parse(lang).ordinal_form(value)
    return t(lang, f"ordinal.{form}", n=value)


def format_date(value: dt.date, lang: str, precision: Precision = "day") -> str:
    """A date in ``lang`` at its precision: ``7 November 2024``, ``November 2024`` or ``2024``."""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return str(format_skeleton("yMMMM", value, locale=lang))
    return str(babel_format_date(value, "long", locale=lang))


def format_date_range(start: dt.date, end: dt.date | None, lang: str, precision: Precision) -> str:
    """A date or a date range at its precision, e.g. ``4 – 7 November 2024``."""
    if end is None or end == start:
        return format_date(start, lang, precision)
    return f"{format_date(start, lang, precision)} – {format_date(end, lang, precision)}"
