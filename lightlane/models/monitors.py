"""Models of the monitors: the tap coupler and the monitor photodiode.

The tap coupler is a directional coupler: coupled-mode theory gives through ``cos(theta)`` and
tap ``-i sin(theta)``, ``theta = int kappa dz`` over its straight section and fans
(:func:`lightlane.models.couplers.coupler`; Chrostowski & Hochberg, "Silicon Photonics Design",
CUP 2015, ch. 4). The cell sizes the straight so that ``sin^2(theta) = tap_fraction`` at its
design wavelength; away from it the tap follows ``kappa(wl)``, which grows with wavelength.

The monitor photodiode is the Ge photodiode of :mod:`lightlane.models.detectors`, shorter:
optically a matched absorber; its photocurrent is ``responsivity(wl, ge_length) * P``.
"""

from __future__ import annotations

import numpy as np

from lightlane.models import couplers, detectors
from lightlane.models._core import SDict, model
from lightlane.pdk.process import TECH

__all__ = ["monitor_photodiode", "tap_coupler", "tap_power_fraction"]


@model()
def tap_coupler(
    wl: np.ndarray = TECH.wavelength,
    *,
    gap: float,
    length: float,
    dx: float,
    dy: float,
    width: float,
    length_arm: float,
    cross_section: str,
    excess_loss_db: float = 0.05,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Tap coupler: o1 -> o4 through ``cos(theta)``, o1 -> o3 tap ``-i sin(theta)``.

    Ports: o1 input, o2 isolated, o3 tap, o4 through (the directional coupler's).

    Args:
        wl: wavelength in um.
        gap: gap in um; length: straight coupling length in um; dx, dy: fan geometry in um.
        width: core width in um; length_arm: path length of each arm in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss in dB (0.05 dB assumed, as the coupler's).
        dn_eff: effective-index perturbation (phase).
        dgap: gap perturbation in um (fabrication: the tap moves with it).
    """
    return couplers.coupler(
        wl,
        gap=gap,
        length=length,
        dx=dx,
        dy=dy,
        width=width,
        length_arm=length_arm,
        cross_section=cross_section,
        excess_loss_db=excess_loss_db,
        dn_eff=dn_eff,
        dgap=dgap,
    )


def tap_power_fraction(sdict: SDict) -> np.ndarray:
    """The tapped share of the light leaving a tap coupler: ``|S31|^2 / (|S31|^2 + |S41|^2)``."""
    tap = np.abs(sdict[("o3", "o1")]) ** 2
    return tap / (tap + np.abs(sdict[("o4", "o1")]) ** 2)


@model()
def monitor_photodiode(
    wl: np.ndarray = TECH.wavelength,
    *,
    taper_length: float,
    silicon_width: float,
    width: float,
    reflection_db: float = -30.0,
) -> SDict:
    """Monitor photodiode, optically: absorbed, with a -30 dB reflection at o1 (the Ge
    photodiode's model, :func:`lightlane.models.detectors.photodetector_ge`).

    Args:
        wl: wavelength in um.
        taper_length: input taper length in um.
        silicon_width: width of the silicon pad under the Ge in um.
        width: strip core width at o1 in um.
        reflection_db: power reflected at o1 in dB (negative).
    """
    return detectors.photodetector_ge(
        wl,
        taper_length=taper_length,
        silicon_width=silicon_width,
        width=width,
        reflection_db=reflection_db,
    )
