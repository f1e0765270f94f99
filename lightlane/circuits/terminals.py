"""The engine's electrical terminals: every device port on a covered landing, as routable nets.

A DC terminal (a ring's heater or junction contact, an end of a held CWDM4 filter's heater
loop) gets a VIA2 patch on its landing and one wire; a photodiode's signal and ground become a
pair of wires; a traveling-wave MZM becomes one bundle: its GSSG drive end as a coplanar line
and its heater's two wires beside it (:mod:`lightlane.circuits.wiring`). Each net records where
its route starts and the fixed pieces (patches, heater stubs, launches) drawn before any route.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.circuits.corners import FILTER_CELLS
from lightlane.circuits.wiring import (
    CPW,
    DC_WIDTH,
    LAUNCH_IN_LENGTH,
    LEAD,
    MZM_BUNDLE,
    PAIR_BUNDLE,
    PAIR_JOG,
    PAIR_LAUNCH,
    SPACE,
    Net,
    heater_launch,
    launch_in,
    pair_launch,
)

__all__ = ["GRID", "RUN", "balance_rows", "collect_nets", "snap"]

GRID = 10.0
"""um: the maze's grid pitch (a DC wire and its space)."""
_PATCH = 14.0  # um: VIA2 patch of a heater terminal (above the line's launch)
RUN = 150.0
"""um of straight bundle at both ends of a line's route: no corner closer to a launch than the
bundle's half-width (its inner conductors would fold back)."""


def snap(v: float) -> float:
    return float(round(v / GRID) * GRID)


def _ahead(point: tuple[float, float], u: tuple[int, int]) -> tuple[float, float]:
    """The grid point nearest ``point`` across ``u`` and at or beyond it along ``u``."""
    x, y = point
    if u[0]:
        x = float(np.ceil(x * u[0] / GRID) * GRID * u[0])
        return (x, snap(y))
    return (snap(x), float(np.ceil(y * u[1] / GRID) * GRID * u[1]))


def _ports(inst: Any, block: Any) -> list[tuple[str, tuple[float, float], tuple[int, int], float]]:
    """(name, centre, unit direction, width) of ``inst``'s electrical ports in top coordinates."""
    out = []
    for port in inst.ports:
        if port.port_type != "electrical":
            continue
        t = block.dcplx_trans * port.dcplx_trans
        angle = round(t.angle) % 360
        u = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}[angle]
        out.append((port.name, (round(t.disp.x, 3), round(t.disp.y, 3)), u, float(port.width)))
    return out


LASER_SITE = "laser_site"
"""PDK cell of a flip-chip laser's site: its two contact pads are routed like any terminal."""
FENCE = 100.0
"""um east of a laser site that the lines' pads keep clear of (:attr:`Net.fence`)."""


def _kind(cell: Any) -> str:
    # a held filter (FILTER_CELLS) is its heater loop's two ends: two DC terminals
    kinds = ("mzm_traveling_wave", "ring_modulator", "photodetector_ge", LASER_SITE)
    for kind in (*kinds, *FILTER_CELLS):
        if cell.name.startswith(kind):
            return kind
    return ""


def collect_nets(c: gf.Component) -> tuple[list[Net], list[tuple], list[tuple]]:
    """Every terminal of the blocks' devices as nets, their fixed pieces (patches, heater
    stubs: (kind, geometry, net index)) and keep-outs (boxes no route may cross)."""
    nets: list[Net] = []
    pieces: list[tuple] = []
    keepouts: list[tuple] = []
    for block in c.insts:
        if block.name not in ("tx", "rx"):
            continue
        middle = block.dbbox().center().y
        for inst in block.cell.insts:
            kind = _kind(inst.cell)
            ports = _ports(inst, block)
            if not kind or not ports:
                continue
            path = f"{block.name}/{inst.name}"
            # the transmitter's north half to the north edge, the rest (and the receiver)
            # south: the pad rows are shared out and no lane is walled in by the others
            above = inst.dbbox().transformed(block.dcplx_trans).center().y >= middle
            row = 1 if block.name == "tx" and above else -1
            if kind == "mzm_traveling_wave":
                _mzm_nets(path, ports, row, nets, pieces, keepouts, inst, block)
            elif kind == LASER_SITE:  # its contact pads, south; nothing crosses the site
                box = inst.dbbox().transformed(block.dcplx_trans)
                face = min(p[1][1] for p in ports)
                keepouts.append((box.left, face + 2 * ports[0][3], box.right, box.top))
                for name, centre, u, width in ports:
                    _landing_net(f"{path}:{name}", centre, u, width, -1, nets, pieces)
                    nets[-1].fence = box.right + FENCE
            elif kind == "photodetector_ge" and len(ports) == 2:
                box = inst.dbbox().transformed(block.dcplx_trans)
                pieces.append(("reserve", _behind(box, ports[0][2]), len(nets)))
                # its own route never crosses it or its wires' jogs (two terminals)
                keepouts.append(_grown(box, ports[0][2], PAIR_JOG + DC_WIDTH))
                _pair_net(path, ports, row, nets, pieces)
            else:
                for name, centre, u, width in ports:
                    _landing_net(f"{path}:{name}", centre, u, width, row, nets, pieces)
    balance_rows(nets)
    return nets, pieces, keepouts


def balance_rows(nets: list[Net], north: int | None = None) -> int:
    """Share the pads out between the rows: every transmitter photodiode (the monitors, on the
    lanes' east ends, away from the lines) goes north; of the modulators' bundles the
    ``north`` northernmost (None: half of them) go north, the rest south, so the lines nest in
    the west channel without crossing. Returns the number of modulator bundles."""
    tx = [n for n in nets if n.name.startswith("tx/")]
    lines = sorted((n for n in tx if n.line), key=lambda n: -n.start[1])
    for net in tx:
        if len(net.offsets) == 2:
            net.row = 1
    north = len(lines) // 2 if north is None else north
    for k, net in enumerate(lines):
        net.row = 1 if k < north else -1
    return len(lines)


BEHIND = 300.0
"""um behind a photodiode (against the way its wires leave) that no other route may cross:
the routes of a stack of photodiodes fan out on the side they leave by, never between the
stack and the devices behind it."""


def _behind(box: Any, u: tuple[int, int]) -> tuple[float, float, float, float]:
    """``box`` (um) and the keep-out :data:`BEHIND` um deep behind it, against ``u``."""
    left, bottom, right, top = box.left, box.bottom, box.right, box.top
    if u[0]:
        return (
            (left - BEHIND, bottom, right, top) if u[0] > 0 else (left, bottom, right + BEHIND, top)
        )
    return (left, bottom - BEHIND, right, top) if u[1] > 0 else (left, bottom, right, top + BEHIND)


def _grown(box: Any, u: tuple[int, int], by: float) -> tuple[float, float, float, float]:
    """``box`` (um) grown ``by`` um along ``u``."""
    left, bottom, right, top = box.left, box.bottom, box.right, box.top
    return (
        left + min(0.0, u[0] * by),
        bottom + min(0.0, u[1] * by),
        right + max(0.0, u[0] * by),
        top + max(0.0, u[1] * by),
    )


def _landing_net(name, centre, u, width, row, nets, pieces) -> None:
    """A DC terminal whose VIA2 patch covers its landing (the square behind its port)."""
    land = (centre[0] - u[0] * width / 2, centre[1] - u[1] * width / 2)
    start = (snap(land[0]), snap(land[1]))
    size = width - 14.0
    pieces.append(("patch", (land, size), len(nets)))
    nets.append(Net(name, [name], start, u, row, lead=[land, start]))


def _pair_net(path, ports, row, nets, pieces) -> None:
    """A photodiode's signal and ground as one pair of wires from patches on its landings."""
    u = ports[0][2]
    left = (-u[1], u[0])
    centre = tuple(np.mean([p[1] for p in ports], axis=0))
    lateral = sorted(((float(np.dot(np.subtract(p[1], centre), left)), p) for p in ports))[::-1]
    reach = (centre[0] + u[0] * PAIR_LAUNCH, centre[1] + u[1] * PAIR_LAUNCH)
    start = _ahead(reach, u)
    shift = float(np.dot(np.subtract(start, centre), left))
    lead_start = (reach[0] + left[0] * shift, reach[1] + left[1] * shift)
    index = len(nets)
    for _, port in lateral:
        land = (port[1][0] - u[0] * port[3] / 2, port[1][1] - u[1] * port[3] / 2)
        pieces.append(("patch", (land, port[3] - 14.0), index))
    launch = pair_launch(centre, u, [lat for lat, _ in lateral], shift)
    names = [p[0] for _, p in lateral]
    net = Net(f"{path}:{'+'.join(names)}", names, start, u, row, [lead_start, start], **PAIR_BUNDLE)
    net.launch = [(p, DC_WIDTH) for p in launch]
    nets.append(net)


def _mzm_nets(path, ports, row, nets, pieces, keepouts, inst, block) -> None:
    """A traveling-wave MZM as one bundle: its drive end (e1..e4) as a coplanar line and its
    heater (e9, e10) as two DC wires beside it, from patches north of the line's launch; the
    electrode east of the drive end is a keep-out (no route over the RF line)."""
    by_name = {p[0]: p for p in ports}
    drive = [by_name[f"e{k}"] for k in range(1, 5)]
    u = drive[0][2]
    left = (-u[1], u[0])
    centre = (sum(p[1][0] for p in drive) / 4, sum(p[1][1] for p in drive) / 4)
    lateral = sorted(((float(np.dot(np.subtract(p[1], centre), left)), p) for p in drive))[::-1]
    reach = LAUNCH_IN_LENGTH + LEAD
    junction = (snap(centre[0] + u[0] * reach), snap(centre[1] + u[1] * reach))
    start = (junction[0] + u[0] * RUN, junction[1] + u[1] * RUN)
    shift = float(np.dot(np.subtract(start, centre), left))
    lead_start = (
        centre[0] + u[0] * LAUNCH_IN_LENGTH + left[0] * shift,
        centre[1] + u[1] * LAUNCH_IN_LENGTH + left[1] * shift,
    )
    index = len(nets)
    for _, port in lateral:
        land = (port[1][0] - u[0] * 27.0, port[1][1] - u[1] * 27.0)
        pieces.append(("patch", (land, 40.0), index))
    launch = [(p, CPW.ground) for p in launch_in(centre, u, [lat for lat, _ in lateral], shift)]
    top = max(p[1][1] for p in drive) + CPW.ground / 2 + 2 * SPACE + _PATCH / 2
    y = float(np.ceil(top / GRID) * GRID)
    patches = []
    for k, name in enumerate(("e9", "e10")):
        _, where, _, width = by_name[name]
        patch = (snap(where[0]), y + k * 2 * GRID)
        pieces.append(("stub", ((where[0], where[1] - width / 2), patch), index))
        pieces.append(("patch", (patch, _PATCH), index))
        offset = np.subtract(patch, centre)
        patches.append((float(np.dot(offset, u)), float(np.dot(offset, left))))
    launch += [(p, DC_WIDTH) for p in heater_launch(centre, u, patches, shift)]
    names = [p[0] for _, p in lateral] + ["e9", "e10"]
    net = Net(
        f"{path}:e1-e4,e9,e10", names, start, u, row, [lead_start, junction, start],
        **MZM_BUNDLE, run=RUN,
    )  # fmt: skip
    net.launch = launch
    nets.append(net)
    h = net.half_width
    xs, ys = (lead_start[0], start[0]), (lead_start[1], start[1])
    pieces.append(("reserve", (min(xs) - h, min(ys) - h, max(xs) + h, max(ys) + h), index))
    box = inst.dbbox().transformed(block.dcplx_trans)
    face = drive[0][1][0]
    east = face + 54.0 + SPACE if u[0] < 0 else box.left
    west = box.right if u[0] < 0 else face - 54.0 - SPACE
    keepouts.append((east, box.bottom, west, box.top))
