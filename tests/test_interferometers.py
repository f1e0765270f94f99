"""MZI cell and model: the closed-form transmission, FSR and extinction, power balance, sweeps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import lightlane.models.couplers
import lightlane.models.interferometers
from bound_models import bound
from layout_checks import assert_refused_before_drawing, drc_problems, port_edge_problem
from lightlane.components.interferometers import mzi_unbalanced
from lightlane.physics.modes import group_index, n_eff

coupler_models = bound(lightlane.models.couplers)
models = bound(lightlane.models.interferometers)

SWEEP = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WL = np.linspace(1.26, 1.36, 10001)


def arm(wl, component, which, loss_db_per_cm=2.0):
    """Complex transmission of one arm from the dispersion model: straights + 4 Euler bends."""
    info = component.info
    length = info[f"length_straight_{which}"] + 4 * info["length_bend"]
    amplitude = 10 ** (-(loss_db_per_cm * length * 1e-4 + 4 * 0.005) / 20)
    return amplitude * np.exp(-2j * np.pi * n_eff(wl, 0.4) * length / wl)


def test_mzi_with_1x2_splitters_is_the_two_path_closed_form():
    component = mzi_unbalanced()
    split = coupler_models.mmi1x2(WL)["o2", "o1"]
    expected = abs(split) ** 4 * abs(arm(WL, component, "top") + arm(WL, component, "bottom")) ** 2
    np.testing.assert_allclose(abs(models.mzi_unbalanced(WL)["o2", "o1"]) ** 2, expected, atol=1e-9)


def test_mzi_fsr_walks_with_wavelength_squared():
    power = abs(models.mzi_unbalanced(WL)["o2", "o1"]) ** 2
    minima = WL[np.where((power[1:-1] < power[:-2]) & (power[1:-1] < power[2:]))[0] + 1]
    assert len(minima) >= 2
    centres = (minima[1:] + minima[:-1]) / 2
    expected = centres**2 / (group_index(centres, 0.4) * 10.0)
    np.testing.assert_allclose(np.diff(minima), expected, rtol=0.01)
    assert np.all(np.diff(np.diff(minima)) > 0), "the FSR grows with wavelength"
    # L = wl^2 / (n_g FSR): a 40 nm FSR needs ~9.7 um of delay; 10 um gives 39.5 nm at 1310 nm.
    assert 1.31**2 / (group_index(1.31, 0.4) * 10.0) == pytest.approx(0.0395, abs=0.001)


@pytest.mark.parametrize("loss_db_per_cm", [2.0, 300.0])
def test_mzi_extinction_is_set_by_the_arm_imbalance(loss_db_per_cm):
    """ER = ((|A_t| + |A_b|) / | |A_t| - |A_b| |)^2 for a balanced splitter."""
    component = mzi_unbalanced()
    through = abs(models.mzi_unbalanced(WL, loss_db_per_cm=loss_db_per_cm)["o2", "o1"]) ** 2
    index = np.argmin(through)
    fine = np.linspace(WL[index] - 2e-5, WL[index] + 2e-5, 20001)
    minimum = (
        abs(models.mzi_unbalanced(fine, loss_db_per_cm=loss_db_per_cm)["o2", "o1"]) ** 2
    ).min()
    top = abs(arm(1.31, component, "top", loss_db_per_cm))
    bottom = abs(arm(1.31, component, "bottom", loss_db_per_cm))
    expected = 20 * np.log10((top + bottom) / abs(top - bottom))
    assert 10 * np.log10(through.max() / minimum) == pytest.approx(expected, abs=1.0)
    assert expected > 30


def test_mzi_with_2x2_splitters_conserves_power_in_lossless_arms():
    s = models.mzi_unbalanced(WL, splitter="mmi2x2", loss_db_per_cm=0.0)
    total = abs(s["o3", "o1"]) ** 2 + abs(s["o4", "o1"]) ** 2
    splitters = (
        abs(coupler_models.mmi2x2(WL)["o3", "o1"]) ** 2
        + abs(coupler_models.mmi2x2(WL)["o4", "o1"]) ** 2
    )
    bends = 10 ** (-4 * 0.005 / 10)
    np.testing.assert_allclose(total, splitters**2 * bends, rtol=1e-9)
    np.testing.assert_allclose(s["o3", "o2"], s["o2", "o3"])


def test_a_pi_phase_on_one_arm_swaps_the_2x2_outputs():
    component = mzi_unbalanced(splitter="mmi2x2")
    length = component.info["length_straight_top"]
    half_wave = 1.31 / (2 * length)
    plain = models.mzi_unbalanced(1.31, splitter="mmi2x2")
    shifted = models.mzi_unbalanced(1.31, splitter="mmi2x2", dn_eff_top=half_wave)
    assert abs(shifted["o3", "o1"]) ** 2 == pytest.approx(abs(plain["o4", "o1"]) ** 2, rel=1e-3)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"splitter": "y_branch"}, ["splitter='y_branch'", "mmi1x2"]),
        ({"delta_length": -2.0}, ["delta_length=-2"]),
        ({"delta_length": 0.001}, ["delta_length=0.001", "2 nm"]),
        ({"delta_length": 1e9}, ["delta_length=1e+09", "33000"]),
        ({"length_x": 0.0505}, ["length_x=0.0505", "grid"]),
        ({"radius": 5.0}, ["radius=5", "XS.R.strip"]),
        ({"cross_section": "rib"}, ["cross_section='rib'"]),
    ],
)
def test_bad_parameters_raise_before_any_geometry(kwargs, words):
    assert_refused_before_drawing(mzi_unbalanced, kwargs, words)


@SWEEP
@given(
    delta_length=st.integers(0, 50_000).map(lambda n: n / 500),
    length_x=st.one_of(st.just(0.0), st.integers(150, 20_000).map(lambda n: n / 1000)),
    length_y=st.one_of(st.just(0.0), st.integers(150, 20_000).map(lambda n: n / 1000)),
    radius=st.one_of(st.none(), st.integers(5000, 30_000).map(lambda n: n / 1000)),
    splitter=st.sampled_from(["mmi1x2", "mmi2x2"]),
    cross_section=st.sampled_from(["strip", "strip_c"]),
)
def test_mzi_sweep_is_clean_or_refused(
    delta_length, length_x, length_y, radius, splitter, cross_section
):
    try:
        component = mzi_unbalanced(
            delta_length=delta_length,
            length_x=length_x,
            length_y=length_y,
            radius=radius,
            splitter=splitter,
            cross_section=cross_section,
        )
    except ValueError as error:
        event("refused")
        assert any(word in str(error) for word in ("radius=", "length_y + delta_length"))
        return
    assert [p for p in (port_edge_problem(component, q) for q in component.ports) if p] == []
    assert drc_problems(component) == []
