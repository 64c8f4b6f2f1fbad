"""CSV files as readers download them: a cell a spreadsheet would run as a formula is neutralised.

The data check refuses formula cells in text columns; this is the second line for every CSV the app
or the snapshot offers (a members table built from data, the data files themselves).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from components.data.package import FORMULA_STARTS

# A plain number (a longitude such as -4.2888) is data, not a formula: it stays as it is.
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def safe_cell(value: str) -> str:
    """``value`` with a leading ``'`` if a spreadsheet would read it as a formula (OWASP's advice)."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_csv_text(text: str) -> str:
    """CSV text with every formula cell neutralised (quoting as the csv module writes it)."""
    rows = csv.reader(io.StringIO(text, newline=""))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def safe_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV bytes for a download, formula cells neutralised."""
    return safe_csv_text(frame.to_csv(index=False)).encode("utf-8")
