"""Is Arabic shaped and in the right order where Chromium drew it? Two measurements per text node.

Width: ``getComputedTextLength()`` of the node against the same string with U+200C (zero-width
non-joiner) between every character, measured in a temporary copy of the node in the same parent.
Joined letters are narrower than their isolated forms, so shaped text gives a ratio > 1.001. Text
that was not shaped (no Arabic font, tofu) or was shaped beforehand (presentation forms from
arabic_reshaper) gives exactly 1.000. Only text in which at least two letters should join is held to
this (``و`` or ``أو`` join nothing).

Order: the left-to-right order of the character indices of each line as drawn (SVG
``getExtentOfChar``) must equal their order in the same string laid out by the browser in an HTML
``<p dir="rtl">`` (a ``Range`` per character). Bidi isolates (U+2066-U+2069) and spaces are left out:
they have no visible position of their own.

The functions take a Playwright page and a CSS selector, so any suite can run them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

WIDTH_RATIO_MIN = 1.001
ZWNJ = "\u200c"
RLI, PDI = "\u2067", "\u2069"
CHART_TEXT = ".dash-chart .dash-plot svg text"

# Arabic joining types (Unicode ArabicShaping.txt) of the letters of the Arabic block.
_RIGHT_JOINING = set(
    "\u0622\u0623\u0624\u0625\u0627\u0629\u062f\u0630\u0631\u0632\u0648\u0671\u0672\u0673\u0675\u0676"
    "\u0677\u06c0\u06c3\u06c4\u06c5\u06c6\u06c7\u06c8\u06c9\u06ca\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5"
    "\u06ee\u06ef"
) | {chr(c) for c in range(0x0688, 0x069A)}
_NON_JOINING = set("\u0621\u0674\u06d4\u06dd")
_JOIN_CAUSING = {"\u0640"}  # tatweel

_SVG_JS = r"""
(selector) => {
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const IGNORED = /[\s\u2066-\u2069]/;
  const center = r => r.x + r.width / 2;
  const order = (positions, text) => [...positions.keys()]
    .filter(i => !IGNORED.test(text[i]))
    .sort((a, b) => (positions[a] - positions[b]) || (a - b));
  const kindOf = el => {
    for (let node = el; node && node.tagName !== 'svg'; node = node.parentNode) {
      const cls = node.getAttribute && node.getAttribute('class');
      if (cls) return cls;
    }
    return '';
  };
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!(el instanceof SVGTextElement) || !ARABIC.test(el.textContent)) continue;
    const width = el.getComputedTextLength();
    const probe = el.cloneNode(true);
    probe.removeAttribute('id');
    const walker = document.createTreeWalker(probe, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) node.data = Array.from(node.data).join('\u200C');
    el.parentNode.insertBefore(probe, el.nextSibling);
    const zwnjWidth = probe.getComputedTextLength();
    probe.remove();

    const style = getComputedStyle(el);
    const tspans = [...el.querySelectorAll('tspan.line')];
    const lines = [];
    for (const line of (tspans.length ? tspans : [el])) {
      const text = line.textContent;
      const count = line.getNumberOfChars();
      const drawn = [];
      for (let i = 0; i < count; i++) drawn.push(center(line.getExtentOfChar(i)));
      const p = document.createElement('p');
      p.dir = 'rtl';
      p.style.cssText = 'position:absolute;left:0;top:0;margin:0;padding:0;white-space:nowrap;'
        + 'visibility:hidden;font-family:' + style.fontFamily + ';font-size:' + style.fontSize
        + ';font-weight:' + style.fontWeight + ';font-style:' + style.fontStyle;
      p.textContent = text;
      document.body.appendChild(p);
      const range = document.createRange();
      const reference = [];
      for (let i = 0; i < text.length; i++) {
        range.setStart(p.firstChild, i);
        range.setEnd(p.firstChild, i + 1);
        reference.push(center(range.getBoundingClientRect()));
      }
      p.remove();
      lines.push({text, count, svg: order(drawn, text), html: order(reference, text)});
    }
    out.push({text: el.textContent, kind: kindOf(el), width, zwnjWidth, lines});
  }
  return out;
}
"""

_HTML_JS = r"""
(selector) => {
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const measure = (el, text) => {
    const span = document.createElement('span');
    span.style.cssText = 'position:absolute;left:0;top:0;white-space:nowrap;visibility:hidden';
    span.textContent = text;
    el.appendChild(span);
    const width = span.getBoundingClientRect().width;
    span.remove();
    return width;
  };
  return [...document.querySelectorAll(selector)]
    .filter(el => el.getClientRects().length && ARABIC.test(el.textContent))
    .map(el => {
      const text = el.textContent.trim();
      return {text, kind: el.tagName.toLowerCase(), width: measure(el, text),
              zwnjWidth: measure(el, Array.from(text).join('\u200C'))};
    });
}
"""

_INJECT_JS = r"""
({id, text, font}) => {
  const NS = 'http://www.w3.org/2000/svg';
  document.getElementById(id)?.remove();
  const svg = document.createElementNS(NS, 'svg');
  svg.id = id;
  svg.setAttribute('width', '800');
  svg.setAttribute('height', '40');
  svg.style.cssText = 'position:absolute;left:0;top:0;direction:ltr';
  const node = document.createElementNS(NS, 'text');
  node.setAttribute('x', '10');
  node.setAttribute('y', '28');
  node.style.fontFamily = font;
  node.style.fontSize = '16px';
  node.textContent = text;
  svg.appendChild(node);
  document.body.appendChild(svg);
}
"""


@dataclass(frozen=True)
class Line:
    """One drawn line: its text and the left-to-right order of its character indices."""

    text: str
    count: int
    svg: tuple[int, ...]
    html: tuple[int, ...]


@dataclass(frozen=True)
class Measured:
    """A text node holding Arabic, with its width, its width with ZWNJs, and its lines."""

    text: str
    kind: str
    width: float
    zwnj_width: float
    lines: tuple[Line, ...] = ()

    @property
    def ratio(self) -> float:
        """ZWNJ-separated width over drawn width (> 1 when letters were joined)."""
        return self.zwnj_width / self.width if self.width else 0.0

    def describe(self) -> str:
        """The text (isolates shown as <RLI>/<FSI>/<PDI>) and where it was found."""
        shown = self.text.replace(RLI, "<RLI>").replace("\u2068", "<FSI>").replace(PDI, "<PDI>")
        return f"{shown!r} [{self.kind}]"


def _joining(char: str) -> str:
    """The joining type of ``char``: D(ual), R(ight), C(ausing), T(ransparent) or U(non-joining)."""
    if char in _JOIN_CAUSING:
        return "C"
    if unicodedata.category(char) in ("Mn", "Me"):
        return "T"
    if not ("\u0620" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\u08a0" <= char <= "\u08ff"):
        return "U"
    if char in _NON_JOINING or not unicodedata.category(char).startswith("L"):
        return "U"
    return "R" if char in _RIGHT_JOINING else "D"


def expects_join(text: str) -> bool:
    """Whether two letters of ``text`` (in logical order; presentation forms read as their letters)
    should be drawn joined, so that shaping makes the text narrower."""
    previous = "U"
    for char in unicodedata.normalize("NFKC", text):
        kind = _joining(char)
        if kind == "T":
            continue
        if previous in ("D", "C") and kind in ("D", "R", "C"):
            return True
        previous = kind
    return False


def measure_svg_texts(page: Page, selector: str = CHART_TEXT) -> list[Measured]:
    """Measure every SVG ``<text>`` matching ``selector`` that holds Arabic."""
    raw: list[dict[str, Any]] = page.evaluate(_SVG_JS, selector)
    return [
        Measured(
            text=item["text"],
            kind=item["kind"],
            width=item["width"],
            zwnj_width=item["zwnjWidth"],
            lines=tuple(
                Line(line["text"], line["count"], tuple(line["svg"]), tuple(line["html"])) for line in item["lines"]
            ),
        )
        for item in raw
    ]


def measure_html_labels(page: Page, selector: str) -> list[Measured]:
    """Measure the visible HTML elements matching ``selector`` that hold Arabic (width only)."""
    raw: list[dict[str, Any]] = page.evaluate(_HTML_JS, selector)
    return [Measured(item["text"], item["kind"], item["width"], item["zwnjWidth"]) for item in raw]


def width_problem(item: Measured) -> str | None:
    """Why ``item`` looks unshaped, or None when its letters were joined (or none should be)."""
    if not expects_join(item.text):
        return None
    if item.width <= 0:
        return f"{item.describe()}: not drawn (width {item.width})"
    if item.ratio > WIDTH_RATIO_MIN:
        return None
    return f"{item.describe()}: not shaped, width ratio {item.ratio:.4f} <= {WIDTH_RATIO_MIN}"


def order_problem(item: Measured) -> str | None:
    """Why ``item`` is drawn in another order than an RTL paragraph shows it, or None."""
    for line in item.lines:
        if line.count != len(line.text):
            return f"{item.describe()}: {line.count} drawn characters for {len(line.text)} in {line.text!r}"
        if line.svg != line.html:
            return (
                f"{item.describe()}: glyph order {list(line.svg)} differs from the RTL reference "
                f"{list(line.html)} in line {line.text!r}"
            )
    return None


def problems(items: list[Measured]) -> list[str]:
    """Every width and order problem of ``items``."""
    found = [width_problem(item) for item in items] + [order_problem(item) for item in items]
    return [problem for problem in found if problem]


def inject_svg_text(page: Page, element_id: str, text: str, font: str) -> str:
    """Add to the page an LTR ``<svg id=element_id>`` with one ``<text>`` (as plotly.js draws
    text); returns the selector of that text."""
    page.evaluate(_INJECT_JS, {"id": element_id, "text": text, "font": font})
    return f"#{element_id} text"
