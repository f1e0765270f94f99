"""The die's floorplan: one fibre array in the connector's order, the die outline, its figures.

The transmitter sits north with its fibres under its lanes; the receiver sits south, turned
round so that its fibres continue the same array on the east edge, each fibre at the position
the connector's fibre map (:data:`lightlane.circuits.fibre_io.FIBRE_MAPS`) gives it, and its
photodiodes in a row along the south edge, under the modulators. The figures a floorplan is
judged by (die area, the share of it devices use, heater-to-junction clearance) are computed
from the layout here and recorded in the engine's ``info["floorplan"]``.
"""

from __future__ import annotations

import re
import statistics
from typing import Any

import gdsfactory as gf
import klayout.db as kdb

from lightlane.circuits.fibre_io import FibreMap
from lightlane.pdk.layers import LAYER

__all__ = [
    "BLOCKS",
    "THERMAL_KEEPOUT",
    "fibre_map_problems",
    "fibre_ports",
    "floorplan_figures",
    "place_receiver",
    "thermal_problems",
]

THERMAL_KEEPOUT = 50.0
"""Least distance in um from a heater to a photodiode junction (Ge). Beyond a few oxide
thicknesses the substrate sinks a heater's heat: the crosstalk Jacques et al. (Opt. Express
27(8), 10456, 2019) measured between phase shifters falls to a few percent within tens of um, so
50 um keeps a photodiode's dark current and responsivity off its neighbours' heater power."""

BLOCKS = ("tx", "rx")
"""Instance names of the engine's circuit blocks (the die frame and seal ring are not)."""
_FIBRE = re.compile(r"(tx|rx)\d+")


def fibre_ports(component: gf.Component) -> dict[str, Any]:
    """The fibre ports (tx1.., rx1..; not a 2-D grating's second polarisation) by name."""
    return {p.name: p for p in component.ports if _FIBRE.fullmatch(p.name)}


def place_receiver(tx: Any, rx: Any, fmap: FibreMap, pitch: float) -> None:
    """Move the turned-round receiver ``rx`` so its fibres take their map positions under ``tx``.

    Raises:
        ValueError: the blocks would overlap at the map's positions.
    """
    tx_ports = fibre_ports(tx)
    rx_ports = fibre_ports(rx)
    first_tx = min(tx_ports, key=fmap.slot)
    first_rx = min(rx_ports, key=fmap.slot)
    y0 = tx_ports[first_tx].center[1] + fmap.slot(first_tx) * pitch  # the array's position 0
    target_y = y0 - fmap.slot(first_rx) * pitch
    east = max(p.center[0] for p in tx_ports.values())
    port = rx_ports[first_rx]
    rx.dmove((round(east - port.center[0], 3), round(target_y - port.center[1], 3)))
    overlap = rx.dbbox().top - tx.dbbox().bottom
    if overlap >= 0:
        raise ValueError(
            f"the receiver reaches {overlap:.3f} um into the transmitter; the {fmap.connector} "
            f"map leaves no room between them at a {pitch:g} um pitch"
        )


def fibre_map_problems(component: gf.Component, fmap: FibreMap, pitch: float) -> list[str]:
    """Where the fibre ports of ``component`` differ from ``fmap`` (empty when they match).

    Every fibre the map names for the engine's side must exist, face east on one x, and sit
    at its position: ``slot * pitch`` below position 0 (where the median fibre puts it); no
    other fibre port may exist.
    """
    ports = fibre_ports(component)
    problems = [
        f"{name}: not in the {fmap.connector} map" for name in ports if name not in fmap.positions
    ]
    present = [name for name in fmap.positions if name in ports]
    if not present:
        return problems + ["no fibre ports"]
    # Position 0 where most fibres put it: one misplaced fibre cannot move the reference.
    y0 = statistics.median(ports[n].center[1] + fmap.slot(n) * pitch for n in present)
    east = statistics.median(ports[n].center[0] for n in present)
    sides = {name[:2] for name in ports}
    for name in fmap.positions:
        if not name or name[:2] not in sides:
            continue
        if name not in ports:
            problems.append(f"{name}: missing (map position {fmap.slot(name) + 1})")
            continue
        x, y = ports[name].center
        want = y0 - fmap.slot(name) * pitch
        if abs(y - want) > 1e-3 or abs(x - east) > 1e-3:
            problems.append(
                f"{name}: at ({x:.3f}, {y:.3f}) um, map position {fmap.slot(name) + 1} is at "
                f"({east:.3f}, {want:.3f})"
            )
        if round(ports[name].orientation) % 360 != 0:
            problems.append(f"{name}: faces {ports[name].orientation:g} deg, not east")
    return problems


def _region(component: gf.Component, layer: Any) -> kdb.Region:
    """Every shape on ``layer`` (a LAYER member) in ``component``'s hierarchy, merged."""
    index = component.kcl.find_layer(*gf.get_layer_tuple(layer))
    if index is None:
        return kdb.Region()
    return kdb.Region(component.kdb_cell.begin_shapes_rec(index)).merged()


def thermal_problems(component: gf.Component, keepout: float = THERMAL_KEEPOUT) -> list[str]:
    """Heaters closer than ``keepout`` um to a photodiode junction (empty when none are)."""
    heaters = _region(component, LAYER.HEATER)
    junctions = _region(component, LAYER.GE)
    if heaters.is_empty() or junctions.is_empty():
        return []
    dbu = component.kcl.dbu
    pairs = heaters.separation_check(junctions, round(keepout / dbu))
    return [
        f"heater {keepout:g} um keep-out: a junction at {e.second.bbox().center().to_dtype(dbu)}"
        for e in pairs.each()
    ]


def floorplan_figures(component: gf.Component, die: tuple[float, float, float, float]) -> dict:
    """Die area (mm^2) and the share of it inside the bounding box of a device or route.

    ``die`` is (left, bottom, right, top) in um. A device is an instance of the blocks' cells
    (a modulator, a splitter, a bend): the union of their boxes, clipped to the die.
    """
    dbu = component.kcl.dbu
    used = kdb.Region()
    for block in component.insts:
        if block.name not in BLOCKS:
            continue
        for inst in block.cell.insts:
            used.insert(inst.dbbox().transformed(block.dcplx_trans).to_itype(dbu))
    left, bottom, right, top = die
    outline = kdb.Region(kdb.DBox(left, bottom, right, top).to_itype(dbu))
    area = (right - left) * (top - bottom)
    used_um2 = (used.merged() & outline).area() * dbu**2
    return {
        "die_mm": [round((right - left) / 1e3, 3), round((top - bottom) / 1e3, 3)],
        "die_area_mm2": round(area / 1e6, 3),
        "used_fraction": round(used_um2 / area, 3),
    }
