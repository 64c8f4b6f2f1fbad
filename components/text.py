"""Every decision about text direction and Arabic shaping, per render target.

Browsers (Streamlit, plotly.js, kaleido's Chromium) shape and order Arabic themselves: they get raw
logical-order text. plotly.js forces ``direction: ltr`` on SVG text, so each displayed line is
wrapped in RLI...PDI. Only rasterisers that shape nothing (Pillow without raqm) get
``arabic_reshaper`` + ``bidi.algorithm.get_display``. No other module touches bidi marks or shaping.
"""

from __future__ import annotations

import re

import arabic_reshaper
from bidi import algorithm as bidi_algorithm

RLI = "\u2067"
LRI = "\u2066"
FSI = "\u2068"
PDI = "\u2069"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Arabic presentation forms: what a reshaper emits. A browser must never receive them.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
RTL_LANGUAGES = frozenset({"ar"})
# Keep harakat (e.g. the tanween of صوتًا): the default configuration deletes them.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})
LINE_BREAK = "<br>"


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return lang in RTL_LANGUAGES


def has_arabic(text: str) -> bool:
    """Whether ``text`` contains at least one Arabic letter."""
    return bool(ARABIC_LETTERS.search(text))


def strip_bidi_controls(text: str) -> str:
    """Remove bidi control characters, e.g. from data cells, so data cannot reorder the page."""
    return BIDI_CONTROLS.sub("", text)


def _isolate_line(line: str, opener: str) -> str:
    if not line or (line.startswith(opener) and line.endswith(PDI)):
        return line
    return f"{opener}{line}{PDI}"


def chart_text(text: str, lang: str) -> str:
    """Text for a plotly label in ``lang``: in RTL languages every ``<br>`` line is isolated RTL.

    In LTR languages a line holding Arabic (a name as printed by a source) is first-strong isolated
    so it cannot reorder its neighbours.
    """
    if is_rtl(lang):
        return LINE_BREAK.join(_isolate_line(line, RLI) for line in text.split(LINE_BREAK))
    if has_arabic(text):
        return LINE_BREAK.join(_isolate_line(line, FSI) for line in text.split(LINE_BREAK))
    return text


def isolate(text: str) -> str:
    """``text`` first-strong isolated, so a Latin name keeps its order inside an Arabic sentence."""
    return f"{FSI}{text}{PDI}"


def unwrap(text: str) -> str:
    """The text without the isolates added by :func:`chart_text` (for comparisons and file names)."""
    return text.replace(RLI, "").replace(FSI, "").replace(LRI, "").replace(PDI, "")


def raster_line(line: str, *, raqm: bool, rtl: bool) -> str:
    """One already-wrapped line for Pillow: raw with raqm, else reshaped and put in visual order.

    The pure-Python ``bidi.algorithm`` is used because the Rust ``get_display`` does not mirror
    brackets.
    """
    if raqm or not has_arabic(line):
        return line
    shaped = _RESHAPER.reshape(line)
    return str(bidi_algorithm.get_display(shaped, base_dir="R" if rtl else "L"))
