"""Driving Debian's Chromium (Playwright cannot download its own browser here): where it is and the
flags every launch uses. Shared by the browser tests and the benchmark, which import it from here so
that neither imports the other."""

from __future__ import annotations

import os
import shutil

# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def find_chromium() -> str | None:
    """``$CHROMIUM``, else the first of ``chromium``/``chromium-browser`` on PATH, else None."""
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser"):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None
