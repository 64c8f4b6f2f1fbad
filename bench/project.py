"""What is benchmarked: a snapshot of the dashboard's working tree, and the bare app beside it."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# Never part of the app: the benchmark itself, the test suites, CI.
EXCLUDED_TOP = frozenset({"bench", "tests", ".ci", ".github", "artifacts", "site"})
# Copied when git cannot list the tree.
FALLBACK_ENTRIES = ("app.py", "components", "data", "static", ".streamlit")
BARE_APP = 'import streamlit as st\n\nst.write("hello")\n'
# The bare app a phone reader taps (bench/taps.py): a radio of five options and the choice.
TAP_APP = (
    "import streamlit as st\n\n"
    'choice = st.radio("Region", ["All", "Africa", "Americas", "Asia", "Europe"])\n'
    'st.write(f"chosen {choice}")\n'
)
# A reference, not a target: the bare app plus one tiny plotly chart. Its first render is the floor
# of any page that draws a chart with st.plotly_chart (plotly.js is a lazily loaded chunk).
FLOOR_APP = (
    "import plotly.graph_objects as go\n"
    "import streamlit as st\n\n"
    'st.write("hello")\n'
    "st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[2, 3, 1])), theme=None)\n"
)


@dataclass(frozen=True)
class Project:
    """The app directory the servers and AppTest run, and where its files came from."""

    app_dir: Path
    script: Path
    git_head: str | None = None
    dirty: list[str] = field(default_factory=list)
    snapshot: bool = True


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


def snapshot(root: Path, target: Path, *, in_place: bool = False) -> Project:
    """Copy the app's files (tracked and untracked, not ignored) to ``target``: the tree may change
    while the benchmark runs. With ``in_place`` the working tree is run as it is."""
    head = (_git(root, "rev-parse", "HEAD") or "").strip() or None
    status = _git(root, "status", "--porcelain") or ""
    dirty = [line[3:] for line in status.splitlines() if line[3:].split("/")[0] not in EXCLUDED_TOP]
    if in_place:
        return Project(root, root / "app.py", head, dirty, snapshot=False)
    listed = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    names = (
        sorted({name for name in listed.split("\0") if name})
        if listed
        else [str(p.relative_to(root)) for e in FALLBACK_ENTRIES for p in _walk(root / e)]
    )
    for name in names:
        if name.split("/")[0] in EXCLUDED_TOP:
            continue
        source = root / name
        if not source.is_file():  # deleted in the working tree
            continue
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)
    return Project(target, target / "app.py", head, dirty)


def _walk(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def write_bare_app(target: Path, source: str = BARE_APP, name: str = "bare_app.py") -> Path:
    """The bare app: one ``st.write``, in a folder of its own (no ``.streamlit/`` config)."""
    target.mkdir(parents=True, exist_ok=True)
    script = target / name
    script.write_text(source, encoding="utf-8")
    return script
