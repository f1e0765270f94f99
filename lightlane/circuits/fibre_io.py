"""Fibre and laser couplers of an engine, placed by their chip-side port.

``place_coupler`` puts a PDK edge coupler (spot-size converter) or grating coupler so that its
chip-side waveguide port ``o1`` sits at (x, y) facing into the chip and its body extends outward,
towards ``facing``; ``o2`` is then the fibre side (the facet of an edge coupler, the vertical
port of a grating).
"""

from __future__ import annotations

from typing import Literal

import gdsfactory as gf

from lightlane.registry import get_pdk

__all__ = ["COUPLINGS", "coupler_cell", "place_coupler"]

COUPLINGS = {"edge": "edge_coupler", "grating": "grating_coupler"}
"""Coupling kind -> PDK cell."""

_ROTATION = {"east": 0.0, "west": 180.0}


def coupler_cell(kind: str, cross_section: str = "strip") -> gf.Component:
    """The PDK coupler of ``kind`` ("edge" or "grating") for ``cross_section``."""
    return get_pdk().cells[COUPLINGS[kind]](cross_section=cross_section)


def place_coupler(
    c: gf.Component,
    kind: str,
    x: float,
    y: float,
    facing: Literal["east", "west"],
    cross_section: str = "strip",
) -> gf.ComponentReference:
    """Add a coupler to ``c`` with o1 at (x, y) and its fibre side towards ``facing``."""
    cell = coupler_cell(kind, cross_section)
    ref = c << cell
    # Both cells are drawn with o1 facing west and the fibre side to the east of it.
    ref.drotate(_ROTATION[facing])
    ox, oy = ref.ports["o1"].center
    ref.dmove((x - ox, y - oy))
    return ref
