"""Tutorials that run: every ```python and ```bash block of ``docs/tutorials/*.md`` is executed.

Blocks of one tutorial run in order in a fresh working directory; python blocks share one
namespace, bash blocks run with this Python's ``bin`` first on PATH (so ``lightlane`` is the
command of this installation; during a docs build its ``engine`` runs come from the build's cache,
:mod:`lightlane.docsgen.engine_cache`). What a block prints is inserted after it, and so is every
matplotlib figure a python block leaves open. A block that raises (or a bash block that exits
non-zero) fails the build, naming the tutorial, the block and its first line. Blocks of any
other language (``console`` for commands that open a GUI, ``text``) are shown, not run.

A tutorial whose front matter says ``requires: some.module`` is left out (and out of the
navigation) while that module cannot be imported: the engine tutorial waits for
``lightlane.circuits.engine``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from lightlane.docsgen.build_cache import cached_output
from lightlane.docsgen.gallery import working_directory
from lightlane.docsgen.text import DocsBuildError, code_block

__all__ = ["Block", "available", "parse", "run_tutorial", "write_tutorials"]

_FENCE = re.compile(r"^(`{3,})(\w*)(.*)$")
_BASH_TIMEOUT_S = 600


@dataclass
class Block:
    """One fenced block of a tutorial: language, source and the line number (from 1) of its code."""

    language: str
    info: str
    code: str
    line: int


def parse(text: str) -> tuple[dict[str, str], list[str | Block]]:
    """Split a tutorial into front matter and a sequence of Markdown text and fenced blocks."""
    meta: dict[str, str] = {}
    lines = text.splitlines()
    start = 0
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        for entry in lines[1:end]:
            key, _, value = entry.partition(":")
            meta[key.strip()] = value.strip()
        start = end + 1
    parts: list[str | Block] = []
    prose: list[str] = []
    i = start
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            prose.append(lines[i])
            i += 1
            continue
        fence, language, info = opening.groups()
        body_start = i + 1
        i = body_start
        while i < len(lines) and lines[i].strip() != fence:
            i += 1
        if i == len(lines):
            raise DocsBuildError(f"unclosed {fence} block opened at line {body_start}")
        code = "\n".join(lines[body_start:i])
        parts += ["\n".join(prose), Block(language, info, code, body_start + 1)]
        prose = []
        i += 1
    parts.append("\n".join(prose))
    return meta, parts


def available(meta: dict[str, str]) -> bool:
    """True unless the front matter ``requires`` a module that cannot be imported."""
    required = meta.get("requires")
    if not required:
        return True
    try:
        return importlib.util.find_spec(required) is not None
    except ModuleNotFoundError:
        return False


def _failure(block: Block, label: str, detail: str) -> DocsBuildError:
    first = block.code.strip().splitlines()[0] if block.code.strip() else ""
    return DocsBuildError(f"{label} (line {block.line}, starting {first!r}) failed:\n{detail}")


def _run_python(block: Block, namespace: dict, label: str) -> str:
    import matplotlib.pyplot as plt

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block.code, label, "exec"), namespace)
    except Exception as error:
        plt.close("all")
        raise _failure(block, label, traceback.format_exc()) from error
    return out.getvalue()


def _run_bash(block: Block, label: str) -> str:
    from lightlane.docsgen.engine_cache import CACHE_ENV, command_shim

    with tempfile.TemporaryDirectory(prefix="lightlane-shim-") as shim:
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        if os.environ.get(CACHE_ENV):  # the build's engine runs are shared with the pages
            path = f"{command_shim(Path(shim)).parent}{os.pathsep}{path}"
        env = {**os.environ, "PATH": path, "NO_COLOR": "1", "COLUMNS": "100"}
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block.code],
            capture_output=True,
            text=True,
            env=env,
            timeout=_BASH_TIMEOUT_S,
        )
    if result.returncode != 0:
        raise _failure(block, label, f"exit {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def run_tutorial(source: Path, images: Path) -> list[str]:
    """Execute ``source`` and return the Markdown lines of the page, figures saved in ``images``."""
    import matplotlib.pyplot as plt

    from lightlane.docsgen.plots import save_figure

    _, parts = parse(source.read_text())
    page: list[str] = []
    namespace = {"__name__": "__main__"}
    plt.close("all")
    with tempfile.TemporaryDirectory(prefix=f"lightlane-{source.stem}-") as tmp:
        with working_directory(Path(tmp)):
            number = 0
            for part in parts:
                if isinstance(part, str):
                    page.append(part)
                    continue
                page += code_block(f"{part.language}{part.info}", part.code)
                if part.language not in ("python", "bash"):
                    continue
                number += 1
                label = f"tutorial {source.name}, block {number} ({part.language})"
                if part.language == "python":
                    printed = _run_python(part, namespace, label)
                else:
                    printed = _run_bash(part, label)
                if printed.strip():
                    page += code_block("text", printed, title="output")
                for k, num in enumerate(plt.get_fignums()):
                    png = f"{source.stem}_{number}_{k + 1}.png"
                    save_figure(plt.figure(num), images / png)
                    page += ["", f"![figure {number}.{k + 1} of {source.stem}](images/{png})", ""]
    return page


def write_tutorials(source_dir: Path, docs_dir: Path) -> list[tuple[str, str]]:
    """Run every available tutorial of ``source_dir``; return (title, page) for the navigation.
    A tutorial whose text and the code are unchanged since a build that ran it is taken from
    that build's cache (:func:`lightlane.docsgen.build_cache.cached_output`)."""
    out = docs_dir / "tutorials"
    images = out / "images"
    images.mkdir(parents=True)
    nav = []
    for source in sorted(source_dir.glob("*.md")):
        meta, parts = parse(source.read_text())
        if not available(meta):
            print(f"tutorials: {source.name} left out ({meta['requires']} absent)", file=sys.stderr)
            continue
        print(f"tutorials: running {source.name}", file=sys.stderr)
        page = cached_output(
            "tutorial",
            [source.name, source.read_text()],
            images,
            partial(run_tutorial, source, images),
        )
        (out / source.name).write_text("\n".join(page) + "\n")
        heading = next((p for p in parts if isinstance(p, str) and "# " in p), "")
        title = re.search(r"^# (.+)$", heading, flags=re.MULTILINE)
        nav.append((title.group(1) if title else source.stem, f"tutorials/{source.name}"))
    return nav
