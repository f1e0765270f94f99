"""Receiver front end: photodiode (responsivity, bandwidth, dark current, shot noise) and TIA.

``detect`` turns an optical field (sqrt(mW)) or power (mW) into the TIA's output voltage:

- photocurrent ``I = R P`` plus the dark current; shot noise of one-sided density ``2 q I``
  (A^2/Hz) drawn per sample over the simulation's band ``f_s / 2``, following the instantaneous
  current (it is signal dependent); the photodiode's bandwidth filters both;
- the TIA's input-referred noise, white at ``i_n`` (pA/sqrt(Hz)), is added at its input and
  low-passed by its bandwidth, as is the signal; the output is ``Z_T I`` (V).

The photodiode and TIA bandwidths are 2nd-order Butterworth responses unless a response is
given; their noise is the standard receiver noise model (Agrawal, "Fiber-Optic Communication
Systems", 4th ed., sec. 4.4).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lightlane.link._checks import require_range
from lightlane.link.signals import Response, Waveform, apply_response, butterworth, white_noise

__all__ = ["Photodiode", "Tia", "detect"]

Q_E = 1.602176634e-19  # C


@dataclass(frozen=True)
class Photodiode:
    """Photodiode.

    Attributes:
        responsivity_a_w: responsivity in A/W, 0.01..1.3.
        bandwidth_ghz: 3-dB bandwidth in GHz (2nd-order Butterworth), None for none.
        dark_current_na: dark current in nA, 0..1e4.
        shot_noise: whether to add shot noise.
    """

    responsivity_a_w: float = 0.9
    bandwidth_ghz: float | None = 60.0
    dark_current_na: float = 10.0
    shot_noise: bool = True

    def __post_init__(self):
        require_range("responsivity_a_w", self.responsivity_a_w, 0.01, 1.3, "A/W")
        if self.bandwidth_ghz is not None:
            require_range("bandwidth_ghz", self.bandwidth_ghz, 1.0, 1000.0, "GHz")
        require_range("dark_current_na", self.dark_current_na, 0.0, 1e4, "nA")


@dataclass(frozen=True)
class Tia:
    """Transimpedance amplifier.

    Attributes:
        bandwidth_ghz: 3-dB bandwidth in GHz (2nd-order Butterworth), None for none.
        noise_density_pa_rthz: input-referred noise current density in pA/sqrt(Hz), 0..200.
        gain_ohm: transimpedance in Ohm, 1..1e6.
    """

    bandwidth_ghz: float | None = 50.0
    noise_density_pa_rthz: float = 15.0
    gain_ohm: float = 1000.0

    def __post_init__(self):
        if self.bandwidth_ghz is not None:
            require_range("bandwidth_ghz", self.bandwidth_ghz, 1.0, 1000.0, "GHz")
        require_range("noise_density_pa_rthz", self.noise_density_pa_rthz, 0.0, 200.0, "pA/rtHz")
        require_range("gain_ohm", self.gain_ohm, 1.0, 1e6, "Ohm")


def _power_mw(optical: Waveform) -> np.ndarray:
    if optical.unit == "sqrt(mW)":
        return np.abs(optical.samples) ** 2
    if optical.unit == "mW":
        return np.asarray(optical.samples, dtype=float)
    raise ValueError(
        f"detect needs an optical field (sqrt(mW)) or power (mW), got {optical.unit!r}"
    )


def detect(
    optical: Waveform,
    photodiode: Photodiode,
    tia: Tia,
    rng: np.random.Generator | None = None,
    *,
    photodiode_response: Response = None,
    tia_response: Response = None,
) -> Waveform:
    """The TIA output voltage (V) for ``optical`` (module docstring).

    ``photodiode_response`` and ``tia_response`` replace the Butterworth responses of the
    stated bandwidths when given (e.g. a measured S21 through :func:`~.signals.from_db`).
    ``rng`` is needed when any noise is on.
    """
    power = _power_mw(optical)
    current = photodiode.responsivity_a_w * power * 1e-3 + photodiode.dark_current_na * 1e-9
    band_hz = optical.sample_rate_ghz * 1e9 / 2
    noisy = photodiode.shot_noise or tia.noise_density_pa_rthz > 0
    if noisy and rng is None:
        raise ValueError("shot or TIA noise needs rng, a numpy Generator (or turn both off)")
    if photodiode.shot_noise:
        sigma = np.sqrt(2 * Q_E * np.maximum(current, 0.0) * band_hz)
        current = current + white_noise(rng, current.shape, 1.0) * sigma
    wf = optical.replace(current, "A")
    pd_h = photodiode_response
    if pd_h is None and photodiode.bandwidth_ghz is not None:
        pd_h = butterworth(photodiode.bandwidth_ghz, 2)
    wf = apply_response(wf, pd_h)
    if tia.noise_density_pa_rthz > 0:
        rms = tia.noise_density_pa_rthz * 1e-12 * np.sqrt(band_hz)
        wf = wf.replace(wf.samples + white_noise(rng, np.shape(wf.samples), rms))
    tia_h = tia_response
    if tia_h is None and tia.bandwidth_ghz is not None:
        tia_h = butterworth(tia.bandwidth_ghz, 2)
    wf = apply_response(wf, tia_h)
    return wf.replace(wf.samples * tia.gain_ohm, "V")
