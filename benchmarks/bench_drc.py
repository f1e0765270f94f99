"""DRC benchmark: ``lightlane drc`` (deep and flat) against the generated .lydrc in KLayout's
batch runner (``klayout -b -r deck.lydrc``), on the same files, plus the scale cases of issue 13.

Layouts: 1,000 distinct MZIs (the PDK's ``mzi_unbalanced`` with 1,000 delta lengths); 10,000
placements of one of them; DR engines of 8, 16, 32 and 64 lanes (DRC should grow about linearly);
chains of 2,000 and 20,000 levels; a dense array of 1,000,000 boxes with six million spacing markers
(memory per million shapes); the 9,000,000-placement array (3000 x 3000 boxes of 0.4 um at 0.5 um
pitch), refused above the shape limit. Each run is a child process started from a parent that
imports nothing heavy (another child builds the layouts), so its peak RSS is its own; CPU time
(user+sys, s) and peak RSS (MiB) come from that child's rusage (os.wait4): C++ memory and the
command's start-up (imports) are counted too.

    PYTHONPATH=. python benchmarks/bench_drc.py [--distinct 1000] [--placements 10000] [--quick]

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
TIMEOUT_S = 300.0


def mzi(i: int):
    """The PDK's MZI (MMI splitters, Euler-bend arms) with a distinct delta_length per index."""
    from lightlane.components.interferometers import mzi_unbalanced as pdk_mzi

    return pdk_mzi(delta_length=10.0 + 0.002 * i)


def build_mzis(distinct: int, placements: int, out: Path) -> dict[str, Path]:
    """The two PDK layouts, written with the fab exporter."""
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
    return {
        f"{distinct} distinct": write_gds(many, out / "distinct.gds"),
        f"{placements} placements": write_gds(repeated, out / "repeated.gds"),
    }


def build_engines(out: Path, lanes: tuple[int, ...] = (8, 16, 32, 64)) -> dict[str, Path]:
    """1.6T-DR8 trx engines with more lanes (as benchmarks/bench_engine.py), for DRC scaling."""
    import dataclasses

    from lightlane.circuits.engine import engine
    from lightlane.circuits.standards import get_standard
    from lightlane.verify.export import write_gds

    std = get_standard("1.6T-DR8")
    files = {}
    for n in lanes:
        wide = dataclasses.replace(
            std,
            name=f"1.6T-DR8x{n}",
            lanes=n,
            wavelengths_nm=(1311.0,) * n,
            tx_fibres=n,
            rx_fibres=n,
            connector=f"{n}+{n} fibre array",
        )
        files[f"DR engine {n} lanes"] = write_gds(engine(wide, side="trx"), out / f"dr{n}.gds")
    return files


def build_scale(out: Path) -> dict[str, Path]:
    """Chains and arrays drawn with klayout.db (no PDK needed)."""
    import klayout.db as db

    files = {}
    for levels in (2_000, 20_000):
        layout = db.Layout()
        cells = [layout.create_cell(f"C{i}") for i in range(levels)]
        cells[-1].shapes(layout.layer(1, 0)).insert(db.Box(0, 0, 1000, 500))
        for parent, child in zip(cells[:-1], cells[1:], strict=True):
            parent.insert(db.CellInstArray(child.cell_index(), db.Trans(db.Vector(10, 0))))
        files[f"chain {levels}"] = out / f"chain{levels}.gds"
        layout.write(str(files[f"chain {levels}"]))
    for n in (1000, 3000):
        layout = db.Layout()
        box = layout.create_cell("BOX")
        box.shapes(layout.layer(1, 0)).insert(db.Box(0, 0, 400, 400))
        top = layout.create_cell("TOP")
        a, b = db.Vector(500, 0), db.Vector(0, 500)
        top.insert(db.CellInstArray(box.cell_index(), db.Trans(), a, b, n, n))
        files[f"array {n}x{n}"] = out / f"array{n}.gds"
        layout.write(str(files[f"array {n}x{n}"]))
    return files


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float | str]:
    """Run ``cmd``; its wall time, CPU time and peak RSS from its own rusage; stdout's last line.

    A run still going after TIMEOUT_S is killed and reported as such.
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
        out.seek(0)
        lines = out.read().decode(errors="replace").strip().splitlines()
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),
        "result": f"killed after {TIMEOUT_S:g} s"
        if timed_out
        else (lines[-1][:140] if lines else ""),
        "rc": os.waitstatus_to_exitcode(status),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--distinct", type=int, default=1000)
    ap.add_argument("--placements", type=int, default=10000)
    ap.add_argument("--quick", action="store_true", help="skip the flat runs of big layouts")
    ap.add_argument("--build", metavar="DIR", help=argparse.SUPPRESS)  # the building child
    args = ap.parse_args()
    if args.build:
        from lightlane.verify.lydrc import write_lydrc

        out = Path(args.build)
        files = build_mzis(args.distinct, args.placements, out) | build_engines(out)
        files |= build_scale(out)
        write_lydrc(out / "lightlane.lydrc")
        (out / "files.json").write_text(json.dumps({k: str(v) for k, v in files.items()}))
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench_drc_"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    t0 = time.perf_counter()
    counts = ["--distinct", str(args.distinct), "--placements", str(args.placements)]
    subprocess.run([sys.executable, __file__, *counts, "--build", str(tmp)], env=env, check=True)
    files = {k: Path(v) for k, v in json.loads((tmp / "files.json").read_text()).items()}
    deck = tmp / "lightlane.lydrc"
    print(f"built layouts in {time.perf_counter() - t0:.1f} s under {tmp}", flush=True)
    lightlane = [sys.executable, "-m", "lightlane.cli", "drc"]
    klayout = shutil.which("klayout")
    rows = []
    compared = {
        f"{args.distinct} distinct",
        f"{args.placements} placements",
        "chain 2000",
        "DR engine 8 lanes",
        "DR engine 64 lanes",
    }
    for name, gds in files.items():
        modes = ("deep", "flat") if name in compared and not args.quick else ("deep",)
        for mode in modes:
            flag = ["--flat"] if mode == "flat" else []
            r = measure([*lightlane, str(gds), *flag], env)
            rows.append({"layout": name, "engine": f"lightlane drc {mode}", **r})
            print(rows[-1], flush=True)
            if klayout and name in compared:
                report = tmp / "deck.lyrdb"
                cmd = [
                    klayout,
                    "-b",
                    "-r",
                    str(deck),
                    "-rd",
                    f"input={gds}",
                    "-rd",
                    f"report={report}",
                ]
                r = measure(cmd + (["-rd", "flat=1"] if mode == "flat" else []))
                rows.append({"layout": name, "engine": f"klayout -b .lydrc {mode}", **r})
                print(rows[-1], flush=True)
    print(f"\n{'layout':18} {'engine':24} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}  result")
    for r in rows:
        print(
            f"{r['layout']:18} {r['engine']:24} {r['wall_s']:8} {r['cpu_s']:8} {r['peak_mib']:9}"
            f"  {r['result'][:60]}"
        )
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "drc.json").write_text(json.dumps(rows, indent=1) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
