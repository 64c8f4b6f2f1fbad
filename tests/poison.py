"""A copy of data/ whose text cells hold markup: HTML with a style ``url()``, links with
``target=_top``, a Markdown image and link, in English and Arabic cells (issue #23, finding 1 and 2).

Every poisoned value points at :data:`HOST`; a page showing them must never ask it for anything,
nor link to it.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from components.data import DATA_DIR

HOST = "poison.invalid"
STYLE = f'<span style="background-image:url(http://{HOST}/bg.png)">Akpovo</span>'
LINK = f'<a href="http://{HOST}/a" target="_top">Monteiro</a>'
MARKDOWN = f"![i](http://{HOST}/md.png) [more](http://{HOST}/md)"
ARABIC_LINK = f'<a href="http://{HOST}/ar" target="_top">مونتيرو</a>'
# (file, row id, column): the cell's new text. The race, a candidate, an event of the Assembly week,
# the venue and the host city: every kind of data text that reaches a chart, a label or the card.
CELLS: dict[tuple[str, str, str], str] = {
    ("candidates.csv", "akpovo-monteiro-2024", "name_en"): f"Innocentia {STYLE} {LINK}",
    ("candidates.csv", "akpovo-monteiro-2024", "name_fr"): f"Innocentia {STYLE} {LINK}",
    ("candidates.csv", "akpovo-monteiro-2024", "name_ar"): f"إينوسنتيا {ARABIC_LINK} {STYLE}",
    ("races.csv", "vp-africa-2024", "office_en"): f"Vice-President for Africa {MARKDOWN} {LINK}",
    ("races.csv", "vp-africa-2024", "office_ar"): f"نائب الرئيس عن إفريقيا {MARKDOWN} {ARABIC_LINK}",
    ("events.csv", "ga92-opening", "title_en"): f"Keir Starmer opens {STYLE} {MARKDOWN}",
    ("events.csv", "ga92-opening", "title_ar"): f"كير ستارمر يفتتح {ARABIC_LINK} {MARKDOWN}",
    ("places.csv", "sec-glasgow", "name_en"): f"Scottish Event Campus {LINK}",
    ("places.csv", "sec-glasgow", "name_ar"): f"مركز الفعاليات {ARABIC_LINK}",
    ("assemblies.csv", "ga92", "city_en"): f"Glasgow {MARKDOWN}",
    ("assemblies.csv", "ga92", "city_ar"): f"غلاسغو {STYLE}",
}


def poison(target: Path) -> Path:
    """Write a copy of data/ into ``target`` with :data:`CELLS` in place; return ``target``."""
    shutil.copytree(DATA_DIR, target, dirs_exist_ok=True)
    for file in sorted({file for file, _, _ in CELLS}):
        path = target / file
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
        header = rows[0]
        key = "iso3" if "iso3" in header else "id"
        for row in rows[1:]:
            for (name, row_id, column), value in CELLS.items():
                if name == file and row and row[header.index(key)] == row_id:
                    row[header.index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), "utf-8")
    return target
