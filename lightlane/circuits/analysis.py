"""From an engine layout to its per-lane figures, link budget, Monte Carlo yield and summary.

The S-parameters come from the layout's own netlist (:mod:`lightlane.circuits.simulation`), with
every device in its model's default state (modulators at zero drive and heater power). The link
budget then takes, per lane:
- Tx: the laser-to-fibre path divided by the modulator's own default transmission at every
  wavelength (the rest of the chain; an untuned ring's resonance is not a loss of the chain),
  worst over the lane window; the modulator at its operating point (MZM at quadrature, ring
  detuned by its heater, heater power reported) driven in the time domain
  (:mod:`lightlane.circuits.lane_link`): TDECQ, TECQ, OMA_outer, average power, ER and RLM;
- Rx: the fibre-to-photodiode loss worst over the window and over the fibre's polarisation (the
  TE branch from the simulation; TM through the splitter-rotator's polarisation matrix, or the
  2-D grating's second fibre port), the simulated receiver's sensitivity, and on WDM receivers
  the demultiplexer's simulated leakage from the other lanes as a crosstalk penalty;
- the reflectance at each fibre port from the same S-parameters.
Monte Carlo draws an effective-index deviation for every instance whose model takes ``dn_eff``
(but the modulator, whose heater re-tunes it to its operating point) and a modulation-depth
deviation per lane (:data:`DEPTH_SIGMA`: V_pi and drive swing), which moves TDECQ, OMA and ER
through their simulated slopes, and recomputes every budget per sample: yield is the share of
samples where every lane passes.

This module holds the nominal analysis; the Monte Carlo lives in
:mod:`lightlane.circuits.monte_carlo` and ``summary.json`` in
:mod:`lightlane.circuits.engine_summary`, both re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.circuits.budget import LaneBudget, engine_laser_power, lane_budget
from lightlane.circuits.engine_summary import summary
from lightlane.circuits.lane_figures import lane_figures, lane_pairs, lane_powers, window_masks
from lightlane.circuits.modulation import VPP_DEFAULT_V, default_transmission, modulator_levels
from lightlane.circuits.monte_carlo import DEPTH_SIGMA, DN_EFF_SIGMA, monte_carlo
from lightlane.circuits.simulation import simulate_engine
from lightlane.circuits.standards import Standard
from lightlane.pdk.process import TECH
from lightlane.sim.sparams import SParameters

__all__ = ["DEPTH_SIGMA", "DN_EFF_SIGMA", "Analysis", "analyse", "monte_carlo", "summary"]

_LINK_KEYS = (
    "tdecq_db",
    "tecq_db",
    "tdecq_minus_ceq_db",
    "oma_outer_rel_db",
    "average_rel_db",
    "extinction_ratio_db",
    "rlm",
)


@dataclass
class Analysis:
    """Nominal results of one engine: S-parameters, lane figures, budgets, device figures."""

    standard: Standard
    sparams: SParameters
    lanes: list[dict[str, Any]]
    budgets: list[LaneBudget]
    devices: dict[str, Any]
    waveforms: dict[str, Any]
    """The nominal time-domain lane per modulator wavelength (``LaneResult``, key in nm)."""


def _worst_loss(power: np.ndarray) -> np.ndarray:
    """Worst (largest) loss in dB over the last axis."""
    return -10 * np.log10(np.maximum(power.min(axis=-1), 1e-30))


def _device_figures(
    component: Any, opts: Any, vpp: float
) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """Modulator and receiver figures per lane wavelength; the nominal waveforms; the cell."""
    from lightlane.circuits.lane_link import rx_sensitivity, tx_lane
    from lightlane.models.detectors import bandwidth_ghz, dark_current_na, responsivity
    from lightlane.registry import get_pdk

    cells = get_pdk().cells
    std = opts.standard
    out: dict[str, Any] = {}
    waveforms: dict[str, Any] = {}
    mod = None
    if opts.side in ("tx", "trx"):
        name = component.info["modulator"]
        mod = cells[name]()
        out["modulator"] = {"cell": name, "vpp_v": vpp, "levels": {}, "link": {}, "slope": {}}
        for w in sorted(set(opts.wavelengths)):
            key = f"{w * 1e3:g}"
            levels = modulator_levels(name, mod, w, vpp)
            out["modulator"]["levels"][key] = levels
            figures, lane = tx_lane(std, name, mod, w, levels, vpp)
            waveforms[key] = lane
            # One node below nominal: the Monte Carlo's linear slope in the modulation depth.
            low, _ = tx_lane(std, name, mod, w, levels, vpp, depth=1 - 2 * DEPTH_SIGMA)
            out["modulator"]["link"][key] = figures
            out["modulator"]["slope"][key] = {
                k: round((figures[k] - low[k]) / (2 * DEPTH_SIGMA), 4) for k in _LINK_KEYS
            }
        if name == "mzm_traveling_wave":
            from lightlane.models import geometry_of
            from lightlane.models.mzm import mzm_eo_bandwidth_ghz, mzm_vpi

            geometry = geometry_of(mod)
            out["modulator"]["v_pi_v"] = round(mzm_vpi(geometry), 3)
            out["modulator"]["eo_bandwidth_ghz"] = round(mzm_eo_bandwidth_ghz(geometry), 2)
        if name == "ring_modulator":
            from lightlane.models import geometry_of
            from lightlane.models.ring_modulators import ring_figures_of_merit

            fom = ring_figures_of_merit(geometry_of(mod), wl=opts.wavelengths[0])
            keys = ("pm_per_mw", "drift_pm_per_k", "pm_per_v", "fsr_nm", "q_loaded")
            for key in (*keys, "bandwidth_ghz"):
                out["modulator"][key] = round(fom[key], 3)
            squares = mod.info["heater_squares"]
            out["modulator"]["heater_ohm"] = round(TECH.heater_sheet_resistance * squares, 2)
    if opts.side in ("rx", "trx"):
        resp = {
            f"{w * 1e3:g}": round(float(responsivity(w)), 4) for w in sorted(set(opts.wavelengths))
        }
        out["photodiode"] = {
            "responsivity_a_w": resp,
            "dark_current_na": round(float(dark_current_na()), 3),
            "bandwidth_ghz": round(float(bandwidth_ghz()), 2),
        }
        # The receiver's sensitivity scales as 1 / responsivity; simulate it once.
        ref = max(resp.values())
        base = rx_sensitivity(std, min(opts.wavelengths), ref)
        out["receiver"] = {
            key: {
                **base,
                "sensitivity_at_pd_dbm": round(
                    base["sensitivity_at_pd_dbm"] + 10 * np.log10(ref / r), 3
                ),
            }
            for key, r in resp.items()
        }
    return out, waveforms, mod


def _group_lines(std: Standard, lanes: list[dict[str, Any]], oma: list[float], avg: list[float]):
    """WDM group lines: total average launch power and the OMA spread, per group of lanes."""
    if not std.wdm_groups:
        return [None] * len(lanes)
    per = len(lanes) // std.wdm_groups
    out = []
    for k in range(len(lanes)):
        g = slice(k // per * per, k // per * per + per)
        total = 10 * np.log10(np.sum(10 ** (np.asarray(avg[g]) / 10)))
        out.append({"total_launch_dbm": float(total), "oma_spread_db": float(np.ptp(oma[g]))})
    return out


def lane_budgets(
    std: Standard,
    lanes: list[dict[str, Any]],
    figures: list[dict[str, Any]],
    tx_loss: np.ndarray | None,
    rx_loss: np.ndarray | None,
    devices: dict[str, Any],
    depth: np.ndarray | None = None,
) -> list[LaneBudget]:
    """One budget per lane; ``tx_loss``/``rx_loss`` are per lane (dB) or None; ``depth`` the
    lanes' relative modulation depths (None: nominal)."""
    from lightlane.circuits.budget import default_laser_power_dbm

    links: list[dict[str, Any] | None] = []
    for k, lane in enumerate(lanes):
        if tx_loss is None:
            links.append(None)
            continue
        key = f"{lane['wavelength_nm']:g}"
        link = dict(devices["modulator"]["link"][key])
        if depth is not None:
            slope = devices["modulator"]["slope"][key]
            for name in _LINK_KEYS:
                link[name] = link[name] + slope[name] * (depth[k] - 1)
        links.append(link)
    groups: list[dict[str, float] | None] = [None] * len(lanes)
    laser = None
    if tx_loss is not None:
        # A laser power the caller gave wins; else the modulator's own (engine_laser_power).
        laser = devices.get("laser_power_dbm")
        if laser is None:
            laser = devices["modulator"].get("laser", {}).get("power_dbm")
        if laser is None:
            laser = default_laser_power_dbm(std)
        oma = [laser - tx_loss[k] + links[k]["oma_outer_rel_db"] for k in range(len(lanes))]
        avg = [laser - tx_loss[k] + links[k]["average_rel_db"] for k in range(len(lanes))]
        groups = _group_lines(std, lanes, oma, avg)
    out = []
    for k, lane in enumerate(lanes):
        key = f"{lane['wavelength_nm']:g}"
        kwargs: dict[str, Any] = {}
        fig = figures[k]
        if tx_loss is not None:
            kwargs.update(
                tx_loss_db=float(tx_loss[k]),
                tx_link=links[k],
                tx_reflectance_db=fig.get("tx", {}).get("reflectance_db"),
                group=groups[k],
            )
        if rx_loss is not None:
            kwargs.update(
                rx_loss_db=float(rx_loss[k]),
                rx_link=devices["receiver"][key],
                rx_reflectance_db=fig.get("rx", {}).get("reflectance_db"),
                crosstalk_db=fig.get("rx", {}).get("crosstalk_sum_db"),
            )
        budget = lane_budget(
            std, lane["lane"], lane["wavelength_nm"], laser_power_dbm=laser, **kwargs
        )
        if tx_loss is not None:
            budget.chain["heater_power_mw"] = devices["modulator"]["levels"][key]["heater_power_mw"]
        out.append(budget)
    return out


def chain_losses(
    sp: SParameters,
    lanes: list[dict[str, Any]],
    std: Standard,
    grating: bool,
    modulator_t: np.ndarray | None,
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Per-lane worst Tx (without the modulator) and Rx loss over each window: (..., lanes)."""
    losses: dict[str, list[np.ndarray]] = {"tx": [], "rx": []}
    for lane, mask in zip(lanes, window_masks(sp.wl, std.windows_nm), strict=True):
        for side, power in lane_powers(sp, lane, grating).items():
            if side == "tx" and modulator_t is not None:
                power = power / np.maximum(modulator_t, 1e-30)
            losses[side].append(_worst_loss(power[..., mask]))
    tx, rx = (np.stack(losses[s], -1) if losses[s] else None for s in ("tx", "rx"))
    return tx, rx


def analyse(
    component: Any,
    opts: Any,
    wl: np.ndarray,
    vpp: float = VPP_DEFAULT_V,
    settings: dict[str, Any] | None = None,
    laser_power_dbm: float | None = None,
    laser_rating_dbm: float | None = None,
) -> Analysis:
    """Simulate the engine over ``wl`` (um) and compute its figures and nominal budget.

    ``settings`` are model settings for the whole engine (``dn_eff``, say); the simulation
    computes only the lane paths the figures read. ``laser_power_dbm`` is the power at each
    laser input (None: derived from the simulated lanes, :func:`engine_laser_power`, capped at
    ``laser_rating_dbm``, the laser's rating at the chip; None: the in-module default).
    """
    std = opts.standard
    lanes = component.info["lanes"]
    grating = opts.coupling == "grating"
    sp = simulate_engine(component, wl, pairs=lane_pairs(lanes, grating), **(settings or {}))
    devices, waveforms, mod = _device_figures(component, opts, vpp)
    if laser_power_dbm is not None:
        devices["laser_power_dbm"] = float(laser_power_dbm)
    t_mod = None
    if mod is not None:
        t_mod = default_transmission(component.info["modulator"], mod, sp.wl)
    figures = lane_figures(sp, lanes, std.windows_nm, grating, t_mod)
    tx, rx = chain_losses(sp, lanes, std, grating, t_mod)
    if tx is not None:
        links = [devices["modulator"]["link"][f"{lane['wavelength_nm']:g}"] for lane in lanes]
        devices["modulator"]["laser"] = engine_laser_power(
            std, [float(x) for x in tx], links, available_dbm=laser_rating_dbm
        )
    budgets = lane_budgets(std, lanes, figures, tx, rx, devices)
    return Analysis(std, sp, figures, budgets, devices, waveforms)
