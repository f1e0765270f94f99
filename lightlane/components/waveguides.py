"""Waveguide cells: straight, Euler bend and linear taper.

Every cell takes a cross-section by name, reads its width, layer and minimum radius from it, and
validates its parameters against the rule table before drawing anything.
"""

from __future__ import annotations

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import Transition

from lightlane.components._checks import (
    cross_section_with_width,
    require_length_above_widths,
    require_on_grid,
    require_positive,
    require_taper_angle,
)
from lightlane.pdk.cross_sections import get_cross_section
from lightlane.pdk.rules import RULES

__all__ = ["bend_euler", "straight", "taper"]


@gf.cell
def straight(
    length: float = 10.0, width: float | None = None, cross_section: str = "strip"
) -> gf.Component:
    """A straight waveguide.

    ::

        o1 ──────────── o2
           <- length ->

    Args:
        length: length in um, on the grid, at least the minimum width of every layer of the
            cross-section (a shorter piece would be a width violation along its axis).
        width: core width in um; None takes the cross-section's width.
        cross_section: cross-section name (``strip``, ``strip_c``, ``rib``, ...).
    """
    require_on_grid("length", length)
    xs = cross_section_with_width(cross_section, width)
    require_length_above_widths("length", length, xs)
    c = gf.path.extrude(gf.path.straight(length=length), cross_section=xs)
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    return c


@gf.cell
def bend_euler(
    radius: float | None = None,
    angle: float = 90.0,
    p: float = 0.5,
    width: float | None = None,
    cross_section: str = "strip",
) -> gf.Component:
    """An Euler bend: curvature ramps linearly, so the mode is not kicked at the ends.

    ::

                  o2
                  |
                 /
        o1 ____/

    Args:
        radius: effective radius in um (the bend's footprint); None takes the cross-section's
            routing radius. The smallest radius of curvature along the bend must respect the
            cross-section's minimum radius rule.
        angle: bend angle in degrees, in [-180, 180], not 0 (positive turns left).
        p: fraction of the bend that is Euler (clothoid), in (0, 1]; the rest is circular.
        width: core width in um; None takes the cross-section's width.
        cross_section: cross-section name.
    """
    xs = cross_section_with_width(cross_section, width)
    radius = xs.radius if radius is None else radius
    require_positive("radius", radius)
    if not (-180 <= angle <= 180) or angle == 0:
        raise ValueError(f"angle={angle:g} deg must be in [-180, 180] and not 0")
    if not 0 < p <= 1:
        raise ValueError(f"p={p:g} must be in (0, 1]")
    path = gf.path.euler(radius=radius, angle=angle, p=p, use_eff=True)
    min_radius = float(path.info["Rmin"])
    rule = RULES.find("radius", cross_section)
    if rule is not None and min_radius < rule.value - 1e-6:
        raise ValueError(
            f"radius={radius:g} um with p={p:g} gives a smallest radius of curvature of "
            f"{min_radius:.3f} um, below the minimum {rule.value:g} um of cross-section "
            f"{cross_section!r} (rule {rule.id}); "
            f"use radius >= {radius * rule.value / min_radius:.2f}"
        )
    c = gf.path.extrude(path, cross_section=xs)
    c.info["length"] = float(np.round(path.length(), 6))
    c.info["radius"] = float(radius)
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    c.info["width"] = float(xs.width)
    return c


@gf.cell
def taper(
    length: float = 10.0,
    width1: float = 0.4,
    width2: float = 0.8,
    cross_section: str = "strip",
) -> gf.Component:
    """A linear taper of the core width; other sections of the cross-section (slab) are kept.

    ::

               _____
        o1 ___/     \\ ... o2
        width1        width2

    Args:
        length: taper length in um; the half-angle may not exceed
            ``TECH.max_taper_half_angle`` (8 deg).
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        cross_section: cross-section name.
    """
    require_positive("length", length)
    require_on_grid("length", length)
    RULES.require_width("width1", width1, "WG")
    RULES.require_width("width2", width2, "WG")
    require_taper_angle("length", length, width1, width2)
    xs1 = get_cross_section(cross_section, width=width1)
    xs2 = get_cross_section(cross_section, width=width2)
    require_length_above_widths("length", length, xs1)
    transition = Transition(cross_section1=xs1, cross_section2=xs2, width_type="linear")
    c = gf.path.extrude_transition(gf.path.straight(length=length), transition=transition)
    c.info["length"] = float(length)
    c.info["width1"] = float(width1)
    c.info["width2"] = float(width2)
    return c
