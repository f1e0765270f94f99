"""Phase matching of shallow-etched grating couplers (1-D and 2-D) to a tilted fibre.

The first-order Bragg condition of a grating radiating into the cladding at the fibre angle
``theta``: ``(n_grating - n_clad sin(theta)) period = wl``, with ``n_grating`` the fill-factor
weighted average of the etched and unetched slab indices (Chrostowski & Hochberg, "Silicon
Photonics Design", CUP 2015). Lengths in um, angles in degrees.
"""

from __future__ import annotations

import numpy as np

from lightlane.physics.materials import n_si, n_sio2
from lightlane.physics.modes import slab_index

__all__ = [
    "diagonal_angle",
    "grating_index",
    "phase_matched_period",
    "phase_matched_wavelength",
]


def grating_index(
    wl: np.ndarray | float,
    fill_factor: float | np.ndarray,
    thickness: float,
    etch_depth: float,
) -> np.ndarray:
    """First-order effective index of a shallow-etched grating.

    ``ff n(thickness) + (1 - ff) n(thickness - etch_depth)``: slab TE0 indices of the unetched
    and etched silicon weighted by the fill factor.
    """
    wl = np.asarray(wl, dtype=float)
    n_core, n_clad = n_si(wl), n_sio2(wl)
    tooth = slab_index(wl, thickness, n_core, n_clad, tm=False)
    trench = slab_index(wl, thickness - etch_depth, n_core, n_clad, tm=False)
    return fill_factor * tooth + (1 - fill_factor) * trench


def phase_matched_period(
    wavelength: float, fibre_angle: float, fill_factor: float, thickness: float, etch_depth: float
) -> float:
    """Period in um phase-matching ``wavelength`` at ``fibre_angle`` in the cladding.

    The fibre is index-matched to the cladding (n_clad = n_SiO2).
    """
    n_c = n_sio2(wavelength) * np.sin(np.radians(fibre_angle))
    index = grating_index(wavelength, fill_factor, thickness, etch_depth)
    return float(wavelength / (index - n_c))


def phase_matched_wavelength(
    period: float | np.ndarray,
    fibre_angle: float,
    fill_factor: float,
    thickness: float,
    etch_depth: float,
    dn_eff: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Centre wavelength in um of a grating of ``period``: the fixed point of the phase matching.

    Solves ``wl = period (n_grating(wl) + dn_eff - n_SiO2(wl) sin(theta))`` by iteration (a
    contraction: ``period |dn/dwl|`` is ~0.5), started at 1.31 um.
    """
    sin_t = np.sin(np.radians(fibre_angle))
    wl = np.full(np.broadcast(period, dn_eff).shape, 1.31)
    for _ in range(60):
        index = grating_index(wl, fill_factor, thickness, etch_depth)
        wl = period * (index + dn_eff - n_sio2(wl) * sin_t)
    return wl


def diagonal_angle(fibre_angle: float) -> float:
    """In-axis angle in degrees of a fibre tilted by ``fibre_angle`` along the diagonal.

    A fibre tilted in the plane at 45 deg to both waveguide axes projects ``sin(theta)/sqrt(2)``
    of its in-plane wavevector onto each axis: each arm phase-matches like a 1-D grating at
    ``arcsin(sin(theta)/sqrt(2))`` (Van Laere et al., J. Lightwave Technol. 27, 612, 2009).
    """
    return float(np.degrees(np.arcsin(np.sin(np.radians(fibre_angle)) / np.sqrt(2))))
