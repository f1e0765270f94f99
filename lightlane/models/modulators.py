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

import numpy as np

from lightlane.components import modulators as cells
from lightlane.models import couplers
from lightlane.models._core import FROM_CELL, SDict, model
from lightlane.models.couplers import sdict_from
from lightlane.models.electrode import eo_bandwidth_ghz, eo_response
from lightlane.models.heaters import thermal_phase
from lightlane.models.junction import Junction, delta_n_eff, mode_loss_per_cm, vpi_l
from lightlane.models.waveguides import LOSS_DB_PER_CM, propagation, waveguide_index

__all__ = [
    "mzm_eo_bandwidth_ghz",
    "mzm_eo_response",
    "mzm_extinction_ratio_db",
    "mzm_oma",
    "mzm_traveling_wave",
    "mzm_vpi",
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


def mzm_vpi(length: float = 2000.0, bias_voltage: float = 2.0, j: Junction = Junction()) -> float:
    """Small-signal V_pi in V of ``length`` um of phase section: ``V_pi L / L``."""
    return float(vpi_l(bias_voltage, j)) / (length * 1e-4)


def mzm_oma(vpp, p_max: float = 1.0, length: float = 2000.0, bias_voltage: float = 2.0,
            j: Junction = Junction()) -> np.ndarray:  # fmt: skip
    """OMA at quadrature for a drive of ``vpp`` (V): ``P_max sin(pi Vpp / (2 V_pi))``."""
    return p_max * np.sin(np.pi * np.asarray(vpp) / (2 * mzm_vpi(length, bias_voltage, j)))


def mzm_extinction_ratio_db(vpp, length: float = 2000.0, bias_voltage: float = 2.0,
                            j: Junction = Junction()) -> np.ndarray:  # fmt: skip
    """Dynamic extinction ratio in dB at quadrature: ``(1 + sin x) / (1 - sin x)``."""
    x = np.sin(np.pi * np.asarray(vpp) / (2 * mzm_vpi(length, bias_voltage, j)))
    return 10 * np.log10((1 + x) / (1 - x))


def mzm_eo_response(freq_ghz, **settings) -> np.ndarray:
    """EO response in dB of the MZM electrode (``lightlane.models.electrode.eo_response``)."""
    return eo_response(freq_ghz, **settings)


def mzm_eo_bandwidth_ghz(**settings) -> float:
    """EO 3-dB bandwidth in GHz (``lightlane.models.electrode.eo_bandwidth_ghz``)."""
    return eo_bandwidth_ghz(**settings)


def _cell_settings(component) -> dict:
    return {**dict(component.settings), **dict(component.info)}


def _transmission_figure(component):
    """MZM transmission at 1311 nm versus drive voltage, at quadrature and at the peak."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    settings = _cell_settings(component)
    v = np.linspace(-6, 6, 241)
    fig, ax = plt.subplots(figsize=(6, 3.2), constrained_layout=True)
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
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = _cell_settings(component)
    kw = {"signal_width": s["signal_width"], "gap": s["gap"], "length": s["length"]}
    f = np.linspace(0.5, 120, 240)
    fig, ax = plt.subplots(figsize=(6, 3.2), constrained_layout=True)
    load = None if s["termination_ohm_drawn"] is None else s["termination_ohm_drawn"] / 2
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
    passive = propagation(wl, length_strip, waveguide_index(wl, width_strip, "strip") + dn_eff,
                          LOSS_DB_PER_CM["strip"])  # fmt: skip
    passive = passive * propagation(wl, length_rib, waveguide_index(wl, width, "rib") + dn_eff,
                                    LOSS_DB_PER_CM["rib"])  # fmt: skip
    heat = np.exp(-1j * thermal_phase(wl, heater_power_mw, heater_width))
    top = passive * heat * doped_arm(wl, v_top, length, j, dn_eff)
    bottom = passive * doped_arm(wl, v_bottom, length, j, dn_eff)
    through = s["o2", "o1"] ** 2 * top + s["o3", "o1"] ** 2 * bottom
    return sdict_from(("o1", "o2"), {("o2", "o1"): through})
