"""Benchmark a whole engine's compliance run: per-lane TDECQ from its own modulator, the
simulated receiver, Monte Carlo and temperature corners.

Usage: ``python benchmarks/bench_link_engine.py [--standard 1.6T-DR8] [--side trx]``

Times, on a built engine (the build itself is not timed): one device-driven lane
(:func:`lightlane.circuits.lane_link.tx_lane`: driver, the MZM's loaded-line EO response,
TDECQ through the test fibre and TECQ), the receiver's sensitivity, the nominal analysis
(S-parameters over 1001 wavelengths, every lane's budget), 200 Monte Carlo samples and the three
temperature corners. Results go to stdout and ``benchmarks/results/link_engine.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _timed(call):
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--standard", default="1.6T-DR8")
    parser.add_argument("--side", default="trx")
    parser.add_argument("--modulator", default="mzm")
    args = parser.parse_args()

    from lightlane.circuits import analysis
    from lightlane.circuits.corners import corner_analysis
    from lightlane.circuits.engine import build_engine, engine_options
    from lightlane.circuits.lane_link import rx_sensitivity, tx_lane
    from lightlane.circuits.modulation import modulator_levels
    from lightlane.registry import get_pdk

    pdk = get_pdk()
    pdk.activate()
    opts = engine_options(args.standard, args.side, "edge", args.modulator)
    component = build_engine(opts)
    std = opts.standard
    cell = component.info["modulator"]
    mod = pdk.cells[cell]()
    wl = opts.wavelengths[0]
    levels = modulator_levels(cell, mod, wl)
    cases: dict[str, dict] = {}
    (figures, _), t = _timed(lambda: tx_lane(std, cell, mod, wl, levels, levels["vpp_v"]))
    cases["tx_lane"] = {"s": t, "tdecq_db": figures["tdecq_db"], "tecq_db": figures["tecq_db"]}
    rx, t = _timed(lambda: rx_sensitivity(std, wl, 0.9))
    cases["rx_sensitivity"] = {"s": t, "sensitivity_at_pd_dbm": rx["sensitivity_at_pd_dbm"]}
    result, t = _timed(lambda: analysis.analyse(component, opts, np.linspace(1.26, 1.36, 1001)))
    cases["analyse"] = {"s": t, "lanes": len(result.budgets)}
    mc, t = _timed(lambda: analysis.monte_carlo(component, opts, result, samples=200))
    cases["monte_carlo_200"] = {"s": t, "yield": mc["yield"]}
    corners, t = _timed(lambda: corner_analysis(component, opts, result))
    cases["corners_3"] = {"s": t, "pass": corners["pass"]}
    total = sum(
        c["s"] for k, c in cases.items() if k in ("analyse", "monte_carlo_200", "corners_3")
    )
    print(f"{std.name} {args.side} {args.modulator}: compliance run {total:.1f} s")
    for name, case in cases.items():
        extra = ", ".join(f"{k} {v}" for k, v in case.items() if k != "s")
        print(f"  {name:18s} {case['s']:7.2f} s  {extra}")
    out = ROOT / "benchmarks" / "results" / "link_engine.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"standard": std.name, "side": args.side, "total_s": total, "cases": cases}, indent=2
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
