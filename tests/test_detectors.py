"""Ge photodiode: responsivity from absorption, dark current, bandwidth, optics, layout."""

from __future__ import annotations

import numpy as np
import pytest

import lightlane.models.detectors
from bound_models import bound
from layout_checks import assert_clean, assert_refused_before_drawing, connectivity_problems
from lightlane.components.detectors import photodetector_ge
from lightlane.physics.materials import ge_absorption_per_cm

models = bound(lightlane.models.detectors)

O_BAND = np.linspace(1.26, 1.36, 101)
Q, H, C = 1.602176634e-19, 6.62607015e-34, 2.99792458e8


def test_absorption_matches_the_published_ge_on_si_values():
    """Michel, Liu & Kimerling 2010: 7000-9000 /cm at 1310 nm, ~3000-4000 /cm at 1550 nm."""
    assert 7000 <= ge_absorption_per_cm(1.31) <= 9000
    assert 3000 <= ge_absorption_per_cm(1.55) <= 4000
    assert ge_absorption_per_cm(1.65) == 0.0, "below the strained direct gap (1604 nm)"
    assert np.all(np.diff(ge_absorption_per_cm(np.linspace(1.26, 1.6, 50))) < 0)


def test_responsivity_is_eta_q_lambda_over_hc():
    wl = np.array([1.27, 1.31, 1.55])
    eta = models.EFFICIENCY * (
        1 - np.exp(-models.CONFINEMENT * ge_absorption_per_cm(wl) * 1e-4 * 10.0)
    )
    expected = eta * Q * wl * 1e-6 / (H * C)
    np.testing.assert_allclose(models.responsivity(wl, 10.0), expected, rtol=1e-5)


def test_responsivity_is_in_the_published_range_over_the_o_band():
    """0.8-1.0 A/W (see lightlane.models.detectors)."""
    r = models.responsivity(O_BAND, 10.0)
    assert np.all((r >= 0.8) & (r <= 1.0))
    assert models.responsivity(1.31, 2.0) < models.responsivity(1.31, 10.0), "short Ge leaks"
    assert models.responsivity(1.62, 10.0) < 0.5 * models.responsivity(1.55, 10.0), "gap edge"


def test_dark_current_scales_with_area_and_temperature():
    assert models.dark_current_na(10.0, 3.0) < 50.0  # published devices: < 50 nA
    assert models.dark_current_na(20.0, 3.0) == pytest.approx(2 * models.dark_current_na(10.0, 3.0))
    ratio = models.dark_current_na(10.0, 3.0, 85.0) / models.dark_current_na(10.0, 3.0, 25.0)
    assert 5 < ratio < 20, "generation current: ~10x from 25 to 85 C"


def test_bandwidth_is_the_3db_point_and_in_the_published_range():
    f3 = models.bandwidth_ghz()
    assert 50 <= f3 <= 100  # published waveguide Ge photodiodes: 50-100 GHz
    assert abs(models.frequency_response(f3)) ** 2 == pytest.approx(0.5, rel=1e-9)
    assert models.bandwidth_ghz(pad_capacitance_ff=0.0) > f3
    tau_ps = models.DRIFT_UM * 1e-4 / models.V_SAT_CM_S * 1e12
    no_rc = models.bandwidth_ghz(ge_length=1e-6, pad_capacitance_ff=0.0, load_ohm=0.0)
    assert no_rc == pytest.approx(0.443 / tau_ps * 1e3, rel=2e-3), "transit-time limit"
    sweep = models.bandwidth_ghz(np.array([[5.0], [10.0], [20.0]]), np.array([3.0, 6.0]))
    assert sweep.shape == (3, 2) and np.all(np.diff(sweep, axis=0) < 0)


def test_optically_it_absorbs_with_a_small_reflection():
    sdict = models.photodetector_ge(O_BAND)
    assert set(sdict) == {("o1", "o1")}
    np.testing.assert_allclose(20 * np.log10(np.abs(sdict["o1", "o1"])), -30.0, atol=0.01)


def test_pad_capacitance_is_a_parallel_plate():
    component = photodetector_ge()
    side, oxide_um = 54.0, 5.0
    expected = 8.8541878e-12 * 3.9 * (side * 1e-6) ** 2 / (oxide_um * 1e-6) * 1e15
    assert component.info["pad_capacitance_ff"] == pytest.approx(expected, rel=1e-4)


@pytest.mark.parametrize(
    "kwargs",
    [  # defaults: tests/test_cells.py
        {"pads": "gs"},
        {"ge_length": 3.0, "ge_width": 3.0},
        {"ge_length": 40.0, "ge_width": 8.0, "taper_length": 40.0, "pad_pitch": 150.0},
    ],
)
def test_layout_sweep_is_drc_and_connectivity_clean(kwargs):
    component = photodetector_ge(**kwargs)
    assert_clean(component)
    assert connectivity_problems(component) == []
    pads = 3 if kwargs.get("pads", "gsg") == "gsg" else 2
    assert [p.name for p in component.ports] == ["o1", *(f"e{k + 1}" for k in range(pads))]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"pads": "gssg"}, ["pads", "gssg"]),
        ({"ge_width": 2.6}, ["ge_width", "M2.S.1"]),
        ({"ge_width": 0.5}, ["ge_width", "GE.W.1"]),
        ({"ge_length": 2.5}, ["ge_length", "M2.W.1"]),
        ({"taper_length": 10.0}, ["taper_length", "8 deg"]),
        ({"pad_pitch": 90.0}, ["pad_pitch", "PADOPEN.S.1"]),
        ({"ge_length": 10.0005}, ["ge_length"]),
    ],
)
def test_bad_parameters_are_refused_before_drawing(kwargs, words):
    assert_refused_before_drawing(photodetector_ge, kwargs, words)
