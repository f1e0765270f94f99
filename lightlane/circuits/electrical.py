"""The engine's electrical interface: probe pads on the devices, a wire-bond row, or bumps.

- ``probe``: every device keeps its own probe pads (the layout of a wafer-level test die).
- ``wirebond``: the devices are built on covered landings; every terminal is routed on M3 to
  a pad (:func:`lightlane.components.bond_pads.pad_wirebond`) in a row at
  :data:`lightlane.circuits.wiring.PAD_PITCH` along the die edge: the north row takes the
  northern lanes' lines and every monitor, the south row the other lines and the receiver.
- ``flipchip``: the same routes end on bump pads (``pad_bump``) on sites of a bump grid at that
  pitch, one row beside each block (no device, waveguide or metal under a bump).

A modulator's drive end is one coplanar GSSG line (:data:`lightlane.circuits.wiring.CPW`);
heaters and photodiodes are DC wires. Every terminal gets its own pad (no two terminals share
a net, which :mod:`lightlane.verify.connectivity_electrical` checks). The pads are planned
before any route (:func:`plan_pads`): each row's bundles in an order in which no two routes
cross, the modulators' split between the rows that evens the rows' lengths
(:func:`lightlane.circuits.terminals.balance_rows`); an engine whose rows do not fit between
its facets gets a longer laser lead (:func:`interface_shortfall`), so its die grows west. Routes
come from :mod:`lightlane.circuits.maze`, the lines first.
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

__all__ = ["ELECTRICAL", "add_interface", "interface_shortfall", "west_channel"]

ELECTRICAL = ("probe", "wirebond", "flipchip")
PAD_CELLS = {"wirebond": "pad_wirebond", "flipchip": "pad_bump"}
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
    west, east, rows = _region(c, nets, x_range)
    depth = 60.0 if kind == "wirebond" else -40.0
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
    order = plan_pads(nets, _row_sites(west, east), rows)
    for k, net in enumerate(nets):  # every pad is an obstacle to the others from the start
        for x, y in net.pads:
            grid.add((x - half, y - half, x + half, y + half), k)
    lengths = [_route(w, grid, nets[k], k, half, kind) for k in order]
    for net in nets:
        for x, y in net.pads:
            w.add_ref(pad).dmove((x, y))
    c.add_ref(w, name="electrical")
    return _figures(kind, nets, lengths, nyquist_ghz)


def _region(c: gf.Component, nets: list[Net], x_range: tuple) -> tuple[float, float, dict]:
    """The routing region's west and east ends and the pad rows' y (+1 north, -1 south)."""
    box = c.dbbox()
    west = box.left - 2 * CHANNEL if x_range[0] is None else x_range[0]
    east = box.right + 2 * CHANNEL if x_range[1] is None else x_range[1]
    # a line may end over its block (its pads east of the west channel): room for its run in
    channel = max([CHANNEL] + [n.reach + n.run + n.half_width + 2 * GRID for n in nets])
    rows = {1: snap(box.top + channel + 40.0), -1: snap(box.bottom - channel - 40.0)}
    if x_range[0] is None:  # no facet west: as far west as the longest pad row needs
        west -= row_shortfall(nets, _row_sites(west, east), rows)
    return west, east, rows


def interface_shortfall(c: gf.Component, x_range: tuple) -> float:
    """um more room the routed interface's pad rows need west of ``x_range``'s west end (0
    when they fit): the engine lengthens its laser lead by as much."""
    nets, _, _ = collect_nets(c)
    if not nets:
        return 0.0
    west, east, rows = _region(c, nets, x_range)
    return float(np.ceil(row_shortfall(nets, _row_sites(west, east), rows) / GRID) * GRID)


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


def _row_sites(left: float, right: float) -> tuple[int, int]:
    """The first and last pad site (in pitches along x) a routing region from ``left`` to
    ``right`` (um) holds."""
    return int(np.ceil((left + 45) / PAD_PITCH)), int(np.floor((right - 45) / PAD_PITCH))


def _span(net: Net) -> tuple[float, list[float]]:
    """(the westmost pad's place from the bundle's axis, every pad's place from the westmost),
    in pitches along x: a route arriving along (0, row) has its left to the west (north) or
    east (south)."""
    rel = [-net.row * o / PAD_PITCH for o in net.pad_offsets]
    first = min(rel)
    return first, [r - first for r in rel]


def _planar_key(net: Net) -> tuple:
    """Order along a row, west to east, in which no two routes cross: the modulators' lines
    first (they nest in the west channel: the lane nearest the row turns last and lies
    east), then the DC bundles by x; of bundles stacked at one x, the one nearer the row
    lies west of the others when their wires leave east (the others pass outside it), east
    of them when they leave west."""
    if net.line:
        return (0, net.row * net.start[1], 0.0)
    nearer = -net.row * net.start[1]
    return (1, net.start[0], nearer if net.direction[0] >= 0 else -nearer)


def plan_pads(nets: list[Net], sites: tuple[int, int], rows: dict[int, float]) -> list[int]:
    """Give every net its pads (``net.pads``): each row's nets in planar order
    (:func:`_planar_key`), on the sites ``sites`` (first, last, in pitches), each as near its
    start's x as the others leave room for. A line's pads lie west of the next line's turn
    (the lines nest); only the last may lie east of its start, over its block.

    Returns the order to route the nets in: the lines, nearest their row first, then each
    row's DC bundles in planar order from the side their pads shift towards (the first
    takes the track nearest its block, :meth:`Grid.route`'s ``toward``, the next passes
    outside it).

    Raises:
        NoRoute: a row's pads do not fit its sites (:func:`row_shortfall` says by how much).
    """
    order: list[int] = []
    short = row_shortfall(nets, sites, rows, order)
    if short > 0:
        raise NoRoute(f"the pad rows need {short:g} um more than the routing region holds")
    lines = sorted(
        (k for k, n in enumerate(nets) if n.line),
        key=lambda k: abs(rows[nets[k].row] - nets[k].start[1]),
    )
    return lines + order


def row_shortfall(
    nets: list[Net], sites: tuple[int, int], rows: dict[int, float], order: list | None = None
) -> float:
    """um by which the longest row's pads overrun the west end of ``sites`` (0 when every
    row fits); sets ``net.pads`` of every net of the rows that fit and appends their DC
    bundles to ``order`` in the order :func:`plan_pads` routes them."""
    short = 0.0
    index = {id(n): k for k, n in enumerate(nets)}
    for r in (1, -1):
        members = sorted((n for n in nets if n.row == r), key=_planar_key)
        place = _place_row(members, sites)
        if place and place[0] < sites[0]:
            short = max(short, (sites[0] - place[0]) * PAD_PITCH)
            continue
        shift = 0.0
        for net, at in zip(members, place, strict=True):
            net.pads = [(float((at + round(d)) * PAD_PITCH), rows[r]) for d in _span(net)[1]]
            if not net.line:
                shift += net.pads[0][0] - net.start[0]
        dc = [index[id(n)] for n in members if not n.line]
        if order is not None:
            order += dc if shift <= 0 else dc[::-1]
    return short


def _place_row(members: list[Net], sites: tuple[int, int]) -> list[int]:
    """The westmost pad site of each of a row's nets (in planar order)."""
    lo, hi = sites
    spans = [_span(net) for net in members]
    widths = [int(round(max(span))) + 1 for _, span in spans]
    place = [
        int(round(n.start[0] / PAD_PITCH + f)) for n, (f, _) in zip(members, spans, strict=True)
    ]
    lines = sum(1 for n in members if n.line)
    for j in range(lines - 2, -1, -1):  # west of the next line's turn
        nxt = members[j + 1]
        turn = nxt.start[0] - nxt.half_width - SPACE - 45.0
        cap = min(place[j + 1], int(np.floor(turn / PAD_PITCH)) + 1)
        place[j] = min(place[j], cap - widths[j])
    end = place[lines - 1] + widths[lines - 1] if lines else lo
    for k in range(lines, len(members)):
        place[k] = max(place[k], end)
        end = place[k] + widths[k]
    limit = hi + 1
    for k in range(len(members) - 1, -1, -1):
        place[k] = min(place[k], limit - widths[k])
        limit = place[k]
    return place


def row_pads(nets: list[Net]) -> dict[int, int]:
    """Pads per row (+1 north, -1 south)."""
    return {r: sum(len(n.pad_offsets) for n in nets if n.row == r) for r in (1, -1)}


def _goal(net: Net, kind: str) -> tuple[tuple[float, float], tuple[int, int] | None]:
    """Where ``net``'s route ends (the maze's goal) and the direction of its last step, for
    its planned pads: a bundle's axis ``reach + run`` short of them, a wire-bond wire
    ``reach`` short of its pad, a bump's wire on the bump."""
    x, y = net.pads[0]
    if len(net.offsets) > 1:
        axis = x + net.row * net.pad_offsets[0]
        return (axis, y - net.row * (net.reach + net.run)), (0, net.row)
    if kind == "wirebond":
        return (x, y - net.row * net.reach), (0, net.row)
    return (x, y), None


def _route(w, grid: Grid, net: Net, k: int, pad_half: float, kind: str) -> float:
    """Route ``net`` to its planned pads, draw it and them as obstacles; returns the line's
    centreline length in um (0 for a DC wire)."""
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
        tails = launch_out(centre[-1], direction, net, pads)
        conductors += [(tail, width) for tail, width in zip(tails, net.widths, strict=True)]
    else:
        conductors = [([*centre, pads[0]], DC_WIDTH)]
    for points, width in conductors:
        for rect in draw_polyline(w, points, width):
            grid.add(rect, k)
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
