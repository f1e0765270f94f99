"""Connectivity checks on a gdsfactory circuit: how its instances' ports meet.

Looks at the direct instances of a component (one level, like a schematic): dangling optical
ports, width or port-type mismatch, near-miss ports, overlapping devices, and bends below the
minimum radius of their cross-section (the ``radius`` rules of RULES).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import klayout.db as db

from lightlane.pdk.layers import LAYER_TABLE
from lightlane.pdk.rules import RULES

__all__ = ["ConnectivityFinding", "ConnectivityReport", "check_connectivity"]

Kind = Literal[
    "dangling", "width_mismatch", "type_mismatch", "misaligned", "overlap", "bend_radius"
]
COINCIDE_UM = 0.0005  # ports closer than half a database unit are the same point
NEAR_UM = 0.010  # ports this close that do not coincide are a misalignment


@dataclass(frozen=True)
class ConnectivityFinding:
    """One fault: ``kind``, a sentence, where (um, top coordinates) and which instances/ports."""

    kind: Kind
    message: str
    location: tuple[float, float]
    instances: tuple[str, ...] = ()
    rule: str = ""


@dataclass
class ConnectivityReport:
    """Result of :func:`check_connectivity`; ``ok`` when there is no finding."""

    top_cell: str
    findings: list[ConnectivityFinding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.kind for f in self.findings).items()))

    def of_kind(self, kind: Kind) -> list[ConnectivityFinding]:
        return [f for f in self.findings if f.kind == kind]

    def summary(self) -> str:
        if self.ok:
            return f"connectivity {self.top_cell}: clean"
        counts = ", ".join(f"{k}={n}" for k, n in self.counts.items())
        return f"connectivity {self.top_cell}: {len(self.findings)} findings: {counts}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "top_cell": self.top_cell,
            "ok": self.ok,
            "counts": self.counts,
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass(frozen=True)
class _Port:
    inst: str
    name: str
    x: float
    y: float
    orientation: float
    width: float
    port_type: str

    @property
    def label(self) -> str:
        return f"{self.inst}.{self.name}"


def _port(owner: str, p: Any) -> _Port:
    return _Port(
        owner,
        p.name or "",
        float(p.center[0]),
        float(p.center[1]),
        float(p.orientation or 0.0),
        float(p.width),
        str(p.port_type),
    )


def _ports(component: Any) -> tuple[list[_Port], list[_Port]]:
    """(ports of the direct instances, the component's own ports)."""
    inner = [_port(inst.name, p) for inst in component.insts for p in inst.ports]
    return inner, [_port("", p) for p in component.ports]


def _opposite(a: _Port, b: _Port) -> bool:
    return abs(((a.orientation - b.orientation) % 360.0) - 180.0) < 1e-3


def _port_checks(inner: list[_Port], top: list[_Port]) -> list[ConnectivityFinding]:
    out: list[ConnectivityFinding] = []
    for a in inner:
        near = [
            b for b in inner if b.inst != a.inst and math.dist((a.x, a.y), (b.x, b.y)) <= NEAR_UM
        ]
        at = (round(a.x, 6), round(a.y, 6))
        mates = [
            b for b in near if math.dist((a.x, a.y), (b.x, b.y)) <= COINCIDE_UM and _opposite(a, b)
        ]
        for b in near:
            if b in mates or b.label < a.label:  # report each pair once
                continue
            out.append(
                ConnectivityFinding(
                    "misaligned",
                    f"{a.label} and {b.label} are {math.dist((a.x, a.y), (b.x, b.y)) * 1e3:.1f} nm "
                    f"apart or not facing ({a.orientation:g} vs {b.orientation:g} deg)",
                    at,
                    (a.inst, b.inst),
                )
            )
        for b in mates:
            if b.label < a.label:
                continue
            if abs(a.width - b.width) > 1e-6:
                out.append(
                    ConnectivityFinding(
                        "width_mismatch",
                        f"{a.label} ({a.width:g} um) meets {b.label} ({b.width:g} um)",
                        at,
                        (a.inst, b.inst),
                    )
                )
            if a.port_type != b.port_type:
                out.append(
                    ConnectivityFinding(
                        "type_mismatch",
                        f"{a.label} ({a.port_type}) meets {b.label} ({b.port_type})",
                        at,
                        (a.inst, b.inst),
                    )
                )
        exposed = any(math.dist((a.x, a.y), (t.x, t.y)) <= COINCIDE_UM for t in top)
        if not near and not exposed and a.port_type == "optical":
            out.append(
                ConnectivityFinding(
                    "dangling",
                    f"optical port {a.label} is neither connected nor a top-level port",
                    at,
                    (a.inst,),
                )
            )
    return out


_INTERCONNECT = frozenset({"M1", "VIA1", "M2", "VIA2", "M3", "PADOPEN", "UBM"})
"""Metal, vias and pad openings: routed wiring lands on devices' metal by design; its shorts
and opens are the electrical check's (:mod:`lightlane.verify.connectivity_electrical`)."""


def _overlaps(component: Any) -> list[ConnectivityFinding]:
    """Instances whose fab shapes overlap by more than a rounding sliver (not merely touch).

    An instance drawn on interconnect layers only (:data:`_INTERCONNECT`: a routed electrical
    interface) is left out.
    """
    kcell = component.kdb_cell
    layout = kcell.layout()
    fab = [d for d in LAYER_TABLE if d.fab]
    layers = [i for i in (layout.find_layer(*d.gds) for d in fab) if i is not None]
    devices = [
        i for i in (layout.find_layer(*d.gds) for d in fab if d.name not in _INTERCONNECT)
        if i is not None
    ]  # fmt: skip
    shapes = []
    for inst in component.insts:
        cell = inst.instance.cell
        if len(component.insts) > 1 and all(cell.bbox(i).empty() for i in devices):
            continue
        region = db.Region()
        for li in layers:
            region.insert(inst.instance.cell.begin_shapes_rec(li))
        shapes.append((inst.name, region.transformed(inst.instance.cplx_trans).merged()))
    out: list[ConnectivityFinding] = []
    for i, (name_a, a) in enumerate(shapes):
        for name_b, b in shapes[i + 1 :]:
            if not a.bbox().overlaps(b.bbox()):
                continue
            common = (a & b).sized(-2)  # a 1-2 dbu sliver where snapped ends meet is not an overlap
            if not common.is_empty():
                c = common.bbox().center()
                out.append(
                    ConnectivityFinding(
                        "overlap",
                        f"instances {name_a} and {name_b} overlap",
                        (c.x * layout.dbu, c.y * layout.dbu),
                        (name_a, name_b),
                    )
                )
    return out


def _bend_radii(component: Any) -> list[ConnectivityFinding]:
    out: list[ConnectivityFinding] = []
    for inst in component.insts:
        settings, info = dict(inst.cell.settings), dict(inst.cell.info)
        xs, rmin = settings.get("cross_section"), info.get("min_bend_radius")
        if not isinstance(xs, str) or rmin is None:
            continue
        rule = RULES.find("radius", xs)
        if rule is not None and float(rmin) < rule.value - 1e-6:
            c = inst.dbbox().center()
            out.append(
                ConnectivityFinding(
                    "bend_radius",
                    f"{inst.name}: smallest bend radius {float(rmin):g} um < {rule.value:g} um "
                    f"of cross-section {xs!r} ({rule.id})",
                    (round(c.x, 6), round(c.y, 6)),
                    (inst.name,),
                    rule.id,
                )
            )
    return out


def check_connectivity(component: Any) -> ConnectivityReport:
    """Check how the direct instances of a ``gf.Component`` connect.

    Findings: ``dangling`` (optical port of an instance neither connected nor exposed at the
    top), ``width_mismatch`` and ``type_mismatch`` (between coinciding facing ports),
    ``misaligned`` (ports within 10 nm that do not coincide or do not face each other),
    ``overlap`` (fab shapes of two instances overlap), ``bend_radius`` (an instance's
    ``info["min_bend_radius"]`` below its cross-section's radius rule).
    """
    inner, top = _ports(component)
    findings = _port_checks(inner, top) + _overlaps(component) + _bend_radii(component)
    return ConnectivityReport(component.name, findings)
