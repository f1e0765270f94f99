"""``python -m lightlane.docsgen [SOURCE] [TARGET]``: write the site's sources (see the package)."""

from __future__ import annotations

import sys
from pathlib import Path

from lightlane.docsgen import DocsBuildError, build_docs

if __name__ == "__main__":
    args = sys.argv[1:]
    source = Path(args[0] if args else "docs")
    target = Path(args[1] if len(args) > 1 else "build/docs")
    try:
        build_docs(source, target)
    except DocsBuildError as error:
        sys.exit(f"docs build failed: {error}")
