"""Symbolic reduction of a cell's signal-flow graph to expressions over model entries.

A cell is a graph on waves: node ``g`` is the wave entering instance port ``g``; a model entry
``S[b <- a]`` is an edge from the wave entering ``a`` to the wave entering the port linked to
``b`` (or to an external sink). Eliminating a node ``v`` connects each predecessor ``u`` to each
successor ``w`` with ``S[w<-v] S[v<-u] / (1 - S[v<-v])``: a chain or tree (feed-forward) costs
one product per structural non-zero, and the division appears only where a loop (ring,
reflection) closed on ``v``. Nodes go in rounds of non-adjacent, cheapest-first nodes (a chain
halves per round), so the expression depth grows with the logarithm of the circuit size and
each round runs as a few batched numpy calls (:mod:`lightlane.sim.program`).

Nothing here touches numbers: values are ids in :class:`Exprs`, which shares identical
expressions (the same model entry, the same products), so repeated structure is evaluated once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

LEAF, SOP, LOOP = 0, 1, 2
Term = tuple[int, ...]  # (a,) a value, or (a, b) a product


class Exprs:
    """Hash-consed expression DAG; a value id is created after the ids it depends on.

    ``LEAF`` args ``(call, key)``: one model entry. ``SOP`` args: a sorted tuple of terms
    (``(a,)`` or ``(a, b)``), their sum. ``LOOP`` args ``(a,)``: ``1 / (1 - a)``.
    ``sampled[v]``: the value has a Monte Carlo sample axis.
    """

    def __init__(self) -> None:
        self.kind: list[int] = []
        self.args: list[tuple] = []
        self.sampled: list[bool] = []
        self._ids: dict[tuple, int] = {}

    def _add(self, kind: int, args: tuple, sampled: bool) -> int:
        key = (kind, args)
        vid = self._ids.get(key)
        if vid is None:
            vid = self._ids[key] = len(self.kind)
            self.kind.append(kind)
            self.args.append(args)
            self.sampled.append(sampled)
        return vid

    def leaf(self, call: int, key: tuple[str, str], sampled: bool) -> int:
        return self._add(LEAF, (call, key), sampled)

    def loop(self, a: int) -> int:
        return self._add(LOOP, (a,), self.sampled[a])

    def product(self, a: int, b: int) -> Term:
        """The term ``a * b``, with nominal factors multiplied together first.

        When one factor is sampled and is itself a single product of a sampled and a nominal
        value (``s = x * n1``), ``s * n2`` becomes ``x * (n1 * n2)``: the nominal product is
        computed once per wavelength, and ``s`` need not be (a Monte Carlo chain of nominal
        couplers around one varied waveguide costs one product per sample, not one per link).
        """
        if self.sampled[a] == self.sampled[b]:
            return (a, b)
        s, n = (a, b) if self.sampled[a] else (b, a)
        args = self.args[s]
        if self.kind[s] == SOP and len(args) == 1 and len(args[0]) == 2:
            x, y = args[0]
            if self.sampled[x] != self.sampled[y]:
                x, y = (x, y) if self.sampled[x] else (y, x)
                return (x, self.sop([(y, n)]))
        return (a, b)

    def sop(self, terms: Iterable[Term]) -> int:
        canon = tuple(sorted(tuple(sorted(t)) for t in terms))
        if len(canon) == 1 and len(canon[0]) == 1:
            return canon[0][0]
        return self._add(SOP, canon, any(self.sampled[v] for t in canon for v in t))


def _cost(v: int, ins: Mapping[int, int], outs: Mapping[int, int]) -> int:
    """Products created by eliminating ``v`` (its self-loop excluded)."""
    return (len(ins) - (v in ins)) * (len(outs) - (v in outs))


def _independent_round(
    nodes: set[int], in_adj: Mapping[int, dict[int, int]], out_adj: Mapping[int, dict[int, int]]
) -> list[int]:
    """Pairwise non-adjacent nodes near the cheapest cost (minimum-degree style)."""
    costs = sorted((_cost(v, in_adj[v], out_adj[v]), v) for v in nodes)
    limit = max(2 * costs[0][0], costs[0][0] + 2)
    blocked: set[int] = set()
    chosen = []
    for cost, v in costs:
        if cost > limit:
            break
        if v not in blocked:
            chosen.append(v)
            blocked.update(in_adj[v])
            blocked.update(out_adj[v])
    return chosen


def eliminate(exprs: Exprs, edges: Mapping[tuple[int, int], int], internal: Iterable[int]) -> dict:
    """Eliminate the ``internal`` nodes; returns the remaining edges ``{(u, w): value id}``."""
    out_adj: dict[int, dict[int, int]] = defaultdict(dict)
    in_adj: dict[int, dict[int, int]] = defaultdict(dict)
    for (u, w), vid in edges.items():
        out_adj[u][w] = vid
        in_adj[w][u] = vid
    remaining = set(internal)
    while remaining:
        fills: dict[tuple[int, int], list[Term]] = defaultdict(list)
        for v in _independent_round(remaining, in_adj, out_adj):
            remaining.discard(v)
            ins, outs = in_adj.pop(v, {}), out_adj.pop(v, {})
            loop = outs.pop(v, None)
            ins.pop(v, None)
            for u in ins:
                del out_adj[u][v]
            for w in outs:
                del in_adj[w][v]
            if loop is not None:  # scale the smaller side by 1 / (1 - loop gain)
                f = exprs.loop(loop)
                if len(ins) <= len(outs):
                    ins = {u: exprs.sop([(a, f)]) for u, a in ins.items()}
                else:
                    outs = {w: exprs.sop([(b, f)]) for w, b in outs.items()}
            for u, a in ins.items():
                for w, b in outs.items():
                    fills[u, w].append(exprs.product(a, b))
        for (u, w), terms in fills.items():
            base = out_adj[u].get(w)
            vid = exprs.sop(terms if base is None else [*terms, (base,)])
            out_adj[u][w] = in_adj[w][u] = vid
    return {(u, w): vid for u, ws in out_adj.items() for w, vid in ws.items()}
