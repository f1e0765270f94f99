"""Heat in the stack: how far a heater warms a waveguide core, its neighbours, and its index.

Thermo-optics: the strip's TE0 index moves by ``dn_eff/dT = 1.92e-4 /K`` (:data:`DN_EFF_DT`):
``dn_Si/dT = 1.8e-4 /K`` (Komma et al., Appl. Phys. Lett. 101, 041905, 2012, measured at 1550 nm)
enhanced by the high-contrast confinement factor (n_g / n_Si) eta ~ 1.07 of a 400 x 220 nm strip
(Robinson et al., Opt. Express 16(21), 16659, 2008). A resonance then drifts by
``lambda dn_eff/dT / n_g`` = 58 pm/K at 1310 nm (computed); why rings must be tuned against
such drift, and how: Padmaraju & Bergman, "Resolving the thermal challenges for silicon
microring resonator devices", Nanophotonics 3(4-5), 269, 2014.

Heat flow is solved, not assumed (:mod:`lightlane.physics.conduction`): the TiN filament in the
oxide, the Si core and slab of the device layer (thin-film conductivity), the BOX, 20 um of Si
substrate heat-sunk below, air over the passivation.

- A straight heater long against the stack: the planar cross-section gives the temperature rise
  per power per length ``R'`` (K um / mW) at its core (:func:`line_resistance`), P_pi
  (:func:`p_pi_mw`) and the rise at a parallel waveguide ``pitch`` away
  (:func:`line_crosstalk`). Checked against Jacques et al., "Optimization of thermo-optic
  phase-shifter design and mitigation of thermal crosstalk on the SOI platform", Opt. Express
  27(8), 10456 (2019): P_pi = 21.4 mW at 1550 nm for a 2 um TiN ~2.2 um above a strip
  (``tests/test_heaters.py``), and against the closed-form image solution of a strip source in
  oxide over an isothermal sink (:func:`thermal_resistance`).
- A ring heater: the axisymmetric solution is the 3-D field of the ring and its slab disc, and
  its mean over the ring's core is exact for a heater over any arc of it (the module docstring
  of :mod:`lightlane.physics.conduction`): K per mW (:func:`ring_rise_per_mw`), pm/mW
  (:func:`ring_tuning_pm_per_mw`), and the rise of a neighbouring ring ``pitch`` away, the ring
  average of that field (:func:`ring_crosstalk`; the neighbour's own slab, left out, would
  spread it a little further). This is the heater arc alone over the ring and its slab;
  the ring modulator's model (:mod:`lightlane.physics.ring_heater`) weighs by reciprocity what
  the cell also holds: the TiN leads in series with the arc, which dissipate 39 % of the power
  a few um off the ring, and the contact metal with its M2 leads, which cool the slab. For the
  7.5 um ring modulator the 2-D line model gave 247 pm/mW, the arc over its slab alone 194, and
  the whole heater 123 pm/mW at 1310 nm (152 at 1550 nm). Against it: 0.1 nm/mW measured at
  1550 nm for a TiN heater over a silicon microring modulator (Zhang et al., "240 Gb/s optical
  transmission based on an ultrafast silicon microring modulator", Photonics Res. 10(4), 1127,
  2022; their stack and radius are not published, ``tests/test_heaters.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from lightlane.physics.conduction import Block, Field, axis, solve
from lightlane.physics.materials import K_SI, K_SI_FILM, K_SIO2, K_TIN

__all__ = [
    "DN_EFF_DT",
    "HeaterStack",
    "T_REF_C",
    "line_crosstalk",
    "line_resistance",
    "p_pi_mw",
    "ring_crosstalk",
    "ring_rise_per_mw",
    "ring_tuning_pm_per_mw",
    "thermal_phase",
    "thermal_resistance",
]

DN_EFF_DT = 4.34 * 58e-6 / 1.31
"""Thermo-optic coefficient of the strip TE0 index in 1/K: the index change that drifts a
resonance of group index 4.34 by 58 pm/K at 1310 nm, i.e. 1.0675 dn_Si/dT (module docstring)."""
T_REF_C = 25.0
"""Temperature in C at which the models' indices hold (``dn_eff = 0``: room temperature)."""
_IMAGES = np.arange(-200, 201)  # image periods: R' converged to 0.05 %
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(16)
_FINE = 0.05  # um: grid step near the heater and the core (R' converged to 0.2 %)
_FAR = 60.0  # um: lateral extent of the grid (the field has decayed by > 1e3)


@dataclass(frozen=True)
class HeaterStack:
    """Heights of a heater over a waveguide, in um above the top of the BOX.

    Attributes:
        heater_z: filament centre.
        core_z: waveguide core centre.
        box: BOX thickness.
        top_z: top of the passivation (air above: adiabatic).
        k_oxide: thermal conductivity of the oxide in W/(m K).
        heater_thickness: TiN thickness.
        core_thickness: device-layer Si thickness (the core).
        k_film: conductivity of the device-layer Si in W/(m K) (0: leave the Si out).
        substrate: Si substrate thickness kept in the grid (its back is the heat sink; 0: the
            BOX bottom is the sink).
    """

    heater_z: float
    core_z: float
    box: float
    top_z: float
    k_oxide: float = K_SIO2
    heater_thickness: float = 0.15
    core_thickness: float = 0.22
    k_film: float = K_SI_FILM
    substrate: float = 20.0


def thermal_resistance(heater_width: float | np.ndarray, stack: HeaterStack) -> np.ndarray:
    """Closed form of R' (K um / mW) for a thin strip in uniform oxide over an isothermal sink.

    A uniform strip source of ``heater_width`` at ``heater_z`` over the core at ``core_z``,
    between an isothermal plane ``box`` um below the BOX top and an adiabatic surface at
    ``top_z``: images at ``+-H + 4nD`` and ``+-(2D - H) + 4nD`` (D = box + top_z,
    H = box + heater_z; sources +, sinks -), averaged over the strip's width by 16-point
    Gauss-Legendre quadrature. No Si, no substrate: the reference :func:`line_resistance` is
    checked against with those left out.
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


def _check_stack(stack: HeaterStack) -> None:
    core_top = stack.core_z + stack.core_thickness / 2
    heater_bottom = stack.heater_z - stack.heater_thickness / 2
    if not stack.box > 0:
        raise ValueError(f"box={stack.box} um must be > 0")
    if not (0 <= stack.core_z - stack.core_thickness / 2 and core_top < heater_bottom):
        raise ValueError(
            f"core {stack.core_z} +- {stack.core_thickness / 2} um must sit on the BOX, below "
            f"the heater bottom {heater_bottom} um"
        )
    if not stack.heater_z + stack.heater_thickness / 2 < stack.top_z:
        raise ValueError(f"the heater must lie below top_z={stack.top_z} um")


def _z_edges(stack: HeaterStack, extra=()) -> np.ndarray:
    h0 = stack.heater_z - stack.heater_thickness / 2
    h1 = stack.heater_z + stack.heater_thickness / 2
    c0 = stack.core_z - stack.core_thickness / 2
    c1 = stack.core_z + stack.core_thickness / 2
    bottom = -stack.box - stack.substrate
    breaks = [bottom, -stack.box, 0.0, c0, c1, h0, h1, stack.top_z, *extra]
    return axis(breaks, _FINE, 2.0, (-0.3, h1 + 0.3), growth=0.5)


def _layers(stack: HeaterStack, u_max: float, slabs=()) -> list[Block]:
    """Substrate and device-layer blocks; ``slabs`` are (u0, u1, thickness) of device Si."""
    blocks = []
    if stack.substrate > 0:
        blocks.append(Block(0.0, u_max, -stack.box - stack.substrate, -stack.box, K_SI))
    if stack.k_film > 0:
        blocks += [Block(u0, u1, 0.0, t, stack.k_film) for u0, u1, t in slabs]
    return blocks


@lru_cache(maxsize=256)
def _line_field(heater_width: float, core_width: float, stack: HeaterStack) -> Field:
    _check_stack(stack)
    c0 = stack.core_z - stack.core_thickness / 2
    u = axis([0.0, heater_width / 2, core_width / 2, _FAR], _FINE, 2.0, (0.0, 3.0))
    z = _z_edges(stack)
    core = Block(0.0, core_width / 2, c0, c0 + stack.core_thickness, stack.k_film)
    blocks = _layers(stack, _FAR) + ([core] if stack.k_film > 0 else [])
    h0 = stack.heater_z - stack.heater_thickness / 2
    heater = Block(0.0, heater_width / 2, h0, h0 + stack.heater_thickness, K_TIN)
    return solve(u, z, background=stack.k_oxide, blocks=blocks, source=heater, geometry="planar")


def _positive(name: str, value) -> float:
    value = float(value)
    if not value > 0:
        raise ValueError(f"{name}={value} um must be > 0")
    return value


def line_resistance(
    heater_width: float | np.ndarray, stack: HeaterStack, core_width: float = 0.4
) -> np.ndarray:
    """Rise of the core of a long straight heater per power per length, R' in K um / mW."""
    c0 = stack.core_z - stack.core_thickness / 2
    core_width = _positive("core_width", core_width)

    def one(w):
        field = _line_field(_positive("heater_width", w), core_width, stack)
        return field.mean(0.0, core_width / 2, c0, c0 + stack.core_thickness)

    return np.vectorize(one, otypes=[float])(heater_width)


def line_crosstalk(
    pitch: float | np.ndarray, heater_width: float, stack: HeaterStack, core_width: float = 0.4
) -> np.ndarray:
    """Rise of a parallel core ``pitch`` um away over the rise of the heated core (0..1).

    A neighbouring heater's P_pi leaks into this phase by the same fraction.
    """
    pitch = np.asarray(pitch, dtype=float)
    if np.any(pitch < 0) or np.any(pitch > _FAR / 2):
        raise ValueError(f"pitch={pitch} um must lie in [0, {_FAR / 2}] um (the grid)")
    c0 = stack.core_z - stack.core_thickness / 2
    field = _line_field(_positive("heater_width", heater_width), core_width, stack)
    u, rise = field.profile(c0, c0 + stack.core_thickness)
    own = float(line_resistance(heater_width, stack, core_width))
    return np.interp(pitch, u, rise) / own


def p_pi_mw(
    wl: float | np.ndarray, heater_width: float | np.ndarray, stack: HeaterStack
) -> np.ndarray:
    """Electrical power for a pi phase shift in mW: ``wl / (2 dn_eff/dT R')``.

    Args:
        wl: wavelength in um.
        heater_width: filament width in um.
        stack: heights of the heater and the core.
    """
    return np.asarray(wl) / (2 * DN_EFF_DT * line_resistance(heater_width, stack))


def thermal_phase(wl, power_mw, heater_width: float, stack: HeaterStack) -> np.ndarray:
    """Thermal phase shift in rad at ``power_mw`` dissipated in the filament: pi P / P_pi."""
    return np.pi * np.asarray(power_mw) / p_pi_mw(wl, heater_width, stack)


@lru_cache(maxsize=256)
def _ring_field(
    radius: float, core_width: float, heater_width: float, slab: tuple, stack: HeaterStack
) -> Field:
    _check_stack(stack)
    if not heater_width / 2 < radius:
        raise ValueError(f"heater_width={heater_width} um must be < 2 radius={2 * radius} um")
    inner, outer, thickness = slab
    core = (radius - core_width / 2, radius + core_width / 2)
    heater = (radius - heater_width / 2, radius + heater_width / 2)
    breaks = [0.0, *core, *heater, _FAR + radius]
    if thickness > 0:
        breaks += [inner, outer]
    u = axis(breaks, _FINE, 2.0, (radius - 3.0, radius + 3.0))
    z = _z_edges(stack, extra=[thickness] if thickness > 0 else [])
    c0 = stack.core_z - stack.core_thickness / 2
    blocks = _layers(stack, _FAR + radius, [(inner, outer, thickness)] if thickness else [])
    if stack.k_film > 0:  # the core, over the slab
        blocks.append(Block(*core, c0, c0 + stack.core_thickness, stack.k_film))
    h0 = stack.heater_z - stack.heater_thickness / 2
    source = Block(*heater, h0, h0 + stack.heater_thickness, K_TIN)
    return solve(u, z, background=stack.k_oxide, blocks=blocks, source=source)


def _slab(slab_radius, slab_thickness, radius):
    if slab_thickness < 0:
        raise ValueError(f"slab_thickness={slab_thickness} um must be >= 0")
    if slab_thickness and not slab_radius > radius:
        raise ValueError(f"slab_radius={slab_radius} um must exceed the radius {radius} um")
    return (0.0, float(slab_radius), float(slab_thickness)) if slab_thickness else (0, 0, 0.0)


def ring_rise_per_mw(
    radius: float,
    core_width: float,
    heater_width: float,
    stack: HeaterStack,
    slab_radius: float = 0.0,
    slab_thickness: float = 0.0,
) -> float:
    """Mean rise of the ring's core per heater power, K/mW (3-D, axisymmetric).

    Args:
        radius: ring radius (core centre) in um.
        core_width: ring core width in um.
        heater_width: TiN width in um, centred over the core.
        stack: heights of the heater and the core.
        slab_radius: outer radius of a slab disc under the ring in um (a rib ring).
        slab_thickness: its thickness in um (0: a strip ring, no slab).
    """
    radius = _positive("radius", radius)
    slab = _slab(slab_radius, slab_thickness, radius)
    field = _ring_field(
        radius, _positive("core_width", core_width), _positive("heater_width", heater_width),
        slab, stack,
    )  # fmt: skip
    c0 = stack.core_z - stack.core_thickness / 2
    return field.mean(
        radius - core_width / 2, radius + core_width / 2, c0, c0 + stack.core_thickness
    )


def ring_tuning_pm_per_mw(
    wl: float, n_g: float, radius: float, core_width: float, heater_width: float,
    stack: HeaterStack, slab_radius: float = 0.0, slab_thickness: float = 0.0,
) -> float:  # fmt: skip
    """Resonance shift per heater power in pm/mW: ``wl dn_eff/dT dT/P / n_g`` (wl in um)."""
    rise = ring_rise_per_mw(radius, core_width, heater_width, stack, slab_radius, slab_thickness)
    return wl * 1e6 * DN_EFF_DT * rise / n_g


def ring_crosstalk(
    pitch: float | np.ndarray,
    radius: float,
    core_width: float,
    heater_width: float,
    stack: HeaterStack,
    slab_radius: float = 0.0,
    slab_thickness: float = 0.0,
) -> np.ndarray:
    """Mean rise of a neighbouring ring (same radius), centres ``pitch`` um apart, over the
    heated ring's own (0..1): the share of one ring's heater power that detunes the next.
    """
    pitch = np.asarray(pitch, dtype=float)
    if np.any(pitch < 2 * radius) or np.any(pitch > _FAR):
        raise ValueError(f"pitch={pitch} um must lie in [2 radius, {_FAR}] um")
    slab = _slab(slab_radius, slab_thickness, radius)
    field = _ring_field(float(radius), float(core_width), float(heater_width), slab, stack)
    c0 = stack.core_z - stack.core_thickness / 2
    u, rise = field.profile(c0, c0 + stack.core_thickness)
    theta = np.linspace(0.0, 2 * np.pi, 721)[:-1]
    r = np.abs(pitch[..., None] + radius * np.exp(1j * theta))  # neighbour's core, from A's axis
    own = ring_rise_per_mw(radius, core_width, heater_width, stack, slab_radius, slab_thickness)
    return np.interp(r, u, rise).mean(axis=-1) / own
