"""What a first paint may hold: the SVG plotly.js's own export writes, and nothing else.

A paint is rendered by kaleido and kept in a folder every replica shares (``.cache/first-paint/``);
whatever a file there holds is sent to every reader, so a paint is checked when it is made and when it
is read back (:func:`valid_paint`), and again in the page (``parseSvg`` in
``static/chart/dash-chart.js``, with the same lists). An allowlist, not a denylist: the elements,
attributes, style properties and value functions below are the ones plotly.js 4.1.1's export of
our charts uses (inventoried over every section, region and language), and every ``url()`` must
point at an element of the same SVG (``url(#clip…)``, ``url('#p…')``). No ``<style>``, ``<a>``,
``<image>``, ``<use>``, ``<foreignObject>``, event handler, ``href``, DOCTYPE, entity, comment or
processing instruction passes.

Pure: no Streamlit, no kaleido.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from pathlib import Path
from typing import Any

LOG = logging.getLogger(__name__)

SVG_NS = "http://www.w3.org/2000/svg"
ELEMENTS = frozenset({"svg", "g", "defs", "clipPath", "path", "pattern", "rect", "text", "tspan"})
ATTRIBUTES = frozenset(
    {
        "class",
        "clip-path",
        "d",
        "data-index",
        "data-notex",
        "dy",
        "fill",
        "fill-opacity",
        "fill-rule",
        "height",
        "id",
        "opacity",
        "patternTransform",
        "patternUnits",
        "stroke",
        "stroke-width",
        "style",
        "text-anchor",
        "transform",
        "viewBox",
        "width",
        "x",
        "y",
    }
)
STYLE_PROPERTIES = frozenset(
    {
        "fill",
        "fill-opacity",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "opacity",
        "pointer-events",
        "stroke",
        "stroke-dasharray",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "vector-effect",
        "white-space",
    }
)
FUNCTIONS = frozenset({"rgb", "rgba", "translate", "rotate", "scale", "matrix", "url"})
# Letters, digits, spaces and the punctuation of numbers, colours, paths, font lists and local urls:
# no ":", ";", "\\", "/", "@", "<", "&", so no scheme, no escape, no second declaration.
# ASCII only, as in JavaScript's regular expressions.
VALUE = re.compile(r"""[\w\s#.,%()'"+-]*""", re.ASCII)
FUNCTION = re.compile(r"([A-Za-z-]+)\(")
LOCAL_URL = re.compile(r"""url\((['"]?)#([\w-]+)\1\)""", re.ASCII)
PAINT_WIDTHS = frozenset({"narrow", "wide"})
MAX_SVG_CHARS = 2_000_000
MAX_SIDE = 10_000


def _value_ok(value: str, ids: set[str]) -> bool:
    if not VALUE.fullmatch(value):
        return False
    if any(name not in FUNCTIONS for name in FUNCTION.findall(value)):
        return False
    # Every url() is a whole local reference to an element of this SVG.
    targets = LOCAL_URL.findall(value)
    if value.count("url(") != len(targets):
        return False
    return all(target in ids for _, target in targets)


def _style_ok(style: str, ids: set[str]) -> bool:
    for declaration in style.split(";"):
        if not declaration.strip():
            continue
        name, colon, value = declaration.partition(":")
        if not colon or name.strip() not in STYLE_PROPERTIES or not _value_ok(value.strip(), ids):
            return False
    return True


def valid_svg(svg: object) -> bool:
    """Whether ``svg`` is an SVG document made only of what plotly's export writes."""
    if not isinstance(svg, str) or len(svg) > MAX_SVG_CHARS or "<!" in svg or "<?" in svg:
        return False
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return False
    if root.tag != f"{{{SVG_NS}}}svg":
        return False
    nodes = list(root.iter())
    ids = {node.attrib["id"] for node in nodes if "id" in node.attrib}
    for node in nodes:
        namespace, _, name = str(node.tag).partition("}")
        if namespace != f"{{{SVG_NS}" or name not in ELEMENTS:
            return False
        for attribute, value in node.attrib.items():
            if attribute not in ATTRIBUTES:
                return False
            if not (_style_ok(value, ids) if attribute == "style" else _value_ok(value, ids)):
                return False
    return True


def valid_paint(paint: object) -> bool:
    """Whether ``paint`` is what :meth:`components.first_paint.Painter.render` makes: per width
    (``narrow``, ``wide``) its size and an SVG that passes :func:`valid_svg`."""
    if not isinstance(paint, Mapping) or not paint or not set(paint) <= PAINT_WIDTHS:
        return False
    return all(_variant_ok(variant) for variant in paint.values())


def _variant_ok(variant: Any) -> bool:
    if not isinstance(variant, Mapping) or set(variant) != {"width", "height", "svg"}:
        return False
    sides = (variant["width"], variant["height"])
    if not all(isinstance(side, int) and not isinstance(side, bool) and 0 < side <= MAX_SIDE for side in sides):
        return False
    return valid_svg(variant["svg"])


def checked(paint: dict[str, Any] | None) -> dict[str, Any] | None:
    """``paint`` if it passes :func:`valid_paint`, else None (the chart is then drawn live)."""
    if paint is None or valid_paint(paint):
        return paint
    LOG.warning("a first paint failed its check; the chart is drawn live")
    return None


def drop(path: Path) -> None:
    """Remove a cached paint that failed its check (if it is there): the chart is drawn live and a
    good paint is rendered in its place."""
    if path.is_file():
        LOG.warning("first paint %s failed its check: removed", path.name)
        try:
            path.unlink()
        except OSError as error:
            LOG.warning("could not remove %s: %s", path.name, error)
