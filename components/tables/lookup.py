"""Finding one row of a table by its id."""

from __future__ import annotations

import pandas as pd


def row_by(frame: pd.DataFrame, value: str, column: str = "id") -> pd.Series:
    """The first row whose ``column`` equals ``value`` (KeyError naming the value if none)."""
    rows = frame[frame[column] == value]
    if rows.empty:
        raise KeyError(value)
    return rows.iloc[0]
