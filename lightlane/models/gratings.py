"""Compact models of the grating couplers (1-D focusing and 2-D polarisation-diversity).

The model's targets, ~4.5 dB at the peak with a 1-dB bandwidth of ~17 nm and a 3-dB bandwidth
of ~29 nm for an O-band TE grating, are assumptions of the order single-etch gratings without a
back reflector reach (reviewed by Marchetti et al., "Coupling strategies for silicon photonics
integrated chips", Photonics Research 7(2), 201, 2019).
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, amplitude_of_loss_db, call_with, geometry_of, model
from lightlane.models._plots import figure_axes
from lightlane.models.waveguides import propagation
from lightlane.pdk.process import TECH
from lightlane.physics.gratings import diagonal_angle, phase_matched_wavelength
from lightlane.physics.materials import n_si, n_sio2
from lightlane.physics.modes import slab_index

__all__ = ["gaussian_sigma", "grating_coupler", "grating_coupler_2d", "reflective_two_port"]

_ETCH = (TECH.core_thickness, TECH.shallow_etch_depth)  # the grating's slab and its etch


def _slab_phase(wl: np.ndarray, length: float) -> np.ndarray:
    """Passage through ``length`` um of the unetched core slab (a grating's fan or arm)."""
    n_slab = slab_index(wl, TECH.core_thickness, n_si(wl), n_sio2(wl), tm=False)
    return propagation(wl, length, n_slab, 0.0)


def gaussian_sigma(bandwidth_3db: float) -> float:
    """Standard deviation in um of a Gaussian power spectrum of full width ``bandwidth_3db``."""
    return bandwidth_3db / (2 * np.sqrt(2 * np.log(2)))


def reflective_two_port(t: np.ndarray, r1: np.ndarray, r2: np.ndarray) -> SDict:
    """A reciprocal two-port; every entry has the full (samples, wavelengths) shape."""
    t, r1, r2 = np.broadcast_arrays(t, r1, r2)
    return {("o1", "o1"): r1, ("o2", "o2"): r2, ("o2", "o1"): t, ("o1", "o2"): t}


@model()
def grating_coupler(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 4.5,
    bandwidth_3db: float = 0.029,
    reflection_db: float = -20.0,
    fibre_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Grating coupler: a Gaussian passband centred where the period phase-matches.

    The centre wavelength solves ``(n_grating(wl) + dn_eff - n_SiO2 sin(theta)) period = wl``
    (:func:`lightlane.physics.gratings.phase_matched_wavelength`), so a longer period
    or a higher index moves the peak to the red. The power spectrum is Gaussian,
    ``T = 10^(-peak_loss/10) exp(-(wl - wl_c)^2 / (2 sigma^2))``: its 1-dB to 3-dB width ratio is
    ``sqrt(1/3) = 0.577``, the published 17/29 = 0.586, so one ``sigma`` fits both: with the
    3-dB width 29 nm the 1-dB width is 16.7 nm. Back-reflection into the waveguide -20 dB
    (Marchetti 2019: uniform shallow-etched gratings reflect -15 to -20 dB); the fibre side
    -30 dB (assumption). The phase is the round trip through the fan's 220 nm slab.

    Args:
        wl: wavelength in um.
        period: grating period in um.
        fibre_angle: fibre angle in degrees (in the cladding).
        fill_factor: unetched fraction of the period.
        length: distance in um from o1 to the grating centre.
        peak_loss_db: coupling loss at the centre wavelength in dB.
        bandwidth_3db: full width in um at 3 dB below the peak.
        reflection_db: power reflected back into the waveguide (o1), in dB.
        fibre_reflection_db: power reflected back into the fibre (o2), in dB.
        dn_eff: perturbation of the grating's effective index (fabrication, temperature).
    """
    t_peak, r1_mag, r2_mag = (
        amplitude_of_loss_db(peak_loss_db),
        amplitude_of_loss_db(-reflection_db),
        amplitude_of_loss_db(-fibre_reflection_db),
    )
    if t_peak + max(r1_mag, r2_mag) > 1:
        raise ValueError(
            f"peak_loss_db={peak_loss_db} with reflections of {reflection_db} and "
            f"{fibre_reflection_db} dB would make the coupler put out more power than comes in"
        )
    centre = phase_matched_wavelength(period, fibre_angle, fill_factor, *_ETCH, dn_eff)
    sigma = gaussian_sigma(bandwidth_3db)
    amplitude = t_peak * np.exp(-((wl - centre) ** 2) / (4 * sigma**2))
    phase = _slab_phase(wl, length)
    return reflective_two_port(amplitude * phase, r1_mag * phase**2, r2_mag)


def _polarisation_figure(component):
    """Polarisation-dependent loss and cross-polarisation across the O-band."""
    wl = np.linspace(1.26, 1.36, 201)
    s = call_with(grating_coupler_2d, wl, geometry_of(component))
    power = {key: 10 * np.log10(np.abs(s[key]) ** 2) for key in s}
    fig, ax = figure_axes((6, 3.5))
    ax.plot(wl * 1e3, power[("o3", "o1")], label="X: o3 -> o1")
    ax.plot(wl * 1e3, power[("o4", "o2")], label="Y: o4 -> o2")
    ax.plot(wl * 1e3, power[("o3", "o2")], label="X leaks to o2 (Y: o4 -> o1 alike)")
    ax.set_xlabel("wavelength (nm)")
    ax.set_ylabel("transmission (dB)")
    ax.set_ylim(-45, 0)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")
    return fig


@model(figures=(_polarisation_figure,))
def grating_coupler_2d(
    wl: np.ndarray = TECH.wavelength,
    *,
    period: float,
    fibre_angle: float,
    fill_factor: float,
    length: float,
    peak_loss_db: float = 5.5,
    pdl_db: float = 0.3,
    bandwidth_3db: float = 0.028,
    cross_polarisation_db: float = -20.0,
    arm_crosstalk_db: float = -30.0,
    reflection_db: float = -20.0,
    fibre_reflection_db: float = -30.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """2-D grating coupler: each fibre polarisation to its own arm through a Gaussian passband.

    A circuit port carries one scalar mode, so the fibre has two ports at the same point: o3
    (polarisation X) couples to o1, o4 (polarisation Y) to o2 (Taillaert et al., IEEE PTL 15, 1249,
    2003). The centre wavelength solves each arm's phase matching with the in-axis part of the
    diagonal fibre tilt, ``(n_grating + dn_eff - n_SiO2 sin(theta)/sqrt(2)) period = wl``
    (:func:`lightlane.physics.gratings.diagonal_angle`); the passband is Gaussian as in
    :func:`grating_coupler`. Defaults [pub]: the 1-D coupler's 4.5 dB plus the ~1 dB more that 2-D
    gratings lose to in-plane scattering into the other polarisation and higher-order modes
    (Georgieva et al., J. Phys. Photonics 3, 035002, 2021; Marchetti et al., Photonics Research 7,
    201, 2019): 5.5 dB; a 3-dB width of 28 nm, so a 1-dB width of 16 nm; Y loses ``pdl_db`` = 0.3 dB
    more than X (measured PDL 0.2-0.5 dB: with the fibre in the bisecting plane the arms are mirror
    images, fabrication breaks it). The same scattering leaks each polarisation into the other arm,
    ``cross_polarisation_db``
    = -20 dB below the X transmission (a polarisation split ratio of ~20 dB, Georgieva et al.,
    IEEE Photonics J. 14, 2022, doi 10.1109/JPHOT.2022.3206619), and light from one arm into
    the other, -30 dB (assumption). Reflections as :func:`grating_coupler`: -20 dB into each
    arm, -30 dB into the fibre. The phase is the passage through the arm's slab, ``length``.

    Args:
        wl: wavelength in um.
        period: hole-row spacing along each arm in um.
        fibre_angle: fibre angle in degrees (in the cladding), tilted along the diagonal.
        fill_factor: unetched area fraction of the lattice.
        length: distance in um from o1 (or o2) to the grating centre.
        peak_loss_db: coupling loss of polarisation X at the centre wavelength, in dB.
        pdl_db: extra loss of polarisation Y (o4 -> o2) at the centre wavelength, in dB.
        bandwidth_3db: full width in um at 3 dB below the peak.
        cross_polarisation_db: power of each polarisation reaching the other arm, relative
            to the X transmission, in dB.
        arm_crosstalk_db: power from one arm scattered into the other, in dB.
        reflection_db: power reflected back into each arm, in dB.
        fibre_reflection_db: power reflected back into the fibre, in dB.
        dn_eff: perturbation of the grating's effective index (fabrication, temperature).
    """
    t_x, t_y = amplitude_of_loss_db(peak_loss_db), amplitude_of_loss_db(peak_loss_db + pdl_db)
    leak = amplitude_of_loss_db(-cross_polarisation_db) * t_x
    r1, r2, arms = (
        amplitude_of_loss_db(-reflection_db),
        amplitude_of_loss_db(-fibre_reflection_db),
        amplitude_of_loss_db(-arm_crosstalk_db),
    )
    if max(t_x, t_y) + leak + max(r1 + arms, r2) > 1:
        raise ValueError(
            f"peak_loss_db={peak_loss_db} with pdl_db={pdl_db}, cross_polarisation_db="
            f"{cross_polarisation_db}, arm_crosstalk_db={arm_crosstalk_db} and reflections of "
            f"{reflection_db} and {fibre_reflection_db} dB would make the coupler put out more "
            f"power than comes in"
        )
    in_axis = diagonal_angle(fibre_angle)
    centre = phase_matched_wavelength(period, in_axis, fill_factor, *_ETCH, dn_eff)
    passband = np.exp(-((wl - centre) ** 2) / (4 * gaussian_sigma(bandwidth_3db) ** 2))
    phase = _slab_phase(wl, length)
    entries = {
        ("o1", "o1"): r1 * phase**2,
        ("o2", "o2"): r1 * phase**2,
        ("o2", "o1"): arms * phase**2,
        ("o3", "o3"): r2,
        ("o4", "o4"): r2,
        ("o3", "o1"): t_x * passband * phase,
        ("o4", "o2"): t_y * passband * phase,
        ("o3", "o2"): leak * passband * phase,
        ("o4", "o1"): leak * passband * phase,
    }
    full = np.broadcast_arrays(*entries.values())
    sdict: SDict = {}
    for (a, b), value in zip(entries, full, strict=True):
        sdict[(a, b)] = sdict[(b, a)] = value
    return sdict
