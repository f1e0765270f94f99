"""Model of the thermal phase shifter: waveguide propagation plus a thermal phase pi P / P_pi.

Thermo-optics: a ring resonance drifts ~58 pm/K at 1310 nm (``shared/DOMAIN.md`` section 2,
from dn/dT(Si) ~1.8e-4 /K), so the mode index moves by ``dn_eff/dT = n_g (dlambda/dT) / lambda
= 4.34 * 0.058 / 1310 = 1.92e-4 /K`` (:data:`DN_EFF_DT`). Heat flow: a filament long against the
oxide thickness heats the core by ``dT = R' P / L``, with ``R'`` (K um / mW) the 2-D thermal
resistance per unit length from the filament to the core. So ``phi = 2 pi dn_eff/dT R' P / wl``
and ``P_pi = wl / (2 dn_eff/dT R')``: independent of the heater length.

``R'`` comes from a 2-D conduction model (:func:`thermal_resistance`): a TiN strip of width w in
oxide (k = 1.4 W/m/K) over the BOX, the silicon substrate an isothermal sink (its k is 100x the
oxide's), the top of the passivation adiabatic (air), solved by images. With the layer stack of
:mod:`lightlane.pdk.layer_stack` (2 um BOX, heater 1.165 um above the core centre, passivation
top 5 um) and a 2 um filament: R' = 177.5 K um/mW, P_pi = 19.2 mW at 1310 nm. Check against
measurement: Jacques et al., "Optimization of thermo-optic phase-shifter design and mitigation of
thermal crosstalk on the SOI platform", Opt. Express 27(8), 10456 (2019) measured P_pi = 21.4 mW
at 1550 nm for a 2 um TiN heater ~2.2 um above a strip (not undercut); the same model with their
geometry (2 um of oxide between core and TiN, 2.8 um cladding) gives 23.7 mW, 11 % high
(``tests/test_heaters.py``). TiN sheet resistance: 150 nm at ~150 uOhm cm
(a sputtered TiN film) is ~10 Ohm/sq (:data:`SHEET_RESISTANCE_OHM`).
"""

from __future__ import annotations

import numpy as np

from lightlane.components import heaters as cells
from lightlane.models._core import FROM_CELL, SDict, model, two_port
from lightlane.models._plots import figure_axes
from lightlane.models.waveguides import loss_for, propagation, waveguide_index
from lightlane.pdk.layer_stack import STACK

__all__ = [
    "DN_EFF_DT",
    "K_OXIDE",
    "SHEET_RESISTANCE_OHM",
    "heater_phase_shifter",
    "heater_resistance_ohm",
    "p_pi_mw",
    "thermal_phase",
    "thermal_resistance",
]

DN_EFF_DT = 4.34 * 0.058 / 1310.0
"""Thermo-optic coefficient of the strip TE0 index (/K) from DOMAIN.md's 58 pm/K and n_g 4.34."""
K_OXIDE = 1.4
"""Thermal conductivity of deposited SiO2 in W/(m K) (1.3-1.4 for thin films)."""
SHEET_RESISTANCE_OHM = 10.0
"""TiN heater sheet resistance in Ohm/sq (150 nm film, ~150 uOhm cm)."""

_BOX = -STACK["box"][1]  # um: substrate to BOX top
_CORE_Z = STACK["core"][1] + STACK["core"][2] / 2  # core centre above the BOX top
_HEATER_Z = STACK["heater"][1] + STACK["heater"][2] / 2  # filament centre above the BOX top
_TOP_Z = STACK["padopen"][1]  # top of the passivation (air above)
_IMAGES = np.arange(-200, 201)  # image periods: R' converged to 0.05 %
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


def thermal_resistance(
    heater_width: float | np.ndarray = 2.0,
    heater_z: float = _HEATER_Z,
    core_z: float = _CORE_Z,
    box: float = _BOX,
    top_z: float = _TOP_Z,
    k_oxide: float = K_OXIDE,
) -> np.ndarray:
    """Temperature rise of the core per heater power per length, R' in K um / mW (2-D).

    A uniform strip source of ``heater_width`` at ``heater_z`` over the core at ``core_z``
    (both um above the BOX top), between an isothermal substrate ``box`` um below the BOX top
    and an adiabatic surface at ``top_z``: images at ``+-H + 4nD`` and ``+-(2D - H) + 4nD``
    (D = box + top_z, H = box + heater_z; sources +, sinks -), averaged over the strip's width
    by 16-point Gauss-Legendre quadrature.
    """
    w = np.asarray(heater_width, dtype=float)[..., None, None]
    depth, height, core = box + top_z, box + heater_z, box + core_z
    periods = 4 * depth * _IMAGES
    ys = np.concatenate([height + periods, 2 * depth - height + periods])
    ys = np.concatenate([ys, -ys])
    signs = np.concatenate([np.ones(2 * _IMAGES.size), -np.ones(2 * _IMAGES.size)])
    x = w / 2 * _NODES[:, None]  # (..., nodes, 1)
    r2 = x**2 + (core - ys) ** 2
    kernel = -np.sum(signs * np.log(r2), axis=-1) / 2  # sum of -ln r, per unit line source
    mean = np.sum(_WEIGHTS * kernel, axis=-1) / 2
    return mean / (2 * np.pi * k_oxide) * 1e3  # K m / W -> K um / mW


def p_pi_mw(wl: float | np.ndarray = 1.31, heater_width: float | np.ndarray = 2.0, **geometry):
    """Electrical power for a pi phase shift in mW: ``wl / (2 dn_eff/dT R')``.

    Args:
        wl: wavelength in um.
        heater_width: filament width in um.
        **geometry: heater_z, core_z, box, top_z (um) and k_oxide (W/m/K) of
            :func:`thermal_resistance`, to model another stack.
    """
    return np.asarray(wl) / (2 * DN_EFF_DT * thermal_resistance(heater_width, **geometry))


def thermal_phase(wl, power_mw, heater_width: float = 2.0) -> np.ndarray:
    """Thermal phase shift in rad at ``power_mw`` dissipated in the filament: pi P / P_pi."""
    return np.pi * np.asarray(power_mw) / p_pi_mw(wl, heater_width)


def heater_resistance_ohm(length: float, heater_width: float) -> float:
    """Filament resistance in Ohm, ``R_s L / w`` (the contact legs add < 1 %)."""
    return SHEET_RESISTANCE_OHM * length / heater_width


def _phase_figure(component):
    """Thermal phase and the bar transmission of a balanced MZI versus heater power."""
    width = component.settings["heater_width"]
    p_pi = float(p_pi_mw(1.31, width))
    power = np.linspace(0, 2.2 * p_pi, 221)
    phase = thermal_phase(1.31, power, width)
    fig, ax = figure_axes()
    ax.plot(power, phase / np.pi, label="phase / pi")
    ax.plot(power, np.cos(phase / 2) ** 2, label="MZI bar transmission")
    ax.axvline(p_pi, color="grey", ls=":", label=f"P_pi = {p_pi:.1f} mW")
    ax.set(xlabel="heater power (mW)", ylabel="phase / pi, transmission", title="1310 nm")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(cells.heater_phase_shifter, figures=(_phase_figure,))
def heater_phase_shifter(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    heater_width: float = FROM_CELL,
    length_waveguide: float = FROM_CELL,
    width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    power_mw: float | np.ndarray = 0.0,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Heater phase shifter: ``S21 = t_wg(length_waveguide) exp(-i pi P / P_pi)``.

    The waveguide under the heater propagates like a straight of its cross-section
    (:mod:`lightlane.models.waveguides`); the heat adds ``pi P / P_pi`` of delay, ``P_pi`` from
    :func:`p_pi_mw` (module docstring: DOMAIN.md section 2 thermo-optics, a 2-D conduction model
    checked against Jacques et al., Opt. Express 27, 10456 (2019)). The TiN, 0.98 um above the
    core, adds no loss. Reciprocal and reflection-free.

    Args:
        wl: wavelength in um.
        length: heated length in um.
        heater_width: filament width in um.
        length_waveguide: total length of the core in um.
        width: core width in um.
        cross_section: cross-section name.
        power_mw: electrical power in the heater in mW (>= 0; an array sweeps it).
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (fabrication, Monte Carlo).
    """
    power = np.asarray(power_mw, dtype=float)
    if np.any(power < 0):
        raise ValueError(f"power_mw={power_mw!r} mW must be >= 0: a heater only heats")
    neff = waveguide_index(wl, width, cross_section) + dn_eff
    t = propagation(wl, length_waveguide, neff, loss_for(cross_section, loss_db_per_cm))
    return two_port(t * np.exp(-1j * thermal_phase(wl, power, heater_width)))
