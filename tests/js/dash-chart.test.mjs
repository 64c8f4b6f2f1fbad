// The chart script's pure parts (static/chart/dash-chart.js, ``DashChart.parts``) in Node, without a
// page or Streamlit: `node --test tests/js/` (bash .ci/test runs it). The script is run as the page runs
// it, a classic script, with a stand-in window and document.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SCRIPT = new URL("../../static/chart/dash-chart.js", import.meta.url);

function loadParts() {
  const window = {};
  const document = { addEventListener() {} };
  vm.runInNewContext(readFileSync(SCRIPT, "utf8"), { window, document });
  return window.DashChart.parts;
}

const parts = loadParts();
// The script's objects come from its own context (another Object.prototype): compared as plain data.
const plain = (value) => JSON.parse(JSON.stringify(value));

test("merge goes into objects, lets arrays and values replace, and leaves its inputs alone", () => {
  const base = { xaxis: { range: [0, 10], title: { text: "Votes" } }, height: 400, bars: [1, 2] };
  const patch = { xaxis: { title: { standoff: 4 } }, height: 520, bars: [3] };
  const merged = parts.merge(base, patch);
  assert.deepEqual(plain(merged), {
    xaxis: { range: [0, 10], title: { text: "Votes", standoff: 4 } },
    height: 520,
    bars: [3],
  });
  assert.deepEqual(plain(base.xaxis.title), { text: "Votes" });
  assert.equal(parts.merge({ a: { b: 1 } }, { a: null }).a, null);
});

test("recolour swaps the colours the map knows, at any depth, whatever their case", () => {
  const dark = { "#1f4e79": "#8ab4e0", "#ffffff": "#0e1117" };
  const figure = { marker: { color: ["#1F4E79", "#c00000"] }, paper_bgcolor: "#FFFFFF", width: 3 };
  assert.deepEqual(plain(parts.recolour(figure, dark)), {
    marker: { color: ["#8ab4e0", "#c00000"] },
    paper_bgcolor: "#0e1117",
    width: 3,
  });
});

test("recolourSvg swaps plotly's rgb() colours by their hex value and keeps the rest", () => {
  const svg = '<rect style="fill: rgb(31, 78, 121); stroke: rgb(1,2,3)"/>';
  assert.equal(
    parts.recolourSvg(svg, { "#1f4e79": "#8ab4e0" }),
    '<rect style="fill: #8ab4e0; stroke: rgb(1,2,3)"/>',
  );
});

test("a paint's attribute values allow plotly's functions and links inside the same SVG only", () => {
  const ids = { clip1: true };
  for (const value of ["rgb(31, 78, 121)", "translate(80,100) rotate(-45)", "url(#clip1)", "url('#clip1')", "0.5"]) {
    assert.equal(parts.paintValueOk(value, ids), true, value);
  }
  const refused = [
    "url(#elsewhere)", // an element the SVG does not have
    "url(https://example.org/x.svg#a)", // a request off the page
    "javascript:alert(1)",
    "expression(alert(1))",
    "url(#clip1) url(data:x)",
    "a;b",
    "&#106;avascript",
    "<script>",
    "\\75rl(x)",
  ];
  for (const value of refused) {
    assert.equal(parts.paintValueOk(value, ids), false, value);
  }
});

test("a paint's style allows plotly's properties with safe values, nothing else", () => {
  const ids = { clip1: true };
  assert.equal(parts.paintStyleOk("fill: rgb(0, 0, 0); font-family: 'Noto Sans Arabic', sans-serif;", ids), true);
  assert.equal(parts.paintStyleOk("", ids), true);
  assert.equal(parts.paintStyleOk("background-image: url(#clip1)", ids), false);
  assert.equal(parts.paintStyleOk("fill: url(https://example.org/)", ids), false);
  assert.equal(parts.paintStyleOk("fill red", ids), false);
});

test("the narrow layout applies below the chart's own breakpoint only", () => {
  const payload = { narrow: { width: 520, layout: {} } };
  assert.equal(parts.wantsNarrow(payload, 390), true);
  assert.equal(parts.wantsNarrow(payload, 520), false);
  assert.equal(parts.wantsNarrow({}, 200), false);
});

test("the paint shown suits the frame's width, and either paint does where one was sent", () => {
  const narrow = { width: 360 };
  const wide = { width: 820 };
  const both = { paint: { narrow, wide } };
  assert.equal(parts.paintFor(both, 390), narrow);
  assert.equal(parts.paintFor(both, 600), wide); // NARROW_PAINT: 600 px and wider take the wide paint
  assert.equal(parts.paintFor({ ...both, narrow: { width: 450 } }, 500), wide); // the chart's own breakpoint
  assert.equal(parts.paintFor({ paint: { wide } }, 390), wide);
  assert.equal(parts.paintFor({ paint: { narrow } }, 1280), narrow);
});
