"""Evanescent coupling between guides: directional couplers, ring-bus gaps, MMI self-imaging.

Strip couplers (coupled-mode theory, Chrostowski & Hochberg, "Silicon Photonics Design", CUP
2015): two identical guides exchange power with ``kappa = pi / (2 L_x)``, ``L_x`` the
full-transfer (cross-over) length. ``L_x(gap, wl, width)`` follows Marcuse's slab-coupler formula
(``kappa = 2 h^2 p exp(-p g) / (beta (w + 2/p)(h^2 + p^2))``, Yariv & Yeh, "Photonics", 2007)
with ``h``, ``p`` and ``beta`` from the slab and mode indices of :mod:`lightlane.physics.modes`,
and three constants fitted to supermode-solver cross-over lengths (:data:`COUPLING_REFERENCE`,
reference values of another solver, not a publication):
a scale ``C``, a factor ``c_p`` on the decay constant, and a near-field term ``q / (p g)`` in the
exponent that captures the faster-than-exponential growth of coupling at narrow gaps:

=======================  ======  ======  ======  ======  ======
gap (nm)                 100     150     200     250     300
=======================  ======  ======  ======  ======  ======
1310 nm, 400 nm: ref             27.0    47.2    81.8    141
1310 nm, 400 nm: model           26.7    46.9    81.5    140.7
1550 nm, 500 nm: ref     14.3    23.5    37.0    57.7    89.3
1550 nm, 500 nm: model   14.3    23.5    37.3    58.1    90.1
=======================  ======  ======  ======  ======  ======

Fit error: at most 1.1 % in ``L_x``. :func:`fit_coupling_calibration` redoes the fit
(``python -m lightlane.physics.coupling``).

Rib couplers (ring modulators): the slab in the gap couples far more than oxide, so the
coupling is the even-odd supermode splitting of the lateral effective-index profile
(:func:`rib_coupling_per_um`).

MMIs: self-imaging (Soldano & Pennings, J. Lightwave Technol. 13(4), 615, 1995).
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.linalg import eigvalsh_tridiagonal

from lightlane.physics.geometry import sbend_offset
from lightlane.physics.junction import slab_mode
from lightlane.physics.materials import n_si, n_sio2
from lightlane.physics.modes import CALIBRATION, n_eff, slab_index

__all__ = [
    "COUPLING_CALIBRATION",
    "COUPLING_REFERENCE",
    "MMI_DESIGN",
    "coupling_angle",
    "fit_coupling_calibration",
    "full_transfer_length",
    "mmi_beat_length",
    "rib_coupling_per_um",
    "ring_coupling",
    "ring_coupling_angle",
    "self_imaging_length",
]

# (width um, wavelength um, gap um, L_x um): cross-over lengths of oxide-clad 220 nm strip pairs
# computed with a supermode (eigenmode) solver, O band at 400 nm and C band at 500 nm width.
COUPLING_REFERENCE: tuple[tuple[float, float, float, float], ...] = (
    *((0.4, 1.31, g, lx) for g, lx in ((0.15, 27.0), (0.2, 47.2), (0.25, 81.8), (0.3, 141.0))),
    *(
        (0.5, 1.55, g, lx)
        for g, lx in ((0.1, 14.3), (0.15, 23.5), (0.2, 37.0), (0.25, 57.7), (0.3, 89.3))
    ),
)

# (scale C, decay factor c_p, near-field term q) from fit_coupling_calibration().
COUPLING_CALIBRATION: tuple[float, float, float] = (3.83117867, 1.05778427, -0.1879644)
_QUADRATURE = np.polynomial.legendre.leggauss(48)
# Beyond this extra separation (um) the coupling is below exp(-20) of the gap's: stop there.
_COUPLING_REACH = 2.0


def full_transfer_length(
    gap: np.ndarray | float,
    wl: np.ndarray | float,
    width: np.ndarray | float,
    thickness: float,
    calibration: tuple[float, float, float] = COUPLING_CALIBRATION,
) -> np.ndarray:
    """Cross-over length ``L_x`` (um) of two identical strip guides ``gap`` um apart.

    Args:
        gap: edge-to-edge gap in um (broadcasts).
        wl: wavelength in um.
        width: core width in um.
        thickness: core thickness in um.
        calibration: (C, c_p, q), see the module docstring.
    """
    wl = np.asarray(wl, dtype=float)
    gap = np.asarray(gap, dtype=float)
    scale, decay, near_field = calibration
    k0 = 2 * np.pi / wl
    n_clad = n_sio2(wl)
    n_core = slab_index(wl, thickness, n_si(wl), n_clad, tm=False)
    index = n_eff(wl, width, thickness=thickness)
    h = k0 * np.sqrt(n_core**2 - index**2)
    p = decay * k0 * np.sqrt(index**2 - n_clad**2)
    core = np.asarray(width) - CALIBRATION[0]
    kappa = 2 * h**2 * p * np.exp(-p * gap) / (k0 * index * (core + 2 / p) * (h**2 + p**2))
    return scale * np.pi / (2 * kappa) * np.exp(near_field / (p * gap))


def coupling_angle(
    wl: np.ndarray,
    gap: np.ndarray,
    length: float,
    width: float,
    dx: float,
    height: float,
    thickness: float,
) -> np.ndarray:
    """Accumulated coupling ``theta = int kappa dz`` (rad) of a coupler with raised-sine fans.

    The straight section gives ``kappa(gap) length``; each of the two fans adds
    ``int_0^dx kappa(gap + 2 y(x)) dx`` with ``y`` the S-bend offset (the vertical separation
    stands for the normal one: the fans are shallow where they still couple; 48-point
    Gauss-Legendre quadrature).
    """
    wl = np.asarray(wl, dtype=float)
    gap = np.asarray(gap, dtype=float)
    nodes, weights = _QUADRATURE
    x = dx * (nodes + 1) / 2
    separation = gap[..., None] + 2 * sbend_offset(x, dx, height)
    kappa_fan = np.pi / (2 * full_transfer_length(separation, wl[..., None], width, thickness))
    fans = 2 * np.sum(weights * kappa_fan, axis=-1) * dx / 2
    return np.pi / (2 * full_transfer_length(gap, wl, width, thickness)) * length + fans


def ring_coupling_angle(
    wl: np.ndarray,
    gap: np.ndarray,
    radius: float,
    length_x: float,
    width: float,
    thickness: float,
) -> np.ndarray:
    """Coupling ``theta = int kappa dz`` (rad) between a straight bus and a racetrack's lower half.

    The straight section gives ``kappa(gap) length_x``; each arc adds ``int kappa(g(u)) du`` with
    ``g(u) = gap + R' - sqrt(R'^2 - u^2)``, ``R' = radius + width / 2`` the outer edge, ``u``
    along the bus (48-point Gauss-Legendre up to where the separation has grown by 2 um).
    """
    wl = np.asarray(wl, dtype=float)
    gap = np.asarray(gap, dtype=float)
    outer = radius + width / 2
    reach = min(outer, np.sqrt(2 * outer * _COUPLING_REACH - _COUPLING_REACH**2))
    nodes, weights = _QUADRATURE
    u = reach * (nodes + 1) / 2
    separation = gap[..., None] + outer - np.sqrt(outer**2 - u**2)
    kappa_arc = np.pi / (2 * full_transfer_length(separation, wl[..., None], width, thickness))
    arcs = 2 * np.sum(weights * kappa_arc, axis=-1) * reach / 2
    return np.pi / (2 * full_transfer_length(gap, wl, width, thickness)) * length_x + arcs


def rib_coupling_per_um(
    gap, width: float, wl: float, core_thickness: float, slab_thickness: float
) -> np.ndarray:
    """Coupling ``kappa = pi dn / wl`` (1/um) of two rib cores ``gap`` apart on a shared slab.

    ``dn`` is the even-odd supermode splitting of the lateral effective-index profile (the
    core and slab slab-mode indices of :func:`lightlane.physics.junction.slab_mode`), by 1-D
    finite differences.
    """
    return np.vectorize(
        lambda g: _supermode_splitting(float(g), width, wl, core_thickness, slab_thickness)
    )(gap)


@functools.cache
def _supermode_splitting(
    gap: float, width: float, wl: float, core_thickness: float, slab_thickness: float
) -> float:
    n_core, _ = slab_mode(wl, core_thickness)
    n_slab, _ = slab_mode(wl, slab_thickness)
    dx = 0.005
    x = np.arange(-3.0, 3.0 + gap + width, dx)
    cores = (np.abs(x) <= width / 2) | (np.abs(x - gap - width) <= width / 2)
    k0 = 2 * np.pi / wl
    main = -2 / dx**2 + (k0 * np.where(cores, n_core, n_slab)) ** 2
    off = np.full(x.size - 1, 1 / dx**2)
    n = x.size  # the even and odd supermodes: the two largest eigenvalues of the tridiagonal
    top = np.sqrt(eigvalsh_tridiagonal(main, off, select="i", select_range=(n - 2, n - 1)))
    return float(np.pi * (top[1] - top[0]) / k0 / wl)


def ring_coupling(
    gap, radius: float, width: float, wl: float, core_thickness: float, slab_thickness: float
) -> np.ndarray:
    """Bus-ring coupling angle (rad) of rib guides: ``kappa(gap) sqrt(2 pi R' g0)``.

    With ``kappa(g) = kappa(gap) exp(-(g - gap) / g0)`` and ``g = gap + u^2 / (2 R')`` along the
    bus (``R'`` the ring's outer edge), the integral of kappa is a Gaussian one.
    """
    thicknesses = (core_thickness, slab_thickness)
    k0 = rib_coupling_per_um(gap, width, wl, *thicknesses)
    k1 = rib_coupling_per_um(gap + 0.05, width, wl, *thicknesses)
    decay = 0.05 / np.log(k0 / k1)
    return k0 * np.sqrt(2 * np.pi * (radius + width / 2) * decay)


def mmi_beat_length(width_mmi: float, wl: np.ndarray | float, thickness: float) -> np.ndarray:
    """Beat length ``L_pi = 4 n_r W_eff^2 / (3 wl)`` of an MMI section (Soldano & Pennings 1995).

    ``n_r`` is the TE slab index of the core, ``W_eff = W + (wl / pi) (n_c / n_r)^2
    (n_r^2 - n_c^2)^-1/2`` the effective width with the lateral (TM-like, sigma = 1) penetration
    into the oxide. Lengths in um.
    """
    wl = np.asarray(wl, dtype=float)
    n_c = n_sio2(wl)
    n_r = slab_index(wl, thickness, n_si(wl), n_c, tm=False)
    w_eff = width_mmi + wl / np.pi * (n_c / n_r) ** 2 / np.sqrt(n_r**2 - n_c**2)
    return 4 * n_r * w_eff**2 / (3 * wl)


# Self-imaging length as a fraction of L_pi, and port offset as a fraction of the MMI width.
MMI_DESIGN: dict[str, tuple[float, float]] = {
    # 1x2 symmetric (restricted) interference: 2-fold image at 3 L_pi / 8, outputs at +-W/4.
    "mmi1x2": (3 / 8, 1 / 4),
    # 2x2 paired interference (ports at +-W/6 excite no mode 2, 5, ...): 2-fold at L_pi / 2.
    "mmi2x2": (1 / 2, 1 / 6),
}


def self_imaging_length(
    kind: str, width_mmi: float, wl: np.ndarray | float, thickness: float
) -> np.ndarray:
    """Length (um) at which the ``kind`` MMI of ``width_mmi`` forms its 2-fold image at ``wl``."""
    return MMI_DESIGN[kind][0] * mmi_beat_length(width_mmi, wl, thickness)


def fit_coupling_calibration(thickness: float) -> tuple[float, float, float]:
    """Refit :data:`COUPLING_CALIBRATION` to :data:`COUPLING_REFERENCE` (least squares, ln L_x)."""
    from scipy.optimize import least_squares

    width, wl, gap, reference = np.array(COUPLING_REFERENCE).T

    def residuals(p: np.ndarray) -> np.ndarray:
        cal = (float(p[0]), float(p[1]), float(p[2]))
        return np.log(full_transfer_length(gap, wl, width, thickness, cal) / reference)

    fit = least_squares(residuals, x0=[1.0, 1.0, 0.0])
    return (float(fit.x[0]), float(fit.x[1]), float(fit.x[2]))


if __name__ == "__main__":
    from lightlane.physics.modes import table_geometry

    core = table_geometry(False)["core_thickness_um"]
    print("COUPLING_CALIBRATION =", fit_coupling_calibration(core))
