"""The link budget against hand arithmetic, and failing lanes reported as failing."""

from __future__ import annotations

import math

import pytest

from lightlane.circuits.budget import (
    RxInputs,
    TxInputs,
    default_tx_inputs,
    lane_budget,
    modulation_factors,
    splitter_loss_db,
)
from lightlane.circuits.standards import get_standard


def test_splitter_and_modulation_closed_forms():
    assert splitter_loss_db(8) == pytest.approx(9.0309 + 0.9, abs=1e-4)
    assert splitter_loss_db(1) == 0.0
    s, er = modulation_factors(v_pi=4.0, vpp=2.0)  # sin(pi/4)
    assert s == pytest.approx(math.sqrt(0.5)) and er == pytest.approx((1 + s) / (1 - s))
    with pytest.raises(ValueError, match="vpp=5"):
        modulation_factors(v_pi=4.0, vpp=5.0)


def test_dr8_lane_by_hand():
    std = get_standard("1.6T-DR8")
    tx = TxInputs(laser_dbm=20.0, lanes_per_laser=8, v_pi=4.0, vpp=2.0, tdecq_db=2.0)
    b = lane_budget(std, 3, tx, RxInputs())
    p_max = 20 - 1.5 - (10 * math.log10(8) + 0.9) - 3.5  # = 5.069 dBm
    tx_oma = p_max + 10 * math.log10(math.sin(math.pi / 4)) - 0 - 1.5  # = 2.064 dBm
    rx_oma = tx_oma - 3.0 - 1.5 - 1.0  # = -3.436 dBm
    assert b.figures["modulator_peak_dbm"] == pytest.approx(p_max)
    assert b.figures["tx_oma_dbm"] == pytest.approx(tx_oma)
    assert b.figures["rx_oma_dbm"] == pytest.approx(rx_oma)
    assert b.figures["rx_margin_db"] == pytest.approx(rx_oma + 4.4)
    assert b.figures["photocurrent_oma_ua"] == pytest.approx(0.9 * 10 ** (rx_oma / 10) * 1e3)
    assert b.figures["er_db"] == pytest.approx(10 * math.log10((1 + 0.7071068) / (1 - 0.7071068)))
    assert b.passed and b.failures() == [] and b.wavelength_nm == 1311.0
    names = [c["name"] for c in b.to_dict()["checks"]]
    assert names == ["tx_oma_min", "tx_oma_max", "er_min", "tdecq_max", "rx_sensitivity"]


def test_failing_lanes_are_reported_as_failing():
    std = get_standard("400G-DR4")
    weak = lane_budget(std, 0, TxInputs(laser_dbm=10.0, lanes_per_laser=4))
    assert not weak.passed
    assert {"tx_oma_min", "rx_sensitivity"} <= set(weak.failures())
    assert weak.to_dict()["passed"] is False
    hot = lane_budget(std, 0, TxInputs(laser_dbm=30.0, lanes_per_laser=4))
    assert "tx_oma_max" in hot.failures() and "rx_sensitivity" not in hot.failures()
    soft = lane_budget(std, 0, TxInputs(laser_dbm=20.0, lanes_per_laser=4, vpp=0.5))
    assert "er_min" in soft.failures()


def test_fr_lane_checks_oma_minus_tdecq_and_uses_the_mux():
    std = get_standard("800G-FR4")
    tx = default_tx_inputs(std, mux_db=1.8, tdecq_db=3.0)
    assert tx.lanes_per_laser == 1 and tx.laser_dbm == 13.0
    b = lane_budget(std, 2, tx, RxInputs(demux_db=1.8))
    check = {c.name: c for c in b.checks}["oma_minus_tdecq"]
    assert check.value == pytest.approx(b.figures["tx_oma_dbm"] - 3.0)
    assert "tx_oma_min" not in {c.name for c in b.checks}
    assert b.wavelength_nm == 1311.0
    with pytest.raises(ValueError, match="lane=4"):
        lane_budget(std, 4, tx)
