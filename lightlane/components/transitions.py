"""Transition cells: S-bend, adiabatic taper, strip-to-rib converter, crossing, terminator.

Like the waveguide cells, every cell takes a cross-section by name, validates its parameters
against the rule table before drawing, and stores in ``info`` what its model needs.
"""

from __future__ import annotations

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import Transition

from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    require_on_grid,
    require_positive,
    require_taper_angle,
)
from lightlane.components.waveguides import straight, taper
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.geometry import (
    sbend_min_radius,
    sbend_offset,
    shortest_sbend,
    taper_adiabatic_width,
)

__all__ = ["bend_s", "crossing", "strip_to_rib", "taper_adiabatic", "terminator"]

_S_BEND_POINTS = 201
_TAPER_POINTS = 101


@gf.cell
def bend_s(
    dx: float = 20.0, dy: float = 4.0, width: float | None = None, cross_section: str = "strip"
) -> gf.Component:
    """A raised-sine S-bend: the curvature is zero at both ends, like an Euler bend's.

    ::

                        ___ o2
                      /      ^
                     /       | dy
        o1 ______ /          v
           <---- dx ---->

    ``y(x) = dy (x/dx - sin(2 pi x/dx) / (2 pi))``; the smallest radius of curvature (near
    x = dx/4) must respect the cross-section's minimum radius rule.

    Args:
        dx: length along the axis in um, on the grid.
        dy: lateral offset in um, on the grid, not 0 (positive shifts left of the direction).
        width: core width in um; None takes the cross-section's width.
        cross_section: cross-section name.
    """
    require_positive("dx", dx)
    require_on_grid("dx", dx)
    require_on_grid("dy", dy)
    if dy == 0:
        raise ValueError("dy=0 um makes no S-bend; use straight for a zero offset")
    xs = cross_section_with_width(cross_section, width)
    min_radius = sbend_min_radius(dx, dy)
    rule = RULES.find("radius", cross_section)
    if rule is not None and min_radius < rule.value - 1e-6:
        shortest = shortest_sbend(dy, rule.value, RULES.grid)
        raise ValueError(
            f"dx={dx:g} um with dy={dy:g} um gives a smallest radius of curvature of "
            f"{min_radius:.3f} um, below the minimum {rule.value:g} um of cross-section "
            f"{cross_section!r} (rule {rule.id}); use dx >= {shortest:.3f}"
        )
    x = np.linspace(0, dx, _S_BEND_POINTS)
    path = gf.Path(np.column_stack([x, sbend_offset(x, dx, dy)]))
    path.start_angle = path.end_angle = 0.0  # the exact end slopes, not the first chord's
    c = gf.path.extrude(path, cross_section=xs)
    c.info["length"] = float(np.round(path.length(), 6))
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    c.info["width"] = float(xs.width)
    return c


@gf.cell
def taper_adiabatic(
    length: float = 20.0, width1: float = 0.4, width2: float = 2.0, cross_section: str = "strip"
) -> gf.Component:
    """A taper of constant adiabaticity: ``w(z)^2`` is linear in ``z`` (a parabolic taper).

    ::

                 ____---- o2
        o1 ___---
        width1            width2

    The steepest half-angle is at the narrow end, ``atan((w2^2 - w1^2) / (4 L w_min))``; it may not
    exceed ``TECH.max_taper_half_angle`` (8 deg). For the same angle budget this taper is shorter
    than a linear one because it opens out where the wide mode tolerates it (Love et al.,
    IEE Proc. J 138(5), 343, 1991).

    Args:
        length: taper length in um.
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        cross_section: cross-section name.
    """
    require_positive("length", length)
    require_on_grid("length", length)
    RULES.require_width("width1", width1, "WG")
    RULES.require_width("width2", width2, "WG")
    spread = abs(width2**2 - width1**2) / (4 * min(width1, width2))
    half_angle = float(np.degrees(np.arctan(spread / length)))
    limit = np.tan(np.radians(TECH.max_taper_half_angle))
    require_taper_angle("length", length, width1, width2, half_angle, spread / limit)
    transition = Transition(
        cross_section1=get_cross_section(cross_section, width=width1),
        cross_section2=get_cross_section(cross_section, width=width2),
        width_type=taper_adiabatic_width,
    )
    path = gf.path.straight(length=length, npoints=_TAPER_POINTS)
    c = gf.path.extrude_transition(path, transition=transition)
    c.info["length"] = float(length)
    c.info["width1"] = float(width1)
    c.info["width2"] = float(width2)
    c.info["max_half_angle"] = float(np.round(half_angle, 4))
    return c


@device_cell
def strip_to_rib(
    length: float = 30.0, width: float = 0.4, slab_width: float = 6.0, tip_width: float = 0.4
) -> gf.Component:
    """Strip-to-rib converter: the core runs straight while a 90 nm slab opens beside it.

    ::

        o1 ====================== o2     core (WG), width kept
                   ___-----''''''        slab (SLAB90): tip_width -> slab_width
             tip <'

    Args:
        length: length in um of the slab taper (and of the core); the slab's half-angle may not
            exceed ``TECH.max_taper_half_angle`` (8 deg).
        width: core width in um, the same on both sides.
        slab_width: slab width in um at o2 (the rib cross-section's slab).
        tip_width: slab width in um at o1; at least the SLAB90 minimum width (rule SLAB90.W.1).
    """
    get_cross_section("rib", width=width, slab_width=slab_width)  # validates the rib at o2
    RULES.require_width("tip_width", tip_width, "SLAB90")
    if tip_width > slab_width:
        raise ValueError(f"tip_width={tip_width:g} um must not exceed slab_width={slab_width:g} um")
    slab = taper(length=length, width1=tip_width, width2=slab_width, cross_section="slab")
    core = straight(length=length, width=width, cross_section="strip")
    c = gf.Component()
    core_ref = c << core
    c << slab
    c.add_port("o1", port=core_ref.ports["o1"])
    c.add_port("o2", port=core_ref.ports["o2"])
    c.info["length"] = float(length)
    c.info["width"] = float(width)
    c.info["slab_width"] = float(slab_width)
    return c


@device_cell
def crossing(
    arm_length: float = 5.0,
    width_centre: float = 1.2,
    width: float | None = None,
    cross_section: str = "strip",
) -> gf.Component:
    """A four-port crossing of two tapered multimode arms (self-imaging crossing).

    ::

                 o2
                 |
            o1 --+-- o3
                 |
                 o4

    Each arm widens linearly from the waveguide width to ``width_centre`` over ``arm_length``, so
    the mode expands and refocuses through the intersection and little light scatters into the
    crossing arms (Bogaerts et al., Opt. Lett. 32(19), 2801,
    2007). Through paths: o1-o3 and o2-o4.

    Args:
        arm_length: length in um of each arm, from a port to the centre; the arm's half-angle may
            not exceed ``TECH.max_taper_half_angle`` (8 deg).
        width_centre: core width in um at the centre, wider than ``width``.
        width: core width in um at the ports; None takes the cross-section's width.
        cross_section: cross-section name.
    """
    xs = cross_section_with_width(cross_section, width)
    RULES.require_width("width_centre", width_centre, "WG")
    if width_centre <= xs.width:
        raise ValueError(
            f"width_centre={width_centre:g} um must exceed the port width {xs.width:g} um"
        )
    arm = taper(
        length=arm_length, width1=xs.width, width2=width_centre, cross_section=cross_section
    )
    c = gf.Component()
    for n, angle in enumerate((0, 270, 180, 90), start=1):
        ref = c << arm
        ref.dmove((-arm_length, 0))
        ref.drotate(angle)
        c.add_port(f"o{n}", port=ref.ports["o1"])
    c.info["arm_length"] = float(arm_length)
    c.info["width"] = float(xs.width)
    c.info["width_centre"] = float(width_centre)
    return c


@device_cell
def terminator(
    length: float = 20.0,
    width: float | None = None,
    doped: bool = False,
    cross_section: str = "strip",
) -> gf.Component:
    """A reflection-free termination: the core tapers to the minimum width and ends.

    ::

        o1 =====---___  (tip at the WG minimum width)
                [NPP]   optional N++ absorber over the narrow half

    The tip mode spreads into the cladding and radiates away instead of reflecting. With
    ``doped``, an N++ implant covers the narrow half of the taper and absorbs by free carriers.

    Args:
        length: taper length in um (half-angle at most ``TECH.max_taper_half_angle``, 8 deg).
        width: core width in um at o1; None takes the cross-section's width.
        doped: add the N++ absorber.
        cross_section: cross-section name.
    """
    xs = cross_section_with_width(cross_section, width)
    tip_width = RULES.min_width("WG")
    tip = taper(length=length, width1=xs.width, width2=tip_width, cross_section=cross_section)
    c = gf.Component()
    ref = c << tip
    c.add_port("o1", port=ref.ports["o1"])
    if doped:
        npp = RULES.min_width("NPP")
        half = 2 * npp
        c.add_polygon(
            [(length / 2, -half), (length + npp, -half), (length + npp, half), (length / 2, half)],
            layer=LAYER.NPP,
        )
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    c.info["tip_width"] = float(tip_width)
    return c
