"""Netlists extracted from real gdsfactory components (generic PDK), flat and hierarchical."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from lightlane.registry import get_pdk
from lightlane.sim import simulate
from simmodels import assert_physical, mmi1x2, straight, wg_t

gf = pytest.importorskip("gdsfactory")

# leaf cells of gf.components.mzi; bends are waveguides of their info["length"]
GF_MODELS = {"straight": straight, "bend_euler": straight, "mmi1x2": mmi1x2}
WL = np.linspace(1.28, 1.34, 121)


@pytest.fixture(scope="module")
def gpdk() -> Any:
    """The generic PDK for these tests only: lightlane's is active again after them.

    kfactory caches cells by their arguments, not by the PDK that drew them: the cache is cleared
    on both switches so no generic-PDK cell (500 nm strip) is handed to a later lightlane test.
    """
    gf.clear_cache()
    gf.gpdk.PDK.activate()
    yield gf
    gf.clear_cache()
    get_pdk().activate()


def mzi_closed_form(delta_length: float) -> np.ndarray:
    """o1 -> o2 of gf's mzi: 4 bends + 2*length_y + length_x per arm, +delta on the bottom."""
    lb = gf.components.bend_euler().info["length"]
    top = 4 * lb + 2 * 2 + 0.1
    return 0.5 * (wg_t(WL, top) + wg_t(WL, top + delta_length))


def cascade(delta_length: float) -> Any:
    @gf.cell
    def two_mzis(delta_length: float = 10.0) -> gf.Component:
        c = gf.Component()
        a = c << gf.components.mzi(delta_length=delta_length)
        b = c << gf.components.mzi(delta_length=delta_length)
        b.connect("o1", a.ports["o2"])
        c.add_port("o1", port=a.ports["o1"])
        c.add_port("o2", port=b.ports["o2"])
        return c

    return two_mzis(delta_length=delta_length)


def test_flat_mzi_component(gpdk: Any) -> None:
    c = gpdk.components.mzi(delta_length=10)
    sp = simulate(c, wl=WL, models=GF_MODELS)
    assert sp.ports == ["o1", "o2"]
    np.testing.assert_allclose(sp["o2", "o1"], mzi_closed_form(10), atol=1e-10)
    assert_physical(sp)
    # identical bends share one model call
    assert sp.info["leaf_cache_hits"] >= 7


def test_netlist_dict_equals_component(gpdk: Any) -> None:
    c = gpdk.components.mzi(delta_length=10)
    a = simulate(c, wl=WL, models=GF_MODELS)
    b = simulate(c.get_netlist(recursive=True), wl=WL, models=GF_MODELS, solver="reference")
    np.testing.assert_allclose(a.s, b.s, atol=1e-12)


def test_hierarchical_cascade_and_cache(gpdk: Any) -> None:
    c = cascade(10.0)
    rec = c.get_netlist(recursive=True)
    assert len(rec) == 2  # top cell + one shared mzi cell
    sp = simulate(c, wl=WL, models=GF_MODELS)
    np.testing.assert_allclose(sp["o2", "o1"], mzi_closed_form(10) ** 2, atol=1e-10)
    assert sp.info["subcircuit_cache_misses"] == 1
    assert sp.info["subcircuit_cache_hits"] == 1
    assert_physical(sp)


def test_hierarchical_monte_carlo_draws_per_instance(gpdk: Any) -> None:
    """A variation inside a shared sub-cell disables the cache: each copy gets its own draws."""
    c = cascade(10.0)
    sp = simulate(
        c, wl=WL[:11], models=GF_MODELS, samples=5, seed=1, variations={"syl.length": 0.05}
    )
    assert sp.s.shape == (5, 11, 2, 2)
    assert sp.info["subcircuit_cache_hits"] == 0
    one = simulate(
        c,
        wl=WL[:11],
        models=GF_MODELS,
        samples=5,
        seed=1,
        variations={"syl.length": 0.05},
        chunk_size=2,
    )
    np.testing.assert_array_equal(sp.s, one.s)
