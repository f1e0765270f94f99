"""Monte Carlo: shapes, determinism, chunking, per-instance draws, yield."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import NetlistError, SParameters, simulate, yield_fraction
from simmodels import MODELS, mzi_netlist, wg_t

WL = np.linspace(1.30, 1.32, 41)
VAR = {"straight.neff": 2e-3, "c1.kappa": 0.02}


def mc(**kw: object) -> SParameters:
    args = {"wl": WL, "models": MODELS, "samples": 25, "variations": VAR, "seed": 7, **kw}
    return simulate(mzi_netlist(), **args)


def test_shape_and_determinism() -> None:
    a = mc()
    assert a.s.shape == (25, WL.size, 4, 4) and a.n_samples == 25
    np.testing.assert_array_equal(a.s, mc().s)
    assert not np.allclose(a.s, mc(seed=8).s)


def test_chunking_is_invisible() -> None:
    np.testing.assert_array_equal(mc(chunk_size=4).s, mc(chunk_size=1000).s)
    np.testing.assert_allclose(mc(chunk_size=3, solver="reference").s, mc().s, atol=1e-12)


def test_per_instance_draws_are_independent() -> None:
    """A model-name variation gives every instance of that model its own draws."""
    sp = mc(variations={"straight.neff": 2e-3})
    t, k = 0.5**0.5, -1j * 0.5**0.5
    # the two arms get independent draws, so the differential phase varies per sample
    phase_diff = np.angle(sp["out2", "in1"][:, 20])
    assert np.std(phase_diff) > 0
    nominal = simulate(mzi_netlist(), wl=WL, models=MODELS)
    wt, wb = wg_t(WL, 50), wg_t(WL, 70)
    np.testing.assert_allclose(nominal["out1", "in1"], t * t * wb + k * k * wt, atol=1e-12)
    assert sp.info["model_calls"] >= 2


def test_callable_deviation_and_no_variation() -> None:
    zero = mc(variations={"top.length": lambda rng, shape: np.zeros(shape)})
    nominal = simulate(mzi_netlist(), wl=WL, models=MODELS)
    np.testing.assert_allclose(zero.s, np.broadcast_to(nominal.s, zero.s.shape), atol=1e-12)


def test_variation_errors() -> None:
    with pytest.raises(NetlistError, match="match no instance"):
        mc(variations={"nothing.length": 1.0})
    with pytest.raises(NetlistError, match="has no parameter 'foo'"):
        mc(variations={"top.foo": 1.0})
    with pytest.raises(NetlistError, match="without samples"):
        simulate(mzi_netlist(), wl=WL, models=MODELS, variations=VAR)


def test_yield_dict_and_callable_agree() -> None:
    sp = mc(samples=60, variations={"straight.neff": 5e-3})
    band = (WL >= 1.3095) & (WL <= 1.3105)
    threshold = float(np.median(sp.db("out2", "in1")[:, band].min(axis=-1)))
    spec = {("out2", "in1"): {"min_db": threshold, "wl_range": (1.3095, 1.3105)}}
    y = yield_fraction(sp, spec)
    assert y == pytest.approx(0.5, abs=0.02)

    def ok(one: SParameters) -> bool:
        return bool(one.db("out2", "in1")[band].min() >= threshold)

    assert yield_fraction(sp, ok) == pytest.approx(y)
    assert yield_fraction(sp.sample(0), spec) in (0.0, 1.0)


def test_varied_and_shared_blocks_in_one_round() -> None:
    """Structurally identical links mixing varied (sampled) and nominal blocks."""
    from simmodels import lattice_netlist

    net = lattice_netlist([0.5] * 9, [10.0] * 8)
    kw = {
        "wl": WL,
        "models": MODELS,
        "samples": 6,
        "seed": 3,
        "variations": {"t3.neff": 1e-3, "coupler.kappa": 0.01},
    }
    fast = simulate(net, **kw)
    ref = simulate(net, solver="reference", **kw)
    np.testing.assert_allclose(fast.s, ref.s, atol=1e-12)


def test_path_targeted_variation_in_shared_subcell() -> None:
    """'m2/top.length' varies only the second copy; the first copy stays cached/nominal."""
    rec = {
        "top": {
            "instances": {"m1": {"component": "mzi_cell"}, "m2": {"component": "mzi_cell"}},
            "connections": {"m1,out1": "m2,in1", "m1,out2": "m2,in2"},
            "ports": {"i1": "m1,in1", "i2": "m1,in2", "o1": "m2,out1", "o2": "m2,out2"},
        },
        "mzi_cell": mzi_netlist(),
    }
    sp = simulate(rec, wl=WL, models=MODELS, samples=4, seed=2, variations={"m2/top.length": 0.5})
    assert sp.info["subcircuit_cache_misses"] == 1  # m1 solved once, m2 per chunk
    one = simulate(mzi_netlist(), wl=WL, models=MODELS).s[:, 2:, :2]
    assert not np.allclose(sp.s[0, :, 2:, :2], one @ one)
    with pytest.raises(NetlistError, match="match no instance"):
        simulate(rec, wl=WL, models=MODELS, samples=2, variations={"m3/top.length": 0.5})
