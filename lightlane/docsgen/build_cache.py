"""The docs build's own outputs cached by their inputs: gallery cards and executed tutorials.

A card (its Markdown, pictures, spectra and GDS) and a tutorial page (its Markdown and figures)
depend on the ``lightlane`` code, the docs generator included, and on their own inputs (the
cell's name, the tutorial's text). :func:`cached_output` keys an entry by those inputs and a
digest of every file of the package (:func:`package_digest`), so any change to the code or the
text builds it again; an unchanged one is copied from the cache. The cache lives next to the
engine runs' (:data:`lightlane.docsgen.engine_cache.CACHE_ENV`): a build without that variable
caches nothing. Installed dependencies are not part of the key (as for the engine runs): after
upgrading one, empty the cache (``make clean``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from lightlane.docsgen.engine_cache import CACHE_ENV, tree_digest

__all__ = ["cached_output", "package_digest"]

T = TypeVar("T")


@cache
def package_digest() -> str:
    """The digest of every file of the installed ``lightlane`` package, the docs generator
    included (what a card or a tutorial page is made by), with the output dependencies'
    versions (:func:`lightlane.docsgen.engine_cache.tree_digest`)."""
    return tree_digest(with_docsgen=True)


def _listing(directory: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (size, mtime in ns) of every file under ``directory``."""
    if not directory.exists():
        return {}
    out = {}
    for path in directory.rglob("*"):
        if path.is_file():
            stat = path.stat()
            out[path.relative_to(directory).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return out


def cached_output(kind: str, inputs: Any, directory: Path, produce: Callable[[], T]) -> T:
    """``produce()``'s result and the files it writes under ``directory``, from the cache when
    the same ``kind``, ``inputs`` (JSON-serialisable) and package code made them before.

    On a miss ``produce`` runs and the files it created or changed under ``directory`` are kept
    with its result (JSON-serialisable); on a hit they are copied back and ``produce`` does not
    run. Errors in ``produce`` propagate and leave no entry. One writer per ``directory`` at a
    time (each docs section writes its own)."""
    root = os.environ.get(CACHE_ENV)
    if not root:
        return produce()
    key = hashlib.sha256(json.dumps([kind, inputs, package_digest()]).encode()).hexdigest()[:24]
    entry = Path(root) / kind / key
    directory = Path(directory)
    if (entry / "value.json").exists():
        shutil.copytree(entry / "files", directory, dirs_exist_ok=True)
        return json.loads((entry / "value.json").read_text())
    before = _listing(directory)
    value = produce()
    after = _listing(directory)
    written = [path for path, stamp in after.items() if before.get(path) != stamp]
    entry.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=entry.parent, prefix=f".{key}-") as tmp:
        for path in written:
            target = Path(tmp) / "files" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(directory / path, target)
        (Path(tmp) / "files").mkdir(exist_ok=True)
        (Path(tmp) / "value.json").write_text(json.dumps(value))
        try:
            os.replace(tmp, entry)
        except OSError:  # another build filled it first: theirs is as good
            return value
        Path(tmp).mkdir()  # TemporaryDirectory removes what it created
    return value
