"""Per-lane optical figures of a simulated engine: insertion loss, passband and crosstalk.

All figures come from the engine's S-parameters (:func:`lightlane.circuits.simulation.
simulate_engine`) evaluated over each lane's wavelength window from the standards table:
- Tx insertion loss: laser input to transmit fibre (splitter, modulator at its bias point,
  multiplexer, couplers), worst case and at the lane centre;
- Rx insertion loss: receive fibre to the lane's two photodiodes, worse fibre polarisation
  (coupler, splitter-rotator or 2-D grating, demultiplexer);
- 1-dB passband: the contiguous band around the lane centre within 1 dB of the lane's peak, and
  whether it covers the window; on the Tx side without the modulator when its transmission is
  given (its heater locks it to the laser wherever in the window the laser sits: a ring's notch
  moves with the laser, so the passive path's passband is what the window constrains);
- crosstalk (FR receivers): the strongest power a photodiode receives from another lane's window,
  relative to its own lane's weakest in-band power (``crosstalk_db``), and the sum over the
  other lanes of each one's strongest (``crosstalk_sum_db``, what the budget's penalty takes);
- reflectance at the lane's fibre port (``|S_pp|^2``, worst over the window).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lightlane.sim.sparams import SParameters

__all__ = ["lane_figures", "lane_pairs", "lane_powers", "passband_1db", "window_masks"]


def _power_db(power: np.ndarray) -> np.ndarray:
    """Power ratio to dB (floored at -300 dB)."""
    return 10 * np.log10(np.maximum(power, 1e-30))


def passband_1db(wl_um: np.ndarray, power: np.ndarray, centre_um: float) -> tuple[float, float]:
    """Edges in nm of the contiguous band around ``centre_um`` within 1 dB of its peak."""
    db = _power_db(power)
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


def _tm_over_te(wl: np.ndarray) -> np.ndarray:
    """Power ratio TM/TE of a splitter-rotator's total output (both branches)."""
    from lightlane.models.polarisation import polarisation_matrix

    m = np.abs(polarisation_matrix(wl)) ** 2  # rows (o2, o3), columns (TE, TM)
    return m[..., :, 1].sum(-1) / m[..., :, 0].sum(-1)


def lane_powers(sp: SParameters, lane: dict[str, Any], grating: bool) -> dict[str, np.ndarray]:
    """Power transmission per wavelength of a lane's paths (leading axes: Monte Carlo samples).

    ``tx``: laser input to transmit fibre. ``rx``: receive fibre to the lane's two photodiodes,
    for the worse fibre polarisation: TE from the simulation; the other polarisation through the
    2-D grating's second fibre port, or TE scaled by the splitter-rotator's TM/TE ratio.
    """
    out: dict[str, np.ndarray] = {}
    if "tx_port" in lane:
        out["tx"] = np.abs(sp[lane["tx_port"], lane["laser_port"]]) ** 2
    if "rx_port" in lane:
        pds = [d.split("/")[-1] for d in lane["detectors"]]
        port = lane["rx_port"]
        te = sum(np.abs(sp[pd, port]) ** 2 for pd in pds)
        if grating:
            other = sum(np.abs(sp[pd, f"{port}y"]) ** 2 for pd in pds)
        else:
            other = te * _tm_over_te(sp.wl)
        out["rx"] = np.minimum(te, other)
    return out


def lane_pairs(lanes: list[dict[str, Any]], grating: bool) -> list[tuple[str, str]]:
    """The (out, in) port pairs :func:`lane_powers` reads, for a simulation of only those."""
    pairs: list[tuple[str, str]] = []
    for lane in lanes:
        if "tx_port" in lane:
            pairs += [(lane["tx_port"], lane["laser_port"]), (lane["tx_port"], lane["tx_port"])]
        if "rx_port" in lane:
            pairs.append((lane["rx_port"], lane["rx_port"]))
            ports = [lane["rx_port"], f"{lane['rx_port']}y"] if grating else [lane["rx_port"]]
            pairs += [(d.split("/")[-1], port) for d in lane["detectors"] for port in ports]
    return list(dict.fromkeys(pairs))


def window_masks(wl_um: np.ndarray, windows_nm: list[tuple[float, float]]) -> list[np.ndarray]:
    """Boolean masks of ``wl_um`` inside each (lo, hi) window in nm."""
    return [(wl_um * 1e3 >= lo - 1e-9) & (wl_um * 1e3 <= hi + 1e-9) for lo, hi in windows_nm]


def lane_figures(
    sp: SParameters,
    lanes: list[dict[str, Any]],
    windows_nm: list[tuple[float, float]],
    grating: bool,
    modulator_t: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """Figures per lane (see the module docstring); ``lanes`` is the engine's ``info["lanes"]``;
    ``modulator_t`` the modulator's default transmission over ``sp.wl`` (None: passband with it)."""
    wl = sp.wl
    masks = window_masks(wl, windows_nm)
    powers = [lane_powers(sp, lane, grating) for lane in lanes]
    out = []
    for k, (lane, mask) in enumerate(zip(lanes, masks, strict=True)):
        centre = lane["wavelength_nm"] / 1e3
        fig: dict[str, Any] = {"lane": lane["lane"], "wavelength_nm": lane["wavelength_nm"]}
        fig["window_nm"] = list(windows_nm[k])
        for side, power in powers[k].items():
            fig[side] = _path_figures(wl, power, mask, centre, windows_nm[k])
            if side == "tx" and modulator_t is not None:
                passive = power / np.maximum(modulator_t, 1e-30)
                band = passband_1db(wl, passive, centre)
                fig[side]["passband_1db_nm"] = list(band)
                fig[side]["passband_covers_window"] = _covers(band, windows_nm[k])
                fig[side]["passband_without_modulator"] = True
            port = lane[f"{side}_port"]
            if sp.pairs is None or (port, port) in sp.pairs:
                back = np.abs(sp[port, port]) ** 2
                fig[side]["reflectance_db"] = round(float(_power_db(back[mask].max())), 3)
        others = [
            m
            for j, (other, m) in enumerate(zip(lanes, masks, strict=True))
            if j != k and "rx" in fig and other.get("rx_port") == lane["rx_port"]
        ]
        if others:
            power = powers[k]["rx"]
            leaks = [float(power[m].max()) for m in others]
            own = _power_db(power[mask].min())
            fig["rx"]["crosstalk_db"] = round(float(_power_db(max(leaks)) - own), 3)
            fig["rx"]["crosstalk_sum_db"] = round(float(_power_db(sum(leaks)) - own), 3)
        out.append(fig)
    return out


def _covers(band: tuple[float, float] | list[float], window: tuple[float, float]) -> bool:
    return bool(band[0] <= window[0] + 1e-6 and band[1] >= window[1] - 1e-6)


def _path_figures(
    wl: np.ndarray, power: np.ndarray, mask: np.ndarray, centre: float, window: tuple[float, float]
) -> dict[str, Any]:
    k = int(np.argmin(np.abs(wl - centre)))
    band = passband_1db(wl, power, centre)
    covers = _covers(band, window)
    return {
        "insertion_loss_db": round(float(-_power_db(power[k])), 3),
        "worst_in_window_db": round(float(-_power_db(power[mask].min())), 3),
        "passband_1db_nm": list(band),
        "passband_covers_window": covers,
    }
