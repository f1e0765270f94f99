"""Material properties of the silicon-photonics stack: optical, electrical and thermal.

Each value names its source. Wavelengths in um, doping in cm^-3, temperatures in K.
"""

from __future__ import annotations

import numpy as np

from lightlane.physics.constants import HC_EV_UM

__all__ = [
    "ALPHA_GE_1310_PER_CM",
    "DN_DT_SI",
    "EPS_R_GE",
    "EPS_R_SI",
    "EPS_R_SIO2",
    "GE_DIRECT_GAP_EV",
    "GE_DIRECT_GAP_EV_PER_K",
    "K_ALCU",
    "K_SI",
    "K_SIO2",
    "K_SI_FILM",
    "K_TIN",
    "K_W",
    "N_I_SI",
    "SIGMA_ALCU",
    "carrier_absorption",
    "carrier_index",
    "ge_absorption_per_cm",
    "mobility",
    "n_si",
    "n_sio2",
]

EPS_R_SI = 11.7
"""Relative static permittivity of Si (Sze & Ng, "Physics of Semiconductor Devices", 2007)."""
EPS_R_SIO2 = 3.9
"""Relative static permittivity of thermal SiO2 (Sze & Ng 2007)."""
EPS_R_GE = 16.2
"""Relative static permittivity of Ge (Sze & Ng 2007)."""
N_I_SI = 9.65e9
"""Intrinsic carrier density of Si at 300 K, cm^-3 (Altermatt et al., J. Appl. Phys. 93, 1598,
2003)."""
K_SIO2 = 1.4
"""Thermal conductivity of deposited SiO2 films, W/(m K) (1.3-1.4: Cahill, Rev. Sci. Instrum. 61,
802, 1990; bulk fused silica 1.38)."""
K_SI = 148.0
"""Thermal conductivity of bulk crystalline Si at 300 K, W/(m K) (Glassbrenner & Slack, "Thermal
conductivity of silicon and germanium from 3 K to the melting point", Phys. Rev. 134, A1058,
1964): the substrate."""
K_SI_FILM = 60.0
"""In-plane thermal conductivity of the 90-220 nm device-layer Si in W/(m K): an assumption
within the 40-100 W/(m K) measured for 20-240 nm SOI films, reduced from bulk by phonon boundary
scattering (Ju & Goodson, "Phonon scattering in silicon films with thickness of order 100 nm",
Appl. Phys. Lett. 74(20), 3005, 1999)."""
K_TIN = 20.0
"""Thermal conductivity of a sputtered TiN film, W/(m K): an assumption (films: 10-30); the heater
is the source, so the figure barely matters."""
DN_DT_SI = 1.8e-4
"""Thermo-optic coefficient dn/dT of Si at 300 K, 1/K (Komma et al., "Thermo-optic coefficient of
silicon at 1550 nm and cryogenic temperatures", Appl. Phys. Lett. 101, 041905, 2012: ~1.8e-4
at 1550 nm); used unchanged at 1.3 um, an assumption."""
SIGMA_ALCU = 3.0e7
"""Conductivity of sputtered AlCu (0.5 % Cu) interconnect, S/m (bulk Al 3.77e7)."""
K_ALCU = 2.44e-8 * SIGMA_ALCU * 300.0
"""Thermal conductivity of the AlCu interconnect, W/(m K): 220 from :data:`SIGMA_ALCU` by the
Wiedemann-Franz law at 300 K (Lorenz number 2.44e-8 W Ohm/K^2; Kittel, "Introduction to Solid
State Physics", 8th ed., ch. 6), which holds within a few per cent for Al (bulk 237)."""
K_W = 170.0
"""Thermal conductivity of the tungsten contact and via plugs, W/(m K): bulk W is 173 at 300 K
(CRC Handbook of Chemistry and Physics, "Thermal conductivity of metals"); an assumption for
the CVD plugs."""
GE_DIRECT_GAP_EV = 0.773
"""Direct gap of 0.25 % tensile-strained Ge on Si in eV (Liu et al., Phys. Rev. B 70, 155309,
2004; bulk Ge: 0.80 eV)."""
ALPHA_GE_1310_PER_CM = 8000.0
"""Absorption of Ge-on-Si at 1310 nm in 1/cm (assumed, within the 7000-9000 /cm usually quoted
for tensile Ge on Si; Michel, Liu & Kimerling, Nat. Photon. 4(8), 527, 2010, review it)."""
GE_DIRECT_GAP_EV_PER_K = -(0.88 - 0.81) / (300.0 - 77.0)
"""Temperature coefficient of the Ge direct gap in eV/K: -3.1e-4, the direct-transition
threshold measured at 0.88 eV (77 K) and 0.81 eV (300 K) by W. C. Dash and R. Newman,
"Intrinsic optical absorption in single-crystal germanium and silicon at 77 K and 300 K", Phys.
Rev. 99, 1151 (1955), as a straight line (near room temperature the gap falls somewhat faster:
a lower bound of the shift). Applied to the tensile Ge gap of :data:`GE_DIRECT_GAP_EV` at 25 C."""


def n_si(wl: np.ndarray | float) -> np.ndarray:
    """Refractive index of crystalline Si at ``wl`` um (Li 1980, 293 K; valid 1.2-14 um)."""
    l2 = np.asarray(wl, dtype=float) ** 2
    lam1 = 1.1071**2
    return np.sqrt(11.6858 + 0.939816 / l2 + 0.00810461 * lam1 / (l2 - lam1))


def n_sio2(wl: np.ndarray | float) -> np.ndarray:
    """Refractive index of fused silica at ``wl`` um (Malitson 1965; valid 0.21-3.71 um)."""
    l2 = np.asarray(wl, dtype=float) ** 2
    return np.sqrt(
        1
        + 0.6961663 * l2 / (l2 - 0.0684043**2)
        + 0.4079426 * l2 / (l2 - 0.1162414**2)
        + 0.8974794 * l2 / (l2 - 9.896161**2)
    )


def carrier_index(electrons, holes) -> np.ndarray:
    """Index change of Si at 1.3 um for added carrier densities (cm^-3).

    Nedeljkovic, Soref & Mashanovich, IEEE Photonics J. 3(6), 1171 (2011), the Soref-Bennett
    form refitted at 1.3 um: ``dn = -(2.98e-22 dN^1.016 + 1.25e-18 dP^0.835)``.
    """
    return -(2.98e-22 * np.asarray(electrons) ** 1.016 + 1.25e-18 * np.asarray(holes) ** 0.835)


def carrier_absorption(electrons, holes) -> np.ndarray:
    """Free-carrier absorption of Si at 1.3 um in 1/cm for carrier densities (cm^-3).

    Nedeljkovic et al. (2011): ``dalpha = 3.48e-22 dN^1.229 + 1.02e-19 dP^1.089``.
    """
    return 3.48e-22 * np.asarray(electrons) ** 1.229 + 1.02e-19 * np.asarray(holes) ** 1.089


def mobility(doping, electrons: bool) -> np.ndarray:
    """Majority-carrier mobility of Si in cm^2/(V s) versus doping (cm^-3).

    Masetti, Severi & Solmi, IEEE Trans. Electron Devices 30(7), 764 (1983): P/As for
    electrons, B for holes (the pre-factor terms only).
    """
    n = np.asarray(doping, dtype=float)
    if electrons:
        return 52.2 + (1417.0 - 52.2) / (1 + (n / 9.68e16) ** 0.68)
    return 44.9 + (470.5 - 44.9) / (1 + (n / 2.23e17) ** 0.719)


def ge_absorption_per_cm(wl: np.ndarray | float, temperature_c: float = 25.0) -> np.ndarray:
    """Absorption of tensile-strained Ge on Si in 1/cm at ``wl`` um (0 below the direct gap).

    Direct allowed transitions, ``alpha = A sqrt(E - E_g) / E``, with ``A`` set by
    :data:`ALPHA_GE_1310_PER_CM` at 25 C; this puts alpha(1550 nm) at 3700 /cm (published
    3000-4000 /cm for tensile Ge: Michel et al. 2010). The indirect edge (tens of /cm) is
    neglected. ``temperature_c`` moves the gap by :data:`GE_DIRECT_GAP_EV_PER_K` (the absorption
    edge shifts red when hot; Sorianello et al., Appl. Phys. Lett. 93, 111115, 2008, measure it
    on Ge-on-Si films).
    """
    if not -60.0 <= temperature_c <= 200.0:
        raise ValueError(f"temperature_c={temperature_c:g} C is outside -60..200 C")
    energy = HC_EV_UM / np.asarray(wl, dtype=float)
    gap = GE_DIRECT_GAP_EV + GE_DIRECT_GAP_EV_PER_K * (temperature_c - 25.0)
    e_ref = HC_EV_UM / 1.31
    scale = ALPHA_GE_1310_PER_CM * e_ref / np.sqrt(e_ref - GE_DIRECT_GAP_EV)
    return scale * np.sqrt(np.clip(energy - gap, 0.0, None)) / energy
