"""Fast solver: eliminate links one at a time, touching only structurally non-zero entries.

Each live block keeps its S in *ports-first* layout ``(p, p, *batch)`` (a row or column
over all wavelengths is contiguous; :func:`fast_solve_pf` takes and returns that layout so
sub-circuits never change layout) and a boolean ``(p, p)`` mask of entries that may be
non-zero. Linking two ports is a closed-form rank-2 update (Filipsson-Gunnar; for two
distinct blocks it is the one-port Redheffer star product), evaluated only on the rows and
columns the masks say are non-zero: reflection-free, feed-forward parts cost a fraction of
a dense update. Loops (rings, cavities) go through the same formula, so no general linear
solve is needed. Links go in rounds of disjoint links, smallest resulting block first;
links with identical local structure in a round are evaluated in one stacked call.
"""

from __future__ import annotations

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


def _ix(rows: np.ndarray, cols: np.ndarray) -> tuple[slice | np.ndarray, ...]:
    """Index for ``[rows, cols]``: basic slices when contiguous (views, no gather)."""

    def one(idx: np.ndarray) -> slice | None:
        if idx.size and np.array_equal(idx, np.arange(idx[0], idx[0] + idx.size)):
            return slice(int(idx[0]), int(idx[0]) + idx.size)
        return None

    r, c = one(rows), one(cols)
    if r is not None and c is not None:
        return r, c
    return np.ix_(rows, cols)


def _outer_add(
    out: np.ndarray,
    nz: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
) -> None:
    """``out[rows, cols] += u ⊗ v`` (u, v already restricted to rows/cols)."""
    if rows.size and cols.size:
        ix = _ix(rows, cols)
        out[ix] += u[:, None] * v[None, :]
        nz[ix] = True


def connect_pair(a: Block, i: int, b: Block, j: int) -> tuple[np.ndarray, np.ndarray]:
    """Link port ``i`` of ``a`` with port ``j`` of ``b``; ports of the result: a\\i then b\\j."""
    ka, kb = _others(a.s.shape[0], i), _others(b.s.shape[0], j)
    m, q = ka.size, kb.size
    batch = np.broadcast_shapes(a.s.shape[2:], b.s.shape[2:])
    out = np.zeros((m + q, m + q, *batch), dtype=complex)
    nz = np.zeros((m + q, m + q), dtype=bool)
    out[:m, :m], nz[:m, :m] = a.s[_ix(ka, ka)], a.nz[_ix(ka, ka)]
    out[m:, m:], nz[m:, m:] = b.s[_ix(kb, kb)], b.nz[_ix(kb, kb)]
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


def connect_self(blk: Block, k: int, l: int) -> tuple[np.ndarray, np.ndarray]:  # noqa: E741 - k, l: the two linked ports
    """Link ports ``k`` and ``l`` of one block (in_k = out_l, in_l = out_k) and drop them."""
    s, mask = blk.s, blk.nz
    keep = _others(s.shape[0], k, l)
    out, nz = s[np.ix_(keep, keep)], mask[np.ix_(keep, keep)]  # copies
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


def to_ports_first(s: np.ndarray) -> np.ndarray:
    """``(*batch, p, p)`` -> contiguous ``(p, p, *batch)``."""
    return np.ascontiguousarray(np.moveaxis(s, (-2, -1), (0, 1)))


def from_ports_first(s: np.ndarray) -> np.ndarray:
    """``(p, p, *batch)`` -> ``(*batch, p, p)`` (a view)."""
    return np.moveaxis(s, (0, 1), (-2, -1))


def _initial_blocks(blocks: Sequence[np.ndarray], topo: Topology, ndim: int) -> list[Block]:
    """Blocks with a common batch ndim and their masks; dangling ports removed."""
    dangling = set(topo.dangling.tolist())
    seen: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    out = []
    for off, size, arr in zip(topo.offsets, topo.sizes, blocks, strict=True):
        if id(arr) not in seen:  # blocks of identical settings are the same array
            pf = arr.reshape(arr.shape[:2] + (1,) * (ndim - arr.ndim) + arr.shape[2:])
            seen[id(arr)] = (pf, np.any(pf != 0, axis=tuple(range(2, pf.ndim))))
        s, nz = seen[id(arr)]
        glob = list(range(int(off), int(off + size)))
        keep = np.array([i for i, g in enumerate(glob) if g not in dangling], dtype=int)
        if keep.size < size:  # matched termination: zero input, output discarded
            s, nz = s[np.ix_(keep, keep)], nz[np.ix_(keep, keep)]
        out.append(Block(s, nz, [glob[i] for i in keep]))
    return out


def _signature(blk: Block) -> tuple:
    return blk.s.shape, blk.nz.tobytes()


def _pick_round(
    links: list[tuple[int, int]], live: dict[int, Block], owner: dict[int, int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Disjoint links for this round (each block used once), smallest result first."""

    def cost(link: tuple[int, int]) -> int:
        ba, bb = owner[link[0]], owner[link[1]]
        return len(live[ba].ports) + (0 if ba == bb else len(live[bb].ports)) - 2

    used: set[int] = set()
    chosen, rest = [], []
    for link in sorted(links, key=cost):
        ba, bb = owner[link[0]], owner[link[1]]
        if ba in used or bb in used:
            rest.append(link)
        else:
            used.update((ba, bb))
            chosen.append(link)
    return chosen, rest


def _stack(blks: list[Block]) -> Block:
    """Stack same-signature blocks along a new batch axis (axis 2)."""
    first = blks[0].s
    if all(b.s is first for b in blks):  # shared model block: a free broadcast view
        s = np.broadcast_to(first[:, :, None], (*first.shape[:2], len(blks), *first.shape[2:]))
        return Block(s, blks[0].nz, [])
    return Block(np.stack([b.s for b in blks], axis=2), blks[0].nz, [])


def fast_solve(blocks: Sequence[np.ndarray], topo: Topology) -> np.ndarray:
    """Same result as :func:`~lightlane.sim.solve.reference_solve`: ``(*batch, p, p)`` in/out."""
    out = fast_solve_pf([to_ports_first(b) for b in blocks], topo)
    return np.ascontiguousarray(from_ports_first(out))


def fast_solve_pf(blocks: Sequence[np.ndarray], topo: Topology) -> np.ndarray:
    """:func:`fast_solve` on ports-first blocks ``(p, p, *batch)``; returns ports-first.

    Links are processed in rounds of disjoint links; links of a round whose blocks have
    the same shape, mask and local port indices (repeated structure: lattice stages,
    lanes) are evaluated together in one stacked numpy call.
    """
    batch = np.broadcast_shapes(*(b.shape[2:] for b in blocks)) if blocks else ()
    live = dict(enumerate(_initial_blocks(blocks, topo, len(batch) + 2)))
    owner = {g: k for k, blk in live.items() for g in blk.ports}
    links = [(int(a), int(b)) for a, b in topo.pairs]
    next_id = len(live)
    while links:
        chosen, links = _pick_round(links, live, owner)
        groups: dict[tuple, list[tuple[int, int]]] = {}
        for a, b in chosen:
            ba, bb = owner[a], owner[b]
            pa, pb = live[ba], live[bb]
            key = (ba == bb, _signature(pa), pa.ports.index(a), _signature(pb), pb.ports.index(b))
            groups.setdefault(key, []).append((a, b))
        for (is_self, _, i, _, j), members in groups.items():
            firsts = [live.pop(owner[a]) for a, _ in members]
            seconds = firsts if is_self else [live.pop(owner[b]) for _, b in members]
            if len(members) == 1:  # no stacking copy for unique structure
                one = (firsts[0], seconds[0])
                s, nz = (
                    connect_self(one[0], i, j) if is_self else connect_pair(one[0], i, one[1], j)
                )
                results = [s]
            else:
                sa = _stack(firsts)
                s, nz = (
                    connect_self(sa, i, j) if is_self else connect_pair(sa, i, _stack(seconds), j)
                )
                results = [s[:, :, g] for g in range(len(members))]
            for (a, b), pa, pb, res in zip(members, firsts, seconds, results, strict=True):
                ports = [g for g in pa.ports if g not in (a, b)]
                if not is_self:
                    ports += [g for g in pb.ports if g != b]
                live[next_id] = Block(res, nz, ports)
                owner.update((g, next_id) for g in ports)
                next_id += 1
    return _external(list(live.values()), topo, batch)


def _external(live: list[Block], topo: Topology, batch: tuple[int, ...]) -> np.ndarray:
    """Assemble the external S ``(n_ext, n_ext, *batch)`` from the remaining blocks."""
    n = topo.ext_index.size
    where = {int(g): (k, blk.ports.index(int(g))) for k, blk in enumerate(live) for g in blk.ports}
    owners = {where[int(g)][0] for g in topo.ext_index}
    if len(owners) == 1:  # usual case: one connected circuit, at most one gather
        blk = live[owners.pop()]
        loc = np.array([where[int(g)][1] for g in topo.ext_index], dtype=int)
        same = np.array_equal(loc, np.arange(blk.s.shape[0]))
        return np.broadcast_to(blk.s if same else blk.s[np.ix_(loc, loc)], (n, n, *batch))
    out = np.zeros((n, n, *batch), dtype=complex)
    for k, blk in enumerate(live):  # unlinked blocks are independent: block-diagonal
        dst = np.array(
            [i for i, g in enumerate(topo.ext_index) if where[int(g)][0] == k], dtype=int
        )
        if dst.size:
            loc = np.array([where[int(topo.ext_index[i])][1] for i in dst], dtype=int)
            out[np.ix_(dst, dst)] = blk.s[np.ix_(loc, loc)]
    return out
