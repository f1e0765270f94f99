"""Long straight leads on the low-loss wide strip: taper up, run wide, taper down.

A straight of the 400 nm strip loses ``TECH.loss_db_per_cm["strip"]``; the 2 um
``strip_wide`` loses a quarter of that, but reaching it costs two tapers. A lead at least
:func:`wide_lead_threshold` long is drawn ``strip -> strip_wide -> strip`` with the PDK's
``taper_cross_section`` and ``straight``, so the layout's netlist simulates the tapers' and the
wide guide's loss with their own models; a shorter one stays a plain straight. Either way the
lead has the same length, ports and cross-section at both ends.
"""

from __future__ import annotations

import math
from functools import cache

import gdsfactory as gf
import numpy as np

from lightlane.circuits.routing import route_straight
from lightlane.components.gf_transitions import taper_cross_section
from lightlane.pdk.guides import guide
from lightlane.pdk.process import TECH
from lightlane.registry import get_pdk

__all__ = ["WIDE", "WIDE_TAPER_LENGTH", "lead_loss_db", "route_lead", "wide_lead_threshold"]

NARROW = "strip"
"""The cross-section a wide lead starts and ends on (the lanes' O-band strip)."""
WIDE = "strip_wide"
"""The cross-section of a long lead's middle."""
WIDE_TAPER_LENGTH = 40.0
"""Length in um of each linear strip <-> strip_wide taper. Love's criterion keeps the local
half-angle below lambda / (2 n_eff w) (Love et al., "Tapered single-mode fibres and devices.
Part 1: Adiabaticity criteria", IEE Proc. J 138(5), 343, 1991): at 1.26 um, w = 2 um and
n_eff = 3.0 (the strip's mode table) that is 0.105 rad, 8 um of taper; 40 um keeps its 1.15 deg
half-angle five times inside, so little of the fundamental mode converts to the wide guide's
higher modes (the taper's model books 0.05 dB of excess loss for what does)."""


def _taper() -> gf.Component:
    return taper_cross_section(
        cross_section1=NARROW, cross_section2=WIDE, length=WIDE_TAPER_LENGTH, linear=True
    )


def _loss_db(cell: str, wl: float, **geometry: object) -> float:
    """Insertion loss in dB (o1 -> o2) of the PDK's model of ``cell`` on ``geometry``: the
    pure model, so that no cell is built (a short lead's layout stays as it was)."""
    s21 = get_pdk().models[cell].model(np.asarray(wl), **geometry)[("o1", "o2")]
    return float(-20 * np.log10(np.abs(s21)))


def lead_loss_db(length: float, wide: bool, wl: float = TECH.wavelength) -> float:
    """Model insertion loss in dB of a lead of ``length`` um: plain strip, or (``wide``)
    two tapers and the wide straight between them."""
    narrow, broad = guide(NARROW), guide(WIDE)
    if not wide:
        return _loss_db("straight", wl, length=length, width=narrow.width, cross_section=NARROW)
    taper = _loss_db(
        "taper_cross_section",
        wl,
        length=WIDE_TAPER_LENGTH,
        width1=narrow.width,
        width2=broad.width,
        guide1=narrow.model,
        guide2=broad.model,
    )
    middle = length - 2 * WIDE_TAPER_LENGTH
    return 2 * taper + _loss_db(
        "straight", wl, length=middle, width=broad.width, cross_section=broad.model
    )


@cache
def wide_lead_threshold(wl: float = TECH.wavelength) -> float:
    """Shortest lead in um (on a 1 um step) that loses less as taper, wide straight, taper
    than as a plain strip, by the models at ``wl``.

    The wide route's excess over the strip falls linearly with length (the tapers' fixed
    excess paid back by the wide guide's lower loss per um): the threshold is where it is 0.
    """
    shortest = 2 * WIDE_TAPER_LENGTH + 1.0

    def excess(length: float) -> float:
        return lead_loss_db(length, True, wl) - lead_loss_db(length, False, wl)

    slope = (excess(shortest + 1e4) - excess(shortest)) / 1e4
    if slope >= 0:
        return math.inf
    return max(shortest, float(math.ceil(shortest - excess(shortest) / slope)))


def route_lead(c: gf.Component, port: gf.Port, length: float, cross_section: str) -> gf.Port:
    """A lead of ``length`` um on ``port`` (none when 0), wide in the middle when it is on the
    O-band strip and at least :func:`wide_lead_threshold` long; returns the free end."""
    if not length:
        return port
    if guide(cross_section).name != NARROW or length < wide_lead_threshold():
        return route_straight(c, port, length, cross_section)
    taper = _taper()
    up = c << taper
    up.connect("o1", port)
    end = route_straight(c, up.ports["o2"], length - 2 * WIDE_TAPER_LENGTH, WIDE)
    down = c << taper
    down.connect("o2", end)
    return down.ports["o1"]
