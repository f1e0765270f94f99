"""The 1:N laser splitter of a DR engine: a binary tree of 1x2 MMIs joined by S-bends.

One CW laser feeds N lanes (the usual DR engine architecture, and this kit's choice: the standard
fixes one wavelength per lane, not how many lasers make it). Each level halves the power (3.01 dB)
plus the MMI's excess loss, so an 8-way tree costs 9.03 dB + 3 x 0.31 dB; the S-bends between
levels fan the outputs out to the lane pitch.
"""

from __future__ import annotations

import math

import gdsfactory as gf

from lightlane.circuits.routing import ROUTING_RADIUS, bundle_length
from lightlane.components.couplers import mmi1x2
from lightlane.components.transitions import bend_s

__all__ = ["lane_splitter_tree"]


@gf.cell
def lane_splitter_tree(
    n: int = 8, pitch: float = 250.0, cross_section: str = "strip", radius: float = ROUTING_RADIUS
) -> gf.Component:
    """A 1:``n`` splitter whose outputs leave east at ``pitch``, centred on the input.

    ::

                     /-- o2
             /-[MMI]<
        o1 -[MMI]     \\-- o3
             \\-[MMI]<
                     \\-- o(n+1)

    Args:
        n: number of outputs, a power of two >= 2.
        pitch: output pitch in um (the lane pitch), on the grid.
        cross_section: cross-section of the MMIs and bends.
        radius: smallest radius of curvature of the S-bends in um.
    """
    if int(n) != n or n < 2 or (int(n) & (int(n) - 1)):
        raise ValueError(f"n={n!r} must be a power of two >= 2")
    n = int(n)
    levels = int(math.log2(n))
    splitter = mmi1x2(cross_section=cross_section)
    half_gap = abs(splitter.ports["o2"].center[1] - splitter.ports["o3"].center[1]) / 2
    if pitch < 2 * half_gap:
        raise ValueError(f"pitch={pitch:g} um is below the MMI's own output spacing")
    c = gf.Component()
    root = c << splitter
    c.add_port("o1", port=root.ports["o1"])
    frontier = [root]
    for level in range(levels):
        # Each output of this level heads for the centre of its half of the remaining leaves.
        spread = pitch * n / 2 ** (level + 2)
        dy = round(spread - half_gap, 3)
        dx = bundle_length([dy], radius)
        bend_up = bend_s(size=(dx, dy), cross_section=cross_section)
        bend_down = bend_s(size=(dx, -dy), cross_section=cross_section)
        ends = []
        for node in frontier:
            for name, bend in (("o2", bend_up), ("o3", bend_down)):
                ref = c << bend
                ref.connect("o1", node.ports[name])
                ends.append(ref.ports["o2"])
        if level == levels - 1:
            break
        frontier = []
        for port in ends:
            ref = c << splitter
            ref.connect("o1", port)
            frontier.append(ref)
    # Outputs numbered from north to south, the order of the lanes.
    ends = sorted(ends, key=lambda p: -p.center[1])
    for k, port in enumerate(ends):
        c.add_port(f"o{k + 2}", port=port)
    c.info["outputs"] = n
    c.info["levels"] = levels
    return c
