"""Compact models of the coupler cells: directional coupler and 1x2 / 2x2 MMIs.

The directional coupler integrates the calibrated coupled-mode coupling of
:mod:`lightlane.physics.coupling` (fitted to supermode-solver cross-over lengths within 1.1 %)
over its straight section and its raised-sine fans. MMIs follow self-imaging theory (Soldano &
Pennings, J. Lightwave Technol. 13(4), 615, 1995), with a defocus roll-off away from the design
wavelength.
"""

from __future__ import annotations

import numpy as np

from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, model, sdict_from
from lightlane.pdk.process import TECH
from lightlane.physics.coupling import coupling_angle, self_imaging_length
from lightlane.physics.materials import n_si, n_sio2
from lightlane.physics.modes import slab_index

__all__ = ["coupler", "mmi1x2", "mmi2x2"]


@model()
def coupler(
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
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Directional coupler: ``through = cos(theta)``, ``cross = -i sin(theta)`` times propagation.

    ``theta`` integrates the calibrated ``kappa(gap, wl)`` (module docstring) over the straight
    section and the fan-in/out. The matrix is unitary times the arm propagation (n_eff from
    :mod:`lightlane.physics.modes`, strip loss) and ``excess_loss_db`` (assumed 0.05 dB: mode
    mismatch at the fan-out).

    Ports: o1 bottom-left, o2 top-left, o3 top-right, o4 bottom-right (through o1-o4, o2-o3).

    Args:
        wl: wavelength in um.
        gap: gap in um; length: coupling length in um; dx, dy: fan geometry in um.
        width: core width in um; length_arm: path length of each arm in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss of the device in dB.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (phase).
        dgap: gap perturbation in um (fabrication; changes the coupling).
    """
    height = (dy - gap - width) / 2
    theta = coupling_angle(
        wl, np.asarray(gap + dgap), length, width, dx, height, TECH.core_thickness
    )
    straight = wg.straight(
        wl,
        length=length_arm,
        width=width,
        cross_section=cross_section,
        loss_db_per_cm=loss_db_per_cm,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    arm = straight * 10 ** (-excess_loss_db / 20)
    through, cross = arm * np.cos(theta), -1j * arm * np.sin(theta)
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): through, ("o3", "o2"): through, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )


def _mmi_image_efficiency(
    kind: str, wl: np.ndarray, width_mmi: float, length_mmi: float, width_taper: float
) -> tuple[np.ndarray, np.ndarray]:
    """(power efficiency of the images, length / self-imaging length) at ``wl``.

    A length error ``dL = length_mmi - L_si(wl)`` defocuses each image, which near the image plane
    propagates like a free beam in the slab of index n_r: the overlap of a 1-D Gaussian of waist
    ``w0 = width_taper / 2`` with itself ``dL`` away is ``(1 + (dL / 2 z_R)^2)^-1/2``,
    ``z_R = pi n_r w0^2 / wl``: a parabolic roll-off in (wl - wl0) near the design wavelength.
    """
    l_si = self_imaging_length(kind, width_mmi, wl, TECH.core_thickness)
    n_r = slab_index(wl, TECH.core_thickness, n_si(wl), n_sio2(wl), tm=False)
    rayleigh = np.pi * n_r * (width_taper / 2) ** 2 / wl
    defocus = (length_mmi - l_si) / (2 * rayleigh)
    return (1 + defocus**2) ** -0.5, length_mmi / l_si


def _mmi_propagation(
    wl: np.ndarray,
    width: float,
    width_mmi: float,
    length_mmi: float,
    width_taper: float,
    length_taper: float,
    cross_section: str,
    dn_eff: float | np.ndarray,
) -> np.ndarray:
    """Phase and loss of the access taper, the multimode section and the exit taper."""
    taper = wg.taper(
        wl,
        length=length_taper,
        width1=width,
        width2=width_taper,
        cross_section=cross_section,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    body = wg.straight(
        wl, length=length_mmi, width=width_mmi, cross_section=cross_section, dn_eff=dn_eff
    )[("o2", "o1")]
    return taper**2 * body


@model()
def mmi1x2(
    wl: np.ndarray = TECH.wavelength,
    *,
    width_mmi: float,
    length_mmi: float,
    width_taper: float,
    length_taper: float,
    width: float,
    cross_section: str,
    excess_loss_db: float = 0.3,
    imbalance_db: float | np.ndarray = 0.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """1x2 MMI: two in-phase images, excess loss, imbalance and a self-imaging roll-off.

    ``|S21|^2 = |S31|^2 = eta(wl) 10^(-excess/10) / 2`` with ``eta`` the defocus efficiency of
    :func:`_mmi_image_efficiency` (1 at the design wavelength). ``excess_loss_db = 0.3`` dB and
    an imbalance below 5 % (0.2 dB) are typical of foundry MMIs (0.2-0.5 dB excess loss); the
    symmetric design is balanced, so
    ``imbalance_db`` (o2 over o3) is 0 unless given.

    Args:
        wl: wavelength in um.
        width_mmi, length_mmi, width_taper, length_taper: geometry in um (from the cell).
        width: access waveguide width in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss at the design wavelength in dB.
        imbalance_db: power ratio o2/o3 in dB (Monte Carlo: an array).
        dn_eff: effective-index perturbation (phase).
    """
    efficiency, _ = _mmi_image_efficiency("mmi1x2", wl, width_mmi, length_mmi, width_taper)
    amplitude = np.sqrt(efficiency * 10 ** (-excess_loss_db / 10) / 2)
    phase = _mmi_propagation(
        wl, width, width_mmi, length_mmi, width_taper, length_taper, cross_section, dn_eff
    )
    split = 10 ** (np.asarray(imbalance_db) / 40)
    upper = amplitude * phase * split * np.sqrt(2 / (split**2 + split**-2))
    lower = amplitude * phase / split * np.sqrt(2 / (split**2 + split**-2))
    return sdict_from(("o1", "o2", "o3"), {("o2", "o1"): upper, ("o3", "o1"): lower})


@model()
def mmi2x2(
    wl: np.ndarray = TECH.wavelength,
    *,
    width_mmi: float,
    length_mmi: float,
    width_taper: float,
    length_taper: float,
    width: float,
    cross_section: str,
    excess_loss_db: float = 0.3,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """2x2 MMI: a 90-degree hybrid whose split follows the self-imaging length error.

    The paired-interference MMI maps inputs to a bar and a cross image in quadrature, like a
    coupler with ``theta = (pi / 4) L / L_si(wl)`` (50:50 at ``L = L_si``, full cross at
    ``2 L_si = L_pi``, Soldano & Pennings 1995): bar ``cos(theta)``, cross ``-i sin(theta)``,
    times the defocus efficiency and ``excess_loss_db`` (0.3 dB, as the 1x2's).

    Ports: o1 bottom-left, o2 top-left, o3 top-right, o4 bottom-right.

    Args:
        wl: wavelength in um.
        width_mmi, length_mmi, width_taper, length_taper: geometry in um (from the cell).
        width: access waveguide width in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss at the design wavelength in dB.
        dn_eff: effective-index perturbation (phase).
    """
    efficiency, ratio = _mmi_image_efficiency("mmi2x2", wl, width_mmi, length_mmi, width_taper)
    theta = np.pi / 4 * ratio
    amplitude = np.sqrt(efficiency * 10 ** (-excess_loss_db / 10))
    phase = _mmi_propagation(
        wl, width, width_mmi, length_mmi, width_taper, length_taper, cross_section, dn_eff
    )
    bar, cross = amplitude * phase * np.cos(theta), -1j * amplitude * phase * np.sin(theta)
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): bar, ("o3", "o2"): bar, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )
