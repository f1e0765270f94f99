"""Effective and group index of the PDK's waveguides versus wavelength and width.

Strip (220 nm Si, SiO2 all round) and rib (220 nm core on a 90 nm slab): the TE0 index is
interpolated from tables written by a full-vectorial finite-difference mode solver,
``scripts/mode_table.py`` (``lightlane/models/data/strip_te0.csv`` and ``rib_te0.csv``; widths
0.15-4.0 um, 25 nm steps below 0.8 um, wavelengths 1.20-1.60 um in 50 nm steps; mesh converged to
~1e-3 in n_eff, see the script). The interpolant is a bicubic interpolating spline in (width,
wavelength) (``scipy.interpolate.RectBivariateSpline``, s = 0): it passes through every solved
point and n_g = n_eff - wl dn_eff/dwl comes from its analytic wavelength derivative. Outside the
table ``ValueError`` names the width or wavelength and the range. Materials: Si from Li (1980) by
the Sellmeier form below, SiO2 from Malitson (1965), the same functions the solver used.

Against ``shared/DOMAIN.md`` section 2 (tested in ``tests/test_dispersion.py``):

=============================  =========  =======  ===========  =====
waveguide                      n_eff ref  table    n_g ref      table
=============================  =========  =======  ===========  =====
400 x 220 nm, 1310 nm [calc]   2.565      2.5571   4.34         4.34
500 x 220 nm, 1310 nm [calc]   2.717      2.7105   4.17         4.155
500 x 220 nm, 1550 nm [pub]    2.4455     2.4444   4.191        4.18
=============================  =========  =======  ===========  =====

Why the table and not the previous calibrated effective-index method (EIM, three constants fitted
to those three figures): the EIM matched the three figures to 0.002 by construction, but its width
dependence is the EIM's, which the mode solver does not bear out away from them: at 1310 nm the
EIM is 0.12 high at 0.2 um (1.752 vs 1.628), 0.005 high at 2 um, and 0.02-0.06 high on the rib
(0.2-0.5 um); ``tests/test_dispersion.py`` checks the table against fresh off-grid solves.
The table is 0.006-0.008 below the two 1310 nm [calc] figures (whose solver and Si index are
not stated) and within 0.001 of the 1550 nm [pub] one.

The 90 nm slab-only guide (``thickness=SLAB_THICKNESS``) has no table: it keeps the calibrated
EIM (:func:`n_eff_eim`, :data:`CALIBRATION`, refit by :func:`fit_calibration` or
``python -m lightlane.models.dispersion``); any thickness other than 220 nm takes that path.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

__all__ = [
    "CALIBRATION",
    "REFERENCE",
    "group_index",
    "mode_table",
    "n_eff",
    "n_eff_eim",
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


def n_eff_eim(
    wl: np.ndarray | float,
    width: np.ndarray | float = 0.4,
    rib: bool = False,
    thickness: float = CORE_THICKNESS,
    calibration: tuple[float, float, float] = CALIBRATION,
) -> np.ndarray:
    """TE0 index by the calibrated EIM (the model for guides without a mode-solver table).

    Args:
        wl: wavelength in um.
        width: core width in um (broadcasts with ``wl``).
        rib: True for a rib (core on the 90 nm slab), False for a strip.
        thickness: core thickness in um.
        calibration: (width bias um, index offset, slope per um) fitted to :data:`REFERENCE`.
    """
    wl = np.asarray(wl, dtype=float)
    width = np.asarray(width, dtype=float)
    if np.any(width <= calibration[0]):
        raise ValueError(f"width={width.min():g} um is too narrow for the waveguide model")
    bias, offset, slope = calibration
    return _n_eff_raw(wl, width - bias, rib, thickness) + offset + slope * (wl - 1.31)


@cache
def mode_table(rib: bool = False):
    """The mode-solver table as ``(widths um, wavelengths um, n_eff[width, wavelength], spline)``.

    Read once from the package data ``lightlane/models/data/{strip,rib}_te0.csv``.
    """
    from scipy.interpolate import RectBivariateSpline

    name = "rib_te0.csv" if rib else "strip_te0.csv"
    with resources.files("lightlane.models").joinpath("data", name).open() as f:
        lines = [line for line in f if not line.startswith("#")]
    wavelengths = np.array([float(v) for v in lines[0].split(",")[1:]])
    data = np.array([[float(v) for v in line.split(",")] for line in lines[1:] if line.strip()])
    widths, values = data[:, 0], data[:, 1:]
    spline = RectBivariateSpline(widths, wavelengths, values, kx=3, ky=3, s=0)
    return widths, wavelengths, values, spline


def _from_table(wl, width, rib: bool, dwl: int) -> np.ndarray:
    widths, wavelengths, _, spline = mode_table(rib)
    wl, width = np.broadcast_arrays(np.asarray(wl, dtype=float), np.asarray(width, dtype=float))
    name = "rib" if rib else "strip"
    for label, value, grid, unit in (("width", width, widths, "um"), ("wl", wl, wavelengths, "um")):
        lo, hi = grid[0], grid[-1]
        bad = (value < lo - 1e-9) | (value > hi + 1e-9) | np.isnan(value)
        if np.any(bad):
            raise ValueError(
                f"{label}={value[bad].flat[0]:g} {unit} is outside the {name} mode table's "
                f"{label} range {lo:g}-{hi:g} {unit}"
            )
    w = np.clip(width, widths[0], widths[-1]).ravel()
    x = np.clip(wl, wavelengths[0], wavelengths[-1]).ravel()
    return spline.ev(w, x, dy=dwl).reshape(wl.shape)


def n_eff(
    wl: np.ndarray | float,
    width: np.ndarray | float = 0.4,
    rib: bool = False,
    thickness: float = CORE_THICKNESS,
) -> np.ndarray:
    """Effective index of the TE0 mode of an oxide-clad Si waveguide.

    Args:
        wl: wavelength in um (1.20-1.60 for the 220 nm guides).
        width: core width in um (broadcasts with ``wl``; 0.15-4.0 for the 220 nm guides).
        rib: True for a rib (core on the 90 nm slab), False for a strip.
        thickness: core thickness in um: 0.22 (strip and rib: the mode-solver table) or 0.09 for
            a slab-only guide (the calibrated EIM, :func:`n_eff_eim`).

    Raises:
        ValueError: ``wl`` or ``width`` outside the table (the message gives the range).
    """
    if thickness != CORE_THICKNESS:
        return n_eff_eim(wl, width, rib, thickness)
    return _from_table(wl, width, rib, 0)


def group_index(
    wl: np.ndarray | float,
    width: np.ndarray | float = 0.4,
    rib: bool = False,
    thickness: float = CORE_THICKNESS,
) -> np.ndarray:
    """Group index ``n_g = n_eff - wl d n_eff / d wl``.

    From the table spline's wavelength derivative for the 220 nm guides; a central difference
    (0.1 nm step) of :func:`n_eff_eim` otherwise.
    """
    wl = np.asarray(wl, dtype=float)
    if thickness != CORE_THICKNESS:
        step = 1e-4
        upper = n_eff_eim(wl + step, width, rib, thickness)
        lower = n_eff_eim(wl - step, width, rib, thickness)
        return n_eff_eim(wl, width, rib, thickness) - wl * (upper - lower) / (2 * step)
    return _from_table(wl, width, rib, 0) - wl * _from_table(wl, width, rib, 1)


def fit_calibration() -> tuple[float, float, float]:
    """Refit the EIM's :data:`CALIBRATION` to :data:`REFERENCE` (n_eff weight 1, n_g 0.3)."""
    from scipy.optimize import least_squares

    def residuals(p: np.ndarray) -> list[float]:
        cal = (float(p[0]), float(p[1]), float(p[2]))

        def ng(wl: float, w: float) -> float:
            step = 1e-4
            d = n_eff_eim(wl + step, w, calibration=cal) - n_eff_eim(wl - step, w, calibration=cal)
            return float(n_eff_eim(wl, w, calibration=cal) - wl * d / (2 * step))

        res = [float(n_eff_eim(wl, w, calibration=cal)) - n for w, wl, n, _ in REFERENCE]
        res += [0.3 * (ng(wl, w) - g) for w, wl, _, g in REFERENCE]
        return res

    fit = least_squares(residuals, x0=[0.0, 0.0, 0.0])
    return (float(fit.x[0]), float(fit.x[1]), float(fit.x[2]))


if __name__ == "__main__":
    print("CALIBRATION =", fit_calibration())
