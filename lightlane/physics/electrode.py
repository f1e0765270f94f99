"""Traveling-wave electrode of a depletion MZM: loaded coplanar line and electro-optic response.

Unloaded line (quasi-static conformal mapping, Simons, "Coplanar Waveguide Circuits, Components
and Systems", Wiley 2001, ch. 2): a CPW of signal ``S`` and gaps ``W`` on a metal of thickness
``t``, ``h`` of oxide above the silicon handle (:class:`LineStack`), air above;
``eps_eff = 1 + (eps_ox - 1) / 2 + q (eps_Si - eps_ox)``, ``q = K(k_h) K(k') / (2 K(k_h') K(k))``,
``k = S / (S + 2 W)``, ``k_h = sinh(pi S / 4h) / sinh(pi (S + 2W) / 4h)``;
``Z0 = 30 pi K(k') / (sqrt(eps_eff) K(k))``. Conductor loss of 2 um AlCu (sigma 3.0e7 S/m) from
Ghione's closed form (Ghione, IEEE Trans. MTT 41(9), 1499, 1993), combined with the DC resistance.
Loading (Yu & Bogaerts, J. Lightwave Technol. 30(11), 1602, 2012): per unit length, the junction
capacitance in series with the slab resistance of :mod:`lightlane.physics.junction`, ``Y_j = i w
C_j / (1 + i w R_j C_j)``. Then ``gamma = sqrt((R + i w L)(i w C + Y_j))``, ``Z = sqrt((R + i w L)
/ (i w C + Y_j))``.

Electro-optic response (Ghione, "Semiconductor Devices for High-Speed Optoelectronics", CUP
2009, ch. 9): with a source ``Z_s`` and a load ``Z_L``, the line voltage is
``V(z) = V+ (exp(-gamma z) + Gamma_L exp(-2 gamma L) exp(gamma z))``; the light, moving at the
optical group velocity, integrates the junction voltage ``V(z) / (1 + i w R_j C_j)`` with the
phase ``exp(i w n_g z / c)``; ``m(f) = (1/L) int_0^L ...`` normalised to its DC value, and the
EO response is ``20 log10 |m(f) / m(0)|`` (the electrical convention of EO S21).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.physics.constants import C0, EPS0, MU0
from lightlane.physics.junction import Junction, capacitance_per_mm, series_resistance_ohm_mm
from lightlane.physics.materials import EPS_R_SI, EPS_R_SIO2, SIGMA_ALCU
from lightlane.physics.modes import group_index

__all__ = [
    "LineStack",
    "coplanar_line",
    "eo_bandwidth_ghz",
    "eo_response",
    "line_parameters",
    "parallel_plate_capacitance_ff",
]


@dataclass(frozen=True)
class LineStack:
    """The vertical stack of a coplanar line: its metal and the oxide under it.

    Attributes:
        metal_thickness: conductor thickness in um.
        oxide_height: oxide between the conductor and the silicon handle in um.
        conductivity: conductor conductivity in S/m (AlCu by default).
    """

    metal_thickness: float
    oxide_height: float
    conductivity: float = SIGMA_ALCU


def parallel_plate_capacitance_ff(area_um2: float, oxide_um: float) -> float:
    """Capacitance in fF of a plate of ``area_um2`` over a ground ``oxide_um`` of SiO2 below
    (fringing neglected): ``eps0 eps_r A / d``."""
    return EPS0 * EPS_R_SIO2 * area_um2 / oxide_um * 1e9  # F/m * um^2 / um -> fF


def _ellipk(k) -> np.ndarray:
    """Complete elliptic integral of the first kind K(k) (modulus k) by the AGM."""
    a, b = np.ones_like(np.asarray(k, dtype=float)), np.sqrt(1 - np.asarray(k, dtype=float) ** 2)
    for _ in range(30):
        a, b = (a + b) / 2, np.sqrt(a * b)
    return np.pi / (2 * a)


def _ratio(k) -> np.ndarray:
    """K(k') / K(k)."""
    return _ellipk(np.sqrt(1 - np.asarray(k) ** 2)) / _ellipk(k)


def _unloaded(f, signal_width: float, gap: float, stack: LineStack) -> tuple:
    """(R, L, C per metre, Z0, n_rf) of the unloaded line at ``f`` Hz (module docstring)."""
    s, g = signal_width * 1e-6, gap * 1e-6
    height, thickness, sigma = (
        stack.oxide_height * 1e-6,
        stack.metal_thickness * 1e-6,
        stack.conductivity,
    )
    k = s / (s + 2 * g)
    k_h = np.sinh(np.pi * s / (4 * height)) / np.sinh(np.pi * (s + 2 * g) / (4 * height))
    q = _ratio(k) / _ratio(k_h) / 2
    eps_eff = 1 + (EPS_R_SIO2 - 1) / 2 + q * (EPS_R_SI - EPS_R_SIO2)
    z0 = 30 * np.pi / np.sqrt(eps_eff) * _ratio(k)
    n_rf = np.sqrt(eps_eff)
    inductance, capacitance = z0 * n_rf / C0, n_rf / (z0 * C0)
    surface = np.sqrt(np.pi * f * MU0 / sigma)
    kp = np.sqrt(1 - k**2)
    a, b = s / 2, s / 2 + g
    edge = sum(
        (np.pi + np.log(8 * np.pi * x * (1 - k) / (thickness * (1 + k)))) / x for x in (a, b)
    )
    alpha_c = surface * n_rf / (480 * np.pi * _ellipk(k) * _ellipk(kp) * (1 - k**2)) * edge
    r_dc = 1 / (sigma * thickness * s)
    resistance = np.sqrt(r_dc**2 + (2 * z0 * alpha_c) ** 2)
    return resistance, inductance, capacitance, z0, n_rf


def coplanar_line(
    freq_ghz, signal_width: float, gap: float, stack: LineStack
) -> tuple[float, float, np.ndarray]:
    """(Z0 in Ohm, n_rf, loss in dB/mm at ``freq_ghz``) of an unloaded coplanar line.

    The same quasi-static line as a modulator's electrode (module docstring), without the
    junction: a routed feed line from an assembly pad to a modulator.

    Args:
        freq_ghz: frequency in GHz (array).
        signal_width: signal conductor width in um.
        gap: signal-ground gap in um.
        stack: the conductor and the oxide under it.
    """
    for name, value in (("signal_width", signal_width), ("gap", gap)):
        if not value > 0:
            raise ValueError(f"{name}={value!r} um must be > 0")
    f = np.asarray(freq_ghz, dtype=float) * 1e9
    resistance, inductance, capacitance, z0, n_rf = _unloaded(f, signal_width, gap, stack)
    gamma = np.sqrt((resistance + 2j * np.pi * f * inductance) * (2j * np.pi * f * capacitance))
    loss_db_mm = 20 * np.log10(np.e) * np.real(gamma) * 1e-3
    return float(z0), float(n_rf), loss_db_mm


def line_parameters(
    freq_ghz,
    signal_width: float,
    gap: float,
    junction: Junction,
    bias_voltage: float,
    stack: LineStack,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(Z, gamma in 1/m, unloaded Z0, unloaded n_rf) of the loaded line at ``freq_ghz``.

    Args:
        freq_ghz: frequency in GHz (array).
        signal_width: signal conductor width in um.
        gap: signal-ground gap in um.
        junction: the arm's junction (its capacitance and resistance load the line).
        bias_voltage: its reverse DC bias in V.
        stack: the conductor and the oxide under it.
    """
    f = np.asarray(freq_ghz, dtype=float) * 1e9
    w = 2 * np.pi * f
    resistance, inductance, capacitance, z0, n_rf = _unloaded(f, signal_width, gap, stack)
    c_j = capacitance_per_mm(bias_voltage, junction) * 1e-12  # fF/mm -> F/m
    r_j = series_resistance_ohm_mm(junction) * 1e-3  # Ohm mm -> Ohm m
    y_series = 1j * w * capacitance + 1j * w * c_j / (1 + 1j * w * r_j * c_j)
    z_series = resistance + 1j * w * inductance
    return np.sqrt(z_series / y_series), np.sqrt(z_series * y_series), z0, n_rf


def eo_response(
    freq_ghz,
    *,
    length: float,
    signal_width: float,
    gap: float,
    junction: Junction,
    stack: LineStack,
    load_ohm: float | None,
    source_ohm: float = 50.0,
    bias_voltage: float = 2.0,
    wl: float = 1.31,
) -> np.ndarray:
    """EO response in dB (``20 log10 |m(f) / m(0)|``, module docstring) at ``freq_ghz``.

    Args:
        freq_ghz: modulation frequency in GHz (array).
        length: phase-section (electrode) length in um.
        signal_width, gap: electrode geometry in um.
        junction: junction geometry and doping.
        stack: the electrode's metal and the oxide under it.
        load_ohm: far-end load per line in Ohm; None leaves the line open.
        source_ohm: source impedance per line in Ohm.
        bias_voltage: reverse DC bias of the junction in V.
        wl: optical wavelength in um (sets the optical group index).
    """
    f = np.atleast_1d(np.asarray(freq_ghz, dtype=float))
    grid = np.concatenate([[1e-4], f])
    z, gamma, _, _ = line_parameters(grid, signal_width, gap, junction, bias_voltage, stack)
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
