"""The receiver half of an optical engine: fibres in, polarisation split, photodiodes.

The chip guides TE only, so every fibre input first meets a polarisation splitter-rotator
(DOMAIN.md section 1): its TE output and its rotated-TM output each feed a germanium photodiode,
wired in parallel, so the photocurrent does not depend on the fibre's polarisation. FR receivers
demultiplex both branches with one CWDM4 demultiplexer each. Built with the fibres on the west
edge; the engine turns the block round.
"""

from __future__ import annotations

import gdsfactory as gf

from lightlane.circuits.couplers import place_coupler
from lightlane.circuits.routing import ROUTING_RADIUS, bundle_length, route_bundle_sbend
from lightlane.circuits.transmitter import LANE_CLEARANCE, rows
from lightlane.pdk import get_pdk

__all__ = ["DETECTOR", "SPLITTER_ROTATOR", "rx_block"]

SPLITTER_ROTATOR = ("polarization_splitter_rotator", "o1", ("o2", "o3"))
"""PDK cell, fibre-side input, (TE output, rotated-TM output)."""
DETECTOR = ("photodetector_ge", "o1")
"""PDK cell and its optical input."""


@gf.cell
def rx_block(
    wavelengths: tuple[float, ...] = (1.311,) * 8,
    groups: int = 0,
    coupling: str = "edge",
    fibre_pitch: float = 127.0,
    cross_section: str = "strip",
) -> gf.Component:
    """Fibre inputs, splitter-rotators, (demultiplexers) and photodiode pairs of one receiver.

    Ports: ``rx1..`` (fibre inputs, west, south first: north first once turned round).
    ``info["detectors"]`` lists per lane (as ``wavelengths``) its two photodiode instance names.

    Args:
        wavelengths: lane wavelengths in um, north lane first.
        groups: CWDM4 demultiplexer groups (0 for a DR engine: one fibre per lane).
        coupling: "edge" or "grating" fibre couplers.
        fibre_pitch: pitch of the fibre inputs in um.
        cross_section: routing cross-section.
    """
    cells = get_pdk().cells
    psr = cells[SPLITTER_ROTATOR[0]]()
    pd = cells[DETECTOR[0]](pads="gs")  # G and S only: a pair of them per lane stays compact
    lanes = len(wavelengths)
    c = gf.Component()
    if groups:
        raise NotImplementedError("FR receivers")
    pair_pitch = round(pd.dbbox().height() + LANE_CLEARANCE + 0.4999)
    pitch = float(max(2 * pair_pitch, fibre_pitch))
    # Lane 1 is built south so that it is north once the engine turns the block round.
    fibres = rows(lanes, fibre_pitch)[::-1]
    couplers = [
        place_coupler(c, coupling, x=0.0, y=y, facing="west", cross_section=cross_section)
        for y in fibres
    ]
    for k, ref in enumerate(couplers):
        c.add_port(f"rx{k + 1}", port=ref.ports["o2"])
    lane_rows = rows(lanes, pitch)[::-1]
    x_psr = bundle_length([a - b for a, b in zip(lane_rows, fibres, strict=True)], ROUTING_RADIUS)
    splitters = []
    for y in lane_rows:
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
    starts, targets, names = [], [], []
    for k, (ref, y) in enumerate(zip(splitters, lane_rows, strict=True)):
        te, tm = (ref.ports[name] for name in SPLITTER_ROTATOR[2])
        lower, upper = sorted((te, tm), key=lambda p: p.center[1])
        starts += [lower, upper]
        targets += [y - pair_pitch / 2, y + pair_pitch / 2]
        names += [f"pd{k + 1}a", f"pd{k + 1}b"]
    dys = [t - p.center[1] for p, t in zip(starts, targets, strict=True)]
    x_pd = max(p.center[0] for p in starts) + bundle_length(dys, ROUTING_RADIUS)
    detectors = []
    for name, y in zip(names, targets, strict=True):
        ref = c.add_ref(pd, name=name)
        ox, oy = ref.ports[DETECTOR[1]].center
        ref.dmove((x_pd - ox, y - oy))
        detectors.append(ref)
    route_bundle_sbend(c, starts, [ref.ports[DETECTOR[1]] for ref in detectors], cross_section)
    c.info["detectors"] = [[names[2 * k], names[2 * k + 1]] for k in range(lanes)]
    c.info["lane_pitch"] = pitch
    return c
