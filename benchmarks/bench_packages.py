"""Benchmark the package work: 3-D heater solves and the LPO lane (targets: < 1 s, < 5 s).

Usage: ``python benchmarks/bench_packages.py [--repeats 3]``

Times a fresh (uncached) axisymmetric ring-heater solve (the 7.5 um ring over its slab disc),
a planar straight-heater solve, one LPO lane host to host (PRBS13Q, 16 samples per symbol,
pre-FEC BER, RLM, THD) and the seven-point host-loss sweep the ``lpo`` package runs. Median and
minimum go to stdout and to ``benchmarks/results/packages.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from lightlane.link.lpo import LpoLane, simulate_lpo, sweep_host_loss
from lightlane.models.heaters import HEATER_STACK
from lightlane.physics import thermal

ROOT = Path(__file__).resolve().parents[1]


def _time(call, repeats: int) -> dict:
    runs, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = call()
        runs.append(time.perf_counter() - start)
    return {"median_s": statistics.median(runs), "min_s": min(runs), "value": value}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    counter = iter(range(1, 10_000))

    def fresh_stack():  # a new stack each call: the lru caches cannot answer
        return replace(HEATER_STACK, top_z=HEATER_STACK.top_z + next(counter) * 1e-6)

    cases = {
        "ring_heater_solve": _time(
            lambda: thermal.ring_rise_per_mw(7.5, 0.4, 1.0, fresh_stack(), 12.22, 0.09),
            args.repeats,
        ),
        "line_heater_solve": _time(
            lambda: float(thermal.line_resistance(2.0, fresh_stack())), args.repeats
        ),
        "lpo_lane_53GBd": _time(
            lambda: simulate_lpo(LpoLane(), np.random.default_rng(0)).pre_fec_ber, args.repeats
        ),
        "lpo_sweep_7_losses": _time(
            lambda: sweep_host_loss(LpoLane(), [0, 4, 8, 12, 16, 20, 24])["largest_host_loss_db"],
            1,
        ),
    }
    print(f"{'case':24s} {'median s':>9s} {'min s':>7s}  value")
    for name, r in cases.items():
        print(f"{name:24s} {r['median_s']:9.3f} {r['min_s']:7.3f}  {r['value']:.4g}")
    out = ROOT / "benchmarks" / "results" / "packages.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cases": cases}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
