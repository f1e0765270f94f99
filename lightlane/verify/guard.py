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

__all__ = ["DrcError", "klayout_errors"]

# fd 2 is one per process: two checks capturing at once would swap each other's text
_CAPTURE = threading.Lock()


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
            captured.seek(0)
            text = captured.read().decode(errors="replace")
            if text:
                sys.stderr.write(text)
        logged = [line for line in text.splitlines() if line.startswith("ERROR")]
        if failure is None and logged:
            failure = logged[0].removeprefix("ERROR:").strip()
        if failure is not None:
            raise DrcError(f"{what} failed: {failure}; the layout was not checked")
