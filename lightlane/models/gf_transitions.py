"""Model of gdsfactory's cross-section transition (:mod:`lightlane.components.gf_transitions`)."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, amplitude_of_loss_db, model, two_port
from lightlane.models.waveguides import PROFILE_NODES, loss_for, mean_index, propagation
from lightlane.pdk.process import TECH

__all__ = ["taper_cross_section"]


@model()
def taper_cross_section(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width1: float,
    width2: float,
    guide1: str,
    guide2: str,
    excess_loss_db: float = 0.05,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """A transition between two guides: the index of each, averaged over the core's linear
    width profile ``width1 -> width2``, then averaged between the two guides (as
    :func:`lightlane.models.transitions.strip_to_rib`); loss the mean of the two guides'
    propagation losses plus ``excess_loss_db = 0.05`` dB of mode mismatch (the strip-to-rib
    assumption: converters with a slab taper of >= 20 um are reported below 0.1 dB). Two
    identical guides reduce it to a taper (:func:`lightlane.models.waveguides.taper`) with
    that excess loss.

    Args:
        wl: wavelength in um.
        length: transition length in um.
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        guide1: optical guide at o1 (``strip``, ``rib``, ``slab``, or a table cross-section).
        guide2: optical guide at o2.
        excess_loss_db: mode-conversion loss in dB.
        dn_eff: effective-index perturbation.
    """
    widths = width1 + (width2 - width1) * PROFILE_NODES
    neff = (mean_index(wl, widths, guide1) + mean_index(wl, widths, guide2)) / 2 + dn_eff
    loss = (loss_for(guide1, None) + loss_for(guide2, None)) / 2
    return two_port(amplitude_of_loss_db(excess_loss_db) * propagation(wl, length, neff, loss))
