"""Fast solver: eliminate links one at a time, touching only structurally non-zero entries.

Each live block keeps its S in *ports-first* layout ``(p, p, *batch)`` (so a row or column
over all wavelengths is contiguous) and a boolean ``(p, p)`` mask of entries that may be
non-zero. Linking two ports is a closed-form rank-2 update (Filipsson-Gunnar; for two
distinct blocks it is the one-port Redheffer star product), evaluated only on the rows and
columns the masks say are non-zero: reflection-free, feed-forward parts cost a fraction of
a dense update. Loops (rings, cavities) go through the same formula, so no general linear
solve is needed. Links are taken greedily, smallest resulting block first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lightlane.sim.assembly import Topology


@dataclass
class Block:
    """A live sub-circuit: ``s`` is ``(p, p, *batch)``, ``nz`` its structural non-zeros."""

    s: np.ndarray
    nz: np.ndarray
    ports: list[int]


def _others(n: int, *drop: int) -> np.ndarray:
    return np.array([i for i in range(n) if i not in drop], dtype=int)


def _outer_add(out: np.ndarray, nz: np.ndarray, rows: np.ndarray, cols: np.ndarray,
               u: np.ndarray, v: np.ndarray) -> None:
    """``out[rows, cols] += u ⊗ v`` (u, v already restricted to rows/cols)."""
    if rows.size and cols.size:
        out[np.ix_(rows, cols)] += u[:, None] * v[None, :]
        nz[np.ix_(rows, cols)] = True


def connect_pair(a: Block, i: int, b: Block, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Link port ``i`` of ``a`` with port ``j`` of ``b``; ports of the result: a\\i then b\\j."""
    ka, kb = _others(a.s.shape[0], i), _others(b.s.shape[0], j)
    m, q = ka.size, kb.size
    batch = np.broadcast_shapes(a.s.shape[2:], b.s.shape[2:])
    out = np.zeros((m + q, m + q, *batch), dtype=complex)
    nz = np.zeros((m + q, m + q), dtype=bool)
    out[:m, :m], nz[:m, :m] = a.s[np.ix_(ka, ka)], a.nz[np.ix_(ka, ka)]
    out[m:, m:], nz[m:, m:] = b.s[np.ix_(kb, kb)], b.nz[np.ix_(kb, kb)]
    ra, ca = np.nonzero(a.nz[ka, i])[0], np.nonzero(a.nz[i, ka])[0]
    rb, cb = np.nonzero(b.nz[kb, j])[0], np.nonzero(b.nz[j, kb])[0]
    a_ei, a_ie = a.s[ka[ra], i], a.s[i, ka[ca]]
    b_ej, b_je = b.s[kb[rb], j], b.s[j, kb[cb]]
    r_a, r_b = a.nz[i, i], b.nz[j, j]  # reflections at the linked ports
    if r_a and r_b:  # multiple reflections between the two blocks
        inv = 1.0 / (1.0 - a.s[i, i] * b.s[j, j])
        a_ie, b_je = a_ie * inv, b_je * inv
    _outer_add(out, nz, ra, m + cb, a_ei, b_je)
    _outer_add(out, nz, m + rb, ca, b_ej, a_ie)
    if r_b:
        _outer_add(out, nz, ra, ca, a_ei, b.s[j, j] * a_ie)
    if r_a:
        _outer_add(out, nz, m + rb, m + cb, b_ej, a.s[i, i] * b_je)
    return out, nz


def connect_self(blk: Block, k: int, l: int) -> tuple[np.ndarray, np.ndarray]:
    """Link ports ``k`` and ``l`` of one block (in_k = out_l, in_l = out_k) and drop them."""
    s, mask = blk.s, blk.nz
    keep = _others(s.shape[0], k, l)
    out, nz = s[np.ix_(keep, keep)], mask[np.ix_(keep, keep)].copy()
    a = s[k, k] if mask[k, k] else 0.0
    b = s[k, l] if mask[k, l] else 0.0
    c = s[l, k] if mask[l, k] else 0.0
    d = s[l, l] if mask[l, l] else 0.0
    loops = mask[k, k] or mask[k, l] or mask[l, k] or mask[l, l]
    det = (1 - b) * (1 - c) - a * d if loops else 1.0  # 1: nothing comes back
    ck, cl = mask[k, keep], mask[l, keep]
    # out_k and out_l per unit input at the kept ports, on their supports only
    sup_k = np.nonzero(ck | (cl & mask[k, k]))[0]
    sup_l = np.nonzero(cl | (ck & mask[l, l]))[0]
    x_k = ((1 - c) * s[k, keep[sup_k]] + a * s[l, keep[sup_k]]) / det
    x_l = (d * s[k, keep[sup_l]] + (1 - b) * s[l, keep[sup_l]]) / det
    rl, rk = np.nonzero(mask[keep, l])[0], np.nonzero(mask[keep, k])[0]
    _outer_add(out, nz, rl, sup_k, s[keep[rl], l], x_k)
    _outer_add(out, nz, rk, sup_l, s[keep[rk], k], x_l)
    return out, nz


def _initial_blocks(blocks: Sequence[np.ndarray], topo: Topology, ndim: int) -> list[Block]:
    """Ports-first copies (one per distinct array) with dangling ports removed."""
    dangling = set(topo.dangling.tolist())
    seen: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    out = []
    for off, size, arr in zip(topo.offsets, topo.sizes, blocks, strict=True):
        if id(arr) not in seen:  # blocks of identical settings are the same array
            pf = np.moveaxis(arr, (-2, -1), (0, 1))
            pf = np.ascontiguousarray(pf.reshape(pf.shape[:2] + (1,) * (ndim - arr.ndim) + pf.shape[2:]))
            seen[id(arr)] = (pf, np.any(pf != 0, axis=tuple(range(2, pf.ndim))))
        s, nz = seen[id(arr)]
        glob = list(range(int(off), int(off + size)))
        keep = np.array([i for i, g in enumerate(glob) if g not in dangling], dtype=int)
        if keep.size < size:  # matched termination: zero input, output discarded
            s, nz = s[np.ix_(keep, keep)], nz[np.ix_(keep, keep)]
        out.append(Block(s, nz, [glob[i] for i in keep]))
    return out


def fast_solve(blocks: Sequence[np.ndarray], topo: Topology) -> np.ndarray:
    """Same result as :func:`~lightlane.sim.solve.reference_solve`, link by link."""
    batch = np.broadcast_shapes(*(b.shape[:-2] for b in blocks)) if blocks else ()
    live = dict(enumerate(_initial_blocks(blocks, topo, len(batch) + 2)))
    owner = {g: k for k, blk in live.items() for g in blk.ports}

    def cost(a: int, b: int) -> int:
        ba, bb = owner[a], owner[b]
        size = len(live[ba].ports) + (0 if ba == bb else len(live[bb].ports))
        return size - 2

    heap = [(cost(int(a), int(b)), n, int(a), int(b)) for n, (a, b) in enumerate(topo.pairs)]
    heapq.heapify(heap)
    next_id = len(live)
    while heap:
        c, n, a, b = heapq.heappop(heap)
        now = cost(a, b)
        if now > c and heap and now > heap[0][0]:  # stale priority: requeue
            heapq.heappush(heap, (now, n, a, b))
            continue
        ba, bb = owner[a], owner[b]
        if ba == bb:
            blk = live.pop(ba)
            s, nz = connect_self(blk, blk.ports.index(a), blk.ports.index(b))
            ports = [g for g in blk.ports if g not in (a, b)]
        else:
            pa, pb = live.pop(ba), live.pop(bb)
            s, nz = connect_pair(pa, pa.ports.index(a), pb, pb.ports.index(b))
            ports = [g for g in pa.ports if g != a] + [g for g in pb.ports if g != b]
        live[next_id] = Block(s, nz, ports)
        owner.update((g, next_id) for g in ports)
        next_id += 1
    return _external(list(live.values()), topo, batch)


def _external(live: list[Block], topo: Topology, batch: tuple[int, ...]) -> np.ndarray:
    """Assemble the external S ``(*batch, n_ext, n_ext)`` from the remaining blocks."""
    n = topo.ext_index.size
    out = np.zeros((*batch, n, n), dtype=complex)
    pos = {int(g): i for i, g in enumerate(topo.ext_index)}
    for blk in live:  # unlinked blocks are independent: block-diagonal
        loc = np.array([i for i, g in enumerate(blk.ports) if g in pos], dtype=int)
        if loc.size:
            dst = np.array([pos[blk.ports[i]] for i in loc], dtype=int)
            out[..., dst[:, None], dst[None, :]] = np.moveaxis(blk.s[np.ix_(loc, loc)], (0, 1), (-2, -1))
    return out
