"""Compact models of the waveguide cells (straight, Euler bend, taper) and their primitives.

Phase from the mode-solver dispersion of :mod:`lightlane.physics.modes`; loss per cross-section
from the process table (:data:`lightlane.pdk.process.TECH`: strip 2.0, rib 1.5, 90 nm slab
1.0 dB/cm, within the 1.5-3 dB/cm of foundry 220 nm platforms). Waveguides are reciprocal and
reflection-free.
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, array_namespace, model, two_port
from lightlane.pdk.process import TECH
from lightlane.physics.modes import n_eff

__all__ = [
    "bend_euler",
    "bend_euler180",
    "loss_for",
    "mean_index",
    "propagation",
    "straight",
    "taper",
    "waveguide_index",
]

WIRE = "wire"
"""The guide kind of a metal, heater or implant line: no optical ports, an empty S-matrix."""

_GAUSS_X, _GAUSS_W = np.polynomial.legendre.leggauss(8)
PROFILE_NODES = (_GAUSS_X + 1) / 2
"""Gauss-Legendre nodes on [0, 1] at which :func:`mean_index` samples a width profile."""


def waveguide_index(wl: np.ndarray, width: np.ndarray | float, cross_section: str) -> np.ndarray:
    """Effective index of the named cross-section's mode (``ValueError`` if it has no model)."""
    if cross_section not in TECH.loss_db_per_cm:
        raise ValueError(
            f"cross_section={cross_section!r} has no optical model; "
            f"use one of {', '.join(TECH.loss_db_per_cm)}"
        )
    if cross_section == "slab":
        return n_eff(wl, width, thickness=TECH.slab90_thickness)
    return n_eff(wl, width, rib=cross_section == "rib", thickness=TECH.core_thickness)


def mean_index(wl: np.ndarray, widths: np.ndarray, cross_section: str) -> np.ndarray:
    """Mean of n_eff over a width profile sampled at :data:`PROFILE_NODES` (the last axis)."""
    index = waveguide_index(np.asarray(wl)[..., None], widths, cross_section)
    return np.sum(_GAUSS_W * index, axis=-1) / 2


def loss_for(cross_section: str, loss_db_per_cm: float | np.ndarray | None) -> float | np.ndarray:
    """The given propagation loss in dB/cm, or the cross-section's from the process table."""
    if loss_db_per_cm is not None:
        return loss_db_per_cm
    return TECH.loss_db_per_cm.get(cross_section, 0.0)


def propagation(
    wl: np.ndarray, length: float, neff: np.ndarray, loss_db_per_cm: float | np.ndarray
) -> np.ndarray:
    """Complex transmission ``10^(-loss L / 20) exp(-i 2 pi neff L / wl)``, lengths in um.

    In the array namespace of its inputs (numpy, or jax under ``jax.jit`` / ``jax.grad``).
    """
    xp = array_namespace(wl, length, neff, loss_db_per_cm)
    amplitude = 10 ** (-xp.asarray(loss_db_per_cm) * length * 1e-4 / 20)
    return amplitude * xp.exp(-2j * np.pi * neff * length / wl)


@model()
def straight(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Straight waveguide: ``S21 = S12 = exp(-alpha L / 2 - i 2 pi n_eff L / wl)``.

    Args:
        wl: wavelength in um.
        length: length in um.
        width: core width in um.
        cross_section: cross-section name (sets the dispersion and the default loss); a
            ``wire`` (metal line) has no optical ports and gives the empty S-matrix.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (fabrication variation, thermal tuning).
    """
    if cross_section == WIRE:
        return {}
    loss = loss_for(cross_section, loss_db_per_cm)
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    return two_port(propagation(wl, length, neff, loss))


@model()
def bend_euler(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    angle: float,
    width: float,
    cross_section: str,
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
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: excess radiation loss per 90 degrees of turn, in dB.
        dn_eff: effective-index perturbation.
    """
    if cross_section == WIRE:
        return {}
    loss = loss_for(cross_section, loss_db_per_cm)
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    excess = 10 ** (-loss_db_per_90 * abs(angle) / 90 / 20)
    return two_port(excess * propagation(wl, length, neff, loss))


@model()
def bend_euler180(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """The 180 degree Euler bend: :func:`bend_euler` at ``angle=180``.

    Args:
        wl: wavelength in um.
        length: path length in um (from the cell's info).
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: excess radiation loss per 90 degrees of turn, in dB.
        dn_eff: effective-index perturbation.
    """
    return bend_euler(
        wl,
        length=length,
        angle=180.0,
        width=width,
        cross_section=cross_section,
        loss_db_per_cm=loss_db_per_cm,
        loss_db_per_90=loss_db_per_90,
        dn_eff=dn_eff,
    )


@model()
def taper(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width1: float,
    width2: float,
    cross_section: str,
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
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation.
    """
    if cross_section == WIRE:
        return {}
    loss = loss_for(cross_section, loss_db_per_cm)
    widths = width1 + (width2 - width1) * PROFILE_NODES
    return two_port(propagation(wl, length, mean_index(wl, widths, cross_section) + dn_eff, loss))
