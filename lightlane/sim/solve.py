"""Composition of instance S blocks into the S matrix of a cell.

Two solvers over the same :class:`~lightlane.sim.assembly.Topology`:

* :func:`reference_solve`: ``S = S_ee + S_ei (I - C S_ii)^-1 C S_ie`` over all internal
  ports with one batched ``np.linalg.solve``. Simple and general; kept as the reference.
* :func:`fast_solve`: eliminates one link at a time (Filipsson-Gunnar / one-port
  Redheffer star product) with closed-form 2x2 inverses, batched over wavelengths and
  samples. Links are taken greedily so intermediate blocks stay small; loops (rings,
  reflections) are handled by the same closed form, so no general solve is needed.

Blocks have shape ``(..., n_wl, p, p)`` with row = output port, column = input port; the
leading dims (Monte Carlo samples) broadcast.
"""

from __future__ import annotations

import heapq
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


def connect_self(s: np.ndarray, k: int, l: int) -> np.ndarray:
    """Link ports ``k`` and ``l`` of one block (in_k = out_l, in_l = out_k) and drop them."""
    keep = np.array([i for i in range(s.shape[-1]) if i not in (k, l)], dtype=int)
    a, b, c, d = s[..., k, k], s[..., k, l], s[..., l, k], s[..., l, l]
    det = ((1 - b) * (1 - c) - a * d)[..., None]
    s_ke, s_le = s[..., k, keep], s[..., l, keep]
    x_k = ((1 - c)[..., None] * s_ke + a[..., None] * s_le) / det  # out_k per unit input
    x_l = (d[..., None] * s_ke + (1 - b)[..., None] * s_le) / det  # out_l per unit input
    s_ee = s[..., keep[:, None], keep[None, :]]
    return s_ee + s[..., keep, l][..., :, None] * x_k[..., None, :] + s[..., keep, k][
        ..., :, None
    ] * x_l[..., None, :]


def connect_pair(sa: np.ndarray, i: int, sb: np.ndarray, j: int) -> np.ndarray:
    """Link port ``i`` of block A to port ``j`` of block B; result ports: A\\i then B\\j."""
    ka = np.array([p for p in range(sa.shape[-1]) if p != i], dtype=int)
    kb = np.array([p for p in range(sb.shape[-1]) if p != j], dtype=int)
    batch = np.broadcast_shapes(sa.shape[:-2], sb.shape[:-2])
    inv = 1.0 / (1.0 - sa[..., i, i] * sb[..., j, j])[..., None, None]
    a_ei, a_ie = sa[..., ka, i][..., :, None], sa[..., i, ka][..., None, :]
    b_ej, b_je = sb[..., kb, j][..., :, None], sb[..., j, kb][..., None, :]
    na = ka.size
    out = np.empty((*batch, na + kb.size, na + kb.size), dtype=complex)
    out[..., :na, :na] = sa[..., ka[:, None], ka[None, :]] + a_ei * (
        sb[..., j, j][..., None, None] * inv
    ) * a_ie
    out[..., :na, na:] = a_ei * inv * b_je
    out[..., na:, :na] = b_ej * inv * a_ie
    out[..., na:, na:] = sb[..., kb[:, None], kb[None, :]] + b_ej * (
        sa[..., i, i][..., None, None] * inv
    ) * b_je
    return out


def _block_diag(blocks: Sequence[np.ndarray]) -> np.ndarray:
    batch = _batch(blocks)
    n = sum(b.shape[-1] for b in blocks)
    out = np.zeros((*batch, n, n), dtype=complex)
    o = 0
    for b in blocks:
        out[..., o : o + b.shape[-1], o : o + b.shape[-1]] = b
        o += b.shape[-1]
    return out


def fast_solve(blocks: Sequence[np.ndarray], topo: Topology) -> np.ndarray:
    """Eliminate links one by one (smallest resulting block first); same result as reference."""
    owner: dict[int, int] = {}  # global port -> live block id
    ports: dict[int, list[int]] = {}
    mats: dict[int, np.ndarray] = {}
    dangling = set(topo.dangling.tolist())
    for k, (off, size, blk) in enumerate(zip(topo.offsets, topo.sizes, blocks, strict=True)):
        glob = list(range(int(off), int(off + size)))
        keep = [i for i, g in enumerate(glob) if g not in dangling]
        if len(keep) < size:  # matched termination: zero input, output discarded
            idx = np.array(keep, dtype=int)
            blk = blk[..., idx[:, None], idx[None, :]]
        ports[k] = [glob[i] for i in keep]
        mats[k] = blk
        owner.update((g, k) for g in ports[k])

    def cost(a: int, b: int) -> int:
        ba, bb = owner[a], owner[b]
        return len(ports[ba]) - 2 if ba == bb else len(ports[ba]) + len(ports[bb]) - 2

    heap = [(cost(int(a), int(b)), n, int(a), int(b)) for n, (a, b) in enumerate(topo.pairs)]
    heapq.heapify(heap)
    next_id = len(blocks)
    while heap:
        c, n, a, b = heapq.heappop(heap)
        now = cost(a, b)
        if now > c and heap and now > heap[0][0]:  # stale priority: requeue
            heapq.heappush(heap, (now, n, a, b))
            continue
        ba, bb = owner[a], owner[b]
        if ba == bb:
            pa = ports.pop(ba)
            new = connect_self(mats.pop(ba), pa.index(a), pa.index(b))
            new_ports = [g for g in pa if g not in (a, b)]
        else:
            pa, pb = ports.pop(ba), ports.pop(bb)
            new = connect_pair(mats.pop(ba), pa.index(a), mats.pop(bb), pb.index(b))
            new_ports = [g for g in pa if g != a] + [g for g in pb if g != b]
        ports[next_id], mats[next_id] = new_ports, new
        owner.update((g, next_id) for g in new_ports)
        next_id += 1
    live = [k for k in ports if ports[k]]  # closed sub-circuits without ports drop out
    if not live or topo.ext_index.size == 0:
        return np.zeros((*_batch(blocks), 0, 0), dtype=complex)
    order = [g for k in live for g in ports[k]]
    full = mats[live[0]] if len(live) == 1 else _block_diag([mats[k] for k in live])
    pos = {g: i for i, g in enumerate(order)}
    sel = np.array([pos[int(g)] for g in topo.ext_index], dtype=int)
    return full[..., sel[:, None], sel[None, :]]
