"""Composed circuits against closed-form transfer functions (both solvers)."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.sim import simulate
from simmodels import (
    MODELS,
    add_drop_netlist,
    assert_physical,
    coupler_matrix,
    fabry_perot_netlist,
    inst,
    lattice_netlist,
    mzi_netlist,
    ring_netlist,
    wg_t,
)

SOLVERS = ["fast", "reference"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_mzi(wl: np.ndarray, solver: str) -> None:
    sp = simulate(mzi_netlist(dl=20, length=50), wl=wl, models=MODELS, solver=solver)
    t, k = 0.5**0.5, -1j * 0.5**0.5
    wt, wb = wg_t(wl, 50), wg_t(wl, 70)
    np.testing.assert_allclose(sp["out1", "in1"], t * t * wb + k * k * wt, atol=1e-10)
    np.testing.assert_allclose(sp["out2", "in1"], k * t * (wb + wt), atol=1e-10)
    assert_physical(sp, lossless=True)


@pytest.mark.parametrize("solver", SOLVERS)
def test_all_pass_ring(wl: np.ndarray, solver: str) -> None:
    sp = simulate(
        ring_netlist(kappa=0.1, length=60, loss_db_cm=3), wl=wl, models=MODELS, solver=solver
    )
    t, w = 0.9**0.5, wg_t(wl, 60, loss_db_cm=3)
    np.testing.assert_allclose(sp["out", "in"], (t - w) / (1 - t * w), atol=1e-10)
    assert_physical(sp)


@pytest.mark.parametrize("solver", SOLVERS)
def test_add_drop_ring(wl: np.ndarray, solver: str) -> None:
    sp = simulate(add_drop_netlist(0.1, 0.15, 40), wl=wl, models=MODELS, solver=solver)
    t1, t2, k1, k2 = 0.9**0.5, 0.85**0.5, 0.1**0.5, 0.15**0.5
    wh = wg_t(wl, 40, loss_db_cm=2)
    den = 1 - t1 * t2 * wh**2
    np.testing.assert_allclose(sp["through", "in"], (t1 - t2 * wh**2) / den, atol=1e-10)
    np.testing.assert_allclose(sp["drop", "in"], -k1 * k2 * wh / den, atol=1e-10)
    assert_physical(sp)


@pytest.mark.parametrize("solver", SOLVERS)
def test_lattice_fir(wl: np.ndarray, solver: str) -> None:
    kappas, dls = [0.5, 0.3, 0.2, 0.6, 0.4, 0.5], [10.0, 20.0, 20.0, 40.0, 5.0]
    sp = simulate(lattice_netlist(kappas, dls), wl=wl, models=MODELS, solver=solver)
    h = np.broadcast_to(coupler_matrix(kappas[0]), (wl.size, 2, 2))
    for k, dl in zip(kappas[1:], dls, strict=True):
        d = np.zeros((wl.size, 2, 2), dtype=complex)
        d[:, 0, 0], d[:, 1, 1] = wg_t(wl, 20 + dl), wg_t(wl, 20)
        h = coupler_matrix(k) @ d @ h
    np.testing.assert_allclose(sp["out1", "in1"], h[:, 0, 0], atol=1e-10)
    np.testing.assert_allclose(sp["out2", "in1"], h[:, 1, 0], atol=1e-10)
    np.testing.assert_allclose(sp["out1", "in2"], h[:, 0, 1], atol=1e-10)
    assert_physical(sp, lossless=True)


@pytest.mark.parametrize("solver", SOLVERS)
def test_two_half_couplers_equal_full(wl: np.ndarray, solver: str) -> None:
    half = {
        "instances": {
            "a": inst("coupler_length", length=7.0),
            "b": inst("coupler_length", length=7.0),
        },
        "connections": {"a,o3": "b,o2", "a,o4": "b,o1"},
        "ports": {"o1": "a,o1", "o2": "a,o2", "o3": "b,o3", "o4": "b,o4"},
    }
    full = {
        "instances": {"c": inst("coupler_length", length=14.0)},
        "connections": {},
        "ports": {p: f"c,{p}" for p in ("o1", "o2", "o3", "o4")},
    }
    a = simulate(half, wl=wl, models=MODELS, solver=solver)
    b = simulate(full, wl=wl, models=MODELS, solver=solver)
    np.testing.assert_allclose(a.s, b.s, atol=1e-12)
    assert a.info["model_calls"] == 1 and a.info["leaf_cache_hits"] == 1  # shared settings


@pytest.mark.parametrize("solver", SOLVERS)
def test_fabry_perot(wl: np.ndarray, solver: str) -> None:
    sp = simulate(fabry_perot_netlist(0.6, 0.7, 30), wl=wl, models=MODELS, solver=solver)
    w = wg_t(wl, 30, loss_db_cm=5)
    t1, t2 = 0.64**0.5, 0.51**0.5
    np.testing.assert_allclose(sp["out", "in"], t1 * t2 * w / (1 + 0.6 * 0.7 * w**2), atol=1e-10)
    assert_physical(sp)


def test_fast_equals_reference_on_all(wl: np.ndarray) -> None:
    for net in (
        mzi_netlist(),
        ring_netlist(),
        add_drop_netlist(),
        fabry_perot_netlist(),
        lattice_netlist([0.5] * 9, [10.0] * 8),
    ):
        fast = simulate(net, wl=wl, models=MODELS)
        ref = simulate(net, wl=wl, models=MODELS, solver="reference")
        np.testing.assert_allclose(fast.s, ref.s, rtol=0, atol=1e-12)


def test_global_settings_are_defaults(wl: np.ndarray) -> None:
    sp = simulate(ring_netlist(), wl=wl, models=MODELS, neff=2.5)
    t, w = 0.9**0.5, wg_t(wl, 60, neff=2.5, loss_db_cm=3)
    np.testing.assert_allclose(sp["out", "in"], (t - w) / (1 - t * w), atol=1e-10)
