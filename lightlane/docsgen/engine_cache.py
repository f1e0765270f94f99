"""Engine and eye runs cached by their inputs, shared by the engine pages and the tutorials.

An engine run (``lightlane engine ARGS -o DIR``, or ``lightlane eye ARGS -o DIR``) is
deterministic: the same arguments and the
same code give the same files. The cache key is the arguments without the output directory plus
a digest of every file of the ``lightlane`` package, so any change to the code runs the engines
again. An entry holds the files the run wrote, what it printed and its exit status; it is filled
under a lock, so parallel sections that ask for the same engine run it once.

``python -m lightlane.docsgen.engine_cache ARGS...`` is the ``lightlane`` command with the cache in
front (the tutorials' bash blocks call it through a ``lightlane`` shim on their PATH, see
:func:`command_shim`): ``engine`` and ``eye`` invocations are served from the cache (see
:data:`CACHED_COMMANDS`), anything else runs the
command unchanged.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

__all__ = [
    "CACHED_COMMANDS",
    "CACHE_ENV",
    "cached_engine_run",
    "command_shim",
    "run_cli",
    "source_digest",
]

CACHED_COMMANDS = ("engine", "eye")
"""The ``lightlane`` commands whose runs the cache serves."""

CACHE_ENV = "LIGHTLANE_DOCS_ENGINE_CACHE"
"""The environment variable naming the cache directory (set by the docs build)."""


OUTPUT_DEPENDENCIES = ("gdsfactory", "kfactory", "klayout", "numpy", "scipy", "matplotlib")
"""Installed distributions whose versions enter the digests: an upgrade changes outputs too."""


def tree_digest(with_docsgen: bool) -> str:
    """SHA-256 over the path and bytes of every file of the installed ``lightlane`` package
    (``lightlane.docsgen`` included or not) and the versions of :data:`OUTPUT_DEPENDENCIES`."""
    from importlib.metadata import PackageNotFoundError, version

    import lightlane

    root = Path(lightlane.__file__).parent
    digest = hashlib.sha256()
    for name in OUTPUT_DEPENDENCIES:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if not path.is_file() or "__pycache__" in parts:
            continue
        if parts[0] == "docsgen" and not with_docsgen:
            continue
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def source_digest() -> str:
    """The digest of the package but the docs generator's (``lightlane.docsgen``: the cached
    commands never import it), with the output dependencies' versions."""
    return tree_digest(with_docsgen=False)


def _split_output(args: list[str]) -> tuple[list[str], Path]:
    """The arguments without ``-o/--output DIR``, and DIR."""
    rest, output = [], None
    i = 0
    while i < len(args):
        if args[i] in ("-o", "--output") and i + 1 < len(args):
            output = Path(args[i + 1])
            i += 2
            continue
        if args[i].startswith("--output="):
            output = Path(args[i].split("=", 1)[1])
        else:
            rest.append(args[i])
        i += 1
    if output is None:
        raise ValueError(f"an engine run without -o: {args}")
    return rest, output


def run_cli(args: list[str], output: Path) -> tuple[int, str, str]:
    """``lightlane ARGS -o OUTPUT`` in this process: (exit status, stdout, stderr)."""
    from lightlane.cli import app

    out, err = io.StringIO(), io.StringIO()
    status = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            returned = app([*args, "-o", str(output)], standalone_mode=False)
            status = returned if isinstance(returned, int) else 0
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return status, out.getvalue(), err.getvalue()


def cached_engine_run(args: list[str], cache_dir: Path) -> tuple[int, str, str]:
    """Run ``lightlane engine ...`` or ``eye ...`` (``args`` with ``-o DIR``) or copy its files
    from ``cache_dir``; return (exit status, stdout, stderr) of the run. Errors other than the
    command's own exit status propagate and leave no entry."""
    rest, output = _split_output(args)
    key = hashlib.sha256(json.dumps([rest, source_digest()]).encode()).hexdigest()[:24]
    entry = Path(cache_dir) / key
    entry.parent.mkdir(parents=True, exist_ok=True)
    with open(entry.parent / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second asker waits for the first run
        if not (entry / "run.json").exists():
            shutil.rmtree(entry, ignore_errors=True)  # a run that died half-way
            with tempfile.TemporaryDirectory(dir=entry.parent, prefix=f".{key}-") as tmp:
                files = Path(tmp) / "files"
                status, out, err = run_cli(rest, files)
                record = {"args": rest, "status": status, "stdout": out, "stderr": err}
                (Path(tmp) / "run.json").write_text(json.dumps(record))
                files.mkdir(exist_ok=True)
                os.replace(tmp, entry)
                Path(tmp).mkdir()  # TemporaryDirectory removes what it created
    run = json.loads((entry / "run.json").read_text())
    output.mkdir(parents=True, exist_ok=True)
    shutil.copytree(entry / "files", output, dirs_exist_ok=True)
    return run["status"], run["stdout"], run["stderr"]


def command_shim(directory: Path) -> Path:
    """Write ``directory/lightlane``: the command, its ``engine`` runs through the cache."""
    directory.mkdir(parents=True, exist_ok=True)
    shim = directory / "lightlane"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m lightlane.docsgen.engine_cache "$@"\n')
    shim.chmod(0o755)
    return shim


def _main(argv: list[str]) -> int:
    cache_dir = os.environ.get(CACHE_ENV)
    if not argv or argv[0] not in CACHED_COMMANDS or not cache_dir or "--help" in argv:
        from lightlane.cli import app

        sys.argv = ["lightlane", *argv]
        app()  # exits with the command's status
    status, out, err = cached_engine_run(argv, Path(cache_dir))
    sys.stdout.write(out)
    sys.stderr.write(err)
    return status


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
