"""``python -m lightlane.docsgen [SOURCE] [TARGET] [--only SECTION ...]``: write the site's
sources (see the package); ``--only`` generates the named sections alone (for working on one)."""

from __future__ import annotations

import sys
from pathlib import Path

from lightlane.docsgen import DocsBuildError, build_docs

if __name__ == "__main__":
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        at = args.index("--only")
        only, args = set(args[at + 1 :]), args[:at]
    source = Path(args[0] if args else "docs")
    target = Path(args[1] if len(args) > 1 else "build/docs")
    try:
        build_docs(source, target, only)
    except DocsBuildError as error:
        sys.exit(f"docs build failed: {error}")
