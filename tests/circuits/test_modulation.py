"""The modulators' outer levels at their operating points, against the closed forms."""

from __future__ import annotations

import math

import pytest

from lightlane.circuits.modulation import modulator_levels
from lightlane.models import geometry_of
from lightlane.models.mzm import mzm_vpi
from lightlane.registry import get_pdk


@pytest.mark.parametrize("vpp", [1.0, 3.0])
def test_mzm_levels_follow_the_quadrature_formula(vpp):
    # Push-pull at quadrature, OMA = P_max sin(pi Vpp / (2 V_pi)), Vpp differential (cos^2 MZM).
    mzm = get_pdk().cells["mzm_traveling_wave"]()
    levels = modulator_levels("mzm_traveling_wave", mzm, 1.311, vpp)
    depth = (levels["t1"] - levels["t0"]) / (levels["t1"] + levels["t0"])
    expected = math.sin(math.pi * vpp / (2 * mzm_vpi(geometry_of(mzm))))
    assert depth == pytest.approx(expected, rel=0.03)
    assert levels["t1"] + levels["t0"] == pytest.approx(levels["t_default"], rel=0.05)


def test_ring_levels_sit_on_the_resonance_slope():
    ring = get_pdk().cells["ring_modulator"]()
    levels = modulator_levels("ring_modulator", ring, 1.311, 2.0)
    assert 0 <= levels["t0"] < levels["t1"] <= 1
    assert levels["heater_power_mw"] > 0  # detuned onto the slope, not left where it was
    assert 10 * math.log10(levels["t1"] / levels["t0"]) > 1.0
