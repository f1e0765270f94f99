"""Heat in the stack: how far a heater warms a waveguide core, and what that does to its index.

Thermo-optics: the strip's TE0 index moves by ``dn_eff/dT = 1.92e-4 /K`` (:data:`DN_EFF_DT`):
``dn_Si/dT = 1.8e-4 /K`` (Komma et al., Appl. Phys. Lett. 101, 041905, 2012, measured at 1550 nm)
enhanced by the high-contrast confinement factor (n_g / n_Si) eta ~ 1.07 of a 400 x 220 nm strip
(Robinson et al., Opt. Express 16(21), 16659, 2008). A resonance then drifts by
``lambda dn_eff/dT / n_g`` = 58 pm/K at 1310 nm (computed); why rings must be tuned against
such drift, and how: Padmaraju & Bergman, "Resolving the thermal challenges for silicon
microring resonator devices", Nanophotonics 3(4-5), 269, 2014.

Heat flow: a filament long against the oxide thickness heats the core by ``dT = R' P / L``,
with ``R'`` (K um / mW) the 2-D thermal resistance per unit length from the filament to the
core (:func:`thermal_resistance`): a strip of width w in oxide over the BOX, the silicon
substrate an isothermal sink (its conductivity is 100x the oxide's), the top of the passivation
adiabatic (air), solved by images. Checked against Jacques et al., "Optimization of thermo-optic
phase-shifter design and mitigation of thermal crosstalk on the SOI platform", Opt. Express
27(8), 10456 (2019), who measured P_pi = 21.4 mW at 1550 nm for a 2 um TiN heater ~2.2 um above
a strip: the model with their geometry gives 23.7 mW, 11 % high (``tests/test_heaters.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.physics.materials import K_SIO2

__all__ = ["DN_EFF_DT", "HeaterStack", "p_pi_mw", "thermal_phase", "thermal_resistance"]

DN_EFF_DT = 4.34 * 58e-6 / 1.31
"""Thermo-optic coefficient of the strip TE0 index in 1/K: the index change that drifts a
resonance of group index 4.34 by 58 pm/K at 1310 nm, i.e. 1.0675 dn_Si/dT (module docstring)."""
_IMAGES = np.arange(-200, 201)  # image periods: R' converged to 0.05 %
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)


@dataclass(frozen=True)
class HeaterStack:
    """Heights of a heater over a waveguide, in um above the top of the BOX.

    Attributes:
        heater_z: filament centre.
        core_z: waveguide core centre.
        box: BOX thickness (the substrate below is the heat sink).
        top_z: top of the passivation (air above: adiabatic).
        k_oxide: thermal conductivity of the oxide in W/(m K).
    """

    heater_z: float
    core_z: float
    box: float
    top_z: float
    k_oxide: float = K_SIO2


def thermal_resistance(heater_width: float | np.ndarray, stack: HeaterStack) -> np.ndarray:
    """Temperature rise of the core per heater power per length, R' in K um / mW (2-D).

    A uniform strip source of ``heater_width`` at ``heater_z`` over the core at ``core_z``,
    between an isothermal substrate ``box`` um below the BOX top and an adiabatic surface at
    ``top_z``: images at ``+-H + 4nD`` and ``+-(2D - H) + 4nD`` (D = box + top_z,
    H = box + heater_z; sources +, sinks -), averaged over the strip's width by 16-point
    Gauss-Legendre quadrature.
    """
    w = np.asarray(heater_width, dtype=float)[..., None, None]
    depth, height = stack.box + stack.top_z, stack.box + stack.heater_z
    core = stack.box + stack.core_z
    periods = 4 * depth * _IMAGES
    ys = np.concatenate([height + periods, 2 * depth - height + periods])
    ys = np.concatenate([ys, -ys])
    signs = np.concatenate([np.ones(2 * _IMAGES.size), -np.ones(2 * _IMAGES.size)])
    x = w / 2 * _NODES[:, None]  # (..., nodes, 1)
    r2 = x**2 + (core - ys) ** 2
    kernel = -np.sum(signs * np.log(r2), axis=-1) / 2  # sum of -ln r, per unit line source
    mean = np.sum(_WEIGHTS * kernel, axis=-1) / 2
    return mean / (2 * np.pi * stack.k_oxide) * 1e3  # K m / W -> K um / mW


def p_pi_mw(
    wl: float | np.ndarray, heater_width: float | np.ndarray, stack: HeaterStack
) -> np.ndarray:
    """Electrical power for a pi phase shift in mW: ``wl / (2 dn_eff/dT R')``.

    Args:
        wl: wavelength in um.
        heater_width: filament width in um.
        stack: heights of the heater and the core.
    """
    return np.asarray(wl) / (2 * DN_EFF_DT * thermal_resistance(heater_width, stack))


def thermal_phase(wl, power_mw, heater_width: float, stack: HeaterStack) -> np.ndarray:
    """Thermal phase shift in rad at ``power_mw`` dissipated in the filament: pi P / P_pi."""
    return np.pi * np.asarray(power_mw) / p_pi_mw(wl, heater_width, stack)
