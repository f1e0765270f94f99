"""Engine scaling: build, simulate (1,001 wavelengths), DRC and write, per standard and lanes.

Each case runs in its own process, which reports its own peak memory (ru_maxrss):
every standard with ``--side trx``, and DR engines of 4, 8 and 16 lanes (16 is a
DR8 with twice the lanes, to see how the stages grow). Then the simulation alone of DR8
engines of 8 and 64 lanes (``--side trx``): the nominal analysis over 1,001 wavelengths and
the Monte Carlo of 200 samples that ``lightlane engine`` runs, each lane count in its own
process with its peak memory. Writes ``results/engine.json`` and ``results/engine_sim.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
STANDARD = """
import dataclasses, json, resource, sys, tempfile, time
from pathlib import Path
import numpy as np
import lightlane
from lightlane.circuits.standards import get_standard

lightlane.PDK.activate()
name, lanes = sys.argv[1], int(sys.argv[2])
std = get_standard(name)
if lanes != std.lanes:
    std = dataclasses.replace(
        std, name=f"{name}x{lanes}", lanes=lanes, wavelengths_nm=(1311.0,) * lanes,
        tx_fibres=lanes, rx_fibres=lanes, connector=f"{lanes}+{lanes} fibre array",
    )
"""
STAGE_SCRIPT = (
    STANDARD
    + """
from lightlane.circuits.engine import engine
from lightlane.circuits.simulation import simulate_engine
from lightlane.verify import drc
from lightlane.verify.export import write_gds
times = {}
t = time.perf_counter(); c = engine(std, side="trx"); times["build_s"] = time.perf_counter() - t
t = time.perf_counter(); simulate_engine(c, np.linspace(1.26, 1.36, 1001))
times["simulate_s"] = time.perf_counter() - t
t = time.perf_counter(); report = drc(c); times["drc_s"] = time.perf_counter() - t
with tempfile.TemporaryDirectory() as tmp:
    t = time.perf_counter(); write_gds(c, Path(tmp) / "e.gds")
    times["write_s"] = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
extra = {"drc_clean": report.ok, "peak_mib": round(peak, 1)}
print(json.dumps({k: round(v, 2) for k, v in times.items()} | extra))
"""
)


SIM_SCRIPT = (
    STANDARD
    + """
from lightlane.circuits import analysis
from lightlane.circuits.engine import build_engine, engine_options
analysis.get_standard = lambda _: std  # the analysis looks the standard up by name
opts = engine_options(std, side="trx")
t = time.perf_counter(); c = build_engine(opts); build = time.perf_counter() - t
t = time.perf_counter(); nominal = analysis.analyse(c, opts, np.linspace(1.26, 1.36, 1001))
simulate = time.perf_counter() - t
t = time.perf_counter(); analysis.monte_carlo(c, opts, nominal, samples=200, seed=0)
mc = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
times = {"build_s": build, "simulate_s": simulate, "monte_carlo_s": mc}
print(json.dumps({k: round(v, 3) for k, v in times.items()} | {"peak_mib": round(peak, 1)}))
"""
)


def run_case(name: str, lanes: int, script: str = STAGE_SCRIPT) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", script, name, str(lanes)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        return {"standard": name, "lanes": lanes, "error": proc.stderr.strip().splitlines()[-1]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "standard": name,
        "lanes": lanes,
        **result,
        "total_s": round(time.perf_counter() - start, 2),
    }


def main() -> None:
    from lightlane.circuits.standards import STANDARDS

    cases = [(name, std.lanes) for name, std in STANDARDS.items()]
    cases.append(("1.6T-DR8", 16))
    rows = []
    for name, lanes in cases:
        row = run_case(name, lanes)
        print(json.dumps(row), flush=True)
        rows.append(row)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "engine.json").write_text(json.dumps(rows, indent=1))
    sim_rows = [run_case("1.6T-DR8", lanes, SIM_SCRIPT) for lanes in (8, 64)]
    for row in sim_rows:
        print(json.dumps(row), flush=True)
    base, big = sim_rows
    if "error" not in base and "error" not in big:
        for key in ("simulate_s", "monte_carlo_s"):
            print(f"64 / 8 lanes {key}: {big[key] / base[key]:.1f}x", flush=True)
    (HERE / "results" / "engine_sim.json").write_text(json.dumps(sim_rows, indent=1))


if __name__ == "__main__":
    main()
