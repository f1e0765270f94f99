"""TDECQ, TECQ and SECQ by the method of IEEE 802.3-2022 121.8.5.3, vectorised over the pattern.

The method, step by step (``tdecq``):

1. The optical power waveform (one SSPRQ period, pattern-locked) passes the reference receiver:
   a fourth-order Bessel-Thomson low-pass of 3 dB bandwidth ``f_r`` (121.8.5.1; half the symbol
   rate: 26.5625 GHz at 53.125 GBd). Scope noise ``sigma_S`` may be added (it is compensated in
   step 6, as the clause's ``sigma_S`` term does for a real O/E and oscilloscope).
2. ``P_ave`` is the mean power, ``OMA_outer = P3 - P0`` from the central 2 UI of the long runs
   (121.8.4, :mod:`lightlane.link.levels`). The three decision thresholds sit at ``P_ave`` and
   ``P_ave +- OMA_outer / 3``.
3. The eye's time centre is half a UI after the mean crossing time of the transitions that cross
   ``P_ave``; two histogram windows, each 0.04 UI wide, are centred 0.05 UI before and after it.
4. The reference equaliser is a T-spaced FFE (5 taps at 53.125 GBd, 121.8.5.4) whose taps sum to
   1, optimised to minimise TDECQ (started from the constrained least-squares solution at the
   eye centre, for the main tap at the two positions of least squared error, then refined by a
   bounded Nelder-Mead search on TDECQ itself).
5. In each window, the SER for added Gaussian noise ``sigma`` is the blind histogram formula of
   the clause: each sample contributes ``Q(d / sigma)`` for each threshold adjacent to it (one
   for the outer regions, two for the inner ones), ``d`` its distance to that threshold; the
   ``sigma`` at which the SER equals the target (4.8e-4) is solved for; the worse (smaller) of
   the two windows' values is kept. With the equaliser's noise enhancement ``C_eq`` (the ratio
   of RMS noise after and before the FFE for noise shaped by the reference receiver, 802.3cd's
   addition to the clause), ``sigma_G = sigma / C_eq`` is the noise the receiver could tolerate
   at the equaliser's input.
6. ``TDECQ = 10 log10(OMA_outer / (6 Q_t sqrt(sigma_G^2 + sigma_S^2)))`` with
   ``Q_t`` such that ``1.5 Q(Q_t) = SER_target`` (the mean number of adjacent thresholds of the
   four levels is 1.5): ``Q_t = 3.414`` at 4.8e-4. An ideal eye gives 0 dB.

TECQ (added to the SMF PMD tables by 802.3cd and 802.3cu) is the same measurement of the
transmitter without the test fibre, and SECQ (121.8.9) the same measurement of the stressed
receiver's conformance test signal: both are :func:`tdecq` of the corresponding waveform. The
window positions, the crossing-based centre and the blind SER formula are as the clause
describes them; the FFE's search is this package's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from math import inf

import numpy as np
from scipy import optimize, special

from lightlane.link._checks import require_int, require_range
from lightlane.link.levels import delay_samples, level_means, rlm
from lightlane.link.signals import (
    Waveform,
    bessel_thomson,
    periodic_bessel_thomson,
    t_spaced_ffe,
    white_noise,
)

__all__ = ["ReferenceReceiver", "TdecqResult", "q_threshold", "reference_receiver", "tdecq"]

_BINS = 512


def q_threshold(target_ser: float) -> float:
    """``Q_t`` with ``1.5 Q(Q_t) = SER`` (Q the Gaussian tail): 3.414 at 4.8e-4."""
    require_range("target_ser", target_ser, 1e-12, 0.1)
    return float(special.ndtri(1 - target_ser / 1.5))


@dataclass(frozen=True)
class ReferenceReceiver:
    """The TDECQ reference receiver and equaliser.

    Attributes:
        baud_gbd: symbol rate in GBd.
        bandwidth_ghz: Bessel-Thomson 3-dB bandwidth in GHz (802.3: half the symbol rate).
        ffe_taps: number of T-spaced FFE taps, 1..41 (1: no equaliser).
        target_ser: reference SER, 1e-12..0.1 (802.3 121.8.5.3: 4.8e-4).
        window_ui: width of each histogram window in UI, 0.001..0.2.
        window_offset_ui: distance of each window's centre from the eye centre in UI, 0..0.3.
        scope_noise_rms: sigma_S in the waveform's power unit (mW), added and compensated.
        noise_enhancement: include the equaliser's noise enhancement C_eq.
    """

    baud_gbd: float = 53.125
    bandwidth_ghz: float = 26.5625
    ffe_taps: int = 5
    target_ser: float = 4.8e-4
    window_ui: float = 0.04
    window_offset_ui: float = 0.05
    scope_noise_rms: float = 0.0
    noise_enhancement: bool = True

    def __post_init__(self):
        require_range("baud_gbd", self.baud_gbd, 1.0, 500.0, "GBd")
        require_range("bandwidth_ghz", self.bandwidth_ghz, 0.5, 1000.0, "GHz")
        require_int("ffe_taps", self.ffe_taps, 1, 41)
        require_range("target_ser", self.target_ser, 1e-12, 0.1)
        require_range("window_ui", self.window_ui, 0.001, 0.2, "UI")
        require_range("window_offset_ui", self.window_offset_ui, 0.0, 0.3, "UI")
        require_range("scope_noise_rms", self.scope_noise_rms, 0.0, np.inf)

    @property
    def q_t(self) -> float:
        return q_threshold(self.target_ser)


def reference_receiver(baud_gbd: float, ffe_taps: int | None = None, **settings):
    """The reference receiver at ``baud_gbd``: bandwidth half the symbol rate; 5 FFE taps up to
    60 GBd (802.3 121.8.5.4) and 15 above, as proposed for the 200G-per-lane PMDs of 802.3dj
    (clause 180; check the tap count against the approved text). ``settings`` override."""
    require_range("baud_gbd", baud_gbd, 1.0, 500.0, "GBd")
    taps = ffe_taps if ffe_taps is not None else (5 if baud_gbd <= 60 else 15)
    return ReferenceReceiver(
        **{"baud_gbd": baud_gbd, "bandwidth_ghz": baud_gbd / 2, "ffe_taps": taps, **settings}
    )


@dataclass(frozen=True)
class TdecqResult:
    """TDECQ and the figures measured with it (powers in the waveform's unit, mW)."""

    tdecq_db: float
    oma_outer: float
    p_ave: float
    extinction_ratio_db: float
    rlm: float
    levels: np.ndarray
    thresholds: np.ndarray
    sigma_g: float
    sigma_windows: tuple[float, float]
    ceq: float
    q_t: float
    ffe: np.ndarray
    ffe_main: int
    eye_centre_ui: float
    delay: int
    windows_ui: tuple[tuple[float, float], tuple[float, float]]
    equalised: Waveform

    @property
    def tdecq_minus_ceq_db(self) -> float:
        """``TDECQ - 10 log10(C_eq)``, the quantity the 802.3cd/cu transmitter tables limit."""
        return self.tdecq_db - 10 * np.log10(self.ceq)


def _crossing_centre(y: np.ndarray, symbols: np.ndarray, sps_: int, lag: int, p_ave: float):
    """Eye centre (samples from symbol 0's start, with ``lag``) from crossings of ``p_ave``."""
    s = np.asarray(symbols)
    prev = np.roll(s, 1)
    across = ((prev <= 1) & (s >= 2)) | ((prev >= 2) & (s <= 1))
    boundary = np.nonzero(across)[0] * sps_ + lag
    offsets = np.arange(-sps_ // 2, sps_ // 2 + 1)
    seg = y[(boundary[:, None] + offsets[None, :]) % y.size] - p_ave
    flips = np.signbit(seg[:, :-1]) != np.signbit(seg[:, 1:])
    dist = np.where(flips, np.abs(offsets[:-1] + 0.5), np.inf)
    i = np.argmin(dist, axis=1)
    ok = np.isfinite(dist[np.arange(i.size), i])
    a, b = seg[ok, i[ok]], seg[ok, i[ok] + 1]
    t = offsets[i[ok]] + a / (a - b)
    return lag + float(np.mean(t)) + sps_ / 2 if t.size else lag + sps_ / 2


def _sample(y: np.ndarray, times: np.ndarray, n_symbols: int, sps_: int) -> np.ndarray:
    """``y`` at ``times + k T`` for every symbol k (linear interpolation): (len(times), N)."""
    t = times[:, None] + np.arange(n_symbols)[None, :] * sps_
    i = np.floor(t).astype(int)
    w = t - i
    return y[i % y.size] * (1 - w) + y[(i + 1) % y.size] * w


class _Eye:
    """The window samples of one waveform, with the thresholds: TDECQ as a function of taps."""

    def __init__(self, y, symbols, sps_, rx: ReferenceReceiver, centre, lag, thresholds, oma):
        self.rx, self.thresholds, self.oma, self.n = rx, thresholds, oma, len(symbols)
        times = [
            self._window(centre + side * rx.window_offset_ui * sps_, rx.window_ui * sps_)
            for side in (-1, 1)
        ]
        # Symbol j's sample is the instant nearest its centre after the chain's delay.
        self.k0 = int(np.round((centre - sps_ / 2 - lag) / sps_))
        self.windows = [_sample(y, t, self.n, sps_) for t in times]  # two (k, N)
        self.centre_seq = _sample(y, np.array([centre]), self.n, sps_)[0]

    @staticmethod
    def _window(middle: float, width: float) -> np.ndarray:
        """The sample instants inside a window (the nearest one when it holds none): samples
        as a scope takes them, not interpolated, which would average away part of the noise."""
        inside = np.arange(np.ceil(middle - width / 2), np.floor(middle + width / 2) + 1)
        return inside if inside.size else np.array([np.round(middle)])

    def shifted(self, seq: np.ndarray, n_taps: int, main: int) -> np.ndarray:
        """``seq`` delayed for each tap: (n_taps, ...), so that the FFE is one contraction."""
        # float32 halves the memory traffic of the FFE search; its precision (1e-7) is ample.
        out = np.empty((n_taps, *seq.shape), dtype=np.float32)
        for m in range(n_taps):  # a handful of taps: one shifted copy each
            out[m] = np.roll(seq, m - main - self.k0, axis=-1)
        return out

    def sigma(self, samples: np.ndarray) -> float:
        """Gaussian sigma at which the blind SER of ``samples`` equals the target."""
        # Bins span P_ave +- OMA (outliers join the end bins); each bin keeps its samples' mean,
        # so a histogram of a few exact levels loses nothing.
        lo, width = self.thresholds[1] - self.oma, 2 * self.oma / _BINS
        idx = ((samples - lo) * (1 / width)).astype(np.intp)
        np.clip(idx, 0, _BINS - 1, out=idx)
        counts = np.bincount(idx, minlength=_BINS).astype(float)
        sums = np.bincount(idx, weights=samples, minlength=_BINS)
        used = counts > 0
        y, h = sums[used] / counts[used], counts[used] / samples.size
        th = self.thresholds
        region = np.searchsorted(th, y)  # 0..3
        below = np.where(region > 0, y - th[np.maximum(region - 1, 0)], np.inf)
        above = np.where(region < 3, th[np.minimum(region, 2)] - y, np.inf)
        target = self.rx.target_ser

        def excess(log_sigma):
            s = np.exp(log_sigma)
            ser = np.sum(h * (special.ndtr(-below / s) + special.ndtr(-above / s)))
            return np.log(max(ser, 1e-300)) - np.log(target)

        a, b = np.log(self.oma * 1e-6), np.log(self.oma * 2.0)
        if excess(a) >= 0:  # samples sit on a threshold: the eye is closed
            return float(np.exp(a))
        return float(np.exp(optimize.brentq(excess, a, b, xtol=1e-5)))

    def stacks(self, n_taps: int, main: int) -> list[np.ndarray]:
        """Each window's samples delayed for every tap (:meth:`shifted`)."""
        return [self.shifted(w, n_taps, main) for w in self.windows]

    def sigmas(self, taps: np.ndarray | None = None, stacks: list | None = None):
        """Per-window sigma after the FFE ``taps`` on ``stacks`` (None: the windows as taken)."""
        if taps is None:
            return tuple(self.sigma(w.ravel()) for w in self.windows)
        # einsum, not BLAS: threaded BLAS stalls on these thin products on a busy machine.
        t32 = taps.astype(np.float32)
        return tuple(self.sigma(np.einsum("m,m...->...", t32, st).ravel()) for st in stacks)


@cache
def _noise_correlation(bandwidth_ghz: float, baud_gbd: float, n_taps: int) -> np.ndarray:
    """Correlation matrix, at T-spaced lags, of white noise through the Bessel-Thomson filter."""
    f = np.linspace(0.0, 20 * bandwidth_ghz, 20001)
    power = np.abs(bessel_thomson(bandwidth_ghz)(f)) ** 2
    lags = np.arange(n_taps)
    phase = 2 * np.pi * f[None, :] * lags[:, None] / baud_gbd
    r = np.trapezoid(power[None, :] * np.cos(phase), f, axis=1)
    r = r / r[0]
    return r[np.abs(lags[:, None] - lags[None, :])]


def _ceq(taps: np.ndarray, rx: ReferenceReceiver, enabled: bool) -> float:
    """RMS gain of the FFE for white noise shaped by the reference receiver (C_eq)."""
    if not enabled or taps.size == 1:
        return 1.0
    gram = _noise_correlation(rx.bandwidth_ghz, rx.baud_gbd, taps.size)
    return float(np.sqrt(taps @ gram @ taps))


def _least_squares(eye: _Eye, target: np.ndarray, n_taps: int, main: int):
    """Taps minimising the squared error to the ideal levels at the centre, with sum 1, and
    that error."""
    cols = eye.shifted(eye.centre_seq, n_taps, main).T.astype(float)
    # einsum, not BLAS: threaded BLAS stalls on these thin products on a busy machine.
    gram = np.einsum("km,kn->mn", cols, cols)
    rhs = np.einsum("km,k->m", cols, target)
    ones = np.ones(n_taps)
    kkt = np.block([[gram, ones[:, None]], [ones[None, :], np.zeros((1, 1))]])
    taps = np.linalg.solve(kkt, np.concatenate([rhs, [1.0]]))[:n_taps]
    error = np.einsum("km,m->k", cols, taps) - target
    return taps, float(np.mean(error**2))


def _optimise(eye: _Eye, rx: ReferenceReceiver, target: np.ndarray):
    n = rx.ffe_taps
    if n == 1:
        return np.ones(1), 0

    def tdecq_of(taps, stacks):
        sigma = min(eye.sigmas(taps, stacks)) / _ceq(taps, rx, rx.noise_enhancement)
        return -np.log(sigma)

    # The main tap's position: the two of least squared error are tried on TDECQ itself.
    fits = sorted(((*_least_squares(eye, target, n, m), m) for m in range(n)), key=lambda f: f[1])
    trials = [(taps, main, eye.stacks(n, main)) for taps, _, main in fits[:2]]
    taps, main, stacks = min(trials, key=lambda t: tdecq_of(t[0], t[2]))
    free = np.delete(np.arange(n), main)

    def objective(x):
        c = np.empty(n)
        c[free] = x
        c[main] = 1 - x.sum()
        return tdecq_of(c, stacks)

    # A bounded refinement: past ~100 evaluations the gain is below 0.01 dB (15 taps, tried).
    res = optimize.minimize(
        objective,
        taps[free],
        method="Nelder-Mead",
        options={"xatol": 1e-3, "fatol": 1e-4, "maxfev": min(20 * n, 120), "adaptive": n > 5},
    )
    best = np.empty(n)
    best[free] = res.x
    best[main] = 1 - res.x.sum()
    return (best, main) if res.fun <= tdecq_of(taps, stacks) else (taps, main)


def tdecq(
    waveform: Waveform,
    receiver: ReferenceReceiver | None = None,
    rng: np.random.Generator | None = None,
) -> TdecqResult:
    """TDECQ of an optical waveform (power in mW or field in sqrt(mW)) by 802.3 121.8.5.3.

    Args:
        waveform: one pattern period (SSPRQ for compliance) at the receiver's symbol rate.
        receiver: the reference receiver (default: :func:`reference_receiver` at the
            waveform's rate).
        rng: numpy Generator, needed when the receiver adds scope noise.
    """
    rx = receiver or reference_receiver(waveform.baud_gbd)
    if abs(waveform.baud_gbd - rx.baud_gbd) > 1e-9 * rx.baud_gbd:
        raise ValueError(
            f"the waveform runs at {waveform.baud_gbd:g} GBd but the reference receiver at "
            f"{rx.baud_gbd:g} GBd; use reference_receiver({waveform.baud_gbd:g})"
        )
    if waveform.unit not in ("mW", "sqrt(mW)"):
        raise ValueError(
            f"tdecq needs optical power (mW) or field (sqrt(mW)), got {waveform.unit!r}"
        )
    power = np.abs(waveform.samples) ** 2 if waveform.unit == "sqrt(mW)" else waveform.samples
    if np.ndim(power) != 1:
        raise ValueError(f"tdecq takes one waveform (1-D samples), got shape {np.shape(power)}")
    wf = periodic_bessel_thomson(waveform.replace(np.asarray(power, float), "mW"), rx.bandwidth_ghz)
    if rx.scope_noise_rms > 0:
        if rng is None:
            raise ValueError("scope_noise_rms > 0 needs rng, a numpy Generator")
        wf = wf.replace(wf.samples + white_noise(rng, wf.samples.shape, rx.scope_noise_rms))
    y, sps_ = wf.samples, wf.samples_per_symbol
    lag = delay_samples(wf)
    levels = level_means(wf, delay=lag)
    oma = float(levels[3] - levels[0])
    if not oma > 0:
        raise ValueError(f"the outer OMA is {oma:g} mW; the waveform carries no PAM4 modulation")
    p_ave = float(np.mean(y))
    thresholds = p_ave + np.array([-1.0, 0.0, 1.0]) * oma / 3
    centre = _crossing_centre(y, wf.symbols, sps_, lag, p_ave)
    eye = _Eye(y, wf.symbols, sps_, rx, centre, lag, thresholds, oma)
    ideal = p_ave + (2.0 * np.asarray(wf.symbols) - 3.0) * oma / 6
    taps, main = _optimise(eye, rx, ideal)
    eq = t_spaced_ffe(y, taps, main + eye.k0, sps_)
    sig = eye.sigmas(taps, eye.stacks(taps.size, main))
    ceq = _ceq(taps, rx, rx.noise_enhancement)
    sigma_g = min(sig) / ceq
    value = 10 * np.log10(oma / (6 * rx.q_t * np.hypot(sigma_g, rx.scope_noise_rms)))
    centre_ui = (centre - lag) / sps_ % 1.0
    windows = tuple(
        (
            centre_ui + side * rx.window_offset_ui - rx.window_ui / 2,
            centre_ui + side * rx.window_offset_ui + rx.window_ui / 2,
        )
        for side in (-1, 1)
    )
    return TdecqResult(
        tdecq_db=float(value),
        oma_outer=oma,
        p_ave=p_ave,
        extinction_ratio_db=float(10 * np.log10(levels[3] / levels[0])) if levels[0] > 0 else inf,
        rlm=rlm(levels),
        levels=levels,
        thresholds=thresholds,
        sigma_g=float(sigma_g),
        sigma_windows=(float(sig[0]), float(sig[1])),
        ceq=ceq,
        q_t=rx.q_t,
        ffe=taps,
        ffe_main=int(main),
        eye_centre_ui=float(centre_ui),
        delay=int(lag),
        windows_ui=windows,
        equalised=wf.replace(eq),
    )
