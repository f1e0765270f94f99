"""Outer OMA, ER, RLM and delay from a synthetic waveform with known levels."""

from __future__ import annotations

import numpy as np
import pytest

from lightlane.link.levels import (
    delay_samples,
    extinction_ratio_db,
    level_means,
    oma_outer,
    rlm,
    symbol_runs,
)
from lightlane.link.patterns import ssprq
from lightlane.link.signals import Waveform, apply_response, butterworth

LEVELS = np.array([0.1, 0.35, 0.65, 0.9])  # mW: mismatched inner levels
SYMBOLS = ssprq()


def _waveform(sps: int = 16, roll: int = 0) -> Waveform:
    wf = Waveform(np.roll(np.repeat(LEVELS[SYMBOLS], sps), roll), SYMBOLS, sps, 53.125, "mW")
    return apply_response(wf, butterworth(40.0, 2))


def test_known_levels():
    wf = _waveform(roll=37)
    assert level_means(wf) == pytest.approx(LEVELS, abs=2e-3)
    assert oma_outer(wf) == pytest.approx(0.8, abs=2e-3)
    assert extinction_ratio_db(wf) == pytest.approx(10 * np.log10(9), abs=0.05)
    # V_mid = 0.5, ES1 = ES2 = 0.375: R_LM = min(1.125, 2 - 1.125) = 0.875.
    assert rlm(level_means(wf)) == pytest.approx(0.875, abs=0.01)
    assert rlm(np.array([-3.0, -1.0, 1.0, 3.0])) == pytest.approx(1.0)


def test_delay_is_recovered():
    sps = 16
    base = Waveform(np.repeat(LEVELS[SYMBOLS], sps), SYMBOLS, sps, 53.125, "mW")
    for roll in (0, 5, 77, 1000):
        wf = base.replace(np.roll(base.samples, roll))
        assert delay_samples(wf) == roll


def test_runs():
    start, length, level = symbol_runs(np.array([0, 0, 0, 1, 2, 2, 3, 0, 0]), 3)
    # Runs wrap: the last two zeros join the first three.
    assert (start.tolist(), length.tolist(), level.tolist()) == ([7], [5], [0])


def test_refusals():
    with pytest.raises(ValueError, match="V3 != V0"):
        rlm(np.array([1.0, 1.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match="lower run_min"):
        level_means(_waveform(), run_min=40)
    with pytest.raises(ValueError, match="run_min=0 is outside"):
        symbol_runs(SYMBOLS, 0)
