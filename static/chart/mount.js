// The chart component's own module (components/views/charts.py). Streamlit sends a component's
// code inside every message that draws one; this loader is all it carries, and it brings the chart
// script and its styles from app/static/ once per page (gzipped, cached by the browser), then draws
// each payload with them (dash-chart.js). Payloads arrive as UTF-8 bytes of their JSON.
const VERSION = "__VERSION__";
let loaded = null;

function load(tag, attributes) {
  return new Promise(function (resolve, reject) {
    const node = document.createElement(tag);
    Object.assign(node, attributes);
    node.onload = resolve;
    node.onerror = function () {
      loaded = null; // a later chart tries again
      reject(new Error("could not load " + (attributes.src || attributes.href)));
    };
    document.head.appendChild(node);
  });
}

function ready() {
  if (window.DashChart) {
    return Promise.resolve();
  }
  if (!loaded) {
    loaded = Promise.all([
      load("link", { rel: "stylesheet", href: "app/static/chart/dash-chart.css?v=" + VERSION }),
      load("script", { src: "app/static/chart/dash-chart.js?v=" + VERSION, async: true }),
    ]);
  }
  return loaded;
}

export default function (component) {
  const data = component.data;
  const payload = data instanceof Uint8Array ? new TextDecoder().decode(data) : data;
  return ready().then(function () {
    return window.DashChart.mount(component.parentElement, payload);
  });
}
