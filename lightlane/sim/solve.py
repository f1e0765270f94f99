"""Composition of instance S blocks into the S matrix of a cell.

The reference solver over the same :class:`~lightlane.sim.assembly.Topology`:

* :func:`reference_solve`: ``S = S_ee + S_ei (I - C S_ii)^-1 C S_ie`` over all internal
  ports with one batched ``np.linalg.solve``. Simple and general; kept as the reference.
* :func:`lightlane.sim.eliminate.fast_solve`: link-by-link elimination (the default).

Blocks have shape ``(..., n_wl, p, p)`` with row = output port, column = input port; the
leading dims (Monte Carlo samples) broadcast.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lightlane.sim.assembly import Topology


def _batch(blocks: Sequence[np.ndarray]) -> tuple[int, ...]:
    return np.broadcast_shapes(*(b.shape[:-2] for b in blocks))


def reference_solve(blocks: Sequence[np.ndarray], topo: Topology) -> np.ndarray:
    """Solve the whole cell at once; returns ``(..., n_wl, n_ext, n_ext)``."""
    batch = _batch(blocks)
    n = topo.n_ports
    full = np.zeros((*batch, n, n), dtype=complex)
    for off, size, blk in zip(topo.offsets, topo.sizes, blocks, strict=True):
        full[..., off : off + size, off : off + size] = blk
    ext = topo.ext_index
    internal = np.setdiff1d(np.arange(n), ext)
    s_ee = full[..., ext[:, None], ext[None, :]]
    if internal.size == 0:
        return s_ee
    pos = {int(g): i for i, g in enumerate(internal)}
    conn = np.zeros((internal.size, internal.size))
    for a, b in topo.pairs:  # C maps outgoing waves to incoming waves of the partner port
        conn[pos[int(a)], pos[int(b)]] = conn[pos[int(b)], pos[int(a)]] = 1.0
    s_ii = full[..., internal[:, None], internal[None, :]]
    s_ie = full[..., internal[:, None], ext[None, :]]
    s_ei = full[..., ext[:, None], internal[None, :]]
    lhs = np.eye(internal.size) - conn @ s_ii
    return s_ee + s_ei @ np.linalg.solve(lhs, conn @ s_ie)
