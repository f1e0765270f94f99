"""Topology of one netlist level: global port indices, links and external ports.

Built once per cell from the instance port lists (no S values involved), so the solvers
only do index arithmetic on arrays afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from lightlane.sim.errors import DanglingPortError, PortError
from lightlane.sim.netlist import FlatNetlist, PortRef

Dangling = Literal["error", "ignore"]
# Electrical ports (e1..eN) carry no light: links and external ports between them are skipped.
ELECTRICAL = re.compile(r"e\d+")


@dataclass(frozen=True)
class Topology:
    """Index arrays for one cell.

    Global port ``g`` of instance ``k`` is ``offsets[k] + local index``. ``pairs`` holds the
    connected global index pairs, ``ext_index`` the global index of each external port
    (in ``ext_names`` order) and ``dangling`` the unconnected internal ports.
    """

    instances: tuple[str, ...]
    offsets: np.ndarray
    sizes: np.ndarray
    pairs: np.ndarray
    ext_names: tuple[str, ...]
    ext_index: np.ndarray
    dangling: np.ndarray

    @property
    def n_ports(self) -> int:
        """Total number of instance ports in this cell."""
        return int(self.sizes.sum())


def _describe(netlist: FlatNetlist, ref: PortRef) -> str:
    inst = netlist.instances[ref[0]]
    return f"instance {ref[0]!r} (component {inst.component!r}) port {ref[1]!r}"


def build_topology(
    netlist: FlatNetlist,
    instance_ports: Mapping[str, Sequence[str]],
    dangling: Dangling = "error",
) -> Topology:
    """Validate every link/external port against the instance port lists and index them.

    Raises:
        PortError: unknown port, or a port used by more than one link/external port.
        DanglingPortError: an internal port is unused and ``dangling == "error"``.
    """
    names = tuple(netlist.instances)
    sizes = np.array([len(instance_ports[n]) for n in names], dtype=int)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    local = {n: {p: i for i, p in enumerate(instance_ports[n])} for n in names}
    base = dict(zip(names, offsets.tolist(), strict=True))
    used: dict[int, str] = {}

    def electrical(ref: PortRef) -> bool:
        """An electrical port (e1..eN) that the instance's optical model does not have."""
        return ref[1] not in local[ref[0]] and ELECTRICAL.fullmatch(ref[1]) is not None

    def index(ref: PortRef, use: str) -> int:
        ports = local[ref[0]]
        if ref[1] not in ports:
            raise PortError(
                f"cell {netlist.name!r}: {use} uses {_describe(netlist, ref)}, which its model "
                f"does not have; ports of {ref[0]!r}: {list(instance_ports[ref[0]])}"
            )
        g = base[ref[0]] + ports[ref[1]]
        if g in used:
            raise PortError(
                f"cell {netlist.name!r}: {_describe(netlist, ref)} is connected twice "
                f"({used[g]} and {use})"
            )
        used[g] = use
        return g

    pairs = np.array(
        [
            (
                index(a, f"link {a[0]},{a[1]}<->{b[0]},{b[1]}"),
                index(b, f"link {a[0]},{a[1]}<->{b[0]},{b[1]}"),
            )
            for a, b in netlist.connections
            if not (electrical(a) and electrical(b))
        ],
        dtype=int,
    ).reshape(-1, 2)
    optical_ports = {ext: ref for ext, ref in netlist.ports.items() if not electrical(ref)}
    ext_names = tuple(optical_ports)
    ext_index = np.array(
        [index(ref, f"external port {ext!r}") for ext, ref in optical_ports.items()], dtype=int
    )
    free = np.array(sorted(set(range(int(sizes.sum()))) - set(used)), dtype=int)
    if free.size and dangling == "error":
        owner = np.searchsorted(offsets, free, side="right") - 1
        where = [
            f"{names[o]},{instance_ports[names[o]][g - offsets[o]]}"
            for o, g in zip(owner, free, strict=True)
        ]
        raise DanglingPortError(
            f"cell {netlist.name!r}: unconnected instance port(s) {where} are neither linked nor "
            "exposed; connect them or pass dangling='ignore' (treated as matched terminations)"
        )
    return Topology(names, offsets, sizes, pairs, ext_names, ext_index, free)
