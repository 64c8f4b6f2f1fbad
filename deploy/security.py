"""The security headers the load balancer adds to every response, written at start for the Streamlit
that is installed: ``python -m deploy.security --out RUN_DIR`` writes ``security.conf`` (local.sh runs it).

The Content-Security-Policy is the one Streamlit 1.67 was found to run under (the engineering guide's
third review), with Streamlit's one inline script allowed by its hash, computed here from
Streamlit's own ``static/index.html`` (the hash changes with Streamlit's version): no other inline
script, no script from another host, no JavaScript ``eval`` (WebAssembly only); ``blob:`` for the
script of a custom component (the chart frame, ``st.components.v2``); ``frame-ancestors *`` so the
dashboard can be embedded.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import streamlit

INDEX_HTML = Path(streamlit.__file__).resolve().parent / "static" / "index.html"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
REFERRER_POLICY = "strict-origin-when-cross-origin"


def inline_script_hashes(page: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) of every inline ``<script>`` of ``page``."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in _INLINE_SCRIPT.findall(page)
    ]


def content_security_policy(page: str) -> str:
    """The policy for Streamlit's page ``page`` (its ``index.html``)."""
    # 'wasm-unsafe-eval' compiles WebAssembly only (no JavaScript eval): protobuf's long.js, in
    # Streamlit's bundle, compiles a tiny module for 64-bit arithmetic on every page (without it
    # the page works but reports a violation each time).
    scripts = " ".join(["'self'", *inline_script_hashes(page), "'wasm-unsafe-eval'", "blob:"])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            # Streamlit's styles are emotion's, inserted at run time; plotly.js styles its hover labels.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors *",
        ]
    )


def security_conf(page: str) -> str:
    """nginx ``add_header`` lines (server level, ``always``: error pages get them too)."""
    policy = content_security_policy(page)
    if '"' in policy or "$" in policy:
        raise ValueError("the policy cannot be written as an nginx string")
    return (
        "# Written by deploy/security.py at start, for the installed Streamlit; included by nginx.conf.\n"
        f'add_header Content-Security-Policy "{policy}" always;\n'
        "add_header X-Content-Type-Options nosniff always;\n"
        f"add_header Referrer-Policy {REFERRER_POLICY} always;\n"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``--out RUN_DIR`` (writes ``security.conf``)."""
    parser = argparse.ArgumentParser(prog="python -m deploy.security", description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    path = args.out / "security.conf"
    path.write_text(security_conf(INDEX_HTML.read_text(encoding="utf-8")), encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
