"""Benchmark lightlane.sim against sax 0.18 (klu and forward backends, jitted).

Usage: ``python benchmarks/bench_sim.py [--case mzi_1k[,lattice_16,...]] [--engines ...]``

Each (case, engine) runs in a fresh subprocess so that the *first-result* time includes
interpreter start, imports, netlist analysis and (for sax) JIT compilation; the same process
then repeats the call to get the *steady-state* median (and the best, reported alongside: on
a shared machine the median also measures the other users). A worker that has not produced
its first result after 120 s is killed and reported as ``skipped: > 120 s``. Results go to
stdout as a table and to ``benchmarks/results/sim.json``.

Ours is compiled once, as sax's circuit is built and jitted once: ``run =
lightlane.sim.compile(netlist, models=MODELS)``, then each call is ``run(wl=wl)`` (engine
``lightlane``: every port pair, as sax klu returns) or ``run(wl=wl, pairs=...)`` (engine
``lightlane_pairs``: the in -> out pairs that sax forward returns, like with like).

Cases: (a) MZI at 1,000 and 10,000 wavelengths; (b) FIR lattice of N = 4, 16, 64, 256 MZI
stages at 1,000 wavelengths; (c) 8-lane transmitter (1x8 tree of 1x2 MMIs feeding 8 MZIs,
hierarchical netlist) at 1,000 wavelengths; (d) Monte Carlo of (c): 1,000 samples x 1,000
wavelengths, per-arm effective index sigma 1e-3 (sax: ``jax.vmap`` over the samples).
For (d) both of ours return the eight in -> out pairs that sax forward returns (all 81 pairs
of 10^6 points would be 1.3 GB).

Arithmetic limit: the time this machine needs for the work a case cannot avoid, at the rates
:mod:`bench_machine` measures in the same run with every core busy (complex MAC/s of zgemm,
complex exp/s, memory bandwidth):
``limit = exps / exp_rate + macs / mac_rate + result_bytes / bandwidth``, where
- ``exps``: complex exponentials of the waveguide models, once per distinct waveguide
  (the models are shared per distinct parameter set), per wavelength and sample;
- ``macs``: complex multiply-adds composing the requested entries as a chain of per-stage
  transfer matrices touching only structural non-zeros, each direction asked for (both for
  every pair, forward only for the in -> out pairs), no reuse between identical stages (MZI
  12 per direction, lattice 12 per stage per direction, Tx 54 per direction, Monte Carlo 40
  per sample: :func:`work`);
- ``result_bytes``: the result written once (16 bytes per complex entry asked for: 16 for
  every pair of the MZI and lattices, 81 for the Tx; 4 and 8 in -> out pairs).
The model arithmetic besides its exponential and every Python overhead are left out, so the
limit is optimistic: no implementation reaches it.
"""

from __future__ import annotations

import time

T_IMPORT = time.time()  # noqa: E402  (first-result clock starts before heavy imports)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120.0
REPEAT_BUDGET_S = 15.0
MAX_REPEATS = 41
N_MC = 1000
SIGMA_NEFF = 1e-3

# ---------------------------------------------------------------- models (numpy or jax)


def straight(
    wl: Any = 1.31, length: Any = 10.0, neff: Any = 2.4, ng: Any = 4.2, xp: Any = np
) -> dict:
    """Dispersive lossless waveguide (length µm)."""
    n = neff - (ng - neff) * (wl - 1.31) / 1.31
    t = xp.exp(2j * np.pi * n * length / wl)
    return {("in0", "out0"): t, ("out0", "in0"): t}


def coupler(wl: Any = 1.31, kappa: Any = 0.5, xp: Any = np) -> dict:
    """2x2 coupler, power coupling kappa."""
    one = xp.ones_like(xp.asarray(wl) * 1.0)
    t, k = (1 - kappa) ** 0.5 * one + 0j, -1j * kappa**0.5 * one
    pairs = {("in0", "out0"): t, ("in1", "out1"): t, ("in0", "out1"): k, ("in1", "out0"): k}
    return {**pairs, **{(b, a): v for (a, b), v in pairs.items()}}


def mmi1x2(wl: Any = 1.31, xp: Any = np) -> dict:
    """Ideal 1x2 splitter in0 -> out0, out1."""
    v = 2**-0.5 * xp.ones_like(xp.asarray(wl) * 1.0) + 0j
    pairs = {("in0", "out0"): v, ("in0", "out1"): v}
    return {**pairs, **{(b, a): x for (a, b), x in pairs.items()}}


def mmi2x1(wl: Any = 1.31, xp: Any = np) -> dict:
    """Ideal 2x1 combiner in0, in1 -> out0."""
    v = 2**-0.5 * xp.ones_like(xp.asarray(wl) * 1.0) + 0j
    pairs = {("in0", "out0"): v, ("in1", "out0"): v}
    return {**pairs, **{(b, a): x for (a, b), x in pairs.items()}}


MODELS = {"straight": straight, "coupler": coupler, "mmi1x2": mmi1x2, "mmi2x1": mmi2x1}

# ---------------------------------------------------------------- netlists


def mzi_netlist() -> dict:
    return {
        "instances": {
            "c1": {"component": "coupler", "settings": {"kappa": 0.5}},
            "c2": {"component": "coupler", "settings": {"kappa": 0.5}},
            "top": {"component": "straight", "settings": {"length": 100.0}},
            "bot": {"component": "straight", "settings": {"length": 120.0}},
        },
        "connections": {
            "c1,out1": "top,in0",
            "top,out0": "c2,in1",
            "c1,out0": "bot,in0",
            "bot,out0": "c2,in0",
        },
        "ports": {"in0": "c1,in0", "in1": "c1,in1", "out0": "c2,out0", "out1": "c2,out1"},
    }


def lattice_netlist(n: int) -> dict:
    """N delay stages between N+1 couplers (order-N FIR lattice)."""
    inst: dict[str, Any] = {
        f"c{i}": {"component": "coupler", "settings": {"kappa": 0.5}} for i in range(n + 1)
    }
    conns: dict[str, str] = {}
    for i in range(n):
        inst[f"t{i}"] = {"component": "straight", "settings": {"length": 50.0}}
        inst[f"b{i}"] = {"component": "straight", "settings": {"length": 50.0 + 10.0 * (1 + i % 3)}}
        conns |= {
            f"c{i},out1": f"t{i},in0",
            f"t{i},out0": f"c{i + 1},in1",
            f"c{i},out0": f"b{i},in0",
            f"b{i},out0": f"c{i + 1},in0",
        }
    return {
        "instances": inst,
        "connections": conns,
        "ports": {"in0": "c0,in0", "in1": "c0,in1", "out0": f"c{n},out0", "out1": f"c{n},out1"},
    }


def tx_netlist() -> dict:
    """Recursive netlist: 1x8 MMI tree, each leaf output drives an MMI-MZI sub-cell."""
    tree: dict[str, Any] = {f"s{i}": {"component": "mmi1x2"} for i in range(7)}
    conns = {}
    for i in range(3):  # s0 -> s1, s2 -> s3..s6
        conns[f"s{i},out0"] = f"s{2 * i + 1},in0"
        conns[f"s{i},out1"] = f"s{2 * i + 2},in0"
    ports = {"in0": "s0,in0"}
    for lane in range(8):
        tree[f"mzi{lane}"] = {"component": "mzi_lane"}
        conns[f"s{3 + lane // 2},out{lane % 2}"] = f"mzi{lane},in0"
        ports[f"out{lane}"] = f"mzi{lane},out0"
    lane_cell = {
        "instances": {
            "sp": {"component": "mmi1x2"},
            "cb": {"component": "mmi2x1"},
            "top": {"component": "straight", "settings": {"length": 200.0}},
            "bot": {"component": "straight", "settings": {"length": 230.0}},
        },
        "connections": {
            "sp,out0": "top,in0",
            "top,out0": "cb,in0",
            "sp,out1": "bot,in0",
            "bot,out0": "cb,in1",
        },
        "ports": {"in0": "sp,in0", "out0": "cb,out0"},
    }
    return {"tx": {"instances": tree, "connections": conns, "ports": ports}, "mzi_lane": lane_cell}


CASES: dict[str, tuple[str, Any, int]] = {  # name: (group, netlist factory, n_wl)
    "mzi_1k": ("a", mzi_netlist, 1000),
    "mzi_10k": ("a", mzi_netlist, 10000),
    "lattice_4": ("b", lambda: lattice_netlist(4), 1000),
    "lattice_16": ("b", lambda: lattice_netlist(16), 1000),
    "lattice_64": ("b", lambda: lattice_netlist(64), 1000),
    "lattice_256": ("b", lambda: lattice_netlist(256), 1000),
    "tx8": ("c", tx_netlist, 1000),
    "tx8_mc": ("d", tx_netlist, 1000),
}
ENGINES = ("lightlane", "lightlane_pairs", "sax_klu", "sax_forward")
MC_PAIRS = [(f"out{k}", "in0") for k in range(8)]


def forward_pairs(case: str) -> list[tuple[str, str]]:
    """The ``(out, in)`` pairs sax forward returns: every ``in*`` port to every ``out*``."""
    if CASES[case][0] in "cd":
        return MC_PAIRS
    return [(out, inp) for inp in ("in0", "in1") for out in ("out0", "out1")]


def work(case: str, pairs: bool = False) -> dict[str, float]:
    """Exponentials, complex MACs and result bytes a case needs (module docstring);
    ``pairs``: for the in -> out pairs only (one direction)."""
    group, _, n_wl = CASES[case]
    directions = 1 if pairs else 2
    if group == "a":
        exps, macs, entries = 2, directions * 12, 4 if pairs else 16
    elif group == "b":
        stages = int(case.split("_")[1])
        exps, macs, entries = 1 + min(stages, 3), directions * 12 * stages, 4 if pairs else 16
    elif group == "c":
        exps, macs, entries = 2, directions * 54, 8 if pairs else 81
    else:
        exps, macs, entries = 16 * N_MC, 40 * N_MC, 8 * N_MC
    return {"exps": exps * n_wl, "macs": macs * n_wl, "bytes": 16 * entries * n_wl}


def limit_s(case: str, rates: dict[str, float], pairs: bool = False) -> float:
    """The arithmetic limit of ``case`` at ``rates`` (:func:`bench_machine.measure`)."""
    w = work(case, pairs)
    return (
        w["exps"] / rates["exp_per_s"]
        + w["macs"] / rates["mac_per_s"]
        + w["bytes"] / rates["bytes_per_s"]
    )


# ---------------------------------------------------------------- workers


def _ours(case: str, chosen: bool) -> Any:
    from lightlane.sim import compile as compile_circuit

    _, factory, n_wl = CASES[case]
    wl = np.linspace(1.26, 1.36, n_wl)
    run = compile_circuit(factory(), models=MODELS)
    if case.endswith("_mc"):
        return lambda: (
            run(
                wl=wl,
                samples=N_MC,
                seed=1,
                variations={"straight.neff": SIGMA_NEFF},
                pairs=MC_PAIRS,
            ).s
        )
    pairs = forward_pairs(case) if chosen else None
    return lambda: run(wl=wl, pairs=pairs).s


def _sax(case: str, backend: str) -> Any:
    import functools

    import jax
    import jax.numpy as jnp

    jax.config.update("jax_enable_x64", True)
    import sax

    _, factory, n_wl = CASES[case]
    wl = jnp.linspace(1.26, 1.36, n_wl)
    models = {k: functools.partial(m, xp=jnp) for k, m in MODELS.items()}
    circuit, _ = sax.circuit(factory(), models=models, backend=backend)
    if not case.endswith("_mc"):
        fn = jax.jit(lambda w: circuit(wl=w))  # wl as an argument: no constant folding
        return lambda: jax.block_until_ready(fn(wl))
    key = jax.random.PRNGKey(1)
    draws = 2.4 + SIGMA_NEFF * jax.random.normal(key, (8, 2, N_MC))

    def one(d: Any) -> Any:  # d: (8 lanes, 2 arms) effective indices of one sample
        lanes = {f"mzi{k}": {"top": {"neff": d[k, 0]}, "bot": {"neff": d[k, 1]}} for k in range(8)}
        return circuit(wl=wl, **lanes)

    fn = jax.jit(jax.vmap(one, in_axes=2))
    return lambda: jax.block_until_ready(fn(draws))  # draws are an argument: not folded


def worker(case: str, engine: str) -> None:
    """Print one JSON line after the first result and after every repeat."""
    t_spawn = float(os.environ.get("BENCH_T0", T_IMPORT))
    if engine.startswith("lightlane"):
        run = _ours(case, chosen=engine == "lightlane_pairs")
    else:
        run = _sax(case, engine.removeprefix("sax_"))
    run()
    first = time.time() - t_spawn
    record: dict[str, Any] = {"first_s": first, "times": []}
    print(json.dumps(record), flush=True)
    t_end = time.time() + REPEAT_BUDGET_S
    while len(record["times"]) < MAX_REPEATS and (time.time() < t_end or not record["times"]):
        t0 = time.perf_counter()
        run()
        record["times"].append(time.perf_counter() - t0)
        print(json.dumps(record), flush=True)


# ---------------------------------------------------------------- driver


def measure(case: str, engine: str) -> dict[str, Any]:
    env = {
        **os.environ,
        "BENCH_T0": repr(time.time()),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    cmd = [sys.executable, __file__, "--worker", case, engine]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=TIMEOUT_S)
        out = proc.stdout
        if proc.returncode != 0:
            return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if not lines:
        return {"skipped": f"> {TIMEOUT_S:.0f} s"}
    rec = json.loads(lines[-1])
    rec["steady_s"] = statistics.median(rec["times"]) if rec["times"] else None
    rec["best_s"] = min(rec["times"]) if rec["times"] else None
    return rec


def fmt(rec: dict[str, Any] | None, key: str) -> str:
    if rec is None:
        return "-"
    if "skipped" in rec:
        return f"skipped: {rec['skipped']}"
    if "error" in rec:
        return "error"
    v = rec.get(key)
    if v is None:  # first result came, but no repeat fitted in the time cap
        return f"n/a (> {TIMEOUT_S:.0f} s cap)"
    return f"{v * 1e3:.3g} ms" if v < 1 else f"{v:.3g} s"


def ratio(theirs: dict[str, Any], ours: dict[str, Any], key: str) -> str:
    """``theirs / ours`` of ``key``, or why there is none."""
    a, b = theirs.get(key), ours.get(key)
    return f"{a / b:.1f}x" if a is not None and b else "-"


def summary_row(case: str, rec: dict[str, dict[str, Any]], rates: dict[str, float]) -> list:
    """Ours (all pairs, chosen pairs), sax, ratios (klu vs our all pairs, forward vs our chosen
    pairs: each with what it returns), first results and the distances from the limits."""
    ours, klu, fwd = rec["lightlane"], rec.get("sax_klu", {}), rec.get("sax_forward", {})
    chosen = rec.get("lightlane_pairs") or ours
    firsts = [r["first_s"] for r in (klu, fwd) if r.get("first_s") is not None]
    best_first = {"first_s": min(firsts)} if firsts else {}
    mc = case.endswith("_mc")
    limits = (limit_s(case, rates), limit_s(case, rates, pairs=True))
    distances = [
        f"{r['steady_s'] / lim:.1f}x" if r.get("steady_s") else "-"
        for r, lim in ((ours, limits[0]), (chosen, limits[1]))
    ]
    return [
        case,
        "(8 pairs)" if mc else fmt(ours, "steady_s"),
        fmt(chosen, "steady_s"),
        fmt(klu, "steady_s") if klu else "-",
        fmt(fwd, "steady_s") if fwd else "-",
        ratio(klu, ours, "steady_s") if klu else "-",
        ratio(fwd, chosen, "steady_s") if fwd else "-",
        ratio(fwd, chosen, "best_s") if fwd else "-",
        fmt(ours, "first_s"),
        fmt(best_first, "first_s") if best_first else "-",
        ratio(best_first, ours, "first_s") if best_first else "-",
        "-" if mc else f"{limits[0] * 1e3:.3f} ms",
        "-" if mc else distances[0],
        f"{limits[1] * 1e3:.3f} ms",
        distances[1],
    ]


COLUMNS = [
    "case",
    "ours all pairs",
    "ours in->out pairs",
    "sax klu",
    "sax fwd",
    "klu/ours(all)",
    "fwd/ours(pairs)",
    "fwd/ours(pairs) best",
    "ours first",
    "sax best first",
    "first ratio",
    "limit all",
    "ours(all)/limit",
    "limit pairs",
    "ours(pairs)/limit",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worker", nargs=2, metavar=("CASE", "ENGINE"))
    ap.add_argument("--cases", "--case", default=",".join(CASES), help="comma-separated cases")
    ap.add_argument("--engines", default=",".join(ENGINES))
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    engines = ["lightlane", *[e for e in args.engines.split(",") if e != "lightlane"]]
    unknown = sorted(set(args.cases.split(",")) - set(CASES)) + sorted(set(engines) - set(ENGINES))
    if unknown:
        ap.error(f"unknown case or engine {unknown}; cases: {list(CASES)}, engines: {ENGINES}")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_machine import measure as machine_rates

    rates = machine_rates()
    print(
        f"machine: {rates['mac_per_s'] / 1e9:.2f} G complex MAC/s, "
        f"{rates['exp_per_s'] / 1e6:.1f} M complex exp/s, {rates['bytes_per_s'] / 1e9:.1f} GB/s",
        flush=True,
    )
    results: dict[str, dict[str, Any]] = {}
    for case in args.cases.split(","):
        mine = [e for e in engines if not (e == "lightlane_pairs" and case.endswith("_mc"))]
        results[case] = {engine: measure(case, engine) for engine in mine}
        print(f"measured {case}", flush=True)
    # the machine is shared: its capability is the best of the rates before and after the cases
    after = machine_rates()
    rates = {k: max(v, after[k]) for k, v in rates.items()}
    print(
        f"machine (best of before and after): {rates['mac_per_s'] / 1e9:.2f} G complex MAC/s, "
        f"{rates['exp_per_s'] / 1e6:.1f} M complex exp/s, {rates['bytes_per_s'] / 1e9:.1f} GB/s"
    )
    print(" | ".join(COLUMNS), flush=True)
    for case in results:
        results[case]["limit_s"] = limit_s(case, rates)
        results[case]["limit_pairs_s"] = limit_s(case, rates, pairs=True)
        print(" | ".join(summary_row(case, results[case], rates)), flush=True)
    out = ROOT / "benchmarks" / "results" / "sim.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "n_mc": N_MC,
        "sigma_neff": SIGMA_NEFF,
        "timeout_s": TIMEOUT_S,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "rates": rates,
    }
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
