"""The compiled circuit: reuse, chosen pairs, chunk and thread invariance, refusals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import lightlane
from lightlane.sim import NetlistError, PortError, SParameters, compile, simulate
from lightlane.sim.compiled import CompiledCircuit
from simmodels import (
    MODELS,
    add_drop_netlist,
    fabry_perot_netlist,
    lattice_netlist,
    mzi_netlist,
    ring_netlist,
)

WL = np.linspace(1.29, 1.33, 57)
VAR = {"straight.neff": 2e-3, "coupler.kappa": 0.01}


def tree_of_mzis(lanes: int = 4) -> dict:
    """A hierarchical netlist: one MZI cell instantiated ``lanes`` times in a chain."""
    inst = {f"m{k}": {"component": "mzi_cell"} for k in range(lanes)}
    conns = {f"m{k},out1": f"m{k + 1},in1" for k in range(lanes - 1)}
    conns |= {f"m{k},out2": f"m{k + 1},in2" for k in range(lanes - 1)}
    ports = {"a": "m0,in1", "b": "m0,in2", "c": f"m{lanes - 1},out1", "d": f"m{lanes - 1},out2"}
    return {
        "top": {"instances": inst, "connections": conns, "ports": ports},
        "mzi_cell": mzi_netlist(),
    }


def test_lightlane_compile_is_the_solver_and_plans_once() -> None:
    net = mzi_netlist(dl=17.25, length=41.5)  # no other test plans this netlist
    run = lightlane.compile(net, models=MODELS)
    assert isinstance(run, CompiledCircuit) and run is compile(net, models=MODELS)
    first = run(wl=WL)
    again = run(wl=WL[::-1])
    assert first.info["planned"] == 1 and again.info["planned"] == 0
    np.testing.assert_array_equal(again.s, first.s[::-1])
    np.testing.assert_array_equal(first.s, simulate(net, wl=WL, models=MODELS).s)
    hot = run(wl=WL, neff=2.5)  # new settings: a new plan, the same topology
    assert hot.info["planned"] == 1 and not np.allclose(hot.s, first.s)


@pytest.mark.parametrize(
    "net",
    [mzi_netlist(), ring_netlist(), add_drop_netlist(), fabry_perot_netlist(), tree_of_mzis()],
)
def test_chosen_pairs_equal_the_full_matrix(net: dict) -> None:
    full = simulate(net, wl=WL, models=MODELS)
    pairs = [(o, i) for o in full.ports for i in full.ports][::3]
    some = simulate(net, wl=WL, models=MODELS, pairs=pairs)
    assert some.pairs == pairs and some.s.shape == (WL.size, len(pairs))
    for o, i in pairs:
        np.testing.assert_array_equal(some[o, i], full[o, i])
    missing = next((o, i) for o in full.ports for i in full.ports if (o, i) not in pairs)
    with pytest.raises(KeyError, match="was not computed"):
        some[missing]


def test_pairs_need_less_work_and_name_bad_ports() -> None:
    net = lattice_netlist([0.5, 0.3, 0.4, 0.6], [10.0, 20.0, 30.0])
    full = simulate(net, wl=WL, models=MODELS)
    one = simulate(net, wl=WL, models=MODELS, pairs=[("out1", "in1")])
    assert one.info["products"] < full.info["products"] / 2
    with pytest.raises(PortError, match=r"pairs: \('out9', 'in1'\) names port 'out9'"):
        simulate(net, wl=WL, models=MODELS, pairs=[("out9", "in1")])


@pytest.mark.parametrize("chunk, workers", [(1, 1), (3, 2), (7, 4), (None, 3)])
def test_monte_carlo_is_the_same_for_any_chunks_and_threads(chunk, workers, monkeypatch) -> None:
    import lightlane.sim.compiled as compiled

    net = tree_of_mzis(3)
    kw = {"wl": WL, "models": MODELS, "samples": 17, "variations": VAR, "seed": 4}
    ref = simulate(net, **kw, solver="reference")
    monkeypatch.setattr(compiled, "CHUNK_BYTES", 40_000)  # many wavelength chunks too
    got = simulate(net, **kw, chunk_size=chunk, workers=workers)
    np.testing.assert_allclose(got.s, ref.s, atol=1e-12)
    monkeypatch.setattr(compiled, "CHUNK_BYTES", 1 << 30)
    np.testing.assert_array_equal(simulate(net, **kw, workers=1).s, got.s)


def test_nominal_wavelength_chunks_are_invisible(monkeypatch) -> None:
    import lightlane.sim.compiled as compiled

    net = lattice_netlist([0.5] * 7, [10.0, 20.0] * 3)
    whole = simulate(net, wl=np.linspace(1.26, 1.36, 3001), models=MODELS)
    monkeypatch.setattr(compiled, "NOMINAL_CHUNK_BYTES", 20_000)
    monkeypatch.setattr(compiled, "FIRST_WL", 100)
    chunked = compile(net, models=MODELS)
    chunked._plans.clear()  # plan again, with the small first chunk
    np.testing.assert_array_equal(chunked(wl=np.linspace(1.26, 1.36, 3001)).s, whole.s)


def test_shared_and_varied_subcells_against_reference() -> None:
    net = tree_of_mzis(4)
    kw = {"wl": WL, "models": MODELS, "samples": 5, "seed": 9, "variations": {"m2/top.length": 0.3}}
    fast, ref = simulate(net, **kw), simulate(net, **kw, solver="reference")
    np.testing.assert_allclose(fast.s, ref.s, atol=1e-12)
    assert fast.info["subcircuit_cache_hits"] == 2  # m0, m1, m3 share one reduction


def test_refusals_before_any_work() -> None:
    calls: list[int] = []

    def counting(wl, length=10.0):
        calls.append(1)
        return MODELS["straight"](wl, length)

    net = {"instances": {"w": {"component": "wg"}}, "ports": {"a": "w,o1", "b": "w,o2"}}
    for kw, message in (
        ({"samples": 0}, "samples=0 must be >= 1"),
        ({"samples": 4, "chunk_size": 0}, "chunk_size=0 must be >= 1"),
        ({"samples": 4, "workers": 0}, "workers=0 must be >= 1"),
        ({"wl": [1.3, -1.0]}, "wavelengths must be positive"),
    ):
        with pytest.raises(ValueError, match=message):
            simulate(net, models={"wg": counting}, **{"wl": WL, **kw})
    with pytest.raises(NetlistError, match="keys must not depend"):
        flip = iter([{("o1", "o2"): 1.0, ("o2", "o1"): 1.0}, {("o1", "o2"): 1.0}])
        simulate(
            net,
            wl=WL,
            models={"wg": lambda wl, x=1.0: next(flip)},
            samples=3,
            chunk_size=1,
            variations={"wg.x": 0.1},
        )
    assert not calls


def test_pairs_round_trip_and_touchstone_refusal(tmp_path: Path) -> None:
    sp = simulate(mzi_netlist(), wl=WL, models=MODELS, pairs=[("out1", "in1"), ("out2", "in1")])
    back = SParameters.load(sp.save(tmp_path / "p.npz"))
    assert back.pairs == sp.pairs
    np.testing.assert_array_equal(back.s, sp.s)
    with pytest.raises(ValueError, match="Touchstone holds every pair"):
        sp.to_touchstone(tmp_path / "p.s4p")


def test_prepared_steps_never_leak_between_calls_or_shapes() -> None:
    """Steps are prepared once per buffer shape: results stay the caller's, for any order."""
    net = tree_of_mzis(3)
    run = compile(net, models=MODELS)
    wide, narrow = np.linspace(1.26, 1.36, 301), WL
    first = run(wl=wide)
    kept = first.s.copy()
    pairs = [("c", "a"), ("d", "a"), ("c", "b")]
    for wl in (narrow, wide, narrow[:5], wide):
        for chosen in (None, pairs):
            got = run(wl=wl, pairs=chosen)
            ref = simulate(net, wl=wl, models=MODELS, solver="reference", pairs=chosen)
            np.testing.assert_allclose(got.s, ref.s, atol=1e-13)
    np.testing.assert_array_equal(first.s, kept)  # later calls did not write into it
    np.testing.assert_array_equal(run(wl=wide).s, kept)


def test_a_sampled_model_returning_nan_is_named() -> None:
    def broken(wl=1.31, length=10.0, neff=2.4, ng=4.2, loss_db_cm=0.0):
        good = MODELS["straight"](wl=wl, length=length, neff=neff, ng=ng, loss_db_cm=loss_db_cm)
        bad = np.where(np.asarray(neff) > 2.4, np.nan, 1.0)  # only some samples
        return {k: v * bad for k, v in good.items()}

    with pytest.raises(NetlistError, match=r"component 'straight'.*NaN or infinity"):
        simulate(
            mzi_netlist(),
            wl=WL,
            models={**MODELS, "straight": broken},
            samples=8,
            seed=2,
            variations={"straight.neff": 1e-3},
        )
