"""Patterns: SSPRQ and PRBS13Q against published symbol files, PRBS maximal length, Gray code."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from lightlane.link import patterns
from lightlane.link.patterns import (
    PRBS_TAPS,
    gray_symbols,
    pam4_levels,
    pattern,
    prbs13q,
    prbs31q,
    prbs_bits,
    ssprq,
)

# SHA-256 of the symbol indices 0..3 (uint8) of SignalIntegrity's SSPRQ.txt (levels -1, -1/3,
# 1/3, 1; github.com/Nubis-Communications/SignalIntegrity, SignalIntegrity/Lib/Prbs) and of the
# PRBS13Q pattern in PRBS13QWaveform.py there (its bits are stored pre-Gray-mapped).
SSPRQ_REFERENCE_SHA256 = "71c2f3e3904b10f330ff1f78d8b1be826eb42f13126de3c4a233255c25a2b512"
SSPRQ_REFERENCE_OFFSET = 4922  # the file starts 4922 symbols before the first section
PRBS13Q_REFERENCE_SHA256 = "5b366af02b6261c5f70c0250d0832586d22289da7c81a279a4a64c7a696b97c8"


def _digest(symbols: np.ndarray) -> str:
    return hashlib.sha256(np.asarray(symbols, dtype=np.uint8).tobytes()).hexdigest()


def test_ssprq_matches_the_published_pattern():
    s = ssprq()
    assert s.size == 2**16 - 1
    assert _digest(np.roll(s, SSPRQ_REFERENCE_OFFSET)) == SSPRQ_REFERENCE_SHA256


def test_ssprq_properties():
    s = ssprq()
    assert np.bincount(s).tolist() == [15215, 17553, 17552, 15215]
    assert abs(s.mean() - 1.5) < 1e-4  # the inverted blocks balance the mean level
    change = np.nonzero(s != np.roll(s, 1))[0]
    runs = (np.roll(change, -1) - change) % s.size
    assert runs.max() == 15  # the stress: long runs of one level
    assert 0.69 < np.mean(np.diff(s) != 0) < 0.71


def test_ssprq_sections_are_inverted_prbs31():
    s = ssprq().copy()
    for start, stop in patterns._SSPRQ_INVERTED_BLOCKS:
        s[start:stop] = 3 - s[start:stop]
    a = np.array([0, 0, 1, 1])[s]
    b = np.array([0, 1, 1, 0])[s]
    bits = np.stack([a, b], axis=1).ravel()[: 2**16 - 1]
    edges = np.cumsum([0] + [n for _, n in patterns._SSPRQ_SECTIONS])
    for (seed, n), first in zip(patterns._SSPRQ_SECTIONS, edges[:-1], strict=True):
        section = bits[first : first + n]
        assert np.array_equal(section, prbs_bits(31, n, seed, invert=True))
        k = np.arange(31, n)
        assert np.all(section[k] ^ section[k - 28] ^ section[k - 31] == 1)


def test_prbs13q_matches_the_published_pattern():
    q = prbs13q()
    assert q.size == 8191
    assert np.bincount(q).tolist() == [2047, 2048, 2048, 2048]
    assert _digest(q) == PRBS13Q_REFERENCE_SHA256


@pytest.mark.parametrize("order", sorted(o for o in PRBS_TAPS if o <= 15))
def test_prbs_is_maximal_length(order):
    period = 2**order - 1
    bits = prbs_bits(order, 2 * period + order)
    assert np.array_equal(bits[:period], bits[period : 2 * period])
    windows = np.lib.stride_tricks.sliding_window_view(bits[: period + order - 1], order)
    codes = windows @ (1 << np.arange(order))
    assert np.unique(codes).size == period  # every non-zero state once per period
    assert bits[:period].sum() == 2 ** (order - 1)


def test_gray_code_and_levels():
    assert gray_symbols(np.array([0, 0, 0, 1, 1, 1, 1, 0])).tolist() == [0, 1, 2, 3]
    assert pam4_levels(np.arange(4)).tolist() == pytest.approx([-1, -1 / 3, 1 / 3, 1])
    with pytest.raises(ValueError, match="even length"):
        gray_symbols(np.array([0, 1, 1]))
    with pytest.raises(ValueError, match="PAM4 symbols are 0..3"):
        pam4_levels(np.array([0, 4]))


def test_prbs31q_and_pattern():
    q = prbs31q(1000)
    assert np.array_equal(q, gray_symbols(prbs_bits(31, 2000, 0x7FFFFFFF)))
    assert pattern("prbs31q", 500).size == 500
    assert np.array_equal(pattern("ssprq", 70000)[65535:], ssprq()[: 70000 - 65535])
    assert pattern("prbs13q").size == 8191


def test_pattern_refusals():
    with pytest.raises(ValueError, match="order='8' is not valid"):
        prbs_bits(8, 10)
    with pytest.raises(ValueError, match="seed=0 is outside 1..8191"):
        prbs_bits(13, 10, seed=0)
    with pytest.raises(ValueError, match="name='prbs7' is not valid"):
        pattern("prbs7")
    with pytest.raises(ValueError, match="n_symbols=0"):
        prbs31q(0)
