"""Metal routing pieces under gdsfactory's names: the square wire corner and the wire straight.

gdsfactory's electrical routers (``route_bundle_electrical``, ``route_single_electrical``) turn
metal lines with ``wire_corner`` and run them with ``wire_straight``; a PDK provides both.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import cell, cross_section_with_width, require_choice, variant
from lightlane.components.waveguides import straight
from lightlane.pdk.guides import guide

__all__ = ["wire_corner", "wire_straight"]


@cell
def wire_corner(
    cross_section: Any = "metal_routing",
    port_names: tuple[str, str] = ("e1", "e2"),
    port_types: tuple[str, str] = ("electrical", "electrical"),
    width: float | None = None,
    radius: float | None = None,
) -> gf.Component:
    """A 90 degree corner of a metal line: a square of the line's width.

    ::

            e2
           ___
          |   |
        e1|___|

    Args:
        cross_section: a metal (or heater, implant) line's cross-section, no silicon guide.
        port_names: names of the west and north ports.
        port_types: ``electrical`` (or ``optical``) for each.
        width: line width in um; None takes the cross-section's.
        radius: gdsfactory's, unused: a wire corner is square.
    """
    del radius  # a square corner has no radius; gdsfactory's routers pass one
    xs = cross_section_with_width(cross_section, width)
    if guide(xs).kind != "wire":
        raise ValueError(
            f"cross_section={getattr(cross_section, 'name', cross_section)!r} is an optical "
            "guide: a wire corner turns metal lines; use bend_euler for waveguides"
        )
    for k, kind in enumerate(port_types):
        require_choice(f"port_types[{k}]", kind, ("electrical", "optical"))
    a = xs.width / 2
    layer = xs.layer
    c = gf.Component()
    c.add_polygon([(-a, -a), (a, -a), (a, a), (-a, a)], layer=layer)
    for name, kind, center, orientation in zip(
        port_names, port_types, ((-a, 0), (0, a)), (180, 90), strict=True
    ):
        c.add_port(
            name,
            center=center,
            width=xs.width,
            orientation=orientation,
            layer=layer,
            port_type=kind,
        )
    c.info["length"] = float(xs.width)
    c.info["dy"] = float(xs.width)
    c.info["width"] = float(xs.width)
    return c


wire_straight = variant(
    straight,
    __name__,
    "gdsfactory's metal straight: :func:`straight` on the top-metal routing line.",
    cross_section="metal_routing",
)
