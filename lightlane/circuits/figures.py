"""Per-lane optical figures of a simulated engine: insertion loss, passband and crosstalk.

All figures come from the engine's S-parameters (:func:`lightlane.circuits.simulation.
simulate_engine`) evaluated over each lane's wavelength window from the standards table:
- Tx insertion loss: laser input to transmit fibre (splitter, modulator at its bias point,
  multiplexer, couplers), worst case and at the lane centre;
- Rx insertion loss: receive fibre to the lane's photodiode (coupler, splitter-rotator,
  demultiplexer);
- 1-dB passband: the contiguous band around the lane centre within 1 dB of the lane's peak, and
  whether it covers the window;
- crosstalk (FR receivers): the strongest power a photodiode receives from another lane's window,
  relative to its own lane's weakest in-band power.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lightlane.sim.sparams import SParameters

__all__ = ["lane_figures", "passband_1db"]


def _db(power: np.ndarray) -> np.ndarray:
    return 10 * np.log10(np.maximum(power, 1e-30))


def passband_1db(wl_um: np.ndarray, power: np.ndarray, centre_um: float) -> tuple[float, float]:
    """Edges in nm of the contiguous band around ``centre_um`` within 1 dB of its peak."""
    db = _db(power)
    inside = db >= db.max() - 1.0
    k = int(np.argmin(np.abs(wl_um - centre_um)))
    if not inside[k]:
        return (float("nan"), float("nan"))
    lo = k
    while lo > 0 and inside[lo - 1]:
        lo -= 1
    hi = k
    while hi < len(inside) - 1 and inside[hi + 1]:
        hi += 1
    return (round(float(wl_um[lo]) * 1e3, 3), round(float(wl_um[hi]) * 1e3, 3))


def _path_power(sp: SParameters, out: str, inp: str | list[str]) -> np.ndarray:
    ins = [inp] if isinstance(inp, str) else inp
    return sum(np.abs(sp[out, i]) ** 2 for i in ins)


def lane_figures(
    sp: SParameters, lanes: list[dict[str, Any]], windows_nm: list[tuple[float, float]]
) -> list[dict[str, Any]]:
    """Figures per lane (see the module docstring); ``lanes`` is the engine's ``info["lanes"]``."""
    wl = sp.wl
    masks = [(wl * 1e3 >= lo - 1e-9) & (wl * 1e3 <= hi + 1e-9) for lo, hi in windows_nm]
    out = []
    for k, (lane, mask) in enumerate(zip(lanes, masks, strict=True)):
        centre = lane["wavelength_nm"] / 1e3
        fig: dict[str, Any] = {"lane": lane["lane"], "wavelength_nm": lane["wavelength_nm"]}
        fig["window_nm"] = list(windows_nm[k])
        if "tx_port" in lane:
            power = _path_power(sp, lane["tx_port"], lane["laser_port"])
            fig["tx"] = _path_figures(wl, power, mask, centre, windows_nm[k])
        if "rx_port" in lane:
            pds = [d.split("/")[-1] for d in lane["detectors"]]
            # The splitter-rotator sends fibre TE to the first photodiode of the pair.
            power = np.abs(sp[pds[0], lane["rx_port"]]) ** 2
            fig["rx"] = _path_figures(wl, power, mask, centre, windows_nm[k])
            others = [
                m
                for j, (other, m) in enumerate(zip(lanes, masks, strict=True))
                if j != k and other.get("rx_port") == lane["rx_port"]
            ]
            if others:
                leak = max(float(power[m].max()) for m in others)
                fig["rx"]["crosstalk_db"] = round(float(_db(leak) - _db(power[mask].min())), 3)
        out.append(fig)
    return out


def _path_figures(
    wl: np.ndarray, power: np.ndarray, mask: np.ndarray, centre: float, window: tuple[float, float]
) -> dict[str, Any]:
    k = int(np.argmin(np.abs(wl - centre)))
    band = passband_1db(wl, power, centre)
    covers = bool(band[0] <= window[0] + 1e-6 and band[1] >= window[1] - 1e-6)
    return {
        "insertion_loss_db": round(float(-_db(power[k])), 3),
        "worst_in_window_db": round(float(-_db(power[mask].min())), 3),
        "passband_1db_nm": list(band),
        "passband_covers_window": covers,
    }
