"""Compact model of the delay spiral: propagation over its path length plus its bends' loss."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model, two_port
from lightlane.models.waveguides import loss_for, propagation, waveguide_index
from lightlane.pdk.process import TECH

__all__ = ["spiral_delay"]


@model()
def spiral_delay(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    n_bends: int,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Spiral: ``S21 = 10^(-n_bends loss_90 / 20) exp(-alpha L / 2 - i 2 pi n_eff L / wl)``.

    Propagation loss from the process table (strip 2 dB/cm); ``loss_db_per_90`` is the bend_euler
    assumption, applied to each of the spiral's 90-degree Euler bends. The straight-waveguide index
    is used along the bends (curvature shifts n_eff by < 1e-3 at R >= 5 um).

    Args:
        wl: wavelength in um.
        length: path length in um (from the cell's info).
        n_bends: number of 90-degree bends (from the cell's info).
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: excess radiation loss per 90-degree bend, in dB.
        dn_eff: effective-index perturbation.
    """
    loss = loss_for(cross_section, loss_db_per_cm)
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    excess = 10 ** (-loss_db_per_90 * n_bends / 20)
    return two_port(excess * propagation(wl, length, neff, loss))
