"""Every decision about text direction and Arabic shaping, per render target.

Browsers (Streamlit, plotly.js, kaleido's Chromium) shape and order Arabic themselves: they get raw
logical-order text. plotly.js forces ``direction: ltr`` on SVG text, so each displayed line is
wrapped in RLI...PDI. Only rasterisers that shape nothing (Pillow without raqm) get
``arabic_reshaper`` + ``bidi.algorithm.get_display``. No other module touches bidi marks or shaping.

Digits too are decided here, by :func:`localized_digits`: Western by default, Arabic-Indic on request.
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
# plotly.js reads ``<tag ...>`` in any text it draws as its pseudo-HTML (``<span style>``, ``<a href>``,
# live and in kaleido's SVG), then decodes ``&lt;`` ``&gt;`` ``&amp;`` and numeric entities in the text
# between tags (plotly.js 4.1.1 ``svg_text_utils.convertEntities``): escaped, data shows as typed.
_PLOTLY_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Streamlit renders Markdown (links, images, emphasis, :colour[...] and :emoji: shortcodes, $math$)
# in widget labels and alerts: a backslash before any ASCII punctuation makes it a literal character.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# Some of it acts on the text after the Markdown is parsed, where no escape reaches: GFM's bare links
# ("http://", "www.", "a@b.c") and the :emoji:/:material/icon: shortcodes. A word joiner (U+2060,
# invisible, no width) after ":", "@" and "." keeps such text from matching.
WORD_JOINER = "\u2060"
_JOIN_AFTER = re.compile(r"([:@.])")
# The digits a reader can choose (``digits`` in the URL): Western (CLDR's ``latn``, the default) or
# Arabic-Indic (``arab``, U+0660-U+0669), which Babel and plotly.js cannot print: the text is mapped.
DIGITS: tuple[str, ...] = ("latn", "arab")
DEFAULT_DIGITS = "latn"
_ARABIC_INDIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
_WESTERN_DIGITS = re.compile("[0-9]+")
# What keeps its characters in any text: a verbatim quote (its source's own digits), markup and
# entities (``<br>``, ``href="…"``, ``&#x27;``), links.
_KEEP_AS_IS = re.compile(r"<blockquote\b.*?</blockquote>|<[^>]*>|&#?\w+;|(?:https?://|www\.)\S+", re.DOTALL)
_ISOLATES = frozenset((RLI, LRI, FSI, PDI))
# Arabic-Indic digits are offered to Arabic readers only: another language keeps Western digits.
DIGITS_LANGUAGES = frozenset({"ar"})


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


def plotly_escape(text: str) -> str:
    """``text`` shown by plotly.js as typed: its markup characters as entities."""
    return text.translate(_PLOTLY_ESCAPES)


def plotly_unescape(text: str) -> str:
    """The text :func:`plotly_escape` was given (``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def markdown_text(text: str) -> str:
    """``text`` shown by Streamlit's Markdown (radio labels, alerts) as typed, never as markup: every
    ASCII punctuation backslash-escaped, a word joiner after ``:``, ``@`` and ``.``."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _JOIN_AFTER.sub(r"\1" + WORD_JOINER, text))


def chart_text(text: str, lang: str) -> str:
    """Text for a plotly label in ``lang``: each ``<br>`` line escaped (see :func:`plotly_escape`),
    and in RTL languages isolated RTL.

    ``<br>`` is the only markup plotly.js gets from us; every other character, data's included,
    is drawn as typed. In LTR languages a line holding Arabic (a name as printed by a source) is
    first-strong isolated so it cannot reorder its neighbours.
    """
    lines = [plotly_escape(line) for line in text.split(LINE_BREAK)]
    if is_rtl(lang):
        return LINE_BREAK.join(_isolate_line(line, RLI) for line in lines)
    if has_arabic(text):
        return LINE_BREAK.join(_isolate_line(line, FSI) for line in lines)
    return LINE_BREAK.join(lines)


def isolate(text: str) -> str:
    """``text`` first-strong isolated, so a Latin name keeps its order inside an Arabic sentence."""
    return f"{FSI}{text}{PDI}"


def unwrap(text: str) -> str:
    """The text :func:`chart_text` was given, without its isolates and escapes (for HTML, comparisons
    and file names)."""
    return plotly_unescape(text.replace(RLI, "").replace(FSI, "").replace(LRI, "").replace(PDI, ""))


def raster_line(line: str, *, raqm: bool, rtl: bool) -> str:
    """One already-wrapped line for Pillow: raw with raqm, else reshaped and put in visual order.

    The pure-Python ``bidi.algorithm`` is used because the Rust ``get_display`` does not mirror
    brackets.
    """
    if raqm or not has_arabic(line):
        return line
    shaped = _RESHAPER.reshape(line)
    return str(bidi_algorithm.get_display(shaped, base_dir="R" if rtl else "L"))


def offers_digits(lang: str) -> bool:
    """Whether readers of ``lang`` may choose their digits (``digits`` in the URL)."""
    return lang in DIGITS_LANGUAGES


def _latin_letter_near(text: str, start: int, end: int) -> bool:
    """Whether the nearest letter before ``text[start:end]`` (else after it) is not Arabic; an
    isolate ends the search, as it ends a run of text for the bidi algorithm."""
    for side in (reversed(text[:start]), text[end:]):
        for char in side:
            if char in _ISOLATES:
                break
            if char.isalpha():
                return not has_arabic(char)
    return False


def _arabic_indic_numbers(text: str) -> str:
    """Each number of ``text`` in Arabic-Indic digits, unless it stands in Latin text."""
    return _WESTERN_DIGITS.sub(
        lambda found: (
            found.group()
            if _latin_letter_near(text, found.start(), found.end())
            else found.group().translate(_ARABIC_INDIC)
        ),
        text,
    )


def localized_digits(text: str, digits: str) -> str:
    """``text`` (plain, plotly or HTML) with its numbers in ``digits``: the one place digits are chosen.

    A number inside Latin text (a publisher such as Morocco24, an id, a postcode, an English note)
    keeps its digits, as it is part of that text; so do links, markup and verbatim quotes.
    """
    if digits != "arab" or not _WESTERN_DIGITS.search(text):
        return text
    pieces: list[str] = []
    done = 0
    for kept in _KEEP_AS_IS.finditer(text):
        pieces += [_arabic_indic_numbers(text[done : kept.start()]), kept.group()]
        done = kept.end()
    return "".join(pieces) + _arabic_indic_numbers(text[done:])
