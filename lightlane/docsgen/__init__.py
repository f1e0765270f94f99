"""Generate the documentation site's sources from the code: gallery, PDK, tutorials, engines, API.

``python -m lightlane.docsgen [SOURCE] [TARGET]`` reads the hand-written pages of SOURCE
(``docs/``), runs its tutorials, and writes the complete Markdown tree that mkdocs builds into
TARGET (``build/docs/``), with the navigation in ``TARGET/.nav.json`` (read by the mkdocs hook
``lightlane/docsgen/hooks.py``). Nothing generated lands in ``docs/``.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from lightlane.docsgen.api import write_api_pages
from lightlane.docsgen.engines import write_engine_pages
from lightlane.docsgen.gallery import write_gallery
from lightlane.docsgen.pdk_pages import write_pdk_pages
from lightlane.docsgen.provenance import write_about_page, write_provenance_page
from lightlane.docsgen.text import DocsBuildError
from lightlane.docsgen.tutorials import write_tutorials

__all__ = ["NAV_FILE", "DocsBuildError", "build_docs"]

NAV_FILE = ".nav.json"


def _tutorials_index(docs_dir: Path, pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    lines = ["# Tutorials", "", "Every example below is run when the site is built.", ""]
    lines += [f"1. [{title}]({Path(page).name})" for title, page in pages]
    (docs_dir / "tutorials" / "index.md").write_text("\n".join(lines) + "\n")
    return [("Overview", "tutorials/index.md"), *pages]


def build_docs(source: Path, target: Path, only: set[str] | None = None) -> list:
    """Write the site's Markdown tree from ``source`` into ``target`` (replaced); return the nav.

    ``only`` names the sections to generate (``Tutorials``, ``Cell gallery``, ``PDK``,
    ``Engines``, ``API reference``; all by default): a partial tree is for working on one
    section and does not build with ``--strict`` (the hand-written pages link to every section).
    Raises :class:`DocsBuildError` when a tutorial block, a card's code or a figure fails.
    """
    source, target = Path(source).resolve(), Path(target).resolve()
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("tutorials"))
    started = time.perf_counter()
    steps = {
        "Tutorials": lambda: _tutorials_index(
            target, write_tutorials(source / "tutorials", target)
        ),
        "Cell gallery": lambda: write_gallery(target),
        "PDK": lambda: write_pdk_pages(target),
        "Engines": lambda: write_engine_pages(target),
        "API reference": lambda: write_api_pages(target),
    }
    unknown = set(only or ()) - set(steps)
    if unknown:
        raise DocsBuildError(f"no section {sorted(unknown)}: the sections are {list(steps)}")
    sections = {}
    for name, step in steps.items():
        if only is not None and name not in only:
            continue
        begun = time.perf_counter()
        sections[name] = step()
        print(f"docsgen: {name}: {time.perf_counter() - begun:.1f} s", file=sys.stderr)
    nav: list = [{"Home": "index.md"}, {"Install": "install.md"}]
    about = [
        ("References", "references.md"),
        *write_provenance_page(target, target / "references.md"),
        ("FAQ", "faq.md"),
        ("Changelog", "changelog.md"),
        *write_about_page(target, source.parent),
    ]
    nav.append({"About": [{t: p} for t, p in about]})
    nav += [{name: [{t: p} for t, p in pages]} for name, pages in sections.items() if pages]
    (target / NAV_FILE).write_text(json.dumps(nav, indent=1))
    elapsed = time.perf_counter() - started
    print(f"docsgen: wrote {target} in {elapsed:.1f} s", file=sys.stderr)
    return nav
