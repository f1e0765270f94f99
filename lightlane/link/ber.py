"""PAM4 decisions and error-rate estimates at the receiver, with optional FFE and DFE.

``pam4_ber`` samples the received waveform once per symbol at each phase of the UI, equalises
the samples (a T-spaced FFE and a DFE fitted together by least squares to the ideal levels,
with a constant), and keeps the phase of lowest estimated SER. The DFE subtracts the known
previous symbols (decisions assumed right: no error propagation). Per level ``i`` the samples'
mean ``mu_i`` and standard deviation ``sigma_i`` give the Gaussian estimate

``SER = sum_i p_i [Q((mu_i - t_(i-1)) / sigma_i) + Q((t_i - mu_i) / sigma_i)]``

with the thresholds ``t`` midway between adjacent means (one term for the outer levels), and
``BER = SER / 2``: with Gray coding an error to a neighbouring level costs one of the two bits
(IEEE 802.3-2022 120.5.7.1). The counted SER (decisions against the pattern) is reported next to
it; it resolves only rates above about ``1 / n_symbols``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from lightlane.link._checks import require_int
from lightlane.link.levels import delay_samples
from lightlane.link.patterns import pam4_levels
from lightlane.link.signals import Waveform

__all__ = ["BerResult", "pam4_ber"]


@dataclass(frozen=True)
class BerResult:
    """Receiver decision figures; levels, sigmas and thresholds on the equalised scale, where the
    ideal levels are -1, -1/3, 1/3 and 1."""

    ser: float
    ber: float
    ser_counted: float
    phase_ui: float
    levels: np.ndarray
    sigmas: np.ndarray
    thresholds: np.ndarray
    ffe: np.ndarray
    dfe: np.ndarray


def _gaussian_ser(z: np.ndarray, symbols: np.ndarray):
    mu = np.array([z[symbols == v].mean() for v in range(4)])
    sd = np.array([z[symbols == v].std() for v in range(4)])
    p = np.bincount(symbols, minlength=4) / symbols.size
    th = (mu[1:] + mu[:-1]) / 2
    sd = np.maximum(sd, 1e-30 * max(1.0, float(np.ptp(mu))))
    low = np.concatenate([[np.inf], (mu[1:] - th) / sd[1:]])
    high = np.concatenate([(th - mu[:-1]) / sd[:-1], [np.inf]])
    ser = float(np.sum(p * (special.ndtr(-low) + special.ndtr(-high))))
    if np.any(np.diff(mu) <= 0):
        ser = 1.0  # levels out of order: the eye is closed
    return ser, mu, sd, th


def pam4_ber(
    waveform: Waveform,
    ffe_taps: int = 1,
    ffe_precursors: int | None = None,
    dfe_taps: int = 0,
) -> BerResult:
    """Decision figures of a received PAM4 waveform (module docstring).

    Args:
        waveform: one pattern period (any real unit: V, A or mW).
        ffe_taps: T-spaced FFE taps, 1..41.
        ffe_precursors: taps ahead of the main one (default: one when there are three or more).
        dfe_taps: DFE taps, 0..16.
    """
    require_int("ffe_taps", ffe_taps, 1, 41)
    pre = ffe_precursors if ffe_precursors is not None else (1 if ffe_taps >= 3 else 0)
    require_int("ffe_precursors", pre, 0, ffe_taps - 1)
    require_int("dfe_taps", dfe_taps, 0, 16)
    y = np.asarray(waveform.samples)
    if np.iscomplexobj(y) or y.ndim != 1:
        raise ValueError("pam4_ber takes one real waveform (1-D samples: V, A or mW)")
    symbols = np.asarray(waveform.symbols).astype(np.intp)
    sps_, n = waveform.samples_per_symbol, y.size
    lag = delay_samples(waveform)
    ideal = pam4_levels(symbols)
    known = [np.roll(ideal, d) for d in range(1, dfe_taps + 1)]
    best = None
    for offset in range(sps_):  # every sampling phase of the UI: a few dozen small fits
        seq = y[(np.arange(symbols.size) * sps_ + lag + offset) % n]
        cols = [np.roll(seq, m - pre) for m in range(ffe_taps)] + known + [np.ones_like(seq)]
        a = np.stack(cols, axis=1)
        # Normal equations with einsum: threaded BLAS stalls on thin products on busy cores.
        w = np.linalg.solve(np.einsum("km,kn->mn", a, a), np.einsum("km,k->m", a, ideal))
        z = np.einsum("km,m->k", a, w)
        ser, mu, sd, th = _gaussian_ser(z, symbols)
        if best is None or ser < best[0]:
            counted = float(np.mean(np.searchsorted(th, z) != symbols))
            best = (ser, offset, mu, sd, th, w, counted)
    ser, offset, mu, sd, th, w, counted = best
    return BerResult(
        ser=ser,
        ber=ser / 2,
        ser_counted=counted,
        phase_ui=((lag + offset) / sps_) % 1.0,
        levels=mu,
        sigmas=sd,
        thresholds=th,
        ffe=w[:ffe_taps],
        dfe=-w[ffe_taps : ffe_taps + dfe_taps],
    )
