"""Model of the polarisation splitter-rotator, and how a TE-only circuit uses it.

Our circuit models carry one mode (TE0) per port, so the cell's S-matrix is the TE0 one: the
fibre's TE enters o1 and leaves o2 (``IL_TE_DB`` = 0.3 dB), leaking ``CROSSTALK_DB`` = -25 dB
into o3. The fibre's TM, which the chip turns into TE0 at o3, is not a TE0 port: the
:func:`polarisation_matrix` gives the full 2 x 2 transfer from the fibre's (TE, TM) at o1 to the
TE0 at (o2, o3). A polarisation-diverse receiver simulates each output's path (o2 -> its PD,
o3 -> its PD; all TE) with the solver and weights the two by this matrix; for a fibre of random
polarisation, the photocurrent is ``|M[o2, p]|^2 P_p`` summed over p and over both outputs.

TM branch: the TE1 of the bus crosses into the arm as in a phase-matched coupler (coupled-mode
theory, Chrostowski & Hochberg, "Silicon Photonics Design", CUP 2015): ``eta = sin^2(theta sqrt(1 +
X^2)) / (1 + X^2)``, ``theta = kappa L``, ``X = dbeta / (2 kappa)``. ``kappa`` gives full transfer
in 30 um at a 200 nm gap (assumed, the design point: published ADC PSRs cross over in 20-40 um) and
falls as ``exp(-10 gap/um)`` (evanescent coupling falls ~exp(-gamma gap); the strip coupler fit of
:mod:`lightlane.physics.coupling` gives gamma 9-13 /um). ``dbeta = 2 pi dn / wl`` with ``dn`` from
the wavelength (group-index difference 0.2 between bus TE1 and arm TE0, assumed) and from the bus
width (a TE1 of width W sees about the TE0 index at W/2 - 20 nm, read from the mode table, matched
at 0.84 um). ``IL_TM_DB`` = 0.4 dB of taper and mode-conversion loss on top. The targets, < 1 dB
and < -22 dB crosstalk over the O-band, are assumptions of the order published taper-and-coupler
PSRs report (the concept: Dai & Bowers, Opt. Express 19(11), 10940, 2011; the bi-level taper in a
standard platform: Sacher et al., Opt. Express 22(4), 3777, 2014); this model gives TE 0.3 dB, TM
0.4-0.95 dB over 1260-1360 nm, crosstalk -25 dB.
"""

from __future__ import annotations

import numpy as np

from lightlane.models._core import SDict, model, sdict_from
from lightlane.models._plots import figure_axes
from lightlane.models.waveguides import loss_for, propagation
from lightlane.pdk.process import TECH
from lightlane.physics.modes import n_eff

__all__ = [
    "CROSSTALK_DB",
    "IL_TE_DB",
    "IL_TM_DB",
    "polarisation_matrix",
    "polarization_splitter_rotator_bilevel",
    "tm_conversion",
]

IL_TE_DB = 0.3
IL_TM_DB = 0.4
CROSSTALK_DB = -25.0
_DESIGN_WL = TECH.wavelength  # um
_DESIGN_BUS = 0.84  # um: bus width phase matched to the 400 nm arm
_DESIGN_KAPPA = np.pi / (2 * 30.0)  # /um at a 200 nm gap
_GAMMA = 10.0  # /um: decay of the coupling with the gap
_DELTA_NG = 0.2  # group-index difference, bus TE1 - arm TE0
_TE1_WIDTH_OFFSET = -0.02  # um: TE1(W) ~ TE0(W/2 + offset)


def tm_conversion(
    wl: np.ndarray | float = TECH.wavelength,
    coupling_length: float = 30.0,
    gap: float = 0.2,
    bus_width: float = _DESIGN_BUS,
) -> np.ndarray:
    """Power fraction of the bus TE1 (the fibre's TM) that crosses into the arm (module doc)."""
    wl = np.asarray(wl, dtype=float)
    kappa = _DESIGN_KAPPA * np.exp(-_GAMMA * (np.asarray(gap) - 0.2))
    by_width = n_eff(wl, bus_width / 2 + _TE1_WIDTH_OFFSET) - n_eff(wl, 0.4)
    dn = by_width + _DELTA_NG * (_DESIGN_WL - wl) / _DESIGN_WL
    x2 = (np.pi * dn / wl / kappa) ** 2  # (dbeta / 2 kappa)^2
    return np.sin(kappa * coupling_length * np.sqrt(1 + x2)) ** 2 / (1 + x2)


def polarisation_matrix(
    wl: np.ndarray | float = TECH.wavelength,
    coupling_length: float = 30.0,
    gap: float = 0.2,
    bus_width: float = _DESIGN_BUS,
) -> np.ndarray:
    """Amplitudes (..., 2, 2) from the fibre's (TE, TM) at o1 to the TE0 at (o2, o3).

    Row 0 is o2, row 1 is o3; column 0 the fibre's TE, column 1 its TM. Phases are left out
    (the two outputs are detected separately). Arguments as :func:`tm_conversion`.
    """
    eta = tm_conversion(wl, coupling_length, gap, bus_width)
    te = np.broadcast_to(10 ** (-IL_TE_DB / 20), eta.shape)
    leak = np.broadcast_to(10 ** (CROSSTALK_DB / 20), eta.shape)
    tm = np.sqrt(eta * 10 ** (-IL_TM_DB / 10))
    return np.stack([np.stack([te, leak], -1), np.stack([leak, tm], -1)], -2)


def _polarisation_figure(component):
    """Transmission of the fibre's TE and TM to the two outputs across the O-band."""
    s = component.settings
    wl = np.linspace(1.26, 1.36, 201)
    m = polarisation_matrix(wl, s["coupling_length"], s["gap"], s["bus_width"])
    fig, ax = figure_axes()
    for (row, col), label in {
        (0, 0): "TE -> o2",
        (1, 1): "TM -> o3 (as TE)",
        (1, 0): "TE -> o3",
        (0, 1): "TM -> o2",
    }.items():
        ax.plot(wl * 1e3, 20 * np.log10(m[:, row, col]), label=label)
    ax.set(xlabel="wavelength (nm)", ylabel="transmission (dB)", ylim=(-35, 1))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(figures=(_polarisation_figure,))
def polarization_splitter_rotator_bilevel(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    bus_width: float,
    loss_db_per_cm: float | None = None,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """PSR, TE0 ports: o1 -> o2 at ``IL_TE_DB``, o1 -> o3 at ``CROSSTALK_DB``, o2 / o3 isolated.

    The fibre's TM is outside a TE0 S-matrix: :func:`polarisation_matrix` gives it (module
    docstring: how a receiver combines both). Phase: the path length at the mean index of the
    400 nm core and the bus. Passive and reciprocal.

    Args:
        wl: wavelength in um.
        length: path length o1 -> o2 in um.
        width: port core width in um.
        bus_width: bus width in um.
        loss_db_per_cm: propagation loss; None takes the strip's.
        dn_eff: effective-index perturbation (phase).
    """
    neff = n_eff(wl, (width + bus_width) / 2) + dn_eff
    path = propagation(wl, length, neff, loss_for("strip", loss_db_per_cm))
    through = 10 ** (-IL_TE_DB / 20) * path
    leak = 10 ** (CROSSTALK_DB / 20) * path
    return sdict_from(("o1", "o2", "o3"), {("o2", "o1"): through, ("o3", "o1"): leak})
