"""Compact models of the ring cells: circular bend, ring-bus coupler, all-pass and add-drop rings.

The ring-bus coupler uses the coupled-mode coupling of :mod:`lightlane.physics.coupling` (calibrated
to supermode-solver cross-over lengths) integrated over the curved gap. The rings are the closed
forms of Yariv (Electron. Lett. 36(4), 2000) and Bogaerts et al. (Laser Photonics Rev. 6(1), 2012),
written with the coupler's complex through and cross terms so that phases and losses of every
section are kept:

- all-pass: ``T = t_b + c^2 F / (1 - t_r F)``, ``F`` the rest of the round trip; with
  ``t_b = t_r = r`` real this is Yariv's ``(r - a e^-i phi) / (1 - r a e^-i phi)``;
- add-drop: ``T = t_b1 + c_1^2 p t_r2 p / (1 - A)``, ``D = c_1 p c_2 / (1 - A)``, with
  ``A = t_r1 p t_r2 p`` the round trip and ``p`` a side straight.

Resonances: ``FSR = wl^2 / (n_g L)``, loaded ``Q = pi n_g L sqrt(r a) / (wl (1 - r a))``.
"""

from __future__ import annotations

import numpy as np

from lightlane.models import waveguides as wg
from lightlane.models._core import SDict, model, sdict_from
from lightlane.pdk.process import TECH
from lightlane.physics.coupling import ring_coupling_angle

__all__ = ["bend_circular", "coupler_ring", "ring_double", "ring_single"]


def _guide(
    wl: np.ndarray,
    length: float,
    width: float,
    cross_section: str,
    loss_db_per_cm: float | None,
    dn_eff: float | np.ndarray,
    quarter_turns: float = 0.0,
    loss_db_per_90: float = 0.0,
) -> np.ndarray:
    """Transmission of ``length`` um of guide with ``quarter_turns`` x 90 degrees of arcs."""
    t = wg.straight(
        wl,
        length=length,
        width=width,
        cross_section=cross_section,
        loss_db_per_cm=loss_db_per_cm,
        dn_eff=dn_eff,
    )[("o2", "o1")]
    return t * 10 ** (-loss_db_per_90 * quarter_turns / 20)


@model()
def bend_circular(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    cross_section: str,
    angle: float,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Circular arc: propagation over its length plus ``loss_db_per_90`` per quarter turn.

    ``loss_db_per_90 = 0.005`` dB is the same assumption as the Euler bend's (radiation and
    junction mismatch at R >= 5 um in 220 nm SOI); set it from measured data.

    Args:
        wl: wavelength in um.
        length: arc length in um; width: core width in um; angle: degrees.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: excess loss per 90 degrees in dB.
        dn_eff: effective-index perturbation.
    """
    t = _guide(
        wl, length, width, cross_section, loss_db_per_cm, dn_eff, abs(angle) / 90, loss_db_per_90
    )
    return sdict_from(("o1", "o2"), {("o2", "o1"): t})


def _coupler_terms(
    wl: np.ndarray,
    gap: np.ndarray,
    radius: float,
    length_x: float,
    width: float,
    length_bus: float,
    length_ring: float,
    cross_section: str,
    loss_db_per_cm: float | None,
    loss_db_per_90: float,
    dn_eff: float | np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bus through, ring through, cross) of a ring-bus coupler.

    ``[[c P_b, -i s P_m], [-i s P_m, c P_r]] = D [[c, -i s], [-i s, c]] D`` with
    ``D = diag(sqrt(P_b), sqrt(P_r))``: unitary coupling between the two paths' propagation.
    """
    theta = ring_coupling_angle(wl, gap, radius, length_x, width, TECH.core_thickness)
    common = (width, cross_section, loss_db_per_cm, dn_eff)
    bus = _guide(wl, length_bus, *common)
    ring = _guide(wl, length_ring, *common, 2.0, loss_db_per_90)
    middle = _guide(wl, (length_bus + length_ring) / 2, *common, 1.0, loss_db_per_90)
    return np.cos(theta) * bus, np.cos(theta) * ring, -1j * np.sin(theta) * middle


@model()
def coupler_ring(
    wl: np.ndarray = TECH.wavelength,
    *,
    gap: float,
    radius: float,
    length_x: float,
    width: float,
    length_bus: float,
    length_ring: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Ring-bus coupler: CMT coupling over the curved gap, bus and ring propagation.

    Ports: o1 bus left, o2 ring left, o3 ring right, o4 bus right (through o1-o4, o2-o3).

    Args:
        wl: wavelength in um.
        gap, radius, length_x: geometry in um; width: core width in um.
        length_bus, length_ring: path lengths of the bus and the ring half in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: arc excess loss per 90 degrees in dB.
        dn_eff: effective-index perturbation.
        dgap: gap perturbation in um.
    """
    geometry = (radius, length_x, width, length_bus, length_ring, cross_section)
    bus, ring, cross = _coupler_terms(
        wl, gap + np.asarray(dgap), *geometry, loss_db_per_cm, loss_db_per_90, dn_eff
    )
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {("o4", "o1"): bus, ("o3", "o2"): ring, ("o3", "o1"): cross, ("o4", "o2"): cross},
    )


@model(circuit=True)
def ring_single(
    wl: np.ndarray = TECH.wavelength,
    *,
    gap: float,
    radius: float,
    length_x: float,
    width: float,
    length_bus: float,
    length_ring: float,
    length: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """All-pass ring: ``T = t_b + c^2 F / (1 - t_r F)`` (module docstring).

    ``F`` is the rest of the round trip (``length - length_ring``, two more arcs).

    Args:
        wl: wavelength in um.
        gap, radius, length_x: geometry in um; width: core width in um.
        length_bus, length_ring: bus and ring-half path lengths of the coupler in um.
        length: round-trip length of the ring in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: arc excess loss per 90 degrees in dB.
        dn_eff: effective-index perturbation (thermal tuning, fabrication).
        dgap: gap perturbation in um.
    """
    geometry = (radius, length_x, width, length_bus, length_ring, cross_section)
    bus, ring, cross = _coupler_terms(
        wl, gap + np.asarray(dgap), *geometry, loss_db_per_cm, loss_db_per_90, dn_eff
    )
    rest = _guide(
        wl, length - length_ring, width, cross_section, loss_db_per_cm, dn_eff, 2.0, loss_db_per_90
    )
    through = bus + cross**2 * rest / (1 - ring * rest)
    return sdict_from(("o1", "o2"), {("o2", "o1"): through})


@model(circuit=True)
def ring_double(
    wl: np.ndarray = TECH.wavelength,
    *,
    gap: float,
    gap_top: float,
    radius: float,
    length_x: float,
    width: float,
    length_bus: float,
    length_ring: float,
    length_side: float,
    cross_section: str,
    loss_db_per_cm: float | None = None,
    loss_db_per_90: float = 0.005,
    dn_eff: float | np.ndarray = 0.0,
    dgap: float | np.ndarray = 0.0,
) -> SDict:
    """Add-drop ring: through ``o1 -> o2``, drop ``o1 -> o4``, add ``o3 -> o2`` (module docstring).

    Args:
        wl: wavelength in um.
        gap, gap_top: lower and upper bus-ring gaps in um.
        radius, length_x: geometry in um; width: core width in um.
        length_bus, length_ring: bus and ring-half path lengths of each coupler in um.
        length_side: length of each straight side in um.
        cross_section: cross-section name.
        loss_db_per_cm: propagation loss; None takes the cross-section's.
        loss_db_per_90: arc excess loss per 90 degrees in dB.
        dn_eff: effective-index perturbation.
        dgap: gap perturbation in um (both couplers).
    """
    geometry = (radius, length_x, width, length_bus, length_ring, cross_section)
    shared = (*geometry, loss_db_per_cm, loss_db_per_90, dn_eff)
    bus1, ring1, cross1 = _coupler_terms(wl, gap + np.asarray(dgap), *shared)
    bus2, ring2, cross2 = _coupler_terms(wl, gap_top + np.asarray(dgap), *shared)
    side = _guide(wl, length_side, width, cross_section, loss_db_per_cm, dn_eff)
    loop = 1 - ring1 * side * ring2 * side
    drop = cross1 * side * cross2 / loop
    return sdict_from(
        ("o1", "o2", "o3", "o4"),
        {
            ("o2", "o1"): bus1 + cross1**2 * side * ring2 * side / loop,
            ("o3", "o4"): bus2 + cross2**2 * side * ring1 * side / loop,
            ("o4", "o1"): drop,
            ("o3", "o2"): drop,
        },
    )
