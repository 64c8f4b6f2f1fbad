"""A chart as a PNG, drawn by kaleido (plotly.js in a headless Chromium): the image the page's PNG
download gives, for documents made on the server (the fact sheet).

No Streamlit here. Without kaleido or a Chromium, or with ``DASH_FIRST_PAINT=off``, there is no image
(None) and the document says so.
"""

from __future__ import annotations

import asyncio
import logging

from components.chart_spec import Chart, export_figure
from components.first_paint import STATIC, kaleido_or_none

LOG = logging.getLogger(__name__)
# Above the page's 1000 px: the image is printed about 18 cm wide (about 200 dpi at 1.4).
SCALE = 1.4


def chart_png(chart: Chart, lang: str, scale: float = SCALE) -> bytes | None:
    """The PNG of ``chart`` in ``lang`` as downloaded from the page, or None if it cannot be drawn here."""
    kaleido = kaleido_or_none()
    if kaleido is None:
        return None
    figure = export_figure(chart, lang)
    size = {"width": figure["layout"]["width"], "height": figure["layout"]["height"]}
    opts = {"format": "png", "scale": scale, **size}
    topojson = (STATIC / "topojson").as_uri() + "/"
    try:
        # A Chromium of its own, not the first paints' sync server: that server hands results back
        # through one queue, so a second caller could receive the painter's SVG. No MathJax: no request
        # off the host.
        image = asyncio.run(kaleido.calc_fig(figure, opts=opts, topojson=topojson, kopts={"mathjax": False}))
    except Exception:  # a missing or crashed browser costs the image, never the document
        LOG.exception("chart image of %s failed", chart.key)
        return None
    return bytes(image)
