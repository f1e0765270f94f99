"""Cold-start costs: ``import lightlane``, the PDK and the first cell, in fresh processes."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

STAGES = {
    "import lightlane": "import lightlane",
    "import + get_pdk()": "import lightlane; lightlane.get_pdk()",
    "import + first cell": (
        "import lightlane; p = lightlane.get_pdk(); p.activate(); p.cells['bend_euler']()"
    ),
    "import gdsfactory (reference)": "import gdsfactory",
}
REPEATS = 5


def cold_seconds(code: str) -> float:
    timer = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", timer], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    results = {}
    for label, code in STAGES.items():
        times = [cold_seconds(code) for _ in range(REPEATS)]
        results[label] = {"median_s": statistics.median(times), "min_s": min(times)}
        print(f"{label:<32} median {results[label]['median_s']:.3f} s  min {min(times):.3f} s")
    out = Path(__file__).parent / "results" / "startup.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
