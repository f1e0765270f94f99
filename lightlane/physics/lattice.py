"""Synthesis of flat-top MZI-lattice filter stages (the CWDM4 multiplexer's building block).

A stage is a 50:50 split followed by delay sections and directional couplers: a lattice of
order ``sum(orders)`` with delays of 1, 2, 2 unit lengths after Horst et al., "Cascaded
Mach-Zehnder wavelength filters in silicon photonics for low loss and flat pass-band WDM
(de-)multiplexing", Opt. Express 21, 11652 (2013). :func:`design_stage` centres a normalised
prototype on the real dispersion of the guides and the couplers: the unit delay of an FSR is
``L = lambda_c^2 / (n_g FSR)`` (Madsen & Zhao, "Optical Filter Design and Analysis: A Signal
Processing Approach", Wiley 1999), and FSR scales with lambda^2, so the grid walks across the band.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.physics.coupling import coupling_angle
from lightlane.physics.modes import group_index, n_eff
from lightlane.physics.wdm import CWDM_DEVIATION_NM, windows_um

__all__ = ["PROTOTYPES", "StageGeometry", "design_stage", "stage_power", "worst_leak_db"]

# Normalised prototypes (phase offsets of the delays in rad, coupling angles in rad) of the
# ideal, dispersion-free lattice with a 50:50 first split, from a seeded random search with
# Nelder-Mead polish of the worst in-window leak: [1, 2, 2] for a 65 % window (stage 1),
# [1, 2] for a 32.5 % window (stage 2); design_stage() refines them with the real dispersion.
PROTOTYPES: dict[tuple[int, ...], tuple[float, ...]] = {
    (1, 2, 2): (1.5692, -3.1428, 3.1447, 0.9982, 0.4032, 0.1926),
    (1, 2): (1.5709, 3.1415, 1.0073, 0.2809),
}


@dataclass(frozen=True)
class StageGeometry:
    """The guides and couplers of a stage, in um.

    Attributes:
        width: core width of the arms and couplers.
        thickness: core thickness.
        gap: coupler gap.
        dx: length of each coupler's S-bend fans.
        pitch: coupler port pitch (centre to centre).
        grid: layout grid the delays and lengths are rounded to.
        window_half_nm: half-width of each channel's window in nm.
        dn_eff: effective-index offset of the guides at the stage's design temperature (a stage
            held hot by its heaters is designed with ``DN_EFF_DT (T_hold - T_ref)``).
    """

    width: float
    thickness: float
    gap: float
    dx: float
    pitch: float
    grid: float
    window_half_nm: float = CWDM_DEVIATION_NM
    dn_eff: float = 0.0

    @property
    def fan_height(self) -> float:
        """Rise of each coupler S-bend: from the gap to the port pitch."""
        return (self.pitch - self.gap - self.width) / 2


def stage_power(
    wl: np.ndarray, delays: np.ndarray, coupler_lengths: np.ndarray, g: StageGeometry
) -> np.ndarray:
    """Lossless power at (top, bottom) of a stage: the design's fast kernel."""
    index = n_eff(wl, g.width, thickness=g.thickness) + g.dn_eff
    a = np.stack([np.ones_like(wl), np.ones_like(wl)]).astype(complex) / np.sqrt(2)
    for delay, length in zip(delays, coupler_lengths, strict=True):
        phase = np.exp(-2j * np.pi * index * abs(delay) / wl)
        a = a * (
            np.stack([phase, np.ones_like(wl)])
            if delay > 0
            else np.stack([np.ones_like(phase), phase])
        )
        theta = coupling_angle(
            wl, np.asarray(g.gap), length, g.width, g.dx, g.fan_height, g.thickness
        )
        c, s = np.cos(theta), -1j * np.sin(theta)
        a = np.stack([c * a[0] + s * a[1], s * a[0] + c * a[1]])
    return np.abs(a) ** 2


def worst_leak_db(
    delays,
    coupler_lengths,
    top_nm: tuple[float, ...],
    bottom_nm: tuple[float, ...],
    g: StageGeometry,
) -> float:
    """Largest power (dB) a stage sends to the wrong output over the given channels' windows."""
    half = g.window_half_nm
    leak = [stage_power(w, delays, coupler_lengths, g)[1] for w in windows_um(top_nm, half)]
    leak += [stage_power(w, delays, coupler_lengths, g)[0] for w in windows_um(bottom_nm, half)]
    return float(10 * np.log10(np.max(leak)))


def design_stage(
    orders: tuple[int, ...],
    top_nm: tuple[float, ...],
    bottom_nm: tuple[float, ...],
    fsr_nm: float,
    wl_ref: float,
    g: StageGeometry,
) -> tuple[tuple[float, ...], tuple[float, ...], float]:
    """Delays and coupler lengths (um, on the layout grid) of a flat-top stage; its worst leak.

    1. Unit delay ``L = wl_ref^2 / (n_g fsr)``, nudged to a whole number of wavelengths at
       ``wl_ref`` so that the prototype's phase offsets apply there.
    2. Delays ``orders[k] L + psi_k wl_ref / (2 pi n_eff)`` and coupler lengths whose coupling
       angle at ``wl_ref`` is the prototype's (:data:`PROTOTYPES`).
    3. Nelder-Mead on (unit-delay scale, psi_k, coupler lengths) minimising the worst leak over
       the channels' windows with the real n_eff(wl) and kappa(wl): this re-centres the grid
       against the FSR walk and absorbs the couplers' dispersion.
    4. Delays rounded to 2 grid steps (centred arms) and coupler lengths to 1 nm, and the leak
       re-evaluated.
    """
    from scipy.optimize import minimize

    index = float(n_eff(wl_ref, g.width, thickness=g.thickness)) + g.dn_eff
    ng = float(group_index(wl_ref, g.width, thickness=g.thickness))
    unit = round(index * wl_ref**2 / (ng * fsr_nm * 1e-3) / wl_ref) * wl_ref / index
    n = len(orders)
    prototype = np.asarray(PROTOTYPES[tuple(orders)])
    grid = np.linspace(0.0, 60.0, 6001)
    angle = coupling_angle(
        np.full_like(grid, wl_ref),
        np.asarray(g.gap),
        grid,
        g.width,
        g.dx,
        g.fan_height,
        g.thickness,
    )
    lengths = [grid[np.argmin(np.abs(angle - t))] for t in prototype[n:]]

    def unpack(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        offsets = x[1 : 1 + n] * wl_ref / (2 * np.pi * index)
        return np.asarray(orders) * unit * (1 + 1e-2 * x[0]) + offsets, x[1 + n :]

    def cost(x: np.ndarray) -> float:
        delays, lengths_ = unpack(x)
        if np.any(lengths_ < 0):
            return 10.0
        return worst_leak_db(delays, lengths_, top_nm, bottom_nm, g)

    x = np.r_[0.0, prototype[:n], lengths]
    for _ in range(3):  # restarts: the simplex collapses early on this ripple-limited cost
        options = {"maxiter": 8000, "xatol": 1e-8, "fatol": 1e-7, "adaptive": True}
        x = minimize(cost, x, method="Nelder-Mead", options=options).x
    delays, lengths_ = unpack(x)
    step = 2 * g.grid
    delays = tuple(float(v) for v in np.round(delays / step) * step)
    lengths_ = tuple(float(v) for v in np.round(lengths_, 3))
    return delays, lengths_, worst_leak_db(delays, lengths_, top_nm, bottom_nm, g)
