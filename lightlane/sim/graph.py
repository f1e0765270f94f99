"""One cell as a signal-flow graph: instance blocks linked through the cell's topology.

Node ``g < n`` is the wave entering instance port ``g`` (a linked port); ``n + e`` is the wave
entering external port ``e`` (a source) and ``n + n_ext + e`` the wave leaving it (a sink).
A dangling port (``dangling="ignore"``) is a matched load: nothing enters, what leaves is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from lightlane.sim.assembly import Dangling, Topology, build_topology
from lightlane.sim.netlist import FlatNetlist

H = TypeVar("H")  # an entry's value: an expression id or an array


@dataclass(frozen=True)
class Block(Generic[H]):
    """An instance seen from its cell: port names and SDict entries ``{(in, out): value}``."""

    ports: Sequence[str]
    entries: Mapping[tuple[str, str], H]


def cell_edges(topo: Topology, blocks: Sequence[Block[Any]]) -> tuple[dict, list[int]]:
    """Edges ``{(from node, to node): value}`` of a cell and its internal (linked) nodes."""
    partner: dict[int, int] = {}
    for a, b in topo.pairs.tolist():
        partner[a], partner[b] = b, a
    n, n_ext = topo.n_ports, len(topo.ext_names)
    source = {g: n + e for e, g in enumerate(topo.ext_index.tolist())}
    sink = {g: n + n_ext + e for e, g in enumerate(topo.ext_index.tolist())}
    edges: dict[tuple[int, int], Any] = {}
    for off, block in zip(topo.offsets.tolist(), blocks, strict=True):
        local = {p: off + i for i, p in enumerate(block.ports)}
        for (a, b), value in block.entries.items():
            ga, gb = local[a], local[b]
            frm = ga if ga in partner else source.get(ga)
            to = partner[gb] if gb in partner else sink.get(gb)
            if frm is not None and to is not None:
                edges[frm, to] = value
    return edges, sorted(partner)


def external_entries(topo: Topology, edges: Mapping[tuple[int, int], H]) -> dict:
    """The cell's own SDict ``{(in, out): value}`` from its source-to-sink edges."""
    n, names = topo.n_ports, topo.ext_names
    k = len(names)
    return {
        (names[u - n], names[w - n - k]): value
        for (u, w), value in edges.items()
        if n <= u < n + k and w >= n + k
    }


@dataclass(eq=False)
class CellNode:
    """A cell to reduce: its netlist and, per instance, a model call id or a sub-cell node.

    A sub-cell node shared by several instances (same cell and settings, no variation inside)
    is reduced once.
    """

    net: FlatNetlist
    children: tuple[int | CellNode, ...]


def reduce_tree(
    root: CellNode,
    leaf_block: Callable[[int], Block[H]],
    reduce_cell: Callable[[dict, list[int]], dict],
    dangling: Dangling,
) -> Block[H]:
    """Reduce every cell bottom-up to its external SDict (``reduce_cell`` eliminates a graph)."""
    memo: dict[int, Block[H]] = {}

    def walk(node: CellNode) -> Block[H]:
        if id(node) not in memo:
            blocks = [leaf_block(c) if isinstance(c, int) else walk(c) for c in node.children]
            ports = {name: b.ports for name, b in zip(node.net.instances, blocks, strict=True)}
            topo = build_topology(node.net, ports, dangling)
            edges, internal = cell_edges(topo, blocks)
            entries = external_entries(topo, reduce_cell(edges, internal))
            memo[id(node)] = Block(list(topo.ext_names), entries)
        return memo[id(node)]

    return walk(root)
