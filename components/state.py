"""The view state in the URL: its grammar, validation of what a link carries, and share links.

Grammar: ``?lang=ar&region=africa&race=vp-africa-2024&view=map&zoom=history&digits=arab``. Every
key is optional (a missing key means its default). ``digits`` applies to Arabic only: with another
language a valid value is set aside silently, as a filter's value is in a section without it.
Values are checked against allow-lists built from the data; nothing from a URL is ever evaluated,
unpickled or rendered as HTML. A new key is a field of :class:`ViewState` and its lines here, and
its control in the view that reads it (README "Adding a URL key").
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode, urlsplit, urlunsplit

from components.i18n import LANGUAGES
from components.tables.regions import ALL, FILTER_VALUES
from components.tables.timeline import DEFAULT_PRESET, PRESETS
from components.tables.votes import DEFAULT_RACE
from components.text import DEFAULT_DIGITS, DIGITS, offers_digits

VIEWS: tuple[str, ...] = ("votes", "timeline", "map", "members", "sources")
DEFAULT_VIEW = "votes"
# The sections where each filter is shown: race and period only where they change what is drawn
# (every radio option on a first view delays its first chart: README "Performance"). Region stays
# on every section, as the reader's context: the races offered follow it.
FILTER_SECTIONS: dict[str, tuple[str, ...]] = {"region": VIEWS, "race": ("votes", "map"), "zoom": ("timeline",)}
# Keys a share link carries only when not their default, which is the same in every locale.
WRITTEN_WHEN_CHOSEN: dict[str, str] = {"digits": DEFAULT_DIGITS}
# How a page is framed, for embeds: ``frame=chart`` shows only the section's chart. Not part of a
# view, so never written into share links.
FRAMES: tuple[str, ...] = ("chart",)
# Query parameters Streamlit itself reads; a link may carry them.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
MAX_SHOWN_KEY = 24


@dataclass(frozen=True)
class Ignored:
    """A part of a link that was not used, and why (``unknown``, ``invalid`` or ``repeated``)."""

    key: str
    reason: str


@dataclass(frozen=True)
class ViewState:
    """One view of the dashboard, as a link names it: each field a URL key, its default the value
    a link without that key opens (``lang`` has none: it comes from the reader's browser)."""

    lang: str
    region: str = ALL
    race: str = DEFAULT_RACE
    view: str = DEFAULT_VIEW
    zoom: str = DEFAULT_PRESET
    digits: str = DEFAULT_DIGITS

    @classmethod
    def of(cls, values: Mapping[str, str]) -> ViewState:
        """The state of ``values`` (one for every key), its digits set aside outside Arabic."""
        state = cls(**values)
        if state.digits != DEFAULT_DIGITS and not offers_digits(state.lang):
            return replace(state, digits=DEFAULT_DIGITS)
        return state

    @classmethod
    def from_query(
        cls, params: Mapping[str, list[str]], allowed: Mapping[str, Collection[str]], fallback: ViewState
    ) -> ViewState:
        """The state a link asks for, each invalid, repeated or missing key replaced by its default."""
        values = fallback.params()
        for key in PARAM_ORDER:
            given = params.get(key, [])
            if len(given) == 1 and given[0] in allowed.get(key, ()):
                values[key] = given[0]
        return cls.of(values)

    def params(self) -> dict[str, str]:
        """Every key with its value, in :data:`PARAM_ORDER` (a plain read: no copy of the values)."""
        return {key: getattr(self, key) for key in PARAM_ORDER}

    def changed_params(self, fallback: ViewState) -> dict[str, str]:
        """The parameters the address bar shows: ``lang`` always (its default depends on the reader's
        browser), every other key only where it differs from its default."""
        return {key: value for key, value in self.params().items() if key == "lang" or value != getattr(fallback, key)}


PARAM_ORDER: tuple[str, ...] = tuple(field.name for field in fields(ViewState))


def allowed_values(race_ids: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Every accepted value of every key; ``race_ids`` are the races the data offers."""
    return {
        "lang": LANGUAGES,
        "region": FILTER_VALUES,
        "race": tuple(race_ids),
        "view": VIEWS,
        "zoom": tuple(PRESETS),
        "digits": DIGITS,
        "frame": FRAMES,
    }


def ignored_params(params: Mapping[str, list[str]], allowed: Mapping[str, Collection[str]]) -> list[Ignored]:
    """What a link carries that cannot be used: unknown keys, invalid values, repeated keys."""
    ignored: list[Ignored] = []
    for key, values in params.items():
        # Key names are shown to the reader: only letters, digits, "_" and "-" survive, so a key
        # can never be markup (``![x](http://…)`` would otherwise make the page fetch an image).
        shown = re.sub(r"[^\w-]", "·", key[:MAX_SHOWN_KEY], flags=re.ASCII)
        if key in STREAMLIT_PARAMS:
            continue
        if key not in allowed:
            ignored.append(Ignored(shown, "unknown"))
        elif len(values) > 1:
            ignored.append(Ignored(shown, "repeated"))
        elif not values or values[0] not in allowed[key]:
            ignored.append(Ignored(shown, "invalid"))
    return ignored


def share_url(page_url: str, state: ViewState) -> str:
    """The full link of a view: every key written out, so it opens the same in any locale."""
    parts = urlsplit(page_url)
    # Community Cloud runs the app in a frame under "/~/+/"; readers share the outer address.
    path = parts.path.replace("/~/+", "", 1)
    written = [(key, value) for key, value in state.params().items() if value != WRITTEN_WHEN_CHOSEN.get(key)]
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(written), ""))


# Heights of the two embeds: the whole dashboard, and the chart alone (fits an article's 600x500 box).
EMBED_HEIGHT = 720
CHART_FRAME_HEIGHT = 500


def embed_snippet(url: str, title: str, *, chart_only: bool = False) -> str:
    """An ``<iframe>`` that embeds the view (Streamlit's ``embed=true`` hides its own chrome);
    ``chart_only`` embeds just the section's chart with its title, source and a link back."""
    separator = "&" if "?" in url else "?"
    frame = "&frame=chart" if chart_only else ""
    src = html.escape(f"{url}{separator}embed=true{frame}", quote=True)
    height = CHART_FRAME_HEIGHT if chart_only else EMBED_HEIGHT
    return (
        f'<iframe src="{src}" title="{html.escape(title, quote=True)}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )
