"""KLayout failures as exceptions: a DRC that hit an error must never read as clean.

KLayout's hierarchical processor runs its tasks in worker jobs that catch their own exceptions
(``std::bad_alloc`` included) and only log ``ERROR: Worker thread: ...`` on the process's
stderr; the operation then returns whatever it had, often nothing. :func:`klayout_errors`
captures file descriptor 2 while KLayout works, passes the text through afterwards, and raises
:class:`DrcError` when KLayout logged an error or raised one.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["DrcError", "klayout_errors"]

# fd 2 is one per process: two checks capturing at once would swap each other's text
_CAPTURE = threading.Lock()
_PASS_ON = 1 << 20


class DrcError(RuntimeError):
    """The check itself failed (KLayout error, out of memory): the layout was not checked."""


@contextmanager
def klayout_errors(what: str) -> Iterator[None]:
    """Run the body with fd 2 captured; raise :class:`DrcError` naming ``what`` on any failure."""
    with _CAPTURE, tempfile.TemporaryFile() as captured:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        failure: str | None = None
        try:
            yield
        except MemoryError:
            failure = "out of memory"
        except RuntimeError as error:  # klayout.db raises RuntimeError for its C++ exceptions
            failure = str(error).splitlines()[0] if str(error) else type(error).__name__
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            logged = _first_error(captured)
        if failure is None and logged is not None:
            failure = logged
        if failure is not None:
            raise DrcError(f"{what} failed: {failure}; the layout was not checked")


def _first_error(captured: Any) -> str | None:
    """Pass the captured text on to stderr (the first MiB) and return its first error, if any.

    Reads in small blocks: after an allocation failure there may be little memory left.
    """
    captured.seek(0)
    first, shown, tail = None, 0, b""
    while block := captured.read(1 << 16):
        if shown < _PASS_ON:
            os.write(2, block[: _PASS_ON - shown])
            shown += len(block)
        lines = (tail + block).split(b"\n")
        tail = lines.pop()[-4096:]
        if first is None:
            first = next((line for line in lines if line.startswith(b"ERROR")), None)
    if first is None and tail.startswith(b"ERROR"):
        first = tail
    if first is None:
        return None
    return first.decode(errors="replace").removeprefix("ERROR:").strip()
