"""Waveforms and linear filtering: one period of a pattern-locked signal, filtered in frequency.

A :class:`Waveform` holds one period of a repeating test pattern (as a pattern-locked sampling
scope averages it): ``n_symbols * samples_per_symbol`` samples, symbol ``i`` occupying samples
``i * sps .. (i + 1) * sps - 1``. Because the pattern repeats, every linear filter is a circular
convolution, applied exactly by FFT; leading batch axes broadcast.

Frequency responses are given as ``H(freq_ghz) -> complex`` callables (or arrays on the
waveform's own frequency grid). A real signal is filtered on the ``rfft`` grid (``f >= 0``); a
complex optical field on the signed ``fft`` grid. :func:`bessel_thomson` is the reference
receiver of IEEE 802.3-2022 121.8.5.1 (fourth order, 3 dB at ``f_r``); :func:`from_db` turns a
magnitude-only response in dB (such as an EO S21) into a causal minimum-phase one by the
real-cepstrum construction (Oppenheim and Schafer, "Discrete-Time Signal Processing", 3rd ed.,
sec. 13.5).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import signal as sps

from lightlane.link._checks import require_array, require_choice, require_int, require_range

__all__ = [
    "Response",
    "Waveform",
    "apply_response",
    "bessel_thomson",
    "butterworth",
    "first_order",
    "frequency_grid_ghz",
    "from_db",
    "periodic_bessel_thomson",
    "t_spaced_ffe",
    "white_noise",
]

Response = Callable[[np.ndarray], np.ndarray] | np.ndarray | None

UNITS = ("V", "A", "mW", "sqrt(mW)")


@dataclass(frozen=True)
class Waveform:
    """One period of a pattern-locked waveform.

    Attributes:
        samples: ``(..., n_symbols * samples_per_symbol)``; real (V, A or mW) or complex (an
            optical field in sqrt(mW), so that ``|E|^2`` is the power in mW).
        symbols: the ``n_symbols`` transmitted PAM4 symbols 0..3.
        samples_per_symbol: samples per unit interval, 2..256.
        baud_gbd: symbol rate in GBd.
        unit: one of ``V``, ``A``, ``mW``, ``sqrt(mW)``.
    """

    samples: np.ndarray
    symbols: np.ndarray
    samples_per_symbol: int
    baud_gbd: float
    unit: str

    def __post_init__(self):
        require_int("samples_per_symbol", self.samples_per_symbol, 2, 256)
        require_range("baud_gbd", self.baud_gbd, 1.0, 500.0, "GBd")
        require_choice("unit", self.unit, UNITS)
        symbols = require_array("symbols", self.symbols, min_size=8)
        samples = require_array("samples", self.samples, min_size=16)
        expected = symbols.size * self.samples_per_symbol
        if samples.shape[-1] != expected:
            raise ValueError(
                f"samples has {samples.shape[-1]} samples per period; {symbols.size} symbols at "
                f"{self.samples_per_symbol} samples per symbol need {expected}"
            )

    @property
    def n_symbols(self) -> int:
        return int(np.asarray(self.symbols).size)

    @property
    def sample_rate_ghz(self) -> float:
        return self.baud_gbd * self.samples_per_symbol

    @property
    def time_ps(self) -> np.ndarray:
        """Sample times in ps, from 0 at the start of symbol 0."""
        return np.arange(np.shape(self.samples)[-1]) * (1e3 / self.sample_rate_ghz)

    def replace(self, samples: np.ndarray, unit: str | None = None) -> Waveform:
        """The same pattern and timing with new samples (and unit)."""
        return dataclasses.replace(self, samples=samples, unit=unit or self.unit)


def frequency_grid_ghz(n_samples: int, sample_rate_ghz: float, *, full: bool = False) -> np.ndarray:
    """The ``rfft`` grid (``full=False``, f >= 0) or signed ``fft`` grid of ``n_samples``."""
    d = 1.0 / sample_rate_ghz
    return np.fft.fftfreq(n_samples, d) if full else np.fft.rfftfreq(n_samples, d)


def _evaluate(response: Response, freq_ghz: np.ndarray) -> np.ndarray:
    if callable(response):
        h = np.asarray(response(freq_ghz), dtype=complex)
    else:
        h = np.asarray(response, dtype=complex)
    if h.shape[-1] != freq_ghz.size:
        raise ValueError(
            f"the response has {h.shape[-1]} points; the waveform's grid has {freq_ghz.size}"
        )
    if not np.all(np.isfinite(h)):
        raise ValueError("the response has non-finite values on the waveform's frequency grid")
    return h


def apply_response(waveform: Waveform, response: Response) -> Waveform:
    """``waveform`` filtered by ``response`` (None: unchanged), circularly over one period."""
    if response is None:
        return waveform
    x = np.asarray(waveform.samples)
    n = x.shape[-1]
    if np.iscomplexobj(x):
        h = _evaluate(response, frequency_grid_ghz(n, waveform.sample_rate_ghz, full=True))
        return waveform.replace(np.fft.ifft(np.fft.fft(x, axis=-1) * h, axis=-1))
    h = _evaluate(response, frequency_grid_ghz(n, waveform.sample_rate_ghz))
    return waveform.replace(np.fft.irfft(np.fft.rfft(x, axis=-1) * h, n=n, axis=-1))


@dataclass(frozen=True)
class _Analog:
    """An analog filter ``b(s) / a(s)`` (s in rad/ns) as a callable of frequency in GHz."""

    b: tuple[float, ...]
    a: tuple[float, ...]

    def __call__(self, freq_ghz: np.ndarray) -> np.ndarray:
        s = 2j * np.pi * np.asarray(freq_ghz, dtype=float)
        return np.polyval(self.b, s) / np.polyval(self.a, s)


def bessel_thomson(f3db_ghz: float, order: int = 4) -> Callable[[np.ndarray], np.ndarray]:
    """Bessel-Thomson low-pass, 3 dB at ``f3db_ghz`` (802.3 121.8.5.1: fourth order at f_r).

    Its delay is flat in the passband (``scipy.signal.bessel`` with ``norm='mag'``).
    """
    require_range("f3db_ghz", f3db_ghz, 0.1, 2000.0, "GHz")
    require_int("order", order, 1, 8)
    b, a = sps.bessel(order, 2 * np.pi * f3db_ghz, analog=True, norm="mag")
    return _Analog(tuple(np.atleast_1d(b)), tuple(a))


def periodic_bessel_thomson(waveform: Waveform, f3db_ghz: float, order: int = 4) -> Waveform:
    """:func:`bessel_thomson` as a recursive digital filter (bilinear, pre-warped at ``f3db``),
    run over the period after a warm-up on its end: the periodic steady state in O(n), for the
    long waveforms of a TDECQ measurement (within 0.2 % of the analog response below 4 f3db at
    32 samples per symbol)."""
    require_range("f3db_ghz", f3db_ghz, 0.1, waveform.sample_rate_ghz / 4, "GHz")
    require_int("order", order, 1, 8)
    x = np.asarray(waveform.samples, dtype=float)
    sos = sps.bessel(order, f3db_ghz, norm="mag", fs=waveform.sample_rate_ghz, output="sos")
    # The filter forgets in a few / f3db; 64 UI (at least 16 / f3db) of warm-up is ample.
    warm = min(
        x.shape[-1],
        max(64 * waveform.samples_per_symbol, int(16 * waveform.sample_rate_ghz / f3db_ghz)),
    )
    y = sps.sosfilt(sos, np.concatenate([x[..., -warm:], x], axis=-1), axis=-1)
    return waveform.replace(y[..., warm:])


def butterworth(f3db_ghz: float, order: int = 2) -> Callable[[np.ndarray], np.ndarray]:
    """Butterworth low-pass of ``order``, 3 dB at ``f3db_ghz`` (maximally flat magnitude)."""
    require_range("f3db_ghz", f3db_ghz, 0.1, 2000.0, "GHz")
    require_int("order", order, 1, 8)
    b, a = sps.butter(order, 2 * np.pi * f3db_ghz, analog=True)
    return _Analog(tuple(np.atleast_1d(b)), tuple(a))


def first_order(f3db_ghz: float) -> Callable[[np.ndarray], np.ndarray]:
    """Single-pole low-pass ``1 / (1 + j f / f3db)`` (an RC, or a field decay at ``f3db``)."""
    require_range("f3db_ghz", f3db_ghz, 0.1, 2000.0, "GHz")
    return _Analog((2 * np.pi * f3db_ghz,), (1.0, 2 * np.pi * f3db_ghz))


@dataclass(frozen=True)
class _FromDb:
    response_db: Callable[[np.ndarray], np.ndarray]
    phase: str
    floor_db: float
    n_grid: int

    def __call__(self, freq_ghz: np.ndarray) -> np.ndarray:
        f = np.asarray(freq_ghz, dtype=float)
        top = float(np.max(np.abs(f)))
        if top == 0:
            return np.ones_like(f, dtype=complex)
        grid = np.linspace(0.0, top, self.n_grid + 1)
        asked = grid.copy()
        asked[0] = grid[1] * 1e-3  # device models are often singular exactly at DC
        db = np.maximum(np.asarray(self.response_db(asked), dtype=float), self.floor_db)
        db = db - db[0]  # normalised to 1 at DC: the chain's gains are set elsewhere
        if self.phase == "zero":
            phase = np.zeros_like(grid)
        else:
            # Minimum phase from the real cepstrum of log|H| on the even extension of the grid.
            log_mag = db * (np.log(10) / 20)
            cep = np.fft.irfft(log_mag)
            m = cep.size
            fold = np.zeros(m)
            fold[0], fold[m // 2] = cep[0], cep[m // 2]
            fold[1 : m // 2] = 2 * cep[1 : m // 2]
            phase = np.imag(np.fft.rfft(fold))
        mag_db = np.interp(np.abs(f), grid, db)
        ph = np.interp(np.abs(f), grid, phase) * np.sign(f)  # H(-f) = conj(H(f))
        return 10 ** (mag_db / 20) * np.exp(1j * ph)


def from_db(
    response_db: Callable[[np.ndarray], np.ndarray],
    phase: str = "minimum",
    floor_db: float = -120.0,
    n_grid: int = 4096,
) -> Callable[[np.ndarray], np.ndarray]:
    """A complex response from a magnitude-only one in dB (20 log10 |H|), normalised at DC.

    Args:
        response_db: ``freq_ghz -> dB`` (e.g. :func:`lightlane.models.mzm.mzm_eo_response`
            with the cell's settings bound by ``functools.partial``).
        phase: ``"minimum"`` (causal, the phase a lumped or matched line would have) or
            ``"zero"`` (magnitude only, acausal ringing).
        floor_db: the magnitude is clipped below this level (log of zero is undefined).
        n_grid: points from DC to the highest frequency asked for, where ``response_db`` is
            evaluated; the result is interpolated onto the waveform's grid.
    """
    if not callable(response_db):
        raise ValueError(f"response_db={response_db!r} must be a callable freq_ghz -> dB")
    require_choice("phase", phase, ("minimum", "zero"))
    require_range("floor_db", floor_db, -300.0, -20.0, "dB")
    require_int("n_grid", n_grid, 64, 1 << 20)
    return _FromDb(response_db, phase, float(floor_db), n_grid)


def white_noise(rng: np.random.Generator, shape: tuple[int, ...], rms: float) -> np.ndarray:
    """Gaussian white noise of standard deviation ``rms`` from the caller's generator."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng={rng!r} must be a numpy Generator (np.random.default_rng(seed)); the link never "
            "draws from global random state"
        )
    require_range("rms", rms, 0.0, np.inf)
    return rng.standard_normal(shape) * rms if rms > 0 else np.zeros(shape)


def t_spaced_ffe(samples: np.ndarray, taps: np.ndarray, main: int, sps_: int) -> np.ndarray:
    """``y(t) = sum_m taps[m] x(t - (m - main) T)``: a symbol-spaced FFE on a whole waveform."""
    taps = np.asarray(taps, dtype=float)
    out = np.zeros_like(np.asarray(samples, dtype=float))
    for m, c in enumerate(taps):  # a handful of taps: one shifted copy each
        out += c * np.roll(samples, (m - main) * sps_, axis=-1)
    return out
