"""Per-lane link budget: pure arithmetic on dB and dBm, checked against a standard's limits.

The engine feeds these functions the losses it simulates (splitter, modulator, mux/demux); the
defaults below are what a design starts from, each with its source:

- laser: DR shares one CW laser over N lanes through a 1:N splitter, FR has one laser per
  wavelength (DOMAIN.md section 1). Powers are assumptions (DOMAIN.md gives none): +20 dBm for the
  shared DR laser (100 mW-class O-band CW DFB, the source class of DR8 and co-packaged external
  laser designs) and +13 dBm per FR laser (20 mW DFB).
- coupling: edge coupler 1.5 dB per facet (DOMAIN.md section 2, 1-1.5 dB [pub], worst end).
- splitter: 10 log10(N) plus 0.3 dB excess per 1x2 stage (MMI excess 0.2-0.5 dB [pub]).
- modulator: 3.5 dB insertion loss at its transmission peak (traveling-wave MZM, 2.5 mm at
  1.2 dB/mm plus two MMIs, DOMAIN.md section 2). Push-pull at quadrature with swing Vpp:
  ``OMA = P_max sin(pi Vpp / (2 V_pi))`` (DOMAIN.md section 2), the levels
  ``P_max (1 +- sin(.)) / 2`` and so ``ER = (1 + sin) / (1 - sin)``; defaults V_pi = 6 V
  (V_pi L 1.5 V cm over 2.5 mm) and Vpp = 2.5 V (a linear driver's differential swing).
- TDECQ: 2.0 dB assumed (a typical measured SiPh MZM eye at 53 GBd; not simulated here).
- receiver: polarisation splitter-rotator 1.0 dB (DOMAIN.md: < 1 dB), Ge photodiode 0.9 A/W
  (DOMAIN.md: 0.8-1.0 A/W).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from lightlane.circuits.standards import Standard

__all__ = [
    "Check",
    "LaneBudget",
    "RxInputs",
    "TxInputs",
    "default_tx_inputs",
    "lane_budget",
    "modulation_factors",
    "splitter_loss_db",
]

DR_LASER_DBM = 20.0
FR_LASER_DBM = 13.0
SPLITTER_EXCESS_PER_STAGE_DB = 0.3


def splitter_loss_db(
    lanes: int, excess_per_stage_db: float = SPLITTER_EXCESS_PER_STAGE_DB
) -> float:
    """Loss in dB of a 1:N binary tree of 1x2 splitters: the 1/N share plus each stage's excess."""
    if lanes < 1:
        raise ValueError(f"lanes={lanes} must be >= 1")
    return 10 * math.log10(lanes) + excess_per_stage_db * math.ceil(math.log2(lanes))


def modulation_factors(v_pi: float, vpp: float) -> tuple[float, float]:
    """(OMA / P_max, extinction ratio) of a push-pull MZM at quadrature swung by ``vpp`` volts.

    ``OMA / P_max = sin(pi Vpp / (2 V_pi))`` (DOMAIN.md section 2); ``ER = (1 + s) / (1 - s)``.
    Raises ValueError unless ``0 < vpp < v_pi`` (at Vpp = V_pi the zero level is dark: ER is
    infinite and the quadrature formula no longer describes the eye).
    """
    if not (v_pi > 0 and 0 < vpp < v_pi):
        raise ValueError(f"vpp={vpp:g} V must be > 0 and below v_pi={v_pi:g} V")
    s = math.sin(math.pi * vpp / (2 * v_pi))
    return s, (1 + s) / (1 - s)


@dataclass(frozen=True)
class TxInputs:
    """What one transmit lane is made of (powers in dBm, losses in dB, voltages in V).

    Attributes:
        laser_dbm: power of the laser feeding this lane.
        lanes_per_laser: lanes that share it (N of the 1:N splitter; 1 for FR).
        laser_coupling_db: laser-to-chip coupling loss.
        splitter_db: loss of the 1:N splitter for this lane (None: :func:`splitter_loss_db`).
        modulator_db: modulator insertion loss at its transmission peak.
        mux_db: multiplexer insertion loss for this lane (0 for DR).
        output_coupling_db: chip-to-fibre coupling loss.
        v_pi: modulator half-wave voltage; vpp: drive swing (push-pull, peak to peak).
        tdecq_db: assumed TDECQ of the lane.
    """

    laser_dbm: float
    lanes_per_laser: int
    laser_coupling_db: float = 1.5
    splitter_db: float | None = None
    modulator_db: float = 3.5
    mux_db: float = 0.0
    output_coupling_db: float = 1.5
    v_pi: float = 6.0
    vpp: float = 2.5
    tdecq_db: float = 2.0


@dataclass(frozen=True)
class RxInputs:
    """What one receive lane is made of (losses in dB, responsivity in A/W).

    Attributes:
        coupling_db: fibre-to-chip coupling loss.
        psr_db: polarisation splitter-rotator (or 2-D grating) excess loss.
        demux_db: demultiplexer insertion loss for this lane (0 for DR).
        responsivity_a_per_w: photodiode responsivity.
    """

    coupling_db: float = 1.5
    psr_db: float = 1.0
    demux_db: float = 0.0
    responsivity_a_per_w: float = 0.9


def default_tx_inputs(standard: Standard, **overrides: float) -> TxInputs:
    """The module-docstring defaults for ``standard``: shared laser for DR, one per lane for FR."""
    if standard.is_wdm:
        base = TxInputs(laser_dbm=FR_LASER_DBM, lanes_per_laser=1)
    else:
        base = TxInputs(laser_dbm=DR_LASER_DBM, lanes_per_laser=standard.lanes)
    return TxInputs(**{**asdict(base), **overrides})


@dataclass(frozen=True)
class Check:
    """One spec line: ``value`` against ``limit`` (``kind`` "min": value >= limit)."""

    name: str
    value: float
    limit: float
    kind: str
    unit: str

    @property
    def passed(self) -> bool:
        return self.value >= self.limit if self.kind == "min" else self.value <= self.limit

    @property
    def margin(self) -> float:
        """How far inside the limit (negative: outside), in the check's unit."""
        return self.value - self.limit if self.kind == "min" else self.limit - self.value

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed, "margin": round(self.margin, 6)}


@dataclass(frozen=True)
class LaneBudget:
    """The budget of one lane: every intermediate figure and the spec checks."""

    standard: str
    lane: int
    wavelength_nm: float
    figures: dict[str, float]
    checks: tuple[Check, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def failures(self) -> list[str]:
        """Names of the spec lines this lane misses."""
        return [check.name for check in self.checks if not check.passed]

    def to_dict(self) -> dict:
        """Plain data for summary.json."""
        return {
            "standard": self.standard,
            "lane": self.lane,
            "wavelength_nm": self.wavelength_nm,
            "figures": {k: round(v, 6) for k, v in self.figures.items()},
            "checks": [check.to_dict() for check in self.checks],
            "passed": self.passed,
        }


def lane_budget(
    standard: Standard, lane: int, tx: TxInputs, rx: RxInputs | None = None
) -> LaneBudget:
    """Budget of ``lane`` (0-based) of ``standard``: Tx at the fibre, then the channel and Rx.

    Tx: ``P_max = laser - coupling - splitter - modulator`` at the modulator's output peak;
    ``OMA = P_max + 10 log10(sin(pi Vpp / 2 V_pi)) - mux - output coupling``. Rx: the received
    OMA is the Tx OMA minus the standard's full channel loss, the Rx coupling, the PSR and the
    demux; the photocurrent swing is responsivity times that OMA. Checks: Tx OMA min/max, ER,
    TDECQ, OMA - TDECQ (where the standard states them) and the Rx sensitivity margin.
    """
    if not 0 <= lane < standard.lanes:
        raise ValueError(f"lane={lane} is outside 0..{standard.lanes - 1} of {standard.name}")
    rx = rx or RxInputs()
    splitter = (
        tx.splitter_db if tx.splitter_db is not None else splitter_loss_db(tx.lanes_per_laser)
    )
    oma_factor, er = modulation_factors(tx.v_pi, tx.vpp)
    p_max = tx.laser_dbm - tx.laser_coupling_db - splitter - tx.modulator_db
    after_mod = tx.mux_db + tx.output_coupling_db
    tx_oma = p_max + 10 * math.log10(oma_factor) - after_mod
    tx_avg = p_max - 10 * math.log10(2) - after_mod
    rx_oma = tx_oma - standard.channel_loss_db - rx.coupling_db - rx.psr_db - rx.demux_db
    current_ua = rx.responsivity_a_per_w * 10 ** (rx_oma / 10) * 1e3  # mW x A/W = mA -> uA
    figures = {
        "laser_dbm": tx.laser_dbm,
        "splitter_db": splitter,
        "modulator_peak_dbm": p_max,
        "oma_factor_db": 10 * math.log10(oma_factor),
        "tx_average_dbm": tx_avg,
        "tx_oma_dbm": tx_oma,
        "er_db": 10 * math.log10(er),
        "tdecq_db": tx.tdecq_db,
        "channel_loss_db": standard.channel_loss_db,
        "rx_oma_dbm": rx_oma,
        "photocurrent_oma_ua": current_ua,
        "rx_margin_db": rx_oma - standard.rx.sensitivity_oma_dbm,
    }
    spec = standard.tx
    checks = [
        Check("tx_oma_max", tx_oma, spec.oma_max_dbm, "max", "dBm"),
        Check("er_min", figures["er_db"], spec.er_min_db, "min", "dB"),
        Check("tdecq_max", tx.tdecq_db, spec.tdecq_max_db, "max", "dB"),
        Check("rx_sensitivity", rx_oma, standard.rx.sensitivity_oma_dbm, "min", "dBm"),
    ]
    if spec.oma_min_dbm is not None:
        checks.insert(0, Check("tx_oma_min", tx_oma, spec.oma_min_dbm, "min", "dBm"))
    if spec.oma_minus_tdecq_min_dbm is not None:
        value = tx_oma - tx.tdecq_db
        checks.append(Check("oma_minus_tdecq", value, spec.oma_minus_tdecq_min_dbm, "min", "dBm"))
    return LaneBudget(standard.name, lane, standard.wavelengths_nm[lane], figures, tuple(checks))
