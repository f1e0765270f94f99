"""gdsfactory's distributed Bragg reflector (``dbr``): a core whose width alternates ``n`` times.

gdsfactory's ``cavity`` asks the PDK for it by name. gdsfactory's defaults (318 nm period, 50 %
duty) are a first-order C-band grating; first order in the O band needs ~128 nm segments, below
this process's WG width and space rules (WG.W.1, WG.S.1), so the defaults here are a third-order
O-band grating (770 nm period: ``lambda_B = 2 n_eff period / 3`` near 1310 nm), a usual choice
where lithography limits the feature size. Every segment is checked against those rules.
"""

from __future__ import annotations

from typing import Any

import gdsfactory as gf
import klayout.db as kdb

from lightlane.components._checks import (
    cell,
    cross_section_with_width,
    require_count,
    require_length,
    require_positive,
)
from lightlane.pdk.rules import RULES

__all__ = ["dbr"]


@cell
def dbr(
    w1: float = 0.35,
    w2: float = 0.45,
    l1: float = 0.385,
    l2: float = 0.385,
    n: int = 10,
    cross_section: Any = "strip",
    straight_length: float = 1.0,
) -> gf.Component:
    """A Bragg reflector: ``n`` periods of a ``w1`` by ``l1`` then a ``w2`` by ``l2`` section
    between two ``straight_length`` pieces of the cross-section's width; o1 faces west.

    ::

               l1   l2
              <--><-->  __    __
        o1 ==|__|    |__|  |__|   ... n periods ===

    Args:
        w1: narrow width in um (>= rule WG.W.1).
        w2: wide width in um.
        l1: narrow section length in um (>= rule WG.W.1/WG.S.1: the notch it makes).
        l2: wide section length in um (>= rule WG.W.1).
        n: number of periods, 1 to 10,000.
        cross_section: cross-section of the pieces at both ends (a strip).
        straight_length: length of each end piece in um (>= the WG width rule).
    """
    xs = cross_section_with_width(cross_section, None)
    require_count("n", n, 1, 10_000)
    for name, width in (("w1", w1), ("w2", w2)):
        require_positive(name, width, high=10.0)
        RULES.require_width(name, width, "WG")
    for name, length in (("l1", l1), ("l2", l2), ("straight_length", straight_length)):
        require_length(name, length)
        RULES.require_at_least(name, length, "WG.S.1", "WG space (a notch of the grating)")
    c = gf.Component()
    dbu = c.kcl.dbu
    region = kdb.Region()

    def add(x0: float, x1: float, width: float) -> None:
        region.insert(kdb.Box(*(round(v / dbu) for v in (x0, -width / 2, x1, width / 2))))

    period = l1 + l2
    add(-straight_length, 0.0, xs.width)
    for k in range(n):
        add(k * period, k * period + l1, w1)
        add(k * period + l1, (k + 1) * period, w2)
    add(n * period, n * period + straight_length, xs.width)
    c.add_polygon(region.merged(), layer=xs.layer)
    c.add_port("o1", center=(-straight_length, 0), width=xs.width, orientation=180,
               layer=xs.layer, port_type="optical")  # fmt: skip
    c.info["width"] = float(xs.width)
    c.info["length"] = round(n * period + 2 * straight_length, 6)
    return c
