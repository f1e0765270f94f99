"""Fibre arrays: fibre couplers at a V-groove array pitch, the two outer ones a loopback."""

from __future__ import annotations

from typing import Literal

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    require_choice,
    require_count,
    require_number,
)
from lightlane.components.delays import manhattan_path
from lightlane.components.edge_couplers import edge_coupler
from lightlane.components.gratings import grating_coupler
from lightlane.components.transitions import crossing
from lightlane.components.waveguides import bend_euler, straight
from lightlane.pdk.process import TECH

__all__ = ["fibre_array"]


def _geometry(component: gf.Component) -> dict:
    return {**dict(component.settings), **dict(component.info)}


def _grating_loopback(length: float, pitch: float, n: int, radius: float) -> gf.Path:
    """Loopback from the first to the last grating's o1, around the back of the gratings.

    The gratings face east at x = 0 with their fans to the west; the loop turns south under the
    first, runs up the west side and comes back over the last, so the inner gratings' waveguides
    leave eastward unobstructed.
    """
    lead, depth = radius + 2, 2 * radius + 2
    west = -(length + radius + 5)
    top = (n - 1) * pitch
    points = [
        (0, 0), (lead, 0), (lead, -depth), (west, -depth),
        (west, top + depth), (lead, top + depth), (lead, top), (0, top),
    ]  # fmt: skip
    return manhattan_path(points, radius)


@device_cell
def fibre_array(
    n: int = 4,
    pitch: float = 127.0,
    coupler: Literal["grating", "edge"] = "grating",
    wavelength: float = TECH.wavelength,
    cross_section: str = "strip",
) -> gf.Component:
    """``n`` fibre couplers at a fibre-array pitch; the two outer ones joined as a loopback.

    ::

        grating:                        edge (facet at x = 0):
          [GC)=== loop round the back     <|=====   loop ==+
          [GC)--- o1                      <|===== ---------X--- o1 (crossing)
          [GC)--- o2                      <|===== ---------X--- o2
          [GC)=== (loop)                  <|===== =========+

    The loopback aligns the array: light in at one outer fibre comes out at the other. Grating
    arrays loop round the back of the gratings; an edge array cannot (the facet is there), so
    its loop runs east of the couplers and the inner channels cross it through ``crossing``.
    Ports: o1..o(n-2) are the inner channels' waveguides, then one fibre port per coupler from
    the first to the last (vertical for gratings, at the facet for edge couplers).

    Args:
        n: number of couplers, >= 2 and <= 64 (``TECH.fibre_count_max``).
        pitch: coupler pitch in um, one of ``TECH.fibre_pitches`` (127 or 250 um arrays).
        coupler: ``grating`` (grating_coupler) or ``edge`` (edge_coupler).
        wavelength: design wavelength of the grating couplers in um, 1.2 to 1.7.
        cross_section: cross-section of the waveguides.
    """
    require_count("n", n, 2, TECH.fibre_count_max, "two make the loopback; arrays end at 64")
    require_choice("pitch", pitch, TECH.fibre_pitches)
    require_choice("coupler", coupler, ("grating", "edge"))
    require_number("wavelength", wavelength, 1.2, 1.7)
    xs = cross_section_with_width(cross_section, None)
    radius = xs.radius
    if coupler == "grating":
        return _grating_array(n, pitch, wavelength, cross_section, radius)
    return _edge_array(n, pitch, cross_section, radius)


def _grating_array(n: int, pitch: float, wavelength: float, cross_section: str, radius: float):
    gc = grating_coupler(wavelength=wavelength, cross_section=cross_section)
    length = round(-gc.dbbox().left + gc.dbbox().right, 3)
    path = _grating_loopback(length, pitch, n, radius)
    loop = gf.path.extrude(path, cross_section=cross_section_with_width(cross_section, None))
    c = gf.Component()
    refs = []
    for k in range(n):
        ref = c << gc
        ref.drotate(180)
        ref.dmove((0, k * pitch))
        refs.append(ref)
    c.absorb(c << loop)
    names = [f"o{i}" for i in range(1, 2 * n - 1)]
    for name, ref in zip(names, refs[1:-1], strict=False):
        c.add_port(name, port=ref.ports["o1"])
    fibre = names[n - 2 :]
    for name, ref in zip(fibre, refs, strict=True):
        c.add_port(name, port=ref.ports["o2"])
    c.info["loopback_length"] = float(np.round(path.length(), 6))
    c.info["channel_length"] = 0.0
    c.info["vertical_ports"] = fibre
    c.info["coupler_geometry"] = _geometry(gc)
    c.info["crossing_geometry"] = None
    c.info["width"] = float(gc.info["width"])
    return c


def _edge_array(n: int, pitch: float, cross_section: str, radius: float):
    ec = edge_coupler(cross_section=cross_section)
    x_ec = ec.info["length"]
    cross = crossing(cross_section=cross_section)
    arm = cross.info["arm_length"]
    lead = radius  # straight from a coupler to the loop's bend, so the crossings' arms fit
    x_loop = x_ec + lead + radius
    top = (n - 1) * pitch
    c = gf.Component()

    def place(component, x: float, y: float, angle: float = 0):
        ref = c << component
        ref.drotate(angle)
        ref.dmove((x, y))
        return ref

    couplers = [place(ec, x_ec, k * pitch, 180) for k in range(n)]
    place(straight(length=lead, cross_section=cross_section), x_ec, 0)
    place(straight(length=lead, cross_section=cross_section), x_ec, top)
    place(bend_euler(radius=radius, cross_section=cross_section), x_ec + lead, 0)
    place(bend_euler(radius=radius, cross_section=cross_section), x_loop, top - radius, 90)
    rises = [radius, *[k * pitch + arm for k in range(1, n - 1)]]
    ends = [*[k * pitch - arm for k in range(1, n - 1)], top - radius]
    vertical = 0.0
    for y0, y1 in zip(rises, ends, strict=True):
        place(straight(length=round(y1 - y0, 3), cross_section=cross_section), x_loop, y0, 90)
        vertical += y1 - y0
    feed = straight(length=round(lead + radius - arm, 3), cross_section=cross_section)
    names = [f"o{i}" for i in range(1, 2 * n - 1)]
    for name, k in zip(names, range(1, n - 1), strict=False):
        place(feed, x_ec, k * pitch)
        c.add_port(name, port=place(cross, x_loop, k * pitch).ports["o3"])
    for name, ref in zip(names[n - 2 :], couplers, strict=True):
        c.add_port(name, port=ref.ports["o2"])
    bend_length = bend_euler(radius=radius, cross_section=cross_section).info["length"]
    c.info["loopback_length"] = float(np.round(2 * lead + 2 * bend_length + vertical, 6))
    c.info["channel_length"] = float(feed.info["length"])
    c.info["vertical_ports"] = []
    c.info["coupler_geometry"] = _geometry(ec)
    c.info["crossing_geometry"] = _geometry(cross)
    c.info["width"] = float(ec.info["width"])
    return c
