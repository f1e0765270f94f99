"""Models of the modulators: traveling-wave MZM and PN ring modulator (static and dynamic).

Phase and loss per arm come from the depletion model of :mod:`lightlane.models.junction`
(Nedeljkovic 2011 coefficients at 1.3 um, scaled by (wl / 1.31)^2 across the O-band as the
Drude plasma dispersion does); the electrode from :mod:`lightlane.models.electrode`; the bias
heater from :mod:`lightlane.models.heaters`; splitters from :mod:`lightlane.models.couplers`.
Figures against ``shared/DOMAIN.md`` section 2 are tabulated in ``tests/test_modulators.py``.

MZM: ``T = s_top^2 t_top + s_bot^2 t_bot`` with the MMI's two outputs ``s`` (reciprocal
combiner), ``t = t_passive exp(-i 2 pi dn_eff(V) L / wl) 10^(-a(V) L / 20)`` per arm. Push-pull
(gssg): arm voltages ``bias +- v / 2``; single drive (gsg): ``bias + v`` on arm 1, arm 2 at 0 V.
Either way the differential phase is ``pi v / V_pi`` to first order, so at quadrature
``OMA = P_max sin(pi Vpp / (2 V_pi))`` (DOMAIN.md) with ``V_pi = V_pi L / L``.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np
from scipy.linalg import eigvalsh_tridiagonal

from lightlane.components import modulators as cells
from lightlane.models import couplers
from lightlane.models._core import FROM_CELL, SDict, model
from lightlane.models._plots import figure_axes
from lightlane.models.couplers import sdict_from
from lightlane.models.dispersion import CORE_THICKNESS, SLAB_THICKNESS, group_index
from lightlane.models.electrode import C0, eo_bandwidth_ghz, eo_response
from lightlane.models.heaters import DN_EFF_DT, thermal_phase, thermal_resistance
from lightlane.models.junction import (
    DEFAULT_JUNCTION,
    Junction,
    delta_n_eff,
    mode_loss_per_cm,
    slab_mode,
    vpi_l,
)
from lightlane.models.waveguides import LOSS_DB_PER_CM, propagation, waveguide_index

__all__ = [
    "RING_DOPING",
    "cell_settings",
    "doped_arm",
    "mzm_eo_bandwidth_ghz",
    "mzm_eo_response",
    "mzm_extinction_ratio_db",
    "mzm_oma",
    "mzm_traveling_wave",
    "mzm_vpi",
    "rib_coupling_per_um",
    "ring_coupling",
    "ring_figures_of_merit",
    "ring_modulator",
]

_DB = 10 * np.log10(np.e)


def _junction(width, junction_offset, intermediate_offset, contact_offset, contact_distance):
    return Junction(
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
        contact_distance=contact_distance,
    )


def doped_arm(wl, voltage, length: float, j: Junction, dn_eff=0.0) -> np.ndarray:
    """Transmission of ``length`` um of PN rib at reverse bias ``voltage`` (V, broadcasts)."""
    wl = np.asarray(wl, dtype=float)
    drude = (wl / 1.31) ** 2
    index = waveguide_index(wl, j.width, "rib") + delta_n_eff(voltage, j) * drude + dn_eff
    loss_db_cm = LOSS_DB_PER_CM["rib"] + _DB * mode_loss_per_cm(voltage, j) * drude
    return propagation(wl, length, index, loss_db_cm)


def mzm_vpi(
    length: float = 2000.0, bias_voltage: float = 2.0, j: Junction = DEFAULT_JUNCTION
) -> float:
    """Small-signal V_pi in V of ``length`` um of phase section: ``V_pi L / L``."""
    return float(vpi_l(bias_voltage, j)) / (length * 1e-4)


def mzm_oma(
    vpp,
    p_max: float = 1.0,
    length: float = 2000.0,
    bias_voltage: float = 2.0,
    j: Junction = DEFAULT_JUNCTION,
) -> np.ndarray:
    """OMA at quadrature for a drive of ``vpp`` (V): ``P_max sin(pi Vpp / (2 V_pi))``."""
    return p_max * np.sin(np.pi * np.asarray(vpp) / (2 * mzm_vpi(length, bias_voltage, j)))


def mzm_extinction_ratio_db(
    vpp, length: float = 2000.0, bias_voltage: float = 2.0, j: Junction = DEFAULT_JUNCTION
) -> np.ndarray:
    """Dynamic extinction ratio in dB at quadrature: ``(1 + sin x) / (1 - sin x)``."""
    x = np.sin(np.pi * np.asarray(vpp) / (2 * mzm_vpi(length, bias_voltage, j)))
    return 10 * np.log10((1 + x) / (1 - x))


def mzm_eo_response(freq_ghz, **settings) -> np.ndarray:
    """EO response in dB of the MZM electrode (``lightlane.models.electrode.eo_response``)."""
    return eo_response(freq_ghz, **settings)


def mzm_eo_bandwidth_ghz(**settings) -> float:
    """EO 3-dB bandwidth in GHz (``lightlane.models.electrode.eo_bandwidth_ghz``)."""
    return eo_bandwidth_ghz(**settings)


def cell_settings(component) -> dict:
    """The cell's settings and the info keys its model takes (the model's keyword arguments)."""
    known = {**dict(component.settings), **dict(component.info)}
    accepted = _MODEL_KEYS[component.function_name]
    return {k: v for k, v in known.items() if k in accepted}


def _transmission_figure(component):
    """MZM transmission at 1311 nm versus drive voltage, at quadrature and at the peak."""
    settings = cell_settings(component)
    v = np.linspace(-5.6, 5.6, 225)  # each junction stays reverse-biased around the 2 V bias
    fig, ax = figure_axes()
    p_pi = np.pi / thermal_phase(1.311, 1.0, settings["heater_width"])
    for power, label in ((0.0, "heater off"), (p_pi / 2, "quadrature (P_pi / 2)")):
        t = mzm_traveling_wave(1.311, voltage=v, heater_power_mw=power, **settings)
        ax.plot(v, 10 * np.log10(np.abs(t["o2", "o1"]) ** 2), label=label)
    ax.set(xlabel="drive voltage (V)", ylabel="transmission (dB)", title="bias 2 V reverse")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def _eo_figure(component):
    """Electro-optic response of the electrode, |S21| in dB versus modulation frequency."""
    s = cell_settings(component)
    kw = {"signal_width": s["signal_width"], "gap": s["gap"], "length": s["length"]}
    drawn = component.info["termination_ohm_drawn"]
    f = np.linspace(0.5, 120, 240)
    fig, ax = figure_axes()
    load = None if drawn is None else drawn / 2
    for name, z in (("drawn termination", load), ("50 Ohm", 50.0), ("open", None)):
        bw = eo_bandwidth_ghz(load_ohm=z, **kw)
        ax.plot(f, eo_response(f, load_ohm=z, **kw), label=f"{name}: {bw:.0f} GHz")
    ax.axhline(-3, color="grey", ls=":")
    ax.set(xlabel="frequency (GHz)", ylabel="EO |S21| (dB)", ylim=(-12, 3))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(cells.mzm_traveling_wave, figures=(_transmission_figure, _eo_figure))
def mzm_traveling_wave(
    wl: np.ndarray = 1.31,
    length: float = FROM_CELL,
    width: float = FROM_CELL,
    junction_offset: float = FROM_CELL,
    intermediate_offset: float = FROM_CELL,
    contact_offset: float = FROM_CELL,
    contact_distance: float = FROM_CELL,
    electrode: str = FROM_CELL,
    length_strip: float = FROM_CELL,
    length_rib: float = FROM_CELL,
    width_strip: float = FROM_CELL,
    heater_width: float = FROM_CELL,
    splitter_geometry: dict = FROM_CELL,
    voltage: float | np.ndarray = 0.0,
    bias_voltage: float = 2.0,
    heater_power_mw: float | np.ndarray = 0.0,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """Static S-parameters of the MZM at a drive ``voltage`` (module docstring).

    Args:
        wl: wavelength in um.
        length: doped phase-section length in um.
        width: rib core width in um.
        junction_offset, intermediate_offset, contact_offset, contact_distance: junction
            geometry in um (:class:`lightlane.models.junction.Junction`).
        electrode: ``gssg`` (push-pull) or ``gsg`` (single drive of arm 1).
        length_strip: strip path per arm in um; length_rib: undoped rib per arm in um.
        width_strip: strip core width in um.
        heater_width: bias heater filament width in um.
        splitter_geometry: the MMIs' settings and info.
        voltage: drive voltage in V (differential for gssg), broadcasts.
        bias_voltage: reverse DC bias of the junctions in V.
        heater_power_mw: bias heater power in mW (arm 1).
        dn_eff: effective-index perturbation of both arms (Monte Carlo axis leading).
    """
    j = _junction(width, junction_offset, intermediate_offset, contact_offset, contact_distance)
    wl = np.asarray(wl, dtype=float)
    v = np.asarray(voltage, dtype=float)
    if electrode == "gssg":
        v_top, v_bottom = bias_voltage + v / 2, bias_voltage - v / 2
    else:
        v_top, v_bottom = bias_voltage + v, np.zeros_like(v)
    s = couplers.mmi1x2(wl, **splitter_geometry, dn_eff=dn_eff)
    passive = propagation(
        wl,
        length_strip,
        waveguide_index(wl, width_strip, "strip") + dn_eff,
        LOSS_DB_PER_CM["strip"],
    )
    passive = passive * propagation(
        wl, length_rib, waveguide_index(wl, width, "rib") + dn_eff, LOSS_DB_PER_CM["rib"]
    )
    heat = np.exp(-1j * thermal_phase(wl, heater_power_mw, heater_width))
    top = passive * heat * doped_arm(wl, v_top, length, j, dn_eff)
    bottom = passive * doped_arm(wl, v_bottom, length, j, dn_eff)
    through = s["o2", "o1"] ** 2 * top + s["o3", "o1"] ** 2 * bottom
    return sdict_from(("o1", "o2"), {("o2", "o1"): through})


# Ring modulators dope their junction harder than an MZM (1-3e18 cm^-3) for pm/V and a low
# intrinsic Q near critical coupling: Timurdogan et al., Nat. Commun. 5, 4008 (2014).
RING_DOPING = 3e18


def rib_coupling_per_um(gap, width: float = 0.4, wl: float = 1.31) -> np.ndarray:
    """Coupling ``kappa = pi dn / wl`` (1/um) of two rib cores ``gap`` apart on a shared slab.

    ``dn`` is the even-odd supermode splitting of the lateral effective-index profile (the
    220 nm and 90 nm slab-mode indices of :mod:`lightlane.models.junction`), by 1-D finite
    differences: the slab in the gap couples a rib bus far more than oxide couples strips.
    """
    return np.vectorize(lambda g: _supermode_splitting(float(g), width, wl))(gap)


@functools.cache
def _supermode_splitting(gap: float, width: float, wl: float) -> float:
    n_core, _ = slab_mode(wl, CORE_THICKNESS)
    n_slab, _ = slab_mode(wl, SLAB_THICKNESS)
    dx = 0.005
    x = np.arange(-3.0, 3.0 + gap + width, dx)
    cores = (np.abs(x) <= width / 2) | (np.abs(x - gap - width) <= width / 2)
    k0 = 2 * np.pi / wl
    main = -2 / dx**2 + (k0 * np.where(cores, n_core, n_slab)) ** 2
    off = np.full(x.size - 1, 1 / dx**2)
    n = x.size  # the even and odd supermodes: the two largest eigenvalues of the tridiagonal
    top = np.sqrt(eigvalsh_tridiagonal(main, off, select="i", select_range=(n - 2, n - 1)))
    return float(np.pi * (top[1] - top[0]) / k0 / wl)


def ring_coupling(gap, radius: float, width: float, wl: float = 1.31) -> np.ndarray:
    """Bus-ring coupling angle (rad): ``kappa(gap) sqrt(2 pi R' g0)`` over the curved gap.

    With ``kappa(g) = kappa(gap) exp(-(g - gap) / g0)`` and ``g = gap + u^2 / (2 R')`` along the
    bus (``R'`` the ring's outer edge), the integral of kappa is a Gaussian one.
    """
    k0, k1 = rib_coupling_per_um(gap, width, wl), rib_coupling_per_um(gap + 0.05, width, wl)
    decay = 0.05 / np.log(k0 / k1)
    return k0 * np.sqrt(2 * np.pi * (radius + width / 2) * decay)


def _ring_terms(
    radius,
    width,
    gap,
    j,
    doped_fraction,
    length,
    heater_width,
    voltage,
    heater_power_mw,
    wl,
    dn_eff,
):
    """(bus-ring through t, round-trip amplitude a, round-trip phase) of the ring."""
    wl = np.asarray(wl, dtype=float)
    drude = (wl / 1.31) ** 2
    t = np.cos(ring_coupling(gap, radius, width))
    heat = DN_EFF_DT * thermal_resistance(heater_width) * np.asarray(heater_power_mw) / length
    index = (
        waveguide_index(wl, width, "rib")
        + dn_eff
        + heat
        + doped_fraction * delta_n_eff(voltage, j) * drude
    )
    loss_db = (
        length
        * 1e-4
        * (LOSS_DB_PER_CM["rib"] + doped_fraction * _DB * mode_loss_per_cm(voltage, j) * drude)
    )
    return t, 10 ** (-loss_db / 20), 2 * np.pi * index * length / wl


def ring_figures_of_merit(
    radius=7.5,
    width=0.4,
    gap=0.2,
    doped_fraction=0.7,
    bias_voltage=0.0,
    heater_width=1.0,
    j: Junction = None,
    wl: float = 1.31,
) -> dict:
    """pm/V (small signal at ``bias_voltage``), pm/mW, FSR (nm), loaded Q, extinction (dB) and
    photon-lifetime bandwidth (GHz, the FWHM ``c / (wl Q)``) of the ring at ``wl``."""
    j = j or Junction(width=width, n_doping=RING_DOPING, p_doping=RING_DOPING)
    length = 2 * np.pi * radius
    n_g = group_index(wl, width, rib=True)
    t, a, _ = _ring_terms(
        radius, width, gap, j, doped_fraction, length, heater_width, bias_voltage, 0.0, wl, 0.0
    )
    slope = (delta_n_eff(bias_voltage + 1e-3, j) - delta_n_eff(bias_voltage - 1e-3, j)) / 2e-3
    q = np.pi * n_g * length * np.sqrt(t * a) / (wl * (1 - t * a))
    return {
        "pm_per_v": float(wl * 1e6 * doped_fraction * slope / n_g),
        "pm_per_mw": float(wl * 1e6 * DN_EFF_DT * thermal_resistance(heater_width) / length / n_g),
        "fsr_nm": float(wl**2 * 1e3 / (n_g * length)),
        "q_loaded": float(q),
        "extinction_db": float(-20 * np.log10(abs(t - a) / (1 - t * a))),
        "bandwidth_ghz": float(C0 / (wl * 1e-6 * q) * 1e-9),
    }


def _ring_spectrum_figure(component):
    """Ring modulator through transmission near resonance at 0, 1 and 2 V reverse bias."""
    s = cell_settings(component)
    wl = np.linspace(1.306, 1.316, 2001)
    fig, ax = figure_axes()
    for v in (0.0, 1.0, 2.0):
        t = ring_modulator(wl, voltage=v, **s)["o2", "o1"]
        ax.plot(wl * 1e3, 10 * np.log10(np.abs(t) ** 2), label=f"{v:g} V")
    ax.set(xlabel="wavelength (nm)", ylabel="through (dB)", title="transmission versus bias")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def _ring_response_figure(component):
    """Photon-lifetime limit of the ring's modulation response (Lorentzian, FWHM c / (wl Q))."""
    s = cell_settings(component)
    fom = ring_figures_of_merit(
        s["radius"], s["width"], s["gap"], s["doped_fraction"], heater_width=s["heater_width"]
    )
    f = np.linspace(0.1, 3 * fom["bandwidth_ghz"], 300)
    response = -10 * np.log10(1 + (f / fom["bandwidth_ghz"]) ** 2)
    fig, ax = figure_axes()
    ax.plot(f, response, label=f"Q = {fom['q_loaded']:.0f}: {fom['bandwidth_ghz']:.0f} GHz")
    ax.axhline(-3, color="grey", ls=":")
    ax.set(xlabel="frequency (GHz)", ylabel="EO response (dB)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(cells.ring_modulator, figures=(_ring_spectrum_figure, _ring_response_figure))
def ring_modulator(
    wl: np.ndarray = 1.31,
    radius: float = FROM_CELL,
    width: float = FROM_CELL,
    gap: float = FROM_CELL,
    junction_offset: float = FROM_CELL,
    intermediate_offset: float = FROM_CELL,
    contact_offset: float = FROM_CELL,
    contact_distance: float = FROM_CELL,
    doped_fraction: float = FROM_CELL,
    length: float = FROM_CELL,
    length_bus: float = FROM_CELL,
    heater_width: float = FROM_CELL,
    voltage: float | np.ndarray = 0.0,
    heater_power_mw: float | np.ndarray = 0.0,
    n_doping: float = RING_DOPING,
    p_doping: float = RING_DOPING,
    dn_eff: float | np.ndarray = 0.0,
) -> SDict:
    """All-pass ring modulator: ``T = (t - a e^-i phi) / (1 - t a e^-i phi)`` times the bus.

    ``t = cos(theta)`` from :func:`ring_coupling`; ``a`` and ``phi`` from the rib index, the
    junction (doped over ``doped_fraction`` of the ring, :mod:`lightlane.models.junction` at
    ``n_doping``/``p_doping``), and the heater: ``dT = R' P / L`` with the 2-D thermal resistance
    per length ``R'`` of :mod:`lightlane.models.heaters` (the heat of the half-ring filament
    spreads over the ring) and ``DN_EFF_DT``. Yariv, Electron. Lett. 36(4), 2000.

    Args:
        wl: wavelength in um.
        radius, width, gap: ring geometry in um.
        junction_offset, intermediate_offset, contact_offset, contact_distance: junction
            geometry in um.
        doped_fraction: doped share of the circumference; length: circumference in um.
        length_bus: bus length in um; heater_width: TiN width in um.
        voltage: reverse bias in V (broadcasts).
        heater_power_mw: heater power in mW.
        n_doping, p_doping: junction doping in cm^-3.
        dn_eff: effective-index perturbation (Monte Carlo axis leading).
    """
    j = Junction(
        width,
        junction_offset,
        intermediate_offset,
        contact_offset,
        contact_distance,
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
        heater_width,
        voltage,
        heater_power_mw,
        wl,
        dn_eff,
    )
    ring = a * np.exp(-1j * phi)
    bus = propagation(
        np.asarray(wl, dtype=float),
        length_bus,
        waveguide_index(wl, width, "rib") + dn_eff,
        LOSS_DB_PER_CM["rib"],
    )
    return sdict_from(("o1", "o2"), {("o2", "o1"): bus * (t - ring) / (1 - t * ring)})


# Keyword arguments each model takes (its own and its cell's): what cell_settings passes on.
_MODEL_KEYS = {
    f.__name__: set(inspect.signature(f).parameters) | set(inspect.signature(f.cell).parameters)
    for f in (mzm_traveling_wave, ring_modulator)
}
