"""TDECQ by 802.3 121.8.5.3: ideal eye, closed-form noise, bandwidth trend, FFE, refusals."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.link.compliance import q_threshold, reference_receiver, tdecq
from lightlane.link.patterns import pam4_levels, ssprq
from lightlane.link.signals import (
    Waveform,
    apply_response,
    butterworth,
    periodic_bessel_thomson,
)

SPS = 16
OMA = 0.8  # mW
SYMBOLS = ssprq()


def _ideal(sps: int = SPS) -> Waveform:
    power = 0.5 + OMA / 2 * pam4_levels(SYMBOLS)
    return Waveform(np.repeat(power, sps), SYMBOLS, sps, 53.125, "mW")


# A reference receiver far wider than the signal: the eye at the decision point is ideal.
WIDE = reference_receiver(53.125, bandwidth_ghz=200.0)
# The closed form holds without an equaliser: on a noise-dominated eye the TDECQ search would
# trade a little ISI for averaged noise (taps spread out, C_eq < 1), as the clause allows.
WIDE_NO_FFE = reference_receiver(53.125, bandwidth_ghz=200.0, ffe_taps=1)


def test_q_threshold():
    assert q_threshold(4.8e-4) == pytest.approx(3.414, abs=5e-4)
    assert q_threshold(9.6e-3) < q_threshold(4.8e-4)


def test_ideal_eye_gives_zero():
    r = tdecq(_ideal(), WIDE)
    assert abs(r.tdecq_db) < 0.1
    assert r.oma_outer == pytest.approx(OMA, rel=1e-3)
    assert r.rlm == pytest.approx(1.0, abs=1e-3)
    assert r.ceq == pytest.approx(1.0, abs=0.01)


def test_rectangular_source_through_the_reference_receiver():
    # The 26.5625 GHz Bessel-Thomson leaves ISI that the 5-tap FFE nearly removes: ~0.37 dB.
    r = tdecq(_ideal())
    assert 0.2 < r.tdecq_db < 0.5
    assert r.ffe.sum() == pytest.approx(1.0, abs=1e-9)
    assert 0.4 < r.eye_centre_ui < 0.6 or r.eye_centre_ui < 0.1 or r.eye_centre_ui > 0.9


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.85])
def test_gaussian_noise_gives_the_closed_form(fraction):
    rng = np.random.default_rng(3)
    sigma_ideal = OMA / (6 * q_threshold(4.8e-4))
    wf = _ideal()
    white = rng.standard_normal(wf.samples.size)
    # The noise's RMS at the decision point, after the reference receiver's filter.
    after = periodic_bessel_thomson(wf.replace(white), WIDE.bandwidth_ghz).samples.std()
    scale = fraction * sigma_ideal / after
    noisy = wf.replace(wf.samples + scale * white)
    expected = -5 * np.log10(1 - fraction**2)
    assert tdecq(noisy, WIDE_NO_FFE).tdecq_db == pytest.approx(expected, abs=0.1)
    with_ffe = tdecq(noisy, WIDE).tdecq_db
    assert with_ffe <= expected + 0.1  # the search can only do better


def test_scope_noise_is_compensated():
    rx = reference_receiver(53.125, bandwidth_ghz=200.0, scope_noise_rms=0.01)
    r = tdecq(_ideal(), rx, np.random.default_rng(5))
    assert abs(r.tdecq_db) < 0.1


def test_bandwidth_sweep_is_monotone():
    values = [
        tdecq(apply_response(_ideal(), butterworth(bw, 2))).tdecq_db for bw in (16, 20, 26, 36, 50)
    ]
    assert all(a > b for a, b in zip(values, values[1:], strict=False)), values
    assert values[0] > values[-1] + 1.0


def test_ffe_reduces_tdecq_on_a_band_limited_signal():
    wf = apply_response(_ideal(), butterworth(20.0, 2))
    plain = tdecq(wf, reference_receiver(53.125, ffe_taps=1))
    equalised = tdecq(wf)
    assert equalised.tdecq_db < plain.tdecq_db - 0.5
    assert equalised.ceq > 1.0  # the FFE's peaking enhances noise
    assert equalised.tdecq_minus_ceq_db < equalised.tdecq_db


def test_field_and_power_agree_and_repeat():
    wf = apply_response(_ideal(), butterworth(30.0, 2))
    field = wf.replace(np.sqrt(wf.samples).astype(complex), "sqrt(mW)")
    a, b = tdecq(wf), tdecq(field)
    assert a.tdecq_db == pytest.approx(b.tdecq_db, abs=1e-9)
    assert tdecq(wf).tdecq_db == a.tdecq_db


def test_200g_reference_receiver():
    rx = reference_receiver(106.25)
    assert (rx.bandwidth_ghz, rx.ffe_taps) == (53.125, 15)
    power = 0.5 + OMA / 2 * pam4_levels(SYMBOLS)
    wf = Waveform(np.repeat(power, 8), SYMBOLS, 8, 106.25, "mW")
    r = tdecq(apply_response(wf, butterworth(45.0, 2)), rx)
    assert 0.0 < r.tdecq_db < 3.0 and r.ffe.size == 15


def test_refusals():
    with pytest.raises(ValueError, match="reference_receiver\\(53.125\\)"):
        tdecq(_ideal(), reference_receiver(106.25))
    with pytest.raises(ValueError, match="got 'V'"):
        tdecq(_ideal().replace(_ideal().samples, "V"))
    with pytest.raises(ValueError, match="ffe_taps=0 is outside 1..41"):
        reference_receiver(53.125, ffe_taps=0)
    with pytest.raises(ValueError, match="scope_noise_rms > 0 needs rng"):
        tdecq(_ideal(), reference_receiver(53.125, scope_noise_rms=0.01))
    flat = _ideal().replace(np.full(SYMBOLS.size * SPS, 0.5))
    with pytest.raises(ValueError, match="no PAM4 modulation"):
        tdecq(flat)
