"""Command line: ``python -m components.data check data/`` exits 0 on good data, 1 with the list;
``python -m components.data version data/`` writes the data's version into ``datapackage.json``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from components.data.validation import check_folder
from components.data.version import version_problems, write_version


def main(argv: list[str] | None = None) -> int:
    """Check a data folder and print every problem as ``file:line: column: message``, or write its version."""
    parser = argparse.ArgumentParser(prog="python -m components.data")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every table of a data folder")
    check.add_argument("folder", type=Path, nargs="?", default=Path("data"))
    version = commands.add_parser("version", help="write the data's version into datapackage.json")
    version.add_argument("folder", type=Path, nargs="?", default=Path("data"))
    args = parser.parse_args(argv)
    if args.command == "version":
        print(write_version(args.folder))
        return 0
    _, problems = check_folder(args.folder)
    # A stale version is the editor's to refresh, not a reason for the app to refuse the data (the
    # app computes the version itself), so only this command reports it; and only of a package that
    # can be read, which is why it comes after the other problems are gone.
    if not problems:
        problems = version_problems(args.folder)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {args.folder}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
