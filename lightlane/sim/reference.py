"""Reference solver: each cell's graph solved at once with one batched ``np.linalg.solve``.

``S = D + C (I - A)^-1 B`` over all internal waves of a cell, with the same call plan, the same
model calls and the same cell graphs as the compiled solver, but none of its elimination order,
expression sharing or chunked program. Kept to check the compiled solver against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from lightlane.sim.graph import Block, reduce_tree
from lightlane.sim.models import call_model, ports_of
from lightlane.sim.montecarlo import Variation
from lightlane.sim.sparams import SParameters

DEFAULT_CHUNK = 64


def dense_reduce(edges: Mapping[tuple[int, int], np.ndarray], internal: list[int]) -> dict:
    """Source-to-sink edges of a graph after solving for every internal wave."""
    pos = {g: i for i, g in enumerate(internal)}
    sources = sorted({u for u, _ in edges if u not in pos})
    sinks = sorted({w for _, w in edges if w not in pos})
    src, snk = {u: i for i, u in enumerate(sources)}, {w: i for i, w in enumerate(sinks)}
    batch = np.broadcast_shapes(*(np.shape(v) for v in edges.values())) if edges else ()
    n = len(internal)
    a = np.zeros((*batch, n, n), dtype=complex)
    b = np.zeros((*batch, n, len(sources)), dtype=complex)
    c = np.zeros((*batch, len(sinks), n), dtype=complex)
    d = np.zeros((*batch, len(sinks), len(sources)), dtype=complex)
    for (u, w), value in edges.items():
        if u in pos and w in pos:
            a[..., pos[w], pos[u]] = value
        elif w in pos:
            b[..., pos[w], src[u]] = value
        elif u in pos:
            c[..., snk[w], pos[u]] = value
        else:
            d[..., snk[w], src[u]] = value
    s = d + c @ np.linalg.solve(np.eye(n) - a, b) if n else d
    return {(u, w): s[..., snk[w], src[u]] for u in sources for w in sinks}


def reference_simulate(
    compiled: Any,
    wl: np.ndarray,
    variations: tuple[Variation, ...],
    n: int,
    seed: int | None,
    chunk_size: int | None,
    pairs: Sequence[tuple[str, str]] | None,
    settings: Mapping[str, Any],
) -> SParameters:
    """What :class:`~lightlane.sim.compiled.CompiledCircuit` computes, the direct way."""
    from lightlane.sim.compiled import draws_for
    from lightlane.sim.outputs import check_pairs

    resolved = compiled.resolve(settings, variations)
    draws = draws_for(resolved.calls, variations, n, seed)
    step = int(chunk_size or DEFAULT_CHUNK)
    nominal = {
        cid: call_model(c.model, wl, c.kwargs, c.where)
        for cid, c in enumerate(resolved.calls)
        if not c.sampled
    }
    parts = []
    stats = {**resolved.stats, "model_calls": len(nominal)}
    for s0 in range(0, max(n, 1), step):
        window = slice(s0, min(s0 + step, n))
        outputs = dict(nominal)
        for cid, call in enumerate(resolved.calls):
            if call.sampled:
                kwargs = dict(call.kwargs)
                for k, varied in enumerate(call.varied):
                    kwargs[varied.variation.param] = draws[cid, k][window]
                outputs[cid] = call_model(call.model, wl, kwargs, call.where)
                stats["model_calls"] += 1

        def leaf(cid: int, outputs: dict = outputs) -> Block[np.ndarray]:
            entries = {k: np.asarray(v, dtype=complex) for k, v in outputs[cid].items()}
            return Block(ports_of(entries), entries)

        top = reduce_tree(resolved.root, leaf, dense_reduce, compiled.dangling)
        parts.append(_assemble(top, wl.size, window.stop - window.start if n else 0, pairs))
    chosen = check_pairs(pairs, top.ports)
    s = np.concatenate(parts, axis=0) if n else parts[0]
    return SParameters(top.ports, wl, s, info=stats, pairs=chosen)


def _assemble(top: Block[np.ndarray], n_wl: int, n: int, pairs: Any) -> np.ndarray:
    index = {p: i for i, p in enumerate(top.ports)}
    lead = (n,) if n else ()
    if pairs is None:
        out = np.zeros((*lead, n_wl, len(index), len(index)), dtype=complex)
        for (inp, o), value in top.entries.items():
            out[..., index[o], index[inp]] = value
        return out
    out = np.zeros((*lead, n_wl, len(pairs)), dtype=complex)
    for col, (o, inp) in enumerate(pairs):
        if (inp, o) in top.entries:
            out[..., col] = top.entries[inp, o]
    return out
