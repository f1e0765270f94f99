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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lightlane.circuits.budget import LaneBudget, engine_laser_power, lane_budget
from lightlane.circuits.lane_figures import lane_figures, lane_pairs, lane_powers, window_masks
from lightlane.circuits.modulation import VPP_DEFAULT_V, default_transmission, modulator_levels
from lightlane.circuits.simulation import simulate_engine
from lightlane.circuits.standards import Standard
from lightlane.pdk.process import TECH
from lightlane.sim.models import model_signature
from lightlane.sim.sparams import SParameters

__all__ = ["DEPTH_SIGMA", "DN_EFF_SIGMA", "Analysis", "analyse", "monte_carlo", "summary"]

DN_EFF_SIGMA = 1e-3
"""Local effective-index deviation per instance (1 sigma): about 1 nm of core width for a
400 nm strip (dn_eff/dw ~ 1e-3 /nm from the mode table), the within-die width spread of a
DUV process (Lu et al., Opt. Express 25, 9712, 2017)."""
DEPTH_SIGMA = 0.035
"""Relative spread (1 sigma) of a lane's modulation depth ``pi Vpp / V_pi``: V_pi from the
junction doping (implant dose +-5 % across a wafer: ~3 % in V_pi, which scales about as the
inverse square root of the doping) and the driver's swing (2 %), combined in quadrature."""
MC_POINTS_PER_WINDOW = 7
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
            for key in ("pm_per_mw", "pm_per_v", "fsr_nm", "q_loaded", "bandwidth_ghz"):
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
) -> Analysis:
    """Simulate the engine over ``wl`` (um) and compute its figures and nominal budget.

    ``settings`` are model settings for the whole engine (``dn_eff``, say); the simulation
    computes only the lane paths the figures read. ``laser_power_dbm`` is the power at each
    laser input (None: the budget's default for the standard).
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
        devices["modulator"]["laser"] = engine_laser_power(std, [float(x) for x in tx], links)
    budgets = lane_budgets(std, lanes, figures, tx, rx, devices)
    return Analysis(std, sp, figures, budgets, devices, waveforms)


def monte_carlo(
    component: Any, opts: Any, nominal: Analysis, samples: int = 200, seed: int = 0
) -> dict[str, Any]:
    """Yield under local index variation (DN_EFF_SIGMA per instance) over the lane windows and
    modulation-depth variation (DEPTH_SIGMA per lane) through the simulated TDECQ slopes."""
    from lightlane.circuits.simulation import engine_netlist
    from lightlane.registry import get_pdk, simulation_models

    std = nominal.standard
    wl = (
        np.unique(
            np.concatenate([np.linspace(lo, hi, MC_POINTS_PER_WINDOW) for lo, hi in std.windows_nm])
        )
        / 1e3
    )
    netlist = engine_netlist(component)
    models = simulation_models()
    used = _leaf_components(netlist, models)
    # The modulator's heater holds its operating point (quadrature, the ring's detuning), so
    # its own index deviation is tuned out; every other device's stays in the path.
    held = nominal.devices.get("modulator", {}).get("cell")
    varied = sorted(
        name
        for name in used
        if name in models
        and name != held
        and "dn_eff" in (model_signature(models[name]).names or ())
    )
    variations = {f"{name}.dn_eff": DN_EFF_SIGMA for name in varied}
    lanes = component.info["lanes"]
    grating = opts.coupling == "grating"
    sp = simulate_engine(
        component,
        wl,
        samples=samples,
        variations=variations,
        seed=seed,
        pairs=lane_pairs(lanes, grating),
    )
    t_mod = None
    if "modulator" in nominal.devices:
        name = nominal.devices["modulator"]["cell"]
        t_mod = default_transmission(name, get_pdk().cells[name](), sp.wl)
    tx, rx = chain_losses(sp, lanes, std, grating, t_mod)
    rng = np.random.default_rng([seed, 1])
    depth = 1 + DEPTH_SIGMA * rng.standard_normal((samples, len(lanes)))
    passed = np.ones(samples, dtype=bool)
    worst_margin = np.full(samples, np.inf)
    tdecq_worst = np.full(samples, np.nan)
    failing: dict[str, int] = {}
    for i in range(samples):
        budgets = lane_budgets(
            std,
            lanes,
            nominal.lanes,
            None if tx is None else tx[i],
            None if rx is None else rx[i],
            nominal.devices,
            depth[i] if tx is not None else None,
        )
        passed[i] = all(b.ok for b in budgets)
        worst_margin[i] = min(line.margin for b in budgets for line in b.lines)
        if tx is not None:
            tdecq_worst[i] = max(b.chain["tdecq_db"] for b in budgets)
        for name in {line.name for b in budgets for line in b.lines if not line.ok}:
            failing[name] = failing.get(name, 0) + 1
    out = {
        "samples": samples,
        "seed": seed,
        "dn_eff_sigma": DN_EFF_SIGMA,
        "depth_sigma": DEPTH_SIGMA,
        "varied_models": varied,
        "wavelength_points": int(wl.size),
        "yield": round(float(passed.mean()), 4),
        "worst_margin_db_p5": round(float(np.percentile(worst_margin, 5)), 3),
        "worst_margin_db_median": round(float(np.median(worst_margin)), 3),
        "failing_lines": dict(sorted(failing.items())),
    }
    if tx is not None:
        out["tdecq_worst_db_p95"] = round(float(np.percentile(tdecq_worst, 95)), 3)
    return out


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
    drc_ok: bool,
    findings: list[dict[str, Any]],
    budgets: list[dict[str, Any]],
    optics_ok: bool,
    corners: dict[str, Any] | None = None,
) -> str:
    """What fails, in one line: DRC, connectivity, each failing spec line (nominal, then per
    temperature corner, six at most each), a missed window."""
    failing = [
        f"lane {b['lane']} {line['name']}"
        for b in budgets
        for line in b["specs"]
        if not line["pass"]
    ]
    at_corners = []
    for corner in (corners or {}).get("corners", []):
        bad = corner["failing"]
        if bad:
            more = f" and {len(bad) - 6} more" if len(bad) > 6 else ""
            at_corners.append(f"at {corner['case_c']:g} C case: {', '.join(bad[:6])}{more}")
    return "; ".join(
        (["DRC violations"] if not drc_ok else [])
        + (["connectivity findings"] if findings else [])
        + failing
        + at_corners
        + ([] if optics_ok else ["a passband misses its window"])
    )


_SHORT = {
    "stressed Rx sensitivity (OMA)": "stressed Rx sens",
    "Rx input OMA (weakest Tx)": "Rx input OMA",
    "Rx sensitivity (OMA)": "Rx sensitivity",
    "average launch power (max)": "avg launch (max)",
    "average launch power": "avg launch",
    "TDECQ - 10log10(Ceq)": "TDECQ - Ceq",
    "OMA difference between lanes": "OMA difference",
    "total launch power": "total launch",
}
"""Short names of the spec lines for the per-lane table (80 columns)."""


def _budget_table(
    budgets: list[dict[str, Any]], corners: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """One row per lane: the simulated figures, the tightest spec line with its margin and
    clause, the lane's worst temperature corner, and the verdict (fits 80 columns)."""
    table = []
    for k, b in enumerate(budgets):
        chain = b["chain"]
        row: dict[str, Any] = {"lane": b["lane"], "nm": b["wavelength_nm"]}
        for key, label in (
            ("tdecq_db", "TDECQ"),
            ("tx_oma_dbm", "OMA"),
            ("extinction_ratio_db", "ER"),
            ("rlm", "RLM"),
            ("rx_sensitivity_dbm", "Rx"),
        ):
            if key in chain:
                row[label] = chain[key]
        worst = min(b["specs"], key=lambda line: line["margin"])
        row["tightest"] = _SHORT.get(worst["name"], worst["name"])
        row["margin"] = worst["margin"]
        row["clause"] = worst["clause"]
        ok = b["pass"]
        if corners:
            at = [(c["case_c"], c["budget"][k]) for c in corners["corners"]]
            case, lane = min(at, key=lambda a: min(line["margin"] for line in a[1]["specs"]))
            row["T C"] = case
            ok = ok and all(lane["pass"] for _, lane in at)
        row["pass"] = ok
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
    corners: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything ``summary.json`` holds, with a verdict and pass/fail per spec line;
    ``corners`` is :func:`lightlane.circuits.corners.corner_analysis`'s result (or None)."""
    std = result.standard
    budgets = [b.to_dict() for b in result.budgets]
    optics_ok = all(
        fig.get(side, {}).get("passband_covers_window", True)
        for fig in result.lanes
        for side in ("tx", "rx")
    )
    lanes_ok = all(b["pass"] for b in budgets)
    corners_ok = corners is None or corners["pass"]
    ok = bool(drc_report.ok and not findings and lanes_ok and optics_ok and corners_ok)
    verdict = (
        "every lane meets its specs"
        + (f" at {', '.join(f'{c:g}' for c in corners['cases_c'])} C case" if corners else "")
        + "; layout clean"
        if ok
        else _verdict(drc_report.ok, findings, budgets, optics_ok, corners)
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
            "floorplan": info.get("floorplan", {}),
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
        "budget_table": _budget_table(budgets, corners),
        "lane_table": _lane_table(result.lanes),
        "monte_carlo": mc,
        "temperature": corners,
        "connectivity": findings[:50],
    }
