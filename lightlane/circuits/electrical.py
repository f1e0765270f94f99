"""The engine's electrical interface: probe pads on the devices, a wire-bond row, or bumps.

- ``probe``: every device keeps its own probe pads (the layout of a wafer-level test die).
- ``wirebond``: the devices are built on covered landings; every terminal is routed on M3 to
  a pad (:func:`lightlane.components.bond_pads.pad_wirebond`) in a row at
  :data:`lightlane.circuits.wiring.PAD_PITCH` along the die edge beside its block: the
  transmitter's on the north edge, the receiver's on the south edge.
- ``flipchip``: the same routes end on bump pads (``pad_bump``) on a grid at that pitch over
  the free die area (no device, waveguide or metal under a bump).

A modulator's drive end is one coplanar GSSG line (:data:`lightlane.circuits.wiring.CPW`);
heaters and photodiodes are DC wires. Routes come from :mod:`lightlane.circuits.maze`, line
first, north lanes first; every terminal gets its own pad (no two terminals share a net, which
:mod:`lightlane.verify.connectivity_electrical` checks).
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.circuits.maze import Grid, NoRoute, offset_polyline, simplify
from lightlane.circuits.terminals import GRID, collect_nets, snap
from lightlane.circuits.wiring import (
    DC_WIDTH,
    PAD_PITCH,
    SPACE,
    Net,
    cpw_figures,
    draw_polyline,
    launch_out,
)
from lightlane.pdk.layers import LAYER
from lightlane.registry import get_pdk

__all__ = ["ELECTRICAL", "ROUTED_LANES_MAX", "add_interface", "west_channel"]

ELECTRICAL = ("probe", "wirebond", "flipchip")
ROUTED_LANES_MAX = 4
"""The most lanes the routed interfaces (wirebond, flipchip) place: eight lanes' 96 terminals
do not yet fit two die edges at the 150 um pitch, so those requests are refused up front."""
PAD_CELLS = {"wirebond": "pad_wirebond", "flipchip": "pad_bump"}
BUMP_ROWS = 2
"""Rows of bumps in each field beside the circuit."""
CHANNEL = 300.0
"""um between a block and its pad row: room for routes to run along the row to their pads."""


def west_channel(tx: gf.Component) -> float:
    """um the west channel needs west of the transmitter's line starts: every line (with its
    space) and every heater wire side by side, and a margin."""
    probe = gf.Component()
    probe.add_ref(tx, name="tx")
    nets, _, _ = collect_nets(probe)
    lines = [n for n in nets if n.line]
    if not lines:
        return 0.0
    first = min(n.start[0] for n in lines)
    need = sum(2 * (n.half_width + SPACE) + 2 * GRID for n in lines) + 2 * CHANNEL
    return float(max(0.0, np.ceil((need - (first - tx.dbbox().left)) / GRID) * GRID))


def add_interface(
    c: gf.Component,
    kind: str,
    x_range: tuple[float | None, float | None],
    nyquist_ghz: float,
) -> dict[str, Any]:
    """Route every terminal of ``c``'s blocks to pads of ``kind`` (wirebond, flipchip).

    ``x_range`` bounds the routes (a facet's keep-out; None: free). Draws into an instance
    ``electrical`` of ``c`` and returns the interface's figures for the engine's summary, the
    feed lines' loss at ``nyquist_ghz`` (the lanes' Nyquist frequency, half the symbol rate).

    Raises:
        NoRoute: a terminal cannot reach a free pad.
    """
    nets, pieces, keepouts = collect_nets(c)
    if not nets:
        return {"kind": kind, "pads": 0}
    box = c.dbbox()
    west = box.left - 2 * CHANNEL if x_range[0] is None else x_range[0]
    east = box.right + 2 * CHANNEL if x_range[1] is None else x_range[1]
    if x_range[0] is None:  # no facet west: room for the longest pad row
        per_row = max(sum(len(n.offsets) for n in nets if n.row == r) for r in (1, -1))
        west = min(west, east - (per_row + 4) * PAD_PITCH)
    rows = {1: snap(box.top + CHANNEL + 40.0), -1: snap(box.bottom - CHANNEL - 40.0)}
    depth = 60.0 if kind == "wirebond" else -(BUMP_ROWS - 1) * PAD_PITCH - 40.0
    grid = Grid((west, rows[-1] + depth, east, rows[1] - depth), GRID)
    w = gf.Component()
    for piece, geometry, owner in pieces:
        grid.add(_draw_piece(w, piece, geometry), owner)
    for k, net in enumerate(nets):
        for conductor, width in net.launch:
            for rect in draw_polyline(w, conductor, width):
                grid.add(rect, k)
    for rect in keepouts:
        grid.add(rect, -1)
    sites = _sites(kind, grid, rows)
    order = sorted(
        range(len(nets)),
        key=lambda k: (not nets[k].line, abs(rows[nets[k].row] - nets[k].start[1])),
    )
    pad = get_pdk().cells[PAD_CELLS[kind]]()
    half = pad.info["size"] / 2
    lengths = [_route(w, grid, nets[k], k, half, kind, sites) for k in order]
    for net in nets:
        for x, y in net.pads:
            w.add_ref(pad).dmove((x, y))
    c.add_ref(w, name="electrical")
    return _figures(kind, nets, lengths, nyquist_ghz)


def _draw_piece(w: gf.Component, piece: str, geometry: Any) -> tuple:
    """A VIA2 patch (M2 + M3) or a heater's M2 stub; returns its box in um (a reserved box:
    nothing drawn)."""
    if piece == "reserve":
        return geometry
    if piece == "patch":
        (x, y), size = geometry
        stack = get_pdk().cells["via_stack"](size=(size, size), layers=("M2", "M3"))
        w.add_ref(stack).dmove((round(x, 3), round(y, 3)))
        return (x - size / 2, y - size / 2, x + size / 2, y + size / 2)
    (x0, y0), (x1, y1) = geometry
    h = 5.0
    shape = [(x0 - h, y0), (x0 + h, y0), (x0 + h, y1), (x0 - h, y1)]
    w.add_polygon([(round(a, 3), round(b, 3)) for a, b in shape], layer=LAYER.M2)
    return (x0 - h, y1 - h, x0 + h, y1 + h)


def _sites(kind: str, grid: Grid, rows: dict[int, float]) -> dict:
    """Pad positions, (x, y) -> the row's side (+1 north, -1 south): one row of wire-bond pads
    on each side, or :data:`BUMP_ROWS` rows of bumps (a bump grid beside the circuit)."""
    left, _, right, _ = grid.box
    xs = np.arange(np.ceil((left + 45) / PAD_PITCH), np.floor((right - 45) / PAD_PITCH) + 1)
    depth = 1 if kind == "wirebond" else BUMP_ROWS
    return {
        (float(i * PAD_PITCH), rows[r] + r * j * PAD_PITCH): r
        for r in (1, -1)
        for j in range(depth)
        for i in xs
    }


def _free(grid: Grid, box: tuple, net: int) -> bool:
    """True when no obstacle of another net comes within :data:`SPACE` of ``box``."""
    left, bottom, right, top = box
    for (l2, b2, r2, t2), owner in grid.obstacles:
        if owner == net:
            continue
        if l2 < right + SPACE and r2 > left - SPACE and b2 < top + SPACE and t2 > bottom - SPACE:
            return False
    return True


def _candidates(
    net: Net, k: int, pad_half: float, kind: str, grid: Grid, sites: dict
) -> list[tuple]:
    """(goal point, arrival direction or None, pad centres) of every free place for ``net``
    (``pad_half``: half the pad's side; a place keeps SPACE clear around its pads)."""
    out = []
    half = pad_half + SPACE
    for (x, y), row in sites.items():
        if row != net.row:
            continue
        if len(net.offsets) == 1:
            reach = net.reach if kind == "wirebond" else 0.0
            goal = (x, y - row * reach)
            box = (x - half, min(y, goal[1]) - half, x + half, max(y, goal[1]) + half)
            direction = (0, row) if kind == "wirebond" else None
            if _free(grid, box, k):
                out.append((goal, direction, [(x, y)]))
            continue
        west = -row  # the left of a route moving north is west
        goal = (x - west * net.pad_offsets[0], y - row * (net.reach + net.run))
        group = [(goal[0] + west * o, y) for o in net.pad_offsets]
        if any(g not in sites or sites[g] != row for g in group):
            continue
        xs = [g[0] for g in group]
        lo, hi = sorted((goal[1], y + row * half))
        if _free(grid, (min(xs) - half, lo, max(xs) + half, hi), k):
            out.append((goal, (0, row), group))
    return out


def _route(w, grid: Grid, net: Net, k: int, pad_half: float, kind: str, sites: dict) -> float:
    """Route ``net`` to its nearest free pads, draw it, claim the pads; returns the line's
    centreline length in um (0 for a DC wire)."""
    candidates = _candidates(net, k, pad_half, kind, grid, sites)
    margin = net.half_width + SPACE
    start = grid.cell(*net.start)
    goals, places = [], []
    for goal, direction, pads in candidates:
        try:
            goals.append((grid.cell(*goal), direction))
        except NoRoute:
            continue
        places.append((goal, direction, pads))
    if not goals:
        raise NoRoute(f"{net.name}: no free {kind} pad is left")
    cells, index = grid.route(k, margin, start, net.direction, goals, turn_cost=30.0)
    goal, direction, pads = places[index]
    route = [grid.point(*cell) for cell in cells[1:]]
    bundle = len(net.offsets) > 1
    if bundle:  # a straight run into the pads' launch, so no corner comes too close to it
        x, y = grid.point(*cells[-1])
        route.append((x + direction[0] * net.run, y + direction[1] * net.run))
    centre = simplify([*net.lead, *route])
    if bundle:
        own = simplify([*net.lead[1:], *route])  # joined conductors start at lead[1]
        try:
            conductors = [
                (offset_polyline(own if joined else centre, offset), width)
                for offset, width, joined in zip(net.offsets, net.widths, net.joined, strict=True)
            ]
        except ValueError as err:
            raise NoRoute(f"{net.name}: {err} (route {centre})") from err
        tails = launch_out(centre[-1], direction, net, pads)
        conductors += [(tail, width) for tail, width in zip(tails, net.widths, strict=True)]
    else:
        conductors = [([*centre, pads[0]], DC_WIDTH)]
    for points, width in conductors:
        for rect in draw_polyline(w, points, width):
            grid.add(rect, k)
    for x, y in pads:
        grid.add((x - pad_half, y - pad_half, x + pad_half, y + pad_half), k)
        sites.pop((x, y), None)
    net.pads = list(pads)
    if not net.line:
        return 0.0
    return float(
        sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(centre, centre[1:], strict=False))
    )


def _figures(
    kind: str, nets: list[Net], lengths: list[float], nyquist_ghz: float
) -> dict[str, Any]:
    """The interface's figures for the summary."""
    line = cpw_figures(nyquist_ghz)
    longest = max(lengths, default=0.0) / 1e3
    pads = [p for net in nets for p in net.pads]
    edges = sorted({"north" if net.row > 0 else "south" for net in nets})
    return {
        "kind": kind,
        "pads": len(pads),
        "pitch_um": PAD_PITCH,
        "edges": edges if kind == "wirebond" else [],
        "grid": "bump grid" if kind == "flipchip" else "",
        "terminals": sum(len(net.ports) for net in nets),
        "rf_lines": sum(1 for net in nets if net.line),
        "photodiode_pairs": sum(1 for net in nets if len(net.offsets) == 2),
        "dc_wires": sum(1 for net in nets if len(net.offsets) == 1),
        "line": line,
        "longest_line_mm": round(longest, 3),
        "longest_line_loss_db": round(longest * line["loss_db_per_mm"], 3),
    }
