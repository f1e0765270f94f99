"""The LPO host-to-host lane: channel shape, Touchstone input, THD, BER against host loss."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from lightlane.link.lpo import (
    LPO_LIMITS,
    HostChannel,
    LinearStage,
    LpoLane,
    simulate_lpo,
    sweep_host_loss,
    thd,
)
from lightlane.link.touchstone import channel_transfer


def test_the_parametric_channel_has_its_loss_at_nyquist():
    h = HostChannel(12.0).response(26.5625)
    assert 20 * np.log10(abs(h(np.array([26.5625]))[0])) == pytest.approx(-12.0, abs=0.05)
    assert abs(h(np.array([1e-3]))[0]) == pytest.approx(1.0, abs=5e-3)  # sqrt(f) at 1 MHz


def test_a_touchstone_channel_is_read_and_used(tmp_path):
    freq = np.linspace(0.0, 60.0, 61)
    s21_db = -0.3 * freq
    lines = ["! test channel", "# GHz S DB R 50"]
    lines += [
        f"{f:g} -40 0 {d:g} {-10 * f:g} {d:g} {-10 * f:g} -40 0"
        for f, d in zip(freq, s21_db, strict=True)
    ]
    path = tmp_path / "channel.s2p"
    path.write_text("\n".join(lines) + "\n")
    f, s21 = channel_transfer(path)
    np.testing.assert_allclose(f, freq)
    np.testing.assert_allclose(20 * np.log10(np.abs(s21)), s21_db, atol=1e-9)
    h = HostChannel(touchstone=path).response(26.5625)
    assert 20 * np.log10(abs(h(np.array([20.0]))[0])) == pytest.approx(-6.0, abs=1e-6)
    bad = tmp_path / "bad.s2p"
    bad.write_text("# GHz S DB R 50\n1 2 3\n")
    with pytest.raises(ValueError, match="2-port frequency points"):
        channel_transfer(bad)


def test_thd_of_a_linear_modulator_is_the_drivers():
    """Power linear in voltage: the optical THD is the driver's compression alone."""
    swing = 2.0

    def linear(v, rate=None):
        return np.sqrt(0.5 + np.asarray(v) / (2 * swing))

    lane = LpoLane(modulator=linear, driver_swing_vppd=swing, driver=LinearStage(60.0, 2.0, 0.0))
    assert thd(lane) == pytest.approx(2.0 / (1 - 3 * 0.02), rel=0.02)
    clean = replace(lane, driver=LinearStage(60.0, 0.0, 0.0))
    assert thd(clean) < 1e-6


def test_ber_rises_with_host_loss_and_noise_costs_loss():
    quiet = sweep_host_loss(LpoLane(), [4.0, 12.0, 20.0, 28.0])
    assert np.all(np.diff(np.log10(np.maximum(quiet["pre_fec_ber"], 1e-300))) > 0)
    assert quiet["fec_threshold"] == LPO_LIMITS["pre_fec_ber_max"] == 2.4e-4
    noisy = sweep_host_loss(replace(LpoLane(), host_noise_mv=6.0), [4.0, 12.0, 20.0, 28.0])
    assert quiet["largest_host_loss_db"] > noisy["largest_host_loss_db"]


def test_the_default_lane_is_linear_enough_and_closes_a_10_db_host():
    result = simulate_lpo(LpoLane(), np.random.default_rng(0))
    assert result.rlm >= 0.95 and result.pre_fec_ber < 2.4e-4 and result.ok
    deep_lane = replace(LpoLane(), driver_swing_vppd=3.0, driver=LinearStage(60.0, 1.0, 2.0))
    deep = simulate_lpo(deep_lane, np.random.default_rng(0))
    assert deep.rlm < 0.95, "3 Vppd on a 9.7 V MZM through a 1 % THD driver compresses"


@pytest.mark.parametrize(
    ("make", "words"),
    [(lambda: HostChannel(50.0), ["loss_db", "40"]),
     (lambda: LpoLane(host_ffe=(1.0, 0.0)), ["host_ffe"]),
     (lambda: LinearStage(thd_percent=30.0), ["thd_percent"]),
     (lambda: sweep_host_loss(LpoLane(), [3.0]), ["losses_db"]),
     (lambda: simulate_lpo(LpoLane(), 0), ["rng"])],
)  # fmt: skip
def test_bad_lpo_inputs_are_refused_by_name(make, words):
    with pytest.raises(ValueError) as err:
        make()
    assert all(w in str(err.value) for w in words)
