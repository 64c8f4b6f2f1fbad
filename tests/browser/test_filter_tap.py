"""A filter tap reruns the section alone (``app.section`` is a Streamlit fragment, issue 21): the
headline, the section picker and the language switch are not sent again. Everything that names the
view follows the tap all the same: the address bar, the citation, the share dialog's link (the
sidebar's share button is drawn by the section, so the dialog it opens after a tap has the tap's view).

Negative control: on a full rerun (the app before the fragment) the run's last message says the
whole script finished, and the check fails.
"""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.ui import NewTab, choose_region, open_share, wait_for_app

pytestmark = pytest.mark.browser


def run_endings(page: Any) -> list[int]:
    """Start recording how each script run of ``page`` ends (``ForwardMsg.script_finished``)."""
    endings: list[int] = []

    def on_frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "script_finished":
                endings.append(message.script_finished)

    page.on("websocket", lambda socket: socket.on("framereceived", on_frame))
    return endings


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_filter_tap_reruns_the_section_alone_and_the_links_follow(
    new_tab: NewTab, app_server: str, lang: str
) -> None:
    tab = new_tab()
    endings = run_endings(tab.page)
    tab.open(f"{app_server}?lang={lang}&view=map")
    page = tab.page
    wait_for_app(page)
    endings.clear()

    choose_region(page, lang, "europe")

    assert endings == [ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY], f"not a fragment run: {endings}"
    assert "region=europe" in page.url
    page.locator("details.dash-cite > summary").click()
    citation = page.locator(".dash-cite-text").inner_text()
    link = open_share(page, lang).get_by_test_id("stCode").first.inner_text().strip()
    assert "region=europe" in link and "view=map" in link, link
    assert citation.strip().endswith(link.split("?", 1)[1]), citation
    assert not tab.failed and not tab.dialogs
