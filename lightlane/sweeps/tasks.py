"""The tasks of a sweep: one point each, with its own seed from the task index.

Task ``k`` draws its Monte Carlo parameters from ``SeedSequence(seed, spawn_key=(k,))`` (the
``k``-th child of ``SeedSequence(seed).spawn``), never from the worker that runs it, so the
same spec gives the same points serially, on one worker or on many.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lightlane.sweeps.spec import Spec


@dataclass(frozen=True)
class Task:
    """One point of a sweep: its index, label, parameter values and seed for figures."""

    index: int
    label: str
    params: dict[str, Any] = field(default_factory=dict)
    seed: int = 0


def task_seed_sequence(seed: int, index: int) -> np.random.SeedSequence:
    """The seed sequence of task ``index``: the same as ``SeedSequence(seed).spawn(n)[index]``."""
    return np.random.SeedSequence(seed, spawn_key=(index,))


def expand(spec: Spec) -> list[Task]:
    """Every task of ``spec``, in index order."""
    distributions = spec.distributions()
    tasks = []
    for index, (label, fixed) in enumerate(spec.points()):
        sequence = task_seed_sequence(spec.seed, index)
        rng = np.random.default_rng(sequence)
        params = dict(fixed)
        for name in sorted(distributions):  # a fixed order: the draws do not depend on YAML order
            params[name] = distributions[name].draw(rng)
        ordered = {k: params[k] for k in spec.parameters if k in params}
        ordered.update(params)  # corner-only parameters after the declared ones
        tasks.append(Task(index, label, ordered, int(sequence.generate_state(1, np.uint32)[0])))
    return tasks
