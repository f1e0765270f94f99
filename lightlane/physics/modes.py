"""Effective and group index of the PDK's waveguides versus wavelength and width.

Strip (220 nm Si, SiO2 all round) and rib (220 nm core on a 90 nm slab): the TE0 index is
interpolated from tables written by a full-vectorial finite-difference mode solver,
``scripts/mode_table.py`` (``lightlane/physics/data/strip_te0.csv`` and ``rib_te0.csv``; widths
0.15-4.0 um, 25 nm steps below 0.8 um, wavelengths 1.20-1.60 um in 50 nm steps; mesh converged to
~1e-3 in n_eff, see the script). The interpolant is a bicubic interpolating spline in (width,
wavelength) (``scipy.interpolate.RectBivariateSpline``, s = 0): it passes through every solved
point and n_g = n_eff - wl dn_eff/dwl comes from its analytic wavelength derivative. Outside the
table ``ValueError`` names the width or wavelength and the range. Materials: Si from Li (1980) by
the Sellmeier form below, SiO2 from Malitson (1965), the same functions the solver used.

Against reference figures (tested in ``tests/physics/test_modes.py``): [pub] is the SiEPIC EBeam
PDK's compact model of its 500 nm strip at 1550 nm (``ebeam_wg_integral_1550``: n_eff 2.44553,
n_g 4.19088); [calc] are full-vectorial solves of another solver (its Si index and mesh not
stated), kept as a cross-check of ``scripts/mode_table.py``:

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
(0.2-0.5 um); ``tests/physics/test_modes.py`` checks the table against fresh off-grid solves.
The table is 0.006-0.008 below the two 1310 nm [calc] figures (whose solver and Si index are
not stated) and within 0.001 of the 1550 nm [pub] one.

A guide of another thickness (the 90 nm slab-only guide) has no table: it takes the calibrated
EIM (:func:`n_eff_eim`, :data:`CALIBRATION`, refit by :func:`fit_calibration` or
``python -m lightlane.physics.modes``). Each table's header records the geometry it was solved
for (:func:`table_geometry`), so the process table and the data cannot drift apart unseen.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from lightlane.physics.materials import n_si, n_sio2

if TYPE_CHECKING:
    from scipy.interpolate import RectBivariateSpline

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

# (width um, wavelength um, n_eff, n_g) of 220 nm strips: the 1550 nm row from the SiEPIC EBeam
# PDK's waveguide compact model (500 x 220 nm); the 1310 nm rows from a mode solver.
REFERENCE: tuple[tuple[float, float, float, float], ...] = (
    (0.4, 1.31, 2.565, 4.34),
    (0.5, 1.31, 2.717, 4.17),
    (0.5, 1.55, 2.4455, 4.191),
)

# (width bias um, index offset, d n / d wavelength per um) from fit_calibration().
CALIBRATION: tuple[float, float, float] = (0.01987052, 0.00326403, -0.09101174)
_GEOMETRY_TAG = "# geometry:"


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
    wl: np.ndarray, width: np.ndarray | float, thickness: float, slab_thickness: float | None
) -> np.ndarray:
    n_ox = n_sio2(wl)
    n_si_ = n_si(wl)
    n_core = slab_index(wl, thickness, n_si_, n_ox, tm=False)
    if slab_thickness is None:
        n_side = n_ox
    else:
        n_side = slab_index(wl, slab_thickness, n_si_, n_ox, tm=False)
    return slab_index(wl, width, n_core, n_side, tm=True)


def n_eff_eim(
    wl: np.ndarray | float,
    width: np.ndarray | float,
    thickness: float,
    slab_thickness: float | None = None,
    calibration: tuple[float, float, float] = CALIBRATION,
) -> np.ndarray:
    """TE0 index by the calibrated EIM (the model for guides without a mode-solver table).

    Args:
        wl: wavelength in um.
        width: core width in um (broadcasts with ``wl``).
        thickness: core thickness in um.
        slab_thickness: thickness in um of the slab beside a rib core; None for a strip.
        calibration: (width bias um, index offset, slope per um) fitted to :data:`REFERENCE`.
    """
    wl = np.asarray(wl, dtype=float)
    width = np.asarray(width, dtype=float)
    if np.any(width <= calibration[0]):
        raise ValueError(
            f"width={width.min():g} um is too narrow for the waveguide model; "
            f"use width > {calibration[0]:.3f}"
        )
    bias, offset, slope = calibration
    raw = _n_eff_raw(wl, width - bias, thickness, slab_thickness)
    return raw + offset + slope * (wl - 1.31)


def _read_table(rib: bool) -> tuple[dict[str, float], list[str]]:
    name = "rib_te0.csv" if rib else "strip_te0.csv"
    with resources.files("lightlane.physics").joinpath("data", name).open() as f:
        lines = list(f)
    geometry: dict[str, float] = {}
    for line in lines:
        if line.startswith(_GEOMETRY_TAG):
            for item in line[len(_GEOMETRY_TAG) :].split():
                key, value = item.split("=")
                geometry[key] = float(value)
    return geometry, [line for line in lines if not line.startswith("#")]


@cache
def table_geometry(rib: bool = False) -> dict[str, float]:
    """The geometry a mode table was solved for, from its header: ``core_thickness_um`` (and
    ``slab_thickness_um`` for the rib table)."""
    return _read_table(rib)[0]


@cache
def mode_table(rib: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray, RectBivariateSpline]:
    """The mode-solver table as ``(widths um, wavelengths um, n_eff[width, wavelength], spline)``.

    Read once from the package data ``lightlane/physics/data/{strip,rib}_te0.csv``; the
    geometry each table was solved for is in its header (:func:`table_geometry`).
    """
    from scipy.interpolate import RectBivariateSpline

    lines = _read_table(rib)[1]
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


def _tabulated(rib: bool, thickness: float | None) -> bool:
    """True when the table of this guide applies (its thickness, or no thickness given)."""
    return thickness is None or abs(thickness - table_geometry(rib)["core_thickness_um"]) < 1e-9


def n_eff(
    wl: np.ndarray | float,
    width: np.ndarray | float,
    rib: bool = False,
    thickness: float | None = None,
) -> np.ndarray:
    """Effective index of the TE0 mode of an oxide-clad Si waveguide.

    Args:
        wl: wavelength in um (1.20-1.60 for the tabulated guides).
        width: core width in um (broadcasts with ``wl``; 0.15-4.0 for the tabulated guides).
        rib: True for a rib (core on the table's slab), False for a strip.
        thickness: core thickness in um; None or the table's (:func:`table_geometry`) reads the
            mode-solver table, any other thickness takes the calibrated EIM
            (:func:`n_eff_eim`) of a strip of that thickness.

    Raises:
        ValueError: ``wl`` or ``width`` outside the table (the message gives the range).
    """
    if not _tabulated(rib, thickness):
        return n_eff_eim(wl, width, thickness, _slab_of(rib))
    return _from_table(wl, width, rib, 0)


def _slab_of(rib: bool) -> float | None:
    return table_geometry(True)["slab_thickness_um"] if rib else None


def group_index(
    wl: np.ndarray | float,
    width: np.ndarray | float,
    rib: bool = False,
    thickness: float | None = None,
) -> np.ndarray:
    """Group index ``n_g = n_eff - wl d n_eff / d wl`` (arguments as :func:`n_eff`).

    From the table spline's wavelength derivative for the tabulated guides; a central
    difference (0.1 nm step) of :func:`n_eff_eim` otherwise.
    """
    wl = np.asarray(wl, dtype=float)
    if not _tabulated(rib, thickness):
        step, slab = 1e-4, _slab_of(rib)
        upper = n_eff_eim(wl + step, width, thickness, slab)
        lower = n_eff_eim(wl - step, width, thickness, slab)
        return n_eff_eim(wl, width, thickness, slab) - wl * (upper - lower) / (2 * step)
    return _from_table(wl, width, rib, 0) - wl * _from_table(wl, width, rib, 1)


def fit_calibration() -> tuple[float, float, float]:
    """Refit the EIM's :data:`CALIBRATION` to :data:`REFERENCE` (n_eff weight 1, n_g 0.3)."""
    from scipy.optimize import least_squares

    core = table_geometry(False)["core_thickness_um"]

    def eim(wl: float, w: float, cal: tuple[float, float, float]) -> float:
        return float(n_eff_eim(wl, w, core, calibration=cal))

    def residuals(p: np.ndarray) -> list[float]:
        cal = (float(p[0]), float(p[1]), float(p[2]))

        def ng(wl: float, w: float) -> float:
            step = 1e-4
            return eim(wl, w, cal) - wl * (eim(wl + step, w, cal) - eim(wl - step, w, cal)) / (
                2 * step
            )

        res = [eim(wl, w, cal) - n for w, wl, n, _ in REFERENCE]
        res += [0.3 * (ng(wl, w) - g) for w, wl, _, g in REFERENCE]
        return res

    fit = least_squares(residuals, x0=[0.0, 0.0, 0.0])
    return (float(fit.x[0]), float(fit.x[1]), float(fit.x[2]))


if __name__ == "__main__":
    print("CALIBRATION =", fit_calibration())
