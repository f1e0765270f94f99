"""An optical engine from an interface name: transmitter, receiver, fibre array and die frame.

``engine("1.6T-DR8", side="trx")`` builds the chip: the transmitter block on top (lasers enter
on the west edge, fibres leave on the east edge), the receiver block under it with its fibre
inputs continuing the same fibre array on the east edge, a die outline on FLOORPLAN and labels on
TEXT. The interface's numbers (lanes, wavelengths, multiplexer groups, fibre pitch) come from
:mod:`lightlane.circuits.standards` only.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import gdsfactory as gf

from lightlane.circuits.fibre_io import COUPLINGS
from lightlane.circuits.packages import get_package
from lightlane.circuits.receiver import rx_block
from lightlane.circuits.standards import Standard, get_standard
from lightlane.circuits.transmitter import MODULATORS, tx_block
from lightlane.pdk.layers import LAYER

__all__ = ["SIDES", "EngineOptions", "build_engine", "engine", "engine_options"]

SIDES = ("tx", "rx", "trx")
DIE_MARGIN = 100.0
"""Clearance in um between the circuit and the die outline where no coupler sits on the edge."""
BLOCK_GAP = 150.0
"""Space in um between the transmitter and receiver blocks."""


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
    package: str = "dsp"


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
    package: str = "dsp",
) -> EngineOptions:
    """Validate an engine request (raises ``ValueError`` naming the bad option and the choices).

    ``standard`` is a name from the standards table or a Standard object (for custom lane
    counts, e.g. ``dataclasses.replace(get_standard("1.6T-DR8"), ...)``).
    """
    std = get_standard(standard) if isinstance(standard, str) else standard
    modulator = get_package(package).modulator if modulator is None else modulator
    _choose("side", side, SIDES)
    _choose("coupling", coupling, tuple(COUPLINGS))
    _choose("modulator", modulator, tuple(MODULATORS))
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
        package=package,
    )


def engine(
    standard: Any = "1.6T-DR8",
    side: str = "trx",
    coupling: str = "edge",
    modulator: str | None = None,
    fibre_pitch: float | None = None,
    package: str = "dsp",
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
        package: "dsp" (retimed pluggable), "lpo" (linear pluggable) or "cpo" (co-packaged).
    """
    return build_engine(engine_options(standard, side, coupling, modulator, fibre_pitch, package))


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
    )


@gf.cell
def _engine(
    standard: str,
    side: str,
    coupling: str,
    modulator: str,
    fibre_pitch: float,
    wavelengths: tuple[float, ...],
    groups: int,
) -> gf.Component:
    c = gf.Component()
    lanes_info: list[dict[str, Any]] = [
        {"lane": k + 1, "wavelength_nm": round(w * 1000, 3)} for k, w in enumerate(wavelengths)
    ]
    blocks = []
    if side in ("tx", "trx"):
        tx = c.add_ref(
            tx_block(
                wavelengths=wavelengths,
                groups=groups,
                coupling=coupling,
                modulator=modulator,
                fibre_pitch=fibre_pitch,
            ),
            name="tx",
        )
        blocks.append(tx)
        _expose(c, tx, ("laser", "tx"))
    if side in ("rx", "trx"):
        block = rx_block(
            wavelengths=wavelengths, groups=groups, coupling=coupling, fibre_pitch=fibre_pitch
        )
        rx = c.add_ref(block, name="rx")
        for lane, pds in zip(lanes_info, block.info["detectors"], strict=True):
            lane["detectors"] = [f"rx/{name}" for name in pds]
        rx.drotate(180)  # built with its fibres to the west; they face east on the die
        if blocks:
            _below(blocks[0], rx, fibre_pitch)
        blocks.append(rx)
        _expose(c, rx, ("rx",))
    _lane_ports(c, lanes_info, groups, side)
    _die_frame(c, standard, side, coupling)
    c.info["standard"] = standard
    c.info["side"] = side
    c.info["coupling"] = coupling
    c.info["modulator"] = MODULATORS[modulator][0]
    c.info["fibre_pitch"] = fibre_pitch
    c.info["lanes"] = lanes_info
    return c


def _expose(c: gf.Component, ref: Any, prefixes: tuple[str, ...]) -> None:
    """Expose a block's chip-edge ports: laser1, tx1, rx1 (and rx1y, a 2-D grating's Y)."""
    pattern = re.compile(rf"({'|'.join(prefixes)})\d+y?")
    for port in ref.ports:
        if pattern.fullmatch(port.name):
            c.add_port(port.name, port=port)


def _below(tx: Any, rx: Any, fibre_pitch: float) -> None:
    """Put ``rx`` under ``tx`` with its fibres continuing the transmit fibre array."""
    last_tx = min(p.center[1] for p in tx.ports if p.name.startswith("tx"))
    first_rx = max(p.center[1] for p in rx.ports if p.name.startswith("rx"))
    east_tx = max(p.center[0] for p in tx.ports if p.name.startswith("tx"))
    east_rx = max(p.center[0] for p in rx.ports if p.name.startswith("rx"))
    rx.dmove((east_tx - east_rx, 0))
    # The receiver's top may sit above its first fibre: lower it by whole fibre pitches.
    overlap = rx.dbbox().top - (tx.dbbox().bottom - BLOCK_GAP)
    offset = first_rx - last_tx + fibre_pitch
    steps = max(math.ceil((overlap - offset + fibre_pitch) / fibre_pitch - 1e-9), 0)
    rx.dmove((0, last_tx - fibre_pitch * (1 + steps) - first_rx))


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


def _die_frame(c: gf.Component, standard: str, side: str, coupling: str) -> None:
    """FLOORPLAN outline: facets on the die edge for edge couplers, a margin elsewhere."""
    box = c.dbbox()
    left, right = box.left - DIE_MARGIN, box.right + DIE_MARGIN
    if coupling == "edge":
        facets = [p.center[0] for p in c.ports]
        right = max(facets)
        if any(p.name.startswith("laser") for p in c.ports):
            left = min(facets)
    bottom, top = box.bottom - DIE_MARGIN, box.top + DIE_MARGIN
    c.add_polygon([(left, bottom), (right, bottom), (right, top), (left, top)], LAYER.FLOORPLAN)
    c.add_label(
        f"lightlane {standard} {side} ({coupling})",
        position=(left + DIE_MARGIN / 2, top - DIE_MARGIN / 2),
        layer=LAYER.TEXT,
    )
    for port in c.ports:
        c.add_label(port.name, position=port.center, layer=LAYER.TEXT)
    c.info["die_um"] = (round(right - left, 3), round(top - bottom, 3))
