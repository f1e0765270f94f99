"""Effective and group index of the PDK's waveguides versus wavelength and width.

A calibrated effective-index method (EIM): the vertical slab (220 nm Si core, or the 90 nm slab)
is solved for its TE0 index, then the lateral slab of the core width is solved for its TM-like
fundamental (the TE waveguide mode's field is lateral). A rib's lateral cladding is the 90 nm slab
instead of oxide. Materials: Si from Li (1980) as fitted by the Sellmeier form below, SiO2 from
Malitson (1965). EIM overestimates confinement, so three constants (a width bias, an index offset
and a linear wavelength term) are fitted to the reference figures of ``shared/DOMAIN.md``:

=============================  =========  =====  ===========  =====
waveguide                      n_eff ref  model  n_g ref      model
=============================  =========  =====  ===========  =====
400 x 220 nm, 1310 nm [calc]   2.565      2.565  4.34         4.33
500 x 220 nm, 1310 nm [calc]   2.717      2.716  4.17         4.22
500 x 220 nm, 1550 nm [pub]    2.4455     2.446  4.191        4.16
=============================  =========  =====  ===========  =====

Tolerance: n_eff within 0.002 and n_g within 0.06 of these (tested). The fit script is
:func:`fit_calibration`; run ``python -m lightlane.models.dispersion`` to redo it.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "CALIBRATION",
    "REFERENCE",
    "group_index",
    "n_eff",
    "n_si",
    "n_sio2",
    "slab_index",
]

CORE_THICKNESS = 0.22  # um
SLAB_THICKNESS = 0.09  # um

# (width um, wavelength um, n_eff, n_g) from shared/DOMAIN.md section 2.
REFERENCE: tuple[tuple[float, float, float, float], ...] = (
    (0.4, 1.31, 2.565, 4.34),
    (0.5, 1.31, 2.717, 4.17),
    (0.5, 1.55, 2.4455, 4.191),
)

# (width bias um, index offset, d n / d wavelength per um) from fit_calibration().
CALIBRATION: tuple[float, float, float] = (0.01987052, 0.00326403, -0.09101174)


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


def slab_index(
    wl: np.ndarray, thickness: np.ndarray | float, n_core: np.ndarray, n_clad: np.ndarray, tm: bool
) -> np.ndarray:
    """Fundamental-mode index of a symmetric slab, by vectorised bisection (1e-15 relative).

    Solves ``kappa t / 2 = arctan(r gamma / kappa)`` with ``r = 1`` (TE) or
    ``(n_core / n_clad)^2`` (TM).
    """
    k0 = 2 * np.pi / wl
    shape = np.broadcast(wl, thickness, n_core, n_clad).shape
    lo = np.broadcast_to(n_clad, shape).astype(float) + 1e-12
    hi = np.broadcast_to(n_core, shape).astype(float) - 1e-12
    ratio = (n_core / n_clad) ** 2 if tm else 1.0
    for _ in range(52):
        mid = 0.5 * (lo + hi)
        kappa = k0 * np.sqrt(n_core**2 - mid**2)
        gamma = k0 * np.sqrt(mid**2 - n_clad**2)
        too_high = kappa * thickness / 2 < np.arctan(ratio * gamma / kappa)
        hi = np.where(too_high, mid, hi)
        lo = np.where(too_high, lo, mid)
    return 0.5 * (lo + hi)


def _n_eff_raw(
    wl: np.ndarray, width: np.ndarray | float, rib: bool, thickness: float
) -> np.ndarray:
    n_ox = n_sio2(wl)
    n_si_ = n_si(wl)
    n_core = slab_index(wl, thickness, n_si_, n_ox, tm=False)
    n_side = slab_index(wl, SLAB_THICKNESS, n_si_, n_ox, tm=False) if rib else n_ox
    return slab_index(wl, width, n_core, n_side, tm=True)


def n_eff(
    wl: np.ndarray | float,
    width: np.ndarray | float = 0.4,
    rib: bool = False,
    thickness: float = CORE_THICKNESS,
    calibration: tuple[float, float, float] = CALIBRATION,
) -> np.ndarray:
    """Effective index of the TE0 mode of an oxide-clad Si waveguide.

    Args:
        wl: wavelength in um.
        width: core width in um (broadcasts with ``wl``).
        rib: True for a rib (core on the 90 nm slab), False for a strip.
        thickness: core thickness in um (0.22 strip and rib, 0.09 for a slab-only guide).
        calibration: (width bias um, index offset, slope per um), see the module docstring.
    """
    wl = np.asarray(wl, dtype=float)
    width = np.asarray(width, dtype=float)
    if np.any(width <= calibration[0]):
        raise ValueError(f"width={width.min():g} um is too narrow for the waveguide model")
    bias, offset, slope = calibration
    return _n_eff_raw(wl, width - bias, rib, thickness) + offset + slope * (wl - 1.31)


def group_index(
    wl: np.ndarray | float,
    width: np.ndarray | float = 0.4,
    rib: bool = False,
    thickness: float = CORE_THICKNESS,
    calibration: tuple[float, float, float] = CALIBRATION,
) -> np.ndarray:
    """Group index ``n_g = n_eff - wl d n_eff / d wl`` (central difference, 0.1 nm step)."""
    wl = np.asarray(wl, dtype=float)
    step = 1e-4
    upper = n_eff(wl + step, width, rib, thickness, calibration)
    lower = n_eff(wl - step, width, rib, thickness, calibration)
    return n_eff(wl, width, rib, thickness, calibration) - wl * (upper - lower) / (2 * step)


def fit_calibration() -> tuple[float, float, float]:
    """Refit :data:`CALIBRATION` to :data:`REFERENCE` (n_eff weighted 1, n_g weighted 0.3)."""
    from scipy.optimize import least_squares

    def residuals(p: np.ndarray) -> list[float]:
        cal = (float(p[0]), float(p[1]), float(p[2]))
        res = [float(n_eff(wl, w, calibration=cal)) - n for w, wl, n, _ in REFERENCE]
        res += [0.3 * (float(group_index(wl, w, calibration=cal)) - g) for w, wl, _, g in REFERENCE]
        return res

    fit = least_squares(residuals, x0=[0.0, 0.0, 0.0])
    return (float(fit.x[0]), float(fit.x[1]), float(fit.x[2]))


if __name__ == "__main__":
    print("CALIBRATION =", fit_calibration())
