"""Every cell has a model of the same name; every model is passive, reciprocal and physical."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from lightlane.physics.modes import group_index, n_eff
from lightlane.registry import closed_forms, get_pdk, model_of

WL = np.linspace(1.26, 1.36, 201)


def s_matrix(sdict: dict, ports: list[str]) -> np.ndarray:
    """Dense (n_wl, n, n) matrix from an SDict, zeros where the model gives nothing."""
    shape = np.broadcast(*sdict.values()).shape
    s = np.zeros((*shape, len(ports), len(ports)), dtype=complex)
    for (a, b), value in sdict.items():
        s[..., ports.index(a), ports.index(b)] = value
    return s


def test_every_cell_has_a_model_with_its_name(cell_name):
    model = model_of(cell_name)
    assert model.cell is get_pdk().cells[cell_name]


def test_composite_cells_are_their_netlists(cell_name):
    """sax builds nothing for a top cell with a model: a cell drawn from instances has none
    in ``PDK.models`` (its netlist is its model) and keeps its closed form beside it."""
    component = get_pdk().cells[cell_name]()
    composite = len(component.insts) > 0
    assert (cell_name in closed_forms()) is composite
    assert (cell_name in get_pdk().models) is not composite


def test_model_geometry_parameters_come_from_the_cell(cell_name):
    model = model_of(cell_name)
    component = get_pdk().cells[cell_name]()
    provided = set(dict(component.settings)) | set(dict(component.info))
    assert set(model.geometry_parameters) <= provided


def test_model_ports_match_the_cell(cell_name):
    component = get_pdk().cells[cell_name]()
    sdict = model_of(cell_name)(WL)
    optical = {p.name for p in component.ports if p.port_type == "optical"}
    assert {port for pair in sdict for port in pair} <= optical


def test_model_is_passive_and_reciprocal(cell_name):
    component = get_pdk().cells[cell_name]()
    ports = sorted(p.name for p in component.ports if p.port_type == "optical")
    sdict = model_of(cell_name)(WL)
    if not ports:  # metal only (pads): nothing to conserve, and nothing may be claimed
        assert sdict == {}
        return
    s = s_matrix(sdict, ports)
    singular = np.linalg.svd(s, compute_uv=False)
    assert singular.max() <= 1 + 1e-12
    np.testing.assert_allclose(s, np.swapaxes(s, -1, -2), atol=1e-14)


def test_model_broadcasts_over_monte_carlo_samples(cell_name):
    model = model_of(cell_name)
    if "dn_eff" not in inspect.signature(model).parameters:
        pytest.skip(f"{cell_name} has no dn_eff parameter")
    dn = np.array([[0.0], [1e-3], [-1e-3]])
    sdict = model(WL, dn_eff=dn)
    assert next(iter(sdict.values())).shape == (3, WL.size)
    np.testing.assert_allclose(sdict[("o2", "o1")][0], model(WL)[("o2", "o1")])


def test_model_rejects_unknown_parameters(cell_name):
    with pytest.raises(TypeError, match="no_such_parameter"):
        model_of(cell_name)(WL, no_such_parameter=1)


def test_dispersion_is_physical_across_the_o_band():
    wl = np.linspace(1.26, 1.36, 11)
    widths = np.array([0.3, 0.4, 0.5, 0.8, 2.0])[:, None]
    index = n_eff(wl, widths)
    assert np.all(np.diff(index, axis=0) > 0), "wider cores confine more"
    assert np.all(np.diff(index, axis=1) < 0), "n_eff falls with wavelength"
    assert np.all(index < 3.1) and np.all(index > 1.45), "between the oxide and the slab"
    assert np.all(n_eff(wl, 0.4, rib=True) > n_eff(wl, 0.4)), "a slab raises the rib's index"


def test_straight_phase_and_loss_closed_form():
    models = get_pdk().models
    cm = models["straight"](WL, length=1e4, cross_section="strip", width=0.4)[("o2", "o1")]
    np.testing.assert_allclose(-20 * np.log10(np.abs(cm)), 2.0, rtol=1e-12)
    length = 10.0  # short enough that the phase is sampled without aliasing
    t = models["straight"](WL, length=length, cross_section="strip", width=0.4)[("o2", "o1")]
    phase = np.unwrap(np.angle(t))
    expected = -2 * np.pi * n_eff(WL, 0.4) * length / WL
    np.testing.assert_allclose(phase - phase[0], expected - expected[0], atol=1e-6)


def test_straight_group_delay_gives_the_group_index():
    length = 100.0
    t = get_pdk().models["straight"](WL, length=length)[("o2", "o1")]
    phase = np.unwrap(np.angle(t))
    # d(phase)/d(1/wl) = -2 pi n_g L
    ng = -np.gradient(phase, 1 / WL) / (2 * np.pi * length)
    np.testing.assert_allclose(ng[5:-5], group_index(WL, 0.4)[5:-5], rtol=2e-3)


def test_bend_loss_adds_per_quarter_turn():
    bend = get_pdk().models["bend_euler"]
    quarter = bend(1.31, radius=20.0, angle=90.0, loss_db_per_cm=0.0)[("o2", "o1")]
    half = bend(1.31, radius=20.0, angle=180.0, loss_db_per_cm=0.0)[("o2", "o1")]
    assert -20 * np.log10(abs(quarter)) == pytest.approx(0.005, rel=1e-9)
    assert -20 * np.log10(abs(half)) == pytest.approx(0.010, rel=1e-9)


def test_taper_phase_lies_between_its_end_widths():
    taper = get_pdk().models["taper"]
    length = 50.0
    t = taper(1.31, length=length, width1=0.4, width2=0.8, loss_db_per_cm=0.0)[("o2", "o1")]
    neff_taper = -np.angle(t) * 1.31 / (2 * np.pi * length) % (1.31 / length)
    lo, hi = n_eff(1.31, 0.4), n_eff(1.31, 0.8)
    # Compare modulo the phase wrap: the mean index must be inside [lo, hi] after unwrapping.
    candidates = neff_taper + np.arange(0, 200) * 1.31 / length
    assert np.any((candidates > lo) & (candidates < hi))
