"""A program's groups as a list of prepared numpy calls on fixed buffers.

Working out a group's calls (views, index arrays, output buffers) costs more Python than the
calls themselves for small circuits, so :class:`lightlane.sim.program.Program` prepares them
once per set of buffers (one thread's tables and scratch, reused between chunks and calls)
and then only runs ``f(*args)`` in order. Each value gets the same floating-point operations
in the same order whatever the buffers, so results do not depend on chunk sizes.

A sum of products writes its first layer of terms straight into the table, and adds every
further layer (``x[a:b] * y[a:b]``) in place: the terms of a value are summed in the order of
its layers, and nothing is copied that is not an operand gather.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from lightlane.sim.eliminate import LOOP

Step = tuple[Callable[..., Any], tuple]


def _view(buffer: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return buffer[: math.prod(shape)].reshape(shape)


def _add_rows(dest: np.ndarray, rows: np.ndarray, values: np.ndarray) -> None:
    dest[rows] += values


def _gather(steps: list[Step], table: np.ndarray, index: Any, out: np.ndarray | None) -> Any:
    """``table[index]``: a view for a slice (copied when ``out`` is given), else a take."""
    if isinstance(index, slice):
        if out is None:
            return table[index]
        steps.append((np.copyto, (out, table[index])))
        return out
    steps.append((table.take, (index, 0, out, "clip")))
    return out


def _operands(steps: list[Step], tabs: Sequence[np.ndarray], part: Any, scratch: tuple) -> tuple:
    """The part's gathered operands, every term layer after layer: ``(x,)`` or ``(x, y)``."""
    last, index = tabs[part.tables[-1]], part.slots[-1]
    n_terms = part.layers[-1][1]
    shape = (n_terms, *last.shape[1:])
    into = None if isinstance(index, slice) else _view(scratch[0], shape)
    x = _gather(steps, last, index, into)
    if len(part.tables) == 1:
        return (x,)
    first, index = tabs[part.tables[0]], part.slots[0]
    shape = (n_terms, *first.shape[1:])
    y = _gather(steps, first, index, None if isinstance(index, slice) else _view(scratch[1], shape))
    return (x, y)


def _layer(steps: list[Step], ops: tuple, a: int, b: int, out: np.ndarray | None) -> Any:
    """Terms ``a:b`` into ``out`` (or, for single values without ``out``, a view of them)."""
    if len(ops) == 1:
        if out is None:
            return ops[0][a:b]
        steps.append((np.copyto, (out, ops[0][a:b])))
        return out
    steps.append((np.multiply, (ops[0][a:b], ops[1][a:b], out)))
    return out


def _sum_of_products(
    steps: list[Step], tabs: Sequence[np.ndarray], group: Any, dest: np.ndarray, scratch: tuple
) -> None:
    for i, part in enumerate(group.parts):
        ops = _operands(steps, tabs, part, scratch)
        trailing = np.broadcast_shapes(*(o.shape[1:] for o in ops))
        for k, (a, b, rows) in enumerate(part.layers):
            if i == 0 and k == 0 and part.covers and trailing == dest.shape[1:]:
                _layer(steps, ops, a, b, dest[rows])
                continue
            if i == 0 and k == 0:
                steps.append((dest.fill, (0,)))
            into = None if len(ops) == 1 else _view(scratch[2], (b - a, *trailing))
            values = _layer(steps, ops, a, b, into)
            if isinstance(rows, slice):
                target = dest[rows]
                steps.append((np.add, (target, values, target)))
            else:
                steps.append((_add_rows, (dest, rows, values)))


def build_steps(groups: Sequence[Any], tabs: Sequence[np.ndarray], scratch: tuple) -> list[Step]:
    """The calls that evaluate ``groups`` (in order) on these tables and scratch buffers."""
    steps: list[Step] = []
    for group in groups:
        dest = tabs[group.table][group.dst]
        if group.kind == LOOP:
            _gather(steps, tabs[group.table], group.parts[0].slots[0], dest)
            steps.append((np.subtract, (1.0, dest, dest)))
            steps.append((np.divide, (1.0, dest, dest)))
        else:
            _sum_of_products(steps, tabs, group, dest, scratch)
    return steps


def run_steps(steps: list[Step]) -> None:
    for call, args in steps:
        call(*args)
