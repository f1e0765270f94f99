"""Models of gdsfactory's elliptical grating couplers (:mod:`lightlane.components.gf_gratings`):
the focusing grating's model (:func:`lightlane.models.gratings.grating_coupler`) with the
geometry the cell drew."""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model
from lightlane.models.gratings import grating_coupler
from lightlane.pdk.process import TECH

__all__ = [
    "grating_coupler_elliptical",
    "grating_coupler_elliptical_te",
    "grating_coupler_elliptical_trenches",
    "grating_coupler_te",
]


def _grating(
    wl: np.ndarray,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float,
    dn_eff: float | np.ndarray,
) -> SDict:
    return grating_coupler(
        wl,
        period=period,
        fibre_angle=fibre_angle,
        fill_factor=fill_factor,
        length=length,
        peak_loss_db=peak_loss_db,
        dn_eff=dn_eff,
    )


@model()
def grating_coupler_elliptical(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 4.5,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """The focusing grating's Gaussian passband (4.5 dB peak, 29 nm 3-dB width, O-band TE; see
    :func:`lightlane.models.gratings.grating_coupler` for its sources) at the drawn period.

    Args:
        wl: wavelength in um.
        period: grating period in um.
        fibre_angle: fibre angle in degrees.
        fill_factor: unetched fraction of the period.
        length: o1 to the grating centre in um.
        peak_loss_db: coupling loss at the centre wavelength in dB.
        dn_eff: grating index perturbation.
    """
    return _grating(wl, period, fibre_angle, fill_factor, length, peak_loss_db, dn_eff)


@model()
def grating_coupler_elliptical_te(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 4.5,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """:func:`grating_coupler_elliptical`'s model (the same cell)."""
    return _grating(wl, period, fibre_angle, fill_factor, length, peak_loss_db, dn_eff)


@model()
def grating_coupler_elliptical_trenches(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 4.5,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """:func:`grating_coupler_elliptical`'s model at the trenches' drawn period and fill."""
    return _grating(wl, period, fibre_angle, fill_factor, length, peak_loss_db, dn_eff)


@model()
def grating_coupler_te(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 4.5,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """:func:`grating_coupler_elliptical`'s model at the trenches' drawn period and fill."""
    return _grating(wl, period, fibre_angle, fill_factor, length, peak_loss_db, dn_eff)
