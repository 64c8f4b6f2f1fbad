/* One chart of the dashboard: its title, subtitle, legend, plot, description, source line and
 * download buttons, drawn from the payload that components/chart_spec.py builds.
 *
 * The same file serves the Streamlit app (as the script of a custom component, see
 * components/views/charts.py) and the static snapshot (a classic <script>, see components/snapshot.py),
 * so the two cannot drift. Titles and legends are HTML: the browser wraps and mirrors them.
 * plotly.js comes as a partial bundle (bar/scatter, or geo), loaded on the first chart that needs it.
 * A payload with a ``paint`` (components/first_paint.py: plotly's own SVG of the same figure) is shown
 * at once; plotly.js then loads when the reader reaches for the chart (pointer, focus, a button), or
 * at once where the paint would be shown much smaller or larger than it was drawn.
 * Every text of the payload is set with textContent: data never becomes markup.
 */
(function () {
  "use strict";
  if (window.DashChart) {
    return;
  }
  var bundles = {};
  var MIN_FIT_HEIGHT = 220;
  // Room under the chart for what the page adds there (the link back to the full dashboard).
  var FIT_MARGIN = 72;
  // Below this width (or the chart's own narrow width) the paint drawn for a phone is shown.
  var NARROW_PAINT = 600;
  // A paint shown at a scale outside this range is replaced by the live chart straight away.
  var PAINT_SCALES = [0.75, 1.4];
  // Paints waiting for the next frame: the first chart of a view is shown in the task that mounts
  // it, the others after the browser has put it on the screen (a map view mounts three at once).
  var pendingPaints = null;
  // Every paint the page was sent, by paint key ({key, narrow?, wide?}): the server sends a chart
  // one tap away ahead of the tap, and the tap's chart then names its paint ({ref: key}).
  var held = {};

  function hold(paint) {
    if (paint && paint.key) {
      held[paint.key] = Object.assign(held[paint.key] || {}, paint);
    }
  }

  // Every chart the page was sent, or sent ahead of a tap, by payload key (its JSON text); per chart
  // shown, by payload key, the payload key each option of each filter over it brings ({label: [key,
  // ...]}, components/views/charts.py ``send_ahead``); and the elements that draw charts. A tap shows
  // the chart it brings at once, from here; the rerun's message for it then finds it drawn.
  var upcoming = {};
  var taps = {};
  var roots = [];

  function keepAhead(payload) {
    if (payload.paint && payload.paint.key) {
      hold(payload.paint);
      payload.paint = { ref: payload.paint.key };
    }
    upcoming[payload.key] = JSON.stringify(payload);
  }

  // The charts one tap away (a first view's run sends them right after its own, 0.26 MB of JSON on
  // the map view) are parsed and kept after the frame that shows the run's charts: that work must not
  // hold back a first view's paint. The latest message's taps win.
  var aheadWaiting = null;
  function keepAheadLater(message) {
    if (aheadWaiting) {
      aheadWaiting.push(message);
      return;
    }
    aheadWaiting = [message];
    requestAnimationFrame(function () {
      setTimeout(function () {
        var messages = aheadWaiting;
        aheadWaiting = null;
        messages.forEach(function (one) {
          var ahead = typeof one === "string" ? JSON.parse(one) : one;
          ahead.ahead.forEach(keepAhead);
          taps = ahead.taps || {};
        });
      }, 0);
    });
  }

  // A tap on a radio option, or a key that moved its choice. Streamlit's radio takes the click on the
  // option (not on its input) and stops it there: the document hears it on its way down, and the
  // chart is shown in a task of its own, once Streamlit has sent the rerun.
  function tapped(event) {
    var option = event.target && event.target.closest && event.target.closest('[role="radiogroup"] label');
    var group = option && option.closest('[role="radiogroup"]');
    if (!group) {
      return;
    }
    var name = group.getAttribute("aria-label");
    var index = Array.prototype.indexOf.call(group.querySelectorAll("label"), option);
    roots = roots.filter(function (root) {
      return root.isConnected;
    });
    roots.forEach(function (root) {
      var state = root.__dashChart;
      // The taps the server sent for the chart shown, or those a chart shown at a tap came with.
      var filters = state && (taps[state.key] || state.payload.taps);
      var key = filters && filters[name] && filters[name][index];
      if (key && key !== state.key && upcoming[key]) {
        setTimeout(function () {
          if (root.__dashChart === state) {
            mount(root, upcoming[key]);
          }
        }, 0);
      }
    });
  }
  document.addEventListener("click", tapped, true);
  document.addEventListener("change", tapped, true);

  // The payload's paint where it is a reference to a held one; none (the chart drawn live) if the
  // page does not hold it after all.
  function resolvePaint(payload) {
    if (payload.paint && payload.paint.ref) {
      payload.paint = held[payload.paint.ref];
    }
    if (payload.paint) {
      hold(payload.paint);
    } else {
      delete payload.paint;
    }
  }

  // Each bundle keeps its own Plotly: the geo bundle must not replace the one that drew the bars.
  function loadBundle(src) {
    if (!bundles[src]) {
      bundles[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = function () {
          resolve(window.Plotly);
        };
        script.onerror = function () {
          delete bundles[src];
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return bundles[src];
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A copy of ``base`` with ``patch`` merged in, object by object (arrays and values replace).
  function merge(base, patch) {
    var out = {};
    var key;
    for (key in base) {
      if (Object.prototype.hasOwnProperty.call(base, key)) {
        out[key] = base[key];
      }
    }
    for (key in patch) {
      if (Object.prototype.hasOwnProperty.call(patch, key)) {
        out[key] = isObject(patch[key]) && isObject(out[key]) ? merge(out[key], patch[key]) : patch[key];
      }
    }
    return out;
  }

  // plotly.js keeps (and mutates) the layout it is given: each draw gets its own copy.
  function clone(value) {
    return JSON.parse(JSON.stringify(value));
  }

  // Whether a frame ``width`` px wide draws the payload's narrow layout (the builder's breakpoint).
  function wantsNarrow(payload, width) {
    return Boolean(payload.narrow && width < payload.narrow.width);
  }

  // Which of the payload's paints ({narrow, wide}, one or both sent) suits a frame ``width`` px wide:
  // the phone's below the chart's own breakpoint or NARROW_PAINT, whichever is smaller.
  function paintFor(payload, width) {
    var paint = payload.paint;
    var narrowAt = payload.narrow ? Math.min(payload.narrow.width, NARROW_PAINT) : NARROW_PAINT;
    return (width < narrowAt ? paint.narrow : paint.wide) || paint.wide || paint.narrow;
  }

  // Every colour string of ``value`` that ``map`` knows, replaced (the light theme's to the dark's).
  function recolour(value, map) {
    if (typeof value === "string") {
      var known = map[value.toLowerCase()];
      return known === undefined ? value : known;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) {
        return recolour(item, map);
      });
    }
    if (isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        out[key] = recolour(value[key], map);
      });
      return out;
    }
    return value;
  }

  // The page's theme: the color-scheme Streamlit gives its app container, which is set before the
  // page's own styles arrive (a chart can mount first: the ink is then still its light fallback);
  // else the ink the frame inherits (light ink on a dark page).
  function isDark(frame) {
    var style = getComputedStyle(frame);
    var scheme = style.colorScheme || "";
    if (/dark/.test(scheme) !== /light/.test(scheme)) {
      return /dark/.test(scheme);
    }
    var rgb = (style.color.match(/\d+(\.\d+)?/g) || ["0", "0", "0"]).map(Number);
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 128;
  }

  // Whether the chart is drawn in the dark palette: a dark page, and a payload that has one.
  function drawsDark(state) {
    return Boolean(state.payload.dark) && isDark(state.frame);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function fontsReady() {
    // plotly.js measures labels for its margins: draw once the web fonts are in (or after 1 s).
    if (!document.fonts || !document.fonts.load) {
      return Promise.resolve();
    }
    var faces = ['16px "Noto Sans Arabic"', '16px "Noto Sans"'];
    var loads = Promise.all(
      faces.map(function (face) {
        return document.fonts.load(face, "a\u0628");
      })
    );
    var timeout = new Promise(function (resolve) {
      setTimeout(resolve, 1000);
    });
    return Promise.race([loads, timeout]).catch(function () {
      return null;
    });
  }

  function hex(r, g, b) {
    return "#" + [r, g, b].map(function (v) {
      return ("0" + Number(v).toString(16)).slice(-2);
    }).join("");
  }

  // The paint's SVG text in the dark theme's colours (plotly writes colours as rgb(r, g, b)).
  function recolourSvg(text, map) {
    return text.replace(/rgb\((\d+), ?(\d+), ?(\d+)\)/g, function (all, r, g, b) {
      var known = map[hex(r, g, b)];
      return known === undefined ? all : known;
    });
  }

  // What a paint may hold: the SVG plotly.js's own export writes, nothing else (the lists of
  // components/paint_check.py, which checks paints on the server; tests/unit/test_paint_check.py keeps
  // the two in step). Every url() must point at an element of the same SVG.
  var SVG_NS = "http://www.w3.org/2000/svg";
  var XMLNS_NS = "http://www.w3.org/2000/xmlns/";
  var XLINK_NS = "http://www.w3.org/1999/xlink";
  var PAINT_ELEMENTS = ["svg", "g", "defs", "clipPath", "path", "pattern", "rect", "text", "tspan"];
  var PAINT_ATTRIBUTES = [
    "class", "clip-path", "d", "data-index", "data-notex", "dy", "fill", "fill-opacity", "fill-rule", "height",
    "id", "opacity", "patternTransform", "patternUnits", "stroke", "stroke-width", "style", "text-anchor",
    "transform", "viewBox", "width", "x", "y"
  ];
  var PAINT_STYLES = [
    "fill", "fill-opacity", "font-family", "font-size", "font-style", "font-weight", "opacity", "pointer-events", "stroke",
    "stroke-dasharray", "stroke-miterlimit", "stroke-opacity", "stroke-width", "vector-effect", "white-space"
  ];
  var PAINT_FUNCTIONS = ["rgb", "rgba", "translate", "rotate", "scale", "matrix", "url"];
  // No ":", ";", "\\", "/", "@", "<", "&": no scheme, no escape, no second declaration.
  var PAINT_VALUE = /^[\w\s#.,%()'"+-]*$/;
  var PAINT_FUNCTION = /([A-Za-z-]+)\(/g;
  var PAINT_URL = /url\((['"]?)#([\w-]+)\1\)/g;
  var MAX_PAINT_CHARS = 2000000;

  function paintValueOk(value, ids) {
    if (!PAINT_VALUE.test(value)) {
      return false;
    }
    var names = (value.match(PAINT_FUNCTION) || []).map(function (call) {
      return call.slice(0, -1);
    });
    var targets = [];
    value.replace(PAINT_URL, function (all, quote, id) {
      targets.push(id);
      return all;
    });
    return (
      names.every(function (name) {
        return PAINT_FUNCTIONS.indexOf(name) >= 0;
      }) &&
      targets.length === value.split("url(").length - 1 &&
      targets.every(function (id) {
        return ids[id] === true;
      })
    );
  }

  function paintStyleOk(style, ids) {
    return style.split(";").every(function (declaration) {
      if (!declaration.trim()) {
        return true;
      }
      var colon = declaration.indexOf(":");
      return (
        colon > 0 &&
        PAINT_STYLES.indexOf(declaration.slice(0, colon).trim()) >= 0 &&
        paintValueOk(declaration.slice(colon + 1).trim(), ids)
      );
    });
  }

  // Whether every element and attribute of ``svg`` is on the lists above.
  function paintAllowed(svg) {
    var nodes = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll("*")));
    var ids = {};
    nodes.forEach(function (node) {
      if (node.hasAttribute("id")) {
        ids[node.getAttribute("id")] = true;
      }
    });
    return nodes.every(function (node) {
      if (node.namespaceURI !== SVG_NS || PAINT_ELEMENTS.indexOf(node.localName) < 0) {
        return false;
      }
      return Array.prototype.slice.call(node.attributes).every(function (attr) {
        if (attr.namespaceURI === XMLNS_NS) {
          return attr.value === SVG_NS || attr.value === XLINK_NS;
        }
        if (attr.namespaceURI !== null || PAINT_ATTRIBUTES.indexOf(attr.name) < 0) {
          return false;
        }
        return attr.name === "style" ? paintStyleOk(attr.value, ids) : paintValueOk(attr.value, ids);
      });
    });
  }

  // The SVG element of ``text`` if it holds only what plotly's export writes (see paintAllowed); null
  // otherwise, and the chart is drawn live. No DOCTYPE, entity, comment or processing instruction.
  function parseSvg(text) {
    if (typeof text !== "string" || text.length > MAX_PAINT_CHARS || /<[!?]/.test(text)) {
      return null;
    }
    // Its own ids: the live chart, drawn beside it for a moment, uses the same clip-path ids.
    text = text.replace(/ id="/g, ' id="paint-').replace(/url\((['"]?)#/g, "url($1#paint-");
    var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    if (!svg || svg.namespaceURI !== SVG_NS || svg.localName !== "svg" || !paintAllowed(svg)) {
      return null;
    }
    return document.importNode(svg, true);
  }

  // Show the payload's paint that suits the frame's width; false if the live chart should come now.
  function showPaint(state) {
    // The server sends the paint for the reader's kind of screen, or both (narrow and wide).
    var paint = state.payload.paint;
    var width = state.frame.clientWidth || (paint.wide || paint.narrow).width;
    var variant = paintFor(state.payload, width);
    var text = state.dark ? recolourSvg(variant.svg, state.payload.dark) : variant.svg;
    var svg = parseSvg(text);
    if (!svg) {
      return false;
    }
    var ratio = width / variant.width;
    var scale = Math.min(1, ratio);
    svg.setAttribute("width", String(variant.width * scale));
    svg.setAttribute("height", String(variant.height * scale));
    svg.setAttribute("focusable", "false");
    // Beside the plot, not in it: plotly.js would take the paint's layers for its own.
    var holder = state.frame.querySelector(".dash-paint") || element("div", "dash-paint");
    holder.setAttribute("aria-hidden", "true");
    // As the plot: SVG text anchors (start, end) follow the direction, and plotly.js draws in ltr.
    holder.setAttribute("dir", "ltr");
    holder.textContent = "";
    holder.appendChild(svg);
    state.frame.insertBefore(holder, state.plot);
    state.frame.dataset.painted = "static";
    return ratio >= PAINT_SCALES[0] && ratio <= PAINT_SCALES[1];
  }

  function dropPaint(state) {
    var holder = state.frame.querySelector(".dash-paint");
    if (holder) {
      holder.remove();
    }
    delete state.frame.dataset.painted;
  }

  function buildFrame(root, payload) {
    var id = payload.id;
    var frame = element("figure", "dash-chart" + (payload.fit ? " dash-chart-fit" : ""));
    frame.setAttribute("dir", payload.dir);
    frame.setAttribute("lang", payload.lang);
    frame.setAttribute("role", "group");
    frame.setAttribute("aria-labelledby", id + "-title");
    frame.setAttribute("aria-describedby", id + "-desc");
    frame.dataset.chart = id;

    var title = element("h3", "dash-chart-title", payload.title);
    title.id = id + "-title";
    frame.appendChild(title);
    payload.subtitle.forEach(function (line) {
      frame.appendChild(element("p", "dash-chart-subtitle", line));
    });
    if (payload.legend.length) {
      var legend = element("ul", "dash-legend");
      legend.setAttribute("aria-label", payload.labels.legend);
      payload.legend.forEach(function (item) {
        var entry = element("li", "dash-legend-item");
        var button = element("button", "dash-legend-button");
        button.type = "button";
        button.setAttribute("aria-pressed", "true");
        button.dataset.traces = item.traces.join(",");
        var kind = item.line ? " dash-swatch-line dash-swatch-" + item.line : item.pattern ? " dash-swatch-hatched" : "";
        var swatch = element("span", "dash-swatch" + kind);
        // Coloured by paintSwatches, in the page's theme.
        swatch.dataset.color = item.color;
        swatch.setAttribute("aria-hidden", "true");
        button.appendChild(swatch);
        button.appendChild(element("span", "dash-legend-name", item.name));
        entry.appendChild(button);
        legend.appendChild(entry);
      });
      frame.appendChild(legend);
    }
    var plot = element("div", "dash-plot");
    // plotly.js draws left to right; Arabic figures mirror themselves.
    plot.setAttribute("dir", "ltr");
    // Screen readers get the title and the description, not the SVG's scattered labels.
    plot.setAttribute("aria-hidden", "true");
    plot.style.minHeight = payload.figure.layout.height + "px";
    frame.appendChild(plot);
    var description = element("p", "dash-chart-desc", payload.description);
    description.id = id + "-desc";
    frame.appendChild(description);
    if (payload.source) {
      frame.appendChild(element("p", "dash-chart-source", payload.source));
    }
    var actions = element("div", "dash-chart-actions");
    ["png", "svg"].forEach(function (format) {
      var button = element("button", "dash-download", payload.labels[format]);
      button.type = "button";
      button.dataset.format = format;
      actions.appendChild(button);
    });
    if (payload.bundle === "geo") {
      var reset = element("button", "dash-reset", payload.labels.reset);
      reset.type = "button";
      actions.appendChild(reset);
    }
    frame.appendChild(actions);
    root.appendChild(frame);
    return frame;
  }

  function download(state, format) {
    var payload = state.payload;
    var plotly = state.plotly;
    var exported = payload["export"];
    // Always the light figure: an image leaves the page and its theme.
    var figure = {
      data: dataFor(state, false),
      layout: clone(merge(payload.figure.layout, exported.layout)),
      config: payload.config,
    };
    return plotly
      .toImage(figure, { format: format, width: exported.width, height: exported.height, scale: format === "png" ? 2 : 1 })
      .then(function (url) {
        var link = document.createElement("a");
        link.href = url;
        link.download = exported.filename + "." + format;
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
  }

  // In an embedded frame the plot takes the height the window leaves beside the chart's texts.
  function fitted(state, layout) {
    var others = 0;
    Array.prototype.forEach.call(state.frame.children, function (child) {
      if (child !== state.plot && !child.classList.contains("dash-paint")) {
        others += child.getBoundingClientRect().height;
      }
    });
    layout.height = Math.max(MIN_FIT_HEIGHT, Math.min(layout.height, window.innerHeight - others - FIT_MARGIN));
    return layout;
  }

  function layoutFor(state) {
    var payload = state.payload;
    state.narrow = wantsNarrow(payload, state.frame.clientWidth);
    var layout = clone(state.narrow ? merge(payload.figure.layout, payload.narrow.layout) : payload.figure.layout);
    layout = state.dark ? recolour(layout, payload.dark) : layout;
    return payload.fit ? fitted(state, layout) : layout;
  }

  // The traces in the page's theme (``dark``), keeping which ones the reader has hidden.
  function dataFor(state, dark) {
    var data = clone(state.payload.figure.data);
    data = dark ? recolour(data, state.payload.dark) : data;
    (state.plot.data || []).forEach(function (trace, index) {
      if (data[index] && trace.visible !== undefined) {
        data[index].visible = trace.visible;
      }
    });
    return data;
  }

  function paintSwatches(state) {
    var map = state.dark ? state.payload.dark : {};
    state.frame.querySelectorAll(".dash-swatch").forEach(function (swatch) {
      var colour = swatch.dataset.color;
      var property = swatch.classList.contains("dash-swatch-line") ? "borderTopColor" : "backgroundColor";
      swatch.style[property] = map[colour.toLowerCase()] || colour;
    });
  }

  function draw(state) {
    paintSwatches(state);
    var layout = layoutFor(state);
    state.plot.style.minHeight = layout.height + "px";
    return state.plotly.react(state.plot, dataFor(state, state.dark), layout, state.payload.config);
  }

  // Redraw the plot or the paint in the page's theme, if it changed since they were drawn.
  function followTheme(state) {
    var dark = drawsDark(state);
    if (dark === state.dark) {
      return;
    }
    state.dark = dark;
    if (state.plotly) {
      draw(state);
    } else if (state.frame.dataset.painted) {
      showPaint(state);
    }
  }

  function wire(state) {
    var frame = state.frame;
    frame.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) {
        return;
      }
      if (!state.plotly) {
        // Still the paint: bring the live chart, then do what was asked.
        activate(state).then(function () {
          if (state.plotly) {
            act(state, target);
          }
        });
        return;
      }
      act(state, target);
    });
    // Reaching for the chart (a pointer over it, the keyboard in it) brings the live chart.
    ["pointerover", "focusin"].forEach(function (name) {
      frame.addEventListener(name, function () {
        activate(state);
      });
    });
    // A theme switch changes the ink the frame inherits; its colour transition tells us.
    frame.addEventListener("transitionend", function (event) {
      if (event.target === frame) {
        followTheme(state);
      }
    });
    if (window.ResizeObserver) {
      var width = frame.clientWidth;
      new ResizeObserver(function () {
        if (Math.abs(frame.clientWidth - width) < 2) {
          return;
        }
        width = frame.clientWidth;
        if (!state.plotly) {
          if (state.frame.dataset.painted && !showPaint(state)) {
            activate(state);
          }
          return;
        }
        if (state.narrow !== wantsNarrow(state.payload, width)) {
          draw(state);
        } else {
          state.plotly.Plots.resize(state.plot);
        }
      }).observe(frame);
    }
  }

  // A click on one of the frame's buttons, once plotly.js has drawn the chart.
  function act(state, target) {
    if (target.dataset.format) {
      download(state, target.dataset.format);
    } else if (target.dataset.traces !== undefined) {
      var shown = target.getAttribute("aria-pressed") !== "true";
      target.setAttribute("aria-pressed", shown ? "true" : "false");
      var traces = target.dataset.traces.split(",").map(Number);
      state.plotly.restyle(state.plot, { visible: shown ? true : "legendonly" }, traces);
    } else if (target.classList.contains("dash-reset")) {
      draw(state);
    }
  }

  // Load plotly.js (and what the chart needs before it) and draw the live chart; once per frame.
  function activate(state) {
    if (state.ready) {
      return state.ready;
    }
    var payload = state.payload;
    var root = state.root;
    // Scripts a chart needs before plotly.js (the snapshot's map outlines), one after the other.
    var preloaded = (payload.preload || []).reduce(function (previous, src) {
      return previous.then(function () {
        return loadBundle(payload.assets + src);
      });
    }, Promise.resolve());
    var plotly = preloaded.then(function () {
      return loadBundle(payload.assets + payload.script);
    });
    state.ready = Promise.all([plotly, fontsReady()])
      .then(function (loaded) {
        if (root.__dashChart !== state) {
          return null;
        }
        state.plotly = loaded[0];
        state.dark = drawsDark(state);
        paintSwatches(state);
        var layout = layoutFor(state);
        state.plot.style.minHeight = layout.height + "px";
        return state.plotly.newPlot(state.plot, dataFor(state, state.dark), layout, payload.config);
      })
      .then(function () {
        dropPaint(state);
        state.frame.dataset.drawn = "true";
      })
      .catch(function (error) {
        dropPaint(state);
        state.frame.dataset.drawn = "failed";
        state.plot.setAttribute("aria-hidden", "false");
        state.plot.textContent = payload.labels.failed + " (" + error.message + ")";
      });
    return state.ready;
  }

  /** Draw ``payload`` (an object, or its JSON text) into ``root``; calling again updates it.
   * A payload ``{"prefetch": URL}`` only starts loading a bundle, before any chart needs it
   * (``""``: nothing yet, the first view is painted); ``{"ahead": [payload, ...], "taps": {...}}``
   * only keeps the charts one filter tap away, with their paints, and what each tap brings. */
  function mount(root, payload) {
    var text = null;
    // Recognised before it is parsed: parsing the charts ahead waits too (keepAheadLater).
    if (typeof payload === "string" ? payload.lastIndexOf('{"ahead":', 0) === 0 : payload.ahead) {
      keepAheadLater(payload);
      return Promise.resolve(null);
    }
    if (typeof payload === "string") {
      text = payload;
      payload = JSON.parse(payload);
    }
    if (payload.prefetch !== undefined) {
      // "" (a painted first view): nothing to load; mounting brought this script in early.
      return payload.prefetch ? loadBundle(payload.prefetch) : Promise.resolve(null);
    }
    if (text !== null && payload.id) {
      upcoming[payload.key] = text;
    }
    resolvePaint(payload);
    var state = root.__dashChart;
    if (state && state.payload.id === payload.id && state.key === payload.key) {
      return state.ready;
    }
    if (state) {
      if (state.plotly) {
        state.plotly.purge(state.plot);
      }
      state.frame.remove();
    }
    state = { payload: payload, key: payload.key, plotly: null, narrow: false, dark: false, root: root };
    if (!root.__dashChart) {
      roots.push(root);
    }
    root.__dashChart = state;
    state.frame = buildFrame(root, payload);
    state.plot = state.frame.querySelector(".dash-plot");
    wire(state);
    state.dark = drawsDark(state);
    paintSwatches(state);
    if (payload.paint) {
      if (pendingPaints) {
        return new Promise(function (resolve) {
          pendingPaints.push(resolve);
        }).then(function () {
          return root.__dashChart !== state || showPaint(state) ? null : activate(state);
        });
      }
      pendingPaints = [];
      requestAnimationFrame(function () {
        setTimeout(function () {
          var waiting = pendingPaints;
          pendingPaints = null;
          waiting.forEach(function (resolve) {
            resolve();
          });
        }, 0);
      });
      if (showPaint(state)) {
        return Promise.resolve(null);
      }
    }
    return activate(state);
  }

  // held: the paints the page keeps; ahead(): the charts it keeps for a tap and what each tap brings
  // (browser tests read them); parts: the functions that need no page (tests/js runs them in Node).
  window.DashChart = {
    mount: mount,
    held: held,
    ahead: function () {
      return { charts: Object.keys(upcoming), taps: taps };
    },
    parts: {
      merge: merge,
      recolour: recolour,
      recolourSvg: recolourSvg,
      paintValueOk: paintValueOk,
      paintStyleOk: paintStyleOk,
      wantsNarrow: wantsNarrow,
      paintFor: paintFor,
    },
  };
})();
