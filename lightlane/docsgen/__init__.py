"""Generate the documentation site's sources from the code: gallery, PDK, tutorials, engines, API.

``python -m lightlane.docsgen [SOURCE] [TARGET]`` reads the hand-written pages of SOURCE
(``docs/``), runs its tutorials, and writes the complete Markdown tree that mkdocs builds into
TARGET (``build/docs/``), with the navigation in ``TARGET/.nav.json`` (read by the mkdocs hook
``lightlane/docsgen/hooks.py``). Nothing generated lands in ``docs/``.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from lightlane.docsgen.api import write_api_pages
from lightlane.docsgen.engine_cache import CACHE_ENV
from lightlane.docsgen.engines import engine_page, engine_standards, write_engine_index
from lightlane.docsgen.gallery import write_gallery
from lightlane.docsgen.interfaces import write_interfaces_page
from lightlane.docsgen.pdk_pages import write_pdk_pages
from lightlane.docsgen.provenance import write_about_page, write_provenance_page
from lightlane.docsgen.text import DocsBuildError
from lightlane.docsgen.tutorials import write_tutorials

__all__ = ["JOBS_ENV", "NAV_FILE", "SECTIONS", "DocsBuildError", "build_docs", "jobs"]

NAV_FILE = ".nav.json"
INTERFACES = "Engines/electrical interfaces"
"""The task of the electrical-interfaces page (:mod:`lightlane.docsgen.interfaces`)."""
JOBS_ENV = "LIGHTLANE_DOCS_JOBS"
SECTIONS = ("Tutorials", "Cell gallery", "PDK", "Engines", "API reference")


def _tutorials_index(docs_dir: Path, pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    lines = ["# Tutorials", "", "Every example below is run when the site is built.", ""]
    lines += [f"1. [{title}]({Path(page).name})" for title, page in pages]
    (docs_dir / "tutorials" / "index.md").write_text("\n".join(lines) + "\n")
    return [("Overview", "tutorials/index.md"), *pages]


def _timed(name: str, function: Any, *args: Any) -> tuple[Any, float]:
    """``function(*args)`` and its wall time in s (a worker's task: a top-level function)."""
    begun = time.perf_counter()
    return function(*args), time.perf_counter() - begun


def _tasks(source: Path, target: Path) -> dict[str, tuple[Any, ...]]:
    """The independent pieces of the site: task name -> (function, *args)."""
    tasks: dict[str, tuple[Any, ...]] = {
        "Tutorials": (write_tutorials, source / "tutorials", target),
        "Cell gallery": (write_gallery, target),
        "PDK": (write_pdk_pages, target),
        "API reference": (write_api_pages, target),
    }
    standards = engine_standards()
    for standard in standards:
        tasks[f"Engines/{standard}"] = (engine_page, standard, target)
    if standards:
        tasks[INTERFACES] = (write_interfaces_page, target)
    return tasks


def jobs() -> int:
    """Worker processes for the build: ``LIGHTLANE_DOCS_JOBS`` or the CPU count (1: no pool)."""
    value = os.environ.get(JOBS_ENV, "")
    if value:
        if not value.isdigit() or int(value) < 1:
            raise DocsBuildError(f"{JOBS_ENV}={value!r} is not a worker count >= 1")
        return int(value)
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _engine_cache(directory: Path) -> Iterator[None]:
    """The build's engine cache in the environment (workers and tutorials inherit it)."""
    before = os.environ.get(CACHE_ENV)
    os.environ.setdefault(CACHE_ENV, str(directory))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(CACHE_ENV, None)


def _run(tasks: dict[str, tuple[Any, ...]], workers: int) -> dict[str, Any]:
    """Each task's result, run in ``workers`` processes (in this one when 1)."""
    results: dict[str, Any] = {}
    if workers == 1:
        for name, (function, *args) in tasks.items():
            results[name], seconds = _timed(name, function, *args)
            print(f"docsgen: {name}: {seconds:.1f} s", file=sys.stderr)
        return results
    context = multiprocessing.get_context("spawn")  # no forked klayout or matplotlib state
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_timed, name, *task): name for name, task in tasks.items()}
        for future in as_completed(futures):
            name = futures[future]
            results[name], seconds = future.result()
            print(f"docsgen: {name}: {seconds:.1f} s", file=sys.stderr)
    return results


def build_docs(source: Path, target: Path, only: set[str] | None = None) -> list:
    """Write the site's Markdown tree from ``source`` into ``target`` (replaced); return the nav.

    The sections (tutorials, gallery, PDK, each engine, API) are independent and run in
    :func:`jobs` worker processes; engine runs are cached by their inputs in
    ``target/../docs-engine-cache`` (shared by the engine pages and the engine tutorial, kept
    between builds while the code is unchanged). ``only`` names the sections to generate
    (``Tutorials``, ``Cell gallery``, ``PDK``, ``Engines``, ``API reference``; all by default):
    a partial tree is for working on one section and does not build with ``--strict`` (the
    hand-written pages link to every section). Raises :class:`DocsBuildError` when a tutorial
    block, a card's code or a figure fails.
    """
    source, target = Path(source).resolve(), Path(target).resolve()
    unknown = set(only or ()) - set(SECTIONS)
    if unknown:
        raise DocsBuildError(f"no section {sorted(unknown)}: the sections are {list(SECTIONS)}")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("tutorials"))
    started = time.perf_counter()
    with _engine_cache(target.parent / "docs-engine-cache"):
        tasks = {
            name: task
            for name, task in _tasks(source, target).items()
            if only is None or name.split("/")[0] in only
        }
        results = _run(tasks, min(jobs(), max(1, len(tasks))))
    engines = [results[n] for n in tasks if n.startswith("Engines/") and n != INTERFACES]
    sections = {
        "Tutorials": _tutorials_index(target, results["Tutorials"])
        if "Tutorials" in results
        else [],
        "Cell gallery": results.get("Cell gallery", []),
        "PDK": results.get("PDK", []),
        "Engines": [*write_engine_index(target, engines), *results.get(INTERFACES, [])]
        if engines
        else [],
        "API reference": results.get("API reference", []),
    }
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
