"""Ring cells: their circular bend, the ring-bus coupler, all-pass and add-drop rings.

A ring is a racetrack in general: circular arcs of ``radius`` joined by straights of ``length_x``
(along the bus) and ``length_y`` (the sides); ``length_x = length_y = 0`` is a circle.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf

from lightlane.components import waveguides as wg
from lightlane.components._checks import (
    DIE,
    cell,
    device_cell,
    require_bend_radius,
    require_bend_sampling,
    require_number,
)
from lightlane.components.couplers import require_gap, require_section, strip_cross_section
from lightlane.pdk.rules import RULES

__all__ = ["bend_circular", "coupler_ring", "ring_double", "ring_single"]


_RADIUS_MAX = 1000.0  # um: a ring larger than this has an FSR below 0.1 nm, no filter at all


def _ring_radius(radius: float | None, xs: Any, allow_violation: bool = False) -> float:
    """The radius in um (None: the cross-section's routing radius), refused off its limits."""
    radius = xs.radius if radius is None else radius
    require_number("radius", radius, 0.0, _RADIUS_MAX, open_low=True)
    require_bend_radius("radius", radius, radius, xs, xs.radius_min or radius, allow_violation)
    require_section("radius", radius)
    return radius


@cell
def bend_circular(
    radius: float | None = 10.0,
    angle: float = 90.0,
    npoints: int | None = None,
    angular_step: float | None = None,
    layer: Any = None,
    width: float | None = None,
    cross_section: Any = "strip",
    allow_min_radius_violation: bool = False,
) -> gf.Component:
    """A circular arc (constant curvature, as rings need for a clean round-trip length).

    ::

                  o2
                  |
                 /
        o1 ____/

    Args:
        radius: radius in um (>= the cross-section's minimum radius, <= 1 mm), on the grid;
            None takes the cross-section's routing radius.
        angle: bend angle in degrees, in [-180, 180], not 0 (positive turns left).
        npoints: points per 360 degrees (None: gdsfactory's spacing), 3 to 100,000.
        angular_step: angle step in degrees, (0, 10], instead of ``npoints``.
        layer: core layer (None: the cross-section's).
        width: core width in um; None takes the cross-section's.
        cross_section: a strip (``strip`` or ``strip_c``).
        allow_min_radius_violation: gdsfactory's switch; this process refuses a bend below its
            minimum radius either way.
    """
    xs = strip_cross_section(cross_section, width)
    if layer is not None:
        xs = strip_cross_section(xs.copy(layer=layer))
    radius = _ring_radius(radius, xs, allow_min_radius_violation)
    require_bend_sampling(angle, npoints, angular_step)
    arc = gf.path.arc(radius=radius, angle=angle, npoints=npoints, angular_step=angular_step)
    c = gf.path.extrude(arc, cross_section=xs)
    c.info["length"] = float(round(radius * math.radians(abs(angle)), 6))
    c.info["dy"] = float(round(abs(arc.points[0][0] - arc.points[-1][0]), 6))
    c.info["radius"] = float(radius)
    c.info["width"] = float(xs.width)
    return c


def _bend(bend: Any, radius: float, cross_section: Any) -> gf.Component:
    """A 90 degree arc of the ring: ``bend`` called with gdsfactory's radius/angle/xs."""
    return gf.get_component(bend, radius=radius, angle=90.0, cross_section=cross_section)


def _straight(straight: Any, length: float, cross_section: Any) -> gf.Component:
    return gf.get_component(straight, length=length, cross_section=cross_section)


@device_cell
def coupler_ring(
    gap: float = 0.2,
    radius: float | None = 5.0,
    length_x: float = 0.0,
    bend: Any = bend_circular,
    straight: Any = wg.straight,
    cross_section: Any = "strip",
    cross_section_bend: Any = None,
    length_extension: float | None = None,
) -> gf.Component:
    """Ring-bus coupler: a straight bus under half a racetrack, ``gap`` apart.

    ::

           o2             o3
            |             |
             \\__________/
         ____________________  gap
        o1                   o4

    Args:
        gap: edge-to-edge gap in um between bus and ring (>= WG space, on a 2 nm step, <= 5).
        radius: arc radius in um (<= 1 mm); None takes the cross-section's routing radius.
        length_x: straight ring section along the bus in um (0: a circle's lower half).
        bend: the 90 degree arc cell (gdsfactory's spec; circular by default: the ring models
            assume constant curvature).
        straight: the straight cell of the bus and of ``length_x``.
        cross_section: a strip (``strip`` or ``strip_c``).
        cross_section_bend: the arcs' cross-section; None takes ``cross_section``. A heater
            cross-section (``strip_heater_metal``) gives the coupler the arcs' heater ports
            e1-e4, named as gdsfactory's coupler_ring names them.
        length_extension: extra bus in um at each end beyond the ring's outer edge (0 to the
            die size); None adds none.
    """
    xs = strip_cross_section(cross_section)
    require_gap("gap", gap)
    radius = _ring_radius(radius, xs)
    require_section("length_x", length_x)
    extension = 0.0 if length_extension is None else length_extension
    require_number("length_extension", extension, 0.0, DIE)
    require_section("length_extension", extension)
    # The racetrack is centred on x = 0: an odd length_x would put its ends off the grid.
    RULES.require_even_width("length_x", length_x)
    bend_xs = cross_section if cross_section_bend is None else cross_section_bend
    strip_cross_section(bend_xs)

    arc = _bend(bend, radius, bend_xs)
    bus = _straight(straight, 2 * radius + length_x + 2 * extension, cross_section)
    c = gf.Component()
    bus_ref = c << bus
    bus_ref.dmove((-radius - length_x / 2 - extension, 0))
    y0 = gap + xs.width
    right = c << arc
    right.dmove((length_x / 2, y0))
    left = c << arc
    left.dmirror_x()
    left.dmove((-length_x / 2, y0))
    if length_x:
        middle = c << _straight(straight, length_x, cross_section)
        middle.dmove((-length_x / 2, y0))
    c.add_port("o1", port=bus_ref.ports["o1"])
    c.add_port("o2", port=left.ports["o2"])
    c.add_port("o3", port=right.ports["o2"])
    c.add_port("o4", port=bus_ref.ports["o2"])
    _forward_heater_ports(c, left, right)
    c.info["width"] = float(xs.width)
    c.info["length_bus"] = float(bus.info["length"])
    c.info["length_ring"] = float(round(2 * arc.info["length"] + length_x, 6))
    c.info["radius"] = float(radius)
    return c


def _forward_heater_ports(c: gf.Component, left: Any, right: Any) -> None:
    """Give ``c`` the arcs' electrical ports (a heater cross-section's ``e1``/``e2``), named as
    gdsfactory's coupler_ring names them: e1 the right arc's inner end, e2 and e3 the left and
    right tops, e4 the left arc's inner end (what ring_double_heater connects its heater to)."""
    names = [p.name for p in right.ports if p.port_type == "electrical"]
    if not names:
        return
    inner, top = names[0], names[-1]
    c.add_port("e1", port=right.ports[inner])
    c.add_port("e2", port=left.ports[top])
    c.add_port("e3", port=right.ports[top])
    c.add_port("e4", port=left.ports[inner])


def _ring_side(component: gf.Component, port: gf.Port, straight: gf.Component | None) -> gf.Port:
    """Add the side ``straight`` on ``port`` (none when None); return the open end."""
    if straight is None:
        return port
    side = component << straight
    side.connect("o1", port)
    return side.ports["o2"]


def _ring_top(
    component: gf.Component, port: gf.Port, arc: gf.Component, top: gf.Component | None
) -> gf.Port:
    """Close the upper half of the racetrack from ``port`` (right side, facing up)."""
    first = component << arc
    first.connect("o1", port)
    end = first.ports["o2"]
    if top is not None:
        straight = component << top
        straight.connect("o1", end)
        end = straight.ports["o2"]
    second = component << arc
    second.connect("o1", end)
    return second.ports["o2"]


def _require_closed(end: gf.Port, start: gf.Port) -> None:
    gap = math.dist(end.center, start.center)
    if gap > 2 * RULES.grid:
        raise RuntimeError(f"ring does not close: {gap:.4f} um between its ends")


def _validate_ring(gap: float, radius: float | None, length_x, length_y, cross_section) -> float:
    """Refuse bad ring parameters before drawing; return the radius in um."""
    xs = strip_cross_section(cross_section)
    require_gap("gap", gap)
    radius = _ring_radius(radius, xs)
    require_section("length_x", length_x)
    require_section("length_y", length_y)
    return radius


def _optional(straight: Any, length: float, cross_section: Any) -> gf.Component | None:
    return _straight(straight, length, cross_section) if length else None


@cell
def ring_single(
    gap: float = 0.2,
    radius: float | None = 5.0,
    length_x: float = 0.0,
    length_y: float = 0.0,
    bend: Any = bend_circular,
    straight: Any = wg.straight,
    coupler_ring: Any = coupler_ring,
    cross_section: Any = "strip",
    length_extension: float | None = None,
) -> gf.Component:
    """All-pass ring (racetrack) on one bus.

    ::

             ___________
            /  length_x \\
           |             | length_y
            \\___________/
         ______________________  gap
        o1                     o2

    Args:
        gap: bus-ring gap in um.
        radius: arc radius in um; None takes the cross-section's routing radius.
        length_x: straight sections along the bus in um (top and bottom).
        length_y: straight sides in um.
        bend: the 90 degree arc cell (circular by default).
        straight: the straight cell.
        coupler_ring: the ring-bus coupler cell (gdsfactory's spec).
        cross_section: a strip (``strip`` or ``strip_c``).
        length_extension: extra bus in um at each end of the coupler.
    """
    radius = _validate_ring(gap, radius, length_x, length_y, cross_section)
    coupler = gf.get_component(
        coupler_ring,
        gap=gap,
        radius=radius,
        length_x=length_x,
        bend=bend,
        straight=straight,
        cross_section=cross_section,
        length_extension=length_extension,
    )
    side = _optional(straight, length_y, cross_section)
    c = gf.Component()
    bottom = c << coupler
    right = _ring_side(c, bottom.ports["o3"], side)
    left = _ring_side(c, bottom.ports["o2"], side)
    arc = _bend(bend, radius, cross_section)
    _require_closed(_ring_top(c, right, arc, _optional(straight, length_x, cross_section)), left)
    c.add_port("o1", port=bottom.ports["o1"])
    c.add_port("o2", port=bottom.ports["o4"])
    _ring_info(c, coupler, length_y)
    return c


def _ring_info(c: gf.Component, coupler: gf.Component, length_y: float) -> None:
    """What the ring models need: the coupler's lengths and the rest of the round trip."""
    c.info["width"] = coupler.info["width"]
    c.info["length_bus"] = coupler.info["length_bus"]
    c.info["length_ring"] = coupler.info["length_ring"]
    c.info["length_side"] = float(length_y)
    # Two ring halves (the upper mirrors the coupler's) and two sides: the models' sum.
    c.info["length"] = float(round(2 * coupler.info["length_ring"] + 2 * length_y, 6))


@cell
def ring_double(
    gap: float = 0.2,
    gap_top: float | None = None,
    gap_bot: float | None = None,
    radius: float | None = 5.0,
    length_x: float = 0.0,
    length_y: float = 0.0,
    bend: Any = bend_circular,
    straight: Any = wg.straight,
    coupler_ring: Any = coupler_ring,
    coupler_ring_top: Any = None,
    cross_section: Any = "strip",
    length_extension: float | None = None,
) -> gf.Component:
    """Add-drop ring (racetrack) between two buses.

    ::

        o4 ____________________ o3
                               gap_top
            /‾‾‾‾‾‾‾‾‾‾‾‾‾\\
           |               | length_y
            \\_____________/
         ______________________  gap
        o1                     o2

    Light in o1 leaves at o2 (through) and o4 (drop); o3 adds to o2.

    Args:
        gap: bus-ring gap in um (both, unless ``gap_top`` / ``gap_bot`` are given).
        gap_top: upper bus-ring gap in um; None takes ``gap``.
        gap_bot: lower bus-ring gap in um; None takes ``gap``.
        radius: arc radius in um; None takes the cross-section's routing radius.
        length_x: straight sections along the buses in um.
        length_y: straight sides in um.
        bend: the 90 degree arc cell (circular by default).
        straight: the straight cell.
        coupler_ring: the lower ring-bus coupler cell.
        coupler_ring_top: the upper one; None takes ``coupler_ring``.
        cross_section: a strip (``strip`` or ``strip_c``).
        length_extension: extra bus in um at each end of the couplers.
    """
    gap_top = gap if gap_top is None else gap_top
    gap_bot = gap if gap_bot is None else gap_bot
    radius = _validate_ring(gap_bot, radius, length_x, length_y, cross_section)
    require_gap("gap_top", gap_top)
    common = {
        "radius": radius,
        "length_x": length_x,
        "bend": bend,
        "straight": straight,
        "cross_section": cross_section,
        "length_extension": length_extension,
    }
    lower = gf.get_component(coupler_ring, gap=gap_bot, **common)
    upper = gf.get_component(coupler_ring_top or coupler_ring, gap=gap_top, **common)
    side = _optional(straight, length_y, cross_section)
    c = gf.Component()
    bottom = c << lower
    right = _ring_side(c, bottom.ports["o3"], side)
    left = _ring_side(c, bottom.ports["o2"], side)
    top = c << upper
    top.connect("o2", right)
    _require_closed(top.ports["o3"], left)
    for name, port in zip(
        ("o1", "o2", "o3", "o4"),
        (bottom.ports["o1"], bottom.ports["o4"], top.ports["o1"], top.ports["o4"]),
        strict=True,
    ):
        c.add_port(name, port=port)
    _ring_info(c, lower, length_y)
    c.info["gap_top"] = float(gap_top)
    return c
