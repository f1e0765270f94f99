"""Compact models of the transitions: S-bend, adiabatic taper, strip-to-rib, crossing, terminator.

Phases integrate the mode-solver effective index of :mod:`lightlane.physics.modes` along each
cell's width profile (8-point Gauss-Legendre); propagation loss per cross-section is the process
table's (:data:`lightlane.pdk.process.TECH`). Excess losses are published figures where there
are some and stated assumptions otherwise, each in the model's docstring (crossing: 0.2-0.3 dB
and < -30 dB crosstalk, assumed for a single-etch crossing; Bogaerts et al., Opt. Lett. 32(19),
2801, 2007, reach 97.5 % transmission and -40 dB crosstalk with a double etch).
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, amplitude_of_loss_db, model, reciprocal, two_port
from lightlane.models.waveguides import (
    PROFILE_NODES,
    loss_for,
    mean_index,
    propagation,
    waveguide_index,
)
from lightlane.pdk.process import TECH
from lightlane.physics.geometry import taper_adiabatic_width

__all__ = [
    "bend_s",
    "crossing",
    "strip_to_rib",
    "taper_constant_adiabaticity",
    "taper_strip_to_ridge",
    "terminator_taper",
]


@model()
def bend_s(
    wl: np.ndarray = TECH.wavelength,
    *,
    size: tuple[float, float],
    length: float,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """S-bend: propagation over the path length plus radiation loss for the turn it makes.

    The raised sine turns by ``atan(2 dy / dx)`` and back, so the excess is that total turning
    angle times ``loss_db_per_90`` per 90 degrees (the bend_euler assumption).

    Args:
        wl: wavelength in um.
        size: (dx, dy): length along the axis and lateral offset in um.
        length: path length in um (from the cell's info).
        width: core width in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: excess radiation loss per 90 degrees of turn, in dB.
        dn_eff: effective-index perturbation.
    """
    dx, dy = size
    turn = 2 * np.degrees(np.arctan(2 * abs(dy) / dx))
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    t = amplitude_of_loss_db(loss_db_per_90 * turn / 90) * propagation(
        wl, length, neff, loss_for(cross_section, loss_db_per_cm)
    )
    return two_port(t)


@model()
def taper_constant_adiabaticity(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width1: float,
    width2: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    excess_loss_db: float = 0.01,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Constant-adiabaticity taper: phase of n_eff integrated along ``w(z)^2`` linear in z.

    ``excess_loss_db = 0.01`` dB is an assumption for an adiabatic taper within the 8 degree
    half-angle limit (mode conversion loss well below 0.05 dB, assumed).

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        excess_loss_db: mode-conversion loss in dB.
        dn_eff: effective-index perturbation.
    """
    widths = taper_adiabatic_width(PROFILE_NODES, width1, width2)
    neff = mean_index(wl, widths, cross_section) + dn_eff
    t = amplitude_of_loss_db(excess_loss_db) * propagation(
        wl, length, neff, loss_for(cross_section, loss_db_per_cm)
    )
    return two_port(t)


@model()
def strip_to_rib(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    excess_loss_db: float = 0.05,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Strip-to-rib converter: n_eff moves linearly from the strip's to the rib's along the slab.

    The phase uses the mean of the strip and rib indices; loss is the mean of their propagation
    losses plus ``excess_loss_db = 0.05`` dB of mode mismatch (an assumption: converters with a
    slab taper of >= 20 um are reported below 0.1 dB; an assumption).

    Args:
        wl: wavelength in um.
        length: converter length in um.
        width: core width in um.
        excess_loss_db: mode-conversion loss in dB.
        dn_eff: effective-index perturbation.
    """
    neff = (waveguide_index(wl, width, "strip") + waveguide_index(wl, width, "rib")) / 2 + dn_eff
    loss = (TECH.loss_db_per_cm["strip"] + TECH.loss_db_per_cm["rib"]) / 2
    return two_port(amplitude_of_loss_db(excess_loss_db) * propagation(wl, length, neff, loss))


@model()
def taper_strip_to_ridge(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width1: float,
    width2: float,
    excess_loss_db: float = 0.05,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """gdsfactory's strip-to-ridge taper: :func:`strip_to_rib` with the core tapering
    ``width1 -> width2``; the strip and rib indices are averaged over the linear width profile.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width1: core width at o1 in um.
        width2: core width at o2 in um.
        excess_loss_db: mode-conversion loss in dB (the strip_to_rib assumption).
        dn_eff: effective-index perturbation.
    """
    widths = width1 + (width2 - width1) * PROFILE_NODES
    neff = (mean_index(wl, widths, "strip") + mean_index(wl, widths, "rib")) / 2 + dn_eff
    loss = (TECH.loss_db_per_cm["strip"] + TECH.loss_db_per_cm["rib"]) / 2
    return two_port(amplitude_of_loss_db(excess_loss_db) * propagation(wl, length, neff, loss))


@model()
def crossing(
    wl: np.ndarray = TECH.wavelength,
    *,
    arm_length: float,
    width: float,
    width_centre: float,
    cross_section: str,
    loss_db: float = 0.25,
    crosstalk_db: float = -37.0,
    reflection_db: float = -40.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Four-port crossing: through o1-o3 and o2-o4, crosstalk into the side arms, reflection.

    Single-etch multimode-interference crossings give about 0.2-0.3 dB and < -30 dB crosstalk
    (assumed; a double etch does better: Bogaerts et
    al. 2007 measure -40 dB): we take 0.25 dB, -37 dB, -40 dB. The S-matrix is the circulant of a
    four-fold symmetric junction, first row ``(r, c, t, c)``; crosstalk and reflection are in
    quadrature with the through wave, which keeps it passive whenever ``|t|^2 + (2|c| + |r|)^2 <=
    1`` (checked).

    Args:
        wl: wavelength in um.
        arm_length: length in um of each arm (port to centre).
        width: port width in um.
        width_centre: centre width in um.
        cross_section: cross-section name.
        loss_db: through insertion loss in dB.
        crosstalk_db: power into each side arm, in dB (negative).
        reflection_db: power reflected into the input port, in dB (negative).
        dn_eff: effective-index perturbation.
    """
    t_mag, c_mag, r_mag = (
        amplitude_of_loss_db(loss_db),
        amplitude_of_loss_db(-crosstalk_db),
        amplitude_of_loss_db(-reflection_db),
    )
    if np.any(t_mag**2 + (2 * c_mag + r_mag) ** 2 > 1):
        raise ValueError(
            f"loss_db={loss_db}, crosstalk_db={crosstalk_db}, reflection_db={reflection_db} "
            "put out more power than comes in; raise the loss or lower the crosstalk"
        )
    widths = width + (width_centre - width) * PROFILE_NODES
    neff = mean_index(wl, widths, cross_section) + dn_eff
    through = propagation(wl, 2 * arm_length, neff, 0.0)
    t = t_mag * through
    c = 1j * c_mag * through
    r = 1j * r_mag * through
    ports = ("o1", "o2", "o3", "o4")
    sdict: SDict = {}
    for i, a in enumerate(ports):
        for j, b in enumerate(ports):
            sdict[(a, b)] = (r, c, t, c)[(j - i) % 4]
    return reciprocal(sdict)


@model()
def terminator_taper(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    tip_width: float,
    cross_section: str,
    reflection_db: float = -45.0,
) -> SDict:
    """Terminator: everything not reflected is radiated or absorbed.

    ``reflection_db = -45`` dB: tapered tips to the minimum width reflect below -40 dB
    (an assumption: the cell's design target). The reflected wave
    makes a round trip through the taper.

    Args:
        wl: wavelength in um.
        length: taper length in um.
        width: core width at o1 in um.
        tip_width: core width at the tip in um.
        cross_section: cross-section name.
        reflection_db: power reflected at o1 in dB (negative).
    """
    widths = width + (tip_width - width) * PROFILE_NODES
    neff = mean_index(wl, widths, cross_section)
    return {
        ("o1", "o1"): amplitude_of_loss_db(-reflection_db) * propagation(wl, 2 * length, neff, 0.0)
    }
