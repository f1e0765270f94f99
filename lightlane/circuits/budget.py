"""Per-lane link budget: from laser power and simulated losses to pass/fail against the specs.

Transmitter: the modulator's outer levels ``t1 > t0`` (power transmissions at its operating
point, from its model) set the powers at the fibre, ``P1,0 = P_laser - loss + 10 log10 t1,0``
with ``loss`` the rest of the chain; ``OMA = P1 - P0`` and ``ER = P1 / P0``. For a push-pull MZM
at quadrature ``t1,0 = t_max (1 +- s) / 2`` with ``s = sin(pi Vpp / (2 V_pi))``, so
``OMA = P_max s`` (derived from the MZM's ``cos^2`` transfer biased at quadrature; see
:mod:`lightlane.models.mzm`), which :func:`quadrature_levels` gives.

Receiver: the lane's received OMA is the transmitter's minus the standard's channel loss, checked
against the standard's sensitivity; on chip, the photocurrent OMA at that sensitivity (fibre to
photodiode loss from the simulation, worst fibre polarisation, times the responsivity) must
exceed what the receiver amplifier needs: ``OMA >= 6 Q sigma`` for PAM4 (three eyes, each half
eye ``Q`` noise sigmas) at the KP4 FEC threshold (BER 2.4e-4, Q = 3.5), ``sigma`` the
input-referred noise of a 100G-class TIA, 15 pA/sqrt(Hz) over 0.75 x baud (published 56-112 GBd
TIAs: 12-20 pA/sqrt(Hz)).

TDECQ is not simulated (it needs the electrical channel and a reference equaliser): it is taken
as :data:`TDECQ_ASSUMED_DB`, a typical datasheet figure, and stated as an assumption.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from lightlane.circuits.standards import Standard

__all__ = [
    "FR_LASER_POWER_DBM",
    "LASER_POWER_PER_LANE_DBM",
    "TDECQ_ASSUMED_DB",
    "LaneBudget",
    "default_laser_power_dbm",
    "SpecLine",
    "lane_budget",
    "quadrature_levels",
    "required_photocurrent_oma_ua",
]

LASER_POWER_PER_LANE_DBM = 12.0
"""CW laser power in dBm per DR lane at the chip (~16 mW): a DR engine's shared laser carries N
times this (+18 dBm for 4 lanes, +21 dBm for 8; high-power O-band DFBs give 50-150 mW)."""
FR_LASER_POWER_DBM = 14.0
"""CW power in dBm of each FR laser at the chip (25 mW; CWDM4 DFBs give 20-40 mW). An FR lane
also pays the multiplexer (about 2 dB at its window edges) and a laser coupler of its own: at
the DR lane's +12 dBm its outer lanes miss OMA - TDECQ >= -1.7 dBm by 0.2-0.4 dB."""


def default_laser_power_dbm(standard: Standard) -> float:
    """The laser power at one laser input of ``standard``'s engine."""
    if standard.wdm_groups:
        return FR_LASER_POWER_DBM
    return LASER_POWER_PER_LANE_DBM + 10 * math.log10(standard.lanes)


TDECQ_ASSUMED_DB = 2.5
"""Assumed TDECQ in dB (typical of 100G/200G-per-lane module datasheets; spec <= 3.4 dB)."""
TIA_NOISE_PA_RT_HZ = 15.0
Q_KP4 = 3.5


@dataclass(frozen=True)
class SpecLine:
    """One checked figure: ``value`` against ``limit`` (``kind`` "min" or "max")."""

    name: str
    value: float
    limit: float
    kind: str
    unit: str

    @property
    def ok(self) -> bool:
        return self.value >= self.limit - 1e-9 if self.kind == "min" else self.value <= self.limit

    @property
    def margin(self) -> float:
        return self.value - self.limit if self.kind == "min" else self.limit - self.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "limit": self.limit,
            "kind": self.kind,
            "unit": self.unit,
            "margin": round(self.margin, 3),
            "pass": self.ok,
        }


@dataclass(frozen=True)
class LaneBudget:
    """The budget of one lane: the chain of powers and the spec lines it is checked against."""

    lane: int
    wavelength_nm: float
    chain: dict[str, float]
    lines: list[SpecLine] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(line.ok for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lane": self.lane,
            "wavelength_nm": self.wavelength_nm,
            "chain": {k: round(v, 3) for k, v in self.chain.items()},
            "specs": [line.to_dict() for line in self.lines],
            "pass": self.ok,
        }


def required_photocurrent_oma_ua(baud_gbd: float) -> float:
    """Photocurrent OMA in uA a PAM4 receiver needs at the KP4 threshold (module docstring)."""
    sigma_a = TIA_NOISE_PA_RT_HZ * 1e-12 * math.sqrt(0.75 * baud_gbd * 1e9)
    return 6 * Q_KP4 * sigma_a * 1e6


def _dbm(mw: float) -> float:
    return 10 * math.log10(max(mw, 1e-30))


def quadrature_levels(v_pi_v: float, vpp_v: float, t_max: float = 1.0) -> tuple[float, float]:
    """Outer levels of a push-pull MZM at quadrature: ``t_max (1 +- sin(pi Vpp / 2 V_pi)) / 2``."""
    s = math.sin(math.pi * vpp_v / (2 * v_pi_v))
    return t_max * (1 + s) / 2, t_max * (1 - s) / 2


def lane_budget(
    standard: Standard,
    lane: int,
    wavelength_nm: float,
    *,
    laser_power_dbm: float | None = None,
    tx_loss_db: float | None = None,
    t1: float | None = None,
    t0: float | None = None,
    rx_loss_db: float | None = None,
    responsivity_a_w: float | None = None,
) -> LaneBudget:
    """The link budget of one lane; Tx figures need ``tx_loss_db``, Rx figures ``rx_loss_db``.

    Args:
        standard: the interface (specs, channel loss, baud).
        lane: lane number (1-based).
        wavelength_nm: lane centre wavelength.
        laser_power_dbm: laser power at the chip; None: default_laser_power_dbm.
        tx_loss_db: laser input to transmit fibre, without the modulator's own transmission.
        t1: the modulator's upper outer level (power transmission, 0..1).
        t0: its lower outer level (< t1).
        rx_loss_db: receive fibre to photodiode, worst fibre polarisation.
        responsivity_a_w: photodiode responsivity at the lane wavelength.
    """
    chain: dict[str, float] = {}
    lines: list[SpecLine] = []
    tx_oma = standard.tx_oma_min_dbm  # the Rx chain assumes the spec's weakest transmitter
    if tx_loss_db is not None:
        if t1 is None or t0 is None or not 0 <= t0 < t1 <= 1:
            raise ValueError(f"a transmitter budget needs levels 0 <= t0 < t1 <= 1, got {t0}, {t1}")
        laser = default_laser_power_dbm(standard) if laser_power_dbm is None else laser_power_dbm
        p1 = laser - tx_loss_db + 10 * math.log10(t1)
        p0 = laser - tx_loss_db + 10 * math.log10(max(t0, 1e-12))
        tx_oma = _dbm(10 ** (p1 / 10) - 10 ** (p0 / 10))
        er = p1 - p0
        chain.update(
            laser_dbm=laser,
            tx_loss_db=tx_loss_db,
            p1_dbm=p1,
            p0_dbm=p0,
            tx_oma_dbm=tx_oma,
            tx_average_dbm=_dbm((10 ** (p1 / 10) + 10 ** (p0 / 10)) / 2),
        )
        lines += [
            SpecLine("Tx OMA", tx_oma, standard.tx_oma_min_dbm, "min", "dBm"),
            SpecLine("Tx OMA (max)", tx_oma, standard.tx_oma_max_dbm, "max", "dBm"),
            SpecLine("extinction ratio", er, standard.er_min_db, "min", "dB"),
            SpecLine("TDECQ (assumed)", TDECQ_ASSUMED_DB, standard.tdecq_max_db, "max", "dB"),
            SpecLine(
                "OMA - TDECQ",
                tx_oma - TDECQ_ASSUMED_DB,
                standard.oma_minus_tdecq_min_dbm,
                "min",
                "dBm",
            ),
        ]
    if rx_loss_db is not None:
        if responsivity_a_w is None:
            raise ValueError("a receiver budget needs responsivity_a_w")
        received = tx_oma - standard.channel_loss_db
        at_sensitivity = standard.rx_sensitivity_oma_dbm - rx_loss_db
        current = responsivity_a_w * 10 ** (at_sensitivity / 10) * 1e3  # uA
        needed = required_photocurrent_oma_ua(standard.baud_gbd)
        chain.update(
            channel_loss_db=standard.channel_loss_db,
            rx_input_oma_dbm=received,
            rx_loss_db=rx_loss_db,
            pd_oma_at_sensitivity_dbm=at_sensitivity,
            photocurrent_oma_ua=current,
            required_oma_ua=needed,
        )
        lines += [
            SpecLine(
                "Rx input OMA vs sensitivity",
                received,
                standard.rx_sensitivity_oma_dbm,
                "min",
                "dBm",
            ),
            SpecLine("photocurrent OMA at sensitivity", current, round(needed, 3), "min", "uA"),
        ]
    return LaneBudget(lane, wavelength_nm, chain, lines)
