"""Polarisation splitter-rotator: a bi-level taper (TM0 -> TE1) and an asymmetric coupler (TE1 ->
TE0 of a narrow arm), after Dai & Bowers, Opt. Express 19, 10940 (2011) and the oxide-clad
bi-level version of Sacher et al., Opt. Express 22, 3777 (2014).

The 90 nm slab (SLAB90) beside the widening core breaks the vertical symmetry of the oxide-clad
strip, so TM0 and TE1 hybridise and an adiabatic taper carries the fibre's TM0 into the bus's
TE1; the fibre's TE0 stays TE0. In the asymmetric directional coupler the bus TE1 is phase
matched to the TE0 of a 400 nm arm (a TE1 of width W sees about the lateral confinement of a
TE0 of width W/2, hence the ~0.84 um bus) and crosses into it; the bus TE0 is mismatched and
stays. The arm starts at a 150 nm tip (no reflection) and leaves by a raised-sine S-bend.
"""

from __future__ import annotations

import gdsfactory as gf

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    device_cell,
    require_number,
    require_on_grid,
    require_positive,
)
from lightlane.components.couplers import require_gap
from lightlane.components.transitions import bend_s
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layers import LAYER
from lightlane.pdk.rules import RULES

__all__ = ["polarization_splitter_rotator_bilevel"]

_TIP_LENGTH = 10.0  # um: the arm's taper from the minimum width, a reflection-free start
_SBEND = (20.0, 3.0)  # um (dx, dy) of the arm's exit S-bend: 21 um smallest radius
_SLAB_WIDTH = 1.6  # um: widest point of the bi-level slab (half way along the taper)


@device_cell
def polarization_splitter_rotator_bilevel(
    taper_length: float = 40.0,
    coupling_length: float = 30.0,
    gap: float = 0.2,
    bus_width: float = 0.84,
) -> gf.Component:
    """O-band polarisation splitter-rotator for a TE-only chip (fibre TE -> o2, TM -> TE at o3).

    ::

                                          ___________ o3  (fibre TM, as TE0)
                          tip ___________/
        o1 ===bi-level taper=====bus============\\____ o2  (fibre TE, as TE0)
           <-taper_length-><-10-><-coupling_len-><-20->

    Args:
        taper_length: length in um of the bi-level taper (core 0.4 um -> bus_width, slab out
            to 1.6 um and back).
        coupling_length: length in um of the straight coupling section of the 400 nm arm.
        gap: bus-to-arm gap in um (>= WG space, on a 2 nm step).
        bus_width: bus width in um (supports TE1; on a 2 nm step, 0.6-1.2 um).
    """
    core = get_cross_section("strip").width
    for name, value in (("taper_length", taper_length), ("coupling_length", coupling_length)):
        require_positive(name, value, high=1000.0)
        require_on_grid(name, value)
    require_gap("gap", gap)
    require_number("bus_width", bus_width, 0.0, 5.0)
    RULES.require_even_width("bus_width", bus_width)
    if not 0.6 <= bus_width <= 1.2:
        raise ValueError(
            f"bus_width={bus_width:g} um must be in [0.6, 1.2]: it must guide TE1 (> 0.6) and "
            "not TE2 (< 1.2) at 1260-1360 nm"
        )
    # TM0 -> TE1 through the hybrid region is adiabatic only if slow (Sacher 2014: tens of um).
    RULES.require_at_least(
        "taper_length", taper_length, None, "adiabatic bi-level taper length", minimum=20.0
    )

    c = gf.Component()
    taper = c << wg.taper(length=taper_length, width1=core, width2=bus_width)
    c.add_port("o1", port=taper.ports["o1"])
    half = taper_length / 2
    c.add_polygon(
        [
            (0, -core / 2),
            (half, -_SLAB_WIDTH / 2),
            (taper_length, -bus_width / 2),
            (taper_length, bus_width / 2),
            (half, _SLAB_WIDTH / 2),
            (0, core / 2),
        ],
        layer=LAYER.SLAB90,
    )
    bus = c << wg.straight(length=_TIP_LENGTH + coupling_length, width=bus_width)
    bus.connect("o1", taper.ports["o2"])
    out = c << wg.taper(length=_SBEND[0], width1=bus_width, width2=core)
    out.connect("o1", bus.ports["o2"])
    c.add_port("o2", port=out.ports["o2"])

    y_arm = bus_width / 2 + gap + core / 2
    tip = c << wg.taper(length=_TIP_LENGTH, width1=RULES.min_width("WG"), width2=core)
    tip.dmove((taper_length, y_arm))
    arm = c << wg.straight(length=coupling_length)
    arm.connect("o1", tip.ports["o2"])
    exit_bend = c << bend_s(size=(_SBEND[0], _SBEND[1]))
    exit_bend.connect("o1", arm.ports["o2"])
    c.add_port("o3", port=exit_bend.ports["o2"])

    c.info["width"] = float(core)
    c.info["length"] = float(taper_length + _TIP_LENGTH + coupling_length + _SBEND[0])
    return c
