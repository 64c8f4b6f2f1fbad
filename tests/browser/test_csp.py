"""The dashboard works under the balancer's Content-Security-Policy (issue #23, acceptance 3).

``deploy/local.sh 1`` as it runs in public (security headers, no X-Replica): every section in Arabic
and English, first painted then drawn live and hovered; the page reports no CSP violation (neither a
``securitypolicyviolation`` event nor a console message), no exception, no failed request.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.cluster import LocalCluster
from tests.browser.test_charts import CASES, hover_problems, hover_targets
from tests.browser.ui import NewTab, Tab

pytestmark = pytest.mark.browser

LANGS = ("ar", "en")
SECTIONS = {**CASES, "members": "view=members", "sources": "view=sources"}
RECORD_JS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
LIVE_JS = "() => [...document.querySelectorAll('.dash-chart')].every(c => c.dataset.drawn === 'true')"


@pytest.fixture(scope="module")
def balancer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    with LocalCluster(1, Path(tmp_path_factory.mktemp("csp")) / "run", expose_replica=False) as running:
        yield running


def _open(new_tab: NewTab, url: str) -> tuple[Tab, list[str]]:
    tab = new_tab()
    console: list[str] = []
    tab.page.on("console", lambda message: console.append(message.text))
    tab.page.on("pageerror", lambda error: console.append(f"exception: {error}"))
    tab.page.add_init_script(RECORD_JS)
    tab.open(url)
    return tab, console


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_works_under_the_policy(new_tab: NewTab, balancer: LocalCluster, lang: str, section: str) -> None:
    tab, console = _open(new_tab, f"{balancer.url}?lang={lang}&{SECTIONS[section]}")
    response = tab.page.request.get(balancer.url)
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    page = tab.page
    if section in CASES:
        for plot in page.locator(".dash-chart .dash-plot").all():
            plot.hover()  # reaching for a painted chart brings the live one
        page.wait_for_function(LIVE_JS, timeout=60_000, polling=100)
        found = [
            problem
            for chart, target, want in hover_targets(page, lang, section)
            for problem in hover_problems(page, chart, target, want)
        ]
        assert not found, found
    assert page.evaluate("() => window.__csp") == []
    refused = [text for text in console if "Content Security Policy" in text or text.startswith("exception")]
    assert refused == []
    assert tab.failed == [] and tab.dialogs == []
