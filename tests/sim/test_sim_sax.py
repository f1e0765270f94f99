"""Agreement with sax 0.18 (test-only dependency) on the same netlists and models."""

from __future__ import annotations

import functools
import inspect

import numpy as np
import pytest

from lightlane.sim import simulate
from simmodels import (
    MODELS,
    add_drop_netlist,
    fabry_perot_netlist,
    lattice_netlist,
    mzi_netlist,
    ring_netlist,
)

sax = pytest.importorskip("sax")
jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

WL = np.linspace(1.26, 1.36, 201)
CASES = {
    "mzi": mzi_netlist(dl=25.0),
    "ring": ring_netlist(kappa=0.2, length=80.0),
    "add_drop": add_drop_netlist(),
    "lattice": lattice_netlist([0.5, 0.2, 0.7, 0.4, 0.5], [10.0, 20.0, -15.0, 30.0]),
    "fabry_perot": fabry_perot_netlist(0.8, 0.5, 25.0),
}


@pytest.fixture(scope="module", autouse=True)
def x64() -> None:
    """sax compares at 1e-9 only in double precision."""
    jax.config.update("jax_enable_x64", True)


def sax_models() -> dict:
    return {name: functools.partial(m, xp=jnp) for name, m in MODELS.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_matches_sax_klu(name: str) -> None:
    net = CASES[name]
    ours = simulate(net, wl=WL, models=MODELS)
    circuit, _ = sax.circuit(net, models=sax_models(), backend="klu")
    theirs = circuit(wl=WL)
    for (a, b), value in theirs.items():
        np.testing.assert_allclose(ours[b, a], np.asarray(value), atol=1e-9, err_msg=f"{a}->{b}")


# sax's forward backend follows instance ports named in*/out*: rename for it
FORWARD_PORTS = {
    "coupler": {"o1": "in0", "o2": "in1", "o3": "out1", "o4": "out0"},
    "straight": {"o1": "in0", "o2": "out0"},
}


def forward_named(net: dict) -> tuple[dict, dict]:
    """(netlist, models) with directional port names for sax's forward backend."""
    comp = {k: v["component"] for k, v in net["instances"].items()}

    def ren(ref: str) -> str:
        i, p = ref.split(",")
        return f"{i},{FORWARD_PORTS[comp[i]][p]}"

    def wrap(name: str):
        model, pm = sax_models()[name], FORWARD_PORTS[name]

        def renamed(**kw: object) -> dict:
            return {(pm[a], pm[b]): v for (a, b), v in model(**kw).items()}

        renamed.__signature__ = inspect.signature(model)  # sax rejects bare **kwargs
        return renamed

    renamed = {
        "instances": net["instances"],
        "connections": {ren(a): ren(b) for a, b in net["connections"].items()},
        "ports": {k: ren(v) for k, v in net["ports"].items()},
    }
    return renamed, {name: wrap(name) for name in FORWARD_PORTS}


@pytest.mark.parametrize("name", ["mzi", "lattice"])
def test_matches_sax_forward(name: str) -> None:
    """Feed-forward circuits: sax's forward-only backend agrees on input -> output."""
    net = CASES[name]
    ours = simulate(net, wl=WL, models=MODELS)
    fnet, fmodels = forward_named(net)
    circuit, _ = sax.circuit(fnet, models=fmodels, backend="forward")
    theirs = circuit(wl=WL)
    for inp in ("in1", "in2"):
        for out in ("out1", "out2"):
            np.testing.assert_allclose(ours[out, inp], np.asarray(theirs[inp, out]), atol=1e-9)
