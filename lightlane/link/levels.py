"""PAM4 level measurements from a pattern-locked waveform: timing, levels, outer OMA, ER, RLM.

- Delay: the lag that best aligns the waveform with the ideal held symbols (the peak of their
  circular cross-correlation), so that run centres and the symbol of each sampling instant are
  known.
- Levels: the mean of the central 2 UI of every run of at least ``run_min`` identical symbols,
  per level, as IEEE 802.3-2022 121.8.4 measures P0 and P3 for the outer OMA (there from the
  runs of PRBS13Q; SSPRQ has runs of up to 15 symbols).
- ``OMA_outer = P3 - P0``; outer extinction ratio ``10 log10(P3 / P0)`` (802.3 121.8.4,
  121.8.5.3).
- RLM (level mismatch ratio, 802.3 120D.3.1.2): ``V_mid = (V0 + V3) / 2``,
  ``ES1 = (V1 - V_mid) / (V0 - V_mid)``, ``ES2 = (V2 - V_mid) / (V3 - V_mid)``,
  ``R_LM = min(3 ES1, 3 ES2, 2 - 3 ES1, 2 - 3 ES2)``: 1 for equally spaced levels.
"""

from __future__ import annotations

import numpy as np

from lightlane.link._checks import require_int
from lightlane.link.patterns import pam4_levels
from lightlane.link.signals import Waveform

__all__ = [
    "delay_samples",
    "extinction_ratio_db",
    "level_means",
    "oma_outer",
    "rlm",
    "symbol_runs",
]


def _real(waveform: Waveform) -> np.ndarray:
    x = np.asarray(waveform.samples)
    if np.iscomplexobj(x):
        return np.abs(x) ** 2  # an optical field: its power
    return x


def delay_samples(waveform: Waveform) -> int:
    """Samples by which the waveform lags the ideal held symbols (0..n-1), by correlation.

    ``corr(q T + r) = sum_j a_j B_r[q + j]`` with ``B_r[u]`` the one-UI sum of the waveform from
    sample ``u T + r``: N-point FFTs at eight phases ``r`` find the lag to 1/8 UI, then the
    samples around it are compared directly.
    """
    x = _real(waveform)
    x = x.reshape(-1, x.shape[-1]).mean(axis=0) if x.ndim > 1 else x
    sps_ = waveform.samples_per_symbol
    a = pam4_levels(waveform.symbols)
    # A running sum over the period (wrapped by one UI) gives every one-UI sum by a difference.
    csum = np.zeros(x.size + sps_ + 1)
    np.cumsum(x, out=csum[1 : x.size + 1])
    csum[x.size + 1 :] = csum[x.size] + np.cumsum(x[:sps_])

    def sums(r: np.ndarray) -> np.ndarray:  # B_r for each phase r: (len(r), N)
        start = np.arange(a.size)[None, :] * sps_ + np.asarray(r)[:, None]
        return csum[start + sps_] - csum[start]

    step = max(1, sps_ // 8)
    phases = np.arange(0, sps_, step)
    spectra = np.fft.rfft(sums(phases), axis=-1)
    coarse = np.fft.irfft(np.conj(np.fft.rfft(a)) * spectra, n=a.size, axis=-1)
    r, q = np.unravel_index(np.argmax(coarse), coarse.shape)
    lags = np.mod(q * sps_ + phases[r] + np.arange(-step, step + 1), a.size * sps_)
    q_lag, r_lag = np.divmod(lags, sps_)
    fine = sums(r_lag)
    # einsum, not BLAS: threaded BLAS stalls on short products when the cores are busy.
    corr = [np.einsum("i,i->", np.roll(b, -qq), a) for b, qq in zip(fine, q_lag, strict=True)]
    return int(lags[int(np.argmax(corr))])


def symbol_runs(symbols: np.ndarray, run_min: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(start, length, level) of the cyclic runs of at least ``run_min`` identical symbols."""
    require_int("run_min", run_min, 1, 1000)
    s = np.asarray(symbols)
    change = np.nonzero(s != np.roll(s, 1))[0]
    if change.size == 0:
        raise ValueError("the pattern is one level throughout; it has no PAM4 levels to measure")
    lengths = (np.roll(change, -1) - change) % s.size
    lengths[lengths == 0] = s.size
    keep = lengths >= run_min
    return change[keep], lengths[keep], s[change[keep]]


def level_means(waveform: Waveform, run_min: int = 6, delay: int | None = None) -> np.ndarray:
    """Mean of the central 2 UI of the runs of at least ``run_min`` symbols, per level (4,).

    Batch axes of the waveform are averaged. ``delay`` (samples) defaults to
    :func:`delay_samples`.
    """
    sps_ = waveform.samples_per_symbol
    x = _real(waveform).reshape(-1, np.shape(waveform.samples)[-1]).mean(axis=0)
    lag = delay_samples(waveform) if delay is None else delay
    start, length, level = symbol_runs(waveform.symbols, max(run_min, 2))
    first = ((start + length / 2 - 1) * sps_).astype(int) + lag
    window = np.arange(2 * sps_)
    samples = x[(first[:, None] + window[None, :]) % x.size].mean(axis=1)
    means = np.full(4, np.nan)
    for v in range(4):  # four levels
        if np.any(level == v):
            means[v] = samples[level == v].mean()
    if np.isnan(means[[0, 3]]).any():
        raise ValueError(
            f"the pattern has no run of {run_min} or more outer symbols; lower run_min"
        )
    return means


def oma_outer(waveform: Waveform, run_min: int = 6) -> float:
    """Outer OMA ``P3 - P0`` in the waveform's unit (module docstring)."""
    means = level_means(waveform, run_min)
    return float(means[3] - means[0])


def extinction_ratio_db(waveform: Waveform, run_min: int = 6) -> float:
    """Outer extinction ratio ``10 log10(P3 / P0)`` in dB; inf when P0 <= 0."""
    means = level_means(waveform, run_min)
    return float(10 * np.log10(means[3] / means[0])) if means[0] > 0 else float("inf")


def rlm(levels: np.ndarray) -> float:
    """Level mismatch ratio R_LM of four level means V0..V3 (module docstring)."""
    v = np.asarray(levels, dtype=float)
    if v.shape != (4,) or not np.all(np.isfinite(v)) or v[3] == v[0]:
        raise ValueError(f"levels={levels!r} must be four finite means with V3 != V0")
    mid = (v[0] + v[3]) / 2
    es1 = (v[1] - mid) / (v[0] - mid)
    es2 = (v[2] - mid) / (v[3] - mid)
    return float(min(3 * es1, 3 * es2, 2 - 3 * es1, 2 - 3 * es2))
