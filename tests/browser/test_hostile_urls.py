"""Links the app did not write: each opens the default view, says politely what was ignored (key
names only), raises no exception, and never turns a parameter into markup or script."""

from __future__ import annotations

import pytest

from tests.browser.ui import NewTab, Tab, charts, query

# (name, query string, the key the notice must name)
HOSTILE = [
    ("unknown-language", "?lang=xx", "lang"),
    ("script-in-value", "?region=<script>alert(1)</script>", "region"),
    ("10-kB-value", "?race=" + "a" * 10240, "race"),
    ("repeated-key", "?lang=ar&lang=en", "lang"),
    ("percent-junk", "?%ZZ=%E0%A4%A&view=%00", "view"),
    ("unknown-key", "?foo=bar", "foo"),
]

# Anything a parameter could have become in the page: a script, an inline handler, echoed text.
INJECTED_JS = """
() => ({
  scripts: [...document.scripts].filter(s => /alert|<script/i.test(s.textContent)).length,
  echoed: document.documentElement.innerHTML.includes('alert(1)'),
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a =>
    /^on/i.test(a.name) && /alert/.test(a.value))).length,
})
"""


@pytest.fixture(scope="module")
def opened(module_tab: NewTab, app_server: str) -> dict[str, Tab]:
    """Every hostile link, each in a fresh context and loaded side by side."""
    tabs = {}
    for name, params, _ in HOSTILE:
        tabs[name] = module_tab()
        tabs[name].start(app_server + params)
    for tab in tabs.values():
        tab.settle()
    return tabs


@pytest.mark.browser
@pytest.mark.parametrize(("name", "key"), [(name, key) for name, _, key in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_link_opens_the_default_view(opened: dict[str, Tab], name: str, key: str) -> None:
    """Default view drawn, notice shown, no exception, no script, no dialog, URL cleaned."""
    tab = opened[name]
    page = tab.page

    assert page.locator(".dash-headline").is_visible(), "no headline"
    drawn = charts(page)
    assert len(drawn) == 1, f"not one chart: {drawn}"
    assert drawn[0]["traces"][0]["type"] == "bar", f"no vote share chart: {drawn}"
    assert any("Morocco" in tick for tick in drawn[0]["yticks"]), drawn[0]["yticks"]

    alerts = page.get_by_test_id("stAlert")
    assert alerts.count() == 1, "no notice (or more than one)"
    notice = alerts.inner_text()
    assert f"“{key}”" in notice, f"the notice does not name {key!r}: {notice!r}"
    assert len(notice) < 400, "the notice repeats the value"

    assert page.get_by_test_id("stException").count() == 0
    assert page.evaluate(INJECTED_JS) == {"scripts": 0, "echoed": False, "handlers": 0}
    assert tab.dialogs == [], f"a dialog opened: {tab.dialogs}"
    # The app writes its own (valid, default) state back into the address bar.
    assert query(page.url) == {"lang": ["en"]}, page.url
    assert not tab.failed
