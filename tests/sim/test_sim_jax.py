"""Passive models in jax's array namespace: gradients through sax, jit of the models."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import lightlane
from lightlane.models import waveguides
from lightlane.registry import get_pdk

sax = pytest.importorskip("sax")
jax = pytest.importorskip("jax")
jnp = jax.numpy

COUPLER_LENGTHS = (26.863, 8.982, 2.117)  # the 3-coupler stage of the CWDM4 demultiplexer
DELAYS = (9.866, 19.236)
ARM = 10.0  # um of straight in each arm before the delay
BAND = np.linspace(1.304, 1.318, 15)  # the 1311 nm CWDM4 lane window, in um


@pytest.fixture(scope="module", autouse=True)
def x64() -> Any:
    before = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)
    yield
    jax.config.update("jax_enable_x64", before)


def lattice_netlist() -> dict:
    """A directional-coupler lattice: couplers ``c0..c2``, delay arms ``top0``, ``top1``."""
    instances: dict[str, Any] = {
        f"c{i}": {"component": "coupler", "settings": {"length": length, "gap": 0.2}}
        for i, length in enumerate(COUPLER_LENGTHS)
    }
    connections = {}
    for i in range(len(DELAYS)):
        for arm, (a, b) in (("top", ("o3", "o2")), ("bot", ("o4", "o1"))):
            instances[f"{arm}{i}"] = {"component": "straight", "settings": {"length": ARM}}
            connections[f"c{i},{a}"] = f"{arm}{i},o1"
            connections[f"{arm}{i},o2"] = f"c{i + 1},{b}"
    last = len(COUPLER_LENGTHS) - 1
    ports = {"in1": "c0,o1", "in2": "c0,o2", "bar": f"c{last},o4", "cross": f"c{last},o3"}
    return {"instances": instances, "connections": connections, "ports": ports}


@pytest.fixture(scope="module")
def passband_loss() -> Any:
    circuit, _ = sax.circuit(lattice_netlist(), models=get_pdk().models)

    def loss(delays: Any) -> Any:
        arms = {f"top{i}": {"length": ARM + d} for i, d in enumerate(delays)}
        s = circuit(wl=jnp.asarray(BAND), **arms)
        return -10 * jnp.log10(jnp.mean(jnp.abs(s["in1", "cross"]) ** 2))

    return loss


def test_grad_of_the_passband_loss_matches_a_finite_difference(passband_loss: Any) -> None:
    delays = jnp.asarray(DELAYS)
    grad = np.asarray(jax.grad(passband_loss)(delays))
    step = 1e-5
    central = np.array(
        [
            (passband_loss(delays.at[i].add(step)) - passband_loss(delays.at[i].add(-step)))
            / (2 * step)
            for i in range(len(DELAYS))
        ]
    )
    assert np.all(np.abs(central) > 1e-3)  # a real slope, not a flat spot
    np.testing.assert_allclose(grad, central, rtol=1e-6)


def test_the_lattice_agrees_with_lightlane_simulate() -> None:
    circuit, _ = sax.circuit(lattice_netlist(), models=get_pdk().models)
    theirs = circuit(wl=jnp.asarray(BAND))
    ours = lightlane.simulate(lattice_netlist(), wl=BAND)
    for (a, b), value in theirs.items():
        np.testing.assert_allclose(ours[b, a], np.asarray(value), atol=1e-9)


@pytest.mark.parametrize("name", ["straight", "bend_euler", "taper"])
def test_waveguide_models_jit_and_differentiate_in_length(name: str) -> None:
    model = getattr(waveguides, name)
    geometry = {"straight": {"width": 0.4}, "bend_euler": {"width": 0.4, "angle": 90.0}}
    kw = geometry.get(name, {"width1": 0.4, "width2": 0.8})

    def power(length: Any) -> Any:
        t = model(BAND, length=length, cross_section="strip", loss_db_per_cm=3.0, **kw)
        return jnp.sum(jnp.abs(t["o2", "o1"]) ** 2 + jnp.real(t["o2", "o1"]))

    jitted = jax.jit(power)
    np.testing.assert_allclose(jitted(20.0), power(20.0), rtol=1e-12)
    step = 1e-6
    central = (power(20.0 + step) - power(20.0 - step)) / (2 * step)
    np.testing.assert_allclose(jax.grad(power)(20.0), central, rtol=1e-6)
    numpy_t = model(BAND, length=20.0, cross_section="strip", loss_db_per_cm=3.0, **kw)
    assert isinstance(numpy_t["o2", "o1"], np.ndarray)  # numpy in, numpy out


def test_models_import_without_jax_or_gdsfactory() -> None:
    code = (
        "import sys, lightlane.models.waveguides; "
        "print(sorted(m for m in ('jax', 'gdsfactory') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


PASSIVES = ["straight", "bend_euler", "bend_euler180", "bend_circular", "taper", "bend_s"]
PASSIVES += ["coupler", "coupler_ring", "mmi1x2", "mmi2x2", "crossing", "spiral_delay"]
PASSIVES += ["ring_single", "ring_double", "mzi_unbalanced", "mzi_lattice_stage", "cwdm4_demux"]


@pytest.mark.parametrize("name", PASSIVES)
def test_passive_models_jit_and_differentiate_in_dn_eff(name: str) -> None:
    """Every passive model runs under jax.jit and jax.grad (its index perturbation traced)."""
    from lightlane.pdk.guides import guide
    from lightlane.registry import cell_geometry, model_of

    bound = model_of(name)
    known = cell_geometry(bound.cell, {})
    geometry = {k: known[k] for k in bound.geometry_parameters}
    if "cross_section" in geometry:
        geometry["cross_section"] = guide(geometry["cross_section"]).model

    def response(dn_eff: Any) -> Any:
        sdict = bound.model(BAND, dn_eff=dn_eff, **geometry)
        return sum(jnp.sum(jnp.abs(v) ** 2 + jnp.real(v)) for v in sdict.values())

    np.testing.assert_allclose(jax.jit(response)(1e-3), response(1e-3), rtol=1e-12)
    step = 1e-7
    central = (response(1e-3 + step) - response(1e-3 - step)) / (2 * step)
    np.testing.assert_allclose(jax.grad(response)(1e-3), central, rtol=1e-5, atol=1e-6)
