"""Command line: ``python -m components.data check data/`` exits 0 on good data, 1 with the list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.data.validation import check_folder


def main(argv: list[str] | None = None) -> int:
    """Check a data folder and print every problem as ``file:line: column: message``."""
    parser = argparse.ArgumentParser(prog="python -m components.data")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every table of a data folder")
    check.add_argument("folder", type=Path, nargs="?", default=Path("data"))
    args = parser.parse_args(argv)
    _, problems = check_folder(args.folder)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {args.folder}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
