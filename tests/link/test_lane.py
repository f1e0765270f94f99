"""Receiver decisions, a lane end to end, its outputs and the MZM integration point."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib.figure import Figure

from lightlane.link import (
    Driver,
    Fibre,
    Laser,
    LinkConfig,
    MzmTransfer,
    Photodiode,
    Tia,
    Waveform,
    apply_response,
    butterworth,
    eye_figure,
    eye_histogram,
    first_order,
    mzm_lane,
    pam4_ber,
    pam4_levels,
    prbs13q,
    simulate_lane,
    write_lane,
)
from lightlane.link.ber import _gaussian_ser

SYMBOLS = prbs13q()
SPS = 16


def test_gaussian_ser_matches_counted_errors():
    rng = np.random.default_rng(7)
    sigma = 0.1  # levels 2/3 apart: SER = 1.5 * 2 Q(1/3 / sigma) = 1.3e-3 per symbol
    z = np.tile(pam4_levels(SYMBOLS), 40) + sigma * rng.standard_normal(SYMBOLS.size * 40)
    symbols = np.tile(SYMBOLS, 40).astype(np.intp)
    ser, mu, _, th = _gaussian_ser(z, symbols)
    counted = np.mean(np.searchsorted(th, z) != symbols)
    assert ser == pytest.approx(counted, rel=0.1)
    assert mu == pytest.approx([-1, -1 / 3, 1 / 3, 1], abs=0.01)


def test_ffe_and_dfe_lower_the_ser_of_a_band_limited_eye():
    wf = Waveform(np.repeat(pam4_levels(SYMBOLS), SPS), SYMBOLS, SPS, 53.125, "V")
    slow = apply_response(wf, butterworth(16.0, 2))
    noisy = slow.replace(
        slow.samples + 0.05 * np.random.default_rng(8).standard_normal(slow.samples.size)
    )
    plain, ffe = pam4_ber(noisy), pam4_ber(noisy, ffe_taps=5)
    both = pam4_ber(noisy, ffe_taps=5, dfe_taps=1)
    assert ffe.ser < plain.ser / 10
    assert both.ser <= ffe.ser
    assert both.ber == pytest.approx(both.ser / 2)


def _config(**changes) -> LinkConfig:
    base = dict(
        samples_per_symbol=SPS,
        pattern="prbs13q",
        driver=Driver(swing_vppd=3.0, bandwidth_ghz=45.0, noise_rms_mv=5.0),
        modulator=MzmTransfer(v_pi_v=8.0, insertion_loss_db=3.0),
        eo_response=first_order(45.0),
        laser=Laser(power_dbm=13.0, rin_db_per_hz=-145.0),
        photodiode=Photodiode(),
        tia=Tia(),
    )
    return LinkConfig(**(base | changes))


def test_lane_end_to_end(tmp_path):
    lane = simulate_lane(_config(fibre=Fibre(length_km=2.0)), np.random.default_rng(1))
    figures = lane.figures()
    assert 0.0 < figures["tecq_db"] <= figures["tdecq_db"] + 0.05 < 6.0
    assert figures["extinction_ratio_db"] > 3.0 and 0.9 < figures["rlm"] <= 1.0
    assert lane.ber is not None and lane.ber.ser < 1e-3
    again = simulate_lane(_config(fibre=Fibre(length_km=2.0)), np.random.default_rng(1))
    assert again.figures() == figures  # deterministic for a given seed
    paths = write_lane(tmp_path / "lane", lane, "test lane")
    assert json.loads(paths["figures"].read_text())["tdecq_db"] == pytest.approx(
        figures["tdecq_db"]
    )
    data = np.load(paths["waveform"])
    assert data["power_mw"].size == SYMBOLS.size * SPS and int(data["samples_per_symbol"]) == SPS
    assert paths["eye"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in (tmp_path / "lane").iterdir()) == [
        "eye.png",
        "figures.json",
        "waveform.npz",
    ]


def test_eye_histogram_and_figure():
    lane = simulate_lane(_config(photodiode=None, tia=None), np.random.default_rng(2))
    hist = eye_histogram(lane.tdecq.equalised, lane.tdecq.eye_centre_ui, delay=lane.tdecq.delay)
    assert hist.counts.sum() == SYMBOLS.size * SPS
    assert hist.counts.shape == (2 * SPS, 160)
    fig = eye_figure(lane.tdecq, "eye")
    assert isinstance(fig, Figure) and len(fig.axes) == 1


def test_mzm_lane_oma_follows_the_quadrature_formula():
    lane = mzm_lane(
        v_pi_v=8.0,
        vpp_v=3.0,
        eo_response=None,
        rin_db_per_hz=None,
        laser_power_dbm=10.0,
        samples_per_symbol=SPS,
    )
    expected = 10.0 * np.sin(np.pi * 3.0 / (2 * 8.0))  # P_max = laser power at quadrature
    assert lane.tdecq.oma_outer == pytest.approx(expected, rel=0.01)
    slow = mzm_lane(
        v_pi_v=8.0,
        vpp_v=3.0,
        eo_response=first_order(25.0),
        rin_db_per_hz=None,
        samples_per_symbol=SPS,
    )
    assert slow.tdecq.tdecq_db > lane.tdecq.tdecq_db + 0.3


def test_config_refusals():
    with pytest.raises(ValueError, match="both photodiode and tia"):
        _config(tia=None)
    with pytest.raises(ValueError, match="pattern='prbs9' is not valid"):
        _config(pattern="prbs9")
    with pytest.raises(ValueError, match="must be a numpy Generator"):
        simulate_lane(_config(), 1)
