"""AppTest: ``digits=arab``, from the link to every view's numbers and back into the link."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components.i18n import t
from components.state import VIEWS
from tests.apptest.test_app import open_app, payloads
from tests.unit.figure_text import displayed_strings
from tests.unit.test_digits import western_numbers

ARABIC_INDIC = re.compile("[\u0660-\u0669]")
# Not text of the page: styles; kept as printed: verbatim quotes.
NOT_PAGE_TEXT = re.compile(r"<style>.*?</style>|<blockquote\b.*?</blockquote>", re.DOTALL)


def html_numbers(markup: str) -> list[str]:
    """Western-digit numbers in the text nodes of ``markup`` (see ``western_numbers``)."""
    nodes = re.split(r"<[^>]*>", NOT_PAGE_TEXT.sub("", markup))
    return [number for node in nodes for number in western_numbers(node)]


def html_text(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def digits_control(at: AppTest) -> list[str]:
    return [radio.label for radio in at.sidebar.radio if radio.label == t("ar", "control.digits")]


def test_digits_arab_in_the_link_selects_arabic_indic_digits() -> None:
    at = open_app(lang="ar", digits="arab")
    assert not at.exception and not at.info
    assert at.session_state["control_digits"] == "arab"
    assert at.query_params["digits"] == "arab"
    assert "٩٦" in html_text(at)
    assert html_numbers(html_text(at)) == []
    [payload] = payloads(at)
    assert ARABIC_INDIC.search(payload["figure"]["layout"]["xaxis"]["ticktext"][1])
    assert western_numbers(" ".join([payload["title"], *payload["subtitle"], payload["description"]])) == []


def test_the_control_is_offered_in_arabic_only() -> None:
    assert digits_control(open_app(lang="ar")) == [t("ar", "control.digits")]
    for lang in ("en", "fr"):
        at = open_app(lang=lang)
        assert not digits_control(at) and len(at.sidebar.radio) == 1  # the language only


def test_the_control_writes_the_choice_into_the_link() -> None:
    at = open_app(lang="ar")
    assert "digits" not in at.query_params  # Western digits by default
    at.sidebar.radio(key="control_digits_ar").set_value("arab").run()
    assert at.query_params["digits"] == "arab"
    assert "٩٦" in html_text(at)


def test_the_link_keeps_digits_after_a_region_change() -> None:
    at = open_app(lang="ar", digits="arab")
    at.main.radio(key="control_region_ar_arab").set_value("europe").run()
    assert not at.exception
    assert (at.query_params["region"], at.query_params["digits"]) == ("europe", "arab")
    assert ARABIC_INDIC.search(html_text(at))


def test_outside_arabic_the_key_is_neither_applied_nor_kept() -> None:
    at = open_app(lang="en", digits="arab")
    assert not at.exception and not at.info  # a valid value for Arabic pages: set aside silently
    assert "digits" not in at.query_params
    assert not ARABIC_INDIC.search(html_text(at))
    assert "96" in html_text(at)


def test_a_hostile_digits_value_gets_the_notice() -> None:
    at = open_app(lang="ar", digits="<img src=x>")
    assert len(at.info) == 1 and "<img" not in at.info[0].value
    assert at.session_state["control_digits"] == "latn"


@pytest.mark.parametrize("view", VIEWS)
def test_every_section_in_arab_mode_shows_no_western_number(view: str) -> None:
    at = open_app(lang="ar", digits="arab", view=view)
    assert not at.exception
    shown = [radio_label for radio in at.main.radio for radio_label in map(str, radio.options)]
    shown += [element.value for element in (*at.caption, *at.subheader)] + [e.label for e in (*at.expander, *at.button)]
    for payload in payloads(at):
        figure = go.Figure(payload["figure"])
        shown += [*displayed_strings(figure), payload["title"], *payload["subtitle"], payload["description"]]
        shown += [payload["source"], *(item["name"] for item in payload["legend"])]
        shown += [str(text) for axis in (figure.layout.xaxis, figure.layout.yaxis) for text in axis.ticktext or ()]
    assert [number for text in shown for number in western_numbers(text)] == []
    assert html_numbers(html_text(at)) == []
