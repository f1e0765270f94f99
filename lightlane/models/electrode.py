"""Traveling-wave electrode of a depletion MZM: loaded coplanar line and electro-optic response.

Unloaded line (quasi-static conformal mapping, Simons, "Coplanar Waveguide Circuits, Components
and Systems", Wiley 2001, ch. 2): a CPW of signal ``S`` and gaps ``W`` on M2, ``h`` = 5 um of
oxide above the silicon handle (layer stack: 2 um BOX, M2 at 3 um), air above;
``eps_eff = 1 + (eps_ox - 1) / 2 + q (eps_Si - eps_ox)``, ``q = K(k_h) K(k') / (2 K(k_h') K(k))``,
``k = S / (S + 2 W)``, ``k_h = sinh(pi S / 4h) / sinh(pi (S + 2W) / 4h)``;
``Z0 = 30 pi K(k') / (sqrt(eps_eff) K(k))``. Conductor loss of 2 um AlCu (sigma 3.0e7 S/m) from
Ghione's closed form (Ghione, IEEE Trans. MTT 41(9), 1499, 1993), combined with the DC
resistance. Loading (Hui, JLT 30(11), 1602, 2012): per unit length, the junction capacitance in
series with the slab resistance of :mod:`lightlane.models.junction`,
``Y_j = i w C_j / (1 + i w R_j C_j)``. Then ``gamma = sqrt((R + i w L)(i w C + Y_j))``,
``Z = sqrt((R + i w L) / (i w C + Y_j))``.

Electro-optic response (Ghione, "Semiconductor Devices for High-Speed Optoelectronics", CUP
2009, ch. 9): with a source ``Z_s`` and a load ``Z_L``, the line voltage is
``V(z) = V+ (exp(-gamma z) + Gamma_L exp(-2 gamma L) exp(gamma z))``; the light, moving at the
optical group velocity, integrates the junction voltage ``V(z) / (1 + i w R_j C_j)`` with the
phase ``exp(i w n_g z / c)``; ``m(f) = (1/L) int_0^L ...`` normalised to its DC value, and the
EO response is ``20 log10 |m(f) / m(0)|`` (the electrical convention of EO S21).
"""

from __future__ import annotations

import numpy as np

from lightlane.models.dispersion import group_index
from lightlane.models.junction import (
    DEFAULT_JUNCTION,
    Junction,
    capacitance_per_mm,
    series_resistance_ohm_mm,
)

__all__ = ["eo_bandwidth_ghz", "eo_response", "line_parameters"]

C0 = 299792458.0
MU0 = 4e-7 * np.pi
EPS_OX, EPS_SI = 3.9, 11.7
SIGMA_M2 = 3.0e7  # S/m, AlCu
T_M2 = 2.0e-6  # m, M2 thickness (layer stack)
H_OXIDE = 5.0e-6  # m, oxide between M2 and the silicon handle (layer stack)


def _ellipk(k) -> np.ndarray:
    """Complete elliptic integral of the first kind K(k) (modulus k) by the AGM."""
    a, b = np.ones_like(np.asarray(k, dtype=float)), np.sqrt(1 - np.asarray(k, dtype=float) ** 2)
    for _ in range(30):
        a, b = (a + b) / 2, np.sqrt(a * b)
    return np.pi / (2 * a)


def _ratio(k) -> np.ndarray:
    """K(k') / K(k)."""
    return _ellipk(np.sqrt(1 - np.asarray(k) ** 2)) / _ellipk(k)


def line_parameters(
    freq_ghz, signal_width: float, gap: float, junction: Junction, bias_voltage: float
):
    """(Z, gamma in 1/m, unloaded Z0, unloaded n_rf) of the loaded line at ``freq_ghz``.

    Args:
        freq_ghz: frequency in GHz (array).
        signal_width: signal conductor width in um.
        gap: signal-ground gap in um.
        junction: the arm's junction (its capacitance and resistance load the line).
        bias_voltage: its reverse DC bias in V.
    """
    f = np.asarray(freq_ghz, dtype=float) * 1e9
    w = 2 * np.pi * f
    s, g = signal_width * 1e-6, gap * 1e-6
    k = s / (s + 2 * g)
    k_h = np.sinh(np.pi * s / (4 * H_OXIDE)) / np.sinh(np.pi * (s + 2 * g) / (4 * H_OXIDE))
    q = _ratio(k) / _ratio(k_h) / 2
    eps_eff = 1 + (EPS_OX - 1) / 2 + q * (EPS_SI - EPS_OX)
    z0 = 30 * np.pi / np.sqrt(eps_eff) * _ratio(k)
    n_rf = np.sqrt(eps_eff)
    inductance, capacitance = z0 * n_rf / C0, n_rf / (z0 * C0)
    surface = np.sqrt(np.pi * f * MU0 / SIGMA_M2)
    kp = np.sqrt(1 - k**2)
    a, b = s / 2, s / 2 + g
    edge = sum((np.pi + np.log(8 * np.pi * x * (1 - k) / (T_M2 * (1 + k)))) / x for x in (a, b))
    alpha_c = surface * n_rf / (480 * np.pi * _ellipk(k) * _ellipk(kp) * (1 - k**2)) * edge
    r_dc = 1 / (SIGMA_M2 * T_M2 * s)
    resistance = np.sqrt(r_dc**2 + (2 * z0 * alpha_c) ** 2)
    c_j = capacitance_per_mm(bias_voltage, junction) * 1e-12  # fF/mm -> F/m
    r_j = series_resistance_ohm_mm(junction) * 1e-3  # Ohm mm -> Ohm m
    y_series = 1j * w * capacitance + 1j * w * c_j / (1 + 1j * w * r_j * c_j)
    z_series = resistance + 1j * w * inductance
    return np.sqrt(z_series / y_series), np.sqrt(z_series * y_series), z0, n_rf


def eo_response(
    freq_ghz,
    length: float = 2000.0,
    signal_width: float = 10.0,
    gap: float = 5.0,
    load_ohm: float | None = 36.0,
    source_ohm: float = 50.0,
    bias_voltage: float = 2.0,
    junction: Junction = DEFAULT_JUNCTION,
    wl: float = 1.31,
) -> np.ndarray:
    """EO response in dB (``20 log10 |m(f) / m(0)|``, module docstring) at ``freq_ghz``.

    Args:
        freq_ghz: modulation frequency in GHz (array).
        length: phase-section (electrode) length in um.
        signal_width, gap: electrode geometry in um.
        load_ohm: far-end load per line in Ohm; None leaves the line open.
        source_ohm: source impedance per line in Ohm.
        bias_voltage: reverse DC bias of the junction in V.
        junction: junction geometry and doping.
        wl: optical wavelength in um (sets the optical group index).
    """
    f = np.atleast_1d(np.asarray(freq_ghz, dtype=float))
    grid = np.concatenate([[1e-4], f])
    z, gamma, _, _ = line_parameters(grid, signal_width, gap, junction, bias_voltage)
    w = 2 * np.pi * grid * 1e9
    c_j = capacitance_per_mm(bias_voltage, junction) * 1e-12
    r_j = series_resistance_ohm_mm(junction) * 1e-3
    n_g = group_index(wl, junction.width, rib=True)
    length_m = length * 1e-6
    reflect = 1.0 if load_ohm is None else (load_ohm - z) / (load_ohm + z)
    back = reflect * np.exp(-2 * gamma * length_m)
    z_in = z * (1 + back) / (1 - back)
    v_plus = z_in / (z_in + source_ohm) / (1 + back)
    beta_o = w * n_g / C0

    def integral(p):  # (1/L) int_0^L exp(p z) dz, p -> 0 safe
        x = p * length_m
        return np.where(np.abs(x) < 1e-9, 1.0, np.expm1(x) / np.where(x == 0, 1, x))

    m = v_plus * (integral(-gamma + 1j * beta_o) + back * integral(gamma + 1j * beta_o))
    m = m / (1 + 1j * w * r_j * c_j)
    return 20 * np.log10(np.abs(m[1:] / m[0])).reshape(np.shape(freq_ghz))


def eo_bandwidth_ghz(**settings) -> float:
    """Lowest frequency in GHz where :func:`eo_response` falls below -3 dB (keyword settings)."""
    f = np.linspace(0.5, 300.0, 2991)
    response = eo_response(f, **settings)
    below = np.nonzero(response < -3.0)[0]
    if below.size == 0:
        return float("inf")
    i = below[0]
    return float(np.interp(-3.0, [response[i], response[i - 1]], [f[i], f[i - 1]]))
