"""Physical constants (SI unless the name says otherwise), CODATA 2018 exact or recommended values.

Tiesinga, Mohr, Newell & Taylor, "CODATA recommended values of the fundamental physical
constants: 2018", Rev. Mod. Phys. 93, 025010 (2021).
"""

from __future__ import annotations

import math

__all__ = ["C0", "DB_PER_E_FOLD", "EPS0", "HC_EV_UM", "K_B_EV", "MU0", "Q_E", "kt_over_q"]

C0 = 299792458.0
"""Speed of light in vacuum, m/s (exact)."""
Q_E = 1.602176634e-19
"""Elementary charge, C (exact)."""
EPS0 = 8.8541878128e-12
"""Vacuum permittivity, F/m."""
MU0 = 4e-7 * math.pi
"""Vacuum permeability, H/m (the pre-2019 exact value; CODATA 2018: 1.00000000055 times it)."""
K_B_EV = 8.617333262e-5
"""Boltzmann constant, eV/K (exact)."""
HC_EV_UM = 1.239841984
"""h c / q: photon energy in eV times wavelength in um (exact constants)."""
DB_PER_E_FOLD = 10 * math.log10(math.e)
"""dB in one e-fold of power, 4.343: a power attenuation of alpha per cm is 4.343 alpha dB/cm."""


def kt_over_q(temperature_k: float = 300.0) -> float:
    """Thermal voltage ``k T / q`` in V at ``temperature_k`` (0.025852 V at 300 K)."""
    return K_B_EV * temperature_k
