"""The "Cite this" block in Chromium (issue 25): in Arabic and English a section's folded citation
opens, reads in the page's direction and holds the data's version and the permalink of the view
on screen; the changelog it links is served by the app; the share dialog's copy button copies it."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from components.citation import citation_text
from components.data import DATA_DIR, load_dataset
from components.i18n import t
from tests.browser.ui import NewTab, open_share

# Two views away from the defaults: the permalink must be the view's, not the app's root.
VIEWS = {
    "ar": {"lang": "ar", "region": "africa", "race": "vp-africa-2024", "view": "map", "zoom": "assembly"},
    "en": {"lang": "en", "region": "all", "race": "vp-africa-2024", "view": "timeline", "zoom": "history"},
}
# The citation's paragraph, and how far its first value (the title) stands from the edge its line starts at.
CITATION_JS = """
() => {
  const fold = document.querySelector('details.dash-cite');
  const text = fold.querySelector('.dash-cite-text');
  const parts = [...text.querySelectorAll('bdi')].map(part => part.getBoundingClientRect());
  const box = text.getBoundingClientRect();
  const style = getComputedStyle(text);
  const left = box.left + parseFloat(style.paddingLeft), right = box.right - parseFloat(style.paddingRight);
  return {
    text: text.innerText.trim(), version: text.dataset.version, direction: style.direction,
    visible: box.height > 0, titleLeft: parts[0].left - left, titleRight: right - parts[0].right,
    changelog: fold.querySelector('a[href$="CHANGELOG.txt"]').href,
  };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_citation_of_the_view_on_screen(new_tab: NewTab, app_server: str, lang: str) -> None:
    data = load_dataset(DATA_DIR)
    state = VIEWS[lang]
    tab = new_tab(permissions=["clipboard-read", "clipboard-write"])
    tab.open(f"{app_server}?{urlencode(state)}")
    page = tab.page
    page.locator("details.dash-cite > summary").click()
    found = page.evaluate(CITATION_JS)
    assert found["visible"], "the fold did not open"
    assert found["version"] == data.version
    assert found["text"].endswith("?" + urlencode(state)), found["text"]
    # Right to left in Arabic: the title, its first words, starts at the paragraph's right edge.
    assert found["direction"] == ("rtl" if lang == "ar" else "ltr")
    assert (found["titleRight"] if lang == "ar" else found["titleLeft"]) < 1, found

    # The changelog is the app's own file, shown in the browser as text.
    response = page.request.get(found["changelog"])
    assert response.status == 200 and response.headers["content-type"].startswith("text/plain")
    assert response.body() == (DATA_DIR / "CHANGELOG.md").read_bytes()

    # The permalink is the share dialog's link; the dialog gives the same citation in a box whose
    # button copies it.
    dialog = open_share(page, lang)
    # The dialog is turned with the page: in Arabic its text runs right to left, its close button on the left.
    close, frame = dialog.locator('button[aria-label="Close"]').bounding_box(), dialog.bounding_box()
    assert close and frame
    on_the_left = close["x"] + close["width"] / 2 < frame["x"] + frame["width"] / 2
    assert dialog.evaluate("e => getComputedStyle(e).direction") == ("rtl" if lang == "ar" else "ltr")
    assert on_the_left == (lang == "ar"), (close, frame)
    link = dialog.get_by_test_id("stCode").first.inner_text().strip()
    assert found["text"] == citation_text(lang, link, data.version, data.changed)
    box = dialog.get_by_test_id("stCode").filter(has_text=data.version)
    assert box.inner_text().strip() == found["text"]
    box.hover()
    box.get_by_role("button").first.click()
    assert page.evaluate("() => navigator.clipboard.readText()") == found["text"]
    assert dialog.get_by_test_id("stDownloadButton").filter(has_text=t(lang, "cite.bibtex")).count() == 1
    assert not tab.failed and not tab.dialogs
