"""Compact models of the waveguide cells: straight, Euler bend and taper.

Phase from the calibrated effective-index model of :mod:`lightlane.models.dispersion`; loss per
cross-section from ``shared/DOMAIN.md`` section 2 (strip 1.5-3 dB/cm, rib 1.5-2 dB/cm [pub]): we
take 2.0 dB/cm for strip and 1.5 dB/cm for rib, and 1.0 dB/cm for a 90 nm slab guide (weakly
confined, low sidewall overlap). Waveguides are reciprocal and reflection-free.
"""

from __future__ import annotations

import numpy as np

from lightlane.components import waveguides as cells
from lightlane.models._core import FROM_CELL, SDict, model, two_port
from lightlane.models.dispersion import CORE_THICKNESS, SLAB_THICKNESS, n_eff

__all__ = [
    "LOSS_DB_PER_CM",
    "bend_euler",
    "loss_for",
    "propagation",
    "straight",
    "taper",
    "waveguide_index",
]

LOSS_DB_PER_CM: dict[str, float] = {"strip": 2.0, "strip_c": 2.0, "rib": 1.5, "slab": 1.0}
_GAUSS_X, _GAUSS_W = np.polynomial.legendre.leggauss(8)


def waveguide_index(wl: np.ndarray, width: np.ndarray | float, cross_section: str) -> np.ndarray:
    """Effective index of the named cross-section's mode (``ValueError`` if it has no model)."""
    if cross_section not in LOSS_DB_PER_CM:
        raise ValueError(
            f"cross_section={cross_section!r} has no optical model; "
            f"use one of {', '.join(LOSS_DB_PER_CM)}"
        )
    thickness = SLAB_THICKNESS if cross_section == "slab" else CORE_THICKNESS
    return n_eff(wl, width, rib=cross_section == "rib", thickness=thickness)


def loss_for(cross_section: str, loss_db_per_cm: float | np.ndarray | None) -> float | np.ndarray:
    """The given propagation loss in dB/cm, or the cross-section's from :data:`LOSS_DB_PER_CM`."""
    return LOSS_DB_PER_CM.get(cross_section, 0.0) if loss_db_per_cm is None else loss_db_per_cm


def propagation(
    wl: np.ndarray, length: float, neff: np.ndarray, loss_db_per_cm: float | np.ndarray
) -> np.ndarray:
    """Complex transmission ``10^(-loss L / 20) exp(-i 2 pi neff L / wl)``, lengths in um."""
    amplitude = 10 ** (-np.asarray(loss_db_per_cm) * length * 1e-4 / 20)
    return amplitude * np.exp(-2j * np.pi * neff * length / wl)


@model(cells.straight)
def straight(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Straight waveguide: ``S21 = S12 = exp(-alpha L / 2 - i 2 pi n_eff L / wl)``.

    Args:
        wl: wavelength in um.
        length: length in um.
        width: core width in um.
        cross_section: cross-section name (sets the dispersion and the default loss).
        loss_db_per_cm: propagation loss; None takes :data:`LOSS_DB_PER_CM`.
        dn_eff: effective-index perturbation (fabrication variation, thermal tuning).
    """
    loss = loss_for(cross_section, loss_db_per_cm)
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    return two_port(propagation(wl, length, neff, loss))


@model(cells.bend_euler)
def bend_euler(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    angle: float = FROM_CELL,
    width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Euler bend: propagation over the path length plus a radiation loss per 90 degrees.

    The straight-waveguide index is used along the bend (the curvature shift of n_eff at
    R >= 5 um is below 1e-3). ``loss_db_per_90 = 0.005 dB`` is an assumption typical of Euler
    bends in 220 nm SOI at R >= 5 um; set it from measured data.

    Args:
        wl: wavelength in um.
        length: path length in um (from the cell's info).
        angle: bend angle in degrees.
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes :data:`LOSS_DB_PER_CM`.
        loss_db_per_90: excess radiation loss per 90 degrees of turn, in dB.
        dn_eff: effective-index perturbation.
    """
    loss = loss_for(cross_section, loss_db_per_cm)
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    excess = 10 ** (-loss_db_per_90 * abs(angle) / 90 / 20)
    return two_port(excess * propagation(wl, length, neff, loss))


@model(cells.taper)
def taper(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    width1: float = FROM_CELL,
    width2: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Linear taper: the phase integrates n_eff(w(z)) along the taper (8-point Gauss-Legendre).

    An adiabatic taper converts the mode without excess loss, so only propagation loss applies.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes :data:`LOSS_DB_PER_CM`.
        dn_eff: effective-index perturbation.
    """
    loss = loss_for(cross_section, loss_db_per_cm)
    widths = width1 + (width2 - width1) * (_GAUSS_X + 1) / 2
    wl_ = np.asarray(wl)[..., None]
    mean_neff = np.sum(_GAUSS_W * waveguide_index(wl_, widths, cross_section), axis=-1) / 2
    return two_port(propagation(wl, length, mean_neff + dn_eff, loss))
