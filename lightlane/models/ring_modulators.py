"""Model of the PN micro-ring modulator: all-pass ring with a depletion junction and a heater.

``T = (t - a e^-i phi) / (1 - t a e^-i phi)`` times the bus (Yariv, Electron. Lett. 36(4), 321,
2000), with the bus-ring coupling of rib guides on a shared slab
(:func:`lightlane.physics.coupling.ring_coupling`), the junction of
:mod:`lightlane.physics.junction` over the doped share of the circumference, and the heater's
temperature rise from the 3-D conduction model of :mod:`lightlane.physics.thermal`. The design
ranges it is checked against are assumptions for lateral-junction O-band rings: R 5-10 um, FSR ~13
nm at R = 5 um (computed, ``wl^2 / (n_g 2 pi R)``), loaded Q 3-8 k, 15-50 pm/V. For scale: a
vertical-junction microdisk reaches 250 pm/V (Timurdogan et al., "An ultralow power athermal
silicon modulator", Nat. Commun. 5, 4008, 2014); rings with integrated thermal tuning in a 45 nm
CMOS-SOI process: Sun et al., IEEE J. Solid-State Circuits 51(4), 893, 2016.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from lightlane.models._core import SDict, call_with, geometry_of, model, sdict_from
from lightlane.models._plots import figure_axes
from lightlane.models.heaters import HEATER_STACK
from lightlane.models.mzm import junction
from lightlane.models.waveguides import propagation, waveguide_index
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.process import TECH
from lightlane.physics.constants import C0, DB_PER_E_FOLD
from lightlane.physics.coupling import ring_coupling
from lightlane.physics.junction import delta_n_eff, mode_loss_per_cm
from lightlane.physics.materials import K_ALCU, K_SIO2, K_W
from lightlane.physics.modes import group_index
from lightlane.physics.ring_heater import RingMetal, lead_fin_conductance, ring_heater_rise_per_mw
from lightlane.physics.thermal import DN_EFF_DT

__all__ = ["RING_DOPING", "ring_figures_of_merit", "ring_modulator"]

_THICKNESSES = (TECH.core_thickness, TECH.slab90_thickness)

# Ring modulators dope their junction harder than an MZM (1-3e18 cm^-3, assumed) for pm/V and a
# low intrinsic Q near critical coupling.
RING_DOPING = 3e18


def _ring_terms(
    radius,
    width,
    gap,
    j,
    doped_fraction,
    length,
    heat,
    voltage,
    heater_power_mw,
    wl,
    dn_eff,
):
    """(bus-ring through t, round-trip amplitude a, round-trip phase) of the ring.

    ``heat`` is the heater's geometry for :func:`_rise_per_mw`."""
    wl = np.asarray(wl, dtype=float)
    drude = (wl / 1.31) ** 2
    t = np.cos(ring_coupling(gap, radius, width, TECH.wavelength, *_THICKNESSES))
    rise = _rise_per_mw(radius, width, *heat) * np.asarray(heater_power_mw)
    heat = DN_EFF_DT * rise
    index = (
        waveguide_index(wl, width, "rib")
        + dn_eff
        + heat
        + doped_fraction * delta_n_eff(voltage, j) * drude
    )
    loss_db = (
        length
        * 1e-4
        * (
            TECH.loss_db_per_cm["rib"]
            + doped_fraction * DB_PER_E_FOLD * mode_loss_per_cm(voltage, j) * drude
        )
    )
    return t, 10 ** (-loss_db / 20), 2 * np.pi * index * length / wl


_VIA_SHARE = 0.25  # vias of side s at pitch 2 s fill a via stack (components.vias)
_ARC_SPAN = 120.0 / 360.0  # the M1 arc over the outer contacts: 30-150 degrees
_ARC_VIAS = 5  # via stacks of the outer contacts, 2 um square
_CONTACT_SIDE = 2.0


def _ring_metal(radius, width, contact_distance, centre_contact, lead_width) -> RingMetal:
    """The cell's contact metal (from the layer stack) and its two M2 leads as fins."""
    if not (centre_contact > 0 and lead_width > 0):
        return RingMetal()
    slab_top = TECH.slab90_thickness
    m1, v1, m2 = STACK["m1"], STACK["via1"], STACK["m2"]
    plug = _VIA_SHARE * K_W + (1 - _VIA_SHARE) * K_SIO2
    centre = (
        (slab_top, m1[1], plug),
        (m1[1], m1[1] + m1[2], K_ALCU),
        (v1[1], v1[1] + v1[2], plug),
        (m2[1], m2[1] + m2[2], K_ALCU),
    )
    arc_radius = radius + width / 2 + contact_distance
    share = _ARC_VIAS * _CONTACT_SIDE**2 / (2 * np.pi * arc_radius * _CONTACT_SIDE)
    arc = (
        (slab_top, m1[1], K_SIO2 + share * (plug - K_SIO2)),
        (m1[1], m1[1] + m1[2], K_SIO2 + _ARC_SPAN * (K_ALCU - K_SIO2)),
    )
    height = m2[1] + m2[2] / 2 - STACK["box"][1]  # M2's centre over the substrate
    fin = lead_fin_conductance(lead_width, m2[2], height)
    return RingMetal(centre, centre_contact, arc, arc_radius, _CONTACT_SIDE, fin)


def _rise_per_mw(
    radius, width, heater_width, slab_radius, heater_squares=0.0, contact_distance=0.0,
    centre_contact=0.0, lead_width=0.0, heater_lead_width=0.0,
) -> float:  # fmt: skip
    """Mean rise of the ring core per mW of heater power (3-D, axisymmetric): the half-ring arc
    and its TiN leads (``heater_squares`` of them in all), the 90 nm slab disc, the contact
    metal and its leads (:mod:`lightlane.physics.ring_heater`)."""
    tin_lead = heater_lead_width or heater_width  # 0: leads as wide as the arc
    leads = max(heater_squares - np.pi * radius / heater_width, 0.0) * tin_lead
    metal = _ring_metal(radius, width, contact_distance, centre_contact, lead_width)
    slab = (0.0, slab_radius, TECH.slab90_thickness)
    return ring_heater_rise_per_mw(
        radius, width, heater_width, HEATER_STACK, slab, leads, metal, lead_width=tin_lead
    )


def _heat(g) -> tuple:
    """The heater's geometry, in :func:`_rise_per_mw`'s order, from a cell's geometry."""
    keys = ("heater_squares", "contact_distance", "centre_contact", "lead_width",
            "heater_lead_width")  # fmt: skip
    return (g["heater_width"], g["slab_radius"], *(g.get(k, 0.0) for k in keys))


def ring_figures_of_merit(
    geometry: Mapping[str, Any], bias_voltage: float = 0.0, wl: float = TECH.wavelength
) -> dict:
    """pm/V (small signal at ``bias_voltage``), pm/mW, the resonance's thermal drift (pm/K),
    FSR (nm), loaded Q, extinction (dB) and
    photon-lifetime bandwidth (GHz, the FWHM ``c / (wl Q)``) of the ring at ``wl``.

    ``geometry`` is the cell's (:func:`lightlane.models.geometry_of`); the junction is
    doped at :data:`RING_DOPING` unless it says otherwise.
    """
    g = {"n_doping": RING_DOPING, "p_doping": RING_DOPING, **geometry}
    j = junction(**g)
    radius, width, gap = g["radius"], g["width"], g["gap"]
    doped_fraction = g["doped_fraction"]
    length = 2 * np.pi * radius
    n_g = group_index(wl, width, rib=True)
    heat = _heat(g)
    t, a, _ = _ring_terms(
        radius, width, gap, j, doped_fraction, length, heat, bias_voltage, 0.0, wl, 0.0,
    )  # fmt: skip
    slope = (delta_n_eff(bias_voltage + 1e-3, j) - delta_n_eff(bias_voltage - 1e-3, j)) / 2e-3
    q = np.pi * n_g * length * np.sqrt(t * a) / (wl * (1 - t * a))
    return {
        "pm_per_v": float(wl * 1e6 * doped_fraction * slope / n_g),
        "pm_per_mw": float(wl * 1e6 * DN_EFF_DT * _rise_per_mw(radius, width, *heat) / n_g),
        "drift_pm_per_k": float(wl * 1e6 * DN_EFF_DT / n_g),
        "fsr_nm": float(wl**2 * 1e3 / (n_g * length)),
        "q_loaded": float(q),
        "extinction_db": float(-20 * np.log10(abs(t - a) / (1 - t * a))),
        "bandwidth_ghz": float(C0 / (wl * 1e-6 * q) * 1e-9),
    }


def _ring_spectrum_figure(component):
    """Ring modulator through transmission near resonance at 0, 1 and 2 V reverse bias."""
    s = geometry_of(component)
    fom = ring_figures_of_merit(s)
    fwhm_nm = TECH.wavelength * 1e3 / fom["q_loaded"]
    # find the 0 V resonance nearest the design wavelength on a grid of FWHM / 10 over one FSR
    fsr = fom["fsr_nm"] * 1e-3
    points = int(10 * fsr / (fwhm_nm * 1e-3)) + 1
    coarse = np.linspace(TECH.wavelength - fsr / 2, TECH.wavelength + fsr / 2, points)
    centre = coarse[np.argmin(np.abs(call_with(ring_modulator, coarse, s)["o2", "o1"]))]
    # the 2 V shift and two linewidths either side of it
    shift = 2 * fom["pm_per_v"] * 1e-6
    half = abs(shift) / 2 + 2 * fwhm_nm * 1e-3
    wl = np.linspace(centre + shift / 2 - half, centre + shift / 2 + half, 1201)
    fig, ax = figure_axes()
    for v in (0.0, 1.0, 2.0):
        t = call_with(ring_modulator, wl, s, voltage=v)["o2", "o1"]
        ax.plot((wl - centre) * 1e6, 10 * np.log10(np.abs(t) ** 2), label=f"{v:g} V")
    ax.set(
        xlabel=f"offset from the 0 V resonance at {centre * 1e3:.3f} nm (pm)",
        ylabel="through (dB)",
        title=f"transmission versus bias ({fom['pm_per_v']:.0f} pm/V at 0 V)",
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def _ring_response_figure(component):
    """Photon-lifetime limit of the ring's modulation response (Lorentzian, FWHM c / (wl Q))."""
    fom = ring_figures_of_merit(geometry_of(component))
    f = np.linspace(0.1, 3 * fom["bandwidth_ghz"], 300)
    response = -10 * np.log10(1 + (f / fom["bandwidth_ghz"]) ** 2)
    fig, ax = figure_axes()
    ax.plot(f, response, label=f"Q = {fom['q_loaded']:.0f}: {fom['bandwidth_ghz']:.0f} GHz")
    ax.axhline(-3, color="grey", ls=":")
    ax.set(xlabel="frequency (GHz)", ylabel="EO response (dB)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(figures=(_ring_spectrum_figure, _ring_response_figure))
def ring_modulator(
    wl: np.ndarray = TECH.wavelength,
    *,
    radius: float,
    width: float,
    gap: float,
    junction_offset: float,
    intermediate_offset: float,
    contact_offset: float,
    contact_distance: float,
    doped_fraction: float,
    length: float,
    length_bus: float,
    heater_width: float,
    slab_radius: float,
    heater_squares: float = 0.0,
    centre_contact: float = 0.0,
    lead_width: float = 0.0,
    heater_lead_width: float = 0.0,
    voltage: float | np.ndarray = 0.0,
    heater_power_mw: float | np.ndarray = 0.0,
    n_doping: float = RING_DOPING,
    p_doping: float = RING_DOPING,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """All-pass ring modulator: ``T = (t - a e^-i phi) / (1 - t a e^-i phi)`` times the bus.

    ``t = cos(theta)`` from :func:`ring_coupling`; ``a`` and ``phi`` from the rib index, the
    junction (doped over ``doped_fraction`` of the ring, :mod:`lightlane.physics.junction` at
    ``n_doping``/``p_doping``), and the heater: the mean core rise per mW of the 3-D
    (axisymmetric) conduction model of :mod:`lightlane.physics.ring_heater` (the half-ring arc
    and its TiN leads, the ring over its 90 nm slab disc of ``slab_radius``, the contact metal
    and its M2 leads), and ``DN_EFF_DT``.

    Args:
        wl: wavelength in um.
        radius, width, gap: ring geometry in um.
        junction_offset, intermediate_offset, contact_offset, contact_distance: junction
            geometry in um.
        doped_fraction: doped share of the circumference; length: circumference in um.
        length_bus: bus length in um; heater_width: TiN width in um.
        slab_radius: outer radius of the slab disc under the ring in um.
        heater_squares: TiN squares of the heater, arc and leads (0: the arc alone).
        centre_contact: side of the centre via stack in um (0 with ``lead_width``: no metal).
        lead_width: width of the M2 leads to the pads in um.
        heater_lead_width: TiN width of the heater's straight leads in um (0: heater_width).
        voltage: reverse bias in V (broadcasts).
        heater_power_mw: heater power in mW.
        n_doping, p_doping: junction doping in cm^-3.
        dn_eff: effective-index perturbation (Monte Carlo axis leading).
    """
    j = junction(
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
        contact_distance=contact_distance,
        n_doping=n_doping,
        p_doping=p_doping,
    )
    t, a, phi = _ring_terms(
        radius,
        width,
        gap,
        j,
        doped_fraction,
        length,
        (
            heater_width,
            slab_radius,
            heater_squares,
            contact_distance,
            centre_contact,
            lead_width,
            heater_lead_width,
        ),  # fmt: skip
        voltage,
        heater_power_mw,
        wl,
        dn_eff,
    )
    ring = a * np.exp(-1j * phi)
    bus_index = waveguide_index(wl, width, "rib") + dn_eff
    bus = propagation(
        np.asarray(wl, dtype=float), length_bus, bus_index, TECH.loss_db_per_cm["rib"]
    )
    return sdict_from(("o1", "o2"), {("o2", "o1"): bus * (t - ring) / (1 - t * ring)})
