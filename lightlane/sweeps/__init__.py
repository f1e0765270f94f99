"""Monte Carlo, corner and parameter sweeps of cells, netlists and engines on dask.distributed.

>>> from lightlane.sweeps import run_sweep
>>> result = run_sweep("dr8_tx.yaml", "build/dr8.parquet")  # doctest: +SKIP
>>> result = run_sweep(spec, "out.parquet", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP

The spec format is in :mod:`lightlane.sweeps.spec`, the figures in
:mod:`lightlane.sweeps.figures`, the outputs and checkpoints in :mod:`lightlane.sweeps.store`.
Names load on first use, so that the ``lightlane`` command starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "FIGURES": "figures",
    "Spec": "spec",
    "SpecError": "spec",
    "load_spec": "spec",
    "SweepResult": "runner",
    "run_sweep": "runner",
    "Task": "tasks",
    "expand": "tasks",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'lightlane.sweeps' has no attribute {name!r}")
    return getattr(importlib.import_module(f"lightlane.sweeps.{_EXPORTS[name]}"), name)
