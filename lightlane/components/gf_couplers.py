"""gdsfactory's straight coupler (``coupler_straight``): two parallel strips ``gap`` apart.

gdsfactory's broadband and ring couplers ask the PDK for it by name. The cross-section is a strip
the coupled-mode calibration covers (:func:`lightlane.components.couplers.strip_cross_section`),
and the gap keeps rule WG.S.1.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf

from lightlane.components._checks import device_cell, require_length
from lightlane.components.couplers import require_gap, strip_cross_section
from lightlane.components.waveguides import straight

__all__ = ["coupler_straight"]


@device_cell
def coupler_straight(
    length: float = 10.0, gap: float = 0.27, cross_section: Any = "strip"
) -> gf.Component:
    """Two parallel straights of ``length``, ``gap`` apart edge to edge.

    ::

        o2 ───────────── o3
              gap
        o1 ───────────── o4

    Args:
        length: length in um (the coupling length).
        gap: edge-to-edge gap in um (>= rule WG.S.1, on a 2 nm step, <= 5).
        cross_section: a strip cross-section (strip or strip_c).
    """
    require_length("length", length)
    require_gap("gap", gap)
    xs = strip_cross_section(cross_section)
    piece = straight(length=length, cross_section=cross_section)
    c = gf.Component()
    bottom = c << piece
    top = c << piece
    top.dmovey(xs.width + gap)
    for name, ref, port in (("o1", bottom, "o1"), ("o2", top, "o1"), ("o3", top, "o2"),
                            ("o4", bottom, "o2")):  # fmt: skip
        c.add_port(name, port=ref.ports[port])
    c.info["length"] = float(length)
    c.info["width"] = float(xs.width)
    return c
