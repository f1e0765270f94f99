"""An optical engine from an interface name: transmitter, receiver, fibre array and die frame.

``engine("1.6T-DR8", side="trx")`` builds the chip: the transmitter block on top (lasers enter
on the west edge, fibres leave on the east edge), the receiver block under it with its fibre
inputs continuing the same fibre array on the east edge in the connector's fibre order
(:mod:`lightlane.circuits.floorplan`), a die outline on FLOORPLAN and labels on TEXT. The
interface's numbers (lanes, wavelengths, multiplexer groups, fibre pitch) come from
:mod:`lightlane.circuits.standards` only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import gdsfactory as gf

from lightlane.circuits.electrical import (
    ELECTRICAL,
    add_interface,
    interface_shortfall,
)
from lightlane.circuits.fibre_io import COUPLINGS, LASER_NOTES, LASERS, fibre_map, map_of
from lightlane.circuits.floorplan import (
    fibre_map_problems,
    floorplan_figures,
    place_receiver,
    thermal_problems,
)
from lightlane.circuits.packages import get_package
from lightlane.circuits.receiver import rx_block
from lightlane.circuits.standards import Standard, get_standard
from lightlane.circuits.transmitter import MODULATORS, tx_block
from lightlane.components._checks import quiet
from lightlane.pdk.layers import LAYER
from lightlane.registry import get_pdk

__all__ = ["SIDES", "EngineOptions", "build_engine", "engine", "engine_options"]

SIDES = ("tx", "rx", "trx")
DIE_MARGIN = 100.0
"""Clearance in um between the circuit and the die outline where no coupler sits on the edge."""
FRAME = "die_frame"
"""PDK cell of the die frame: outline, dicing lane, facet trenches (info facet_inset)."""
FACET_CLEARANCE = 100.0
"""Least distance in um from a facet's laser coupler tip to the receiver beside it (the facet
trench and the seal ring's wall end lie between)."""
LEAD_TRIES = 4
"""Trial placements that may lengthen the laser lead until the routed pad rows fit."""
SEAL_WIDTH = 10.0
"""Seal ring wall width in um."""
SEAL_PADDING = 10.0
"""Space in um between the circuit and the seal ring."""


@dataclass(frozen=True)
class EngineOptions:
    """A validated engine request: everything that selects the layout.

    ``standard`` is the Standard object itself, never its name looked up again, so a custom
    standard reaches the layout and the budget unchanged.
    """

    standard: Standard
    side: str
    coupling: str
    modulator: str
    fibre_pitch: float
    wavelengths: tuple[float, ...]
    groups: int
    connector: str
    laser: str
    package: str = "dsp"
    electrical: str = "probe"


def _choose(parameter: str, value: Any, valid: tuple[str, ...]) -> str:
    if value not in valid:
        raise ValueError(f"{parameter}={value!r} is not valid; choose one of: {', '.join(valid)}")
    return value


def engine_options(
    standard: Any = "1.6T-DR8",
    side: str = "trx",
    coupling: str = "edge",
    modulator: str | None = None,
    fibre_pitch: float | None = None,
    connector: str | None = None,
    laser: str | None = None,
    package: str = "dsp",
    electrical: str = "probe",
) -> EngineOptions:
    """Validate an engine request (raises ``ValueError`` naming the bad option and the choices).

    ``standard`` is a name from the standards table or a Standard object (for custom lane
    counts, e.g. ``dataclasses.replace(get_standard("1.6T-DR8"), ...)``).
    """
    std = get_standard(standard) if isinstance(standard, str) else standard
    modulator = get_package(package).modulator if modulator is None else modulator
    _choose("side", side, SIDES)
    _choose("electrical", electrical, ELECTRICAL)
    _choose("coupling", coupling, tuple(COUPLINGS))
    _choose("modulator", modulator, tuple(MODULATORS))
    laser = coupling if laser is None else _choose("laser", laser, LASERS)
    pitches = tuple(float(p) for p in std.fibre_pitches_um)
    pitch = pitches[0] if fibre_pitch is None else float(fibre_pitch)
    if pitch not in pitches:
        raise ValueError(
            f"fibre_pitch={fibre_pitch!r} um is not offered by {std.name}; choose one of "
            + ", ".join(f"{p:g}" for p in pitches)
        )
    return EngineOptions(
        standard=std,
        side=side,
        coupling=coupling,
        modulator=modulator,
        fibre_pitch=pitch,
        wavelengths=tuple(round(w / 1000, 6) for w in std.wavelengths_nm),
        groups=std.wdm_groups,
        connector=fibre_map(std, connector).connector,
        laser=laser,
        package=package,
        electrical=electrical,
    )


def engine(
    standard: Any = "1.6T-DR8",
    side: str = "trx",
    coupling: str = "edge",
    modulator: str | None = None,
    fibre_pitch: float | None = None,
    connector: str | None = None,
    laser: str | None = None,
    package: str = "dsp",
    electrical: str = "probe",
) -> gf.Component:
    """The optical engine of ``standard``: see the module docstring.

    Ports: ``laser1..`` (laser inputs), ``tx1..`` (transmit fibres), ``rx1..`` (receive
    fibres). ``info["lanes"]`` lists per lane its wavelength, its ports and its receiver's
    photodiode instances.

    Args:
        standard: interface name, e.g. "1.6T-DR8" (``lightlane standards`` lists them).
        side: "tx", "rx" or "trx" (both halves on one die).
        coupling: "edge" (spot-size converters on a diced facet) or "grating".
        modulator: "mzm" (traveling-wave Mach-Zehnder) or "ring" (ring modulators); None takes
            the package's default (:mod:`lightlane.circuits.packages`).
        fibre_pitch: fibre-array pitch in um; None takes the standard's first option.
        connector: the fibre connector, e.g. "MPO-16" or "2 x MPO-12"; None takes the
            standard's first (its fibre map orders the die's fibre array).
        laser: "edge" or "grating" (a fibre-fed external laser) or "flipchip" (a laser site
            for a III-V die); None couples the laser like the fibres.
        package: "dsp" (retimed pluggable), "lpo" (linear pluggable) or "cpo" (co-packaged).
        electrical: "probe" (each device's own probe pads), "wirebond" (every terminal routed
            to a pad row on the die edge) or "flipchip" (to bumps on a grid); see
            :mod:`lightlane.circuits.electrical`.
    """
    return build_engine(
        engine_options(
            standard, side, coupling, modulator, fibre_pitch, connector, laser, package, electrical
        )
    )


def build_engine(opts: EngineOptions) -> gf.Component:
    """The engine of a validated request (:func:`engine_options`)."""
    return _engine(
        opts.standard.name,
        opts.side,
        opts.coupling,
        opts.modulator,
        opts.fibre_pitch,
        opts.wavelengths,
        opts.groups,
        opts.connector,
        opts.standard.tx_fibres,
        opts.standard.rx_fibres,
        opts.laser,
        opts.electrical,
    )


@quiet("electrical", gf.cell)
def _engine(
    standard: str,
    side: str,
    coupling: str,
    modulator: str,
    fibre_pitch: float,
    wavelengths: tuple[float, ...],
    groups: int,
    connector: str,
    tx_fibres: int,
    rx_fibres: int,
    laser: str,
    electrical: str = "probe",
) -> gf.Component:
    c = gf.Component()
    pads = {} if electrical == "probe" else {"with_pads": False}
    fmap = map_of(connector, tx_fibres, rx_fibres)
    lanes_info: list[dict[str, Any]] = [
        {"lane": k + 1, "wavelength_nm": round(w * 1000, 3)} for k, w in enumerate(wavelengths)
    ]
    rx_cell = rx_block(wavelengths, groups, coupling, fibre_pitch, **pads) if side != "tx" else None
    settings = dict(
        wavelengths=wavelengths,
        groups=groups,
        coupling=coupling,
        modulator=modulator,
        fibre_pitch=fibre_pitch,
        laser=None if laser == coupling else laser,
        **pads,
    )
    extra = 0.0
    if pads and side != "rx" and laser in ("edge", "flipchip"):  # rows fit beside the lasers
        for _ in range(LEAD_TRIES):  # a longer lead can change the rows' split: try again
            trial = gf.Component()
            _place_blocks(trial, settings, rx_cell, side, laser, fmap, fibre_pitch, extra)
            more = interface_shortfall(trial, _route_limits(trial, coupling, laser), electrical)
            if not more:
                break
            extra += more
    _place_blocks(c, settings, rx_cell, side, laser, fmap, fibre_pitch, extra)
    if rx_cell is not None:
        for lane, pds in zip(lanes_info, rx_cell.info["detectors"], strict=True):
            lane["detectors"] = [f"rx/{name}" for name in pds]
    _lane_ports(c, lanes_info, groups, side)
    interface = None  # probe pads: the devices' own (the layout as before the interfaces)
    if pads:
        nyquist = get_standard(standard).baud_gbd / 2
        interface = add_interface(c, electrical, _route_limits(c, coupling, laser), nyquist)
    die = _die_frame(c, standard, side, coupling, laser)
    problems = fibre_map_problems(c, fmap, fibre_pitch) + thermal_problems(c)
    if problems:  # the layout code's own error: never a die that breaks its floorplan
        raise RuntimeError(f"{standard} {side} floorplan: " + "; ".join(problems))
    c.info["floorplan"] = {
        **floorplan_figures(c, die),
        "fibre_map": fmap.to_dict(),
    }
    if interface is not None:
        c.info["floorplan"]["electrical"] = interface
    if side in ("tx", "trx"):
        c.info["floorplan"]["laser"] = {"input": laser, "note": LASER_NOTES[laser]}
    c.info["standard"] = standard
    c.info["side"] = side
    c.info["coupling"] = coupling
    c.info["modulator"] = MODULATORS[modulator][0]
    c.info["fibre_pitch"] = fibre_pitch
    c.info["lanes"] = lanes_info
    return c


def _place_blocks(
    c: gf.Component,
    settings: dict[str, Any],
    rx_cell: gf.Component | None,
    side: str,
    laser: str,
    fmap: Any,
    fibre_pitch: float,
    extra: float,
) -> None:
    """The transmitter (``settings`` of :func:`tx_block`, its laser lead ``extra`` um longer
    than the floorplan needs) and the receiver beside it, with their chip-edge ports."""
    tx = None
    if side in ("tx", "trx"):
        cell = tx_block(**settings)
        lead = _laser_lead(cell, rx_cell, laser)
        if lead + extra:
            cell = tx_block(**settings, laser_lead=lead + extra)
        tx = c.add_ref(cell, name="tx")
        _expose(c, tx, ("laser", "tx"))
    if rx_cell is not None:
        rx = c.add_ref(rx_cell, name="rx")
        rx.drotate(180)  # built with its fibres to the west; they face east on the die
        if tx is not None:
            place_receiver(tx, rx, fmap, fibre_pitch)
        _expose(c, rx, ("rx",))


def _route_limits(c: gf.Component, coupling: str, laser: str) -> tuple:
    """x in um that electrical routes keep inside: clear of an etched facet's trench."""
    west = [p.center[0] for p in c.ports if p.name.startswith("laser")]
    east = [p.center[0] for p in c.ports if re.fullmatch(r"(tx|rx)\d+", p.name)]
    return (
        min(west) + FACET_CLEARANCE if laser == "edge" and west else None,
        max(east) - FACET_CLEARANCE if coupling == "edge" and east else None,
    )


def _laser_lead(tx: gf.Component, rx: gf.Component | None, laser: str) -> float:
    """Straight in um the west facet's laser couplers need to sit clear of a receiver that
    reaches further west than the transmitter (ring engines: short lanes, a long photodiode
    row); 0 when it does not, or when the west edge is no facet."""
    if rx is None or laser != "edge":
        return 0.0
    east = max(p.center[0] for p in tx.ports if p.name.startswith("tx"))
    rx_west = east - rx.dbbox().width()
    overhang = tx.dbbox().left + FACET_CLEARANCE - rx_west
    return float(math.ceil(overhang)) if overhang > 0 else 0.0


def _expose(c: gf.Component, ref: Any, prefixes: tuple[str, ...]) -> None:
    """Expose a block's chip-edge ports: laser1, tx1, rx1 (and rx1y, a 2-D grating's Y)."""
    pattern = re.compile(rf"({'|'.join(prefixes)})\d+y?")
    for port in ref.ports:
        if pattern.fullmatch(port.name):
            c.add_port(port.name, port=port)


def _lane_ports(c: gf.Component, lanes_info: list[dict[str, Any]], groups: int, side: str) -> None:
    """Record which top-level ports belong to each lane (the link budget follows them)."""
    per_group = len(lanes_info) // groups if groups else 1
    for k, lane in enumerate(lanes_info):
        fibre = k // per_group + 1 if groups else k + 1
        if side in ("tx", "trx"):
            lane["laser_port"] = f"laser{k + 1}" if groups else "laser1"
            lane["tx_port"] = f"tx{fibre}"
        if side in ("rx", "trx"):
            lane["rx_port"] = f"rx{fibre}"


def _die_frame(
    c: gf.Component, standard: str, side: str, coupling: str, laser: str
) -> tuple[float, float, float, float]:
    """The die frame (outline, dicing lane, facet trenches) and a seal ring round the circuit.

    An edge-coupled side is an etched facet: the die edge lies the frame's facet inset beyond
    the coupler tips, and the seal ring leaves that side open for the waveguides; elsewhere the
    edge is a margin out. Returns the outline (left, bottom, right, top) in um.
    """
    cells = get_pdk().cells
    box = c.dbbox()
    east = coupling == "edge"
    west = laser == "edge" and any(p.name.startswith("laser") for p in c.ports)
    facets = ("E" if east else "") + ("W" if west else "")
    inset = cells[FRAME](size=(1000.0, 1000.0), facets="E").info["facet_inset"]
    left = min(p.center[0] for p in c.ports) - inset if west else box.left - DIE_MARGIN
    right = max(p.center[0] for p in c.ports) + inset if east else box.right + DIE_MARGIN
    width = _even_um(right - left)  # the frame is centred: an even size keeps it on the grid
    if east:
        left = right - width
    else:
        right = left + width
    height = _even_um(box.height() + 2 * DIE_MARGIN)
    bottom = box.bottom - DIE_MARGIN
    top = bottom + height
    frame = c.add_ref(cells[FRAME](size=(width, height), facets=facets), name="die_frame")
    frame.dmove(((left + right) / 2, (bottom + top) / 2))
    # The ring's walls stop short of the facet trenches (their sep rule and 5 um more).
    wall = SEAL_PADDING + SEAL_WIDTH
    ring_left = math.floor(left + inset + wall + 5.0) if west else math.floor(box.left)
    ring_right = math.ceil(right - inset - wall - 5.0) if east else math.ceil(box.right)
    ring_bottom, ring_top = math.floor(box.bottom), math.ceil(box.top)
    ring = cells["seal_ring"](
        size=(ring_right - ring_left, ring_top - ring_bottom),
        width=SEAL_WIDTH,
        padding=SEAL_PADDING,
        with_east=not east,
        with_west=not west,
    )
    c.add_ref(ring, name="seal_ring").dmove((ring_left, ring_bottom))
    c.add_label(
        f"lightlane {standard} {side} ({coupling})",
        position=(left + DIE_MARGIN / 2, top - DIE_MARGIN / 2),
        layer=LAYER.TEXT,
    )
    for port in c.ports:
        c.add_label(port.name, position=port.center, layer=LAYER.TEXT)
    c.info["die_um"] = (round(right - left, 3), round(top - bottom, 3))
    return left, bottom, right, top


def _even_um(length: float) -> float:
    """``length`` in um rounded up to a whole even number of um."""
    return float(2 * math.ceil(length / 2 - 1e-9))
