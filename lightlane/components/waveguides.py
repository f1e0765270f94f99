"""Waveguide cells: straight, Euler bend and linear taper, with gdsfactory's parameters.

Every cell takes a cross-section spec (a name, a ``CrossSection``, a factory or a dict), reads
its width, layer and minimum radius from it, and validates its parameters against the rule
table before drawing anything. The parameters are gdsfactory's (``gf.components.straight``,
``bend_euler``, ``taper``), so gdsfactory's own cells and routers draw with these.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import numpy as np
from gdsfactory.cross_section import CrossSection, Transition

from lightlane.components._checks import (
    DIE,
    cell,
    cross_section_with_width,
    require_bend_radius,
    require_bend_sampling,
    require_choice,
    require_count,
    require_flag,
    require_length,
    require_number,
    require_taper_angle,
    shortest_piece,
    variant,
)
from lightlane.pdk.rules import RULES

__all__ = ["bend_euler", "bend_euler180", "straight", "taper"]

_MAX_POINTS = 100_000  # points of a drawn curve: beyond, the polygon outgrows the 8190 of GDSII


def _extruded_piece(length: float, xs: CrossSection, npoints: int) -> gf.Component:
    """``length`` um of ``xs`` with its ports ``length`` apart.

    A piece shorter than the shortest clean one (a 0.1 um straight between two bends of a
    gdsfactory MZI) is drawn that long, centred on its ports: the overhang lies inside the
    waveguides it joins, so in a path the merged shapes are exact, and on its own the piece
    breaks no width or area rule. ``info["overlap"]`` records the overhang at each end.
    """
    shortest, _, _ = shortest_piece(xs)
    overlap = max(0.0, round((shortest - length) / 2 / RULES.grid + 0.4999) * RULES.grid)
    if overlap == 0:
        return gf.path.extrude(gf.path.straight(length=length, npoints=npoints), cross_section=xs)
    drawn = gf.path.extrude(gf.path.straight(length=length + 2 * overlap), cross_section=xs)
    c = gf.Component()
    ref = c << drawn
    ref.dmovex(-overlap)
    for port in ref.ports:
        c.add_port(
            port.name,
            center=(0.0 if port.orientation == 180 else length, port.center[1]),
            width=port.width,
            orientation=port.orientation,
            layer=port.layer,
            port_type=port.port_type,
        )
    c.flatten()
    drawn.delete()
    c.info["overlap"] = float(overlap)
    return c


@cell
def straight(
    length: float = 10.0,
    npoints: int = 2,
    cross_section: Any = "strip",
    width: float | None = None,
) -> gf.Component:
    """A straight waveguide (or metal line, for an electrical cross-section).

    ::

        o1 ──────────── o2
           <- length ->

    Args:
        length: length in um, on the grid, in [0, 33000] (the die). A piece shorter than the
            minimum width of a layer of the cross-section overhangs its ports
            (``info["overlap"]``) so that it is clean on its own and exact inside a path.
        npoints: points along the path (gdsfactory's), 2 to 100,000.
        cross_section: cross-section spec (``strip``, ``strip_c``, ``rib``, a ``CrossSection``...).
        width: main width in um; None takes the cross-section's.
    """
    require_length("length", length, open_low=False)
    require_count("npoints", npoints, 2, _MAX_POINTS)
    xs = cross_section_with_width(cross_section, width)
    c = _extruded_piece(length, xs, int(npoints))
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    return c


def _bend_checks(
    radius: float, angle: float, p: float, npoints: int | None, angular_step: float | None
) -> None:
    require_number("radius", radius, 0.0, DIE / 4, open_low=True)
    require_bend_sampling(angle, npoints, angular_step)
    require_number("p", p, 0.0, 1.0, "", open_low=True)


@cell
def bend_euler(
    radius: float | None = None,
    angle: float = 90.0,
    p: float = 0.5,
    with_arc_floorplan: bool = True,
    npoints: int | None = None,
    angular_step: float | None = None,
    layer: Any = None,
    width: float | None = None,
    cross_section: Any = "strip",
    allow_min_radius_violation: bool = False,
) -> gf.Component:
    """An Euler bend: curvature ramps linearly, so the mode is not kicked at the ends.

    ::

                  o2
                  |
                 /
        o1 ____/

    Args:
        radius: radius in um (up to a quarter of the die); None takes the cross-section's
            routing radius. With ``with_arc_floorplan`` it is the effective radius (the bend's
            footprint), otherwise the smallest radius of curvature; either way the smallest
            radius of curvature must respect the cross-section's minimum radius rule.
        angle: bend angle in degrees, in [-180, 180], not 0 (positive turns left).
        p: fraction of the bend that is Euler (clothoid), in (0, 1]; the rest is circular.
        with_arc_floorplan: ``radius`` is the effective radius (True) or the minimum (False).
        npoints: points per 360 degrees (None: gdsfactory's default spacing), 3 to 100,000.
        angular_step: angle step in degrees (0, 10] instead of ``npoints``.
        layer: main layer (None: the cross-section's).
        width: main width in um; None takes the cross-section's width.
        cross_section: cross-section spec.
        allow_min_radius_violation: gdsfactory's switch; this process refuses a bend below its
            minimum radius either way.
    """
    require_flag("with_arc_floorplan", with_arc_floorplan)
    xs = cross_section_with_width(cross_section, width, layer)
    radius = xs.radius if radius is None else radius
    _bend_checks(radius, angle, p, npoints, angular_step)
    path = gf.path.euler(
        radius=radius,
        angle=angle,
        p=p,
        use_eff=with_arc_floorplan,
        npoints=npoints,
        angular_step=angular_step,
    )
    min_radius = float(path.info["Rmin"])
    limit = min_radius if min_radius > 0 else radius
    suggestion = radius * max(1.0, (xs.radius_min or 0) / limit)
    require_bend_radius(
        "radius", radius, min_radius, xs, suggestion + 0.005, allow_min_radius_violation
    )
    c = gf.path.extrude(path, cross_section=xs)
    c.info["length"] = float(np.round(path.length(), 6))
    c.info["dy"] = float(np.round(abs(path.points[0][0] - path.points[-1][0]), 6))
    c.info["radius"] = float(radius)
    c.info["min_bend_radius"] = float(np.round(min_radius, 6))
    c.info["width"] = float(xs.width)
    return c


bend_euler180 = variant(
    bend_euler, __name__, "gdsfactory's U-turn: :func:`bend_euler` of 180 degrees.", angle=180.0
)


def _taper_widths(
    width1: float, width2: float | None, port: Any, xs: CrossSection
) -> tuple[float, float]:
    if port is not None:
        width1 = float(port.width)
    width2 = width1 if width2 is None else width2
    for name, value in (("width1", width1), ("width2", width2)):
        require_number(name, value, 0.0, DIE, open_low=True)
        RULES.require_width(name, value, getattr(xs.layer, "name", str(xs.layer)))
    return width1, width2


@cell
def taper(
    length: float = 10.0,
    width1: float = 0.4,
    width2: float | None = 0.8,
    layer: Any = None,
    port: Any = None,
    with_two_ports: bool = True,
    cross_section: Any = "strip",
    port_names: tuple[str, str] = ("o1", "o2"),
    port_types: tuple[str, str] = ("optical", "optical"),
    with_bbox: bool = True,
) -> gf.Component:
    """A linear taper of the core width; other sections of the cross-section (slab) are kept.

    ::

               _____
        o1 ___/     \\ ... o2
        width1        width2

    Args:
        length: taper length in um, on the grid, up to the die size; the half-angle may not
            exceed ``TECH.max_taper_half_angle`` (8 deg).
        width1: core width at o1 in um.
        width2: core width at o2 in um; None keeps ``width1``.
        layer: main layer (None: the cross-section's).
        port: a port whose width sets ``width1`` (gdsfactory's).
        with_two_ports: False keeps only the first port.
        cross_section: cross-section spec.
        port_names: names of the two ports.
        port_types: ``optical`` or ``electrical`` for each port.
        with_bbox: draw the cross-section's bounding-box layers, if it has any.
    """
    require_length("length", length)
    for name in ("with_two_ports", "with_bbox"):
        require_flag(name, locals()[name])
    for k, kind in enumerate(port_types):
        require_choice(f"port_types[{k}]", kind, ("optical", "electrical"))
    xs = cross_section_with_width(cross_section, None, layer)
    width1, width2 = _taper_widths(width1, width2, port, xs)
    require_taper_angle("length", length, width1, width2)
    xs1, xs2 = (xs.copy(width=w) for w in (width1, width2))
    shortest, rule, what = shortest_piece(xs1)
    if length < shortest - 1e-9:
        raise ValueError(
            f"length={length:g} um is below the minimum {what} of {shortest:.3f} um "
            f"(rule {rule.id}); use length >= {shortest:.3f}"
        )
    transition = Transition(cross_section1=xs1, cross_section2=xs2, width_type="linear")
    c = gf.path.extrude_transition(gf.path.straight(length=length), transition=transition)
    if with_bbox and xs.bbox_layers:
        xs1.add_bbox(c)
    _rename_ports(c, port_names, port_types, with_two_ports)
    c.info["length"] = float(length)
    c.info["width1"] = float(width1)
    c.info["width2"] = float(width2)
    return c


def _rename_ports(
    c: gf.Component, names: tuple[str, str], types: tuple[str, str], both: bool
) -> None:
    """Give the two ports of an extruded piece ``names`` and ``types`` (only the first unless
    ``both``), keeping their place and orientation."""
    ports = list(c.ports)
    c.ports.clear()
    for port, name, kind in list(zip(ports, names, types, strict=True))[: 2 if both else 1]:
        c.add_port(
            name,
            center=port.center,
            width=port.width,
            orientation=port.orientation,
            layer=port.layer,
            port_type=kind,
        )
