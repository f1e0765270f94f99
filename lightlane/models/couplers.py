"""Compact models of the coupler cells: directional coupler and 1x2 / 2x2 MMIs.

Coupling (coupled-mode theory, Chrostowski & Hochberg, "Silicon Photonics Design", CUP 2015,
ch. 4.1): two identical guides exchange power with ``kappa = pi / (2 L_x)``, ``L_x`` the
full-transfer (cross-over) length. ``L_x(gap, wl, width)`` follows Marcuse's slab-coupler formula
(``kappa = 2 h^2 p exp(-p g) / (beta (w + 2/p)(h^2 + p^2))``, Yariv & Yeh, "Photonics", 2007)
with ``h``, ``p`` and ``beta`` from the calibrated effective-index model of
:mod:`lightlane.models.dispersion`, and three constants fitted to the supermode-solver table of
``shared/DOMAIN.md`` section 2: a scale ``C``, a factor ``c_p`` on the decay constant, and a
near-field term ``q / (p g)`` in the exponent that captures the faster-than-exponential growth of
coupling at narrow gaps. ``ln L_x`` is thus linear in gap up to that term:

=======================  ======  ======  ======  ======  ======
gap (nm)                 100     150     200     250     300
=======================  ======  ======  ======  ======  ======
1310 nm, 400 nm: ref             27.0    47.2    81.8    141
1310 nm, 400 nm: model           26.7    46.9    81.5    140.7
1550 nm, 500 nm: ref     14.3    23.5    37.0    57.7    89.3
1550 nm, 500 nm: model   14.3    23.5    37.3    58.1    90.1
=======================  ======  ======  ======  ======  ======

Fit error: at most 1.1 % in ``L_x`` (tested at 1.5 %: the 150 nm gap at 1310 nm is 1.1 % short
since n_eff comes from the mode-solver table, refit to it; it was 0.6 % on the former EIM).
:func:`fit_coupling_calibration` redoes the fit (``python -m lightlane.models.couplers``).
MMIs: Soldano & Pennings, JLT 13(4) 1995.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from lightlane.components import couplers as cells
from lightlane.models import waveguides as wg
from lightlane.models._core import FROM_CELL, SDict, model
from lightlane.models.dispersion import (
    CALIBRATION,
    CORE_THICKNESS,
    n_eff,
    n_si,
    n_sio2,
    slab_index,
)

__all__ = [
    "COUPLING_CALIBRATION",
    "COUPLING_REFERENCE",
    "coupler",
    "coupling_angle",
    "fit_coupling_calibration",
    "full_transfer_length",
    "mmi1x2",
    "mmi2x2",
    "sdict_from",
]

# (width um, wavelength um, gap um, L_x um) from shared/DOMAIN.md section 2 [calc, supermode].
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


def sdict_from(ports: Iterable[str], entries: dict[tuple[str, str], np.ndarray]) -> SDict:
    """A full, reciprocal SDict over ``ports``: every pair present, zero where not given.

    ``entries`` gives one direction per pair; all arrays are broadcast to one shape (Monte Carlo
    axes leading), so every value has the same shape.
    """
    ports = list(ports)
    shape = np.broadcast(*entries.values()).shape
    full = {(a, b): np.zeros(shape, dtype=complex) for a in ports for b in ports}
    for (a, b), value in entries.items():
        full[a, b] = full[b, a] = np.broadcast_to(value, shape).astype(complex)
    return full


def full_transfer_length(
    gap: np.ndarray | float,
    wl: np.ndarray | float = 1.31,
    width: np.ndarray | float = 0.4,
    calibration: tuple[float, float, float] = COUPLING_CALIBRATION,
) -> np.ndarray:
    """Cross-over length ``L_x`` (um) of two identical strip guides ``gap`` um apart.

    Args:
        gap: edge-to-edge gap in um (broadcasts).
        wl: wavelength in um.
        width: core width in um.
        calibration: (C, c_p, q), see the module docstring.
    """
    wl = np.asarray(wl, dtype=float)
    gap = np.asarray(gap, dtype=float)
    scale, decay, near_field = calibration
    k0 = 2 * np.pi / wl
    n_clad = n_sio2(wl)
    n_core = slab_index(wl, CORE_THICKNESS, n_si(wl), n_clad, tm=False)
    index = n_eff(wl, width)
    h = k0 * np.sqrt(n_core**2 - index**2)
    p = decay * k0 * np.sqrt(index**2 - n_clad**2)
    core = np.asarray(width) - CALIBRATION[0]
    kappa = 2 * h**2 * p * np.exp(-p * gap) / (k0 * index * (core + 2 / p) * (h**2 + p**2))
    return scale * np.pi / (2 * kappa) * np.exp(near_field / (p * gap))


def coupling_angle(
    wl: np.ndarray, gap: np.ndarray, length: float, width: float, dx: float, height: float
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
    separation = gap[..., None] + 2 * cells.sbend_offset(x, dx, height)
    kappa_fan = np.pi / (2 * full_transfer_length(separation, wl[..., None], width))
    fans = 2 * np.sum(weights * kappa_fan, axis=-1) * dx / 2
    return np.pi / (2 * full_transfer_length(gap, wl, width)) * length + fans


@model(cells.coupler)
def coupler(
    wl: np.ndarray = 1.31,
    gap: float = FROM_CELL,
    length: float = FROM_CELL,
    dx: float = FROM_CELL,
    dy: float = FROM_CELL,
    width: float = FROM_CELL,
    length_arm: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    excess_loss_db: float = 0.05,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Directional coupler: ``through = cos(theta)``, ``cross = -i sin(theta)`` times propagation.

    ``theta`` integrates the calibrated ``kappa(gap, wl)`` (module docstring) over the straight
    section and the fan-in/out. The matrix is unitary times the arm propagation (n_eff from
    :mod:`lightlane.models.dispersion`, strip loss) and ``excess_loss_db`` (assumed 0.05 dB: mode
    mismatch at the fan-out; DOMAIN.md gives no figure).

    Ports: o1 bottom-left, o2 top-left, o3 top-right, o4 bottom-right (through o1-o4, o2-o3).

    Args:
        wl: wavelength in um.
        gap: gap in um; length: coupling length in um; dx, dy: fan geometry in um.
        width: core width in um; length_arm: path length of each arm in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss of the device in dB.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        dn_eff: effective-index perturbation (phase).
        dgap: gap perturbation in um (fabrication; changes the coupling).
    """
    height = (dy - gap - width) / 2
    theta = coupling_angle(wl, np.asarray(gap + dgap), length, width, dx, height)
    straight = wg.straight(
        wl,
        length=length_arm,
        width=width,
        cross_section=cross_section,
        loss_db_per_cm=loss_db_per_cm,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    arm = straight * 10 ** (-excess_loss_db / 20)
    through, cross = arm * np.cos(theta), -1j * arm * np.sin(theta)
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): through, ("o3", "o2"): through, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )


def _mmi_image_efficiency(
    kind: str, wl: np.ndarray, width_mmi: float, length_mmi: float, width_taper: float
) -> tuple[np.ndarray, np.ndarray]:
    """(power efficiency of the images, length / self-imaging length) at ``wl``.

    A length error ``dL = length_mmi - L_si(wl)`` defocuses each image, which near the image plane
    propagates like a free beam in the slab of index n_r: the overlap of a 1-D Gaussian of waist
    ``w0 = width_taper / 2`` with itself ``dL`` away is ``(1 + (dL / 2 z_R)^2)^-1/2``,
    ``z_R = pi n_r w0^2 / wl``: a parabolic roll-off in (wl - wl0) near the design wavelength.
    """
    l_si = cells.self_imaging_length(kind, width_mmi, wl)
    n_r = slab_index(wl, CORE_THICKNESS, n_si(wl), n_sio2(wl), tm=False)
    rayleigh = np.pi * n_r * (width_taper / 2) ** 2 / wl
    defocus = (length_mmi - l_si) / (2 * rayleigh)
    return (1 + defocus**2) ** -0.5, length_mmi / l_si


def _mmi_propagation(
    wl: np.ndarray,
    width: float,
    width_mmi: float,
    length_mmi: float,
    width_taper: float,
    length_taper: float,
    cross_section: str,
    dn_eff: float | np.ndarray,
) -> np.ndarray:
    """Phase and loss of the access taper, the multimode section and the exit taper."""
    taper = wg.taper(
        wl,
        length=length_taper,
        width1=width,
        width2=width_taper,
        cross_section=cross_section,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    body = wg.straight(
        wl, length=length_mmi, width=width_mmi, cross_section=cross_section, dn_eff=dn_eff
    )[("o2", "o1")]
    return taper**2 * body


@model(cells.mmi1x2)
def mmi1x2(
    wl: np.ndarray = 1.31,
    width_mmi: float = FROM_CELL,
    length_mmi: float = FROM_CELL,
    width_taper: float = FROM_CELL,
    length_taper: float = FROM_CELL,
    width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    excess_loss_db: float = 0.3,
    imbalance_db: float | np.ndarray = 0.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """1x2 MMI: two in-phase images, excess loss, imbalance and a self-imaging roll-off.

    ``|S21|^2 = |S31|^2 = eta(wl) 10^(-excess/10) / 2`` with ``eta`` the defocus efficiency of
    :func:`_mmi_image_efficiency` (1 at the design wavelength). ``excess_loss_db = 0.3`` dB and
    an imbalance below 5 % (0.2 dB) are the figures of ``shared/DOMAIN.md`` section 2 [pub]; the
    symmetric design is balanced, so ``imbalance_db`` (o2 over o3) is 0 unless given.

    Args:
        wl: wavelength in um.
        width_mmi, length_mmi, width_taper, length_taper: geometry in um (from the cell).
        width: access waveguide width in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss at the design wavelength in dB.
        imbalance_db: power ratio o2/o3 in dB (Monte Carlo: an array).
        dn_eff: effective-index perturbation (phase).
    """
    efficiency, _ = _mmi_image_efficiency("mmi1x2", wl, width_mmi, length_mmi, width_taper)
    amplitude = np.sqrt(efficiency * 10 ** (-excess_loss_db / 10) / 2)
    phase = _mmi_propagation(
        wl, width, width_mmi, length_mmi, width_taper, length_taper, cross_section, dn_eff
    )
    split = 10 ** (np.asarray(imbalance_db) / 40)
    upper = amplitude * phase * split * np.sqrt(2 / (split**2 + split**-2))
    lower = amplitude * phase / split * np.sqrt(2 / (split**2 + split**-2))
    return sdict_from(("o1", "o2", "o3"), {("o2", "o1"): upper, ("o3", "o1"): lower})


@model(cells.mmi2x2)
def mmi2x2(
    wl: np.ndarray = 1.31,
    width_mmi: float = FROM_CELL,
    length_mmi: float = FROM_CELL,
    width_taper: float = FROM_CELL,
    length_taper: float = FROM_CELL,
    width: float = FROM_CELL,
    cross_section: str = FROM_CELL,
    excess_loss_db: float = 0.3,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """2x2 MMI: a 90-degree hybrid whose split follows the self-imaging length error.

    The paired-interference MMI maps inputs to a bar and a cross image in quadrature, like a
    coupler with ``theta = (pi / 4) L / L_si(wl)`` (50:50 at ``L = L_si``, full cross at
    ``2 L_si = L_pi``, Soldano & Pennings 1995): bar ``cos(theta)``, cross ``-i sin(theta)``,
    times the defocus efficiency and ``excess_loss_db`` (0.3 dB, ``shared/DOMAIN.md`` [pub]).

    Ports: o1 bottom-left, o2 top-left, o3 top-right, o4 bottom-right.

    Args:
        wl: wavelength in um.
        width_mmi, length_mmi, width_taper, length_taper: geometry in um (from the cell).
        width: access waveguide width in um.
        cross_section: cross-section name.
        excess_loss_db: excess loss at the design wavelength in dB.
        dn_eff: effective-index perturbation (phase).
    """
    efficiency, ratio = _mmi_image_efficiency("mmi2x2", wl, width_mmi, length_mmi, width_taper)
    theta = np.pi / 4 * ratio
    amplitude = np.sqrt(efficiency * 10 ** (-excess_loss_db / 10))
    phase = _mmi_propagation(
        wl, width, width_mmi, length_mmi, width_taper, length_taper, cross_section, dn_eff
    )
    bar, cross = amplitude * phase * np.cos(theta), -1j * amplitude * phase * np.sin(theta)
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): bar, ("o3", "o2"): bar, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )


def fit_coupling_calibration() -> tuple[float, float, float]:
    """Refit :data:`COUPLING_CALIBRATION` to :data:`COUPLING_REFERENCE` (least squares, ln L_x)."""
    from scipy.optimize import least_squares

    width, wl, gap, reference = np.array(COUPLING_REFERENCE).T

    def residuals(p: np.ndarray) -> np.ndarray:
        cal = (float(p[0]), float(p[1]), float(p[2]))
        return np.log(full_transfer_length(gap, wl, width, cal) / reference)

    fit = least_squares(residuals, x0=[1.0, 1.0, 0.0])
    return (float(fit.x[0]), float(fit.x[1]), float(fit.x[2]))


if __name__ == "__main__":
    print("COUPLING_CALIBRATION =", fit_coupling_calibration())
