"""Modulator transfers for the time-domain link: drive voltage -> optical field transmission.

A modulator here is a callable ``(voltage_v, sample_rate_ghz) -> complex field transmission``
over the samples of one pattern period. The electrical response in front of it (the MZM's
loaded-line EO response, a ring's RC) is applied to the voltage beforehand by
:func:`lightlane.link.transmitter.transmit`; what is here is the optical part.

- :class:`MzmTransfer`: push-pull MZM at its operating point. The differential phase is
  ``pi v / V_pi + phase`` (``phase = 0`` at quadrature), so the power transmission is
  ``(1 + sin(pi v / V_pi + phase)) / 2`` and ``OMA = P sin(pi Vpp / (2 V_pi))`` at quadrature
  for a drive of ``-Vpp/2..Vpp/2``; a finite static extinction ``ER`` (arm imbalance ``k``, with
  ``ER = 1 / k^2``) adds ``j k sin(dphi / 2)`` to the field ``cos(dphi / 2)``.
- :class:`RingTransfer`: all-pass micro-ring by temporal coupled-mode theory (Haus, "Waves and
  Fields in Optoelectronics", 1984, ch. 7; Little et al., JLT 15(6), 998, 1997):
  ``da/dt = (j delta(t) - gamma) a - j sqrt(2 gamma_e) s``, ``t = s - j sqrt(2 gamma_e) a``,
  with the amplitude decay ``gamma = omega_0 / (2 Q_L)`` (split into intrinsic and coupling
  parts by ``Q_i``), and the detuning ``delta(t) = 2 pi c (lambda_r(v) - lambda_laser) /
  lambda^2``. Its steady state is the Lorentzian all-pass ``(gamma_i - gamma_e - j delta) /
  (gamma_i + gamma_e - j delta)``, of power FWHM ``2 gamma``, i.e. ``c / (lambda Q_L)`` in
  frequency; the field itself low-passes at the half width ``c / (2 lambda Q_L)`` (the photon
  lifetime ``tau = Q_L / omega_0`` of the stored energy, 1 / (2 tau) for the field). The
  solution is exact for a voltage held over each sample (a first-order linear recurrence), so
  the detuning-dependent peaking of a ring's modulation response (Sacher and Poon, Opt. Express
  16(20), 15741, 2008) comes out by itself.
- :class:`StaticTransfer`: any memoryless ``v -> field`` callable (a device model's transfer).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lightlane.link._checks import require_range

__all__ = ["C0", "MzmTransfer", "RingTransfer", "StaticTransfer", "linear_recurrence"]

C0 = 299792458.0  # m/s


@dataclass(frozen=True)
class MzmTransfer:
    """Push-pull MZM transfer at its operating point (module docstring).

    Attributes:
        v_pi_v: half-wave voltage of the differential drive in V, 0.1..50.
        phase_rad: phase offset from quadrature in rad, -pi..pi (0: quadrature).
        insertion_loss_db: loss at the transmission maximum in dB, 0..30.
        extinction_db: static extinction ratio of the interferometer in dB, 5..80.
    """

    v_pi_v: float
    phase_rad: float = 0.0
    insertion_loss_db: float = 0.0
    extinction_db: float = 60.0

    def __post_init__(self):
        require_range("v_pi_v", self.v_pi_v, 0.1, 50.0, "V")
        require_range("phase_rad", self.phase_rad, -np.pi, np.pi, "rad")
        require_range("insertion_loss_db", self.insertion_loss_db, 0.0, 30.0, "dB")
        require_range("extinction_db", self.extinction_db, 5.0, 80.0, "dB")

    def __call__(self, voltage_v: np.ndarray, sample_rate_ghz: float | None = None) -> np.ndarray:
        half = (np.pi * np.asarray(voltage_v) / self.v_pi_v + self.phase_rad + np.pi / 2) / 2
        k = 10 ** (-self.extinction_db / 20)
        loss = 10 ** (-self.insertion_loss_db / 20)
        # dphi / 2 measured from the null, so that quadrature sits at half = pi / 4.
        return loss * (np.sin(half) + 1j * k * np.cos(half))


@dataclass(frozen=True)
class StaticTransfer:
    """A memoryless transfer: ``function(voltage_v) -> complex field transmission``."""

    function: Callable[[np.ndarray], np.ndarray]

    def __post_init__(self):
        if not callable(self.function):
            raise ValueError(f"function={self.function!r} must be a callable voltage -> field")

    def __call__(self, voltage_v: np.ndarray, sample_rate_ghz: float | None = None) -> np.ndarray:
        return np.asarray(self.function(np.asarray(voltage_v)), dtype=complex)


def linear_recurrence(g: np.ndarray, u: np.ndarray, x0: complex = 0.0) -> np.ndarray:
    """``x[n + 1] = g[n] x[n] + u[n]`` for ``n = 0..N-1``: returns ``x[1..N]``, vectorised.

    Within a block ``x[m + 1] = G[m] (x0 + sum_k u[k] / G[k])`` with ``G`` the running product of
    ``g``; blocks are short enough that ``G`` stays in floating range (``|g| < 1``), and the
    states between blocks follow the same recurrence, solved the same way.
    """
    g = np.asarray(g, dtype=complex)
    u = np.asarray(u, dtype=complex)
    n = g.size
    decay = float(np.max(-np.log(np.abs(g)))) if n else 0.0
    if decay > 200.0:
        raise ValueError(f"a step decays by exp(-{decay:.0f}); use a finer time step")
    block = n if decay <= 0 else max(1, min(n, int(200.0 / decay)))
    if block >= n:
        G = np.cumprod(g)
        return G * (x0 + np.cumsum(u / G))
    pad = -n % block
    gb = np.concatenate([g, np.ones(pad)]).reshape(-1, block)
    ub = np.concatenate([u, np.zeros(pad)]).reshape(-1, block)
    G = np.cumprod(gb, axis=1)
    local = G * np.cumsum(ub / G, axis=1)
    starts = np.empty(gb.shape[0], dtype=complex)
    starts[0] = x0
    starts[1:] = linear_recurrence(G[:-1, -1], local[:-1, -1], x0)
    return (local + G * starts[:, None]).ravel()[:n]


@dataclass(frozen=True)
class RingTransfer:
    """All-pass ring modulator with its photon-lifetime dynamics (module docstring).

    Attributes:
        wavelength_nm: resonance wavelength at 0 V in nm, 1200..1700.
        q_loaded: loaded Q, 100..1e6.
        q_intrinsic: intrinsic Q (loss only), above ``q_loaded``; ``2 q_loaded`` is critical
            coupling (zero transmission on resonance).
        shift_pm_per_v: resonance shift per volt of drive in pm/V, -500..500 (positive: red).
        detuning_pm: laser wavelength minus the 0 V resonance in pm, -5000..5000.
        insertion_loss_db: loss off resonance in dB, 0..30.
    """

    wavelength_nm: float = 1311.0
    q_loaded: float = 5000.0
    q_intrinsic: float = 20000.0
    shift_pm_per_v: float = 30.0
    detuning_pm: float = -40.0
    insertion_loss_db: float = 0.0

    def __post_init__(self):
        require_range("wavelength_nm", self.wavelength_nm, 1200.0, 1700.0, "nm")
        require_range("q_loaded", self.q_loaded, 100.0, 1e6)
        require_range("q_intrinsic", self.q_intrinsic, self.q_loaded, 1e8, low_open=True)
        require_range("shift_pm_per_v", self.shift_pm_per_v, -500.0, 500.0, "pm/V")
        require_range("detuning_pm", self.detuning_pm, -5000.0, 5000.0, "pm")
        require_range("insertion_loss_db", self.insertion_loss_db, 0.0, 30.0, "dB")

    @property
    def _rates(self) -> tuple[float, float]:
        """(gamma, gamma_e): total and coupling amplitude decay rates in 1/ns."""
        omega0 = 2 * np.pi * C0 / (self.wavelength_nm * 1e-9) * 1e-9
        gamma = omega0 / (2 * self.q_loaded)
        return gamma, gamma - omega0 / (2 * self.q_intrinsic)

    @property
    def field_bandwidth_ghz(self) -> float:
        """The field's photon-lifetime pole ``c / (2 lambda Q_L)`` in GHz (half the FWHM)."""
        return self._rates[0] / (2 * np.pi)

    def detuning_rad_per_ns(self, voltage_v: np.ndarray) -> np.ndarray:
        """``delta = 2 pi c (lambda_r(v) - lambda_laser) / lambda^2`` in rad/ns."""
        offset_pm = self.shift_pm_per_v * np.asarray(voltage_v, dtype=float) - self.detuning_pm
        return 2 * np.pi * C0 * offset_pm * 1e-12 / (self.wavelength_nm * 1e-9) ** 2 * 1e-9

    def steady_state(self, voltage_v: np.ndarray) -> np.ndarray:
        """The static (Lorentzian all-pass) field transmission at each voltage."""
        gamma, gamma_e = self._rates
        delta = self.detuning_rad_per_ns(voltage_v)
        loss = 10 ** (-self.insertion_loss_db / 20)
        return loss * (gamma - 2 * gamma_e - 1j * delta) / (gamma - 1j * delta)

    def __call__(self, voltage_v: np.ndarray, sample_rate_ghz: float | None = None) -> np.ndarray:
        if sample_rate_ghz is None:
            raise ValueError("a ring's response needs sample_rate_ghz (it has memory)")
        require_range("sample_rate_ghz", sample_rate_ghz, 1.0, 1e5, "GHz")
        v = np.asarray(voltage_v, dtype=float)
        gamma, gamma_e = self._rates
        dt = 1.0 / sample_rate_ghz
        p = 1j * self.detuning_rad_per_ns(v) - gamma
        g = np.exp(p * dt)
        drive = -1j * np.sqrt(2 * gamma_e)  # unit input field
        u = (g - 1) / p * drive
        flat_g, flat_u = g.reshape(-1, v.shape[-1]), u.reshape(-1, v.shape[-1])
        rows = []
        for gi, ui in zip(flat_g, flat_u, strict=True):  # batch rows; samples stay vectorised
            # The pattern repeats: the periodic state solves x0 = G x0 + P over one period.
            response = linear_recurrence(gi, ui)
            total = np.exp(np.sum(np.log(gi)))
            x0 = response[-1] / (1 - total)
            a = np.concatenate([[x0], linear_recurrence(gi[:-1], ui[:-1], x0)])
            rows.append(a)
        a = np.reshape(rows, v.shape)
        loss = 10 ** (-self.insertion_loss_db / 20)
        return loss * (1 + drive * a)
