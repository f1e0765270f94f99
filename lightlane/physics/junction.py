"""Depletion-mode lateral PN phase shifter: the physics both modulators share (plain numpy).

A rib (``width`` x 220 nm core on the 90 nm slab) carries a lateral PN junction at
``junction_offset`` from the core centre, P towards +x, N towards -x; lightly doped N/P at the
junction, N+/P+ from ``intermediate_offset`` beyond the core edge, N++/P++ from ``contact_offset``
(P/N 3-5e17 cm^-3, P+/N+ 1e18-1e19, P++/N++ ~1e20 kept >= ~1 um from the rib: assumed, typical of
the devices Reed et al. review, Nanophotonics 3(4-5), 229, 2014). The chain, each step with its
source:

1. Abrupt junction (Sze & Ng, "Physics of Semiconductor Devices", 3rd ed. 2007, ch. 2.2):
   ``V_bi = kT/q ln(N_A N_D / n_i^2)``, ``W = sqrt(2 eps (V_bi + V) (N_A + N_D) / (q N_A N_D))``,
   ``x_n = W N_A / (N_A + N_D)``, ``x_p = W N_D / (N_A + N_D)``; ``n_i = 9.65e9 cm^-3``
   (Altermatt et al., J. Appl. Phys. 93, 1598, 2003). V is the reverse bias (positive).
2. Free-carrier dispersion at 1.3 um (Nedeljkovic, Soref & Mashanovich, IEEE Photonics J. 3(6),
   1171, 2011, the Soref-Bennett form refitted): ``dn = -(2.98e-22 dN^1.016 + 1.25e-18
   dP^0.835)``, ``dalpha = 3.48e-22 dN^1.229 + 1.02e-19 dP^1.089`` cm^-1 (dN, dP in cm^-3).
   Depleting a region removes its majority carriers: the index rises, the absorption falls.
3. Overlap with the optical mode (effective-index method): the vertical TE slab modes of the
   220 nm core and the 90 nm slab give the column indices and the share of each column's
   electric energy inside silicon (``eta``); the lateral mode of that index profile (1-D finite
   differences) gives ``X(x)``. A region [a, b] of doped silicon holds the confinement factor
   ``Gamma = (n_g / n_Si) int_a^b eta X^2 dx / int X^2 dx`` (Robinson et al., Opt. Express 16,
   16659, 2008: the n_g / n factor of high-contrast guides), so ``dn_eff = sum Gamma dn_Si`` and
   the mode's power loss ``alpha = sum Gamma alpha_Si``.
4. Small-signal figures: ``V_pi L = wl / (2 d n_eff / dV)``; doped loss in dB/mm; junction
   capacitance per length ``eps h / W`` (h the silicon height at the junction, fringing
   neglected); series resistance per length from the sheet resistance of each doped segment with
   Masetti mobilities (Masetti, Severi & Solmi, IEEE Trans. Electron Devices 30(7), 764, 1983).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from scipy.linalg import eigh_tridiagonal

from lightlane.physics.constants import DB_PER_E_FOLD, EPS0, Q_E, kt_over_q
from lightlane.physics.materials import (
    EPS_R_SI,
    N_I_SI,
    carrier_absorption,
    carrier_index,
    mobility,
    n_si,
    n_sio2,
)
from lightlane.physics.modes import group_index

__all__ = [
    "Junction",
    "builtin_potential",
    "capacitance_per_mm",
    "delta_n_eff",
    "depletion_edges",
    "depletion_width",
    "doped_loss_db_per_mm",
    "mode_loss_per_cm",
    "series_resistance_ohm_mm",
    "slab_mode",
    "vpi_l",
]

PERMITTIVITY_SI_F_PER_CM = EPS_R_SI * EPS0 * 1e-2
KT_Q = kt_over_q(300.0)
_DX = 0.005  # um: lateral finite-difference step
_HALF_SPAN = 4.0  # um: lateral window each side of the core centre


@dataclass(frozen=True)
class Junction:
    """Geometry (um) and doping (cm^-3) of a lateral PN phase shifter.

    The doping defaults are those of published depletion MZMs (P/N 3-5e17 cm^-3 at the
    junction, 1e18-1e19 intermediate, ~1e20 under the contacts: Reed et al., "Recent
    breakthroughs in carrier depletion based silicon optical modulators", Nanophotonics 3, 229,
    2014).

    Attributes:
        core_thickness: silicon thickness of the rib core.
        slab_thickness: silicon thickness of the slab either side.
        width: rib core width.
        junction_offset: junction position from the core centre, + towards the P side.
        intermediate_offset: distance of the N+/P+ edges beyond the core edges.
        contact_offset: distance of the N++/P++ edges beyond the core edges (>= NPP.SEP.1).
        contact_distance: distance from the core edge to the metal contact (the via), each side.
        n_doping, p_doping: junction doping N_D, N_A.
        n_plus, p_plus: intermediate doping N+, P+.
        n_plus_plus, p_plus_plus: contact doping N++, P++.
    """

    core_thickness: float
    slab_thickness: float
    width: float = 0.4
    junction_offset: float = 0.0
    intermediate_offset: float = 0.15
    contact_offset: float = 1.0
    contact_distance: float = 2.0
    n_doping: float = 5e17
    p_doping: float = 5e17
    n_plus: float = 1e19
    p_plus: float = 1e19
    n_plus_plus: float = 1e20
    p_plus_plus: float = 1e20

    def with_(self, **changes: float) -> Junction:
        """A copy with ``changes`` (None values keep the current one)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def builtin_potential(n_doping: float, p_doping: float) -> float:
    """Built-in potential in V of an abrupt junction: ``kT/q ln(N_A N_D / n_i^2)``."""
    return KT_Q * np.log(n_doping * p_doping / N_I_SI**2)


def depletion_width(voltage, n_doping: float, p_doping: float) -> np.ndarray:
    """Depletion width in um at reverse bias ``voltage`` (V; forward down to -V_bi excluded)."""
    v = np.asarray(voltage, dtype=float)
    v_bi = builtin_potential(n_doping, p_doping)
    if np.any(v <= -v_bi):
        raise ValueError(
            f"voltage={np.min(v):g} V forward-biases the junction beyond its built-in potential "
            f"{v_bi:.3f} V: the depletion model holds for voltage > {-v_bi:.3f} V"
        )
    numerator = 2 * PERMITTIVITY_SI_F_PER_CM * (v_bi + v) * (n_doping + p_doping)
    w_cm = np.sqrt(numerator / (Q_E * n_doping * p_doping))
    return w_cm * 1e4


def depletion_edges(voltage, j: Junction) -> tuple[np.ndarray, np.ndarray]:
    """(-x_n, +x_p) edges in um of the depleted region around the junction."""
    w = depletion_width(voltage, j.n_doping, j.p_doping)
    total = j.n_doping + j.p_doping
    return -w * j.p_doping / total, w * j.n_doping / total


def slab_mode(wl: float, thickness: float) -> tuple[float, float]:
    """(TE index, electric-energy share in Si) of a symmetric Si slab in SiO2 (analytic)."""
    n1, n2 = float(n_si(wl)), float(n_sio2(wl))
    k0 = 2 * np.pi / wl
    lo, hi = n2 + 1e-12, n1 - 1e-12
    for _ in range(60):
        mid = (lo + hi) / 2
        kappa, gamma = k0 * np.sqrt(n1**2 - mid**2), k0 * np.sqrt(mid**2 - n2**2)
        lo, hi = (lo, mid) if kappa * thickness / 2 < np.arctan(gamma / kappa) else (mid, hi)
    n = (lo + hi) / 2
    kappa, gamma = k0 * np.sqrt(n1**2 - n**2), k0 * np.sqrt(n**2 - n2**2)
    h = thickness / 2
    inside = h + np.sin(2 * kappa * h) / (2 * kappa)  # int cos^2 over the core
    outside = np.cos(kappa * h) ** 2 / gamma  # both exponential tails
    return n, n1**2 * inside / (n1**2 * inside + n2**2 * outside)


@cache
def _lateral_mode(
    width: float, wl: float, core_thickness: float, slab_thickness: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, eta(x) X(x)^2 normalised to int X^2 = 1, cumulative integral) of the rib's mode."""
    n_core, eta_core = slab_mode(wl, core_thickness)
    n_slab, eta_slab = slab_mode(wl, slab_thickness)
    x = np.arange(-_HALF_SPAN, _HALF_SPAN + _DX / 2, _DX)
    inside = np.abs(x) <= width / 2
    index = np.where(inside, n_core, n_slab)
    k0 = 2 * np.pi / wl
    main = -2 / _DX**2 + (k0 * index) ** 2
    off = np.full(x.size - 1, 1 / _DX**2)
    # Only the fundamental (largest eigenvalue) of the tridiagonal operator is needed.
    _, vectors = eigh_tridiagonal(main, off, select="i", select_range=(x.size - 1, x.size - 1))
    field = vectors[:, 0]
    density = field**2 / (np.sum(field**2) * _DX)
    weighted = density * np.where(inside, eta_core, eta_slab)
    cumulative = np.concatenate([[0.0], np.cumsum((weighted[1:] + weighted[:-1]) / 2 * _DX)])
    return x, weighted, cumulative


def _overlap(j: Junction, wl: float, a, b) -> np.ndarray:
    """Confinement factor (Robinson's) of the silicon between lateral positions a < b (um)."""
    key = (round(j.width, 6), round(float(wl), 6), j.core_thickness, j.slab_thickness)
    x, _, cumulative = _lateral_mode(*key)
    ng_over_n = group_index(wl, j.width, rib=True) / n_si(wl)
    return ng_over_n * (np.interp(b, x, cumulative) - np.interp(a, x, cumulative))


def _regions(j: Junction) -> tuple[tuple[float, float, float, float], ...]:
    """(start, end, electrons, holes) of each doped region along x in um, N side first."""
    edge = j.width / 2
    xj = j.junction_offset
    inner, contact = edge + j.intermediate_offset, edge + j.contact_offset
    return (
        (-_HALF_SPAN, -contact, j.n_plus_plus, 0.0),
        (-contact, -inner, j.n_plus, 0.0),
        (-inner, xj, j.n_doping, 0.0),
        (xj, inner, 0.0, j.p_doping),
        (inner, contact, 0.0, j.p_plus),
        (contact, _HALF_SPAN, 0.0, j.p_plus_plus),
    )


def delta_n_eff(voltage, j: Junction, wl: float = 1.31) -> np.ndarray:
    """Change of the mode index from 0 V to reverse bias ``voltage`` (V, broadcasts)."""
    return _index_at(voltage, j, wl) - _index_at(0.0, j, wl)


def _index_at(voltage, j: Junction, wl: float) -> np.ndarray:
    lo, hi = depletion_edges(voltage, j)
    xj = j.junction_offset
    raise_n = -carrier_index(j.n_doping, 0.0)
    raise_p = -carrier_index(0.0, j.p_doping)
    return _overlap(j, wl, xj + lo, xj) * raise_n + _overlap(j, wl, xj, xj + hi) * raise_p


def mode_loss_per_cm(voltage, j: Junction, wl: float = 1.31) -> np.ndarray:
    """Free-carrier power loss of the mode in 1/cm at reverse bias ``voltage`` (V)."""
    lo, hi = depletion_edges(voltage, j)
    xj = j.junction_offset
    total = 0.0
    for start, end, electrons, holes in _regions(j):
        alpha = carrier_absorption(electrons, holes)
        total = total + _overlap(j, wl, start, end) * alpha
    # the depleted slice holds no free carriers: take its absorption back out
    total = total - _overlap(j, wl, xj + lo, xj) * carrier_absorption(j.n_doping, 0.0)
    return total - _overlap(j, wl, xj, xj + hi) * carrier_absorption(0.0, j.p_doping)


def doped_loss_db_per_mm(voltage, j: Junction, wl: float = 1.31) -> np.ndarray:
    """Free-carrier loss of the doped section in dB/mm at reverse bias ``voltage``."""
    return DB_PER_E_FOLD * mode_loss_per_cm(voltage, j, wl) / 10


def vpi_l(voltage, j: Junction, wl: float = 1.31) -> np.ndarray:
    """Small-signal V_pi L in V cm at reverse bias ``voltage``: ``wl / (2 d n_eff / dV)``."""
    step = 1e-3
    v = np.asarray(voltage, dtype=float)
    slope = (_index_at(v + step, j, wl) - _index_at(v - step, j, wl)) / (2 * step)
    return wl * 1e-4 / (2 * slope)


def capacitance_per_mm(voltage, j: Junction) -> np.ndarray:
    """Junction capacitance in fF/mm: ``eps_Si h / W`` (h: silicon height at the junction)."""
    inside = abs(j.junction_offset) <= j.width / 2
    height_cm = (j.core_thickness if inside else j.slab_thickness) * 1e-4
    width_cm = depletion_width(voltage, j.n_doping, j.p_doping) * 1e-4
    return PERMITTIVITY_SI_F_PER_CM * height_cm / width_cm * 1e-1 * 1e15  # F/cm -> F/mm -> fF/mm


def series_resistance_ohm_mm(j: Junction) -> float:
    """Resistance in Ohm mm (times the length) from the N contact through the junction to P.

    Each doped segment between the junction and a contact adds ``rho d / t`` with
    ``rho = 1 / (q mu N)``, ``t`` 220 nm inside the core and 90 nm in the slab. Contact
    resistance is neglected (silicided-like N++/P++ under a via row).
    """
    edge = j.width / 2
    xj = j.junction_offset
    total = 0.0
    for sign, base, plus, plus_plus, electrons in (
        (-1, j.n_doping, j.n_plus, j.n_plus_plus, True),
        (1, j.p_doping, j.p_plus, j.p_plus_plus, False),
    ):
        core_part = max(edge - sign * xj, 0.0)
        pieces = (
            (core_part, j.core_thickness, base),
            (j.intermediate_offset + max(sign * xj - edge, 0.0), j.slab_thickness, base),
            (j.contact_offset - j.intermediate_offset, j.slab_thickness, plus),
            (j.contact_distance - j.contact_offset, j.slab_thickness, plus_plus),
        )
        for length, thickness, doping in pieces:
            rho = 1 / (Q_E * float(mobility(doping, electrons)) * doping)  # Ohm cm
            total += rho * length / thickness  # Ohm cm * um / um = Ohm cm per cm of length
    return total * 10  # Ohm cm -> Ohm mm
