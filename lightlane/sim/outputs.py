"""What a plan returns: the program's roots, where they go in the result, and its layout.

The result is port-major ``(out, in | pair, samples, n_wl)`` so that each entry's block is
contiguous; callers see it as ``(samples, n_wl, out, in | pair)`` (a view). Consecutive
result columns are a slice, so a chunk's outputs are taken straight into the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from lightlane.sim.eliminate import Exprs
from lightlane.sim.errors import PortError
from lightlane.sim.graph import Block
from lightlane.sim.program import NOMINAL, SAMPLED, Program, as_index

Pairs = Sequence[tuple[str, str]] | None


def check_pairs(pairs: Pairs, ports: Sequence[str]) -> list[tuple[str, str]] | None:
    if pairs is None:
        return None
    chosen = [(str(a), str(b)) for a, b in pairs]
    for out, inp in chosen:
        for port in (out, inp):
            if port not in ports:
                raise PortError(
                    f"pairs: ({out!r}, {inp!r}) names port {port!r}, which the circuit does "
                    f"not have; ports: {list(ports)}"
                )
    return chosen


def program_for(
    exprs: Exprs, top: Block[int], pairs: list[tuple[str, str]] | None
) -> tuple[Program, tuple, bool]:
    """The program of the requested outputs, per table their slots and result indices (a
    slice where consecutive), and whether the outputs fill the whole result."""
    index = {p: i for i, p in enumerate(top.ports)}
    wanted = []  # (value id, result index)
    if pairs is None:
        for (inp, out), vid in top.entries.items():
            wanted.append((vid, (index[out], index[inp])))
    else:
        for col, (out, inp) in enumerate(pairs):
            if (inp, out) in top.entries:
                wanted.append((top.entries[inp, out], (col,)))
    program = Program(exprs, [vid for vid, _ in wanted])
    outputs = []
    for table in (NOMINAL, SAMPLED):
        rows = [k for k, (t, _) in enumerate(program.root_slots) if t == table]
        slots = np.array([program.root_slots[k][1] for k in rows], dtype=int)
        where = tuple(
            np.array([wanted[k][1][d] for k in rows], dtype=int)
            for d in range(1 if pairs is not None else 2)
        )
        if pairs is not None and where[0].size:
            where = (as_index(where[0].tolist()),)
        outputs.append((slots, where))
    size = len(index) ** 2 if pairs is None else len(pairs)
    return program, tuple(outputs), len(wanted) == size


def result_array(plan: Any, n_wl: int, n: int) -> np.ndarray:
    """The result, port-major ``(out, in | pair, samples, n_wl)``: each pair's block contiguous."""
    p = len(plan.ports)
    head = (p, p) if plan.pairs is None else (len(plan.pairs),)
    return (np.empty if plan.dense else np.zeros)((*head, max(n, 1), n_wl), dtype=complex)


def public(res: np.ndarray, n: int) -> np.ndarray:
    """The caller's layout ``(samples, n_wl, out, in | pair)``, a view of ``res``."""
    heads = res.ndim - 2
    view = res.transpose(heads, heads + 1, *range(heads))
    return view if n else view[0]


def gather(
    plan: Any, table: np.ndarray, res: np.ndarray, ssl: slice, wsl: slice, kind: int
) -> None:
    """Copy the chunk's outputs of one table into the result (nominal ones broadcast)."""
    slots, where = plan.outputs[kind]
    if not slots.size:
        return
    if isinstance(where[0], slice):  # consecutive columns: straight into the result
        target = res[where[0], ssl, wsl]
        if target.flags.c_contiguous and target.shape == (slots.size, *table.shape[1:]):
            table.take(slots, 0, target, "clip")
        else:  # a chunk of samples or wavelengths: one strided copy (nominal ones broadcast)
            index = as_index(slots.tolist())
            np.copyto(target, table[index] if isinstance(index, slice) else table[slots])
        return
    res[(*where, ssl, wsl)] = table.take(slots, axis=0)
