"""The printable fact sheet: one A4 PDF per race and language, drawn with fpdf2.

Pure (no Streamlit). fpdf2 shapes text with HarfBuzz (``uharfbuzz``) and orders it with its own
Unicode bidi algorithm, so it gets raw logical-order text like a browser (``components/text.py``):
Noto Sans Arabic joins the letters and the Latin names, URLs and numbers inside an Arabic sentence keep
their order. The page's words come from the same functions as the page's (headline, vote table, dates).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from PIL import Image

from components.chart_image import chart_png
from components.chart_spec import chart_in_digits
from components.data import Dataset
from components.data.schema import RELIABILITY
from components.figures.layout import ELECTED, GRID, INK, MUTED
from components.i18n import t
from components.labels import race_title
from components.section_charts import race_source_ids, votes_chart
from components.share_card import FONTS_DIR
from components.summaries import headline_text, key_dates, vote_rows
from components.tables.votes import race_row
from components.text import DEFAULT_DIGITS, is_rtl, localized_digits
from components.theme import LIGHT

# fontsource's subsets, the snapshot's web fonts: the Arabic file has no Latin glyphs, nor the Latin
# file Arabic ones, so each is the other's fallback (fpdf2 reads WOFF2 through fontTools and Brotli).
FONT_FILES = {
    ("arabic", ""): "noto-sans-arabic-arabic-400-normal.woff2",
    ("arabic", "B"): "noto-sans-arabic-arabic-700-normal.woff2",
    ("latin", ""): "noto-sans-latin-400-normal.woff2",
    ("latin", "B"): "noto-sans-latin-700-normal.woff2",
    # Last: letters outside both subsets (the Ş of Yeni Şafak), as on the share card.
    ("dejavu", ""): "DejaVuSans.ttf",
    ("dejavu", "B"): "DejaVuSans-Bold.ttf",
}
MARGIN = 15.0
# The chart keeps room on the first page for the headline above it and the first table rows below.
CHART_MAX_HEIGHT = 105.0
# Share of the text width per column: candidate, country, outcome, votes.
COLUMNS = (0.36, 0.22, 0.18, 0.24)


@dataclass(frozen=True)
class Style:
    """How a paragraph is drawn."""

    size: float
    bold: bool = False
    colour: str = INK
    gap: float = 0.0


KICKER = Style(9, colour=MUTED)
TITLE = Style(17, bold=True, gap=1)
HEADLINE = Style(12.5, bold=True, colour=ELECTED, gap=2)
HEADING = Style(11.5, bold=True, gap=5)
BODY = Style(9.5, gap=0.5)
CELL = Style(9)
SOURCE = Style(8, gap=0.6)
NOTE = Style(8.5, colour=MUTED, gap=1)


@cache
def font_file(name: str) -> Path:
    """A vendored font as fpdf2 reads it fastest: WOFF2 unpacked once per process into a temporary
    folder (rebuilding the glyph table costs more than the rest of a sheet), TTF as it is."""
    source = FONTS_DIR / name
    if source.suffix != ".woff2":
        return source
    target = Path(tempfile.mkdtemp(prefix="dash-fonts-")) / f"{source.stem}.ttf"
    font = TTFont(source)
    font.flavor = None
    font.save(target)
    return target


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


class Sheet:
    """An fpdf2 document in one language: fonts, direction and paragraphs drawn on the start side."""

    def __init__(self, lang: str, digits: str = DEFAULT_DIGITS) -> None:
        self.lang = lang
        self.digits = digits
        self.rtl = is_rtl(lang)
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, MARGIN)
        self.pdf.set_lang(lang)
        for (family, style), name in FONT_FILES.items():
            self.pdf.add_font(family, style, str(font_file(name)))
        self.family = "arabic" if self.rtl else "latin"
        self.pdf.set_fallback_fonts(["latin" if self.rtl else "arabic", "dejavu"])
        self._shaping()
        self.pdf.add_page()

    @property
    def width(self) -> float:
        """The text width in mm."""
        return float(self.pdf.epw)

    def _shaping(self, *, url: bool = False) -> None:
        # A URL is ASCII, left to right: nothing to shape, and fpdf2's line breaking shapes every
        # character of a shaped paragraph on its own, which makes the sources most of a sheet's time.
        if url:
            self.pdf.set_text_shaping(use_shaping_engine=False)
        else:
            self.pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if self.rtl else "ltr")

    def _style(self, style: Style) -> None:
        self.pdf.set_font(self.family, "B" if style.bold else "", style.size)
        # fpdf2 2.8.9 writes a line's font inside its q...Q, yet may skip set_font as already set: text
        # after a line that began in the fallback font would then be drawn in the wrong font. Set each time.
        self.pdf.current_font_is_set_on_page = False
        self.pdf.set_text_color(*_rgb(style.colour))

    @contextmanager
    def _actual_text(self, text: str) -> Iterator[None]:
        # Shaped glyphs map back to letters badly (Noto's dots are glyphs of their own, and the glyphs
        # of an Arabic line are stored in visual order): /ActualText (ISO 32000-1, 14.9.4) gives copy,
        # search and screen readers the logical text. fpdf2 has no API for marked content.
        code = (b"\xfe\xff" + text.encode("utf-16-be")).hex().upper()
        self.pdf._out(f"/Span <</ActualText <{code}>>> BDC")
        yield
        self.pdf._out("EMC")

    def _measure(self, width: float, height: float, text: str, output: str) -> Any:
        # multi_cell's return type covers every output; a dry run asks for one.
        return self.pdf.multi_cell(width, height, text, dry_run=True, output=output)

    def paragraph(self, text: str, style: Style, *, url: bool = False) -> None:
        """``text`` wrapped over the text width, aligned to the start side; ``url``: a link to itself."""
        if not text:
            return
        text = text if url else localized_digits(text, self.digits)
        self._style(style)
        self._shaping(url=url)
        height = style.size * 0.53
        # A paragraph never breaks across pages: its marked content must open and close on one page.
        needed = self._measure(self.width, height, text, "HEIGHT")
        if self.pdf.get_y() + style.gap + needed > self.pdf.page_break_trigger:
            self.pdf.add_page()
        self.pdf.set_y(self.pdf.get_y() + style.gap)
        with self._actual_text(text):
            align = Align.R if self.rtl else Align.L
            self.pdf.multi_cell(
                self.width, height, text, align=align, link=text if url else "", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self._shaping()

    def image(self, png: bytes) -> None:
        """A PNG across the text width, at most :data:`CHART_MAX_HEIGHT` tall, centred."""
        with Image.open(io.BytesIO(png)) as image:
            ratio = image.height / image.width
        width = min(self.width, CHART_MAX_HEIGHT / ratio)
        y = self.pdf.get_y() + 3
        self.pdf.image(io.BytesIO(png), x=MARGIN + (self.width - width) / 2, y=y, w=width)
        self.pdf.set_y(y + width * ratio + 1)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Rows of cells, the first column on the start side, a rule under each row; cells are drawn in
        reading order (copy and screen readers follow it)."""
        widths = [share * self.width for share in COLUMNS]
        starts = [MARGIN + sum(widths[:index]) for index in range(len(widths))]
        if self.rtl:
            starts = [MARGIN + self.width - start + MARGIN - width for start, width in zip(starts, widths, strict=True)]
        self.pdf.set_y(self.pdf.get_y() + 2)
        for index, row in enumerate([header, *rows]):
            cells = [localized_digits(cell, self.digits) for cell in row]
            style = Style(CELL.size, bold=index == 0, colour=MUTED if index == 0 else INK)
            self._style(style)
            height = style.size * 0.5
            lines = max(
                len(self._measure(width - 2, height, cell, "LINES")) for width, cell in zip(widths, cells, strict=True)
            )
            if self.pdf.get_y() + lines * height + 2 > self.pdf.page_break_trigger:
                self.pdf.add_page()
            top = self.pdf.get_y()
            for start, width, cell in zip(starts, widths, cells, strict=True):
                # The 2 mm between columns go on the cell's end side.
                self.pdf.set_xy(start + 2 if self.rtl else start, top)
                self._style(style)
                with self._actual_text(cell):
                    self.pdf.multi_cell(width - 2, height, cell, align=Align.R if self.rtl else Align.L)
            bottom = top + lines * height + 1.2
            self.pdf.set_draw_color(*_rgb(GRID))
            self.pdf.line(MARGIN, bottom, MARGIN + self.width, bottom)
            self.pdf.set_y(bottom + 1.2)

    def output(self) -> bytes:
        """The PDF file."""
        return bytes(self.pdf.output())


def sources(data: Dataset, race_id: str) -> list[tuple[str, str]]:
    """Publisher and URL of every source of the race (its counts, totals and the race itself), the
    most reliable first."""
    table = data.sources.set_index("id")
    refs = [*race_source_ids(data, race_id), *race_row(data, race_id)["source_ids"]]
    known = [ref for ref in dict.fromkeys(refs) if ref in table.index]
    known.sort(key=lambda ref: RELIABILITY.index(str(table.at[ref, "reliability"])))
    # Several quotes of one page are several sources in the data, one line here.
    return list(dict.fromkeys((str(table.at[ref, "publisher"]), str(table.at[ref, "url"])) for ref in known))


def fact_sheet_pdf(
    data: Dataset, race_id: str, lang: str, citation: str, chart_png: bytes | None, digits: str = DEFAULT_DIGITS
) -> bytes:
    """The fact sheet of ``race_id`` in ``lang``: headline, chart (``chart_png``, or a note that it is
    not available), candidates, key dates, sources, ``citation`` and the data version, in ``digits``."""
    sheet = Sheet(lang, digits)
    race = race_row(data, race_id)
    title = race_title(race, lang)
    sheet.pdf.set_title(title)
    sheet.pdf.set_creator(t(lang, "app.title"))
    sheet.paragraph(f"{t(lang, 'factsheet.title')} · {t(lang, 'card.kicker')}", KICKER)
    sheet.paragraph(title, TITLE)
    sheet.paragraph(headline_text(data, race_id, lang), HEADLINE)
    if chart_png:
        sheet.image(chart_png)
    else:
        sheet.paragraph(t(lang, "factsheet.no_chart"), Style(NOTE.size, colour=MUTED, gap=4))
    sheet.paragraph(t(lang, "factsheet.candidates"), HEADING)
    header = [t(lang, key) for key in ("col.candidate", "col.country", "col.outcome", "col.votes")]
    sheet.table(header, vote_rows(data, race_id, lang))
    sheet.paragraph(t(lang, "factsheet.dates"), HEADING)
    for line in key_dates(data, race_id, lang):
        sheet.paragraph(line, BODY)
    sheet.paragraph(t(lang, "factsheet.sources"), HEADING)
    for publisher, url in sources(data, race_id):
        sheet.paragraph(publisher, Style(SOURCE.size, bold=True, gap=1.2))
        sheet.paragraph(url, Style(SOURCE.size, colour=LIGHT.link), url=True)
    sheet.paragraph(t(lang, "factsheet.cite", citation=citation), Style(NOTE.size, colour=INK, gap=6))
    sheet.paragraph(t(lang, "factsheet.version", version=data.version), NOTE)
    return sheet.output()


def fact_sheet_name(race_id: str, lang: str) -> str:
    """The file name of a fact sheet: ``interpol-<race>-<lang>.pdf``."""
    return f"interpol-{race_id}-{lang}.pdf"


def fact_sheet(data: Dataset, race_id: str, lang: str, citation: str, digits: str = DEFAULT_DIGITS) -> bytes:
    """:func:`fact_sheet_pdf` with the race's vote chart drawn by kaleido, as the page draws it (or the
    note that it is not available here)."""
    chart = chart_in_digits(votes_chart(data, race_id, lang), digits)
    return fact_sheet_pdf(data, race_id, lang, citation, chart_png(chart, lang), digits)
