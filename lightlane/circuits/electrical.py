"""The engine's electrical interface: probe pads on the devices, a wire-bond row, or bumps.

- ``probe``: every device keeps its own probe pads (the layout of a wafer-level test die).
- ``wirebond``: the devices are built on covered landings; every terminal is routed on M3 to
  a pad (:func:`lightlane.components.bond_pads.pad_wirebond`) in a row at
  :data:`lightlane.circuits.wiring.PAD_PITCH` along the die edge: the north row takes the
  northern lanes' lines and every monitor, the south row the other lines and the receiver.
- ``flipchip``: the same routes end on bump pads (``pad_bump``) on a bump grid at that pitch
  beside each block, two rows deep: a photodiode pair takes one column (its second wire
  passes the first bump, :func:`lightlane.circuits.wiring.stacked_tails`), a line its six
  bumps in the near row (no device, waveguide or metal under a bump).

A modulator's drive end is one coplanar GSSG line (:data:`lightlane.circuits.wiring.CPW`);
heaters and photodiodes are DC wires. Every terminal gets its own pad (no two terminals share
a net, which :mod:`lightlane.verify.connectivity_electrical` checks). The pads are planned
before any route (:mod:`lightlane.circuits.pad_plan`): each row's bundles in an order in which
no two routes cross, the modulators split between the rows to even the rows' lengths
(:func:`lightlane.circuits.terminals.balance_rows`); an engine whose rows do not fit between
its facets gets a longer laser lead (:func:`interface_shortfall`), so its die grows west. Routes
come from :mod:`lightlane.circuits.maze`, the lines first.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.circuits.maze import Grid, NoRoute, offset_polyline, simplify
from lightlane.circuits.pad_plan import plan_pads, row_shortfall, row_sites
from lightlane.circuits.terminals import GRID, balance_rows, collect_nets, snap
from lightlane.circuits.wiring import (
    DC_WIDTH,
    PAD_PITCH,
    SPACE,
    Net,
    cpw_figures,
    draw_polyline,
    launch_out,
    polyline_boxes,
    stacked_tails,
)
from lightlane.pdk.layers import LAYER
from lightlane.registry import get_pdk

__all__ = ["ELECTRICAL", "add_interface", "interface_shortfall"]

ELECTRICAL = ("probe", "wirebond", "flipchip")
PAD_CELLS = {"wirebond": "pad_wirebond", "flipchip": "pad_bump"}
CHANNEL = 300.0
"""um between a block and its pad row: room for routes to run along the row to their pads."""


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
    west, east, rows = _region(c, nets, x_range, kind)
    depth = 60.0 if kind == "wirebond" else -40.0 - PAD_PITCH
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
    for k, net in enumerate(nets):  # no other route passes across a start
        (x, y), (ux, uy), h = net.start, net.direction, net.half_width
        ahead = (x + ux * 3 * GRID, y + uy * 3 * GRID)
        grid.add(
            (
                min(x, ahead[0]) - h,
                min(y, ahead[1]) - h,
                max(x, ahead[0]) + h,
                max(y, ahead[1]) + h,
            ),
            k,
        )
    pad = get_pdk().cells[PAD_CELLS[kind]]()
    half = pad.info["size"] / 2
    order = plan_pads(nets, row_sites(west, east), rows)
    for k, net in enumerate(nets):  # every pad is an obstacle to the others from the start
        for x, y in net.pads:
            grid.add((x - half, y - half, x + half, y + half), k)
    routes = _route_all(grid, nets, order, kind, half)
    for conductors in routes.values():
        for points, width in conductors[1:]:  # [0]: the centreline, not drawn
            draw_polyline(w, points, width)
    lengths = [_length(nets[k], routes[k]) for k in order]
    for net in nets:
        for x, y in net.pads:
            w.add_ref(pad).dmove((x, y))
    c.add_ref(w, name="electrical")
    return _figures(kind, nets, lengths, nyquist_ghz)


def _region(
    c: gf.Component, nets: list[Net], x_range: tuple, kind: str
) -> tuple[float, float, dict]:
    """The routing region's west and east ends and the pad rows' y (+1 north, -1 south), with
    the modulators split between the rows (:func:`balance_rows`) where the rows need least
    room west, then where their pad counts are most even, then nearest half. On a bump
    grid (``flipchip``) each photodiode pair takes one column of two bumps."""
    for net in nets:
        net.stacked = kind == "flipchip" and not net.line and len(net.pad_offsets) == 2
    box = c.dbbox()
    west = box.left - 2 * CHANNEL if x_range[0] is None else x_range[0]
    east = box.right + 2 * CHANNEL if x_range[1] is None else x_range[1]
    rows = {1: snap(box.top + CHANNEL + 40.0), -1: snap(box.bottom - CHANNEL - 40.0)}
    sites = row_sites(west, east)
    lines = balance_rows(nets)

    def cost(north: int) -> tuple[float, int, float]:
        balance_rows(nets, north)
        counts = [
            sum(1 if n.stacked else len(n.pad_offsets) for n in nets if n.row == r) for r in (1, -1)
        ]
        return (row_shortfall(nets, sites, rows), max(counts), abs(north - lines / 2))

    best = min(range(lines + 1), key=cost)
    short = cost(best)[0]  # leaves the best split in place, its pads planned
    for r in (1, -1):
        members = [n for n in nets if n.row == r and n.pads]
        # a line ending over its block (east of its start) needs room for its run; DC bundles
        # whose pads shift along the row cross it on tracks of their own, one over the other
        over = [n.reach + n.run + n.half_width + 2 * GRID for n in members if n.line
                and max(x for x, _ in n.pads) > n.start[0]]  # fmt: skip
        tracks = sum(
            2 * (n.half_width + SPACE) + GRID
            for n in members
            if not n.line and abs(n.pads[0][0] - n.start[0]) > PAD_PITCH
        )
        depth = max([CHANNEL, tracks + 2 * CHANNEL / 3, *over])
        rows[r] = snap((box.top if r > 0 else box.bottom) + r * (depth + 40.0))
    if x_range[0] is None:  # no facet west: as far west as the longest pad row needs
        west -= short
    return west, east, rows


def interface_shortfall(c: gf.Component, x_range: tuple, kind: str) -> float:
    """um more room the routed interface's pad rows need west of ``x_range``'s west end (0
    when they fit): the engine lengthens its laser lead by as much."""
    nets, _, _ = collect_nets(c)
    if not nets:
        return 0.0
    west, east, rows = _region(c, nets, x_range, kind)
    return float(np.ceil(row_shortfall(nets, row_sites(west, east), rows) / GRID) * GRID)


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


RETRIES = 8
"""Times the DC routes are ripped up and routed again with a blocked bundle first."""


def _route_all(
    grid: Grid, nets: list[Net], order: list[int], kind: str, pad_half: float
) -> dict[int, list]:
    """Each net's conductors ((polyline, width) pairs), routed in ``order``: the lines once,
    then the DC bundles; when one finds no route, every DC route is ripped up and routed
    again with it first (a blocked bundle is the outer one of a pair routed inside out).

    Raises:
        NoRoute: a line finds no route, or a DC bundle none after :data:`RETRIES` tries.
    """
    routes = {k: _route(grid, nets[k], k, kind, pad_half) for k in order if nets[k].line}
    mark = len(grid.obstacles)
    dc = [k for k in order if not nets[k].line]
    moves = 0
    while True:
        done: dict[int, list] = {}
        try:
            for k in dc:
                done[k] = _route(grid, nets[k], k, kind, pad_half)
            return {**routes, **done}
        except NoRoute:
            if moves >= RETRIES:
                raise
            moves += 1
            del grid.obstacles[mark:]
            dc = [k] + [j for j in dc if j != k]


def _goal(net: Net, kind: str) -> tuple[tuple[float, float], tuple[int, int] | None]:
    """Where ``net``'s route ends (the maze's goal) and the direction of its last step, for
    its planned pads: a bundle's axis ``reach + run`` short of them, a wire-bond wire
    ``reach`` short of its pad, a bump's wire on the bump."""
    x, y = net.pads[0]
    if net.stacked:
        return (x, y - net.row * net.reach), (0, net.row)
    if len(net.offsets) > 1:
        axis = x + net.row * net.pad_offsets[0]
        return (axis, y - net.row * (net.reach + net.run)), (0, net.row)
    if kind == "wirebond":
        return (x, y - net.row * net.reach), (0, net.row)
    return (x, y), None


def _route(grid: Grid, net: Net, k: int, kind: str, pad_half: float) -> list[tuple[list, float]]:
    """Route ``net`` to its planned pads; its conductors ((polyline, width) pairs, the first
    the centreline's) become obstacles to the others."""
    goal, direction = _goal(net, kind)
    margin = net.half_width + SPACE
    start = grid.cell(*net.start)
    try:
        cells, _ = grid.route(
            k, margin, start, net.direction, [(grid.cell(*goal), direction)], 30.0, goal[1]
        )
    except NoRoute as err:
        raise NoRoute(f"{net.name}: no route to its {kind} pads at {net.pads[0]} ({err})") from err
    pads = net.pads
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
        if net.stacked:
            try:
                tails = stacked_tails(centre[-1], direction, net, pads, pad_half)
            except ValueError as err:
                raise NoRoute(str(err)) from err
        else:
            tails = launch_out(centre[-1], direction, net, pads)
        conductors += [(tail, width) for tail, width in zip(tails, net.widths, strict=True)]
    else:
        conductors = [([*centre, pads[0]], DC_WIDTH)]
    for points, width in conductors:
        for rect in polyline_boxes(points, width):
            grid.add(rect, k)
    return [(centre, 0.0), *conductors]


def _length(net: Net, conductors: list[tuple[list, float]]) -> float:
    """A line's centreline length in um (0 for a DC bundle)."""
    if not net.line:
        return 0.0
    centre = conductors[0][0]
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
