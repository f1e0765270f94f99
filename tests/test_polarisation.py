"""Polarisation splitter-rotator: loss and crosstalk targets, coupled-mode algebra, layout sweep."""

from __future__ import annotations

import numpy as np
import pytest

import lightlane.models.polarisation
from bound_models import bound
from layout_checks import assert_clean, assert_refused_before_drawing, connectivity_problems
from lightlane.components.polarisation import polarization_splitter_rotator_bilevel

models = bound(lightlane.models.polarisation)

O_BAND = np.linspace(1.26, 1.36, 101)


def test_loss_and_crosstalk_meet_the_published_figures_over_the_o_band():
    """O-band PSR < 1 dB, crosstalk < -22 dB (see lightlane.models.polarisation)."""
    m = 20 * np.log10(models.polarisation_matrix(O_BAND))
    assert np.all(m[:, 0, 0] > -1.0) and np.all(m[:, 1, 1] > -1.0)
    assert np.all(m[:, 1, 0] < -22.0) and np.all(m[:, 0, 1] < -22.0)


def test_te_s_matrix_is_insertion_loss_crosstalk_and_isolation():
    sdict = models.polarization_splitter_rotator_bilevel(O_BAND)
    assert 20 * np.log10(np.abs(sdict["o2", "o1"][50])) == pytest.approx(
        -models.IL_TE_DB - 2.0 * 100e-4, abs=1e-9
    ), "0.3 dB plus 100 um of 2 dB/cm strip"
    assert np.all(np.abs(sdict["o3", "o2"]) == 0), "the outputs are isolated"
    assert np.abs(sdict["o3", "o1"][0]) / np.abs(sdict["o2", "o1"][0]) == pytest.approx(
        10 ** ((models.CROSSTALK_DB + models.IL_TE_DB) / 20)
    )


def test_conversion_follows_coupled_mode_theory():
    """Phase matched at 1310 nm: eta = sin^2(kappa L), full at L = pi / (2 kappa) = 30 um."""
    assert models.tm_conversion(1.31, 30.0) == pytest.approx(1.0, abs=1e-12)
    assert models.tm_conversion(1.31, 15.0) == pytest.approx(0.5, abs=1e-12)
    assert models.tm_conversion(1.31, 60.0) == pytest.approx(0.0, abs=1e-12)
    edges = models.tm_conversion(np.array([1.26, 1.36]))
    assert np.all(edges < 1.0) and np.all(edges > 0.8), "detuned away from the design"
    assert models.tm_conversion(1.31, gap=0.25) < 1.0, "a wider gap under-couples"
    assert models.tm_conversion(1.31, bus_width=0.8) < 0.5, "ADC phase matching is width-critical"


@pytest.mark.parametrize(
    "kwargs",
    [  # defaults: tests/test_cells.py
        {"taper_length": 20.0, "coupling_length": 5.0, "gap": 0.15, "bus_width": 0.6},
        {"bus_width": 1.2, "gap": 0.3, "coupling_length": 60.0},
    ],
)
def test_layout_sweep_is_drc_and_connectivity_clean(kwargs):
    component = polarization_splitter_rotator_bilevel(**kwargs)
    assert_clean(component)
    assert connectivity_problems(component) == []
    assert [p.name for p in component.ports] == ["o1", "o2", "o3"]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"gap": 0.1}, ["gap", "WG.S.1"]),
        ({"bus_width": 0.5}, ["bus_width", "TE1"]),
        ({"bus_width": 0.841}, ["bus_width", "GRID.1"]),
        ({"taper_length": 10.0}, ["taper_length", "adiabatic"]),
        ({"coupling_length": 0.0}, ["coupling_length"]),
    ],
)
def test_bad_parameters_are_refused_before_drawing(kwargs, words):
    assert_refused_before_drawing(polarization_splitter_rotator_bilevel, kwargs, words)
