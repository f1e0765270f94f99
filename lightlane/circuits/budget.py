"""Per-lane link budget: simulated lane figures checked against the standard's limits.

Transmitter: the time-domain link (:mod:`lightlane.circuits.lane_link`) gives the lane's
TDECQ, TECQ, OMA_outer, average power, ER and RLM as ratios to the laser power; the static chain
(laser power, the engine's simulated loss from laser to fibre without the modulator, worst over
the lane window) scales them to the fibre: ``OMA = P_laser - loss + OMA_rel``. Each is checked
against its line of the PMD's transmit table, the dependent ones by the standard's functions
(Tx OMA min ``max(OMA_min, (OMA - TDECQ)_min + TDECQ)``, the ER-dependent OMA - TDECQ).

Receiver: the simulated sensitivity at the photodiode (``lane_link.rx_sensitivity``: TIA noise
over the chain's bandwidth, and the eye closure of the photodiode and TIA responses) plus the
fibre-to-photodiode loss (worst fibre polarisation, worst over the window) is the receiver's
sensitivity at its input, checked against ``max(S_min, SECQ - offset)`` at the SECQ of the ideal
source it was simulated with (0 dB); the stressed receiver sensitivity adds the SRS test's SECQ
(the receiver equalises as the reference does) and, on WDM receivers, the crosstalk penalty of
the demultiplexer's simulated leakage with the aggressor lanes at the SRS test's OMA, and the
weakest compliant transmitter through the worst channel (``Tx OMA min`` at the TDECQ limit less
the channel loss) must reach it. The crosstalk penalty is ``-10 log10(1 - 3 X r)`` for PAM4
(three eyes each closed by the interferer's full swing ``X r`` of the victim's OMA; ``X`` the
summed leakage, ``r`` the aggressor-to-victim OMA ratio).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from lightlane.circuits.standards import Standard

__all__ = [
    "FR_LASER_POWER_DBM",
    "LASER_POWER_PER_LANE_DBM",
    "LaneBudget",
    "SpecLine",
    "crosstalk_penalty_db",
    "default_laser_power_dbm",
    "engine_laser_power",
    "lane_budget",
    "quadrature_levels",
]

LASER_POWER_PER_LANE_DBM = 12.0
"""CW laser power in dBm per DR lane at the chip (~16 mW): a DR engine's shared laser carries N
times this (+18 dBm for 4 lanes, +21 dBm for 8; high-power O-band DFBs give 50-150 mW)."""
FR_LASER_POWER_DBM = 14.0
"""CW power in dBm of each FR laser at the chip (25 mW; CWDM4 DFBs give 20-40 mW)."""


def default_laser_power_dbm(standard: Standard) -> float:
    """The laser power at one laser input of ``standard``'s engine."""
    if standard.wdm_groups:
        return FR_LASER_POWER_DBM
    return LASER_POWER_PER_LANE_DBM + 10 * math.log10(standard.lanes)


def engine_laser_power(
    standard: Standard,
    tx_loss_db: list[float],
    tx_links: list[dict[str, float]],
    available_dbm: float | None = None,
) -> dict[str, Any]:
    """The laser power that centres the engine's lanes in the standard's Tx OMA window.

    Each lane's OMA at 0 dBm laser is ``o_k = OMA_rel,k - loss_k`` (its modulator's simulated
    levels and the simulated laser-to-fibre loss); its window is ``[Tx OMA min_k (TDECQ_k, ER_k),
    Tx OMA max]``. One laser power serves every lane (a DR engine's shared laser; an FR engine's
    lasers are one part), so the feasible range is ``[max_k(min_k - o_k), min_k(max - o_k)]`` and
    the chosen power is its midpoint, each lane's OMA then sitting as far as the spread allows
    from both limits. The laser cannot exceed ``available_dbm`` (the part's rating;
    :func:`default_laser_power_dbm` when None): above it the rating is used and the Tx OMA line
    names the shortfall. A modulator that loses less light (a ring at its resonance edge) gets
    less laser power than a Mach-Zehnder, so it does not overshoot the OMA maximum.
    """
    if available_dbm is None:
        available_dbm = default_laser_power_dbm(standard)
    rel = [link["oma_outer_rel_db"] - loss for link, loss in zip(tx_links, tx_loss_db, strict=True)]
    lows = [
        standard.tx_oma_min(link["tdecq_db"], link["extinction_ratio_db"]) - o
        for link, o in zip(tx_links, rel, strict=True)
    ]
    low = max(lows)
    high = min(standard.tx_oma_max_dbm - o for o in rel)
    centre = (low + high) / 2
    power = min(centre, available_dbm)
    return {
        "power_dbm": round(float(power), 3),
        "window_low_dbm": round(float(low), 3),
        "window_high_dbm": round(float(high), 3),
        "available_dbm": round(float(available_dbm), 3),
        "limited_by_rating": bool(centre > available_dbm),
        "basis": "midpoint of the laser powers that put every lane's simulated Tx OMA between "
        f"Tx OMA min and max ({standard.clause} {standard.tx_table})",
    }


@dataclass(frozen=True)
class SpecLine:
    """One checked figure: ``value`` against ``limit`` (``kind`` "min" or "max"), with the
    standard's clause and table the limit comes from."""

    name: str
    value: float
    limit: float
    kind: str
    unit: str
    clause: str = ""

    @property
    def ok(self) -> bool:
        if not math.isfinite(self.value):
            return (self.value > 0) == (self.kind == "min")
        return self.value >= self.limit - 1e-9 if self.kind == "min" else self.value <= self.limit

    @property
    def margin(self) -> float:
        return self.value - self.limit if self.kind == "min" else self.limit - self.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": round(self.value, 3),
            "limit": round(self.limit, 3),
            "kind": self.kind,
            "unit": self.unit,
            "margin": round(self.margin, 3),
            "pass": self.ok,
            "clause": self.clause,
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


def _dbm(mw: float) -> float:
    return 10 * math.log10(max(mw, 1e-30))


def quadrature_levels(v_pi_v: float, vpp_v: float, t_max: float = 1.0) -> tuple[float, float]:
    """Outer levels of a push-pull MZM at quadrature: ``t_max (1 +- sin(pi Vpp / 2 V_pi)) / 2``."""
    s = math.sin(math.pi * vpp_v / (2 * v_pi_v))
    return t_max * (1 + s) / 2, t_max * (1 - s) / 2


def crosstalk_penalty_db(leakage_db: float, aggressor_over_victim_db: float) -> float:
    """PAM4 penalty in dB of an interferer ``leakage_db`` below the victim's path whose OMA is
    ``aggressor_over_victim_db`` above the victim's: ``-10 log10(1 - 3 X r)`` (inf: eye shut)."""
    closure = 3 * 10 ** (leakage_db / 10) * 10 ** (aggressor_over_victim_db / 10)
    return math.inf if closure >= 1 else -10 * math.log10(1 - closure)


def lane_budget(
    standard: Standard,
    lane: int,
    wavelength_nm: float,
    *,
    laser_power_dbm: float | None = None,
    tx_loss_db: float | None = None,
    tx_link: dict[str, float] | None = None,
    tx_reflectance_db: float | None = None,
    rx_loss_db: float | None = None,
    rx_link: dict[str, float] | None = None,
    rx_reflectance_db: float | None = None,
    crosstalk_db: float | None = None,
    group: dict[str, float] | None = None,
) -> LaneBudget:
    """The link budget of one lane; Tx lines need ``tx_loss_db`` and ``tx_link``, Rx lines
    ``rx_loss_db`` and ``rx_link``.

    Args:
        standard: the interface (its PMD tables).
        lane: lane number (1-based).
        wavelength_nm: lane centre wavelength.
        laser_power_dbm: laser power at the chip; None: default_laser_power_dbm.
        tx_loss_db: laser input to transmit fibre, without the modulator, worst over the window.
        tx_link: :func:`lightlane.circuits.lane_link.tx_lane` figures (TDECQ, OMA_rel, ...).
        tx_reflectance_db: the transmitter's simulated reflectance at its fibre port (dB).
        rx_loss_db: receive fibre to photodiode, worst fibre polarisation.
        rx_link: :func:`lightlane.circuits.lane_link.rx_sensitivity` figures.
        rx_reflectance_db: the receiver's simulated reflectance at its fibre port (dB).
        crosstalk_db: summed leakage of the other lanes into this one (dB, WDM receivers).
        group: lines shared by a WDM group's lanes: ``total_launch_dbm``, ``oma_spread_db``.
    """
    chain: dict[str, float] = {}
    lines: list[SpecLine] = []
    if tx_loss_db is not None:
        if tx_link is None:
            raise ValueError("a transmitter budget needs tx_link (the lane's simulated figures)")
        laser = default_laser_power_dbm(standard) if laser_power_dbm is None else laser_power_dbm
        lines += _tx_lines(standard, chain, laser, tx_loss_db, tx_link)
        lines += _tx_optional_lines(standard, tx_reflectance_db, group)
    if rx_loss_db is not None:
        if rx_link is None:
            raise ValueError("a receiver budget needs rx_link (the simulated receiver)")
        lines += _rx_lines(standard, chain, rx_loss_db, rx_link, rx_reflectance_db, crosstalk_db)
    return LaneBudget(lane, wavelength_nm, chain, lines)


def _tx_lines(
    standard: Standard,
    chain: dict[str, float],
    laser: float,
    tx_loss_db: float,
    tx_link: dict[str, float],
) -> list[SpecLine]:
    """The transmit table's per-lane lines (OMA, launch power, ER, TDECQ); fills ``chain``."""
    tx_tab = f"{standard.clause} {standard.tx_table}"
    oma = laser - tx_loss_db + tx_link["oma_outer_rel_db"]
    average = laser - tx_loss_db + tx_link["average_rel_db"]
    er, tdecq = tx_link["extinction_ratio_db"], tx_link["tdecq_db"]
    chain.update(
        laser_dbm=laser,
        tx_loss_db=tx_loss_db,
        tx_oma_dbm=oma,
        tx_average_dbm=average,
        tdecq_db=tdecq,
        tecq_db=tx_link["tecq_db"],
        extinction_ratio_db=er,
        rlm=tx_link["rlm"],
    )
    return [
        SpecLine("Tx OMA", oma, standard.tx_oma_min(tdecq, er), "min", "dBm", tx_tab),
        SpecLine("Tx OMA (max)", oma, standard.tx_oma_max_dbm, "max", "dBm", tx_tab),
        SpecLine(
            "average launch power",
            average,
            standard.average_launch_min_dbm,
            "min",
            "dBm",
            tx_tab,
        ),
        SpecLine(
            "average launch power (max)",
            average,
            standard.average_launch_max_dbm,
            "max",
            "dBm",
            tx_tab,
        ),
        SpecLine("extinction ratio", er, standard.er_min_db, "min", "dB", tx_tab),
        SpecLine("TDECQ", tdecq, standard.tdecq_max_db, "max", "dB", tx_tab),
        SpecLine(
            "TDECQ - 10log10(Ceq)",
            tx_link["tdecq_minus_ceq_db"],
            standard.tdecq_minus_ceq_max_db,
            "max",
            "dB",
            tx_tab,
        ),
        SpecLine(
            "OMA - TDECQ", oma - tdecq, standard.oma_minus_tdecq_min(er), "min", "dBm", tx_tab
        ),
    ]


def _tx_optional_lines(
    standard: Standard, tx_reflectance_db: float | None, group: dict[str, float] | None
) -> list[SpecLine]:
    """The transmit lines that apply when their figure or limit exists (reflectance, group)."""
    tx_tab = f"{standard.clause} {standard.tx_table}"
    lines: list[SpecLine] = []
    if tx_reflectance_db is not None:
        lines.append(
            SpecLine(
                "Tx reflectance",
                tx_reflectance_db,
                standard.tx_reflectance_max_db,
                "max",
                "dB",
                tx_tab,
            )
        )
    if group is not None and standard.total_launch_max_dbm is not None:
        lines.append(
            SpecLine(
                "total launch power",
                group["total_launch_dbm"],
                standard.total_launch_max_dbm,
                "max",
                "dBm",
                tx_tab,
            )
        )
    if group is not None and standard.lane_oma_difference_max_db is not None:
        lines.append(
            SpecLine(
                "OMA difference between lanes",
                group["oma_spread_db"],
                standard.lane_oma_difference_max_db,
                "max",
                "dB",
                tx_tab,
            )
        )
    return lines


def _rx_lines(
    standard: Standard,
    chain: dict[str, float],
    rx_loss_db: float,
    rx_link: dict[str, float],
    rx_reflectance_db: float | None,
    crosstalk_db: float | None,
) -> list[SpecLine]:
    """The receive table's lines (sensitivity, stressed sensitivity, reflectance); fills
    ``chain``."""
    rx_tab = f"{standard.clause} {standard.rx_table}"
    sensitivity = rx_link["sensitivity_at_pd_dbm"] + rx_loss_db
    stressed = sensitivity + standard.srs_secq_db
    penalty = 0.0
    if crosstalk_db is not None and standard.aggressor_oma_dbm is not None:
        ratio = standard.aggressor_oma_dbm - standard.stressed_sensitivity_oma_dbm
        penalty = crosstalk_penalty_db(crosstalk_db, ratio)
    chain.update(
        rx_loss_db=rx_loss_db,
        rx_sensitivity_at_pd_dbm=rx_link["sensitivity_at_pd_dbm"],
        rx_sensitivity_dbm=sensitivity,
        rx_isi_penalty_db=rx_link["isi_penalty_db"],
        crosstalk_penalty_db=penalty,
    )
    weakest = standard.tx_oma_min(standard.tdecq_max_db) - standard.channel_loss_db
    chain["rx_input_oma_weakest_tx_dbm"] = weakest
    lines = [
        # The weakest compliant transmitter (Tx OMA min at TDECQ max) through the
        # standard's worst channel must reach this receiver's stressed sensitivity.
        SpecLine(
            "Rx input OMA (weakest Tx)",
            weakest,
            stressed + penalty,
            "min",
            "dBm",
            f"{rx_tab}, channel loss {standard.channel_loss_db:g} dB",
        ),
        SpecLine(
            "Rx sensitivity (OMA)",
            sensitivity,
            standard.rx_sensitivity(0.0),
            "max",
            "dBm",
            rx_tab,
        ),
        SpecLine(
            "stressed Rx sensitivity (OMA)",
            stressed + penalty,
            standard.stressed_sensitivity_oma_dbm,
            "max",
            "dBm",
            rx_tab,
        ),
    ]
    if rx_reflectance_db is not None:
        lines.append(
            SpecLine(
                "Rx reflectance",
                rx_reflectance_db,
                standard.rx_reflectance_max_db,
                "max",
                "dB",
                rx_tab,
            )
        )
    return lines
