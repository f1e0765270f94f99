"""Run every ``benchmarks/bench_*.py`` in its own process (``make bench``); results go to
``benchmarks/results/`` (git-ignored). Speed is measured here, never asserted in tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    (HERE / "results").mkdir(exist_ok=True)
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)])
        print(f"   ({time.perf_counter() - start:.1f} s, exit {code})", flush=True)
        if code:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
