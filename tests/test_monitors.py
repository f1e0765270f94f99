"""Tap coupler and monitor photodiode: the tap is what coupled-mode theory says it is."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.components.monitors import monitor_photodiode, tap_coupler
from lightlane.models.detectors import responsivity
from lightlane.models.monitors import tap_power_fraction
from lightlane.pdk.process import TECH
from lightlane.physics.coupling import coupling_angle, full_transfer_length
from lightlane.registry import get_pdk

MODELS = get_pdk().models


@pytest.mark.parametrize("fraction", [0.01, 0.02, 0.03, 0.05])
def test_tap_fraction_is_met_at_the_design_wavelength(fraction):
    sdict = MODELS["tap_coupler"](np.array([TECH.wavelength]), tap_fraction=fraction)
    # the 1 nm length grid moves theta by < 1e-5 rad: the fraction holds to 0.1 %
    assert tap_power_fraction(sdict)[0] == pytest.approx(fraction, rel=1e-3)


def test_tap_follows_the_closed_form_of_coupled_mode_theory():
    """Cross power sin^2(kappa L + theta_fans), kappa = pi / (2 L_x), over the O band."""
    c = tap_coupler(tap_fraction=0.03)
    info, wl = c.info, np.linspace(1.26, 1.36, 51)
    sdict = MODELS["tap_coupler"](wl, tap_fraction=0.03)
    gap, dx, dy, width = 0.3, 10.0, 4.0, info["width"]
    height = (dy - gap - width) / 2
    fans = coupling_angle(wl, np.asarray(gap), 0.0, width, dx, height, TECH.core_thickness)
    kappa = np.pi / (2 * full_transfer_length(gap, wl, width, TECH.core_thickness))
    expected = np.sin(kappa * info["length"] + fans) ** 2
    np.testing.assert_allclose(tap_power_fraction(sdict), expected, rtol=1e-9)
    # a weak tap grows with wavelength (the mode spreads): ~+-25 % across the O band
    assert np.all(np.diff(tap_power_fraction(sdict)) > 0)


def test_tap_coupler_is_lossless_but_for_its_arms():
    sdict = MODELS["tap_coupler"](np.array([1.31]))
    out = np.abs(sdict[("o3", "o1")]) ** 2 + np.abs(sdict[("o4", "o1")]) ** 2
    arm = np.abs(sdict[("o3", "o1")]) ** 2 / tap_power_fraction(sdict)
    np.testing.assert_allclose(out, arm)
    assert 0.97 < out[0] < 1.0  # 0.05 dB excess plus 30 um of strip


def test_a_larger_tap_needs_a_longer_coupler():
    lengths = [tap_coupler(tap_fraction=f).info["length"] for f in (0.01, 0.02, 0.05)]
    assert lengths == sorted(lengths) and lengths[0] > 0


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"tap_fraction": 0.0005}, "tap_fraction=0.0005 is below"),
        ({"tap_fraction": 0.5}, "tap_fraction=0.5"),
        ({"tap_fraction": 0.01, "gap": 0.1}, "gap=0.1"),
        ({"dy": 0.6}, "dy=0.6"),
        ({"cross_section": "rib"}, "characterised for strips"),
    ],
)
def test_tap_coupler_refusals_name_the_parameter(settings, words):
    with pytest.raises(ValueError, match=words):
        tap_coupler(**settings)


def test_monitor_photodiode_absorbs_and_reports_its_terminals():
    c = monitor_photodiode()
    assert c.info["terminal_roles"] == "NP"
    assert {p.name: p.port_type for p in c.ports} == {
        "o1": "optical",
        "e1": "electrical",
        "e2": "electrical",
    }
    sdict = MODELS["monitor_photodiode"](np.array([1.31]))
    assert list(sdict) == [("o1", "o1")]
    assert np.abs(sdict[("o1", "o1")][0]) ** 2 < 1e-3
    assert 0.85 < responsivity(1.31, c.settings["ge_length"]) < 0.95


def test_monitor_photodiode_refuses_a_too_narrow_germanium():
    with pytest.raises(ValueError, match="ge_width=2"):
        monitor_photodiode(ge_width=2.0)
