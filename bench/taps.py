"""A phone reader's taps (issue 21): from a tap on a filter until the chart shows the new choice,
against a bare app's tap until its new text shows, alternately, in one run.

Each visit is a fresh browser context as a 390×844 touch phone with Lighthouse's mobile profile (CPU 4×
slower, 150 ms round trip, 1.6 Mbit/s down, 0.75 up), in Arabic or English. The page opens and settles
(its first chart drawn, no script running, then 1 s), then the reader taps twice:

- map view: region Europe, then the Americas; vote view: the 2025 race, then back to the first race;
  timeline: region Europe, then the Americas;
- bare app (``st.radio`` of five options, ``st.write`` of the choice): Europe, then the Americas.

Times are taken in the page: from the tap's ``pointerdown`` to the first animation frame at which the
chart drawn is the new choice's (another payload, its title changed: the timeline's names its region)
with its marks on screen, live or as a server paint (bare app: its new text is on screen). The first
round warms the servers (payloads built, paints ready) and is left out; the medians are over the
rounds after it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from bench.browser import launch

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "user_agent": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36",
}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8}
CPU_SLOWDOWN = 4
LANGS = ("ar", "en")
# scenario: (query, chart id, filter, the two options tapped: an index or a text the option holds)
SCENARIOS: dict[str, tuple[str, str, str, tuple[int | str, int | str]]] = {
    "map-region": ("view=map", "region-map", "region", (4, 2)),
    "votes-race": ("", "votes-chart", "race", ("2025", 0)),
    "timeline-region": ("view=timeline", "timeline-chart", "region", (4, 2)),
}
BARE_OPTIONS = ("Europe", "Americas")
TIMEOUT_MS = 90_000
# What the reader sees of a chart: its title, the text drawn in its plot, marks on screen.
CHART_STATE_JS = """(id) => { const f = document.querySelector(`figure.dash-chart[data-chart="${id}"]`);
  if (!f) return null;
  const painted = f.dataset.painted === 'static';
  const plot = painted ? f.querySelector('.dash-paint svg') : f.querySelector('.js-plotly-plot');
  const marks = !!plot && !!plot.querySelector('path.choroplethlocation, .barlayer .point, .scatterlayer .trace path');
  const text = plot ? [...plot.querySelectorAll('text')].map(e => e.textContent).join('|') : '';
  const title = (f.querySelector('.dash-chart-title') || {}).textContent || '';
  const key = (f.parentElement.__dashChart || {}).key || '';
  return {title, text, key, ready: marks && (painted || f.dataset.drawn === 'true')}; }"""
# Arms the page for one tap: the time of the next pointerdown, and of the first frame after it at
# which ``done()`` holds.
ARM_JS = """([arg, bareText]) => {
  const state = window.__chartState;
  const before = bareText ? null : state(arg);
  window.__tap = {down: null, shown: null};
  const done = () => bareText
    ? [...document.querySelectorAll('[data-testid="stMarkdownContainer"] p')].some(p => p.textContent === bareText)
    : (s => !!s && s.ready && s.title !== before.title && s.key !== before.key)(state(arg));
  addEventListener('pointerdown', () => {
    window.__tap.down = performance.now();
    const check = () => {
      if (done()) { window.__tap.shown = performance.now(); } else { requestAnimationFrame(check); }
    };
    requestAnimationFrame(check);
  }, {capture: true, once: true});
}"""


def _page(browser: Browser, lang: str) -> tuple[Any, Page]:
    context = browser.new_context(locale=lang, **PHONE)
    page = context.new_page()
    page.add_init_script(f"window.__chartState = {CHART_STATE_JS};")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page


def _settle(page: Page, ready_js: str) -> None:
    page.wait_for_function(ready_js, timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS, polling=200
    )
    page.wait_for_timeout(1000)


def _tap(page: Page, option: Any, arg: str, bare_text: str | None) -> float:
    """Tap ``option`` (a locator) and return the seconds until the page showed the new choice."""
    option.scroll_into_view_if_needed()
    page.evaluate(ARM_JS, [arg, bare_text])
    option.tap()
    page.wait_for_function("() => window.__tap.shown !== null", timeout=TIMEOUT_MS, polling=50)
    tap = page.evaluate("window.__tap")
    page.wait_for_timeout(500)
    return float(tap["shown"] - tap["down"]) / 1000


def _option(page: Page, widget: str, choice: int | str) -> Any:
    options = page.locator(f'[class*="st-key-{widget}"] [data-testid="stRadioOption"]')
    return options.nth(choice) if isinstance(choice, int) else options.filter(has_text=choice).first


def dashboard_taps(browser: Browser, url: str, lang: str, scenario: str) -> list[float]:
    """The two taps of ``scenario`` on a fresh phone, in seconds."""
    query, chart, param, choices = SCENARIOS[scenario]
    context, page = _page(browser, lang)
    try:
        page.goto(f"{url}?lang={lang}&{query}", wait_until="domcontentloaded")
        _settle(page, f"() => window.__chartState({chart!r})?.ready")
        return [_tap(page, _option(page, f"control_{param}_{lang}", choice), chart, None) for choice in choices]
    finally:
        context.close()


def bare_taps(browser: Browser, url: str, lang: str) -> list[float]:
    """The bare app's two taps on a fresh phone, in seconds."""
    context, page = _page(browser, lang)
    try:
        page.goto(url, wait_until="domcontentloaded")
        _settle(page, "() => [...document.querySelectorAll('p')].some(p => p.textContent === 'chosen All')")
        options = page.locator('[data-testid="stRadioOption"]')
        return [_tap(page, options.filter(has_text=name).first, "", f"chosen {name}") for name in BARE_OPTIONS]
    finally:
        context.close()


def wait_for_paints(app_dir: Path, quiet_s: float = 10.0, limit_s: float = 300.0) -> int:
    """Wait until the server's paint cache has stopped growing for ``quiet_s`` (its warm-up is done);
    the number of paints."""
    folder = app_dir / ".cache" / "first-paint"
    started = last_change = time.monotonic()
    count = -1
    while time.monotonic() - started < limit_s:
        now = len(list(folder.glob("*.json"))) if folder.is_dir() else 0
        if now != count:
            count, last_change = now, time.monotonic()
        elif count and time.monotonic() - last_change >= quiet_s:
            break
        time.sleep(1.0)
    return count


def taps_phase(dash_url: str, bare_url: str, runs: int, langs: tuple[str, ...] = LANGS) -> dict[str, Any]:
    """Every scenario in every language, alternating with the bare app, ``runs`` rounds after a warm one."""
    samples: dict[str, list[list[float]]] = {}
    errors: list[str] = []
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for round_number in range(runs + 1):
                for lang in langs:
                    for scenario in SCENARIOS:
                        for name in (f"{scenario}/{lang}", f"bare/{lang}"):
                            try:
                                if name.startswith("bare/"):
                                    taps = bare_taps(browser, bare_url, lang)
                                else:
                                    taps = dashboard_taps(browser, dash_url, lang, scenario)
                            except Exception as error:  # recorded; the run goes on
                                errors.append(f"{name} round {round_number}: {str(error)[:200]}")
                                continue
                            print(f"[bench] taps round {round_number} {name}: {taps}", flush=True)
                            if round_number:
                                samples.setdefault(name, []).append(taps)
        finally:
            browser.close()
    return {"samples": samples, "medians": medians(samples), "errors": errors, "seconds": time.perf_counter() - started}


def medians(samples: dict[str, list[list[float]]]) -> dict[str, list[float | None]]:
    """Per visit kind, the median of its first and of its second tap."""
    out: dict[str, list[float | None]] = {}
    for name, runs in samples.items():
        out[name] = [statistics.median(v) if (v := [r[i] for r in runs if len(r) > i]) else None for i in (0, 1)]
    return out


if __name__ == "__main__":  # a quick look: python -m bench.taps DASH_URL BARE_URL [RUNS] [LANGS]
    import json
    import sys

    result = taps_phase(
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]) if len(sys.argv) > 3 else 1,
        tuple(sys.argv[4].split(",")) if len(sys.argv) > 4 else LANGS,
    )
    print(json.dumps(result["medians"], indent=1), result["errors"])
