"""Benchmark one lane's TDECQ: 2^16 - 1 SSPRQ symbols at 32 samples per symbol (target < 1 s).

Usage: ``python benchmarks/bench_link.py [--repeats 5]``

Times :func:`lightlane.link.tdecq` (reference receiver, level and timing measurement, FFE search,
histograms) on two optical waveforms of 2,097,120 samples: a band-limited PAM4 source at
53.125 GBd (5-tap reference FFE) and at 106.25 GBd (15 taps). Also times a whole MZM lane
(transmitter, EO response, TDECQ) for scale. Median and minimum of the repeats go to stdout and
to ``benchmarks/results/link.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from lightlane.link import (
    Waveform,
    apply_response,
    butterworth,
    first_order,
    mzm_lane,
    pam4_levels,
    reference_receiver,
    ssprq,
    tdecq,
)

ROOT = Path(__file__).resolve().parents[1]
SPS = 32


def _source(baud_gbd: float, bandwidth_ghz: float) -> Waveform:
    symbols = ssprq()
    power = 0.5 + 0.4 * pam4_levels(symbols)
    wf = Waveform(np.repeat(power, SPS), symbols, SPS, baud_gbd, "mW")
    return apply_response(wf, butterworth(bandwidth_ghz, 2))


def _time(call, repeats: int) -> dict:
    call()  # warm: caches (patterns, noise correlation) and imports
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        value = call()
        runs.append(time.perf_counter() - start)
    return {"median_s": statistics.median(runs), "min_s": min(runs), "value": value}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    cases = {}
    for baud, bandwidth in ((53.125, 30.0), (106.25, 55.0)):
        wf = _source(baud, bandwidth)
        rx = reference_receiver(baud)
        cases[f"tdecq_{baud:g}GBd_{rx.ffe_taps}taps"] = _time(
            lambda wf=wf, rx=rx: tdecq(wf, rx).tdecq_db, args.repeats
        )
    cases["mzm_lane_53.125GBd"] = _time(
        lambda: mzm_lane(v_pi_v=9.7, vpp_v=3.0, eo_response=first_order(45.0)).tdecq.tdecq_db,
        max(1, args.repeats // 2),
    )
    print(f"{'case':32s} {'median s':>9s} {'min s':>7s}  TDECQ dB")
    for name, r in cases.items():
        print(f"{name:32s} {r['median_s']:9.3f} {r['min_s']:7.3f}  {r['value']:.3f}")
    out = ROOT / "benchmarks" / "results" / "link.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"samples": 65535 * SPS, "cases": cases}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
