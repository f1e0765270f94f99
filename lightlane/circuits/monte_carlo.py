"""Monte Carlo yield of an engine: local index and modulation-depth variation, every budget
recomputed per sample (the split from :mod:`lightlane.circuits.analysis`, which re-exports it).

Monte Carlo draws an effective-index deviation for every instance whose model takes ``dn_eff``
(but the modulator, whose heater re-tunes it to its operating point) and a modulation-depth
deviation per lane (:data:`DEPTH_SIGMA`: V_pi and drive swing), which moves TDECQ, OMA and ER
through their simulated slopes, and recomputes every budget per sample: yield is the share of
samples where every lane passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from lightlane.circuits.lane_figures import lane_pairs
from lightlane.circuits.modulation import default_transmission
from lightlane.circuits.simulation import simulate_engine
from lightlane.sim.models import model_signature

if TYPE_CHECKING:
    from lightlane.circuits.analysis import Analysis

__all__ = ["DEPTH_SIGMA", "DN_EFF_SIGMA", "MC_POINTS_PER_WINDOW", "monte_carlo"]

DN_EFF_SIGMA = 1e-3
"""Local effective-index deviation per instance (1 sigma): about 1 nm of core width for a
400 nm strip (dn_eff/dw ~ 1e-3 /nm from the mode table), the within-die width spread of a
DUV process (Lu et al., Opt. Express 25, 9712, 2017)."""
DEPTH_SIGMA = 0.035
"""Relative spread (1 sigma) of a lane's modulation depth ``pi Vpp / V_pi``: V_pi from the
junction doping (implant dose +-5 % across a wafer: ~3 % in V_pi, which scales about as the
inverse square root of the doping) and the driver's swing (2 %), combined in quadrature."""
MC_POINTS_PER_WINDOW = 7


def monte_carlo(
    component: Any, opts: Any, nominal: Analysis, samples: int = 200, seed: int = 0
) -> dict[str, Any]:
    """Yield under local index variation (DN_EFF_SIGMA per instance) over the lane windows and
    modulation-depth variation (DEPTH_SIGMA per lane) through the simulated TDECQ slopes."""
    from lightlane.circuits.analysis import chain_losses, lane_budgets
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
