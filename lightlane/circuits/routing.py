"""Waveguide routing for the engines: S-bend bundles that keep their order and never cross.

Every route is made of PDK cells (``straight``, ``bend_s``), so the layout's netlist simulates
with the PDK's own models and the connectivity check sees ordinary port-to-port joins.

A bundle routes ports that face east at one x to ports that face west at a larger x. All its
S-bends share one length and start together, so two neighbours' separation moves linearly from
their start spacing to their end spacing: if both are legal, every point between is too.
"""

from __future__ import annotations

from collections.abc import Sequence

import gdsfactory as gf
import numpy as np

from lightlane.components.transitions import bend_s, terminator_taper
from lightlane.components.waveguides import straight
from lightlane.pdk.rules import RULES
from lightlane.physics.geometry import sbend_min_radius

__all__ = ["ROUTING_RADIUS", "bundle_length", "route_bundle_sbend", "route_straight", "terminate"]

ROUTING_RADIUS = 25.0
"""Smallest radius of curvature in um the engines route with: well above every radius rule, so
the bends radiate nothing measurable (the bend models' 0.005 dB per 90 degrees)."""


def _on_grid(value: float) -> float:
    return round(round(value / RULES.grid) * RULES.grid, 3)


def _shortest_dx(dy: float, radius: float) -> float:
    """Shortest dx on a 1 um step whose raised-sine S-bend of offset ``dy`` keeps ``radius``."""
    if abs(dy) < RULES.grid:
        return 0.0
    dx = np.ceil(np.sqrt(2 * np.pi * abs(dy) * radius))  # the raised sine's curvature bound
    while sbend_min_radius(dx, dy) < radius:
        dx += 1.0
    return float(dx)


def bundle_length(dys: Sequence[float], radius: float = ROUTING_RADIUS) -> float:
    """The x extent in um an S-bend bundle needs for lateral offsets ``dys`` (um)."""
    return max((_shortest_dx(dy, radius) for dy in dys), default=0.0)


def route_straight(c: gf.Component, port: gf.Port, length: float, cross_section: str) -> gf.Port:
    """A straight of ``length`` um attached to ``port``; returns the new free port."""
    ref = c << straight(length=_on_grid(length), cross_section=cross_section)
    ref.connect("o1", port)
    return ref.ports["o2"]


def terminate(c: gf.Component, ports: Sequence[gf.Port], cross_section: str = "strip") -> None:
    """A PDK terminator on each of ``ports`` (unused outputs such as a filter's drop ports)."""
    cell = terminator_taper(cross_section=cross_section)
    for port in ports:
        ref = c << cell
        ref.connect("o1", port)


def route_bundle_sbend(
    c: gf.Component,
    starts: Sequence[gf.Port],
    ends: Sequence[gf.Port],
    cross_section: str = "strip",
    radius: float = ROUTING_RADIUS,
) -> float:
    """Join ``starts[k]`` (facing east) to ``ends[k]`` (facing west) with S-bends and straights.

    Starts are first brought to a common x with straights, then every route gets an S-bend of
    the same length ending at the ends' common x. Returns the longest route length in um.

    Raises:
        ValueError: unequal counts, ports facing the wrong way, ends not aligned in x, routes
            that would cross (orders differ), or ends too close for the bends' radius.
    """
    if len(starts) != len(ends):
        raise ValueError(f"route_bundle_sbend: {len(starts)} starts but {len(ends)} ends")
    if not starts:
        return 0.0
    for p in starts:
        if round(p.orientation) % 360 != 0:
            raise ValueError(f"start port {p.name} faces {p.orientation:g} deg, expected 0 (east)")
    for p in ends:
        if round(p.orientation) % 360 != 180:
            raise ValueError(f"end port {p.name} faces {p.orientation:g} deg, expected 180 (west)")
    x_end = ends[0].center[0]
    if any(abs(p.center[0] - x_end) > RULES.grid for p in ends):
        raise ValueError("route_bundle_sbend: the end ports must share one x")
    order_start = np.argsort([p.center[1] for p in starts], kind="stable")
    order_end = np.argsort([p.center[1] for p in ends], kind="stable")
    if not np.array_equal(order_start, order_end):
        raise ValueError("route_bundle_sbend: the routes would cross (start and end orders differ)")
    x_start = max(p.center[0] for p in starts)
    dys = [_on_grid(e.center[1] - s.center[1]) for s, e in zip(starts, ends, strict=True)]
    dx = bundle_length(dys, radius)
    room = x_end - x_start
    if room < dx - 1e-6:
        raise ValueError(
            f"route_bundle_sbend: the ends are {room:.3f} um past the starts, the S-bends need "
            f"{dx:g} um at radius {radius:g} um (rule minimum {RULES.min_radius(cross_section):g})"
        )
    longest = 0.0
    for s, dy in zip(starts, dys, strict=True):
        port, length = s, 0.0
        lead = _on_grid(x_end - s.center[0] - (dx if abs(dy) >= RULES.grid else 0.0))
        if lead > RULES.grid:
            port = route_straight(c, port, lead, cross_section)
            length += lead
        if abs(dy) >= RULES.grid:
            ref = c << bend_s(size=(dx, dy), cross_section=cross_section)
            ref.connect("o1", port)
            length += float(ref.cell.info["length"])
        longest = max(longest, length)
    return longest
