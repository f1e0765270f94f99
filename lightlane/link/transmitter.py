"""Transmitter chain: symbols -> driver -> EO response -> modulator -> laser field with RIN.

``transmit`` returns the optical field (sqrt(mW)) of one pattern period:

1. :class:`Driver`: PAM4 levels (optionally pre-emphasised by a symbol-spaced FFE whose taps are
   normalised to ``sum |c| = 1``, so the peak swing stays ``Vpp`` as in a swing-limited driver),
   held for each symbol, low-passed at the driver's bandwidth and given additive Gaussian noise
   of a stated RMS at its output; outer levels at ``+-Vpp/2`` (differential volts).
2. The modulator's electrical response ``H(f)`` (for the MZM the loaded-line EO response, for a
   ring its RC) filters the voltage; then the modulator's own transfer
   (:mod:`lightlane.link.modulators`) turns it into a field transmission.
3. :class:`Laser`: CW field ``sqrt(P (1 + r(t)))`` with relative intensity noise ``r`` white at
   ``RIN`` (dB/Hz, one-sided) over the simulation's band, so that its variance is
   ``10^(RIN/10) f_s / 2``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.link._checks import require_array, require_int, require_range
from lightlane.link.patterns import pam4_levels
from lightlane.link.signals import Response, Waveform, apply_response, butterworth, white_noise

__all__ = ["Driver", "Laser", "drive", "transmit"]


@dataclass(frozen=True)
class Driver:
    """Modulator driver.

    Attributes:
        swing_vppd: outer-level peak-to-peak differential swing in V, 0.01..20.
        bandwidth_ghz: 3-dB bandwidth in GHz (Butterworth of ``order``), None for none.
        order: order of the driver's low-pass, 1..8.
        noise_rms_mv: RMS Gaussian noise at the driver output in mV, 0..1000.
        ffe_taps: symbol-spaced pre-emphasis taps (normalised to ``sum |c| = 1``).
        ffe_main: index of the main tap in ``ffe_taps``.
        bias_v: DC voltage added to the swing in V, -20..20 (a ring's reverse bias).
    """

    swing_vppd: float = 3.0
    bandwidth_ghz: float | None = 60.0
    order: int = 2
    noise_rms_mv: float = 0.0
    ffe_taps: tuple[float, ...] = (1.0,)
    ffe_main: int = 0
    bias_v: float = 0.0

    def __post_init__(self):
        require_range("swing_vppd", self.swing_vppd, 0.01, 20.0, "V")
        if self.bandwidth_ghz is not None:
            require_range("bandwidth_ghz", self.bandwidth_ghz, 1.0, 1000.0, "GHz")
        require_int("order", self.order, 1, 8)
        require_range("noise_rms_mv", self.noise_rms_mv, 0.0, 1000.0, "mV")
        taps = require_array("ffe_taps", self.ffe_taps)
        if taps.ndim != 1 or taps.size > 32 or not np.any(taps):
            raise ValueError(
                f"ffe_taps={self.ffe_taps!r} must be 1 to 32 taps, not all zero; e.g. (1.0,)"
            )
        require_int("ffe_main", self.ffe_main, 0, taps.size - 1)
        require_range("bias_v", self.bias_v, -20.0, 20.0, "V")


@dataclass(frozen=True)
class Laser:
    """CW laser.

    Attributes:
        power_dbm: optical power in dBm, -20..30.
        rin_db_per_hz: relative intensity noise in dB/Hz, -200..-100 (None: noiseless).
        wavelength_nm: wavelength in nm, 1200..1700.
    """

    power_dbm: float = 13.0
    rin_db_per_hz: float | None = -150.0
    wavelength_nm: float = 1311.0

    def __post_init__(self):
        require_range("power_dbm", self.power_dbm, -20.0, 30.0, "dBm")
        if self.rin_db_per_hz is not None:
            require_range("rin_db_per_hz", self.rin_db_per_hz, -200.0, -100.0, "dB/Hz")
        require_range("wavelength_nm", self.wavelength_nm, 1200.0, 1700.0, "nm")

    @property
    def power_mw(self) -> float:
        return 10 ** (self.power_dbm / 10)


def drive(
    symbols: np.ndarray,
    driver: Driver,
    samples_per_symbol: int,
    baud_gbd: float,
    rng: np.random.Generator | None = None,
) -> Waveform:
    """The driver's output voltage (V) for one period of ``symbols`` (module docstring)."""
    levels = pam4_levels(symbols)
    taps = np.asarray(driver.ffe_taps, dtype=float)
    taps = taps / np.sum(np.abs(taps))
    shaped = np.zeros_like(levels)
    for m, c in enumerate(taps):  # a handful of taps: one shifted copy each
        shaped += c * np.roll(levels, m - driver.ffe_main)
    held = np.repeat(shaped * driver.swing_vppd / 2, samples_per_symbol, axis=-1)
    wf = Waveform(held, np.asarray(symbols), samples_per_symbol, baud_gbd, "V")
    if driver.bandwidth_ghz is not None:
        wf = apply_response(wf, butterworth(driver.bandwidth_ghz, driver.order))
    samples = wf.samples + driver.bias_v
    if driver.noise_rms_mv > 0:
        if rng is None:
            raise ValueError("noise_rms_mv > 0 needs rng, a numpy Generator")
        samples = samples + white_noise(rng, samples.shape, driver.noise_rms_mv * 1e-3)
    return wf.replace(samples)


def transmit(
    symbols: np.ndarray,
    driver: Driver,
    modulator,
    laser: Laser,
    *,
    eo_response: Response = None,
    samples_per_symbol: int = 32,
    baud_gbd: float = 53.125,
    rng: np.random.Generator | None = None,
) -> Waveform:
    """The transmitter's optical field (sqrt(mW)) for one period of ``symbols``.

    Args:
        symbols: PAM4 symbols 0..3 (one pattern period).
        driver: the driver.
        modulator: ``(voltage_v, sample_rate_ghz) -> field transmission``
            (:mod:`lightlane.link.modulators`).
        laser: the CW laser.
        eo_response: the modulator's electrical response ``H(freq_ghz)`` applied to the
            voltage (None: flat).
        samples_per_symbol: samples per UI, 2..256.
        baud_gbd: symbol rate in GBd.
        rng: numpy Generator for the driver noise and RIN (needed when either is on).
    """
    if not callable(modulator):
        raise ValueError(f"modulator={modulator!r} must be a callable (voltage, rate) -> field")
    voltage = apply_response(drive(symbols, driver, samples_per_symbol, baud_gbd, rng), eo_response)
    field = np.asarray(modulator(np.real(voltage.samples), voltage.sample_rate_ghz), dtype=complex)
    if field.shape != np.shape(voltage.samples):
        raise ValueError(
            f"the modulator returned shape {field.shape}; the drive has {np.shape(voltage.samples)}"
        )
    power = np.full(field.shape, laser.power_mw)
    if laser.rin_db_per_hz is not None:
        if rng is None:
            raise ValueError("a laser with rin_db_per_hz needs rng, a numpy Generator")
        variance = 10 ** (laser.rin_db_per_hz / 10) * voltage.sample_rate_ghz * 1e9 / 2
        power = power * np.maximum(1 + white_noise(rng, field.shape, np.sqrt(variance)), 0.0)
    return voltage.replace(np.sqrt(power) * field, "sqrt(mW)")
