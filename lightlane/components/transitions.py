"""Transition cells: S-bend, adiabatic taper, strip-to-rib converter, crossing, terminator_taper.

Like the waveguide cells, every cell takes a cross-section by name, validates its parameters
against the rule table before drawing, and stores in ``info`` what its model needs.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import Transition

from lightlane.components._checks import (
    bend_rule,
    cell,
    cross_section_with_width,
    device_cell,
    layer_of,
    require_bend_radius,
    require_choice,
    require_count,
    require_flag,
    require_length,
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

__all__ = [
    "bend_s",
    "crossing",
    "strip_to_rib",
    "taper_constant_adiabaticity",
    "taper_strip_to_ridge",
    "terminator_taper",
]

_S_BEND_POINTS = 201
_TAPER_POINTS = 101


@cell
def bend_s(
    size: tuple[float, float] = (20.0, 4.0),
    npoints: int = _S_BEND_POINTS,
    cross_section: Any = "strip",
    allow_min_radius_violation: bool = False,
    width: float | None = None,
) -> gf.Component:
    """A raised-sine S-bend: the curvature is zero at both ends, like an Euler bend's.

    ::

                        ___ o2
                      /      ^
                     /       | dy
        o1 ______ /          v
           <---- dx ---->

    ``y(x) = dy (x/dx - sin(2 pi x/dx) / (2 pi))`` for ``size = (dx, dy)``; the smallest radius
    of curvature (near x = dx/4) must respect the cross-section's minimum radius rule.

    Args:
        size: (dx, dy) in um: length along the axis (> 0) and lateral offset (not 0; positive
            shifts left of the direction), both on the grid, up to the die size.
        npoints: points along the bend, 3 to 100,000.
        cross_section: cross-section spec.
        allow_min_radius_violation: gdsfactory's switch; a bend below the process minimum
            radius is refused either way.
        width: core width in um; None takes the cross-section's width.
    """
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise ValueError(f"size={size!r} must be (dx, dy) in um")
    dx, dy = size
    require_length("size[0] (dx)", dx)
    require_on_grid("size[1] (dy)", dy)
    if dy == 0:
        raise ValueError("size[1] (dy)=0 um makes no S-bend; use straight for a zero offset")
    require_count("npoints", npoints, 3, 100_000)
    xs = cross_section_with_width(cross_section, width)
    min_radius = sbend_min_radius(dx, dy)
    limit, _ = bend_rule(xs)
    shortest = shortest_sbend(dy, limit, RULES.grid) if limit else dx
    require_bend_radius("size[0] (dx)", dx, min_radius, xs, shortest, allow_min_radius_violation)
    x = np.linspace(0, dx, int(npoints))
    path = gf.Path(np.column_stack([x, sbend_offset(x, dx, dy)]))
    path.start_angle = path.end_angle = 0.0  # the exact end slopes, not the first chord's
    c = gf.path.extrude(path, cross_section=xs)
    c.info["length"] = float(np.round(path.length(), 6))
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    c.info["width"] = float(xs.width)
    return c


@cell
def taper_constant_adiabaticity(
    length: float = 20.0, width1: float = 0.4, width2: float = 2.0, cross_section: Any = "strip"
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
        length: taper length in um, on the grid, up to the die size.
        width1: core width at o1 in um (up to the die size).
        width2: core width at o2 in um (up to the die size).
        cross_section: cross-section spec.
    """
    require_length("length", length)
    for name, value in (("width1", width1), ("width2", width2)):
        require_positive(name, value)
        RULES.require_width(name, value, "WG")
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
    require_length("length", length)
    for name, value in (("width", width), ("slab_width", slab_width), ("tip_width", tip_width)):
        require_positive(name, value)
    get_cross_section("rib", width=width, slab_width=slab_width)  # validates the rib at o2
    RULES.require_width("tip_width", tip_width, "SLAB90")
    if tip_width > slab_width:
        raise ValueError(f"tip_width={tip_width:g} um must not exceed slab_width={slab_width:g} um")
    slab = taper(length=length, width1=tip_width, width2=slab_width, cross_section="slab")
    core = straight(length=length, width=width, cross_section="strip")
    c = _core_on_slab(core, slab)
    c.info["length"] = float(length)
    c.info["width"] = float(width)
    c.info["slab_width"] = float(slab_width)
    return c


def _core_on_slab(core: gf.Component, slab: gf.Component, slab_port: bool = False):
    """The ``core`` piece over the ``slab`` taper; ports o1 of the core and o2 of the core (of
    the slab with ``slab_port``)."""
    c = gf.Component()
    core_ref = c << core
    slab_ref = c << slab
    c.add_port("o1", port=core_ref.ports["o1"])
    c.add_port("o2", port=(slab_ref if slab_port else core_ref).ports["o2"])
    return c


@device_cell
def taper_strip_to_ridge(
    length: float = 30.0,
    width1: float = 0.4,
    width2: float = 0.4,
    w_slab1: float = 0.3,
    w_slab2: float = 6.0,
    layer_wg: Any = "WG",
    layer_slab: Any = "SLAB90",
    cross_section: Any = "strip",
    use_slab_port: bool = False,
    slab_port_layer: Any = None,
) -> gf.Component:
    """gdsfactory's strip-to-ridge taper: a core ``width1 -> width2`` over a slab opening
    ``w_slab1 -> w_slab2`` (:func:`strip_to_rib` with a tapering core).

    ::

        o1 =====----- o2     core (layer_wg): width1 -> width2
             ___---~~~~      slab (layer_slab): w_slab1 -> w_slab2

    Args:
        length: taper length in um, up to the die size; neither taper may be steeper than
            ``TECH.max_taper_half_angle`` (8 deg).
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        w_slab1: slab width at o1 in um (>= rule SLAB90.W.1).
        w_slab2: slab width at o2 in um.
        layer_wg: core layer (WG).
        layer_slab: slab layer (SLAB90 or SLAB150).
        cross_section: cross-section spec of the core at o1 (a strip).
        use_slab_port: put o2 on the slab's end instead of the core's.
        slab_port_layer: gdsfactory's layer for o2: the slab's (as ``use_slab_port``) or the
            core's.
    """
    require_length("length", length)
    require_flag("use_slab_port", use_slab_port)
    for name, value in (("width1", width1), ("width2", width2), ("w_slab1", w_slab1),
                        ("w_slab2", w_slab2)):  # fmt: skip
        require_positive(name, value)
    slab_layer = layer_of("layer_slab", layer_slab)
    require_choice("layer_slab", slab_layer.name, ("SLAB90", "SLAB150"))
    core_layer = layer_of("layer_wg", layer_wg)
    if slab_port_layer is not None:
        port_layer = layer_of("slab_port_layer", slab_port_layer)
        require_choice("slab_port_layer", port_layer.name, (slab_layer.name, core_layer.name))
        use_slab_port = use_slab_port or port_layer == slab_layer
    core = taper(length=length, width1=width1, width2=width2, layer=core_layer,
                 cross_section=cross_section)  # fmt: skip
    slab = taper(length=length, width1=w_slab1, width2=w_slab2, cross_section="slab",
                 layer=slab_layer)  # fmt: skip
    c = _core_on_slab(core, slab, use_slab_port)
    c.info["length"] = float(length)
    c.info["width1"] = float(width1)
    c.info["width2"] = float(width2)
    c.info["slab_width"] = float(w_slab2)
    return c


@device_cell
def crossing(
    arm_length: float = 5.0,
    width_centre: float = 1.2,
    width: float | None = None,
    cross_section: Any = "strip",
    arm: Any = None,
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
        cross_section: cross-section spec.
        arm: gdsfactory's arm spec: a cell with ports o1 (outer end) and o2 (centre) drawn four
            times instead of the linear taper (then ``arm_length`` is read from it).
    """
    xs = cross_section_with_width(cross_section, width)
    if arm is None:
        require_length("arm_length", arm_length)
        require_positive("width_centre", width_centre)
        RULES.require_width("width_centre", width_centre, "WG")
        if width_centre <= xs.width:
            raise ValueError(
                f"width_centre={width_centre:g} um must exceed the port width {xs.width:g} um"
            )
        arm = taper(
            length=arm_length, width1=xs.width, width2=width_centre, cross_section=cross_section
        )
    else:
        arm = gf.get_component(arm)
        arm_length = round(abs(arm.ports["o2"].center[0] - arm.ports["o1"].center[0]), 3)
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
def terminator_taper(
    length: float = 20.0,
    width: float | None = None,
    doped: bool = False,
    cross_section: Any = "strip",
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
        cross_section: cross-section spec.
    """
    require_length("length", length)
    require_flag("doped", doped)
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
