"""mkdocs hook: the navigation comes from the generator (``.nav.json`` in the docs directory).

Families, tutorials and engine pages come and go with the code, so the navigation cannot be
written by hand in ``mkdocs.yml``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError


def on_config(config: Any) -> Any:
    nav_file = Path(config["docs_dir"]) / ".nav.json"
    if not nav_file.exists():
        raise PluginError(
            f"{nav_file} is missing: generate the pages first with "
            "`python -m lightlane.docsgen docs build/docs` (or run `make docs`)"
        )
    config["nav"] = json.loads(nav_file.read_text())
    return config
