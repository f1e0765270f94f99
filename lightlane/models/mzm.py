"""Model of the traveling-wave depletion MZM: static transfer, V_pi, EO response.

Phase and loss per arm come from the depletion model of :mod:`lightlane.physics.junction`
(Nedeljkovic 2011 coefficients at 1.3 um, scaled by (wl / 1.31)^2 across the O-band as the
Drude plasma dispersion does); the electrode from :mod:`lightlane.physics.electrode`; the bias
heater from :mod:`lightlane.physics.thermal`; splitters from :mod:`lightlane.models.couplers`.

MZM: ``T = s_top^2 t_top + s_bot^2 t_bot`` with the MMI's two outputs ``s`` (reciprocal
combiner), ``t = t_passive exp(-i 2 pi dn_eff(V) L / wl) 10^(-a(V) L / 20)`` per arm. Push-pull
(gssg): arm voltages ``bias +- v / 2``; single drive (gsg): ``bias + v`` on arm 1, arm 2 at 0 V.
Either way the differential phase is ``pi v / V_pi`` to first order, so at quadrature
``OMA = P_max sin(pi Vpp / (2 V_pi))`` with ``V_pi = V_pi L / L`` (Reed et al., "Silicon
optical modulators", Nat. Photon. 4, 518, 2010). The ranges the model is checked against, V_pi L
1.1-2.5 V cm, 0.8-1.5 dB/mm of loss and 40-90 GHz of EO bandwidth for a traveling-wave
depletion MZM, are assumptions of the order recent devices report; the figures of this model
are tabulated in ``tests/test_modulators.py``.

The figures-of-merit functions take the cell's geometry, ``{**component.settings,
**component.info}`` (:func:`lightlane.models.geometry_of`), so no default of the cell is repeated
here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

import numpy as np

from lightlane.models import couplers
from lightlane.models._core import SDict, call_with, geometry_of, model, sdict_from
from lightlane.models._plots import figure_axes
from lightlane.models.heaters import HEATER_STACK
from lightlane.models.waveguides import propagation, waveguide_index
from lightlane.pdk.layer_stack import STACK
from lightlane.pdk.process import TECH
from lightlane.physics.constants import DB_PER_E_FOLD
from lightlane.physics.electrode import LineStack, eo_bandwidth_ghz, eo_response
from lightlane.physics.junction import Junction, delta_n_eff, mode_loss_per_cm, vpi_l
from lightlane.physics.thermal import p_pi_mw, thermal_phase

__all__ = [
    "LINE_STACK",
    "doped_arm",
    "junction",
    "mzm_eo_bandwidth_ghz",
    "mzm_eo_response",
    "mzm_extinction_ratio_db",
    "mzm_oma",
    "mzm_quadrature_power_mw",
    "mzm_traveling_wave",
    "mzm_vpi",
]

LINE_STACK = LineStack(
    metal_thickness=STACK["m2"][2], oxide_height=STACK["m2"][1] - STACK["box"][1]
)
"""The RF electrode's stack: 2 um AlCu M2 over 5 um of oxide above the silicon handle."""
_JUNCTION_KEYS = tuple(
    f.name for f in fields(Junction) if f.name not in ("core_thickness", "slab_thickness")
)


def junction(**geometry: Any) -> Junction:
    """The lateral PN junction of this process's rib with the given geometry and doping (the
    keys of :class:`lightlane.physics.junction.Junction` that ``geometry`` holds)."""
    given = {k: geometry[k] for k in _JUNCTION_KEYS if geometry.get(k) is not None}
    return Junction(
        core_thickness=TECH.core_thickness, slab_thickness=TECH.slab90_thickness, **given
    )


def doped_arm(wl, voltage, length: float, j: Junction, dn_eff=0.0) -> np.ndarray:
    """Transmission of ``length`` um of PN rib at reverse bias ``voltage`` (V, broadcasts)."""
    wl = np.asarray(wl, dtype=float)
    drude = (wl / 1.31) ** 2
    index = waveguide_index(wl, j.width, "rib") + delta_n_eff(voltage, j) * drude + dn_eff
    loss_db_cm = TECH.loss_db_per_cm["rib"] + DB_PER_E_FOLD * mode_loss_per_cm(voltage, j) * drude
    return propagation(wl, length, index, loss_db_cm)


def mzm_vpi(geometry: Mapping[str, Any], bias_voltage: float = 2.0) -> float:
    """Small-signal V_pi in V of the cell's phase section: ``V_pi L / L``."""
    return float(vpi_l(bias_voltage, junction(**geometry))) / (geometry["length"] * 1e-4)


def mzm_oma(
    vpp, geometry: Mapping[str, Any], p_max: float = 1.0, bias_voltage: float = 2.0
) -> np.ndarray:
    """OMA at quadrature for a drive of ``vpp`` (V): ``P_max sin(pi Vpp / (2 V_pi))``."""
    v_pi = mzm_vpi(geometry, bias_voltage)
    return p_max * np.sin(np.pi * np.asarray(vpp) / (2 * v_pi))


def mzm_extinction_ratio_db(
    vpp, geometry: Mapping[str, Any], bias_voltage: float = 2.0
) -> np.ndarray:
    """Dynamic extinction ratio in dB at quadrature: ``(1 + sin x) / (1 - sin x)``."""
    x = np.sin(np.pi * np.asarray(vpp) / (2 * mzm_vpi(geometry, bias_voltage)))
    return 10 * np.log10((1 + x) / (1 - x))


def mzm_quadrature_power_mw(geometry: Mapping[str, Any], wl: float = TECH.wavelength) -> float:
    """Bias heater power in mW that sets the MZM at quadrature (half its P_pi)."""
    return float(p_pi_mw(wl, geometry["heater_width"], HEATER_STACK)) / 2


_TERMINATED = object()


def _electrode(geometry: Mapping[str, Any], load_ohm: Any, bias_voltage: float) -> dict:
    if load_ohm is _TERMINATED:  # the drawn termination, shared by the two lines of the odd mode
        drawn = geometry.get("termination_ohm_drawn")
        load_ohm = None if drawn is None else drawn / 2
    return {
        "length": geometry["length"],
        "signal_width": geometry["signal_width"],
        "gap": geometry["gap"],
        "junction": junction(**geometry),
        "stack": LINE_STACK,
        "load_ohm": load_ohm,
        "bias_voltage": bias_voltage,
    }


def mzm_eo_response(
    freq_ghz, geometry: Mapping[str, Any], load_ohm: Any = _TERMINATED, bias_voltage: float = 2.0
) -> np.ndarray:
    """EO response in dB of the MZM electrode (:func:`lightlane.physics.electrode.eo_response`).

    ``load_ohm`` defaults to the cell's drawn termination (half of it per line); None leaves the
    line open.
    """
    return eo_response(freq_ghz, **_electrode(geometry, load_ohm, bias_voltage))


def mzm_eo_bandwidth_ghz(
    geometry: Mapping[str, Any], load_ohm: Any = _TERMINATED, bias_voltage: float = 2.0
) -> float:
    """EO 3-dB bandwidth in GHz of the MZM electrode (arguments as :func:`mzm_eo_response`)."""
    return eo_bandwidth_ghz(**_electrode(geometry, load_ohm, bias_voltage))


def _transmission_figure(component):
    """MZM transmission at 1311 nm versus drive voltage, at quadrature and at the peak."""
    geometry = geometry_of(component)
    v = np.linspace(-5.6, 5.6, 225)  # each junction stays reverse-biased around the 2 V bias
    fig, ax = figure_axes()
    quadrature = mzm_quadrature_power_mw(geometry, 1.311)
    for power, label in ((0.0, "heater off"), (quadrature, "quadrature (P_pi / 2)")):
        drive = {"voltage": v, "heater_power_mw": power}
        t = call_with(mzm_traveling_wave, 1.311, geometry, **drive)
        ax.plot(v, 10 * np.log10(np.abs(t["o2", "o1"]) ** 2), label=label)
    ax.set(xlabel="drive voltage (V)", ylabel="transmission (dB)", title="bias 2 V reverse")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


def _eo_figure(component):
    """Electro-optic response of the electrode, |S21| in dB versus modulation frequency."""
    geometry = geometry_of(component)
    f = np.linspace(0.5, 120, 240)
    fig, ax = figure_axes()
    for name, z in (("drawn termination", _TERMINATED), ("50 Ohm", 50.0), ("open", None)):
        bw = mzm_eo_bandwidth_ghz(geometry, z)
        ax.plot(f, mzm_eo_response(f, geometry, z), label=f"{name}: {bw:.0f} GHz")
    ax.axhline(-3, color="grey", ls=":")
    ax.set(xlabel="frequency (GHz)", ylabel="EO |S21| (dB)", ylim=(-12, 3))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return fig


@model(figures=(_transmission_figure, _eo_figure))
def mzm_traveling_wave(
    wl: np.ndarray = TECH.wavelength,
    *,
    length: float,
    width: float,
    junction_offset: float,
    intermediate_offset: float,
    contact_offset: float,
    contact_distance: float,
    electrode: str,
    length_strip: float,
    length_rib: float,
    width_strip: float,
    heater_width: float,
    splitter_geometry: dict,
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
            geometry in um (:class:`lightlane.physics.junction.Junction`).
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
    j = junction(
        width=width,
        junction_offset=junction_offset,
        intermediate_offset=intermediate_offset,
        contact_offset=contact_offset,
        contact_distance=contact_distance,
    )
    wl = np.asarray(wl, dtype=float)
    v = np.asarray(voltage, dtype=float)
    if electrode == "gssg":
        v_top, v_bottom = bias_voltage + v / 2, bias_voltage - v / 2
    else:
        v_top, v_bottom = bias_voltage + v, np.zeros_like(v)
    s = call_with(couplers.mmi1x2, wl, splitter_geometry, dn_eff=dn_eff)
    loss = TECH.loss_db_per_cm
    strip_index = waveguide_index(wl, width_strip, "strip") + dn_eff
    passive = propagation(wl, length_strip, strip_index, loss["strip"])
    rib_index = waveguide_index(wl, width, "rib") + dn_eff
    passive = passive * propagation(wl, length_rib, rib_index, loss["rib"])
    heat = np.exp(-1j * thermal_phase(wl, heater_power_mw, heater_width, HEATER_STACK))
    top = passive * heat * doped_arm(wl, v_top, length, j, dn_eff)
    bottom = passive * doped_arm(wl, v_bottom, length, j, dn_eff)
    through = s["o2", "o1"] ** 2 * top + s["o3", "o1"] ** 2 * bottom
    return sdict_from(("o1", "o2"), {("o2", "o1"): through})
