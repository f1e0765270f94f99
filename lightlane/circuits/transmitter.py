"""The transmitter half of an optical engine: lasers in, modulated lanes out to the fibres.

DR (one wavelength, one fibre per lane): one laser input, a 1:N splitter tree, N modulators,
N output couplers at the fibre-array pitch. FR (CWDM4): per multiplexer group four laser inputs
(one per wavelength), four modulators, a CWDM4 multiplexer and one output coupler (the
lane and wavelength plans of IEEE 802.3 clauses 124 and 151; the on-chip architecture is this
kit's choice). Light runs west to east; laser couplers sit on the west edge and fibre
couplers on the east edge, south of the lanes (the receiver's fibres continue the array under
them); each modulator's RF and heater pads are part of its cell, so every lane's pads form one
column at the lane pitch, the driver-facing side of the modulator bank. Every modulator output
passes a monitor tap and photodiode (:mod:`lightlane.circuits.monitors`).
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.circuits.fibre_io import place_coupler, place_laser
from lightlane.circuits.leads import route_lead
from lightlane.circuits.monitors import add_monitors, monitor_extent
from lightlane.circuits.routing import (
    bundle_length,
    route_bundle_sbend,
    route_straight,
    terminate,
)
from lightlane.circuits.splitter import lane_splitter_tree
from lightlane.components._checks import quiet
from lightlane.pdk.rules import RULES
from lightlane.registry import get_pdk

__all__ = ["LANE_CLEARANCE", "MODULATORS", "lane_pitch", "modulator_cell", "rows", "tx_block"]

MULTIPLEXER = "cwdm4_mux"
"""PDK cell of the CWDM4 multiplexer: info lane_ports (inputs), wavelengths_nm, common_port."""
MODULATORS = {"mzm": ("mzm_traveling_wave", "o1", "o2"), "ring": ("ring_modulator", "o1", "o2")}
"""Modulator kind -> (PDK cell, optical input port, optical output port)."""

LANE_CLEARANCE = RULES.min_space("PADOPEN")
"""Space in um between the bounding boxes of neighbouring lanes' devices: their pads may face
each other across it, so it is the pad-opening spacing rule (PADOPEN.S.1)."""


def modulator_cell(kind: str, with_pads: bool = True) -> gf.Component:
    """The PDK modulator cell of ``kind`` with its defaults (``with_pads`` False: on covered
    landings, for a routed electrical interface)."""
    name, _, _ = MODULATORS[kind]
    cell = get_pdk().cells[name]
    return cell() if with_pads else cell(with_pads=False)


def lane_pitch(component: gf.Component, minimum: float) -> float:
    """Row pitch in um for lanes of ``component``: its height plus clearance, on a 1 um step."""
    height = component.dbbox().height() + LANE_CLEARANCE
    return float(max(round(height + 0.4999), minimum))


def rows(n: int, pitch: float) -> list[float]:
    """y of n rows at ``pitch``, centred on 0, north first."""
    return [round((n - 1) / 2 * pitch - k * pitch, 3) for k in range(n)]


@quiet("with_pads", gf.cell)
def tx_block(
    wavelengths: tuple[float, ...] = (1.311,) * 8,
    groups: int = 0,
    coupling: str = "edge",
    modulator: str = "mzm",
    fibre_pitch: float = 127.0,
    cross_section: str = "strip",
    laser: str | None = None,
    laser_lead: float = 0.0,
    with_pads: bool = True,
) -> gf.Component:
    """Lasers, modulators and output couplers of one transmitter (see the module docstring).

    Ports: ``laser1..`` (laser inputs, west), ``tx1..`` (fibre outputs, east, north first).

    Args:
        wavelengths: lane wavelengths in um, north lane first.
        groups: CWDM4 multiplexer groups (0 for a DR engine: one fibre per lane).
        coupling: "edge" or "grating" couplers for lasers and fibres.
        modulator: a key of MODULATORS.
        fibre_pitch: pitch of the fibre outputs in um.
        cross_section: routing cross-section.
        laser: laser input, a key of :data:`lightlane.circuits.fibre_io.LASERS`; None takes
            ``coupling`` (a fibre-fed laser coupled like the fibres).
        laser_lead: lead in um between each laser input and the circuit (>= 0), which
            moves the laser inputs west; on the strip, one of at least
            :func:`lightlane.circuits.leads.wide_lead_threshold` runs on the low-loss wide
            strip between two tapers (:func:`lightlane.circuits.leads.route_lead`).
        with_pads: the devices' own probe pads (modulators, monitors, multiplexer heaters);
            False builds them on covered landings for a routed electrical interface
            (:mod:`lightlane.circuits.electrical`).
    """
    if not 0.0 <= laser_lead <= 1e4:
        raise ValueError(f"laser_lead={laser_lead!r} um must be within 0 .. 10000")
    laser = coupling if laser is None else laser
    lanes = len(wavelengths)
    mod = modulator_cell(modulator, with_pads)
    _, port_in, port_out = MODULATORS[modulator]
    # Rows hold the modulator and, past its output, its tap and monitor photodiode.
    monitor_top, _ = monitor_extent(cross_section)
    axis = mod.ports[port_in].center[1]
    height = max(mod.dbbox().top - axis, monitor_top) - (mod.dbbox().bottom - axis)
    pitch = max(lane_pitch(mod, fibre_pitch), float(round(height + LANE_CLEARANCE + 0.4999)))
    if groups and laser == "flipchip":  # a laser site per row
        site = get_pdk().cells["laser_site"]().dbbox().height()
        pitch = max(pitch, float(round(site + LANE_CLEARANCE + 0.4999)))
    c = gf.Component()
    mods = []
    lane_of_row = list(range(lanes))
    if groups == 0:  # one laser split 1:N
        source = place_laser(c, laser, x=-laser_lead, y=0.0, cross_section=cross_section)
        tree = c << lane_splitter_tree(n=lanes, pitch=pitch, cross_section=cross_section)
        tree.connect("o1", route_lead(c, source.ports["o1"], laser_lead, cross_section))
        c.add_port("laser1", port=source.ports["o2"])
        feeds = [tree.ports[f"o{k + 2}"] for k in range(lanes)]
    else:  # one laser per wavelength, rows in the multiplexer's input order (no crossings)
        feeds = []
        order = lane_of_row = _mux_row_order(wavelengths, groups)
        for row, y in enumerate(rows(lanes, pitch)):
            source = place_laser(c, laser, x=-laser_lead, y=y, cross_section=cross_section)
            c.add_port(f"laser{order[row] + 1}", port=source.ports["o2"])
            feeds.append(route_lead(c, source.ports["o1"], laser_lead, cross_section))
    # A modulator whose pads reach behind its input gets a straight lead, clear of the feed.
    behind = mod.ports[port_in].center[0] - mod.dbbox().left
    lead = round(behind + LANE_CLEARANCE, 3) if behind > 1e-6 else 0.0
    for feed in feeds:
        if lead:
            feed = route_straight(c, feed, lead, cross_section)
        ref = c << mod
        ref.connect(port_in, feed)
        mods.append(ref)
    c.info["lane_pitch"] = pitch
    c.info["modulator"] = MODULATORS[modulator][0]
    ahead = mod.dbbox().right - mod.ports[port_out].center[0]
    outputs = [ref.ports[port_out] for ref in mods]
    if ahead > 1e-6:  # and one past pads that reach beyond its output
        outputs = [
            route_straight(c, p, round(ahead + LANE_CLEARANCE, 3), cross_section) for p in outputs
        ]
    outputs = add_monitors(c, outputs, [k + 1 for k in lane_of_row], cross_section, with_pads)
    c.info["monitors"] = [f"mon{k + 1}" for k in range(lanes)]
    _outputs(c, outputs, groups, coupling, fibre_pitch, cross_section, with_pads)
    return c


def _outputs(
    c: gf.Component,
    outputs: list[gf.Port],
    groups: int,
    coupling: str,
    fibre_pitch: float,
    cross_section: str,
    with_pads: bool = True,
) -> None:
    """Fibre couplers (DR) or multiplexers then couplers (FR) after the modulators (``with_pads``
    False: the multiplexers' heater pads as covered landings)."""
    if groups == 0:
        _fibre_outputs(c, outputs, coupling, fibre_pitch, cross_section)
        return
    x0 = max(p.center[0] for p in outputs)
    mux = get_pdk().cells[MULTIPLEXER](with_pads=with_pads)
    inputs = _mux_inputs(mux)
    per_group = len(outputs) // groups
    starts, ends, mux_refs = [], [], []
    span = mux.ports[inputs[0]].center[1] - mux.ports[inputs[-1]].center[1]
    for g in range(groups):
        group = outputs[g * per_group : (g + 1) * per_group]
        centre = sum(p.center[1] for p in group) / len(group)
        ref = c << mux
        ref.dmove((0, round(centre - span / 2 - mux.ports[inputs[-1]].center[1], 3)))
        mux_refs.append(ref)
        starts += group
    ys = [ref.ports[name].center[1] for ref in mux_refs for name in inputs]
    x_mux = x0 + bundle_length([y - s.center[1] for s, y in zip(starts, ys, strict=True)])
    for ref in mux_refs:
        ref.dmove((round(x_mux - ref.ports[inputs[0]].center[0], 3), 0))
    # A reference's ports are snapshots: read them after the move.
    ends = [ref.ports[name] for ref in mux_refs for name in inputs]
    route_bundle_sbend(c, starts, ends, cross_section)
    terminate(
        c, [r.ports[name] for r in mux_refs for name in mux.info["drop_ports"]], cross_section
    )
    commons = [ref.ports[mux.info["common_port"]] for ref in mux_refs]
    _fibre_outputs(c, commons, coupling, fibre_pitch, cross_section)


def _fibre_outputs(
    c: gf.Component, outputs: list[gf.Port], coupling: str, fibre_pitch: float, cross_section: str
) -> None:
    """Output couplers at the fibre pitch, joined by an S-bend bundle, the last fibre under the
    block: nothing of the transmitter lies south of its fibres, so the receiver's fibres can
    continue the same array right below (:mod:`lightlane.circuits.floorplan`)."""
    x0 = max(p.center[0] for p in outputs)
    n = len(outputs)
    south = float(math.floor(c.dbbox().bottom - LANE_CLEARANCE))
    targets = [round(south + (n - 1 - k) * fibre_pitch, 3) for k in range(n)]
    dys = [t - p.center[1] for t, p in zip(targets, outputs, strict=True)]
    x_end = x0 + bundle_length(dys)
    couplers = [
        place_coupler(c, coupling, x=x_end, y=t, facing="east", cross_section=cross_section)
        for t in targets
    ]
    route_bundle_sbend(c, outputs, [r.ports["o1"] for r in couplers], cross_section)
    for k, ref in enumerate(couplers):
        c.add_port(f"tx{k + 1}", port=ref.ports["o2"])


def _mux_inputs(mux: gf.Component) -> list[str]:
    """The multiplexer's lane inputs, north first."""
    return sorted(mux.info["lane_ports"], key=lambda name: -mux.ports[name].center[1])


def _mux_row_order(wavelengths: tuple[float, ...], groups: int) -> list[int]:
    """Lane index (into ``wavelengths``) of each row, north first, in the mux's input order."""
    mux = get_pdk().cells[MULTIPLEXER]()
    inputs = _mux_inputs(mux)
    by_port = dict(zip(mux.info["lane_ports"], mux.info["wavelengths_nm"], strict=True))
    per_group = len(wavelengths) // groups
    order = []
    for g in range(groups):
        group = [w * 1e3 for w in wavelengths[g * per_group : (g + 1) * per_group]]
        for name in inputs:
            nearest = min(range(per_group), key=lambda k: abs(group[k] - by_port[name]))
            order.append(g * per_group + nearest)
    return order
