"""From an engine layout to its per-lane figures, link budget, Monte Carlo yield and summary.

The S-parameters come from the layout's own netlist (:mod:`lightlane.circuits.simulation`), with
every device in its model's default state (modulators at zero drive and heater power). The link
budget then takes, per lane:
- Tx: the laser-to-fibre loss worst over the lane window, less the modulator's own default
  transmission, plus the modulator's outer levels at its operating point
  (:mod:`lightlane.circuits.modulation`);
- Rx: the fibre-to-photodiode loss worst over the window and over the fibre's polarisation (the
  TE branch from the simulation; TM through the splitter-rotator's polarisation matrix, or the
  2-D grating's second fibre port), and the photodiode's responsivity.
Monte Carlo draws an effective-index deviation for every instance whose model takes ``dn_eff``
and recomputes the budget per sample: yield is the share of samples where every lane passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.circuits.budget import LaneBudget, lane_budget
from lightlane.circuits.lane_figures import lane_figures, lane_pairs, lane_powers, window_masks
from lightlane.circuits.modulation import VPP_DEFAULT_V, modulator_levels
from lightlane.circuits.simulation import simulate_engine
from lightlane.circuits.standards import Standard
from lightlane.pdk.process import TECH
from lightlane.sim.models import model_signature
from lightlane.sim.sparams import SParameters

__all__ = ["DN_EFF_SIGMA", "Analysis", "analyse", "monte_carlo", "summary"]

DN_EFF_SIGMA = 1e-3
"""Local effective-index deviation per instance (1 sigma): about 1 nm of core width for a
400 nm strip (dn_eff/dw ~ 1e-3 /nm from the mode table), the within-die width spread of a
DUV process (Lu et al., Opt. Express 25, 9712, 2017)."""
MC_POINTS_PER_WINDOW = 7


@dataclass
class Analysis:
    """Nominal results of one engine: S-parameters, lane figures, budgets, device figures."""

    standard: Standard
    sparams: SParameters
    lanes: list[dict[str, Any]]
    budgets: list[LaneBudget]
    devices: dict[str, Any]


def _worst_loss(power: np.ndarray) -> np.ndarray:
    """Worst (largest) loss in dB over the last axis."""
    return -10 * np.log10(np.maximum(power.min(axis=-1), 1e-30))


def _device_figures(component: Any, opts: Any, vpp: float) -> dict[str, Any]:
    from lightlane.models.detectors import bandwidth_ghz, dark_current_na, responsivity
    from lightlane.registry import get_pdk

    cells = get_pdk().cells
    out: dict[str, Any] = {}
    if opts.side in ("tx", "trx"):
        name = component.info["modulator"]
        mod = cells[name]()
        out["modulator"] = {"cell": name, "vpp_v": vpp, "levels": {}}
        for w in sorted(set(opts.wavelengths)):
            out["modulator"]["levels"][f"{w * 1e3:g}"] = modulator_levels(name, mod, w, vpp)
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
            for key in ("pm_per_mw", "pm_per_v", "fsr_nm", "q_loaded", "bandwidth_ghz"):
                out["modulator"][key] = round(fom[key], 3)
            squares = mod.info["heater_squares"]
            out["modulator"]["heater_ohm"] = round(TECH.heater_sheet_resistance * squares, 2)
    if opts.side in ("rx", "trx"):
        out["photodiode"] = {
            "responsivity_a_w": {
                f"{w * 1e3:g}": round(float(responsivity(w)), 4)
                for w in sorted(set(opts.wavelengths))
            },
            "dark_current_na": round(float(dark_current_na()), 3),
            "bandwidth_ghz": round(float(bandwidth_ghz()), 2),
        }
    return out


def _budgets(
    std: Standard,
    lanes: list[dict[str, Any]],
    tx_loss: np.ndarray | None,
    rx_loss: np.ndarray | None,
    devices: dict[str, Any],
) -> list[LaneBudget]:
    """One budget per lane; ``tx_loss``/``rx_loss`` are per lane (dB) or None."""
    out = []
    for k, lane in enumerate(lanes):
        key = f"{lane['wavelength_nm']:g}"
        kwargs: dict[str, Any] = {}
        if tx_loss is not None:
            levels = devices["modulator"]["levels"][key]
            kwargs.update(
                laser_power_dbm=devices.get("laser_power_dbm"),
                tx_loss_db=float(tx_loss[k]) + 10 * np.log10(levels["t_default"]),
                t1=levels["t1"],
                t0=levels["t0"],
            )
        if rx_loss is not None:
            kwargs.update(
                rx_loss_db=float(rx_loss[k]),
                responsivity_a_w=devices["photodiode"]["responsivity_a_w"][key],
            )
        out.append(lane_budget(std, lane["lane"], lane["wavelength_nm"], **kwargs))
    return out


def _losses(
    sp: SParameters, lanes: list[dict[str, Any]], std: Standard, grating: bool
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Per-lane worst Tx and Rx loss over each window: shape (..., lanes) or None."""
    losses: dict[str, list[np.ndarray]] = {"tx": [], "rx": []}
    for lane, mask in zip(lanes, window_masks(sp.wl, std.windows_nm), strict=True):
        for side, power in lane_powers(sp, lane, grating).items():
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
) -> Analysis:
    """Simulate the engine over ``wl`` (um) and compute its figures and nominal budget.

    ``settings`` are model settings for the whole engine (``dn_eff``, say); the simulation
    computes only the lane paths the figures read. ``laser_power_dbm`` is the power at each
    laser input (None: the budget's default for the standard).
    """
    std = opts.standard
    lanes = component.info["lanes"]
    pairs = lane_pairs(lanes, opts.coupling == "grating")
    sp = simulate_engine(component, wl, pairs=pairs, **(settings or {}))
    figures = lane_figures(sp, lanes, std.windows_nm, opts.coupling == "grating")
    devices = _device_figures(component, opts, vpp)
    if laser_power_dbm is not None:
        devices["laser_power_dbm"] = float(laser_power_dbm)
    tx, rx = _losses(sp, lanes, std, opts.coupling == "grating")
    return Analysis(std, sp, figures, _budgets(std, lanes, tx, rx, devices), devices)


def monte_carlo(
    component: Any, opts: Any, nominal: Analysis, samples: int = 200, seed: int = 0
) -> dict[str, Any]:
    """Yield under local index variation (DN_EFF_SIGMA per instance) over the lane windows."""
    from lightlane.circuits.simulation import engine_netlist
    from lightlane.registry import get_pdk

    std = nominal.standard
    wl = (
        np.unique(
            np.concatenate([np.linspace(lo, hi, MC_POINTS_PER_WINDOW) for lo, hi in std.windows_nm])
        )
        / 1e3
    )
    netlist = engine_netlist(component)
    models = get_pdk().models
    used = _leaf_components(netlist, models)
    varied = sorted(
        name
        for name in used
        if name in models and "dn_eff" in (model_signature(models[name]).names or ())
    )
    variations = {f"{name}.dn_eff": DN_EFF_SIGMA for name in varied}
    lanes = component.info["lanes"]
    pairs = lane_pairs(lanes, opts.coupling == "grating")
    sp = simulate_engine(
        component, wl, samples=samples, variations=variations, seed=seed, pairs=pairs
    )
    tx, rx = _losses(sp, lanes, std, opts.coupling == "grating")
    passed = np.ones(samples, dtype=bool)
    worst_margin = np.full(samples, np.inf)
    for i in range(samples):
        budgets = _budgets(
            std,
            lanes,
            None if tx is None else tx[i],
            None if rx is None else rx[i],
            nominal.devices,
        )
        passed[i] = all(b.ok for b in budgets)
        worst_margin[i] = min(line.margin for b in budgets for line in b.lines)
    return {
        "samples": samples,
        "seed": seed,
        "dn_eff_sigma": DN_EFF_SIGMA,
        "varied_models": varied,
        "wavelength_points": int(wl.size),
        "yield": round(float(passed.mean()), 4),
        "worst_margin_db_p5": round(float(np.percentile(worst_margin, 5)), 3),
        "worst_margin_db_median": round(float(np.median(worst_margin)), 3),
    }


def _leaf_components(netlist: dict[str, Any], models: dict[str, Any]) -> set[str]:
    """Components the solver evaluates by model: it stops descending at a cell with a model."""
    used: set[str] = set()
    used_cells = {i["component"] for net in netlist.values() for i in net["instances"].values()}
    stack = [name for name in netlist if name not in used_cells]  # the top cell(s)
    while stack:
        for inst in netlist[stack.pop()]["instances"].values():
            name = inst["component"]
            if name in models:
                used.add(name)
            elif name in netlist:
                stack.append(name)
    return used


def _verdict(
    drc_ok: bool, findings: list[dict[str, Any]], budgets: list[dict[str, Any]], optics_ok: bool
) -> str:
    """What fails, in one line: DRC, connectivity, each failing spec line, a missed window."""
    failing = [
        f"lane {b['lane']} {line['name']}"
        for b in budgets
        for line in b["specs"]
        if not line["pass"]
    ]
    return "; ".join(
        (["DRC violations"] if not drc_ok else [])
        + (["connectivity findings"] if findings else [])
        + failing
        + ([] if optics_ok else ["a passband misses its window"])
    )


def _budget_table(budgets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per lane: each spec line's value, the smallest margin and the verdict."""
    table = []
    for b in budgets:
        row: dict[str, Any] = {"lane": b["lane"], "nm": b["wavelength_nm"]}
        for line in b["specs"]:
            row[f"{line['name']} ({line['unit']})"] = line["value"]
        row["min margin"] = min(line["margin"] for line in b["specs"])
        row["pass"] = b["pass"]
        table.append(row)
    return table


def _lane_table(lanes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per lane: the optical path's loss, worst in-window loss, 1-dB band, crosstalk."""
    table = []
    for fig in lanes:
        row = {"lane": fig["lane"], "nm": fig["wavelength_nm"]}
        for side in ("tx", "rx"):
            if side in fig:
                row[f"{side} IL (dB)"] = fig[side]["insertion_loss_db"]
                row[f"{side} worst in window (dB)"] = fig[side]["worst_in_window_db"]
                row[f"{side} 1-dB band (nm)"] = fig[side]["passband_1db_nm"]
                if "crosstalk_db" in fig[side]:
                    row[f"{side} crosstalk (dB)"] = fig[side]["crosstalk_db"]
        table.append(row)
    return table


def summary(
    component: Any,
    opts: Any,
    result: Analysis,
    mc: dict[str, Any],
    drc_report: Any,
    findings: list[dict[str, Any]],
) -> dict[str, Any]:
    """Everything ``summary.json`` holds, with a verdict and pass/fail per spec line."""
    std = result.standard
    budgets = [b.to_dict() for b in result.budgets]
    optics_ok = all(
        fig.get(side, {}).get("passband_covers_window", True)
        for fig in result.lanes
        for side in ("tx", "rx")
    )
    lanes_ok = all(b["pass"] for b in budgets)
    ok = bool(drc_report.ok and not findings and lanes_ok and optics_ok)
    verdict = (
        "every lane meets its specs; layout clean"
        if ok
        else _verdict(drc_report.ok, findings, budgets, optics_ok)
    )
    info = component.info
    return {
        "standard": std.name,
        "side": opts.side,
        "pass": ok,
        "verdict": verdict,
        "options": {
            "standard": std.name,
            "side": opts.side,
            "coupling": opts.coupling,
            "modulator": opts.modulator,
            "fibre_pitch_um": opts.fibre_pitch,
        },
        "interface": std.to_dict(),
        "layout": {
            "top_cell": component.name,
            "die_um": list(info["die_um"]),
            "lanes": info["lanes"],
            "tx_fibres": sum(1 for p in component.ports if p.name.startswith("tx")),
            "rx_fibres": sum(
                1 for p in component.ports if p.name.startswith("rx") and not p.name.endswith("y")
            ),
        },
        "checks": {
            "drc_clean": bool(drc_report.ok),
            "drc_violations": int(drc_report.total),
            "connectivity_findings": len(findings),
        },
        "devices": result.devices,
        "lanes": result.lanes,
        "budget": budgets,
        "budget_table": _budget_table(budgets),
        "lane_table": _lane_table(result.lanes),
        "monte_carlo": mc,
        "connectivity": findings[:50],
    }
