"""Touchstone host channels: any .sNp read as scikit-rf reads it, and SDD21 of a four-port."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import skrf

from lightlane.link.lpo import HostChannel, LpoLane, simulate_lpo
from lightlane.link.touchstone import channel_transfer, read_touchstone


def _network(n: int, seed: int, points: int = 41) -> skrf.Network:
    rng = np.random.default_rng(seed)
    freq = skrf.Frequency(0.1, 60.0, points, unit="GHz")
    s = 0.4 * (rng.normal(size=(points, n, n)) + 1j * rng.normal(size=(points, n, n)))
    return skrf.Network(frequency=freq, s=s, z0=50.0, name=f"random{n}")


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("form", ["ri", "ma", "db"])
def test_any_port_count_and_format_reads_as_scikit_rf_reads_it(tmp_path, n, form):
    _network(n, seed=n).write_touchstone(str(tmp_path / "net"), form=form)
    path = next(tmp_path.glob("net.s*p"))
    freq, s, z0 = read_touchstone(path)
    theirs = skrf.Network(str(path))
    np.testing.assert_allclose(freq, theirs.f / 1e9, rtol=1e-12)
    np.testing.assert_allclose(s, theirs.s, atol=1e-8)
    assert z0 == 50.0


def test_a_four_ports_sdd21_is_scikit_rfs_mixed_mode_s21(tmp_path):
    net = _network(4, seed=7)
    net.write_touchstone(str(tmp_path / "pair"))
    freq, sdd21 = channel_transfer(tmp_path / "pair.s4p", pairing="12-34")
    mixed = net.copy()
    mixed.se2gmm(p=2)  # ports (1, 2) and (3, 4) form the differential ports d1, d2
    np.testing.assert_allclose(sdd21, mixed.s[:, 1, 0], atol=1e-8)
    renumbered = net.copy()
    renumbered.renumber([0, 1, 2, 3], [0, 2, 1, 3])  # 1, 3 in and 2, 4 out
    renumbered.write_touchstone(str(tmp_path / "other"))
    _, other = channel_transfer(tmp_path / "other.s4p", pairing="13-24")
    np.testing.assert_allclose(other, sdd21, atol=1e-8)


def _uncoupled_pair(tmp_path, s21: np.ndarray, freq_ghz: np.ndarray):
    """Two identical uncoupled lines 1-3 and 2-4: SDD21 equals each line's S21."""
    s = np.zeros((len(freq_ghz), 4, 4), complex)
    s[:, 2, 0] = s[:, 0, 2] = s[:, 3, 1] = s[:, 1, 3] = s21
    two_port = np.zeros((len(freq_ghz), 2, 2), complex)
    two_port[:, 1, 0] = two_port[:, 0, 1] = s21
    net = skrf.Network(frequency=skrf.Frequency.from_f(freq_ghz, unit="GHz"), s=s, z0=50)
    net.write_touchstone(str(tmp_path / "pair"))
    two = skrf.Network(frequency=net.frequency, s=two_port, z0=50)
    two.write_touchstone(str(tmp_path / "line"))
    return tmp_path / "pair.s4p", tmp_path / "line.s2p"


def test_a_differential_channel_drives_the_lpo_lane_as_its_single_line(tmp_path):
    freq = np.linspace(0.0, 80.0, 161)
    s21 = 10 ** (-0.25 * freq / 20) * np.exp(-2j * np.pi * freq * 0.05)
    pair, line = _uncoupled_pair(tmp_path, s21, freq)
    lane = LpoLane()
    pair_channel, line_channel = HostChannel(touchstone=pair), HostChannel(touchstone=line)
    via_pair = simulate_lpo(replace(lane, tx_channel=pair_channel, rx_channel=pair_channel), _rng())
    via_line = simulate_lpo(replace(lane, tx_channel=line_channel, rx_channel=line_channel), _rng())
    assert via_pair.pre_fec_ber == pytest.approx(via_line.pre_fec_ber, rel=1e-9)
    nyquist = lane.baud_gbd / 2
    assert via_line.host_loss_db == pytest.approx(0.25 * nyquist, abs=0.01)  # the file's loss
    assert via_pair.ctle_peaking_db == pytest.approx(0.25 * nyquist, abs=0.01)  # CTLE sized by it
    lossier = replace(lane, tx_channel=line_channel, rx_channel=line_channel, host_noise_mv=4.0)
    assert simulate_lpo(lossier, _rng()).pre_fec_ber > via_line.pre_fec_ber


def _rng() -> np.random.Generator:
    return np.random.default_rng(5)


def test_bad_files_are_refused_naming_what_is_wrong(tmp_path):
    z = tmp_path / "z.s2p"
    z.write_text("# GHz Z RI R 50\n1 1 0 0 0 0 0 1 0\n")
    with pytest.raises(ValueError, match="only S-parameters"):
        read_touchstone(z)
    back = tmp_path / "back.s1p"
    back.write_text("# GHz S RI R 50\n2 0.1 0\n1 0.1 0\n")
    with pytest.raises(ValueError, match="increase strictly"):
        read_touchstone(back)
    three = tmp_path / "three.s3p"
    _network(3, seed=1).write_touchstone(str(tmp_path / "three"))
    with pytest.raises(ValueError, match="2-port or a 4-port"):
        channel_transfer(three)
    with pytest.raises(ValueError, match="no such file"):
        HostChannel(touchstone=tmp_path / "missing.s4p")
    with pytest.raises(ValueError, match="pairing="):
        HostChannel(pairing="14-23")
    text = tmp_path / "text.s2p"
    text.write_text("# GHz S RI R 50\n1 0 0 one 0 0 0 0 0\n")
    with pytest.raises(ValueError, match="not a Touchstone data line"):
        read_touchstone(text)
