"""Import time of the app's modules beyond ``import streamlit`` (``python -X importtime``): the part
of a cold first render that the bare app does not pay."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

MARKER = "--bench-app-imports--"
NOTABLE = ("plotly", "pandas", "numpy", "pyarrow", "babel", "pycountry", "PIL", "arabic_reshaper", "bidi")


def app_imports(script: Path) -> list[str]:
    """The import statements at the top level of ``script``."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    return [
        ast.unparse(node)
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
    ]


def import_times(script: Path, app_dir: Path) -> dict[str, Any]:
    """Cumulative import time (ms) of each top-level import the app adds after ``import streamlit``."""
    statements = app_imports(script)
    code = "\n".join(["import streamlit, sys", f"sys.stderr.write({MARKER + chr(10)!r})", *statements])
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=app_dir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = done.stderr.split(MARKER, 1)[1].splitlines() if MARKER in done.stderr else []
    top: list[tuple[str, float]] = []
    notable: dict[str, float] = {}
    for line in lines:
        if not line.startswith("import time:") or "|" not in line:
            continue
        try:
            _self, cumulative, name = line.split(":", 1)[1].split("|")
            cum_ms = int(cumulative.strip()) / 1000
        except ValueError:
            continue
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        package = name.strip()
        if depth == 0:
            top.append((package, cum_ms))
        root = package.split(".")[0]
        if root in NOTABLE and package == root:
            notable[root] = max(notable.get(root, 0.0), cum_ms)
    return {
        "returncode": done.returncode,
        "imports": statements,
        "total_ms": sum(ms for _name, ms in top),
        "top_level_ms": sorted(top, key=lambda item: -item[1])[:15],
        "notable_packages_ms": dict(sorted(notable.items(), key=lambda item: -item[1])),
        "stderr_tail": "" if done.returncode == 0 else done.stderr[-1000:],
    }
