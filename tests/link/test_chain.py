"""Transmitter, modulators, fibre and receiver against closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.link.fibre import Fibre, dispersion_extremes_ps_nm, dispersion_ps_nm_km, propagate
from lightlane.link.modulators import MzmTransfer, RingTransfer, StaticTransfer, linear_recurrence
from lightlane.link.patterns import prbs13q
from lightlane.link.receiver import Q_E, Photodiode, Tia, detect
from lightlane.link.signals import Waveform, first_order, from_db
from lightlane.link.transmitter import Driver, Laser, drive, transmit

SYMBOLS = prbs13q()
SPS = 16


def test_linear_recurrence_matches_a_loop():
    rng = np.random.default_rng(1)
    for decay in (0.01, 3.0):  # one block, and many blocks (the state crosses block edges)
        g = np.exp(-decay + 1j * rng.uniform(-1, 1, 500))
        u = rng.standard_normal(500) + 1j * rng.standard_normal(500)
        x, expected = 0.3 + 0.1j, []
        for gi, ui in zip(g, u, strict=True):
            x = gi * x + ui
            expected.append(x)
        assert np.allclose(linear_recurrence(g, u, 0.3 + 0.1j), expected, rtol=1e-9, atol=1e-12)


def test_mzm_quadrature_oma():
    v_pi, vpp = 8.0, 3.0
    mzm = MzmTransfer(v_pi)
    power = np.abs(mzm(np.array([-vpp / 2, 0.0, vpp / 2]))) ** 2
    assert power[1] == pytest.approx(0.5, abs=1e-6)
    assert power[2] - power[0] == pytest.approx(np.sin(np.pi * vpp / (2 * v_pi)), rel=1e-5)
    swing = np.abs(MzmTransfer(v_pi, extinction_db=20.0)(np.array([-v_pi / 2, v_pi / 2]))) ** 2
    assert swing[1] / swing[0] == pytest.approx(100.0, rel=1e-6)


def test_driver_swing_and_pre_emphasis():
    v = drive(SYMBOLS, Driver(swing_vppd=2.0, bandwidth_ghz=None), SPS, 53.125).samples
    assert (v.min(), v.max()) == pytest.approx((-1.0, 1.0))
    emphasised = Driver(swing_vppd=2.0, bandwidth_ghz=None, ffe_taps=(-0.2, 1.0), ffe_main=1)
    v = drive(SYMBOLS, emphasised, SPS, 53.125).samples
    assert np.max(np.abs(v)) == pytest.approx(1.0)  # peak swing kept, low frequencies cut
    with pytest.raises(ValueError, match="ffe_main=2 is outside 0..1"):
        Driver(ffe_taps=(1.0, 0.1), ffe_main=2)


def test_ring_steady_state_and_photon_lifetime():
    ring = RingTransfer(q_loaded=5000.0, q_intrinsic=10000.0, detuning_pm=0.0)
    rate = 53.125 * SPS
    held = ring(np.full(4096, 0.7), rate)
    assert np.allclose(held, ring.steady_state(0.7), atol=1e-9)
    assert abs(ring.steady_state(0.0)) < 1e-9  # critical coupling on resonance
    # Field pole at c / (2 lambda Q_L): a small detuning tone there is 3 dB down on a slow one.
    assert ring.field_bandwidth_ghz == pytest.approx(299792458 / (1311e-9 * 5000) / 2e9)
    t = np.arange(2**16) / rate
    response = []
    for f in (ring.field_bandwidth_ghz / 50, ring.field_bandwidth_ghz):
        f = round(f * t.size / rate) * rate / t.size  # a whole number of periods
        out = ring(1e-3 * np.sin(2 * np.pi * f * t), rate)
        response.append(np.abs(np.fft.fft(out)[round(f * t.size / rate)]))
    assert response[1] / response[0] == pytest.approx(2**-0.5, rel=0.02)


def test_transmit_power_and_rin():
    laser = Laser(power_dbm=10.0, rin_db_per_hz=-140.0)
    field = transmit(
        SYMBOLS,
        Driver(bandwidth_ghz=None),
        StaticTransfer(lambda v: v * 0 + 1),
        laser,
        samples_per_symbol=SPS,
        rng=np.random.default_rng(2),
    )
    power = np.abs(field.samples) ** 2
    assert power.mean() == pytest.approx(10.0, rel=1e-3)
    expected = 10 ** (-14.0) * field.sample_rate_ghz * 1e9 / 2
    assert np.var(power / 10.0) == pytest.approx(expected, rel=0.03)
    with pytest.raises(ValueError, match="needs rng"):
        transmit(SYMBOLS, Driver(), MzmTransfer(8.0), laser)


def test_transmit_with_a_db_response():
    h = from_db(lambda f: 20 * np.log10(np.abs(first_order(40.0)(f))))
    field = transmit(
        SYMBOLS,
        Driver(bandwidth_ghz=None),
        MzmTransfer(8.0),
        Laser(rin_db_per_hz=None),
        eo_response=h,
        samples_per_symbol=SPS,
    )
    assert field.unit == "sqrt(mW)" and np.all(np.isfinite(field.samples))


def test_dispersion_formula():
    assert dispersion_ps_nm_km(1324.0, 1324.0) == pytest.approx(0.0)
    assert dispersion_ps_nm_km(1271.0, 1324.0) == pytest.approx(
        0.093 / 4 * (1271 - 1324**4 / 1271**3)
    )
    low, high = dispersion_extremes_ps_nm(1271.0, 2.0)
    assert low < high < 0  # below both zero-dispersion wavelengths
    with pytest.raises(ValueError, match="holds 1200..1700"):
        dispersion_ps_nm_km(1100.0)


def test_gaussian_pulse_broadening():
    rate, n = 2000.0, 2**14  # GHz, samples
    t = (np.arange(n) - n / 2) / rate  # ns
    t0 = 5e-3  # ns
    symbols = np.zeros(n // 8, dtype=np.int8)
    pulse = Waveform(
        np.exp(-(t**2) / (2 * t0**2)).astype(complex), symbols, 8, rate / 8, "sqrt(mW)"
    )
    fibre = Fibre(length_km=10.0, zero_dispersion_nm=1300.0, attenuation_db_km=0.0)
    out = propagate(pulse, fibre, 1550.0)
    beta2_l = -fibre.dispersion_ps_nm(1550.0) * 1e-3 * (1550e-9) ** 2 / (2 * np.pi * 299792458)
    width = lambda p: np.sqrt(np.sum(t**2 * p) / np.sum(p))  # noqa: E731
    ratio = width(np.abs(out.samples) ** 2) / width(np.abs(pulse.samples) ** 2)
    assert ratio == pytest.approx(np.sqrt(1 + (beta2_l / (t0 * 1e-9) ** 2) ** 2), rel=1e-3)
    assert np.sum(np.abs(out.samples) ** 2) == pytest.approx(np.sum(np.abs(pulse.samples) ** 2))


def test_shot_and_tia_noise():
    power = Waveform(np.full(SYMBOLS.size * SPS, 1.0), SYMBOLS, SPS, 53.125, "mW")
    pd = Photodiode(responsivity_a_w=1.0, bandwidth_ghz=None, dark_current_na=0.0)
    rng = np.random.default_rng(4)
    current = detect(
        power, pd, Tia(bandwidth_ghz=None, noise_density_pa_rthz=0.0, gain_ohm=1.0), rng
    ).samples
    band = power.sample_rate_ghz * 1e9 / 2
    assert current.mean() == pytest.approx(1e-3, rel=1e-4)
    assert current.var() == pytest.approx(2 * Q_E * 1e-3 * band, rel=0.03)
    quiet = Photodiode(bandwidth_ghz=None, shot_noise=False)
    v = detect(power, quiet, Tia(bandwidth_ghz=None, noise_density_pa_rthz=20.0), rng).samples
    assert v.var() == pytest.approx((20e-12 * 1000.0) ** 2 * band, rel=0.03)
    with pytest.raises(ValueError, match="needs rng"):
        detect(power, Photodiode(), Tia())
