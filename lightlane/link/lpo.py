"""A linear pluggable (LPO) lane host to host: the host SerDes equalises the whole linear chain.

``host Tx (FFE) -> host channel -> linear driver -> modulator -> fibre -> photodiode ->
linear TIA (AGC) -> host channel -> host Rx (CTLE + FFE/DFE) -> pre-FEC BER``

No retimer sits in the module, so every impairment of the optics reaches the host's receiver,
which must equalise the two host channels, the driver, the modulator's EO response, the
photodiode and the TIA at once (LPO MSA FAQ, lpo-msa.org: "the link becomes a seamless linear
channel"; the electrical side builds on OIF CEI-112G-LINEAR-PAM4). The parts:

- host channel: a Touchstone file (:mod:`lightlane.link.touchstone`: a two-port's S21 or a
  four-port's differential SDD21) or a parametric loss at Nyquist, ``IL(f) =
  L (0.25 sqrt(f/fN) + 0.75 f/fN)`` dB (skin effect and dielectric loss, the shape of the 802.3
  ck/OIF channel fits; the split is an assumption), minimum phase;
- linear driver and TIA (defaults assumed: 60 / 45 GHz at 53 GBd, 0.5 / 1 % THD, 2 / 1 mV rms
  output noise, a 15 pA/sqrt(Hz) TIA input; a 2.5 Vppd swing, where the MZM's sine and the driver's
  compression together still leave RLM >= 0.95, 3 Vppd does not): gain, bandwidth (Butterworth),
  output noise and a memoryless cubic compression ``y = g (x - k x^3)`` whose ``k`` gives the
  stated THD for a full-swing tone (``THD ~ k A^2 / 4`` for ``k A^2 << 1``), the TIA behind an AGC
  that sets its output swing;
- host Rx: a CTLE (one zero, two poles, peaking = the Rx channel's Nyquist loss up to
  ``ctle_max_db``) and the least-squares FFE + DFE of :func:`lightlane.link.ber.pam4_ber`, after
  the SerDes's own input noise.

RLM and THD are the module's own, measured with a clean drive (no host channel, no host FFE), as on
a compliance board. Figures: pre-FEC BER (Gaussian estimate on the equalised decisions; Gray
coding: BER = SER / 2) against the FEC threshold 2.4e-4 of RS(544,514) (IEEE 802.3 clause 91, the
threshold this kit's budget uses), RLM (802.3 121.8.4 definition; the DR tables ask RLM >= 0.95)
and THD at the optical output. The LPO MSA's own host-channel and module limits (100G-DR-LPO
specification) were not available here: :data:`LPO_LIMITS` carries only the public ones."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from lightlane.link._checks import require_int, require_range
from lightlane.link.ber import pam4_ber
from lightlane.link.fibre import Fibre, propagate
from lightlane.link.levels import level_means, rlm
from lightlane.link.modulators import MzmTransfer
from lightlane.link.patterns import pam4_levels, pattern
from lightlane.link.receiver import Photodiode, Tia, detect
from lightlane.link.signals import (
    Response,
    Waveform,
    apply_response,
    butterworth,
    from_db,
    white_noise,
)
from lightlane.link.touchstone import PAIRINGS, channel_transfer

__all__ = [
    "LPO_LIMITS",
    "HostChannel",
    "LinearStage",
    "LpoLane",
    "LpoResult",
    "simulate_lpo",
    "sweep_host_loss",
    "thd",
]

LPO_LIMITS = {
    "pre_fec_ber_max": 2.4e-4,  # RS(544,514) KP4 FEC threshold (802.3 cl. 91)
    "rlm_min": 0.95,  # 802.3 Table 124-6 (DR): the optics must stay linear
}
"""The limits an LPO lane is checked against here, with their sources (module docstring)."""


@dataclass(frozen=True)
class HostChannel:
    """A host channel (package, PCB, connector): a loss at Nyquist or a measured Touchstone file.

    Attributes:
        loss_db: insertion loss at the Nyquist frequency in dB (parametric shape), 0..40.
        touchstone: path of a ``.s2p`` (its S21) or a single-ended ``.s4p`` (its differential
            SDD21) that replaces ``loss_db`` (:mod:`lightlane.link.touchstone`); beyond the
            file's frequency range its first and last points hold.
        pairing: the four-port's port pairs, ``"12-34"`` (1, 2 in and 3, 4 out: through 1-3 and
            2-4, scikit-rf's order) or ``"13-24"`` (1, 3 in: through 1-2 and 3-4).
        length_scale: the file's line taken ``length_scale`` times as long: its loss in dB and
            its phase scale together (a uniform line's attenuation and delay are per length),
            0.01..10; the host-loss sweep of a measured channel.
    """

    loss_db: float = 10.0
    touchstone: str | Path | None = None
    pairing: str = "12-34"
    length_scale: float = 1.0

    def __post_init__(self):
        require_range("loss_db", self.loss_db, 0.0, 40.0, "dB")
        require_range("length_scale", self.length_scale, 0.01, 10.0, "")
        if self.pairing not in PAIRINGS:
            raise ValueError(f"pairing={self.pairing!r}: use one of {', '.join(PAIRINGS)}")
        if self.touchstone is not None and not Path(self.touchstone).is_file():
            raise ValueError(f"touchstone={str(self.touchstone)!r}: no such file")

    def nyquist_loss_db(self, nyquist_ghz: float) -> float:
        """Insertion loss at the Nyquist frequency in dB: ``loss_db``, or the file's there."""
        if self.touchstone is None:
            return float(self.loss_db)
        h = self.response(nyquist_ghz)(np.array([nyquist_ghz]))[0]
        return float(-20 * np.log10(max(abs(h), 1e-15)))

    def response(self, nyquist_ghz: float) -> Response:
        """The channel's ``H(freq_ghz)``: the file's S21, or the parametric minimum-phase loss."""
        if self.touchstone is not None:
            freq, s21 = channel_transfer(self.touchstone, self.pairing)
            scale = self.length_scale
            mag = np.abs(s21) ** scale
            phase = np.unwrap(np.angle(s21)) * scale

            def measured(f):
                a = np.abs(np.asarray(f, dtype=float))
                h = np.interp(a, freq, mag) * np.exp(1j * np.interp(a, freq, phase))
                return np.where(np.asarray(f) < 0, np.conj(h), h)

            return measured
        loss = self.loss_db
        return from_db(lambda f: -loss * (0.25 * np.sqrt(f / nyquist_ghz) + 0.75 * f / nyquist_ghz))


@dataclass(frozen=True)
class LinearStage:
    """A linear amplifier (driver or TIA): bandwidth, output noise and compression.

    Attributes:
        bandwidth_ghz: 3-dB bandwidth (2nd-order Butterworth) in GHz.
        thd_percent: THD of a full-swing sine at its output in %, 0..20.
        noise_rms_mv: output-referred RMS noise in mV.
    """

    bandwidth_ghz: float = 60.0
    thd_percent: float = 2.0
    noise_rms_mv: float = 2.0

    def __post_init__(self):
        require_range("bandwidth_ghz", self.bandwidth_ghz, 1.0, 1000.0, "GHz")
        require_range("thd_percent", self.thd_percent, 0.0, 20.0, "%")
        require_range("noise_rms_mv", self.noise_rms_mv, 0.0, 1000.0, "mV")

    def compress(self, v: np.ndarray, full_swing: float) -> np.ndarray:
        """``v - k v^3`` with ``k`` so that a sine of peak ``full_swing / 2`` has this THD."""
        amplitude = full_swing / 2
        k = 4 * self.thd_percent / 100 / amplitude**2
        return (v - k * v**3) / (1 - k * amplitude**2)  # peak gain held at the swing


@dataclass(frozen=True)
class LpoLane:
    """One LPO lane (module docstring); voltages differential peak to peak.

    Attributes:
        baud_gbd: symbol rate (53.125 GBd for 100G-DR-LPO).
        samples_per_symbol: 8..64.
        host_swing_vppd: host SerDes output swing in V.
        host_ffe: host Tx FFE taps (pre, main, post), normalised to sum |c| = 1.
        tx_channel, rx_channel: the two host channels.
        driver: the linear driver; driver_swing_vppd its output swing (its gain follows).
        modulator: ``(v, rate) -> field`` (default a push-pull MZM with V_pi 9.7 V).
        eo_response: the modulator's EO response (None: flat).
        laser_power_dbm, optical_loss_db: the light at the modulator and the loss after it.
        fibre: the fibre (None: back to back).
        photodiode: the photodiode.
        tia: the linear TIA stage; tia_noise_pa_rthz its input noise; agc_swing_vppd the AGC's
            output swing.
        host_noise_mv: the host receiver's input-referred RMS noise in mV.
        ctle_max_db: the most peaking the host CTLE gives.
        rx_ffe_taps, rx_dfe_taps: the host receiver's equaliser.
    """

    baud_gbd: float = 53.125
    samples_per_symbol: int = 16
    host_swing_vppd: float = 0.8
    host_ffe: tuple[float, float, float] = (-0.1, 0.8, -0.1)
    tx_channel: HostChannel = field(default_factory=HostChannel)
    rx_channel: HostChannel = field(default_factory=HostChannel)
    driver: LinearStage = field(default_factory=lambda: LinearStage(60.0, 0.5, 2.0))
    driver_swing_vppd: float = 2.5
    modulator: object = field(default_factory=lambda: MzmTransfer(v_pi_v=9.7))
    eo_response: Response = None
    laser_power_dbm: float = 12.0
    optical_loss_db: float = 3.0
    fibre: Fibre | None = None
    photodiode: Photodiode = field(default_factory=Photodiode)
    tia: LinearStage = field(default_factory=lambda: LinearStage(45.0, 1.0, 1.0))
    tia_noise_pa_rthz: float = 15.0
    agc_swing_vppd: float = 0.5
    host_noise_mv: float = 2.0
    ctle_max_db: float = 12.0
    rx_ffe_taps: int = 9
    rx_dfe_taps: int = 1

    def __post_init__(self):
        require_range("baud_gbd", self.baud_gbd, 1.0, 300.0, "GBd")
        require_int("samples_per_symbol", self.samples_per_symbol, 8, 64)
        require_range("host_swing_vppd", self.host_swing_vppd, 0.05, 2.0, "V")
        if len(self.host_ffe) != 3 or not np.any(self.host_ffe):
            raise ValueError(f"host_ffe={self.host_ffe!r} must be 3 taps (pre, main, post)")
        require_range("driver_swing_vppd", self.driver_swing_vppd, 0.1, 10.0, "V")
        require_range("laser_power_dbm", self.laser_power_dbm, -10.0, 25.0, "dBm")
        require_range("optical_loss_db", self.optical_loss_db, 0.0, 30.0, "dB")
        require_range("tia_noise_pa_rthz", self.tia_noise_pa_rthz, 0.0, 200.0, "pA/rtHz")
        require_range("agc_swing_vppd", self.agc_swing_vppd, 0.05, 2.0, "V")
        require_range("host_noise_mv", self.host_noise_mv, 0.0, 100.0, "mV")
        require_range("ctle_max_db", self.ctle_max_db, 0.0, 30.0, "dB")
        require_int("rx_ffe_taps", self.rx_ffe_taps, 1, 41)
        require_int("rx_dfe_taps", self.rx_dfe_taps, 0, 16)
        if not callable(self.modulator):
            raise ValueError(f"modulator={self.modulator!r} must be a callable (v, rate) -> field")


@dataclass(frozen=True)
class LpoResult:
    """An LPO lane's figures: pre-FEC BER and the optical output's linearity."""

    host_loss_db: float
    pre_fec_ber: float
    rlm: float
    thd_percent: float
    ctle_peaking_db: float
    optical: Waveform

    @property
    def ok(self) -> bool:
        return (
            self.pre_fec_ber <= LPO_LIMITS["pre_fec_ber_max"] and self.rlm >= LPO_LIMITS["rlm_min"]
        )

    def figures(self) -> dict:
        return {
            "host_loss_db": self.host_loss_db,
            "pre_fec_ber": self.pre_fec_ber,
            "rlm": round(self.rlm, 4),
            "thd_percent": round(self.thd_percent, 3),
            "ctle_peaking_db": round(self.ctle_peaking_db, 2),
            "pass": self.ok,
        }


def _ctle(peaking_db: float, nyquist_ghz: float) -> Response:
    """One zero, two poles at 2 fN: the zero placed for ``peaking_db`` gain at fN over DC."""
    fp = 2 * nyquist_ghz
    if peaking_db <= 0:
        return butterworth(fp, 2)
    target = 10 ** (peaking_db / 20) * (1 + (nyquist_ghz / fp) ** 2)
    fz = nyquist_ghz / np.sqrt(max(target**2 - 1, 1e-12))
    return lambda f: (1 + 1j * f / fz) / (1 + 1j * f / fp) ** 2


def _scale_to(wf: Waveform, swing: float) -> Waveform:
    """AGC: scale a waveform so its outer levels span ``swing``."""
    levels = level_means(wf)
    span = float(levels[-1] - levels[0])
    if not span > 0:
        return wf
    mean = float(np.mean(wf.samples))
    return wf.replace((wf.samples - mean) * swing / span)


def _optical_power(lane: LpoLane, symbols, rng) -> tuple[Waveform, Waveform]:
    """(the driver's input after the host Tx channel, the optical power at the output)."""
    sps_, baud = lane.samples_per_symbol, lane.baud_gbd
    levels = pam4_levels(symbols)
    taps = np.asarray(lane.host_ffe, float) / np.sum(np.abs(lane.host_ffe))
    shaped = sum(c * np.roll(levels, m - 1) for m, c in enumerate(taps))
    host = Waveform(np.repeat(shaped * lane.host_swing_vppd / 2, sps_), symbols, sps_, baud, "V")
    at_driver = apply_response(host, lane.tx_channel.response(baud / 2))
    drive = _scale_to(apply_response(at_driver, butterworth(lane.driver.bandwidth_ghz, 2)),
                      lane.driver_swing_vppd)  # fmt: skip
    v = lane.driver.compress(np.real(drive.samples), lane.driver_swing_vppd)
    if lane.driver.noise_rms_mv > 0:
        v = v + white_noise(rng, v.shape, lane.driver.noise_rms_mv * 1e-3)
    v_wf = apply_response(drive.replace(v), lane.eo_response)
    field_ = np.asarray(lane.modulator(np.real(v_wf.samples), v_wf.sample_rate_ghz), complex)
    power = 10 ** ((lane.laser_power_dbm - lane.optical_loss_db) / 10) * np.abs(field_) ** 2
    return at_driver, v_wf.replace(power, "mW")


def thd(lane: LpoLane, tone_ghz: float = 1.0, n: int = 4096) -> float:
    """THD in % of the optical power for a full-swing sine through driver and modulator."""
    rate = n * tone_ghz / 16  # 16 periods in the record: harmonics fall on FFT bins
    t = np.arange(n) / rate
    v = lane.driver_swing_vppd / 2 * np.sin(2 * np.pi * tone_ghz * t)
    v = lane.driver.compress(v, lane.driver_swing_vppd)
    power = np.abs(np.asarray(lane.modulator(v, rate), complex)) ** 2
    spectrum = np.abs(np.fft.rfft(power - power.mean()))
    harmonics = spectrum[16 * np.arange(1, 6)]
    return float(np.sqrt(np.sum(harmonics[1:] ** 2)) / harmonics[0] * 100)


def simulate_lpo(lane: LpoLane, rng: np.random.Generator) -> LpoResult:
    """Pre-FEC BER, RLM and THD of one LPO lane host to host, over one PRBS13Q period."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy Generator (np.random.default_rng(seed))")
    symbols = pattern("prbs13q")
    _, optical = _optical_power(lane, symbols, rng)
    received = optical
    if lane.fibre is not None:
        field_in = optical.replace(np.sqrt(optical.samples), "sqrt(mW)")
        received = propagate(field_in, lane.fibre, 1311.0)
    tia = Tia(None, lane.tia_noise_pa_rthz, 1000.0)
    current = detect(received, lane.photodiode, tia, rng)
    tia_out = apply_response(current, butterworth(lane.tia.bandwidth_ghz, 2))
    tia_out = _scale_to(tia_out, lane.agc_swing_vppd)
    v = lane.tia.compress(np.real(tia_out.samples), lane.agc_swing_vppd)
    if lane.tia.noise_rms_mv > 0:
        v = v + white_noise(rng, v.shape, lane.tia.noise_rms_mv * 1e-3)
    nyquist = lane.baud_gbd / 2
    at_host = apply_response(tia_out.replace(v), lane.rx_channel.response(nyquist))
    noise = white_noise(rng, at_host.samples.shape, lane.host_noise_mv * 1e-3)
    at_host = at_host.replace(np.real(at_host.samples) + noise)
    peaking = min(lane.rx_channel.nyquist_loss_db(nyquist), lane.ctle_max_db)
    equalised = apply_response(at_host, _ctle(peaking, nyquist))
    result = pam4_ber(equalised.replace(np.real(equalised.samples)), lane.rx_ffe_taps,
                      dfe_taps=lane.rx_dfe_taps)  # fmt: skip
    # linearity is the module's own: measured as a compliance board would, with a clean drive
    clean = replace(lane, tx_channel=HostChannel(0.0), host_ffe=(0.0, 1.0, 0.0))
    linearity = rlm(level_means(_optical_power(clean, symbols, rng)[1]))
    loss = max(lane.tx_channel.nyquist_loss_db(nyquist), lane.rx_channel.nyquist_loss_db(nyquist))
    return LpoResult(loss, float(result.ber), float(linearity), thd(lane), peaking, optical)


def sweep_host_loss(lane: LpoLane, losses_db, seed: int = 0) -> dict:
    """Pre-FEC BER against the host channel loss (both channels at each loss) and the largest
    loss meeting the FEC threshold (interpolated in log BER; None if even the first fails)."""
    losses = np.asarray(losses_db, dtype=float)
    if losses.ndim != 1 or losses.size < 2 or np.any(np.diff(losses) <= 0):
        raise ValueError(f"losses_db={losses_db!r} must be >= 2 increasing losses in dB")
    ber = []
    for k, loss in enumerate(losses):
        channel = replace(lane.tx_channel, loss_db=float(loss), touchstone=None)
        run = replace(lane, tx_channel=channel, rx_channel=channel)
        ber.append(simulate_lpo(run, np.random.default_rng(seed + k)).pre_fec_ber)
    ber_arr = np.maximum(np.asarray(ber), 1e-30)
    limit = LPO_LIMITS["pre_fec_ber_max"]
    passing = ber_arr <= limit
    largest = None
    if passing[0]:
        k = int(np.argmin(passing)) if not passing.all() else losses.size - 1
        if passing.all():
            largest = float(losses[-1])
        else:
            a, b = np.log10(ber_arr[k - 1]), np.log10(ber_arr[k])
            frac = (np.log10(limit) - a) / (b - a) if b != a else 0.0
            largest = float(losses[k - 1] + frac * (losses[k] - losses[k - 1]))
    return {
        "host_loss_db": losses.tolist(),
        "pre_fec_ber": [float(b) for b in ber],
        "fec_threshold": limit,
        "largest_host_loss_db": largest,
    }
