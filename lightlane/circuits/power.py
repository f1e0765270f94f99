"""Power per bit of an engine: laser wall-plug, driver, TIA, heaters and tuning, DSP.

Each block is a parameter of :class:`PowerParameters` with its source or the assumption it is;
:func:`power_per_bit` adds them up for any engine summary (``summary.json``) and a package's
parameters, per lane and for the engine, in W and pJ/bit of the engine's payload (both
directions: a module's Tx and Rx are counted once each, the way module power is quoted).

- Laser: the optical power at the chip's laser input (the budget's figure) plus the laser-to-chip
  coupling loss, over the wall-plug efficiency; an external laser (CPO) also loses its
  polarisation-maintaining fibre and connectors on the way.
- Driver: an MZM driver's output stage sinks the current that swings ``vppd`` across its load:
  ``I = vppd / (2 R_load)`` (a differential pair switched fully), ``P = V_supply I`` times an
  overhead for the pre-driver and bias; a ring's CMOS driver charges the ring's capacitance,
  ``C V^2 f / 2`` per transition rate, plus its serialiser share.
- TIA: supply power per receive lane (a parameter).
- Heaters: what the engine's summary says its modulators' operating points take (the MZM's
  quadrature bias, the ring's detuning, from the thermal model), plus, for rings, the tuning
  loop's headroom to hold the lock over the temperature range; and the held CWDM4 filters'
  heaters at the nominal chip temperature (``summary["filter_heaters"]``).
- DSP: energy per bit of a retiming PAM4 DSP where present.
- Conversion: DC-DC and microcontroller overhead as an efficiency on the total.

The per-lane electrical figures depend on the lane rate: each is given at 100G lanes
(53.125 GBd) and 200G lanes (106.25 GBd), a pair ``(at 100G, at 200G)``
(:data:`LANE_RATES_GBD`), and read at the engine's symbol rate on the power law through the
two (:func:`at_lane_rate`). The 200G figures and their sources:

- DSP energy per bit: 25 % below the 5 nm 100G-lane DSP for a 3 nm 200G-lane one (Marvell's Ara,
  3 nm, 8 x 200G: "more than 20 %" lower 1.6T module power, Electronic Design, 28 May 2025;
  the vendor's 30 % per bit; an assumption between the two).
- Drivers and TIAs: twice the bandwidth at the same gain. A TIA's transimpedance limit
  ``R_T <= A f_A / (2 pi C_T f_3dB^2)`` (E. Saeckinger, "The transimpedance limit", IEEE Trans.
  Circuits Syst. I 57(8), 1848, 2010)
  asks for 4x the gain-bandwidth at a fixed input capacitance. In one SiGe process that is
  about twice the gain stages' current; they are about half of a TIA's supply (the output
  buffer's swing does not change), so a 200G lane's TIA takes 1.5x. A driver's pre-driver and
  gain stages double (its ``driver_overhead``, on the output stage, which only depends on the
  swing). These are assumptions from the circuit law, not datasheet figures: no public
  per-channel power of a 200G-lane linear driver or TIA was found.
- A ring driver's ``C V^2 f`` follows the symbol rate by itself; its serialiser energy per bit
  stays (an assumption).

Published totals (the comparison, :func:`published_pj_per_bit`), per lane rate:

- 100G lanes (800G modules, :data:`PUBLISHED_PJ_PER_BIT`): 14-16 W per 800G for DSP pluggables
  and 5.5 W per 800G for a co-packaged engine (R. Pancholy, Broadcom, interviewed on the Bailly
  CPO switch, Laser Focus World, 2023); ~8-9 W per 800G for linear pluggables (public module
  figures; no primary source found, an assumption to check against datasheets).
- 200G lanes (1.6T, :data:`PUBLISHED_PJ_PER_BIT_200G`): a 1.6T pluggable port "around 30 W" and
  a co-packaged one about 9 W with micro-ring modulators (NVIDIA at GTC, March 2025, on its
  Spectrum-X/Quantum-X Photonics switches, as reported by TechInsights, 16 July 2025); vendor
  1.6T DSP modules "below 25 W" (15.6 pJ/bit). No published 1.6T linear pluggable figure was
  found: the 800G one is kept, stated.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

__all__ = [
    "LANE_RATES_GBD",
    "PUBLISHED_PJ_PER_BIT",
    "PUBLISHED_PJ_PER_BIT_200G",
    "PowerParameters",
    "at_lane_rate",
    "power_per_bit",
    "published_pj_per_bit",
    "within",
]

LANE_RATES_GBD = (53.125, 106.25)
"""Symbol rates of the two lane rates the per-lane figures are given at: 100G and 200G PAM4
lanes (IEEE 802.3 Clause 124 and 802.3dj)."""
PUBLISHED_PJ_PER_BIT = {
    "dsp": (17.5, 20.0),  # 14-16 W per 800G (Pancholy 2023)
    "lpo": (10.0, 11.25),  # ~8-9 W per 800G (assumed from public module figures)
    "cpo": (6.9, 6.9),  # 5.5 W per 800G (Pancholy 2023)
}
"""Published module/engine power per bit at 100G lanes, (low, high) in pJ/bit (module
docstring)."""
PUBLISHED_PJ_PER_BIT_200G = {
    "dsp": (15.6, 18.75),  # 1.6T: vendor modules < 25 W; NVIDIA's ~30 W pluggable port
    "lpo": (10.0, 11.25),  # none published at 1.6T: the 800G figure, stated
    "cpo": (5.6, 5.6),  # ~9 W per 1.6T co-packaged port (NVIDIA, GTC 2025)
}
"""Published power per bit at 200G lanes (1.6T), (low, high) in pJ/bit (module docstring)."""
_RATED = ("driver_overhead", "ring_driver_pj_per_bit", "tia_mw_per_lane", "dsp_pj_per_bit")


def at_lane_rate(pair: tuple[float, float], baud_gbd: float) -> float:
    """A per-lane figure ``(at 100G, at 200G)`` at ``baud_gbd``: the power law through the two
    points of :data:`LANE_RATES_GBD` (exact at both; 26-120 GBd); a straight line, kept >= 0,
    where one of the two is 0."""
    baud_gbd = float(baud_gbd)
    if not 26.0 <= baud_gbd <= 120.0:
        raise ValueError(f"baud_gbd={baud_gbd} GBd must lie in 26..120 GBd (the figures' range)")
    low, high = (float(v) for v in pair)
    (b0, b1), x = LANE_RATES_GBD, baud_gbd
    if low == 0.0 or high == 0.0:
        return max(low + (high - low) * (x - b0) / (b1 - b0), 0.0)
    return float(low * (high / low) ** (np.log(x / b0) / np.log(b1 / b0)))


@dataclass(frozen=True)
class PowerParameters:
    """Power figures of one package's electrical and optical blocks.

    The per-lane electrical figures (``driver_overhead``, ``ring_driver_pj_per_bit``,
    ``tia_mw_per_lane``, ``dsp_pj_per_bit``) are pairs ``(at 100G lanes, at 200G lanes)``; a
    single number is taken at both (module docstring).

    Attributes:
        laser_wall_plug: laser wall-plug efficiency (electrical to optical), including its
            bias and temperature control. Assumption: 0.20 for an uncooled O-band DFB at module
            temperature (high-power DFBs for silicon photonics quote 15-25 %).
        laser_coupling_db: laser to chip coupling loss in dB (assumption: 1.5 dB, a lensed or
            butt-coupled DFB into a spot-size converter).
        laser_path_db: extra loss from the laser to the chip in dB: 0 for a laser in the module;
            for an external laser source the PM fibre, its connectors and the ELS's own split
            (assumption: 2.5 dB).
        driver_supply_v: driver supply in V (SiGe linear drivers: 3.3 V).
        driver_load_ohm: per-side load the driver swings in ohm (a 50 ohm line terminated on
            chip, back-terminated: 25 ohm).
        driver_overhead: factor on the output stage for the pre-driver, gain stages and bias
            (assumption: 1.5 at 100G lanes, the gain stages doubled at 200G: 2.0; a linear
            driver with CTLE more than a limiting one).
        ring_capacitance_ff: junction plus pad capacitance a ring driver charges, fF
            (assumption: 50 fF, a flip-chip-bonded ring).
        ring_driver_pj_per_bit: serialiser and pre-driver energy of a CMOS ring driver, pJ/bit
            (assumption: 0.5 at both rates).
        tia_mw_per_lane: TIA supply power per receive lane in mW (assumption: 180 mW for a
            linear 100G TIA with AGC, 60 mW for one integrated in a CPO EIC; 1.5x at 200G).
        dsp_pj_per_bit: PAM4 DSP retimer energy in pJ/bit of payload, both directions, host and
            line side (0 where there is none). 8 pJ/bit at 100G lanes: the difference between
            the cited DSP and linear pluggable totals (module docstring), i.e. sized from them;
            6 at 200G lanes (a 3 nm DSP, module docstring).
        ring_tuning_range_k: temperature range the ring lock must hold in K (a CPO engine
            beside a switch ASIC: 40 K, assumption).
        conversion_efficiency: DC-DC and control efficiency on the total (assumption: 0.88).
        housekeeping_w: fixed power of the module's microcontroller, monitors and regulators'
            control in W (assumption: 0.5 W for a pluggable; 0 for CPO, whose control is shared
            with the switch).
    """

    laser_wall_plug: float = 0.20
    laser_coupling_db: float = 1.5
    laser_path_db: float = 0.0
    driver_supply_v: float = 3.3
    driver_load_ohm: float = 25.0
    driver_overhead: float | tuple[float, float] = (1.5, 2.0)
    ring_capacitance_ff: float = 50.0
    ring_driver_pj_per_bit: float | tuple[float, float] = (0.5, 0.5)
    tia_mw_per_lane: float | tuple[float, float] = (180.0, 270.0)
    dsp_pj_per_bit: float | tuple[float, float] = (0.0, 0.0)
    ring_tuning_range_k: float = 40.0
    conversion_efficiency: float = 0.88
    housekeeping_w: float = 0.5

    def __post_init__(self) -> None:
        for name in _RATED:
            value = getattr(self, name)
            pair = (value, value) if np.isscalar(value) else tuple(value)
            if len(pair) != 2:
                raise ValueError(f"{name}={value}: give one number or (at 100G, at 200G)")
            object.__setattr__(self, name, tuple(float(v) for v in pair))
        for name in ("laser_wall_plug", "conversion_efficiency"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise ValueError(f"{name}={value} must lie in (0, 1]")
        for name, value in asdict(self).items():
            if min(np.atleast_1d(value)) < 0:
                raise ValueError(f"{name}={value} must be >= 0")

    def at(self, baud_gbd: float) -> dict[str, float]:
        """The per-lane figures at ``baud_gbd`` (:func:`at_lane_rate`)."""
        return {name: at_lane_rate(getattr(self, name), baud_gbd) for name in _RATED}


def power_per_bit(summary: dict[str, Any], params: PowerParameters) -> dict[str, Any]:
    """Power of the engine in ``summary`` (W per block, total, pJ/bit) under ``params``.

    A transmit-only or receive-only engine is counted for what it holds.
    """
    std = summary["interface"]
    lanes = int(std["lanes"])
    baud = float(std["baud_gbd"])
    rate_gbps = float(std["total_rate_gbps"])
    side = summary["side"]
    rated = params.at(baud)
    blocks: dict[str, float] = {}
    devices = summary.get("devices", {})
    if side in ("tx", "trx"):
        modulator = devices["modulator"]
        chip_mw = sum(
            10 ** (b["chain"]["laser_dbm"] / 10) for b in summary["budget"]
        ) / _shared_lasers(summary)
        launch = chip_mw * 10 ** ((params.laser_coupling_db + params.laser_path_db) / 10)
        blocks["laser"] = launch / params.laser_wall_plug * 1e-3
        vpp = float(modulator["vpp_v"])
        if modulator["cell"] == "ring_modulator":
            c = params.ring_capacitance_ff * 1e-15
            serialiser = rated["ring_driver_pj_per_bit"] * 2 * baud * 1e-3
            per_lane = c * vpp**2 * baud * 1e9 / 2 + serialiser
        else:
            current = vpp / (2 * params.driver_load_ohm)
            per_lane = params.driver_supply_v * current * rated["driver_overhead"]
        blocks["driver"] = per_lane * lanes
        heat = [lvl.get("heater_power_mw", 0.0) for lvl in modulator["levels"].values()]
        per_heater = sum(heat) / len(heat) if heat else 0.0
        tuning = 0.0
        if modulator["cell"] == "ring_modulator":
            pm_per_mw = float(modulator["pm_per_mw"])
            drift = float(modulator["drift_pm_per_k"])  # the ring's own, as the corners use
            tuning = params.ring_tuning_range_k * drift / pm_per_mw / 2
        blocks["heaters"] = (per_heater + tuning) * lanes * 1e-3
    filters = summary.get("filter_heaters") or {}
    if filters.get("total_mw"):  # the held CWDM4 filters' heaters (mux and demux), nominal
        blocks["heaters"] = blocks.get("heaters", 0.0) + float(filters["total_mw"]) * 1e-3
    if side in ("rx", "trx"):
        blocks["tia"] = rated["tia_mw_per_lane"] * lanes * 1e-3
    directions = 2 if side == "trx" else 1
    blocks["dsp"] = rated["dsp_pj_per_bit"] * rate_gbps * directions / 2 * 1e-3
    blocks["housekeeping"] = params.housekeeping_w
    subtotal = sum(blocks.values())
    blocks["conversion"] = subtotal / params.conversion_efficiency - subtotal
    total = sum(blocks.values())
    return {
        "blocks_w": {k: round(v, 4) for k, v in blocks.items()},
        "total_w": round(total, 4),
        "pj_per_bit": round(total / (rate_gbps * 1e9) * 1e12, 3),
        "parameters": asdict(params),
        "at_lane_rate": {k: round(v, 4) for k, v in rated.items()},
    }


def _shared_lasers(summary: dict[str, Any]) -> int:
    """How many lanes share one laser input (the budget repeats its power per lane)."""
    std = summary["interface"]
    groups = std.get("wdm_groups") or 0
    return 1 if groups else int(std["lanes"])


def published_pj_per_bit(package: str, baud_gbd: float = 53.125) -> tuple[float, float]:
    """The published (low, high) pJ/bit of ``package`` at its lane rate: 100G lanes
    (:data:`PUBLISHED_PJ_PER_BIT`) below 80 GBd, 200G lanes (:data:`PUBLISHED_PJ_PER_BIT_200G`)
    above."""
    table = PUBLISHED_PJ_PER_BIT if baud_gbd < 80.0 else PUBLISHED_PJ_PER_BIT_200G
    if package not in table:
        raise ValueError(f"package={package!r}: choose one of {', '.join(table)}")
    return table[package]


def within(
    pj_per_bit: float, package: str, tolerance: float = 0.25, baud_gbd: float = 53.125
) -> bool:
    """Whether ``pj_per_bit`` lies within ``tolerance`` of the published range."""
    low, high = published_pj_per_bit(package, baud_gbd)
    return low * (1 - tolerance) <= pj_per_bit <= high * (1 + tolerance) and math.isfinite(
        pj_per_bit
    )
