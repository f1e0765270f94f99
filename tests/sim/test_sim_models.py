"""Model contract: signatures, settings/info precedence, SDense, non-reciprocity, caching."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import lightlane
from lightlane.sim import simulate
from simmodels import MODELS, coupler, inst, mzi_netlist, straight, wg_t

WL = np.linspace(1.3, 1.32, 7)


def isolator(wl: Any, loss: float = 0.1, isolation: float = 1e-3) -> dict:
    """Non-reciprocal 2-port: o1 -> o2 passes, o2 -> o1 blocked."""
    one = np.ones_like(wl) + 0j
    return {("o1", "o2"): (1 - loss) * one, ("o2", "o1"): isolation * one}


def test_non_reciprocal_is_not_symmetrised() -> None:
    net = {
        "instances": {"iso": inst("isolator"), "wg": inst("straight", length=20.0)},
        "connections": {"iso,o2": "wg,o1"},
        "ports": {"a": "iso,o1", "b": "wg,o2"},
    }
    models = {**MODELS, "isolator": isolator}
    sp = simulate(net, wl=WL, models=models)
    np.testing.assert_allclose(sp["b", "a"], 0.9 * wg_t(WL, 20), atol=1e-14)
    np.testing.assert_allclose(sp["a", "b"], 1e-3 * wg_t(WL, 20), atol=1e-14)
    np.testing.assert_allclose(
        sp.s, simulate(net, wl=WL, models=models, solver="reference").s, atol=1e-14
    )


def test_sdense_models_are_accepted() -> None:
    def coupler_dense(wl: Any, kappa: float = 0.5) -> tuple[np.ndarray, dict[str, int]]:
        d = coupler(wl, kappa)
        ports = {"o1": 0, "o2": 1, "o3": 2, "o4": 3}
        s = np.zeros((np.size(wl), 4, 4), dtype=complex)
        for (a, b), v in d.items():
            s[:, ports[b], ports[a]] = v  # row = output, as in sax
        return s, ports

    a = simulate(mzi_netlist(), wl=WL, models=MODELS)
    b = simulate(mzi_netlist(), wl=WL, models={**MODELS, "coupler": coupler_dense})
    np.testing.assert_allclose(a.s, b.s, atol=1e-14)


def test_settings_override_info_and_none_is_dropped() -> None:
    seen: list[dict] = []

    def spy(wl: Any, length: float = 1.0, neff: float = 2.4) -> dict:
        seen.append({"length": length, "neff": neff})
        return straight(wl, length, neff)

    net = {
        "instances": {
            "w": {
                "component": "wg",
                "settings": {"length": 5.0, "neff": None},
                "info": {"length": 9.0, "neff": 2.5, "unrelated": "x"},
            }
        },
        "ports": {"a": "w,o1", "b": "w,o2"},
    }
    simulate(net, wl=WL, models={"wg": spy})
    assert seen == [{"length": 5.0, "neff": 2.5}]


def test_var_keyword_models_get_everything() -> None:
    got: dict = {}

    def anything(wl: Any, **kw: Any) -> dict:
        got.update(kw)
        return straight(wl, kw["length"])

    net = {
        "instances": {
            "w": {
                "component": "wg",
                "settings": {"length": 5.0, "layer": [1, 0]},
                "info": {"route": "strip"},
            }
        },
        "ports": {"a": "w,o1", "b": "w,o2"},
    }
    simulate(net, wl=WL, models={"wg": anything}, temperature=300.0)
    assert got == {"length": 5.0, "layer": [1, 0], "route": "strip", "temperature": 300.0}


def test_one_model_call_per_distinct_settings() -> None:
    from simmodels import lattice_netlist

    sp = simulate(lattice_netlist([0.5] * 11, [10.0, 20.0] * 5), wl=WL, models=MODELS)
    # couplers: 1 setting; arms: length 20, 30, 40 -> 4 calls for 31 instances
    assert sp.info["model_calls"] == 4
    assert sp.info["leaf_cache_hits"] == 31 - 4


def test_hand_written_recursive_netlist() -> None:
    rec = {
        "top": {
            "instances": {"m1": inst("mzi_cell"), "m2": inst("mzi_cell")},
            "connections": {"m1,out1": "m2,in1", "m1,out2": "m2,in2"},
            "ports": {"i1": "m1,in1", "i2": "m1,in2", "o1": "m2,out1", "o2": "m2,out2"},
        },
        "mzi_cell": mzi_netlist(),
    }
    sp = simulate(rec, wl=WL, models=MODELS)
    one = simulate(mzi_netlist(), wl=WL, models=MODELS)
    t = one.s[:, 2:, :2]  # (out, in) transfer of one MZI
    np.testing.assert_allclose(sp.s[:, 2:, :2], t @ t, atol=1e-12)
    assert (sp.info["subcircuit_cache_misses"], sp.info["subcircuit_cache_hits"]) == (1, 1)


def test_default_models_come_from_the_pdk(monkeypatch: pytest.MonkeyPatch) -> None:
    # lightlane.simulate defaults to the PDK's models plus the composite cells' closed forms
    monkeypatch.setattr("lightlane.registry.simulation_models", lambda: MODELS)
    sp = lightlane.simulate(mzi_netlist(), wl=WL)
    np.testing.assert_allclose(sp.s, simulate(mzi_netlist(), wl=WL, models=MODELS).s)
