"""The modulator's two outer PAM4 levels at its operating point, from its own model.

An MZM is biased at quadrature with its heater (phase pi/2: half its P_pi) and driven push-pull
with a differential swing ``vpp`` (-vpp/2 to +vpp/2); a ring modulator is detuned by its heater
to its steepest point (the heater power with the largest OMA at the lane wavelength, scanned
over one FSR of tuning) and swung between 0 and ``vpp`` reverse bias. Both return absolute power
transmissions ``(t1, t0, t_default)``: the two levels and the transmission in the model's
default state (the state the engine's S-parameters were computed in), so the rest of the
chain's loss is ``engine loss - (-10 log10 t_default)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lightlane.models import call_with, geometry_of
from lightlane.registry import get_pdk

__all__ = ["VPP_DEFAULT_V", "default_transmission", "modulator_levels"]

VPP_DEFAULT_V = 3.0
"""Differential drive swing in V peak to peak: SiGe drivers for silicon traveling-wave MZMs give
2.5-4 Vppd at 100G-200G per lane (a 2 mm MZM with V_pi 9.7 V needs about 3 Vppd for the 3.5 dB
extinction ratio the DR specs ask)."""
_SCAN = 401


def _power(sdict: dict, port_in: str, port_out: str) -> np.ndarray:
    return np.abs(sdict[(port_in, port_out)]) ** 2


def modulator_levels(
    cell: str, component: Any, wl_um: float, vpp: float = VPP_DEFAULT_V
) -> dict[str, float]:
    """``t1``, ``t0`` (outer levels), ``t_default`` and the operating point of ``cell``."""
    bound = get_pdk().models[cell]
    settings = geometry_of(component)
    model = bound.model  # the pure model: the geometry comes from the built cell itself

    def model_at(wl: np.ndarray, **drive: Any) -> dict:
        return call_with(model, wl, settings, **drive)

    wl = np.array([wl_um])
    t_default = float(_power(model_at(wl), "o1", "o2")[0])
    if cell == "mzm_traveling_wave":
        from lightlane.models.mzm import mzm_quadrature_power_mw

        # Push-pull: the differential drive swings from -Vpp/2 to +Vpp/2 around quadrature.
        quadrature = mzm_quadrature_power_mw(settings, wl_um)
        drive = np.array([vpp / 2, -vpp / 2])
        levels = _power(
            model_at(wl, voltage=drive[:, None], heater_power_mw=quadrature), "o1", "o2"
        )[:, 0]
        point = {"heater_power_mw": quadrature}
    else:
        from lightlane.models.ring_modulators import ring_figures_of_merit

        # Scan the heater over one FSR of detuning for the steepest point at this wavelength.
        fom = ring_figures_of_merit(settings, wl=wl_um)
        power = np.linspace(0.0, 1e3 * fom["fsr_nm"] / fom["pm_per_mw"], _SCAN)[:, None]
        high = _power(model_at(wl, voltage=0.0, heater_power_mw=power), "o1", "o2")
        low = _power(model_at(wl, voltage=vpp, heater_power_mw=power), "o1", "o2")
        k = int(np.argmax(np.abs(high - low)[:, 0]))
        levels = np.array([high[k, 0], low[k, 0]])
        point = {"heater_power_mw": float(power[k, 0])}
    t1, t0 = float(levels.max()), float(levels.min())
    return {"t1": t1, "t0": t0, "t_default": t_default, "vpp_v": vpp, **point}


def default_transmission(
    cell: str, component: Any, wl_um: np.ndarray, **settings: Any
) -> np.ndarray:
    """The modulator's power transmission over ``wl_um`` in its model's default state (the state
    the engine's S-parameters hold it in): dividing the engine's path by it leaves the rest of
    the chain, so an untuned ring's resonance is not counted as a loss. ``settings`` are model
    settings the engine was simulated with (``dn_eff``: a temperature corner)."""
    bound = get_pdk().models[cell]
    sdict = call_with(bound.model, np.asarray(wl_um), geometry_of(component), **settings)
    return _power(sdict, "o1", "o2")
