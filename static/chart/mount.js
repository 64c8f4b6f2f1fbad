// The chart component's own module (components/views/charts.py). Streamlit sends a component's
// code inside every message that draws one; this loader is all it carries. The chart script and its
// styles (dash-chart.js, .css) ride once in the run's first element (the plotly.js prefetch, which
// later runs send as a cached reference): a first view makes no request for them. A page without
// that element (a test page) fetches them from app/static/ after a short wait.
// Payloads arrive as UTF-8 bytes of their JSON.
const VERSION = "__VERSION__";
const FALLBACK_MS = 1000;
let loaded = null;
let codeArrived;
const code = new Promise(function (resolve) {
  codeArrived = resolve;
});

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

function install(carried) {
  const sheet = document.createElement("style");
  sheet.textContent = carried.style;
  document.head.appendChild(sheet);
  // A blob: URL, not eval: the Content-Security-Policy allows blob: scripts (deploy/security.py).
  const url = URL.createObjectURL(new Blob([carried.code], { type: "text/javascript" }));
  return load("script", { src: url }).finally(function () {
    URL.revokeObjectURL(url);
  });
}

function fetchCode() {
  return Promise.all([
    load("link", { rel: "stylesheet", href: "app/static/chart/dash-chart.css?v=" + VERSION }),
    load("script", { src: "app/static/chart/dash-chart.js?v=" + VERSION, async: true }),
  ]);
}

function ready() {
  if (window.DashChart) {
    return Promise.resolve();
  }
  if (!loaded) {
    // Elements of one run mount in no fixed order: a chart may come before the element with the code.
    const late = new Promise(function (resolve) {
      setTimeout(resolve, FALLBACK_MS, null);
    });
    loaded = Promise.race([code, late]).then(function (carried) {
      return carried ? install(carried) : fetchCode();
    });
  }
  return loaded;
}

export default function (component) {
  const data = component.data;
  let payload = data instanceof Uint8Array ? new TextDecoder().decode(data) : data;
  if (payload && payload.code !== undefined) {
    codeArrived(payload);
    payload = { prefetch: payload.prefetch };
  }
  return ready().then(function () {
    return window.DashChart.mount(component.parentElement, payload);
  });
}
