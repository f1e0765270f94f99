"""The edge coupler: an inverse-taper spot-size converter at the chip facet."""

from __future__ import annotations

import gdsfactory as gf

from lightlane.components._checks import (
    cross_section_with_width,
    device_cell,
    require_length,
    require_positive,
)
from lightlane.components.waveguides import taper
from lightlane.pdk.rules import RULES

__all__ = ["edge_coupler"]


@device_cell
def edge_coupler(
    length: float = 200.0,
    tip_width: float = 0.18,
    width: float | None = None,
    cross_section: str = "strip",
) -> gf.Component:
    """An inverse-taper spot-size converter: the core narrows to a tip at the chip facet.

    ::

        o1 =====-----_____  o2 (facet, fibre)
           width          tip_width

    The narrow tip pushes the mode into the cladding, where it grows to match a 3-4 um
    mode-field fibre (Almeida et al., Opt. Lett. 28(15), 1302, 2003).
    o2 is the facet: the chip is diced or etched through the tip end.

    Args:
        length: taper length in um, on the grid, up to the die size.
        tip_width: core width at the facet in um (>= WG minimum width).
        width: core width at o1 in um; None takes the cross-section's width.
        cross_section: cross-section name.
    """
    require_length("length", length)
    require_positive("tip_width", tip_width)
    xs = cross_section_with_width(cross_section, None if width is None else width)
    RULES.require_width("tip_width", tip_width, "WG")
    if tip_width >= xs.width:
        raise ValueError(
            f"tip_width={tip_width:g} um must be narrower than the waveguide width {xs.width:g} um"
        )
    core = taper(length=length, width1=xs.width, width2=tip_width, cross_section=cross_section)
    c = gf.Component()
    ref = c << core
    c.add_port("o1", port=ref.ports["o1"])
    c.add_port("o2", port=ref.ports["o2"])
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    c.info["tip_width"] = float(tip_width)
    return c
