"""Model of gdsfactory's straight coupler (:mod:`lightlane.components.gf_couplers`)."""

from __future__ import annotations

import numpy as np

from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, model, sdict_from
from lightlane.pdk.process import TECH
from lightlane.physics.coupling import full_transfer_length

__all__ = ["coupler_straight"]


@model()
def coupler_straight(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    gap: float,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Two identical coupled strips: ``through = cos(theta)``, ``cross = -i sin(theta)``,
    ``theta = pi L / (2 L_x)`` with the calibrated cross-over length ``L_x(gap, wl)`` of
    :func:`lightlane.physics.coupling.full_transfer_length` (coupled-mode theory, Yariv, IEEE
    J. Quantum Electron. 9(9), 919, 1973; calibrated to supermode-solver cross-over lengths),
    times each strip's propagation. Unitary up to the propagation loss, reciprocal.

    Ports: o1 bottom-left, o2 top-left, o3 top-right, o4 bottom-right (through o1-o4, o2-o3).

    Args:
        wl: wavelength in um.
        length: coupling length in um.
        gap: edge-to-edge gap in um.
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (phase).
        dgap: gap perturbation in um (fabrication).
    """
    crossover = full_transfer_length(np.asarray(gap) + dgap, wl, width, TECH.core_thickness)
    theta = np.pi * length / (2 * crossover)
    arm = wg.straight(
        wl,
        length=length,
        width=width,
        cross_section=cross_section,
        loss_db_per_cm=loss_db_per_cm,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    through, cross = arm * np.cos(theta), -1j * arm * np.sin(theta)
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): through, ("o3", "o2"): through, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )
