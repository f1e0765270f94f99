"""Ring cells: their circular bend, the ring-bus coupler, all-pass and add-drop rings.

A ring is a racetrack in general: circular arcs of ``radius`` joined by straights of ``length_x``
(along the bus) and ``length_y`` (the sides); ``length_x = length_y = 0`` is a circle.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.components import waveguides as wg
from lightlane.components._checks import device_cell
from lightlane.components.couplers import require_gap, require_section, strip_cross_section
from lightlane.pdk.rules import RULES

__all__ = ["bend_circular", "coupler_ring", "ring_double", "ring_single"]


def _require_radius(radius: float, cross_section: str) -> None:
    RULES.require_radius("radius", radius, cross_section)
    require_section("radius", radius)


@gf.cell
def bend_circular(
    radius: float = 10.0, angle: float = 90.0, cross_section: str = "strip"
) -> gf.Component:
    """A circular arc (constant curvature, as rings need for a clean round-trip length).

    ::

                  o2
                  |
                 /
        o1 ____/

    Args:
        radius: radius in um (>= the cross-section's minimum radius), on the grid.
        angle: bend angle in degrees, in [-180, 180], not 0 (positive turns left).
        cross_section: ``strip`` or ``strip_c``.
    """
    xs = strip_cross_section(cross_section)
    _require_radius(radius, cross_section)
    if not (-180 <= angle <= 180) or angle == 0:
        raise ValueError(f"angle={angle:g} deg must be in [-180, 180] and not 0")
    c = gf.path.extrude(gf.path.arc(radius=radius, angle=angle), cross_section=xs)
    c.info["length"] = float(round(radius * math.radians(abs(angle)), 6))
    c.info["width"] = float(xs.width)
    return c


@device_cell
def coupler_ring(
    gap: float = 0.2,
    radius: float = 5.0,
    length_x: float = 0.0,
    cross_section: str = "strip",
) -> gf.Component:
    """Ring-bus coupler: a straight bus under half a racetrack, ``gap`` apart.

    ::

           o2             o3
            |             |
             \\__________/
         ____________________  gap
        o1                   o4

    Args:
        gap: edge-to-edge gap in um between bus and ring (>= WG space, on a 2 nm step).
        radius: arc radius in um.
        length_x: straight ring section along the bus in um (0: a circle's lower half).
        cross_section: ``strip`` or ``strip_c``.
    """
    xs = strip_cross_section(cross_section)
    require_gap("gap", gap)
    _require_radius(radius, cross_section)
    require_section("length_x", length_x)
    # The racetrack is centred on x = 0: an odd length_x would put its ends off the grid.
    RULES.require_even_width("length_x", length_x)

    arc = bend_circular(radius=radius, angle=90.0, cross_section=cross_section)
    bus = wg.straight(length=2 * radius + length_x, cross_section=cross_section)
    c = gf.Component()
    bus_ref = c << bus
    bus_ref.dmove((-radius - length_x / 2, 0))
    y0 = gap + xs.width
    right = c << arc
    right.dmove((length_x / 2, y0))
    left = c << arc
    left.dmirror_x()
    left.dmove((-length_x / 2, y0))
    if length_x:
        middle = c << wg.straight(length=length_x, cross_section=cross_section)
        middle.dmove((-length_x / 2, y0))
    c.add_port("o1", port=bus_ref.ports["o1"])
    c.add_port("o2", port=left.ports["o2"])
    c.add_port("o3", port=right.ports["o2"])
    c.add_port("o4", port=bus_ref.ports["o2"])
    c.info["width"] = float(xs.width)
    c.info["length_bus"] = float(bus.info["length"])
    c.info["length_ring"] = float(round(2 * arc.info["length"] + length_x, 6))
    return c


def _ring_side(
    component: gf.Component, port: gf.Port, length_y: float, cross_section: str
) -> gf.Port:
    """Add a side straight of ``length_y`` on ``port`` (none when 0); return the open end."""
    if not length_y:
        return port
    side = component << wg.straight(length=length_y, cross_section=cross_section)
    side.connect("o1", port)
    return side.ports["o2"]


def _ring_top(
    component: gf.Component, port: gf.Port, radius: float, length_x: float, cross_section: str
) -> gf.Port:
    """Close the upper half of the racetrack from ``port`` (right side, facing up)."""
    arc = bend_circular(radius=radius, angle=90.0, cross_section=cross_section)
    first = component << arc
    first.connect("o1", port)
    end = first.ports["o2"]
    if length_x:
        top = component << wg.straight(length=length_x, cross_section=cross_section)
        top.connect("o1", end)
        end = top.ports["o2"]
    second = component << arc
    second.connect("o1", end)
    return second.ports["o2"]


def _require_closed(end: gf.Port, start: gf.Port) -> None:
    gap = math.dist(end.center, start.center)
    if gap > 2 * RULES.grid:
        raise RuntimeError(f"ring does not close: {gap:.4f} um between its ends")


def _validate_ring(
    gap: float, radius: float, length_x: float, length_y: float, cross_section: str
) -> None:
    strip_cross_section(cross_section)
    require_gap("gap", gap)
    _require_radius(radius, cross_section)
    require_section("length_x", length_x)
    require_section("length_y", length_y)


@gf.cell
def ring_single(
    gap: float = 0.2,
    radius: float = 5.0,
    length_x: float = 0.0,
    length_y: float = 0.0,
    cross_section: str = "strip",
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
        radius: arc radius in um.
        length_x: straight sections along the bus in um (top and bottom).
        length_y: straight sides in um.
        cross_section: ``strip`` or ``strip_c``.
    """
    _validate_ring(gap, radius, length_x, length_y, cross_section)
    coupler = coupler_ring(gap=gap, radius=radius, length_x=length_x, cross_section=cross_section)
    c = gf.Component()
    bottom = c << coupler
    right = _ring_side(c, bottom.ports["o3"], length_y, cross_section)
    left = _ring_side(c, bottom.ports["o2"], length_y, cross_section)
    _require_closed(_ring_top(c, right, radius, length_x, cross_section), left)
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


@gf.cell
def ring_double(
    gap: float = 0.2,
    gap_top: float | None = None,
    radius: float = 5.0,
    length_x: float = 0.0,
    length_y: float = 0.0,
    cross_section: str = "strip",
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
        gap: lower bus-ring gap in um.
        gap_top: upper bus-ring gap in um; None takes ``gap``.
        radius: arc radius in um.
        length_x: straight sections along the buses in um.
        length_y: straight sides in um.
        cross_section: ``strip`` or ``strip_c``.
    """
    gap_top = gap if gap_top is None else gap_top
    _validate_ring(gap, radius, length_x, length_y, cross_section)
    require_gap("gap_top", gap_top)
    lower = coupler_ring(gap=gap, radius=radius, length_x=length_x, cross_section=cross_section)
    upper = coupler_ring(gap=gap_top, radius=radius, length_x=length_x, cross_section=cross_section)
    c = gf.Component()
    bottom = c << lower
    right = _ring_side(c, bottom.ports["o3"], length_y, cross_section)
    left = _ring_side(c, bottom.ports["o2"], length_y, cross_section)
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
