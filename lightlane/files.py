"""Writing files safely: outputs appear whole or not at all, alone or as a set.

Each file is written under a temporary name in its final directory (``.NAME~PID~XXXX.SUFFIX``)
and renamed into place; a set of files (a GDS and its sidecar, an engine directory) is renamed
together under a lock on each directory, so two runs never interleave their files. Temporary
files left by a killed run are removed by the next run that writes the same name. Files get
the mode the umask allows, as ``open()`` would give them.
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["MANIFEST", "OutputSet", "atomic_write", "check_manifest", "umask", "write_file"]

MANIFEST = "manifest.json"


def umask() -> int:
    """The process umask, read without changing it where Linux allows."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore (not thread-safe, but rare)
    os.umask(mask)
    return mask


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}~{os.getpid()}~{secrets.token_hex(4)}{path.suffix}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def clean_stale(path: Path) -> None:
    """Remove temporary files of ``path`` whose writing process no longer exists."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}~*~*"):
        try:
            pid = int(tmp.name[len(path.name) + 2 :].split("~")[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            tmp.unlink(missing_ok=True)


@contextmanager
def _locked(directories: list[Path]) -> Iterator[None]:
    """Exclusive locks on ``directories`` (in a fixed order, so two sets cannot deadlock)."""
    with ExitStack() as stack:
        for directory in sorted(set(directories)):
            fd = os.open(directory, os.O_RDONLY)
            stack.callback(os.close, fd)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield


class OutputSet:
    """Files written under temporary names and published together when the block succeeds.

    >>> with OutputSet() as out:  # doctest: +SKIP
    ...     out.write("a.gds", lambda tmp: layout.write(str(tmp)))
    ...     out.write("a.json", lambda tmp: tmp.write_text("{}"))

    On an exception nothing is published and every temporary file is removed. ``manifest``
    (a directory) adds ``manifest.json`` to the set, last, with each file's SHA-256: a reader
    that finds no manifest, or hashes that differ, knows the directory is incomplete.
    """

    def __init__(self, manifest: Path | None = None, inputs: dict[str, Any] | None = None):
        self._staged: list[tuple[Path, Path]] = []
        self._manifest = None if manifest is None else Path(manifest)
        self._inputs = dict(inputs or {})
        self._unlisted: set[Path] = set()

    def write(
        self, path: str | os.PathLike[str], write: Callable[[Path], Any], listed: bool = True
    ) -> Path:
        """Stage ``path``: ``write(tmp)`` writes the temporary file. Returns the final path.

        ``listed=False`` keeps the file out of the manifest's hashes (run timings, say).
        """
        final = Path(path)
        if final.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(final))
        final.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(final)
        tmp = _temp_name(final)
        self._staged.append((tmp, final))
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~umask())
        os.close(fd)
        try:
            write(tmp)
        except RuntimeError as error:  # KLayout's writers report the OS error in their text
            code = re.search(r"errno=(\d+)", str(error))
            if code is None:
                raise
            raise OSError(int(code[1]), os.strerror(int(code[1])), str(final)) from error
        if not tmp.exists():
            raise FileNotFoundError(2, f"the writer did not write {final.name}", str(final))
        os.chmod(tmp, 0o666 & ~umask())  # writers that replace the file would reset the mode
        if not listed:
            self._unlisted.add(final)
        return final

    def staged(self, path: str | os.PathLike[str]) -> Path:
        """The temporary file staged for ``path``, to read back before it is published."""
        final = Path(path)
        for tmp, staged_final in self._staged:
            if staged_final == final:
                return tmp
        raise KeyError(f"{final} is not staged in this set")

    def publish(self) -> None:
        """Rename every staged file into place (the manifest last), under directory locks."""
        dirs = [final.parent for _, final in self._staged]
        if self._manifest is not None:
            dirs.append(self._manifest)
            self._manifest.mkdir(parents=True, exist_ok=True)
        with _locked(dirs):
            if self._manifest is not None:
                (self._manifest / MANIFEST).unlink(missing_ok=True)  # incomplete until the end
            for tmp, final in self._staged:
                os.replace(tmp, final)
            if self._manifest is not None:
                self._write_manifest()
        self._staged.clear()

    def _write_manifest(self) -> None:
        files = {
            final.name: _sha256(final)
            for _, final in self._staged
            if final.parent == self._manifest and final not in self._unlisted
        }
        data = {"inputs": self._inputs, "sha256": dict(sorted(files.items()))}
        text = json.dumps(data, indent=1, sort_keys=True, default=str) + "\n"
        final = self._manifest / MANIFEST
        tmp = _temp_name(final)
        tmp.write_text(text)
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, final)

    def discard(self) -> None:
        """Remove every staged temporary file."""
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            try:
                self.publish()
            finally:
                self.discard()
        else:
            self.discard()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_manifest(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of an output directory, after checking every file it lists.

    Raises:
        ValueError: no manifest (the run did not finish), or a file missing or changed.
    """
    directory = Path(directory)
    try:
        data = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError:
        raise ValueError(
            f"{directory}: no {MANIFEST}: the run that wrote it did not finish"
        ) from None
    for name, digest in data["sha256"].items():
        path = directory / name
        if not path.is_file() or not stat.S_ISREG(path.stat().st_mode):
            raise ValueError(f"{directory}: {name} is listed in {MANIFEST} but missing")
        if _sha256(path) != digest:
            raise ValueError(f"{directory}: {name} differs from {MANIFEST} (another run?)")
    return data


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], Any]) -> Path:
    """Call ``write(tmp_path)`` then rename onto ``path``: readers never see half a file.

    The parent directory is created when missing; on any error the temporary file is removed
    and the error propagates.
    """
    with OutputSet() as out:
        return out.write(path, write)


def write_file(
    path: str | os.PathLike[str], write: Callable[[Path], Any], out: OutputSet | None = None
) -> Path:
    """Stage ``path`` in ``out`` (published with the set), or write it atomically on its own."""
    return atomic_write(path, write) if out is None else out.write(path, write)
