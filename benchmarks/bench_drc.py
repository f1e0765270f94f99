"""DRC benchmark: Python engine deep vs flat vs the generated .lydrc in KLayout's batch runner.

Layouts: 1,000 distinct MZIs (the PDK's ``mzi`` with 1,000 delta lengths), and 10,000
placements of one of them. Each measurement runs in a child process; CPU time (user+sys, s)
and peak RSS (MiB) come from that child's rusage (os.wait4), so C++ memory is counted too.

    PYTHONPATH=. python benchmarks/bench_drc.py [--distinct 1000] [--placements 10000]

Writes benchmarks/results/drc.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def mzi(i: int):
    """The PDK's MZI (MMI splitters, Euler-bend arms) with a distinct delta_length per index."""
    from lightlane.components.interferometers import mzi as pdk_mzi

    return pdk_mzi(delta_length=10.0 + 0.002 * i)


def build(distinct: int, placements: int, out: Path) -> tuple[Path, Path]:
    """Write the two benchmark layouts with the fab exporter; return their paths."""
    import gdsfactory as gf

    from lightlane.registry import get_pdk
    from lightlane.verify.export import write_gds

    get_pdk().activate()
    cells = [mzi(i) for i in range(distinct)]
    many = gf.Component("bench_distinct")
    for i, cell in enumerate(cells):
        ref = many << cell
        ref.dmove((200.0 * (i % 40), 80.0 * (i // 40)))
    repeated = gf.Component("bench_repeated")
    side = int(placements**0.5 + 0.999)
    for k in range(placements):
        ref = repeated << cells[0]
        ref.dmove((200.0 * (k % side), 80.0 * (k // side)))
    return write_gds(many, out / "distinct.gds"), write_gds(repeated, out / "repeated.gds")


TIMEOUT_S = 300.0


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float | str]:
    """Run ``cmd``; its wall time, CPU time and peak RSS from its own rusage; stdout's last line.

    A run still going after TIMEOUT_S is killed and reported as such (flat DRC of 10,000
    placements in KLayout's batch runner is the slow case).
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        timer = threading.Timer(TIMEOUT_S, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage only, not all children
        timed_out = not timer.is_alive()
        timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines()
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),
        "result": f"killed after {TIMEOUT_S:g} s"
        if timed_out
        else (lines[-1][:120] if lines else ""),
        "rc": proc.returncode,
    }


def one(mode: str, path: str) -> None:
    """Child entry: DRC ``path`` with the Python engine; print the summary line."""
    from lightlane.verify import drc

    report = drc(path, flat=(mode == "flat"))
    print(f"{report.total} markers; {report.summary()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distinct", type=int, default=1000)
    ap.add_argument("--placements", type=int, default=10000)
    ap.add_argument("--one", nargs=2, metavar=("MODE", "GDS"))
    args = ap.parse_args()
    if args.one:
        one(*args.one)
        return
    from lightlane.verify.lydrc import write_lydrc

    tmp = Path(tempfile.mkdtemp(prefix="bench_drc_"))
    t0 = time.perf_counter()
    files = build(args.distinct, args.placements, tmp)
    print(f"built layouts in {time.perf_counter() - t0:.1f} s under {tmp}")
    deck = write_lydrc(tmp / "lightlane.lydrc")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    klayout = shutil.which("klayout")
    rows = []
    for name, gds in zip(("1000 distinct", "10000 placements"), files, strict=True):
        for mode in ("deep", "flat"):
            r = measure([sys.executable, __file__, "--one", mode, str(gds)], env)
            rows.append({"layout": name, "engine": f"python {mode}", **r})
            print(rows[-1])
        if klayout:
            for mode in ("deep", "flat"):
                cmd = [
                    klayout,
                    "-b",
                    "-r",
                    str(deck),
                    "-rd",
                    f"input={gds}",
                    "-rd",
                    f"report={tmp / 'deck.lyrdb'}",
                ] + (["-rd", "flat=1"] if mode == "flat" else [])
                r = measure(cmd)
                rows.append({"layout": name, "engine": f"klayout 0.28 .lydrc {mode}", **r})
                print(rows[-1])
    print(f"\n{'layout':18} {'engine':26} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
    for r in rows:
        print(f"{r['layout']:18} {r['engine']:26} {r['wall_s']:8} {r['cpu_s']:8} {r['peak_mib']:9}")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "drc.json").write_text(json.dumps(rows, indent=1) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
