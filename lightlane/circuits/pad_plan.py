"""Pad planning for the routed electrical interface: which pads each bundle ends on.

Before any route is drawn, every row's bundles are put in an order along the row in which no
two routes need cross (:func:`plan_pads`): the modulators' lines nest in the west channel (the
lane nearest the row turns last and lies east); DC bundles follow by x, a stack of them (the
monitors on the lanes' east ends) fanning out on the side its wires leave by, and a bundle
that leaves straight towards its row sits among a stack's pads where that stack's wires pass
beneath it. Each bundle then takes the sites nearest its start that the others leave it, on
the pad pitch; :func:`row_shortfall` says by how much a row overruns its region, so the
engine can lengthen its die before drawing anything.
"""

from __future__ import annotations

import numpy as np

from lightlane.circuits.maze import NoRoute
from lightlane.circuits.wiring import PAD_PITCH, SPACE, Net

__all__ = ["plan_pads", "row_shortfall", "row_sites"]


def row_sites(left: float, right: float) -> tuple[int, int]:
    """The first and last pad site (in pitches along x) a routing region from ``left`` to
    ``right`` (um) holds."""
    return int(np.ceil((left + 45) / PAD_PITCH)), int(np.floor((right - 45) / PAD_PITCH))


def _span(net: Net) -> tuple[float, list[float]]:
    """(the westmost pad's place from the bundle's axis, every pad's place from the westmost),
    in pitches along x: a route arriving along (0, row) has its left to the west (north) or
    east (south). A stacked pair's two pads share one place."""
    if net.stacked:
        return 0.0, [0.0, 0.0]
    rel = [-net.row * o / PAD_PITCH for o in net.pad_offsets]
    first = min(rel)
    return first, [r - first for r in rel]


def _planar_key(net: Net) -> tuple:
    """Order along a row, west to east, in which no two routes cross: a laser site's
    contacts (west of every line, :attr:`Net.fence`), the farther from the row first (it
    passes outside the nearer); the modulators' lines (they nest in the west channel: the
    lane nearest the row turns last and lies east); then the other DC bundles by x; of
    bundles stacked at one x, the one nearer the row lies west of the others when their
    wires leave east (the others pass outside it), east of them when they leave west."""
    if net.line:
        return (1, net.row * net.start[1], 0.0)
    nearer = -net.row * net.start[1]
    if net.fence is not None:
        return (0, -nearer, net.start[0])
    return (2, net.start[0], nearer if net.direction[0] >= 0 else -nearer)


def _interleave(members: list[Net], row: int) -> list[Net]:
    """``members`` (in :func:`_planar_key` order) with each bundle that leaves towards its
    row (straight to its pads) moved before the first bundle of a stack west of it whose
    wires leave east and start beyond it from the row: those pass between it and the row's
    other side, so their pads lie east of its."""
    out = list(members)
    for straight in [n for n in members if not n.line and n.direction == (0, row)]:
        was = out.index(straight)
        out.remove(straight)
        at = next(
            (
                k
                for k, n in enumerate(out)
                if not n.line
                and n.direction[0] > 0
                and n.start[0] < straight.start[0]
                and row * (straight.start[1] - n.start[1]) > 0
            ),
            None,
        )
        out.insert(was if at is None else min(at, was), straight)
    return out


def plan_pads(nets: list[Net], sites: tuple[int, int], rows: dict[int, float]) -> list[int]:
    """Give every net its pads (``net.pads``): each row's nets in planar order
    (:func:`_planar_key`), on the sites ``sites`` (first, last, in pitches), each as near its
    start's x as the others leave room for. A line's pads lie west of the next line's turn
    (the lines nest); only the last may lie east of its start, over its block.

    Returns the order to route the nets in: the lines, nearest their row first, then each
    row's DC bundles by x from the side their pads shift towards, of a stack at one x the
    nearest first (each takes the track nearest its block, :meth:`Grid.route`'s
    ``toward``, and the next passes outside it).

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
        members = _interleave(sorted((n for n in nets if n.row == r), key=_planar_key), r)
        place = _place_row(members, sites)
        over = max(sites[0] - place[0] if place else 0, _fenced(members, place, nets))
        if over > 0:
            short = max(short, over * PAD_PITCH)
            continue
        shift = 0.0
        for net, at in zip(members, place, strict=True):
            net.pads = [(float((at + round(d)) * PAD_PITCH), rows[r]) for d in _span(net)[1]]
            if net.stacked:  # the second bump one pitch further from the block
                net.pads[1] = (net.pads[1][0], rows[r] + r * PAD_PITCH)
            if not net.line and net.fence is None:
                shift += net.pads[0][0] - net.start[0]
        if order is not None:  # from the side the pads shift to; a stack nearest first
            way = 1.0 if shift <= 0 else -1.0
            lasers = [n for n in members if n.fence is not None]  # the laser sites' first:
            lasers.sort(key=lambda n: (abs(rows[r] - n.start[1]), -n.start[0]))  # inner first
            dc = [n for n in members if not n.line and n.fence is None]
            dc.sort(key=lambda n: (way * n.start[0], abs(rows[r] - n.start[1])))
            order += [index[id(n)] for n in (*lasers, *dc)]
    return short


def _fenced(members: list[Net], place: list[int], nets: list[Net]) -> int:
    """Sites by which a row's first line overruns the laser sites' fence (0: none)."""
    fences = [n.fence for n in nets if n.fence is not None]
    lines = [k for k, n in enumerate(members) if n.line]
    if not fences or not lines:
        return 0
    return max(0, int(np.ceil((max(fences) + 45.0) / PAD_PITCH)) - place[lines[0]])


def _wanted(net: Net) -> float:
    """The x (um) a bundle's axis would take with no other in its row: its start's; a line's
    a bundle's width on along the way it leaves, so its turn folds no conductor."""
    if net.line:
        return net.start[0] + net.direction[0] * (2 * net.half_width + 2 * SPACE)
    return net.start[0]


def _place_row(members: list[Net], sites: tuple[int, int]) -> list[int]:
    """The westmost pad site of each of a row's nets (in planar order)."""
    lo, hi = sites
    spans = [_span(net) for net in members]
    widths = [int(round(max(span))) + 1 for _, span in spans]
    place = [
        int(round(_wanted(n) / PAD_PITCH + f)) for n, (f, _) in zip(members, spans, strict=True)
    ]
    at = [k for k, n in enumerate(members) if n.line]
    first, last = (at[0], at[-1]) if at else (0, -1)
    for j in range(last - 1, first - 1, -1):  # west of the next line's turn
        nxt = members[j + 1]
        turn = nxt.start[0] - nxt.half_width - SPACE - 45.0
        cap = min(place[j + 1], int(np.floor(turn / PAD_PITCH)) + 1)
        place[j] = min(place[j], cap - widths[j])
    for k in range(first - 1, -1, -1):  # the bundles west of the lines, west of them
        place[k] = min(place[k], place[k + 1] - widths[k])
    end = place[last] + widths[last] if at else lo
    for k in range(last + 1, len(members)):
        place[k] = max(place[k], end)
        end = place[k] + widths[k]
    limit = hi + 1
    for k in range(len(members) - 1, -1, -1):
        place[k] = min(place[k], limit - widths[k])
        limit = place[k]
    return place
