"""Monitors: a weak tap coupler and a small germanium monitor photodiode.

A modulator's bias lock and a ring's lock loop watch a few per cent of the light: a directional
coupler of ``tap_fraction`` drops it into a monitor photodiode, a short Ge absorber with two DC
terminals (no RF pads: it reports an average photocurrent). The tap coupler is the directional
coupler of :mod:`lightlane.components.couplers` with its straight section sized from
coupled-mode theory (:mod:`lightlane.physics.coupling`) so that it crosses ``tap_fraction`` of
the power at the design wavelength of its cross-section.
"""

from __future__ import annotations

import math
from typing import Any

import gdsfactory as gf
import numpy as np

from lightlane.components._checks import DIE, device_cell, rect, require_number
from lightlane.components.couplers import coupler, require_gap, strip_cross_section
from lightlane.components.detectors import CONTACT_HEIGHT, check_absorber, draw_absorber
from lightlane.pdk.guides import guide
from lightlane.pdk.layers import LAYER
from lightlane.pdk.process import TECH
from lightlane.pdk.rules import RULES
from lightlane.physics.coupling import coupling_angle

__all__ = ["TAP_FRACTION_MAX", "monitor_photodiode", "tap_coupler", "tap_length"]

TAP_FRACTION_MAX = 0.25
"""Above a quarter the coupler is a splitter, not a tap: use ``coupler``."""
TERMINAL = 10.0
"""um: side of the monitor photodiode's M2 terminals (a ``metal2`` route's width)."""


def tap_length(
    tap_fraction: float, gap: float, dx: float, dy: float, width: float, wl: float
) -> tuple[float, float]:
    """The coupling length (um, on the grid) that crosses ``tap_fraction`` of the power, and the
    smallest fraction the fans alone cross at this gap (coupled-mode theory: the cross power is
    ``sin^2(theta)``, ``theta = kappa(gap) L + theta_fans``)."""
    height = (dy - gap - width) / 2
    args = (np.asarray(wl), np.asarray(gap))
    fans = float(coupling_angle(*args, 0.0, width, dx, height, TECH.core_thickness))
    kappa = float(coupling_angle(*args, 1.0, width, dx, height, TECH.core_thickness)) - fans
    target = math.asin(math.sqrt(tap_fraction))
    grid = RULES.grid
    return round(round((target - fans) / kappa / grid) * grid, 6), math.sin(fans) ** 2


@device_cell
def tap_coupler(
    tap_fraction: float = 0.02,
    gap: float = 0.3,
    dx: float = 10.0,
    dy: float = 4.0,
    cross_section: Any = "strip",
) -> gf.Component:
    """A weak directional coupler that taps ``tap_fraction`` of the power into o3.

    ::

        o2 ___                    ___ o3 (tap)
              \\__________________/
               __________________   gap
        o1 ___/                  \\___ o4 (through)
              <dx ><- length -><dx >

    The straight length follows from coupled-mode theory at the design wavelength of the
    cross-section (1310 nm for ``strip``): ``sin^2(kappa(gap) length + theta_fans) =
    tap_fraction``, ``theta_fans`` the coupling of the two raised-sine fans. o2 is the isolated
    port (terminate it, or use it as a reverse-power monitor).

    Args:
        tap_fraction: share of the power crossed to o3 at the design wavelength, (0, 0.25]; the
            fans alone cross some (0.1 % at the default 300 nm gap): below that a larger gap or
            ``dx`` is needed.
        gap: edge-to-edge gap in um (>= WG space, on a 2 nm step, at most 5 um).
        dx: length in um of each fan (S-bend).
        dy: port pitch in um, on a 2 nm step.
        cross_section: a strip (``strip`` O-band, ``strip_c`` C-band).
    """
    require_number("tap_fraction", tap_fraction, 0.0, TAP_FRACTION_MAX, "", open_low=True)
    require_gap("gap", gap)
    require_number("dx", dx, 0.0, DIE, open_low=True)
    require_number("dy", dy, 0.0, DIE, open_low=True)
    xs = strip_cross_section(cross_section)
    wl = guide(xs).wavelength
    if dy <= gap + xs.width:
        raise ValueError(f"dy={dy:g} um leaves no room for the fans: use dy > {gap + xs.width:g}")
    length, smallest = tap_length(tap_fraction, gap, dx, dy, xs.width, wl)
    if length < 0:
        raise ValueError(
            f"tap_fraction={tap_fraction:g} is below the {smallest:.4f} the fans alone couple at "
            f"gap={gap:g} um, dx={dx:g} um; use tap_fraction >= {smallest:.4f} or a larger gap"
        )
    c = gf.Component()
    ref = c << coupler(gap=gap, length=length, dy=dy, dx=dx, cross_section=xs)
    c.add_ports(ref.ports)
    c.info.update(dict(ref.cell.info))
    c.info["length"] = float(length)
    c.info["wavelength"] = float(wl)
    return c


@device_cell
def monitor_photodiode(
    ge_length: float = 6.0,
    ge_width: float = 3.0,
    taper_length: float = 20.0,
) -> gf.Component:
    """A small Ge-on-Si PIN monitor photodiode with two DC terminals on M2.

    ::

                             | slab  |   ________
        o1 ────taper──── [WG [ Ge+GEN ]]──|  e1 N  |  (cathode)
                             | slab  |   |________|
                         P++ ==========──|  e2 P  |  (anode)
                                         |________|

    The body is the photodiode's (:func:`lightlane.components.detectors.draw_absorber`) with one
    P++ contact (south); its leads end in two 10 um M2 terminals facing east, where a ``metal2``
    route lands. Default 6 um Ge: ~94 % of 1310 nm light absorbed, ~4 nA dark current.

    Args:
        ge_length: germanium length along the light in um.
        ge_width: germanium width in um.
        taper_length: length in um of the strip-to-pad taper (half-angle <= 8 deg).
    """
    check_absorber(ge_length, ge_width, taper_length)
    c = gf.Component()
    a = draw_absorber(c, ge_length, ge_width, taper_length, (-1,))
    h = CONTACT_HEIGHT / 2
    x0 = a["x_end"] + TECH.pad_clearance / 2
    x1 = x0 + TERMINAL
    # N: the Ge's top stripe runs east into a terminal that grows north from the lead.
    rect(c, LAYER.M2, a["x_n"] - h, -h, x0, h)
    rect(c, LAYER.M2, x0, -h, x1, TERMINAL - h)
    # P: the south stripe runs east into a terminal that grows south, M2.S.1 below the N one.
    y_p = -a["y_p"]
    top = min(y_p + h, -h - RULES.min_space("M2"))
    rect(c, LAYER.M2, a["x_ge1"] - h, y_p - h, x0, y_p + h)
    rect(c, LAYER.M2, x0, top - TERMINAL, x1, top)
    for name, y in (("e1", TERMINAL / 2 - h), ("e2", top - TERMINAL / 2)):
        c.add_port(
            name,
            center=(x1, y),
            width=TERMINAL,
            orientation=0,
            layer=LAYER.M2,
            port_type="electrical",
        )
    c.info["terminal_roles"] = "NP"
    return c
