"""The PDK's models are sax models: sax 0.18 (test-only) builds the PDK's real circuits and
engines from gdsfactory's default netlist and agrees with ``lightlane.simulate`` on it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import lightlane
from lightlane.registry import closed_forms, get_pdk

sax = pytest.importorskip("sax")
jax = pytest.importorskip("jax")

WL = np.linspace(1.26, 1.36, 41)
# the composite cells with optical ports (pad_row has none): their netlists are their models
CIRCUITS = ["cwdm4_demux", "cwdm4_mux", "mzi_lattice_stage", "mzi_unbalanced", "ring_double"]
CIRCUITS += ["mzi", "mzi2x2_2x2", "mzi_coupler", "ring_single"]
# cells whose top level also exposes electrical ports of metal-only parts (models without
# ports): sax refuses a top port its instance's model lacks, so they are built with their
# optical ports only (test_sax_builds_optical_ports_of_mixed_cells). None today: laser_site is a
# flattened device (its butt joint is its own physics), modelled as one.
MIXED: list[str] = []
# one of each engine netlist shape: DR and FR lanes, both sides, ring modulators, gratings
ENGINES = [
    ("400G-DR4", "tx", "mzm", "edge"),
    ("400G-DR4", "rx", "mzm", "edge"),
    ("400G-FR4", "tx", "mzm", "edge"),
    ("800G-2xFR4", "rx", "mzm", "edge"),
    ("800G-DR4", "tx", "ring", "grating"),
]


@pytest.fixture(scope="module", autouse=True)
def x64() -> Any:
    """sax compares at 1e-9 only in double precision (restored afterwards)."""
    before = jax.config.jax_enable_x64
    jax.config.update("jax_enable_x64", True)
    yield
    jax.config.update("jax_enable_x64", before)


def sax_sparams(netlist: dict) -> dict:
    circuit, _ = sax.circuit(netlist, models=get_pdk().models, on_internal_port="ignore")
    return {pair: np.asarray(value) for pair, value in circuit(wl=WL).items()}


def assert_agree(netlist: dict, atol: float = 1e-9) -> None:
    ours = lightlane.simulate(netlist, wl=WL)
    theirs = sax_sparams(netlist)
    assert {p for pair in theirs for p in pair} == set(ours.ports)
    for (a, b), value in theirs.items():
        np.testing.assert_allclose(ours[b, a], value, atol=atol, err_msg=f"{a} -> {b}")


def test_the_circuit_list_is_every_optical_composite_cell() -> None:
    optical = {
        name
        for name in closed_forms()
        if any(p.port_type == "optical" for p in get_pdk().cells[name]().ports)
    }
    assert optical == set(CIRCUITS) | set(MIXED)


@pytest.mark.parametrize("name", CIRCUITS)
def test_sax_builds_every_pdk_circuit_from_the_default_netlist(name: str) -> None:
    assert_agree(get_pdk().get_component(name).get_netlist(recursive=True))


@pytest.mark.parametrize("name", MIXED)
def test_sax_builds_optical_ports_of_mixed_cells(name: str) -> None:
    netlist = get_pdk().get_component(name).get_netlist(recursive=True)
    top = netlist[name]
    top["ports"] = {p: ref for p, ref in top["ports"].items() if not p.startswith("e")}
    assert top["ports"]
    assert_agree(netlist)


@pytest.mark.parametrize("name", ["mzi_unbalanced", "ring_single", "ring_double"])
def test_three_digit_netlist_keeps_the_resonances(name: str) -> None:
    """Geometry comes from the settings (radius, gap), not from info rounded to 3 digits: sax
    on gdsfactory's default netlist equals the full-precision simulation of the layout."""
    component = get_pdk().get_component(name)
    exact = lightlane.simulate(component, wl=WL)
    for (a, b), value in sax_sparams(component.get_netlist(recursive=True)).items():
        np.testing.assert_allclose(exact[b, a], value, atol=1e-9, err_msg=f"{a} -> {b}")


@pytest.mark.parametrize(("standard", "side", "modulator", "coupling"), ENGINES)
def test_sax_builds_engine_sides(standard: str, side: str, modulator: str, coupling: str) -> None:
    from lightlane.circuits.engine import engine

    chip = engine(standard, side=side, modulator=modulator, coupling=coupling)
    assert_agree(chip.get_netlist(recursive=True))


def test_models_take_jax_arrays_as_sax_passes_them() -> None:
    """sax hands every number (flags too) to a model as a jax array, the cell settings as well."""
    jnp = jax.numpy
    ring = get_pdk().models["coupler_ring"]
    plain = ring(WL, gap=0.2, radius=5.0)
    arrays = ring(jnp.asarray(WL), gap=jnp.asarray(0.2), radius=jnp.asarray(5.0))
    for pair, value in plain.items():
        np.testing.assert_allclose(np.asarray(arrays[pair]), value, atol=1e-12)
    bend = get_pdk().models["bend_circular"]
    flag = bend(WL, radius=jnp.asarray(10.0), allow_min_radius_violation=jnp.asarray(0.0))
    np.testing.assert_allclose(
        np.asarray(flag["o2", "o1"]),
        bend(WL, radius=10.0, allow_min_radius_violation=False)["o2", "o1"],
        atol=1e-12,
    )
