"""AppTest: every section carries the citation of its own view, in the reader's language."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlencode

import pytest
from streamlit.elements.widgets.button import ButtonMixin

from components.data import DATA_DIR, load_dataset
from components.i18n import LANGUAGES, format_date, t
from components.state import VIEWS
from tests.apptest.test_app import open_app

CITATION = re.compile(r'<p class="dash-cite-text" data-version="([0-9a-f]+)">(.*?)</p>', re.DOTALL)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_section_cites_its_own_view_with_the_data_version(lang: str) -> None:
    data = load_dataset(DATA_DIR)
    at = open_app(lang=lang, region="africa")
    for view in VIEWS:
        at.session_state["control_view"] = view
        at.run()
        assert not at.exception, (lang, view)
        blocks = [str(element.proto.body) for element in at.get("html") if "dash-fold dash-cite" in element.proto.body]
        assert len(blocks) == 1, (lang, view)
        (found,) = CITATION.findall(blocks[0])
        version, text = found[0], html.unescape(re.sub(r"</?bdi>", "", found[1]))
        state = {key: at.session_state[f"control_{key}"] for key in ("lang", "region", "race", "view", "zoom")}
        assert state["view"] == view and state["region"] == "africa"
        # The permalink spells out every key of this view, as the share dialog's link does.
        assert text.endswith("?" + urlencode(state)), (lang, view, text)
        assert version == data.version and data.version in text
        assert t(lang, "app.title") in text and format_date(data.changed, lang) in text and "CC BY 4.0" in text
        assert f'dir="{"rtl" if lang == "ar" else "ltr"}" lang="{lang}"' in blocks[0]
        assert t(lang, "cite.title") in blocks[0] and 'href="app/static/data/CHANGELOG.txt"' in blocks[0]


def test_members_downloads_are_named_with_the_data_version(monkeypatch: pytest.MonkeyPatch) -> None:
    # The button's element does not carry its file name (Streamlit keeps it with the deferred data):
    # the names are read where the view passes them.
    names: list[str] = []
    original = ButtonMixin.download_button

    def recording(self: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(kwargs["file_name"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ButtonMixin, "download_button", recording)
    data = load_dataset(DATA_DIR)
    open_app(lang="fr", view="members", region="europe")
    assert names == [f"interpol-members-europe-fr-{data.version}.csv", f"interpol-members-all-fr-{data.version}.csv"]
