"""A first paint holds only what plotly's export writes (issue #23, finding 3): checked when it is made,
when it is read from the shared cache (a file that fails is dropped, the chart drawn live), and in the
page, with the same lists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from components import first_paint, paint_check
from components.data import Dataset
from components.first_paint import Painter, paint_key
from components.paint_check import valid_paint, valid_svg

HERE = Path(__file__).resolve().parent
JS = (HERE.parents[1] / "static" / "chart" / "dash-chart.js").read_text("utf-8")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
# The paints that ran script, moved plotly.js, navigated or restyled the page in the review, and
# what plotly.js would have made of markup in data.
CRAFTED = {
    "iframe srcdoc": SVG
    + '<g><x:iframe xmlns:x="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;top.p=1&lt;/script&gt;"/></g></svg>',
    "javascript link": SVG + '<a href="java&#9;script:top.p=1"><text>x</text></a></svg>',
    "xlink href": SVG + '<g xlink:href="javascript:top.p=1"/></svg>',
    "base href": SVG + '<base xmlns="http://www.w3.org/1999/xhtml" href="http://x.invalid/"/></svg>',
    "meta refresh": SVG
    + '<meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=http://x.invalid/"/></svg>',
    "style import": SVG + "<style>@import url(http://x.invalid/a.css);</style></svg>",
    "feImage": SVG + '<filter id="f"><feImage href="http://x.invalid/i.png"/></filter></svg>',
    "image": SVG + '<image href="http://x.invalid/i.png"/></svg>',
    "use": SVG + '<use href="http://x.invalid/s.svg#a"/></svg>',
    "onload": SVG.replace("<svg ", '<svg onload="top.p=1" ') + "</svg>",
    "style url": SVG + '<rect style="fill: url(http://x.invalid/p.png)"/></svg>',
    "style url to nowhere": SVG + "<rect style=\"fill: url('#missing')\"/></svg>",
    "attribute url": SVG + '<rect fill="url(http://x.invalid/p.png)"/></svg>',
    "css escape": SVG + '<rect style="fill: \\75rl(http://x.invalid/)"/></svg>',
    "image-set": SVG + '<rect style="fill: image-set(a)"/></svg>',
    "doctype entity": '<!DOCTYPE svg [<!ENTITY a "b">]>' + SVG + "<text>&a;</text></svg>",
    "comment": SVG + "<!-- x --></svg>",
    "span from data": SVG + '<text><tspan style="background-image:url(http://x.invalid/bg.png)">A</tspan></text></svg>',
    "link from data": SVG + '<text><a href="http://x.invalid/a" target="_top"><tspan>M</tspan></a></text></svg>',
    "not svg": '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    "no namespace": '<svg width="10"><path d="M0,1L10,10"/></svg>',
    "broken": SVG + "<g>",
}


def _paint(svg: str) -> dict[str, Any]:
    return {"wide": {"width": 820, "height": 450, "svg": svg}}


def _real(name: str) -> dict[str, Any]:
    paint: dict[str, Any] = json.loads((HERE / "paints" / name).read_text("utf-8"))
    return paint


@pytest.mark.parametrize("name", ["timeline-assembly-ar.json", "votes-poisoned-ar.json", "city-map-ar.json"])
def test_plotly_exports_pass(name: str) -> None:
    # Real kaleido exports: hatching patterns, clip paths, markup from data drawn as text, a river
    # named in italics (the city map).
    assert valid_paint(_real(name))


@pytest.mark.parametrize("svg", CRAFTED.values(), ids=CRAFTED.keys())
def test_crafted_svgs_fail(svg: str) -> None:
    assert not valid_svg(svg)


@pytest.mark.parametrize(
    "paint",
    [
        {},
        [],
        "x",
        {"wide": {}},
        {"other": {"width": 1, "height": 1, "svg": SVG + "</svg>"}},
        {"wide": {"width": True, "height": 1, "svg": SVG + "</svg>"}},
    ],
)
def test_paints_of_another_shape_fail(paint: object) -> None:
    assert not valid_paint(paint)


def test_a_cached_file_that_fails_is_dropped(tmp_path: Path, data: Dataset) -> None:
    from tests.unit.test_first_paint import _payload

    _text, payload = _payload(data)
    key = paint_key(payload["key"])
    painter = Painter(tmp_path)
    painter.failed = False  # reads the cache; nothing renders (no kaleido)
    painter.kaleido = None
    for bad in ({}, _paint(CRAFTED["iframe srcdoc"])):
        (tmp_path / f"{key}.json").write_text(json.dumps(bad), "utf-8")
        assert painter._read(key) is None
        assert not (tmp_path / f"{key}.json").exists(), "a file that fails is removed from the shared cache"
    good = _real("timeline-assembly-ar.json")
    (tmp_path / f"{key}.json").write_text(json.dumps(good), "utf-8")
    assert painter._read(key) == good


def test_a_render_that_fails_the_check_is_not_kept(tmp_path: Path, data: Dataset) -> None:
    from tests.unit.test_first_paint import FakeKaleido, _painter, _payload

    fake = FakeKaleido(svg=CRAFTED["style import"])
    painter = _painter(tmp_path, fake)
    text, payload = _payload(data)
    assert painter.get(payload["key"], text) is None
    assert painter.wait(10)
    assert painter.get(payload["key"], text) is None and not list(tmp_path.glob("*.json"))
    assert painter.enabled


def _js_list(name: str) -> set[str]:
    found = re.search(rf"var {name} = \[([^\]]*)\]", JS)
    assert found, name
    return set(re.findall(r'"([^"]+)"', found.group(1)))


def test_the_page_checks_with_the_same_lists() -> None:
    assert _js_list("PAINT_ELEMENTS") == paint_check.ELEMENTS
    assert _js_list("PAINT_ATTRIBUTES") == paint_check.ATTRIBUTES
    assert _js_list("PAINT_STYLES") == paint_check.STYLE_PROPERTIES
    assert _js_list("PAINT_FUNCTIONS") == paint_check.FUNCTIONS
    assert f"var PAINT_VALUE = /^{paint_check.VALUE.pattern}$/;" in JS
    assert f"var PAINT_URL = /{paint_check.LOCAL_URL.pattern}/g;" in JS
    assert f"var MAX_PAINT_CHARS = {paint_check.MAX_SVG_CHARS};" in JS
    assert first_paint.WIDTHS.keys() == paint_check.PAINT_WIDTHS
