"""The modulator's two outer PAM4 levels at its operating point, from its own model.

An MZM is biased at quadrature with its heater (phase pi/2: half its P_pi) and driven push-pull
with ``vpp``; a ring modulator is detuned by its heater to the point of steepest slope (the
heater power with the largest OMA at the lane wavelength, found by a scan over one FSR) and
driven in reverse bias around ``bias + vpp/2``. Both return absolute power transmissions
``(t1, t0, t_default)``: the two levels and the transmission at the model's default state (the
state the engine's S-parameters were computed in), so the rest of the chain's loss is
``engine loss - (-10 log10 t_default)``.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from lightlane.pdk import get_pdk

__all__ = ["VPP_DEFAULT_V", "modulator_levels"]

VPP_DEFAULT_V = 2.0
"""Differential drive swing in V peak to peak (SiGe/CMOS drivers for 100G-200G lanes give
1.5-3 Vppd; linear-drive optics about 1 Vppd per side)."""
_SCAN = 401


def _power(sdict: dict, port_in: str, port_out: str) -> np.ndarray:
    return np.abs(sdict[(port_in, port_out)]) ** 2


def modulator_levels(
    cell: str, component: Any, wl_um: float, vpp: float = VPP_DEFAULT_V
) -> dict[str, float]:
    """``t1``, ``t0`` (outer levels), ``t_default`` and the operating point of ``cell``."""
    model = get_pdk().models[cell]
    settings = {**dict(component.settings), **dict(component.info)}
    accepted = set(inspect.signature(model).parameters) | set(
        inspect.signature(model.cell).parameters
    )
    geometry = {k: v for k, v in settings.items() if k in accepted}
    wl = np.array([wl_um])
    t_default = float(_power(model(wl, **geometry), "o1", "o2")[0])
    if cell == "mzm_traveling_wave":
        from lightlane.models.heaters import p_pi_mw

        quadrature = float(p_pi_mw(wl_um, settings["heater_width"])) / 2
        levels = [
            float(
                _power(model(wl, **geometry, voltage=v, heater_power_mw=quadrature), "o1", "o2")[0]
            )
            for v in (vpp, -vpp)
        ]
        point = {"heater_power_mw": quadrature}
    else:
        power = np.linspace(0.0, float(settings.get("heater_fsr_power_mw", 20.0)), _SCAN)[:, None]
        high = _power(model(wl, **geometry, voltage=0.0, heater_power_mw=power), "o1", "o2")
        low = _power(model(wl, **geometry, voltage=vpp, heater_power_mw=power), "o1", "o2")
        k = int(np.argmax(np.abs(high - low)[:, 0]))
        levels = sorted([float(high[k, 0]), float(low[k, 0])], reverse=True)
        point = {"heater_power_mw": float(power[k, 0])}
    t1, t0 = max(levels), min(levels)
    return {"t1": t1, "t0": t0, "t_default": t_default, "vpp_v": vpp, **point}
