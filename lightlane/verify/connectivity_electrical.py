"""Electrical connectivity of a layout: every device terminal reaches its own pad, no shorts.

Nets are extracted flat with KLayout's LayoutToNetlist from the conductors M1, VIA1, M2, VIA2
and M3; TiN (HEATER) is a resistor between two nets (a heater's filament, a traveling-wave
electrode's termination), never a conductor of one. A pad is a PADOPEN opening; its net is the
metal under its centre.

A device is an instance with electrical ports and more than metal (a modulator, a photodiode;
not a pad, wire or via, which are the interconnect itself). A terminal is one of
its own nets: the ports the device's cell joins by itself (both ends of a traveling-wave
electrode) form one terminal. Findings:

- ``open``: a terminal reaches no pad;
- ``short``: two terminals (of one device or of two) share a net;
- ``pads``: a terminal reaches a different number of pads than it has ports (each port, the
  terminal's ways in from outside, reaches exactly one pad). The pads of a device that
  declares them landings for another die's wires (``info["bond_landings"]``: a laser site's,
  for the laser's top contacts) count only where no pad beyond the device is on the net.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import klayout.db as kdb

from lightlane.pdk.layers import LAYER_TABLE

__all__ = [
    "CONDUCTORS",
    "ElectricalFinding",
    "ElectricalReport",
    "check_electrical",
    "terminals",
]

CONDUCTORS = ("M1", "VIA1", "M2", "VIA2", "M3")
"""Conductor layers bottom up; each joins the one below and above it."""
PAD = "PADOPEN"
_PROBE_INSET = 0.5  # um: probe a port this far inside its metal (a port sits on the edge)


@dataclass(frozen=True)
class ElectricalFinding:
    """One fault: ``kind`` (open, short, pads), the terminal, a sentence, where (um, top)."""

    kind: str
    terminal: str
    message: str
    location: tuple[float, float] = (0.0, 0.0)


@dataclass
class ElectricalReport:
    """Result of :func:`check_electrical`; ``ok`` when there is no finding."""

    top_cell: str
    terminals: int
    pads: int
    findings: list[ElectricalFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        return {
            "top_cell": self.top_cell,
            "terminals": self.terminals,
            "pads": self.pads,
            "findings": [asdict(f) for f in self.findings],
        }


class _Nets:
    """Flat nets of one cell's conductors; ``at(layer, point)`` is a net id or None."""

    def __init__(self, layout: kdb.Layout, cell: kdb.Cell) -> None:
        gds = {d.name: d.gds for d in LAYER_TABLE}
        self.l2n = kdb.LayoutToNetlist(cell.name, layout.dbu)
        self.layers: dict[str, kdb.Region] = {}
        for name in (*CONDUCTORS, PAD):
            index = layout.find_layer(*gds[name])
            region = kdb.Region() if index is None else kdb.Region(cell.begin_shapes_rec(index))
            self.layers[name] = region
            if name in CONDUCTORS:
                self.l2n.register(region, name)
        for k, name in enumerate(CONDUCTORS):
            self.l2n.connect(self.layers[name])
            if k:
                self.l2n.connect(self.layers[CONDUCTORS[k - 1]], self.layers[name])
        self.l2n.extract_netlist()

    def at(self, layer: str, point: kdb.DPoint) -> int | None:
        layers = [layer] if layer in CONDUCTORS else list(CONDUCTORS[::-1])
        for name in layers:
            net = self.l2n.probe_net(self.layers[name], point)
            if net is not None:
                return int(net.cluster_id)
        return None

    def pads(self) -> list[tuple[kdb.DPoint, int | None]]:
        """Every pad opening's centre and the net under it (top metal first)."""
        dbu = self.l2n.internal_layout().dbu
        return [
            (p.bbox().center().to_dtype(dbu), self.at(PAD, p.bbox().center().to_dtype(dbu)))
            for p in self.layers[PAD].merged().each()
        ]


def _layer_name(port: Any, kcl: Any) -> str:
    info = kcl.get_info(port.layer)
    for d in LAYER_TABLE:
        if tuple(d.gds) == (info.layer, info.datatype):
            return d.name
    return ""


def _probe_point(trans: kdb.DCplxTrans, port: Any) -> kdb.DPoint:
    """A point just inside the metal behind ``port`` (ports face out of their conductor)."""
    inward = kdb.DCplxTrans(1.0, port.orientation, False, 0, 0) * kdb.DVector(-_PROBE_INSET, 0)
    return trans * (kdb.DPoint(*port.center) + inward)


def _groups(cell: Any, kcl: Any) -> tuple[tuple[str, ...], ...]:
    """The device cell's own terminals: its electrical ports grouped by the cell's own nets."""
    nets = _Nets(kcl.layout, cell.kdb_cell)
    by_net: dict[Any, list[str]] = {}
    for port in cell.ports:
        if port.port_type != "electrical":
            continue
        net = nets.at(_layer_name(port, kcl), _probe_point(kdb.DCplxTrans(), port))
        by_net.setdefault(("port", port.name) if net is None else net, []).append(port.name)
    return tuple(tuple(sorted(names)) for names in sorted(by_net.values()))


_INTERCONNECT = {*CONDUCTORS, PAD, "UBM", "PORT", "PORTE", "TEXT", "DEVREC", "PADDING", "FLOORPLAN"}


def _is_device(cell: Any, kcl: Any) -> bool:
    """True unless ``cell`` is pure interconnect (pads, wires, vias: only metal and markers)."""
    layout = kcl.layout
    others = [layout.find_layer(*d.gds) for d in LAYER_TABLE if d.name not in _INTERCONNECT]
    return any(i is not None and not cell.kdb_cell.bbox(i).empty() for i in others)


def terminals(
    component: Any,
) -> list[tuple[str, tuple[str, ...], list[kdb.DPoint], Any, kdb.DBox]]:
    """(instance path, port names, probe points, a port, and the device's box where its
    pads are landings for another die's wires, ``info["bond_landings"]``, else an empty
    box) of every device terminal."""
    out = []
    groups: dict[str, tuple[tuple[str, ...], ...]] = {}  # per device cell, extracted once
    stack = [(component, kdb.DCplxTrans(), "")]
    while stack:
        cell, trans, prefix = stack.pop()
        for inst in cell.insts:
            child = inst.cell
            path = f"{prefix}{inst.name}"
            placed = trans * inst.dcplx_trans
            ports = {p.name: p for p in child.ports if p.port_type == "electrical"}
            if ports and _is_device(child, component.kcl):
                if child.name not in groups:
                    groups[child.name] = _groups(child, component.kcl)
                # a device whose pads are landings for another die's wires (a laser site's)
                landings = bool(child.info.get("bond_landings", False))
                box = child.dbbox().transformed(placed) if landings else kdb.DBox()
                for group in groups[child.name]:
                    points = [_probe_point(placed, ports[name]) for name in group]
                    out.append((path, group, points, ports[group[0]], box))
            elif len(child.insts):
                stack.append((child, placed, f"{path}/"))
    return sorted(out, key=lambda t: (t[0], t[1]))


def check_electrical(component: Any) -> ElectricalReport:
    """Opens, shorts and pad counts of every device terminal in ``component`` (module doc)."""
    kcl = component.kcl
    nets = _Nets(kcl.layout, component.kdb_cell)
    pads = nets.pads()
    findings: list[ElectricalFinding] = []
    owner: dict[int, str] = {}
    found = terminals(component)
    for path, group, points, port, box in found:
        label = f"{path}:{'+'.join(group)}"
        at = (round(points[0].x, 3), round(points[0].y, 3))
        layer = _layer_name(port, kcl)
        ids = {nets.at(layer, p) for p in points}
        if None in ids or len(ids) != 1:
            findings.append(ElectricalFinding("open", label, f"{label}: not one net {ids}", at))
            continue
        (net,) = ids
        if net in owner:
            findings.append(
                ElectricalFinding("short", label, f"{label} is shorted to {owner[net]}", at)
            )
            continue
        owner[net] = label
        own = [p for p, n in pads if n == net and box.contains(p)]
        count = sum(1 for _, n in pads if n == net) - len(own)
        count = count or len(own)  # a device's own pads count where none lies beyond it
        if count == 0:
            findings.append(ElectricalFinding("open", label, f"{label} reaches no pad", at))
        elif count != len(group):
            findings.append(
                ElectricalFinding(
                    "pads",
                    label,
                    f"{label}: {len(group)} ports reach {count} pads, not one each",
                    at,
                )
            )
    return ElectricalReport(component.name, len(found), len(pads), findings)
