"""How to cite a view of the dashboard: its title, the data's version and last change, the view's
permalink and the licence of our compilation, as plain text, HTML, BibTeX and CSL-JSON (pure).

The plain text is what the copy button copies and what a printed fact sheet prints; the HTML shows
the same words with every value escaped and isolated (``<bdi>``), so a Latin URL or version keeps
its order inside an Arabic sentence.
"""

from __future__ import annotations

import datetime as dt
import html as std_html
import json
import re

from components import html
from components.i18n import catalogue, format_date, t

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The key of a citation names the data's state, so two citations of two versions do not collide.
KEY_PREFIX = "interpol-vp-africa-2024"
# biblatex's language names (``langid``) for ours.
LANGID = {"en": "english", "fr": "french", "ar": "arabic"}
# TeX's special characters in a BibTeX field, each as TeX prints it literally.
_TEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _TEX_ESCAPES))
# A URL field is read verbatim by biblatex, but its braces must balance: they, a backslash and any
# space are percent-encoded, which leaves the address the same for a browser.
_URL_UNSAFE = re.compile(r"[{}\\\s]")


def _values(lang: str, permalink: str, version: str, changed: dt.date) -> dict[str, str]:
    return {
        "title": t(lang, "app.title"),
        "version": version,
        "date": format_date(changed, lang),
        "licence": LICENCE,
        "url": permalink,
    }


def citation_text(lang: str, permalink: str, version: str, changed: dt.date) -> str:
    """The citation of the view at ``permalink`` as one line of plain text in ``lang``."""
    return t(lang, "cite.text", **_values(lang, permalink, version, changed))


def _safe_message(lang: str, key: str, values: dict[str, str]) -> str:
    """Message ``key`` as HTML: the message's own words escaped, each value escaped and isolated."""
    template = std_html.escape(catalogue(lang).get(key) or catalogue("en")[key], quote=False)
    return template.format(**{name: html.text(value) for name, value in values.items()})


def citation_html(lang: str, permalink: str, version: str, changed: dt.date, changelog_url: str) -> str:
    """A folded "Cite this" block: the citation (one click selects it), the licence, the changelog
    at ``changelog_url`` (a path of the app's own files) and where the copy button is."""
    text = _safe_message(lang, "cite.text", _values(lang, permalink, version, changed))
    links = " · ".join(
        (
            html.link(LICENCE_URL, t(lang, "cite.licence")),
            html.local_link(changelog_url, t(lang, "cite.changelog")),
        )
    )
    body = (
        f'<p class="dash-cite-text" data-version="{html.attr(version)}">{text}</p>'
        f'<p class="dash-meta">{links}</p>{html.caption(t(lang, "cite.tools"))}'
    )
    return html.fold(t(lang, "cite.title"), body, css_class="dash-cite")


def citation_key(version: str) -> str:
    """The BibTeX key and CSL id of a citation of data version ``version``."""
    return f"{KEY_PREFIX}-{version}"


def tex_escape(value: str) -> str:
    """``value`` as a BibTeX field prints it: TeX's special characters escaped."""
    return _TEX_SPECIAL.sub(lambda found: _TEX_ESCAPES[found.group()], value)


def bibtex(lang: str, permalink: str, version: str, changed: dt.date) -> str:
    """The citation as one BibTeX ``@misc`` entry (UTF-8; biblatex reads ``date``, ``version``, ``langid``)."""
    values = _values(lang, permalink, version, changed)
    url = _URL_UNSAFE.sub(lambda found: "%" + "".join(f"{byte:02X}" for byte in found.group().encode()), permalink)
    fields = {
        # Double braces keep the title's capitals as written.
        "title": "{" + tex_escape(values["title"]) + "}",
        "year": str(changed.year),
        "date": changed.isoformat(),
        "version": tex_escape(version),
        "url": url,
        "langid": LANGID.get(lang, "english"),
        "note": tex_escape(t(lang, "cite.note", **values)),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{citation_key(version)},\n{body}\n}}\n"


def csl_json(lang: str, permalink: str, version: str, changed: dt.date) -> str:
    """The citation as CSL-JSON (a list of one ``dataset`` item), for Zotero, Pandoc and citeproc."""
    values = _values(lang, permalink, version, changed)
    item = {
        "id": citation_key(version),
        "type": "dataset",
        "title": values["title"],
        "version": version,
        "URL": permalink,
        "issued": {"date-parts": [[changed.year, changed.month, changed.day]]},
        "language": lang,
        "note": t(lang, "cite.note", **values),
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
