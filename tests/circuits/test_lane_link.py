"""A lane's time-domain figures from its own devices (lightlane.circuits.lane_link)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from lightlane.circuits.lane_link import lane_eye, rx_sensitivity, tdecq_test_fibre, tx_lane
from lightlane.circuits.modulation import modulator_levels
from lightlane.circuits.standards import get_standard
from lightlane.cli import app
from lightlane.registry import get_pdk

STD = get_standard("800G-DR8")


@pytest.fixture(scope="module")
def mzm():
    pdk = get_pdk()
    pdk.activate()
    component = pdk.cells["mzm_traveling_wave"]()
    levels = modulator_levels("mzm_traveling_wave", component, 1.311, 3.0)
    figures, lane = tx_lane(STD, "mzm_traveling_wave", component, 1.311, levels, 3.0)
    return component, levels, figures, lane


def test_mzm_lane_reproduces_the_model_levels_and_a_plausible_tdecq(mzm):
    _, levels, figures, _ = mzm
    # The long-run outer levels are the model's static ones (the link's V_pi is fitted to them).
    static_er = 10 * math.log10(levels["t1"] / levels["t0"])
    assert figures["extinction_ratio_db"] == pytest.approx(static_er, abs=0.3)
    oma = 10 * math.log10(levels["t1"] - levels["t0"])
    assert figures["oma_outer_rel_db"] == pytest.approx(oma, abs=0.3)
    # A 41 GHz electrode and a 40 GHz driver at 53.125 GBd: an open eye, well below 3.4 dB.
    assert 0.3 < figures["tdecq_db"] < 2.5
    assert figures["tecq_db"] <= figures["tdecq_db"] + 0.05  # 500 m adds (almost) nothing
    assert 0.9 < figures["rlm"] <= 1.0


def test_less_modulation_depth_less_oma(mzm):
    component, levels, figures, _ = mzm
    low, _ = tx_lane(STD, "mzm_traveling_wave", component, 1.311, levels, 3.0, depth=0.9)
    assert low["oma_outer_rel_db"] < figures["oma_outer_rel_db"]
    assert low["extinction_ratio_db"] < figures["extinction_ratio_db"]


def test_ring_lane_has_its_photon_lifetime():
    pdk = get_pdk()
    pdk.activate()
    component = pdk.cells["ring_modulator"]()
    levels = modulator_levels("ring_modulator", component, 1.311, 3.0)
    figures, lane = tx_lane(STD, "ring_modulator", component, 1.311, levels, 3.0)
    q = lane.config.modulator.q_loaded
    assert figures["ring_photon_bandwidth_ghz"] == pytest.approx(
        299792458.0 / (2 * 1.311e-6 * q) / 1e9, rel=1e-3
    )
    assert figures["ring_rc_bandwidth_ghz"] > 10
    assert figures["tdecq_db"] > 0
    fwhm_pm = 1311.0 / q * 1e3
    swing = abs(lane.config.modulator.shift_pm_per_v) * 3.0 / fwhm_pm
    assert figures["ring_swing_per_linewidth"] == pytest.approx(swing, abs=1e-3)
    # a fixed detuning, in linewidths, overrides the one of largest static OMA
    fixed, lane = tx_lane(STD, "ring_modulator", component, 1.311, levels, 3.0, detuning_fwhm=-0.5)
    assert fixed["ring_detuning_pm"] == pytest.approx(-0.5 * fwhm_pm, abs=0.01)
    with pytest.raises(ValueError, match="detuning_fwhm"):
        tx_lane(STD, "ring_modulator", component, 1.311, levels, 3.0, detuning_fwhm=5.0)


def test_receiver_sensitivity_is_the_closed_form_plus_its_isi():
    rx = rx_sensitivity(STD, 1.311, 0.9)
    sigma = 15e-12 * math.sqrt(rx["noise_bandwidth_ghz"] * 1e9)
    ideal = 10 * math.log10(6 * rx["q_t"] * sigma / 0.9 * 1e3)
    assert rx["sensitivity_at_pd_dbm"] == pytest.approx(ideal + rx["isi_penalty_db"], abs=0.02)
    assert rx["noise_rms_ua"] == pytest.approx(sigma * 1e6, rel=1e-3)
    assert 0 <= rx["isi_penalty_db"] < 1.0


def test_tdecq_test_fibre_takes_the_larger_dispersion():
    fibre = tdecq_test_fibre(get_standard("400G-FR4"), 1271.0)
    assert fibre.length_km == 2.0 and fibre.attenuation_db_km == 0.0
    other = 1300.0 if fibre.zero_dispersion_nm == 1324.0 else 1324.0
    alt = type(fibre)(2.0, other, attenuation_db_km=0.0)
    assert abs(fibre.dispersion_ps_nm(1271.0)) >= abs(alt.dispersion_ps_nm(1271.0))


@pytest.mark.parametrize(("lane", "modulator"), [(0, "mzm"), (9, "mzm"), (1, "eam")])
def test_lane_eye_refuses_bad_arguments(lane, modulator):
    with pytest.raises(ValueError, match="lane=|modulator="):
        lane_eye(STD, lane, modulator)


def test_cli_eye_writes_the_three_files(tmp_path):
    out = tmp_path / "eye"
    result = CliRunner().invoke(app, ["eye", "400G-DR4", "--lane", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "TDECQ" in result.output
    figures = json.loads((out / "figures.json").read_text())
    assert figures["lane"] == 2 and figures["limit_clause"] == "124 Table 124-6"
    assert (out / "eye.png").read_bytes()[:4] == b"\x89PNG"
    with np.load(out / "waveform.npz") as data:
        assert data["power_mw"].size == data["symbols"].size * int(data["samples_per_symbol"])


@pytest.mark.parametrize("args", [["400G-DR4", "--lane", "5"], ["3.2T-DR16"]])
def test_cli_eye_bad_input_is_one_line_exit_2(tmp_path, args):
    out = tmp_path / "eye"
    result = CliRunner().invoke(app, ["eye", *args, "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("lightlane: error:")
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()
