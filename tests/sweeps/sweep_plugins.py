"""Figures for the sweep tests, loaded by name ("sweep_plugins:slow_transmission") on workers."""

from __future__ import annotations

import os
import time
from typing import Any

from lightlane.sweeps.figures import transmission

INTERRUPT_AT = "LIGHTLANE_TEST_INTERRUPT_AT"


def slow_transmission(ctx: Any) -> dict[str, Any]:
    """:func:`transmission`, a quarter second later: long enough to kill a worker mid-task."""
    time.sleep(0.25)
    return transmission(ctx)


def interrupting(ctx: Any) -> dict[str, Any]:
    """Transmission; stops the whole sweep (like Ctrl-C) at the task the environment names."""
    if str(ctx.index) == os.environ.get(INTERRUPT_AT):
        raise KeyboardInterrupt
    return transmission(ctx)


def failing(ctx: Any) -> dict[str, Any]:
    """Raises for a negative offset: a task error, not a sweep error."""
    if ctx.params["dn_eff"] < 0:
        raise RuntimeError(f"refusing dn_eff={ctx.params['dn_eff']:.3g}")
    return transmission(ctx)


slow_transmission.kinds = interrupting.kinds = failing.kinds = ("cell",)  # type: ignore[attr-defined]
