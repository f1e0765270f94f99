"""The receiver half of an optical engine: fibres in, polarisation diversity, photodiodes.

The chip guides TE only (every cross-section and model of this PDK is TE0), so every fibre input is
split by polarisation into two TE branches: an edge coupler feeds a polarisation splitter-rotator
(TE out, TM rotated to TE out); a grating receiver uses a 2-D grating coupler, whose two arms take
one fibre polarisation each. Each branch ends on its own germanium photodiode; a lane's two
photodiodes are wired in parallel off-chip, so the photocurrent does not depend on the fibre's
polarisation. FR receivers demultiplex each branch with a CWDM4 demultiplexer. The block is built
with its fibres on the west edge; the engine turns it round.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.circuits.fibre_io import place_coupler
from lightlane.circuits.routing import (
    ROUTING_RADIUS,
    bundle_length,
    route_bundle_sbend,
    route_straight,
    terminate,
)
from lightlane.circuits.transmitter import LANE_CLEARANCE
from lightlane.components._checks import quiet
from lightlane.components.waveguides import bend_euler
from lightlane.registry import get_pdk

__all__ = ["DEMULTIPLEXER", "DETECTOR", "SPLITTER_ROTATOR", "rx_block"]

SPLITTER_ROTATOR = ("polarization_splitter_rotator_bilevel", "o1", ("o2", "o3"))
"""PDK cell, fibre-side input, (TE output, rotated-TM output)."""
GRATING_2D = ("grating_coupler_2d", ("o3", "o4"), ("o1", "o2"))
"""PDK cell, (fibre X, fibre Y) ports, (arm of X, arm of Y)."""
GRATING_2D_TAPER = 50.0
"""Taper length in um of the receiver's 2-D gratings: short enough that a column of them at a
127 um fibre pitch keeps every arm clear of its neighbours (the cell's limit is the 8 degree
taper half-angle)."""
DEMULTIPLEXER = "cwdm4_demux"
"""PDK cell of the CWDM4 demultiplexer: info lane_ports (outputs), wavelengths_nm, common_port."""
DETECTOR = ("photodetector_ge", "o1")
"""PDK cell and its optical input."""
STAGGER_FROM = 16
"""Photodiodes (with their probe pads) from which the row is staggered in :data:`STAGGER_ROWS`: a
2xFR4 receiver's 16 photodiodes at one pad pitch (204 um) put 3.1 mm of waveguide, 0.6 dB at
2 dB/cm, before the last one. Four-lane receivers keep their single row."""
STAGGER_ROWS = 3
"""Rows of a staggered photodiode row (2 or 3)."""
PASS_CLEARANCE = 10.0
"""Least distance in um from a waveguide to the pads of a photodiode it passes. No rule binds a
waveguide to metal 2 (the deck has none); 10 um keeps it clear of the probe openings' edges."""


@quiet("with_pads", gf.cell)
def rx_block(
    wavelengths: tuple[float, ...] = (1.311,) * 8,
    groups: int = 0,
    coupling: str = "edge",
    fibre_pitch: float = 127.0,
    cross_section: str = "strip",
    with_pads: bool = True,
) -> gf.Component:
    """Fibre inputs, polarisation diversity, (demultiplexers) and photodiodes of one receiver.

    Ports: ``rx1..`` (fibre inputs, west, south first: north first once turned round).
    ``info["detectors"]`` lists per lane (as ``wavelengths``) its two photodiode instance names
    (TE branch first); ``info["polarisation"]`` names the diversity device.

    Args:
        wavelengths: lane wavelengths in um, north lane first.
        groups: CWDM4 demultiplexer groups (0 for a DR engine: one fibre per lane).
        coupling: "edge" (edge coupler + splitter-rotator) or "grating" (2-D grating coupler).
        fibre_pitch: pitch of the fibre inputs in um.
        cross_section: routing cross-section.
        with_pads: the photodiodes' and demultiplexers' own probe pads; False builds them on
            covered landings.
    """
    lanes = len(wavelengths)
    fibres = groups or lanes
    c = gf.Component()
    # Fibre 1 is built south so that it is north once the engine turns the block round.
    branches = _polarisation_branches(c, fibres, coupling, fibre_pitch, cross_section)
    if groups:
        branches = _demultiplex(c, branches, wavelengths, groups, cross_section, with_pads)
    else:
        branches = [(port, k, which) for k, pair in enumerate(branches) for which, port in pair]
    _detectors(c, branches, lanes, cross_section, with_pads)
    c.info["polarisation"] = GRATING_2D[0] if coupling == "grating" else SPLITTER_ROTATOR[0]
    return c


def _polarisation_branches(
    c: gf.Component, fibres: int, coupling: str, pitch: float, cross_section: str
) -> list[list[tuple[str, Any]]]:
    """Per fibre (south first), its two TE branch ports facing east: [("a", port), ("b", port)]."""
    ys = [round(k * pitch, 3) for k in range(fibres)]
    if coupling == "grating":
        return [_grating_2d(c, k, y, cross_section) for k, y in enumerate(ys)]
    couplers = [
        place_coupler(c, coupling, x=0.0, y=y, facing="west", cross_section=cross_section)
        for y in ys
    ]
    for k, ref in enumerate(couplers):
        c.add_port(f"rx{k + 1}", port=ref.ports["o2"])
    psr = get_pdk().cells[SPLITTER_ROTATOR[0]]()
    # The splitter-rotators sit at the pitch their own outputs need, fanned out from the fibres.
    height = psr.dbbox().height() + 2 * ROUTING_RADIUS
    psr_pitch = max(pitch, round(height + 0.4999))
    targets = [round(k * psr_pitch, 3) for k in range(fibres)]
    x_psr = bundle_length([t - y for t, y in zip(targets, ys, strict=True)])
    splitters = []
    for y in targets:
        ref = c << psr
        ox, oy = ref.ports[SPLITTER_ROTATOR[1]].center
        ref.dmove((x_psr - ox, y - oy))
        splitters.append(ref)
    route_bundle_sbend(
        c,
        [ref.ports["o1"] for ref in couplers],
        [ref.ports[SPLITTER_ROTATOR[1]] for ref in splitters],
        cross_section,
    )
    te, tm = SPLITTER_ROTATOR[2]
    return [[("a", ref.ports[te]), ("b", ref.ports[tm])] for ref in splitters]


def _grating_2d(c: gf.Component, k: int, y: float, cross_section: str) -> list[tuple[str, Any]]:
    """A 2-D grating at (0, y) with both arms turned east; registers fibre ports rx<k+1>."""
    cell = get_pdk().cells[GRATING_2D[0]](taper_length=GRATING_2D_TAPER)
    ref = c << cell
    ref.drotate(180)  # arms east (o1) and north (o2); the fibre leans south-west
    fibre_x, fibre_y = GRATING_2D[1]
    cx, cy = ref.ports[fibre_x].center
    ref.dmove((-cx, y - cy))
    c.add_port(f"rx{k + 1}", port=ref.ports[fibre_x])
    c.add_port(f"rx{k + 1}y", port=ref.ports[fibre_y])
    arm_x, arm_y = GRATING_2D[2]
    turn = c << bend_euler(radius=ROUTING_RADIUS, angle=-90, cross_section=cross_section)
    turn.connect("o1", ref.ports[arm_y])
    return [("a", ref.ports[arm_x]), ("b", turn.ports["o2"])]


def _demultiplex(
    c: gf.Component,
    branches: list[list[tuple[str, Any]]],
    wavelengths: tuple[float, ...],
    groups: int,
    cross_section: str,
    with_pads: bool = True,
) -> list[tuple[Any, int, str]]:
    """A CWDM4 demultiplexer on every branch (``with_pads`` False: its heater pads as covered
    landings); returns (port, lane index, branch) per output."""
    demux = get_pdk().cells[DEMULTIPLEXER](with_pads=with_pads)
    lane_ports = list(demux.info["lane_ports"])
    grid = list(demux.info["wavelengths_nm"])
    common = demux.info["common_port"]
    per_group = len(wavelengths) // groups
    flat = sorted(
        ((port, g, which) for g, pair in enumerate(branches) for which, port in pair),
        key=lambda item: item[0].center[1],
    )
    # Demultiplexers stacked at their own height, in the branches' y order: no routes cross;
    # the lowest one's bottom level with the lowest branch, so the stack only climbs.
    height = round(demux.dbbox().height() + LANE_CLEARANCE + 0.4999)
    base = flat[0][0].center[1] - (demux.dbbox().bottom - demux.ports[common].center[1])
    targets = [round(base + k * height, 3) for k in range(len(flat))]
    x0 = max(item[0].center[0] for item in flat)
    x_demux = x0 + bundle_length(
        [t - item[0].center[1] for t, item in zip(targets, flat, strict=True)]
    )
    refs = []
    for y in targets:
        ref = c << demux
        ox, oy = ref.ports[common].center
        ref.dmove((x_demux - ox, round(y - oy, 3)))
        refs.append(ref)
    route_bundle_sbend(
        c, [item[0] for item in flat], [r.ports[common] for r in refs], cross_section
    )
    terminate(c, [r.ports[name] for r in refs for name in demux.info["drop_ports"]], cross_section)
    outputs = []
    for ref, (_, g, which) in zip(refs, flat, strict=True):
        group = wavelengths[g * per_group : (g + 1) * per_group]
        for port_name, wl_nm in zip(lane_ports, grid, strict=True):
            outputs.append((ref.ports[port_name], g * per_group + _lane_of(wl_nm, group), which))
    return outputs


def _lane_of(wl_nm: float, group: tuple[float, ...]) -> int:
    """Index in ``group`` (wavelengths in um) of the lane at ``wl_nm``."""
    distances = [abs(w * 1e3 - wl_nm) for w in group]
    return distances.index(min(distances))


def _detectors(
    c: gf.Component,
    branches: list[tuple[Any, int, str]],
    lanes: int,
    cross_section: str,
    with_pads: bool = True,
) -> None:
    """One photodiode per branch, in a row north of every branch (south on the die, pads to the
    die edge), each joined by an L: east, a bend north, a straight up. The northmost branch
    turns first and each next one further east, so no two routes cross.

    A row of :data:`STAGGER_FROM` probe-padded photodiodes or more is staggered in
    :data:`STAGGER_ROWS` (:func:`_row_slots`), so the longest route (east along the row) is
    about that many times shorter.
    """
    cell = get_pdk().cells[DETECTOR[0]]
    pd = cell(pads="gs") if with_pads else cell(pads="gs", with_pads=False)  # G, S: compact
    box = pd.dbbox()
    order = sorted(branches, key=lambda item: -item[0].center[1])
    rows = STAGGER_ROWS if with_pads and len(order) >= STAGGER_FROM else 1
    period, slots = _row_slots(box, rows)
    bend = bend_euler(radius=ROUTING_RADIUS, angle=90, cross_section=cross_section)
    turn_dy = bend.ports["o2"].center[1] - bend.ports["o1"].center[1]
    x_turn = max(item[0].center[0] for item in order) + ROUTING_RADIUS
    # The row sits above the northmost bend, the photodiodes' pads clear of every route.
    y_row = math.ceil(order[0][0].center[1] + turn_dy + LANE_CLEARANCE)
    names: dict[int, dict[str, str]] = {k: {} for k in range(lanes)}
    for j, (port, lane, which) in enumerate(order):
        step, slot = divmod(j, rows)
        dx, rise = slots[slot]
        x = round(x_turn + step * period + dx, 3)
        port = route_straight(c, port, x - port.center[0], cross_section)
        ref = c << bend
        ref.connect("o1", port)
        y = y_row + rise
        port = route_straight(c, ref.ports["o2"], y - ref.ports["o2"].center[1], cross_section)
        name = f"pd{lane + 1}{which}"
        ref = c.add_ref(pd, name=name)
        ref.connect(DETECTOR[1], port)
        names[lane][which] = name
    c.info["detectors"] = [[names[k]["a"], names[k]["b"]] for k in range(lanes)]
    c.info["detector_pitch"] = round(period / rows, 3)
    c.info["detector_rows"] = rows


def _row_slots(box: Any, rows: int) -> tuple[float, list[tuple[float, float]]]:
    """The period in um of a photodiode row of ``rows`` (1 to 3) and, west to east within a
    period, each slot's (east offset, rise north) of a photodiode whose cell bbox is ``box``.

    Turned north (input south), the cell's +y side lies west of its input and its -y side east.
    The first row's photodiodes sit one period apart, their pads :data:`LANE_CLEARANCE` apart;
    each further row sits a photodiode length plus that clearance north of the one before, and
    its waveguides pass every lower row between two photodiodes' pads, :data:`PASS_CLEARANCE`
    (two rows: half the gap) from each.
    """
    if rows not in (1, 2, 3):
        raise ValueError(f"rows={rows!r}: a photodiode row is staggered in 1 to 3 rows")
    west, east, width = box.top, -box.bottom, box.height()
    period = round(width + LANE_CLEARANCE + 0.4999)
    rise = round(box.width() + LANE_CLEARANCE, 3)
    if rows == 1:
        return period, [(0.0, 0.0)]
    if rows == 2:
        return period, [(0.0, 0.0), (round(east + (period - width) / 2, 3), rise)]
    # Third row (north): between the first row's pads and the second row's; second row: west
    # of the next first-row photodiode.
    period = max(period, math.ceil(west + width + 3 * PASS_CLEARANCE))
    third = round(east + PASS_CLEARANCE, 3)
    second = round(period - west - PASS_CLEARANCE, 3)
    return period, [(0.0, 0.0), (third, 2 * rise), (second, rise)]
